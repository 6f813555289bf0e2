// What `pgshift lint` reports: findings as data, each at the migration line it is about.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pgshift::lint {

// A rule's level. `off` rules do not run; only `error` findings fail a run.
enum class Level { off, info, warning, error };

const char* level_name(Level level);                        // "off", "info", "warning", "error"
std::optional<Level> parse_level(const std::string& text);  // the names above; nullopt otherwise

struct Finding {
    std::string rule;  // the rule's id, e.g. "require-concurrent-index-creation"
    Level level = Level::warning;
    std::string file;  // empty: about the project, not a line (none today)
    int line = 0;      // 1-based
    int column = 0;    // 1-based, in characters
    std::string line_text;
    std::string message;  // what is wrong, naming the object
    std::string why;      // why it matters and how to fix it, one or two sentences
    std::string object;   // the object it is about, as `check` names it (public.posts), or empty
};

// Findings in the order users read them: by file (in the order the migrations run), line, column, rule.
void sort_findings(std::vector<Finding>& findings, const std::vector<std::string>& file_order);

}  // namespace pgshift::lint
