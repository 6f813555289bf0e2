#include "lint/suppressions.hpp"

#include <cctype>

#include "lint/rules.hpp"

namespace pgshift::lint {
namespace {

std::string trimmed(const std::string& text) {
    std::size_t begin = text.find_first_not_of(" \t\r\n*/");
    std::size_t end = text.find_last_not_of(" \t\r\n*/");
    return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

}  // namespace

Suppressions::Suppressions(const MigrationText& file, std::vector<Finding>& problems) {
    const std::string& sql = *file.sql;
    static const std::string marker = "pgshift-lint-ignore";
    std::size_t previous_end = 0;
    for (const StatementSpan& statement : file.statements) {
        Range range{statement.first_line, statement.last_line, {}};
        // The comments between the previous statement and this one belong to this one.
        for (std::size_t at = sql.find(marker, previous_end); at != std::string::npos && at < statement.start;
             at = sql.find(marker, at + marker.size())) {
            std::size_t line_end = sql.find('\n', at);
            std::string directive = sql.substr(at, (line_end == std::string::npos ? sql.size() : line_end) - at);
            bool whole_file = directive.compare(marker.size(), 5, "-file") == 0;
            std::string rest = directive.substr(marker.size() + (whole_file ? 5 : 0));
            std::size_t colon = rest.find(':');
            std::string reason = colon == std::string::npos ? "" : trimmed(rest.substr(colon + 1));
            std::string names = rest.substr(0, colon);
            if (reason.empty())
                problems.push_back(
                    file.finding_at(at, "invalid-suppression", marker + (whole_file ? "-file" : "") + " gives no reason (RULE: why)"));
            std::size_t start = 0;
            while (start <= names.size()) {
                std::size_t comma = names.find(',', start);
                std::string name = trimmed(names.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
                if (!name.empty()) {
                    if (!find_rule(name))
                        problems.push_back(file.finding_at(at, "invalid-suppression", "no rule is called " + name));
                    else
                        (whole_file ? whole_file_ : range.rules).insert(name);
                }
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        }
        previous_end = statement.end;
        statements_.push_back(std::move(range));
    }
}

bool Suppressions::silences(const std::string& rule, int line) const {
    if (whole_file_.count(rule)) return true;
    for (const Range& range : statements_)
        if (range.first_line <= line && line <= range.last_line && range.rules.count(rule)) return true;
    return false;
}

}  // namespace pgshift::lint
