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

// The errno of the last system call that failed on the store's file (`journal` 0) or on its
// write-ahead log or rollback journal (`journal` 1), as SQLite keeps it for each file
// (SQLITE_FCNTL_LAST_ERRNO); 0 when none failed or the file is not open. The log is reached
// through its file object (SQLITE_FCNTL_JOURNAL_POINTER): sqlite3_file_control names only
// databases. SQLite's own sqlite3_system_errno is not set when a commit's write or sync fails.
static inline int isnad_last_file_errno(sqlite3 *db, int journal) {
    sqlite3_file *file = 0;
    int code = 0;
    if (journal) {
        if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &file) != SQLITE_OK || file == 0
            || file->pMethods == 0)
            return 0;
        return file->pMethods->xFileControl(file, SQLITE_FCNTL_LAST_ERRNO, &code) == SQLITE_OK ? code : 0;
    }
    return sqlite3_file_control(db, "main", SQLITE_FCNTL_LAST_ERRNO, &code) == SQLITE_OK ? code : 0;
}
