select
  n.nspname as "name",
  pg_get_userbyid(n.nspowner) as "owner",
  n.nspacl::text[] as "acl",
  obj_description(n.oid, 'pg_namespace') as "comment"
from pg_namespace n
where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
  and n.oid not in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_namespace'::regclass and deptype = 'e')
