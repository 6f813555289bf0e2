select json_build_object('name', e.extname, 'schema', n.nspname, 'version', e.extversion)
from pg_extension e join pg_namespace n on n.oid = e.extnamespace
