// Internal to the replay: a semantic error, positioned by byte offset (-1: the statement's start).
#pragma once

#include <stdexcept>
#include <string>

namespace pgshift {

struct ReplayFailure : std::runtime_error {
    ReplayFailure(const std::string& message, int byte_location, std::string detail_line = {})
        : std::runtime_error(message), location(byte_location), detail(std::move(detail_line)) {}
    int location;
    std::string detail;  // PostgreSQL's DETAIL; empty: none
};

// "already exists": a DO-block idempotency guard turns this into a skipped statement.
struct DuplicateObject : ReplayFailure {
    using ReplayFailure::ReplayFailure;
};

}  // namespace pgshift
