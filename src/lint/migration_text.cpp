#include "lint/migration_text.hpp"

#include <algorithm>
#include <cctype>

#include "lint/rules.hpp"
#include "parser/canonical/pg_query_tree.hpp"

namespace pgshift::lint {
namespace {

// The first token at or after `at`: whitespace and comments skipped.
std::size_t skip_trivia(const std::string& sql, std::size_t at, std::size_t end) {
    while (at < end) {
        if (std::isspace(static_cast<unsigned char>(sql[at]))) {
            ++at;
        } else if (sql.compare(at, 2, "--") == 0) {
            std::size_t line_end = sql.find('\n', at);
            at = line_end == std::string::npos ? end : line_end + 1;
        } else if (sql.compare(at, 2, "/*") == 0) {
            std::size_t close = sql.find("*/", at + 2);
            at = close == std::string::npos ? end : close + 2;
        } else {
            break;
        }
    }
    return std::min(at, end);
}

int line_at(const std::string& sql, std::size_t offset, std::size_t& cursor, int& line) {
    if (offset < cursor) cursor = 0, line = 1;
    line += int(std::count(sql.begin() + std::ptrdiff_t(cursor), sql.begin() + std::ptrdiff_t(offset), '\n'));
    cursor = offset;
    return line;
}

}  // namespace

MigrationText::MigrationText(std::string path_, const std::string& sql_, const ParsedSql& parsed) : path(std::move(path_)), sql(&sql_) {
    std::size_t cursor = 0;
    int line = 1;
    for (std::size_t i = 0; i < parsed.statement_count(); ++i) {
        const PgQuery__RawStmt& raw = parsed.statement(i);
        StatementSpan span;
        span.node = raw.stmt;
        span.leading = std::size_t(std::max(raw.stmt_location, 0));
        span.end = raw.stmt_len > 0 ? span.leading + std::size_t(raw.stmt_len) : sql_.size();
        span.end = std::min(span.end, sql_.size());
        span.start = skip_trivia(sql_, span.leading, span.end);
        if (span.start >= span.end || !span.node) continue;
        span.first_line = line_at(sql_, span.start, cursor, line);
        span.last_line = line_at(sql_, span.end, cursor, line);
        statements.push_back(span);
    }
}

Finding MigrationText::finding_at(std::size_t offset, const std::string& rule, std::string message, std::string object) const {
    SourcePosition position = position_of(*sql, offset);
    Finding finding;
    finding.rule = rule;
    const Rule* known = find_rule(rule);
    finding.level = known ? known->default_level : Level::warning;
    finding.why = known ? known->why : "";
    finding.file = path;
    finding.line = position.line;
    finding.column = position.column;
    finding.line_text = position.line_text;
    finding.message = std::move(message);
    finding.object = std::move(object);
    return finding;
}

const StatementSpan* MigrationText::statement_on_line(int line) const {
    // The replay counts a statement from after its line comments; a block comment in front of
    // it may still be on the line it names: the statement that ends on or after that line.
    auto found = std::lower_bound(statements.begin(), statements.end(), line,
                                  [](const StatementSpan& span, int wanted) { return span.last_line < wanted; });
    return found != statements.end() ? &*found : nullptr;
}

}  // namespace pgshift::lint
