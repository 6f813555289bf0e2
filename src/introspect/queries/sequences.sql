-- Sequences, without those behind identity columns (they belong to their column).
select json_build_object(
  'schema', n.nspname,
  'name', c.relname,
  'data_type', format_type(s.seqtypid, null),
  'start', s.seqstart, 'increment', s.seqincrement, 'min', s.seqmin, 'max', s.seqmax,
  'cache', s.seqcache, 'cycle', s.seqcycle,
  'owned_by', (select json_build_object('schema', tn.nspname, 'table', t.relname, 'column', a.attname)
                 from pg_depend d join pg_class t on t.oid = d.refobjid join pg_namespace tn on tn.oid = t.relnamespace
                 join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
                where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'a'
                  and d.refclassid = 'pg_class'::regclass),
  'owner', pg_get_userbyid(c.relowner),
  'acl', c.relacl::text[],
  'comment', obj_description(c.oid, 'pg_class'))
from pg_sequence s
join pg_class c on c.oid = s.seqrelid
join pg_namespace n on n.oid = c.relnamespace
where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('e', 'i'))
