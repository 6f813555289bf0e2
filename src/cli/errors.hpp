// Turning library errors into the messages users read.
#pragma once

#include <string>

#include "parser/replay.hpp"

namespace pgshift::cli {

// "file:line:col: error: message", the offending line, and a caret under the column.
std::string format_migration_error(const MigrationError& error);

}  // namespace pgshift::cli
