#include "elaborate/elaborate.hpp"

#include <pqxx/pqxx>

#include "model/names.hpp"
#include "parser/canonical/canonical_expression.hpp"

namespace pgshift {
namespace {

// A copy of the relation goes by the relation's own name (in pg_temp), so that expressions
// naming it, and the catalog's form of them, read as they do on the relation.
constexpr const char* probe_view = "pgshift_probe";

std::string probe_table(const QualifiedName& relation) { return "pg_temp." + quote_ident(relation.name); }

class Probe {
public:
    Probe(pqxx::connection& connection, const std::vector<std::string>& search_path) : tx_(connection) {
        std::string path;
        for (std::size_t i = 0; i < search_path.size(); ++i) path += (i ? ", " : "") + quote_ident(search_path[i]);
        path_ = path.empty() ? "''" : tx_.quote(path);
    }
    ~Probe() {
        try {
            tx_.abort();  // nothing survives
        } catch (...) {
        }
    }

    // The database's form of `statements` run against a copy of `relation`, read by `read`, or
    // empty when the server rejects them.
    std::string run(const QualifiedName& relation, const std::vector<std::string>& statements, const std::string& read) {
        try {
            pqxx::subtransaction attempt(tx_, "pgshift_probe");
            attempt.exec("select set_config('search_path', " + path_ + ", true)");
            if (!relation.name.empty()) attempt.exec("create temporary table " + quote_ident(relation.name) + " (like " + qualified(relation) + ")");
            for (const std::string& statement : statements) attempt.exec(statement);
            attempt.exec("select set_config('search_path', '', true)");
            pqxx::result result = attempt.exec(read);
            std::string text = result.empty() || result[0][0].is_null() ? "" : result[0][0].c_str();
            attempt.abort();
            return text;
        } catch (const std::exception&) {
            return {};
        }
    }

private:
    pqxx::work tx_;
    std::string path_;
};

std::string probe_oid(const std::string& probe) { return quote_literal(probe) + "::regclass"; }

// The migrations' value as the database stores it, canonicalized; empty when it cannot tell.
std::string elaborate(Probe& session, const Difference& difference, const std::string& value) {
    if (value.empty()) return {};
    const std::string& property = difference.property;
    const std::string probe = probe_table(difference.relation);
    try {
        if (difference.kind == "policy" && (property == "using" || property == "with check")) {
            std::string clause = property == "using" ? "using (" + value + ")" : "with check (" + value + ")";
            std::string column = property == "using" ? "polqual" : "polwithcheck";
            std::string text = session.run(difference.relation, {"create policy pgshift on " + probe + " " + clause},
                                           "select pg_get_expr(" + column + ", polrelid) from pg_policy where polrelid = " + probe_oid(probe));
            return text.empty() ? text : canonical_policy_expression_text(text, difference.relation.name);
        }
        if (difference.kind == "column" && property == "default") {
            std::string text = session.run(difference.relation,
                                           {"alter table " + probe + " alter column " + quote_ident(difference.member) + " set default " + value},
                                           "select pg_get_expr(d.adbin, d.adrelid) from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum "
                                           "where d.adrelid = " + probe_oid(probe) + " and a.attname = " + quote_literal(difference.member));
            return text.empty() ? text : canonical_expression_text(text);
        }
        if (difference.kind == "constraint" && property == "expression") {
            std::string text = session.run(difference.relation, {"alter table " + probe + " add constraint pgshift check (" + value + ") not valid"},
                                           "select pg_get_expr(conbin, conrelid) from pg_constraint where conrelid = " + probe_oid(probe) + " and conname = 'pgshift'");
            return text.empty() ? text : canonical_expression_text(text);
        }
        if (difference.kind == "publication table" && property == "row filter") {
            // A temporary table cannot be published; a row filter is stored as a check on the same table is.
            std::string text = session.run(difference.relation, {"alter table " + probe + " add constraint pgshift check (" + value + ") not valid"},
                                           "select pg_get_expr(conbin, conrelid) from pg_constraint where conrelid = " + probe_oid(probe) + " and conname = 'pgshift'");
            return text.empty() ? text : canonical_policy_expression_text(text, difference.relation.name);
        }
        if (difference.kind == "view" && property == "query") {
            std::string text = session.run({}, {"create temporary view " + std::string(probe_view) + " as " + value},
                                           "select pg_get_viewdef(" + probe_oid(std::string("pg_temp.") + probe_view) + ")");
            return text.empty() ? text : canonical_query_text(text);
        }
    } catch (const std::exception&) {
    }
    return {};
}

}  // namespace

void settle_with_database(std::vector<Difference>& differences, const std::string& connection,
                          const std::vector<std::string>& search_path, bool migrations_are_from,
                          const std::map<ExpressionSite, std::string>& written) {
    bool any = false;
    for (const Difference& difference : differences) any = any || (difference.property != "exists" && !difference.from.empty() && !difference.to.empty());
    if (!any) return;
    try {
        pqxx::connection database(connection);
        Probe session(database, search_path);
        std::vector<Difference> remaining;
        for (const Difference& difference : differences) {
            auto as_written = written.find({difference.relation, difference.member, difference.property});
            const std::string& ours = as_written != written.end() ? as_written->second : migrations_are_from ? difference.from : difference.to;
            const std::string& theirs = migrations_are_from ? difference.to : difference.from;
            std::string elaborated = difference.property == "exists" ? "" : elaborate(session, difference, ours);
            if (elaborated.empty() || elaborated != theirs) remaining.push_back(difference);
        }
        differences = std::move(remaining);
    } catch (const std::exception&) {
        // Without the elaborator the differences stand as the canonicalizer found them.
    }
}

}  // namespace pgshift
