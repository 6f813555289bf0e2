// Names a query reads that the model knows do not exist: what PostgreSQL's parse analysis rejects
// when a view, a policy or a SQL function is created (`column "x" does not exist`, `relation "t"
// does not exist`, `missing FROM-clause entry for table "t"`). Only what the model can judge is
// rejected: a relation whose columns it does not know, or a name it cannot rule out, is accepted.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <pg_query/pg_query.pb-c.h>

namespace pgshift {

// What the replay knows of a relation a query names in FROM.
struct RelationFacts {
    enum class Known { columns, unknown, missing };
    Known known = Known::unknown;
    std::vector<std::string> columns;  // with Known::columns: every column, in order
    bool system_columns = false;       // a table: ctid, xmin, ... may be read too
};

class RelationFactsSource {
public:
    virtual ~RelationFactsSource() = default;
    // The relation `schema`.`name` (`schema` null or empty: under the search_path in force).
    virtual RelationFacts relation(const char* schema, const std::string& name) const = 0;
    // Whether `item.name` may call a function `name` on the item's row (attribute notation).
    virtual bool may_be_function(const std::string& name) const = 0;
};

// What surrounds the query: a policy's table, or a SQL function's input parameters.
struct QueryContext {
    std::optional<std::string> table;  // a policy's expression reads this table's row
    RelationFacts table_facts;
    std::string function;              // a SQL function's name: function.parameter
    std::set<std::string> parameters;  // its IN, INOUT and VARIADIC parameters' names
};

// The first reference that cannot resolve, as PostgreSQL words it; `location` is the offending
// node's byte offset in the text the tree was parsed from.
struct MissingReference {
    std::string message;
    int location = -1;
};

// A query (SELECT, INSERT, UPDATE, DELETE; other statements are not read) or, when `expression`,
// an expression at the context's level (a policy's USING or WITH CHECK, a RETURN body).
std::optional<MissingReference> find_missing_reference(const PgQuery__Node* node, bool expression, const RelationFactsSource& facts,
                                                       const QueryContext& context);

}  // namespace pgshift
