#include "parser/parse_folder.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace pgshift {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) throw std::runtime_error(path + ": cannot read");
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
}

}  // namespace

SchemaModel parse_sources(const std::vector<std::string>& inputs, const ReplayOptions& options) {
    SchemaModel model = SchemaModel::fresh_database();
    Replayer replayer(model, options);
    for (const MigrationFile& file : discover_migrations(inputs)) replayer.replay_file(file.path, read_file(file.path));
    return model;
}

SchemaModel parse_sql(const std::string& sql, const std::string& file_name, const ReplayOptions& options) {
    SchemaModel model = SchemaModel::fresh_database();
    Replayer replayer(model, options);
    replayer.replay_file(file_name, sql);
    return model;
}

}  // namespace pgshift
