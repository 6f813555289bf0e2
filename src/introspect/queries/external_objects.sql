-- Names the migrations may use without defining them: built-ins and extension members.
select 'function' as "kind", n.nspname as "schema", p.proname as "name"
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname = 'pg_catalog'
   or p.oid in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_proc'::regclass and deptype = 'e')
union all
select 'type' as "kind", n.nspname as "schema", t.typname as "name"
from pg_type t join pg_namespace n on n.oid = t.typnamespace
where (n.nspname = 'pg_catalog' and t.typtype <> 'c')
   or t.oid in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_type'::regclass and deptype = 'e')
union all
select 'relation' as "kind", n.nspname as "schema", c.relname as "name"
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
  and c.oid in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_class'::regclass and deptype = 'e')
union all
select 'opclass' as "kind", n.nspname as "schema", o.opcname as "name"
from pg_opclass o join pg_namespace n on n.oid = o.opcnamespace
where n.nspname = 'pg_catalog'
   or o.oid in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_opclass'::regclass and deptype = 'e')
