-- Catalog objects the model does not represent, so that a comparison can say so.
select 'event trigger ' || e.evtname as "what" from pg_event_trigger e
where e.oid not in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_event_trigger'::regclass and deptype = 'e')
union all
select 'rule ' || r.rulename || ' on ' || n.nspname || '.' || c.relname as "what"
from pg_rewrite r join pg_class c on c.oid = r.ev_class join pg_namespace n on n.oid = c.relnamespace
where r.rulename <> '_RETURN' and n.nspname not in ('pg_catalog', 'information_schema')
union all
select 'operator ' || n.nspname || '.' || o.oprname as "what" from pg_operator o join pg_namespace n on n.oid = o.oprnamespace
where n.nspname not in ('pg_catalog', 'information_schema')
  and o.oid not in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_operator'::regclass and deptype = 'e')
union all
select 'collation ' || n.nspname || '.' || c.collname as "what" from pg_collation c join pg_namespace n on n.oid = c.collnamespace
where n.nspname not in ('pg_catalog', 'information_schema')
  and c.oid not in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_collation'::regclass and deptype = 'e')
union all
select 'range type ' || n.nspname || '.' || t.typname as "what" from pg_type t join pg_namespace n on n.oid = t.typnamespace
where t.typtype in ('r', 'b') and n.nspname not in ('pg_catalog', 'information_schema') and t.typelem = 0
  and t.oid not in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_type'::regclass and deptype = 'e')
