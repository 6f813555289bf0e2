#include <catch2/catch.hpp>

#include "parser/canonical/canonical_expression.hpp"
#include "parser/canonical/interval_literal.hpp"

using namespace pgshift;

TEST_CASE("interval literals take the form PostgreSQL 15 prints (values read back from the server)") {
    const std::pair<const char*, const char*> cases[] = {
        {"24 hours", "24:00:00"},
        {"13 months", "1 year 1 mon"},
        {"0", "00:00:00"},
        {"-2 days", "-2 days"},
        {"36 hours 0.000001 seconds", "36:00:00.000001"},
        {"1 year 2 mons -3 days +04:05:06.5", "1 year 2 mons -3 days +04:05:06.5"},
        {"1.5 months", "1 mon 15 days"},
        {"1.5 weeks", "10 days 12:00:00"},
        {"1 day 2 hours ago", "-1 days -02:00:00"},
        {"1500 ms", "00:00:01.5"},
        {"-0.5", "-00:00:00.5"},
        {"-1 year 2 mons", "-10 mons"},
        {"1 y 2 mon 3 d 4 h 5 m 6 s", "1 year 2 mons 3 days 04:05:06"},
        {"1.0000005 seconds", "00:00:01"},
        {"1 mon 0.5 day", "1 mon 12:00:00"},
        // A unit written against its number, and ISO 8601 with designators.
        {"5min", "00:05:00"},
        {"1h30m", "01:30:00"},
        {"1.5h", "01:30:00"},
        {"-5min", "-00:05:00"},
        {"2days", "2 days"},
        {"1day ago", "-1 days"},
        {"@ 3hours", "03:00:00"},
        {"P1D", "1 day"},
        {"PT5M", "00:05:00"},
        {"P1Y2M3DT4H5M6.5S", "1 year 2 mons 3 days 04:05:06.5"},
        {"P1.5D", "1 day 12:00:00"},
        {"P2W", "14 days"},
        {"P-1D", "-1 days"},
        {"P0.5Y", "6 mons"},
        {"PT0S", "00:00:00"},
        {"PT", "00:00:00"},
        {"P1DT", "1 day"},
    };
    for (const auto& [written, printed] : cases) {
        INFO(written);
        CHECK(interval_output(written) == std::optional<std::string>(printed));
        CHECK(interval_output(printed) == std::optional<std::string>(printed));
    }
    // Forms not read here stay as written (a database settles them).
    for (const char* unread : {"P0001-02-03T04:05:06", "1-2", "P1X", "P", "5 01:00:00", "1 fortnight", "", "1:60"}) {
        INFO(unread);
        CHECK_FALSE(interval_output(unread));
    }
}

TEST_CASE("an interval constant compares equal to the catalog's form of it") {
    CHECK(canonical_expression_text("now() - interval '24 hours'") == canonical_expression_text("(now() - '24:00:00'::interval)"));
    CHECK(canonical_expression_text("now() - interval '1 day'") != canonical_expression_text("(now() - '24:00:00'::interval)"));
    // A field restriction changes the value: left as written.
    CHECK(canonical_expression_text("interval '90' minute") != canonical_expression_text("'01:30:00'::interval"));
}
