// A migration file's statements as the server will run them (libpg_query's split, PostgreSQL's
// grammar), and those that cannot run inside a transaction block.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace pgshift {

struct FileStatement {
    std::size_t offset = 0;  // byte offset of its first character in the file
    std::size_t length = 0;
    // Why it cannot run in a transaction block ("CREATE INDEX CONCURRENTLY"); empty when it can.
    std::string outside_transaction;
    std::string hint;  // what to do about it
    bool transaction_control = false;  // BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ...
    // A statement on rows, not on the schema (INSERT, UPDATE, DELETE, MERGE, COPY, TRUNCATE):
    // what a schema model does not keep. Empty for others.
    std::string data;
};

struct FileStatements {
    std::vector<FileStatement> statements;
    // The file is wrapped in BEGIN ... COMMIT: pgshift runs what is between inside its own
    // transaction, which also records the file.
    bool wrapped = false;
    std::size_t body_begin = 0, body_end = 0;  // the bytes run (all of the file unless wrapped)
    // A BEGIN, COMMIT or ROLLBACK elsewhere: the file ends a transaction on its own.
    std::optional<std::size_t> own_transaction_control;  // index of the statement
};

// Splits `sql` (which must parse: throws SqlSyntaxError otherwise). `server_version` decides
// what runs in a transaction (ALTER TYPE ... ADD VALUE does from PostgreSQL 12 on).
FileStatements file_statements(const std::string& sql, int server_version);

}  // namespace pgshift
