-- Tables, foreign tables, views and materialized views that no extension owns.
select
  c.oid as "oid",
  n.nspname as "schema",
  c.relname as "name",
  c.relkind as "kind",
  c.relpersistence = 'u' as "unlogged",
  pg_get_userbyid(c.relowner) as "owner",
  c.relacl::text[] as "acl",
  ds.description as "comment",
  c.relrowsecurity as "rls_enabled",
  c.relforcerowsecurity as "rls_forced",
  c.reloptions as "options",
  case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end as "partition_key",
  case when c.relispartition then pg_get_expr(c.relpartbound, 0) end as "partition_bound",
  (select json_agg(json_build_object('schema', pn.nspname, 'name', p.relname) order by i.inhseqno)
                from pg_inherits i join pg_class p on p.oid = i.inhparent join pg_namespace pn on pn.oid = p.relnamespace
               where i.inhrelid = c.oid) as "parents",
  fs.srvname as "foreign_server",
  ft.ftoptions as "foreign_options",
  c.relispopulated as "populated"
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
left join pg_description ds on ds.objoid = c.oid and ds.classoid = 'pg_class'::regclass and ds.objsubid = 0
left join pg_foreign_table ft on ft.ftrelid = c.oid
left join pg_foreign_server fs on fs.oid = ft.ftserver
where c.relkind in ('r', 'p', 'f', 'v', 'm')
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and n.nspname not like 'pg\_temp\_%'
  and c.oid not in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_class'::regclass and deptype = 'e')
