select
  pg_get_userbyid(d.defaclrole) as "role",
  n.nspname as "schema",
  d.defaclobjtype as "object_type",
  d.defaclacl::text[] as "acl"
from pg_default_acl d
left join pg_namespace n on n.oid = d.defaclnamespace
