// Why SQLite gets an allocator of its own.
//
// A command reads about a thousand pages once each (a neighbourhood at a million claims: 1,629
// distinct pages), into a page cache that grows a page at a time. Each 4 KiB of memory the cache
// grows into is touched for the first time, and on a virtual machine a first touch costs about
// 2 µs, what reading the page again from the system's file cache costs (Benchmarks/RESULTS.md,
// fifth and tenth passes). Taken from a region marked for transparent huge pages, the cache's
// memory costs one fault a 2 MiB instead of one a 4 KiB.
//
// SQLite's own way to do this, SQLITE_CONFIG_PAGECACHE, writes into every slot of its block at
// start-up and counts itself under memory pressure once the block is nearly full, after which
// every connection's cache stops growing: an import's 64 MiB cache was held to the block's 2 MiB
// (the tenth pass). This allocator has neither: the region is handed out slot by slot, in order,
// so only what is used is touched; a cache that outgrows it takes its further pages from malloc,
// as it would without the region; and SQLite never learns of the region, so never feels pressure.
// Slots handed back are kept for the next page (a list through their first bytes) and never
// returned to the system: the region is small beside what a command reads, and is the memory a
// reading connection's cache would hold anyway.

#include "sqlite_memory.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// <stdlib.h> has defined __GLIBC__ by now, where it is glibc.
#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <pthread.h>
#include <sys/mman.h>
#endif

// SQLite keeps statistics of its memory (sqlite3_memory_used, the soft and hard heap limits),
// which Isnad reads nowhere: kept, every allocation and every free takes a mutex and asks the
// allocator for the block's size. Off, they are the allocator's calls alone.
static void turn_off_memory_statistics(void) { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE)

// Set once by isnad_sqlite_memory_install, before SQLite's first use; read-only afterwards.
static char *region_start;
static char *region_end;
static int smallest_page_block;
static int page_block_size;

// Under region_lock: SQLite calls its allocator from every thread that has a connection.
static pthread_mutex_t region_lock = PTHREAD_MUTEX_INITIALIZER;
static char *region_untouched;
static void *blocks_handed_back;
static long page_blocks_in_use;
static long page_blocks_highest;

static int is_page_block(const void *memory) {
    return (const char *)memory >= region_start && (const char *)memory < region_end;
}

static void *take_page_block(void) {
    void *block = NULL;
    pthread_mutex_lock(&region_lock);
    if (blocks_handed_back != NULL) {
        block = blocks_handed_back;
        blocks_handed_back = *(void **)block;
    } else if (region_end - region_untouched >= page_block_size) {
        block = region_untouched;
        region_untouched += page_block_size;
    }
    if (block != NULL && ++page_blocks_in_use > page_blocks_highest) page_blocks_highest = page_blocks_in_use;
    pthread_mutex_unlock(&region_lock);
    return block;
}

static void hand_back_page_block(void *block) {
    pthread_mutex_lock(&region_lock);
    *(void **)block = blocks_handed_back;
    blocks_handed_back = block;
    page_blocks_in_use -= 1;
    pthread_mutex_unlock(&region_lock);
}

static void *memory_allocate(int bytes) {
    if (bytes >= smallest_page_block && bytes <= page_block_size) {
        void *block = take_page_block();
        if (block != NULL) return block;
    }
    return malloc((size_t)bytes);
}

static void memory_free(void *memory) {
    if (is_page_block(memory)) {
        hand_back_page_block(memory);
    } else {
        free(memory);
    }
}

static void *memory_reallocate(void *memory, int bytes) {
    if (!is_page_block(memory)) return realloc(memory, (size_t)bytes);
    if (bytes <= page_block_size) return memory;
    void *moved = malloc((size_t)bytes);
    if (moved == NULL) return NULL;
    memcpy(moved, memory, (size_t)page_block_size);
    hand_back_page_block(memory);
    return moved;
}

static int memory_size(void *memory) {
    if (memory == NULL) return 0;
    if (is_page_block(memory)) return page_block_size;
    return (int)malloc_usable_size(memory);
}

static int memory_round_up(int bytes) { return (bytes + 7) & ~7; }

static int memory_initialize(void *unused) {
    (void)unused;
    return SQLITE_OK;
}

static void memory_shut_down(void *unused) { (void)unused; }

int isnad_sqlite_memory_install(int page_size, int region_bytes) {
    if (region_start != NULL) return SQLITE_OK;
    turn_off_memory_statistics();
    int header = 0;
    int code = sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header);
    if (code != SQLITE_OK) return code;
    // What a page cache asks for a page (the page and SQLite's headers for it, a multiple of 8);
    // the pager's and the B-tree's page-sized buffers (the page, or the page and 8 bytes) fit too.
    page_block_size = (page_size + header + 7) & ~7;
    smallest_page_block = page_size;
    // Reserved with room to spare, so that the region can start on a huge page's boundary; the
    // room either side is handed back. Nothing is touched, so nothing is resident, until used.
    const uintptr_t huge = (uintptr_t)2 << 20;
    const size_t length = (size_t)region_bytes + huge;
    char *mapping = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapping == MAP_FAILED) return SQLITE_OK;
    char *start = (char *)(((uintptr_t)mapping + huge - 1) & ~(huge - 1));
    if (start > mapping) munmap(mapping, (size_t)(start - mapping));
    if (start + region_bytes < mapping + length) {
        munmap(start + region_bytes, (size_t)(mapping + length - (start + region_bytes)));
    }
    // Where Linux has huge pages off, the region is faulted in 4 KiB pages as malloc's memory is:
    // no gain, no loss.
    (void)madvise(start, (size_t)region_bytes, MADV_HUGEPAGE);
    region_start = start;
    region_untouched = start;
    region_end = start + region_bytes;
    static const sqlite3_mem_methods methods = {
        memory_allocate, memory_free, memory_reallocate, memory_size, memory_round_up, memory_initialize,
        memory_shut_down, NULL,
    };
    code = sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
    if (code != SQLITE_OK) {
        region_start = region_end = region_untouched = NULL;
        munmap(start, (size_t)region_bytes);
        return code;
    }
    // No bulk allocation of 20 pages a connection, from malloc: every page from the region. Should
    // SQLite refuse, the bulk stays, and only the pages past it come from the region.
    (void)sqlite3_config(SQLITE_CONFIG_PAGECACHE, (void *)NULL, 0, 0);
    return SQLITE_OK;
}

long isnad_sqlite_memory_page_blocks_highest(void) {
    pthread_mutex_lock(&region_lock);
    long highest = page_blocks_highest;
    pthread_mutex_unlock(&region_lock);
    return highest;
}

#else

int isnad_sqlite_memory_install(int page_size, int region_bytes) {
    turn_off_memory_statistics();
    (void)page_size;
    (void)region_bytes;
    return SQLITE_OK;
}

long isnad_sqlite_memory_page_blocks_highest(void) { return 0; }

#endif
