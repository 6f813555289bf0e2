// The tables a runner records applied migrations in: created with the runner's own DDL, read,
// and written with the rows the runner writes, so that either tool can take over from the other.
// Where the runner's table has no room for a checksum, pgshift keeps one per applied file beside
// it, in _pgshift_checksums (docs/workflow.md), and never changes the runner's table.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "workflow/project_migrations.hpp"
#include "workflow/session.hpp"

namespace pgshift {

// One applied migration as the tracking tables have it.
struct AppliedMigration {
    std::string table;
    std::vector<std::string> key;
    std::string label;  // for messages: the version, or the key's text
    std::string applied_at;  // "" when the table keeps no time
    // Supabase: the statements recorded (nullopt: NULL, as for an empty file or an old CLI).
    std::optional<std::vector<std::string>> statements;
    bool has_statements_column = false;
    // Where the runner keeps no statements: pgshift's checksum of the file, if it recorded one.
    std::optional<std::string> checksum;
};

struct TrackingState {
    std::vector<AppliedMigration> applied;
    // A runner's refusal to go on, said as it would be ("golang-migrate: version 3 is dirty ...").
    std::optional<std::string> blocked;
};

class Tracking {
public:
    virtual ~Tracking() = default;
    // The runner's tables, for messages.
    virtual std::string tables() const = 0;
    // The advisory lock a push holds: the runner's own where it takes one, so that it and
    // pgshift never run at once.
    virtual long long lock_key(Session& session) const;
    virtual TrackingState read(Session& session, const ProjectMigrations& project) const = 0;
    // The runner's DDL, run before the first file is recorded.
    virtual void create_tables(Session& session) const = 0;
    // The row(s) recording `file` as applied, in the transaction that applied it.
    virtual void record(Session& session, const LocalMigration& file) const = 0;
    // `migration repair --status applied`: the same rows, replacing any for the same key.
    virtual void record_again(Session& session, const LocalMigration& file) const = 0;
    // `migration repair --status reverted`: the rows of `migration` go.
    virtual void forget(Session& session, const AppliedMigration& migration, const ProjectMigrations& project) const = 0;
    // Whether the runner's own table keeps what the file ran (Supabase's statements): no
    // checksum is kept beside it.
    virtual bool keeps_statements() const { return false; }
};

std::unique_ptr<Tracking> tracking_for(Runner runner);

// _pgshift_checksums: a checksum per applied file where the runner's table has no room.
struct ChecksumStore {
    // tracking table -> key text -> checksum; empty when the table does not exist.
    static std::vector<std::vector<std::string>> read(Session& session);
    static void create(Session& session);
    static void write(Session& session, const LocalMigration& file);
    static void erase(Session& session, const std::string& table, const std::vector<std::string>& key);
};

// A text[] literal ('{"a","b"}') of `values`.
std::string text_array_literal(const std::vector<std::string>& values);

}  // namespace pgshift
