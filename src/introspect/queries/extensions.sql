select e.extname as "name", n.nspname as "schema", e.extversion as "version"
from pg_extension e join pg_namespace n on n.oid = e.extnamespace
