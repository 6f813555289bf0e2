// One migration file as the rules read it: its text and its top-level statements, each with
// where it starts (after the comments in front of it) and the comments in front of it.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <pg_query/pg_query.pb-c.h>

#include "lint/finding.hpp"

namespace pgshift {
class ParsedSql;
}

namespace pgshift::lint {

struct StatementSpan {
    const PgQuery__Node* node = nullptr;
    std::size_t leading = 0;  // where the comments and blank lines in front of it start
    std::size_t start = 0;    // its first token
    std::size_t end = 0;      // after its last byte (the semicolon excluded)
    int first_line = 1;
    int last_line = 1;
};

struct MigrationText {
    std::string path;
    const std::string* sql = nullptr;
    std::vector<StatementSpan> statements;

    MigrationText(std::string path, const std::string& sql, const ParsedSql& parsed);
    // A finding of `rule` at byte `offset`, its line and column filled in.
    Finding finding_at(std::size_t offset, const std::string& rule, std::string message, std::string object = "") const;
    // The statement that starts on `line` (or the first that reaches it), or null.
    const StatementSpan* statement_on_line(int line) const;
};

// Where the statements of the history last made or changed an object: the key names the object
// ("public.posts", "rls public.posts", "policy public.posts p"), the value its file and offset.
struct Touch {
    const MigrationText* file = nullptr;
    std::size_t offset = 0;
};
using Touches = std::map<std::string, Touch>;

}  // namespace pgshift::lint
