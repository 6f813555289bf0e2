// Turning library errors into the messages users read, and the one exit-status table every
// command follows (docs/exit-status.md).
#pragma once

#include <functional>
#include <string>

#include "model/model.hpp"
#include "parser/migration_error.hpp"

namespace pgshift::cli {

enum ExitStatus : int {
    exit_ok = 0,
    exit_differences = 1,      // check, db check: the two sides differ
    exit_error = 2,            // usage, a database or file that cannot be read or written
    exit_gate = 3,             // stopped by a gate: hazards not allowed, objects not modelled
    exit_migration_error = 4,  // a migration that does not replay (file:line:col)
};

// The --help footer's closing lines: the table, the same for every command.
extern const char* const exit_status_footer;

// Runs a command's body. An error it throws is printed on stderr (a migration error with its
// position) and turns into exit_migration_error or, for anything else, exit_error.
int run_reporting_errors(const std::function<int()>& body);

// A statement or catalog object the model cannot represent, as one line: "file:line: note: not
// modelled: what" for a migration, "what: note: not modelled" for what a database has.
// `severity` ("note", "error") may be empty.
std::string unmodelled_note(const Unmodelled& entry, const std::string& severity);

// Flushes standard output: exit_error, with a message, when it could not be written (a full
// disk, a closed pipe), else `status`.
int finish_output(int status);

}  // namespace pgshift::cli
