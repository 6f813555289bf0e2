#include "parser/migration_error.hpp"

#include "parser/source_text.hpp"

namespace pgshift {
namespace {

// The line as a terminal can show it: bytes that are not UTF-8 text, and control characters, are
// U+FFFD (one column each, as they count in the error's column).
std::string printable(const std::string& line) {
    std::string text;
    for (std::size_t at = 0; at < line.size();) {
        std::size_t length = utf8_character_length(line, at);
        unsigned char first = static_cast<unsigned char>(line[at]);
        if (length == 0 || (length == 1 && first != '\t' && (first < 0x20 || first == 0x7F))) {
            text += "\xEF\xBF\xBD";
            at += 1;
            continue;
        }
        text.append(line, at, length);
        at += length;
    }
    return text;
}

}  // namespace

std::string format_migration_error(const MigrationError& error) {
    const SourceLocation& where = error.location();
    if (where.line == 0) return where.file + ": error: " + error.what() + "\n";  // the whole file
    std::string text = where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": error: " +
                       error.what() + "\n";
    std::string line = printable(where.line_text);
    text += "  " + line + "\n  ";
    // The caret lines up under tabs as the line above renders them.
    int column = 1;
    for (std::size_t i = 0; i < line.size() && column < where.column; ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80) continue;
        text += c == '\t' ? '\t' : ' ';
        ++column;
    }
    text += "^\n";
    if (!error.detail().empty()) text += "DETAIL:  " + error.detail() + "\n";
    return text;
}

}  // namespace pgshift
