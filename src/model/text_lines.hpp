// One line of a text, for error messages that show the offending line.
#pragma once

#include <sstream>
#include <string>

namespace pgshift {

// Line `number` (1-based) of `text` without its line ending, or "" past the end.
inline std::string line_of(const std::string& text, int number) {
    std::istringstream lines(text);
    std::string current;
    for (int at = 1; std::getline(lines, current); ++at)
        if (at == number) {
            if (!current.empty() && current.back() == '\r') current.pop_back();
            return current;
        }
    return "";
}

}  // namespace pgshift
