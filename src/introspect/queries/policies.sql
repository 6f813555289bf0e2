-- Policies. Their expressions come as stored (pg_node_tree), printed by the client.
select
  n.nspname as "schema",
  c.relname as "table",
  p.polname as "name",
  p.polpermissive as "permissive",
  p.polcmd as "command",
  (select array_agg(case when r = 0 then 'public' else pg_get_userbyid(r) end) from unnest(p.polroles) r) as "roles",
  p.oid as "oid",
  p.polrelid as "relation",
  p.polqual as "using_tree",
  p.polwithcheck as "with_check_tree",
  ds.description as "comment"
from pg_policy p
join pg_class c on c.oid = p.polrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_description ds on ds.objoid = p.oid and ds.classoid = 'pg_policy'::regclass
