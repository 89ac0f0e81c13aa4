/* store-private.h: the store's insides, for the query and export code of
 * libdocgraph. */
#pragma once

#include "model-private.h"

#include <sqlite3.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

struct _DgStore {
  sqlite3 *db;           /* the connection, WAL, foreign keys on */
  char *path;            /* file name as given */
  GHashTable *stmts;     /* SQL text → cached sqlite3_stmt */
  guint batch_depth;     /* > 0 inside dg_store_begin … commit */
};

/* The connection. (transfer none) */
sqlite3 *dg_store_db (DgStore *store);
/* A cached prepared statement for sql, reset and with bindings cleared.
 * NULL and error set when SQLite refuses the SQL. (transfer none) */
sqlite3_stmt *dg_store_prepare (DgStore *store, const char *sql, GError **error);
/* Runs SQL that returns no rows. */
gboolean dg_store_exec (DgStore *store, const char *sql, GError **error);
/* Sets error from the connection's last message, prefixed by what. */
void dg_store_set_error (DgStore *store, GError **error, const char *what);
