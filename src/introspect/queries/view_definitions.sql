-- View queries, as stored (pg_rewrite.ev_action), printed by the client: pg_get_viewdef() opens
-- every table a view reads, loading it into the backend's cache (most of the cost of reading them).
-- What the client cannot print, the server prints afterwards (expression_fallbacks).
select c.oid as "oid", r.ev_action as "tree"
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_rewrite r on r.ev_class = c.oid and r.rulename = '_RETURN'
where c.relkind in ('v', 'm')
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and n.nspname not like 'pg\_temp\_%'
