#ifndef ISNAD_SQLITE_MEMORY_H
#define ISNAD_SQLITE_MEMORY_H

// SQLite's memory, served so that its page caches take few page faults (sqlite_memory.c).

// Gives SQLite an allocator (SQLITE_CONFIG_MALLOC) that serves blocks the size of a page of
// `page_size` bytes with its cache header from one region of `region_bytes`, reserved at once,
// touched only as it is handed out and marked for transparent huge pages; everything else, and
// pages once the region is used up, from malloc. Must run before SQLite's first connection
// (sqlite3_config refuses afterwards). Turns SQLite's memory statistics off, everywhere (Isnad
// reads none). Returns SQLite's result code; SQLITE_OK, and no allocator installed, where the
// platform has no huge pages to ask for.
int isnad_sqlite_memory_install(int page_size, int region_bytes);

// How many page blocks of the region were in use at most, in this process: 0 where no region was
// set aside.
long isnad_sqlite_memory_page_blocks_highest(void);

#endif
