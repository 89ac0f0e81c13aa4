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

/* ------------------------------------------------------- suggestions */

static gboolean
has_pair (GPtrArray *dups, gint64 a, gint64 b)
{
  for (guint i = 0; i < dups->len; i++)
    {
      DgDuplicate *d = dups->pdata[i];
      if ((d->keep == a && d->drop == b) || (d->keep == b && d->drop == a))
        return TRUE;
    }
  return FALSE;
}

static gint64
org (DgStore *store, const char *label)
{
  g_autofree char *key = dg_text_fold_key (label, -1);
  gint64 id = fx_id (store, "organization", key);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Names a letter or two apart that differ in a province, a head or a place
 * are other bodies: never suggested. A true slip still is. */
static void
test_suggest_gazetteer (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  static const char *const names[] = {
    "Tỉnh ủy Bình Thuận", "Tỉnh ủy Ninh Thuận", "Tỉnh ủy Khánh Hòa", "Tỉnh ủy Thanh Hóa",
    "Tỉnh ủy Quảng Bình", "Tỉnh ủy Quảng Ninh", "UBND tỉnh Hà Tĩnh", "UBND tỉnh Hòa Bình",
    "Ban Bí thư", "Ban Bí thư Trung ương Đoàn", "Sở Tư pháp", "Sở Tư pháp Đồng Nai",
    "Huyện ủy Nam Đàn", "Huyện ủy Nam Đàm", "Đảng bộ tỉnh Ninh Thuận", "Đảng bộ tỉnh Bình Thuận",
    "Ban Tuyên giáo Tỉnh ủy Nghệ An", "Ban Tuyên giáo Tỉnh ủy Nghệ Aan",
    "Trung tâm Chính trị huyện Đô Lương", "Trung tâm Chíng trị huyện Đô Lương",
  };
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_append_printf (text, "%s; ", names[i]);
  g_autoptr (DgGraph) g = fx_article ("orgs.txt", NULL, text->str);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    fx_node (g, DG_NODE_ORGANIZATION, NULL, names[i], NULL);
  fx_store (store, g);
  g_string_free (text, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) dups = dg_store_duplicates (store, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i + 1 < 16; i += 2)
    if (has_pair (dups, org (store, names[i]), org (store, names[i + 1])))
      g_error ("suggested “%s” and “%s”", names[i], names[i + 1]);
  /* A slip outside the gazetteer is still found. */
  g_assert_true (has_pair (dups, org (store, "Trung tâm Chính trị huyện Đô Lương"),
                           org (store, "Trung tâm Chíng trị huyện Đô Lương")));
  /* "Nghệ Aan" is no province: the two differ in one. */
  g_assert_false (has_pair (dups, org (store, "Ban Tuyên giáo Tỉnh ủy Nghệ An"),
                            org (store, "Ban Tuyên giáo Tỉnh ủy Nghệ Aan")));
}

/* Events are suggested only when one article names both; a congress of
 * another term ("khóa XII", "khóa XIII") never. */
static void
test_suggest_events (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  const char t1[] = "Kỳ họp thứ ba của HĐND tỉnh. Sau kỳ họp thứ ba, Hội nghị Trung ương 5 khóa XII "
                    "và Hội nghị Trung ương 5 khóa XIII. Hội nghị lần thứ bảy Ban Chấp hành "
                    "Trung ương, Hội nghị lần thứ tám Ban Chấp hành Trung ương.";
  const char t2[] = "Kỳ họp thứ ba của HĐND huyện diễn ra hai ngày.";
  gint64 a, b, c, x12, x13;
  {
    g_autoptr (DgGraph) g = fx_article ("one.txt", NULL, t1);
    DgNode *n1 = fx_node (g, DG_NODE_EVENT, "kỳ họp thứ ba|one", "Kỳ họp thứ ba", NULL);
    DgNode *n2 = fx_node (g, DG_NODE_EVENT, "kỳ họp thứ ba|one-b", "kỳ họp thứ ba", NULL);
    fx_node (g, DG_NODE_EVENT, NULL, "Hội nghị Trung ương 5 khóa XII", NULL);
    fx_node (g, DG_NODE_EVENT, NULL, "Hội nghị Trung ương 5 khóa XIII", NULL);
    fx_node (g, DG_NODE_EVENT, NULL, "Hội nghị lần thứ bảy Ban Chấp hành Trung ương", NULL);
    fx_node (g, DG_NODE_EVENT, NULL, "Hội nghị lần thứ tám Ban Chấp hành Trung ương", NULL);
    (void) n1;
    (void) n2;
    fx_store (store, g);
  }
  {
    g_autoptr (DgGraph) g = fx_article ("two.txt", NULL, t2);
    fx_node (g, DG_NODE_EVENT, "kỳ họp thứ ba|two", "Kỳ họp thứ ba", NULL);
    fx_store (store, g);
  }
  a = fx_id (store, "event", "kỳ họp thứ ba|one");
  b = fx_id (store, "event", "kỳ họp thứ ba|one-b");
  c = fx_id (store, "event", "kỳ họp thứ ba|two");
  x12 = fx_id (store, "event", "hội nghị trung ương 5 khóa xii");
  x13 = fx_id (store, "event", "hội nghị trung ương 5 khóa xiii");
  g_assert_cmpint (a * b * c * x12 * x13, !=, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) dups = dg_store_duplicates (store, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_pair (dups, a, b));
  g_assert_false (has_pair (dups, a, c));
  g_assert_false (has_pair (dups, b, c));
  g_assert_false (has_pair (dups, x12, x13));
  g_assert_false (has_pair (dups,
                            fx_id (store, "event", "hội nghị lần thứ bảy ban chấp hành trung ương"),
                            fx_id (store, "event", "hội nghị lần thứ tám ban chấp hành trung ương")));
}

/* Node that exists. */
static gboolean
node_exists (DgStore *store, gint64 id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM nodes WHERE id = %" G_GINT64_FORMAT, id);
  return fx_count (store, sql) == 1;
}

/* Three spellings of one body give two or three pairs; run in order, each
 * line of the list names nodes that the lines before it left. */
static void
test_suggest_script (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  const char text[] = "Ban Tổ chức Tỉnh ủy, Ban tổ chức Tỉnh ủy, ban tổ chức tỉnh ủy, "
                      "Ban Tổ Chức Tỉnh Ủy.";
  g_autoptr (DgGraph) g = fx_article ("a.txt", NULL, text);
  fx_node (g, DG_NODE_ORGANIZATION, "k1", "Ban Tổ chức Tỉnh ủy", NULL);
  fx_node (g, DG_NODE_ORGANIZATION, "k2", "Ban tổ chức Tỉnh ủy", NULL);
  fx_node (g, DG_NODE_ORGANIZATION, "k3", "ban tổ chức tỉnh ủy", NULL);
  fx_node (g, DG_NODE_ORGANIZATION, "k4", "Ban Tổ Chức Tỉnh Ủy", NULL);
  fx_store (store, g);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) dups = dg_store_duplicates (store, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dups->len, ==, 3);
  for (guint i = 0; i < dups->len; i++)
    {
      DgDuplicate *d = dups->pdata[i];
      g_assert_true (node_exists (store, d->keep));
      g_assert_true (node_exists (store, d->drop));
      g_assert_true (dg_store_merge_nodes (store, d->keep, d->drop, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (fx_count (store, "SELECT count (*) FROM nodes"), ==, 1);
}

/* ------------------------------------------------ dry run and unmerge */

/* Every row of the graph's tables, as text, to compare two states. */
static char *
dump (DgStore *store)
{
  static const char *const queries[] = {
    "SELECT * FROM nodes ORDER BY id", "SELECT * FROM edges ORDER BY id",
    "SELECT * FROM mentions ORDER BY id", "SELECT * FROM node_facts ORDER BY node, article",
    "SELECT * FROM aliases ORDER BY type, key", "SELECT rowid, * FROM node_search ORDER BY rowid",
  };
  GString *out = g_string_new (NULL);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *st = NULL;
      g_assert_cmpint (sqlite3_prepare_v2 (dg_store_db (store), queries[q], -1, &st, NULL), ==,
                       SQLITE_OK);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (st); i++)
            {
              const char *v = (const char *) sqlite3_column_text (st, i);
              g_string_append_printf (out, "%s|", v ? v : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (st);
      g_string_append (out, "--\n");
    }
  return g_string_free (out, FALSE);
}

static const char fx_text_twins[] =
  "Ban Tổ chức Tỉnh ủy Lạng Sơn thuộc Tỉnh ủy Lạng Sơn. Ban tổ chức Tỉnh ủy Lạng Sơn ban hành "
  "Hướng dẫn số 5-HD/BTCTU. Đồng chí Hoàng Văn Nam, Trưởng Ban tổ chức Tỉnh ủy Lạng Sơn.";

/* Two spellings of one body: B has an edge of its own (issued-by), one that
 * repeats A's (part-of the Tỉnh ủy), one to A (part-of A), a member. */
static void
load_twins (DgStore *store, gint64 *a, gint64 *b)
{
  g_autoptr (DgGraph) g = fx_article ("twins.txt", "2024-05-02", fx_text_twins);
  DgNode *na = fx_node (g, DG_NODE_ORGANIZATION, "ban tổ chức tỉnh ủy lạng sơn",
                        "Ban Tổ chức Tỉnh ủy Lạng Sơn", NULL);
  dg_node_set_attr (na, "level", "province", TRUE);
  DgNode *nb = fx_node (g, DG_NODE_ORGANIZATION, "ban tổ chức tỉnh ủy lạng sơn (2)",
                        "Ban tổ chức Tỉnh ủy Lạng Sơn", NULL);
  dg_node_set_attr (nb, "acronym", "BTCTU", TRUE);
  DgNode *ls = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Tỉnh ủy Lạng Sơn", NULL);
  DgNode *doc = fx_doc (g, "Hướng dẫn", "5-HD/BTCTU", "ban tổ chức tỉnh ủy lạng sơn (2)", NULL,
                        "province");
  DgNode *nam = fx_node (g, DG_NODE_OFFICIAL, NULL, "Hoàng Văn Nam", NULL);
  fx_edge (g, DG_EDGE_PART_OF, na, ls, NULL, "Ban Tổ chức Tỉnh ủy Lạng Sơn thuộc");
  fx_edge (g, DG_EDGE_PART_OF, nb, ls, NULL, "Ban tổ chức Tỉnh ủy Lạng Sơn ban hành");
  fx_edge (g, DG_EDGE_PART_OF, nb, na, NULL, "thuộc Tỉnh ủy Lạng Sơn");
  fx_edge (g, DG_EDGE_ISSUED_BY, doc, nb, NULL, "ban hành Hướng dẫn số 5-HD/BTCTU");
  fx_edge (g, DG_EDGE_MEMBER_OF, nam, nb, "Trưởng Ban", "Trưởng Ban tổ chức Tỉnh ủy Lạng Sơn");
  fx_store (store, g);
  *a = fx_id (store, "organization", "ban tổ chức tỉnh ủy lạng sơn");
  *b = fx_id (store, "organization", "ban tổ chức tỉnh ủy lạng sơn (2)");
}

/* --dry-run: says what moves, and nothing changes. */
static void
test_merge_dry_run (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  gint64 a, b;
  load_twins (store, &a, &b);
  g_autofree char *before = dump (store);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgMergePlan) plan = NULL;
  g_assert_true (dg_store_merge (store, a, b, TRUE, &plan, &error));
  g_assert_no_error (error);
  g_autofree char *after = dump (store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (fx_count (store, "SELECT count (*) FROM merges"), ==, 0);
  g_assert_cmpuint (plan->moved, ==, 2);   /* issued-by, member-of */
  g_assert_cmpuint (plan->folded, ==, 1);  /* part-of Tỉnh ủy */
  g_assert_cmpuint (plan->deleted, ==, 1); /* part-of A */
  g_assert_cmpuint (plan->mentions, ==, 1);
  g_assert_cmpuint (plan->lines->len, ==, 4);
  g_autofree char *text = dg_merge_plan_render (plan);
  g_assert_nonnull (strstr (text, "Ban tổ chức Tỉnh ủy Lạng Sơn"));
  g_assert_nonnull (strstr (text, "issued-by"));
  g_assert_nonnull (strstr (text, "member-of"));
  g_assert_nonnull (strstr (text, "2 move"));
}

/* unmerge puts every row back as it was; the key means the dropped node
 * again for later imports. */
static void
test_unmerge_restores (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  gint64 a, b;
  load_twins (store, &a, &b);
  g_autofree char *before = dump (store);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgMergePlan) plan = NULL;
  g_assert_true (dg_store_merge (store, a, b, FALSE, &plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (plan->merge_id, >, 0);
  g_autofree char *merged = dump (store);
  g_assert_cmpstr (before, !=, merged);
  g_autoptr (GPtrArray) log = dg_store_merges (store, &error);
  g_assert_cmpuint (log->len, ==, 1);
  DgMergeRecord *r = log->pdata[0];
  g_assert_cmpint (r->keep, ==, a);
  g_assert_cmpint (r->drop, ==, b);
  g_assert_null (r->undone_at);
  g_autoptr (DgMergeRecord) back = dg_store_unmerge (store, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpint (back->id, ==, plan->merge_id);
  g_autofree char *after = dump (store);
  g_assert_cmpstr (before, ==, after);
  /* Twice: refused, with the reason. */
  g_autoptr (DgMergeRecord) again = dg_store_unmerge (store, plan->merge_id, &error);
  g_assert_null (again);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_autoptr (DgMergeRecord) none = dg_store_unmerge (store, 0, &error);
  g_assert_null (none);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* A later article naming B lands on B, not A. */
  const char text[] = "Ban tổ chức Tỉnh ủy Lạng Sơn họp.";
  g_autoptr (DgGraph) g = fx_article ("later.txt", NULL, text);
  fx_node (g, DG_NODE_ORGANIZATION, "ban tổ chức tỉnh ủy lạng sơn (2)",
           "Ban tổ chức Tỉnh ủy Lạng Sơn", NULL);
  fx_store (store, g);
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM mentions m JOIN articles a ON "
                                          "a.id = m.article WHERE a.source = 'later.txt' AND "
                                          "m.node = %" G_GINT64_FORMAT, b);
  g_assert_cmpint (fx_count (store, sql), ==, 1);
}

/* Merges of one node are taken back last first. */
static void
test_unmerge_order (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  gint64 a, b;
  load_twins (store, &a, &b);
  gint64 ls = fx_id (store, "organization", FX_LANGSON);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgMergePlan) p1 = NULL, p2 = NULL;
  g_assert_true (dg_store_merge (store, a, b, FALSE, &p1, &error));
  g_assert_true (dg_store_merge (store, ls, a, FALSE, &p2, &error));
  g_assert_no_error (error);
  g_autoptr (DgMergeRecord) first = dg_store_unmerge (store, p1->merge_id, &error);
  g_assert_null (first);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "unmerge"));
  g_clear_error (&error);
  g_autoptr (DgMergeRecord) r2 = dg_store_unmerge (store, 0, &error);
  g_autoptr (DgMergeRecord) r1 = dg_store_unmerge (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r2->id, ==, p2->merge_id);
  g_assert_cmpint (r1->id, ==, p1->merge_id);
  g_assert_cmpint (fx_count (store, "SELECT count (*) FROM nodes WHERE type = 'organization'"),
                   ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/merge/step/resolve-year", test_step_resolve_year);
  g_test_add_func ("/merge/step/alias-keys", test_step_alias_keys);
  g_test_add_func ("/merge/step/alias-rows", test_step_alias_rows);
  g_test_add_func ("/merge/suggest/gazetteer", test_suggest_gazetteer);
  g_test_add_func ("/merge/suggest/events", test_suggest_events);
  g_test_add_func ("/merge/suggest/script", test_suggest_script);
  g_test_add_func ("/merge/dry-run", test_merge_dry_run);
  g_test_add_func ("/merge/unmerge/restores", test_unmerge_restores);
  g_test_add_func ("/merge/unmerge/order", test_unmerge_order);
  return g_test_run ();
}
