#include "platform/platform_state.hpp"

#include <algorithm>

#include "model/filter.hpp"
#include "model/names.hpp"

namespace pgshift {
namespace {

class PlatformState {
public:
    PlatformState(const SchemaModel& database, const PlatformDescription& platform)
        : database_(database), platform_(platform), described_(platform_model(platform)) {}

    SchemaModel build() {
        state_ = SchemaModel::fresh_database();
        as_described_ = installed_as_described();
        schemas();
        for (const auto& [name, extension] : database_.extensions)
            if (managed(extension.schema)) state_.extensions[name] = extension;
        copy_managed(database_.enums, state_.enums);
        copy_managed(database_.domains, state_.domains);
        copy_managed(database_.composite_types, state_.composite_types);
        copy_managed(database_.indexes, state_.indexes);
        for (const auto& [key, sequence] : database_.sequences)
            if (managed(key.schema)) state_.sequences[key] = attributed(sequence, find(described_.sequences, key));
        for (const auto& [key, view] : database_.views)
            if (managed(key.schema)) {
                View& kept = state_.views[key] = attributed(view, find(described_.views, key));
                kept.triggers = platform_triggers(key.schema, view.triggers);
            }
        for (const auto& [key, function] : database_.functions)
            if (managed(key.schema)) state_.functions[key] = attributed(function, find(described_.functions, key));
        for (const auto& [key, table] : database_.tables)
            if (managed(key.schema)) state_.tables[key] = platform_table(table);
        default_privileges();
        publications();
        return std::move(state_);
    }

private:
    bool managed(const std::string& schema) const { return platform_.managed_schemas.count(schema) > 0; }

    template <typename Map>
    static const typename Map::mapped_type* find(const Map& map, const typename Map::key_type& key) {
        auto found = map.find(key);
        return found == map.end() ? nullptr : &found->second;
    }

    template <typename Map>
    void copy_managed(const Map& from, Map& to) const {
        for (const auto& [key, object] : from)
            if (managed(key.schema)) to[key] = object;
    }

    // The platform described made the database's platform when every object the description has
    // is there with the description's owner and definition: then the privileges, row level
    // security and comments of the platform's objects are the description's, and what differs in
    // the database was done since, by hand or by migrations. Another installer (a stand-in that
    // copies some of the platform, another version of it) made it otherwise: they are the
    // database's own, and what users changed there is compared only as far as migrations do it.
    static bool same_definition(const Table& a, const Table& b) {
        auto same_column = [](const Column& x, const Column& y) {
            return x.name == y.name && x.type == y.type && x.not_null == y.not_null && x.default_expr == y.default_expr &&
                   x.generated_expr == y.generated_expr && x.identity == y.identity;
        };
        return a.kind == b.kind && std::equal(a.columns.begin(), a.columns.end(), b.columns.begin(), b.columns.end(), same_column);
    }
    static bool same_definition(const Function& a, const Function& b) {
        auto same_argument = [](const FunctionArgument& x, const FunctionArgument& y) {
            return x.mode == y.mode && x.name == y.name && x.type == y.type && x.default_expr == y.default_expr;
        };
        return a.kind == b.kind && a.return_type == b.return_type && a.returns_set == b.returns_set && a.language == b.language &&
               a.volatility == b.volatility && a.strict == b.strict && a.security_definer == b.security_definer && a.config == b.config &&
               a.body == b.body &&
               std::equal(a.arguments.begin(), a.arguments.end(), b.arguments.begin(), b.arguments.end(), same_argument);
    }
    static bool same_definition(const Sequence& a, const Sequence& b) {
        auto owner = [](const Sequence& x) { return x.owned_by ? qualified(x.owned_by->table) + "." + x.owned_by->column : ""; };
        return a.data_type == b.data_type && owner(a) == owner(b);
    }
    static bool same_definition(const View& a, const View& b) { return a.materialized == b.materialized && a.query == b.query; }
    static bool same_definition(const Publication& a, const Publication& b) { return a.all_tables == b.all_tables; }
    // A schema: everything the description has in it is there as described.
    bool same_definition(const Schema& in_database, const Schema&) const {
        const std::string& name = in_database.name;
        return all_as_described(described_.tables, database_.tables, name) &&
               all_as_described(described_.functions, database_.functions, name) &&
               all_as_described(described_.sequences, database_.sequences, name) &&
               all_as_described(described_.views, database_.views, name);
    }

    template <typename Map>
    bool all_as_described(const Map& described, const Map& in_database, const std::string& schema) const {
        for (auto it = described.lower_bound({schema, ""}); it != described.end() && it->first.schema == schema; ++it) {
            const auto* found = find(in_database, it->first);
            if (!found || !made_as_described(*found, &it->second)) return false;
        }
        return true;
    }

    template <typename Object>
    bool made_as_described(const Object& in_database, const Object* described) const {
        return described && described->owner == in_database.owner && same_definition(in_database, *described);
    }

    template <typename Object>
    Object attributed(const Object& in_database, const Object* described) const {
        Object object = in_database;
        if (as_described_ && made_as_described(in_database, described)) {
            object.acl = described->acl;
            object.comment = described->comment;
        }
        return object;
    }

    // A trigger whose function lives in the table's own schema is the platform's
    // (storage.update_updated_at_column on storage.objects); any other was added by users.
    static std::map<std::string, Trigger> platform_triggers(const std::string& schema, const std::map<std::string, Trigger>& triggers) {
        std::map<std::string, Trigger> kept;
        std::string prefix = quote_ident(schema) + ".";
        for (const auto& [name, trigger] : triggers)
            if (trigger.function.rfind(prefix, 0) == 0) kept[name] = trigger;
        return kept;
    }

    Table platform_table(const Table& in_database) const {
        Table table = attributed(in_database, find(described_.tables, in_database.name));
        table.policies.clear();  // the platform creates none: every policy is the users'
        table.triggers = platform_triggers(table.name.schema, in_database.triggers);
        const Table* described = find(described_.tables, table.name);
        if (as_described_ && made_as_described(in_database, described)) {
            table.rls_enabled = described->rls_enabled;
            table.rls_forced = described->rls_forced;
            for (Column& column : table.columns)
                if (const Column* described_column = described->find_column(column.name)) {
                    column.acl = described_column->acl;
                    column.comment = described_column->comment;
                }
        }
        return table;
    }

    // The database was set up by the platform described when each managed schema the
    // description has is there as described.
    bool installed_as_described() const {
        bool any = false;
        for (const auto& [name, schema] : described_.schemas) {
            if (!managed(name)) continue;
            const Schema* found = find(database_.schemas, name);
            if (!found || !made_as_described(*found, &schema)) return false;
            any = true;
        }
        return any;
    }

    void schemas() {
        for (const auto& [name, schema] : database_.schemas)
            if (managed(name)) state_.schemas[name] = attributed(schema, find(described_.schemas, name));
        // public is the project's, but the platform grants on it: as installed, where that is known.
        Schema& public_schema = state_.schemas["public"];
        if (const Schema* in_database = find(database_.schemas, std::string("public"))) public_schema = *in_database;
        if (as_described_) {
            if (const Schema* described = find(described_.schemas, std::string("public"))) {
                public_schema.acl = described->acl;
                public_schema.comment = described->comment;
            }
        }
    }

    void default_privileges() {
        for (const auto& [key, acl] : database_.default_privileges) {
            bool project_schema = key.schema.empty() || !managed(key.schema);
            bool runner = key.role == platform_.role;
            if (managed(key.schema) || (project_schema && described_default(key) && (!runner || !as_described_)))
                state_.default_privileges[key] = acl;
        }
        // What the migrations' role creates in the project's schemas starts from the platform's
        // grants as the platform made them, where that is known: objects created before a later
        // migration changes them get the grants of their time. From another installer, the
        // database's values are all there is.
        if (as_described_)
            for (const auto& [key, acl] : described_.default_privileges)
                if (key.role == platform_.role && (key.schema.empty() || !managed(key.schema))) state_.default_privileges[key] = acl;
    }

    // The platform's publications: the ones the description has (supabase_realtime), and any whose
    // every table and schema is a managed schema's (Realtime's own for realtime.messages). They
    // keep only those members: the project's tables in them were added by migrations or by hand,
    // and are compared. Their publish options and comment are the description's where the
    // platform is the one described, so a dashboard toggle of supabase_realtime is reported.
    void publications() {
        for (const auto& [name, in_database] : database_.publications) {
            const Publication* described = find(described_.publications, name);
            if (!described && !platform_publication(in_database)) continue;
            Publication publication = in_database;
            keep_publication_members(publication, [&](const std::string& schema) { return managed(schema); });
            if (as_described_ && made_as_described(in_database, described)) {
                publication.publish_insert = described->publish_insert;
                publication.publish_update = described->publish_update;
                publication.publish_delete = described->publish_delete;
                publication.publish_truncate = described->publish_truncate;
                publication.via_partition_root = described->via_partition_root;
                publication.comment = described->comment;
            }
            state_.publications[name] = std::move(publication);
        }
    }

    bool platform_publication(const Publication& publication) const {
        if (publication.all_tables || (publication.tables.empty() && publication.schemas.empty())) return false;
        for (const std::string& schema : publication.schemas)
            if (!managed(schema)) return false;
        for (const auto& [table, member] : publication.tables)
            if (!managed(table.schema)) return false;
        return true;
    }

    bool described_default(const DefaultPrivilegeKey& key) const { return described_.default_privileges.count(key) > 0; }

    const SchemaModel& database_;
    const PlatformDescription& platform_;
    const SchemaModel& described_;
    SchemaModel state_;
    bool as_described_ = false;
};

}  // namespace

SchemaModel platform_state(const SchemaModel& database, const PlatformDescription& platform) {
    return PlatformState(database, platform).build();
}

}  // namespace pgshift
