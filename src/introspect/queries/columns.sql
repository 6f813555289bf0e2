-- Columns of every relation (the client puts them in order). A default cannot refer to a column,
-- so it is deparsed without its table (relid 0): the server then need not load the table, which
-- is most of the cost. Columns of extension members are read too: keys and foreign keys name
-- columns by number, and a foreign key may reference an extension's table.
select
  a.attrelid as "relation",
  a.attnum as "number",
  a.attcollation as "collation_oid",
  n.nspname as "schema",
  c.relname as "table",
  a.attname as "name",
  format_type(a.atttypid, a.atttypmod) as "type",
  case when a.attcollation <> t.typcollation then co.collname end as "collation",
  a.attnotnull as "not_null",
  case when a.attgenerated = '' then pg_get_expr(d.adbin, 0) end as "default",
  case when a.attgenerated <> '' then pg_get_expr(d.adbin, d.adrelid) end as "generated",
  a.attidentity as "identity",
  ds.description as "comment",
  a.attacl::text[] as "acl"
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
join pg_type t on t.oid = a.atttypid
left join pg_collation co on co.oid = a.attcollation
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
left join pg_description ds on ds.objoid = c.oid and ds.classoid = 'pg_class'::regclass and ds.objsubid = a.attnum
where c.relkind in ('r', 'p', 'f', 'v', 'm')
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and n.nspname not like 'pg\_temp\_%'
