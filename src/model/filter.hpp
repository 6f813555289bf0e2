// Keeping only the schemas a comparison is about.
#pragma once

#include <functional>
#include <string>

#include "model/model.hpp"

namespace pgshift {

// Removes every object whose schema `keep` rejects (tables take their indexes along).
// Publications are kept, with the members `keep` accepts.
void filter_schemas(SchemaModel& model, const std::function<bool(const std::string& schema)>& keep);

// Removes the tables `keep` rejects, with their indexes, the sequences they own and their
// publication memberships.
void filter_tables(SchemaModel& model, const std::function<bool(const QualifiedName& table)>& keep);

// Removes a publication's tables and FOR TABLES IN SCHEMA schemas whose schema `keep` rejects.
// The platform's copy of a database's publication (supabase_realtime) keeps its managed
// schemas' members: what migrations add in their own schemas is theirs to replay.
void keep_publication_members(Publication& publication, const std::function<bool(const std::string& schema)>& keep);

}  // namespace pgshift
