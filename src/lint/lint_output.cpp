#include "lint/lint_output.hpp"

#include <nlohmann/json.hpp>

#include "lint/rules.hpp"

namespace pgshift::lint {
namespace {

std::string location_prefix(const Finding& finding) {
    if (finding.file.empty()) return finding.object.empty() ? "pgshift" : finding.object;
    return finding.file + ":" + std::to_string(finding.line) + ":" + std::to_string(finding.column);
}

std::string caret_under(const std::string& line, int column) {
    std::string text;
    int at = 1;
    for (std::size_t i = 0; i < line.size() && at < column; ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80) continue;
        text += c == '\t' ? '\t' : ' ';
        ++at;
    }
    return text + "^";
}

struct Counts {
    std::size_t errors = 0, warnings = 0, infos = 0;
};
Counts count(const LintResult& result) {
    Counts counts;
    for (const Finding& finding : result.findings) {
        if (finding.level == Level::error) ++counts.errors;
        if (finding.level == Level::warning) ++counts.warnings;
        if (finding.level == Level::info) ++counts.infos;
    }
    return counts;
}

// The runner's escaping of workflow command data and properties (actions/toolkit command.ts).
std::string escape_data(const std::string& text) {
    std::string escaped;
    for (char c : text) {
        if (c == '%')
            escaped += "%25";
        else if (c == '\r')
            escaped += "%0D";
        else if (c == '\n')
            escaped += "%0A";
        else
            escaped += c;
    }
    return escaped;
}
std::string escape_property(const std::string& text) {
    std::string escaped;
    for (char c : escape_data(text)) {
        if (c == ':')
            escaped += "%3A";
        else if (c == ',')
            escaped += "%2C";
        else
            escaped += c;
    }
    return escaped;
}

}  // namespace

std::string format_text(const LintResult& result) {
    std::string text;
    for (const Finding& finding : result.findings) {
        text += location_prefix(finding) + ": " + level_name(finding.level) + ": " + finding.message + " [" + finding.rule + "]\n";
        if (!finding.file.empty()) text += "  " + finding.line_text + "\n  " + caret_under(finding.line_text, finding.column) + "\n";
        if (!finding.why.empty()) text += "  = why: " + finding.why + "\n";
    }
    Counts counts = count(result);
    text += std::to_string(result.findings.size()) + (result.findings.size() == 1 ? " finding" : " findings") + " (" +
            std::to_string(counts.errors) + " errors, " + std::to_string(counts.warnings) + " warnings, " + std::to_string(counts.infos) +
            " info) in " + std::to_string(result.files.size()) + (result.files.size() == 1 ? " file" : " files");
    if (result.suppressed) text += ", " + std::to_string(result.suppressed) + " silenced by pgshift-lint-ignore";
    return text + "\n";
}

std::string format_json(const LintResult& result) {
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const Finding& finding : result.findings) {
        nlohmann::ordered_json item;
        item["rule"] = finding.rule;
        item["level"] = level_name(finding.level);
        item["file"] = finding.file;
        item["line"] = finding.line;
        item["column"] = finding.column;
        item["message"] = finding.message;
        item["why"] = finding.why;
        item["object"] = finding.object;
        findings.push_back(item);
    }
    Counts counts = count(result);
    nlohmann::ordered_json document;
    document["findings"] = findings;
    document["summary"] = {{"files", result.files.size()},
                           {"errors", counts.errors},
                           {"warnings", counts.warnings},
                           {"info", counts.infos},
                           {"suppressed", result.suppressed}};
    return document.dump(2) + "\n";
}

std::string format_github(const LintResult& result) {
    std::string text;
    for (const Finding& finding : result.findings) {
        const char* command = finding.level == Level::error ? "error" : finding.level == Level::warning ? "warning" : "notice";
        text += std::string("::") + command + " ";
        if (!finding.file.empty())
            text += "file=" + escape_property(finding.file) + ",line=" + std::to_string(finding.line) +
                    ",col=" + std::to_string(finding.column) + ",";
        text += "title=" + escape_property(finding.rule) + "::" + escape_data(finding.message + "\n" + finding.why) + "\n";
    }
    return text;
}

std::string format_sarif(const LintResult& result, const std::string& tool_version) {
    using json = nlohmann::ordered_json;
    json rules_json = json::array();
    std::map<std::string, std::size_t> rule_index;
    for (const Rule& rule : rules()) {
        rule_index[rule.id] = rules_json.size();
        Level level = rule.default_level == Level::off ? Level::warning : rule.default_level;
        rules_json.push_back({{"id", rule.id},
                              {"name", rule.id},
                              {"shortDescription", {{"text", rule.summary}}},
                              {"fullDescription", {{"text", rule.why}}},
                              {"defaultConfiguration", {{"level", level == Level::info ? "note" : level_name(level)}}}});
    }
    json results = json::array();
    for (const Finding& finding : result.findings) {
        json item;
        item["ruleId"] = finding.rule;
        if (auto index = rule_index.find(finding.rule); index != rule_index.end()) item["ruleIndex"] = index->second;
        item["level"] = finding.level == Level::info ? "note" : level_name(finding.level);
        item["message"] = {{"text", finding.message + ". " + finding.why}};
        if (!finding.file.empty()) {
            item["locations"] = json::array({{{"physicalLocation",
                                               {{"artifactLocation", {{"uri", finding.file}}},
                                                {"region", {{"startLine", finding.line}, {"startColumn", finding.column}}}}}}});
        }
        item["partialFingerprints"] = {
            {"pgshiftLint/v1", finding.rule + ":" + finding.file + ":" + finding.object + ":" + finding.message}};
        results.push_back(item);
    }
    json log;
    log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    log["version"] = "2.1.0";
    log["runs"] = json::array({{{"tool", {{"driver", {{"name", "pgshift"}, {"version", tool_version}, {"rules", rules_json}}}}},
                                {"columnKind", "unicodeCodePoints"},
                                {"results", results}}});
    return log.dump(2) + "\n";
}

}  // namespace pgshift::lint
