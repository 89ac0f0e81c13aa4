/* schema.c: the store's schema and its migrations. Each version has one
 * upgrade step; PRAGMA user_version records the version a file is at, and
 * PRAGMA application_id marks the file as docgraph's. */
#include "store-private.h"

typedef enum {
  DG_SCHEMA_NONE = 0, /* an empty file, or a file SQLite has just created */
  DG_SCHEMA_V1 = 1,   /* articles, nodes, edges, mentions, node_facts, aliases, FTS5 */
  DG_SCHEMA_V2 = 2,   /* edges: the legal relations and merged-into */
  DG_SCHEMA_V3 = 3,   /* merges: the log of node merges, to take them back */
  DG_SCHEMA_CURRENT = DG_SCHEMA_V3
} DgSchemaVersion;

/* "DGph": tells a docgraph database from any other SQLite file. */
#define DG_SCHEMA_APPLICATION_ID 0x44477068

/* Version 1. Node keys are the resolution keys of the extractor; aliases map
 * other keys (from merges, from the user) to a node. The fold and code
 * columns are computed by store.c (dg_text_fold_search and
 * dg_store_code_key are C, not SQL), so that what users type can be looked
 * up by index; node_search and article_search are FTS5 indexes over the
 * same folded forms, kept in step by store.c, never by triggers: a trigger
 * calling a C function would make the file unwritable for the sqlite3
 * shell. */
static const char schema_v1[] =
  "CREATE TABLE articles ("
  "  id INTEGER PRIMARY KEY,"
  "  sha256 TEXT NOT NULL UNIQUE,"      /* hash of the bytes as read */
  "  source TEXT NOT NULL,"             /* path or URL */
  "  title TEXT,"
  "  date TEXT,"                        /* ISO date of the article */
  "  text TEXT NOT NULL,"               /* decoded text; spans point into it */
  "  imported_at TEXT NOT NULL"         /* ISO timestamp of the import */
  ") STRICT;"
  "CREATE TABLE nodes ("
  "  id INTEGER PRIMARY KEY,"
  "  type TEXT NOT NULL CHECK (type IN ('organization','official','document','event')),"
  "  key TEXT NOT NULL,"                /* resolution key, unique per type */
  "  label TEXT NOT NULL,"              /* display name, as first written */
  "  attrs TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (attrs)),"
  "  fold TEXT NOT NULL DEFAULT '',"    /* dg_text_fold_search (label) */
  "  code TEXT,"                        /* documents: dg_store_code_key (attrs.code) */
  "  UNIQUE (type, key)"
  ") STRICT;"
  "CREATE INDEX nodes_fold ON nodes (fold, type);"
  "CREATE INDEX nodes_code ON nodes (code) WHERE code IS NOT NULL;"
  /* list --since and --level: documents and events by date, documents
   * and organizations by level. */
  "CREATE INDEX nodes_date ON nodes (type, json_extract (attrs, '$.date'));"
  "CREATE INDEX nodes_level ON nodes (type, json_extract (attrs, '$.level'));"
  "CREATE TABLE edges ("
  "  id INTEGER PRIMARY KEY,"
  "  type TEXT NOT NULL CHECK (type IN ('issued-by','implements','cites','authored-by',"
  "    'organized-by','attended','about','member-of','part-of')),"
  "  src INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,"
  "  dst INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,"
  "  attrs TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (attrs)),"
  "  UNIQUE (type, src, dst)"
  ") STRICT;"
  /* Covering: a walk along implements edges reads the index only. */
  "CREATE INDEX edges_dst ON edges (dst, type, src);"
  "CREATE INDEX edges_src ON edges (src, type, dst);"
  "CREATE TABLE mentions ("             /* evidence: where each node and edge was found */
  "  id INTEGER PRIMARY KEY,"
  "  article INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  node INTEGER REFERENCES nodes (id) ON DELETE CASCADE,"
  "  edge INTEGER REFERENCES edges (id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL,"           /* byte span in articles.text */
  "  end INTEGER NOT NULL,"
  "  rule TEXT,"                        /* the rule that found it */
  "  CHECK ((node IS NULL) <> (edge IS NULL))"
  ") STRICT;"
  "CREATE INDEX mentions_node ON mentions (node);"
  "CREATE INDEX mentions_edge ON mentions (edge);"
  "CREATE INDEX mentions_article ON mentions (article);"
  "CREATE TABLE node_facts ("           /* what each article said of a node */
  "  node INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,"
  "  article INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  attrs TEXT NOT NULL CHECK (json_valid (attrs)),"
  "  PRIMARY KEY (node, article)"
  ") STRICT;"
  "CREATE TABLE aliases ("              /* other keys that mean a node */
  "  type TEXT NOT NULL CHECK (type IN ('organization','official','document','event')),"
  "  key TEXT NOT NULL,"
  "  node INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"               /* as written by the user or the merge */
  "  fold TEXT NOT NULL DEFAULT '',"    /* dg_text_fold_search (name) */
  "  code TEXT,"                        /* documents: dg_store_code_key (name) */
  "  origin TEXT NOT NULL CHECK (origin IN ('user','merge')),"
  "  PRIMARY KEY (type, key)"
  ") STRICT;"
  "CREATE INDEX aliases_node ON aliases (node);"
  "CREATE INDEX aliases_fold ON aliases (fold);"
  "CREATE INDEX aliases_code ON aliases (code) WHERE code IS NOT NULL;"
  /* rowid = nodes.id; name is the folded label, aliases the folded alias
   * names and attrs.aliases. */
  "CREATE VIRTUAL TABLE node_search USING fts5 ("
  "  name, aliases, tokenize = 'unicode61 remove_diacritics 2');"
  /* rowid = articles.id; folded title and text. Contentless: the text is in
   * articles already, and articles are never deleted (SQLite 3.40 cannot
   * delete from a contentless table). Snippets are cut from articles.text. */
  "CREATE VIRTUAL TABLE article_search USING fts5 ("
  "  title, text, content = '', tokenize = 'unicode61 remove_diacritics 2');";

/* Version 2 widens the CHECK of edges.type. A CHECK that only admits more
 * values changes nothing on disk, so the table is not rebuilt (a rebuild
 * would cascade into mentions): SQLite's documented procedure for such
 * changes rewrites the stored CREATE statement and bumps schema_version. */
#define DG_V1_EDGE_TYPES_END "'part-of'))"
static const char schema_v2[] =
  "PRAGMA writable_schema = ON;"
  "UPDATE sqlite_schema SET sql = replace (sql, \"" DG_V1_EDGE_TYPES_END "\", "
  "  \"'part-of','based-on','amends','replaces','repeals','guides','merged-into'))\")"
  "  WHERE type = 'table' AND name = 'edges';"
  "PRAGMA writable_schema = OFF;";

/* Version 3: every merge, with what it changed, so that `docgraph unmerge`
 * can take it back. keep and dropped are plain ids, not references: the
 * dropped node is gone while the merge stands. */
static const char schema_v3[] =
  "CREATE TABLE merges ("
  "  id INTEGER PRIMARY KEY,"
  "  type TEXT NOT NULL,"                /* the nodes' type */
  "  keep INTEGER NOT NULL,"             /* nodes.id of the node kept */
  "  dropped INTEGER NOT NULL,"          /* nodes.id the dropped node had */
  "  keep_label TEXT NOT NULL,"
  "  dropped_label TEXT NOT NULL,"
  "  merged_at TEXT NOT NULL,"           /* ISO timestamp */
  "  undone_at TEXT,"                    /* when unmerge took it back, else NULL */
  "  undo TEXT NOT NULL CHECK (json_valid (undo))" /* the rows as they were (store.c) */
  ") STRICT;"
  "CREATE INDEX merges_keep ON merges (keep);";

static const struct {
  DgSchemaVersion version; /* the version this step upgrades to */
  const char *sql;         /* the step */
  gboolean edits_schema;   /* it rewrote sqlite_schema: bump schema_version */
} upgrades[] = {
  { DG_SCHEMA_V1, schema_v1, FALSE },
  { DG_SCHEMA_V2, schema_v2, TRUE },
  { DG_SCHEMA_V3, schema_v3, FALSE },
};


int
dg_schema_current_version (void)
{
  return DG_SCHEMA_CURRENT;
}

static gboolean
pragma_int (DgStore *store, const char *sql, int *out, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  int rc = sqlite3_step (st);
  *out = rc == SQLITE_ROW ? sqlite3_column_int (st, 0) : 0;
  sqlite3_reset (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, sql);
      return FALSE;
    }
  return TRUE;
}

/* After a rewrite of sqlite_schema, every connection must reread it. */
static gboolean
bump_schema_version (DgStore *store, GError **error)
{
  int old;
  if (!pragma_int (store, "PRAGMA schema_version", &old, error))
    return FALSE;
  g_autofree char *sql = g_strdup_printf ("PRAGMA schema_version = %d", old + 1);
  return dg_store_exec (store, sql, error);
}

gboolean
dg_schema_migrate (DgStore *store, GError **error)
{
  int version, app_id, n_tables;
  if (!pragma_int (store, "PRAGMA user_version", &version, error)
      || !pragma_int (store, "PRAGMA application_id", &app_id, error)
      || !pragma_int (store, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return FALSE;
  if (app_id != 0 && app_id != DG_SCHEMA_APPLICATION_ID)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN,
                   "%s: an SQLite database of another program (application_id %#x), "
                   "not a docgraph database", store->path, (unsigned) app_id);
      return FALSE;
    }
  /* Version 0 with tables: somebody else's database; do not write into it. */
  if (version == DG_SCHEMA_NONE && n_tables > 0)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN,
                   "%s: an SQLite database with tables but no docgraph schema, "
                   "not a docgraph database", store->path);
      return FALSE;
    }
  if (version > DG_SCHEMA_CURRENT)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN,
                   "%s: schema version %d is newer than this docgraph (%d); "
                   "use a newer docgraph", store->path, version, DG_SCHEMA_CURRENT);
      return FALSE;
    }
  if (store->read_only && version < DG_SCHEMA_CURRENT)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN,
                   "%s: read-only, and its schema version %d must first be upgraded to %d "
                   "by a docgraph that may write to it", store->path, version,
                   DG_SCHEMA_CURRENT);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (upgrades); i++)
    {
      if ((int) upgrades[i].version <= version)
        continue;
      if (!dg_store_exec (store, "BEGIN IMMEDIATE", error))
        return FALSE;
      /* Another process may have upgraded the file while this one waited
       * for the write lock (two imports starting on a new database). */
      int now;
      if (!pragma_int (store, "PRAGMA user_version", &now, error))
        {
          dg_store_exec (store, "ROLLBACK", NULL);
          return FALSE;
        }
      if (now >= (int) upgrades[i].version)
        {
          dg_store_exec (store, "COMMIT", NULL);
          version = now;
          continue;
        }
      g_autofree char *pragma
        = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                           upgrades[i].version, DG_SCHEMA_APPLICATION_ID);
      if (!dg_store_exec (store, upgrades[i].sql, error)
          || (upgrades[i].edits_schema && !bump_schema_version (store, error))
          || !dg_store_exec (store, pragma, error)
          || !dg_store_exec (store, "COMMIT", error))
        {
          dg_store_exec (store, "ROLLBACK", NULL);
          g_prefix_error (error, "upgrading to schema %d: ", upgrades[i].version);
          return FALSE;
        }
      version = upgrades[i].version;
    }
  return TRUE;
}
