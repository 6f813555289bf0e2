-- Indexes. pg_get_indexdef() loads each index into the backend's cache, which dominates a fresh
-- session: plain column indexes are described from pg_index instead (columns, operator classes
-- and collations as numbers, named by the client; predicates as stored, printed by the client),
-- and only indexes with expressions are deparsed by the server.
-- The table is named by oid, by the client.
select
  ic.relname as "name",
  case when i.indexprs is not null then pg_get_indexdef(i.indexrelid) end as "definition",
  am.amname as "method",
  i.indisunique as "unique",
  i.indnullsnotdistinct as "nulls_not_distinct",
  i.indrelid as "relation",
  i.indnkeyatts as "key_count",
  i.indkey::int2[] as "column_numbers",
  i.indclass::oid[] as "opclasses",
  i.indcollation::oid[] as "collations",
  i.indoption::int2[] as "key_options",
  i.indexrelid as "oid",
  case when i.indexprs is null then i.indpred end as "predicate_tree",
  ic.reloptions as "options",
  k.conname as "constraint",
  ds.description as "comment"
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
join pg_am am on am.oid = ic.relam
left join pg_constraint k on k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x')
left join pg_description ds on ds.objoid = ic.oid and ds.classoid = 'pg_class'::regclass and ds.objsubid = 0
where ic.relnamespace not in (select n.oid from pg_namespace n where n.nspname in ('pg_catalog', 'information_schema', 'pg_toast'))
