// Stored expressions read as pg_node_tree and printed by the client (expression_printer.hpp),
// with one query for the names they use; the server prints only those the client cannot.
#pragma once

#include <pqxx/pqxx>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "introspect/column_numbers.hpp"
#include "introspect/expression_printer.hpp"

namespace pgshift {

class CatalogExpressions {
  public:
    // The catalog row a tree comes from, for the server to print it when the client cannot.
    enum class Source { constraint, index, policy_using, policy_check, view, publication_filter };
    using Printed = std::function<void(const std::string& expression)>;

    // `tree` is an expression of `relation` (its columns are named from `columns` when printed);
    // for a view, its rule actions, and `relation` is the view.
    void add(Source source, std::int64_t oid, std::int64_t relation, std::string tree, Printed printed);
    // The relations the model knows, for view queries to name (taken by the next print).
    void name_relations(std::unordered_map<std::int64_t, CatalogNames::Name> relations) { relations_ = std::move(relations); }
    // Prints every expression added and hands each to its `printed`, in the order added.
    void print(pqxx::transaction_base& tx, const ColumnNumbers& columns);

    // How many the client printed and how many the server did, in the last print().
    std::size_t printed_here = 0, printed_by_server = 0;

    // For tests: prints every expression added both here and by the server, and returns those
    // whose texts differ (client text, server text): expressions byte for byte, view queries
    // once parsed and canonicalized (the layout is the server's). Where the client cannot print,
    // it does not count.
    std::vector<std::pair<std::string, std::string>> compare_with_server(pqxx::transaction_base& tx, const ColumnNumbers& columns);

  private:
    // Each pending expression as the client prints it (nullopt where it cannot) and as the
    // server does: the server prints those the client cannot, or all of them when asked.
    struct Printings {
        std::vector<std::optional<std::string>> here;
        std::vector<std::string> by_server;
    };
    Printings print_both(pqxx::transaction_base& tx, const ColumnNumbers& columns, bool server_prints_all);
    struct Pending {
        Source source;
        std::int64_t oid, relation;
        std::string tree;
        Printed printed;
    };
    std::vector<Pending> pending_;
    std::unordered_map<std::int64_t, CatalogNames::Name> relations_;
};

}  // namespace pgshift
