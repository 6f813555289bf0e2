// Turning library errors into the messages users read.
#pragma once

#include <functional>
#include <string>

#include "parser/replay.hpp"

namespace pgshift::cli {

// "file:line:col: error: message", the offending line, and a caret under the column.
std::string format_migration_error(const MigrationError& error);

// Runs a command's body. An error it throws is printed on stderr (a migration error with its
// position) and turns into `migration_error_status` or, for anything else, `other_error_status`.
int run_reporting_errors(const std::function<int()>& body, int migration_error_status, int other_error_status);

}  // namespace pgshift::cli
