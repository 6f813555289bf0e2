#include "parser/canonical/interval_literal.hpp"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace pgshift {
namespace {

constexpr std::int64_t usecs_per_sec = 1000000;
constexpr std::int64_t secs_per_minute = 60, secs_per_hour = 3600, secs_per_day = 86400;

// pg_itm as DecodeInterval fills it.
struct Fields {
    std::int64_t years = 0, months = 0, days = 0, hours = 0, minutes = 0, seconds = 0, usecs = 0;

    // AdjustFractSeconds: a fraction of a unit of `scale` seconds.
    void fraction_of_seconds(double fraction, double scale) {
        if (fraction == 0) return;
        double seconds_part = fraction * scale;
        seconds += std::int64_t(seconds_part);
        usecs += std::int64_t(std::rint((seconds_part - std::trunc(seconds_part)) * usecs_per_sec));
    }
    // AdjustFractDays: a fraction of a unit of `scale` days.
    void fraction_of_days(double fraction, double scale) {
        if (fraction == 0) return;
        double days_part = fraction * scale;
        days += std::int64_t(days_part);
        fraction_of_seconds(days_part - std::trunc(days_part), secs_per_day);
    }
};

enum class Unit { microsecond, millisecond, second, minute, hour, day, week, month, year, decade, century, millennium };

std::optional<Unit> unit_of(std::string word) {
    for (char& c : word) c = char(std::tolower(static_cast<unsigned char>(c)));
    struct Spelling {
        const char* word;
        Unit unit;
    };
    static const Spelling spellings[] = {
        {"microsecond", Unit::microsecond}, {"microseconds", Unit::microsecond}, {"us", Unit::microsecond}, {"usec", Unit::microsecond},
        {"usecs", Unit::microsecond},       {"millisecond", Unit::millisecond}, {"milliseconds", Unit::millisecond},
        {"ms", Unit::millisecond},          {"msec", Unit::millisecond},        {"msecs", Unit::millisecond},
        {"second", Unit::second},           {"seconds", Unit::second},          {"s", Unit::second},
        {"sec", Unit::second},              {"secs", Unit::second},             {"minute", Unit::minute},
        {"minutes", Unit::minute},          {"m", Unit::minute},                {"min", Unit::minute},
        {"mins", Unit::minute},             {"hour", Unit::hour},               {"hours", Unit::hour},
        {"h", Unit::hour},                  {"hr", Unit::hour},                 {"hrs", Unit::hour},
        {"day", Unit::day},                 {"days", Unit::day},                {"d", Unit::day},
        {"week", Unit::week},               {"weeks", Unit::week},              {"w", Unit::week},
        {"month", Unit::month},             {"months", Unit::month},            {"mon", Unit::month},
        {"mons", Unit::month},              {"year", Unit::year},               {"years", Unit::year},
        {"y", Unit::year},                  {"yr", Unit::year},                 {"yrs", Unit::year},
        {"decade", Unit::decade},           {"decades", Unit::decade},          {"dec", Unit::decade},
        {"decs", Unit::decade},             {"century", Unit::century},         {"centuries", Unit::century},
        {"c", Unit::century},               {"cent", Unit::century},            {"millennium", Unit::millennium},
        {"millennia", Unit::millennium},    {"mil", Unit::millennium},          {"mils", Unit::millennium},
    };
    for (const Spelling& spelling : spellings)
        if (word == spelling.word) return spelling.unit;
    return std::nullopt;
}

// A signed decimal number: its whole part and its fraction, both with the number's sign, read
// apart as DecodeInterval reads them (the fraction's rounding depends on it).
bool read_number(const std::string& token, std::int64_t& whole, double& fraction) {
    std::size_t at = token[0] == '-' || token[0] == '+' ? 1 : 0;
    std::size_t point = token.find('.');
    std::string digits = token.substr(at, point == std::string::npos ? std::string::npos : point - at);
    std::string decimals = point == std::string::npos ? "" : token.substr(point + 1);
    if ((digits.empty() && decimals.empty()) || digits.size() > 15) return false;
    for (char c : digits + decimals)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    bool negative = token[0] == '-';
    whole = digits.empty() ? 0 : std::strtoll(digits.c_str(), nullptr, 10);
    fraction = decimals.empty() ? 0 : std::strtod(("." + decimals).c_str(), nullptr);
    if (negative) whole = -whole, fraction = -fraction;
    return true;
}

// [+-]hh:mm[:ss[.ffffff]] (DecodeTime); the sign applies to every part.
bool read_time(const std::string& token, Fields& fields) {
    std::size_t at = 0;
    bool negative = false;
    if (token[0] == '+' || token[0] == '-') negative = token[at++] == '-';
    std::vector<std::string> parts(1);
    for (; at < token.size(); ++at) {
        char c = token[at];
        if (c == ':') parts.emplace_back();
        else if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && parts.size() == 3)) parts.back() += c;
        else return false;
    }
    if (parts.size() < 2 || parts.size() > 3) return false;
    for (const std::string& part : parts)
        if (part.empty()) return false;
    std::int64_t sign = negative ? -1 : 1;
    std::int64_t hours = std::strtoll(parts[0].c_str(), nullptr, 10), minutes = std::strtoll(parts[1].c_str(), nullptr, 10);
    if (minutes > 59) return false;
    std::int64_t seconds = 0, usecs = 0;
    if (parts.size() == 3) {
        double value = std::strtod(parts[2].c_str(), nullptr);
        if (value >= 60) return false;
        seconds = std::int64_t(value);
        usecs = std::int64_t(std::rint((value - double(seconds)) * usecs_per_sec));
    }
    fields.hours += sign * hours;
    fields.minutes += sign * minutes;
    fields.seconds += sign * seconds;
    fields.usecs += sign * usecs;
    return true;
}

// Years and their multiples: a fraction counts in whole months.
void add_years(Fields& fields, std::int64_t whole, double fraction, std::int64_t years_per_unit) {
    fields.years += whole * years_per_unit;
    fields.months += std::int64_t(std::rint(fraction * 12 * double(years_per_unit)));
}

void add(Fields& fields, Unit unit, std::int64_t whole, double fraction) {
    switch (unit) {
        case Unit::microsecond: fields.usecs += std::int64_t(std::rint(double(whole) + fraction)); break;
        case Unit::millisecond: fields.usecs += std::int64_t(std::rint((double(whole) + fraction) * 1000)); break;
        case Unit::second:
            fields.seconds += whole;
            fields.usecs += std::int64_t(std::rint(fraction * usecs_per_sec));
            break;
        case Unit::minute:
            fields.minutes += whole;
            fields.fraction_of_seconds(fraction, secs_per_minute);
            break;
        case Unit::hour:
            fields.hours += whole;
            fields.fraction_of_seconds(fraction, secs_per_hour);
            break;
        case Unit::day:
            fields.days += whole;
            fields.fraction_of_seconds(fraction, secs_per_day);
            break;
        case Unit::week:
            fields.days += whole * 7;
            fields.fraction_of_days(fraction, 7);
            break;
        case Unit::month:
            fields.months += whole;
            fields.fraction_of_days(fraction, 30);
            break;
        case Unit::year: add_years(fields, whole, fraction, 1); break;
        case Unit::decade: add_years(fields, whole, fraction, 10); break;
        case Unit::century: add_years(fields, whole, fraction, 100); break;
        case Unit::millennium: add_years(fields, whole, fraction, 1000); break;
    }
}

// AddPostgresIntPart.
void add_part(std::string& out, std::int64_t value, const char* unit, bool& is_zero, bool& is_before) {
    if (value == 0) return;
    if (!is_zero) out += ' ';
    if (is_before && value > 0) out += '+';
    out += std::to_string(value) + ' ' + unit + (value != 1 ? "s" : "");
    is_before = value < 0;
    is_zero = false;
}

std::string two_digits(std::int64_t value) { return (value < 10 ? "0" : "") + std::to_string(value); }

// ParseDateTime's fields: words apart, and a number apart from the unit written against it
// ("5min", "1h30m").
std::vector<std::string> postgres_tokens(std::string_view text) {
    std::vector<std::string> tokens;
    std::string token;
    auto is_letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    for (char c : text) {
        bool space = std::isspace(static_cast<unsigned char>(c));
        if (!token.empty() && (space || is_letter(c) != is_letter(token.back()))) tokens.push_back(std::move(token)), token.clear();
        if (!space) token += c;
    }
    if (!token.empty()) tokens.push_back(std::move(token));
    return tokens;
}

// DecodeInterval: numbers with units, times, `@` before and `ago` after.
std::optional<Fields> read_postgres_form(std::string_view text, bool& ago) {
    std::vector<std::string> tokens = postgres_tokens(text);
    if (tokens.empty()) return std::nullopt;
    Fields fields;
    auto is_ago = [](const std::string& token) { return token == "ago" || token == "AGO"; };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& current = tokens[i];
        if (current == "@" && i == 0) continue;
        if (i + 1 == tokens.size() && is_ago(current)) {
            ago = true;
            continue;
        }
        if (current.find(':') != std::string::npos) {
            if (!read_time(current, fields)) return std::nullopt;
            continue;
        }
        std::int64_t whole = 0;
        double fraction = 0;
        if (!read_number(current, whole, fraction)) return std::nullopt;
        std::optional<Unit> unit = Unit::second;  // a number alone is seconds
        if (i + 1 < tokens.size() && !(i + 2 == tokens.size() && is_ago(tokens[i + 1]))) {
            unit = unit_of(tokens[++i]);
            if (!unit) return std::nullopt;
        }
        add(fields, *unit, whole, fraction);
    }
    return fields;
}

// DecodeISO8601Interval, the format with designators: P1Y2M3W4DT5H6M7.5S. (Its alternative
// format, P0001-02-03T04:05:06, is not read.)
std::optional<Fields> read_iso8601(std::string_view text) {
    if (text.size() < 2 || text[0] != 'P') return std::nullopt;
    Fields fields;
    bool date_part = true;
    for (std::size_t at = 1; at < text.size();) {
        if (text[at] == 'T' && date_part) {
            date_part = false;
            ++at;
            continue;
        }
        std::size_t end = at;
        while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.' || text[end] == '-' || text[end] == '+')) ++end;
        if (end == at || end == text.size()) return std::nullopt;
        std::int64_t whole = 0;
        double fraction = 0;
        if (!read_number(std::string(text.substr(at, end - at)), whole, fraction)) return std::nullopt;
        char designator = text[end];
        std::optional<Unit> unit;
        if (date_part) unit = designator == 'Y' ? Unit::year : designator == 'M' ? Unit::month : designator == 'W' ? Unit::week : designator == 'D' ? Unit::day : unit;
        else unit = designator == 'H' ? Unit::hour : designator == 'M' ? Unit::minute : designator == 'S' ? Unit::second : unit;
        if (!unit) return std::nullopt;
        add(fields, *unit, whole, fraction);
        at = end + 1;
    }
    return fields;
}

}  // namespace

std::optional<std::string> interval_output(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    bool ago = false;
    std::optional<Fields> read = !text.empty() && text[0] == 'P' ? read_iso8601(text) : read_postgres_form(text, ago);
    if (!read) return std::nullopt;
    const Fields& fields = *read;

    // tm2itm / itm2interval: months, days and microseconds; then interval2itm to print.
    std::int64_t sign = ago ? -1 : 1;
    std::int64_t months = sign * (fields.years * 12 + fields.months);
    std::int64_t days = sign * fields.days;
    std::int64_t time = sign * ((((fields.hours * 60) + fields.minutes) * 60 + fields.seconds) * usecs_per_sec + fields.usecs);

    std::int64_t years = months / 12, mons = months % 12;
    std::int64_t hours = time / (secs_per_hour * usecs_per_sec);
    time -= hours * secs_per_hour * usecs_per_sec;
    std::int64_t minutes = time / (secs_per_minute * usecs_per_sec);
    time -= minutes * secs_per_minute * usecs_per_sec;
    std::int64_t seconds = time / usecs_per_sec;
    std::int64_t usecs = time - seconds * usecs_per_sec;

    // EncodeInterval, INTSTYLE_POSTGRES.
    std::string out;
    bool is_zero = true, is_before = false;
    add_part(out, years, "year", is_zero, is_before);
    add_part(out, mons, "mon", is_zero, is_before);
    add_part(out, days, "day", is_zero, is_before);
    if (is_zero || hours != 0 || minutes != 0 || seconds != 0 || usecs != 0) {
        bool minus = hours < 0 || minutes < 0 || seconds < 0 || usecs < 0;
        if (!is_zero) out += ' ';
        out += minus ? "-" : is_before ? "+" : "";
        out += two_digits(std::llabs(hours)) + ':' + two_digits(std::llabs(minutes)) + ':' + two_digits(std::llabs(seconds));
        if (usecs != 0) {
            std::string fraction = std::to_string(std::llabs(usecs));
            fraction.insert(0, 6 - fraction.size(), '0');
            while (fraction.back() == '0') fraction.pop_back();
            out += '.' + fraction;
        }
    }
    return out;
}

}  // namespace pgshift
