-- Role names by oid, for the rows that name roles by oid (policies).
select r.oid as "oid", r.rolname as "name" from pg_roles r
