// A migration file's bytes as PostgreSQL takes a query: UTF-8 text, with no NUL byte.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pgshift {

// The length of the valid UTF-8 character at `at` (pg_utf8_islegal), or 0 when the bytes there
// are not one: a NUL byte counts as invalid, as it does for PostgreSQL.
std::size_t utf8_character_length(std::string_view text, std::size_t at);

// Throws MigrationError for `file` when `bytes` are not SQL text: "not a text file" when they
// are mostly binary, else PostgreSQL's `invalid byte sequence for encoding "UTF8": 0x..` at the
// first offending byte (a NUL byte included: psql and the server would not run the file as
// written).
void require_sql_text(const std::string& file, std::string_view bytes);

}  // namespace pgshift
