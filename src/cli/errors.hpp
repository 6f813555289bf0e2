// Turning library errors into the messages users read.
#pragma once

#include <functional>
#include <string>

#include "parser/migration_error.hpp"

namespace pgshift::cli {

// Runs a command's body. An error it throws is printed on stderr (a migration error with its
// position) and turns into `migration_error_status` or, for anything else, `other_error_status`.
int run_reporting_errors(const std::function<int()>& body, int migration_error_status, int other_error_status);

}  // namespace pgshift::cli
