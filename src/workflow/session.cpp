#include "workflow/session.hpp"

#include <libpq-fe.h>

#include <memory>
#include <string>

#include "introspect/introspect.hpp"

namespace pgshift {
namespace {

using ResultHandle = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string field(const PGresult* result, int code) {
    const char* value = PQresultErrorField(result, code);
    return value ? value : "";
}

ServerMessage message_of(const PGresult* result, PGconn* connection) {
    ServerMessage message;
    message.severity = field(result, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (message.severity.empty()) message.severity = field(result, PG_DIAG_SEVERITY);
    message.sqlstate = field(result, PG_DIAG_SQLSTATE);
    message.message = field(result, PG_DIAG_MESSAGE_PRIMARY);
    message.detail = field(result, PG_DIAG_MESSAGE_DETAIL);
    message.hint = field(result, PG_DIAG_MESSAGE_HINT);
    message.context = field(result, PG_DIAG_CONTEXT);
    std::string position = field(result, PG_DIAG_STATEMENT_POSITION);
    message.position = position.empty() ? 0 : std::stoi(position);
    if (connection && PQstatus(connection) == CONNECTION_BAD) message.connection_lost = true;
    if (message.message.empty()) {
        // libpq's own errors (a broken connection) carry no fields, only text.
        std::string text = connection ? PQerrorMessage(connection) : "";
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        if (text.rfind("ERROR:  ", 0) == 0) text.erase(0, 8);
        message.message = text.empty() ? "the server did not answer" : text;
        if (message.severity.empty()) message.severity = "ERROR";
    }
    return message;
}

void receive_notice(void* self, const PGresult* result) {
    auto* session = static_cast<Session*>(self);
    if (session->on_notice) session->on_notice(message_of(result, nullptr));
}

}  // namespace

ServerError::ServerError(ServerMessage message) : std::runtime_error(message.message), message_(std::move(message)) {}

Session::Session(const std::string& connection) {
    connection_ = PQconnectdb(connection.c_str());
    if (PQstatus(connection_) != CONNECTION_OK) {
        ServerMessage message;
        message.severity = "FATAL";
        std::string reason = PQerrorMessage(connection_);
        while (!reason.empty() && reason.back() == '\n') reason.pop_back();
        // As introspection says it, and without a password (docs/exit-status.md).
        message.message = "cannot connect to " + redact_connection(connection) + ": " + redact_connection(reason);
        message.connection_lost = true;
        PQfinish(connection_);
        connection_ = nullptr;
        throw ServerError(message);
    }
    PQsetNoticeReceiver(connection_, receive_notice, this);
}

Session::~Session() {
    if (connection_) PQfinish(connection_);
}

std::vector<Row> Session::query(const std::string& sql, const std::vector<std::optional<std::string>>& parameters) {
    std::vector<const char*> values;
    for (const auto& parameter : parameters) values.push_back(parameter ? parameter->c_str() : nullptr);
    ResultHandle result(parameters.empty() ? PQexec(connection_, sql.c_str())
                                           : PQexecParams(connection_, sql.c_str(), int(values.size()), nullptr, values.data(), nullptr,
                                                          nullptr, 0),
                        &PQclear);
    ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw ServerError(message_of(result.get(), connection_));
    std::vector<Row> rows;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
        Row values_of_row;
        for (int column = 0; column < PQnfields(result.get()); ++column)
            values_of_row.push_back(PQgetisnull(result.get(), row, column) ? std::nullopt
                                                                           : std::optional<std::string>(PQgetvalue(result.get(), row, column)));
        rows.push_back(std::move(values_of_row));
    }
    return rows;
}

std::optional<std::string> Session::value(const std::string& sql, const std::vector<std::optional<std::string>>& parameters) {
    std::vector<Row> rows = query(sql, parameters);
    if (rows.empty() || rows[0].empty()) return std::nullopt;
    return rows[0][0];
}

std::optional<Session::ScriptFailure> Session::run_script(const std::string& sql) {
    if (!PQsendQuery(connection_, sql.c_str())) return ScriptFailure{message_of(nullptr, connection_), 0};
    std::optional<ScriptFailure> failure;
    std::size_t completed = 0;
    // One result per statement, in order; after an error the server runs nothing more.
    while (PGresult* raw = PQgetResult(connection_)) {
        ResultHandle result(raw, &PQclear);
        ExecStatusType status = PQresultStatus(raw);
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
            ++completed;
        } else if (status == PGRES_EMPTY_QUERY) {
        } else if (!failure) {
            failure = ScriptFailure{message_of(raw, connection_), completed};
        }
    }
    if (failure && PQstatus(connection_) == CONNECTION_BAD) failure->error.connection_lost = true;
    if (!failure && PQstatus(connection_) == CONNECTION_BAD) failure = ScriptFailure{message_of(nullptr, connection_), completed};
    return failure;
}

int Session::server_version() const { return PQserverVersion(connection_); }
bool Session::connected() const { return connection_ && PQstatus(connection_) == CONNECTION_OK; }
int Session::backend_pid() const { return PQbackendPID(connection_); }

}  // namespace pgshift
