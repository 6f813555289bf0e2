#include "model/names.hpp"

#include <algorithm>
#include <iterator>

namespace pgshift {
namespace {

// Keywords quote_ident() quotes: every category but UNRESERVED_KEYWORD (PostgreSQL 15 kwlist.h).
constexpr std::string_view quoted_keywords[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
    "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
    "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create",
    "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
    "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc",
    "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for",
    "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike",
    "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is",
    "isnull", "join", "json_array", "json_object", "lateral", "leading", "least", "left", "like", "limit", "localtime",
    "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null",
    "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay",
    "placing", "position", "precision", "primary", "real", "references", "returning", "right", "row",
    "select", "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric",
    "table", "tablesample", "then", "time", "timestamp",
    "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values",
    "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes",
    "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi",
    "xmlroot", "xmlserialize", "xmltable"};

constexpr bool sorted(const std::string_view* begin, const std::string_view* end) {
    for (const std::string_view* word = begin; word + 1 < end; ++word)
        if (!(word[0] < word[1])) return false;
    return true;
}
static_assert(sorted(std::begin(quoted_keywords), std::end(quoted_keywords)), "binary search needs the keywords sorted");

// Every identifier printed is looked up here.
bool is_quoted_keyword(std::string_view word) {
    return std::binary_search(std::begin(quoted_keywords), std::end(quoted_keywords), word);
}

// Longest prefix of at most `max_bytes` that does not split a UTF-8 sequence (pg_mbcliplen).
std::size_t clip_utf8(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text.size();
    std::size_t length = max_bytes;
    while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;
    return length;
}

}  // namespace

std::string quote_ident(std::string_view identifier) {
    bool safe = !identifier.empty() &&
                ((identifier[0] >= 'a' && identifier[0] <= 'z') || identifier[0] == '_');
    for (char c : identifier) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            safe = false;
            break;
        }
    }
    if (safe && !is_quoted_keyword(identifier)) return std::string(identifier);
    std::string quoted;
    quoted.reserve(identifier.size() + 2);
    quoted.push_back('"');
    for (char c : identifier) {
        if (c == '"') quoted.push_back('"');
        quoted.push_back(c);
    }
    quoted.push_back('"');
    return quoted;
}

std::string qualified(const QualifiedName& name) {
    return quote_ident(name.schema) + "." + quote_ident(name.name);
}

std::string truncate_identifier(std::string_view identifier) {
    return std::string(identifier.substr(0, clip_utf8(identifier, max_identifier_bytes)));
}

std::string make_object_name(std::string_view name1, std::string_view name2, std::string_view label) {
    std::size_t overhead = (name2.empty() ? 0 : 1) + (label.empty() ? 0 : label.size() + 1);
    std::size_t available = max_identifier_bytes - overhead;
    std::size_t name1_chars = name1.size();
    std::size_t name2_chars = name2.size();
    while (name1_chars + name2_chars > available) {
        if (name1_chars > name2_chars)
            --name1_chars;
        else
            --name2_chars;
    }
    name1_chars = clip_utf8(name1, name1_chars);
    name2_chars = clip_utf8(name2, name2_chars);
    std::string result(name1.substr(0, name1_chars));
    if (!name2.empty()) {
        result.push_back('_');
        result.append(name2.substr(0, name2_chars));
    }
    if (!label.empty()) {
        result.push_back('_');
        result.append(label);
    }
    return result;
}

std::string choose_name(std::string_view name1, std::string_view name2, std::string_view label,
                        const std::function<bool(const std::string&)>& taken) {
    std::string modified_label(label);
    for (int pass = 1;; ++pass) {
        std::string candidate = make_object_name(name1, name2, modified_label);
        if (!taken(candidate)) return candidate;
        modified_label = std::string(label) + std::to_string(pass);
    }
}

std::string name_addition(const std::vector<std::string>& column_names) {
    std::string buffer;
    for (const std::string& column : column_names) {
        if (!buffer.empty()) buffer.push_back('_');
        buffer.append(column.substr(0, max_identifier_bytes));
        if (buffer.size() >= max_identifier_bytes + 1) break;
    }
    return buffer;
}

std::vector<std::string> split_search_path(std::string_view setting) {
    std::vector<std::string> path;
    std::string current;
    bool quoted = false, any = false;
    auto finish = [&]() {
        if (any) path.push_back(current);
        current.clear();
        any = false;
    };
    for (std::size_t i = 0; i < setting.size(); ++i) {
        char c = setting[i];
        if (quoted) {
            if (c == '"' && i + 1 < setting.size() && setting[i + 1] == '"') {
                current += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                current += c;
            }
        } else if (c == '"') {
            quoted = any = true;
        } else if (c == ',') {
            finish();
        } else if (c != ' ' && c != '\t') {
            current += c;
            any = true;
        }
    }
    finish();
    return path;
}

std::string quote_literal(std::string_view text) {
    std::string quoted = "'";
    for (char c : text) {
        if (c == '\'') quoted += '\'';
        quoted += c;
    }
    return quoted + "'";
}

std::string nextval_default(const QualifiedName& sequence) { return "nextval(" + quote_literal(qualified(sequence)) + ")"; }

}  // namespace pgshift
