#include "parser/tiered_layout.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include <toml++/toml.h>

namespace fs = std::filesystem;

namespace pgshift {
namespace {

// ICU root collation's primary order of the printable ASCII characters (controls are ignored).
constexpr std::string_view collation_order = "\t\n\v\f\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";

// Primary weights (0: ignorable) and, for letters, the case (the tertiary level).
struct CollationKey {
    std::vector<int> primary;
    std::vector<int> tertiary;
};

CollationKey collation_key(const std::string& text) {
    CollationKey key;
    for (unsigned char c : text) {
        if (c >= 0x80) {
            // Outside ASCII: after every ASCII character, in code point order (UTF-8 bytes keep it).
            key.primary.push_back(1000 + c);
            continue;
        }
        char folded = c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : char(c);
        std::size_t rank = collation_order.find(folded);
        if (rank == std::string_view::npos) continue;  // a control character: ignorable
        key.primary.push_back(int(rank) + 1);
        if (std::isalpha(c)) key.tertiary.push_back(c >= 'A' && c <= 'Z' ? 1 : 0);
    }
    return key;
}

std::string read_text(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
}

std::vector<std::string> sorted_names(const fs::path& folder, bool directories) {
    std::vector<std::string> names;
    std::error_code error;
    if (!fs::is_directory(folder, error)) return names;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
        bool is_directory = entry.is_directory(error);
        if (directories ? is_directory : (!is_directory && entry.path().filename().string().size() > 4 &&
                                          entry.path().filename().string().compare(entry.path().filename().string().size() - 4, 4, ".sql") == 0))
            names.push_back(entry.path().filename().string());
    }
    // Node's readdirSync lists names in byte order (libuv sorts them with strcmp), as does .sort().
    std::sort(names.begin(), names.end());
    return names;
}

// NEXT_PUBLIC_ACTIVE_THEME as the runner reads it: the environment, overridden by .env.
std::optional<std::string> runner_theme(const fs::path& root) {
    std::optional<std::string> theme;
    if (const char* value = std::getenv("NEXT_PUBLIC_ACTIVE_THEME")) theme = value;
    std::error_code error;
    if (!fs::is_regular_file(root / ".env", error)) return theme;
    std::istringstream lines(read_text(root / ".env"));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::size_t equals = line.find('=');
        if (equals == std::string::npos) continue;
        std::string key = line.substr(0, equals);
        key.erase(0, key.find_first_not_of(" \t\r"));
        key.erase(key.find_last_not_of(" \t\r") + 1);
        if (key != "NEXT_PUBLIC_ACTIVE_THEME") continue;
        // value.replace(/^["']|["']$/g, '').trim()
        std::string value = line.substr(equals + 1);
        if (!value.empty() && (value.front() == '"' || value.front() == '\'')) value.erase(0, 1);
        if (!value.empty() && (value.back() == '"' || value.back() == '\'')) value.pop_back();
        value.erase(0, value.find_first_not_of(" \t\r\n"));
        value.erase(value.find_last_not_of(" \t\r\n") + 1);
        theme = value;
    }
    return theme;
}

// The theme config's `plugins: [...]`, as the runner reads it; nullopt when it has no config.
std::optional<std::vector<std::string>> runner_plugins(const fs::path& theme_folder, std::string& from) {
    for (const char* name : {"config/theme.config.ts", "theme.config.ts"}) {
        fs::path config = theme_folder / name;
        std::error_code error;
        if (!fs::is_regular_file(config, error)) continue;
        from = config.string();
        std::vector<std::string> plugins;
        std::smatch match;
        std::string text = read_text(config);
        if (!std::regex_search(text, match, std::regex(R"(plugins:\s*\[([^\]]*)\])"))) return plugins;
        std::istringstream items(match[1].str());
        std::string item;
        while (std::getline(items, item, ',')) {
            item.erase(std::remove_if(item.begin(), item.end(), [](char c) { return c == '\'' || c == '"' || c == '`'; }), item.end());
            item.erase(0, item.find_first_not_of(" \t\r\n"));
            item.erase(item.find_last_not_of(" \t\r\n") + 1);
            if (!item.empty()) plugins.push_back(item);
        }
        return plugins;
    }
    return std::nullopt;
}

// `[tiers]` of pgshift.toml.
void read_project_file(const fs::path& root, TierSelection& selection, std::string& theme_from, std::string& plugins_from) {
    fs::path file = root / "pgshift.toml";
    std::error_code error;
    if (!fs::is_regular_file(file, error)) return;
    toml::table table;
    try {
        table = toml::parse_file(file.string());
    } catch (const toml::parse_error& failure) {
        const auto& begin = failure.source().begin;
        throw std::runtime_error(file.string() + ":" + std::to_string(begin.line) + ":" + std::to_string(begin.column) + ": " +
                                 std::string(failure.description()));
    }
    const toml::table* tiers = table["tiers"].as_table();
    if (!tiers) return;
    if (!selection.theme) {
        if (const auto* theme = (*tiers)["theme"].as_string()) {
            selection.theme = theme->get();
            theme_from = file.string();
        } else if ((*tiers)["theme"]) {
            throw std::runtime_error(file.string() + ": [tiers] theme must be a string");
        }
    }
    if (!selection.plugins) {
        if (const auto* plugins = (*tiers)["plugins"].as_array()) {
            std::vector<std::string> names;
            for (const auto& plugin : *plugins) {
                const auto* name = plugin.as_string();
                if (!name) throw std::runtime_error(file.string() + ": [tiers] plugins must be a list of names");
                names.push_back(name->get());
            }
            selection.plugins = names;
            plugins_from = file.string();
        } else if ((*tiers)["plugins"]) {
            throw std::runtime_error(file.string() + ": [tiers] plugins must be a list of names");
        }
    }
}

bool is_sample_data(const std::string& filename) {
    std::string lower = filename;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return lower.find("sample_data") != std::string::npos || lower.find("sample-data") != std::string::npos;
}

void collect_content(const fs::path& folder, const std::string& source_type, const std::string& source_name,
                     std::vector<TieredFile>& files) {
    for (const std::string& name : sorted_names(folder, false))
        files.push_back({(folder / name).string(), TierTable::content, source_type, source_name, "", name});
}

void collect_entities(const fs::path& folder, const std::string& source_type, const std::string& source_name,
                      std::vector<TieredFile>& files) {
    for (const std::string& entity : sorted_names(folder, true)) {
        fs::path entity_folder = folder / entity;
        for (const std::string& name : sorted_names(entity_folder / "migrations", false))
            files.push_back({(entity_folder / "migrations" / name).string(), TierTable::entity, source_type, source_name, entity, name});
        for (const char* children : {"children", "childs"}) {
            std::error_code error;
            if (!fs::exists(entity_folder / children, error)) continue;
            collect_entities(entity_folder / children, source_type, source_name, files);
            break;
        }
    }
}

void collect_settings(const fs::path& folder, const std::string& source_type, const std::string& prefix,
                      std::vector<TieredFile>& files) {
    for (const std::string& area : sorted_names(folder / "settings", true))
        collect_content(folder / "settings" / area / "migrations", source_type, prefix + "/settings/" + area, files);
}

fs::path core_folder(const fs::path& root) {
    for (const char* candidate : {"core/migrations", "packages/core/migrations", "node_modules/@nextsparkjs/core/migrations"}) {
        std::error_code error;
        if (fs::is_directory(root / candidate, error)) return root / candidate;
    }
    return {};
}

fs::path contents_folder(const fs::path& root) {
    std::error_code error;
    // The runner's monorepo mode: packages/core beside apps/dev/contents.
    if (fs::is_directory(root / "packages" / "core", error) && fs::is_directory(root / "apps" / "dev" / "contents", error))
        return root / "apps" / "dev" / "contents";
    return root / "contents";
}

}  // namespace

bool locale_compare_less(const std::string& a, const std::string& b) {
    CollationKey key_a = collation_key(a), key_b = collation_key(b);
    if (key_a.primary != key_b.primary) return key_a.primary < key_b.primary;
    return key_a.tertiary < key_b.tertiary;
}

const char* tier_table_name(TierTable table) {
    switch (table) {
        case TierTable::core: return "_migrations";
        case TierTable::content: return "_content_migrations";
        case TierTable::entity: return "_entity_migrations";
    }
    return "";
}

bool is_tiered_project(const std::string& root) {
    std::error_code error;
    fs::path contents = contents_folder(root);
    return !core_folder(root).empty() || fs::is_directory(contents / "themes", error) || fs::is_directory(contents / "plugins", error);
}

TieredProject discover_tiered(const std::string& root_text, const TierSelection& given) {
    fs::path root(root_text);
    TieredProject project;
    project.root = root_text;
    TierSelection selection = given;
    if (selection.theme) project.theme_from = "--theme";
    if (selection.plugins) project.plugins_from = "--plugin";
    read_project_file(root, selection, project.theme_from, project.plugins_from);

    fs::path core = core_folder(root);
    project.core_folder = core.string();
    fs::path contents = contents_folder(root);
    project.contents_folder = contents.string();
    std::vector<std::string> themes = sorted_names(contents / "themes", true);
    std::vector<std::string> plugins_present = sorted_names(contents / "plugins", true);

    if (!selection.theme) {
        if (std::optional<std::string> theme = runner_theme(root)) {
            selection.theme = theme;
            project.theme_from = "NEXT_PUBLIC_ACTIVE_THEME";
        } else if (themes.size() == 1) {
            selection.theme = themes.front();
            project.theme_from = "the only theme";
        } else if (themes.size() > 1) {
            std::string names;
            for (const std::string& present : themes) names += (names.empty() ? "" : ", ") + present;
            throw std::runtime_error(contents.string() + "/themes holds several themes (" + names +
                                     "): choose the active one with --theme or `[tiers] theme` in pgshift.toml");
        }
    }
    if (selection.theme) {
        project.theme = *selection.theme;
        std::error_code error;
        if (!fs::is_directory(contents / "themes" / project.theme, error))
            throw std::runtime_error("the active theme " + project.theme + " (" + project.theme_from + ") has no folder " +
                                     (contents / "themes" / project.theme).string());
    }
    if (!selection.plugins && !project.theme.empty()) {
        std::string from;
        selection.plugins = runner_plugins(contents / "themes" / project.theme, from);
        if (selection.plugins) project.plugins_from = from;
    }
    if (!selection.plugins) {
        selection.plugins = plugins_present;
        project.plugins_from = "every plugin present";
    }
    project.plugins = *selection.plugins;
    for (const std::string& plugin : project.plugins) {
        std::error_code error;
        if (!fs::is_directory(contents / "plugins" / plugin, error))
            throw std::runtime_error("the active plugin " + plugin + " (" + project.plugins_from + ") has no folder " +
                                     (contents / "plugins" / plugin).string());
    }

    for (const std::string& name : sorted_names(core, false))
        project.files.push_back({(core / name).string(), TierTable::core, "", "", "", name});
    std::vector<TieredFile> content, entities;
    if (!project.theme.empty()) {
        fs::path theme = contents / "themes" / project.theme;
        collect_content(theme / "migrations", "theme", project.theme, content);
        collect_entities(theme / "entities", "theme", project.theme, entities);
        collect_settings(theme, "theme-settings", project.theme, content);
    }
    for (const std::string& plugin_name : project.plugins) {
        fs::path plugin = contents / "plugins" / plugin_name;
        collect_content(plugin / "migrations", "plugin", plugin_name, content);
        collect_entities(plugin / "entities", "plugin", plugin_name, entities);
        collect_settings(plugin, "plugin-settings", plugin_name, content);
    }
    auto by_filename = [](const TieredFile& a, const TieredFile& b) { return locale_compare_less(a.filename, b.filename); };
    std::stable_sort(content.begin(), content.end(), by_filename);
    std::stable_sort(entities.begin(), entities.end(), by_filename);
    for (bool sample_data : {false, true}) {
        for (const std::vector<TieredFile>* group : {&content, &entities})
            for (const TieredFile& file : *group)
                if (is_sample_data(file.filename) == sample_data) project.files.push_back(file);
    }
    return project;
}

}  // namespace pgshift
