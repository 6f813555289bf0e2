// Reading a live database into the schema model.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/external_objects.hpp"

namespace pgshift {

// What migrations replayed for this database resolve names with; read before the schema is.
struct DatabaseEnvironment {
    // The database's default search_path (ALTER DATABASE / ROLE settings): what migrations ran with.
    std::vector<std::string> search_path;
    std::string role;  // the role connected
    // Built-ins and extension members, for resolving names the migrations do not define.
    ExternalObjects external;
};

struct Introspection {
    SchemaModel model;
    DatabaseEnvironment environment;
};

// A connection or catalog error. The message never contains a password.
class DatabaseError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One REPEATABLE READ READ ONLY transaction, search_path pinned empty, a fixed set of catalog
// queries (src/introspect/queries). `environment_ready`, when given, is called on the calling
// thread as soon as the environment is known, before the schema is read, so that migrations can
// be replayed meanwhile. With `second_connection`, half of the queries run on a second connection
// in the same snapshot: faster when the reading has the machine to itself, slower when other work
// (a folder being replayed, another database read) competes for the cores, as a second backend
// costs the server its own start. Throws DatabaseError.
Introspection introspect(const std::string& connection,
                         const std::function<void(const DatabaseEnvironment&)>& environment_ready = {},
                         bool second_connection = false);

// The connection string with any password replaced by "***", for messages.
std::string redact_connection(const std::string& connection);
// Whether a SOURCE names a database (a postgres:// URL or a libpq key=value string).
bool is_connection_string(const std::string& source);

}  // namespace pgshift
