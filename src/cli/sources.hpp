// Loading the models a command works on: migration folders or files, or live databases.
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"
#include "parser/migration_sources.hpp"
#include "platform/platform.hpp"

namespace pgshift::cli {

struct SourceOptions {
    std::string search_path;   // --search-path: overrides the database default for migrations
    std::string role;          // --role: who migrations run as; default: the database's user or postgres
    std::vector<std::string> schemas;          // --schema: only these
    std::vector<std::string> exclude_schemas;  // --exclude-schema
    // Tables left out (tracking_tables.hpp patterns): the runners' tracking tables and --exclude-table.
    std::vector<std::string> exclude_tables;
    // The platform migrations start from: its description offline, the platform objects of the
    // database on the other side otherwise. Null: an empty database.
    const PlatformDescription* platform = nullptr;
};

struct LoadedSource {
    std::string label;  // for messages: the path, or the URL without its password
    bool database = false;
    SchemaModel model;
    std::vector<std::string> search_path;  // a database's default search_path
    std::string role;                      // a database's connected role
    std::vector<LayoutNote> notes;         // a folder's files left out on purpose (migration_sources.hpp)
};

// "path: note: text", as users read a LayoutNote.
std::string layout_note_text(const LayoutNote& note);

// Reads each source. Databases come first, so that migrations parse under the search_path the
// database gives them and resolve the names it defines outside them (extensions, built-ins).
// Throws MigrationError, DatabaseError or std::runtime_error. Safe to call from several threads
// at once (the scenario tests do).
std::vector<LoadedSource> read_sources(const std::vector<std::string>& sources, const SourceOptions& options);
// read_sources for a command: the sources live as long as the process (keep_for_process); the
// folders' notes are printed on stderr.
std::vector<LoadedSource>& load_sources(const std::vector<std::string>& sources, const SourceOptions& options);

// `--db-url`, then DATABASE_URL; empty when neither is set.
std::string database_url_option(const std::string& db_url);

}  // namespace pgshift::cli
