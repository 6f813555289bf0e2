-- Names index keys may need: operator classes that are not their type's default (a default one
-- is not written), and the collations indexes use.
select 'opclass' as "kind", oc.oid as "oid",
       case when n.nspname = 'pg_catalog' then oc.opcname else n.nspname || '.' || oc.opcname end as "name"
from pg_opclass oc join pg_namespace n on n.oid = oc.opcnamespace
where not oc.opcdefault
union all
select 'collation' as "kind", co.oid as "oid", co.collname as "name"
from pg_collation co
where co.oid in (select unnest(indcollation::oid[]) from pg_index)
