#include "model/acl.hpp"

#include <array>
#include <utility>

namespace pgshift {
namespace {

// aclitem's letter order (ACL_ALL_RIGHTS_STR).
constexpr std::string_view letter_order = "arwdDxtXUCTcsA";

constexpr std::array<std::pair<std::string_view, char>, 13> keyword_letters = {{
    {"insert", 'a'}, {"select", 'r'}, {"update", 'w'}, {"delete", 'd'}, {"truncate", 'D'},
    {"references", 'x'}, {"trigger", 't'}, {"execute", 'X'}, {"usage", 'U'}, {"create", 'C'},
    {"temporary", 'T'}, {"temp", 'T'}, {"connect", 'c'},
}};

// Letters are stored as "a*rw": a letter, then '*' when it carries the grant option.
struct PrivilegeBits {
    unsigned privileges = 0;
    unsigned grant_options = 0;
};

PrivilegeBits decode(std::string_view text) {
    PrivilegeBits bits;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto position = letter_order.find(text[i]);
        if (position == std::string_view::npos) continue;
        bits.privileges |= 1u << position;
        if (i + 1 < text.size() && text[i + 1] == '*') bits.grant_options |= 1u << position;
    }
    return bits;
}

std::string encode(PrivilegeBits bits) {
    std::string text;
    for (std::size_t i = 0; i < letter_order.size(); ++i) {
        if (!(bits.privileges & (1u << i))) continue;
        text.push_back(letter_order[i]);
        if (bits.grant_options & (1u << i)) text.push_back('*');
    }
    return text;
}

unsigned letter_bits(std::string_view letters) { return decode(letters).privileges; }

void merge_into(Acl& target, const Acl& source) {
    for (const auto& [grantee, letters] : source) {
        PrivilegeBits merged = decode(target[grantee]);
        PrivilegeBits added = decode(letters);
        merged.privileges |= added.privileges;
        merged.grant_options |= added.grant_options;
        target[grantee] = encode(merged);
    }
}

}  // namespace

std::string_view all_privileges(char object_class) {
    switch (object_class) {
        case acl_object::table: return "arwdDxt";
        case acl_object::sequence: return "rwU";
        case acl_object::function: return "X";
        case acl_object::type: return "U";
        case acl_object::schema: return "UC";
        case acl_object::column: return "arwx";
        case acl_object::database: return "CTc";
        case acl_object::foreign_data_wrapper:
        case acl_object::foreign_server: return "U";
        default: return "";
    }
}

char privilege_letter(std::string_view privilege_keyword_text) {
    for (const auto& [keyword, letter] : keyword_letters)
        if (keyword == privilege_keyword_text) return letter;
    return 0;
}

std::string_view privilege_keyword(char letter) {
    switch (letter) {
        case 'a': return "INSERT";
        case 'r': return "SELECT";
        case 'w': return "UPDATE";
        case 'd': return "DELETE";
        case 'D': return "TRUNCATE";
        case 'x': return "REFERENCES";
        case 't': return "TRIGGER";
        case 'X': return "EXECUTE";
        case 'U': return "USAGE";
        case 'C': return "CREATE";
        case 'T': return "TEMPORARY";
        case 'c': return "CONNECT";
        default: return "UNKNOWN";
    }
}

Acl default_acl(char object_class, const std::string& owner) {
    Acl acl;
    if (object_class == acl_object::column) return acl;
    acl[owner] = std::string(all_privileges(object_class));
    if (object_class == acl_object::function || object_class == acl_object::type)
        acl["PUBLIC"] = std::string(all_privileges(object_class));
    if (object_class == acl_object::database) acl["PUBLIC"] = "Tc";  // TEMPORARY and CONNECT
    return acl;
}

void acl_grant(Acl& acl, const std::string& grantee, std::string_view letters, bool with_grant_option) {
    PrivilegeBits bits = decode(acl[grantee]);
    unsigned added = letter_bits(letters);
    bits.privileges |= added;
    if (with_grant_option) bits.grant_options |= added;
    acl[grantee] = encode(bits);
}

void acl_revoke(Acl& acl, const std::string& grantee, std::string_view letters, bool grant_option_only) {
    auto entry = acl.find(grantee);
    if (entry == acl.end()) return;
    PrivilegeBits bits = decode(entry->second);
    unsigned removed = letter_bits(letters);
    bits.grant_options &= ~removed;
    if (!grant_option_only) bits.privileges &= ~removed;
    if (bits.privileges == 0)
        acl.erase(entry);
    else
        entry->second = encode(bits);
}

void acl_change_owner(Acl& acl, const std::string& old_owner, const std::string& new_owner) {
    auto entry = acl.find(old_owner);
    if (entry == acl.end() || old_owner == new_owner) return;
    Acl moved{{new_owner, entry->second}};
    acl.erase(entry);
    merge_into(acl, moved);
}

std::optional<Acl> initial_acl(const SchemaModel& model, char object_class, const std::string& owner,
                               const std::string& schema) {
    auto global = model.default_privileges.find({owner, "", object_class});
    auto in_schema = schema.empty() ? model.default_privileges.end()
                                    : model.default_privileges.find({owner, schema, object_class});
    bool has_global = global != model.default_privileges.end();
    bool has_schema = in_schema != model.default_privileges.end();
    if (!has_global && !has_schema) return std::nullopt;
    Acl acl = has_global ? global->second : default_acl(object_class, owner);
    if (has_schema) merge_into(acl, in_schema->second);
    if (acl == default_acl(object_class, owner)) return std::nullopt;
    return acl;
}

Acl parse_acl_items(const std::vector<std::string>& items) {
    Acl acl;
    for (const std::string& item : items) {
        // The grantee may be a quoted identifier containing '=' or '"'.
        std::string grantee;
        std::size_t i = 0;
        if (!item.empty() && item[0] == '"') {
            for (i = 1; i < item.size(); ++i) {
                if (item[i] == '"' && i + 1 < item.size() && item[i + 1] == '"') {
                    grantee += '"';
                    ++i;
                } else if (item[i] == '"') {
                    ++i;
                    break;
                } else {
                    grantee += item[i];
                }
            }
        } else {
            while (i < item.size() && item[i] != '=') grantee += item[i++];
        }
        if (i >= item.size() || item[i] != '=') continue;
        std::size_t slash = item.find('/', i + 1);
        std::string letters = item.substr(i + 1, slash == std::string::npos ? std::string::npos : slash - i - 1);
        PrivilegeBits merged = decode(acl[grantee.empty() ? "PUBLIC" : grantee]);
        PrivilegeBits added = decode(letters);
        merged.privileges |= added.privileges;
        merged.grant_options |= added.grant_options;
        acl[grantee.empty() ? "PUBLIC" : grantee] = encode(merged);
    }
    return acl;
}

std::size_t count_grants(const std::optional<Acl>& acl, const std::string& owner) {
    if (!acl) return 0;
    std::size_t count = 0;
    for (const auto& [grantee, letters] : *acl) {
        if (grantee == owner) continue;
        for (char c : letters)
            if (c != '*') ++count;
    }
    return count;
}

}  // namespace pgshift
