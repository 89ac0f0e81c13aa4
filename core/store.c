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
      int code = sqlite3_extended_errcode (store->db) & 0xff;
      if (code == SQLITE_NOTADB)
        {
          g_clear_error (error);
          g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN,
                       "%s: not an SQLite database (is it the right file?)", path);
        }
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

char *
dg_store_json_text (JsonObject *o)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, o);
  return json_to_string (node, FALSE);
}

JsonObject *
dg_store_json_parse (const char *text)
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

gboolean
dg_store_step_done (DgStore *store, sqlite3_stmt *st, const char *what, GError **error)
{
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      dg_store_set_error (store, error, what);
      return FALSE;
    }
  return TRUE;
}

char *
dg_store_code_key (const char *code)
{
  if (code == NULL)
    return NULL;
  g_autofree char *folded = dg_text_fold_search (code, -1);
  GString *out = g_string_sized_new (strlen (folded));
  gboolean alnum = FALSE;
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        alnum = TRUE;
      if (c == '/' || g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  if (!alnum)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* The folded names a node is found by besides its label: alias names and
 * the attrs.aliases an article gave. (transfer full) */
static char *
node_alias_text (DgStore *store, gint64 id, const char *attrs, GError **error)
{
  GString *out = g_string_new (NULL);
  g_autoptr (JsonObject) o = dg_store_json_parse (attrs);
  JsonNode *m = json_object_get_member (o, "aliases");
  if (m && JSON_NODE_HOLDS_ARRAY (m))
    {
      JsonArray *arr = json_node_get_array (m);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *el = json_array_get_element (arr, i);
          if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_STRING)
            continue;
          g_autofree char *f = dg_text_fold_search (json_node_get_string (el), -1);
          g_string_append_printf (out, "%s%s", out->len ? " ; " : "", f);
        }
    }
  sqlite3_stmt *st = dg_store_prepare (store, "SELECT fold FROM aliases WHERE node = ?", error);
  if (st == NULL)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  sqlite3_bind_int64 (st, 1, id);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_string_append_printf (out, "%s%s", out->len ? " ; " : "",
                            (const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading aliases");
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

gboolean
dg_store_index_node (DgStore *store, gint64 id, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, "SELECT fold, attrs FROM nodes WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  int rc = sqlite3_step (st);
  g_autofree char *fold = NULL, *attrs = NULL;
  if (rc == SQLITE_ROW)
    {
      fold = g_strdup ((const char *) sqlite3_column_text (st, 0));
      attrs = g_strdup ((const char *) sqlite3_column_text (st, 1));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "indexing a node");
      return FALSE;
    }
  st = dg_store_prepare (store, "DELETE FROM node_search WHERE rowid = ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  if (!dg_store_step_done (store, st, "indexing a node", error))
    return FALSE;
  if (rc == SQLITE_DONE)
    return TRUE; /* the node is gone: so is its index row */
  g_autofree char *alias_text = node_alias_text (store, id, attrs, error);
  if (alias_text == NULL)
    return FALSE;
  st = dg_store_prepare (store, "INSERT INTO node_search (rowid, name, aliases) VALUES (?, ?, ?)",
                         error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_text (st, 2, fold, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, alias_text, -1, SQLITE_TRANSIENT);
  return dg_store_step_done (store, st, "indexing a node", error);
}

/* The code column of a document node: its attrs.code reduced to the form
 * users' spellings are compared in. NULL for other nodes. (transfer full) */
static char *
node_code (DgNodeType type, JsonObject *attrs)
{
  if (type != DG_NODE_DOCUMENT)
    return NULL;
  return dg_store_code_key (json_object_get_string_member_with_default (attrs, "code", NULL));
}

static gboolean
same_string_array (JsonObject *a, JsonObject *b, const char *name)
{
  JsonNode *x = json_object_get_member (a, name), *y = json_object_get_member (b, name);
  if (x == NULL || y == NULL)
    return x == y;
  return json_node_equal (x, y);
}

/* Records what this article said of the node; two extracted nodes of one
 * article that resolve to one stored node pool their attributes. */
static gboolean
add_node_facts (DgStore *store, gint64 id, gint64 article_id, JsonObject *attrs, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT attrs FROM node_facts WHERE node = ? AND article = ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, article_id);
  int rc = sqlite3_step (st);
  g_autoptr (JsonObject) merged
    = dg_store_json_parse (rc == SQLITE_ROW ? (const char *) sqlite3_column_text (st, 0) : "{}");
  sqlite3_reset (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "recording node attributes");
      return FALSE;
    }
  dg_json_object_merge (merged, attrs);
  g_autofree char *text = dg_store_json_text (merged);
  st = dg_store_prepare (store,
                         "INSERT INTO node_facts (node, article, attrs) VALUES (?, ?, ?) "
                         "ON CONFLICT (node, article) DO UPDATE SET attrs = excluded.attrs",
                         error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, article_id);
  sqlite3_bind_text (st, 3, text, -1, SQLITE_TRANSIENT);
  return dg_store_step_done (store, st, "recording node attributes", error);
}

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
  if (id == 0)
    {
      g_autofree char *attrs = dg_store_json_text (node->attrs);
      g_autofree char *fold = dg_text_fold_search (node->label, -1);
      g_autofree char *code = node_code (node->type, node->attrs);
      st = dg_store_prepare (store,
                             "INSERT INTO nodes (type, key, label, attrs, fold, code) "
                             "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_text (st, 1, type, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 2, node->key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 3, node->label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 4, attrs, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 5, fold, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 6, code, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (st) != SQLITE_ROW)
        {
          dg_store_set_error (store, error, "adding a node");
          sqlite3_reset (st);
          return FALSE;
        }
      id = sqlite3_column_int64 (st, 0);
      sqlite3_reset (st);
      if (!dg_store_index_node (store, id, error))
        return FALSE;
    }
  else
    {
      g_autoptr (JsonObject) old = dg_store_json_parse (stored_attrs);
      g_autoptr (JsonObject) merged = dg_store_json_parse (stored_attrs);
      dg_json_object_merge (merged, node->attrs);
      g_autofree char *merged_text = dg_store_json_text (merged);
      if (!json_object_equal (old, merged))
        {
          g_autofree char *code = node_code (node->type, merged);
          st = dg_store_prepare (store, "UPDATE nodes SET attrs = ?, code = ? WHERE id = ?",
                                 error);
          if (st == NULL)
            return FALSE;
          sqlite3_bind_text (st, 1, merged_text, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (st, 2, code, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (st, 3, id);
          if (!dg_store_step_done (store, st, "updating a node", error))
            return FALSE;
          if (!same_string_array (old, merged, "aliases") && !dg_store_index_node (store, id, error))
            return FALSE;
        }
    }
  node->id = id;
  if (json_object_get_size (node->attrs) > 0)
    return add_node_facts (store, id, article_id, node->attrs, error);
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
      if (!dg_store_step_done (store, st, "recording evidence", error))
        return FALSE;
    }
  return TRUE;
}

void
dg_store_merge_roles (JsonObject *into, JsonObject *from)
{
  const char *have = json_object_get_string_member_with_default (into, "role", NULL);
  g_autofree char *had = g_strdup (have);
  dg_json_object_merge (into, from);
  /* A role another article gave joins the roles list. */
  const char *role = json_object_get_string_member_with_default (from, "role", NULL);
  if (had == NULL || role == NULL || g_strcmp0 (role, had) == 0)
    return;
  if (!json_object_has_member (into, "roles"))
    {
      JsonArray *roles = json_array_new ();
      json_array_add_string_element (roles, had);
      json_object_set_array_member (into, "roles", roles);
    }
  JsonArray *roles = json_object_get_array_member (into, "roles");
  gboolean seen = FALSE;
  for (guint i = 0; i < json_array_get_length (roles) && !seen; i++)
    seen = g_strcmp0 (json_array_get_string_element (roles, i), role) == 0;
  if (!seen)
    json_array_add_string_element (roles, role);
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
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (st, 0);
      stored = g_strdup ((const char *) sqlite3_column_text (st, 1));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "looking up an edge");
      return FALSE;
    }
  g_autoptr (JsonObject) merged = dg_store_json_parse (stored ? stored : "{}");
  dg_store_merge_roles (merged, edge->attrs);
  g_autofree char *attrs = dg_store_json_text (merged);
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
      if (!dg_store_step_done (store, st, "updating an edge", error))
        return FALSE;
    }
  edge->id = id;
  return add_mentions (store, article_id, 0, id, edge->evidence, error);
}

static gboolean
in_graph (DgGraph *graph, DgNode *node)
{
  return node->index < graph->nodes->len && graph->nodes->pdata[node->index] == node;
}

static gboolean
spans_fit (GArray *spans, gsize text_len)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const DgSpan *s = &g_array_index (spans, DgSpan, i);
      if (s->start > s->end || s->end > text_len)
        return FALSE;
    }
  return TRUE;
}

/* What a graph must be before any of it is written: every edge between
 * nodes of this graph, every span inside the text. */
static gboolean
check_graph (DgArticle *article, DgGraph *graph, GError **error)
{
  for (guint i = 0; graph && i < graph->nodes->len; i++)
    {
      DgNode *n = graph->nodes->pdata[i];
      if (!spans_fit (n->mentions, article->text_len))
        {
          g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                       "%s “%s”: a mention lies outside the article text (%" G_GSIZE_FORMAT
                       " bytes)", dg_node_type_name (n->type), n->label, article->text_len);
          return FALSE;
        }
    }
  for (guint i = 0; graph && i < graph->edges->len; i++)
    {
      DgEdge *e = graph->edges->pdata[i];
      if (!in_graph (graph, e->src) || !in_graph (graph, e->dst))
        {
          g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                       "%s edge “%s” → “%s” names a node that is not in the article's graph",
                       dg_edge_type_name (e->type), e->src->label, e->dst->label);
          return FALSE;
        }
      if (!spans_fit (e->evidence, article->text_len))
        {
          g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                       "%s edge “%s” → “%s”: evidence lies outside the article text",
                       dg_edge_type_name (e->type), e->src->label, e->dst->label);
          return FALSE;
        }
    }
  return TRUE;
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

  g_autofree char *title = dg_text_fold_search (article->title ? article->title : "", -1);
  g_autofree char *text = dg_text_fold_search (article->text, (gssize) article->text_len);
  st = dg_store_prepare (store,
                         "INSERT INTO article_search (rowid, title, text) VALUES (?, ?, ?)",
                         error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, article_id);
  sqlite3_bind_text (st, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, text, -1, SQLITE_STATIC);
  if (!dg_store_step_done (store, st, "indexing an article", error))
    return FALSE;

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
  g_return_val_if_fail (store != NULL && article != NULL, FALSE);
  gboolean has = FALSE, dummy;
  if (added == NULL)
    added = &dummy;
  *added = FALSE;
  if (!dg_store_has_article (store, article->sha256, &has, error))
    return FALSE;
  if (has)
    return TRUE;
  if (!check_graph (article, graph, error))
    {
      g_prefix_error (error, "%s: ", article->source);
      return FALSE;
    }
  /* Ids from an earlier store or an earlier failed attempt mean nothing. */
  for (guint i = 0; graph && i < graph->nodes->len; i++)
    ((DgNode *) graph->nodes->pdata[i])->id = 0;
  /* A savepoint makes the article all or nothing, in a batch or alone. */
  if (!dg_store_exec (store, "SAVEPOINT article", error))
    return FALSE;
  if (!add_article_rows (store, article, graph, error))
    {
      dg_store_exec (store, "ROLLBACK TO article", NULL);
      dg_store_exec (store, "RELEASE article", NULL);
      for (guint i = 0; graph && i < graph->nodes->len; i++)
        ((DgNode *) graph->nodes->pdata[i])->id = 0;
      g_prefix_error (error, "%s: ", article->source);
      return FALSE;
    }
  if (!dg_store_exec (store, "RELEASE article", error))
    {
      dg_store_exec (store, "ROLLBACK TO article", NULL);
      dg_store_exec (store, "RELEASE article", NULL);
      return FALSE;
    }
  *added = TRUE;
  return TRUE;
}
