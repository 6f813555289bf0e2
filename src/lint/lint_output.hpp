// Findings as users and tools read them: text with the line and a caret, JSON, GitHub Actions
// annotations, SARIF 2.1.0. Returns text; the CLI prints it.
#pragma once

#include <string>

#include "lint/lint.hpp"

namespace pgshift::lint {

// `file:line:col: level: message [rule]`, the line, a caret, the why; then a count line.
std::string format_text(const LintResult& result);
// {"findings": [{rule, level, file, line, column, message, why, object}], "summary": {...}}
std::string format_json(const LintResult& result);
// One `::error|warning|notice file=,line=,col=,title=::message` workflow command per finding.
std::string format_github(const LintResult& result);
// A SARIF 2.1.0 log: every rule in the driver, one result per finding.
std::string format_sarif(const LintResult& result, const std::string& tool_version);

}  // namespace pgshift::lint
