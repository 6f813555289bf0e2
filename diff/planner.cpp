#include "diff/planner.hpp"

#include <algorithm>
#include <tuple>

#include "diff/definitions.hpp"
#include "model/acl.hpp"
#include "model/names.hpp"

namespace pgshift {
// Whether `to` grants anything `from` does not: a privilege or a grant option.
bool widens(const Acl& from, const Acl& to) {
    for (const auto& [grantee, letters] : to) {
        auto had = from.find(grantee);
        for (std::size_t i = 0; i < letters.size(); ++i) {
            if (letters[i] == '*') continue;
            bool option = i + 1 < letters.size() && letters[i + 1] == '*';
            if (had == from.end()) return true;
            auto at = had->second.find(letters[i]);
            if (at == std::string::npos) return true;
            if (option && !(at + 1 < had->second.size() && had->second[at + 1] == '*')) return true;
        }
    }
    return false;
}

Planner::Planner(const SchemaModel& from, const SchemaModel& to, const PlanOptions& options, const std::vector<Difference>* changes)
    : from_(&from), to_(to), options_(options), given_changes_(changes) {}

SchemaModel& Planner::owned_from() {
    if (from_ != &renamed_from_) {
        renamed_from_ = *from_;
        from_ = &renamed_from_;
    }
    return renamed_from_;
}

void Planner::take_changes() {
    CompareOptions compare;
    compare.managed_schemas = options_.managed_schemas;
    std::vector<Difference> found = compare_models(*from_, to_, compare);
    if (!given_changes_) {
        changes_ = Changes(std::move(found));
        return;
    }
    auto key = [](const Difference& d) { return std::tie(d.kind, d.object, d.property); };
    std::set<std::tuple<const std::string&, const std::string&, const std::string&>> given, models;
    for (const Difference& d : *given_changes_) given.insert(key(d));
    for (const Difference& d : found) models.insert(key(d));
    auto describe = [](const Difference& d) { return d.kind + " " + d.object + ": " + d.property; };
    for (const Difference& d : *given_changes_)
        if (!models.count(key(d))) throw PlanError("the comparison to plan is not the models': " + describe(d) + " does not differ");
    std::vector<const Difference*> settled;
    for (const Difference& d : found)
        if (!given.count(key(d))) {
            if (!settleable(d)) throw PlanError("the comparison to plan is not the models': it leaves out " + describe(d));
            settled.push_back(&d);
        }
    if (!settled.empty()) {
        SchemaModel& from = owned_from();
        for (const Difference* d : settled) adopt_settled(from, to_, *d);
    }
    changes_ = Changes(*given_changes_);
}

void Planner::check_accounted() const {
    std::vector<const Difference*> left = changes_.unaccounted();
    if (left.empty()) return;
    std::string message = "cannot plan " + std::string(left.size() == 1 ? "this change" : "these changes") + ":";
    for (const Difference* d : left)
        message += "\n  " + d->kind + " " + d->object + ": " + d->property + " (" + (d->from.empty() ? "none" : d->from) + " -> " +
                   (d->to.empty() ? "none" : d->to) + ")";
    throw PlanError(message);
}

Statement Planner::statement(std::string sql, std::set<Hazard> hazards) const {
    Statement result;
    result.sql = std::move(sql);
    result.hazards = std::move(hazards);
    return result;
}

Statement Planner::locking(std::string sql, std::set<Hazard> hazards) const {
    Statement result = statement(std::move(sql), std::move(hazards));
    result.lock_timeout = options_.lock_timeout;
    return result;
}

void Planner::comment(StepGraph::Node node, const std::string& keyword, const std::string& target, const std::string& from,
                      const std::string& to) {
    if (from == to) return;
    graph_.add(node, statement("COMMENT ON " + keyword + " " + target + " IS " + (to.empty() ? "NULL" : quote_literal(to))));
}

void Planner::ownership(StepGraph::Node node, const std::string& keyword, const std::string& target, char acl_class,
                        const std::string& schema, bool existed, const std::string& from_owner, const std::optional<Acl>& from_acl,
                        const std::string& to_owner, const std::optional<Acl>& to_acl) {
    // A new object belongs to whoever runs the plan and starts from the default privileges in force.
    std::string owner = existed ? from_owner : options_.role;
    Acl current = existed ? (from_acl ? *from_acl : default_acl(acl_class, owner))
                          : initial_acl(to_, acl_class, owner, schema).value_or(default_acl(acl_class, owner));
    if (!to_owner.empty() && to_owner != owner) {
        graph_.add(node, statement("ALTER " + keyword + " " + target + " OWNER TO " + quote_ident(to_owner)));
        acl_change_owner(current, owner, to_owner);
        owner = to_owner;
    }
    Acl wanted = to_acl ? *to_acl : default_acl(acl_class, owner);
    // Functions and types take "FUNCTION f(...)" / "TYPE t" in GRANT; relations take "TABLE".
    std::string grant_target = (keyword == "VIEW" || keyword == "MATERIALIZED VIEW" || keyword == "FOREIGN TABLE" ? "TABLE" : keyword) + " " + target;
    if (keyword == "DOMAIN") grant_target = "DOMAIN " + target;
    if (keyword == "SERVER") grant_target = "FOREIGN SERVER " + target;
    bool weakened = existed && widens(current, wanted);
    for (std::string& sql : acl_change_sql(current, wanted, grant_target))
        graph_.add(node, statement(std::move(sql), weakened && sql.rfind("GRANT", 0) == 0 ? std::set<Hazard>{Hazard::authz_weakened}
                                                                                          : std::set<Hazard>{}));
}

void Planner::after_functions_called(const std::string& expression, StepGraph::Node then) {
    if (!options_.facts || expression.empty()) return;
    for (const QualifiedName& name : options_.facts->functions_called(expression))
        each_overload(to_.functions, name, [&](const Function& function) {
            graph_.before(node("function", function_reference(function), Phase::create, rank::function), then);
        });
}

void Planner::after_table(const QualifiedName& table, StepGraph::Node then) {
    graph_.before(node("table", qualified(table), Phase::create, rank::table), then);
    graph_.before(node("table", qualified(table), Phase::create, rank::table_alter), then);
}

// A new schema a table moves into (--rename-table s.t=new_schema.t) is created before the renames.
StepGraph::Node Planner::schema_moved_into(const std::string& schema) {
    return node("schema", quote_ident(schema), Phase::drop, rank::rename + 1);
}

void Planner::apply_renames() {
    if (options_.renames.empty()) return;
    owned_from();
    for (const Rename& rename : options_.renames) {
        auto table = renamed_from_.tables.find(rename.table);
        if (table == renamed_from_.tables.end()) throw PlanError("rename: no table " + qualified(rename.table) + " in FROM");
        StepGraph::Node step = node("rename", qualified(rename.table) + (rename.kind == Rename::Kind::column ? "." + rename.from : ""),
                                    Phase::drop, rank::rename);
        if (rename.kind == Rename::Kind::column) {
            // The order FROM's names had differs by the new name: the rename accounts for it.
            account_member("column", rename.table, rename.from);
            account_member("column", rename.table, rename.to);
            changes_.account("table", qualified(rename.table), {"column order"});
            Column* column = table->second.find_column(rename.from);
            if (!column) throw PlanError("rename: no column " + rename.from + " in " + qualified(rename.table));
            graph_.add(step, locking("ALTER TABLE " + qualified(rename.table) + " RENAME COLUMN " + quote_ident(rename.from) + " TO " +
                                     quote_ident(rename.to)));
            column->name = rename.to;
            for (auto& [name, constraint] : table->second.constraints)
                std::replace(constraint.columns.begin(), constraint.columns.end(), rename.from, rename.to);
            for (auto& [name, index] : renamed_from_.indexes)
                if (name.schema == rename.table.schema && index.table == rename.table.name)
                    for (IndexKey& key : index.keys)
                        if (key.column == rename.from) key.column = rename.to;
            // A publication's column list follows the column (it is kept by number).
            for (auto& [name, publication] : renamed_from_.publications)
                if (auto member = publication.tables.find(rename.table); member != publication.tables.end())
                    std::replace(member->second.columns.begin(), member->second.columns.end(), rename.from, rename.to);
            continue;
        }
        // The table under both names is the one renamed; so are its places in publications.
        account("table", qualified(rename.table));
        account("table", qualified({rename.to_schema.empty() ? rename.table.schema : rename.to_schema, rename.to}));
        for (const auto& [name, publication] : renamed_from_.publications)
            if (publication.tables.count(rename.table)) account("publication table", quote_ident(name) + "." + qualified(rename.table));
        QualifiedName renamed{rename.table.schema, rename.to};
        if (rename.to != rename.table.name)
            graph_.add(step, locking("ALTER TABLE " + qualified(rename.table) + " RENAME TO " + quote_ident(rename.to)));
        if (!rename.to_schema.empty()) {
            // SET SCHEMA takes the table's indexes, constraints and owned sequences along. Every
            // other step names the table where it ends up, so the move comes first: after the
            // creation of a new schema it moves to (plan_schemas runs that first), before the
            // drop of the schema it leaves.
            graph_.add(step, locking("ALTER TABLE " + qualified(renamed) + " SET SCHEMA " + quote_ident(rename.to_schema)));
            if (!from_->schemas.count(rename.to_schema)) graph_.before(schema_moved_into(rename.to_schema), step);
            graph_.before(step, node("schema", quote_ident(rename.table.schema), Phase::drop, rank::schema));
        }
        Table moved = std::move(table->second);
        renamed_from_.tables.erase(table);
        moved.name = {rename.to_schema.empty() ? rename.table.schema : rename.to_schema, rename.to};
        std::map<QualifiedName, Index> indexes;
        for (auto& [name, index] : renamed_from_.indexes) {
            bool on_table = name.schema == rename.table.schema && index.table == rename.table.name;
            if (on_table) index.table = rename.to;
            if (on_table && index.name.schema != moved.name.schema) {
                // Moved along with its table: neither dropped nor created.
                account("index", qualified(index.name), {"exists"});
                index.name.schema = moved.name.schema;
                account("index", qualified(index.name), {"exists"});
            }
            indexes.emplace(index.name, std::move(index));
        }
        renamed_from_.indexes = std::move(indexes);
        std::map<QualifiedName, Sequence> sequences;
        for (auto& [name, sequence] : renamed_from_.sequences) {
            if (sequence.owned_by && sequence.owned_by->table == rename.table) {
                sequence.owned_by->table = moved.name;
                // The column's default names the sequence by OID: it prints the new schema.
                std::string before = nextval_default(sequence.name);
                account("sequence", qualified(sequence.name), {"exists"});
                sequence.name.schema = moved.name.schema;
                account("sequence", qualified(sequence.name), {"exists"});
                for (Column& column : moved.columns)
                    if (column.default_expr == before) column.default_expr = nextval_default(sequence.name);
            }
            sequences.emplace(sequence.name, std::move(sequence));
        }
        renamed_from_.sequences = std::move(sequences);
        for (auto& [constraint_name, constraint] : moved.constraints)
            if (constraint.referenced_table == rename.table) constraint.referenced_table = moved.name;
        for (auto& [name, other] : renamed_from_.tables)
            for (auto& [constraint_name, constraint] : other.constraints)
                if (constraint.referenced_table == rename.table) constraint.referenced_table = moved.name;
        for (auto& [name, publication] : renamed_from_.publications) {
            auto member = publication.tables.extract(rename.table);
            if (member.empty()) continue;
            member.key() = moved.name;
            publication.tables.insert(std::move(member));
        }
        renamed_from_.tables.emplace(moved.name, std::move(moved));
    }
    from_ = &renamed_from_;
}

void Planner::plan_schemas() {
    auto create_node = [&](const std::string& name) { return node("schema", quote_ident(name), Phase::create, rank::schema); };
    each_pair(&from_->schemas, to_.schemas,
        [&](const Schema& schema) {
            account("schema", quote_ident(schema.name));
            if (managed(schema.name)) return;
            graph_.add(node("schema", quote_ident(schema.name), Phase::drop, rank::schema), statement("DROP SCHEMA " + quote_ident(schema.name)));
        },
        [&](const Schema& schema) {
            account("schema", quote_ident(schema.name));
            if (managed(schema.name)) return;
            bool moved_into = std::any_of(options_.renames.begin(), options_.renames.end(),
                                          [&](const Rename& rename) { return rename.to_schema == schema.name; });
            StepGraph::Node step = moved_into ? schema_moved_into(schema.name) : create_node(schema.name);
            graph_.add(step, statement("CREATE SCHEMA " + quote_ident(schema.name)));
            ownership(step, "SCHEMA", quote_ident(schema.name), acl_object::schema, "", false, "", std::nullopt, schema.owner, schema.acl);
            comment(step, "SCHEMA", quote_ident(schema.name), "", schema.comment);
        },
        [&](const Schema& a, const Schema& b) {
            account("schema", quote_ident(a.name));
            StepGraph::Node step = create_node(a.name);
            if (managed(a.name)) {
                // The platform's schema: what users grant on it and say about it.
                ownership(step, "SCHEMA", quote_ident(a.name), acl_object::schema, "", true, a.owner, a.acl, "", b.acl);
                comment(step, "SCHEMA", quote_ident(a.name), a.comment, b.comment);
                return;
            }
            ownership(step, "SCHEMA", quote_ident(a.name), acl_object::schema, "", true, a.owner, a.acl, b.owner, b.acl);
            comment(step, "SCHEMA", quote_ident(a.name), a.comment, b.comment);
        });
}

void Planner::plan_extensions() {
    auto extension_node = [&](const std::string& name, Phase phase) { return node("extension", quote_ident(name), phase, rank::extension); };
    each_pair(&from_->extensions, to_.extensions,
        [&](const Extension& extension) {
            account("extension", quote_ident(extension.name));
            // An extension in a managed schema is the platform's (Supabase's extensions schema).
            if (managed(extension.schema)) return;
            graph_.add(extension_node(extension.name, Phase::drop), statement("DROP EXTENSION " + quote_ident(extension.name)));
        },
        [&](const Extension& extension) {
            account("extension", quote_ident(extension.name));
            if (managed(extension.schema)) return;
            StepGraph::Node step = extension_node(extension.name, Phase::create);
            graph_.before(node("schema", quote_ident(extension.schema), Phase::create, rank::schema), step);
            graph_.add(step, statement("CREATE EXTENSION IF NOT EXISTS " + quote_ident(extension.name) + " WITH SCHEMA " +
                                       quote_ident(extension.schema) +
                                       (extension.version.empty() ? "" : " VERSION " + quote_literal(extension.version))));
            comment(step, "EXTENSION", quote_ident(extension.name), "", extension.comment);
        },
        [&](const Extension& a, const Extension& b) {
            account("extension", quote_ident(a.name));
            if (managed(a.schema) && managed(b.schema)) return;
            StepGraph::Node step = extension_node(a.name, Phase::create);
            if (a.schema != b.schema) {
                graph_.before(node("schema", quote_ident(b.schema), Phase::create, rank::schema), step);
                graph_.before(step, node("schema", quote_ident(a.schema), Phase::drop, rank::schema));  // it holds the members until then
                graph_.add(step, statement("ALTER EXTENSION " + quote_ident(a.name) + " SET SCHEMA " + quote_ident(b.schema)));
            }
            if (!a.version.empty() && !b.version.empty() && a.version != b.version)
                graph_.add(step, statement("ALTER EXTENSION " + quote_ident(a.name) + " UPDATE TO " + quote_literal(b.version)));
        });
}

void Planner::plan_default_privileges() {
    static const std::map<char, const char*> kinds = {{'r', "TABLES"}, {'S', "SEQUENCES"}, {'f', "FUNCTIONS"}, {'T', "TYPES"}, {'n', "SCHEMAS"}};
    auto change = [&](const DefaultPrivilegeKey& key, const std::optional<Acl>& from, const std::optional<Acl>& to) {
        if (!key.schema.empty() && managed(key.schema)) return;  // the platform's
        // A role-wide entry starts from the built-in default; a per-schema entry from nothing.
        Acl base = key.schema.empty() ? default_acl(key.object_type, key.role) : Acl{};
        std::string prefix = "ALTER DEFAULT PRIVILEGES FOR ROLE " + quote_ident(key.role) +
                             (key.schema.empty() ? "" : " IN SCHEMA " + quote_ident(key.schema)) + " ";
        StepGraph::Node step = node("default privileges", key.role + " " + key.schema + " " + key.object_type, Phase::create,
                                    rank::default_privileges);
        if (!key.schema.empty()) graph_.before(node("schema", quote_ident(key.schema), Phase::create, rank::schema), step);
        auto kind = kinds.find(key.object_type);
        if (kind == kinds.end()) return;
        account("default privileges", difference_default_privileges(key));
        Acl current = from.value_or(base), wanted = to.value_or(base);
        for (std::string& sql : acl_change_sql(current, wanted, kind->second))
            graph_.add(step, statement(prefix + sql, widens(current, wanted) && sql.rfind("GRANT", 0) == 0
                                                         ? std::set<Hazard>{Hazard::authz_weakened}
                                                         : std::set<Hazard>{}));
    };
    auto a = from_->default_privileges.begin(), b = to_.default_privileges.begin();
    while (a != from_->default_privileges.end() || b != to_.default_privileges.end()) {
        if (b == to_.default_privileges.end() || (a != from_->default_privileges.end() && a->first < b->first)) {
            change(a->first, a->second, std::nullopt);
            ++a;
        } else if (a == from_->default_privileges.end() || b->first < a->first) {
            change(b->first, std::nullopt, b->second);
            ++b;
        } else {
            change(a->first, a->second, b->second);
            ++a, ++b;
        }
    }
}

void Planner::replace_type(StepGraph::Node create, const QualifiedName& type, const std::string& conversion) {
    std::string name = qualified(type);
    std::string old_name = truncate_identifier(type.name + "__pgshift_old");
    graph_.add(create, locking("ALTER TYPE " + name + " RENAME TO " + quote_ident(old_name)));
    replaced_types_.insert(name);
    StepGraph::Node cleanup = graph_.node("type " + name, Phase::create, rank::cleanup);
    graph_.add(cleanup, statement("DROP TYPE " + quote_ident(type.schema) + "." + quote_ident(old_name)));
    // Columns of kept tables convert; their defaults are set again around the conversion.
    for (const auto& [table_name, table] : to_.tables) {
        auto before = from_->tables.find(table_name);
        if (before == from_->tables.end()) continue;
        StepGraph::Node alter = node("table", qualified(table_name), Phase::create, rank::table_alter);
        graph_.before(create, alter);
        graph_.before(alter, cleanup);
        for (const Column& column : table.columns) {
            const Column* old_column = before->second.find_column(column.name);
            if (!old_column || old_column->type != column.type || (column.type != name && column.type != name + "[]")) continue;
            retyped_columns_[table_name].insert(column.name);
            rebuilt_columns_[table_name].insert(column.name);
            std::string prefix = "ALTER TABLE " + qualified(table_name) + " ALTER COLUMN " + quote_ident(column.name);
            if (!old_column->default_expr.empty()) graph_.add(alter, locking(prefix + " DROP DEFAULT"));
            std::string cast = column.type == name ? conversion : "text[]::" + column.type;
            graph_.add(alter, locking(prefix + " TYPE " + column.type + " USING " + quote_ident(column.name) + "::" + cast,
                                      {Hazard::table_rewrite, Hazard::access_exclusive_lock, Hazard::deletes_data}));
            if (!column.default_expr.empty())
                graph_.add(alter, locking(prefix + " SET DEFAULT " +
                                          expression_sql(to_, table_name, column.name, "default", column.default_expr)));
        }
    }
}

void Planner::plan_enums() {
    auto create = [&](const EnumType& type) {
        StepGraph::Node step = node("type", qualified(type.name), Phase::create, rank::enum_type);
        graph_.add(step, statement(create_enum_sql(type)));
        return step;
    };
    each_pair(&from_->enums, to_.enums,
        [&](const EnumType& type) {
            account("enum", qualified(type.name));
            if (managed(type.name.schema)) return;
            graph_.add(node("type", qualified(type.name), Phase::drop, rank::enum_type), statement("DROP TYPE " + qualified(type.name)));
        },
        [&](const EnumType& type) {
            account("enum", qualified(type.name));
            if (managed(type.name.schema)) return;
            StepGraph::Node step = create(type);
            ownership(step, "TYPE", qualified(type.name), acl_object::type, type.name.schema, false, "", std::nullopt, type.owner, type.acl);
            comment(step, "TYPE", qualified(type.name), "", type.comment);
        },
        [&](const EnumType& a, const EnumType& b) {
            account("enum", qualified(a.name));
            if (managed(a.name.schema)) return;
            std::string name = qualified(a.name);
            StepGraph::Node step = node("type", name, Phase::create, rank::enum_type);
            // New labels can be added in place while the old ones keep their order.
            std::size_t matched = 0;
            for (const std::string& label : b.labels)
                if (matched < a.labels.size() && a.labels[matched] == label) ++matched;
            if (matched == a.labels.size()) {
                std::size_t kept = 0;
                for (std::size_t i = 0; i < b.labels.size(); ++i) {
                    if (kept < a.labels.size() && a.labels[kept] == b.labels[i]) {
                        ++kept;
                        continue;
                    }
                    std::string place = kept < a.labels.size() ? " BEFORE " + quote_literal(a.labels[kept])
                                                                 : (i > 0 ? " AFTER " + quote_literal(b.labels[i - 1]) : "");
                    Statement add = statement("ALTER TYPE " + name + " ADD VALUE " + quote_literal(b.labels[i]) + place);
                    // A new label cannot be used before its transaction commits.
                    add.transactional = false;
                    add.commit_before_use = true;
                    graph_.add(step, add);
                }
            } else {
                replace_type(step, a.name, "text::" + name);
                graph_.add(step, statement(create_enum_sql(b), {Hazard::deletes_data}));
            }
            ownership(step, "TYPE", name, acl_object::type, a.name.schema, true, a.owner, a.acl, b.owner, b.acl);
            comment(step, "TYPE", name, a.comment, b.comment);
        });
}

void Planner::plan_domains() {
    auto create = [&](const Domain& domain, StepGraph::Node step) {
        graph_.add(step, statement(create_domain_sql(to_, domain)));
        for (const auto& [name, check] : domain.constraints)
            if (!check.validated) graph_.add(step, statement("ALTER DOMAIN " + qualified(domain.name) + " DROP CONSTRAINT " + quote_ident(name)));
    };
    each_pair(&from_->domains, to_.domains,
        [&](const Domain& domain) {
            account("domain", qualified(domain.name));
            if (managed(domain.name.schema)) return;
            graph_.add(node("type", qualified(domain.name), Phase::drop, rank::domain), statement("DROP DOMAIN " + qualified(domain.name)));
        },
        [&](const Domain& domain) {
            account("domain", qualified(domain.name));
            if (managed(domain.name.schema)) return;
            StepGraph::Node step = node("type", qualified(domain.name), Phase::create, rank::domain);
            create(domain, step);
            ownership(step, "DOMAIN", qualified(domain.name), acl_object::type, domain.name.schema, false, "", std::nullopt, domain.owner,
                      domain.acl);
            comment(step, "DOMAIN", qualified(domain.name), "", domain.comment);
        },
        [&](const Domain& a, const Domain& b) {
            account("domain", qualified(a.name));
            if (managed(a.name.schema)) return;
            std::string name = qualified(a.name);
            StepGraph::Node step = node("type", name, Phase::create, rank::domain);
            if (a.base_type != b.base_type || a.collation != b.collation) {
                replace_type(step, a.name, name);
                create(b, step);
            } else {
                std::string alter = "ALTER DOMAIN " + name;
                if (a.default_expr != b.default_expr)
                    graph_.add(step, statement(alter + (b.default_expr.empty() ? " DROP DEFAULT"
                                                                               : " SET DEFAULT " + expression_sql(to_, b.name, "", "default", b.default_expr))));
                if (a.not_null != b.not_null) graph_.add(step, statement(alter + (b.not_null ? " SET NOT NULL" : " DROP NOT NULL")));
                each_pair(&a.constraints, b.constraints,
                    [&](const DomainConstraint& check) { graph_.add(step, statement(alter + " DROP CONSTRAINT " + quote_ident(check.name))); },
                    [&](const DomainConstraint& check) {
                        graph_.add(step, statement(alter + " ADD CONSTRAINT " + quote_ident(check.name) + " CHECK (" +
                                                   expression_sql(to_, b.name, check.name, "check", check.expression) + ")" +
                                                   (check.validated ? "" : " NOT VALID")));
                    },
                    [&](const DomainConstraint& x, const DomainConstraint& y) {
                        if (x.expression == y.expression && x.validated == y.validated) return;
                        if (x.expression == y.expression && y.validated) {
                            graph_.add(step, statement(alter + " VALIDATE CONSTRAINT " + quote_ident(y.name)));
                            return;
                        }
                        graph_.add(step, statement(alter + " DROP CONSTRAINT " + quote_ident(x.name)));
                        graph_.add(step, statement(alter + " ADD CONSTRAINT " + quote_ident(y.name) + " CHECK (" +
                                                   expression_sql(to_, b.name, y.name, "check", y.expression) + ")" +
                                                   (y.validated ? "" : " NOT VALID")));
                    });
            }
            ownership(step, "DOMAIN", name, acl_object::type, a.name.schema, true, a.owner, a.acl, b.owner, b.acl);
            comment(step, "DOMAIN", name, a.comment, b.comment);
        });
}

void Planner::plan_composites() {
    auto drop = [&](const CompositeType& type) {
        graph_.add(node("type", qualified(type.name), Phase::drop, rank::composite), statement("DROP TYPE " + qualified(type.name)));
    };
    auto create = [&](const CompositeType& type) {
        StepGraph::Node step = node("type", qualified(type.name), Phase::create, rank::composite);
        graph_.add(step, statement(create_composite_sql(type)));
        return step;
    };
    each_pair(&from_->composite_types, to_.composite_types,
        [&](const CompositeType& type) {
            account("composite type", qualified(type.name));
            if (!managed(type.name.schema)) drop(type);
        },
        [&](const CompositeType& type) {
            account("composite type", qualified(type.name));
            if (managed(type.name.schema)) return;
            StepGraph::Node step = create(type);
            ownership(step, "TYPE", qualified(type.name), acl_object::type, type.name.schema, false, "", std::nullopt, type.owner, type.acl);
            comment(step, "TYPE", qualified(type.name), "", type.comment);
        },
        [&](const CompositeType& a, const CompositeType& b) {
            account("composite type", qualified(a.name));
            if (managed(a.name.schema)) return;
            std::string name = qualified(a.name);
            StepGraph::Node step = node("type", name, Phase::create, rank::composite);
            // In place when the kept attributes keep their order and new ones come last.
            std::vector<std::string> statements;
            std::size_t kept = 0;
            bool in_place = true;
            for (const CompositeAttribute& attribute : a.attributes) {
                auto found = std::find_if(b.attributes.begin(), b.attributes.end(),
                                          [&](const CompositeAttribute& other) { return other.name == attribute.name; });
                if (found == b.attributes.end()) {
                    statements.push_back("ALTER TYPE " + name + " DROP ATTRIBUTE " + quote_ident(attribute.name));
                    continue;
                }
                in_place = in_place && std::size_t(found - b.attributes.begin()) == kept++;
                if (found->type != attribute.type || found->collation != attribute.collation)
                    statements.push_back("ALTER TYPE " + name + " ALTER ATTRIBUTE " + quote_ident(attribute.name) + " TYPE " + found->type +
                                         (found->collation.empty() ? "" : " COLLATE " + collation_sql(found->collation)));
            }
            for (std::size_t i = kept; i < b.attributes.size(); ++i)
                statements.push_back("ALTER TYPE " + name + " ADD ATTRIBUTE " + quote_ident(b.attributes[i].name) + " " + b.attributes[i].type +
                                     (b.attributes[i].collation.empty() ? "" : " COLLATE " + collation_sql(b.attributes[i].collation)));
            if (in_place) {
                for (std::string& sql : statements) graph_.add(step, statement(std::move(sql)));
            } else {
                drop(a);
                create(b);
            }
            ownership(step, "TYPE", name, acl_object::type, a.name.schema, in_place, a.owner, a.acl, b.owner, b.acl);
            comment(step, "TYPE", name, in_place ? a.comment : "", b.comment);
        });
}

void Planner::plan_sequences() {
    auto owner_node = [&](const Sequence& sequence) { return node("sequence", qualified(sequence.name), Phase::create, rank::sequence_owner); };
    auto owned_by = [&](const Sequence& sequence) {
        if (!sequence.owned_by) return std::string("NONE");
        return qualified(sequence.owned_by->table) + "." + quote_ident(sequence.owned_by->column);
    };
    auto set_owned_by = [&](const Sequence& sequence) {
        StepGraph::Node step = owner_node(sequence);
        if (sequence.owned_by) after_table(sequence.owned_by->table, step);
        graph_.add(step, statement("ALTER SEQUENCE " + qualified(sequence.name) + " OWNED BY " + owned_by(sequence)));
    };
    each_pair(&from_->sequences, to_.sequences,
        [&](const Sequence& sequence) {
            account("sequence", qualified(sequence.name));
            if (managed(sequence.name.schema)) return;
            // A sequence owned by a table or column that goes goes with it.
            if (sequence.owned_by) {
                auto table = to_.tables.find(sequence.owned_by->table);
                if (table == to_.tables.end() || !table->second.find_column(sequence.owned_by->column)) return;
            }
            graph_.add(node("sequence", qualified(sequence.name), Phase::drop, rank::sequence),
                       statement("DROP SEQUENCE " + qualified(sequence.name)));
        },
        [&](const Sequence& sequence) {
            account("sequence", qualified(sequence.name));
            if (managed(sequence.name.schema)) return;
            StepGraph::Node step = node("sequence", qualified(sequence.name), Phase::create, rank::sequence);
            graph_.add(step, statement(create_sequence_sql(sequence)));
            ownership(step, "SEQUENCE", qualified(sequence.name), acl_object::sequence, sequence.name.schema, false, "", std::nullopt,
                      sequence.owner, sequence.acl);
            comment(step, "SEQUENCE", qualified(sequence.name), "", sequence.comment);
            if (sequence.owned_by) set_owned_by(sequence);
        },
        [&](const Sequence& a, const Sequence& b) {
            account("sequence", qualified(a.name));
            std::string name = qualified(a.name);
            StepGraph::Node step = node("sequence", name, Phase::create, rank::sequence);
            if (managed(a.name.schema)) {
                ownership(step, "SEQUENCE", name, acl_object::sequence, a.name.schema, true, a.owner, a.acl, "", b.acl);
                comment(step, "SEQUENCE", name, a.comment, b.comment);
                return;
            }
            std::string changes;
            if (a.data_type != b.data_type) changes += " AS " + b.data_type;
            if (a.increment != b.increment) changes += " INCREMENT BY " + std::to_string(b.increment);
            if (a.min_value != b.min_value) changes += " MINVALUE " + std::to_string(b.min_value);
            if (a.max_value != b.max_value) changes += " MAXVALUE " + std::to_string(b.max_value);
            if (a.start != b.start) changes += " START WITH " + std::to_string(b.start);
            if (a.cache != b.cache) changes += " CACHE " + std::to_string(b.cache);
            if (a.cycle != b.cycle) changes += b.cycle ? " CYCLE" : " NO CYCLE";
            if (!changes.empty()) graph_.add(step, statement("ALTER SEQUENCE " + name + changes));
            if (owned_by(a) != owned_by(b)) set_owned_by(b);
            ownership(step, "SEQUENCE", name, acl_object::sequence, a.name.schema, true, a.owner, a.acl, b.owner, b.acl);
            comment(step, "SEQUENCE", name, a.comment, b.comment);
        });
}

Plan Planner::run() {
    take_changes();
    apply_renames();
    follow_extension_moves();
    plan_schemas();
    plan_extensions();
    plan_default_privileges();
    plan_database_privileges();
    plan_foreign();
    plan_enums();
    plan_domains();
    plan_composites();
    plan_sequences();
    plan_functions();
    plan_extension_function_privileges();
    plan_tables();
    // Before the indexes: a materialized view created again gets its indexes back.
    find_recreated_views();
    plan_indexes();
    plan_views();
    plan_publications();  // after the tables: it reads which columns change type
    Plan plan;
    plan.statements = graph_.order();
    // As pg_dump does: SQL function bodies name tables the plan may create after them.
    bool creates_functions = std::any_of(plan.statements.begin(), plan.statements.end(), [](const Statement& statement) {
        return statement.sql.rfind("CREATE FUNCTION", 0) == 0 || statement.sql.rfind("CREATE OR REPLACE FUNCTION", 0) == 0 ||
               statement.sql.rfind("CREATE PROCEDURE", 0) == 0 || statement.sql.rfind("CREATE OR REPLACE PROCEDURE", 0) == 0;
    });
    if (creates_functions) plan.statements.insert(plan.statements.begin(), statement("SET check_function_bodies = false"));
    plan.notes = notes_;
    check_accounted();
    return plan;
}

Plan plan_migration(const SchemaModel& from, const SchemaModel& to, const std::vector<Difference>& changes, const PlanOptions& options) {
    return Planner(from, to, options, &changes).run();
}

Plan plan_migration(const SchemaModel& from, const SchemaModel& to, const PlanOptions& options) {
    return Planner(from, to, options).run();
}

}  // namespace pgshift
