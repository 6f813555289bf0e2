-- The database itself: its name and owner, and the privileges GRANT / REVOKE ... ON DATABASE gave.
select
  d.datname as "name",
  pg_get_userbyid(d.datdba) as "owner",
  d.datacl::text[] as "acl"
from pg_database d
where d.datname = current_database()
