// Keeping only the schemas a comparison is about.
#pragma once

#include <functional>
#include <string>

#include "model/model.hpp"

namespace pgshift {

// Removes every object whose schema `keep` rejects (tables take their indexes along).
void filter_schemas(SchemaModel& model, const std::function<bool(const std::string& schema)>& keep);

// Removes the tables `keep` rejects, with their indexes and the sequences they own.
void filter_tables(SchemaModel& model, const std::function<bool(const QualifiedName& table)>& keep);

}  // namespace pgshift
