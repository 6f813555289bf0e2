// The PostgreSQL server tests run against: the one $PGSHIFT_TEST_URL names, or a throwaway one
// started with scripts/pg-test-server.sh for as long as the TestServer lives.
#pragma once

#include <string>

namespace pgshift::testing {

class TestServer {
public:
    // `source_dir`: the repository, for scripts/pg-test-server.sh. Throws std::runtime_error.
    explicit TestServer(const std::string& source_dir);
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    // The maintenance database's URL (the one given or started).
    const std::string& url() const { return url_; }
    // The same server, database `name`.
    std::string database_url(const std::string& name) const;

private:
    std::string source_dir_;
    std::string url_;
    std::string own_dir_;  // the cluster started here, stopped by the destructor; empty when given
};

}  // namespace pgshift::testing
