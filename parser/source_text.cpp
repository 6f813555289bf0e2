#include "parser/source_text.hpp"

#include <algorithm>

#include "parser/canonical/pg_query_tree.hpp"
#include "parser/migration_error.hpp"

namespace pgshift {
namespace {

// pg_utf8_mblen: how many bytes the first byte announces.
std::size_t announced_length(unsigned char first) {
    if ((first & 0x80) == 0) return 1;
    if ((first & 0xE0) == 0xC0) return 2;
    if ((first & 0xF0) == 0xE0) return 3;
    if ((first & 0xF8) == 0xF0) return 4;
    return 1;
}

// Bytes no text file holds: NUL and the C0 controls other than tab, newlines, form feed and ESC.
bool control_byte(unsigned char byte) {
    return byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' && byte != '\f' && byte != '\v' && byte != 0x1B;
}

}  // namespace

std::size_t utf8_character_length(std::string_view text, std::size_t at) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char first = byte(at);
    if (first == 0) return 0;
    std::size_t length = announced_length(first);
    if (length == 1) return first < 0x80 ? 1 : 0;
    if (at + length > text.size()) return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
    unsigned char second = byte(at + 1);
    switch (first) {
        case 0xE0:
            if (second < 0xA0 || second > 0xBF) return 0;
            break;
        case 0xED:
            if (second < 0x80 || second > 0x9F) return 0;
            break;
        case 0xF0:
            if (second < 0x90 || second > 0xBF) return 0;
            break;
        case 0xF4:
            if (second < 0x80 || second > 0x8F) return 0;
            break;
        default:
            if (second < 0x80 || second > 0xBF) return 0;
            break;
    }
    if (first < 0xC2 || first > 0xF4) return 0;
    return length;
}

void require_sql_text(const std::string& file, std::string_view bytes) {
    std::optional<std::size_t> invalid;
    std::size_t odd = 0;  // in the first 8 KiB: bytes no text holds
    constexpr std::size_t sample = 8192;
    for (std::size_t at = 0; at < bytes.size();) {
        std::size_t length = utf8_character_length(bytes, at);
        if (length == 0) {
            if (!invalid) invalid = at;
            if (at < sample) ++odd;
            ++at;
            continue;
        }
        if (at < sample && control_byte(static_cast<unsigned char>(bytes[at]))) ++odd;
        at += length;
    }
    if (!invalid) return;
    // A few stray bytes in a text file are an encoding error; many, a tenth of the start, are no text.
    if (odd >= 16 && odd * 10 > std::min(bytes.size(), sample)) throw MigrationError("not a text file", {file, 0, 0, ""});
    std::size_t at = *invalid;
    std::size_t shown = std::min(announced_length(static_cast<unsigned char>(bytes[at])), bytes.size() - at);
    std::string message = "invalid byte sequence for encoding \"UTF8\":";
    static const char digits[] = "0123456789abcdef";
    for (std::size_t i = 0; i < shown; ++i) {
        unsigned char byte = static_cast<unsigned char>(bytes[at + i]);
        message += std::string(" 0x") + digits[byte >> 4] + digits[byte & 0xF];
    }
    SourcePosition position = position_of(bytes, at);
    throw MigrationError(message, {file, position.line, position.column, position.line_text});
}

}  // namespace pgshift
