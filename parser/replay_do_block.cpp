// DO blocks: the PL/pgSQL is parsed, and the DDL in it replayed. Statements under an idempotency
// guard (IF [NOT] EXISTS (...) THEN, EXCEPTION WHEN ...) run "guarded": one that cannot apply to the
// model is taken as skipped by its guard. Anything else a block does is reported.
#include <pg_query.h>

#include <nlohmann/json.hpp>

#include "parser/constant_folding.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/pg_query_tree.hpp"
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

}  // namespace

// Walks PL/pgSQL statements with what is known of the block's variables. A branch whose condition
// cannot be decided runs "guarded"; a decided one runs as plain code.
struct DoBlockWalker {
    Replayer& replayer;
    int location;
    FoldedVariables variables;
    bool returned = false;

    void run_sql(const std::string& sql, bool guarded) {
        bool saved = replayer.guarded_;
        replayer.guarded_ = saved || guarded;
        try {
            replayer.replay_sql_text(sql, location);
        } catch (const ReplayFailure&) {
            replayer.guarded_ = saved;
            if (!guarded) throw;
            return;
        } catch (const SqlSyntaxError& error) {
            replayer.guarded_ = saved;
            replayer.fail(std::string("in DO block: ") + error.what(), location - replayer.location_shift_);
        }
        replayer.guarded_ = saved;
    }

    void declare(const nlohmann::json& datums) {
        if (!datums.is_array()) return;
        for (const nlohmann::json& datum : datums) {
            if (!datum.contains("PLpgSQL_var")) continue;
            const nlohmann::json& variable = datum["PLpgSQL_var"];
            std::string name = variable.value("refname", "");
            variables[name] = variable.contains("default_val") ? fold_expression(expression_query(variable["default_val"]), variables)
                                                                : FoldedValue::null();
        }
    }

    void statements(const nlohmann::json& list, bool guarded) {
        if (!list.is_array()) return;
        for (const nlohmann::json& item : list) {
            if (returned) return;
            statement(item, guarded);
        }
    }

    void statement(const nlohmann::json& item, bool guarded) {
        if (!item.is_object() || item.empty()) return;
        const std::string& kind = item.begin().key();
        const nlohmann::json& body = item.begin().value();
        if (kind == "PLpgSQL_stmt_execsql") {
            run_sql(expression_query(body["sqlstmt"]), guarded);
        } else if (kind == "PLpgSQL_stmt_if") {
            if_statement(body, guarded);
        } else if (kind == "PLpgSQL_stmt_block") {
            statements(body.value("body", nlohmann::json::array()), guarded || body.contains("exceptions"));
        } else if (kind == "PLpgSQL_stmt_dynexecute") {
            FoldedValue sql = fold_expression(expression_query(body["query"]), variables);
            if (sql.kind == FoldedValue::Kind::text)
                run_sql(sql.text, guarded);
            else
                replayer.not_modelled("DO block: EXECUTE of a string computed at run time");
        } else if (kind == "PLpgSQL_stmt_assign") {
            assign(expression_query(body["expr"]));
        } else if (kind == "PLpgSQL_stmt_return") {
            if (!guarded) returned = true;
        } else if (kind == "PLpgSQL_stmt_raise" || kind == "PLpgSQL_stmt_perform") {
            // No effect on the schema.
        } else {
            replayer.not_modelled("DO block: " + kind.substr(kind.rfind('_') + 1) + " statement");
        }
    }

    void if_statement(const nlohmann::json& body, bool guarded) {
        std::optional<bool> condition = fold_condition(expression_query(body["cond"]), variables);
        if (!condition) {
            // A guard that needs the database: its branch runs guarded.
            statements(body.value("then_body", nlohmann::json::array()), true);
            if (body.contains("elsif_list") || body.contains("else_body"))
                replayer.not_modelled("DO block: ELSIF/ELSE branches of a guard that needs the database");
            return;
        }
        if (*condition) return statements(body.value("then_body", nlohmann::json::array()), guarded);
        for (const nlohmann::json& branch : body.value("elsif_list", nlohmann::json::array())) {
            const nlohmann::json& elsif = branch["PLpgSQL_if_elsif"];
            std::optional<bool> taken = fold_condition(expression_query(elsif["cond"]), variables);
            if (!taken) return replayer.not_modelled("DO block: ELSIF that needs the database");
            if (*taken) return statements(elsif.value("stmts", nlohmann::json::array()), guarded);
        }
        statements(body.value("else_body", nlohmann::json::array()), guarded);
    }

    // "name := expression": the variable's new value, when it can be known.
    void assign(const std::string& text) {
        std::size_t separator = text.find(":=");
        if (separator == std::string::npos) separator = text.find('=');
        if (separator == std::string::npos) return;
        std::string name = text.substr(0, separator);
        name.erase(name.find_last_not_of(" \t") + 1);
        name.erase(0, name.find_first_not_of(" \t"));
        std::size_t value_start = separator + (text.compare(separator, 2, ":=") == 0 ? 2 : 1);
        variables[name] = fold_expression(text.substr(value_start), variables);
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
    const nlohmann::json& function_json = functions[0]["PLpgSQL_function"];
    DoBlockWalker access{*this, location, {}, false};
    access.declare(function_json.value("datums", nlohmann::json::array()));
    access.statement(function_json["action"], guarded_);
}

}  // namespace pgshift
