// The Supabase CLI's statement splitter, reproduced: the input/output pairs observed from the
// CLI's own code (docs/workflow.md, "Supabase tracking"), and its upstream test cases.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "workflow/supabase_statements.hpp"

using pgshift::supabase_split;
using pgshift::supabase_statements;
using Strings = std::vector<std::string>;

namespace {

Strings raw_split(const std::string& sql) {
    Strings tokens;
    for (const auto& token : supabase_split(sql)) tokens.emplace_back(token.text);
    return tokens;
}

// The CLI's checkSplit: the pieces joined split back into the same pieces.
void check_split(const Strings& pieces) {
    std::string joined;
    for (const std::string& piece : pieces) joined += piece;
    CHECK(raw_split(joined) == pieces);
}

const std::string create_f = "create function f() returns int language sql ";

}  // namespace

TEST_CASE("SplitAndTrim: the pairs observed from the CLI") {
    struct Pair {
        std::string input;
        Strings output;
    };
    const std::vector<Pair> pairs = {
        {"-- header\ncreate table a(id int);\n\ninsert into a values (1); -- trailing\n-- end comment\n",
         {"-- header\ncreate table a(id int)", "insert into a values (1)", "-- trailing\n-- end comment"}},
        {"select 'é;'; select 2", {"select 'é;'", "select 2"}},
        {"do $é$ begin; end $é$; select 2", {"do $é$ begin", "end $é$", "select 2"}},
        {"do $a$ x;y $a$; select 2", {"do $a$ x;y $a$", "select 2"}},
        {"select $$$; select 2; $$", {"select $$$", "select 2", "$$"}},
        {"select ((1); select 2)", {"select ((1)", "select 2)"}},
        {"select (1; select 2)", {"select (1; select 2)"}},
        {create_f + "begin atomic select 1; select 2; end; select 3", {create_f + "begin atomic select 1; select 2; end", "select 3"}},
        {create_f + "begin atomic select legend; select 2; end; select 3",
         {create_f + "begin atomic select legend", "select 2", "end", "select 3"}},
        {create_f + "BEGIN\n  ATOMIC select case when true then 1 end; select 2; END; select 3",
         {create_f + "BEGIN\n  ATOMIC select case when true then 1 end", "select 2", "END", "select 3"}},
        {create_f + "begin atomic select 'end'; select 2; end; select 3",
         {create_f + "begin atomic select 'end'; select 2; end", "select 3"}},
        {"select E'it\\'s'; select 2", {"select E'it\\'s'; select 2"}},
        {"select 1 ;; ;\n; select 2;", {"select 1", "select 2"}},
        {"/*/ ; */ select 1; select 2", {"/*/", "*/ select 1", "select 2"}},
        {"select 1 /* a /* b */ c; */; select 2", {"select 1 /* a /* b */ c; */", "select 2"}},
        {"select 1 -- c ; x\n; select 2", {"select 1 -- c ; x", "select 2"}},
        {"select 'a''b;'; select 2", {"select 'a''b;'", "select 2"}},
        {"select \"a;b\"; select 2", {"select \"a;b\"", "select 2"}},
        {"\\\\; select 2", {"\\\\", "select 2"}},
        {"select 1;\r\nselect 2;\r\n", {"select 1", "select 2"}},
        {"select 1\n-- no newline at end", {"select 1\n-- no newline at end"}},
        {" \n\t \n", {}},
        {"", {}},
        {"\xEF\xBB\xBFselect 1;", {"\xEF\xBB\xBFselect 1"}},
        {"select 1 -- x;\n", {"select 1 -- x;"}},
        {"BEGIN;\ncreate table x();\nCOMMIT;", {"BEGIN", "create table x()", "COMMIT"}},
        // Unicode white space is trimmed (NBSP, ideographic space), a zero-width space is not.
        {"\xC2\xA0select 1\xE3\x80\x80;\xE2\x80\x8Bselect 2", {"select 1", "\xE2\x80\x8Bselect 2"}},
        // A `;` after an atomic block's quote re-opens the quote, as the CLI's state machine does.
        {"select ('a';'b'); select 2", {"select ('a';'b')", "select 2"}},
    };
    for (const Pair& pair : pairs) {
        INFO(pair.input);
        CHECK(supabase_statements(pair.input) == pair.output);
    }
}

TEST_CASE("Split keeps every byte: the raw tokens and their offsets") {
    CHECK(raw_split("create table a(id int);\n\ninsert into a values (1); -- trailing\n") ==
          Strings{"create table a(id int);", "\n\ninsert into a values (1);", " -- trailing\n"});
    auto tokens = supabase_split("select 1; select 2");
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[1].offset == 9);
}

TEST_CASE("Split: the CLI's own test cases") {
    check_split({"END;", "-- comment"});
    check_split({"SELECT --; 1"});
    check_split({"- ;", "END"});
    check_split({"-- /* \n;", " */ END"});
    check_split({"SELECT /* ; */ 1;"});
    check_split({"SELECT /*; /*;*/ ;*/ 1"});
    check_split({"/ * ;", " */ END"});
    check_split({";", "END;", ";"});
    check_split({"BEGIN   ;", "  END"});
    check_split({"\\;;", "\\;"});
    check_split({"$tag$ any ; string$tag$"});
    check_split({"$$\"Dane's horse\"$$"});
    check_split({"SELECT \"$\";", " $$"});
    check_split({"SELECT ';' 1"});
    check_split({"SELECT ';'';' 1"});
    check_split({"SELECT '\\';", " 1'"});
    check_split({"CREATE POLICY \"cats;dogs\" on cats_dogs;", " END"});
    check_split({"CREATE POLICY \"cat's and dog's\" on cats_dogs;", " END"});
    check_split({"CREATE POLICY \"pet\"\"name\" on pets;", " END"});
    check_split({"CREATE RULE notify_me AS ON UPDATE TO mytable DO (NOTIFY mytable; SELECT \"1\");", "SELECT 1"});
    check_split({"CREATE RULE notify_me AS ON UPDATE TO mytable DO (-- )\nSELECT ')';\n-- )\n)\n"});
    check_split({"CREATE FUNCTION add(a integer, b integer) RETURNS integer\nLANGUAGE SQL\nIMMUTABLE STRICT PARALLEL SAFE\n"
                 "RETURNS NULL ON NULL INPUT\nBEGIN ATOMIC\n\tSELECT 'add';\n\tSELECT a + b;\nEND;"});
    check_split({"begin atomic; select 'end'; end"});
    check_split({"CREATE FUNCTION test() BEGIN\nATOMIC-- END;\n-- END;\nEND\n;"});
    for (const char* name : {"fn_atomic", "atomic_fn", "my_atomic_thing", "xatomicx", "fn_ATomiC"}) {
        INFO(name);
        check_split({std::string("CREATE OR REPLACE FUNCTION ") + name + "()\nRETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  NULL;\nEND;\n$$;",
                     "\nSELECT 1;"});
    }
    check_split({"CREATE OR REPLACE FUNCTION public.atomic_example()\nRETURNS INTEGER\nLANGUAGE plpgsql\nAS $$\nBEGIN\n  RETURN 1;\nEND;\n$$;",
                 "\nGRANT EXECUTE ON FUNCTION public.atomic_example() TO authenticated;"});
}
