#include "cli/errors.hpp"

#include <iostream>

namespace pgshift::cli {

int run_reporting_errors(const std::function<int()>& body, int migration_error_status, int other_error_status) {
    try {
        return body();
    } catch (const MigrationError& error) {
        std::cerr << format_migration_error(error);
        return migration_error_status;
    } catch (const std::exception& error) {
        std::cerr << "pgshift: " << error.what() << "\n";
        return other_error_status;
    }
}

}  // namespace pgshift::cli
