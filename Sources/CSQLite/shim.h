#include <sqlite3.h>

// sqlite3_db_config is variadic, which Swift cannot call: this sets one of its on/off options
// (https://www.sqlite.org/c3ref/c_dbconfig_defensive.html) and returns SQLite's result code.
static inline int isnad_db_config_flag(sqlite3 *db, int option, int value) {
    int result = 0;
    return sqlite3_db_config(db, option, value, &result);
}
