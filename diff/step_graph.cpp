#include "diff/step_graph.hpp"

#include <algorithm>
#include <set>

namespace pgshift {

StepGraph::Node StepGraph::node(const std::string& object, Phase phase, int rank) {
    auto [position, inserted] = index_.try_emplace({object, phase, rank}, steps_.size());
    if (inserted) steps_.push_back({object, phase, rank, {}, {}});
    return position->second;
}

void StepGraph::add(Node node, Statement statement) {
    if (statement.object.empty()) statement.object = steps_[node].object;
    steps_[node].statements.push_back(std::move(statement));
}

void StepGraph::before(Node first, Node then) {
    if (first == then) return;
    std::vector<Node>& successors = steps_[first].successors;
    if (std::find(successors.begin(), successors.end(), then) != successors.end()) return;
    successors.push_back(then);
}

void StepGraph::preferably_before(Node first, Node then) {
    if (first != then) preferred_.emplace_back(first, then);
}

std::vector<std::vector<StepGraph::Node>> StepGraph::settled_successors() const {
    std::vector<std::vector<Node>> successors(steps_.size());
    for (Node node = 0; node < steps_.size(); ++node) successors[node] = steps_[node].successors;
    auto reaches = [&](Node from, Node to) {
        std::vector<bool> seen(steps_.size());
        std::vector<Node> pending{from};
        while (!pending.empty()) {
            Node node = pending.back();
            pending.pop_back();
            if (node == to) return true;
            if (seen[node]) continue;
            seen[node] = true;
            pending.insert(pending.end(), successors[node].begin(), successors[node].end());
        }
        return false;
    };
    for (const auto& [first, then] : preferred_) {
        std::vector<Node>& next = successors[first];
        if (std::find(next.begin(), next.end(), then) == next.end() && !reaches(then, first)) next.push_back(then);
    }
    return successors;
}

std::tuple<int, int, const std::string&, StepGraph::Node> StepGraph::baseline(Node node) const {
    const Step& step = steps_[node];
    return {int(step.phase), step.phase == Phase::drop ? -step.rank : step.rank, step.object, node};
}

std::vector<Statement> StepGraph::order() const {
    auto earlier = [this](Node a, Node b) { return baseline(a) < baseline(b); };
    std::set<Node, decltype(earlier)> ready(earlier);
    std::vector<std::vector<Node>> successors = settled_successors();
    std::vector<std::size_t> waiting(steps_.size());
    for (const std::vector<Node>& next : successors)
        for (Node successor : next) ++waiting[successor];
    for (Node node = 0; node < steps_.size(); ++node)
        if (waiting[node] == 0) ready.insert(node);
    std::vector<Statement> ordered;
    std::size_t done = 0;
    while (!ready.empty()) {
        Node node = *ready.begin();
        ready.erase(ready.begin());
        ++done;
        ordered.insert(ordered.end(), steps_[node].statements.begin(), steps_[node].statements.end());
        for (Node successor : successors[node])
            if (--waiting[successor] == 0) ready.insert(successor);
    }
    if (done == steps_.size()) return ordered;
    // What never ran is on a cycle or after one: keep only nodes that lead back into what remains.
    std::vector<bool> remaining(steps_.size());
    for (Node node = 0; node < steps_.size(); ++node) remaining[node] = waiting[node] > 0;
    for (bool pruned = true; pruned;) {
        pruned = false;
        for (Node node = 0; node < steps_.size(); ++node) {
            if (!remaining[node]) continue;
            const auto& next = successors[node];
            if (std::none_of(next.begin(), next.end(), [&](Node successor) { return bool(remaining[successor]); }))
                remaining[node] = false, pruned = true;
        }
    }
    std::set<std::string> cycle;
    for (Node node = 0; node < steps_.size(); ++node)
        if (remaining[node]) cycle.insert(steps_[node].object + (steps_[node].phase == Phase::drop ? " (drop)" : ""));
    std::string names;
    for (const std::string& name : cycle) names += (names.empty() ? "" : ", ") + name;
    throw PlanError("dependency cycle between: " + names);
}

}  // namespace pgshift
