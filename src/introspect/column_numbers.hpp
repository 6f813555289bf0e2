// Column names by relation oid and column number: constraints, indexes and stored expressions
// name columns by number.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace pgshift {

class ColumnNumbers {
  public:
    struct Entry {
        std::string name;
        std::int64_t collation = 0;
    };
    void add(std::int64_t relation, std::int64_t number, std::string name, std::int64_t collation) {
        std::vector<Entry>& columns = relations_[relation];
        if (columns.size() <= std::size_t(number)) columns.resize(std::size_t(number) + 1);
        columns[std::size_t(number)] = {std::move(name), collation};
    }
    const Entry* find(std::int64_t relation, std::int64_t number) const {
        auto columns = relations_.find(relation);
        if (columns == relations_.end() || number <= 0 || std::size_t(number) >= columns->second.size()) return nullptr;
        return &columns->second[std::size_t(number)];
    }
    std::vector<std::string> names(std::int64_t relation, const std::vector<std::int64_t>& numbers) const {
        std::vector<std::string> names;
        for (std::int64_t number : numbers) {
            const Entry* column = find(relation, number);
            names.push_back(column ? column->name : std::string());
        }
        return names;
    }
    // Every column of the relation, at its number (empty where dropped or unknown).
    std::vector<std::string> all_names(std::int64_t relation) const {
        std::vector<std::string> names;
        if (auto columns = relations_.find(relation); columns != relations_.end())
            for (const Entry& column : columns->second) names.push_back(column.name);
        return names;
    }

  private:
    std::unordered_map<std::int64_t, std::vector<Entry>> relations_;
};

}  // namespace pgshift
