/* schema.c: the store's schema and its migrations. Each version has one
 * upgrade step; PRAGMA user_version records the version a file is at. */
#include "store-private.h"

typedef enum {
  DG_SCHEMA_NONE = 0, /* an empty file */
  DG_SCHEMA_V1 = 1,   /* articles, nodes, edges, mentions, node_facts, aliases, FTS5 */
  DG_SCHEMA_CURRENT = DG_SCHEMA_V1
} DgSchemaVersion;

/* Version 1. Node keys are the resolution keys of the extractor; aliases map
 * other keys (from merges, from the user) to a node. */
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
  "  UNIQUE (type, key)"
  ") STRICT;"
  "CREATE TABLE edges ("
  "  id INTEGER PRIMARY KEY,"
  "  type TEXT NOT NULL CHECK (type IN ('issued-by','implements','cites','authored-by',"
  "    'organized-by','attended','about','member-of','part-of')),"
  "  src INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,"
  "  dst INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,"
  "  attrs TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (attrs)),"
  "  UNIQUE (type, src, dst)"
  ") STRICT;"
  "CREATE INDEX edges_dst ON edges (dst, type);"
  "CREATE INDEX edges_src ON edges (src, type);"
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
  "  type TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  node INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"               /* as written by the user or the merge */
  "  origin TEXT NOT NULL CHECK (origin IN ('user','merge')),"
  "  PRIMARY KEY (type, key)"
  ") STRICT;"
  "CREATE INDEX aliases_node ON aliases (node);";

static const struct {
  DgSchemaVersion version; /* the version this step upgrades to */
  const char *sql;         /* the step */
} upgrades[] = {
  { DG_SCHEMA_V1, schema_v1 },
};

int
dg_schema_current_version (void)
{
  return DG_SCHEMA_CURRENT;
}

gboolean
dg_schema_migrate (DgStore *store, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, "PRAGMA user_version", error);
  if (st == NULL)
    return FALSE;
  int version = sqlite3_step (st) == SQLITE_ROW ? sqlite3_column_int (st, 0) : 0;
  sqlite3_reset (st);
  if (version > DG_SCHEMA_CURRENT)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN,
                   "%s: schema version %d is newer than this docgraph (%d)",
                   store->path, version, DG_SCHEMA_CURRENT);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (upgrades); i++)
    {
      if ((int) upgrades[i].version <= version)
        continue;
      if (!dg_store_exec (store, "BEGIN IMMEDIATE", error))
        return FALSE;
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", upgrades[i].version);
      if (!dg_store_exec (store, upgrades[i].sql, error)
          || !dg_store_exec (store, pragma, error)
          || !dg_store_exec (store, "COMMIT", error))
        {
          dg_store_exec (store, "ROLLBACK", NULL);
          g_prefix_error (error, "%s: upgrading to schema %d: ", store->path, upgrades[i].version);
          return FALSE;
        }
    }
  return TRUE;
}
