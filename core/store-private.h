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
  /* FTS5 rows an import writes at commit, not in each article's savepoint:
   * FTS5 flushes its pending terms at every savepoint, which made one index
   * segment per article. */
  GArray *fts_articles;  /* DgFtsArticle: article_search rows to insert */
  GHashTable *fts_nodes; /* node id (gint64 *) → GINT_TO_POINTER (1) for a node
                          * new in this transaction (no node_search row yet),
                          * (2) for one whose row must be rewritten */
  gboolean read_only;    /* the file or its file system is read-only: the
                          * queries work, writing is refused */
};

/* A query of several statements reads one snapshot: outside a transaction
 * this begins a read transaction and returns TRUE; pass that to
 * dg_store_snapshot_end. Inside one (an import's batch) it does nothing. */
gboolean dg_store_snapshot_begin (DgStore *store);
void dg_store_snapshot_end (DgStore *store, gboolean began);

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

/* The columns a DgNodeRow is read from, for a query over "nodes n":
 * SELECT n.id, DG_NODE_ROW_COLUMNS FROM nodes n … and then
 * dg_node_row_from_stmt (st, 0, row). */
#define DG_NODE_ROW_COLUMNS                                                    \
  "n.type, n.key, n.label, json_extract (n.attrs, '$.code'), "                 \
  "json_extract (n.attrs, '$.date'), json_extract (n.attrs, '$.level'), "      \
  "json_extract (n.attrs, '$.title'), "                                        \
  "CASE n.type WHEN 'official' THEN "                                          \
  "  (SELECT group_concat (value, '; ') FROM json_each (n.attrs, '$.titles')) " \
  "ELSE (SELECT group_concat (o.label, '; ') FROM edges e "                    \
  "  JOIN nodes o ON o.id = e.dst WHERE e.src = n.id AND e.type = "            \
  "  CASE n.type WHEN 'document' THEN 'issued-by' "                            \
  "  WHEN 'event' THEN 'organized-by' ELSE 'part-of' END) END"
/* Fills row from the id at column first and the DG_NODE_ROW_COLUMNS after
 * it; the row's strings are new copies. */
void dg_node_row_from_stmt (sqlite3_stmt *st, int first, DgNodeRow *row);
/* Frees the strings of a row in place. */
void dg_node_row_clear (DgNodeRow *row);
/* Reads one node. FALSE with DG_STORE_ERROR_NOT_FOUND when it is not there. */
gboolean dg_store_node_row (DgStore *store, gint64 id, DgNodeRow *row, GError **error);
/* Appends member name of o when value is not NULL. */
void dg_json_set_string (JsonObject *o, const char *name, const char *value);
/* json_to_string, pretty, with a final line end. (transfer full) */
char *dg_json_render (JsonNode *node);
/* An FTS5 query for the folded words of text (dg_text_fold_search), joined
 * by op (" " for all of them, " OR " for any), each quoted so that no
 * character is FTS5 syntax; with last_prefix the last word matches as a
 * prefix. (transfer full); NULL when text has no word. */
char *dg_store_fts_query (const char *text, const char *op, gboolean last_prefix);

/* merge-log.c: the rows a merge of drop into keep will change, as the
 * undo record of the merges table. (transfer full) */
JsonObject *dg_merge_snapshot (DgStore *store, gint64 keep, gint64 drop, GError **error);
/* What the snapshot says will move, named while both nodes exist.
 * (transfer full) */
DgMergePlan *dg_merge_plan_new (DgStore *store, JsonObject *snap, gint64 keep, gint64 drop);
/* Adds the merge's row to the log, after the merge ran. */
gboolean dg_merge_log (DgStore *store, JsonObject *snap, gint64 keep, gint64 drop,
                       gint64 *merge_id, GError **error);
