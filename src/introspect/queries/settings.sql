-- The session as the database configures it, read before search_path is pinned empty.
select json_build_object(
  'search_path', current_setting('search_path'),
  'role', current_user,
  'server_version', current_setting('server_version_num')::int)
