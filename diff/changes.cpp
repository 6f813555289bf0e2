#include "diff/changes.hpp"

namespace pgshift {

Changes::Changes(std::vector<Difference> differences) : differences_(std::move(differences)), accounted_(differences_.size(), false) {
    for (std::size_t i = 0; i < differences_.size(); ++i) by_object_[{differences_[i].kind, differences_[i].object}].push_back(i);
}

bool Changes::differs(const std::string& kind, const std::string& object) const { return by_object_.count({kind, object}) > 0; }

bool Changes::differs(const std::string& kind, const std::string& object, const std::string& property) const {
    auto found = by_object_.find({kind, object});
    if (found == by_object_.end()) return false;
    for (std::size_t i : found->second)
        if (differences_[i].property == property) return true;
    return false;
}

void Changes::account(const std::string& kind, const std::string& object) {
    auto found = by_object_.find({kind, object});
    if (found == by_object_.end()) return;
    for (std::size_t i : found->second) accounted_[i] = true;
}

void Changes::account(const std::string& kind, const std::string& object, std::initializer_list<const char*> properties) {
    auto found = by_object_.find({kind, object});
    if (found == by_object_.end()) return;
    for (std::size_t i : found->second)
        for (const char* property : properties)
            if (differences_[i].property == property) accounted_[i] = true;
}

void Changes::account_members(const QualifiedName& relation) {
    for (std::size_t i = 0; i < differences_.size(); ++i)
        if (differences_[i].relation == relation && !differences_[i].member.empty()) accounted_[i] = true;
}

std::vector<const Difference*> Changes::unaccounted() const {
    std::vector<const Difference*> left;
    for (std::size_t i = 0; i < differences_.size(); ++i)
        if (!accounted_[i]) left.push_back(&differences_[i]);
    return left;
}

bool settleable(const Difference& d) {
    return (d.kind == "policy" && (d.property == "using" || d.property == "with check")) || (d.kind == "column" && d.property == "default") ||
           (d.kind == "constraint" && d.property == "expression") || (d.kind == "view" && d.property == "query") ||
           (d.kind == "publication table" && d.property == "row filter");
}

void adopt_settled(SchemaModel& from, const SchemaModel& to, const Difference& d) {
    if (d.kind == "publication table") {
        auto a = from.publications.find(d.member);
        auto b = to.publications.find(d.member);
        if (a == from.publications.end() || b == to.publications.end()) return;
        auto x = a->second.tables.find(d.relation);
        auto y = b->second.tables.find(d.relation);
        if (x != a->second.tables.end() && y != b->second.tables.end()) x->second.row_filter = y->second.row_filter;
        return;
    }
    if (d.kind == "view") {
        auto a = from.views.find(d.relation);
        auto b = to.views.find(d.relation);
        if (a != from.views.end() && b != to.views.end()) a->second.query = b->second.query;
        return;
    }
    auto a = from.tables.find(d.relation);
    auto b = to.tables.find(d.relation);
    if (a == from.tables.end() || b == to.tables.end()) return;
    if (d.kind == "policy") {
        auto x = a->second.policies.find(d.member);
        auto y = b->second.policies.find(d.member);
        if (x == a->second.policies.end() || y == b->second.policies.end()) return;
        if (d.property == "using") x->second.using_expr = y->second.using_expr;
        else x->second.with_check_expr = y->second.with_check_expr;
    } else if (d.kind == "column") {
        Column* x = a->second.find_column(d.member);
        const Column* y = b->second.find_column(d.member);
        if (x && y) x->default_expr = y->default_expr;
    } else if (d.kind == "constraint") {
        auto x = a->second.constraints.find(d.member);
        auto y = b->second.constraints.find(d.member);
        if (x != a->second.constraints.end() && y != b->second.constraints.end()) x->second.expression = y->second.expression;
    }
}

}  // namespace pgshift
