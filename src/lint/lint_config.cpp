#include "lint/lint_config.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <toml++/toml.h>

#include "lint/rules.hpp"
#include "model/text_lines.hpp"

namespace pgshift::lint {

Level LintConfig::level_of(const std::string& rule) const {
    if (disabled.count(rule)) return Level::off;
    const Rule* known = find_rule(rule);
    Level level = known ? known->default_level : Level::off;
    if (rule == "rls-not-forced" && force_rls) level = Level::warning;
    if (rule == "require-if-exists" && require_if_exists) level = Level::warning;
    if (auto set = levels.find(rule); set != levels.end()) level = set->second;
    if (!only.empty()) {
        if (!only.count(rule)) return Level::off;
        if (level == Level::off) level = Level::warning;
    }
    return level;
}

LintConfig read_lint_config(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) throw std::runtime_error(path + ": cannot read");
    std::ostringstream content;
    content << stream.rdbuf();
    std::string text = content.str();
    auto fail = [&](const std::string& message, const toml::source_region& where) {
        int line = int(where.begin.line);
        throw LintConfigError(message, {path, line, int(where.begin.column), line_of(text, line)});
    };
    toml::table root;
    try {
        root = toml::parse(text, path);
    } catch (const toml::parse_error& error) {
        fail(std::string(error.description()), error.source());
    }
    LintConfig config;
    config.path = path;
    toml::node_view<const toml::node> lint = std::as_const(root)["lint"];
    if (!lint) return config;
    if (!lint.is_table()) fail("lint must be a table ([lint])", lint.node()->source());
    for (const auto& [key, value] : *lint.as_table()) {
        std::string name(key.str());
        if (name == "exposed_schemas") {
            const toml::array* array = value.as_array();
            if (!array) fail("lint.exposed_schemas must be an array of strings", value.source());
            std::vector<std::string> schemas;
            for (const toml::node& item : *array) {
                if (!item.is_string()) fail("lint.exposed_schemas must be an array of strings", item.source());
                schemas.push_back(*item.value<std::string>());
            }
            config.exposed_schemas = schemas;
        } else if (name == "force_rls" || name == "require_if_exists") {
            if (!value.is_boolean()) fail("lint." + name + " must be true or false", value.source());
            (name == "force_rls" ? config.force_rls : config.require_if_exists) = *value.value<bool>();
        } else if (name == "disable") {
            const toml::array* array = value.as_array();
            if (!array) fail("lint.disable must be an array of rule ids", value.source());
            for (const toml::node& item : *array) {
                if (!item.is_string() || !find_rule(*item.value<std::string>()))
                    fail("lint.disable: not a rule: " + (item.is_string() ? *item.value<std::string>() : std::string("?")), item.source());
                config.levels[*item.value<std::string>()] = Level::off;
            }
        } else if (name == "rules") {
            if (!value.is_table()) fail("lint.rules must be a table ([lint.rules])", value.source());
            for (const auto& [rule_key, level] : *value.as_table()) {
                std::string rule(rule_key.str());
                if (!find_rule(rule)) fail("lint.rules: not a rule: " + rule, rule_key.source());
                std::optional<Level> parsed = level.is_string() ? parse_level(*level.value<std::string>()) : std::nullopt;
                if (!parsed) fail("lint.rules." + rule + " must be \"error\", \"warning\", \"info\" or \"off\"", level.source());
                config.levels[rule] = *parsed;
            }
        } else {
            fail("lint." + name + ": not a setting (exposed_schemas, force_rls, require_if_exists, disable, rules)", key.source());
        }
    }
    return config;
}

void apply_rule_options(LintConfig& config, const std::vector<std::string>& only, const std::vector<std::string>& disabled) {
    for (const std::string& rule : only) {
        if (!find_rule(rule)) throw std::invalid_argument("--rule: not a rule: " + rule);
        config.only.insert(rule);
    }
    for (const std::string& rule : disabled) {
        if (!find_rule(rule)) throw std::invalid_argument("--disable: not a rule: " + rule);
        config.disabled.insert(rule);
    }
}

}  // namespace pgshift::lint
