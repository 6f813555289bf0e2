#include <catch2/catch.hpp>

#include "parser/canonical/array_literal.hpp"
#include "parser/canonical/canonical_expression.hpp"

using namespace pgshift;

TEST_CASE("array literals take the form array_out prints (values read back from PostgreSQL 15)") {
    const std::pair<const char*, const char*> text_cases[] = {
        {"{state, endDate}", "{state,endDate}"},
        {R"(  {  a ,  "b c" , NULL, nuLL, "NULL", "", "a\"b", "c\\d", e\,f, g\ , h\ i, "{x}" }  )",
         R"({a,"b c",NULL,NULL,"NULL","","a\"b","c\\d","e,f","g ","h i","{x}"})"},
        {"{{a, b}, {c, \"d e\"}}", "{{a,b},{c,\"d e\"}}"},
        {"{}", "{}"},
        {"{N\\ULL}", "{\"NULL\"}"},
        {"{é, x y}", "{é,\"x y\"}"},
    };
    for (const auto& [written, printed] : text_cases) {
        INFO(written);
        CHECK(array_output(written) == std::optional<std::string>(printed));
        CHECK(array_output(printed) == std::optional<std::string>(printed));  // the catalog's form is its own
    }
    CHECK(array_output("{01, +2, -03, \" 4 \", NULL}", ArrayElement::integer) == std::optional<std::string>("{1,2,-3,4,NULL}"));
    CHECK(array_output("{yes, off, T, \"0\", NULL}", ArrayElement::boolean) == std::optional<std::string>("{t,f,t,f,NULL}"));
    CHECK(array_element_of("pg_catalog.int4") == ArrayElement::integer);
    CHECK(array_element_of("boolean") == ArrayElement::boolean);
    CHECK(array_element_of("numeric") == ArrayElement::as_read);
}

TEST_CASE("array literals the server rejects, or with explicit bounds, stay as written") {
    for (const char* text : {"{ {} }", "{a,{b}}", "{{a},{b,c}}", "{a,,b}", "{a\"b\"}", "[0:1]={a,b}", "{a", "{a} x", "a,b"}) {
        INFO(text);
        CHECK_FALSE(array_output(text));
    }
    CHECK_FALSE(array_output("{1.5}", ArrayElement::integer));
}

TEST_CASE("array constants compare by their elements wherever an expression holds one") {
    auto same = [](const std::string& written, const std::string& printed) {
        INFO(written << "  vs  " << printed);
        CHECK(canonical_expression_text(written) == canonical_expression_text(printed));
    };
    same("'{state, endDate}'::text[]", "'{state,endDate}'::text[]");
    same("array_position('{state, endDate}'::text[], status)", "array_position('{state,endDate}'::text[], status)");
    same("status = any ('{a, \"b c\", NULL}')", "(status = ANY ('{a,\"b c\",NULL}'::text[]))");
    same("n <> all ('{01, +2}'::int[])", "(n <> ALL ('{1,2}'::integer[]))");
    same("flags @> '{yes}'::bool[]", "(flags @> '{t}'::boolean[])");
    // Different elements stay different; a text that is not an array is not read as one.
    CHECK(canonical_expression_text("'{a, b}'::text[]") != canonical_expression_text("'{a b}'::text[]"));
    CHECK(canonical_expression_text("'{a, b}'::text") != canonical_expression_text("'{a,b}'::text"));
}
