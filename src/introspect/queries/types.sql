-- Enums, domains and standalone composite types that no extension owns.
select
  n.nspname as "schema",
  t.typname as "name",
  t.typtype as "kind",
  pg_get_userbyid(t.typowner) as "owner",
  t.typacl::text[] as "acl",
  ds.description as "comment",
  case when t.typtype = 'e' then
      (select array_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid) end as "labels",
  case when t.typtype = 'd' then format_type(t.typbasetype, t.typtypmod) end as "base_type",
  t.typnotnull as "not_null",
  t.typdefault as "default",
  case when t.typcollation <> 0 and t.typcollation <> (select b.typcollation from pg_type b where b.oid = t.typbasetype)
                    then (select c.collname from pg_collation c where c.oid = t.typcollation) end as "collation",
  case when t.typtype = 'd' then
      (select json_agg(json_build_object('name', c.conname, 'expression', pg_get_expr(c.conbin, 0), 'validated', c.convalidated)
                       order by c.conname)
         from pg_constraint c where c.contypid = t.oid and c.contype = 'c') end as "checks",
  case when t.typtype = 'c' then
      (select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                                         'collation', case when a.attcollation <> at.typcollation
                                                           then (select c.collname from pg_collation c where c.oid = a.attcollation) end)
                       order by a.attnum)
         from pg_attribute a join pg_type at on at.oid = a.atttypid
        where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped) end as "attributes"
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
left join pg_description ds on ds.objoid = t.oid and ds.classoid = 'pg_type'::regclass
where (t.typtype in ('e', 'd') or (t.typtype = 'c' and t.typrelid in (select r.oid from pg_class r where r.relkind = 'c')))
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and t.oid not in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_type'::regclass and deptype = 'e')
