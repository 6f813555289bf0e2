// One connection to the database the workflow changes, over libpq: the server's own error
// fields (SQLSTATE, position, detail, hint), notices, and scripts whose statements are counted.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct pg_conn;

namespace pgshift {

// What the server said: an error or a notice.
struct ServerMessage {
    std::string severity;  // ERROR, FATAL, WARNING, NOTICE, ...
    std::string sqlstate;
    std::string message;
    std::string detail;
    std::string hint;
    std::string context;
    int position = 0;  // 1-based character in the query sent; 0: none
    bool connection_lost = false;  // the connection broke: nothing more can be sent
};

// A statement the server refused, or a connection that broke.
class ServerError : public std::runtime_error {
public:
    explicit ServerError(ServerMessage message);
    const ServerMessage& server() const { return message_; }

private:
    ServerMessage message_;
};

using Row = std::vector<std::optional<std::string>>;

class Session {
public:
    // Connects; throws ServerError (connection_lost) with libpq's message, password removed.
    explicit Session(const std::string& connection);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // One statement (parameters as text, NULL as nullopt); its rows. Throws ServerError.
    std::vector<Row> query(const std::string& sql, const std::vector<std::optional<std::string>>& parameters = {});
    // The first column of the first row, or nullopt.
    std::optional<std::string> value(const std::string& sql, const std::vector<std::optional<std::string>>& parameters = {});

    // A script of statements sent at once (the simple protocol), as the server splits it.
    // Returns nullopt when every statement ran; otherwise the error and how many statements
    // completed before it. Positions in the error are characters of `sql`.
    struct ScriptFailure {
        ServerMessage error;
        std::size_t completed = 0;
    };
    std::optional<ScriptFailure> run_script(const std::string& sql);

    int server_version() const;  // e.g. 150004
    bool connected() const;
    int backend_pid() const;

    // Called for each notice (WARNING, NOTICE, ...) the server sends.
    std::function<void(const ServerMessage&)> on_notice;

private:
    pg_conn* connection_ = nullptr;
};

}  // namespace pgshift
