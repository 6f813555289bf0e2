#include "model/filter.hpp"

namespace pgshift {
namespace {

template <typename Map>
void erase_rejected(Map& map, const std::function<bool(const std::string&)>& keep) {
    for (auto it = map.begin(); it != map.end();) it = keep(it->first.schema) ? std::next(it) : map.erase(it);
}

}  // namespace

void filter_schemas(SchemaModel& model, const std::function<bool(const std::string& schema)>& keep) {
    for (auto it = model.schemas.begin(); it != model.schemas.end();) it = keep(it->first) ? std::next(it) : model.schemas.erase(it);
    erase_rejected(model.enums, keep);
    erase_rejected(model.composite_types, keep);
    erase_rejected(model.domains, keep);
    erase_rejected(model.sequences, keep);
    erase_rejected(model.tables, keep);
    erase_rejected(model.views, keep);
    erase_rejected(model.indexes, keep);
    erase_rejected(model.functions, keep);
    for (auto it = model.default_privileges.begin(); it != model.default_privileges.end();)
        it = it->first.schema.empty() || keep(it->first.schema) ? std::next(it) : model.default_privileges.erase(it);
}

}  // namespace pgshift
