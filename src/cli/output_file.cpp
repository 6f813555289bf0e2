#include "cli/output_file.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace pgshift::cli {

void write_whole_file(const std::string& path, const std::string& text) {
    namespace fs = std::filesystem;
    fs::path target(path);
    fs::path temporary = target.parent_path() / ("." + target.filename().string() + ".pgshift-tmp");
    std::error_code ignored;
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        file << text;
        file.flush();
        if (!file) {
            fs::remove(temporary, ignored);
            throw std::runtime_error("cannot write " + path);
        }
    }
    std::error_code error;
    fs::rename(temporary, target, error);
    if (error) {
        fs::remove(temporary, ignored);
        throw std::runtime_error("cannot write " + path + ": " + error.message());
    }
}

}  // namespace pgshift::cli
