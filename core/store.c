/* store.c: the SQLite store: opening, batches, and adding articles with
 * their graphs, one node per real thing. */
#include "store-private.h"

#include <string.h>

G_DEFINE_QUARK (dg-store-error-quark, dg_store_error)

int dg_schema_current_version (void);
gboolean dg_schema_migrate (DgStore *store, GError **error);

sqlite3 *
dg_store_db (DgStore *store)
{
  return store->db;
}

void
dg_store_set_error (DgStore *store, GError **error, const char *what)
{
  g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_SQL, "%s: %s: %s", store->path, what,
               sqlite3_errmsg (store->db));
}

sqlite3_stmt *
dg_store_prepare (DgStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *st = g_hash_table_lookup (store->stmts, sql);
  if (st)
    {
      sqlite3_reset (st);
      sqlite3_clear_bindings (st);
      return st;
    }
  if (sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
    {
      dg_store_set_error (store, error, "preparing a statement");
      sqlite3_finalize (st);
      return NULL;
    }
  g_hash_table_insert (store->stmts, g_strdup (sql), st);
  return st;
}

gboolean
dg_store_exec (DgStore *store, const char *sql, GError **error)
{
  char *msg = NULL;
  if (sqlite3_exec (store->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_SQL, "%s: %s", store->path,
                   msg ? msg : sqlite3_errmsg (store->db));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_pragma (DgStore *store, const char *sql, const char *want, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  gboolean ok = sqlite3_step (st) == SQLITE_ROW
                && g_ascii_strcasecmp ((const char *) sqlite3_column_text (st, 0), want) == 0;
  sqlite3_reset (st);
  if (!ok)
    g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN, "%s: %s did not answer %s",
                 store->path, sql, want);
  return ok;
}

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

DgStore *
dg_store_open (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_autoptr (DgStore) store = g_new0 (DgStore, 1);
  store->path = g_strdup (path);
  store->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_finalize);
  int rc = sqlite3_open_v2 (path, &store->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN, "%s: cannot open: %s", path,
                   store->db ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (store->db, 5000);
  sqlite3_extended_result_codes (store->db, 1);
  /* A file that is not a database fails here, at the first read. */
  if (!dg_store_exec (store, "PRAGMA foreign_keys = ON", error)
      || !check_pragma (store, "PRAGMA foreign_keys", "1", error)
      || !check_pragma (store, "PRAGMA journal_mode = WAL", "wal", error)
      || !dg_store_exec (store, "PRAGMA synchronous = NORMAL", error)
      || !dg_schema_migrate (store, error))
    {
      g_prefix_error (error, "cannot open the database: ");
      return NULL;
    }
  return g_steal_pointer (&store);
}

void
dg_store_free (DgStore *store)
{
  if (store == NULL)
    return;
  if (store->stmts)
    g_hash_table_unref (store->stmts); /* finalizes the statements */
  if (store->db)
    sqlite3_close_v2 (store->db);
  g_free (store->path);
  g_free (store);
}

gboolean
dg_store_begin (DgStore *store, GError **error)
{
  if (store->batch_depth++ > 0)
    return TRUE;
  if (!dg_store_exec (store, "BEGIN IMMEDIATE", error))
    {
      store->batch_depth = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
dg_store_commit (DgStore *store, GError **error)
{
  g_return_val_if_fail (store->batch_depth > 0, FALSE);
  if (--store->batch_depth > 0)
    return TRUE;
  if (!dg_store_exec (store, "COMMIT", error))
    {
      dg_store_exec (store, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

void
dg_store_rollback (DgStore *store)
{
  if (store->batch_depth == 0)
    return;
  store->batch_depth = 0;
  dg_store_exec (store, "ROLLBACK", NULL);
}

gboolean
dg_store_has_article (DgStore *store, const char *sha256, gboolean *has, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, "SELECT 1 FROM articles WHERE sha256 = ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, sha256, -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "looking up an article");
      return FALSE;
    }
  *has = rc == SQLITE_ROW;
  return TRUE;
}

static char *
json_text (JsonObject *o)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, o);
  return json_to_string (node, FALSE);
}

static JsonObject *
json_parse_object (const char *text)
{
  g_autoptr (JsonParser) p = json_parser_new_immutable ();
  if (text && json_parser_load_from_data (p, text, -1, NULL))
    {
      JsonNode *root = json_parser_get_root (p);
      if (root && JSON_NODE_HOLDS_OBJECT (root))
        return json_object_ref (json_node_get_object (root));
    }
  return json_object_new ();
}

#define STEP_OR_FAIL(st, what)                              \
  do {                                                      \
    int rc_ = sqlite3_step (st);                            \
    if (rc_ != SQLITE_DONE && rc_ != SQLITE_ROW)            \
      {                                                     \
        dg_store_set_error (store, error, what);            \
        sqlite3_reset (st);                                 \
        return FALSE;                                       \
      }                                                     \
  } while (0)

/* Finds the store node for an extracted node: by key, then by alias; makes
 * a new one otherwise. Attributes merge into the stored ones. */
static gboolean
resolve_node (DgStore *store, DgNode *node, gint64 article_id, GError **error)
{
  const char *type = dg_node_type_name (node->type);
  gint64 id = 0;
  g_autofree char *stored_attrs = NULL;
  sqlite3_stmt *st = dg_store_prepare (
    store,
    "SELECT n.id, n.attrs FROM nodes n WHERE n.type = ?1 AND n.key = ?2 "
    "UNION ALL SELECT n.id, n.attrs FROM aliases a JOIN nodes n ON n.id = a.node "
    "WHERE a.type = ?1 AND a.key = ?2 LIMIT 1", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, node->key, -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (st, 0);
      stored_attrs = g_strdup ((const char *) sqlite3_column_text (st, 1));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "resolving a node");
      return FALSE;
    }
  g_autofree char *attrs = json_text (node->attrs);
  if (id == 0)
    {
      st = dg_store_prepare (store,
                             "INSERT INTO nodes (type, key, label, attrs) VALUES (?, ?, ?, ?) "
                             "RETURNING id", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_text (st, 1, type, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 2, node->key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 3, node->label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 4, attrs, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (st) != SQLITE_ROW)
        {
          dg_store_set_error (store, error, "adding a node");
          sqlite3_reset (st);
          return FALSE;
        }
      id = sqlite3_column_int64 (st, 0);
      sqlite3_reset (st);
    }
  else
    {
      g_autoptr (JsonObject) merged = json_parse_object (stored_attrs);
      dg_json_object_merge (merged, node->attrs);
      g_autofree char *merged_text = json_text (merged);
      if (g_strcmp0 (merged_text, stored_attrs) != 0)
        {
          st = dg_store_prepare (store, "UPDATE nodes SET attrs = ? WHERE id = ?", error);
          if (st == NULL)
            return FALSE;
          sqlite3_bind_text (st, 1, merged_text, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (st, 2, id);
          STEP_OR_FAIL (st, "updating a node");
          sqlite3_reset (st);
        }
    }
  node->id = id;
  if (json_object_get_size (node->attrs) > 0)
    {
      st = dg_store_prepare (store,
                             "INSERT INTO node_facts (node, article, attrs) VALUES (?, ?, ?) "
                             "ON CONFLICT (node, article) DO UPDATE SET attrs = excluded.attrs",
                             error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int64 (st, 1, id);
      sqlite3_bind_int64 (st, 2, article_id);
      sqlite3_bind_text (st, 3, attrs, -1, SQLITE_TRANSIENT);
      STEP_OR_FAIL (st, "recording node attributes");
      sqlite3_reset (st);
    }
  return TRUE;
}

static gboolean
add_mentions (DgStore *store, gint64 article_id, gint64 node_id, gint64 edge_id,
              GArray *spans, GError **error)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const DgSpan *s = &g_array_index (spans, DgSpan, i);
      sqlite3_stmt *st = dg_store_prepare (
        store, "INSERT INTO mentions (article, node, edge, start, end, rule) "
               "VALUES (?, ?, ?, ?, ?, ?)", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int64 (st, 1, article_id);
      if (node_id)
        sqlite3_bind_int64 (st, 2, node_id);
      if (edge_id)
        sqlite3_bind_int64 (st, 3, edge_id);
      sqlite3_bind_int64 (st, 4, s->start);
      sqlite3_bind_int64 (st, 5, s->end);
      if (s->rule)
        sqlite3_bind_text (st, 6, s->rule, -1, SQLITE_STATIC);
      STEP_OR_FAIL (st, "recording evidence");
      sqlite3_reset (st);
    }
  return TRUE;
}

static gboolean
add_edge (DgStore *store, DgEdge *edge, gint64 article_id, GError **error)
{
  if (edge->src->id == edge->dst->id)
    return TRUE; /* two extracted nodes resolved to one: no loop */
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT id, attrs FROM edges WHERE type = ? AND src = ? AND dst = ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, dg_edge_type_name (edge->type), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 2, edge->src->id);
  sqlite3_bind_int64 (st, 3, edge->dst->id);
  gint64 id = 0;
  g_autofree char *stored = NULL;
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (st, 0);
      stored = g_strdup ((const char *) sqlite3_column_text (st, 1));
    }
  sqlite3_reset (st);
  g_autoptr (JsonObject) merged = json_parse_object (stored ? stored : "{}");
  dg_json_object_merge (merged, edge->attrs);
  /* A role another article gave joins the roles list. */
  const char *role = dg_edge_role (edge);
  const char *have = json_object_get_string_member_with_default (merged, "role", NULL);
  if (stored && role && have && g_strcmp0 (role, have) != 0)
    {
      if (!json_object_has_member (merged, "roles"))
        {
          JsonArray *roles = json_array_new ();
          json_array_add_string_element (roles, have);
          json_object_set_array_member (merged, "roles", roles);
        }
      JsonArray *roles = json_object_get_array_member (merged, "roles");
      gboolean seen = FALSE;
      for (guint i = 0; i < json_array_get_length (roles) && !seen; i++)
        seen = g_strcmp0 (json_array_get_string_element (roles, i), role) == 0;
      if (!seen)
        json_array_add_string_element (roles, role);
    }
  g_autofree char *attrs = json_text (merged);
  if (id == 0)
    {
      st = dg_store_prepare (store, "INSERT INTO edges (type, src, dst, attrs) "
                                    "VALUES (?, ?, ?, ?) RETURNING id", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_text (st, 1, dg_edge_type_name (edge->type), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (st, 2, edge->src->id);
      sqlite3_bind_int64 (st, 3, edge->dst->id);
      sqlite3_bind_text (st, 4, attrs, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (st) != SQLITE_ROW)
        {
          dg_store_set_error (store, error, "adding an edge");
          sqlite3_reset (st);
          return FALSE;
        }
      id = sqlite3_column_int64 (st, 0);
      sqlite3_reset (st);
    }
  else if (g_strcmp0 (attrs, stored) != 0)
    {
      st = dg_store_prepare (store, "UPDATE edges SET attrs = ? WHERE id = ?", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_text (st, 1, attrs, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (st, 2, id);
      STEP_OR_FAIL (st, "updating an edge");
      sqlite3_reset (st);
    }
  edge->id = id;
  return add_mentions (store, article_id, 0, id, edge->evidence, error);
}

static gboolean
add_article_rows (DgStore *store, DgArticle *article, DgGraph *graph, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "INSERT INTO articles (sha256, source, title, date, text, imported_at) "
           "VALUES (?, ?, ?, ?, ?, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')) RETURNING id",
    error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, article->sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, article->source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, article->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 4, article->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, article->text, (int) article->text_len, SQLITE_TRANSIENT);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      dg_store_set_error (store, error, "adding an article");
      sqlite3_reset (st);
      return FALSE;
    }
  gint64 article_id = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  for (guint i = 0; graph && i < graph->nodes->len; i++)
    {
      DgNode *node = graph->nodes->pdata[i];
      if (!resolve_node (store, node, article_id, error)
          || !add_mentions (store, article_id, node->id, 0, node->mentions, error))
        return FALSE;
    }
  for (guint i = 0; graph && i < graph->edges->len; i++)
    if (!add_edge (store, graph->edges->pdata[i], article_id, error))
      return FALSE;
  return TRUE;
}

gboolean
dg_store_add_article (DgStore *store, DgArticle *article, DgGraph *graph, gboolean *added,
                      GError **error)
{
  gboolean has = FALSE, dummy;
  if (added == NULL)
    added = &dummy;
  *added = FALSE;
  if (!dg_store_has_article (store, article->sha256, &has, error))
    return FALSE;
  if (has)
    return TRUE;
  /* A savepoint makes the article all or nothing, in a batch or alone. */
  if (!dg_store_exec (store, "SAVEPOINT article", error))
    return FALSE;
  if (!add_article_rows (store, article, graph, error))
    {
      dg_store_exec (store, "ROLLBACK TO article", NULL);
      dg_store_exec (store, "RELEASE article", NULL);
      g_prefix_error (error, "%s: ", article->source);
      return FALSE;
    }
  if (!dg_store_exec (store, "RELEASE article", error))
    return FALSE;
  *added = TRUE;
  return TRUE;
}
