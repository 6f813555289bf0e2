-- Sequences, without those behind identity columns (they belong to their column).
select
  n.nspname as "schema",
  c.relname as "name",
  format_type(s.seqtypid, null) as "data_type",
  s.seqstart as "start",
  s.seqincrement as "increment",
  s.seqmin as "min",
  s.seqmax as "max",
  s.seqcache as "cache",
  s.seqcycle as "cycle",
  (select json_build_object('schema', tn.nspname, 'table', t.relname, 'column', a.attname)
                 from pg_depend d join pg_class t on t.oid = d.refobjid join pg_namespace tn on tn.oid = t.relnamespace
                 join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
                where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'a'
                  and d.refclassid = 'pg_class'::regclass) as "owned_by",
  pg_get_userbyid(c.relowner) as "owner",
  c.relacl::text[] as "acl",
  obj_description(c.oid, 'pg_class') as "comment"
from pg_sequence s
join pg_class c on c.oid = s.seqrelid
join pg_namespace n on n.oid = c.relnamespace
where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('e', 'i'))
