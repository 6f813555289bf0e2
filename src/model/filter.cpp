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
    for (auto it = model.extensions.begin(); it != model.extensions.end();)
        it = it->second.schema.empty() || keep(it->second.schema) ? std::next(it) : model.extensions.erase(it);
    erase_rejected(model.enums, keep);
    erase_rejected(model.composite_types, keep);
    erase_rejected(model.domains, keep);
    erase_rejected(model.sequences, keep);
    erase_rejected(model.tables, keep);
    erase_rejected(model.views, keep);
    erase_rejected(model.indexes, keep);
    erase_rejected(model.functions, keep);
    erase_rejected(model.extension_function_privileges, keep);
    for (auto it = model.default_privileges.begin(); it != model.default_privileges.end();)
        it = it->first.schema.empty() || keep(it->first.schema) ? std::next(it) : model.default_privileges.erase(it);
    // Publications belong to no schema: they stay, with only the kept schemas' tables.
    for (auto& [name, publication] : model.publications) keep_publication_members(publication, keep);
}

void keep_publication_members(Publication& publication, const std::function<bool(const std::string& schema)>& keep) {
    for (auto it = publication.schemas.begin(); it != publication.schemas.end();) it = keep(*it) ? std::next(it) : publication.schemas.erase(it);
    for (auto it = publication.tables.begin(); it != publication.tables.end();)
        it = keep(it->first.schema) ? std::next(it) : publication.tables.erase(it);
}

void filter_tables(SchemaModel& model, const std::function<bool(const QualifiedName& table)>& keep) {
    for (auto it = model.tables.begin(); it != model.tables.end();) {
        if (keep(it->first)) {
            ++it;
            continue;
        }
        const QualifiedName name = it->first;
        it = model.tables.erase(it);
        for (auto index = model.indexes.begin(); index != model.indexes.end();)
            index = index->first.schema == name.schema && index->second.table == name.name ? model.indexes.erase(index) : std::next(index);
        for (auto sequence = model.sequences.begin(); sequence != model.sequences.end();)
            sequence = sequence->second.owned_by && sequence->second.owned_by->table == name ? model.sequences.erase(sequence) : std::next(sequence);
        for (auto& [publication_name, publication] : model.publications) publication.tables.erase(name);
    }
}

}  // namespace pgshift
