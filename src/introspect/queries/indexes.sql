select json_build_object(
  'schema', n.nspname,
  'name', ic.relname,
  'table', c.relname,
  'definition', pg_get_indexdef(i.indexrelid),
  'constraint', (select k.conname from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid
                    and k.contype in ('p', 'u', 'x')),
  'comment', obj_description(ic.oid, 'pg_class'))
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
join pg_class c on c.oid = i.indrelid
join pg_namespace n on n.oid = ic.relnamespace
where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and c.relkind in ('r', 'p', 'm')
  and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
