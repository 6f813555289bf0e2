#include "parser/canonical/array_literal.hpp"

#include <cctype>
#include <vector>

namespace pgshift {
namespace {

// array_isspace(): ASCII white space, whatever the locale.
bool array_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

bool equals_null(std::string_view text) {
    if (text.size() != 4) return false;
    for (std::size_t i = 0; i < 4; ++i)
        if (std::toupper(static_cast<unsigned char>(text[i])) != "NULL"[i]) return false;
    return true;
}

struct Item {
    bool is_array = false;
    bool is_null = false;
    std::string value;        // an element's text, as the element's input function receives it
    std::vector<Item> items;  // a sub-array's items
};

// ArrayCount and ReadArrayStr (PostgreSQL 15): braces nest, elements are quoted whole or not at
// all, backslashes escape anywhere, unquoted white space around an element is not part of it.
class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}

    std::optional<Item> read() {
        skip_space();
        if (at_end() || text_[at_] != '{') return std::nullopt;  // explicit bounds, or not an array
        std::optional<Item> array = read_array(true);
        if (!array) return std::nullopt;
        skip_space();
        if (!at_end()) return std::nullopt;  // junk after the closing brace
        return array;
    }

private:
    bool at_end() const { return at_ >= text_.size(); }
    void skip_space() {
        while (!at_end() && array_space(text_[at_])) ++at_;
    }

    std::optional<Item> read_array(bool outermost) {
        ++at_;  // {
        Item array;
        array.is_array = true;
        skip_space();
        if (!at_end() && text_[at_] == '}') {
            ++at_;
            // {} stands for an empty array at the outermost level only.
            return outermost ? std::optional<Item>(array) : std::nullopt;
        }
        for (;;) {
            skip_space();
            if (at_end()) return std::nullopt;
            std::optional<Item> item = text_[at_] == '{' ? read_array(false) : read_element();
            if (!item) return std::nullopt;
            // A level holds elements or sub-arrays, never both.
            if (!array.items.empty() && array.items.front().is_array != item->is_array) return std::nullopt;
            array.items.push_back(std::move(*item));
            skip_space();
            if (at_end()) return std::nullopt;
            char next = text_[at_++];
            if (next == '}') break;
            if (next != ',') return std::nullopt;
        }
        // Sub-arrays must have matching dimensions.
        for (const Item& item : array.items)
            if (item.is_array && !same_shape(item, array.items.front())) return std::nullopt;
        return array;
    }

    static bool same_shape(const Item& a, const Item& b) {
        if (a.is_array != b.is_array) return false;
        if (!a.is_array) return true;
        if (a.items.size() != b.items.size()) return false;
        for (std::size_t i = 0; i < a.items.size(); ++i)
            if (!same_shape(a.items[i], b.items[i])) return false;
        return true;
    }

    std::optional<Item> read_element() {
        Item element;
        if (text_[at_] == '"') {
            ++at_;
            for (;;) {
                if (at_end()) return std::nullopt;
                char c = text_[at_++];
                if (c == '"') break;
                if (c == '\\') {
                    if (at_end()) return std::nullopt;
                    c = text_[at_++];
                }
                element.value += c;
            }
            return element;  // quoted: never NULL
        }
        bool escaped_any = false;
        std::size_t significant = 0;  // length up to the last character that is not unquoted white space
        while (!at_end()) {
            char c = text_[at_];
            if (c == ',' || c == '}') break;
            if (c == '{' || c == '"') return std::nullopt;
            ++at_;
            if (c == '\\') {
                if (at_end()) return std::nullopt;
                element.value += text_[at_++];
                escaped_any = true;
                significant = element.value.size();
                continue;
            }
            element.value += c;
            if (!array_space(c)) significant = element.value.size();
        }
        element.value.resize(significant);
        if (element.value.empty() && !escaped_any) return std::nullopt;  // {a,,b}
        element.is_null = !escaped_any && equals_null(element.value);
        return element;
    }

    std::string_view text_;
    std::size_t at_ = 0;
};

// int2in / int4in / int8in then their output: optional white space and sign, decimal digits.
std::optional<std::string> integer_text(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    text = text.substr(begin, end - begin);
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text.empty()) return std::nullopt;
    for (char c : text)
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    while (text.size() > 1 && text[0] == '0') text.remove_prefix(1);
    if (text == "0") negative = false;
    return (negative ? "-" : "") + std::string(text);
}

void write_element(const std::string& value, std::string& out) {
    bool quote = value.empty() || equals_null(value);
    for (char c : value)
        quote = quote || c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || array_space(c);
    if (!quote) {
        out += value;
        return;
    }
    out += '"';
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

bool write(const Item& item, ArrayElement element, std::string& out) {
    if (item.is_array) {
        out += '{';
        for (std::size_t i = 0; i < item.items.size(); ++i) {
            if (i) out += ',';
            if (!write(item.items[i], element, out)) return false;
        }
        out += '}';
        return true;
    }
    if (item.is_null) {
        out += "NULL";
        return true;
    }
    switch (element) {
        case ArrayElement::as_read: write_element(item.value, out); return true;
        case ArrayElement::integer: {
            std::optional<std::string> number = integer_text(item.value);
            if (number) out += *number;
            return bool(number);
        }
        case ArrayElement::boolean: {
            std::optional<bool> value = boolean_input(item.value);
            if (value) out += *value ? 't' : 'f';
            return bool(value);
        }
    }
    return false;
}

}  // namespace

std::optional<bool> boolean_input(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    std::string word(text);
    for (char& c : word) c = char(std::tolower(static_cast<unsigned char>(c)));
    auto starts = [&](std::string_view full, std::size_t at_least) {
        return word.size() >= at_least && word.size() <= full.size() && full.compare(0, word.size(), word) == 0;
    };
    if (starts("true", 1) || starts("yes", 1) || word == "on" || word == "1") return true;
    if (starts("false", 1) || starts("no", 1) || starts("off", 2) || word == "0") return false;
    return std::nullopt;
}

ArrayElement array_element_of(std::string_view type) {
    if (type.compare(0, 11, "pg_catalog.") == 0) type.remove_prefix(11);
    if (type == "int2" || type == "int4" || type == "int8" || type == "smallint" || type == "integer" || type == "bigint")
        return ArrayElement::integer;
    if (type == "bool" || type == "boolean") return ArrayElement::boolean;
    return ArrayElement::as_read;
}

std::optional<std::string> array_output(std::string_view text, ArrayElement element) {
    std::optional<Item> array = Reader(text).read();
    if (!array) return std::nullopt;
    std::string out;
    if (!write(*array, element, out)) return std::nullopt;
    return out;
}

}  // namespace pgshift
