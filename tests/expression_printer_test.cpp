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
