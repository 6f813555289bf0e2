#include "golden.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace pgshift::testing {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) lines.push_back(line);
    if (!text.empty() && text.back() != '\n') lines.back() += "  (no newline at the end)";
    return lines;
}

}  // namespace

bool updating_golden() {
    const char* value = std::getenv("PGSHIFT_UPDATE_GOLDEN");
    return value && *value && std::string(value) != "0";
}

std::optional<std::string> read_file(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) return std::nullopt;
    std::ostringstream text;
    text << stream.rdbuf();
    return text.str();
}

std::string line_diff(const std::string& expected, const std::string& actual) {
    std::vector<std::string> a = lines_of(expected), b = lines_of(actual);
    // Longest common subsequence, from the end: plans and reports are a few hundred lines at most.
    std::vector<std::vector<int>> common(a.size() + 1, std::vector<int>(b.size() + 1, 0));
    for (std::size_t i = a.size(); i-- > 0;)
        for (std::size_t j = b.size(); j-- > 0;)
            common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
    struct Line {
        char mark;
        const std::string* text;
    };
    std::vector<Line> edits;
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            edits.push_back({' ', &a[i]});
            ++i, ++j;
        } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
            edits.push_back({'-', &a[i++]});
        } else {
            edits.push_back({'+', &b[j++]});
        }
    }
    // Changed lines with three lines of context around them; "..." where lines are left out.
    constexpr std::size_t context = 3;
    std::vector<bool> shown(edits.size(), false);
    for (std::size_t k = 0; k < edits.size(); ++k) {
        if (edits[k].mark == ' ') continue;
        for (std::size_t m = k >= context ? k - context : 0; m <= std::min(edits.size() - 1, k + context); ++m) shown[m] = true;
    }
    std::string diff;
    for (std::size_t k = 0; k < edits.size(); ++k) {
        if (!shown[k]) {
            if (k == 0 || shown[k - 1]) diff += "...\n";
            continue;
        }
        diff += edits[k].mark;
        diff += *edits[k].text + "\n";
    }
    return diff;
}

std::optional<std::string> compare_golden(const std::filesystem::path& file, const std::string& actual, bool* rewritten) {
    std::optional<std::string> expected = read_file(file);
    if (expected && *expected == actual) return std::nullopt;
    if (updating_golden()) {
        std::ofstream stream(file, std::ios::binary);
        if (!(stream << actual)) return "cannot write " + file.string();
        if (rewritten) *rewritten = true;
        return std::nullopt;
    }
    if (!expected)
        return file.string() + " is missing; make it with PGSHIFT_UPDATE_GOLDEN=1 and review it (git diff)\n" + line_diff("", actual);
    return file.string() + " differs (- golden, + actual; PGSHIFT_UPDATE_GOLDEN=1 rewrites it for review)\n" + line_diff(*expected, actual);
}

}  // namespace pgshift::testing
