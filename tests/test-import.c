/* test-import.c: readers (text, HTML, JSONL), folders, and the import
 * pipeline into a store. */
#include "testutil.h"
#include "store-private.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  GPtrArray *articles; /* DgArticle, read */
  GPtrArray *graphs;   /* DgGraph or NULL per article */
  GPtrArray *errors;   /* char*, messages */
} Collected;

static gboolean
collect_article (DgArticle *article, DgGraph *graph, gpointer user_data)
{
  Collected *c = user_data;
  g_ptr_array_add (c->articles, dg_article_ref (article));
  g_ptr_array_add (c->graphs, graph ? dg_graph_from_json (dg_graph_to_json (graph), NULL) : NULL);
  return TRUE;
}

static void
collect_error (const GError *error, gpointer user_data)
{
  Collected *c = user_data;
  g_ptr_array_add (c->errors, g_strdup (error->message));
}

static Collected *
collected_new (void)
{
  Collected *c = g_new0 (Collected, 1);
  c->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_article_unref);
  c->graphs = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_graph_free);
  c->errors = g_ptr_array_new_with_free_func (g_free);
  return c;
}

static void
collected_free (Collected *c)
{
  g_ptr_array_unref (c->articles);
  g_ptr_array_unref (c->graphs);
  g_ptr_array_unref (c->errors);
  g_free (c);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Collected, collected_free)

static void
write_file (const char *dir, const char *name, const char *bytes, gssize len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_mkdir_with_parents (parent, 0755);
  g_assert_true (g_file_set_contents (path, bytes, len, NULL));
}

static const char furniture_page[] =
  "Sign In\n"
  "Trang chủ > Tin tức\n"
  "\n"
  "Ban Thường vụ Tỉnh ủy ban hành kế hoạch mới\n"
  "\n"
  "21/04/2023 09:35 View Count: 468\n"
  "0:00 / 0:00\n"
  "Ngày 20/4, Ban Thường vụ Tỉnh ủy Lạng Sơn ban hành Kế hoạch số 88-KH/TU.\n"
  "Xem thêm\n"
  "Tag: kế hoạch, tỉnh ủy\n"
  "File đính kèm\n";

static void
test_text_furniture (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DgArticle) a = dg_article_from_text ("p.txt", furniture_page, strlen (furniture_page), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dg_article_title (a), ==, "Ban Thường vụ Tỉnh ủy ban hành kế hoạch mới");
  g_assert_cmpstr (dg_article_date (a), ==, "2023-04-21");
  const char *text = dg_article_text (a);
  g_assert_null (strstr (text, "Sign In"));
  g_assert_null (strstr (text, "View Count"));
  g_assert_null (strstr (text, "0:00"));
  g_assert_null (strstr (text, "Xem thêm"));
  g_assert_null (strstr (text, "Tag:"));
  g_assert_null (strstr (text, "đính kèm"));
  g_assert_nonnull (strstr (text, "Kế hoạch số 88-KH/TU"));
}

static void
test_text_empty (void)
{
  static const char *const inputs[] = { "", "   \n\n  \n", "Sign In\nXem thêm\n" };
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DgArticle) a = dg_article_from_text ("e.txt", inputs[i], strlen (inputs[i]), &error);
      g_assert_null (a);
      g_assert_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_EMPTY);
    }
}

static void
test_text_sha_of_bytes (void)
{
  const char a[] = "Hội nghị\r\n", b[] = "Hội nghị\n";
  g_autoptr (DgArticle) x = dg_article_from_text ("a", a, strlen (a), NULL);
  g_autoptr (DgArticle) y = dg_article_from_text ("b", b, strlen (b), NULL);
  /* Same text, other bytes: other articles. */
  g_assert_cmpstr (dg_article_text (x), ==, dg_article_text (y));
  g_assert_cmpstr (dg_article_sha256 (x), !=, dg_article_sha256 (y));
}

static void
test_folder_walk (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  write_file (dir, "b.txt", "Bài hai\n\nNội dung.", -1);
  write_file (dir, "a.txt", "Bài một\n\nNội dung.", -1);
  write_file (dir, "sub/c.txt", "Bài ba\n\nNội dung.", -1);
  write_file (dir, ".hidden.txt", "Ẩn\n", -1);
  write_file (dir, "notes.pdf", "%PDF-1.4", -1);
  write_file (dir, "bad.txt", "Sai \xff\xfe mã", -1);
  g_autoptr (Collected) c = collected_new ();
  DgImportSink sink = { collect_article, collect_error, c };
  g_autoptr (GError) error = NULL;
  g_assert_true (dg_import_path (dir, NULL, &sink, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c->articles->len, ==, 3);
  g_assert_cmpstr (dg_article_title (c->articles->pdata[0]), ==, "Bài một");
  g_assert_cmpstr (dg_article_title (c->articles->pdata[1]), ==, "Bài hai");
  g_assert_cmpstr (dg_article_title (c->articles->pdata[2]), ==, "Bài ba");
  /* One line naming the file and the byte offset. */
  g_assert_cmpuint (c->errors->len, ==, 1);
  const char *msg = c->errors->pdata[0];
  g_assert_nonnull (strstr (msg, "bad.txt"));
  g_assert_nonnull (strstr (msg, "byte 4"));
  g_assert_null (strchr (msg, '\n'));
}

static void
test_missing_path (void)
{
  g_autoptr (Collected) c = collected_new ();
  DgImportSink sink = { collect_article, collect_error, c };
  g_autoptr (GError) error = NULL;
  g_assert_false (dg_import_path ("/no/such/place.txt", NULL, &sink, &error));
  g_assert_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_READ);
  g_assert_false (dg_import_path ("x.txt", "word", &sink, NULL));
}

static void
test_jsonl (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  const char lines[] =
    "{\"source\": \"s1\", \"title\": \"Một\", \"date\": \"2024-01-02\", \"text\": \"Một\\n\\nNgày 2/1, Tỉnh ủy Lạng Sơn họp.\"}\n"
    "\n"
    "not json\n"
    "{\"article\": {\"source\": \"s2\", \"sha256\": \"ff\", \"text\": \"Hai\"}, \"nodes\": "
    "[{\"id\": \"o1\", \"type\": \"organization\", \"label\": \"Bộ Chính trị\", \"attrs\": {\"level\": \"central\"}}], \"edges\": []}\n"
    "{\"article\": {\"source\": \"s3\"}, \"nodes\": [], \"edges\": []}\n";
  write_file (dir, "in.jsonl", lines, -1);
  g_autofree char *path = g_build_filename (dir, "in.jsonl", NULL);
  g_autoptr (Collected) c = collected_new ();
  DgImportSink sink = { collect_article, collect_error, c };
  g_assert_true (dg_import_path (path, NULL, &sink, NULL));
  g_assert_cmpuint (c->articles->len, ==, 2);
  g_assert_cmpstr (dg_article_date (c->articles->pdata[0]), ==, "2024-01-02");
  g_assert_null (c->graphs->pdata[0]);
  g_assert_nonnull (c->graphs->pdata[1]);
  g_assert_cmpuint (dg_graph_n_nodes (c->graphs->pdata[1]), ==, 1);
  /* "not json" is line 3; the article without text is line 5. */
  g_assert_cmpuint (c->errors->len, ==, 2);
  g_assert_nonnull (strstr (c->errors->pdata[0], "line 3"));
  g_assert_nonnull (strstr (c->errors->pdata[1], "line 5"));
}

static void
test_html (void)
{
  const char page[] =
    "<html><head><title>Trang | Báo</title>"
    "<meta property=\"article:published_time\" content=\"2023-03-31T08:00:00+07:00\">"
    "<script>var x = '<p>không</p>';</script><style>p{}</style></head>"
    "<body><nav>Trang chủ</nav><h1>Hội nghị giao ban &amp; tổng kết</h1>"
    "<p>Sáng 31/3, Ban Nội chính Trung ương tổ chức Hội nghị.</p>"
    "<p>Đồng chí&nbsp;Phan Đình Trạc chủ trì.<br>Dòng&#32;hai &#x110;ảng</p>"
    "<footer>Bản quyền</footer></body></html>";
  g_autoptr (GBytes) bytes = g_bytes_new_static (page, sizeof page - 1);
  g_autoptr (Collected) c = collected_new ();
  DgImportSink sink = { collect_article, collect_error, c };
  g_autoptr (GError) error = NULL;
  g_assert_true (dg_import_bytes ("page.html", bytes, NULL, &sink, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c->articles->len, ==, 1);
  DgArticle *a = c->articles->pdata[0];
  g_assert_cmpstr (dg_article_title (a), ==, "Hội nghị giao ban & tổng kết");
  g_assert_cmpstr (dg_article_date (a), ==, "2023-03-31");
  const char *text = dg_article_text (a);
  g_assert_null (strstr (text, "không"));
  g_assert_null (strstr (text, "Bản quyền"));
  g_assert_null (strstr (text, "Trang chủ"));
  g_assert_nonnull (strstr (text, "Đồng chí Phan Đình Trạc chủ trì."));
  g_assert_nonnull (strstr (text, "Dòng hai Đảng"));
}

static void
test_formats (void)
{
  const char *const *f = dg_import_formats ();
  g_assert_cmpstr (f[0], ==, "text");
  g_assert_cmpstr (f[1], ==, "html");
  g_assert_cmpstr (f[2], ==, "jsonl");
  g_assert_cmpstr (f[3], ==, "json");
  g_assert_null (f[4]);
}

typedef struct {
  guint errors; /* reported */
} RunErrors;

static void
count_error (const GError *error, gpointer user_data)
{
  ((RunErrors *) user_data)->errors++;
}

static gint64
count_rows (DgStore *store, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *st = dg_store_prepare (store, sql, NULL);
  g_assert_nonnull (st);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return n;
}

static void
test_run_threads_same_result (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *examples = g_build_filename (DG_SOURCE_DIR, "examples", NULL);
  gint64 counts[2][3];
  for (guint run = 0; run < 2; run++)
    {
      g_autofree char *db = g_strdup_printf ("%s/run%u.db", dir, run);
      g_autoptr (GError) error = NULL;
      g_autoptr (DgStore) store = dg_store_open (db, &error);
      g_assert_no_error (error);
      const char *paths[] = { examples, NULL };
      DgImportStats stats;
      RunErrors re = { 0 };
      g_assert_true (dg_import_run (store, paths, NULL, run == 0 ? 1 : 4, NULL, count_error, &re,
                                    &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stats.failed, ==, 0);
      g_assert_cmpuint (stats.added, >=, 6);
      counts[run][0] = count_rows (store, "articles");
      counts[run][1] = count_rows (store, "nodes");
      counts[run][2] = count_rows (store, "edges");
      /* A second run adds nothing. */
      g_assert_true (dg_import_run (store, paths, NULL, 2, NULL, count_error, &re, &stats, &error));
      g_assert_cmpuint (stats.added, ==, 0);
      g_assert_cmpuint (stats.new_nodes, ==, 0);
      g_assert_cmpuint (stats.new_edges, ==, 0);
      g_assert_cmpuint (stats.unchanged, ==, (guint) counts[run][0]);
      g_assert_cmpint (count_rows (store, "nodes"), ==, counts[run][1]);
    }
  for (guint k = 0; k < 3; k++)
    g_assert_cmpint (counts[0][k], ==, counts[1][k]);
}

static void
test_run_bad_inputs (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  write_file (in, "good.txt", "Tin tốt\n\nNgày 3/4/2024, Tỉnh ủy Lạng Sơn tổ chức Hội nghị tổng kết.", -1);
  write_file (in, "empty.txt", "", 0);
  write_file (in, "binary.txt", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  write_file (in, "latin1.txt", "Tin c\xe1 nh\xe2n", -1);
  g_autofree char *db = g_build_filename (dir, "g.db", NULL);
  g_autoptr (DgStore) store = dg_store_open (db, NULL);
  const char *paths[] = { in, "/no/such/folder", NULL };
  DgImportStats stats;
  RunErrors re = { 0 };
  g_autoptr (GError) error = NULL;
  g_assert_true (dg_import_run (store, paths, NULL, 2, NULL, count_error, &re, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 1);
  g_assert_cmpuint (stats.failed, ==, 4);
  g_assert_cmpuint (re.errors, ==, 4);
  g_assert_cmpint (count_rows (store, "articles"), ==, 1);
}

static gint64
count_nodes (DgStore *store, const char *type, const char *label)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT count(*) FROM nodes WHERE type = ? AND fold = ?", NULL);
  g_autofree char *fold = dg_text_fold_search (label, -1);
  sqlite3_bind_text (st, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, fold, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return n;
}

/* Three articles that name the same official, organization, document and
 * work in other words: one node each in the store. */
static void
test_run_one_node_per_thing (void)
{
  g_autofree char *tmp = dg_test_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "in", NULL);
  write_file (dir, "a.txt",
              "Tỉnh ủy Lạng Sơn học tập tác phẩm mới\n\n"
              "Ngày 18/8, Tỉnh ủy Lạng Sơn tổ chức Hội nghị học tập tác phẩm “Xây dựng và chỉnh "
              "đốn Đảng, làm cho Đảng ta thật sự trong sạch, vững mạnh” của Tổng Bí thư Nguyễn "
              "Phú Trọng. Đồng chí Nguyễn Văn Nam, Bí thư Tỉnh ủy Lạng Sơn chủ trì hội nghị. "
              "Hội nghị quán triệt Kết luận số 14-KL/TW ngày 22/9/2021 của Bộ Chính trị.", -1);
  write_file (dir, "b.txt",
              "Lạng Sơn triển khai Kết luận 14\n\n"
              "Thực hiện Kết luận 14-KL/TW của Bộ Chính trị, Ban Thường vụ Tỉnh uỷ Lạng Sơn ban hành "
              "Kế hoạch số 75-KH/TU. Bí thư Tỉnh uỷ Lạng Sơn Nguyễn Văn Nam yêu cầu các cấp ủy "
              "triển khai ngay.", -1);
  write_file (dir, "c.txt",
              "Ra mắt sách\n\n"
              "Cuốn sách “Xây dựng và chỉnh đốn Đảng làm cho Đảng ta thật sự trong sạch vững mạnh” "
              "của đồng chí Tổng Bí thư Nguyễn Phú Trọng được giới thiệu tại TỈNH ỦY LẠNG SƠN.", -1);
  g_autofree char *db = g_build_filename (dir, "g.db", NULL);
  g_autoptr (DgStore) store = dg_store_open (db, NULL);
  const char *paths[] = { dir, NULL };
  DgImportStats stats;
  RunErrors re = { 0 };
  g_autoptr (GError) error = NULL;
  g_assert_true (dg_import_run (store, paths, NULL, 2, NULL, count_error, &re, &stats, &error));
  g_assert_cmpuint (stats.added, ==, 3);
  /* The summary counts what is new to the store: each node once, however
   * many articles found it. */
  g_assert_cmpuint (stats.new_nodes, ==, (guint64) count_rows (store, "nodes"));
  g_assert_cmpuint (stats.new_edges, ==, (guint64) count_rows (store, "edges"));
  g_assert_cmpuint (stats.nodes, >, stats.new_nodes);
  g_assert_cmpint (count_nodes (store, "official", "Nguyễn Văn Nam"), ==, 1);
  g_assert_cmpint (count_nodes (store, "official", "Nguyễn Phú Trọng"), ==, 1);
  g_assert_cmpint (count_nodes (store, "organization", "Tỉnh ủy Lạng Sơn"), ==, 1);
  g_assert_cmpint (count_nodes (store, "organization", "Bộ Chính trị"), ==, 1);
  g_assert_cmpint (count_nodes (store, "document", "Kết luận số 14-KL/TW"), ==, 1);
  g_assert_cmpint (count_rows (store, "nodes WHERE type = 'document' AND key LIKE 'work:%'"), ==, 1);
  /* The plan of the Ban Thường vụ implements the dated Kết luận. */
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT count(*) FROM edges e JOIN nodes s ON s.id = e.src JOIN nodes d ON d.id = e.dst "
           "WHERE e.type = 'implements' AND s.code = '75kh/tu' AND d.key = 'doc:14-kl/tw#2021'",
    NULL);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (st, 0), ==, 1);
  sqlite3_reset (st);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/text/furniture", test_text_furniture);
  g_test_add_func ("/import/text/empty", test_text_empty);
  g_test_add_func ("/import/text/sha-of-bytes", test_text_sha_of_bytes);
  g_test_add_func ("/import/folder-walk", test_folder_walk);
  g_test_add_func ("/import/missing-path", test_missing_path);
  g_test_add_func ("/import/jsonl", test_jsonl);
  g_test_add_func ("/import/html", test_html);
  g_test_add_func ("/import/formats", test_formats);
  g_test_add_func ("/import/run/threads-same-result", test_run_threads_same_result);
  g_test_add_func ("/import/run/bad-inputs", test_run_bad_inputs);
  g_test_add_func ("/import/run/one-node-per-thing", test_run_one_node_per_thing);
  return g_test_run ();
}
