#include <catch2/catch.hpp>

#include "introspect/expression_printer.hpp"
#include "introspect/node_tree.hpp"

using namespace pgshift;

namespace {

// Collects the names a stored tree uses, answers them from `names`, and prints it.
std::optional<std::string> printed(const std::string& text, CatalogNames names, CatalogNameRequests* seen = nullptr) {
    NodeTree tree;
    tree.parse(text);
    CatalogNameRequests requests;
    if (!collect_expression_names(tree.root(), requests)) return std::nullopt;
    if (seen) *seen = requests;
    return print_expression(tree.root(), {"", "id", "owner_id", "ratio"}, names);
}

const std::string numeric_zero_point_one_two_five =
    "{CONST :consttype 1700 :consttypmod -1 :constcollid 0 :constlen -1 :constbyval false :constisnull false :location 1 "
    ":constvalue 8 [ 32 0 0 0 -1 -127 -30 4 ]}";
const std::string numeric_minus_half =
    "{CONST :consttype 1700 :consttypmod -1 :constcollid 0 :constlen -1 :constbyval false :constisnull false :location 1 "
    ":constvalue 8 [ 32 0 0 0 -1 -96 -120 19 ]}";

}  // namespace

TEST_CASE("a policy's stored tree prints as pg_get_expr prints it") {
    // owner_id = (select auth.uid()), as the catalog stores it.
    std::string tree =
        "{OPEXPR :opno 2972 :opfuncid 2956 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 "
        ":varattno 2 :vartype 2950 :vartypmod -1 :varcollid 0 :varlevelsup 0 :varnosyn 1 :varattnosyn 2 :location 75} {SUBLINK "
        ":subLinkType 4 :subLinkId 0 :testexpr <> :operName <> :subselect {QUERY :commandType 1 :querySource 0 :canSetTag true "
        ":utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false "
        ":hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :isReturn false "
        ":cteList <> :rtable <> :jointree {FROMEXPR :fromlist <> :quals <>} :targetList ({TARGETENTRY :expr {FUNCEXPR :funcid "
        "16388 :funcresulttype 2950 :funcretset false :funcvariadic false :funcformat 0 :funccollid 0 :inputcollid 0 :args <> "
        ":location 94} :resno 1 :resname uid :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 "
        ":onConflict <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> "
        ":distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> "
        ":constraintDeps <> :withCheckOptions <> :mergeActionList <> :mergeUseOuterJoin false :stmt_location 0 :stmt_len 0} "
        ":location 86}) :location 84}";
    CatalogNames names;
    names.operators[2972] = {"pg_catalog", "="};
    names.functions[16388] = {"auth", "uid"};
    CatalogNameRequests requests;
    CHECK(printed(tree, names, &requests) == "(owner_id = ( SELECT auth.uid() AS uid))");
    CHECK(requests.operators == std::set<std::int64_t>{2972});
    CHECK(requests.functions == std::set<std::int64_t>{16388});
    // A name the server did not give back, or a server that lays numbers out otherwise: not printed.
    CHECK_FALSE(printed(tree, CatalogNames{}).has_value());
    names.little_endian = false;
    CHECK_FALSE(printed(tree, names).has_value());
}

TEST_CASE("constants print as the type's output function writes them") {
    CatalogNames names;
    names.operators[1757] = {"pg_catalog", ">="};
    names.types[{1700, -1}] = {"numeric", 'b'};
    auto compare = [](const std::string& constant) {
        return "{OPEXPR :opno 1757 :opfuncid 1721 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 "
               ":varattno 3 :vartype 1700 :vartypmod 393223 :varcollid 0 :varlevelsup 0 :varnosyn 1 :varattnosyn 3 :location 5} " +
               constant + ") :location 3}";
    };
    // A decimal reads back as numeric unquoted; a negative one needs quotes and its type.
    CHECK(printed(compare(numeric_zero_point_one_two_five), names) == "(ratio >= 0.125)");
    CHECK(printed(compare(numeric_minus_half), names) == "(ratio >= '-0.5'::numeric)");
    // A float constant is left to the server.
    CHECK_FALSE(printed(compare("{CONST :consttype 701 :consttypmod -1 :constcollid 0 :constlen 8 :constbyval true :constisnull "
                                "false :location 1 :constvalue 8 [ 0 0 0 0 0 0 -32 63 ]}"),
                        names)
                     .has_value());
}

TEST_CASE("text constants are quoted, quotes doubled") {
    CatalogNames names;
    names.types[{1043, -1}] = {"character varying", 'b'};
    std::string tree = "{CONST :consttype 1043 :consttypmod -1 :constcollid 100 :constlen -1 :constbyval false :constisnull false "
                       ":location 387 :constvalue 7 [ 28 0 0 0 98 39 115 ]}";
    CHECK(printed(tree, names) == "'b''s'::character varying");
}

TEST_CASE("a malformed tree is an error, not a guess") {
    NodeTree tree;
    CHECK_THROWS(tree.parse("{OPEXPR :opno 1 :args ({VAR :varno 1}"));
    CHECK_THROWS(tree.parse("{CONST :constvalue 4 [ 1 2"));
    CHECK_THROWS(tree.parse("{VAR :varno 1} extra"));
}

namespace {

// An interval constant as the catalog stores it: microseconds, days, months, little-endian.
std::string interval_constant(std::int64_t micros, std::int32_t days, std::int32_t months) {
    std::string bytes;
    auto add = [&](std::uint64_t value, int size) {
        for (int i = 0; i < size; ++i) bytes += " " + std::to_string(static_cast<int>(static_cast<std::int8_t>((value >> (8 * i)) & 0xff)));
    };
    add(static_cast<std::uint64_t>(micros), 8);
    add(static_cast<std::uint32_t>(days), 4);
    add(static_cast<std::uint32_t>(months), 4);
    return "{CONST :consttype 1186 :consttypmod -1 :constcollid 0 :constlen 16 :constbyval false :constisnull false :location 1 "
           ":constvalue 16 [" + bytes + " ]}";
}

}  // namespace

TEST_CASE("interval constants print in IntervalStyle postgres") {
    CatalogNames names;
    names.types[{1186, -1}] = {"interval", 'b'};
    constexpr std::int64_t second = 1000000, hour = 3600 * second;
    CHECK(printed(interval_constant(0, 7, 0), names) == "'7 days'::interval");
    CHECK(printed(interval_constant(0, 1, 0), names) == "'1 day'::interval");
    CHECK(printed(interval_constant(0, 0, 0), names) == "'00:00:00'::interval");
    CHECK(printed(interval_constant(36 * hour + 1, 0, 0), names) == "'36:00:00.000001'::interval");
    CHECK(printed(interval_constant(4 * hour + 5 * 60 * second + 6 * second + second / 2, -3, 14), names) ==
          "'1 year 2 mons -3 days +04:05:06.5'::interval");
    CHECK(printed(interval_constant(-60 * second, 0, 0), names) == "'-00:01:00'::interval");
    CHECK(printed(interval_constant(hour, -2, -12), names) == "'-1 years -2 days +01:00:00'::interval");
}

TEST_CASE("a view's stored query prints as a query pg_get_viewdef would give") {
    // select i.id, p.id as parent from public.item i left join public.item p on p.id = i.parent_id
    // where i.id > 1, as PostgreSQL 15 stores it (the rule's OLD and NEW first).
    auto relation_entry = [](const std::string& alias, bool in_from) {
        return "{RANGETBLENTRY :alias {ALIAS :aliasname " + alias + " :colnames <>} :eref {ALIAS :aliasname " + alias +
               " :colnames (\"id\" \"parent_id\")} :rtekind 0 :relid " + (in_from ? "100" : "200") +
               " :relkind r :rellockmode 1 :tablesample <> :lateral false :inh " + (in_from ? "true" : "false") +
               " :inFromCl " + (in_from ? "true" : "false") + " :securityQuals <>}";
    };
    auto var = [](int entry, int column) {
        return "{VAR :varno " + std::to_string(entry) + " :varattno " + std::to_string(column) +
               " :vartype 23 :vartypmod -1 :varcollid 0 :varlevelsup 0 :varnosyn 1 :varattnosyn 1 :location -1}";
    };
    std::string equals = "{OPEXPR :opno 96 :opfuncid 65 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args (";
    std::string greater = "{OPEXPR :opno 521 :opfuncid 147 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args (";
    std::string one = "{CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false "
                      ":location 1 :constvalue 4 [ 1 0 0 0 0 0 0 0 ]}";
    std::string query =
        "({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs "
        "false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false "
        ":hasForUpdate false :hasRowSecurity false :isReturn false :cteList <> :rtable (" +
        relation_entry("old", false) + " " + relation_entry("new", false) + " " + relation_entry("i", true) + " " +
        relation_entry("p", true) +
        " {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname unnamed_join :colnames <>} :rtekind 2 :jointype 1 :join_using_alias <>"
        " :lateral false :inh false :inFromCl true :securityQuals <>}) :jointree {FROMEXPR :fromlist ({JOINEXPR :jointype 1 "
        ":isNatural false :larg {RANGETBLREF :rtindex 3} :rarg {RANGETBLREF :rtindex 4} :usingClause <> :join_using_alias <> "
        ":quals " + equals + var(4, 1) + " " + var(3, 2) + ") :location 1} :alias <> :rtindex 5}) :quals " + greater + var(3, 1) +
        " " + one + ") :location 1}} :targetList ({TARGETENTRY :expr " + var(3, 1) +
        " :resno 1 :resname id :ressortgroupref 0 :resorigtbl 100 :resorigcol 1 :resjunk false} {TARGETENTRY :expr " + var(4, 1) +
        " :resno 2 :resname parent :ressortgroupref 0 :resorigtbl 100 :resorigcol 1 :resjunk false}) :override 0 :onConflict <> "
        ":returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> "
        ":sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> "
        ":withCheckOptions <> :mergeActionList <> :mergeUseOuterJoin false :stmt_location 0 :stmt_len 0})";
    NodeTree tree;
    tree.parse(query);
    CatalogNameRequests requests;
    REQUIRE(collect_query_names(tree.root(), requests));
    CHECK(requests.operators == std::set<std::int64_t>{96, 521});
    CatalogNames names;
    names.operators[96] = {"pg_catalog", "="};
    names.operators[521] = {"pg_catalog", ">"};
    names.relations[100] = {"public", "item"};
    ColumnNumbers columns;
    columns.add(100, 1, "id", 0);
    columns.add(100, 2, "parent_id", 0);
    columns.add(200, 1, "id", 0);
    columns.add(200, 2, "parent", 0);
    CHECK(print_query(tree.root(), 200, columns, names) ==
          " SELECT i.id,\n    p.id AS parent\n   FROM (public.item i\n     LEFT JOIN public.item p ON ((p.id = i.parent_id)))\n"
          "  WHERE (i.id > 1)");
    // A relation the model does not know is left to the server.
    names.relations.clear();
    CHECK_FALSE(print_query(tree.root(), 200, columns, names).has_value());
}
