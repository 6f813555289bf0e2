// How the Supabase CLI splits a migration file into the statements it sends and records
// (supabase/cli pkg/parser: Split and SplitAndTrim), reproduced byte for byte, quirks included,
// so that the rows pgshift writes into supabase_migrations.schema_migrations equal the CLI's.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pgshift {

// One token of the CLI's splitter: the bytes from the end of the previous token to and
// including the `;` that ends it (or to the end of the file).
struct SplitToken {
    std::size_t offset = 0;  // byte offset in the file
    std::string_view text;
};

// The CLI's `parser.Split`: tokens as they are, comments and spaces kept.
std::vector<SplitToken> supabase_split(std::string_view sql);

// The CLI's `parser.SplitAndTrim`: each token without its trailing `;`s, then without Unicode
// white space around it; empty ones dropped. This is the `statements` column of a migration's
// row (NULL when the list is empty).
std::vector<std::string> supabase_statements(std::string_view sql);

}  // namespace pgshift
