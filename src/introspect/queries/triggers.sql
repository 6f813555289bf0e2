select
  n.nspname as "schema",
  c.relname as "table",
  t.tgname as "name",
  pg_get_triggerdef(t.oid) as "definition",
  t.tgenabled as "enabled",
  ds.description as "comment"
from pg_trigger t
join pg_class c on c.oid = t.tgrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_description ds on ds.objoid = t.oid and ds.classoid = 'pg_trigger'::regclass
where not t.tgisinternal
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and c.oid not in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_class'::regclass and deptype = 'e')
