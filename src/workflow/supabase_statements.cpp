#include "workflow/supabase_statements.hpp"

#include <clocale>
#include <cwctype>
#include <locale.h>
#include <memory>

namespace pgshift {
namespace {

// Go's utf8.RuneError: what an invalid or incomplete sequence decodes to, one byte wide.
constexpr char32_t rune_error = 0xFFFD;

struct Rune {
    char32_t value;
    std::size_t width;
};

bool continuation(unsigned char byte, unsigned char low = 0x80, unsigned char high = 0xBF) {
    return byte >= low && byte <= high;
}

// utf8.DecodeRune.
Rune decode_rune(std::string_view text) {
    if (text.empty()) return {rune_error, 0};
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(0);
    if (lead < 0x80) return {lead, 1};
    std::size_t width = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    if (width == 0 || text.size() < width) return {rune_error, 1};
    unsigned char low = 0x80, high = 0xBF;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
    if (!continuation(byte(1), low, high)) return {rune_error, 1};
    for (std::size_t i = 2; i < width; ++i)
        if (!continuation(byte(i))) return {rune_error, 1};
    char32_t value = lead & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07);
    for (std::size_t i = 1; i < width; ++i) value = (value << 6) | (byte(i) & 0x3F);
    return {value, width};
}

// utf8.DecodeLastRune.
Rune decode_last_rune(std::string_view text) {
    if (text.empty()) return {rune_error, 0};
    std::size_t end = text.size();
    std::size_t start = end - 1;
    if (static_cast<unsigned char>(text[start]) < 0x80) return {static_cast<unsigned char>(text[start]), 1};
    std::size_t limit = end >= 4 ? end - 4 : 0;
    while (start > limit && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    Rune rune = decode_rune(text.substr(start));
    if (start + rune.width != end) return {rune_error, 1};
    return rune;
}

// unicode.IsSpace.
bool is_space(char32_t r) {
    switch (r) {
        case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
        case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
            return true;
        default:
            return r >= 0x2000 && r <= 0x200A;
    }
}

// unicode.IsLetter(r) || unicode.IsDigit(r), from the C.UTF-8 locale's classes (glibc files the
// decimal digits of other scripts under alpha, so together they cover the same letters and digits).
bool is_letter_or_digit(char32_t r) {
    if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9');
    if (r == rune_error) return false;
    static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t(nullptr));
    if (utf8 == locale_t(nullptr)) return !is_space(r);
    return iswalpha_l(static_cast<wint_t>(r), utf8) || iswdigit_l(static_cast<wint_t>(r), utf8);
}

bool is_identifier_rune(char32_t r) { return is_letter_or_digit(r) || r == '_' || r == '$'; }

bool equal_fold_ascii(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

std::string_view trim_right_space(std::string_view text) {
    while (!text.empty()) {
        Rune last = decode_last_rune(text);
        if (!is_space(last.value)) break;
        text.remove_suffix(last.width);
    }
    return text;
}

std::string_view trim_left_space(std::string_view text) {
    while (!text.empty()) {
        Rune first = decode_rune(text);
        if (!is_space(first.value)) break;
        text.remove_prefix(first.width);
    }
    return text;
}

// isBeginAtomic: the token so far ends with BEGIN <spaces> ATOMIC, both whole words.
bool is_begin_atomic(std::string_view data) {
    constexpr std::string_view atomic = "ATOMIC", begin = "BEGIN";
    if (data.size() < atomic.size() || !equal_fold_ascii(data.substr(data.size() - atomic.size()), atomic)) return false;
    std::string_view before = data.substr(0, data.size() - atomic.size());
    if (!before.empty() && is_identifier_rune(decode_last_rune(before).value)) return false;
    std::string_view prefix = trim_right_space(before);
    if (prefix.size() < begin.size() || !equal_fold_ascii(prefix.substr(prefix.size() - begin.size()), begin)) return false;
    std::string_view head = prefix.substr(0, prefix.size() - begin.size());
    return head.empty() || !is_identifier_rune(decode_last_rune(head).value);
}

// The splitter's states (state.go), one value each. `prev` is the state an atomic block
// (parentheses, BEGIN ATOMIC ... END) runs inside.
struct State {
    enum class Kind { ready, comment, block, quote, dollar, tag, escape, atomic } kind = Kind::ready;
    int depth = 0;             // block
    char32_t quote = 0;        // quote
    bool escaped = false;      // quote: the delimiter was just seen
    std::string delimiter;     // dollar, atomic
    std::size_t offset = 0;    // tag: where its `$` is in the token
    std::unique_ptr<State> prev;

    static State of(Kind kind) {
        State state;
        state.kind = kind;
        return state;
    }
    static State atomic_block(std::string delimiter) {
        State state = of(Kind::atomic);
        state.delimiter = std::move(delimiter);
        state.prev = std::make_unique<State>();
        return state;
    }
};

bool ends_with(std::string_view data, std::string_view tail) {
    return data.size() >= tail.size() && data.substr(data.size() - tail.size()) == tail;
}

// ReadyState.Next into `out`; false where Go returns nil (a `;`: the token ends).
bool ready_next(char32_t r, std::string_view data, State& out) {
    switch (r) {
        case '$':
            out = State::of(State::Kind::tag);
            out.offset = data.size() - 1;
            return true;
        case '\'':
        case '"':
            out = State::of(State::Kind::quote);
            out.quote = r;
            return true;
        case '-': out = State::of(State::Kind::comment); return true;
        case '/': out = State::of(State::Kind::block); return true;
        case '\\': out = State::of(State::Kind::escape); return true;
        case ';': return false;
        case '(': out = State::atomic_block(")"); return true;
        case 'c':
        case 'C':
            out = is_begin_atomic(data) ? State::atomic_block("END") : State::of(State::Kind::ready);
            return true;
        default: out = State::of(State::Kind::ready); return true;
    }
}

// State.Next in place. False where Go returns nil; `state` is then left as it was, as the Go
// code leaves the state an atomic block holds.
bool step(State& state, char32_t r, std::string_view data) {
    auto become_ready_next = [&]() {
        State next;
        if (!ready_next(r, data, next)) return false;
        state = std::move(next);
        return true;
    };
    switch (state.kind) {
        case State::Kind::ready: return become_ready_next();
        case State::Kind::comment:
            if (r != '-') return become_ready_next();
            state = State::of(State::Kind::dollar);
            state.delimiter = "\n";
            return true;
        case State::Kind::block: {
            std::string_view window = data.substr(data.size() >= 2 ? data.size() - 2 : 0);
            if (window == "/*") {
                ++state.depth;
                return true;
            }
            if (state.depth == 0) return become_ready_next();
            if (window == "*/" && --state.depth == 0) state = State::of(State::Kind::ready);
            return true;
        }
        case State::Kind::quote:
            if (state.escaped) {
                if (r == state.quote) {
                    state.escaped = false;
                    return true;
                }
                return become_ready_next();
            }
            if (r == state.quote) state.escaped = true;
            return true;
        case State::Kind::dollar:
            if (ends_with(data, state.delimiter)) state = State::of(State::Kind::ready);
            return true;
        case State::Kind::tag:
            if (r == '$') {
                std::string delimiter(data.substr(state.offset));
                state = State::of(State::Kind::dollar);
                state.delimiter = std::move(delimiter);
                return true;
            }
            // A rune of a non-ASCII tag is followed by its continuation bytes, which decode to
            // U+FFFD and end the tag: both ways lead back to the ready state.
            if ((r < 0x80 && is_letter_or_digit(r)) || r == '_') return true;
            return become_ready_next();
        case State::Kind::escape: state = State::of(State::Kind::ready); return true;
        case State::Kind::atomic: {
            step(*state.prev, r, data);  // a `;` inside does not end the token
            if (state.prev->kind == State::Kind::ready && data.size() >= state.delimiter.size() &&
                equal_fold_ascii(data.substr(data.size() - state.delimiter.size()), state.delimiter))
                state = State::of(State::Kind::ready);
            return true;
        }
    }
    return true;
}

}  // namespace

std::vector<SplitToken> supabase_split(std::string_view sql) {
    std::vector<SplitToken> tokens;
    State state;
    std::size_t start = 0;
    // The CLI's scanner advances one byte at a time (its loop's `width` is shadowed), decoding
    // a rune at every byte: a continuation byte reads as U+FFFD.
    for (std::size_t i = 0; i < sql.size(); ++i) {
        Rune rune = decode_rune(sql.substr(i));
        std::size_t end = i + rune.width;
        if (!step(state, rune.value, sql.substr(start, end - start))) {
            tokens.push_back({start, sql.substr(start, end - start)});
            state = State();
            start = end;
        }
    }
    if (start < sql.size()) tokens.push_back({start, sql.substr(start)});
    return tokens;
}

std::vector<std::string> supabase_statements(std::string_view sql) {
    std::vector<std::string> statements;
    for (const SplitToken& token : supabase_split(sql)) {
        std::string_view text = token.text;
        while (!text.empty() && text.back() == ';') text.remove_suffix(1);
        text = trim_left_space(trim_right_space(text));
        if (!text.empty()) statements.emplace_back(text);
    }
    return statements;
}

}  // namespace pgshift
