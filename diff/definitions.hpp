// SQL text for model objects: the definitions the planner emits. Names are quoted by quote_ident.
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"

namespace pgshift {

// A collation name as the model stores it ("C", "pg_catalog.C") in SQL.
std::string collation_sql(const std::string& collation);

// An expression as SQL that PostgreSQL accepts back: as the source wrote it (names resolved) when
// the model kept that, else its canonical form.
std::string expression_sql(const SchemaModel& model, const QualifiedName& relation, const std::string& member,
                           const std::string& property, const std::string& canonical);

// The index behind a key or exclusion constraint, when the model has it.
const Index* constraint_index(const SchemaModel& model, const QualifiedName& table, const std::string& constraint);

std::string column_definition(const SchemaModel& model, const Table& table, const Column& column);
// OPTIONS (...) of a foreign table or its column, as the model keeps them ("table_name=items"):
// what changes `from` into `to` (plain items add, SET and DROP the others); empty when the two
// hold the same options in any order, which means nothing to a wrapper.
std::string generic_options_sql(const std::vector<std::string>& from, const std::vector<std::string>& to);
// The constraint clause after "CONSTRAINT name": PRIMARY KEY (...), CHECK (...), ...
std::string constraint_definition(const SchemaModel& model, const Table& table, const Constraint& constraint);
std::string create_table_sql(const SchemaModel& model, const Table& table);
std::string create_index_sql(const SchemaModel& model, const Index& index, bool concurrently);
std::string create_sequence_sql(const Sequence& sequence);
std::string create_enum_sql(const EnumType& type);
std::string create_composite_sql(const CompositeType& type);
std::string create_domain_sql(const SchemaModel& model, const Domain& domain);
// CREATE [OR REPLACE] FUNCTION / PROCEDURE.
std::string create_function_sql(const SchemaModel& model, const Function& function, bool or_replace);
// "schema.name(type, ...)": how DROP, ALTER, COMMENT and GRANT name a function.
std::string function_reference(const Function& function);
std::string create_view_sql(const SchemaModel& model, const View& view, bool or_replace);
std::string create_trigger_sql(const SchemaModel& model, const QualifiedName& relation, const Trigger& trigger, bool or_replace);
std::string create_policy_sql(const SchemaModel& model, const QualifiedName& table, const Policy& policy);
std::string policy_roles_sql(const std::vector<std::string>& roles);

// A publication's table as CREATE and ALTER PUBLICATION name it: [ONLY] t [(columns)] [WHERE (...)].
std::string publication_table_sql(const SchemaModel& model, const std::string& publication, const QualifiedName& table,
                                  const PublicationTable& member);
// The WITH (...) options that differ from the defaults ("publish = 'insert'", ...); empty: none.
std::string publication_options_sql(const Publication& publication);
std::string create_publication_sql(const SchemaModel& model, const Publication& publication);

// GRANT and REVOKE statements that turn the privileges `from` into `to` on `target` (e.g.
// "TABLE public.posts"; `columns` for column privileges: "SELECT (title)" forms).
std::vector<std::string> acl_change_sql(const Acl& from, const Acl& to, const std::string& target, const std::string& column = {});

}  // namespace pgshift
