#include "lint/lint.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "lint/migration_text.hpp"
#include "lint/rules.hpp"
#include "lint/schema_rules.hpp"
#include "lint/statement_rules.hpp"
#include "lint/suppressions.hpp"
#include "parser/canonical/pg_query_tree.hpp"
#include "parser/migration_sources.hpp"
#include "parser/source_text.hpp"

namespace pgshift::lint {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) throw std::runtime_error(path + ": cannot read");
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
}

// One migration as the lint keeps it until the end: the schema rules point into every file.
struct LoadedMigration {
    std::unique_ptr<std::string> sql;
    std::unique_ptr<ParsedSql> tree;
    std::unique_ptr<MigrationText> text;
    std::unique_ptr<Suppressions> suppressions;
};

class Linter {
public:
    Linter(const LintConfig& config, const LintContext& context)
        : config_(config), context_(context), model_(context.start), replayer_(model_, context.replay) {}

    void add_file(const std::string& path, std::string sql) {
        LoadedMigration migration;
        migration.sql = std::make_unique<std::string>(std::move(sql));
        require_sql_text(path, *migration.sql);
        try {
            migration.tree = std::make_unique<ParsedSql>(*migration.sql);
        } catch (const SqlSyntaxError& error) {
            SourcePosition position = position_of(*migration.sql, error.byte_offset());
            throw MigrationError(error.what(), {path, position.line, position.column, position.line_text});
        }
        migration.text = std::make_unique<MigrationText>(path, *migration.sql, *migration.tree);
        migration.suppressions = std::make_unique<Suppressions>(*migration.text, raw_);
        // The statement rules see the model as the migrations before this one left it.
        std::vector<Finding> found = lint_statements(
            model_, *migration.text, {context_.replay.search_path, context_.platform_schemas, context_.file_in_transaction}, touches_);
        raw_.insert(raw_.end(), found.begin(), found.end());
        if (context_.applied) compare_with_applied(*migration.text);
        replayer_.replay_parsed(path, *migration.sql, *migration.tree);
        by_path_[path] = migrations_.size();
        result_.files.push_back(path);
        migrations_.push_back(std::move(migration));
    }

    LintResult finish() {
        for (SchemaFinding& found : lint_schema(model_, context_)) raw_.push_back(place(found));
        for (Finding& finding : raw_) {
            finding.level = config_.level_of(finding.rule);
            if (finding.level == Level::off) continue;
            auto migration = by_path_.find(finding.file);
            if (migration != by_path_.end() && migrations_[migration->second].suppressions->silences(finding.rule, finding.line)) {
                ++result_.suppressed;
                continue;
            }
            result_.findings.push_back(std::move(finding));
        }
        sort_findings(result_.findings, result_.files);
        return std::move(result_);
    }

private:
    // The runner split the file into statements, trimmed them and dropped their `;`: the file is
    // unchanged when its text is theirs but for white space and semicolons.
    static std::string significant(const std::string& text) {
        std::string kept;
        for (char c : text)
            if (!std::isspace(static_cast<unsigned char>(c)) && c != ';') kept += c;
        return kept;
    }

    void compare_with_applied(const MigrationText& file) {
        std::string base = std::filesystem::path(file.path).filename().string();
        std::size_t digits = 0;
        while (digits < base.size() && std::isdigit(static_cast<unsigned char>(base[digits]))) ++digits;
        if (digits == 0) return;
        std::string version = base.substr(0, digits);
        for (const RecordedMigration& applied : *context_.applied) {
            if (applied.version != version || !applied.statements) continue;
            std::string recorded;
            for (const std::string& statement : *applied.statements) recorded += significant(statement);
            if (recorded == significant(*file.sql)) return;
            std::size_t at = file.statements.empty() ? 0 : file.statements.front().start;
            raw_.push_back(
                file.finding_at(at, "applied-migration-edited",
                                "migration " + base + " was applied to the database as version " + version + " and has been edited since"));
            return;
        }
    }

    // A schema finding at the statement that last changed its object, else the one that made it.
    Finding place(const SchemaFinding& found) {
        for (const std::string& key : found.places) {
            if (auto touch = touches_.find(key); touch != touches_.end())
                return touch->second.file->finding_at(touch->second.offset, found.rule, found.message, found.object);
            auto origin = model_.origins.find(key);
            if (origin == model_.origins.end()) continue;
            auto migration = by_path_.find(origin->second.file);
            if (migration == by_path_.end()) continue;
            const MigrationText& text = *migrations_[migration->second].text;
            if (const StatementSpan* statement = text.statement_on_line(origin->second.line))
                return text.finding_at(statement->start, found.rule, found.message, found.object);
        }
        Finding finding;
        finding.rule = found.rule;
        const Rule* rule = find_rule(found.rule);
        finding.why = rule ? rule->why : "";
        finding.message = found.message;
        finding.object = found.object;
        return finding;
    }

    const LintConfig& config_;
    const LintContext& context_;
    SchemaModel model_;
    Replayer replayer_;
    std::vector<LoadedMigration> migrations_;
    std::map<std::string, std::size_t> by_path_;
    Touches touches_;
    std::vector<Finding> raw_;
    LintResult result_;
};

}  // namespace

LintContext platform_context(const PlatformDescription& platform, std::vector<std::string> exposed_schemas) {
    LintContext context;
    context.replay.search_path = platform.search_path;
    context.replay.role = platform.role;
    context.replay.platform_schemas = platform.managed_schemas;
    context.start = platform_model(platform);
    context.platform_schemas = platform.managed_schemas;
    context.exposed_schemas = std::move(exposed_schemas);
    // The roles of a Supabase database a policy for PUBLIC applies to (splinter counts every role
    // that does not bypass RLS), and those that bypass it.
    context.public_roles = {"anon", "authenticated", "authenticator", "dashboard_user"};
    context.bypass_roles = {"postgres", "service_role", "supabase_admin", "supabase_auth_admin", "supabase_storage_admin"};
    return context;
}

LintResult lint_migrations(const std::vector<std::string>& inputs, const LintConfig& config, const LintContext& context) {
    Linter linter(config, context);
    for (const MigrationFile& file : discover_migrations(inputs)) linter.add_file(file.path, runnable_sql(file, read_file(file.path)));
    return linter.finish();
}

LintResult lint_sources(const std::vector<MigrationSource>& migrations, const LintConfig& config, const LintContext& context) {
    Linter linter(config, context);
    for (const MigrationSource& migration : migrations) linter.add_file(migration.name, migration.sql);
    return linter.finish();
}

}  // namespace pgshift::lint
