-- Catalog objects the model does not represent, so that a comparison can say so.
select 'publication ' || p.pubname as "what" from pg_publication p
union all
select 'foreign data wrapper ' || w.fdwname as "what" from pg_foreign_data_wrapper w
where not exists (select 1 from pg_depend d where d.classid = 'pg_foreign_data_wrapper'::regclass and d.objid = w.oid and d.deptype = 'e')
union all
select 'foreign server ' || s.srvname as "what" from pg_foreign_server s
union all
select 'event trigger ' || e.evtname as "what" from pg_event_trigger e
where not exists (select 1 from pg_depend d where d.classid = 'pg_event_trigger'::regclass and d.objid = e.oid and d.deptype = 'e')
union all
select 'rule ' || r.rulename || ' on ' || n.nspname || '.' || c.relname as "what"
from pg_rewrite r join pg_class c on c.oid = r.ev_class join pg_namespace n on n.oid = c.relnamespace
where r.rulename <> '_RETURN' and n.nspname not in ('pg_catalog', 'information_schema')
union all
select 'operator ' || n.nspname || '.' || o.oprname as "what" from pg_operator o join pg_namespace n on n.oid = o.oprnamespace
where n.nspname not in ('pg_catalog', 'information_schema')
  and not exists (select 1 from pg_depend d where d.classid = 'pg_operator'::regclass and d.objid = o.oid and d.deptype = 'e')
union all
select 'collation ' || n.nspname || '.' || c.collname as "what" from pg_collation c join pg_namespace n on n.oid = c.collnamespace
where n.nspname not in ('pg_catalog', 'information_schema')
  and not exists (select 1 from pg_depend d where d.classid = 'pg_collation'::regclass and d.objid = c.oid and d.deptype = 'e')
union all
select 'range type ' || n.nspname || '.' || t.typname as "what" from pg_type t join pg_namespace n on n.oid = t.typnamespace
where t.typtype in ('r', 'b') and n.nspname not in ('pg_catalog', 'information_schema') and t.typelem = 0
  and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')
