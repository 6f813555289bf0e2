-- The session as the database configures it, read before search_path is pinned empty.
select
  current_setting('search_path') as "search_path",
  current_user as "role",
  current_setting('server_version_num')::int as "server_version"
