// Errors at a place in a migration file, and the message users read for them.
#pragma once

#include <stdexcept>
#include <string>

namespace pgshift {

// An error at a place in a migration file: what `file:line:col` messages are made of.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
    std::string line_text;
};

class MigrationError : public std::runtime_error {
public:
    MigrationError(const std::string& message, SourceLocation location, std::string detail = {})
        : std::runtime_error(message), location_(std::move(location)), detail_(std::move(detail)) {}
    const SourceLocation& location() const { return location_; }
    // What PostgreSQL says below its message (its DETAIL line); empty: nothing.
    const std::string& detail() const { return detail_; }

private:
    SourceLocation location_;
    std::string detail_;
};

// "file:line:col: error: message", the offending line, a caret under the column, and
// "DETAIL:  ..." as psql prints it when PostgreSQL gives one; for an error about the whole file
// (line 0), "file: error: message".
std::string format_migration_error(const MigrationError& error);

}  // namespace pgshift
