-- Columns of every relation, by relation oid (the client names relations and puts columns in
-- order). Defaults and column comments come in queries of their own: joining them here made the
-- server's plan several times slower than the three scans. Columns of extension members are read
-- too: keys and foreign keys name columns by number, and a foreign key may reference an
-- extension's table.
select
  a.attrelid as "relation",
  a.attnum as "number",
  a.attname as "name",
  format_type(a.atttypid, a.atttypmod) as "type",
  a.attcollation as "collation_oid",
  case when a.attcollation <> 0 and a.attcollation <> (select t.typcollation from pg_type t where t.oid = a.atttypid)
       then (select co.collname from pg_collation co where co.oid = a.attcollation) end as "collation",
  a.attnotnull as "not_null",
  a.attgenerated <> '' as "generated",
  a.attidentity as "identity",
  a.attacl::text[] as "acl",
  a.attfdwoptions as "foreign_options"
from pg_attribute a
where a.attrelid in (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
                      where c.relkind in ('r', 'p', 'f', 'v', 'm')
                        and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
                        and n.nspname not like 'pg\_temp\_%')
  and a.attnum > 0 and not a.attisdropped
