// Interval literals as the server stores and prints them: '24 hours' is kept as 24:00:00,
// '13 months' as 1 year 1 mon. Both sides of a comparison write an interval constant in this one
// form, without a database to ask.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pgshift {

// interval_out (IntervalStyle postgres) of interval_in(`text`) for an interval without a field
// restriction; nullopt for a form this does not read (SQL standard `1-2`, ISO 8601's alternative
// format), which then stays as written.
std::optional<std::string> interval_output(std::string_view text);

}  // namespace pgshift
