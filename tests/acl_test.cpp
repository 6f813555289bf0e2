#include <catch2/catch.hpp>

#include "model/acl.hpp"

using namespace pgshift;

TEST_CASE("default ACLs match acldefault()") {
    CHECK(default_acl(acl_object::table, "owner") == Acl{{"owner", "arwdDxt"}});
    CHECK(default_acl(acl_object::function, "owner") == Acl{{"PUBLIC", "X"}, {"owner", "X"}});
    CHECK(default_acl(acl_object::sequence, "owner") == Acl{{"owner", "rwU"}});
}

TEST_CASE("grant and revoke keep aclitem letter order and grant options") {
    Acl acl;
    acl_grant(acl, "anon", "wr", false);
    CHECK(acl.at("anon") == "rw");
    acl_grant(acl, "anon", "a", true);
    CHECK(acl.at("anon") == "a*rw");
    acl_revoke(acl, "anon", "a", true);
    CHECK(acl.at("anon") == "arw");
    acl_revoke(acl, "anon", "arw", false);
    CHECK(acl.count("anon") == 0);
}

TEST_CASE("ALTER DEFAULT PRIVILEGES decide a new object's ACL") {
    SchemaModel model;
    CHECK_FALSE(initial_acl(model, acl_object::table, "postgres", "public").has_value());
    model.default_privileges[{"postgres", "public", acl_object::table}] = Acl{{"anon", "r"}};
    CHECK(initial_acl(model, acl_object::table, "postgres", "public") == Acl{{"anon", "r"}, {"postgres", "arwdDxt"}});
    CHECK_FALSE(initial_acl(model, acl_object::table, "postgres", "other").has_value());
    CHECK_FALSE(initial_acl(model, acl_object::table, "someone_else", "public").has_value());
    // A global entry replaces the built-in default.
    model.default_privileges[{"postgres", "", acl_object::function}] = Acl{{"postgres", "X"}};
    CHECK(initial_acl(model, acl_object::function, "postgres", "public") == Acl{{"postgres", "X"}});
}

TEST_CASE("grants count privileges of roles other than the owner") {
    CHECK(count_grants(std::nullopt, "o") == 0);
    CHECK(count_grants(Acl{{"o", "arwdDxt"}, {"anon", "r*w"}, {"PUBLIC", "X"}}, "o") == 3);
}
