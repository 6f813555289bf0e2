// Every check constraint, index predicate and policy expression of a database, printed by pgshift
// from the stored tree and by the server (pg_get_expr): the texts must be identical, byte for byte.
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
        CatalogExpressions expressions;
        auto ignore = [](const std::string&) {};
        for (const auto& row : tx.exec("select 0, oid, conrelid, conbin from pg_constraint where contype = 'c' and conrelid <> 0"
                                       " union all select 1, indexrelid, indrelid, indpred from pg_index where indpred is not null"
                                       " union all select 2, oid, polrelid, polqual from pg_policy where polqual is not null"
                                       " union all select 3, oid, polrelid, polwithcheck from pg_policy where polwithcheck is not null"))
            expressions.add(CatalogExpressions::Source(row[0].as<int>()), row[1].as<std::int64_t>(), row[2].as<std::int64_t>(),
                            row[3].c_str(), ignore);
        auto differences = expressions.compare_with_server(tx, columns);
        for (const auto& [client, server] : differences) std::cout << "  pgshift: " << client << "\n  server:  " << server << "\n";
        std::cout << expressions.printed_here << " printed by pgshift (" << differences.size() << " differ from the server's), "
                  << expressions.printed_by_server << " left to the server\n";
        return differences.empty() ? 0 : 1;
    } catch (const std::exception& error) {
        std::cerr << "expression_printing: " << error.what() << "\n";
        return 2;
    }
}
