-- Publications, the schemas of their FOR TABLES IN SCHEMA by name.
select
  p.pubname as "name",
  pg_get_userbyid(p.pubowner) as "owner",
  p.puballtables as "all_tables",
  p.pubinsert as "insert",
  p.pubupdate as "update",
  p.pubdelete as "delete",
  p.pubtruncate as "truncate",
  p.pubviaroot as "via_partition_root",
  array(select n.nspname from pg_publication_namespace pn join pg_namespace n on n.oid = pn.pnnspid
        where pn.pnpubid = p.oid order by n.nspname)::text[] as "schemas",
  obj_description(p.oid, 'pg_publication') as "comment"
from pg_publication p
