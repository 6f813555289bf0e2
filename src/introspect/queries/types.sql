-- Enums, domains and standalone composite types that no extension owns.
select json_build_object(
  'schema', n.nspname,
  'name', t.typname,
  'kind', t.typtype,
  'owner', pg_get_userbyid(t.typowner),
  'acl', t.typacl::text[],
  'comment', ds.description,
  'labels', case when t.typtype = 'e' then
      (select json_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid) end,
  'base_type', case when t.typtype = 'd' then format_type(t.typbasetype, t.typtypmod) end,
  'not_null', t.typnotnull,
  'default', t.typdefault,
  'collation', case when t.typcollation <> 0 and t.typcollation <> (select b.typcollation from pg_type b where b.oid = t.typbasetype)
                    then (select c.collname from pg_collation c where c.oid = t.typcollation) end,
  'checks', case when t.typtype = 'd' then
      (select json_agg(json_build_object('name', c.conname, 'expression', pg_get_expr(c.conbin, 0), 'validated', c.convalidated)
                       order by c.conname)
         from pg_constraint c where c.contypid = t.oid and c.contype = 'c') end,
  'attributes', case when t.typtype = 'c' then
      (select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                                         'collation', case when a.attcollation <> at.typcollation
                                                           then (select c.collname from pg_collation c where c.oid = a.attcollation) end)
                       order by a.attnum)
         from pg_attribute a join pg_type at on at.oid = a.atttypid
        where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped) end)
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
left join pg_description ds on ds.objoid = t.oid and ds.classoid = 'pg_type'::regclass
where (t.typtype in ('e', 'd') or (t.typtype = 'c' and (select r.relkind from pg_class r where r.oid = t.typrelid) = 'c'))
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and t.oid not in (select objid from pg_depend where classid = 'pg_type'::regclass and deptype = 'e')
