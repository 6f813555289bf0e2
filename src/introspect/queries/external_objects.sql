-- Names the migrations may use without defining them: built-ins and extension members.
select json_build_object('kind', 'function', 'schema', n.nspname, 'name', p.proname)
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname = 'pg_catalog'
   or exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
union all
select json_build_object('kind', 'type', 'schema', n.nspname, 'name', t.typname)
from pg_type t join pg_namespace n on n.oid = t.typnamespace
where (n.nspname = 'pg_catalog' and t.typtype <> 'c')
   or exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')
union all
select json_build_object('kind', 'relation', 'schema', n.nspname, 'name', c.relname)
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
  and exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
union all
select json_build_object('kind', 'opclass', 'schema', n.nspname, 'name', o.opcname)
from pg_opclass o join pg_namespace n on n.oid = o.opcnamespace
where n.nspname = 'pg_catalog'
   or exists (select 1 from pg_depend d where d.classid = 'pg_opclass'::regclass and d.objid = o.oid and d.deptype = 'e')
