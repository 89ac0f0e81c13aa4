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
/* Steps a statement that returns no row (or whose rows are not wanted) and
 * resets it; FALSE with error set (prefixed by what) when SQLite fails. */
gboolean dg_store_step_done (DgStore *store, sqlite3_stmt *st, const char *what,
                             GError **error);

/* Compact JSON text of an object. (transfer full) */
char *dg_store_json_text (JsonObject *o);
/* The object JSON text holds, or an empty object when it holds none.
 * (transfer full) */
JsonObject *dg_store_json_parse (const char *text);
/* Merges edge attributes as an import does: other members as
 * dg_json_object_merge, and a role that differs from into's joins
 * into.roles. */
void dg_store_merge_roles (JsonObject *into, JsonObject *from);

/* Rewrites the node_search row of a node from its label, alias names and
 * attrs.aliases; removes it when the node is gone. */
gboolean dg_store_index_node (DgStore *store, gint64 id, GError **error);

/* Levenshtein distance between two UTF-8 strings, counted in characters;
 * any value above max is returned as max + 1 (the work stops early). */
guint dg_edit_distance (const char *a, const char *b, guint max);

/* One line that names a node for messages: "#12 document 90-KH/TU, Kế hoạch
 * số 90-KH/TU (Tỉnh ủy Hà Giang)". (transfer full); NULL when no such node. */
char *dg_store_describe_node (DgStore *store, gint64 id, GError **error);
