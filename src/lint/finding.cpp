#include "lint/finding.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace pgshift::lint {

const char* level_name(Level level) {
    switch (level) {
        case Level::off: return "off";
        case Level::info: return "info";
        case Level::warning: return "warning";
        case Level::error: return "error";
    }
    return "off";
}

std::optional<Level> parse_level(const std::string& text) {
    for (Level level : {Level::off, Level::info, Level::warning, Level::error})
        if (text == level_name(level)) return level;
    return std::nullopt;
}

void sort_findings(std::vector<Finding>& findings, const std::vector<std::string>& file_order) {
    std::map<std::string, std::size_t> rank;
    for (std::size_t i = 0; i < file_order.size(); ++i) rank.emplace(file_order[i], i);
    auto key = [&](const Finding& finding) {
        auto found = rank.find(finding.file);
        return std::make_tuple(found == rank.end() ? file_order.size() : found->second, finding.file, finding.line, finding.column,
                               finding.rule, finding.message);
    };
    std::stable_sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
}

}  // namespace pgshift::lint
