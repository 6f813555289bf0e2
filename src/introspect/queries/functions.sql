select json_build_object(
  'schema', n.nspname,
  'name', p.proname,
  'kind', p.prokind,
  'argument_types', (select json_agg(format_type(t, null) order by o)
                       from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality u(t, o)),
  'argument_modes', p.proargmodes,
  'argument_names', p.proargnames,
  'defaults', pg_get_expr(p.proargdefaults, 0),
  'default_count', p.pronargdefaults,
  'returns', case when p.prokind = 'p' then null else format_type(p.prorettype, null) end,
  'returns_set', p.proretset,
  'language', l.lanname,
  'volatility', p.provolatile, 'strict', p.proisstrict, 'security_definer', p.prosecdef,
  'leakproof', p.proleakproof, 'parallel', p.proparallel, 'cost', p.procost, 'rows', p.prorows,
  'config', p.proconfig,
  'body', case when p.prosqlbody is not null then pg_get_function_sqlbody(p.oid) else p.prosrc end,
  'sql_body', p.prosqlbody is not null,
  'owner', pg_get_userbyid(p.proowner),
  'acl', p.proacl::text[],
  'comment', ds.description)
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_language l on l.oid = p.prolang
left join pg_description ds on ds.objoid = p.oid and ds.classoid = 'pg_proc'::regclass
where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and p.oid not in (select objid from pg_depend where classid = 'pg_proc'::regclass and deptype = 'e')
