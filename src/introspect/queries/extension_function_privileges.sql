-- Functions that extensions made and whose privileges GRANT / REVOKE changed (proacl set): the
-- model keeps only their privileges, by schema and signature (input argument types).
select
  n.nspname as "schema",
  p.proname || '(' || coalesce((select string_agg(format_type(t, null), ', ' order by o)
                                from unnest(p.proargtypes::oid[]) with ordinality u(t, o)), '') || ')' as "signature",
  pg_get_userbyid(p.proowner) as "owner",
  p.proacl::text[] as "acl"
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
where p.proacl is not null
  and n.nspname not in ('pg_catalog', 'information_schema')
  and p.oid in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_proc'::regclass and deptype = 'e')
