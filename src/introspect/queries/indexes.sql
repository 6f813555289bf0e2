-- Indexes. pg_get_indexdef() loads each index into the backend's cache, which dominates a fresh
-- session: plain column indexes are described from pg_index instead, and only indexes with
-- expressions are deparsed by the server.
with ext as (select objid from pg_depend where classid = 'pg_class'::regclass and deptype = 'e')
select
  n.nspname as "schema",
  ic.relname as "name",
  c.relname as "table",
  case when i.indexprs is not null then pg_get_indexdef(i.indexrelid) end as "definition",
  am.amname as "method",
  i.indisunique as "unique",
  i.indnullsnotdistinct as "nulls_not_distinct",
  case when i.indexprs is null then
      (select json_agg(json_build_object(
                'column', a.attname,
                'opclass', case when oc.opcdefault then null
                                when ocn.nspname = 'pg_catalog' then oc.opcname
                                else ocn.nspname || '.' || oc.opcname end,
                'collation', case when k.coll <> 0 and k.coll <> a.attcollation then co.collname end,
                'descending', (k.option & 1) <> 0,
                'nulls_first', (k.option & 2) <> 0) order by k.position)
         from unnest(i.indkey::int2[], i.indclass::oid[], i.indoption::int2[], i.indcollation::oid[])
              with ordinality k(attnum, opclass, option, coll, position)
         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
         join pg_opclass oc on oc.oid = k.opclass
         join pg_namespace ocn on ocn.oid = oc.opcnamespace
         left join pg_collation co on co.oid = k.coll
        where k.position <= i.indnkeyatts) end as "keys",
  (select array_agg(a.attname order by k.position)
                from unnest(i.indkey::int2[]) with ordinality k(attnum, position)
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
               where k.position > i.indnkeyatts) as "include",
  case when i.indexprs is null then pg_get_expr(i.indpred, i.indrelid) end as "predicate",
  ic.reloptions as "options",
  k.conname as "constraint",
  ds.description as "comment"
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
join pg_class c on c.oid = i.indrelid
join pg_namespace n on n.oid = ic.relnamespace
join pg_am am on am.oid = ic.relam
left join pg_constraint k on k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x')
left join pg_description ds on ds.objoid = ic.oid and ds.classoid = 'pg_class'::regclass and ds.objsubid = 0
where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and c.relkind in ('r', 'p', 'm')
  and c.oid not in (select objid from ext)
