#include "model/model.hpp"

#include "model/acl.hpp"

namespace pgshift {

Column* Table::find_column(const std::string& column_name) {
    for (Column& column : columns)
        if (column.name == column_name) return &column;
    return nullptr;
}

const Column* Table::find_column(const std::string& column_name) const {
    for (const Column& column : columns)
        if (column.name == column_name) return &column;
    return nullptr;
}

std::string Function::signature() const {
    std::string text = name.name + "(";
    bool first = true;
    for (const FunctionArgument& argument : arguments) {
        if (argument.mode == 'o' || argument.mode == 't') continue;
        if (!first) text += ", ";
        text += argument.type;
        first = false;
    }
    return text + ")";
}

std::string Publication::publish() const {
    std::string text;
    auto add = [&](bool published, const char* operation) {
        if (published) text += (text.empty() ? "" : ", ") + std::string(operation);
    };
    add(publish_insert, "insert");
    add(publish_update, "update");
    add(publish_delete, "delete");
    add(publish_truncate, "truncate");
    return text;
}

std::optional<std::vector<std::string>> SchemaModel::relation_columns(const QualifiedName& name) const {
    std::vector<std::string> names;
    if (auto table = tables.find(name); table != tables.end()) {
        names.reserve(table->second.columns.size());
        for (const Column& column : table->second.columns) names.push_back(column.name);
        return names;
    }
    if (auto view = views.find(name); view != views.end() && !view->second.columns.empty()) {
        for (const ViewColumn& column : view->second.columns) names.push_back(column.name);
        return names;
    }
    return std::nullopt;
}

SchemaModel SchemaModel::fresh_database() {
    SchemaModel model;
    // PostgreSQL 15: public belongs to pg_database_owner and grants USAGE to PUBLIC.
    Schema public_schema{"public", "pg_database_owner", "standard public schema", Acl{}};
    public_schema.acl = Acl{{"pg_database_owner", "UC"}, {"PUBLIC", "U"}};
    model.schemas.emplace("public", public_schema);
    model.extensions.emplace("plpgsql", Extension{"plpgsql", "pg_catalog", "", ""});
    return model;
}

}  // namespace pgshift
