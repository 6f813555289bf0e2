// Process-wide allocator settings for the pgshift binaries.
#pragma once

#include <malloc.h>
#include <unistd.h>

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
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
}

// A model is millions of small objects made once: faulting their memory in 4 KB pages took a
// fifth of the time. glibc puts its heap in transparent huge pages only when told so at startup
// (GLIBC_TUNABLES), so the binary starts itself again once with that set, before doing anything
// else. Tunables the user chose are left alone; if the restart fails, it runs as it is.
inline void use_huge_pages(char** argv) {
    if (std::getenv("GLIBC_TUNABLES")) return;
    setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1);
    execv("/proc/self/exe", argv);
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
