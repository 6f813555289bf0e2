-- User mappings: pg_user_mappings shows their options to the server's owner and to superusers.
select
  m.srvname as "server",
  m.usename as "user",
  m.umoptions as "options"
from pg_user_mappings m
