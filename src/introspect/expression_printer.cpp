#include "introspect/expression_printer.hpp"

#include <cctype>
#include <cstring>

#include "model/names.hpp"

// What follows mirrors PostgreSQL 15's ruleutils.c (get_rule_expr and the functions it calls)
// with the flags pg_get_expr uses: no pretty parentheses, implicit casts hidden at the top and
// shown inside operators and function arguments.
namespace pgshift {
namespace {

constexpr std::int64_t bool_type = 16, name_type = 19, int8_type = 20, int2_type = 21, int4_type = 23, text_type = 25,
                       unknown_type = 705, bpchar_type = 1042, varchar_type = 1043, interval_type = 1186, numeric_type = 1700,
                       uuid_type = 2950, record_type = 2249;
constexpr std::int64_t default_collation = 100, c_collation = 950;

// CoercionForm
constexpr std::int64_t explicit_cast = 1, implicit_cast = 2;

struct Unsupported {};

class Printer {
  public:
    // Collecting: names are noted, nothing is looked up.
    explicit Printer(CatalogNameRequests& requests) : requests_(&requests) {}
    // Collecting from a view's query.
    Printer(CatalogNameRequests& requests, const ColumnNumbers& columns) : requests_(&requests), column_numbers_(&columns) {}
    Printer(const std::vector<std::string>& columns, const CatalogNames& names) : columns_(&columns), names_(&names) {}
    // Printing a view's query: columns are named through its range table.
    Printer(const ColumnNumbers& columns, std::int64_t view, const CatalogNames& names)
        : column_numbers_(&columns), view_(view), names_(&names) {}

    void expression(TreeValue value, bool show_implicit) {
        if (value.kind() == TreeValue::Kind::null) return;
        if (value.kind() != TreeValue::Kind::node) throw Unsupported{};
        TreeNode node = value.node();
        std::string_view type = node.type();
        if (type == "VAR") return variable(node);
        if (type == "CONST") return constant(node, 0);
        if (type == "OPEXPR") return operator_expression(node);
        if (type == "DISTINCTEXPR") return binary(node, " IS DISTINCT FROM ");
        if (type == "NULLIFEXPR") return call("NULLIF(", node.field("args"));
        if (type == "FUNCEXPR") return function_expression(node, show_implicit);
        if (type == "SCALARARRAYOPEXPR") return array_operator_expression(node);
        if (type == "BOOLEXPR") return boolean_expression(node);
        if (type == "RELABELTYPE") return cast(node, "relabelformat", node.integer("resulttypmod"), show_implicit);
        if (type == "COERCEVIAIO") return cast(node, "coerceformat", -1, show_implicit);
        if (type == "ARRAYCOERCEEXPR") return cast(node, "coerceformat", node.integer("resulttypmod"), show_implicit);
        if (type == "COERCETODOMAIN") return cast(node, "coercionformat", node.integer("resulttypmod"), show_implicit);
        if (type == "ARRAYEXPR") return array(node);
        if (type == "NULLTEST") return null_test(node);
        if (type == "BOOLEANTEST") return boolean_test(node);
        if (type == "COALESCEEXPR") return call("COALESCE(", node.field("args"));
        if (type == "MINMAXEXPR") return call(node.integer("op") == 0 ? "GREATEST(" : "LEAST(", node.field("args"));
        if (type == "SQLVALUEFUNCTION") return sql_value_function(node);
        if (type == "SUBLINK") return sublink(node);
        throw Unsupported{};
    }

    std::string take() { return std::move(out_); }

    // get_query_def() for a SELECT from tables and joins with a WHERE, laid out on lines as the
    // server lays it out (the planner writes it into migrations); anything else is left to the server. PostgreSQL 15 keeps the rule's OLD and NEW entries at the head of the range
    // table, so column references are always qualified by their relation's name.
    void view_query(TreeValue actions) {
        constexpr std::int64_t select_command = 1;
        if (actions.kind() != TreeValue::Kind::list || !actions.scalar().empty() || actions.size() != 1 ||
            !actions.item(0).is_node("QUERY"))
            throw Unsupported{};
        TreeNode query = actions.item(0).node();
        if (query.integer("commandType") != select_command) throw Unsupported{};
        for (const char* clause : {"utilityStmt", "cteList", "groupClause", "groupingSets", "havingQual", "windowClause",
                                   "distinctClause", "sortClause", "limitOffset", "limitCount", "setOperations", "rowMarks"})
            if (query.field(clause).kind() != TreeValue::Kind::null) throw Unsupported{};
        for (const char* property : {"hasAggs", "hasWindowFuncs", "hasTargetSRFs", "hasSubLinks", "hasDistinctOn", "hasRecursive",
                                     "hasModifyingCTE", "hasForUpdate"})
            if (query.flag(property)) throw Unsupported{};
        range_table(query.field("rtable"));
        TreeValue jointree = query.field("jointree");
        if (!jointree.is_node("FROMEXPR")) throw Unsupported{};
        out_ += " SELECT ";
        target_list(query.field("targetList"));
        TreeValue from = jointree.node().field("fromlist");
        if (from.kind() != TreeValue::Kind::null) {
            if (from.kind() != TreeValue::Kind::list || !from.scalar().empty()) throw Unsupported{};
            out_ += "\n   FROM ";
            for (std::size_t i = 0; i < from.size(); ++i) {
                if (i) out_ += ", ";
                from_item(from.item(i));
            }
        }
        TreeValue where = jointree.node().field("quals");
        if (where.kind() != TreeValue::Kind::null) {
            out_ += "\n  WHERE ";
            expression(where, false);
        }
    }

  private:
    bool collecting() const { return requests_ != nullptr; }

    void list(TreeValue items, bool show_implicit) {
        if (items.kind() == TreeValue::Kind::null) return;
        if (items.kind() != TreeValue::Kind::list || !items.scalar().empty()) throw Unsupported{};
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) out_ += ", ";
            expression(items.item(i), show_implicit);
        }
    }
    // A node's argument list: a node list (no marker), or nothing (<>) for none.
    static TreeValue arguments(TreeNode node) {
        TreeValue args = node.field("args");
        if (args.kind() == TreeValue::Kind::null) return args;
        if (args.kind() != TreeValue::Kind::list || !args.scalar().empty()) throw Unsupported{};
        return args;
    }

    void variable(TreeNode node) {
        if (column_numbers_) {
            std::string name = range_column(node);
            if (!collecting()) out_ += quote_ident(range_[std::size_t(node.integer("varno") - 1)].refname) + "." + quote_ident(name);
            return;
        }
        std::int64_t number = node.integer("varattno");
        if (node.integer("varno") != 1 || node.integer("varlevelsup") != 0 || number <= 0) throw Unsupported{};
        if (collecting()) return;
        if (std::size_t(number) >= columns_->size() || (*columns_)[std::size_t(number)].empty()) throw Unsupported{};
        out_ += quote_ident((*columns_)[std::size_t(number)]);
    }

    // A query's range table: relations (each with the name it is referred to by) and joins.
    struct RangeEntry {
        bool relation = false, only = false, aliased = false;
        std::int64_t oid = 0;
        std::string refname;  // while printing
    };
    void range_table(TreeValue entries) {
        constexpr std::int64_t relation_entry = 0, join_entry = 2;
        if (entries.kind() != TreeValue::Kind::list || !entries.scalar().empty()) throw Unsupported{};
        std::set<std::string> refnames;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (!entries.item(i).is_node("RANGETBLENTRY")) throw Unsupported{};
            TreeNode entry = entries.item(i).node();
            RangeEntry& range = range_.emplace_back();
            TreeValue alias = entry.field("alias");
            std::int64_t kind = entry.integer("rtekind");
            if (kind == join_entry) {
                if (alias.kind() != TreeValue::Kind::null || entry.field("join_using_alias").kind() != TreeValue::Kind::null) throw Unsupported{};
                continue;
            }
            if (kind != relation_entry || entry.field("tablesample").kind() != TreeValue::Kind::null) throw Unsupported{};
            range.relation = true;
            range.oid = entry.integer("relid");
            range.only = !entry.flag("inh");
            if (alias.kind() != TreeValue::Kind::null) {
                if (!alias.is_node("ALIAS") || alias.node().field("colnames").kind() != TreeValue::Kind::null) throw Unsupported{};
                std::string_view name = alias.node().field("aliasname").scalar();
                if (name.empty() || name.find('\\') != std::string_view::npos || name == "\"\"") throw Unsupported{};
                range.aliased = true;
                range.refname = name;
            }
            if (collecting()) continue;
            if (!range.aliased) range.refname = relation(range.oid).name;
            // set_rtable_names() would rename a repeated name; not done here.
            if (!refnames.insert(range.refname).second) throw Unsupported{};
        }
    }
    // The column a Var of the query names (its relation's current name for it).
    std::string range_column(TreeNode node) {
        std::int64_t number = node.integer("varattno"), entry = node.integer("varno");
        if (node.integer("varlevelsup") != 0 || number <= 0 || entry < 1 || std::size_t(entry) > range_.size() ||
            !range_[std::size_t(entry - 1)].relation)
            throw Unsupported{};
        if (collecting()) return {};
        const ColumnNumbers::Entry* column = column_numbers_->find(range_[std::size_t(entry - 1)].oid, number);
        if (!column || column->name.empty()) throw Unsupported{};
        return column->name;
    }
    const CatalogNames::Name& relation(std::int64_t oid) const {
        auto found = names_->relations.find(oid);
        if (found == names_->relations.end()) throw Unsupported{};
        return found->second;
    }

    // Each output column, named AS the view's column unless a column reference already has its name.
    void target_list(TreeValue targets) {
        if (targets.kind() != TreeValue::Kind::list || !targets.scalar().empty() || targets.size() == 0) throw Unsupported{};
        std::vector<std::string> names = collecting() ? std::vector<std::string>() : column_numbers_->all_names(view_);
        for (std::size_t i = 0; i < targets.size(); ++i) {
            if (!targets.item(i).is_node("TARGETENTRY")) throw Unsupported{};
            TreeNode target = targets.item(i).node();
            std::int64_t number = target.integer("resno");
            if (target.flag("resjunk") || number != std::int64_t(i) + 1) throw Unsupported{};
            if (i) out_ += ",\n    ";
            TreeValue value = target.field("expr");
            expression(value, true);
            if (collecting()) continue;
            if (std::size_t(number) >= names.size() || names[std::size_t(number)].empty()) throw Unsupported{};
            const std::string& name = names[std::size_t(number)];
            if (!value.is_node("VAR") || range_column(value.node()) != name) out_ += " AS " + quote_ident(name);
        }
    }

    // get_from_clause_item(): a relation with its alias, or a join of two items.
    void from_item(TreeValue item) {
        if (item.is_node("RANGETBLREF")) {
            std::int64_t index = item.node().integer("rtindex");
            if (index < 1 || std::size_t(index) > range_.size() || !range_[std::size_t(index - 1)].relation) throw Unsupported{};
            if (collecting()) return;
            const RangeEntry& entry = range_[std::size_t(index - 1)];
            const CatalogNames::Name& name = relation(entry.oid);
            out_ += (entry.only ? "ONLY " : "") + quote_ident(name.schema) + "." + quote_ident(name.name);
            if (entry.aliased || entry.refname != name.name) out_ += " " + quote_ident(entry.refname);
            return;
        }
        if (!item.is_node("JOINEXPR")) throw Unsupported{};
        TreeNode join = item.node();
        if (join.flag("isNatural") || join.field("usingClause").kind() != TreeValue::Kind::null ||
            join.field("alias").kind() != TreeValue::Kind::null || join.field("join_using_alias").kind() != TreeValue::Kind::null)
            throw Unsupported{};
        TreeValue on = join.field("quals");
        std::int64_t type = join.integer("jointype");
        static const char* const join_words[] = {"\n     JOIN ", "\n     LEFT JOIN ", "\n     FULL JOIN ", "\n     RIGHT JOIN "};
        if (type < 0 || type > 3 || (type != 0 && on.kind() == TreeValue::Kind::null)) throw Unsupported{};
        out_ += "(";
        from_item(join.field("larg"));
        out_ += on.kind() == TreeValue::Kind::null ? "\n     CROSS JOIN " : join_words[type];
        from_item(join.field("rarg"));
        if (on.kind() != TreeValue::Kind::null) {
            out_ += " ON (";
            expression(on, false);
            out_ += ")";
        }
        out_ += ")";
    }

    void operator_expression(TreeNode node) {
        TreeValue args = arguments(node);
        if (args.size() == 2) return binary(node, " " + operator_name(node.integer("opno")) + " ");
        if (args.size() != 1) throw Unsupported{};
        out_ += "(" + operator_name(node.integer("opno")) + " ";
        expression(args.item(0), true);
        out_ += ")";
    }
    void binary(TreeNode node, const std::string& infix) {
        TreeValue args = arguments(node);
        if (args.size() != 2) throw Unsupported{};
        out_ += "(";
        expression(args.item(0), true);
        out_ += infix;
        expression(args.item(1), true);
        out_ += ")";
    }

    void array_operator_expression(TreeNode node) {
        TreeValue args = arguments(node);
        if (args.size() != 2 || args.item(1).is_node("SUBLINK")) throw Unsupported{};
        out_ += "(";
        expression(args.item(0), true);
        out_ += " " + operator_name(node.integer("opno")) + (node.flag("useOr") ? " ANY (" : " ALL (");
        expression(args.item(1), true);
        out_ += "))";
    }

    void boolean_expression(TreeNode node) {
        TreeValue args = arguments(node);
        std::string_view op = node.field("boolop").scalar();
        if (args.size() == 0) throw Unsupported{};
        out_ += "(";
        if (op == "not") {
            out_ += "NOT ";
            expression(args.item(0), false);
        } else if (op == "and" || op == "or") {
            for (std::size_t i = 0; i < args.size(); ++i) {
                if (i) out_ += op == "and" ? " AND " : " OR ";
                expression(args.item(i), false);
            }
        } else {
            throw Unsupported{};
        }
        out_ += ")";
    }

    void function_expression(TreeNode node, bool show_implicit) {
        TreeValue args = arguments(node);
        std::int64_t format = node.integer("funcformat");
        if (format == implicit_cast && !show_implicit) {
            if (args.size() == 0) throw Unsupported{};
            return expression(args.item(0), false);
        }
        if (format == explicit_cast || format == implicit_cast) {
            if (args.size() == 0) throw Unsupported{};
            return coercion(args.item(0), node.integer("funcresulttype"), length_coercion_modifier(args));
        }
        if (format != 0 || node.flag("funcvariadic")) throw Unsupported{};  // SQL syntax, VARIADIC
        for (std::size_t i = 0; i < args.size(); ++i)
            if (args.item(i).is_node("NAMEDARGEXPR")) throw Unsupported{};
        call(function_name(node.integer("funcid")) + "(", args);
    }
    // exprIsLengthCoercion(): a cast function whose second argument is the int4 type modifier.
    static std::int64_t length_coercion_modifier(TreeValue args) {
        if (args.size() < 2 || args.size() > 3 || !args.item(1).is_node("CONST")) return -1;
        TreeNode second = args.item(1).node();
        if (second.integer("consttype") != int4_type || second.flag("constisnull")) return -1;
        return signed_integer(second.field("constvalue").bytes(), 4);
    }

    void cast(TreeNode node, const char* format_field, std::int64_t modifier, bool show_implicit) {
        TreeValue arg = node.field("arg");
        if (node.integer(format_field) == implicit_cast && !show_implicit) return expression(arg, false);
        coercion(arg, node.integer("resulttype"), modifier);
    }
    // get_coercion_expr(): arg::type, the constant a length coercion sits on without its own cast.
    void coercion(TreeValue arg, std::int64_t type, std::int64_t modifier) {
        if (arg.is_node("CONST") && arg.node().integer("consttype") == type && arg.node().integer("consttypmod") == -1) {
            constant(arg.node(), -1);
        } else {
            out_ += "(";
            expression(arg, false);
            out_ += ")";
        }
        out_ += "::" + type_name(type, modifier);
    }

    void array(TreeNode node) {
        TreeValue elements = node.field("elements");
        out_ += "ARRAY[";
        list(elements, true);
        out_ += "]";
        if (elements.kind() == TreeValue::Kind::null) out_ += "::" + type_name(node.integer("array_typeid"), -1);
    }

    void call(const std::string& opening, TreeValue args) {
        out_ += opening;
        list(args, true);
        out_ += ")";
    }

    void null_test(TreeNode node) {
        TreeValue arg = node.field("arg");
        bool is_null = node.integer("nulltesttype") == 0;
        out_ += "(";
        expression(arg, true);
        // A scalar test of a row-type value is printed IS [NOT] DISTINCT FROM NULL; not done here.
        if (!node.flag("argisrow")) {
            std::int64_t type = expression_type(arg);
            char kind = type_kind(type);
            if (!collecting() && (type == record_type || kind == 'c' || kind == 'd' || kind == 0)) throw Unsupported{};
        }
        out_ += is_null ? " IS NULL)" : " IS NOT NULL)";
    }

    void boolean_test(TreeNode node) {
        static const char* const tests[] = {" IS TRUE", " IS NOT TRUE", " IS FALSE", " IS NOT FALSE", " IS UNKNOWN", " IS NOT UNKNOWN"};
        std::int64_t test = node.integer("booltesttype");
        if (test < 0 || test > 5) throw Unsupported{};
        out_ += "(";
        expression(node.field("arg"), false);
        out_ += tests[test];
        out_ += ")";
    }

    // get_sublink_expr() of a scalar or ARRAY subquery that only computes a value, the form a
    // policy uses to call a function once per query: ( SELECT auth.uid() AS uid).
    void sublink(TreeNode node) {
        constexpr std::int64_t expression_sublink = 4, array_sublink = 6, select_command = 1;
        std::int64_t kind = node.integer("subLinkType");
        if ((kind != expression_sublink && kind != array_sublink) || node.field("testexpr").kind() != TreeValue::Kind::null ||
            !node.field("subselect").is_node("QUERY"))
            throw Unsupported{};
        TreeNode query = node.field("subselect").node();
        if (query.integer("commandType") != select_command) throw Unsupported{};
        for (const char* clause : {"utilityStmt", "cteList", "rtable", "groupClause", "groupingSets", "havingQual", "windowClause",
                                   "distinctClause", "sortClause", "limitOffset", "limitCount", "setOperations", "rowMarks"})
            if (query.field(clause).kind() != TreeValue::Kind::null) throw Unsupported{};
        for (const char* property : {"hasAggs", "hasWindowFuncs", "hasTargetSRFs", "hasSubLinks", "hasDistinctOn", "hasForUpdate"})
            if (query.flag(property)) throw Unsupported{};
        TreeValue from = query.field("jointree");
        if (!from.is_node("FROMEXPR") || from.node().field("fromlist").kind() != TreeValue::Kind::null ||
            from.node().field("quals").kind() != TreeValue::Kind::null)
            throw Unsupported{};
        TreeValue targets = query.field("targetList");
        if (targets.kind() != TreeValue::Kind::list || targets.size() != 1 || !targets.item(0).is_node("TARGETENTRY")) throw Unsupported{};
        TreeNode target = targets.item(0).node();
        std::string_view name = target.field("resname").scalar();
        if (target.flag("resjunk") || target.field("expr").is_node("VAR") || name.find('\\') != std::string_view::npos) throw Unsupported{};
        out_ += kind == array_sublink ? "ARRAY( SELECT " : "( SELECT ";
        expression(target.field("expr"), true);
        if (!name.empty()) out_ += " AS " + quote_ident(name);
        out_ += ")";
    }

    void sql_value_function(TreeNode node) {
        static const char* const names[] = {"CURRENT_DATE",   "CURRENT_TIME", "CURRENT_TIME",      "CURRENT_TIMESTAMP",
                                            "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIME",         "LOCALTIMESTAMP",
                                            "LOCALTIMESTAMP", "CURRENT_ROLE", "CURRENT_USER",      "USER",
                                            "SESSION_USER",   "CURRENT_CATALOG", "CURRENT_SCHEMA"};
        std::int64_t op = node.integer("op");
        if (op < 0 || op > 14) throw Unsupported{};
        out_ += names[op];
        if (op == 2 || op == 4 || op == 6 || op == 8) out_ += "(" + std::to_string(node.integer("typmod")) + ")";
    }

    // exprType() of the nodes this printer knows.
    static std::int64_t expression_type(TreeValue value) {
        if (value.kind() != TreeValue::Kind::node) throw Unsupported{};
        TreeNode node = value.node();
        std::string_view type = node.type();
        if (type == "VAR") return node.integer("vartype");
        if (type == "CONST") return node.integer("consttype");
        if (type == "OPEXPR" || type == "NULLIFEXPR") return node.integer("opresulttype");
        if (type == "FUNCEXPR") return node.integer("funcresulttype");
        if (type == "RELABELTYPE" || type == "COERCEVIAIO" || type == "ARRAYCOERCEEXPR" || type == "COERCETODOMAIN")
            return node.integer("resulttype");
        if (type == "ARRAYEXPR") return node.integer("array_typeid");
        if (type == "COALESCEEXPR") return node.integer("coalescetype");
        if (type == "MINMAXEXPR") return node.integer("minmaxtype");
        if (type == "SQLVALUEFUNCTION") return node.integer("type");
        if (type == "DISTINCTEXPR" || type == "SCALARARRAYOPEXPR" || type == "BOOLEXPR" || type == "NULLTEST" ||
            type == "BOOLEANTEST")
            return bool_type;
        throw Unsupported{};
    }

    // get_const_expr(): showtype -1 prints no cast, 0 a cast where the literal alone would be
    // read as another type.
    void constant(TreeNode node, int show_type) {
        std::int64_t type = node.integer("consttype"), modifier = node.integer("consttypmod");
        std::int64_t collation = node.integer("constcollid");
        bool collatable = type == text_type || type == varchar_type || type == bpchar_type;
        // A collation other than the type's own would be printed as COLLATE; not done here.
        if (collation != 0 && !(collatable && collation == default_collation) && !(type == name_type && collation == c_collation))
            throw Unsupported{};
        bool need_label = false;
        if (node.flag("constisnull")) {
            out_ += "NULL";
            if (show_type >= 0) out_ += "::" + type_name(type, modifier);
            return;
        }
        const std::vector<std::uint8_t> bytes = node.field("constvalue").bytes();
        if (type == bool_type) {
            out_ += !bytes.empty() && bytes[0] ? "true" : "false";
        } else if (type == int4_type) {
            std::string digits = std::to_string(signed_integer(bytes, 4));
            if (digits[0] != '-') {
                out_ += digits;
            } else {
                out_ += "'" + digits + "'";
                need_label = true;
            }
        } else if (type == numeric_type) {
            std::string digits = numeric_text(bytes);
            if (std::isdigit(static_cast<unsigned char>(digits[0])) && digits.find_first_of("eE.") != std::string::npos) {
                out_ += digits;
            } else {
                out_ += "'" + digits + "'";
                need_label = true;
            }
        } else {
            out_ += quote_literal(value_text(node, type, bytes));
        }
        if (show_type < 0) return;
        if (type == bool_type || type == unknown_type)
            need_label = false;
        else if (type == numeric_type)
            need_label = need_label || modifier >= 0;
        else if (type != int4_type)
            need_label = true;
        if (need_label || show_type > 0) out_ += "::" + type_name(type, modifier);
    }

    // The output function's text of a constant that is printed as a quoted literal.
    std::string value_text(TreeNode node, std::int64_t type, const std::vector<std::uint8_t>& bytes) {
        if (type == int2_type) return std::to_string(signed_integer(bytes, 2));
        if (type == int8_type) return std::to_string(signed_integer(bytes, 8));
        if (type == text_type || type == varchar_type || type == bpchar_type) return varlena_text(bytes);
        if (type == name_type || type == unknown_type) return std::string(reinterpret_cast<const char*>(bytes.data()), strnlen(bytes));
        if (type == uuid_type) return uuid_text(bytes);
        if (type == interval_type) return interval_text(bytes);
        // Another type: an enum's value is the oid of its label.
        if (!node.flag("constbyval") || node.integer("constlen") != 4) throw Unsupported{};
        std::int64_t label = signed_integer(bytes, 4) & 0xffffffff;
        if (collecting()) {
            type_kind(type);
            requests_->enum_values.insert(label);
            return {};
        }
        auto found = names_->enum_labels.find(label);
        if (type_kind(type) != 'e' || found == names_->enum_labels.end()) throw Unsupported{};
        return found->second;
    }

    static std::size_t strnlen(const std::vector<std::uint8_t>& bytes) {
        std::size_t length = 0;
        while (length < bytes.size() && bytes[length]) ++length;
        return length;
    }

    // Little-endian, as the server wrote it (print_expression refuses other servers).
    static std::int64_t signed_integer(const std::vector<std::uint8_t>& bytes, std::size_t size, std::size_t at = 0) {
        if (bytes.size() < at + size) throw Unsupported{};
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < size; ++i) value |= std::uint64_t(bytes[at + i]) << (8 * i);
        if (size < 8 && (value >> (8 * size - 1)) & 1) value |= ~std::uint64_t(0) << (8 * size);
        return static_cast<std::int64_t>(value);
    }

    // The data of an uncompressed, inline varlena (1-byte or 4-byte header).
    static std::pair<const std::uint8_t*, std::size_t> varlena_data(const std::vector<std::uint8_t>& bytes) {
        if (bytes.empty()) throw Unsupported{};
        if (bytes[0] & 1) {
            std::size_t size = bytes[0] >> 1;
            if (bytes[0] == 1 || size < 1 || size > bytes.size()) throw Unsupported{};  // a TOAST pointer
            return {bytes.data() + 1, size - 1};
        }
        if ((bytes[0] & 3) != 0 || bytes.size() < 4) throw Unsupported{};  // compressed
        std::size_t size = std::size_t(std::uint64_t(signed_integer(bytes, 4)) & 0xffffffff) >> 2;
        if (size < 4 || size > bytes.size()) throw Unsupported{};
        return {bytes.data() + 4, size - 4};
    }
    static std::string varlena_text(const std::vector<std::uint8_t>& bytes) {
        auto [data, size] = varlena_data(bytes);
        std::string text(reinterpret_cast<const char*>(data), size);
        if (text.find('\0') != std::string::npos) throw Unsupported{};
        return text;
    }

    static std::string uuid_text(const std::vector<std::uint8_t>& bytes) {
        if (bytes.size() != 16) throw Unsupported{};
        static const char hex[] = "0123456789abcdef";
        std::string text;
        for (std::size_t i = 0; i < 16; ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
            text += hex[bytes[i] >> 4];
            text += hex[bytes[i] & 15];
        }
        return text;
    }

    // interval_out() in IntervalStyle postgres (the session sets it): "1 year 2 mons -3 days +04:05:06.5".
    static std::string interval_text(const std::vector<std::uint8_t>& bytes) {
        if (bytes.size() != 16) throw Unsupported{};
        std::int64_t time = signed_integer(bytes, 8);
        std::int64_t days = signed_integer(bytes, 4, 8), months = signed_integer(bytes, 4, 12);
        constexpr std::int64_t per_second = 1000000, per_minute = 60 * per_second, per_hour = 60 * per_minute;
        std::int64_t hours = time / per_hour, minutes = time % per_hour / per_minute, seconds = time % per_minute / per_second,
                     micros = time % per_second;
        std::string text;
        bool zero = true, before = false;
        auto part = [&](std::int64_t value, const char* unit) {
            if (value == 0) return;
            text += std::string(zero ? "" : " ") + (before && value > 0 ? "+" : "") + std::to_string(value) + " " + unit + (value != 1 ? "s" : "");
            before = value < 0;
            zero = false;
        };
        part(months / 12, "year");
        part(months % 12, "mon");
        part(days, "day");
        if (zero || time != 0) {
            bool minus = hours < 0 || minutes < 0 || seconds < 0 || micros < 0;
            auto two = [](std::int64_t value) { return (value < 10 ? "0" : "") + std::to_string(value); };
            text += std::string(zero ? "" : " ") + (minus ? "-" : before ? "+" : "") + two(std::abs(hours)) + ":" + two(std::abs(minutes)) +
                    ":" + two(std::abs(seconds));
            if (micros != 0) {
                std::string fraction = std::to_string(std::abs(micros));
                fraction.insert(0, 6 - fraction.size(), '0');
                text += "." + fraction.substr(0, fraction.find_last_not_of('0') + 1);
            }
        }
        return text;
    }

    // numeric_out(): base-10000 digits with a weight and a display scale.
    static std::string numeric_text(const std::vector<std::uint8_t>& bytes) {
        auto [data, size] = varlena_data(bytes);
        if (size < 2) throw Unsupported{};
        auto u16 = [&](std::size_t at) { return unsigned(data[at]) | unsigned(data[at + 1]) << 8; };
        unsigned header = u16(0);
        bool negative;
        int scale, weight;
        std::size_t digits_at;
        if ((header & 0xC000) == 0x8000) {  // short format
            negative = header & 0x2000;
            scale = int((header & 0x1F80) >> 7);
            weight = int(header & 0x003F) | ((header & 0x0040) ? ~0x003F : 0);
            digits_at = 2;
        } else if ((header & 0xC000) == 0xC000) {
            throw Unsupported{};  // NaN, Infinity
        } else {
            if (size < 4) throw Unsupported{};
            negative = (header & 0xC000) == 0x4000;
            scale = int(header & 0x3FFF);
            weight = int(static_cast<std::int16_t>(u16(2)));
            digits_at = 4;
        }
        std::vector<int> digits;
        for (std::size_t at = digits_at; at + 1 < size; at += 2) digits.push_back(int(u16(at)));
        auto digit = [&](int d) { return d >= 0 && d < int(digits.size()) ? digits[std::size_t(d)] : 0; };
        std::string text = negative ? "-" : "";
        int d;
        if (weight < 0) {
            d = weight + 1;
            text += '0';
        } else {
            for (d = 0; d <= weight; ++d) {
                std::string group = std::to_string(digit(d));
                if (d > 0) group.insert(0, 4 - group.size(), '0');
                text += group;
            }
        }
        if (scale > 0) {
            text += '.';
            std::string fraction;
            for (int i = 0; i < scale; ++d, i += 4) {
                std::string group = std::to_string(digit(d));
                fraction += std::string(4 - group.size(), '0') + group;
            }
            text += fraction.substr(0, std::size_t(scale));
        }
        return text;
    }

    std::string type_name(std::int64_t type, std::int64_t modifier) {
        if (collecting()) {
            requests_->types.insert({type, modifier});
            return {};
        }
        auto found = names_->types.find({type, modifier});
        if (found == names_->types.end()) throw Unsupported{};
        return found->second.printed;
    }
    char type_kind(std::int64_t type) {
        if (collecting()) {
            requests_->types.insert({type, -1});
            return 0;
        }
        auto found = names_->types.find({type, -1});
        return found == names_->types.end() ? 0 : found->second.kind;
    }
    // Built-ins are found on the empty search_path the catalog is printed under; the rest are
    // qualified, as ruleutils does when its lookup of the bare name fails.
    std::string function_name(std::int64_t oid) {
        const CatalogNames::Name* name = routine(requests_ ? &requests_->functions : nullptr, names_ ? &names_->functions : nullptr, oid);
        if (!name) return {};
        return name->schema == "pg_catalog" ? quote_ident(name->name) : quote_ident(name->schema) + "." + quote_ident(name->name);
    }
    std::string operator_name(std::int64_t oid) {
        const CatalogNames::Name* name = routine(requests_ ? &requests_->operators : nullptr, names_ ? &names_->operators : nullptr, oid);
        if (!name) return {};
        return name->schema == "pg_catalog" ? name->name : "OPERATOR(" + quote_ident(name->schema) + "." + name->name + ")";
    }
    // A function's or operator's name: noted while collecting (nullptr), looked up while printing.
    static const CatalogNames::Name* routine(std::set<std::int64_t>* requested,
                                             const std::unordered_map<std::int64_t, CatalogNames::Name>* known, std::int64_t oid) {
        if (requested) {
            requested->insert(oid);
            return nullptr;
        }
        auto found = known->find(oid);
        if (found == known->end()) throw Unsupported{};
        return &found->second;
    }

    CatalogNameRequests* requests_ = nullptr;
    const std::vector<std::string>* columns_ = nullptr;
    const ColumnNumbers* column_numbers_ = nullptr;  // printing a query: by relation oid
    std::int64_t view_ = 0;
    std::vector<RangeEntry> range_;
    const CatalogNames* names_ = nullptr;
    std::string out_;
};

}  // namespace

namespace {

// Notes what a printer met into `requests`; false when it met something it does not print.
template <typename Walk>
bool collect_names(CatalogNameRequests& requests, Walk walk) {
    CatalogNameRequests noted;
    try {
        walk(noted);
    } catch (const Unsupported&) {
        return false;
    }
    requests.functions.insert(noted.functions.begin(), noted.functions.end());
    requests.operators.insert(noted.operators.begin(), noted.operators.end());
    requests.enum_values.insert(noted.enum_values.begin(), noted.enum_values.end());
    requests.types.insert(noted.types.begin(), noted.types.end());
    return true;
}

template <typename Print>
std::optional<std::string> printed(const CatalogNames& names, Print print) {
    if (!names.little_endian) return std::nullopt;
    try {
        return print();
    } catch (const Unsupported&) {
        return std::nullopt;
    }
}

}  // namespace

bool collect_expression_names(TreeValue expression, CatalogNameRequests& requests) {
    return collect_names(requests, [&](CatalogNameRequests& noted) { Printer(noted).expression(expression, false); });
}

std::optional<std::string> print_expression(TreeValue expression, const std::vector<std::string>& columns,
                                            const CatalogNames& names) {
    return printed(names, [&] {
        Printer printer(columns, names);
        printer.expression(expression, false);
        return printer.take();
    });
}

bool collect_query_names(TreeValue actions, CatalogNameRequests& requests) {
    static const ColumnNumbers no_columns;
    return collect_names(requests, [&](CatalogNameRequests& noted) { Printer(noted, no_columns).view_query(actions); });
}

std::optional<std::string> print_query(TreeValue actions, std::int64_t view, const ColumnNumbers& columns, const CatalogNames& names) {
    return printed(names, [&] {
        Printer printer(columns, view, names);
        printer.view_query(actions);
        return printer.take();
    });
}

}  // namespace pgshift
