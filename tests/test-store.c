/* test-store.c: the SQLite store: opening and migrating, upserts,
 * idempotent import, all-or-nothing articles, looking up what users type,
 * merges and aliases. */
#include <glib/gstdio.h>

#include "store-fixture.h"

/* ------------------------------------------------------------ opening */

static void
test_open_wal (void)
{
  g_autofree char *path = NULL;
  g_autoptr (DgStore) store = fx_open (&path);
  sqlite3_stmt *st = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (dg_store_db (store), "PRAGMA journal_mode", -1, &st, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (st, 0), ==, "wal");
  sqlite3_finalize (st);
  g_assert_cmpint (fx_count (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (fx_count (store, "PRAGMA user_version"), ==, 3);
  /* A write goes to the write-ahead log. */
  g_autoptr (DgGraph) g = fx_article ("a.txt", NULL, fx_text_hagiang);
  fx_node (g, DG_NODE_ORGANIZATION, NULL, "Tỉnh ủy Hà Giang", NULL);
  fx_store (store, g);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_open_empty_file (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (DgStore) store = dg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fx_count (store, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                    "('articles','nodes','edges','mentions','node_facts',"
                                    "'aliases','node_search','article_search')"), ==, 8);
}

/* A version-1 file (edges.type admits the first nine types only) is
 * upgraded in place: its rows stay, mentions of edges stay, and the new
 * relations can be stored. */
static void
test_open_v1_upgrades (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  guint edges = 0, mentions = 0;
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (DgStore) store = dg_store_open (path, &error);
    g_assert_no_error (error);
    fx_load_real_shapes (store);
    edges = fx_count (store, "SELECT count(*) FROM edges");
    mentions = fx_count (store, "SELECT count(*) FROM mentions WHERE edge IS NOT NULL");
  }
  g_assert_cmpuint (edges, >, 0);
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA writable_schema = ON;"
                                 "UPDATE sqlite_schema SET sql = replace (sql, "
                                 "\"'part-of','based-on','amends','replaces','repeals','guides',"
                                 "'merged-into'))\", \"'part-of'))\") WHERE name = 'edges';"
                                 "PRAGMA writable_schema = OFF; DROP TABLE merges; "
                                 "PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO edges (type, src, dst) SELECT 'based-on', "
                                 "min(id), max(id) FROM nodes",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);

  g_autoptr (GError) error = NULL;
  g_autoptr (DgStore) store = dg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fx_count (store, "PRAGMA user_version"), ==, 3);
  g_assert_cmpuint (fx_count (store, "SELECT count(*) FROM edges"), ==, edges);
  g_assert_cmpuint (fx_count (store, "SELECT count(*) FROM mentions WHERE edge IS NOT NULL"), ==,
                    mentions);
  g_assert_true (dg_store_exec (store, "INSERT INTO edges (type, src, dst) SELECT 'based-on', "
                                       "min(id), max(id) FROM nodes", &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM pragma_integrity_check "
                                    "WHERE integrity_check <> 'ok'"), ==, 0);
}

/* A database SQLite made but docgraph never wrote (version 0, no tables)
 * is brought to the current schema; opening it again changes nothing. */
static void
test_open_old_version_migrates (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 0; VACUUM", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (DgStore) store = dg_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (fx_count (store, "PRAGMA user_version"), ==, 3);
    g_assert_cmpint (fx_count (store, "PRAGMA application_id"), ==, 0x44477068);
    fx_load_real_shapes (store);
  }
  g_autoptr (GError) error = NULL;
  g_autoptr (DgStore) store = dg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM articles"), ==, 4);
}

static void
test_open_not_a_database (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *junk = g_strnfill (4096, 'x');
  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (DgStore) store = dg_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "not an SQLite database"));
  g_assert_nonnull (strstr (error->message, path));
  /* The file is left as it was. */
  g_autofree char *after = NULL;
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, junk);
}

static void
test_open_newer_version_refused (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1145532520;"
                                     "CREATE TABLE future (x); PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgStore) store = dg_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "newer"));
}

/* Somebody else's SQLite file is not written into. */
static void
test_open_foreign_database (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE nodes (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgStore) store = dg_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "not a docgraph database"));
}

/* ------------------------------------------------------------ upserts */

static void
test_upsert_same_key (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  /* Tỉnh ủy Lạng Sơn and Bộ Chính trị come in two articles each. */
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM nodes WHERE key = '" FX_LANGSON "'"), ==,
                   1);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM nodes WHERE key = '" FX_BCT "'"), ==, 1);
  /* Both articles are its evidence. */
  g_assert_cmpint (fx_count (store, "SELECT count(DISTINCT m.article) FROM mentions m "
                                    "JOIN nodes n ON n.id = m.node WHERE n.key = '" FX_LANGSON "'"),
                   ==, 2);
  /* The two 90-KH/TU of two provinces stay two. */
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM nodes WHERE code = '90kh/tu'"), ==, 2);
}

/* Attributes from two articles merge; node_facts keeps what each said. */
static void
test_upsert_attrs_merge (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  const char *texts[] = { "Đồng chí Phan Đình Trạc, Ủy viên Bộ Chính trị phát biểu.",
                          "Đồng chí Phan Đình Trạc, Trưởng Ban Nội chính Trung ương." };
  const char *titles[] = { "Ủy viên Bộ Chính trị", "Trưởng Ban Nội chính Trung ương" };
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (DgGraph) g = fx_article ("x.txt", NULL, texts[i]);
      DgNode *n = fx_node (g, DG_NODE_OFFICIAL, NULL, "Phan Đình Trạc", NULL);
      dg_node_add_attr_item (n, "titles", titles[i]);
      fx_store (store, g);
    }
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM nodes"), ==, 1);
  g_assert_cmpint (fx_count (store, "SELECT json_array_length (attrs, '$.titles') FROM nodes"),
                   ==, 2);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM node_facts"), ==, 2);
}

static void
test_import_idempotent (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  const char *tables[] = { "articles", "nodes", "edges", "mentions", "node_facts", "aliases",
                           "node_search", "article_search" };
  gint64 before[G_N_ELEMENTS (tables)];
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      before[i] = fx_count (store, sql);
    }
  g_assert_cmpint (before[0], ==, 4);
  gint64 changes = sqlite3_total_changes64 (dg_store_db (store));
  /* The same bytes again, even with another graph, change nothing. */
  g_autoptr (DgGraph) g = fx_article ("copy-of-hanoi.txt", NULL, fx_text_hanoi);
  fx_node (g, DG_NODE_ORGANIZATION, NULL, "Quận ủy Thanh Xuân", NULL);
  gboolean added = TRUE;
  g_autoptr (GError) error = NULL;
  g_assert_true (dg_store_add_article (store, dg_graph_article (g), g, &added, &error));
  g_assert_no_error (error);
  g_assert_false (added);
  g_assert_cmpint (sqlite3_total_changes64 (dg_store_db (store)), ==, changes);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      g_assert_cmpint (fx_count (store, sql), ==, before[i]);
    }
}

/* ----------------------------------------------------------- rollback */

/* Counts of every row an article can leave. */
static void
assert_only_fixture (DgStore *store, gint64 nodes, gint64 mentions, gint64 facts)
{
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM articles"), ==, 4);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM nodes"), ==, nodes);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM mentions"), ==, mentions);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM node_facts"), ==, facts);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM node_search"), ==, nodes);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM node_search "
                                    "WHERE node_search MATCH 'nghe'"), ==, 0);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM article_search "
                                    "WHERE article_search MATCH 'nghe'"), ==, 0);
}

static const char rollback_text[] =
  "Huyện ủy Nghệ Lâm ban hành Kế hoạch số 7-KH/HU thực hiện Kế hoạch số 147-KH/TU.";

static DgGraph *
rollback_graph (DgGraph *other)
{
  DgGraph *g = fx_article ("bad.txt", NULL, rollback_text);
  DgNode *hu = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Huyện ủy Nghệ Lâm", NULL);
  dg_node_set_attr (hu, "level", "district", TRUE);
  DgNode *d7 = fx_doc (g, "Kế hoạch", "7-KH/HU", "huyện ủy nghệ lâm", NULL, "district");
  DgNode *d147 = fx_doc (g, "Kế hoạch", "147-KH/TU", FX_HANOI, NULL, "province");
  fx_edge (g, DG_EDGE_ISSUED_BY, d7, hu, NULL, "Huyện ủy Nghệ Lâm ban hành");
  fx_edge (g, DG_EDGE_IMPLEMENTS, d7, d147, NULL, "thực hiện Kế hoạch số 147-KH/TU");
  if (other)
    {
      /* A node of another graph: the store has no row for it. */
      DgNode *stranger = fx_node (other, DG_NODE_ORGANIZATION, NULL, "Tỉnh ủy Hà Giang", NULL);
      dg_graph_add_edge (g, DG_EDGE_PART_OF, hu, stranger, NULL, 0, 10, "test");
    }
  return g;
}

static void
test_rollback_foreign_node (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  gint64 nodes = fx_count (store, "SELECT count(*) FROM nodes");
  gint64 mentions = fx_count (store, "SELECT count(*) FROM mentions");
  gint64 facts = fx_count (store, "SELECT count(*) FROM node_facts");
  g_autoptr (DgGraph) other = fx_article ("other.txt", NULL, fx_text_hagiang);
  g_autoptr (DgGraph) g = rollback_graph (other);
  g_autoptr (GError) error = NULL;
  gboolean added = TRUE;
  g_assert_false (dg_store_add_article (store, dg_graph_article (g), g, &added, &error));
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.txt"));
  g_assert_false (added);
  assert_only_fixture (store, nodes, mentions, facts);
}

/* SQLite refuses the last edge: what came before it goes too. */
static void
test_rollback_sql_error (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  gint64 nodes = fx_count (store, "SELECT count(*) FROM nodes");
  gint64 mentions = fx_count (store, "SELECT count(*) FROM mentions");
  gint64 facts = fx_count (store, "SELECT count(*) FROM node_facts");
  gint64 edges = fx_count (store, "SELECT count(*) FROM edges");
  g_assert_cmpint (sqlite3_exec (dg_store_db (store),
                                 "CREATE TEMP TRIGGER fail BEFORE INSERT ON main.edges "
                                 "WHEN NEW.type = 'implements' "
                                 "BEGIN SELECT RAISE (ABORT, 'forced failure'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_autoptr (DgGraph) g = rollback_graph (NULL);
  g_autoptr (GError) error = NULL;
  g_assert_false (dg_store_add_article (store, dg_graph_article (g), g, NULL, &error));
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_SQL);
  g_assert_nonnull (strstr (error->message, "forced failure"));
  assert_only_fixture (store, nodes, mentions, facts);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM edges"), ==, edges);
  /* The store is still usable, and the same graph goes in once it can. */
  g_assert_cmpint (sqlite3_exec (dg_store_db (store), "DROP TRIGGER fail", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  fx_store (store, g);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM nodes"), ==, nodes + 2);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM node_search "
                                    "WHERE node_search MATCH 'nghe'"), ==, 1);
}

/* In a batch, a failed article goes and the others stay. */
static void
test_rollback_in_batch (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  g_autoptr (GError) error = NULL;
  g_assert_true (dg_store_begin (store, &error));
  g_autoptr (DgGraph) good = fx_article ("good.txt", NULL, fx_text_hagiang);
  fx_node (good, DG_NODE_ORGANIZATION, NULL, "Tỉnh ủy Hà Giang", NULL);
  fx_store (store, good);
  g_assert_cmpint (sqlite3_exec (dg_store_db (store),
                                 "CREATE TEMP TRIGGER fail BEFORE INSERT ON main.mentions "
                                 "WHEN NEW.edge IS NOT NULL "
                                 "BEGIN SELECT RAISE (ABORT, 'forced failure'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_autoptr (DgGraph) bad = rollback_graph (NULL);
  g_assert_false (dg_store_add_article (store, dg_graph_article (bad), bad, NULL, &error));
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_SQL);
  g_assert_true (dg_store_commit (store, NULL));
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM articles"), ==, 1);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM nodes"), ==, 1);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM edges"), ==, 0);
}

/* ------------------------------------------------------------ resolve */

static gint64
resolve_ok (DgStore *store, const char *ref, int type)
{
  g_autoptr (GError) error = NULL;
  gint64 id = dg_store_resolve_ref (store, ref, type, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_resolve_id (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  gint64 bct = fx_id (store, "organization", FX_BCT);
  g_autofree char *plain = g_strdup_printf ("%" G_GINT64_FORMAT, bct);
  g_autofree char *hash = g_strdup_printf ("#%" G_GINT64_FORMAT, bct);
  g_assert_cmpint (resolve_ok (store, plain, -1), ==, bct);
  g_assert_cmpint (resolve_ok (store, hash, DG_NODE_ORGANIZATION), ==, bct);
  g_autoptr (GError) error = NULL;
  g_assert_cmpint (dg_store_resolve_ref (store, hash, DG_NODE_DOCUMENT, &error), ==, 0);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "not a document"));
  g_clear_error (&error);
  g_assert_cmpint (dg_store_resolve_ref (store, "#99999", -1, &error), ==, 0);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND);
}

static void
test_resolve_code (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  gint64 d147 = fx_id (store, "document", FX_147);
  g_assert_cmpint (d147, >, 0);
  const char *spellings[] = { "147-KH/TU", "147 - kh/tu", "147–KH/TU", "147-kh/tu ", "147KH/TU" };
  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    g_assert_cmpint (resolve_ok (store, spellings[i], DG_NODE_DOCUMENT), ==, d147);
  g_assert_cmpint (resolve_ok (store, "12-KL/TW", -1), ==, fx_id (store, "document", FX_12));
  g_assert_cmpint (resolve_ok (store, "#1", -1), ==, 1);
  /* The first dated mention dates the undated document: one node. */
  gint64 undated = fx_id (store, "document", FX_12);
  g_autoptr (DgGraph) n = fx_article ("kl22.txt", NULL, "Kết luận số 12-KL/TW năm 2022.");
  DgNode *now = fx_node (n, DG_NODE_DOCUMENT, "doc:12-kl/tw#2022", "Kết luận số 12-KL/TW",
                         "12-KL/TW");
  dg_node_set_attr (now, "code", "12-KL/TW", TRUE);
  dg_node_set_attr (now, "date", "2022-04-06", TRUE);
  fx_store (store, n);
  g_assert_cmpint (fx_id (store, "document", "doc:12-kl/tw#2022"), ==, undated);
  /* Codes repeat from one term to the next: the year chooses. */
  g_autoptr (DgGraph) g = fx_article ("kl.txt", NULL, "Kết luận số 12-KL/TW năm 2017.");
  DgNode *old = fx_node (g, DG_NODE_DOCUMENT, "doc:12-kl/tw#2017", "Kết luận số 12-KL/TW",
                         "12-KL/TW");
  dg_node_set_attr (old, "code", "12-KL/TW", TRUE);
  dg_node_set_attr (old, "date", "2017-03-22", TRUE);
  fx_store (store, g);
  /* An undated mention now fits two years: it stays apart, for a person to
   * merge. */
  g_autoptr (DgGraph) u = fx_article ("undated.txt", NULL, "Kết luận số 12-KL/TW.");
  fx_node (u, DG_NODE_DOCUMENT, "doc:12-kl/tw", "Kết luận số 12-KL/TW", "12-KL/TW");
  fx_store (store, u);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM nodes WHERE type = 'document' "
                                    "AND key LIKE 'doc:12-kl/tw%'"), ==, 3);
  g_autoptr (GError) error = NULL;
  g_assert_cmpint (dg_store_resolve_ref (store, "12-KL/TW", -1, &error), ==, 0);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (error->message, "2017-03-22"));
  g_assert_nonnull (strstr (error->message, "2022-04-06"));
  g_assert_nonnull (strstr (error->message, "or add the year: “12-KL/TW 20"));
  g_assert_cmpint (resolve_ok (store, "12-KL/TW 2017", -1), ==,
                   fx_id (store, "document", "doc:12-kl/tw#2017"));
  g_assert_cmpint (resolve_ok (store, "12-KL/TW (2017)", DG_NODE_DOCUMENT), ==,
                   fx_id (store, "document", "doc:12-kl/tw#2017"));
  g_autofree char *k = dg_store_code_key ("15/2020/NĐ-CP");
  g_assert_cmpstr (k, ==, "15/2020/ndcp");
  g_assert_null (dg_store_code_key (" - / "));
}

static void
test_resolve_label (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  gint64 trac = fx_id (store, "official", FX_TRAC);
  gint64 ls = fx_id (store, "organization", FX_LANGSON);
  g_assert_cmpint (resolve_ok (store, "Phan Đình Trạc", -1), ==, trac);
  /* Tone marks placed the other way, and the folded form. */
  g_assert_cmpint (resolve_ok (store, "Tỉnh uỷ Lạng Sơn", -1), ==, ls);
  g_assert_cmpint (resolve_ok (store, "tinh uy lang son", -1), ==, ls);
  /* Folded words of one label. */
  g_assert_cmpint (resolve_ok (store, "dinh trac", -1), ==, trac);
  g_assert_cmpint (resolve_ok (store, "DINH   TRAC", DG_NODE_OFFICIAL), ==, trac);
  /* The type filter keeps the conference out of "lang son". */
  g_assert_cmpint (resolve_ok (store, "lang son", DG_NODE_ORGANIZATION), ==, ls);
}

static void
test_resolve_ambiguous (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  g_autoptr (GError) error = NULL;
  g_assert_cmpint (dg_store_resolve_ref (store, "90-KH/TU", DG_NODE_DOCUMENT, &error), ==, 0);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_AMBIGUOUS);
  /* Each candidate with its id and issuer. */
  gint64 ls = fx_id (store, "document", FX_90LS), hg = fx_id (store, "document", FX_90HG);
  g_autofree char *a = g_strdup_printf ("#%" G_GINT64_FORMAT " document", ls);
  g_autofree char *b = g_strdup_printf ("#%" G_GINT64_FORMAT " document", hg);
  g_assert_nonnull (strstr (error->message, a));
  g_assert_nonnull (strstr (error->message, b));
  g_assert_nonnull (strstr (error->message, "Tỉnh ủy Lạng Sơn"));
  g_assert_nonnull (strstr (error->message, "Tỉnh ủy Hà Giang"));
  g_clear_error (&error);
  /* "tỉnh ủy" is in two organizations' names (not in "Thành ủy"). */
  g_assert_cmpint (dg_store_resolve_ref (store, "tinh uy", DG_NODE_ORGANIZATION, &error), ==, 0);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (error->message, "fits 2 organizations"));
}

static void
test_resolve_not_found (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  g_autoptr (GError) error = NULL;
  g_assert_cmpint (dg_store_resolve_ref (store, "12-KL/TU", DG_NODE_DOCUMENT, &error), ==, 0);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no document “12-KL/TU”; did you mean 12-KL/TW"));
  g_clear_error (&error);
  g_assert_cmpint (dg_store_resolve_ref (store, "Phan Đình Trach", -1, &error), ==, 0);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "did you mean Phan Đình Trạc"));
  g_clear_error (&error);
  g_assert_cmpint (dg_store_resolve_ref (store, "no-such-doc", DG_NODE_DOCUMENT, &error), ==, 0);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-doc"));
  g_clear_error (&error);
  /* A name of another type is named as such. */
  g_assert_cmpint (dg_store_resolve_ref (store, "Tỉnh ủy Lạng Sơn", DG_NODE_DOCUMENT, &error), ==,
                   0);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "organization Tỉnh ủy Lạng Sơn, not a document"));
  g_clear_error (&error);
  g_assert_cmpint (dg_store_resolve_ref (store, "   ", -1, &error), ==, 0);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
}

static void
test_edit_distance (void)
{
  g_assert_cmpuint (dg_edit_distance ("12kl/tw", "12kl/tu", 3), ==, 1);
  g_assert_cmpuint (dg_edit_distance ("phan dinh trac", "pham dinh trac", 3), ==, 1);
  g_assert_cmpuint (dg_edit_distance ("", "abc", 5), ==, 3);
  g_assert_cmpuint (dg_edit_distance ("kitten", "sitting", 1), ==, 2); /* over max: max + 1 */
  g_assert_cmpuint (dg_edit_distance ("đình", "đinh", 2), ==, 1);
  g_assert_cmpuint (dg_edit_distance ("đình", "dinh", 2), ==, 2);
}


/* ------------------------------------------------------ merge and alias */

static const char trach_text[] =
  "Đồng chí Phan Đình Trạch, Ủy viên Bộ Chính trị, Trưởng ban Nội chính Trung ương dự "
  "Hội nghị tổng kết công tác nội chính.";

/* An article that spells Phan Đình Trạc "Trạch": a second node. */
static DgGraph *
trach_graph (const char *source, const char *text)
{
  DgGraph *g = fx_article (source, "2023-09-01", text);
  DgNode *p = fx_node (g, DG_NODE_OFFICIAL, NULL, "Phan Đình Trạch", NULL);
  dg_node_add_attr_item (p, "titles", "Trưởng ban Nội chính Trung ương");
  DgNode *bct = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Bộ Chính trị", NULL);
  DgNode *bnc = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Ban Nội chính Trung ương",
                         "Nội chính Trung ương");
  DgNode *ev = fx_node (g, DG_NODE_EVENT, NULL, "Hội nghị tổng kết công tác nội chính", NULL);
  fx_edge (g, DG_EDGE_MEMBER_OF, p, bct, "Ủy viên", "Ủy viên Bộ Chính trị");
  fx_edge (g, DG_EDGE_MEMBER_OF, p, bnc, "Trưởng ban", "Trưởng ban Nội chính Trung ương");
  fx_edge (g, DG_EDGE_ATTENDED, p, ev, "attended", "dự Hội nghị");
  return g;
}

static void
merge_ok (DgStore *store, gint64 keep, gint64 drop)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (dg_store_merge_nodes (store, keep, drop, &error));
  g_assert_no_error (error);
}

static void
test_merge_moves_everything (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  g_autoptr (DgGraph) g = trach_graph ("trach.txt", trach_text);
  fx_store (store, g);
  gint64 trac = fx_id (store, "official", FX_TRAC), trach = fx_id (store, "official", "phan đình trạch");
  g_assert_cmpint (trach, >, 0);
  gint64 edges = fx_count (store, "SELECT count(*) FROM edges");
  gint64 mentions = fx_count (store, "SELECT count(*) FROM mentions");
  merge_ok (store, trac, trach);
  g_assert_cmpint (fx_id (store, "official", "phan đình trạch"), ==, 0);
  /* member-of Bộ Chính trị and Ban Nội chính were in both: one edge each. */
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM edges"), ==, edges - 2);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM mentions"), ==, mentions);
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM edges e JOIN nodes o ON o.id = e.dst WHERE e.src = %" G_GINT64_FORMAT
    " AND e.type = 'member-of' AND o.key = '" FX_BCT "'", trac);
  g_assert_cmpint (fx_count (store, sql), ==, 1);
  /* Its evidence from both articles. */
  g_autofree char *ev = g_strdup_printf (
    "SELECT count(DISTINCT m.article) FROM mentions m JOIN edges e ON e.id = m.edge "
    "JOIN nodes o ON o.id = e.dst WHERE e.src = %" G_GINT64_FORMAT " AND o.key = '" FX_BCT "'",
    trac);
  g_assert_cmpint (fx_count (store, ev), ==, 2);
  /* The two spellings of the role are both kept. */
  g_autofree char *roles = g_strdup_printf (
    "SELECT json_array_length (e.attrs, '$.roles') FROM edges e JOIN nodes o ON o.id = e.dst "
    "WHERE e.src = %" G_GINT64_FORMAT " AND o.key = 'ban nội chính trung ương'", trac);
  g_assert_cmpint (fx_count (store, roles), ==, 2);
  /* Facts, titles, mentions and the attended edge moved. */
  g_autofree char *facts = g_strdup_printf (
    "SELECT count(*) FROM node_facts WHERE node = %" G_GINT64_FORMAT, trac);
  g_assert_cmpint (fx_count (store, facts), ==, 2);
  g_autofree char *titles = g_strdup_printf (
    "SELECT json_array_length (attrs, '$.titles') FROM nodes WHERE id = %" G_GINT64_FORMAT, trac);
  g_assert_cmpint (fx_count (store, titles), ==, 3);
  g_autofree char *att = g_strdup_printf (
    "SELECT count(*) FROM edges WHERE type = 'attended' AND src = %" G_GINT64_FORMAT, trac);
  g_assert_cmpint (fx_count (store, att), ==, 2);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM mentions WHERE node NOT IN "
                                    "(SELECT id FROM nodes)"), ==, 0);
  /* The dropped key is an alias from the merge, found by search. */
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM aliases WHERE key = 'phan đình trạch' "
                                    "AND origin = 'merge'"), ==, 1);
  g_autofree char *fts = g_strdup_printf (
    "SELECT rowid FROM node_search WHERE node_search MATCH 'trach'");
  g_assert_cmpint (fx_count (store, fts), ==, trac);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM node_search"), ==,
                   fx_count (store, "SELECT count(*) FROM nodes"));
}

/* After a merge, an article that names the dropped node lands on the kept
 * one; re-importing the article that made it changes nothing; both hold
 * after the database is closed and opened again. */
static void
test_merge_later_imports (void)
{
  g_autofree char *path = NULL;
  gint64 trac;
  {
    g_autoptr (DgStore) store = fx_open (&path);
    fx_load_real_shapes (store);
    g_autoptr (DgGraph) g = trach_graph ("trach.txt", trach_text);
    fx_store (store, g);
    trac = fx_id (store, "official", FX_TRAC);
    merge_ok (store, trac, fx_id (store, "official", "phan đình trạch"));
  }
  g_autoptr (GError) error = NULL;
  g_autoptr (DgStore) store = dg_store_open (path, &error);
  g_assert_no_error (error);
  gint64 nodes = fx_count (store, "SELECT count(*) FROM nodes");
  g_autoptr (DgGraph) again = trach_graph ("trach-copy.txt", trach_text);
  gboolean added = TRUE;
  g_assert_true (dg_store_add_article (store, dg_graph_article (again), again, &added, &error));
  g_assert_false (added);
  g_assert_cmpint (fx_id (store, "official", "phan đình trạch"), ==, 0);
  g_autoptr (DgGraph) later = trach_graph ("later.txt",
    "Chiều 2/10, đồng chí Phan Đình Trạch, Ủy viên Bộ Chính trị, Trưởng ban Nội chính "
    "Trung ương dự Hội nghị tổng kết công tác nội chính tại Hà Nội.");
  fx_store (store, later);
  g_assert_cmpint (fx_id (store, "official", "phan đình trạch"), ==, 0);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM nodes"), ==, nodes);
  g_autofree char *m = g_strdup_printf (
    "SELECT count(DISTINCT article) FROM mentions WHERE node = %" G_GINT64_FORMAT, trac);
  g_assert_cmpint (fx_count (store, m), ==, 3);
  g_assert_cmpint (resolve_ok (store, "Phan Đình Trạch", -1), ==, trac);
}

static void
test_merge_refused (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  gint64 trac = fx_id (store, "official", FX_TRAC), bct = fx_id (store, "organization", FX_BCT);
  g_autoptr (GError) error = NULL;
  g_assert_false (dg_store_merge_nodes (store, trac, bct, &error));
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "one type"));
  g_clear_error (&error);
  g_assert_false (dg_store_merge_nodes (store, trac, trac, &error));
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dg_store_merge_nodes (store, trac, 424242, &error));
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (fx_id (store, "official", FX_TRAC), ==, trac);
}

/* An edge between the two merged nodes would be a loop: it goes. */
static void
test_merge_edge_between (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  gint64 btv = fx_id (store, "organization", "ban thường vụ quận ủy thanh xuân");
  gint64 qu = fx_id (store, "organization", "quận ủy thanh xuân");
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM edges WHERE type = 'part-of'"), ==, 1);
  merge_ok (store, qu, btv);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM edges WHERE type = 'part-of'"), ==, 0);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM edges WHERE src = dst"), ==, 0);
  /* 25-KH/QU is now issued by the Quận ủy. */
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM edges WHERE type = 'issued-by' AND dst = %" G_GINT64_FORMAT, qu);
  g_assert_cmpint (fx_count (store, sql), ==, 1);
}

static void
test_alias_later_import (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  gint64 ls = fx_id (store, "organization", FX_LANGSON);
  g_autoptr (GError) error = NULL;
  g_assert_true (dg_store_add_alias (store, ls, "Tỉnh uỷ tỉnh Lạng Sơn", &error));
  g_assert_no_error (error);
  /* Twice is once. */
  g_assert_true (dg_store_add_alias (store, ls, "Tỉnh ủy tỉnh Lạng Sơn", &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM aliases WHERE origin = 'user' "
                                    "AND key = 'tỉnh ủy tỉnh lạng sơn'"), ==, 1);
  gint64 nodes = fx_count (store, "SELECT count(*) FROM nodes");
  g_autoptr (DgGraph) g = fx_article ("ls2.txt", NULL,
                                      "Tỉnh ủy tỉnh Lạng Sơn tổ chức hội nghị sơ kết.");
  fx_node (g, DG_NODE_ORGANIZATION, NULL, "Tỉnh ủy tỉnh Lạng Sơn", NULL);
  fx_store (store, g);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM nodes"), ==, nodes);
  g_autofree char *m = g_strdup_printf (
    "SELECT count(DISTINCT article) FROM mentions WHERE node = %" G_GINT64_FORMAT, ls);
  g_assert_cmpint (fx_count (store, m), ==, 3);
  g_assert_cmpint (resolve_ok (store, "Tỉnh ủy tỉnh Lạng Sơn", -1), ==, ls);
}

static void
test_alias_conflict (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  gint64 ls = fx_id (store, "organization", FX_LANGSON);
  gint64 hg = fx_id (store, "organization", FX_HAGIANG);
  g_autoptr (GError) error = NULL;
  g_assert_false (dg_store_add_alias (store, ls, "Tỉnh ủy Hà Giang", &error));
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
  g_autofree char *hint = g_strdup_printf ("docgraph merge %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                           ls, hg);
  g_assert_nonnull (strstr (error->message, hint));
  g_clear_error (&error);
  g_assert_true (dg_store_add_alias (store, ls, "TU Lạng Sơn", &error));
  g_assert_false (dg_store_add_alias (store, hg, "TU Lạng Sơn", &error));
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already an alias"));
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM aliases"), ==, 1);
}

/* A document alias is a code, keyed as the extractor keys the document
 * (its issuer, its year) and found by its code. */
static void
test_alias_document_code (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  gint64 d147 = fx_id (store, "document", FX_147);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) keys = dg_store_alias_keys (store, d147, "Kế hoạch số 147 - KH/TU-TP", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (keys), ==, 1);
  g_assert_cmpstr (keys[0], ==, "doc:147-kh/tu-tp@" FX_HANOI);
  g_assert_true (dg_store_add_alias (store, d147, "147/KH-TU", &error));
  g_assert_no_error (error);
  g_assert_cmpint (resolve_ok (store, "147/kh-tu", DG_NODE_DOCUMENT), ==, d147);
  gint64 nodes = fx_count (store, "SELECT count(*) FROM nodes");
  g_autoptr (DgGraph) g = fx_article ("misprint.txt", NULL,
                                      "Thành ủy Hà Nội ban hành Kế hoạch số 147/KH-TU.");
  fx_node (g, DG_NODE_DOCUMENT, "doc:147/kh-tu@" FX_HANOI, "Kế hoạch số 147/KH-TU",
           "147/KH-TU");
  fx_store (store, g);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM nodes"), ==, nodes);
  /* With a year in the key: the alias holds with and without it. */
  g_autoptr (DgGraph) y = fx_article ("year.txt", NULL, "Kế hoạch số 5-KH/TU năm 2023.");
  fx_node (y, DG_NODE_DOCUMENT, "doc:5-kh/tu@" FX_LANGSON "#2023", "Kế hoạch số 5-KH/TU",
           "5-KH/TU");
  fx_store (store, y);
  gint64 d5 = fx_id (store, "document", "doc:5-kh/tu@" FX_LANGSON "#2023");
  g_auto (GStrv) year_keys = dg_store_alias_keys (store, d5, "05-KH/TU", &error);
  g_assert_cmpuint (g_strv_length (year_keys), ==, 2);
  g_assert_cmpstr (year_keys[0], ==, "doc:05-kh/tu@" FX_LANGSON "#2023");
  g_assert_cmpstr (year_keys[1], ==, "doc:05-kh/tu@" FX_LANGSON);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/open/wal", test_open_wal);
  g_test_add_func ("/store/open/empty-file-migrates", test_open_empty_file);
  g_test_add_func ("/store/open/old-version-migrates", test_open_old_version_migrates);
  g_test_add_func ("/store/open/v1-upgrades", test_open_v1_upgrades);
  g_test_add_func ("/store/open/not-a-database", test_open_not_a_database);
  g_test_add_func ("/store/open/newer-version-refused", test_open_newer_version_refused);
  g_test_add_func ("/store/open/foreign-database-refused", test_open_foreign_database);
  g_test_add_func ("/store/upsert/same-key", test_upsert_same_key);
  g_test_add_func ("/store/upsert/attrs-merge", test_upsert_attrs_merge);
  g_test_add_func ("/store/import/idempotent", test_import_idempotent);
  g_test_add_func ("/store/rollback/foreign-node", test_rollback_foreign_node);
  g_test_add_func ("/store/rollback/sql-error", test_rollback_sql_error);
  g_test_add_func ("/store/rollback/in-batch", test_rollback_in_batch);
  g_test_add_func ("/store/resolve/id", test_resolve_id);
  g_test_add_func ("/store/resolve/code", test_resolve_code);
  g_test_add_func ("/store/resolve/label", test_resolve_label);
  g_test_add_func ("/store/resolve/ambiguous", test_resolve_ambiguous);
  g_test_add_func ("/store/resolve/not-found", test_resolve_not_found);
  g_test_add_func ("/store/resolve/edit-distance", test_edit_distance);
  g_test_add_func ("/store/merge/moves-everything", test_merge_moves_everything);
  g_test_add_func ("/store/merge/later-imports", test_merge_later_imports);
  g_test_add_func ("/store/merge/refused", test_merge_refused);
  g_test_add_func ("/store/merge/edge-between", test_merge_edge_between);
  g_test_add_func ("/store/alias/later-import", test_alias_later_import);
  g_test_add_func ("/store/alias/conflict", test_alias_conflict);
  g_test_add_func ("/store/alias/document-code", test_alias_document_code);
  return g_test_run ();
}
