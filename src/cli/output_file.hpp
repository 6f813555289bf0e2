// Files pgshift writes (plans, captured migrations): whole or not at all.
#pragma once

#include <string>

namespace pgshift::cli {

// Writes `text` as `path` through a hidden file beside it, renamed into place once complete: a
// reader (a migration runner) never sees half a file. Throws std::runtime_error, leaving nothing.
void write_whole_file(const std::string& path, const std::string& text);

}  // namespace pgshift::cli
