// DO blocks: the PL/pgSQL is parsed, and the DDL in it replayed. Statements under an idempotency
// guard (IF [NOT] EXISTS (...) THEN, EXCEPTION WHEN ...) run "guarded": one that cannot apply to the
// model is taken as skipped by its guard. Anything else a block does is reported.
#include <pg_query.h>

#include <nlohmann/json.hpp>

#include "parser/node_helpers.hpp"
#include "parser/pg_query_tree.hpp"
#include "parser/replay.hpp"
#include "parser/replay_failure.hpp"

namespace pgshift {
namespace {

struct PlpgsqlParseResult {
    PgQueryPlpgsqlParseResult result;
    explicit PlpgsqlParseResult(const std::string& source) : result(pg_query_parse_plpgsql(source.c_str())) {}
    ~PlpgsqlParseResult() { pg_query_free_plpgsql_parse_result(result); }
};

std::string expression_query(const nlohmann::json& expression) {
    if (expression.contains("PLpgSQL_expr")) return expression["PLpgSQL_expr"].value("query", "");
    return {};
}

// The SQL of EXECUTE '<literal>': replayable like any statement. Empty when not a plain literal.
std::string literal_sql(const std::string& expression) {
    try {
        ParsedSql parsed("SELECT " + expression);
        const PgQuery__Node* statement = parsed.statement(0).stmt;
        if (statement->node_case != PG_QUERY__NODE__NODE_SELECT_STMT || statement->select_stmt->n_target_list != 1) return {};
        const PgQuery__Node* value = statement->select_stmt->target_list[0]->res_target->val;
        if (value && value->node_case == PG_QUERY__NODE__NODE_A_CONST) return node_string(value);
    } catch (const std::exception&) {
    }
    return {};
}

}  // namespace

// Walks PL/pgSQL statements; `guarded` marks statements under an idempotency guard.
struct ReplayAccess {
    Replayer& replayer;
    int location;

    void run_sql(const std::string& sql, bool guarded) {
        bool saved = replayer.guarded_;
        replayer.guarded_ = replayer.guarded_ || guarded;
        try {
            replayer.replay_sql_text(sql, location);
        } catch (const ReplayFailure&) {
            replayer.guarded_ = saved;
            if (!replayer.guarded_ && !guarded) throw;
            return;
        } catch (const SqlSyntaxError& error) {
            replayer.guarded_ = saved;
            replayer.fail(std::string("in DO block: ") + error.what(), location - replayer.location_shift_);
        }
        replayer.guarded_ = saved;
    }

    void statements(const nlohmann::json& list, bool guarded) {
        if (!list.is_array()) return;
        for (const nlohmann::json& item : list) statement(item, guarded);
    }

    void statement(const nlohmann::json& item, bool guarded) {
        if (!item.is_object() || item.empty()) return;
        const std::string& kind = item.begin().key();
        const nlohmann::json& body = item.begin().value();
        if (kind == "PLpgSQL_stmt_execsql") {
            run_sql(expression_query(body["sqlstmt"]), guarded);
        } else if (kind == "PLpgSQL_stmt_if") {
            // The guard cannot be evaluated without a database: the branch runs guarded.
            statements(body.value("then_body", nlohmann::json::array()), true);
            if (body.contains("elsif_list") || body.contains("else_body"))
                replayer.not_modelled("DO block: ELSIF/ELSE branches of a guard");
        } else if (kind == "PLpgSQL_stmt_block") {
            bool has_handlers = body.contains("exceptions");
            statements(body.value("body", nlohmann::json::array()), guarded || has_handlers);
        } else if (kind == "PLpgSQL_stmt_dynexecute") {
            std::string sql = literal_sql(expression_query(body["query"]));
            if (sql.empty())
                replayer.not_modelled("DO block: EXECUTE of a computed string");
            else
                run_sql(sql, guarded);
        } else if (kind == "PLpgSQL_stmt_raise" || kind == "PLpgSQL_stmt_return" || kind == "PLpgSQL_stmt_perform" ||
                   kind == "PLpgSQL_stmt_assign") {
            // No effect on the schema.
        } else {
            replayer.not_modelled("DO block: " + kind.substr(kind.rfind('_') + 1) + " statement");
        }
    }
};

void Replayer::replay_do(const PgQuery__DoStmt* statement, int location) {
    std::string body, language = "plpgsql";
    for (std::size_t i = 0; i < statement->n_args; ++i) {
        const PgQuery__DefElem* option = as_def_elem(statement->args[i]);
        if (!option) continue;
        if (std::string(option->defname) == "as") body = def_elem_text(option);
        if (std::string(option->defname) == "language") language = def_elem_text(option);
    }
    if (language != "plpgsql") return not_modelled("DO block in language " + language);
    std::string delimiter = "$pgshift_do$";
    while (body.find(delimiter) != std::string::npos) delimiter.insert(1, "x");
    std::string function = "CREATE FUNCTION pgshift_do() RETURNS void LANGUAGE plpgsql AS " + delimiter + body + delimiter;
    PlpgsqlParseResult parsed(function);
    if (parsed.result.error) fail(std::string("in DO block: ") + parsed.result.error->message, location);
    nlohmann::json functions = nlohmann::json::parse(parsed.result.plpgsql_funcs, nullptr, false);
    if (!functions.is_array() || functions.empty()) return not_modelled("DO block that does not parse as PL/pgSQL");
    const nlohmann::json& action = functions[0]["PLpgSQL_function"]["action"];
    ReplayAccess access{*this, location};
    access.statement(action, guarded_);
}

}  // namespace pgshift
