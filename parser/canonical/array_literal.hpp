// Array literals as the server stores and prints them: '{state, endDate}'::text[] is kept as the
// array of its elements and printed back as {state,endDate}. Both sides of a comparison write an
// array constant in this one form, without a database to ask.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pgshift {

// How an element is printed: as array_in read it (text, and any type whose output is its input),
// or again through its type's input and output functions where this knows them.
enum class ArrayElement { as_read, integer, boolean };

// The element kind of an array of `type`, named as the grammar (int4, bool) or format_type
// (integer, boolean) names it, with or without pg_catalog.
ArrayElement array_element_of(std::string_view type);

// array_out(array_in(`text`)) for a type whose delimiter is a comma: elements unquoted where
// they can be, NULL for null elements, nested arrays as nested braces; nullopt for a literal
// this does not read (explicit bounds such as [0:1]={...}, or one the server would reject),
// which then stays as written.
std::optional<std::string> array_output(std::string_view text, ArrayElement element = ArrayElement::as_read);

// boolin: true/false/yes/no or a unique start of them, on/off, 1/0, any case, white space around.
std::optional<bool> boolean_input(std::string_view text);

}  // namespace pgshift
