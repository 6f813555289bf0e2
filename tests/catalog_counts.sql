-- Object counts per kind, as `pgshift dump --format stats` counts them (docs/stats.md):
-- objects outside system schemas that no extension owns.
with ext as (select classid, objid from pg_depend where deptype = 'e'),
sys as (select oid from pg_namespace where nspname in ('pg_catalog', 'information_schema', 'pg_toast')
        or nspname like 'pg_temp%' or nspname like 'pg_toast_temp%'),
ns as (select n.* from pg_namespace n where n.oid not in (select oid from sys)
       and not exists (select 1 from ext where ext.classid = 'pg_namespace'::regclass and ext.objid = n.oid)),
ext_rel as (select objid as oid from ext where classid = 'pg_class'::regclass),
-- Indexes of an extension's tables are not members themselves: they go with their table.
rel as (select c.* from pg_class c where c.relnamespace not in (select oid from sys)
        and c.oid not in (select oid from ext_rel)
        and not exists (select 1 from pg_index i where i.indexrelid = c.oid and i.indrelid in (select oid from ext_rel))),
typ as (select t.* from pg_type t where t.typnamespace not in (select oid from sys)
        and not exists (select 1 from ext where ext.classid = 'pg_type'::regclass and ext.objid = t.oid)),
proc as (select p.* from pg_proc p where p.pronamespace not in (select oid from sys)
         and not exists (select 1 from ext where ext.classid = 'pg_proc'::regclass and ext.objid = p.oid)),
identity_seq as (select objid from pg_depend where classid = 'pg_class'::regclass and deptype = 'i'
                 and refclassid = 'pg_class'::regclass),
acl_rel as (select oid, relowner as owner, relacl as acl from rel
            where relkind in ('r', 'p', 'f', 'v', 'm') or (relkind = 'S' and oid not in (select objid from identity_seq))),
grants as (
  select count(*) as n from (
    select distinct a.oid, 0 as sub, x.grantee, x.privilege_type
      from acl_rel a, aclexplode(a.acl) x where x.grantee <> a.owner
    union all
    select distinct c.oid, at.attnum, x.grantee, x.privilege_type
      from rel c join pg_attribute at on at.attrelid = c.oid and at.attnum > 0 and not at.attisdropped,
           aclexplode(at.attacl) x where x.grantee <> c.relowner
    union all
    select distinct p.oid, 0, x.grantee, x.privilege_type from proc p, aclexplode(p.proacl) x where x.grantee <> p.proowner
    union all
    select distinct n.oid, 0, x.grantee, x.privilege_type from ns n, aclexplode(n.nspacl) x where x.grantee <> n.nspowner
  ) g)
select 'schemas', (select count(*) from ns)
union all select 'extensions', (select count(*) from pg_extension)
union all select 'enums', (select count(*) from typ where typtype = 'e')
union all select 'domains', (select count(*) from typ where typtype = 'd')
union all select 'composite_types', (select count(*) from typ join pg_class c on c.oid = typ.typrelid where c.relkind = 'c')
union all select 'sequences', (select count(*) from rel where relkind = 'S')
union all select 'tables', (select count(*) from rel where relkind in ('r', 'p'))
union all select 'foreign_tables', (select count(*) from rel where relkind = 'f')
union all select 'columns', (select count(*) from pg_attribute a join rel on rel.oid = a.attrelid
                             where rel.relkind in ('r', 'p', 'f') and a.attnum > 0 and not a.attisdropped)
union all select 'constraints', (select count(*) from pg_constraint c join rel on rel.oid = c.conrelid
                                 where c.contype in ('p', 'u', 'f', 'c', 'x'))
union all select 'indexes', (select count(*) from rel where relkind in ('i', 'I'))
union all select 'rls_tables', (select count(*) from rel where relkind in ('r', 'p') and relrowsecurity)
union all select 'policies', (select count(*) from pg_policy p join rel on rel.oid = p.polrelid)
union all select 'functions', (select count(*) from proc)
union all select 'triggers', (select count(*) from pg_trigger t join rel on rel.oid = t.tgrelid where not t.tgisinternal)
union all select 'views', (select count(*) from rel where relkind = 'v')
union all select 'materialized_views', (select count(*) from rel where relkind = 'm')
union all select 'publications', (select count(*) from pg_publication)
union all select 'publication_tables', (select count(*) from pg_publication_rel pr join rel on rel.oid = pr.prrelid)
union all select 'publication_schemas', (select count(*) from pg_publication_namespace pn join ns on ns.oid = pn.pnnspid)
union all select 'grants', (select n from grants)
union all select 'comments', (select count(*) from pg_description d where
      (d.classoid = 'pg_class'::regclass and d.objoid in (select oid from rel where relkind <> 'c'))
   or (d.classoid = 'pg_namespace'::regclass and d.objoid in (select oid from ns))
   or (d.classoid = 'pg_type'::regclass and d.objoid in (select oid from typ where typtype in ('e', 'd', 'c')))
   or (d.classoid = 'pg_constraint'::regclass and d.objoid in (select c.oid from pg_constraint c join rel on rel.oid = c.conrelid))
   or (d.classoid = 'pg_policy'::regclass and d.objoid in (select p.oid from pg_policy p join rel on rel.oid = p.polrelid))
   or (d.classoid = 'pg_trigger'::regclass and d.objoid in (select t.oid from pg_trigger t join rel on rel.oid = t.tgrelid))
   or (d.classoid = 'pg_proc'::regclass and d.objoid in (select oid from proc))
   or d.classoid = 'pg_publication'::regclass);
