select
  n.nspname as "name",
  pg_get_userbyid(n.nspowner) as "owner",
  n.nspacl::text[] as "acl",
  obj_description(n.oid, 'pg_namespace') as "comment"
from pg_namespace n
where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
  and not exists (select 1 from pg_depend d where d.classid = 'pg_namespace'::regclass and d.objid = n.oid and d.deptype = 'e')
