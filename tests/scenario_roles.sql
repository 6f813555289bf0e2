-- Roles the planner scenarios grant to and own objects as. Roles belong to the server, not to a
-- database: made once, kept when they exist.
do $$
declare
  role text;
begin
  foreach role in array array['app_user', 'anon', 'authenticated', 'Mixed Role'] loop
    begin
      execute format('create role %I', role);
    exception when duplicate_object or unique_violation then
      null;
    end;
  end loop;
end $$;
