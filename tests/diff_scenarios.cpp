// Planner scenarios, in one process against one server. Each folder fixtures/diff/<case>/ holds
// a.sql and b.sql (a schema before and after), `hazards` ("forward: KIND,KIND" and "reverse: ..."
// lines, "none" for no hazard), forward.sql and reverse.sql (the whole plan each way, golden
// files), optionally expected.sql (lines the forward plan must contain, written by hand) and
// renames ("forward: --rename-table s.old=new" and "reverse: ..." lines: the plan's renames).
// Each side is loaded into a database of its own and given a few rows. Then in both directions
// (forward: a to b, reverse: b to a): the start's database is planned to the end's file as
// `pgshift diff DATABASE END --allow-hazards all` plans it; the hazards are the expected ones and
// the plan is its golden file; the plan is applied as psql applies it; then `pgshift check END
// DATABASE` finds no difference, the database equals the one the end's file built, re-planning
// is empty, and every table keeps its rows unless the plan said DELETES_DATA.
//   usage: diff_scenarios CASES_DIR [CASE...]
// Cases run in parallel over $PGSHIFT_TEST_JOBS workers (default: the cores); the server is
// $PGSHIFT_TEST_URL or one started for the run. PGSHIFT_UPDATE_GOLDEN=1 rewrites the plans'
// golden files.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/check_command.hpp"
#include "cli/plan_support.hpp"
#include "cli/platform_options.hpp"
#include "cli/sources.hpp"
#include "diff/compare.hpp"
#include "harness/golden.hpp"
#include "harness/sql_session.hpp"
#include "harness/test_server.hpp"
#include "parser/migration_error.hpp"

namespace fs = std::filesystem;
using namespace pgshift;
using namespace pgshift::cli;
using namespace pgshift::testing;

namespace {

// What the cases share: the server, and the SQL that seeds and counts rows.
struct Context {
    TestServer& server;
    std::string seed_rows_sql;
    std::string row_counts_sql;
};

// A step that failed: what it was, and what to show under it.
struct Failure {
    std::string what;
    std::string detail;
};

class StepFailed : public std::runtime_error {
public:
    StepFailed(const std::string& what, std::string shown) : std::runtime_error(what), detail(std::move(shown)) {}
    std::string detail;
};

// Runs `body`; an error it throws fails the step `what`, with the message users would read.
template <typename Body>
auto step(const std::string& what, Body body) {
    try {
        return body();
    } catch (const StepFailed&) {
        throw;
    } catch (const MigrationError& error) {
        throw StepFailed(what, format_migration_error(error));
    } catch (const std::exception& error) {
        throw StepFailed(what, error.what());
    }
}

// "schema.table" -> rows, as tests/row_counts.sql counts them.
using RowCounts = std::map<std::string, std::string>;

RowCounts count_rows(SqlSession& session, const Context& context) {
    RowCounts counts;
    for (const auto& row : session.execute(context.row_counts_sql)) {
        std::string line = row[0].c_str();
        std::size_t bar = line.rfind('|');
        counts[line.substr(0, bar)] = line.substr(bar + 1);
    }
    return counts;
}

// One side of a case (a.sql or b.sql) loaded into its own database.
struct Side {
    std::string file;      // a.sql
    fs::path path;         // the case's a.sql
    std::string database;  // its database's name
    std::string url;
    std::optional<Failure> load_failure;
    RowCounts rows;  // before any plan ran
};

std::string database_name(const std::string& case_name, const std::string& file) {
    std::string name = "scenario_" + case_name.substr(0, 48) + "_" + file.substr(0, file.find('.'));
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
    return name;
}

void load_side(SqlSession& admin, const Context& context, Side& side) {
    admin.execute("drop database if exists \"" + side.database + "\" with (force)");
    admin.execute("create database \"" + side.database + "\"");
    try {
        std::optional<std::string> sql = read_file(side.path);
        if (!sql) throw std::runtime_error("cannot read " + side.path.string());
        SqlSession(side.url).run_script(*sql, side.file);
        // In a session of its own, as the file's settings (SET ROLE, search_path) ended with it.
        // As psql without ON_ERROR_STOP: a table that refuses the rows stays empty.
        SqlSession session(side.url);
        try {
            session.run_script(context.seed_rows_sql, "seed_rows.sql");
        } catch (const ScriptError&) {
        }
        side.rows = count_rows(session, context);
    } catch (const std::exception& error) {
        side.load_failure = Failure{"loading " + side.file, error.what()};
    }
}

// The differences as `pgshift check` prints them, FROM and TO named.
std::string describe(const std::vector<Difference>& differences, const std::string& from, const std::string& to) {
    std::string text, current;
    for (const Difference& difference : differences) {
        std::string heading = difference.kind + " " + difference.object;
        if (heading != current) text += heading + "\n";
        current = heading;
        if (difference.property == "exists") {
            text += "  only in " + (difference.from == "present" ? from : to) + "\n";
            continue;
        }
        text += "  " + difference.property + ":\n    - " + (difference.from.empty() ? "(none)" : difference.from) + "\n    + " +
                (difference.to.empty() ? "(none)" : difference.to) + "\n";
    }
    return text;
}

std::set<std::string> hazard_names(const Plan& plan) {
    std::set<std::string> names;
    for (Hazard hazard : plan.hazards()) names.insert(std::string(hazard_name(hazard)));
    return names;
}

// The hazards `direction:` lines of the case's hazards file name ("none" names none).
std::set<std::string> expected_hazards(const std::string& hazards_file, const std::string& direction) {
    std::set<std::string> names;
    std::istringstream lines(hazards_file);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(direction + ":", 0) != 0) continue;
        std::string list = line.substr(direction.size() + 1), name;
        list.erase(std::remove_if(list.begin(), list.end(), [](unsigned char c) { return std::isspace(c); }), list.end());
        std::istringstream items(list);
        while (std::getline(items, name, ','))
            if (!name.empty() && name != "none") names.insert(name);
    }
    return names;
}

std::string joined(const std::set<std::string>& names) {
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : ",") + name;
    return text;
}

// What `pgshift diff FROM TO --allow-hazards all` (or `check`) makes of its default platform
// options for these sources: the sources' options, and whether managed schemas are left out.
struct CommandOptions {
    SourceOptions sources;
    bool exclude_managed = false;
};

CommandOptions command_options(const std::vector<std::string>& sources) {
    CommandOptions options;
    options.exclude_managed = resolve_platform(PlatformOptions{}, sources, options.sources, true).exclude_managed;
    return options;
}

// The renames a direction is planned with: the optional `renames` file's "forward: --rename-table
// s.old=new --rename-column s.t.old=new" and "reverse: ..." lines, as `diff` takes them.
void read_renames(const fs::path& dir, const std::string& direction, PlanningOptions& options) {
    std::optional<std::string> file = read_file(dir / "renames");
    if (!file) return;
    std::istringstream lines(*file);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(direction + ":", 0) != 0) continue;
        std::istringstream words(line.substr(direction.size() + 1));
        for (std::string option, value; words >> option >> value;) {
            if (option == "--rename-table")
                options.rename_tables.push_back(value);
            else if (option == "--rename-column")
                options.rename_columns.push_back(value);
            else
                throw StepFailed("renames: unknown option " + option, line);
        }
    }
}

// `pgshift diff FROM TO --allow-hazards all [renames]`, `sources` read into `loaded`.
Plan plan_all_hazards(std::vector<LoadedSource>& loaded, const std::vector<std::string>& sources, const CommandOptions& command,
                      PlanningOptions options = {}) {
    options.allow_hazards = {"all"};
    options.exclude_managed = command.exclude_managed;
    return make_plan(loaded, comparison_request(sources[0], sources[1], command.sources, options), options);
}

// One direction of a case: from `start`'s database to `end`'s file.
struct Direction {
    std::string name;  // forward, reverse
    Side* start = nullptr;
    const Side* end = nullptr;
    std::vector<Failure> failures;
    std::vector<std::string> rewritten;  // golden files written
    std::vector<LoadedSource> before;    // the start's database and the end's file, planned
    Plan plan;
    std::string plan_text;
    bool planned = false;
};

// `pgshift diff START_DATABASE END_FILE --allow-hazards all [renames]`, and what the plan must be.
void plan_direction(const fs::path& dir, Direction& direction) {
    if (direction.start->load_failure) throw StepFailed(direction.start->load_failure->what, direction.start->load_failure->detail);
    step("planning", [&] {
        std::vector<std::string> sources = {direction.start->url, direction.end->path.string()};
        CommandOptions command = command_options(sources);
        direction.before = read_sources(sources, command.sources);
        PlanningOptions renames;
        read_renames(dir, direction.name, renames);
        direction.plan = plan_all_hazards(direction.before, sources, command, renames);
    });
    direction.plan_text = plan_sql(direction.plan);
    direction.planned = true;
    std::optional<std::string> hazards = read_file(dir / "hazards");
    if (!hazards) throw StepFailed("no hazards file", "expected " + (dir / "hazards").string() + " with forward: and reverse: lines");
    std::string expected = joined(expected_hazards(*hazards, direction.name)), planned = joined(hazard_names(direction.plan));
    if (expected != planned) throw StepFailed("hazards: expected '" + expected + "', planned '" + planned + "'", direction.plan_text);
    if (direction.name == "forward") {
        if (std::optional<std::string> lines = read_file(dir / "expected.sql")) {
            std::istringstream wanted(*lines);
            std::set<std::string> plan_lines;
            std::istringstream planned_lines(direction.plan_text);
            for (std::string line; std::getline(planned_lines, line);) plan_lines.insert(line);
            for (std::string line; std::getline(wanted, line);)
                if (!line.empty() && !plan_lines.count(line)) throw StepFailed("plan lacks: " + line, direction.plan_text);
        }
    }
    // The golden plan: a difference is reported, and the plan still applied and checked.
    bool rewritten = false;
    fs::path golden = dir / (direction.name + ".sql");
    if (std::optional<std::string> difference = compare_golden(golden, direction.plan_text, &rewritten))
        direction.failures.push_back({"the plan is not its golden file", *difference});
    if (rewritten) direction.rewritten.push_back(golden.string());
}

// Applies the plan, then everything must agree with the end's file. `reference`: the end's
// database as its file built it (before the other direction ran), when it could be read.
void finish_direction(const Context& context, Direction& direction, const SchemaModel* reference) {
    std::string end_file = direction.end->file;
    SqlSession session(direction.start->url);  // a session of its own, as psql -f plan.sql
    try {
        session.run_script(direction.plan_text, "plan.sql");
    } catch (const std::exception& error) {
        throw StepFailed("applying the plan", direction.plan_text + "-- server:\n" + error.what());
    }
    // `pgshift check END_FILE DATABASE`; the same reading serves the re-plan.
    ComparisonRequest check;
    check.from = direction.end->path.string();
    check.to = direction.start->url;
    CommandOptions command = step("check after applying", [&] { return command_options({check.from, check.to}); });
    check.sources = command.sources;
    check.exclude_managed = command.exclude_managed;
    std::vector<LoadedSource> after = step("check after applying", [&] { return read_sources({check.from, check.to}, check.sources); });
    std::vector<Difference> differences = step("check after applying", [&] { return compare_sources(after, check); });
    if (!differences.empty()) throw StepFailed("check after applying", describe(differences, end_file, "the database"));
    if (reference) {
        differences = compare_models(after[1].model, *reference);
        if (!differences.empty())
            throw StepFailed("the database differs from the one " + end_file + " built",
                             describe(differences, "the planned database", "the one " + end_file + " built"));
    }
    // `pgshift diff DATABASE END_FILE` again: its options for these sources are check's.
    std::vector<LoadedSource> database_to_file;
    database_to_file.push_back(std::move(after[1]));
    database_to_file.push_back(std::move(after[0]));
    std::string replan = step("re-planning", [&] { return plan_sql(plan_all_hazards(database_to_file, {check.to, check.from}, command)); });
    if (!replan.empty()) throw StepFailed("re-planning is not empty", replan);
    if (!direction.plan.hazards().count(Hazard::deletes_data)) {
        // Every table there before and after keeps its rows.
        RowCounts now = count_rows(session, context);
        std::string changed;
        for (const auto& [table, rows] : direction.start->rows)
            if (auto found = now.find(table); found != now.end() && found->second != rows) changed += table + "|" + rows + "|" + found->second + "\n";
        if (!changed.empty()) throw StepFailed("rows changed (table|before|after)", changed);
    }
}

// Runs `body`; a step that fails is recorded as the direction's failure.
void record(Direction& direction, const std::function<void()>& body) {
    try {
        body();
    } catch (const StepFailed& failed) {
        direction.failures.push_back({failed.what(), failed.detail});
    } catch (const std::exception& error) {
        direction.failures.push_back({"unexpected error", error.what()});
    }
}

struct CaseResult {
    std::string name;
    std::vector<Direction> directions;
    bool passed() const {
        return std::all_of(directions.begin(), directions.end(), [](const Direction& d) { return d.failures.empty(); });
    }
};

CaseResult run_case(const Context& context, SqlSession& admin, const fs::path& dir) {
    CaseResult result{dir.filename().string(), {}};
    Side a{"a.sql", dir / "a.sql", database_name(result.name, "a.sql"), {}, {}, {}};
    Side b{"b.sql", dir / "b.sql", database_name(result.name, "b.sql"), {}, {}, {}};
    for (Side* side : {&a, &b}) {
        side->url = context.server.database_url(side->database);
        load_side(admin, context, *side);
    }
    result.directions.resize(2);
    Direction& forward = result.directions[0];
    Direction& reverse = result.directions[1];
    forward.name = "forward", forward.start = &a, forward.end = &b;
    reverse.name = "reverse", reverse.start = &b, reverse.end = &a;
    // Both plans first: each reads its start's database as its file built it, which is what the
    // other direction's end must then equal.
    for (Direction* direction : {&forward, &reverse}) record(*direction, [&] { plan_direction(dir, *direction); });
    auto built = [](const Direction& other) { return other.before.empty() ? nullptr : &other.before[0].model; };
    for (auto [direction, other] : {std::pair{&forward, &reverse}, std::pair{&reverse, &forward}}) {
        if (!direction->planned) continue;
        record(*direction, [&] { finish_direction(context, *direction, built(*other)); });
    }
    // A failed case keeps its databases to look at.
    if (result.passed())
        for (const Side* side : {&a, &b}) admin.execute("drop database if exists \"" + side->database + "\" with (force)");
    return result;
}

void print_result(const CaseResult& result) {
    for (const Direction& direction : result.directions) {
        for (const std::string& file : direction.rewritten) std::cout << "updated " << file << "\n";
        for (const Failure& failure : direction.failures) {
            std::cout << "FAIL " << result.name << " " << direction.name << ": " << failure.what << "\n";
            std::istringstream lines(failure.detail);
            int shown = 0;
            for (std::string line; std::getline(lines, line);) {
                if (++shown > 60) {
                    std::cout << "    ...\n";
                    break;
                }
                std::cout << "    " << line << "\n";
            }
        }
    }
}

std::string required_file(const fs::path& path) {
    std::optional<std::string> text = read_file(path);
    if (!text) throw std::runtime_error("cannot read " + path.string());
    return *text;
}

int run(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: diff_scenarios CASES_DIR [CASE...]\n";
        return 2;
    }
    auto started = std::chrono::steady_clock::now();
    fs::path cases = argv[1];
    std::vector<fs::path> dirs;
    if (argc > 2) {
        for (int i = 2; i < argc; ++i) dirs.push_back(cases / argv[i]);
    } else {
        for (const fs::directory_entry& entry : fs::directory_iterator(cases))
            if (entry.is_directory()) dirs.push_back(entry.path());
    }
    std::sort(dirs.begin(), dirs.end());
    fs::path tests = fs::path(PGSHIFT_SOURCE_DIR) / "tests";
    TestServer server(PGSHIFT_SOURCE_DIR);
    Context context{server, required_file(tests / "seed_rows.sql"), required_file(tests / "row_counts.sql")};
    SqlSession(server.url()).run_script(required_file(tests / "scenario_roles.sql"), "scenario_roles.sql");

    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    if (const char* given = std::getenv("PGSHIFT_TEST_JOBS"); given && std::atoi(given) > 0) jobs = unsigned(std::atoi(given));
    jobs = std::min<unsigned>(jobs, unsigned(std::max<std::size_t>(1, dirs.size())));
    std::vector<CaseResult> results(dirs.size());
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    for (unsigned worker = 0; worker < jobs; ++worker)
        workers.emplace_back([&] {
            std::optional<SqlSession> admin;
            for (std::size_t i; (i = next++) < dirs.size();) {
                try {
                    if (!admin) admin.emplace(server.url());
                    results[i] = run_case(context, *admin, dirs[i]);
                } catch (const std::exception& error) {
                    admin.reset();  // the connection may be what failed
                    results[i] = {dirs[i].filename().string(), std::vector<Direction>(1)};
                    results[i].directions[0].name = "setup";
                    results[i].directions[0].failures.push_back({"unexpected error", error.what()});
                }
            }
        });
    for (std::thread& worker : workers) worker.join();

    std::size_t passed = 0;
    for (const CaseResult& result : results) {
        print_result(result);
        passed += result.passed();
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("%zu/%zu scenarios converged in both directions (%u workers, %.1f s)\n", passed, results.size(), jobs, seconds);
    if (passed != results.size() && std::getenv("PGSHIFT_TEST_URL"))
        std::cout << "the failed scenarios' databases are kept (scenario_<case>_a and _b)\n";
    return passed == results.size() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& error) {
        std::cerr << "diff_scenarios: " << error.what() << "\n";
        return 2;
    }
}
