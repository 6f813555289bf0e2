select json_build_object(
  'schema', n.nspname,
  'table', c.relname,
  'name', k.conname,
  'type', k.contype,
  'columns', (select json_agg(a.attname order by u.ordinality) from unnest(k.conkey) with ordinality u(attnum, ordinality)
                join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum),
  'referenced_schema', rn.nspname,
  'referenced_table', r.relname,
  'referenced_columns', (select json_agg(a.attname order by u.ordinality) from unnest(k.confkey) with ordinality u(attnum, ordinality)
                           join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum),
  'on_update', k.confupdtype, 'on_delete', k.confdeltype, 'match', k.confmatchtype,
  'deferrable', k.condeferrable, 'deferred', k.condeferred, 'validated', k.convalidated, 'no_inherit', k.connoinherit,
  'check', case when k.contype = 'c' then pg_get_expr(k.conbin, k.conrelid) end,
  'definition', case when k.contype = 'x' then pg_get_constraintdef(k.oid) end,
  'nulls_not_distinct', coalesce((select i.indnullsnotdistinct from pg_index i where i.indexrelid = k.conindid), false),
  'comment', ds.description)
from pg_constraint k
join pg_class c on c.oid = k.conrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_class r on r.oid = k.confrelid
left join pg_namespace rn on rn.oid = r.relnamespace
left join pg_description ds on ds.objoid = k.oid and ds.classoid = 'pg_constraint'::regclass
where k.contype in ('p', 'u', 'f', 'c', 'x')
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and c.oid not in (select objid from pg_depend where classid = 'pg_class'::regclass and deptype = 'e')
