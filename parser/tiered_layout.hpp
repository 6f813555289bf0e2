// The three-tier layout (core, then the active theme's and plugins' content, then their
// entities), found and ordered exactly as its runner (NextSpark's scripts/db/run-migrations.mjs)
// finds and orders it, with the tracking identity of each file.
//
//   core/migrations/*.sql                                   -> _migrations (filename)
//   contents/themes/<theme>/migrations/*.sql                -> _content_migrations ('theme', <theme>, filename)
//   contents/themes/<theme>/settings/<area>/migrations/     -> _content_migrations ('theme-settings', '<theme>/settings/<area>', ...)
//   contents/plugins/<plugin>/migrations/*.sql              -> _content_migrations ('plugin', <plugin>, filename)
//   contents/plugins/<plugin>/settings/<area>/migrations/   -> _content_migrations ('plugin-settings', ...)
//   contents/{themes,plugins}/<x>/entities/<e>/migrations/  -> _entity_migrations (<e>, 'theme'|'plugin', <x>, filename)
//     (entities nest under children/ or childs/)
//
// Order: core by file name; then content migrations of every source together, stably sorted by
// file name as JavaScript's localeCompare sorts (ICU's root collation); then entity
// migrations likewise; then the content and the entity files whose name holds "sample_data" or
// "sample-data", in the same two groups.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pgshift {

// Which theme and plugins are active. Unset fields are resolved as `resolve_tiers` says.
struct TierSelection {
    std::optional<std::string> theme;
    std::optional<std::vector<std::string>> plugins;
};

enum class TierTable { core, content, entity };

struct TieredFile {
    std::string path;
    TierTable table = TierTable::core;
    std::string source_type;  // theme, plugin, theme-settings, plugin-settings ("" for core)
    std::string source_name;  // the theme or plugin ("" for core)
    std::string entity_name;  // entity migrations only
    std::string filename;     // the name the runner records
};

struct TieredProject {
    std::string root;
    std::string core_folder;      // where core migrations were found ("" when none)
    std::string contents_folder;  // contents/ (apps/dev/contents in the runner's monorepo mode)
    std::string theme;            // "" when the project has no theme
    std::vector<std::string> plugins;
    std::string theme_from;    // how the theme was chosen, for messages ("pgshift.toml", "the only theme", ...)
    std::string plugins_from;  // how the plugins were chosen
    std::vector<TieredFile> files;  // in the order the runner applies them
};

// Whether `root` holds the layout: core/migrations (or the runner's other core folders) or
// contents/themes, contents/plugins.
bool is_tiered_project(const std::string& root);

// The project's files in the runner's order. The theme: `selection`, then `[tiers] theme` in
// pgshift.toml, then NEXT_PUBLIC_ACTIVE_THEME in .env or the environment (as the runner reads
// it), then the only theme present. The plugins: `selection`, then `[tiers] plugins` in
// pgshift.toml, then the `plugins: [...]` list of the theme's config/theme.config.ts (as the
// runner reads it), then every plugin present. Throws std::runtime_error when several themes
// are present and nothing chooses one, or a chosen theme or plugin has no folder.
TieredProject discover_tiered(const std::string& root, const TierSelection& selection = {});

// JavaScript's `a.localeCompare(b) < 0` for file names (ICU root collation: punctuation before
// digits before letters, letters by case only when all else is equal).
bool locale_compare_less(const std::string& a, const std::string& b);

// The runner's name for a tracking table.
const char* tier_table_name(TierTable table);

}  // namespace pgshift
