// Parse + replay throughput over a generated migration history (not a test: it prints figures).
//   pgshift_bench [TABLES] [OUTPUT_DIR]
// Writes the history to OUTPUT_DIR (default: a temp folder) so a peer can apply the same files.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli/memory_tuning.hpp"
#include "parser/parse_folder.hpp"

namespace fs = std::filesystem;

namespace {

// One table's worth of realistic DDL: ~8 KB with columns, constraints, indexes, RLS, a function, a trigger.
std::string table_ddl(int n) {
    std::string t = "item_" + std::to_string(n);
    std::string sql;
    sql += "create type " + t + "_state as enum ('new', 'active', 'archived');\n";
    sql += "create table " + t + " (\n  id bigint generated always as identity primary key,\n";
    sql += "  owner_id uuid not null,\n  parent_id bigint references " + (n > 0 ? "item_" + std::to_string(n - 1) : t) + " (id) on delete set null,\n";
    sql += "  state " + t + "_state not null default 'new',\n";
    for (int c = 0; c < 12; ++c)
        sql += "  field_" + std::to_string(c) + (c % 3 == 0 ? " text" : c % 3 == 1 ? " integer not null default 0" : " timestamptz default now()") + ",\n";
    sql += "  payload jsonb not null default '{}'::jsonb,\n  price numeric(12,2) check (price >= 0),\n";
    sql += "  created_at timestamptz not null default now(),\n  unique (owner_id, field_0)\n);\n";
    sql += "create index on " + t + " (owner_id);\ncreate index " + t + "_active_idx on " + t + " (created_at desc) where state = 'active';\n";
    sql += "create index on " + t + " using gin (payload);\n";
    sql += "alter table " + t + " enable row level security;\n";
    for (const char* command : {"select", "insert", "update", "delete"})
        sql += std::string("create policy \"") + t + " " + command + "\" on " + t + " for " + command + " to authenticated " +
               (std::string(command) == "insert" ? "with check" : "using") + " (owner_id = (select auth.uid()));\n";
    sql += "create function " + t + "_touch() returns trigger language plpgsql as $$\nbegin\n  new.field_2 = now();\n"
           "  if new.state = 'archived' then\n    raise notice 'archiving %', new.id;\n  end if;\n  return new;\nend\n$$;\n";
    sql += "create trigger " + t + "_touch before update on " + t + " for each row execute function " + t + "_touch();\n";
    sql += "comment on table " + t + " is 'Generated table number " + std::to_string(n) + " for the parse benchmark';\n";
    sql += "grant select on " + t + " to anon;\n";
    // A body of realistic size: most migration bytes are function bodies and comments.
    sql += "create or replace function " + t + "_summary(p_owner uuid) returns table (state text, total bigint)\n"
           "language sql stable security definer set search_path = public as $$\n";
    for (int line = 0; line < 80; ++line)
        sql += "  -- summary line " + std::to_string(line) + ": counts rows per state for one owner, padded to a realistic length\n";
    sql += "  select state::text, count(*) from " + t + " where owner_id = p_owner group by state\n$$;\n";
    if (n % 10 == 9)
        sql += "create view " + t + "_recent with (security_invoker = true) as\n  select i.id, i.owner_id, i.state, p.id as parent\n"
               "  from " + t + " i left join item_" + std::to_string(n - 1) + " p on p.id = i.parent_id\n"
               "  where i.created_at > now() - interval '7 days';\n";
    return sql;
}

std::string later_changes(int n) {
    std::string t = "item_" + std::to_string(n);
    return "alter table " + t + " add column notes text;\nalter table " + t + " rename column field_0 to title;\n"
           "alter table " + t + " alter column field_1 drop default;\nalter type " + t + "_state add value 'deleted';\n"
           "drop policy \"" + t + " delete\" on " + t + ";\ncomment on column " + t + ".notes is 'Free text';\n";
}

long peak_memory_kb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
    pgshift::cli::keep_freed_memory();  // as the pgshift binary does
    pgshift::cli::use_huge_pages();
    int tables = argc > 1 ? std::stoi(argv[1]) : 1000;
    fs::path folder = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "pgshift-bench-history";
    fs::remove_all(folder);
    fs::create_directories(folder);
    std::size_t bytes = 0;
    auto write = [&](const std::string& name, const std::string& sql) {
        std::ofstream(folder / name) << sql;
        bytes += sql.size();
    };
    write("00000_platform.sql",
          "create schema auth;\ncreate function auth.uid() returns uuid language sql stable as $$ select null::uuid $$;\n");
    constexpr int tables_per_file = 10;
    for (int first = 0; first < tables; first += tables_per_file) {
        std::string sql;
        for (int n = first; n < first + tables_per_file && n < tables; ++n) sql += table_ddl(n);
        char name[64];
        std::snprintf(name, sizeof name, "%05d_tables_%d.sql", 1 + first / tables_per_file, first);
        write(name, sql);
    }
    for (int first = 0; first < tables; first += 100) {
        std::string sql;
        for (int n = first; n < first + 100 && n < tables; ++n) sql += later_changes(n);
        char name[64];
        std::snprintf(name, sizeof name, "%05d_later_%d.sql", 5000 + first / 100, first);
        write(name, sql);
    }

    long memory_before = peak_memory_kb();
    auto start = std::chrono::steady_clock::now();
    pgshift::SchemaModel model = pgshift::parse_sources({folder.string()});
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double megabytes = double(bytes) / 1e6;
    std::printf("history:          %s (%d tables, %.1f MB)\n", folder.c_str(), tables, megabytes);
    std::printf("parse + replay:   %.3f s, %.1f MB/s\n", seconds, megabytes / seconds);
    std::printf("model:            %zu tables, %zu indexes, %zu functions\n", model.tables.size(), model.indexes.size(),
                model.functions.size());
    std::printf("peak memory:      %.1f MB (%.1f MB before parsing)\n", double(peak_memory_kb()) / 1024, double(memory_before) / 1024);
    return 0;
}
