#include "cli/errors.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace pgshift::cli {

const char* const exit_status_footer =
    "Exit status (the same for every command): 0 success, 1 differences found, 2 a usage error or a database\n"
    "or file that cannot be read or written, 3 stopped by a gate (hazards not allowed, objects not modelled),\n"
    "4 a migration that does not replay (file:line:col).";

int run_reporting_errors(const std::function<int()>& body) {
    try {
        return body();
    } catch (const MigrationError& error) {
        std::cerr << format_migration_error(error);
        return exit_migration_error;
    } catch (const std::exception& error) {
        std::cerr << "pgshift: " << error.what() << "\n";
        return exit_error;
    }
}

std::string unmodelled_note(const Unmodelled& entry, const std::string& severity) {
    std::string label = severity.empty() ? "not modelled" : severity + ": not modelled";
    if (entry.line > 0) return entry.file + ":" + std::to_string(entry.line) + ": " + label + ": " + entry.what;
    return entry.what + ": " + label;
}

int finish_output(int status) {
    errno = 0;
    std::cout.flush();
    bool failed = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout);
    if (!failed) return status;
    int error = errno;
    std::cerr << "pgshift: cannot write to standard output" << (error ? std::string(": ") + std::strerror(error) : std::string()) << "\n";
    return exit_error;
}

}  // namespace pgshift::cli
