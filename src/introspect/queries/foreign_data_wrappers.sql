-- Foreign-data wrappers no extension owns, and every foreign server: one row each, kind first.
select
  'wrapper' as "kind",
  w.fdwname as "name",
  null as "wrapper",
  case when w.fdwhandler = 0 then null else quote_ident(hn.nspname) || '.' || quote_ident(h.proname) end as "handler",
  case when w.fdwvalidator = 0 then null else quote_ident(vn.nspname) || '.' || quote_ident(v.proname) end as "validator",
  null as "type",
  null as "version",
  w.fdwoptions as "options",
  pg_get_userbyid(w.fdwowner) as "owner",
  w.fdwacl::text[] as "acl",
  d.description as "comment"
from pg_foreign_data_wrapper w
left join pg_proc h on h.oid = w.fdwhandler
left join pg_namespace hn on hn.oid = h.pronamespace
left join pg_proc v on v.oid = w.fdwvalidator
left join pg_namespace vn on vn.oid = v.pronamespace
left join pg_description d on d.objoid = w.oid and d.classoid = 'pg_foreign_data_wrapper'::regclass
where w.oid not in (select objid from pg_depend where refclassid = 'pg_extension'::regclass and classid = 'pg_foreign_data_wrapper'::regclass and deptype = 'e')
union all
select
  'server',
  s.srvname,
  w.fdwname,
  null,
  null,
  s.srvtype,
  s.srvversion,
  s.srvoptions,
  pg_get_userbyid(s.srvowner),
  s.srvacl::text[],
  d.description
from pg_foreign_server s
join pg_foreign_data_wrapper w on w.oid = s.srvfdw
left join pg_description d on d.objoid = s.oid and d.classoid = 'pg_foreign_server'::regclass
