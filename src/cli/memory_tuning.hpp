// Process-wide allocator settings for the pgshift binaries.
#pragma once

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <deque>
#include <utility>

namespace pgshift::cli {

// libpg_query allocates and frees large blocks for every parse; glibc would hand them back to the
// kernel each time and fault them in again. Keeping freed memory costs little and, measured on the
// parse benchmark, more than doubles throughput (docs/performance.md). One arena for all threads:
// catalog results are allocated on fetching threads and freed on the reading one, and with an
// arena per thread each held its own padding and free blocks (a quarter of the peak memory of an
// introspection, and faulting it in cost 10% of the time); the threads seldom allocate at once.
inline void keep_freed_memory() {
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, -1);  // never: the heap holds the range use_huge_pages() reserved
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
}

// A model is millions of small objects made once: faulting their memory in 4 KB pages took a
// fifth of the time. The kernel backs memory with transparent huge pages where asked to
// (madvise), and glibc asks only for heap it grows after a tunable set before the process
// started. So the heap is grown once, up front, by an address range that costs nothing until
// touched, and that range is marked for huge pages; keep_freed_memory() keeps glibc from
// handing it back. Starting the binary again with the tunable set did the same at the price of
// a second process start (18 ms: loading libpq and its libraries twice). If the heap cannot
// grow, memory comes in small pages as it would anyway.
inline void use_huge_pages() {
    constexpr std::size_t huge_page = 2 * 1024 * 1024, reserve = std::size_t(1) << 30;
    auto* start = static_cast<char*>(sbrk(0));
    mallopt(M_TOP_PAD, reserve);
    void* volatile probe = malloc(huge_page);  // grows the heap by the probe and the pad (volatile: kept)
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
    free(probe);
    auto* end = static_cast<char*>(sbrk(0));
    auto* aligned = reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(start) + huge_page - 1) & ~(huge_page - 1));
    if (end > aligned + huge_page) madvise(aligned, std::size_t(end - aligned) & ~(huge_page - 1), MADV_HUGEPAGE);
}

// Models are millions of small objects: destroying them one by one took 5-9% of a command's
// time, where the end of the process hands all their memory back at once. What is kept here
// lives until then (reachable, so leak checkers do not count it).
template <typename T>
T& keep_for_process(T&& value) {
    static auto* kept = new std::deque<T>();  // never destroyed, on purpose
    return kept->emplace_back(std::move(value));
}

}  // namespace pgshift::cli
