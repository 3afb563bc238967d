// replay STORE LOG FIRST LAST
//
// Steps, in SQLite alone, the statements an isnad process ran (logged by statement_log.c): the
// bound of a query whose time is SQLite reading pages. Opens STORE read-only as isnad does, with
// the page memory isnad installs (Sources/CSQLiteMemory), runs the statements logged before
// FIRST as the process ran them (its pragmas, its read transaction, what it read before its
// clock started), prepares FIRST..LAST (1-based, in log order), and only then starts the clock:
// each statement is stepped for as many rows as the process stepped, every column of every row
// read as the C value of its type. Prints the time in milliseconds, and what preparing took.
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sqlite_memory.h"

typedef struct {
    char *sql;
    char handle[32];
    long rows;  // -1: to the end
} logged_statement;

static logged_statement *read_log(const char *path, int *count) {
    FILE *file = fopen(path, "r");
    if (file == NULL) return NULL;
    int capacity = 1024;
    logged_statement *statements = calloc((size_t)capacity, sizeof *statements);
    *count = 0;
    char *line = NULL;
    size_t line_capacity = 0;
    ssize_t length;
    size_t sql_length = 0;
    while ((length = getline(&line, &line_capacity, file)) > 0) {
        char handle[32];
        long rows;
        if (strncmp(line, "-- statement ", 13) == 0) {
            if (*count == capacity) {
                capacity *= 2;
                statements = realloc(statements, (size_t)capacity * sizeof *statements);
            }
            logged_statement *statement = &statements[(*count)++];
            statement->sql = calloc(1, 1);
            statement->rows = -1;
            sql_length = 0;
            sscanf(line + 13, "%31s", statement->handle);
        } else if (sscanf(line, "-- rows %ld %31s", &rows, handle) == 2) {
            // The latest run of that handle still without a count.
            for (int i = *count - 1; i >= 0; i--) {
                if (strcmp(statements[i].handle, handle) == 0) {
                    if (statements[i].rows < 0) statements[i].rows = rows;
                    break;
                }
            }
        } else if (*count > 0) {
            logged_statement *statement = &statements[*count - 1];
            statement->sql = realloc(statement->sql, sql_length + (size_t)length + 1);
            memcpy(statement->sql + sql_length, line, (size_t)length + 1);
            sql_length += (size_t)length;
        }
    }
    free(line);
    fclose(file);
    return statements;
}

static double milliseconds(struct timespec start, struct timespec end) {
    return (double)(end.tv_sec - start.tv_sec) * 1e3 + (double)(end.tv_nsec - start.tv_nsec) / 1e6;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: replay STORE LOG FIRST LAST\n");
        return 64;
    }
    int count = 0;
    logged_statement *statements = read_log(argv[2], &count);
    if (statements == NULL) {
        fprintf(stderr, "replay: %s: cannot read\n", argv[2]);
        return 66;
    }
    int first = atoi(argv[3]), last = atoi(argv[4]);
    if (first < 1 || last < first || last > count) {
        fprintf(stderr, "replay: statements %d to %d: the log has %d\n", first, last, count);
        return 64;
    }
    // As Database.swift installs it: 4 KiB pages, an 8 MiB region.
    isnad_sqlite_memory_install(4096, 8 << 20);
    sqlite3 *database;
    // A path, not a URI: a store's name may hold '?' or '#'.
    if (sqlite3_open_v2(argv[1], &database, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "replay: %s: %s\n", argv[1], sqlite3_errmsg(database));
        return 66;
    }
    for (int i = 0; i < first - 1; i++) {
        sqlite3_stmt *statement;
        if (sqlite3_prepare_v2(database, statements[i].sql, -1, &statement, NULL) != SQLITE_OK || statement == NULL) continue;
        while (sqlite3_step(statement) == SQLITE_ROW) {
        }
        sqlite3_finalize(statement);
    }
    sqlite3_stmt **prepared = calloc((size_t)count, sizeof *prepared);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = first - 1; i < last; i++) {
        if (sqlite3_prepare_v2(database, statements[i].sql, -1, &prepared[i], NULL) != SQLITE_OK) {
            fprintf(stderr, "replay: statement %d: %s\n", i + 1, sqlite3_errmsg(database));
            return 65;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    const double preparing = milliseconds(start, end);
    // Summed, so that no read can be left out as unused.
    long long checksum = 0;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = first - 1; i < last; i++) {
        sqlite3_stmt *statement = prepared[i];
        if (statement == NULL) continue;
        long rows = 0;
        while ((statements[i].rows < 0 || rows < statements[i].rows) && sqlite3_step(statement) == SQLITE_ROW) {
            rows += 1;
            for (int column = 0; column < sqlite3_column_count(statement); column++) {
                switch (sqlite3_column_type(statement, column)) {
                case SQLITE_INTEGER: checksum += sqlite3_column_int64(statement, column); break;
                case SQLITE_FLOAT: checksum += (long long)sqlite3_column_double(statement, column); break;
                case SQLITE_NULL: break;
                default: {
                    const unsigned char *text = sqlite3_column_text(statement, column);
                    checksum += sqlite3_column_bytes(statement, column) + (text != NULL ? text[0] : 0);
                }
                }
            }
        }
        sqlite3_reset(statement);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%.3f ms (checksum %lld; preparing the statements took %.3f ms more)\n", milliseconds(start, end), checksum,
           preparing);
    for (int i = first - 1; i < last; i++) sqlite3_finalize(prepared[i]);
    sqlite3_close(database);
    return 0;
}
