// Nodes a rewrite of a libpg_query tree creates.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace pgshift {

// The rewritten tree points into it, so it must live as long as the tree.
class RewriteArena {
public:
    RewriteArena();
    ~RewriteArena();
    RewriteArena(const RewriteArena&) = delete;
    RewriteArena& operator=(const RewriteArena&) = delete;
    void clear();
    struct Storage;
    Storage& storage() { return *storage_; }

private:
    std::unique_ptr<Storage> storage_;
};

struct RewriteArena::Storage {
    template <typename T>
    T* make(const T& initial) {
        auto block = std::make_unique<char[]>(sizeof(T));
        T* value = new (block.get()) T(initial);
        blocks_.push_back(std::move(block));
        return value;
    }
    PgQuery__Node* node(PgQuery__Node__NodeCase node_case, void* value) {
        PgQuery__Node* result = make<PgQuery__Node>(PG_QUERY__NODE__INIT);
        result->node_case = node_case;
        result->alias = static_cast<PgQuery__Alias*>(value);  // every union member is a pointer
        return result;
    }
    PgQuery__Node* string(const std::string& text) {
        PgQuery__String* value = make<PgQuery__String>(PG_QUERY__STRING__INIT);
        strings_.push_back(text);
        value->sval = const_cast<char*>(strings_.back().c_str());
        return node(PG_QUERY__NODE__NODE_STRING, value);
    }
    PgQuery__Node** array(std::size_t count) {
        auto block = std::make_unique<char[]>(sizeof(PgQuery__Node*) * (count ? count : 1));
        auto** items = reinterpret_cast<PgQuery__Node**>(block.get());
        blocks_.push_back(std::move(block));
        return items;
    }
    char* text(const std::string& value) {
        strings_.push_back(value);
        return const_cast<char*>(strings_.back().c_str());
    }

    std::vector<std::unique_ptr<char[]>> blocks_;
    std::deque<std::string> strings_;
};

inline RewriteArena::RewriteArena() : storage_(std::make_unique<Storage>()) {}
inline RewriteArena::~RewriteArena() = default;
inline void RewriteArena::clear() { storage_ = std::make_unique<Storage>(); }

}  // namespace pgshift
