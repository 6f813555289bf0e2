// CREATE / ALTER / DROP PUBLICATION, and what happens to publications when the tables, columns
// and schemas they name change. Checks and messages follow PostgreSQL 15 (publicationcmds.c,
// pg_publication.c), in the order it makes them.
#include <algorithm>
#include <cctype>

#include "model/names.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/tree_walk.hpp"
#include "parser/replay.hpp"
#include "parser/replay_failure.hpp"

namespace pgshift {
namespace {

using ObjectType = PgQuery__PublicationObjSpecType;

// SplitIdentifierString: comma-separated names, blanks around them ignored, unquoted ones folded
// to lower case, "quoted" ones kept; nullopt for a malformed list ("a,,b").
std::optional<std::vector<std::string>> split_identifiers(const std::string& text) {
    std::vector<std::string> names;
    std::size_t at = 0;
    auto blanks = [&] {
        while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
    };
    blanks();
    if (at == text.size()) return names;
    while (true) {
        std::string name;
        if (text[at] == '"') {
            for (++at;; ++at) {
                if (at == text.size()) return std::nullopt;
                if (text[at] == '"') {
                    if (at + 1 < text.size() && text[at + 1] == '"') {
                        name += '"';
                        ++at;
                        continue;
                    }
                    ++at;
                    break;
                }
                name += text[at];
            }
        } else {
            while (at < text.size() && text[at] != ',' && !std::isspace(static_cast<unsigned char>(text[at])))
                name += char(std::tolower(static_cast<unsigned char>(text[at++])));
            if (name.empty()) return std::nullopt;
        }
        names.push_back(truncate_identifier(name));
        blanks();
        if (at == text.size()) return names;
        if (text[at] != ',') return std::nullopt;
        ++at;
        blanks();
    }
}

// defGetBoolean: no value, true/false/on/off in any case, or 0/1.
std::optional<bool> publication_boolean(const PgQuery__DefElem* option) {
    if (!option->arg) return true;
    if (auto number = node_integer(option->arg); number && option->arg->node_case != PG_QUERY__NODE__NODE_STRING) {
        if (*number == 0 || *number == 1) return *number == 1;
        return std::nullopt;
    }
    std::string text = def_elem_text(option);
    for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (text == "true" || text == "on") return true;
    if (text == "false" || text == "off") return false;
    return std::nullopt;
}

// errdetail_relkind_not_supported, for the relations the model holds.
std::string relation_kind_detail(Replayer::RelationKind kind) {
    switch (kind) {
        case Replayer::RelationKind::view: return "This operation is not supported for views.";
        case Replayer::RelationKind::materialized_view: return "This operation is not supported for materialized views.";
        case Replayer::RelationKind::sequence: return "This operation is not supported for sequences.";
        default: return {};
    }
}

// A type the catalog prints qualified (with an empty search_path) is not a built-in one.
bool user_defined_type(const std::string& type) {
    bool quoted = false;
    int depth = 0;
    for (char c : type) {
        if (c == '"') quoted = !quoted;
        else if (!quoted && c == '(') ++depth;
        else if (!quoted && c == ')') --depth;
        else if (!quoted && depth == 0 && c == '.') return true;
    }
    return false;
}

}  // namespace

Publication& Replayer::require_publication(const std::string& name) {
    auto publication = model_.publications.find(name);
    if (publication == model_.publications.end()) fail("publication \"" + name + "\" does not exist");
    return publication->second;
}

void Replayer::publication_options(Publication& publication, std::size_t count, PgQuery__Node* const* options) {
    bool publish_given = false, via_root_given = false;
    for (std::size_t i = 0; i < count; ++i) {
        const PgQuery__DefElem* option = as_def_elem(options[i]);
        if (!option) continue;
        std::string name = option->defname ? option->defname : "";
        if (name == "publish") {
            if (publish_given) fail("conflicting or redundant options", option->location);
            publish_given = true;
            if (!option->arg) fail("publish requires a parameter");
            std::optional<std::vector<std::string>> operations = split_identifiers(def_elem_text(option));
            if (!operations) fail("invalid list syntax in parameter \"publish\"");
            publication.publish_insert = publication.publish_update = publication.publish_delete = publication.publish_truncate = false;
            for (const std::string& operation : *operations) {
                if (operation == "insert") publication.publish_insert = true;
                else if (operation == "update") publication.publish_update = true;
                else if (operation == "delete") publication.publish_delete = true;
                else if (operation == "truncate") publication.publish_truncate = true;
                else fail("unrecognized value for publication option \"publish\": \"" + operation + "\"");
            }
        } else if (name == "publish_via_partition_root") {
            if (via_root_given) fail("conflicting or redundant options", option->location);
            via_root_given = true;
            std::optional<bool> value = publication_boolean(option);
            if (!value) fail("publish_via_partition_root requires a Boolean value");
            if (!publication.all_tables && !*value) {
                // Partitioned tables' row filters and column lists hold only when changes go out as the root's.
                for (const auto& [table_name, member] : publication.tables) {
                    auto table = model_.tables.find(table_name);
                    if (table == model_.tables.end() || table->second.kind != TableKind::partitioned) continue;
                    if (member.row_filter.empty() && member.columns.empty()) continue;
                    fail("cannot set parameter \"publish_via_partition_root\" to false for publication \"" + publication.name + "\"", -1,
                         "The publication contains a " + std::string(member.row_filter.empty() ? "column list" : "WHERE clause") +
                             " for partitioned table \"" + table_name.name + "\", which is not allowed when \"publish_via_partition_root\" is false.");
                }
            }
            publication.via_partition_root = *value;
        } else {
            fail("unrecognized publication parameter: \"" + name + "\"");
        }
    }
}

std::vector<std::string> Replayer::publication_schemas(std::size_t count, PgQuery__Node* const* objects) {
    std::vector<std::string> schemas;
    for (std::size_t i = 0; i < count; ++i) {
        const PgQuery__PublicationObjSpec* object = objects[i]->publication_obj_spec;
        std::string schema;
        if (object->pubobjtype == PG_QUERY__PUBLICATION_OBJ_SPEC_TYPE__PUBLICATIONOBJ_TABLES_IN_SCHEMA) {
            schema = object->name ? object->name : "";
            if (!schema_known_or_external(schema) && schema != "pg_catalog") fail("schema \"" + schema + "\" does not exist", object->location);
        } else if (object->pubobjtype == PG_QUERY__PUBLICATION_OBJ_SPEC_TYPE__PUBLICATIONOBJ_TABLES_IN_CUR_SCHEMA) {
            for (const std::string& candidate : effective_search_path())
                if (model_.schemas.count(candidate) || candidate == "pg_catalog") {
                    schema = candidate;
                    break;
                }
            if (schema.empty()) fail("no schema has been selected for CURRENT_SCHEMA", object->location);
        } else {
            continue;
        }
        if (std::find(schemas.begin(), schemas.end(), schema) == schemas.end()) schemas.push_back(schema);
    }
    return schemas;
}

std::vector<Replayer::PublicationTarget> Replayer::publication_tables(std::size_t count, PgQuery__Node* const* objects) {
    std::vector<PublicationTarget> targets;
    auto listed = [&](const QualifiedName& table) {
        return std::find_if(targets.begin(), targets.end(), [&](const PublicationTarget& target) { return target.table == table; });
    };
    for (std::size_t i = 0; i < count; ++i) {
        const PgQuery__PublicationObjSpec* object = objects[i]->publication_obj_spec;
        if (object->pubobjtype != PG_QUERY__PUBLICATION_OBJ_SPEC_TYPE__PUBLICATIONOBJ_TABLE || !object->pubtable) continue;
        const PgQuery__PublicationTable* spec = object->pubtable;
        const PgQuery__RangeVar* range = spec->relation;
        std::string written = range->schemaname && *range->schemaname ? std::string(range->schemaname) + "." + range->relname : range->relname;
        std::optional<QualifiedName> name = find_relation(range);
        if (!name) {
            if (range->schemaname && *range->schemaname && !schema_known_or_external(range->schemaname))
                fail("schema \"" + std::string(range->schemaname) + "\" does not exist", range->location);
            if (range->schemaname && *range->schemaname && schema_is_external(range->schemaname)) {
                not_modelled("a publication's table outside the model: " + written);
                continue;
            }
            fail("relation \"" + written + "\" does not exist", range->location);
        }
        RelationKind kind = relation_kind(*name);
        if (kind == RelationKind::index || kind == RelationKind::composite_type)
            fail("\"" + name->name + "\" is " + (kind == RelationKind::index ? "an index" : "a composite type"), range->location);
        auto add = [&](const QualifiedName& table) {
            if (auto seen = listed(table); seen != targets.end()) {
                // "t, t" is t once, unless a WHERE or a column list would be given twice.
                if (spec->where_clause || seen->spec->where_clause)
                    fail("conflicting or redundant WHERE clauses for table \"" + name->name + "\"", range->location);
                if (spec->n_columns || seen->spec->n_columns)
                    fail("conflicting or redundant column lists for table \"" + name->name + "\"", range->location);
                return;
            }
            targets.push_back({table, spec});
        };
        add(*name);
        // Without ONLY, a parent brings its inheritance children (a partitioned table publishes its partitions itself).
        auto table = model_.tables.find(*name);
        if (!range->inh || table == model_.tables.end() || table->second.kind == TableKind::partitioned) continue;
        std::vector<QualifiedName> pending{*name};
        while (!pending.empty()) {
            QualifiedName parent = pending.back();
            pending.pop_back();
            for (const auto& [child_name, child] : model_.tables)
                if (std::find(child.inherits.begin(), child.inherits.end(), parent) != child.inherits.end()) {
                    add(child_name);
                    pending.push_back(child_name);
                }
        }
    }
    return targets;
}

std::string Replayer::publication_row_filter(const Publication& publication, const PublicationTarget& target,
                                             std::map<const PgQuery__Node*, std::pair<QualifiedName, std::string>>& canonical) {
    const PgQuery__Node* where = target.spec->where_clause;
    const Table& table = model_.tables.at(target.table);
    if (table.kind == TableKind::partitioned && !publication.via_partition_root)
        fail("cannot use publication WHERE clause for relation \"" + table.name.name + "\"", -1,
             "WHERE clause cannot be used for a partitioned table when publish_via_partition_root is false.");
    // What check_simple_rowfilter_expr allows that the model can tell: the table's columns of
    // built-in types, no subqueries, no functions of the migrations' own.
    walk_nodes(where, [&](const PgQuery__Node* node) {
        if (node->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) {
            const PgQuery__ColumnRef* reference = node->column_ref;
            std::vector<std::string> names = node_strings(reference->n_fields, reference->fields);
            if (names.empty()) return false;
            const Column* column = table.find_column(names.back());
            if (!column) fail("column \"" + names.back() + "\" does not exist", reference->location);
            if (user_defined_type(column->type))
                fail("invalid publication WHERE expression", reference->location, "User-defined types are not allowed.");
            return false;
        }
        if (node->node_case == PG_QUERY__NODE__NODE_SUB_LINK)
            fail("invalid publication WHERE expression", node->sub_link->location,
                 "Only columns, constants, built-in operators, built-in data types, built-in collations, and immutable built-in functions are allowed.");
        if (node->node_case == PG_QUERY__NODE__NODE_FUNC_CALL) {
            const PgQuery__FuncCall* call = node->func_call;
            std::vector<std::string> function = node_strings(call->n_funcname, call->funcname);
            bool user_defined = false;
            if (function.size() >= 2) {
                const std::string& schema = function[function.size() - 2];
                each_overload(model_.functions, {schema, function.back()}, [&](const Function&) { user_defined = true; });
                user_defined = user_defined || (schema != "pg_catalog" && schema_is_external(schema));
            } else if (!function.empty()) {
                user_defined = expression_names_.function_schema(function.back(), call->n_args).has_value();
            }
            if (user_defined)
                fail("invalid publication WHERE expression", call->location, "User-defined or built-in mutable functions are not allowed.");
        }
        return true;
    });
    // Children given by their parent share its WHERE: the tree is canonicalized (rewritten) once.
    if (auto done = canonical.find(where); done != canonical.end()) {
        auto written = model_.written_expressions.find({done->second.first, publication.name, "row filter"});
        if (written != model_.written_expressions.end())
            model_.written_expressions[{target.table, publication.name, "row filter"}] = written->second;
        else
            model_.written_expressions.erase({target.table, publication.name, "row filter"});
        return done->second.second;
    }
    remember_written(target.table, publication.name, "row filter", where);
    std::string text = canonical_policy_expression(const_cast<PgQuery__Node*>(where), target.table.schema, target.table.name,
                                                   &expression_names_, rewrite_arena_);
    canonical[where] = {target.table, text};
    return text;
}

std::vector<std::string> Replayer::publication_columns(const PublicationTarget& target) {
    const Table& table = model_.tables.at(target.table);
    std::vector<std::string> named = node_strings(target.spec->n_columns, target.spec->columns);
    for (std::size_t i = 0; i < named.size(); ++i) {
        const std::string& name = named[i];
        static const std::set<std::string> system_columns = {"tableoid", "cmax", "xmax", "cmin", "xmin", "ctid"};
        const Column* column = table.find_column(name);
        if (!column && system_columns.count(name)) fail("cannot use system column \"" + name + "\" in publication column list");
        if (!column) fail("column \"" + name + "\" of relation \"" + table.name.name + "\" does not exist");
        if (!column->generated_expr.empty()) fail("cannot use generated column \"" + name + "\" in publication column list");
        if (std::find(named.begin(), named.begin() + std::ptrdiff_t(i), name) != named.begin() + std::ptrdiff_t(i))
            fail("duplicate column \"" + name + "\" in publication column list");
    }
    // The catalog keeps them by number: in the table's order.
    std::vector<std::string> columns;
    for (const Column& column : table.columns)
        if (std::find(named.begin(), named.end(), column.name) != named.end()) columns.push_back(column.name);
    return columns;
}

void Replayer::add_publication_tables(Publication& publication, std::vector<PublicationTarget> targets, bool has_schemas, bool replacing) {
    // TransformPubWhereClauses, then CheckPubRelationColumnList, then each table in turn.
    std::vector<std::string> filters(targets.size());
    std::map<const PgQuery__Node*, std::pair<QualifiedName, std::string>> canonical;
    for (std::size_t i = 0; i < targets.size(); ++i)
        if (targets[i].spec->where_clause && model_.tables.count(targets[i].table))
            filters[i] = publication_row_filter(publication, targets[i], canonical);
    for (const PublicationTarget& target : targets) {
        if (!target.spec->n_columns) continue;
        std::string relation = target.table.schema + "." + target.table.name;
        if (has_schemas)
            fail("cannot use column list for relation \"" + relation + "\" in publication \"" + publication.name + "\"", -1,
                 "Column lists cannot be specified in publications containing FOR TABLES IN SCHEMA elements.");
        auto table = model_.tables.find(target.table);
        if (table != model_.tables.end() && table->second.kind == TableKind::partitioned && !publication.via_partition_root)
            fail("cannot use column list for relation \"" + relation + "\" in publication \"" + publication.name + "\"", -1,
                 "Column lists cannot be specified for partitioned tables when publish_via_partition_root is false.");
    }
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const PublicationTarget& target = targets[i];
        if (publication.tables.count(target.table)) {
            if (replacing) continue;
            fail_duplicate("relation \"" + target.table.name + "\" is already member of publication \"" + publication.name + "\"");
        }
        std::string not_supported = "cannot add relation \"" + target.table.name + "\" to publication";
        RelationKind kind = relation_kind(target.table);
        if (kind != RelationKind::table) fail(not_supported, target.spec->relation->location, relation_kind_detail(kind));
        const Table& table = model_.tables.at(target.table);
        if (table.kind == TableKind::foreign)
            fail(not_supported, target.spec->relation->location, "This operation is not supported for foreign tables.");
        if (table.unlogged) fail(not_supported, target.spec->relation->location, "This operation is not supported for unlogged tables.");
        PublicationTable member;
        member.columns = publication_columns(target);
        member.row_filter = filters[i];
        publication.tables[target.table] = std::move(member);
    }
}

void Replayer::add_publication_schemas(Publication& publication, const std::vector<std::string>& schemas, bool replacing) {
    for (const std::string& schema : schemas) {
        if (schema == "pg_catalog")
            fail("cannot add schema \"" + schema + "\" to publication", -1, "This operation is not supported for system schemas.");
        if (publication.schemas.count(schema)) {
            if (replacing) continue;
            fail_duplicate("schema \"" + schema + "\" is already member of publication \"" + publication.name + "\"");
        }
        publication.schemas.insert(schema);
    }
}

void Replayer::create_publication(const PgQuery__CreatePublicationStmt* statement) {
    std::string name = statement->pubname;
    if (model_.publications.count(name) && !platform_gives_way('p', "", name))
        fail_duplicate("publication \"" + name + "\" already exists");
    Publication publication;
    publication.name = name;
    publication.owner = role_;
    publication.all_tables = statement->for_all_tables;
    publication_options(publication, statement->n_options, statement->options);
    if (!publication.all_tables) {
        std::vector<std::string> schemas = publication_schemas(statement->n_pubobjects, statement->pubobjects);
        add_publication_tables(publication, publication_tables(statement->n_pubobjects, statement->pubobjects), !schemas.empty(), false);
        add_publication_schemas(publication, schemas, false);
    }
    remember_origin(quote_ident(name));
    model_.publications[name] = std::move(publication);
}

void Replayer::alter_publication(const PgQuery__AlterPublicationStmt* statement) {
    Publication& publication = require_publication(statement->pubname);
    if (statement->n_options) return publication_options(publication, statement->n_options, statement->options);
    std::vector<std::string> schemas = publication_schemas(statement->n_pubobjects, statement->pubobjects);
    bool has_tables = false;
    for (std::size_t i = 0; i < statement->n_pubobjects; ++i)
        has_tables = has_tables || statement->pubobjects[i]->publication_obj_spec->pubobjtype == PG_QUERY__PUBLICATION_OBJ_SPEC_TYPE__PUBLICATIONOBJ_TABLE;
    if (publication.all_tables && (has_tables || !schemas.empty()))
        fail("publication \"" + publication.name + "\" is defined as FOR ALL TABLES", -1,
             !schemas.empty() ? "Schemas cannot be added to or dropped from FOR ALL TABLES publications."
                              : "Tables cannot be added to or dropped from FOR ALL TABLES publications.");
    std::vector<PublicationTarget> targets = publication_tables(statement->n_pubobjects, statement->pubobjects);
    switch (statement->action) {
        case PG_QUERY__ALTER_PUBLICATION_ACTION__AP_AddObjects:
            if (has_tables) add_publication_tables(publication, std::move(targets), !schemas.empty() || !publication.schemas.empty(), false);
            if (!schemas.empty()) {
                for (const auto& [table, member] : publication.tables)
                    if (!member.columns.empty())
                        fail("cannot add schema to publication \"" + publication.name + "\"", -1,
                             "Schemas cannot be added if any tables that specify a column list are already part of the publication.");
                add_publication_schemas(publication, schemas, false);
            }
            return;
        case PG_QUERY__ALTER_PUBLICATION_ACTION__AP_DropObjects:
            for (const PublicationTarget& target : targets) {
                if (target.spec->n_columns) fail("column list must not be specified in ALTER PUBLICATION ... DROP");
                if (!publication.tables.count(target.table)) fail("relation \"" + target.table.name + "\" is not part of the publication");
                if (target.spec->where_clause) fail("cannot use a WHERE clause when removing a table from a publication");
                publication.tables.erase(target.table);
            }
            for (const std::string& schema : schemas)
                if (!publication.schemas.erase(schema)) fail("tables from schema \"" + schema + "\" are not part of the publication");
            return;
        case PG_QUERY__ALTER_PUBLICATION_ACTION__AP_SetObjects: {
            // The new list replaces the old: a table stays only with the same WHERE and column list.
            Publication replaced = publication;
            replaced.tables.clear();
            add_publication_tables(replaced, std::move(targets), !schemas.empty(), true);
            replaced.schemas.clear();
            add_publication_schemas(replaced, schemas, true);
            publication.tables = std::move(replaced.tables);
            publication.schemas = std::move(replaced.schemas);
            return;
        }
        default: return;
    }
}

void Replayer::drop_publications(const PgQuery__DropStmt* statement) {
    for (std::size_t i = 0; i < statement->n_objects; ++i) {
        std::string name = node_string(statement->objects[i]);
        if (!model_.publications.count(name)) {
            if (statement->missing_ok) continue;
            fail("publication \"" + name + "\" does not exist");
        }
        model_.publications.erase(name);
        platform_gives_way('p', "", name);  // one made again later is the migrations' own
    }
}

void Replayer::rename_publication(const std::string& from, const std::string& to) {
    Publication& publication = require_publication(from);
    if (model_.publications.count(to)) fail_duplicate("publication \"" + to + "\" already exists");
    Publication renamed = std::move(publication);
    model_.publications.erase(from);
    platform_gives_way('p', "", from);  // the platform's publication is gone under its name
    renamed.name = to;
    // Row filters as written are kept by publication name.
    for (const auto& [table, member] : renamed.tables) {
        auto written = model_.written_expressions.extract({table, from, "row filter"});
        if (!written.empty()) {
            written.key() = {table, to, "row filter"};
            model_.written_expressions.insert(std::move(written));
        }
    }
    model_.publications[to] = std::move(renamed);
}

void Replayer::drop_table_from_publications(const QualifiedName& table) {
    for (auto& [name, publication] : model_.publications) publication.tables.erase(table);
}

void Replayer::move_table_in_publications(const QualifiedName& from, const QualifiedName& to) {
    for (auto& [name, publication] : model_.publications) {
        auto member = publication.tables.extract(from);
        if (member.empty()) continue;
        member.key() = to;
        publication.tables.insert(std::move(member));
    }
}

void Replayer::rename_schema_in_publications(const std::string& from, const std::string& to) {
    for (auto& [name, publication] : model_.publications) {
        if (publication.schemas.erase(from)) publication.schemas.insert(to);
        std::vector<QualifiedName> moved;
        for (const auto& [table, member] : publication.tables)
            if (table.schema == from) moved.push_back(table);
        for (const QualifiedName& table : moved) {
            auto member = publication.tables.extract(table);
            member.key() = {to, table.name};
            publication.tables.insert(std::move(member));
        }
    }
}

void Replayer::drop_schema_from_publications(const std::string& schema) {
    for (auto& [name, publication] : model_.publications) {
        publication.schemas.erase(schema);
        for (auto it = publication.tables.begin(); it != publication.tables.end();)
            it = it->first.schema == schema ? publication.tables.erase(it) : std::next(it);
    }
}

std::vector<std::string> Replayer::publications_using_column(const QualifiedName& table, const std::string& column) const {
    std::vector<std::string> names;
    for (const auto& [name, publication] : model_.publications) {
        auto member = publication.tables.find(table);
        if (member == publication.tables.end()) continue;
        const std::vector<std::string>& columns = member->second.columns;
        if (std::find(columns.begin(), columns.end(), column) != columns.end() || expression_uses_column(member->second.row_filter, column))
            names.push_back(name);
    }
    return names;
}

void Replayer::drop_column_from_publications(const Table& table, const std::string& column, bool cascade) {
    std::vector<std::string> publications = publications_using_column(table.name, column);
    if (publications.empty()) return;
    if (!cascade)
        fail("cannot drop column " + column + " of table " + table.name.name + " because other objects depend on it", -1,
             "publication of table " + table.name.name + " in publication " + publications.front() + " depends on column " + column +
                 " of table " + table.name.name);
    // CASCADE drops the table's membership, not the publication.
    for (const std::string& name : publications) model_.publications.at(name).tables.erase(table.name);
}

void Replayer::check_column_retype_in_publications(const Table& table, const std::string& column) {
    std::vector<std::string> publications = publications_using_column(table.name, column);
    if (!publications.empty())
        fail("cannot alter type of a column used by a publication WHERE clause", -1,
             "publication of table " + table.name.name + " in publication " + publications.front() + " depends on column \"" + column + "\"");
}

void Replayer::rename_column_in_publications(const QualifiedName& table, const std::string& from, const std::string& to) {
    for (auto& [name, publication] : model_.publications) {
        auto member = publication.tables.find(table);
        if (member == publication.tables.end()) continue;
        std::replace(member->second.columns.begin(), member->second.columns.end(), from, to);
        member->second.row_filter = rename_column_in_expression(member->second.row_filter, table.name, from, to);
    }
}

bool Replayer::published_explicitly(const QualifiedName& table) const {
    for (const auto& [name, publication] : model_.publications)
        if (publication.tables.count(table)) return true;
    return false;
}

}  // namespace pgshift
