#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

// sqlite3_db_config is variadic, which Swift cannot call: this sets one of its on/off options
// (https://www.sqlite.org/c3ref/c_dbconfig_defensive.html) and returns SQLite's result code.
static inline int isnad_db_config_flag(sqlite3 *db, int option, int value) {
    int result = 0;
    return sqlite3_db_config(db, option, value, &result);
}

// Hands the memory malloc holds free back to the system, in every thread's arena: glibc keeps
// what a finished thread freed. Nothing to do elsewhere.
#if defined(__GLIBC__)
#include <malloc.h>
static inline void isnad_release_free_memory(void) { malloc_trim(0); }
#else
static inline void isnad_release_free_memory(void) {}
#endif

// Sets aside one block of `bytes` (2 MiB: one huge page) where SQLite's page caches, in every
// connection of the process, take their first pages of `page_size` bytes from; pages past the
// block, or larger, come from malloc as before. The block is asked of Linux as a transparent huge
// page, so that the process takes one fault for it instead of one for each 4 KiB it touches. SQLite
// writes into every slot of the block as it starts up: without huge pages the block would cost a
// fault per page at once, so it is set aside only where transparent huge pages are on ("always" or
// "madvise"). Must run before the first connection (sqlite3_config refuses afterwards); returns
// SQLite's result code, SQLITE_OK when nothing was set aside.
#if defined(__linux__) && defined(MADV_HUGEPAGE)
static inline int isnad_page_cache_in_huge_page(int page_size, int bytes) {
    char setting[64] = {0};
    FILE *file = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (file == NULL) return SQLITE_OK;
    size_t read = fread(setting, 1, sizeof setting - 1, file);
    fclose(file);
    if (read == 0 || strstr(setting, "[never]") != NULL) return SQLITE_OK;
    int header = 0;
    int code = sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header);
    if (code != SQLITE_OK) return code;
    // Mapped with room to spare, so that the block can start on a huge page's boundary; the
    // room either side is handed back.
    const uintptr_t huge = (uintptr_t)2 << 20;
    const size_t length = (size_t)bytes + huge;
    char *mapping = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapping == MAP_FAILED) return SQLITE_NOMEM;
    char *block = (char *)(((uintptr_t)mapping + huge - 1) & ~(huge - 1));
    if (block > mapping) munmap(mapping, (size_t)(block - mapping));
    if (block + bytes < mapping + length) munmap(block + bytes, (size_t)(mapping + length - (block + bytes)));
    int slot = (page_size + header + 7) & ~7;
    if (madvise(block, (size_t)bytes, MADV_HUGEPAGE) == 0) {
        code = sqlite3_config(SQLITE_CONFIG_PAGECACHE, block, slot, bytes / slot);
        if (code == SQLITE_OK) return code;
    }
    munmap(block, (size_t)bytes);
    return code;
}
#else
static inline int isnad_page_cache_in_huge_page(int page_size, int bytes) { return SQLITE_OK; }
#endif

// How many pages of the block set aside by isnad_page_cache_in_huge_page were in use at most.
static inline long long isnad_page_cache_block_high_water(void) {
    sqlite3_int64 current = 0, highest = 0;
    sqlite3_status64(SQLITE_STATUS_PAGECACHE_USED, &current, &highest, 0);
    return highest;
}
