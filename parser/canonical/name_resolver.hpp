// How the migrations side resolves the names an expression leaves unqualified.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace pgshift {

// Resolves unqualified names under the search_path in force, for the migrations side. The catalog
// side prints every name qualified (search_path is empty there) and needs no resolver.
class NameResolver {
public:
    virtual ~NameResolver() = default;
    // The schema of a function called `name` with `argument_count` arguments, when it is not a
    // built-in; nullopt leaves the name as written.
    virtual std::optional<std::string> function_schema(const std::string& name, std::size_t argument_count) const = 0;
    virtual std::optional<std::string> relation_schema(const std::string& name) const = 0;
    virtual std::optional<std::string> type_schema(const std::string& name) const = 0;
    virtual std::optional<std::string> opclass_schema(const std::string& name) const = 0;
    // The columns of a relation, in order, for expanding `*` as the catalog stores it.
    virtual std::optional<std::vector<std::string>> relation_columns(const std::string& schema, const std::string& name) const = 0;
};

}  // namespace pgshift
