// Loaded into an isnad process (LD_PRELOAD) by Benchmarks/run.py: writes every statement the
// process runs, with its values bound (sqlite3_expanded_sql), and how many rows it stepped, to
// the file named by $ISNAD_STATEMENT_LOG. replay.c then steps the same statements in SQLite
// alone: the bound of a query whose time is SQLite reading pages.
//
// Log format, one entry a run of a statement:
//   -- statement <handle>
//   <SQL, one or more lines>
//   -- rows <count> <handle>      (when the statement is reset or finalized)
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

enum { tracked_limit = 4096 };
static FILE *log_file;
static sqlite3_stmt *running[tracked_limit];
static long rows_stepped[tracked_limit];
static int running_count;

static FILE *log_output(void) {
    if (log_file == NULL) {
        const char *path = getenv("ISNAD_STATEMENT_LOG");
        log_file = path != NULL ? fopen(path, "w") : NULL;
        if (log_file == NULL) log_file = stderr;
    }
    return log_file;
}

static void note_rows(sqlite3_stmt *statement) {
    for (int i = 0; i < running_count; i++) {
        if (running[i] != statement) continue;
        fprintf(log_output(), "-- rows %ld %p\n", rows_stepped[i], (void *)statement);
        running_count -= 1;
        running[i] = running[running_count];
        rows_stepped[i] = rows_stepped[running_count];
        return;
    }
}

int sqlite3_step(sqlite3_stmt *statement) {
    static int (*step)(sqlite3_stmt *);
    if (step == NULL) step = (int (*)(sqlite3_stmt *))dlsym(RTLD_NEXT, "sqlite3_step");
    if (!sqlite3_stmt_busy(statement)) {
        // A statement stepped to its end is not reset until it is run again.
        note_rows(statement);
        char *sql = sqlite3_expanded_sql(statement);
        if (sql != NULL) {
            fprintf(log_output(), "-- statement %p\n%s\n", (void *)statement, sql);
            sqlite3_free(sql);
        }
        if (running_count < tracked_limit) {
            running[running_count] = statement;
            rows_stepped[running_count] = 0;
            running_count += 1;
        }
    }
    int code = step(statement);
    if (code == SQLITE_ROW) {
        for (int i = 0; i < running_count; i++) {
            if (running[i] == statement) {
                rows_stepped[i] += 1;
                break;
            }
        }
    }
    return code;
}

int sqlite3_reset(sqlite3_stmt *statement) {
    static int (*reset)(sqlite3_stmt *);
    if (reset == NULL) reset = (int (*)(sqlite3_stmt *))dlsym(RTLD_NEXT, "sqlite3_reset");
    note_rows(statement);
    return reset(statement);
}

int sqlite3_finalize(sqlite3_stmt *statement) {
    static int (*finalize)(sqlite3_stmt *);
    if (finalize == NULL) finalize = (int (*)(sqlite3_stmt *))dlsym(RTLD_NEXT, "sqlite3_finalize");
    note_rows(statement);
    fflush(log_output());
    return finalize(statement);
}
