#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "parser/migration_sources.hpp"
#include "parser/tiered_layout.hpp"

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

TEST_CASE("a three-tier project applies in its runner's order: core, content, entities, then sample data") {
    TempFolder folder;
    folder.write("core/migrations/002_c.sql");
    folder.write("core/migrations/001_c.sql");
    folder.write("contents/themes/site/migrations/002_shop.sql");
    folder.write("contents/themes/site/entities/pages/migrations/001_pages.sql");
    folder.write("contents/themes/site/settings/seo/migrations/003_seo.sql");
    folder.write("contents/plugins/shop/migrations/002_shop_audit.sql");
    folder.write("contents/plugins/shop/migrations/090_sample_data.sql");
    folder.write("contents/plugins/shop/entities/orders/migrations/001_orders.sql");
    folder.write("contents/plugins/shop/entities/orders/childs/lines/migrations/002_lines.sql");
    folder.write("contents/plugins/unused/migrations/001_unused.sql");
    std::ofstream(folder.root / "contents/themes/site/theme.config.ts") << "export default { plugins: ['shop'] }\n";
    CHECK(folder.list() == std::vector<std::string>{
                               "core/migrations/001_c.sql [core]", "core/migrations/002_c.sql [core]",
                               "contents/plugins/shop/migrations/002_shop_audit.sql [plugin/shop]",
                               "contents/themes/site/migrations/002_shop.sql [theme/site]",
                               "contents/themes/site/settings/seo/migrations/003_seo.sql [theme-settings/site/settings/seo]",
                               "contents/plugins/shop/entities/orders/migrations/001_orders.sql [plugin/shop/entities/orders]",
                               "contents/themes/site/entities/pages/migrations/001_pages.sql [theme/site/entities/pages]",
                               "contents/plugins/shop/entities/orders/childs/lines/migrations/002_lines.sql [plugin/shop/entities/lines]",
                               "contents/plugins/shop/migrations/090_sample_data.sql [plugin/shop]"});
    TieredProject project = discover_tiered(folder.root.string(), {std::nullopt, std::vector<std::string>{}});
    CHECK(project.theme == "site");
    CHECK(project.theme_from == "the only theme");
    CHECK(project.files.size() == 5);
    folder.write("contents/themes/other/migrations/001_other.sql");
    CHECK_THROWS_WITH(discover_migrations({folder.root.string()}), Catch::Contains("several themes (other, site)"));
    CHECK(discover_tiered(folder.root.string(), {std::string("other"), std::nullopt}).plugins ==
          std::vector<std::string>{"shop", "unused"});
}

TEST_CASE("a three-tier project's active theme and plugins: pgshift.toml, then the runner's NEXT_PUBLIC_ACTIVE_THEME") {
    TempFolder folder;
    folder.write("core/migrations/001_c.sql");
    folder.write("contents/themes/site/migrations/001_site.sql");
    folder.write("contents/themes/studio/migrations/001_studio.sql");
    folder.write("contents/plugins/blog/migrations/001_blog.sql");
    folder.write("contents/plugins/shop/migrations/001_shop.sql");
    unsetenv("NEXT_PUBLIC_ACTIVE_THEME");
    // The runner's own choice: .env, read as it reads it (the quotes go).
    std::ofstream(folder.root / ".env") << "# local\nNEXT_PUBLIC_ACTIVE_THEME=\"studio\"\n";
    TieredProject from_env = discover_tiered(folder.root.string(), {std::nullopt, std::nullopt});
    CHECK(from_env.theme == "studio");
    CHECK(from_env.theme_from == "NEXT_PUBLIC_ACTIVE_THEME");
    CHECK(from_env.plugins == std::vector<std::string>{"blog", "shop"});
    // pgshift.toml comes before what the runner reads, and names the plugins too.
    std::ofstream(folder.root / "pgshift.toml") << "[tiers]\ntheme = \"site\"\nplugins = [\"shop\"]\n";
    TieredProject from_file = discover_tiered(folder.root.string(), {std::nullopt, std::nullopt});
    CHECK(from_file.theme == "site");
    CHECK(from_file.plugins == std::vector<std::string>{"shop"});
    CHECK(from_file.files.size() == 3);
    // A flag comes before the file.
    CHECK(discover_tiered(folder.root.string(), {std::string("studio"), std::nullopt}).theme == "studio");
    std::ofstream(folder.root / "pgshift.toml") << "[tiers]\ntheme = 3\n";
    CHECK_THROWS_WITH(discover_tiered(folder.root.string(), {std::nullopt, std::nullopt}), Catch::Contains("[tiers] theme must be a string"));
}

TEST_CASE("file names sort as the three-tier runner's localeCompare sorts them") {
    // Observed from Node's String.prototype.localeCompare (ICU, en-US): _z.sql 001_posts_metas.sql 001_posts.sql 001-a.sql 01_y.sql
    // 010_x.sql 1.sql a.sql A.sql b.sql
    std::vector<std::string> names = {"b.sql", "A.sql", "1.sql", "010_x.sql", "a.sql", "001_posts.sql",
                                      "01_y.sql", "001-a.sql", "_z.sql", "001_posts_metas.sql"};
    std::stable_sort(names.begin(), names.end(), locale_compare_less);
    CHECK(names == std::vector<std::string>{"_z.sql", "001_posts_metas.sql", "001_posts.sql", "001-a.sql", "01_y.sql",
                                            "010_x.sql", "1.sql", "a.sql", "A.sql", "b.sql"});
}

TEST_CASE("missing inputs and empty folders are errors") {
    TempFolder folder;
    CHECK_THROWS_WITH(discover_migrations({(folder.root / "nope").string()}), Catch::Contains("no such file or folder"));
    CHECK_THROWS_WITH(discover_migrations({folder.root.string()}), Catch::Contains("no migration files found"));
}
