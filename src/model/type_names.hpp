// Canonical type names: what format_type() prints with an empty search_path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgshift {

// The canonical spelling of a pg_catalog type written as `name` (an internal name such as int4
// or an alias such as timestamptz) with typmods, or nullopt when `name` is not a built-in type.
// Arrays are the caller's: append "[]".
std::optional<std::string> canonical_builtin_type(std::string_view name, const std::vector<std::string>& typmods);

// The range of smallint, integer or bigint (bigint for any other name): a sequence's default bounds.
int64_t integer_type_min(std::string_view type);
int64_t integer_type_max(std::string_view type);

// serial, bigserial, smallserial -> the integer type behind them; nullopt for other names.
std::optional<std::string> serial_base_type(std::string_view name);

}  // namespace pgshift
