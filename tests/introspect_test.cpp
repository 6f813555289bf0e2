#include <catch2/catch.hpp>

#include "introspect/introspect.hpp"

using namespace pgshift;

TEST_CASE("connection strings never show a password") {
    CHECK(redact_connection("postgresql://app:s3cret@db.example:5432/prod") == "postgresql://app:***@db.example:5432/prod");
    CHECK(redact_connection("host=db user=app password=s3cret dbname=prod") == "host=db user=app password=*** dbname=prod");
    CHECK(redact_connection("host=db password='with space' dbname=prod") == "host=db password=*** dbname=prod");
    CHECK(redact_connection("postgres:///prod?host=/tmp&password=s3cret") == "postgres:///prod?host=/tmp&password=***");
    CHECK(redact_connection("postgresql://app@db/prod") == "postgresql://app@db/prod");
}

TEST_CASE("sources that name a database") {
    CHECK(is_connection_string("postgres://u@h/db"));
    CHECK(is_connection_string("postgresql:///db?host=/tmp"));
    CHECK(is_connection_string("host=localhost dbname=app"));
    CHECK_FALSE(is_connection_string("supabase/migrations"));
    CHECK_FALSE(is_connection_string("./001_init.sql"));
}
