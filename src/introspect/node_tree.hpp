// pg_node_tree: the text form in which the catalog stores expressions (conbin, indpred, adbin,
// polqual, ...), as PostgreSQL's outfuncs.c writes it. Read so that the client can print an
// expression itself instead of asking the server, which must load the expression's table first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pgshift {

class NodeTree;
class TreeNode;

// One value of a tree: a scalar token, a node, a list, a Const's datum bytes, or nothing (<>).
// A handle into its NodeTree, which must outlive it.
class TreeValue {
  public:
    enum class Kind : std::uint8_t { null, scalar, node, list, datum };
    TreeValue() = default;
    TreeValue(const NodeTree* tree, std::uint32_t index) : tree_(tree), index_(index) {}

    Kind kind() const;
    bool is_node(std::string_view type) const;
    TreeNode node() const;
    std::string_view scalar() const;  // the token as written (backslash escapes kept); a list's marker (i, o, b)
    std::size_t size() const;         // a list's items
    TreeValue item(std::size_t i) const;
    std::vector<std::uint8_t> bytes() const;  // a datum's

  private:
    const NodeTree* tree_ = nullptr;
    std::uint32_t index_ = 0;
};

class TreeNode {
  public:
    TreeNode(const NodeTree* tree, std::uint32_t index) : tree_(tree), index_(index) {}
    std::string_view type() const;  // VAR, CONST, OPEXPR, ...
    // The field's value; a null value when the node has no such field.
    TreeValue field(std::string_view name) const;
    std::int64_t integer(std::string_view name) const;  // 0 when absent or not a number
    bool flag(std::string_view name) const { return field(name).scalar() == "true"; }

  private:
    const NodeTree* tree_;
    std::uint32_t index_;
};

// A parsed tree, in flat arrays. `parse` may be called again: the arrays are reused.
class NodeTree {
  public:
    // Parses `text`, which must outlive the tree's use. Throws std::runtime_error on text it cannot read.
    void parse(std::string_view text);
    TreeValue root() const { return {this, 0}; }

  private:
    friend class TreeValue;
    friend class TreeNode;
    struct Value {
        TreeValue::Kind kind = TreeValue::Kind::null;
        std::string_view token;            // scalar; node type; list marker
        std::uint32_t first = 0, count = 0;  // node: fields_; list: items_; datum: bytes_
    };
    struct Field {
        std::string_view name;
        std::uint32_t value;
    };
    std::uint32_t read_value(std::string_view token);
    void read_node(std::uint32_t node);

    std::string_view text_;
    std::size_t position_ = 0;
    std::string_view peeked_;  // the token after position_, once peeked at
    std::vector<Value> values_;
    std::vector<Field> fields_;
    std::vector<std::uint32_t> items_;
    std::vector<std::uint8_t> bytes_;
    std::vector<Field> field_stack_;        // fields of the nodes being read, moved to fields_ when done
    std::vector<std::uint32_t> item_stack_;  // likewise for lists

    std::string_view next_token();
    std::string_view peek_token();
};

}  // namespace pgshift
