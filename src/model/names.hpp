// Identifier quoting and the names PostgreSQL chooses for objects it creates implicitly.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace pgshift {

constexpr std::size_t max_identifier_bytes = 63;  // NAMEDATALEN - 1

// Quotes an identifier only where PostgreSQL needs it (as quote_ident does).
std::string quote_ident(std::string_view identifier);
// A string literal: quotes doubled, backslashes as they are (standard_conforming_strings).
std::string quote_literal(std::string_view text);
// schema.name, each part quoted where needed.
std::string qualified(const QualifiedName& name);
// Truncates to 63 bytes without splitting a UTF-8 character, as the server does for identifiers.
std::string truncate_identifier(std::string_view identifier);

// makeObjectName(): "name1_name2_label", shortening the longer of name1 and name2 to fit 63 bytes.
std::string make_object_name(std::string_view name1, std::string_view name2, std::string_view label);
// ChooseRelationName() / ChooseConstraintName(): make_object_name, then label1, label2, ...
// until `taken` says the name is free.
std::string choose_name(std::string_view name1, std::string_view name2, std::string_view label,
                        const std::function<bool(const std::string&)>& taken);
// The column-name part of an index or foreign-key name: names joined by '_', cut near 63 bytes.
std::string name_addition(const std::vector<std::string>& column_names);

// A search_path setting ('"$user", public, extensions') as its list of schema names.
std::vector<std::string> split_search_path(std::string_view setting);

// The canonical default of a serial column: nextval('schema.sequence'). The catalog's
// ::regclass cast is dropped, as the canonicalizer drops casts on literals.
std::string nextval_default(const QualifiedName& sequence);

}  // namespace pgshift
