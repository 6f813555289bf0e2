#include "workflow/file_statements.hpp"

#include <cstring>

#include "parser/canonical/pg_query_tree.hpp"

namespace pgshift {
namespace {

constexpr const char* own_file_hint =
    "put it in a file of its own and push with --allow-outside-transaction (that file then runs statement by "
    "statement, and a failure leaves what already ran)";

bool option_named(PgQuery__Node** options, std::size_t count, const char* name) {
    for (std::size_t i = 0; i < count; ++i)
        if (options[i]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM && std::strcmp(options[i]->def_elem->defname, name) == 0) return true;
    return false;
}

// Whether `create_slot` is set false in a subscription's options.
bool creates_no_slot(PgQuery__Node** options, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        if (options[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
        const PgQuery__DefElem* option = options[i]->def_elem;
        if (std::strcmp(option->defname, "create_slot") != 0 || !option->arg) continue;
        const PgQuery__Node* value = option->arg;
        if (value->node_case == PG_QUERY__NODE__NODE_STRING) return std::strcmp(value->string->sval, "false") == 0 || std::strcmp(value->string->sval, "off") == 0;
        if (value->node_case == PG_QUERY__NODE__NODE_BOOLEAN) return !value->boolean->boolval;
    }
    return false;
}

void classify(const PgQuery__Node* node, int server_version, FileStatement& statement) {
    auto outside = [&](const char* what, const std::string& hint) {
        statement.outside_transaction = what;
        statement.hint = hint;
    };
    switch (node->node_case) {
        case PG_QUERY__NODE__NODE_INDEX_STMT:
            if (node->index_stmt->concurrent)
                outside("CREATE INDEX CONCURRENTLY",
                        "write CREATE INDEX (it blocks writes to the table while the index builds), or put it in a file of its own and "
                        "push with --allow-outside-transaction");
            break;
        case PG_QUERY__NODE__NODE_DROP_STMT:
            if (node->drop_stmt->concurrent) outside("DROP INDEX CONCURRENTLY", std::string("write DROP INDEX, or ") + own_file_hint);
            break;
        case PG_QUERY__NODE__NODE_REINDEX_STMT:
            if (option_named(node->reindex_stmt->params, node->reindex_stmt->n_params, "concurrently"))
                outside("REINDEX CONCURRENTLY", own_file_hint);
            else if (node->reindex_stmt->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SYSTEM ||
                     node->reindex_stmt->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_DATABASE)
                outside("REINDEX DATABASE", own_file_hint);
            break;
        case PG_QUERY__NODE__NODE_VACUUM_STMT:
            if (node->vacuum_stmt->is_vacuumcmd) outside("VACUUM", std::string("write ANALYZE if statistics are what the file needs, or ") + own_file_hint);
            break;
        case PG_QUERY__NODE__NODE_CREATEDB_STMT: outside("CREATE DATABASE", "databases are not made by migrations: create it beforehand"); break;
        case PG_QUERY__NODE__NODE_DROPDB_STMT: outside("DROP DATABASE", "databases are not dropped by migrations"); break;
        case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT: outside("CREATE TABLESPACE", own_file_hint); break;
        case PG_QUERY__NODE__NODE_DROP_TABLE_SPACE_STMT: outside("DROP TABLESPACE", own_file_hint); break;
        case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT: outside("ALTER SYSTEM", "server settings are not migrations: set them beforehand"); break;
        case PG_QUERY__NODE__NODE_CREATE_SUBSCRIPTION_STMT:
            if (!creates_no_slot(node->create_subscription_stmt->options, node->create_subscription_stmt->n_options))
                outside("CREATE SUBSCRIPTION (creating a replication slot)", std::string("add WITH (create_slot = false), or ") + own_file_hint);
            break;
        case PG_QUERY__NODE__NODE_DROP_SUBSCRIPTION_STMT: outside("DROP SUBSCRIPTION", own_file_hint); break;
        case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
            // Before PostgreSQL 12, a new enum value could not be added inside a transaction block.
            if (server_version < 120000 && !node->alter_enum_stmt->old_val[0])
                outside("ALTER TYPE ... ADD VALUE (before PostgreSQL 12)", own_file_hint);
            break;
        case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
            for (std::size_t i = 0; i < node->alter_table_stmt->n_cmds; ++i) {
                const PgQuery__Node* command = node->alter_table_stmt->cmds[i];
                if (command->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD) continue;
                const PgQuery__AlterTableCmd* cmd = command->alter_table_cmd;
                if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition && cmd->def &&
                    cmd->def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD && cmd->def->partition_cmd->concurrent)
                    outside("ALTER TABLE ... DETACH PARTITION CONCURRENTLY", own_file_hint);
            }
            break;
        case PG_QUERY__NODE__NODE_TRANSACTION_STMT: statement.transaction_control = true; break;
        case PG_QUERY__NODE__NODE_INSERT_STMT: statement.data = "INSERT"; break;
        case PG_QUERY__NODE__NODE_UPDATE_STMT: statement.data = "UPDATE"; break;
        case PG_QUERY__NODE__NODE_DELETE_STMT: statement.data = "DELETE"; break;
        case PG_QUERY__NODE__NODE_MERGE_STMT: statement.data = "MERGE"; break;
        case PG_QUERY__NODE__NODE_COPY_STMT: statement.data = "COPY"; break;
        case PG_QUERY__NODE__NODE_TRUNCATE_STMT: statement.data = "TRUNCATE"; break;
        default: break;
    }
}

PgQuery__TransactionStmtKind transaction_kind(const ParsedSql& parsed, std::size_t i) {
    return parsed.statement(i).stmt->transaction_stmt->kind;
}

}  // namespace

std::string FileStatements::script(const std::string& sql) const {
    std::string text = sql;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        if (!skipped[i]) continue;
        std::size_t end = statements[i].offset + statements[i].length;
        if (end < text.size() && text[end] == ';') ++end;
        for (std::size_t j = statements[i].offset; j < end; ++j)
            if (text[j] != '\n') text[j] = ' ';
    }
    return text;
}

FileStatements file_statements(const std::string& sql, int server_version) {
    ParsedSql parsed(sql);
    FileStatements file;
    for (std::size_t i = 0; i < parsed.statement_count(); ++i) {
        const PgQuery__RawStmt& raw = parsed.statement(i);
        FileStatement statement;
        statement.offset = std::size_t(raw.stmt_location);
        statement.length = raw.stmt_len ? std::size_t(raw.stmt_len) : sql.size() - statement.offset;
        // A statement's location starts after the previous `;`: skip the spaces and comments before it.
        while (statement.offset < sql.size() && statement.length > 0) {
            char c = sql[statement.offset];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                ++statement.offset, --statement.length;
            } else if (sql.compare(statement.offset, 2, "--") == 0) {
                std::size_t end = sql.find('\n', statement.offset);
                std::size_t skipped = (end == std::string::npos ? sql.size() : end) - statement.offset;
                statement.offset += skipped, statement.length -= std::min(skipped, statement.length);
            } else if (sql.compare(statement.offset, 2, "/*") == 0) {
                std::size_t end = sql.find("*/", statement.offset + 2);
                std::size_t skipped = (end == std::string::npos ? sql.size() : end + 2) - statement.offset;
                statement.offset += skipped, statement.length -= std::min(skipped, statement.length);
            } else {
                break;
            }
        }
        classify(raw.stmt, server_version, statement);
        file.statements.push_back(statement);
    }
    file.skipped.assign(file.statements.size(), false);
    std::optional<std::size_t> open;  // the BEGIN of a pair
    for (std::size_t i = 0; i < file.statements.size(); ++i) {
        if (!file.statements[i].transaction_control) continue;
        PgQuery__TransactionStmtKind kind = transaction_kind(parsed, i);
        switch (kind) {
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
                if (open) {
                    file.own_transaction_control = i;
                } else {
                    open = i;
                }
                break;
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
                if (!open) {
                    file.own_transaction_control = i;
                } else {
                    file.skipped[*open] = file.skipped[i] = true;
                    open.reset();
                }
                break;
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_SAVEPOINT:
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_RELEASE:
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_TO:
                break;
            default: file.own_transaction_control = i; break;
        }
        if (file.own_transaction_control) break;
    }
    if (open && !file.own_transaction_control) file.own_transaction_control = *open;
    return file;
}

}  // namespace pgshift
