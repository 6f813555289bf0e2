#include "introspect/catalog_expressions.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <stdexcept>

#include "introspect/expression_printer.hpp"
#include "introspect/node_tree.hpp"
#include "introspect/queries.hpp"

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

constexpr const char* source_names[] = {"constraint", "index", "policy_using", "policy_check"};
using SourceOids = std::array<std::vector<std::int64_t>, 4>;  // by Source

// The server's own text of expressions the client did not print, by source and oid.
std::map<std::pair<std::string, std::int64_t>, std::string> server_printed(pqxx::transaction_base& tx, const SourceOids& oids) {
    std::map<std::pair<std::string, std::int64_t>, std::string> printed;
    if (std::all_of(oids.begin(), oids.end(), [](const auto& list) { return list.empty(); })) return printed;
    pqxx::result rows = tx.exec_params(std::string(queries::expression_fallbacks), array_literal(oids[0]), array_literal(oids[1]),
                                       array_literal(oids[2]), array_literal(oids[3]));
    for (const auto& row : rows) printed[{row["source"].c_str(), row["oid"].as<std::int64_t>()}] = row["expression"].c_str();
    return printed;
}

}  // namespace

void CatalogExpressions::add(Source source, std::int64_t oid, std::int64_t relation, std::string tree, Printed printed) {
    pending_.push_back({source, oid, relation, std::move(tree), std::move(printed)});
}

std::vector<std::optional<std::string>> CatalogExpressions::print_here(pqxx::transaction_base& tx, const ColumnNumbers& columns) {
    if (pending_.empty()) return {};
    // Each tree is read twice, to collect the names and then to print: one tree's memory is
    // reused for all, which costs less than keeping them all.
    NodeTree tree;
    std::vector<bool> printable;
    CatalogNameRequests requests;
    for (const Pending& expression : pending_) {
        try {
            tree.parse(expression.tree);
            printable.push_back(collect_expression_names(tree.root(), requests));
        } catch (const std::runtime_error&) {
            printable.push_back(false);
        }
    }
    CatalogNames names = read_names(tx, requests);
    std::vector<std::optional<std::string>> texts(pending_.size());
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        if (!printable[i]) continue;
        tree.parse(pending_[i].tree);
        texts[i] = print_expression(tree.root(), columns.all_names(pending_[i].relation), names);
    }
    return texts;
}

void CatalogExpressions::print(pqxx::transaction_base& tx, const ColumnNumbers& columns) {
    std::vector<std::optional<std::string>> texts = print_here(tx, columns);
    SourceOids oids;
    for (std::size_t i = 0; i < pending_.size(); ++i)
        if (!texts[i]) oids[std::size_t(pending_[i].source)].push_back(pending_[i].oid);
    auto by_server = server_printed(tx, oids);
    printed_here = printed_by_server = 0;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        Pending& expression = pending_[i];
        if (texts[i]) {
            ++printed_here;
            expression.printed(*texts[i]);
        } else {
            ++printed_by_server;
            expression.printed(by_server[{source_names[std::size_t(expression.source)], expression.oid}]);
        }
    }
    pending_.clear();
}

std::vector<std::pair<std::string, std::string>> CatalogExpressions::compare_with_server(pqxx::transaction_base& tx,
                                                                                         const ColumnNumbers& columns) {
    std::vector<std::optional<std::string>> texts = print_here(tx, columns);
    SourceOids oids;
    for (const Pending& expression : pending_) oids[std::size_t(expression.source)].push_back(expression.oid);
    auto by_server = server_printed(tx, oids);
    std::vector<std::pair<std::string, std::string>> differences;
    printed_here = printed_by_server = 0;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        const std::string& server = by_server[{source_names[std::size_t(pending_[i].source)], pending_[i].oid}];
        if (!texts[i]) {
            ++printed_by_server;
        } else {
            ++printed_here;
            if (*texts[i] != server) differences.emplace_back(*texts[i], server);
        }
    }
    pending_.clear();
    return differences;
}

}  // namespace pgshift
