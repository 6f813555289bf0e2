-- A few rows in every user table, so scenario tests can see that a plan keeps data. Values come
-- from each column's type; a table that refuses them (a check, a foreign key) is left empty.
do $$
declare
  rel record;
  col record;
  names text;
  vals text;
  v text;
  i int;
begin
  for rel in
    select c.oid, format('%I.%I', n.nspname, c.relname) as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
      and not c.relispartition
    order by c.oid
  loop
    for i in 1..3 loop
      names := ''; vals := '';
      for col in
        select a.attname, a.atttypid, t.typtype, t.typname, a.attidentity, a.attgenerated, a.atthasdef
        from pg_attribute a join pg_type t on t.oid = a.atttypid
        where a.attrelid = rel.oid and a.attnum > 0 and not a.attisdropped
        order by a.attnum
      loop
        continue when col.attidentity = 'a' or col.attgenerated <> '' or col.atthasdef;
        v := case
          when col.typtype = 'e' then quote_literal((select enumlabel from pg_enum where enumtypid = col.atttypid order by enumsortorder limit 1))
          when col.typname in ('int2', 'int4', 'int8', 'numeric', 'float4', 'float8') then i::text
          when col.typname in ('text', 'varchar', 'bpchar', 'citext', 'name') then quote_literal('r' || i)
          when col.typname = 'uuid' then quote_literal(md5(rel.name || i)::uuid::text)
          when col.typname = 'bool' then 'true'
          when col.typname in ('timestamptz', 'timestamp', 'date') then 'now()'
          when col.typname in ('json', 'jsonb') then quote_literal('{}')
          else null
        end;
        continue when v is null;
        names := names || case when names = '' then '' else ', ' end || quote_ident(col.attname);
        vals := vals || case when vals = '' then '' else ', ' end || v;
      end loop;
      begin
        if names = '' then
          execute format('insert into %s default values', rel.name);
        else
          execute format('insert into %s (%s) values (%s)', rel.name, names, vals);
        end if;
      exception when others then
        null;
      end;
    end loop;
  end loop;
end $$;
