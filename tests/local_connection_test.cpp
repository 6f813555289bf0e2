// Which connection strings name a server on this machine: db reset refuses the others unless told.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "workflow/local_cluster.hpp"

using pgshift::is_local_connection;

namespace {

// libpq's fallbacks must not decide these cases.
struct NoHostEnvironment {
    NoHostEnvironment() {
        unsetenv("PGHOST");
        unsetenv("PGHOSTADDR");
    }
};

}  // namespace

TEST_CASE("local connections: sockets, localhost and loopback addresses", "[workflow]") {
    NoHostEnvironment clean;
    CHECK(is_local_connection("postgresql:///app"));
    CHECK(is_local_connection("postgresql://postgres@localhost:5432/postgres"));
    CHECK(is_local_connection("postgresql://u@127.0.0.1/db"));
    CHECK(is_local_connection("postgresql://u@[::1]:5433/db"));
    CHECK(is_local_connection("postgresql://%2Ftmp%2Fpg/db"));
    CHECK(is_local_connection("postgresql:///db?host=/var/run/postgresql"));
    CHECK(is_local_connection("host=/tmp port=5432 dbname=app"));
    CHECK(is_local_connection("dbname=app"));
    CHECK(is_local_connection("host=db.example.com hostaddr=127.0.0.1"));
}

TEST_CASE("remote connections: another host, or any remote host of a list", "[workflow]") {
    NoHostEnvironment clean;
    CHECK_FALSE(is_local_connection("postgresql://postgres:secret@db.example.supabase.co:5432/postgres"));
    CHECK_FALSE(is_local_connection("postgresql://u@10.0.0.5/db"));
    CHECK_FALSE(is_local_connection("host=localhost,db.example.com dbname=app"));
    CHECK_FALSE(is_local_connection("postgresql:///db?host=db.example.com"));
    CHECK_FALSE(is_local_connection("host=localhost hostaddr=10.1.2.3"));
    // A string libpq cannot read is not taken as local.
    CHECK_FALSE(is_local_connection("host='unterminated"));
}

TEST_CASE("local connections: libpq's environment when the string names no host", "[workflow]") {
    NoHostEnvironment clean;
    setenv("PGHOST", "db.example.com", 1);
    CHECK_FALSE(is_local_connection("dbname=app"));
    CHECK(is_local_connection("host=/tmp dbname=app"));
    unsetenv("PGHOST");
}
