#include "cli/lint_command.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/errors.hpp"
#include "cli/project.hpp"
#include "introspect/applied_migrations.hpp"
#include "lint/lint.hpp"
#include "lint/lint_output.hpp"
#include "lint/rules.hpp"
#include "model/names.hpp"
#include "platform/platform.hpp"

namespace pgshift::cli {
namespace {

struct LintOptions {
    std::vector<std::string> sources;
    std::string format = "text";
    std::vector<std::string> rules;
    std::vector<std::string> disabled;
    std::string config;
    std::string platform = "auto";
    std::string search_path;
    std::string role;
    std::string db_url;
    bool list_rules = false;
};

// pgshift.toml beside the migrations: in the first source's folder or one above it, else in the
// current directory or one above it.
std::string find_config(const std::vector<std::string>& sources) {
    namespace fs = std::filesystem;
    std::vector<fs::path> starts;
    if (!sources.empty()) {
        fs::path first = fs::absolute(sources.front());
        starts.push_back(fs::is_directory(first) ? first : first.parent_path());
    }
    starts.push_back(fs::current_path());
    for (fs::path folder : starts)
        for (; !folder.empty(); folder = folder.parent_path()) {
            if (fs::exists(folder / "pgshift.toml")) return (folder / "pgshift.toml").string();
            if (folder == folder.parent_path()) break;
        }
    return "";
}

std::string list_rules() {
    std::string text;
    for (const lint::Rule& rule : lint::rules())
        text += std::string(rule.id) + " (" + lint::level_name(rule.default_level) + "): " + rule.summary +
                (*rule.peer ? std::string(" [") + rule.peer + "]" : "") + "\n";
    return text;
}

int run_lint(LintOptions options) {
    if (options.list_rules) {
        std::cout << list_rules();
        return exit_ok;
    }
    return run_reporting_errors([&]() {
        if (options.sources.empty()) options.sources.push_back(find_migrations_folder(""));
        lint::LintConfig config;
        std::string config_path = options.config.empty() ? find_config(options.sources) : options.config;
        try {
            if (!config_path.empty()) config = lint::read_lint_config(config_path);
            lint::apply_rule_options(config, options.rules, options.disabled);
        } catch (const lint::LintConfigError& error) {
            std::cerr << format_migration_error(error);
            return int(exit_error);
        } catch (const std::invalid_argument& error) {
            std::cerr << "pgshift lint: " << error.what() << " (pgshift lint --list-rules)\n";
            return int(exit_error);
        }
        Project project = find_project(options.sources, parse_platform_choice(options.platform));
        for (const std::string& warning : project_warnings(project)) std::cerr << warning << "\n";
        lint::LintContext context;
        if (project.platform)
            context = lint::platform_context(
                *project.platform, project.config ? project.config->api_schemas : std::vector<std::string>{"public", "graphql_public"});
        // The Supabase CLI runs each file of supabase/migrations in one transaction.
        for (const std::string& source : options.sources)
            if (runs_each_file_in_one_transaction(source) || (std::filesystem::is_directory(source + "/supabase/migrations") &&
                                                              runs_each_file_in_one_transaction(source + "/supabase/migrations")))
                context.file_in_transaction = true;
        if (config.exposed_schemas) context.exposed_schemas = *config.exposed_schemas;
        if (!options.search_path.empty()) context.replay.search_path = split_search_path(options.search_path);
        if (!options.role.empty()) context.replay.role = options.role;
        if (!options.db_url.empty()) context.applied = read_applied_migrations(options.db_url);
        lint::LintResult result = lint::lint_migrations(options.sources, config, context);
        if (options.format == "json")
            std::cout << lint::format_json(result);
        else if (options.format == "github")
            std::cout << lint::format_github(result);
        else if (options.format == "sarif")
            std::cout << lint::format_sarif(result, "0.1.0");
        else
            std::cout << lint::format_text(result);
        for (const lint::Finding& finding : result.findings)
            if (finding.level == lint::Level::error) return int(exit_differences);
        return int(exit_ok);
    });
}

}  // namespace

void add_lint_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<LintOptions>();
    CLI::App* lint = app.add_subcommand("lint", "Check migrations against the migration checklists, with the whole history in view");
    lint->footer(
        "Statement rules look at each migration knowing the state before it (an index on a table created in the\n"
        "same migration needs no CONCURRENTLY); schema rules look at what the whole history builds and point at the\n"
        "line that made or last changed the object. pgshift.toml's [lint] section sets levels ([lint.rules]\n"
        "RULE = \"error\"|\"warning\"|\"info\"|\"off\"), disable = [...], exposed_schemas, force_rls, require_if_exists.\n"
        "`-- pgshift-lint-ignore RULE: why` in front of a statement silences RULE on it (docs/lint.md).\n"
        "Exit status: 0 no finding at error level, 1 findings at error level, 2 a usage or config error,\n"
        "4 a migration that does not replay (file:line:col).\n" +
        std::string(exit_status_footer));
    lint->add_option("SOURCE", options->sources,
                     "Migration folders or .sql files, applied in order (default: supabase/migrations, migrations or\n"
                     "database/migrations here)");
    lint->add_option("--format", options->format, "Output: text, json, github (workflow annotations) or sarif (SARIF 2.1.0)")
        ->check(CLI::IsMember({"text", "json", "github", "sarif"}))
        ->capture_default_str();
    lint->add_option("--rule", options->rules, "Run only this rule (repeatable; a rule that is off runs as a warning)");
    lint->add_option("--disable", options->disabled, "Turn this rule off (repeatable)");
    lint->add_option("--config", options->config, "The pgshift.toml to read (default: beside the migrations or here)");
    lint->add_flag("--list-rules", options->list_rules, "List the rules, their default levels and the peer tool's rule they match");
    lint->add_option("--platform", options->platform, "What the migrations start from: auto, supabase, none")
        ->check(CLI::IsMember({"auto", "supabase", "none"}))
        ->capture_default_str();
    lint->add_option("--search-path", options->search_path, "The database's default search_path");
    lint->add_option("--role", options->role, "The role migrations run as");
    lint->add_option("--db-url", options->db_url,
                     "Also check the migrations against this database's history (supabase_migrations.schema_migrations): an applied\n"
                     "file edited since (offline without it)");
    lint->callback([options, &exit_code]() { exit_code = finish_output(run_lint(*options)); });
}

}  // namespace pgshift::cli
