#include <catch2/catch.hpp>

#include "model/type_names.hpp"
#include "parser/parse_folder.hpp"

using namespace pgshift;

TEST_CASE("built-in type names take format_type's spelling") {
    CHECK(canonical_builtin_type("int4", {}) == "integer");
    CHECK(canonical_builtin_type("int8", {}) == "bigint");
    CHECK(canonical_builtin_type("bool", {}) == "boolean");
    CHECK(canonical_builtin_type("varchar", {"255"}) == "character varying(255)");
    CHECK(canonical_builtin_type("numeric", {"10"}) == "numeric(10,0)");
    CHECK(canonical_builtin_type("timestamptz", {}) == "timestamp with time zone");
    CHECK(canonical_builtin_type("timestamp", {"3"}) == "timestamp(3) without time zone");
    CHECK(canonical_builtin_type("float", {"10"}) == "real");
    CHECK(canonical_builtin_type("uuid", {}) == "uuid");
    CHECK_FALSE(canonical_builtin_type("vector", {}).has_value());
    CHECK(serial_base_type("bigserial") == "bigint");
    CHECK_FALSE(serial_base_type("text").has_value());
}

TEST_CASE("column types written every way resolve to one canonical name") {
    SchemaModel model = parse_sql(R"(
        create type mood as enum ('a');
        create table t (
          a int, b integer, c int4, d smallint, e bigint, f bool, g varchar(20), h character varying(20),
          i char(3), j decimal(8,2), k double precision, l float8, m timestamptz,
          n timestamp with time zone, o time, p text[], q mood, r public.mood[], s "char", t_ json
        );)");
    const Table& table = model.tables.at({"public", "t"});
    std::vector<std::string> types;
    for (const Column& column : table.columns) types.push_back(column.type);
    CHECK(types == std::vector<std::string>{
                       "integer", "integer", "integer", "smallint", "bigint", "boolean", "character varying(20)",
                       "character varying(20)", "character(3)", "numeric(8,2)", "double precision", "double precision",
                       "timestamp with time zone", "timestamp with time zone", "time without time zone", "text[]",
                       "public.mood", "public.mood[]", "\"char\"", "json"});
}
