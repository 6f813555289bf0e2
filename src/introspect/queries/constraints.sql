-- Table constraints. Columns are read as numbers and named from the columns already read: a
-- lookup per constraint on the server costs more than the rest of the query. Checks come as
-- stored (pg_node_tree) and are printed by the client: pg_get_expr would load each table first.
-- The table is named by oid: the client knows its tables (those of extensions and system
-- catalogs it skips), and joining names here cost a third of the query.
select
  k.conname as "name",
  k.contype as "type",
  k.conrelid as "relation",
  k.conkey as "column_numbers",
  rn.nspname as "referenced_schema",
  r.relname as "referenced_table",
  k.confrelid as "referenced_relation",
  k.confkey as "referenced_column_numbers",
  k.confupdtype as "on_update",
  k.confdeltype as "on_delete",
  k.confmatchtype as "match",
  k.condeferrable as "deferrable",
  k.condeferred as "deferred",
  k.convalidated as "validated",
  k.connoinherit as "no_inherit",
  k.oid as "oid",
  case when k.contype = 'c' then k.conbin end as "check_tree",
  case when k.contype = 'x' then pg_get_constraintdef(k.oid) end as "definition",
  coalesce(i.indnullsnotdistinct, false) as "nulls_not_distinct",
  ds.description as "comment"
from pg_constraint k
left join pg_class r on r.oid = k.confrelid
left join pg_namespace rn on rn.oid = r.relnamespace
left join pg_index i on i.indexrelid = k.conindid and k.contype in ('p', 'u')
left join pg_description ds on ds.objoid = k.oid and ds.classoid = 'pg_constraint'::regclass
where k.contype in ('p', 'u', 'f', 'c', 'x') and k.conrelid <> 0
