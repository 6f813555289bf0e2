#include "model/type_names.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace pgshift {
namespace {

// Internal names and aliases of types that format_type() prints under a different name.
constexpr std::pair<std::string_view, std::string_view> renamed_types[] = {
    {"int2", "smallint"}, {"smallint", "smallint"}, {"int4", "integer"}, {"int", "integer"},
    {"integer", "integer"}, {"int8", "bigint"}, {"bigint", "bigint"}, {"float4", "real"},
    {"real", "real"}, {"float8", "double precision"}, {"bool", "boolean"}, {"boolean", "boolean"},
    {"varchar", "character varying"}, {"bpchar", "character"},
    {"decimal", "numeric"}, {"numeric", "numeric"},
    {"varbit", "bit varying"}, {"bit", "bit"},
};

// pg_catalog types printed under their own name.
constexpr std::string_view plain_builtin_types[] = {
    "text", "uuid", "json", "jsonb", "jsonpath", "date", "bytea", "inet", "cidr", "macaddr",
    "macaddr8", "money", "oid", "regclass", "regproc", "regprocedure", "regtype", "regoper",
    "regoperator", "regnamespace", "regrole", "regconfig", "regdictionary", "regcollation",
    "tsvector", "tsquery", "xml", "point", "line", "lseg", "box", "path", "polygon", "circle",
    "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "int4multirange",
    "int8multirange", "nummultirange", "tsmultirange", "tstzmultirange", "datemultirange", "name",
    "void", "trigger", "event_trigger", "record", "anyelement", "anyarray", "anynonarray",
    "anyenum", "anyrange", "anymultirange", "anycompatible", "anycompatiblearray",
    "anycompatiblenonarray", "anycompatiblerange", "cstring", "internal", "language_handler",
    "fdw_handler", "index_am_handler", "tsm_handler", "table_am_handler", "xid", "xid8", "cid",
    "tid", "pg_lsn", "txid_snapshot", "pg_snapshot", "refcursor", "aclitem", "unknown",
    "pg_node_tree", "int2vector", "oidvector", "gtsvector", "regclass[]", "\"char\""};

std::string join_typmods(const std::vector<std::string>& typmods) {
    std::string text = "(";
    for (std::size_t i = 0; i < typmods.size(); ++i) {
        if (i) text += ",";
        text += typmods[i];
    }
    return text + ")";
}

std::string with_time_zone(std::string_view base, const std::vector<std::string>& typmods, bool zoned) {
    std::string text(base);
    if (!typmods.empty()) text += join_typmods(typmods);
    return text + (zoned ? " with time zone" : " without time zone");
}

}  // namespace

std::optional<std::string> canonical_builtin_type(std::string_view name, const std::vector<std::string>& typmods) {
    if (name == "timestamp") return with_time_zone("timestamp", typmods, false);
    if (name == "timestamptz") return with_time_zone("timestamp", typmods, true);
    if (name == "time") return with_time_zone("time", typmods, false);
    if (name == "timetz") return with_time_zone("time", typmods, true);
    if (name == "float8" || name == "double precision") return std::string("double precision");
    if (name == "float") {
        // float(p): real up to 24 bits of precision, double precision above.
        if (!typmods.empty() && std::stoi(typmods[0]) <= 24) return std::string("real");
        return std::string("double precision");
    }
    if (name == "interval") return typmods.empty() ? std::string("interval") : "interval" + join_typmods(typmods);
    if (name == "numeric" || name == "decimal") {
        if (typmods.empty()) return std::string("numeric");
        if (typmods.size() == 1) return "numeric(" + typmods[0] + ",0)";
        return "numeric" + join_typmods(typmods);
    }
    for (const auto& [alias, canonical] : renamed_types) {
        if (alias != name) continue;
        return std::string(canonical) + (typmods.empty() ? "" : join_typmods(typmods));
    }
    if (name == "char" || name == "\"char\"") return std::string("\"char\"");
    if (std::find(std::begin(plain_builtin_types), std::end(plain_builtin_types), name) != std::end(plain_builtin_types))
        return std::string(name) + (typmods.empty() ? "" : join_typmods(typmods));
    return std::nullopt;
}

int64_t integer_type_min(std::string_view type) {
    if (type == "smallint") return INT16_MIN;
    if (type == "integer") return INT32_MIN;
    return INT64_MIN;
}

int64_t integer_type_max(std::string_view type) {
    if (type == "smallint") return INT16_MAX;
    if (type == "integer") return INT32_MAX;
    return INT64_MAX;
}

std::optional<std::string> serial_base_type(std::string_view name) {
    if (name == "serial" || name == "serial4") return std::string("integer");
    if (name == "bigserial" || name == "serial8") return std::string("bigint");
    if (name == "smallserial" || name == "serial2") return std::string("smallint");
    return std::nullopt;
}

}  // namespace pgshift
