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
    MigrationError(const std::string& message, SourceLocation location)
        : std::runtime_error(message), location_(std::move(location)) {}
    const SourceLocation& location() const { return location_; }

private:
    SourceLocation location_;
};

// "file:line:col: error: message", the offending line, and a caret under the column; for an
// error about the whole file (line 0), "file: error: message".
std::string format_migration_error(const MigrationError& error);

}  // namespace pgshift
