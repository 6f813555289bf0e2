// What a database has that migrations do not define: the names unqualified references in
// migrations resolve to, as the server resolved them.
#pragma once

#include <map>
#include <set>
#include <string>

namespace pgshift {

// What a live database has that migrations do not define (extension members, built-ins), by
// schema: unqualified names in migrations resolve to these as the server resolved them.
struct ExternalObjects {
    std::map<std::string, std::set<std::string>> functions;
    std::map<std::string, std::set<std::string>> relations;
    std::map<std::string, std::set<std::string>> types;
    std::map<std::string, std::set<std::string>> opclasses;
};

}  // namespace pgshift
