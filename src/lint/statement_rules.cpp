#include "lint/statement_rules.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "model/names.hpp"
#include "model/type_names.hpp"
#include "parser/canonical/node_helpers.hpp"

namespace pgshift::lint {
namespace {

std::string text(const char* value) { return value ? value : ""; }

// The last part of a type's name, as the rules on types read it (int4, varchar, serial, ...).
std::string type_last_name(const PgQuery__TypeName* type) {
    if (!type || type->n_names == 0) return "";
    return last_name(type->n_names, type->names);
}

bool is_serial(const std::string& name) {
    return name == "serial" || name == "serial4" || name == "serial2" || name == "smallserial" || name == "serial8" || name == "bigserial";
}

// Whether changing a column from `old_type` to `new_type` (canonical names) keeps the table as it
// is: PostgreSQL skips the rewrite for binary-coercible changes that do not narrow a typmod.
bool type_change_rewrites(const std::string& old_type, const std::string& new_type) {
    if (old_type == new_type) return false;
    auto base = [](const std::string& type) { return type.substr(0, type.find('(')); };
    auto length = [](const std::string& type) -> std::optional<long> {
        std::size_t open = type.find('(');
        if (open == std::string::npos) return std::nullopt;
        return std::stol(type.substr(open + 1));
    };
    std::string from = base(old_type), to = base(new_type);
    bool text_like_from = from == "character varying" || from == "text";
    if (text_like_from && to == "text") return false;
    if (text_like_from && to == "character varying") {
        if (!length(new_type)) return false;
        return from == "text" || !length(old_type) || *length(new_type) < *length(old_type);
    }
    if (from == to && (from == "numeric" || from == "bit varying")) {
        if (!length(new_type)) return false;
        if (!length(old_type)) return true;
        // numeric(p, s) to numeric(p2, s) with p2 >= p: same scale, more precision.
        std::string old_scale = old_type.substr(old_type.find(',') == std::string::npos ? old_type.size() : old_type.find(','));
        std::string new_scale = new_type.substr(new_type.find(',') == std::string::npos ? new_type.size() : new_type.find(','));
        return *length(new_type) < *length(old_type) || old_scale != new_scale;
    }
    if (from == "cidr" && to == "inet") return false;
    return true;
}

class StatementLinter {
public:
    StatementLinter(const SchemaModel& before, const MigrationText& file, const StatementContext& context, Touches& touches)
        : before_(before),
          file_(file),
          search_path_(context.search_path),
          platform_schemas_(context.platform_schemas),
          touches_(touches),
          in_transaction_(context.file_in_transaction && file.statements.size() > 1),
          runner_transaction_(in_transaction_) {}

    std::vector<Finding> run() {
        for (const StatementSpan& statement : file_.statements) {
            current_ = &statement;
            lint(statement.node);
        }
        if (first_data_change_ && schema_changes_) {
            add(*first_data_change_, "mixed-schema-and-data",
                "this migration changes data in " + data_table_ + " and also changes the schema", data_table_);
        }
        return std::move(findings_);
    }

private:
    void add(std::size_t offset, const std::string& rule, std::string message, std::string object = "") {
        findings_.push_back(file_.finding_at(offset, rule, std::move(message), std::move(object)));
    }
    std::size_t at(int location) const {
        return location >= 0 && std::size_t(location) >= current_->start && std::size_t(location) < current_->end ? std::size_t(location)
                                                                                                                  : current_->start;
    }
    void touch(const std::string& key) { touches_[key] = {&file_, current_->start}; }

    // The table a statement names: the first schema of the search_path that has it (before this
    // file or made by it), else the first schema it would be created in.
    QualifiedName resolve(const PgQuery__RangeVar* range) const {
        if (!range) return {};
        std::string name = text(range->relname);
        if (range->schemaname && *range->schemaname) return {range->schemaname, name};
        std::string first;
        for (const std::string& schema : search_path_) {
            if (schema == "$user" || schema.empty()) continue;
            if (first.empty()) first = schema;
            QualifiedName candidate{schema, name};
            if (before_.tables.count(candidate) || made_here_.count(candidate) || renamed_from_.count(candidate) ||
                before_.views.count(candidate))
                return candidate;
        }
        return {first.empty() ? "public" : first, name};
    }
    QualifiedName resolve_names(std::size_t count, PgQuery__Node* const* names) const {
        std::vector<std::string> parts = node_strings(count, names);
        PgQuery__RangeVar range = PG_QUERY__RANGE_VAR__INIT;
        std::string schema = parts.size() >= 2 ? parts[parts.size() - 2] : "";
        std::string name = parts.empty() ? "" : parts.back();
        range.schemaname = schema.data();
        range.relname = name.data();
        return resolve(&range);
    }

    // A table the migrations before this one made, and this one has not made again: it may have
    // rows and readers, and statements on it take locks others wait for.
    bool existed_before(const QualifiedName& table) const { return table_before(table) != nullptr; }
    const Table* table_before(const QualifiedName& table) const {
        if (made_here_.count(table)) return nullptr;
        // Renamed by this migration: the table is the one that existed under its old name.
        auto renamed = renamed_from_.find(table);
        auto found = before_.tables.find(renamed == renamed_from_.end() ? table : renamed->second);
        return found == before_.tables.end() ? nullptr : &found->second;
    }

    void locks(const QualifiedName& table, const std::string& lock) {
        if (lock_timeout_set_ || lock_reported_ || !existed_before(table)) return;
        lock_reported_ = true;
        add(current_->start, "require-lock-timeout",
            "this statement waits for " + lock + " lock on " + qualified(table) + " with no lock_timeout set", qualified(table));
    }

    void check_type(const PgQuery__TypeName* type, const std::string& column) {
        std::string name = type_last_name(type);
        if (name.empty()) return;
        std::size_t location = at(type->location);
        if (is_serial(name)) add(location, "prefer-identity", "column " + column + " is " + name + "; use an identity column");
        if (name == "int4" || name == "serial" || name == "serial4")
            add(location, "prefer-bigint-over-int", "column " + column + " is a 32-bit integer (" + name + ")");
        if (name == "varchar" && type->n_typmods > 0) add(location, "prefer-text-field", "column " + column + " is varchar(n)");
        if (name == "timestamp") add(location, "prefer-timestamp-tz", "column " + column + " is timestamp without time zone");
    }

    std::string canonical_type(const PgQuery__TypeName* type) const {
        std::vector<std::string> typmods;
        for (std::size_t i = 0; i < type->n_typmods; ++i)
            if (std::optional<int64_t> value = node_integer(type->typmods[i])) typmods.push_back(std::to_string(*value));
        std::string name = type_last_name(type);
        std::optional<std::string> builtin = canonical_builtin_type(name, typmods);
        return (builtin ? *builtin : name) + (type->n_array_bounds > 0 ? "[]" : "");
    }

    void lint(const PgQuery__Node* node) {
        switch (node->node_case) {
            case PG_QUERY__NODE__NODE_CREATE_STMT: return create_table(node->create_stmt);
            case PG_QUERY__NODE__NODE_INDEX_STMT: return create_index(node->index_stmt);
            case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: return alter_table(node->alter_table_stmt);
            case PG_QUERY__NODE__NODE_DROP_STMT: return drop(node->drop_stmt);
            case PG_QUERY__NODE__NODE_RENAME_STMT: return rename(node->rename_stmt);
            case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT: {
                schema_changes_ = true;
                QualifiedName table = resolve(node->create_policy_stmt->table);
                return touch("policy " + qualified(table) + " " + text(node->create_policy_stmt->policy_name));
            }
            case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT: {
                schema_changes_ = true;
                QualifiedName table = resolve(node->alter_policy_stmt->table);
                return touch("policy " + qualified(table) + " " + text(node->alter_policy_stmt->policy_name));
            }
            case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
                schema_changes_ = true;
                return touch(quote_ident(text(node->create_extension_stmt->extname)));
            case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT: return set(node->variable_set_stmt);
            case PG_QUERY__NODE__NODE_SELECT_STMT: return select(node->select_stmt);
            case PG_QUERY__NODE__NODE_INSERT_STMT: return data_change(node->insert_stmt->relation);
            case PG_QUERY__NODE__NODE_UPDATE_STMT: return data_change(node->update_stmt->relation);
            case PG_QUERY__NODE__NODE_DELETE_STMT: return data_change(node->delete_stmt->relation);
            case PG_QUERY__NODE__NODE_MERGE_STMT: return data_change(node->merge_stmt->relation);
            case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
                for (std::size_t i = 0; i < node->truncate_stmt->n_relations; ++i) {
                    const PgQuery__Node* relation = node->truncate_stmt->relations[i];
                    if (relation->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
                        QualifiedName table = resolve(relation->range_var);
                        data_change(relation->range_var);
                        locks(table, "an ACCESS EXCLUSIVE");
                    }
                }
                return;
            case PG_QUERY__NODE__NODE_TRANSACTION_STMT: return transaction(node->transaction_stmt);
            case PG_QUERY__NODE__NODE_REINDEX_STMT:
                schema_changes_ = true;
                for (std::size_t i = 0; i < node->reindex_stmt->n_params; ++i)
                    if (const PgQuery__DefElem* option = as_def_elem(node->reindex_stmt->params[i]);
                        option && text(option->defname) == "concurrently")
                        concurrently("REINDEX CONCURRENTLY");
                return;
            case PG_QUERY__NODE__NODE_DO_STMT:
            case PG_QUERY__NODE__NODE_CALL_STMT:
            case PG_QUERY__NODE__NODE_COPY_STMT:
            case PG_QUERY__NODE__NODE_EXPLAIN_STMT: return;
            case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT: schema_changes_ = true; return;
            default: schema_changes_ = true; return;
        }
    }

    void transaction(const PgQuery__TransactionStmt* statement) {
        switch (statement->kind) {
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START: in_transaction_ = true; break;
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
            case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK: in_transaction_ = runner_transaction_; break;
            default: break;
        }
    }

    // PostgreSQL refuses CONCURRENTLY inside a transaction block: the migration fails.
    void concurrently(const std::string& what) {
        if (!in_transaction_) return;
        add(current_->start, "concurrently-in-transaction",
            what + (runner_transaction_ ? " in a file the migration runner runs in one transaction with its other statements"
                                        : " inside BEGIN ... COMMIT"));
    }

    void set(const PgQuery__VariableSetStmt* statement) {
        std::string name = text(statement->name);
        if (name == "lock_timeout") lock_timeout_set_ = true;
        if (name == "search_path" && statement->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE) {
            search_path_.clear();
            for (std::size_t i = 0; i < statement->n_args; ++i) {
                const PgQuery__Node* argument = statement->args[i];
                if (argument->node_case == PG_QUERY__NODE__NODE_A_CONST && argument->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
                    search_path_.push_back(text(argument->a_const->sval->sval));
            }
        }
    }

    // SELECT set_config('lock_timeout', ...) sets it as SET does.
    void select(const PgQuery__SelectStmt* statement) {
        for (std::size_t i = 0; i < statement->n_target_list; ++i) {
            const PgQuery__Node* target = statement->target_list[i];
            if (target->node_case != PG_QUERY__NODE__NODE_RES_TARGET || !target->res_target->val) continue;
            const PgQuery__Node* value = target->res_target->val;
            if (value->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) continue;
            const PgQuery__FuncCall* call = value->func_call;
            if (last_name(call->n_funcname, call->funcname) != "set_config" || call->n_args == 0) continue;
            const PgQuery__Node* setting = call->args[0];
            if (setting->node_case == PG_QUERY__NODE__NODE_A_CONST && setting->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL &&
                text(setting->a_const->sval->sval) == "lock_timeout")
                lock_timeout_set_ = true;
        }
    }

    void data_change(const PgQuery__RangeVar* relation) {
        QualifiedName table = resolve(relation);
        // Rows for a table this migration made (a lookup table's values) are part of making it.
        if (!existed_before(table) || first_data_change_ || platform_schemas_.count(table.schema)) return;
        first_data_change_ = current_->start;
        data_table_ = qualified(table);
    }

    void create_table(const PgQuery__CreateStmt* statement) {
        schema_changes_ = true;
        QualifiedName table = resolve(statement->relation);
        bool exists = before_.tables.count(table) || made_here_.count(table);
        if (!statement->if_not_exists)
            add(current_->start, "require-if-exists", "CREATE TABLE " + qualified(table) + " without IF NOT EXISTS");
        if (exists && statement->if_not_exists) return;
        made_here_.insert(table);
        touch(qualified(table));
        for (std::size_t i = 0; i < statement->n_table_elts; ++i) {
            const PgQuery__Node* element = statement->table_elts[i];
            if (element->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
                const PgQuery__ColumnDef* column = element->column_def;
                check_type(column->type_name, text(column->colname));
                for (std::size_t j = 0; j < column->n_constraints; ++j) referenced_lock(column->constraints[j]);
            } else if (element->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
                referenced_lock(element);
            }
        }
    }

    // A foreign key locks the table it references (SHARE ROW EXCLUSIVE).
    void referenced_lock(const PgQuery__Node* node) {
        if (node->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) return;
        const PgQuery__Constraint* constraint = node->constraint;
        if (constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN && constraint->pktable)
            locks(resolve(constraint->pktable), "a SHARE ROW EXCLUSIVE");
    }

    void create_index(const PgQuery__IndexStmt* statement) {
        schema_changes_ = true;
        QualifiedName table = resolve(statement->relation);
        std::string index = text(statement->idxname);
        if (!index.empty()) touch(qualified({table.schema, index}));
        if (!index.empty() && !statement->if_not_exists)
            add(current_->start, "require-if-exists", "CREATE INDEX " + quote_ident(index) + " without IF NOT EXISTS");
        if (!index.empty()) indexes_made_here_.insert({table.schema, index});
        if (statement->concurrent) concurrently("CREATE INDEX CONCURRENTLY");
        const Table* existing = table_before(table);
        if (!existing) return;
        // CONCURRENTLY is not possible on a partitioned table (nor on ONLY its parent).
        bool partitioned = existing->kind == TableKind::partitioned || !statement->relation->inh;
        if (!statement->concurrent && !partitioned)
            add(current_->start, "require-concurrent-index-creation",
                "index " + (index.empty() ? std::string("on ") + qualified(table) : quote_ident(index)) +
                    " is built without CONCURRENTLY on " + qualified(table) + ", which existed before this migration",
                qualified(table));
        locks(table, statement->concurrent ? "a SHARE UPDATE EXCLUSIVE" : "a SHARE");
    }

    void drop(const PgQuery__DropStmt* statement) {
        schema_changes_ = true;
        bool index = statement->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX;
        bool table = statement->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE;
        if (!index && !table) return;
        if (statement->concurrent) concurrently("DROP INDEX CONCURRENTLY");
        if (!statement->missing_ok)
            add(current_->start, "require-if-exists", std::string("DROP ") + (index ? "INDEX" : "TABLE") + " without IF EXISTS");
        for (std::size_t i = 0; i < statement->n_objects; ++i) {
            const PgQuery__Node* object = statement->objects[i];
            if (object->node_case != PG_QUERY__NODE__NODE_LIST) continue;
            std::vector<std::string> parts = node_strings(object->list->n_items, object->list->items);
            if (parts.empty()) continue;
            if (table) {
                QualifiedName name = resolve_names(object->list->n_items, object->list->items);
                if (existed_before(name)) {
                    add(current_->start, "ban-drop-table", "table " + qualified(name) + ", made before this migration, is dropped",
                        qualified(name));
                    locks(name, "an ACCESS EXCLUSIVE");
                }
                made_here_.erase(name);
                renamed_from_.erase(name);
                continue;
            }
            // The index's schema: named, else the first of the search_path that has it.
            std::optional<QualifiedName> found;
            for (const std::string& schema : parts.size() >= 2 ? std::vector<std::string>{parts[parts.size() - 2]} : search_path_) {
                QualifiedName candidate{schema, parts.back()};
                if (before_.indexes.count(candidate) || indexes_made_here_.count(candidate)) {
                    found = candidate;
                    break;
                }
            }
            if (!found || indexes_made_here_.count(*found)) continue;
            QualifiedName owner{found->schema, before_.indexes.at(*found).table};
            if (!existed_before(owner)) continue;
            if (!statement->concurrent)
                add(current_->start, "require-concurrent-index-deletion",
                    "index " + qualified(*found) + " of " + qualified(owner) + " is dropped without CONCURRENTLY", qualified(owner));
            locks(owner, statement->concurrent ? "a SHARE UPDATE EXCLUSIVE" : "an ACCESS EXCLUSIVE");
        }
    }

    void rename(const PgQuery__RenameStmt* statement) {
        schema_changes_ = true;
        if (!statement->relation) return;
        QualifiedName table = resolve(statement->relation);
        if (!existed_before(table)) {
            if (statement->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE && made_here_.erase(table))
                made_here_.insert({table.schema, text(statement->newname)});
            return;
        }
        if (statement->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN &&
            statement->relation_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
            add(current_->start, "renaming-column",
                "column " + quote_ident(text(statement->subname)) + " of " + qualified(table) + " is renamed to " +
                    quote_ident(text(statement->newname)),
                qualified(table));
            locks(table, "an ACCESS EXCLUSIVE");
        } else if (statement->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
            add(current_->start, "renaming-table", "table " + qualified(table) + " is renamed to " + quote_ident(text(statement->newname)),
                qualified(table));
            auto renamed = renamed_from_.find(table);
            QualifiedName original = renamed == renamed_from_.end() ? table : renamed->second;
            renamed_from_.erase(table);
            renamed_from_[{table.schema, text(statement->newname)}] = original;
            locks(table, "an ACCESS EXCLUSIVE");
        }
    }

    void alter_table(const PgQuery__AlterTableStmt* statement) {
        schema_changes_ = true;
        if (statement->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) return;
        QualifiedName name = resolve(statement->relation);
        const Table* existing = table_before(name);
        std::string table = qualified(name);
        bool any_lock = false;
        for (std::size_t i = 0; i < statement->n_cmds; ++i) {
            const PgQuery__Node* node = statement->cmds[i];
            if (node->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD) continue;
            const PgQuery__AlterTableCmd* command = node->alter_table_cmd;
            std::string column = text(command->name);
            switch (command->subtype) {
                case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn: {
                    if (!command->def || command->def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) break;
                    const PgQuery__ColumnDef* definition = command->def->column_def;
                    column = text(definition->colname);
                    check_type(definition->type_name, column);
                    if (!command->missing_ok)
                        add(at(definition->location), "require-if-exists", "ADD COLUMN " + quote_ident(column) + " without IF NOT EXISTS");
                    if (existing) add_column(table, definition);
                    break;
                }
                case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
                    if (command->def && command->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
                        note_not_null_check(table, command->def->constraint);
                    if (existing && command->def && command->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
                        add_constraint(table, command->def->constraint);
                    if (command->def && command->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
                        touch("constraint " + table + " " + text(command->def->constraint->conname));
                    break;
                case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType: {
                    if (!command->def || command->def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) break;
                    const PgQuery__TypeName* type = command->def->column_def->type_name;
                    check_type(type, column);
                    const Column* old = existing ? existing->find_column(column) : nullptr;
                    if (old && type_change_rewrites(old->type, canonical_type(type)))
                        add(at(type->location), "changing-column-type",
                            "column " + quote_ident(column) + " of " + table + " changes from " + old->type + " to " +
                                canonical_type(type) + ", which rewrites the table",
                            table);
                    break;
                }
                case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
                    if (!command->missing_ok)
                        add(current_->start, "require-if-exists", "DROP COLUMN " + quote_ident(column) + " without IF EXISTS");
                    if (existing && existing->find_column(column))
                        add(current_->start, "ban-drop-column", "column " + quote_ident(column) + " of " + table + " is dropped", table);
                    break;
                case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
                    if (auto pending = pending_not_null_checks_.find(table + " " + column); pending != pending_not_null_checks_.end())
                        not_null_checks_.insert(table + " " + pending->second);
                    break;
                case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
                    if (existing && !has_not_null_check(*existing, column) && !not_null_checks_.count(table + " " + column))
                        add(current_->start, "adding-not-nullable-field",
                            "SET NOT NULL on column " + quote_ident(column) + " of " + table +
                                " scans the table; it has no validated CHECK (" + quote_ident(column) + " IS NOT NULL)",
                            table);
                    break;
                case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
                    if (existing)
                        add(current_->start, "ban-drop-not-null", "column " + quote_ident(column) + " of " + table + " may now be NULL",
                            table);
                    break;
                case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity:
                case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity:
                case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity:
                case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity: touch("rls " + table); break;
                default: break;
            }
            any_lock = true;
        }
        if (existing && any_lock) locks(name, "an ACCESS EXCLUSIVE");
    }

    void add_column(const std::string& table, const PgQuery__ColumnDef* definition) {
        std::string column = quote_ident(text(definition->colname));
        bool not_null = definition->is_not_null, has_default = definition->raw_default != nullptr;
        for (std::size_t j = 0; j < definition->n_constraints; ++j) {
            const PgQuery__Node* node = definition->constraints[j];
            if (node->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) continue;
            const PgQuery__Constraint* constraint = node->constraint;
            switch (constraint->contype) {
                case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL: not_null = true; break;
                case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
                    not_null = true;
                    add(at(constraint->location), "adding-serial-primary-key-field",
                        "a primary key on new column " + column + " of " + table + " is built under an ACCESS EXCLUSIVE lock", table);
                    break;
                case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
                case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
                case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED: has_default = true; break;
                case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
                    add(at(constraint->location), "disallowed-unique-constraint",
                        "a UNIQUE constraint on new column " + column + " of " + table + " is built under an ACCESS EXCLUSIVE lock", table);
                    break;
                case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
                    add(at(constraint->location), "adding-foreign-key-constraint",
                        "new column " + column + " of " + table + " references " + qualified(resolve(constraint->pktable)) +
                            ", validated at once",
                        table);
                    locks(resolve(constraint->pktable), "a SHARE ROW EXCLUSIVE");
                    break;
                default: break;
            }
        }
        // serial types and domains with a default give the column one.
        std::string type = type_last_name(definition->type_name);
        if (is_serial(type)) has_default = true;
        for (const auto& [name, domain] : before_.domains)
            if (name.name == type && !domain.default_expr.empty()) has_default = true;
        if (not_null && !has_default)
            add(at(definition->location), "adding-required-field",
                "NOT NULL column " + column + " without a default is added to " + table + ", which existed before this migration", table);
    }

    void add_constraint(const std::string& table, const PgQuery__Constraint* constraint) {
        std::string name = constraint->conname && *constraint->conname ? quote_ident(constraint->conname) + " " : "";
        std::size_t location = at(constraint->location);
        switch (constraint->contype) {
            case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
            case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
                if (constraint->skip_validation) break;
                add(location, "constraint-missing-not-valid",
                    "constraint " + name + "is added to " + table + " without NOT VALID: the table is scanned while writes wait", table);
                if (constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN) {
                    add(location, "adding-foreign-key-constraint",
                        "foreign key " + name + "from " + table + " to " + qualified(resolve(constraint->pktable)) +
                            " is validated at once",
                        table);
                    locks(resolve(constraint->pktable), "a SHARE ROW EXCLUSIVE");
                }
                break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
                if (constraint->indexname && *constraint->indexname) break;
                add(location, "disallowed-unique-constraint",
                    "UNIQUE constraint " + name + "builds its index on " + table + " under an ACCESS EXCLUSIVE lock", table);
                break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
                if (constraint->indexname && *constraint->indexname) break;
                add(location, "adding-serial-primary-key-field",
                    "primary key " + name + "builds its index on " + table + " under an ACCESS EXCLUSIVE lock", table);
                break;
            default: break;
        }
    }

    // CHECK (column IS NOT NULL) added by this migration: valid at once, or once VALIDATE runs.
    void note_not_null_check(const std::string& table, const PgQuery__Constraint* constraint) {
        if (constraint->contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK || !constraint->raw_expr ||
            constraint->raw_expr->node_case != PG_QUERY__NODE__NODE_NULL_TEST)
            return;
        const PgQuery__NullTest* test = constraint->raw_expr->null_test;
        if (test->nulltesttype != PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL || !test->arg ||
            test->arg->node_case != PG_QUERY__NODE__NODE_COLUMN_REF)
            return;
        const PgQuery__ColumnRef* reference = test->arg->column_ref;
        if (reference->n_fields != 1) return;
        std::string column = node_string(reference->fields[0]);
        if (!constraint->skip_validation)
            not_null_checks_.insert(table + " " + column);
        else
            pending_not_null_checks_[table + " " + text(constraint->conname)] = column;
    }

    static bool has_not_null_check(const Table& table, const std::string& column) {
        for (const auto& [name, constraint] : table.constraints)
            if (constraint.type == ConstraintType::check && constraint.validated &&
                constraint.expression == quote_ident(column) + " IS NOT NULL")
                return true;
        return false;
    }

    const SchemaModel& before_;
    const MigrationText& file_;
    std::vector<std::string> search_path_;
    const std::set<std::string>& platform_schemas_;
    Touches& touches_;
    const StatementSpan* current_ = nullptr;
    std::vector<Finding> findings_;
    std::set<QualifiedName> made_here_;
    std::set<QualifiedName> indexes_made_here_;
    std::map<QualifiedName, QualifiedName> renamed_from_;         // tables this migration renamed: new name -> old
    std::map<std::string, std::string> pending_not_null_checks_;  // "table constraint" -> its column
    std::set<std::string> not_null_checks_;                       // "table column"
    bool in_transaction_ = false;                                 // inside BEGIN ... COMMIT, or a file the runner wraps in one
    bool runner_transaction_ = false;                             // the runner wraps this file in one transaction
    bool lock_timeout_set_ = false;
    bool lock_reported_ = false;
    bool schema_changes_ = false;
    std::optional<std::size_t> first_data_change_;
    std::string data_table_;
};

}  // namespace

std::vector<Finding> lint_statements(const SchemaModel& before, const MigrationText& file, const StatementContext& context,
                                     Touches& touches) {
    return StatementLinter(before, file, context, touches).run();
}

}  // namespace pgshift::lint
