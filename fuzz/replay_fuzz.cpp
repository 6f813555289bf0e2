// libFuzzer target: any input to parse + replay must end in a model or a positioned error, never a
// crash. Build with -DPGSHIFT_FUZZ=ON and clang (see docs/fuzzing.md).
#include <cstddef>
#include <cstdint>
#include <string>

#include "parser/migration_error.hpp"
#include "model/stats.hpp"
#include "parser/parse_folder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string sql(reinterpret_cast<const char*>(data), size);
    try {
        pgshift::SchemaModel model = pgshift::parse_sql(sql, "fuzz.sql");
        (void)pgshift::count_objects(model);
    } catch (const pgshift::MigrationError& error) {
        (void)pgshift::format_migration_error(error);
    } catch (const std::exception&) {
        // Other library errors are reported by the CLI; what matters here is no crash.
    }
    return 0;
}
