#include "parser/runner_layouts.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parser/canonical/pg_query_tree.hpp"
#include "parser/migration_error.hpp"

namespace fs = std::filesystem;

namespace pgshift {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::string lowercase(std::string text) {
    for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string read_text(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
}

// Compares digit strings without leading zeros as numbers, of any length.
int compare_number(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : a == b ? 0 : 1;
}

int compare_versions(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    static const std::string zero = "0";
    for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i)
        if (int order = compare_number(i < a.size() ? a[i] : zero, i < b.size() ? b[i] : zero)) return order;
    return 0;
}

// Lines of `sql` as [start, end) offsets, without their line break.
std::vector<std::pair<std::size_t, std::size_t>> lines_of(const std::string& sql) {
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    std::size_t start = 0;
    while (start <= sql.size()) {
        std::size_t end = sql.find('\n', start);
        if (end == std::string::npos) end = sql.size();
        lines.emplace_back(start, end);
        if (end == sql.size()) break;
        start = end + 1;
    }
    return lines;
}

// dbmate's directive: `--`, spaces, `migrate:up` (or down), then the end of the line or options.
bool is_directive(std::string_view line, std::string_view word) {
    if (line.substr(0, 2) != "--") return false;
    line.remove_prefix(2);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front()))) line.remove_prefix(1);
    std::string directive = "migrate:" + std::string(word);
    if (line.substr(0, directive.size()) != directive) return false;
    line.remove_prefix(directive.size());
    return line.empty() || std::isspace(static_cast<unsigned char>(line.front()));
}

struct Directives {
    std::optional<std::size_t> up, down;  // line offsets
};

Directives dbmate_directives(const std::string& sql) {
    Directives found;
    for (auto [start, end] : lines_of(sql)) {
        std::string_view line(sql.data() + start, end - start);
        if (!found.up && is_directive(line, "up")) found.up = start;
        if (!found.down && is_directive(line, "down")) found.down = start;
    }
    return found;
}

}  // namespace

std::optional<FlywayName> flyway_name(const std::string& file_name) {
    const std::string suffix = ".sql";
    if (file_name.size() <= suffix.size() + 3 || file_name.compare(file_name.size() - suffix.size(), suffix.size(), suffix) != 0)
        return std::nullopt;
    std::string stem = file_name.substr(0, file_name.size() - suffix.size());
    std::size_t separator = stem.find("__");
    if (separator == std::string::npos) return std::nullopt;
    FlywayName name;
    name.description = stem.substr(separator + 2);
    std::string version = stem.substr(1, separator - 1);
    switch (stem[0]) {
        case 'V': name.kind = FlywayName::Kind::versioned; break;
        case 'U': name.kind = FlywayName::Kind::undo; break;
        case 'R':
            if (!version.empty()) return std::nullopt;
            name.kind = FlywayName::Kind::repeatable;
            return name;
        default: return std::nullopt;
    }
    // Parts are numbers separated by dots or underscores (Flyway reads "_" as ".").
    std::string part;
    for (std::size_t i = 0; i <= version.size(); ++i) {
        if (i == version.size() || version[i] == '.' || version[i] == '_') {
            if (part.empty()) return std::nullopt;
            std::size_t first = part.find_first_not_of('0');
            name.version.push_back(first == std::string::npos ? "0" : part.substr(first));
            part.clear();
        } else if (is_digit(version[i])) {
            part += version[i];
        } else {
            return std::nullopt;
        }
    }
    return name;
}

bool flyway_less(const FlywayName& a, const FlywayName& b) {
    bool a_repeatable = a.kind == FlywayName::Kind::repeatable, b_repeatable = b.kind == FlywayName::Kind::repeatable;
    if (a_repeatable != b_repeatable) return b_repeatable;
    if (a_repeatable) return a.description < b.description;
    return compare_versions(a.version, b.version) < 0;
}

bool same_flyway_version(const FlywayName& a, const FlywayName& b) {
    return a.kind != FlywayName::Kind::repeatable && b.kind != FlywayName::Kind::repeatable && compare_versions(a.version, b.version) == 0;
}

std::string flyway_version_text(const FlywayName& name) {
    std::string text;
    for (const std::string& part : name.version) text += (text.empty() ? "" : ".") + part;
    return text;
}

std::optional<std::string> database_of_folder_name(const std::string& name) {
    std::string lower = lowercase(name);
    for (const char* postgres : {"postgres", "postgresql", "pg", "pgsql"})
        if (lower == postgres) return std::string("postgresql");
    for (const char* other :
         {"mysql", "mariadb",   "sqlite",      "sqlite3", "clickhouse", "h2",      "hsqldb",   "derby", "mssql",  "sqlserver", "oracle",
          "db2",   "cockroach", "cockroachdb", "duckdb",  "snowflake",  "spanner", "redshift", "tidb",  "libsql", "turso"})
        if (lower == other) return lower;
    return std::nullopt;
}

std::optional<std::string> database_of_project(const std::string& folder) {
    std::string manifests;
    for (const char* manifest : {"Cargo.toml", "package.json", "go.mod", "pom.xml", "build.gradle", "build.gradle.kts"})
        if (fs::is_regular_file(fs::path(folder) / manifest)) manifests += lowercase(read_text(fs::path(folder) / manifest));
    if (manifests.empty()) return std::nullopt;
    // The drivers' names: sqlx and diesel features, node's pg, Go's pgx and lib/pq, the JDBC driver.
    for (const char* postgres : {"postgres", "\"pg\"", "pgx", "lib/pq"})
        if (manifests.find(postgres) != std::string::npos) return std::string("postgresql");
    for (const char* other : {"sqlite", "mysql", "mariadb", "mssql", "h2database"})
        if (manifests.find(other) != std::string::npos) return std::string(other == std::string("h2database") ? "h2" : other);
    return std::nullopt;
}

bool has_dbmate_up(const std::string& sql) { return dbmate_directives(sql).up.has_value(); }

std::size_t dbmate_up_end(const std::string& file, const std::string& sql) {
    auto fail = [&](const std::string& message, std::optional<std::size_t> at) -> std::size_t {
        if (!at) throw MigrationError(message, {file, 0, 0, ""});
        SourcePosition position = position_of(sql, *at);
        throw MigrationError(message, {file, position.line, position.column, position.line_text});
    };
    Directives found = dbmate_directives(sql);
    if (!found.up) return fail("dbmate requires each migration to define an up block with '-- migrate:up'", std::nullopt);
    if (found.down && *found.down < *found.up)
        return fail("dbmate requires '-- migrate:up' to appear before '-- migrate:down'", found.down);
    for (auto [start, end] : lines_of(sql.substr(0, *found.up))) {
        std::string_view line(sql.data() + start, end - start);
        std::size_t text = line.find_first_not_of(" \t\r\f\v");
        if (text != std::string_view::npos && line.substr(text, 2) != "--")
            return fail("dbmate does not support statements preceding the '-- migrate:up' block", start + text);
    }
    return found.down ? *found.down : sql.size();
}

std::optional<std::string> prisma_provider(const std::string& migrations_folder) {
    fs::path lock = fs::path(migrations_folder) / "migration_lock.toml";
    if (!fs::is_regular_file(lock)) return std::nullopt;
    std::istringstream lines(read_text(lock));
    for (std::string line; std::getline(lines, line);) {
        std::size_t key = line.find_first_not_of(" \t");
        if (key == std::string::npos || line.compare(key, 8, "provider") != 0) continue;
        std::size_t open = line.find('"'), close = line.find('"', open + 1);
        if (open != std::string::npos && close != std::string::npos) return line.substr(open + 1, close - open - 1);
    }
    return std::nullopt;
}

}  // namespace pgshift
