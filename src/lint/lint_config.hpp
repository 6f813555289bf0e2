// How a project runs the lint: levels per rule, rules off, the schemas its API exposes. Read from
// the `[lint]` section of pgshift.toml; the command line adds --rule and --disable.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lint/finding.hpp"
#include "parser/migration_error.hpp"

namespace pgshift::lint {

// A pgshift.toml that does not parse, or a [lint] key that is wrong: at its place.
class LintConfigError : public MigrationError {
    using MigrationError::MigrationError;
};

struct LintConfig {
    std::string path;                     // the pgshift.toml read; empty: none
    std::map<std::string, Level> levels;  // [lint.rules] rule = "error" | "warning" | "info" | "off"
    std::set<std::string> only;           // --rule: only these run (at least at their default level)
    std::set<std::string> disabled;       // --disable: off whatever else says
    // [lint] exposed_schemas: the schemas the API serves (PostgREST's db_schemas). Unset: a
    // Supabase project's [api] schemas, else public.
    std::optional<std::vector<std::string>> exposed_schemas;
    bool force_rls = false;          // [lint] force_rls = true: every table with RLS must FORCE it (turns rls-not-forced on)
    bool require_if_exists = false;  // [lint] require_if_exists = true: turns require-if-exists on

    // The level `rule` runs at: --rule and [lint.rules] over the rule's default.
    Level level_of(const std::string& rule) const;
};

// Reads the [lint] section of `path` (a pgshift.toml); a file without one gives the defaults.
// Unknown rule ids and levels are errors. Throws LintConfigError, std::runtime_error when the
// file cannot be read.
LintConfig read_lint_config(const std::string& path);

// Applies --disable and --rule ids over `config`. Throws std::invalid_argument for an unknown id.
void apply_rule_options(LintConfig& config, const std::vector<std::string>& only, const std::vector<std::string>& disabled);

}  // namespace pgshift::lint
