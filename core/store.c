/* store.c: the SQLite store: opening, batches, and adding articles with
 * their graphs, one node per real thing. */
#include "store-private.h"

#include <string.h>

G_DEFINE_QUARK (dg-store-error-quark, dg_store_error)

/* How long a connection waits for another one's write lock. */
#define DG_STORE_BUSY_TIMEOUT_MS 120000

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

static char *node_alias_text (DgStore *store, gint64 id, const char *attrs, GError **error);

/* An article_search row waiting for the commit. */
typedef struct {
  gint64 id;   /* articles.id */
  char *title; /* folded title (owned) */
  char *text;  /* folded text (owned) */
} DgFtsArticle;

static void
fts_article_clear (gpointer p)
{
  DgFtsArticle *a = p;
  g_free (a->title);
  g_free (a->text);
}

static void
fts_discard (DgStore *store)
{
  g_array_set_size (store->fts_articles, 0);
  g_hash_table_remove_all (store->fts_nodes);
}

/* Writes the FTS5 rows queued since the transaction began, outside any
 * article savepoint, so FTS5 builds one segment for the whole batch. */
static gboolean
fts_flush (DgStore *store, GError **error)
{
  gboolean ok = TRUE;
  sqlite3_stmt *st = NULL;
  for (guint i = 0; ok && i < store->fts_articles->len; i++)
    {
      DgFtsArticle *a = &g_array_index (store->fts_articles, DgFtsArticle, i);
      st = dg_store_prepare (store, "INSERT INTO article_search (rowid, title, text) VALUES (?, ?, ?)",
                             error);
      if (st == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (st, 1, a->id);
      sqlite3_bind_text (st, 2, a->title, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 3, a->text, -1, SQLITE_STATIC);
      ok = dg_store_step_done (store, st, "indexing an article", error);
    }
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, store->fts_nodes);
  while (ok && g_hash_table_iter_next (&it, &key, &value))
    {
      gint64 id = *(gint64 *) key;
      if (GPOINTER_TO_INT (value) == 2)
        {
          ok = dg_store_index_node (store, id, error);
          continue;
        }
      /* A node made in this transaction: its row is its folded label and
       * attrs.aliases (aliases rows come only from merge and alias). */
      st = dg_store_prepare (store, "SELECT fold, attrs FROM nodes WHERE id = ?", error);
      if (st == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (st, 1, id);
      int rc = sqlite3_step (st);
      g_autofree char *fold = NULL, *attrs = NULL;
      if (rc == SQLITE_ROW)
        {
          fold = g_strdup ((const char *) sqlite3_column_text (st, 0));
          attrs = g_strdup ((const char *) sqlite3_column_text (st, 1));
        }
      sqlite3_reset (st);
      if (rc != SQLITE_ROW)
        {
          if (rc != SQLITE_DONE)
            {
              dg_store_set_error (store, error, "indexing a node");
              ok = FALSE;
            }
          continue; /* its article was rolled back */
        }
      g_autofree char *alias_text = node_alias_text (store, 0, attrs, error);
      st = dg_store_prepare (store, "INSERT INTO node_search (rowid, name, aliases) VALUES (?, ?, ?)",
                             error);
      if (alias_text == NULL || st == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (st, 1, id);
      sqlite3_bind_text (st, 2, fold, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 3, alias_text, -1, SQLITE_STATIC);
      ok = dg_store_step_done (store, st, "indexing a node", error);
    }
  fts_discard (store);
  return ok;
}

/* Queues the node_search row of a node; state 1 for a new node, 2 for a
 * node whose row is rewritten. A new node stays new. */
static void
fts_queue_node (DgStore *store, gint64 id, int state)
{
  gpointer old = g_hash_table_lookup (store->fts_nodes, &id);
  if (old && GPOINTER_TO_INT (old) == 1)
    return;
  g_hash_table_insert (store->fts_nodes, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (state));
}

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* A read-only database on a read-only file system cannot have the -shm
 * file WAL readers share: it is opened as immutable, which it is there. */
static gboolean
reopen_immutable (DgStore *store, GError **error)
{
  g_hash_table_remove_all (store->stmts);
  sqlite3_close_v2 (store->db);
  store->db = NULL;
  g_autofree char *abs = g_canonicalize_filename (store->path, NULL);
  g_autofree char *file_uri = g_filename_to_uri (abs, NULL, error);
  if (file_uri == NULL)
    return FALSE;
  g_autofree char *uri = g_strconcat (file_uri, "?immutable=1", NULL);
  int rc = sqlite3_open_v2 (uri, &store->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN, "%s: cannot open: %s",
                   store->path, store->db ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/* The first read of a read-only file: answers whether it can be read at all
 * and which journal mode it has. */
static gboolean
probe_read_only (DgStore *store, GError **error)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (store->db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc == SQLITE_ROW)
    return TRUE;
  if ((sqlite3_extended_errcode (store->db) & 0xff) == SQLITE_CANTOPEN)
    return reopen_immutable (store, error);
  return TRUE; /* not a database, and so on: said by the checks that follow */
}

DgStore *
dg_store_open_existing (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN,
                   "%s: no database there (docgraph import creates one; "
                   "give another with --db FILE or $DOCGRAPH_DB)", path);
      return NULL;
    }
  return dg_store_open (path, error);
}

/* The user_version a read-only connection finds. */
static gboolean
readonly_version (DgStore *store, int *version, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, "PRAGMA user_version", error);
  if (st == NULL)
    return FALSE;
  gboolean ok = sqlite3_step (st) == SQLITE_ROW;
  *version = ok ? sqlite3_column_int (st, 0) : 0;
  sqlite3_reset (st);
  if (!ok)
    dg_store_set_error (store, error, "reading the schema version");
  return ok;
}

DgStore *
dg_store_open_readonly (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN,
                   "%s: no database there (docgraph import creates one; "
                   "give another with --db FILE or $DOCGRAPH_DB)", path);
      return NULL;
    }
  g_autoptr (DgStore) store = g_new0 (DgStore, 1);
  store->path = g_strdup (path);
  store->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_finalize);
  store->fts_articles = g_array_new (FALSE, FALSE, sizeof (DgFtsArticle));
  g_array_set_clear_func (store->fts_articles, fts_article_clear);
  store->fts_nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int rc = sqlite3_open_v2 (path, &store->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN, "%s: cannot open: %s", path,
                   store->db ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (store->db, 5000);
  sqlite3_extended_result_codes (store->db, 1);
  int version = 0;
  if (!dg_store_exec (store, "PRAGMA query_only = ON", error)
      || !dg_store_exec (store, "PRAGMA cache_size = -65536", error)
      || !dg_store_exec (store, "PRAGMA mmap_size = 1073741824", error)
      || !dg_store_exec (store, "PRAGMA temp_store = MEMORY", error)
      || !readonly_version (store, &version, error))
    {
      if ((sqlite3_extended_errcode (store->db) & 0xff) == SQLITE_NOTADB)
        {
          g_clear_error (error);
          g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN,
                       "%s: not an SQLite database (is it the right file?)", path);
        }
      g_prefix_error (error, "cannot open the database: ");
      return NULL;
    }
  if (version != dg_schema_current_version ())
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN,
                   "cannot open the database: %s: schema version %d, not %d; %s", path,
                   version, dg_schema_current_version (),
                   version < dg_schema_current_version ()
                     ? "any command that writes (docgraph import) upgrades it"
                     : "use a newer docgraph");
      return NULL;
    }
  return g_steal_pointer (&store);
}

DgStore *
dg_store_open (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_autoptr (DgStore) store = g_new0 (DgStore, 1);
  store->path = g_strdup (path);
  store->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_finalize);
  store->fts_articles = g_array_new (FALSE, FALSE, sizeof (DgFtsArticle));
  g_array_set_clear_func (store->fts_articles, fts_article_clear);
  store->fts_nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int rc = sqlite3_open_v2 (path, &store->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN, "%s: cannot open: %s", path,
                   store->db ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc));
      return NULL;
    }
  /* SQLite opens a file it may not write read-only. */
  store->read_only = sqlite3_db_readonly (store->db, "main") == 1;
  if (store->read_only && !probe_read_only (store, error))
    {
      g_prefix_error (error, "cannot open the database: ");
      return NULL;
    }
  /* Another import may hold the write lock for a batch of articles: wait
   * for it rather than tell the user the database is locked. */
  sqlite3_busy_timeout (store->db, DG_STORE_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (store->db, 1);
  /* A file that is not a database fails here, at the first read. */
  if (!dg_store_exec (store, "PRAGMA foreign_keys = ON", error)
      || !check_pragma (store, "PRAGMA foreign_keys", "1", error)
      || (!store->read_only && !check_pragma (store, "PRAGMA journal_mode = WAL", "wal", error))
      || !dg_store_exec (store, "PRAGMA synchronous = NORMAL", error)
      /* Imports touch indexes all over a large file: a bigger page cache
       * and memory-mapped reads save most of the system calls. Mapped pages
       * count in the resident size, so the map stops at 256 MB: an import
       * of millions of articles stays well under 1 GB. */
      || !dg_store_exec (store, "PRAGMA cache_size = -65536", error)
      || !dg_store_exec (store, "PRAGMA mmap_size = 268435456", error)
      || !dg_store_exec (store, "PRAGMA temp_store = MEMORY", error)
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
  if (store->fts_articles)
    g_array_unref (store->fts_articles);
  if (store->fts_nodes)
    g_hash_table_unref (store->fts_nodes);
  g_free (store->path);
  g_free (store);
}

/* Runs a statement without parameters, prepared once. */
static gboolean
exec_cached (DgStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  return st && dg_store_step_done (store, st, sql, error);
}

gboolean
dg_store_begin (DgStore *store, GError **error)
{
  if (store->batch_depth++ > 0)
    return TRUE;
  if (store->read_only)
    {
      store->batch_depth = 0;
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_SQL,
                   "%s: the database is read-only (the file or its file system); "
                   "nothing was written", store->path);
      return FALSE;
    }
  if (!dg_store_exec (store, "BEGIN IMMEDIATE", error))
    {
      store->batch_depth = 0;
      if ((sqlite3_extended_errcode (store->db) & 0xff) == SQLITE_BUSY)
        {
          g_clear_error (error);
          g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_SQL,
                       "%s: another program has been writing to the database for %d s; "
                       "try again when it is done", store->path,
                       DG_STORE_BUSY_TIMEOUT_MS / 1000);
        }
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
  if (!fts_flush (store, error) || !dg_store_exec (store, "COMMIT", error))
    {
      dg_store_exec (store, "ROLLBACK", NULL);
      fts_discard (store);
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
  fts_discard (store);
}

gboolean
dg_store_snapshot_begin (DgStore *store)
{
  if (!sqlite3_get_autocommit (store->db))
    return FALSE;
  return dg_store_exec (store, "BEGIN", NULL);
}

void
dg_store_snapshot_end (DgStore *store, gboolean began)
{
  if (began && !sqlite3_get_autocommit (store->db))
    dg_store_exec (store, "COMMIT", NULL);
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
  g_autofree char *central = dg_code_central (code);
  g_autofree char *folded = dg_text_fold_search (central, -1);
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
 * the attrs.aliases an article gave; id 0 for a node not stored yet.
 * (transfer full) */
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
  if (id == 0)
    return g_string_free (out, FALSE); /* a node not stored yet has no alias rows */
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
/* Documents whose key is "doc:<code>[@<issuer>]" with or without
 * "#<year>": codes repeat across Party terms, so the year is in the key, but
 * articles often leave it out. A mention without a year is the one dated
 * document of that code (and issuer) when there is exactly one; a dated
 * mention takes over the one undated node when no other year is known (later
 * undated mentions find it by the first rule, while it is the only one).
 * Sets *id (0 when neither applies). */
static gboolean
resolve_year (DgStore *store, DgNode *node, gint64 *id, char **stored_attrs, GError **error)
{
  *id = 0;
  if (node->type != DG_NODE_DOCUMENT || !g_str_has_prefix (node->key, "doc:"))
    return TRUE;
  const char *hash = strchr (node->key, '#');
  g_autofree char *base = hash ? g_strndup (node->key, hash - node->key) : g_strdup (node->key);
  g_autofree char *lo = g_strconcat (base, "#", NULL);
  g_autofree char *hi = g_strconcat (base, "$", NULL); /* '$' follows '#' */
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT id, attrs FROM nodes WHERE type = 'document' AND key >= ? AND key < ? LIMIT 2",
    error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, lo, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, hi, -1, SQLITE_TRANSIENT);
  guint dated = 0;
  gint64 dated_id = 0;
  g_autofree char *dated_attrs = NULL;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      if (dated++ == 0)
        {
          dated_id = sqlite3_column_int64 (st, 0);
          dated_attrs = g_strdup ((const char *) sqlite3_column_text (st, 1));
        }
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "looking up a document's years");
      return FALSE;
    }
  if (hash == NULL)
    {
      if (dated == 1)
        {
          *id = dated_id;
          *stored_attrs = g_steal_pointer (&dated_attrs);
        }
      return TRUE;
    }
  if (dated > 0)
    return TRUE; /* other years are known: this one is new */
  st = dg_store_prepare (store, "SELECT id, attrs FROM nodes WHERE type = 'document' AND key = ?",
                         error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, base, -1, SQLITE_TRANSIENT);
  gint64 undated = 0;
  g_autofree char *undated_attrs = NULL;
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      undated = sqlite3_column_int64 (st, 0);
      undated_attrs = g_strdup ((const char *) sqlite3_column_text (st, 1));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "looking up an undated document");
      return FALSE;
    }
  if (undated == 0)
    return TRUE;
  st = dg_store_prepare (store, "UPDATE nodes SET key = ? WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, node->key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, undated);
  if (sqlite3_step (st) != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "dating a document");
      sqlite3_reset (st);
      return FALSE;
    }
  sqlite3_reset (st);
  *id = undated;
  *stored_attrs = g_steal_pointer (&undated_attrs);
  return TRUE;
}

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
  if (id == 0 && !resolve_year (store, node, &id, &stored_attrs, error))
    return FALSE;
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
      /* A new node has no aliases yet: its index row is label and
       * attrs.aliases, written at commit. */
      fts_queue_node (store, id, 1);
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
          if (!same_string_array (old, merged, "aliases"))
            fts_queue_node (store, id, 2);
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

  /* Its search row is written at commit (see DgStore.fts_articles). */
  dg_article_fold_search (article);
  DgFtsArticle row = { article_id, g_strdup (article->fold_title), g_strdup (article->fold_text) };
  g_array_append_val (store->fts_articles, row);

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
  /* A transaction of its own when not in a batch, so that its search rows
   * are written with it; a savepoint makes the article all or nothing. */
  if (!dg_store_begin (store, error))
    return FALSE;
  guint queued = store->fts_articles->len;
  if (!exec_cached (store, "SAVEPOINT article", error))
    {
      if (!dg_store_commit (store, NULL)) /* ends only a transaction of its own */
        dg_store_rollback (store);
      return FALSE;
    }
  gboolean ok = add_article_rows (store, article, graph, error);
  if (!ok)
    g_prefix_error (error, "%s: ", article->source);
  if (ok && !exec_cached (store, "RELEASE article", error))
    ok = FALSE;
  if (!ok)
    {
      exec_cached (store, "ROLLBACK TO article", NULL);
      exec_cached (store, "RELEASE article", NULL);
      g_array_set_size (store->fts_articles, queued);
      for (guint i = 0; graph && i < graph->nodes->len; i++)
        ((DgNode *) graph->nodes->pdata[i])->id = 0;
      if (!dg_store_commit (store, NULL))
        dg_store_rollback (store);
      return FALSE;
    }
  if (!dg_store_commit (store, error))
    {
      dg_store_rollback (store);
      return FALSE;
    }
  *added = TRUE;
  return TRUE;
}

/* ------------------------------------------------------ merge and alias */

typedef struct {
  gint64 id;       /* nodes.id */
  DgNodeType type; /* nodes.type */
  char *key;       /* nodes.key */
  char *label;     /* nodes.label */
  char *attrs;     /* nodes.attrs, JSON text */
} StoredNode;

static void
stored_node_clear (StoredNode *n)
{
  g_clear_pointer (&n->key, g_free);
  g_clear_pointer (&n->label, g_free);
  g_clear_pointer (&n->attrs, g_free);
}

static gboolean
load_node (DgStore *store, gint64 id, StoredNode *out, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT type, key, label, attrs FROM nodes WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      out->id = id;
      dg_node_type_parse ((const char *) sqlite3_column_text (st, 0), &out->type);
      out->key = g_strdup ((const char *) sqlite3_column_text (st, 1));
      out->label = g_strdup ((const char *) sqlite3_column_text (st, 2));
      out->attrs = g_strdup ((const char *) sqlite3_column_text (st, 3));
    }
  sqlite3_reset (st);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND,
                 "no node #%" G_GINT64_FORMAT, id);
  else
    dg_store_set_error (store, error, "reading a node");
  return FALSE;
}

/* Runs a statement bound to one id. */
static gboolean
exec_id (DgStore *store, const char *sql, gint64 a, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, a);
  return dg_store_step_done (store, st, "merging nodes", error);
}

/* Runs a statement bound to two ids. */
static gboolean
exec_ids (DgStore *store, const char *sql, gint64 a, gint64 b, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, a);
  sqlite3_bind_int64 (st, 2, b);
  return dg_store_step_done (store, st, "merging nodes", error);
}

typedef struct {
  gint64 id;   /* edges.id */
  char *type;  /* edges.type */
  gint64 src;  /* edges.src */
  gint64 dst;  /* edges.dst */
  char *attrs; /* edges.attrs */
} StoredEdge;

static void
stored_edge_free (gpointer p)
{
  StoredEdge *e = p;
  g_free (e->type);
  g_free (e->attrs);
  g_free (e);
}

/* Moves every edge of drop to keep; an edge that then repeats one keep has
 * merges into it (attributes and evidence), one between keep and drop
 * goes. */
static gboolean
merge_edges (DgStore *store, gint64 keep, gint64 drop, GError **error)
{
  g_autoptr (GPtrArray) edges = g_ptr_array_new_with_free_func (stored_edge_free);
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT id, type, src, dst, attrs FROM edges WHERE src = ?1 "
           "UNION SELECT id, type, src, dst, attrs FROM edges WHERE dst = ?1", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, drop);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      StoredEdge *e = g_new0 (StoredEdge, 1);
      e->id = sqlite3_column_int64 (st, 0);
      e->type = g_strdup ((const char *) sqlite3_column_text (st, 1));
      e->src = sqlite3_column_int64 (st, 2);
      e->dst = sqlite3_column_int64 (st, 3);
      e->attrs = g_strdup ((const char *) sqlite3_column_text (st, 4));
      g_ptr_array_add (edges, e);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading edges");
      return FALSE;
    }
  for (guint i = 0; i < edges->len; i++)
    {
      StoredEdge *e = edges->pdata[i];
      gint64 src = e->src == drop ? keep : e->src;
      gint64 dst = e->dst == drop ? keep : e->dst;
      if (src == dst)
        {
          if (!exec_id (store, "DELETE FROM edges WHERE id = ?", e->id, error))
            return FALSE;
          continue;
        }
      st = dg_store_prepare (store,
                             "SELECT id, attrs FROM edges WHERE type = ? AND src = ? AND dst = ?",
                             error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_text (st, 1, e->type, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (st, 2, src);
      sqlite3_bind_int64 (st, 3, dst);
      gint64 twin = 0;
      g_autofree char *twin_attrs = NULL;
      rc = sqlite3_step (st);
      if (rc == SQLITE_ROW)
        {
          twin = sqlite3_column_int64 (st, 0);
          twin_attrs = g_strdup ((const char *) sqlite3_column_text (st, 1));
        }
      sqlite3_reset (st);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          dg_store_set_error (store, error, "reading edges");
          return FALSE;
        }
      if (twin == 0)
        {
          st = dg_store_prepare (store, "UPDATE edges SET src = ?, dst = ? WHERE id = ?", error);
          if (st == NULL)
            return FALSE;
          sqlite3_bind_int64 (st, 1, src);
          sqlite3_bind_int64 (st, 2, dst);
          sqlite3_bind_int64 (st, 3, e->id);
          if (!dg_store_step_done (store, st, "moving an edge", error))
            return FALSE;
          continue;
        }
      g_autoptr (JsonObject) merged = dg_store_json_parse (twin_attrs);
      g_autoptr (JsonObject) from = dg_store_json_parse (e->attrs);
      dg_store_merge_roles (merged, from);
      g_autofree char *text = dg_store_json_text (merged);
      st = dg_store_prepare (store, "UPDATE edges SET attrs = ? WHERE id = ?", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_text (st, 1, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (st, 2, twin);
      if (!dg_store_step_done (store, st, "merging an edge", error)
          || !exec_ids (store, "UPDATE mentions SET edge = ?1 WHERE edge = ?2", twin, e->id, error)
          || !exec_id (store, "DELETE FROM edges WHERE id = ?", e->id, error))
        return FALSE;
    }
  return TRUE;
}

/* node_facts of drop become keep's; where both have facts from one
 * article, they merge. */
static gboolean
merge_facts (DgStore *store, gint64 keep, gint64 drop, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT d.article, d.attrs, k.attrs FROM node_facts d "
           "JOIN node_facts k ON k.node = ?1 AND k.article = d.article WHERE d.node = ?2", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, keep);
  sqlite3_bind_int64 (st, 2, drop);
  g_autoptr (GArray) articles = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 article = sqlite3_column_int64 (st, 0);
      g_autoptr (JsonObject) merged = dg_store_json_parse ((const char *) sqlite3_column_text (st, 2));
      g_autoptr (JsonObject) from = dg_store_json_parse ((const char *) sqlite3_column_text (st, 1));
      dg_json_object_merge (merged, from);
      g_array_append_val (articles, article);
      g_ptr_array_add (texts, dg_store_json_text (merged));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading node facts");
      return FALSE;
    }
  for (guint i = 0; i < articles->len; i++)
    {
      st = dg_store_prepare (store, "UPDATE node_facts SET attrs = ? WHERE node = ? AND article = ?",
                             error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_text (st, 1, texts->pdata[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (st, 2, keep);
      sqlite3_bind_int64 (st, 3, g_array_index (articles, gint64, i));
      if (!dg_store_step_done (store, st, "merging node facts", error)
          || !exec_ids (store, "DELETE FROM node_facts WHERE node = ?1 AND article = ?2", drop,
                        g_array_index (articles, gint64, i), error))
        return FALSE;
    }
  return exec_ids (store, "UPDATE node_facts SET node = ?1 WHERE node = ?2", keep, drop, error);
}

static gboolean
insert_alias (DgStore *store, DgNodeType type, const char *key, gint64 node, const char *name,
              const char *code, const char *origin, GError **error)
{
  g_autofree char *fold = dg_text_fold_search (name, -1);
  sqlite3_stmt *st = dg_store_prepare (
    store, "INSERT INTO aliases (type, key, node, name, fold, code, origin) "
           "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (type, key) DO UPDATE SET "
           "node = excluded.node, name = excluded.name, fold = excluded.fold, "
           "code = excluded.code, origin = excluded.origin", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, dg_node_type_name (type), -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 3, node);
  sqlite3_bind_text (st, 4, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, fold, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 6, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 7, origin, -1, SQLITE_STATIC);
  return dg_store_step_done (store, st, "adding an alias", error);
}

static gboolean
merge_rows (DgStore *store, StoredNode *keep, StoredNode *drop, GError **error)
{
  if (!merge_edges (store, keep->id, drop->id, error)
      || !exec_ids (store, "UPDATE mentions SET node = ?1 WHERE node = ?2", keep->id, drop->id,
                    error)
      || !merge_facts (store, keep->id, drop->id, error))
    return FALSE;
  g_autoptr (JsonObject) attrs = dg_store_json_parse (keep->attrs);
  g_autoptr (JsonObject) drop_attrs = dg_store_json_parse (drop->attrs);
  dg_json_object_merge (attrs, drop_attrs);
  g_autofree char *text = dg_store_json_text (attrs);
  g_autofree char *code = node_code (keep->type, attrs);
  sqlite3_stmt *st = dg_store_prepare (store, "UPDATE nodes SET attrs = ?, code = ? WHERE id = ?",
                                       error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 3, keep->id);
  if (!dg_store_step_done (store, st, "merging attributes", error))
    return FALSE;
  /* drop's key and its aliases now mean keep; its code still finds it. */
  g_autofree char *drop_code = node_code (drop->type, drop_attrs);
  return exec_ids (store, "UPDATE aliases SET node = ?1 WHERE node = ?2", keep->id, drop->id,
                   error)
         && exec_id (store, "DELETE FROM nodes WHERE id = ?", drop->id, error)
         && insert_alias (store, drop->type, drop->key, keep->id, drop->label, drop_code, "merge",
                          error)
         && dg_store_index_node (store, drop->id, error)
         && dg_store_index_node (store, keep->id, error);
}

/* Ends the savepoint "change" that a merge or an alias runs in: released
 * when the change went through, rolled back otherwise, so that it is all
 * or nothing. */
static gboolean
finish_change (DgStore *store, gboolean ok_so_far, GError **error)
{
  if (ok_so_far)
    {
      if (dg_store_exec (store, "RELEASE change", error))
        return TRUE;
    }
  dg_store_exec (store, "ROLLBACK TO change", NULL);
  dg_store_exec (store, "RELEASE change", NULL);
  return FALSE;
}

gboolean
dg_store_merge_nodes (DgStore *store, gint64 keep, gint64 drop, GError **error)
{
  return dg_store_merge (store, keep, drop, FALSE, NULL, error);
}

/* The merge inside the savepoint "change", which it ends: released, or
 * rolled back on error and after a dry run. */
static gboolean
merge_in_savepoint (DgStore *store, StoredNode *k, StoredNode *d, gboolean dry_run,
                    DgMergePlan **plan, GError **error)
{
  g_autoptr (JsonObject) snap = dg_merge_snapshot (store, k->id, d->id, error);
  g_autoptr (DgMergePlan) p = snap && plan ? dg_merge_plan_new (store, snap, k->id, d->id) : NULL;
  gint64 merge_id = 0;
  gboolean ok = snap != NULL && merge_rows (store, k, d, error)
                && (dry_run || dg_merge_log (store, snap, k->id, d->id, &merge_id, error));
  if (dry_run && ok)
    {
      /* Everything was checked; nothing stays. */
      dg_store_exec (store, "ROLLBACK TO change", NULL);
      dg_store_exec (store, "RELEASE change", NULL);
    }
  else
    ok = finish_change (store, ok, error);
  if (ok && p)
    {
      p->merge_id = merge_id;
      *plan = g_steal_pointer (&p);
    }
  return ok;
}

gboolean
dg_store_merge (DgStore *store, gint64 keep, gint64 drop, gboolean dry_run, DgMergePlan **plan,
                GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  StoredNode k = { 0 }, d = { 0 };
  gboolean ok = FALSE;
  if (!load_node (store, keep, &k, error) || !load_node (store, drop, &d, error))
    goto out;
  if (keep == drop)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                   "#%" G_GINT64_FORMAT " and #%" G_GINT64_FORMAT " are the same node", keep,
                   drop);
      goto out;
    }
  if (k.type != d.type)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                   "#%" G_GINT64_FORMAT " is %s “%s” and #%" G_GINT64_FORMAT
                   " is %s “%s”: only nodes of one type can be merged",
                   keep, dg_node_type_name (k.type), k.label, drop, dg_node_type_name (d.type),
                   d.label);
      goto out;
    }
  if (!dg_store_exec (store, "SAVEPOINT change", error))
    goto out;
  ok = merge_in_savepoint (store, &k, &d, dry_run, plan, error);
out:
  stored_node_clear (&k);
  stored_node_clear (&d);
  return ok;
}

/* "147 - KH/TU" → "147-kh/tu": the key form of a code, without the spaces
 * some writers put around its dashes and slashes. (transfer full) */
static char *
code_key_form (const char *code)
{
  g_autofree char *key = dg_text_fold_key (code, -1);
  GString *out = g_string_sized_new (strlen (key));
  for (const char *p = key; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x2013 || c == 0x2014 || c == 0x2010 || c == 0x2011 || c == 0x2212)
        c = '-';
      if (c == ' ')
        {
          gunichar next = g_utf8_get_char (g_utf8_next_char (p));
          gboolean after = out->len && (out->str[out->len - 1] == '-'
                                        || out->str[out->len - 1] == '/');
          if (after || next == '-' || next == '/' || next == 0x2013 || next == 0x2014)
            continue;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The code as the extractor writes it in a document key. (transfer full) */
static char *
extractor_code_form (const char *code)
{
  return dg_document_code_key (code);
}

/* The document code in a name ("Kế hoạch số 147-KH/TU" → "147-kh/tu" in the
 * key form), or NULL when the name has none: the last word with a digit and
 * a dash or slash. (transfer full) */
static char *
code_in_name (const char *name)
{
  g_autofree char *form = code_key_form (name);
  g_auto (GStrv) words = g_strsplit (form, " ", -1);
  for (guint i = g_strv_length (words); i-- > 0;)
    {
      const char *w = words[i];
      gboolean digit = FALSE, sep = FALSE;
      for (const char *p = w; *p; p++)
        {
          digit |= g_ascii_isdigit (*p);
          sep |= *p == '-' || *p == '/';
        }
      if (digit && sep)
        return g_strdup (w);
    }
  return NULL;
}

/* Where the code ends in a document key "doc:<code>[@<issuer>][#<year>]":
 * the first "@" or "#" after "doc:", or the end. */
static const char *
doc_key_code_end (const char *key)
{
  const char *p = key + strlen ("doc:");
  while (*p && *p != '@' && *p != '#')
    p++;
  return p;
}

GStrv
dg_store_alias_keys (DgStore *store, gint64 node, const char *name, GError **error)
{
  g_return_val_if_fail (store != NULL && name != NULL, NULL);
  StoredNode n = { 0 };
  if (!load_node (store, node, &n, error))
    return NULL;
  g_autoptr (GStrvBuilder) keys = g_strv_builder_new ();
  g_autofree char *code = n.type == DG_NODE_DOCUMENT ? code_in_name (name) : NULL;
  g_autofree char *form = code ? extractor_code_form (code) : NULL;
  if (form && g_str_has_prefix (n.key, "doc:"))
    {
      /* The node's own key, its code replaced: "doc:147 - kh / tu@thành ủy
       * hà nội#2023" gives "doc:<alias code>@thành ủy hà nội#2023", and
       * the same without the year, which articles often do not give. */
      const char *rest = doc_key_code_end (n.key);
      g_autofree char *k = g_strconcat ("doc:", form, rest, NULL);
      g_strv_builder_add (keys, k);
      const char *year = strchr (rest, '#');
      if (year)
        {
          g_autofree char *no_year = g_strndup (k, strlen (k) - strlen (year));
          g_strv_builder_add (keys, no_year);
        }
    }
  else if (form)
    {
      /* A document whose key has no code in it: the code with each issuer. */
      sqlite3_stmt *st = dg_store_prepare (
        store, "SELECT o.key FROM edges e JOIN nodes o ON o.id = e.dst "
               "WHERE e.src = ? AND e.type = 'issued-by' ORDER BY o.id", error);
      if (st == NULL)
        {
          stored_node_clear (&n);
          return NULL;
        }
      sqlite3_bind_int64 (st, 1, node);
      guint issuers = 0;
      int rc;
      while ((rc = sqlite3_step (st)) == SQLITE_ROW)
        {
          g_autofree char *k = g_strdup_printf ("doc:%s@%s", form,
                                                (const char *) sqlite3_column_text (st, 0));
          g_strv_builder_add (keys, k);
          issuers++;
        }
      sqlite3_reset (st);
      if (rc != SQLITE_DONE)
        {
          dg_store_set_error (store, error, "reading a document's issuers");
          stored_node_clear (&n);
          return NULL;
        }
      if (issuers == 0)
        {
          g_autofree char *k = g_strdup_printf ("doc:%s", form);
          g_strv_builder_add (keys, k);
        }
    }
  else
    {
      g_autofree char *k = dg_text_fold_key (name, -1);
      if (*k)
        g_strv_builder_add (keys, k);
    }
  stored_node_clear (&n);
  return g_strv_builder_end (keys);
}

static gboolean
alias_rows (DgStore *store, StoredNode *n, const char *name, GStrv keys, GError **error)
{
  g_autofree char *in_name = n->type == DG_NODE_DOCUMENT ? code_in_name (name) : NULL;
  g_autofree char *code = dg_store_code_key (in_name);
  for (guint i = 0; keys[i]; i++)
    {
      /* A key that is another node's is a merge, not an alias. */
      sqlite3_stmt *st = dg_store_prepare (
        store, "SELECT id, label, 'node' FROM nodes WHERE type = ?1 AND key = ?2 "
               "UNION ALL SELECT n.id, n.label, 'alias' FROM aliases a JOIN nodes n ON n.id = a.node "
               "WHERE a.type = ?1 AND a.key = ?2", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_text (st, 1, dg_node_type_name (n->type), -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 2, keys[i], -1, SQLITE_TRANSIENT);
      gint64 other = 0;
      g_autofree char *label = NULL, *kind = NULL;
      int rc = sqlite3_step (st);
      if (rc == SQLITE_ROW)
        {
          other = sqlite3_column_int64 (st, 0);
          label = g_strdup ((const char *) sqlite3_column_text (st, 1));
          kind = g_strdup ((const char *) sqlite3_column_text (st, 2));
        }
      sqlite3_reset (st);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          dg_store_set_error (store, error, "looking up an alias");
          return FALSE;
        }
      if (other == n->id)
        continue; /* already means this node */
      if (other && strcmp (kind, "node") == 0)
        {
          g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                       "“%s” is already #%" G_GINT64_FORMAT " (%s); to make the two one node, "
                       "run: docgraph merge %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                       name, other, label, n->id, other);
          return FALSE;
        }
      if (other)
        {
          g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                       "“%s” is already an alias of #%" G_GINT64_FORMAT " (%s)", name, other,
                       label);
          return FALSE;
        }
      if (!insert_alias (store, n->type, keys[i], n->id, name, code, "user", error))
        return FALSE;
    }
  return dg_store_index_node (store, n->id, error);
}

gboolean
dg_store_add_alias (DgStore *store, gint64 node, const char *name, GError **error)
{
  g_return_val_if_fail (store != NULL && name != NULL, FALSE);
  g_autofree char *clean = dg_text_squeeze (name, -1);
  if (*clean == '\0' || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID, "an alias needs a name");
      return FALSE;
    }
  g_auto (GStrv) keys = dg_store_alias_keys (store, node, clean, error);
  if (keys == NULL)
    return FALSE;
  if (keys[0] == NULL)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID, "“%s” gives no key", clean);
      return FALSE;
    }
  StoredNode n = { 0 };
  if (!load_node (store, node, &n, error))
    return FALSE;
  gboolean ok = FALSE;
  if (dg_store_exec (store, "SAVEPOINT change", error))
    ok = finish_change (store, alias_rows (store, &n, clean, keys, error), error);
  stored_node_clear (&n);
  return ok;
}
