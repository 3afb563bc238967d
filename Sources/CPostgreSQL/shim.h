// libpq, PostgreSQL's client library, loaded when a command first opens a store on a server
// rather than when the program starts: linked at start, it brings about twenty more shared
// libraries (TLS, Kerberos, LDAP) that every command paid for in start-up time, stores on
// SQLite included; and the program runs where libpq is not installed.
//
// The header gives the types and constants; each function is reached through a pointer looked
// up once (dlsym). isnad_pq_load() must have succeeded before any isnad_PQ… function is called.
#ifndef ISNAD_CPOSTGRESQL_SHIM_H
#define ISNAD_CPOSTGRESQL_SHIM_H

// Debian's libpq-dev puts the header under postgresql/; Homebrew's libpq is keg-only.
#if __has_include(<postgresql/libpq-fe.h>)
#include <postgresql/libpq-fe.h>
#elif __has_include("/opt/homebrew/opt/libpq/include/libpq-fe.h")
#include "/opt/homebrew/opt/libpq/include/libpq-fe.h"
#elif __has_include("/usr/local/opt/libpq/include/libpq-fe.h")
#include "/usr/local/opt/libpq/include/libpq-fe.h"
#else
#include <libpq-fe.h>
#endif
#include <dlfcn.h>
#include <stddef.h>

static inline void *isnad_pq_handle(void) {
    static void *handle = NULL;
    if (handle == NULL) {
        handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
#ifdef __APPLE__
        if (handle == NULL) handle = dlopen("/opt/homebrew/opt/libpq/lib/libpq.5.dylib", RTLD_NOW | RTLD_LOCAL);
        if (handle == NULL) handle = dlopen("/usr/local/opt/libpq/lib/libpq.5.dylib", RTLD_NOW | RTLD_LOCAL);
        if (handle == NULL) handle = dlopen("libpq.5.dylib", RTLD_NOW | RTLD_LOCAL);
#endif
    }
    return handle;
}

/// Loads libpq; 1 when it is there, else 0 (and isnad_pq_load_error() says why).
static inline int isnad_pq_load(void) { return isnad_pq_handle() != NULL; }

static inline const char *isnad_pq_load_error(void) {
    const char *message = dlerror();
    return message != NULL ? message : "libpq.so.5 not found";
}

#define ISNAD_PQ_FUNCTION(returns, name, parameters, arguments)                 \
    static inline returns isnad_##name parameters {                            \
        static returns(*function) parameters = NULL;                           \
        if (function == NULL) {                                                \
            *(void **)(&function) = dlsym(isnad_pq_handle(), #name);           \
        }                                                                      \
        return function arguments;                                             \
    }

ISNAD_PQ_FUNCTION(PGconn *, PQconnectdb, (const char *conninfo), (conninfo))
ISNAD_PQ_FUNCTION(PQconninfoOption *, PQconninfoParse, (const char *conninfo, char **errmsg), (conninfo, errmsg))
ISNAD_PQ_FUNCTION(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg))
ISNAD_PQ_FUNCTION(ConnStatusType, PQstatus, (const PGconn *conn), (conn))
ISNAD_PQ_FUNCTION(int, PQsetClientEncoding, (PGconn *conn, const char *encoding), (conn, encoding))
ISNAD_PQ_FUNCTION(char *, PQerrorMessage, (const PGconn *conn), (conn))
ISNAD_PQ_FUNCTION(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query))
ISNAD_PQ_FUNCTION(PGresult *, PQexecParams,
    (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues,
     const int *paramLengths, const int *paramFormats, int resultFormat),
    (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))
ISNAD_PQ_FUNCTION(PGresult *, PQprepare,
    (PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes),
    (conn, stmtName, query, nParams, paramTypes))
ISNAD_PQ_FUNCTION(PGresult *, PQexecPrepared,
    (PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues, const int *paramLengths,
     const int *paramFormats, int resultFormat),
    (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat))
ISNAD_PQ_FUNCTION(ExecStatusType, PQresultStatus, (const PGresult *res), (res))
ISNAD_PQ_FUNCTION(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))
ISNAD_PQ_FUNCTION(int, PQputCopyData, (PGconn *conn, const char *buffer, int nbytes), (conn, buffer, nbytes))
ISNAD_PQ_FUNCTION(int, PQputCopyEnd, (PGconn *conn, const char *errormsg), (conn, errormsg))
ISNAD_PQ_FUNCTION(PGresult *, PQgetResult, (PGconn *conn), (conn))
ISNAD_PQ_FUNCTION(PGTransactionStatusType, PQtransactionStatus, (const PGconn *conn), (conn))
ISNAD_PQ_FUNCTION(int, PQserverVersion, (const PGconn *conn), (conn))
ISNAD_PQ_FUNCTION(int, PQntuples, (const PGresult *res), (res))
ISNAD_PQ_FUNCTION(int, PQnfields, (const PGresult *res), (res))
ISNAD_PQ_FUNCTION(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))
ISNAD_PQ_FUNCTION(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))
ISNAD_PQ_FUNCTION(int, PQgetlength, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))
ISNAD_PQ_FUNCTION(Oid, PQftype, (const PGresult *res, int field_num), (res, field_num))
ISNAD_PQ_FUNCTION(char *, PQcmdTuples, (PGresult *res), (res))

static inline void isnad_PQclear(PGresult *res) {
    static void (*function)(PGresult *) = NULL;
    if (function == NULL) *(void **)(&function) = dlsym(isnad_pq_handle(), "PQclear");
    function(res);
}

static inline void isnad_PQconninfoFree(PQconninfoOption *options) {
    static void (*function)(PQconninfoOption *) = NULL;
    if (function == NULL) *(void **)(&function) = dlsym(isnad_pq_handle(), "PQconninfoFree");
    function(options);
}

static inline void isnad_PQfreemem(void *pointer) {
    static void (*function)(void *) = NULL;
    if (function == NULL) *(void **)(&function) = dlsym(isnad_pq_handle(), "PQfreemem");
    function(pointer);
}

static inline void isnad_PQfinish(PGconn *conn) {
    static void (*function)(PGconn *) = NULL;
    if (function == NULL) *(void **)(&function) = dlsym(isnad_pq_handle(), "PQfinish");
    function(conn);
}

#endif
