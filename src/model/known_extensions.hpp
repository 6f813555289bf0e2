// Facts about extensions that their control files state and migrations do not.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pgshift {

struct SchemaGrant {
    std::string_view grantee;
    std::string_view privileges;  // aclitem letters
};

struct ExtensionFacts {
    std::string_view name;
    // The schema its control file fixes (`schema = ...`, relocatable = false). CREATE EXTENSION
    // creates it when missing, and it is not a member of the extension.
    std::string_view fixed_schema;
    // What the extension's script grants on that schema.
    std::vector<SchemaGrant> schema_grants;
};

// Facts about a well-known extension, or nullptr.
const ExtensionFacts* extension_facts(std::string_view extension);

}  // namespace pgshift
