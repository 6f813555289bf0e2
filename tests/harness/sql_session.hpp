// A connection to a test database that runs SQL scripts the way `psql -v ON_ERROR_STOP=1 -f`
// does: statement by statement in autocommit (so CREATE INDEX CONCURRENTLY and explicit
// transactions work as in psql), stopping at the first error. The server's notices are kept
// for failure reports, never printed.
#pragma once

#include <memory>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <vector>

namespace pgshift::testing {

// A statement of a script failed: "NAME:LINE: ERROR:  message", as psql reports it.
class ScriptError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The statements of a script, each without its trailing semicolon, with the line it starts on.
struct ScriptStatement {
    std::string sql;
    int line = 0;
};
std::vector<ScriptStatement> split_script(const std::string& sql);

class SqlSession {
public:
    explicit SqlSession(const std::string& url);  // throws pqxx::broken_connection
    ~SqlSession();
    SqlSession(const SqlSession&) = delete;
    SqlSession& operator=(const SqlSession&) = delete;

    // Runs every statement of `sql` (a file named `name` in messages). Throws ScriptError.
    void run_script(const std::string& sql, const std::string& name);
    // One statement (or several in one implicit transaction); throws pqxx::sql_error.
    pqxx::result execute(const std::string& sql);
    // The notices the server sent since the last call.
    std::string take_notices();

private:
    class NoticeCollector;
    pqxx::connection connection_;
    std::unique_ptr<NoticeCollector> notices_;
};

}  // namespace pgshift::testing
