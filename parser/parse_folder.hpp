// Parsing migration sources into one model: discovery, reading, replay.
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"
#include "parser/migration_sources.hpp"
#include "parser/replay.hpp"

namespace pgshift {

// Replays every migration of `inputs` in order into `start`: a fresh database's model, or the
// platform's state the migrations ran on (src/platform). Throws MigrationError (positioned) or
// std::runtime_error (files). `notes` gets what discovery left out on purpose (MigrationLayout).
SchemaModel parse_sources(const std::vector<std::string>& inputs, const ReplayOptions& options = {},
                          SchemaModel start = SchemaModel::fresh_database(), std::vector<LayoutNote>* notes = nullptr);

// Replays SQL text as one migration file named `file_name`, into `start`.
SchemaModel parse_sql(const std::string& sql, const std::string& file_name = "<input>", const ReplayOptions& options = {},
                      SchemaModel start = SchemaModel::fresh_database());

}  // namespace pgshift
