-- View queries. Printing one opens the view and every table it reads, loading each into the
-- backend's cache: this runs on the connection whose earlier queries loaded the tables already.
select c.oid as "oid", pg_get_viewdef(c.oid) as "definition"
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('v', 'm')
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and n.nspname not like 'pg\_temp\_%'
  and c.oid not in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_class'::regclass and deptype = 'e')
