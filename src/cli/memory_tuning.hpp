// Process-wide allocator settings for the pgshift binaries.
#pragma once

#include <malloc.h>

namespace pgshift::cli {

// libpg_query allocates and frees large blocks for every parse; glibc would hand them back to the
// kernel each time and fault them in again. Keeping freed memory costs little and, measured on the
// parse benchmark, more than doubles throughput (docs/performance.md).
inline void keep_freed_memory() {
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
}

}  // namespace pgshift::cli
