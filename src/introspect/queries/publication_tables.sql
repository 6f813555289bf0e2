-- The tables of publications' FOR TABLE lists. The table comes as an oid and its column list as
-- numbers, named by the client; the row filter comes as stored (pg_node_tree), printed by the
-- client like the other expressions of a table.
select
  pr.oid as "oid",
  p.pubname as "publication",
  pr.prrelid as "relation",
  pr.prattrs::int2[] as "column_numbers",
  pr.prqual as "row_filter_tree"
from pg_publication_rel pr
join pg_publication p on p.oid = pr.prpubid
