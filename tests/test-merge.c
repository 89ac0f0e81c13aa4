/* test-merge.c: merges that cannot corrupt the graph (suggestions, dry
 * runs, the merge log and its undo) and the store's error paths. */
#include "store-fixture.h"

/* ------------------------------------------------- failing statements */

/* The statement the progress handler interrupts. */
static sqlite3_stmt *interrupt_stmt;

/* Interrupts interrupt_stmt while it runs, so that its sqlite3_step fails
 * as a full disk or a lock would. */
static int
interrupt_one (void *unused)
{
  return sqlite3_stmt_busy (interrupt_stmt) ? 1 : 0;
}

/* sql is exactly as store.c prepares it: the store caches statements by
 * their text, so this is the statement store.c will step. */
static void
interrupt_from_now (DgStore *store, const char *sql)
{
  interrupt_stmt = dg_store_prepare (store, sql, NULL);
  g_assert_nonnull (interrupt_stmt);
  sqlite3_progress_handler (dg_store_db (store), 1, interrupt_one, NULL);
}

static void
interrupt_stop (DgStore *store)
{
  sqlite3_progress_handler (dg_store_db (store), 0, NULL, NULL);
}

/* resolve_year: the lookup of the undated node failing is an error, not
 * "no undated node" (which would store a second node for one document). */
static void
test_step_resolve_year (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  const char text[] = "Kế hoạch số 7-KH/TU của Tỉnh ủy Lạng Sơn.";
  {
    g_autoptr (DgGraph) g = fx_article ("a.txt", NULL, text);
    fx_node (g, DG_NODE_DOCUMENT, "doc:7-kh/tu@tỉnh ủy lạng sơn", "Kế hoạch số 7-KH/TU", "7-KH/TU");
    fx_store (store, g);
  }
  const char text2[] = "Kế hoạch số 7-KH/TU ngày 2/3/2021 của Tỉnh ủy Lạng Sơn.";
  g_autoptr (DgGraph) g = fx_article ("b.txt", "2021-03-05", text2);
  fx_node (g, DG_NODE_DOCUMENT, "doc:7-kh/tu@tỉnh ủy lạng sơn#2021", "Kế hoạch số 7-KH/TU",
           "7-KH/TU");
  interrupt_from_now (store, "SELECT id, attrs FROM nodes WHERE type = 'document' AND key = ?");
  g_autoptr (GError) error = NULL;
  gboolean added = FALSE;
  gboolean ok = dg_store_add_article (store, dg_graph_article (g), g, &added, &error);
  interrupt_stop (store);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_cmpint (fx_count (store, "SELECT count (*) FROM nodes"), ==, 1);
}

/* dg_store_alias_keys: the issuers' lookup failing is an error, not a
 * document without issuers. */
static void
test_step_alias_keys (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  const char text[] = "Tỉnh ủy Lạng Sơn ban hành Nghị quyết về chuyển đổi số.";
  {
    g_autoptr (DgGraph) g = fx_article ("a.txt", NULL, text);
    DgNode *doc = fx_node (g, DG_NODE_DOCUMENT, "nghị quyết về chuyển đổi số",
                           "Nghị quyết về chuyển đổi số", NULL);
    DgNode *ls = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Tỉnh ủy Lạng Sơn", NULL);
    fx_edge (g, DG_EDGE_ISSUED_BY, doc, ls, NULL, "Tỉnh ủy Lạng Sơn ban hành");
    fx_store (store, g);
  }
  gint64 doc = fx_id (store, "document", "nghị quyết về chuyển đổi số");
  interrupt_from_now (store, "SELECT o.key FROM edges e JOIN nodes o ON o.id = e.dst "
                             "WHERE e.src = ? AND e.type = 'issued-by' ORDER BY o.id");
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) keys = dg_store_alias_keys (store, doc, "Nghị quyết 05-NQ/TU", &error);
  interrupt_stop (store);
  g_assert_null (keys);
  g_assert_nonnull (error);
}

/* alias_rows: the check that a key is another node's failing is an error,
 * not "free to take". */
static void
test_step_alias_rows (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  const char text[] = "Tỉnh ủy Lạng Sơn và Tỉnh ủy Cao Bằng.";
  {
    g_autoptr (DgGraph) g = fx_article ("a.txt", NULL, text);
    fx_node (g, DG_NODE_ORGANIZATION, NULL, "Tỉnh ủy Lạng Sơn", NULL);
    fx_node (g, DG_NODE_ORGANIZATION, NULL, "Tỉnh ủy Cao Bằng", NULL);
    fx_store (store, g);
  }
  gint64 ls = fx_id (store, "organization", "tỉnh ủy lạng sơn");
  interrupt_from_now (store,
                      "SELECT id, label, 'node' FROM nodes WHERE type = ?1 AND key = ?2 "
                      "UNION ALL SELECT n.id, n.label, 'alias' FROM aliases a JOIN nodes n "
                      "ON n.id = a.node WHERE a.type = ?1 AND a.key = ?2");
  g_autoptr (GError) error = NULL;
  gboolean ok = dg_store_add_alias (store, ls, "Tỉnh ủy Cao Bằng", &error);
  interrupt_stop (store);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_cmpint (fx_count (store, "SELECT count (*) FROM aliases"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/merge/step/resolve-year", test_step_resolve_year);
  g_test_add_func ("/merge/step/alias-keys", test_step_alias_keys);
  g_test_add_func ("/merge/step/alias-rows", test_step_alias_rows);
  return g_test_run ();
}
