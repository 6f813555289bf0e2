// The one comparison a plan is made from: the differences `check` reports (compare_models, then
// settled by a database where one is there), each accounted for by the step that plans it.
#pragma once

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "diff/compare.hpp"

namespace pgshift {

class Changes {
public:
    explicit Changes(std::vector<Difference> differences = {});

    const std::vector<Difference>& differences() const { return differences_; }
    bool empty() const { return differences_.empty(); }
    // Whether `object` of `kind` differs at all, or in `property`.
    bool differs(const std::string& kind, const std::string& object) const;
    bool differs(const std::string& kind, const std::string& object, const std::string& property) const;

    // The planner accounts for what it plans: every property of an object, or some of them.
    void account(const std::string& kind, const std::string& object);
    void account(const std::string& kind, const std::string& object, std::initializer_list<const char*> properties);
    // Every difference of the members of `relation` (its columns, constraints, policies, triggers).
    void account_members(const QualifiedName& relation);

    // What no step accounted for: changes the planner cannot plan.
    std::vector<const Difference*> unaccounted() const;

private:
    using Key = std::tuple<std::string, std::string, std::string>;  // kind, object, property
    std::vector<Difference> differences_;
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_object_;
    std::vector<bool> accounted_;
};

// What the elaborator may settle (an expression the database stores as the other side has it).
bool settleable(const Difference& difference);
// Makes `from` agree with `to` in what `settled` names: the database found them equal.
void adopt_settled(SchemaModel& from, const SchemaModel& to, const Difference& settled);

}  // namespace pgshift
