#include <catch2/catch.hpp>

#include "model/names.hpp"

using namespace pgshift;

TEST_CASE("quote_ident quotes only where PostgreSQL needs it") {
    CHECK(quote_ident("users") == "users");
    CHECK(quote_ident("user_2") == "user_2");
    CHECK(quote_ident("_private") == "_private");
    CHECK(quote_ident("Users") == "\"Users\"");
    CHECK(quote_ident("order items") == "\"order items\"");
    CHECK(quote_ident("2fa") == "\"2fa\"");
    CHECK(quote_ident("select") == "\"select\"");  // reserved
    CHECK(quote_ident("user") == "\"user\"");      // reserved
    CHECK(quote_ident("between") == "\"between\"");  // column-name keyword
    CHECK(quote_ident("left") == "\"left\"");      // type/function-name keyword
    CHECK(quote_ident("name") == "name");          // unreserved keyword
    CHECK(quote_ident("comment") == "comment");    // unreserved keyword
    CHECK(quote_ident("café") == "\"café\"");
    CHECK(quote_ident("quote\"d") == "\"quote\"\"d\"");
    CHECK(quote_ident("") == "\"\"");
    CHECK(qualified({"public", "Order Items"}) == "public.\"Order Items\"");
}

TEST_CASE("implicit names follow makeObjectName and ChooseRelationName") {
    // Expected values are what PostgreSQL 15 chose for fixtures/apps/edge-cases.
    std::string long_table = truncate_identifier("a_table_name_that_is_long_enough_to_need_truncation_when_combined");
    CHECK(long_table == "a_table_name_that_is_long_enough_to_need_truncation_when_combin");
    std::string long_column = "a_column_name_that_is_also_rather_long_for_comfort";
    CHECK(make_object_name(long_table, long_column, "key") == "a_table_name_that_is_long_eno_a_column_name_that_is_also_ra_key");
    CHECK(make_object_name(long_table, "", "pkey") == "a_table_name_that_is_long_enough_to_need_truncation_when_c_pkey");
    CHECK(make_object_name(long_table, "id", "seq") == "a_table_name_that_is_long_enough_to_need_truncation_when_id_seq");
    CHECK(make_object_name(long_table, "other", "check") == "a_table_name_that_is_long_enough_to_need_truncation_other_check");
    CHECK(make_object_name("Order Items", "café", "key") == "Order Items_café_key");
    CHECK(make_object_name("t", "", "pkey") == "t_pkey");
}

TEST_CASE("truncation never splits a UTF-8 character") {
    std::string name(62, 'a');
    name += "é";  // bytes 63 and 64
    CHECK(truncate_identifier(name) == std::string(62, 'a'));
    CHECK(make_object_name(std::string(60, 'b') + "é", "", "x").size() <= 63);
}

TEST_CASE("choose_name adds numeric suffixes to the label") {
    std::vector<std::string> taken{"twin_a_key"};
    auto is_taken = [&](const std::string& name) { return std::find(taken.begin(), taken.end(), name) != taken.end(); };
    CHECK(choose_name("twin", "a", "key", is_taken) == "twin_a_key1");
    taken.push_back("twin_a_key1");
    CHECK(choose_name("twin", "a", "key", is_taken) == "twin_a_key2");
    CHECK(name_addition({"a", "b"}) == "a_b");
}
