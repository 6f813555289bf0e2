select json_build_object(
  'schema', n.nspname,
  'table', c.relname,
  'name', t.tgname,
  'definition', pg_get_triggerdef(t.oid),
  'enabled', t.tgenabled,
  'comment', obj_description(t.oid, 'pg_trigger'))
from pg_trigger t
join pg_class c on c.oid = t.tgrelid
join pg_namespace n on n.oid = c.relnamespace
where not t.tgisinternal
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
