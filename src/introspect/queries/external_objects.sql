-- Names the migrations may use without defining them: built-ins and extension members.
select 'function' as "kind", n.nspname as "schema", p.proname as "name"
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname = 'pg_catalog'
   or exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
union all
select 'type' as "kind", n.nspname as "schema", t.typname as "name"
from pg_type t join pg_namespace n on n.oid = t.typnamespace
where (n.nspname = 'pg_catalog' and t.typtype <> 'c')
   or exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')
union all
select 'relation' as "kind", n.nspname as "schema", c.relname as "name"
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
  and exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
union all
select 'opclass' as "kind", n.nspname as "schema", o.opcname as "name"
from pg_opclass o join pg_namespace n on n.oid = o.opcnamespace
where n.nspname = 'pg_catalog'
   or exists (select 1 from pg_depend d where d.classid = 'pg_opclass'::regclass and d.objid = o.oid and d.deptype = 'e')
