// pgshift lint's time in one process over migration projects (not a test: it prints figures).
//   pgshift_lint_bench PROJECT...   (bench/lint_bench.sh passes the corpus as its teams have it)
// Each project is linted as `pgshift lint PROJECT` lints it (a Supabase project on the platform).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "lint/lint.hpp"
#include "platform/platform.hpp"

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::size_t findings = 0, files = 0;
    double best_ms = 0;
    for (int run = 0; run < 3; ++run) {
        auto start = std::chrono::steady_clock::now();
        findings = files = 0;
        for (int i = 1; i < argc; ++i) {
            bool supabase = fs::exists(fs::path(argv[i]) / "supabase");
            pgshift::lint::LintContext context;
            if (supabase) context = pgshift::lint::platform_context(pgshift::supabase_platform(), {"public", "graphql_public"});
            pgshift::lint::LintResult result = pgshift::lint::lint_migrations({argv[i]}, {}, context);
            findings += result.findings.size();
            files += result.files.size();
        }
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (run == 0 || ms < best_ms) best_ms = ms;
    }
    std::printf("pgshift lint in one process: %d projects, %zu files, %zu findings, %.0f ms (best of 3)\n", argc - 1, files, findings,
                best_ms);
}
