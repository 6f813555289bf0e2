#include "model/known_extensions.hpp"

#include <utility>

namespace pgshift {
namespace {

const ExtensionFacts known_extensions[] = {
    {"pg_cron", "pg_catalog", {}},
    {"pg_graphql", "graphql", {}},
    {"pg_tle", "pgtle", {}},
    {"pgmq", "pgmq", {}},
    {"pgsodium", "pgsodium", {{"pgsodium_keyiduser", "U"}}},
    {"plpgsql", "pg_catalog", {}},
    {"postgis_tiger_geocoder", "tiger", {}},
    {"postgis_topology", "topology", {}},
    {"supabase_vault", "vault", {}},
};

}  // namespace

const ExtensionFacts* extension_facts(std::string_view extension) {
    for (const ExtensionFacts& facts : known_extensions)
        if (facts.name == extension) return &facts;
    return nullptr;
}

}  // namespace pgshift
