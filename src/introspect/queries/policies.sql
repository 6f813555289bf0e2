-- Policies. Their expressions come as stored (pg_node_tree), printed by the client; the table
-- and the roles come as oids, named by the client.
select
  p.polname as "name",
  p.polpermissive as "permissive",
  p.polcmd as "command",
  p.polroles as "roles",
  p.oid as "oid",
  p.polrelid as "relation",
  p.polqual as "using_tree",
  p.polwithcheck as "with_check_tree",
  ds.description as "comment"
from pg_policy p
left join pg_description ds on ds.objoid = p.oid and ds.classoid = 'pg_policy'::regclass
