// Object counts per kind, counted the way the catalog counts them (see docs/stats.md).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/model.hpp"

namespace pgshift {

// (kind, count) pairs in a fixed order.
std::vector<std::pair<std::string, std::size_t>> count_objects(const SchemaModel& model);

}  // namespace pgshift
