#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "parser/migration_sources.hpp"

using namespace pgshift;
namespace fs = std::filesystem;

namespace {

struct TempFolder {
    fs::path root = fs::temp_directory_path() / ("pgshift-sources-" + std::to_string(::getpid()) + "-" + std::to_string(rand()));
    TempFolder() { fs::create_directories(root); }
    ~TempFolder() { fs::remove_all(root); }
    void write(const std::string& relative) {
        fs::create_directories((root / relative).parent_path());
        std::ofstream(root / relative) << "select 1;\n";
    }
    std::vector<std::string> list() const {
        std::vector<std::string> names;
        for (const MigrationFile& file : discover_migrations({root.string()}))
            names.push_back(fs::relative(file.path, root).string() + (file.track.empty() ? "" : " [" + file.track + "]"));
        return names;
    }
};

}  // namespace

TEST_CASE("numbered files sort by version number, then name") {
    CHECK(migration_name_less("2_b.sql", "10_a.sql"));
    CHECK(migration_name_less("001_a.sql", "002_a.sql"));
    CHECK(migration_name_less("20240101000000_a.sql", "20240101000001_a.sql"));
    CHECK_FALSE(migration_name_less("10_a.sql", "9_a.sql"));
}

TEST_CASE("golang-migrate folders apply .up.sql in version order and skip .down.sql") {
    TempFolder folder;
    for (const char* name : {"10_c.up.sql", "10_c.down.sql", "2_b.up.sql", "2_b.down.sql", "1_a.up.sql"}) folder.write(name);
    CHECK(folder.list() == std::vector<std::string>{"1_a.up.sql", "2_b.up.sql", "10_c.up.sql"});
}

TEST_CASE("diesel folders apply <version>/up.sql") {
    TempFolder folder;
    folder.write("2024-02-01-000000_b/up.sql");
    folder.write("2024-02-01-000000_b/down.sql");
    folder.write("2024-01-01-000000_a/up.sql");
    CHECK(folder.list() == std::vector<std::string>{"2024-01-01-000000_a/up.sql", "2024-02-01-000000_b/up.sql"});
}

TEST_CASE("a project folder is read through supabase/migrations") {
    TempFolder folder;
    folder.write("supabase/migrations/20240102000000_b.sql");
    folder.write("supabase/migrations/20240101000000_a.sql");
    folder.write("supabase/seed.sql");
    CHECK(folder.list() == std::vector<std::string>{"supabase/migrations/20240101000000_a.sql",
                                                    "supabase/migrations/20240102000000_b.sql"});
}

TEST_CASE("tiers apply core, themes, plugins, entities, each tracked on its own") {
    TempFolder folder;
    folder.write("entities/001_e.sql");
    folder.write("plugins/shop/001_s.sql");
    folder.write("plugins/blog/001_b.sql");
    folder.write("themes/001_t.sql");
    folder.write("core/002_c.sql");
    folder.write("core/001_c.sql");
    CHECK(folder.list() == std::vector<std::string>{
                               "core/001_c.sql [core]", "core/002_c.sql [core]", "themes/001_t.sql [themes]",
                               "plugins/blog/001_b.sql [plugins/blog]", "plugins/shop/001_s.sql [plugins/shop]",
                               "entities/001_e.sql [entities]"});
}

TEST_CASE("missing inputs and empty folders are errors") {
    TempFolder folder;
    CHECK_THROWS_WITH(discover_migrations({(folder.root / "nope").string()}), Catch::Contains("no such file or folder"));
    CHECK_THROWS_WITH(discover_migrations({folder.root.string()}), Catch::Contains("no migration files found"));
}
