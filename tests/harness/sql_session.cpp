#include "sql_session.hpp"

#include <pg_query.h>

#include <algorithm>

namespace pgshift::testing {

class SqlSession::NoticeCollector : public pqxx::errorhandler {
public:
    explicit NoticeCollector(pqxx::connection_base& connection) : pqxx::errorhandler(connection) {}
    bool operator()(const char message[]) noexcept override {
        try {
            text += message;
        } catch (...) {
        }
        return false;  // handled: not printed
    }
    std::string text;
};

std::vector<ScriptStatement> split_script(const std::string& sql) {
    // The parser splits where psql would; a script it cannot parse falls back to the scanner
    // (the server then reports the error, as it would to psql).
    PgQuerySplitResult result = pg_query_split_with_parser(sql.c_str());
    if (result.error) {
        pg_query_free_split_result(result);
        result = pg_query_split_with_scanner(sql.c_str());
    }
    std::vector<ScriptStatement> statements;
    for (int i = 0; !result.error && i < result.n_stmts; ++i) {
        std::size_t start = std::size_t(result.stmts[i]->stmt_location);
        std::size_t length = result.stmts[i]->stmt_len == 0 ? sql.size() - start : std::size_t(result.stmts[i]->stmt_len);
        std::string text = sql.substr(start, length);
        // The location is where the previous statement ended: skip the blank lines between.
        std::size_t first = text.find_first_not_of(" \t\r\n");
        if (first == std::string::npos) continue;
        int line = 1 + int(std::count(sql.begin(), sql.begin() + std::ptrdiff_t(start + first), '\n'));
        statements.push_back({text.substr(first), line});
    }
    bool failed = result.error != nullptr;
    std::string message = failed ? result.error->message : "";
    pg_query_free_split_result(result);
    if (failed) throw ScriptError("cannot split the script: " + message);
    return statements;
}

SqlSession::SqlSession(const std::string& url) : connection_(url), notices_(std::make_unique<NoticeCollector>(connection_)) {}

SqlSession::~SqlSession() = default;

void SqlSession::run_script(const std::string& sql, const std::string& name) {
    pqxx::nontransaction session(connection_);
    for (const ScriptStatement& statement : split_script(sql)) {
        try {
            session.exec(statement.sql);
        } catch (const pqxx::sql_error& error) {
            throw ScriptError(name + ":" + std::to_string(statement.line) + ": " + error.what());
        }
    }
    session.commit();
}

pqxx::result SqlSession::execute(const std::string& sql) {
    pqxx::nontransaction session(connection_);
    pqxx::result result = session.exec(sql);
    session.commit();
    return result;
}

std::string SqlSession::take_notices() {
    std::string text;
    std::swap(text, notices_->text);
    return text;
}

}  // namespace pgshift::testing
