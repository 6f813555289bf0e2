// The order of a plan: two nodes per object (drop; create or alter), edges that say "runs
// before", a deterministic baseline, and dependencies that move only what they must.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "diff/plan.hpp"

namespace pgshift {

enum class Phase { drop = 0, create = 1 };

class StepGraph {
public:
    using Node = std::size_t;

    // The node of `object` in `phase`; `rank` places it in the baseline (kinds in creation order:
    // drops run in reverse rank). Nodes of one object and phase with different ranks are distinct.
    Node node(const std::string& object, Phase phase, int rank);
    void add(Node node, Statement statement);
    // `first` runs before `then`.
    void before(Node first, Node then);
    // `first` runs before `then` unless that would close a cycle: an order that helps (what a
    // string function body reads, created before the function), not one that must hold.
    void preferably_before(Node first, Node then);

    // Every statement in order: the smallest baseline node whose predecessors have run comes next.
    // Throws PlanError naming every object on a cycle.
    std::vector<Statement> order() const;

private:
    struct Step {
        std::string object;
        Phase phase;
        int rank;
        std::vector<Statement> statements;
        std::vector<Node> successors;
    };
    std::tuple<int, int, const std::string&, Node> baseline(Node node) const;
    // The edges, with each preferred edge that closes no cycle added in turn.
    std::vector<std::vector<Node>> settled_successors() const;

    std::vector<Step> steps_;
    std::map<std::tuple<std::string, Phase, int>, Node> index_;
    std::vector<std::pair<Node, Node>> preferred_;
};

}  // namespace pgshift
