// Comments that silence rules: `-- pgshift-lint-ignore RULE[, RULE]: reason` in front of a
// statement silences those rules on it; `-- pgshift-lint-ignore-file RULE[, RULE]: reason` on the
// whole file. A reason is required, and the rules must exist (else invalid-suppression).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "lint/finding.hpp"
#include "lint/migration_text.hpp"

namespace pgshift::lint {

class Suppressions {
public:
    // Reads the comments of `file`; what is wrong with them becomes findings in `problems`.
    Suppressions(const MigrationText& file, std::vector<Finding>& problems);
    // Whether a finding of `rule` on `line` of the file is silenced.
    bool silences(const std::string& rule, int line) const;

private:
    struct Range {
        int first_line = 0;
        int last_line = 0;
        std::set<std::string> rules;
    };
    std::vector<Range> statements_;
    std::set<std::string> whole_file_;
};

}  // namespace pgshift::lint
