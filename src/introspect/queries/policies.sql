select json_build_object(
  'schema', n.nspname,
  'table', c.relname,
  'name', p.polname,
  'permissive', p.polpermissive,
  'command', p.polcmd,
  'roles', (select json_agg(case when r = 0 then 'public' else pg_get_userbyid(r) end) from unnest(p.polroles) r),
  'using', pg_get_expr(p.polqual, p.polrelid),
  'with_check', pg_get_expr(p.polwithcheck, p.polrelid),
  'comment', ds.description)
from pg_policy p
join pg_class c on c.oid = p.polrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_description ds on ds.objoid = p.oid and ds.classoid = 'pg_policy'::regclass
