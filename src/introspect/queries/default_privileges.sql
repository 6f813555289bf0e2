select json_build_object(
  'role', pg_get_userbyid(d.defaclrole),
  'schema', n.nspname,
  'object_type', d.defaclobjtype,
  'acl', d.defaclacl::text[])
from pg_default_acl d
left join pg_namespace n on n.oid = d.defaclnamespace
