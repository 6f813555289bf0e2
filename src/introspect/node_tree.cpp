#include "introspect/node_tree.hpp"

#include <array>
#include <charconv>
#include <stdexcept>

namespace pgshift {
namespace {

// Character classes of pg_strtok(), looked up: the tokenizer is most of a tree's reading.
enum : std::uint8_t { plain, space, delimiter, backslash };
constexpr auto character_classes = [] {
    std::array<std::uint8_t, 256> classes{};
    classes[' '] = classes['\n'] = classes['\t'] = space;
    classes['('] = classes[')'] = classes['{'] = classes['}'] = delimiter;
    classes['\\'] = backslash;
    return classes;
}();
std::uint8_t class_of(char c) { return character_classes[static_cast<unsigned char>(c)]; }

[[noreturn]] void malformed(std::string_view what) { throw std::runtime_error("malformed pg_node_tree: " + std::string(what)); }

std::int64_t to_integer(std::string_view token) {
    std::int64_t value = 0;
    std::from_chars(token.data(), token.data() + token.size(), value);
    return value;
}

}  // namespace

// Tokens as read.c's pg_strtok() splits them: parentheses and braces alone, everything else up
// to whitespace or one of those; a backslash protects the character after it. A token peeked at
// is kept for the next_token() that follows.
std::string_view NodeTree::peek_token() {
    if (peeked_.data()) return peeked_;
    const char* at = text_.data() + position_;
    const char* end = text_.data() + text_.size();
    while (at < end && class_of(*at) == space) ++at;
    const char* start = at;
    if (at < end && class_of(*at) == delimiter) {
        ++at;
    } else {
        for (std::uint8_t kind; at < end && (kind = class_of(*at)) != space && kind != delimiter;) at += kind == backslash && at + 1 < end ? 2 : 1;
    }
    peeked_ = std::string_view(start, std::size_t(at - start));
    return peeked_;
}

std::string_view NodeTree::next_token() {
    std::string_view token = peek_token();
    position_ = std::size_t(token.data() - text_.data()) + token.size();
    peeked_ = {};
    return token;
}

void NodeTree::parse(std::string_view text) {
    text_ = text;
    position_ = 0;
    peeked_ = {};
    values_.clear();
    fields_.clear();
    items_.clear();
    bytes_.clear();
    read_value(next_token());
    if (!next_token().empty()) malformed("text after the tree");
}

std::uint32_t NodeTree::read_value(std::string_view token) {
    auto index = std::uint32_t(values_.size());
    values_.emplace_back();
    if (token.empty()) malformed("unexpected end");
    if (token == "<>") return index;
    if (token == "{") {
        values_[index].kind = TreeValue::Kind::node;
        read_node(index);
    } else if (token == "(") {
        values_[index].kind = TreeValue::Kind::list;
        std::string_view first = peek_token();
        if (first == "i" || first == "o" || first == "x" || first == "b") values_[index].token = next_token();
        std::size_t mark = item_stack_.size();
        for (std::string_view item = next_token(); item != ")"; item = next_token()) {
            std::uint32_t child = read_value(item);
            item_stack_.push_back(child);
        }
        values_[index].first = std::uint32_t(items_.size());
        values_[index].count = std::uint32_t(item_stack_.size() - mark);
        items_.insert(items_.end(), item_stack_.begin() + std::ptrdiff_t(mark), item_stack_.end());
        item_stack_.resize(mark);
    } else if (token == "}" || token == ")") {
        malformed("unexpected " + std::string(token));
    } else {
        values_[index].kind = TreeValue::Kind::scalar;
        values_[index].token = token;
        if (peek_token() == "[") {
            // A datum: its length, then its bytes as signed decimal numbers.
            next_token();
            values_[index].kind = TreeValue::Kind::datum;
            values_[index].first = std::uint32_t(bytes_.size());
            for (std::string_view byte = next_token(); byte != "]"; byte = next_token()) {
                if (byte.empty()) malformed("unterminated datum");
                bytes_.push_back(static_cast<std::uint8_t>(to_integer(byte)));
            }
            values_[index].count = std::uint32_t(bytes_.size()) - values_[index].first;
        }
    }
    return index;
}

void NodeTree::read_node(std::uint32_t node) {
    values_[node].token = next_token();
    std::size_t mark = field_stack_.size();
    for (;;) {
        std::string_view token = next_token();
        if (token == "}") break;
        if (token.empty() || token[0] != ':') malformed("expected a field of " + std::string(values_[node].token));
        std::uint32_t value = read_value(next_token());
        field_stack_.push_back({token.substr(1), value});
    }
    values_[node].first = std::uint32_t(fields_.size());
    values_[node].count = std::uint32_t(field_stack_.size() - mark);
    fields_.insert(fields_.end(), field_stack_.begin() + std::ptrdiff_t(mark), field_stack_.end());
    field_stack_.resize(mark);
}

TreeValue::Kind TreeValue::kind() const { return tree_ ? tree_->values_[index_].kind : Kind::null; }

bool TreeValue::is_node(std::string_view type) const { return kind() == Kind::node && tree_->values_[index_].token == type; }

TreeNode TreeValue::node() const { return {tree_, index_}; }

std::string_view TreeValue::scalar() const { return tree_ ? tree_->values_[index_].token : std::string_view(); }

std::size_t TreeValue::size() const { return kind() == Kind::list ? tree_->values_[index_].count : 0; }

TreeValue TreeValue::item(std::size_t i) const { return {tree_, tree_->items_[tree_->values_[index_].first + i]}; }

std::vector<std::uint8_t> TreeValue::bytes() const {
    if (kind() != Kind::datum) return {};
    const NodeTree::Value& value = tree_->values_[index_];
    auto begin = tree_->bytes_.begin() + value.first;
    return {begin, begin + value.count};
}

std::string_view TreeNode::type() const { return tree_->values_[index_].token; }

TreeValue TreeNode::field(std::string_view name) const {
    const NodeTree::Value& node = tree_->values_[index_];
    for (std::uint32_t i = node.first; i < node.first + node.count; ++i)
        if (tree_->fields_[i].name == name) return {tree_, tree_->fields_[i].value};
    return {};
}

std::int64_t TreeNode::integer(std::string_view name) const {
    TreeValue value = field(name);
    return value.kind() == TreeValue::Kind::scalar ? to_integer(value.scalar()) : 0;
}

}  // namespace pgshift
