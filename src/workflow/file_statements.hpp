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
    // BEGIN ... COMMIT pairs in the file (around all of it, or around a part) are left out: what
    // they hold runs in pgshift's transaction, which also records the file.
    std::vector<bool> skipped;  // per statement
    // A COMMIT without its BEGIN, a ROLLBACK, PREPARE TRANSACTION: the file ends a transaction
    // on its own, which a file recorded in its own transaction cannot.
    std::optional<std::size_t> own_transaction_control;  // index of the statement

    // The text sent to the server: the file with the skipped statements (and their `;`) blanked,
    // so that every byte stays where it was.
    std::string script(const std::string& sql) const;
};

// Splits `sql` (which must parse: throws SqlSyntaxError otherwise). `server_version` decides
// what runs in a transaction (ALTER TYPE ... ADD VALUE does from PostgreSQL 12 on).
FileStatements file_statements(const std::string& sql, int server_version);

}  // namespace pgshift
