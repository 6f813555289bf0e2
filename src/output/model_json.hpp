// The model as JSON (documented in docs/model-json.md): stable keys, deterministic order.
#pragma once

#include <nlohmann/json.hpp>

#include "model/model.hpp"

namespace pgshift {

nlohmann::ordered_json model_to_json(const SchemaModel& model);

}  // namespace pgshift
