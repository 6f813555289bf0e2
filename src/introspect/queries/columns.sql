select json_build_object(
  'schema', n.nspname,
  'table', c.relname,
  'name', a.attname,
  'type', format_type(a.atttypid, a.atttypmod),
  'collation', case when a.attcollation <> t.typcollation then (select co.collname from pg_collation co where co.oid = a.attcollation) end,
  'not_null', a.attnotnull,
  'default', case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end,
  'generated', case when a.attgenerated <> '' then pg_get_expr(d.adbin, d.adrelid) end,
  'identity', a.attidentity,
  'comment', col_description(c.oid, a.attnum),
  'acl', a.attacl::text[])
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_type t on t.oid = a.atttypid
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where c.relkind in ('r', 'p', 'f', 'v', 'm') and a.attnum > 0 and not a.attisdropped
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and n.nspname not like 'pg\_temp\_%'
  and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
order by n.nspname, c.relname, a.attnum
