#include "parser/migration_error.hpp"

namespace pgshift {

std::string format_migration_error(const MigrationError& error) {
    const SourceLocation& where = error.location();
    std::string text = where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": error: " +
                       error.what() + "\n";
    text += "  " + where.line_text + "\n  ";
    // The caret lines up under tabs as the line above renders them.
    int column = 1;
    for (std::size_t i = 0; i < where.line_text.size() && column < where.column; ++i) {
        unsigned char c = static_cast<unsigned char>(where.line_text[i]);
        if ((c & 0xC0) == 0x80) continue;
        text += c == '\t' ? '\t' : ' ';
        ++column;
    }
    return text + "^\n";
}

}  // namespace pgshift
