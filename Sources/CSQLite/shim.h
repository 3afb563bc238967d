#include <sqlite3.h>

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
