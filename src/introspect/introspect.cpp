#include "introspect/introspect.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <algorithm>
#include <future>
#include <memory>
#include <regex>
#include <tuple>
#include <unordered_map>

#include "introspect/catalog_expressions.hpp"
#include "introspect/catalog_rows.hpp"
#include "introspect/column_numbers.hpp"
#include "introspect/queries.hpp"
#include "model/acl.hpp"
#include "model/names.hpp"
#include "parser/canonical/canonical_expression.hpp"
#include "parser/canonical/object_definitions.hpp"
#include "parser/canonical/pg_query_tree.hpp"

namespace pgshift {
namespace {

using Json = nlohmann::json;

std::string text(const Json& value) { return value.is_string() ? value.get<std::string>() : std::string(); }

std::optional<Acl> acl_of(const CatalogRow& row, const char* name) {
    if (row.is_null(name)) return std::nullopt;
    return parse_acl_items(row.strings(name));
}

// Catalog text is canonicalized like migration text; text that does not parse is kept as printed.
template <typename Canonicalize>
std::string canonical_or_printed(const std::string& text, Canonicalize canonicalize) {
    if (text.empty()) return text;
    try {
        return canonicalize(text);
    } catch (const std::exception&) {
        return text;
    }
}

std::string canonical(const std::string& expression) {
    return canonical_or_printed(expression, [](const std::string& text) { return canonical_expression_text(text); });
}

// The catalog's own text of an expression: what the planner emits to create it again. Where it
// is the canonical form already, the canonical form stands in (SchemaModel::written_expressions).
void keep_written(SchemaModel& model, const QualifiedName& relation, const std::string& member, const char* property,
                  const std::string& expression, const std::string& canonical) {
    if (!expression.empty() && expression != canonical) model.written_expressions[{relation, member, property}] = expression;
}

QualifiedName name_of(const CatalogRow& row) { return {row.text("schema"), row.text("name")}; }

std::string policy_command(const std::string& code) {
    if (code == "r") return "SELECT";
    if (code == "a") return "INSERT";
    if (code == "w") return "UPDATE";
    if (code == "d") return "DELETE";
    return "ALL";
}

// The argument default expressions, as one list pg_get_expr prints them.
std::vector<std::string> split_defaults(const std::string& list) {
    std::vector<std::string> defaults;
    if (list.empty()) return defaults;
    try {
        ParsedSql parsed("SELECT " + list);
        const PgQuery__SelectStmt* select = parsed.statement(0).stmt->select_stmt;
        RewriteArena arena;
        for (std::size_t i = 0; i < select->n_target_list; ++i)
            defaults.push_back(canonical_expression(select->target_list[i]->res_target->val, nullptr, arena));
    } catch (const std::exception&) {
    }
    return defaults;
}

void read_schemas(CatalogResults& results, SchemaModel& model) {
    each_row(results, queries::schemas, [&](const CatalogRow& row) {
        Schema schema{row.text("name"), row.text("owner"), row.text("comment"), acl_of(row, "acl")};
        model.schemas[schema.name] = std::move(schema);
    });
    each_row(results, queries::extensions, [&](const CatalogRow& row) {
        model.extensions[row.text("name")] = Extension{row.text("name"), row.text("schema"), row.text("version"), ""};
    });
}

void read_types(CatalogResults& results, SchemaModel& model) {
    each_row(results, queries::types, [&](const CatalogRow& row) {
        QualifiedName name = name_of(row);
        std::string kind = row.text("kind");
        if (kind == "e") {
            model.enums[name] = EnumType{name, row.strings("labels"), row.text("owner"), row.text("comment"), acl_of(row, "acl")};
        } else if (kind == "d") {
            Domain domain;
            domain.name = name;
            domain.base_type = row.text("base_type");
            domain.collation = row.text("collation");
            std::string default_text = row.text("default");
            domain.default_expr = canonical(default_text);
            keep_written(model, domain.name, "", "default", default_text, domain.default_expr);
            domain.not_null = row.flag("not_null");
            Json checks = row.json("checks");
            for (const Json& check : checks) {
                std::string check_name = text(check["name"]), expression = text(check["expression"]);
                const DomainConstraint& stored = domain.constraints[check_name] = {check_name, canonical(expression), check["validated"].get<bool>()};
                keep_written(model, domain.name, check_name, "check", expression, stored.expression);
            }
            domain.owner = row.text("owner");
            domain.comment = row.text("comment");
            domain.acl = acl_of(row, "acl");
            model.domains[name] = std::move(domain);
        } else {
            CompositeType type{name, {}, row.text("owner"), row.text("comment"), acl_of(row, "acl")};
            Json attributes = row.json("attributes");
            for (const Json& attribute : attributes)
                    type.attributes.push_back({text(attribute["name"]), text(attribute["type"]), text(attribute["collation"])});
            model.composite_types[name] = std::move(type);
        }
    });
}

void read_sequences(CatalogResults& results, SchemaModel& model) {
    each_row(results, queries::sequences, [&](const CatalogRow& row) {
        Sequence sequence;
        sequence.name = name_of(row);
        sequence.data_type = row.text("data_type");
        sequence.start = row.integer("start");
        sequence.increment = row.integer("increment");
        sequence.min_value = row.integer("min");
        sequence.max_value = row.integer("max");
        sequence.cache = row.integer("cache");
        sequence.cycle = row.flag("cycle");
        if (Json owner = row.json("owned_by"); owner.is_object())
            sequence.owned_by = SequenceOwner{{text(owner["schema"]), text(owner["table"])}, text(owner["column"])};
        sequence.owner = row.text("owner");
        sequence.acl = acl_of(row, "acl");
        sequence.comment = row.text("comment");
        model.sequences[sequence.name] = std::move(sequence);
    });
}

// The model's tables and views by oid: rows about columns name their relation by oid.
struct ModelRelation {
    Table* table = nullptr;
    View* view = nullptr;
    const QualifiedName& name() const { return table ? table->name : view->name; }
};
using RelationsByOid = std::unordered_map<std::int64_t, ModelRelation>;

// The table a row names by oid ("relation"); null for relations the model skips.
Table* table_of(const RelationsByOid& relations, const CatalogRow& row) {
    auto found = relations.find(row.integer("relation"));
    return found == relations.end() ? nullptr : found->second.table;
}

void read_relations(CatalogResults& results, SchemaModel& model, RelationsByOid& relations) {
    each_row(results, queries::relations, [&](const CatalogRow& row) {
        QualifiedName name = name_of(row);
        std::string kind = row.text("kind");
        std::vector<std::string> options = row.strings("options");
        if (kind == "v" || kind == "m") {
            View view;
            view.name = name;
            view.materialized = kind == "m";
            for (const std::string& option : options) {
                if (option.rfind("check_option=", 0) == 0) {
                    view.check_option = option.substr(13);
                    std::transform(view.check_option.begin(), view.check_option.end(), view.check_option.begin(), ::toupper);
                } else {
                    view.options.push_back(option);
                }
            }
            view.with_data = !view.materialized || row.flag("populated");
            view.owner = row.text("owner");
            view.acl = acl_of(row, "acl");
            view.comment = row.text("comment");
            relations[row.integer("oid")].view = &(model.views[name] = std::move(view));
            return;
        }
        Table table;
        table.name = name;
        table.kind = kind == "p" ? TableKind::partitioned : kind == "f" ? TableKind::foreign : TableKind::ordinary;
        table.unlogged = row.flag("unlogged");
        table.rls_enabled = row.flag("rls_enabled");
        table.rls_forced = row.flag("rls_forced");
        table.options = options;
        table.partition_key = row.text("partition_key");
        table.partition_bound = canonical_or_printed(row.text("partition_bound"), canonical_partition_bound_text);
        Json parents = row.json("parents");
        for (const Json& parent : parents) {
            QualifiedName parent_name{text(parent["schema"]), text(parent["name"])};
            if (!table.partition_bound.empty())
                table.partition_of = parent_name;
            else
                table.inherits.push_back(parent_name);
        }
        table.foreign_server = row.text("foreign_server");
        table.foreign_options = row.strings("foreign_options");
        table.owner = row.text("owner");
        table.acl = acl_of(row, "acl");
        table.comment = row.text("comment");
        relations[row.integer("oid")].table = &(model.tables[name] = std::move(table));
    });
}

// View queries come as stored and are printed with the other stored expressions; they name
// relations by oid.
void read_view_definitions(CatalogResults& results, SchemaModel& model, const RelationsByOid& relations,
                           CatalogExpressions& expressions) {
    const pqxx::result rows = results.take(queries::view_definitions);
    if (rows.empty()) return;
    std::unordered_map<std::int64_t, CatalogNames::Name> names;
    for (const auto& [oid, relation] : relations) names[oid] = {relation.name().schema, relation.name().name};
    expressions.name_relations(std::move(names));
    CatalogRow::FieldNumbers fields;
    for (const auto& result_row : rows) {
        CatalogRow row(result_row, fields);
        std::int64_t oid = row.integer("oid");
        auto found = relations.find(oid);
        if (found == relations.end() || !found->second.view) continue;
        View& view = *found->second.view;
        expressions.add(CatalogExpressions::Source::view, oid, oid, row.text("tree"), [&model, &view](const std::string& definition) {
            view.query = canonical_or_printed(definition, [](const std::string& text) { return canonical_query_text(text); });
            keep_written(model, view.name, "", "query", definition, view.query);
        });
    }
}

// A result of one row per column, in order of relation and column number: the order the model
// stores them in (sorted here, which costs less than a sort on the server).
struct ColumnRows {
    struct Position {
        std::int64_t relation, number;
        pqxx::result::size_type row;
        bool operator<(const Position& other) const { return std::tie(relation, number) < std::tie(other.relation, other.number); }
    };
    pqxx::result rows;
    std::vector<Position> order;

    ColumnRows(CatalogResults& results, std::string_view query) : rows(results.take(query)) {
        CatalogRow::FieldNumbers fields;
        order.reserve(std::size_t(rows.size()));
        for (pqxx::result::size_type i = 0; i < rows.size(); ++i) {
            CatalogRow row(rows[i], fields);
            order.push_back({row.integer("relation"), row.integer("number"), i});
        }
        std::sort(order.begin(), order.end());
    }
};

// A text per column (a default, a comment), read in step with the columns.
class ColumnTexts {
  public:
    ColumnTexts(CatalogResults& results, std::string_view query, const char* field) : texts_(results, query), field_(field) {}
    // The column's text, or empty; columns are asked for in order.
    std::string next(std::int64_t relation, std::int64_t number) {
        const auto& order = texts_.order;
        ColumnRows::Position column{relation, number, 0};
        while (next_ < order.size() && order[next_] < column) ++next_;
        if (next_ == order.size() || column < order[next_]) return {};
        return texts_.rows[order[next_].row][field_].c_str();
    }

  private:
    ColumnRows texts_;
    const char* field_;
    std::size_t next_ = 0;
};

// Each relation's run of columns is stored at once: one lookup per relation, and vectors
// allocated at their size.
void read_columns(CatalogResults& results, SchemaModel& model, const RelationsByOid& relations, ColumnNumbers& numbers) {
    ColumnTexts defaults(results, queries::column_defaults, "expression");
    ColumnTexts comments(results, queries::column_comments, "comment");
    const ColumnRows columns(results, queries::columns);
    const auto& rows = columns.rows;
    const auto& order = columns.order;
    CatalogRow::FieldNumbers fields;
    for (std::size_t run = 0, end; run < order.size(); run = end) {
        std::int64_t relation = order[run].relation;
        for (end = run; end < order.size() && order[end].relation == relation; ++end) {
            CatalogRow row(rows[order[end].row], fields);
            numbers.add(relation, order[end].number, row.text("name"), row.integer("collation_oid"));
        }
        auto found = relations.find(relation);
        if (found == relations.end()) continue;  // an extension's: named by number only
        if (View* view = found->second.view) {
            view->columns.reserve(end - run);
            for (std::size_t i = run; i < end; ++i) {
                CatalogRow row(rows[order[i].row], fields);
                ViewColumn& column = view->columns.emplace_back();
                column.name = row.text("name");
                column.comment = comments.next(relation, order[i].number);
            }
            continue;
        }
        Table& table = *found->second.table;
        table.columns.reserve(end - run);
        for (std::size_t i = run; i < end; ++i) {
            CatalogRow row(rows[order[i].row], fields);
            Column& column = table.columns.emplace_back();
            column.name = row.text("name");
            column.type = row.text("type");
            column.collation = row.text("collation");
            column.not_null = row.flag("not_null");
            std::string expression = defaults.next(relation, order[i].number);
            bool generated = row.flag("generated");
            (generated ? column.generated_expr : column.default_expr) = canonical(expression);
            keep_written(model, table.name, column.name, generated ? "generated" : "default", expression,
                         generated ? column.generated_expr : column.default_expr);
            column.identity = row.code("identity");
            column.comment = comments.next(relation, order[i].number);
            column.acl = acl_of(row, "acl");
            column.foreign_options = row.strings("foreign_options");
        }
    }
}

// A stored expression printed later (CatalogExpressions): its canonical form goes to `target`,
// the printed text is kept as written.
CatalogExpressions::Printed keep_printed(SchemaModel& model, std::string& target, const QualifiedName& relation,
                                         const std::string& member, const char* property,
                                         std::string (*canonicalize)(const std::string&, const std::string& table) = nullptr) {
    return [&model, &target, relation, member, property, canonicalize](const std::string& expression) {
        target = canonicalize ? canonical_or_printed(expression, [&](const std::string& text) { return canonicalize(text, relation.name); })
                              : canonical(expression);
        keep_written(model, relation, member, property, expression, target);
    };
}

void read_constraints(CatalogResults& results, SchemaModel& model, const RelationsByOid& relations, const ColumnNumbers& numbers,
                      CatalogExpressions& expressions) {
    each_row(results, queries::constraints, [&](const CatalogRow& row) {
        Table* table = table_of(relations, row);
        if (!table) return;
        Constraint constraint;
        constraint.name = row.text("name");
        constraint.type = ConstraintType(row.code("type"));
        if (constraint.type != ConstraintType::check && constraint.type != ConstraintType::exclusion)
            constraint.columns = numbers.names(row.integer("relation"), row.integers("column_numbers"));
        if (constraint.type == ConstraintType::foreign_key) {
            constraint.referenced_table = {row.text("referenced_schema"), row.text("referenced_table")};
            constraint.referenced_columns = numbers.names(row.integer("referenced_relation"), row.integers("referenced_column_numbers"));
            constraint.on_update = row.code("on_update");
            constraint.on_delete = row.code("on_delete");
            constraint.match_type = row.code("match");
        }
        constraint.deferrable = row.flag("deferrable");
        constraint.initially_deferred = row.flag("deferred");
        constraint.validated = row.flag("validated");
        // The catalog marks key constraints NO INHERIT too; it means something for checks only.
        constraint.no_inherit = constraint.type == ConstraintType::check && row.flag("no_inherit");
        constraint.nulls_not_distinct = row.flag("nulls_not_distinct");
        if (constraint.type == ConstraintType::exclusion) constraint.expression = row.text("definition");
        constraint.comment = row.text("comment");
        Constraint& stored = table->constraints[constraint.name] = std::move(constraint);
        if (stored.type == ConstraintType::check)
            expressions.add(CatalogExpressions::Source::constraint, row.integer("oid"), row.integer("relation"), row.text("check_tree"),
                            keep_printed(model, stored.expression, table->name, stored.name, "expression"));
    });
}

void read_indexes(CatalogResults& results, SchemaModel& model, const RelationsByOid& relations, const ColumnNumbers& numbers,
                  CatalogExpressions& expressions) {
    std::unordered_map<std::int64_t, std::string> opclasses, collations;
    each_row(results, queries::index_key_names, [&](const CatalogRow& row) {
        (row.text("kind") == "opclass" ? opclasses : collations)[row.integer("oid")] = row.text("name");
    });
    auto name_of_oid = [](const std::unordered_map<std::int64_t, std::string>& names, std::int64_t oid) {
        auto found = names.find(oid);
        return found == names.end() ? std::string() : found->second;
    };
    each_row(results, queries::indexes, [&](const CatalogRow& row) {
        auto owner = relations.find(row.integer("relation"));
        if (owner == relations.end()) return;
        const QualifiedName& table = owner->second.name();
        Index index;
        if (!row.is_null("definition")) {
            // An expression index: the server's own definition, parsed like a migration's.
            try {
                ParsedSql parsed(row.text("definition"));
                RewriteArena arena;
                index = index_from_statement(parsed.statement(0).stmt->index_stmt, nullptr, arena);
            } catch (const std::exception&) {
                model.unmodelled.push_back({"database", 0, "index " + row.text("name") + " (definition does not parse)"});
                return;
            }
        } else {
            index.method = row.text("method");
            index.unique = row.flag("unique");
            index.nulls_not_distinct = row.flag("nulls_not_distinct");
            std::int64_t relation = row.integer("relation");
            std::size_t key_count = std::size_t(row.integer("key_count"));
            std::vector<std::int64_t> columns = row.integers("column_numbers"), classes = row.integers("opclasses"),
                                      key_collations = row.integers("collations"), options = row.integers("key_options");
            for (std::size_t i = 0; i < columns.size(); ++i) {
                const ColumnNumbers::Entry* column = numbers.find(relation, columns[i]);
                std::string name = column ? column->name : std::string();
                if (i >= key_count) {
                    index.include.push_back(name);
                    continue;
                }
                IndexKey key;
                key.column = name;
                key.opclass = i < classes.size() ? name_of_oid(opclasses, classes[i]) : "";
                // A key's collation is written only where it is not its column's.
                if (i < key_collations.size() && key_collations[i] != 0 && (!column || key_collations[i] != column->collation))
                    key.collation = name_of_oid(collations, key_collations[i]);
                std::int64_t option = i < options.size() ? options[i] : 0;
                key.descending = option & 1;
                key.nulls_first = option & 2;
                index.keys.push_back(key);
            }
            index.options = row.strings("options");
        }
        index.name = {table.schema, row.text("name")};  // an index lives in its table's schema
        index.table = table.name;
        index.constraint = row.text("constraint");
        index.comment = row.text("comment");
        Index& stored = model.indexes[index.name] = std::move(index);
        if (!row.is_null("predicate_tree"))
            expressions.add(CatalogExpressions::Source::index, row.integer("oid"), row.integer("relation"), row.text("predicate_tree"),
                            keep_printed(model, stored.predicate, stored.name, "", "predicate"));
    });
}

void read_policies(CatalogResults& results, SchemaModel& model, const RelationsByOid& relations, CatalogExpressions& expressions) {
    std::unordered_map<std::int64_t, std::string> roles{{0, "public"}};
    each_row(results, queries::roles, [&](const CatalogRow& row) { roles[row.integer("oid")] = row.text("name"); });
    each_row(results, queries::policies, [&](const CatalogRow& row) {
        Table* table = table_of(relations, row);
        if (!table) return;
        Policy policy;
        policy.name = row.text("name");
        policy.permissive = row.flag("permissive");
        policy.command = policy_command(row.text("command"));
        for (std::int64_t role : row.integers("roles")) policy.roles.push_back(roles[role]);
        std::sort(policy.roles.begin(), policy.roles.end());
        policy.comment = row.text("comment");
        Policy& stored = table->policies[policy.name] = std::move(policy);
        auto policy_canonical = [](const std::string& text, const std::string& name) { return canonical_policy_expression_text(text, name); };
        auto add = [&](CatalogExpressions::Source source, const char* tree, std::string& target, const char* property) {
            if (row.is_null(tree)) return;
            expressions.add(source, row.integer("oid"), row.integer("relation"), row.text(tree),
                            keep_printed(model, target, table->name, stored.name, property, policy_canonical));
        };
        add(CatalogExpressions::Source::policy_using, "using_tree", stored.using_expr, "using");
        add(CatalogExpressions::Source::policy_check, "with_check_tree", stored.with_check_expr, "with check");
    });
}

void read_publications(CatalogResults& results, SchemaModel& model, const RelationsByOid& relations, const ColumnNumbers& numbers,
                       CatalogExpressions& expressions) {
    each_row(results, queries::publications, [&](const CatalogRow& row) {
        Publication publication;
        publication.name = row.text("name");
        publication.owner = row.text("owner");
        publication.all_tables = row.flag("all_tables");
        publication.publish_insert = row.flag("insert");
        publication.publish_update = row.flag("update");
        publication.publish_delete = row.flag("delete");
        publication.publish_truncate = row.flag("truncate");
        publication.via_partition_root = row.flag("via_partition_root");
        for (std::string& schema : row.strings("schemas")) publication.schemas.insert(std::move(schema));
        publication.comment = row.text("comment");
        model.publications[publication.name] = std::move(publication);
    });
    each_row(results, queries::publication_tables, [&](const CatalogRow& row) {
        Table* table = table_of(relations, row);
        auto publication = model.publications.find(row.text("publication"));
        if (!table || publication == model.publications.end()) return;
        PublicationTable& member = publication->second.tables[table->name];
        // Numbers in the table's order, as the catalog keeps them.
        if (!row.is_null("column_numbers")) member.columns = numbers.names(row.integer("relation"), row.integers("column_numbers"));
        if (!row.is_null("row_filter_tree"))
            expressions.add(CatalogExpressions::Source::publication_filter, row.integer("oid"), row.integer("relation"),
                            row.text("row_filter_tree"),
                            keep_printed(model, member.row_filter, table->name, publication->first, "row filter",
                                         [](const std::string& text, const std::string& name) { return canonical_policy_expression_text(text, name); }));
    });
}

void read_functions(CatalogResults& results, SchemaModel& model) {
    each_row(results, queries::functions, [&](const CatalogRow& row) {
        Function function;
        function.name = name_of(row);
        function.kind = FunctionKind(row.code("kind"));
        std::vector<std::string> types = row.strings("argument_types");
        std::vector<std::string> modes = row.strings("argument_modes");
        std::vector<std::string> names = row.strings("argument_names");
        for (std::size_t i = 0; i < types.size(); ++i) {
            FunctionArgument argument;
            argument.type = types[i];
            argument.mode = i < modes.size() && !modes[i].empty() ? modes[i][0] : 'i';
            argument.name = i < names.size() ? names[i] : "";
            function.arguments.push_back(argument);
        }
        // Defaults belong to the last input arguments.
        std::vector<std::string> defaults = split_defaults(row.text("defaults"));
        std::size_t remaining = defaults.size();
        for (auto argument = function.arguments.rbegin(); argument != function.arguments.rend() && remaining; ++argument)
            if (argument->mode == 'i' || argument->mode == 'b' || argument->mode == 'v') argument->default_expr = defaults[--remaining];
        function.return_type = row.text("returns");
        function.returns_set = row.flag("returns_set");
        function.language = row.text("language");
        function.volatility = row.code("volatility");
        function.strict = row.flag("strict");
        function.security_definer = row.flag("security_definer");
        function.leakproof = row.flag("leakproof");
        function.parallel = row.code("parallel");
        function.cost = row.number("cost");
        function.rows = row.number("rows");
        function.config = row.strings("config");
        function.body = row.text("body");
        if (row.flag("sql_body")) {
            // BEGIN ATOMIC / RETURN: compared in canonical form, emitted as the catalog prints it.
            std::string printed = std::move(function.body);
            function.body = canonical_or_printed(printed, [&](const std::string& text) {
                return canonical_sql_body_text(text, function.name.name, function.parameter_names());
            });
            keep_written(model, {function.name.schema, function.signature()}, "", "body", printed, function.body);
        }
        function.owner = row.text("owner");
        function.acl = acl_of(row, "acl");
        function.comment = row.text("comment");
        std::string signature = function.signature();
        model.functions[{function.name.schema, std::move(signature)}] = std::move(function);
    });
}

// A trigger from its catalog row. Only a WHEN condition needs the server's printed definition.
void read_triggers(CatalogResults& results, SchemaModel& model, const RelationsByOid& relations, const ColumnNumbers& numbers) {
    each_row(results, queries::triggers, [&](const CatalogRow& row) {
        Trigger trigger;
        trigger.name = row.text("name");
        if (!row.is_null("definition")) {
            try {
                ParsedSql parsed(row.text("definition"));
                RewriteArena arena;
                trigger.when_expr = trigger_from_statement(parsed.statement(0).stmt->create_trig_stmt, nullptr, arena).when_expr;
            } catch (const std::exception&) {
                model.unmodelled.push_back({"database", 0, "trigger " + trigger.name + " (definition does not parse)"});
                return;
            }
        }
        // tgtype's bits, as trigger.h defines them.
        std::int64_t type = row.integer("type");
        constexpr std::int64_t row_level = 1 << 0, before = 1 << 1, insert = 1 << 2, delete_ = 1 << 3, update = 1 << 4,
                               truncate = 1 << 5, instead = 1 << 6;
        trigger.timing = type & before ? "BEFORE" : type & instead ? "INSTEAD OF" : "AFTER";
        if (type & insert) trigger.events.push_back("INSERT");
        if (type & update) trigger.events.push_back("UPDATE");
        if (type & delete_) trigger.events.push_back("DELETE");
        if (type & truncate) trigger.events.push_back("TRUNCATE");
        trigger.for_each_row = type & row_level;
        trigger.update_columns = numbers.names(row.integer("relation"), row.integers("update_columns"));
        trigger.function = quote_ident(row.text("function_schema")) + "." + quote_ident(row.text("function_name"));
        std::string arguments = row.bytes("arguments");
        for (std::size_t start = 0, end; (end = arguments.find('\0', start)) != std::string::npos; start = end + 1)
            trigger.arguments.push_back(arguments.substr(start, end - start));
        trigger.constraint_trigger = row.flag("constraint_trigger");
        trigger.deferrable = row.flag("deferrable");
        trigger.initially_deferred = row.flag("initially_deferred");
        trigger.old_table = row.text("old_table");
        trigger.new_table = row.text("new_table");
        trigger.enabled = row.code("enabled");
        trigger.comment = row.text("comment");
        if (auto relation = relations.find(row.integer("relation")); relation != relations.end())
            (relation->second.table ? relation->second.table->triggers : relation->second.view->triggers)[trigger.name] = std::move(trigger);
    });
}

void read_privileges(CatalogResults& results, SchemaModel& model) {
    each_row(results, queries::default_privileges, [&](const CatalogRow& row) {
        DefaultPrivilegeKey key{row.text("role"), row.text("schema"), row.code("object_type")};
        model.default_privileges[key] = parse_acl_items(row.strings("acl"));
    });
}

void read_foreign(CatalogResults& results, SchemaModel& model) {
    each_row(results, queries::foreign_data_wrappers, [&](const CatalogRow& row) {
        std::optional<Acl> acl;
        if (!row.is_null("acl")) acl = parse_acl_items(row.strings("acl"));
        if (row.text("kind") == "wrapper") {
            model.foreign_data_wrappers[row.text("name")] = {row.text("name"),    row.text("handler"), row.text("validator"),
                                                             row.strings("options"), row.text("owner"),   row.text("comment"), acl};
        } else {
            model.foreign_servers[row.text("name")] = {row.text("name"),  row.text("wrapper"), row.text("type"),    row.text("version"),
                                                       row.strings("options"), row.text("owner"), row.text("comment"), acl};
        }
    });
    each_row(results, queries::user_mappings, [&](const CatalogRow& row) {
        model.user_mappings[{row.text("server"), row.text("user")}] = {row.text("server"), row.text("user"), row.strings("options")};
    });
}

void read_privileges_outside_model(CatalogResults& results, SchemaModel& model) {
    each_row(results, queries::database, [&](const CatalogRow& row) {
        DatabasePrivileges database{row.text("name"), row.text("owner"), std::nullopt, {}};
        if (!row.is_null("acl")) database.acl = parse_acl_items(row.strings("acl"));
        model.database = std::move(database);
    });
    each_row(results, queries::extension_function_privileges, [&](const CatalogRow& row) {
        model.extension_function_privileges[{row.text("schema"), row.text("signature")}] = {row.text("owner"), parse_acl_items(row.strings("acl")), {}};
    });
}

constexpr std::string_view export_snapshot = "select pg_export_snapshot()";

// The catalog queries in the order they are read. With a second connection, those that may run
// second do. The rest stay on the first: those that can load a table into the backend's cache
// (expression indexes, exclusion constraints, WHEN conditions, and the fallbacks printed after
// them), so that no table is loaded twice, and the names migrations use without defining them,
// so that `check FOLDER DB` can replay the folder as soon as possible.
struct CatalogQuery {
    std::string_view text;
    bool may_run_second;
};
const CatalogQuery catalog_queries[] = {
    {queries::external_objects, false}, {queries::schemas, true},       {queries::extensions, true},
    {queries::types, true},             {queries::sequences, true},     {queries::relations, true},
    {queries::column_defaults, true},   {queries::column_comments, true}, {queries::columns, true},
    {queries::constraints, false},      {queries::indexes, false},      {queries::index_key_names, false},
    {queries::roles, false},            {queries::policies, false},     {queries::functions, true},
    {queries::triggers, false},         {queries::default_privileges, true}, {queries::publications, true},
    {queries::publication_tables, true}, {queries::database, true}, {queries::foreign_data_wrappers, true}, {queries::user_mappings, true}, {queries::extension_function_privileges, true}, {queries::unmodelled, false},
    {queries::view_definitions, false},
};

}  // namespace

bool is_connection_string(const std::string& source) {
    return source.rfind("postgres://", 0) == 0 || source.rfind("postgresql://", 0) == 0 ||
           (source.find('=') != std::string::npos && source.find('/') == std::string::npos) ||
           source.find("dbname=") != std::string::npos || source.find("host=") != std::string::npos;
}

std::string redact_connection(const std::string& connection) {
    // URL form: scheme://user:password@host; key=value form: password=...
    static const std::regex url_password(R"((://[^:/@]*:)[^@]*@)");
    static const std::regex key_password(R"((password\s*=\s*)('([^'\\]|\\.)*'|\S+))", std::regex::icase);
    static const std::regex query_password(R"(([?&]password=)[^&]*)", std::regex::icase);
    std::string redacted = std::regex_replace(connection, url_password, "$1***@");
    redacted = std::regex_replace(redacted, key_password, "$1***");
    return std::regex_replace(redacted, query_password, "$1***");
}

Introspection introspect(const std::string& connection, const std::function<void(const DatabaseEnvironment&)>& environment_ready,
                         bool second_connection) {
    try {
        // The second connection is opened while the first one works: connecting takes round trips.
        std::future<std::unique_ptr<pqxx::connection>> connecting;
        if (second_connection)
            connecting = std::async(std::launch::async, [&connection] { return std::make_unique<pqxx::connection>(connection); });
        pqxx::connection database(connection);
        pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(database);
        Introspection result;
        // Declared after the transactions it uses, so that its threads end before they do.
        std::unique_ptr<pqxx::connection> second_database;
        std::optional<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>> second_tx;
        CatalogResults results;
        // A connection's queries go in one round trip: the session's settings are read before it
        // is pinned, and the snapshot a second connection shares is exported.
        std::vector<std::string_view> first_queries{queries::settings}, second_queries;
        if (second_connection) first_queries.push_back(export_snapshot);
        first_queries.push_back(queries::pin_session);
        for (const CatalogQuery& query : catalog_queries)
            (second_connection && query.may_run_second ? second_queries : first_queries).push_back(query.text);
        results.fetch(tx, {}, first_queries);
        pqxx::result settings = results.take(queries::settings);
        results.take(queries::pin_session);
        DatabaseEnvironment& environment = result.environment;
        environment.search_path = split_search_path(settings[0]["search_path"].c_str());
        environment.role = settings[0]["role"].c_str();
        if (second_connection) {
            second_database = connecting.get();
            second_tx.emplace(*second_database);
            // Alone: it must come before any other statement, and a pipeline starts with one of its own.
            second_tx->exec("set transaction snapshot " + second_tx->quote(results.take(export_snapshot)[0][0].c_str()));
            results.fetch(*second_tx, {std::string(queries::pin_session)}, second_queries);
        }
        each_row(results, queries::external_objects, [&](const CatalogRow& row) {
            std::string kind = row.text("kind");
            auto& names = kind == "function" ? environment.external.functions
                          : kind == "type"   ? environment.external.types
                          : kind == "opclass" ? environment.external.opclasses
                                              : environment.external.relations;
            names[row.text("schema")].insert(row.text("name"));
        });
        if (environment_ready) environment_ready(environment);
        SchemaModel& model = result.model;
        read_schemas(results, model);
        read_types(results, model);
        read_sequences(results, model);
        RelationsByOid relations;
        read_relations(results, model, relations);
        ColumnNumbers column_numbers;
        read_columns(results, model, relations, column_numbers);
        CatalogExpressions expressions;
        read_constraints(results, model, relations, column_numbers, expressions);
        read_indexes(results, model, relations, column_numbers, expressions);
        read_policies(results, model, relations, expressions);
        read_functions(results, model);
        read_triggers(results, model, relations, column_numbers);
        read_privileges(results, model);
        read_publications(results, model, relations, column_numbers, expressions);
        read_privileges_outside_model(results, model);
        read_foreign(results, model);
        each_row(results, queries::unmodelled, [&](const CatalogRow& row) { model.unmodelled.push_back({"database", 0, row.text("what")}); });
        read_view_definitions(results, model, relations, expressions);
        expressions.print(tx, column_numbers);  // tx is idle: its last result has been taken
        return result;
    } catch (const pqxx::broken_connection& error) {
        throw DatabaseError("cannot connect to " + redact_connection(connection) + ": " + redact_connection(error.what()));
    } catch (const pqxx::sql_error& error) {
        throw DatabaseError(std::string("catalog query failed: ") + error.what());
    } catch (const pqxx::failure& error) {
        throw DatabaseError(redact_connection(error.what()));
    }
}

}  // namespace pgshift
