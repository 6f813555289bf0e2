#include <algorithm>
#include <cctype>

#include "diff/plan.hpp"

namespace pgshift {

const std::vector<Hazard>& all_hazards() {
    static const std::vector<Hazard> hazards = {Hazard::deletes_data, Hazard::table_rewrite, Hazard::access_exclusive_lock,
                                                Hazard::index_build, Hazard::authz_weakened, Hazard::replication_reduced,
                                                Hazard::table_rebuild};
    return hazards;
}

std::string_view hazard_name(Hazard hazard) {
    switch (hazard) {
        case Hazard::deletes_data: return "DELETES_DATA";
        case Hazard::table_rewrite: return "TABLE_REWRITE";
        case Hazard::access_exclusive_lock: return "ACCESS_EXCLUSIVE_LOCK";
        case Hazard::index_build: return "INDEX_BUILD";
        case Hazard::authz_weakened: return "AUTHZ_WEAKENED";
        case Hazard::replication_reduced: return "REPLICATION_REDUCED";
        case Hazard::table_rebuild: return "TABLE_REBUILD";
    }
    return "";
}

std::optional<Hazard> parse_hazard(std::string_view name) {
    std::string upper(name);
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    for (Hazard hazard : all_hazards())
        if (hazard_name(hazard) == upper) return hazard;
    return std::nullopt;
}

std::set<Hazard> Plan::hazards() const {
    std::set<Hazard> result;
    for (const Statement& statement : statements) result.insert(statement.hazards.begin(), statement.hazards.end());
    return result;
}

std::optional<Rename> parse_rename(std::string_view text, Rename::Kind kind) {
    auto equals = text.find('=');
    if (equals == std::string_view::npos || equals + 1 == text.size()) return std::nullopt;
    std::string left(text.substr(0, equals));
    Rename rename;
    rename.kind = kind;
    rename.to = std::string(text.substr(equals + 1));
    auto first_dot = left.find('.');
    if (first_dot == std::string::npos) return std::nullopt;
    rename.table.schema = left.substr(0, first_dot);
    std::string rest = left.substr(first_dot + 1);
    if (kind == Rename::Kind::column) {
        auto dot = rest.rfind('.');
        if (dot == std::string::npos) return std::nullopt;
        rename.from = rest.substr(dot + 1);
        rest.resize(dot);
    }
    rename.table.name = rest;
    if (rename.table.schema.empty() || rename.table.name.empty()) return std::nullopt;
    if (kind == Rename::Kind::table) {
        if (auto dot = rename.to.find('.'); dot != std::string::npos) {
            rename.to_schema = rename.to.substr(0, dot);
            rename.to = rename.to.substr(dot + 1);
            if (rename.to_schema.empty() || rename.to.empty()) return std::nullopt;
            if (rename.to_schema == rename.table.schema) rename.to_schema.clear();
        }
    }
    return rename;
}

std::string plan_sql(const Plan& plan) {
    std::string text;
    for (const std::string& note : plan.notes) text += "-- note: " + note + "\n";
    std::string lock_timeout, statement_timeout;
    for (const Statement& statement : plan.statements) {
        if (!text.empty()) text += "\n";
        // Timeouts are session settings: set where they change, reset at the end.
        if (statement.lock_timeout != lock_timeout) {
            text += statement.lock_timeout.empty() ? "RESET lock_timeout;\n" : "SET lock_timeout = '" + statement.lock_timeout + "';\n";
            lock_timeout = statement.lock_timeout;
        }
        if (statement.statement_timeout != statement_timeout) {
            text += statement.statement_timeout.empty() ? "RESET statement_timeout;\n"
                                                        : "SET statement_timeout = '" + statement.statement_timeout + "';\n";
            statement_timeout = statement.statement_timeout;
        }
        if (!statement.hazards.empty()) {
            std::string names;
            for (Hazard hazard : statement.hazards) names += (names.empty() ? "" : ", ") + std::string(hazard_name(hazard));
            text += "-- hazards: " + names + "\n";
        }
        if (!statement.transactional) text += "-- runs outside a transaction block\n";
        text += statement.sql + ";\n";
    }
    if (!lock_timeout.empty()) text += "\nRESET lock_timeout;\n";
    if (!statement_timeout.empty()) text += "RESET statement_timeout;\n";
    return text;
}

}  // namespace pgshift
