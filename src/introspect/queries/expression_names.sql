-- Names the expressions printed by the client use ($1 functions, $2 operators, $3 types with
-- $4 their type modifiers, $5 enum values), and whether the server lays out numbers
-- little-endian as the client reads constants.
select 'function' as "kind", p.oid as "oid", 0 as "modifier", n.nspname as "schema", p.proname as "name", null as "type_kind"
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where p.oid = any($1::oid[])
union all
select 'operator', o.oid, 0, n.nspname, o.oprname, null
from pg_operator o join pg_namespace n on n.oid = o.oprnamespace
where o.oid = any($2::oid[])
union all
select 'type', r.type, r.modifier, null, format_type(r.type, r.modifier), t.typtype::text
from unnest($3::oid[], $4::int4[]) as r(type, modifier) join pg_type t on t.oid = r.type
union all
select 'enum', e.oid, 0, null, e.enumlabel, null
from pg_enum e
where e.oid = any($5::oid[])
union all
select 'little_endian', 0, 0, null,
  (version() ~ ' on (x86_64|aarch64|arm|i[3-6]86|amd64|ppc64le|powerpc64le|riscv64|loongarch64|mips64el|mipsel)')::text, null
