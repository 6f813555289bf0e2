// Expressions as migrations wrote them are kept for emitting SQL; a later statement may have
// changed the object since (a renamed column, a new default). Keep only those that still say
// what the model says.
#pragma once

#include "model/model.hpp"

namespace pgshift {

// Drops every written expression whose canonical form is no longer the model's.
void drop_stale_written_expressions(SchemaModel& model);

}  // namespace pgshift
