#include "introspect/catalog_rows.hpp"

#include <cstdlib>
#include <cstring>

namespace pgshift {

CatalogResults::~CatalogResults() {
    for (auto& worker : workers_) worker.wait();
}

void CatalogResults::fetch(pqxx::transaction_base& tx, std::vector<std::string> preamble, const std::vector<std::string_view>& queries) {
    std::vector<std::promise<pqxx::result>> promises(queries.size());
    for (std::size_t i = 0; i < queries.size(); ++i) pending_[queries[i].data()] = promises[i].get_future().share();
    workers_.push_back(std::async(std::launch::async, [&tx, preamble = std::move(preamble), queries, promises = std::move(promises)]() mutable {
        std::size_t i = 0;
        try {
            pqxx::result last;
            {
                // Sent together, in one round trip: the server runs them back to back, however far away it is.
                pqxx::pipeline pipeline(tx);
                pipeline.retain(int(preamble.size() + queries.size()));
                for (const std::string& statement : preamble) pipeline.insert(statement);
                std::vector<pqxx::pipeline::query_id> ids;
                for (std::string_view query : queries) ids.push_back(pipeline.insert(std::string(query)));
                pipeline.resume();
                for (std::size_t j = 0; j < preamble.size(); ++j) pipeline.retrieve();
                for (; i + 1 < queries.size(); ++i) {
                    promises[i].set_value(pipeline.retrieve(ids[i]));
                    promises[i] = {};  // the reader alone holds the result now
                }
                if (!queries.empty()) last = pipeline.retrieve(ids.back());
                pipeline.complete();
            }
            // The pipeline has let go of `tx`: whoever has the last result may use it.
            if (!queries.empty()) promises[i].set_value(std::move(last));
        } catch (...) {
            for (; i < queries.size(); ++i) promises[i].set_exception(std::current_exception());
        }
    }));
}

pqxx::result CatalogResults::take(std::string_view query) {
    auto pending = pending_.find(query.data());
    if (pending == pending_.end()) throw std::logic_error("catalog query taken twice or never fetched");
    std::shared_future<pqxx::result> result = std::move(pending->second);
    pending_.erase(pending);
    return result.get();
}

pqxx::field CatalogRow::field(const char* name) const {
    for (const auto& [known, number] : numbers_)
        if (known == name) return row_[number];
    numbers_.emplace_back(name, row_.column_number(name));
    return row_[numbers_.back().second];
}

std::int64_t CatalogRow::integer(const char* name) const { return std::strtoll(field(name).c_str(), nullptr, 10); }

double CatalogRow::number(const char* name) const { return std::strtod(field(name).c_str(), nullptr); }

std::vector<std::string> CatalogRow::strings(const char* name) const {
    std::vector<std::string> items;
    pqxx::field array = field(name);
    if (array.is_null()) return items;
    // An array whose lower bound is not 1 (int2vector and oidvector cast to arrays start at 0) is
    // printed with its bounds first, "[0:1]={1,2}", which the parser does not expect. Such arrays
    // hold numbers: any encoding reads them.
    const char* text = array.c_str();
    if (*text == '[')
        if (const char* values = std::strchr(text, '=')) text = values + 1;
    pqxx::array_parser parser = text == array.c_str() ? array.as_array() : pqxx::array_parser(text);
    for (auto [juncture, value] = parser.get_next(); juncture != pqxx::array_parser::juncture::done;
         std::tie(juncture, value) = parser.get_next())
        if (juncture == pqxx::array_parser::juncture::string_value) items.push_back(std::move(value));
        else if (juncture == pqxx::array_parser::juncture::null_value) items.emplace_back();
    return items;
}

std::vector<std::int64_t> CatalogRow::integers(const char* name) const {
    std::vector<std::int64_t> numbers;
    for (const std::string& item : strings(name)) numbers.push_back(std::strtoll(item.c_str(), nullptr, 10));
    return numbers;
}

std::string CatalogRow::bytes(const char* name) const {
    // bytea in hex output ("\x666f00"); the session pins bytea_output to it.
    std::string_view hex = field(name).c_str();
    if (hex.rfind("\\x", 0) != 0) return {};
    auto digit = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    std::string decoded;
    decoded.reserve(hex.size() / 2);
    for (std::size_t i = 2; i + 1 < hex.size(); i += 2) decoded += char(digit(hex[i]) << 4 | digit(hex[i + 1]));
    return decoded;
}

nlohmann::json CatalogRow::json(const char* name) const {
    pqxx::field value = field(name);
    return value.is_null() ? nlohmann::json() : nlohmann::json::parse(value.c_str());
}

}  // namespace pgshift
