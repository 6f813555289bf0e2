// Every check constraint, index predicate, policy expression and publication row filter of a
// database, printed by pgshift from the stored tree and by the server (pg_get_expr): the texts
// must be identical, byte for byte.
// Every view query likewise (pg_get_viewdef), compared once parsed and canonicalized.
//   expression_printing URL
#include <pqxx/pqxx>

#include <iostream>

#include "introspect/catalog_expressions.hpp"

using namespace pgshift;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: expression_printing URL\n";
        return 2;
    }
    try {
        pqxx::connection database(argv[1]);
        pqxx::work tx(database);
        tx.exec("set search_path = ''");
        ColumnNumbers columns;
        for (const auto& row : tx.exec("select attrelid, attnum, attname from pg_attribute where attnum > 0 and not attisdropped"))
            columns.add(row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), row[2].c_str(), 0);
        CatalogExpressions expressions, views;
        std::unordered_map<std::int64_t, CatalogNames::Name> relations;
        for (const auto& row : tx.exec("select c.oid, n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                                       " where n.nspname <> 'pg_catalog'"))
            relations[row[0].as<std::int64_t>()] = {row[1].c_str(), row[2].c_str()};
        views.name_relations(std::move(relations));
        auto ignore = [](const std::string&) {};
        for (const auto& row : tx.exec("select 0, oid, conrelid, conbin from pg_constraint where contype = 'c' and conrelid <> 0"
                                       " union all select 1, indexrelid, indrelid, indpred from pg_index where indpred is not null"
                                       " union all select 2, oid, polrelid, polqual from pg_policy where polqual is not null"
                                       " union all select 3, oid, polrelid, polwithcheck from pg_policy where polwithcheck is not null"
                                       " union all select 5, oid, prrelid, prqual from pg_publication_rel where prqual is not null"))
            expressions.add(CatalogExpressions::Source(row[0].as<int>()), row[1].as<std::int64_t>(), row[2].as<std::int64_t>(),
                            row[3].c_str(), ignore);
        for (const auto& row : tx.exec("select ev_class, ev_action from pg_rewrite r join pg_class c on c.oid = ev_class"
                                       " where rulename = '_RETURN' and c.relnamespace not in"
                                       " ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)"))
            views.add(CatalogExpressions::Source::view, row[0].as<std::int64_t>(), row[0].as<std::int64_t>(), row[1].c_str(), ignore);
        bool same = true;
        for (auto [printings, what] : {std::pair{&expressions, "expressions"}, std::pair{&views, "view queries"}}) {
            auto differences = printings->compare_with_server(tx, columns);
            for (const auto& [client, server] : differences) std::cout << "  pgshift: " << client << "\n  server:  " << server << "\n";
            std::cout << what << ": " << printings->printed_here << " printed by pgshift (" << differences.size()
                      << " differ from the server's), " << printings->printed_by_server << " left to the server\n";
            same = same && differences.empty();
        }
        return same ? 0 : 1;
    } catch (const std::exception& error) {
        std::cerr << "expression_printing: " << error.what() << "\n";
        return 2;
    }
}
