#include "platform/supabase_config.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <toml++/toml.h>

#include "model/text_lines.hpp"

namespace pgshift {
namespace {

class ConfigReader {
public:
    ConfigReader(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {}

    [[noreturn]] void fail(const std::string& message, const toml::source_region& where) const {
        int line = int(where.begin.line), column = int(where.begin.column);
        throw ConfigError(message, {path_, line, column, line_of(text_, line)});
    }

    std::optional<std::vector<std::string>> strings(const toml::node_view<const toml::node>& node, const std::string& key) const {
        if (!node) return std::nullopt;
        const toml::array* array = node.as_array();
        if (!array) fail(key + " must be an array of strings", node.node()->source());
        std::vector<std::string> items;
        for (const toml::node& item : *array) {
            if (!item.is_string()) fail(key + " must be an array of strings", item.source());
            items.push_back(*item.value<std::string>());
        }
        return items;
    }

    std::optional<bool> boolean(const toml::node_view<const toml::node>& node, const std::string& key) const {
        if (!node) return std::nullopt;
        if (!node.is_boolean()) fail(key + " must be true or false", node.node()->source());
        return node.value<bool>();
    }

    std::optional<std::int64_t> integer(const toml::node_view<const toml::node>& node, const std::string& key) const {
        if (!node) return std::nullopt;
        if (!node.is_integer()) fail(key + " must be an integer", node.node()->source());
        return node.value<std::int64_t>();
    }

    SupabaseConfig read() const {
        toml::table root;
        try {
            root = toml::parse(text_, path_);
        } catch (const toml::parse_error& error) {
            fail(std::string(error.description()), error.source());
        }
        SupabaseConfig config;
        config.path = path_;
        const toml::node_view<const toml::node> db = std::as_const(root)["db"];
        if (auto version = integer(db["major_version"], "db.major_version")) {
            config.major_version = int(*version);
            if (*version != parsed_major_version) {
                const toml::source_region& where = db["major_version"].node()->source();
                config.unhandled.push_back({"db.major_version", std::to_string(*version),
                                            "pgshift parses and replays with the PostgreSQL " + std::to_string(parsed_major_version) +
                                                " grammar and describes the Supabase platform of PostgreSQL " +
                                                std::to_string(parsed_major_version),
                                            int(where.begin.line), int(where.begin.column)});
            }
        }
        const toml::node_view<const toml::node> api = std::as_const(root)["api"];
        if (auto schemas = strings(api["schemas"], "api.schemas")) config.api_schemas = *schemas;
        if (auto path = strings(api["extra_search_path"], "api.extra_search_path")) config.extra_search_path = *path;
        const toml::node_view<const toml::node> seed = db["seed"];
        if (auto enabled = boolean(seed["enabled"], "db.seed.enabled")) config.seed_enabled = *enabled;
        if (auto paths = strings(seed["sql_paths"], "db.seed.sql_paths")) config.seed_paths = *paths;
        return config;
    }

private:
    std::string path_;
    std::string text_;
};

}  // namespace

SupabaseConfig read_supabase_config(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) throw std::runtime_error(path + ": cannot read");
    std::ostringstream content;
    content << stream.rdbuf();
    return ConfigReader(path, content.str()).read();
}

}  // namespace pgshift
