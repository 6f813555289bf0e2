select json_build_object(
  'name', n.nspname,
  'owner', pg_get_userbyid(n.nspowner),
  'acl', n.nspacl::text[],
  'comment', obj_description(n.oid, 'pg_namespace'))
from pg_namespace n
where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
  and not exists (select 1 from pg_depend d where d.classid = 'pg_namespace'::regclass and d.objid = n.oid and d.deptype = 'e')
