// Checksums of migration files and seed files.
#pragma once

#include <string>
#include <string_view>

namespace pgshift {

// Lowercase hex SHA-256 of the bytes (what the Supabase CLI stores for seed files).
std::string sha256_hex(std::string_view bytes);

}  // namespace pgshift
