// Foreign-data wrappers, servers and user mappings: created before the foreign tables that use
// them and dropped after. Credentials (secret_options) are never written into a plan: a note
// asks for them.
#include "diff/definitions.hpp"
#include "diff/planner.hpp"
#include "model/acl.hpp"
#include "model/names.hpp"
#include "model/secret_options.hpp"

namespace pgshift {
namespace {

std::vector<std::string> without_secrets(const std::vector<std::string>& options) {
    std::vector<std::string> kept;
    for (const std::string& option : options)
        if (!is_secret_option(option)) kept.push_back(option);
    return kept;
}

std::string with_options(std::string sql, const std::string& options) { return options.empty() ? sql : sql + " " + options; }

}  // namespace

void Planner::plan_foreign() {
    // Each wrapper, server and user mapping is planned whole below.
    for (const SchemaModel* side : {from_, &to_}) {
        if (!side) continue;
        for (const auto& [name, wrapper] : side->foreign_data_wrappers) account("foreign data wrapper", quote_ident(name));
        for (const auto& [name, server] : side->foreign_servers) account("server", quote_ident(name));
        for (const auto& [key, mapping] : side->user_mappings) account("user mapping", quote_ident(key.second) + " on server " + quote_ident(key.first));
    }
    auto wrapper_node = [&](const std::string& name, Phase phase) { return node("foreign data wrapper", quote_ident(name), phase, rank::extension); };
    auto server_node = [&](const std::string& name, Phase phase) { return node("server", quote_ident(name), phase, rank::extension); };
    // A secret the plan does not write: the note names where it goes.
    auto secrets_note = [&](const std::string& what, const std::vector<std::string>& from, const std::vector<std::string>& to) {
        std::vector<std::string> had, has;
        for (const std::string& option : from)
            if (is_secret_option(option)) had.push_back(option);
        for (const std::string& option : to)
            if (is_secret_option(option)) has.push_back(option);
        if (had == has) return;
        std::string names;
        for (const std::string& option : has) names += (names.empty() ? "" : ", ") + option.substr(0, option.find('='));
        notes_.push_back(what + ": pgshift writes no credentials; set " + (names.empty() ? "its options" : names) + " by hand");
    };

    each_pair(from_ ? &from_->foreign_data_wrappers : nullptr, to_.foreign_data_wrappers,
        [&](const ForeignDataWrapper& wrapper) {
            graph_.add(wrapper_node(wrapper.name, Phase::drop), statement("DROP FOREIGN DATA WRAPPER " + quote_ident(wrapper.name)));
        },
        [&](const ForeignDataWrapper& wrapper) {
            StepGraph::Node step = wrapper_node(wrapper.name, Phase::create);
            // Its handler and validator are usually an extension's.
            for (const auto& [name, extension] : to_.extensions)
                if (!(from_ && from_->extensions.count(name)))
                    graph_.before(node("extension", quote_ident(name), Phase::create, rank::extension), step);
            std::string sql = "CREATE FOREIGN DATA WRAPPER " + quote_ident(wrapper.name);
            if (!wrapper.handler.empty()) sql += " HANDLER " + wrapper.handler;
            if (!wrapper.validator.empty()) sql += " VALIDATOR " + wrapper.validator;
            graph_.add(step, statement(with_options(sql, generic_options_sql({}, wrapper.options))));
            ownership(step, "FOREIGN DATA WRAPPER", quote_ident(wrapper.name), acl_object::foreign_data_wrapper, "", false, "", std::nullopt,
                      wrapper.owner, wrapper.acl);
            comment(step, "FOREIGN DATA WRAPPER", quote_ident(wrapper.name), "", wrapper.comment);
        },
        [&](const ForeignDataWrapper& a, const ForeignDataWrapper& b) {
            StepGraph::Node step = wrapper_node(b.name, Phase::create);
            std::string target = "ALTER FOREIGN DATA WRAPPER " + quote_ident(b.name);
            if (a.handler != b.handler) graph_.add(step, statement(target + (b.handler.empty() ? " NO HANDLER" : " HANDLER " + b.handler)));
            if (a.validator != b.validator)
                graph_.add(step, statement(target + (b.validator.empty() ? " NO VALIDATOR" : " VALIDATOR " + b.validator)));
            if (std::string options = generic_options_sql(a.options, b.options); !options.empty()) graph_.add(step, statement(target + " " + options));
            ownership(step, "FOREIGN DATA WRAPPER", quote_ident(b.name), acl_object::foreign_data_wrapper, "", true, a.owner, a.acl, b.owner, b.acl);
            comment(step, "FOREIGN DATA WRAPPER", quote_ident(b.name), a.comment, b.comment);
        });

    auto create_server = [&](const ForeignServer& server) {
        StepGraph::Node step = server_node(server.name, Phase::create);
        graph_.before(wrapper_node(server.wrapper, Phase::create), step);
        std::string sql = "CREATE SERVER " + quote_ident(server.name);
        if (!server.type.empty()) sql += " TYPE " + quote_literal(server.type);
        if (!server.version.empty()) sql += " VERSION " + quote_literal(server.version);
        sql += " FOREIGN DATA WRAPPER " + quote_ident(server.wrapper);
        graph_.add(step, statement(with_options(sql, generic_options_sql({}, without_secrets(server.options)))));
        secrets_note("server " + quote_ident(server.name), {}, server.options);
        ownership(step, "SERVER", quote_ident(server.name), acl_object::foreign_server, "", false, "", std::nullopt, server.owner, server.acl);
        comment(step, "SERVER", quote_ident(server.name), "", server.comment);
    };
    auto drop_server = [&](const ForeignServer& server) {
        StepGraph::Node step = server_node(server.name, Phase::drop);
        graph_.add(step, statement("DROP SERVER " + quote_ident(server.name)));
        graph_.before(step, wrapper_node(server.wrapper, Phase::drop));
    };
    each_pair(from_ ? &from_->foreign_servers : nullptr, to_.foreign_servers, drop_server, create_server,
        [&](const ForeignServer& a, const ForeignServer& b) {
            if (a.wrapper != b.wrapper || a.type != b.type)
                throw PlanError("server " + quote_ident(b.name) + ": its foreign-data wrapper or type changes, which only dropping it " +
                                "with its user mappings and foreign tables and creating them again does; pgshift does not plan that");
            StepGraph::Node step = server_node(b.name, Phase::create);
            std::string target = "ALTER SERVER " + quote_ident(b.name);
            if (a.version != b.version) graph_.add(step, statement(target + " VERSION " + (b.version.empty() ? "NULL" : quote_literal(b.version))));
            if (std::string options = generic_options_sql(without_secrets(a.options), without_secrets(b.options)); !options.empty())
                graph_.add(step, statement(target + " " + options));
            secrets_note("server " + quote_ident(b.name), a.options, b.options);
            ownership(step, "SERVER", quote_ident(b.name), acl_object::foreign_server, "", true, a.owner, a.acl, b.owner, b.acl);
            comment(step, "SERVER", quote_ident(b.name), a.comment, b.comment);
        });

    auto mapping_target = [](const UserMapping& mapping) {
        return "USER MAPPING FOR " + (mapping.user == "public" ? std::string("PUBLIC") : quote_ident(mapping.user)) + " SERVER " +
               quote_ident(mapping.server);
    };
    auto what = [](const UserMapping& mapping) { return "user mapping for " + mapping.user + " on server " + mapping.server; };
    each_pair(from_ ? &from_->user_mappings : nullptr, to_.user_mappings,
        [&](const UserMapping& mapping) {
            StepGraph::Node step = node("user mapping", mapping.user + " " + mapping.server, Phase::drop, rank::extension);
            graph_.add(step, statement("DROP " + mapping_target(mapping)));
            graph_.before(step, server_node(mapping.server, Phase::drop));
        },
        [&](const UserMapping& mapping) {
            StepGraph::Node step = node("user mapping", mapping.user + " " + mapping.server, Phase::create, rank::extension);
            graph_.before(server_node(mapping.server, Phase::create), step);
            graph_.add(step, statement(with_options("CREATE " + mapping_target(mapping), generic_options_sql({}, without_secrets(mapping.options)))));
            secrets_note(what(mapping), {}, mapping.options);
        },
        [&](const UserMapping& a, const UserMapping& b) {
            StepGraph::Node step = node("user mapping", b.user + " " + b.server, Phase::create, rank::extension);
            if (std::string options = generic_options_sql(without_secrets(a.options), without_secrets(b.options)); !options.empty())
                graph_.add(step, statement("ALTER " + mapping_target(b) + " " + options));
            secrets_note(what(b), a.options, b.options);
        });

    // Foreign tables come after their server and go before it.
    for (const auto& [name, table] : to_.tables)
        if (table.kind == TableKind::foreign && !table.foreign_server.empty())
            graph_.before(server_node(table.foreign_server, Phase::create), node("table", qualified(name), Phase::create, rank::table));
    if (from_)
        for (const auto& [name, table] : from_->tables)
            if (table.kind == TableKind::foreign && !table.foreign_server.empty())
                graph_.before(node("table", qualified(name), Phase::drop, rank::table), server_node(table.foreign_server, Phase::drop));
}

}  // namespace pgshift
