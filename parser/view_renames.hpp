// A view's canonical query after a column it reads, or one of its own, is renamed: what the
// catalog shows then, since a view refers to columns by number.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "model/model.hpp"

namespace pgshift {

// References to `relation`'s column `from` take the name `to`; an output column that was such a
// bare reference keeps its name (AS from). At a query level that reads several relations,
// unqualified references are qualified by the one relation that has the column (`has_column`, the
// model after the rename), as the catalog prints them; a level that also reads a subquery or a
// function is left alone there.
std::string rename_column_in_view_query(const std::string& query, const QualifiedName& relation, const std::string& from,
                                        const std::string& to,
                                        const std::function<bool(const QualifiedName&, const std::string&)>& has_column);

// The query with its output column at `position` (from 0) named `to`.
std::string rename_view_output_column(const std::string& query, std::size_t position, const std::string& to);

}  // namespace pgshift
