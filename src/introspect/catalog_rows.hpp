// Catalog query results: fetched on threads, read by field name on the caller's thread.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <algorithm>
#include <cstdint>
#include <future>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pgshift {

// Catalog queries run on one or more transactions that share a snapshot, each on its own thread,
// and every result is handed over as soon as it arrives: the caller reads one result while the
// server computes the next.
class CatalogResults {
  public:
    CatalogResults() = default;
    CatalogResults(const CatalogResults&) = delete;
    CatalogResults& operator=(const CatalogResults&) = delete;
    // Waits for the threads: the transactions they use must outlive them.
    ~CatalogResults();

    // Runs `queries` in order on `tx` on a new thread, after `preamble` (statements whose results
    // are not wanted), all in one round trip. A query is named by its text's address.
    void fetch(pqxx::transaction_base& tx, std::vector<std::string> preamble, const std::vector<std::string_view>& queries);
    // Waits for the result of `query` and hands it over; rethrows its error. Each result is taken
    // once, so that it is freed as soon as it has been read.
    pqxx::result take(std::string_view query);

  private:
    std::map<const char*, std::shared_future<pqxx::result>> pending_;
    std::vector<std::future<void>> workers_;
};

// One row of a catalog result. Fields are named by string literals; each name is looked up in
// the result once, not once per row. A NULL reads as empty, false or zero.
class CatalogRow {
  public:
    using FieldNumbers = std::vector<std::pair<const char*, pqxx::row::size_type>>;
    // Holds its row (a counted reference to the result), so a temporary row may be passed.
    CatalogRow(pqxx::row row, FieldNumbers& numbers) : row_(std::move(row)), numbers_(numbers) {}

    bool is_null(const char* name) const { return field(name).is_null(); }
    std::string text(const char* name) const { return field(name).c_str(); }
    char code(const char* name) const { return *field(name).c_str(); }  // a "char" column
    bool flag(const char* name) const { return code(name) == 't'; }
    std::int64_t integer(const char* name) const;
    double number(const char* name) const;
    std::vector<std::string> strings(const char* name) const;  // a one-dimensional array
    std::vector<std::int64_t> integers(const char* name) const;  // a one-dimensional array of numbers
    nlohmann::json json(const char* name) const;              // a json column (nested rows)
    std::string bytes(const char* name) const;                 // a bytea column, decoded

  private:
    pqxx::field field(const char* name) const;
    pqxx::row row_;
    FieldNumbers& numbers_;
};

template <typename Visit>
void each_row(CatalogResults& results, std::string_view query, Visit visit) {
    const pqxx::result rows = results.take(query);
    CatalogRow::FieldNumbers numbers;
    for (const auto& row : rows) visit(CatalogRow(row, numbers));
}

}  // namespace pgshift
