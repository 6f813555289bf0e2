#include "introspect/catalog_expressions.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include "introspect/expression_printer.hpp"
#include "introspect/node_tree.hpp"
#include "introspect/queries.hpp"
#include "parser/canonical/canonical_expression.hpp"

namespace pgshift {
namespace {

template <typename Numbers>
std::string array_literal(const Numbers& numbers) {
    std::string literal = "{";
    for (const auto& number : numbers) literal += (literal.size() > 1 ? "," : "") + std::to_string(number);
    return literal + "}";
}

CatalogNames read_names(pqxx::transaction_base& tx, const CatalogNameRequests& requests) {
    std::vector<std::int64_t> types, modifiers;
    for (const auto& [type, modifier] : requests.types) {
        types.push_back(type);
        modifiers.push_back(modifier);
    }
    pqxx::result rows = tx.exec_params(std::string(queries::expression_names), array_literal(requests.functions),
                                       array_literal(requests.operators), array_literal(types), array_literal(modifiers),
                                       array_literal(requests.enum_values));
    CatalogNames names;
    for (const auto& row : rows) {
        std::string kind = row["kind"].c_str();
        std::int64_t oid = row["oid"].as<std::int64_t>();
        std::string schema = row["schema"].c_str(), name = row["name"].c_str();
        if (kind == "function") names.functions[oid] = {schema, name};
        else if (kind == "operator") names.operators[oid] = {schema, name};
        else if (kind == "type") names.types[{oid, row["modifier"].as<std::int64_t>()}] = {name, *row["type_kind"].c_str()};
        else if (kind == "enum") names.enum_labels[oid] = name;
        else if (kind == "little_endian") names.little_endian = name == "true";
    }
    return names;
}

constexpr const char* source_names[] = {"constraint", "index", "policy_using", "policy_check", "view", "publication_filter"};
using SourceOids = std::array<std::vector<std::int64_t>, 6>;  // by Source

// The server's own text of expressions the client did not print, by source and oid.
std::map<std::pair<std::string, std::int64_t>, std::string> server_printed(pqxx::transaction_base& tx, const SourceOids& oids) {
    std::map<std::pair<std::string, std::int64_t>, std::string> printed;
    if (std::all_of(oids.begin(), oids.end(), [](const auto& list) { return list.empty(); })) return printed;
    pqxx::result rows = tx.exec_params(std::string(queries::expression_fallbacks), array_literal(oids[0]), array_literal(oids[1]),
                                       array_literal(oids[2]), array_literal(oids[3]), array_literal(oids[4]),
                                       array_literal(oids[5]));
    for (const auto& row : rows) printed[{row["source"].c_str(), row["oid"].as<std::int64_t>()}] = row["expression"].c_str();
    return printed;
}

}  // namespace

void CatalogExpressions::add(Source source, std::int64_t oid, std::int64_t relation, std::string tree, Printed printed) {
    pending_.push_back({source, oid, relation, std::move(tree), std::move(printed)});
}

CatalogExpressions::Printings CatalogExpressions::print_both(pqxx::transaction_base& tx, const ColumnNumbers& columns,
                                                              bool server_prints_all) {
    Printings printings{std::vector<std::optional<std::string>>(pending_.size()), std::vector<std::string>(pending_.size())};
    if (pending_.empty()) return printings;
    // Each tree is read twice, to collect the names and then to print: one tree's memory is
    // reused for all, which costs less than keeping them all.
    NodeTree tree;
    std::vector<bool> printable;
    CatalogNameRequests requests;
    for (const Pending& expression : pending_) {
        try {
            tree.parse(expression.tree);
            printable.push_back(expression.source == Source::view ? collect_query_names(tree.root(), requests)
                                                                   : collect_expression_names(tree.root(), requests));
        } catch (const std::runtime_error&) {
            printable.push_back(false);
        }
    }
    CatalogNames names = read_names(tx, requests);
    names.relations = std::move(relations_);
    std::unordered_map<std::int64_t, std::vector<std::string>> column_names;  // by relation, named once
    SourceOids oids;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        const Pending& expression = pending_[i];
        if (printable[i]) {
            tree.parse(expression.tree);
            if (expression.source == Source::view) {
                printings.here[i] = print_query(tree.root(), expression.relation, columns, names);
            } else {
                auto relation = column_names.find(expression.relation);
                if (relation == column_names.end())
                    relation = column_names.emplace(expression.relation, columns.all_names(expression.relation)).first;
                printings.here[i] = print_expression(tree.root(), relation->second, names);
            }
        }
        if (server_prints_all || !printings.here[i]) oids[std::size_t(expression.source)].push_back(expression.oid);
    }
    auto by_server = server_printed(tx, oids);
    for (std::size_t i = 0; i < pending_.size(); ++i)
        if (auto found = by_server.find({source_names[std::size_t(pending_[i].source)], pending_[i].oid}); found != by_server.end())
            printings.by_server[i] = std::move(found->second);
    return printings;
}

void CatalogExpressions::print(pqxx::transaction_base& tx, const ColumnNumbers& columns) {
    Printings printings = print_both(tx, columns, false);
    printed_here = printed_by_server = 0;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        ++(printings.here[i] ? printed_here : printed_by_server);
        pending_[i].printed(printings.here[i] ? *printings.here[i] : printings.by_server[i]);
    }
    pending_.clear();
}

namespace {

std::string canonical(const std::string& query) {
    try {
        return canonical_query_text(query);
    } catch (const std::exception& error) {
        return std::string("does not parse: ") + error.what();
    }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> CatalogExpressions::compare_with_server(pqxx::transaction_base& tx,
                                                                                         const ColumnNumbers& columns) {
    Printings printings = print_both(tx, columns, true);
    std::vector<std::pair<std::string, std::string>> differences;
    printed_here = printed_by_server = 0;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        ++(printings.here[i] ? printed_here : printed_by_server);
        if (!printings.here[i]) continue;
        bool same = pending_[i].source == Source::view ? canonical(*printings.here[i]) == canonical(printings.by_server[i])
                                                        : *printings.here[i] == printings.by_server[i];
        if (!same) differences.emplace_back(*printings.here[i], printings.by_server[i]);
    }
    pending_.clear();
    return differences;
}

}  // namespace pgshift
