// Golden files: the expected output of a test kept in the repository and reviewed as a git diff.
// With PGSHIFT_UPDATE_GOLDEN=1 in the environment a golden file that differs (or is missing) is
// rewritten from the actual output instead of failing the test.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace pgshift::testing {

bool updating_golden();

// What differs between the golden `file` and `actual`, as a unified diff of lines with a
// heading; nothing when they are equal, or when updating (the file is then rewritten). Sets
// `*rewritten` when it wrote the file.
std::optional<std::string> compare_golden(const std::filesystem::path& file, const std::string& actual, bool* rewritten = nullptr);

// A unified diff of two texts, line by line ("-" expected, "+" actual), with 3 lines of context.
std::string line_diff(const std::string& expected, const std::string& actual);

// The whole file; nothing when it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& file);

}  // namespace pgshift::testing
