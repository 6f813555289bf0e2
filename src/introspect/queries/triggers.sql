-- Triggers, from pg_trigger's columns. pg_get_triggerdef() names the trigger function by looking
-- it up among all functions of its name, a search that grows with the number of distinct function
-- names (most of a 10,000-table read): it prints only the triggers with a WHEN condition.
-- Arguments come as bytea (each ends with a zero byte), updated columns as numbers.
select
  t.tgname as "name",
  t.tgrelid as "relation",
  t.tgtype as "type",
  t.tgattr::int2[] as "update_columns",
  fn.nspname as "function_schema",
  f.proname as "function_name",
  t.tgargs as "arguments",
  t.tgconstraint <> 0 as "constraint_trigger",
  t.tgdeferrable as "deferrable",
  t.tginitdeferred as "initially_deferred",
  t.tgoldtable as "old_table",
  t.tgnewtable as "new_table",
  case when t.tgqual is not null then pg_get_triggerdef(t.oid) end as "definition",
  t.tgenabled as "enabled",
  ds.description as "comment"
from pg_trigger t
join pg_proc f on f.oid = t.tgfoid
join pg_namespace fn on fn.oid = f.pronamespace
left join pg_description ds on ds.objoid = t.oid and ds.classoid = 'pg_trigger'::regclass
where not t.tgisinternal
