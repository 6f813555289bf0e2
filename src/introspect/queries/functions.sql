select
  n.nspname as "schema",
  p.proname as "name",
  p.prokind as "kind",
  (select array_agg(format_type(t, null) order by o)
                       from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality u(t, o)) as "argument_types",
  p.proargmodes as "argument_modes",
  p.proargnames as "argument_names",
  pg_get_expr(p.proargdefaults, 0) as "defaults",
  p.pronargdefaults as "default_count",
  case when p.prokind = 'p' then null else format_type(p.prorettype, null) end as "returns",
  p.proretset as "returns_set",
  l.lanname as "language",
  p.provolatile as "volatility",
  p.proisstrict as "strict",
  p.prosecdef as "security_definer",
  p.proleakproof as "leakproof",
  p.proparallel as "parallel",
  p.procost as "cost",
  p.prorows as "rows",
  p.proconfig as "config",
  case when p.prosqlbody is not null then pg_get_function_sqlbody(p.oid) else p.prosrc end as "body",
  p.prosqlbody is not null as "sql_body",
  pg_get_userbyid(p.proowner) as "owner",
  p.proacl::text[] as "acl",
  ds.description as "comment"
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_language l on l.oid = p.prolang
left join pg_description ds on ds.objoid = p.oid and ds.classoid = 'pg_proc'::regclass
where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and p.oid not in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_proc'::regclass and deptype = 'e')
