/* test-html.c: the HTML reader on pages built in the shapes of the site
 * families the corpus comes from (tests/data/html/NAME.html, with what must
 * and must not be read in NAME.expect), on other encodings, and on hostile
 * pages: 50 MB, 100 000 elements deep, millions of elements, broken
 * markup, binary bytes. */
#include "testutil.h"
#include "importers/importers-private.h"

#include <string.h>
#include <sys/resource.h>

#if defined(__SANITIZE_ADDRESS__)
#define DG_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DG_ASAN 1
#endif
#endif

/* An .expect file: one "key<TAB>value" per line. Keys: title, date,
 * source (the article's), first (its first line), has (a piece of the
 * text), not (a piece that must not be in it: a sidebar headline, a menu,
 * a footer), error (a piece of the error message; nothing is read). */
static void
check_page (gconstpointer data)
{
  const char *name = data;
  g_autofree char *html_name = g_strdup_printf ("html/%s.html", name);
  g_autofree char *expect_name = g_strdup_printf ("html/%s.expect", name);
  gsize len;
  g_autofree char *html = dg_test_read_data (html_name, &len);
  g_autofree char *expect = dg_test_read_data (expect_name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgArticle) a
    = dg_article_from_html (html_name, html, len, NULL, NULL, NULL, &error);
  g_auto (GStrv) lines = g_strsplit (expect, "\n", -1);
  const char *text = a ? dg_article_text (a) : "";
  for (guint i = 0; lines[i]; i++)
    {
      g_auto (GStrv) kv = g_strsplit (lines[i], "\t", 2);
      if (kv[0] == NULL || kv[1] == NULL)
        continue;
      const char *key = kv[0], *value = kv[1];
      if (strcmp (key, "error") == 0)
        {
          g_assert_null (a);
          g_assert_nonnull (error);
          g_test_message ("error: %s", error->message);
          g_assert_nonnull (strstr (error->message, value));
          continue;
        }
      g_assert_no_error (error);
      g_assert_nonnull (a);
      if (strcmp (key, "title") == 0)
        g_assert_cmpstr (dg_article_title (a), ==, value);
      else if (strcmp (key, "date") == 0)
        g_assert_cmpstr (dg_article_date (a), ==, value);
      else if (strcmp (key, "source") == 0)
        g_assert_cmpstr (dg_article_source (a), ==, value);
      else if (strcmp (key, "first") == 0)
        {
          const char *nl = strchr (text, '\n');
          g_autofree char *first = g_strndup (text, nl ? (gsize) (nl - text) : strlen (text));
          g_assert_cmpstr (first, ==, value);
        }
      else if (strcmp (key, "has") == 0)
        {
          if (strstr (text, value) == NULL)
            g_test_message ("text:\n%s", text);
          g_assert_nonnull (strstr (text, value));
        }
      else if (strcmp (key, "not") == 0)
        {
          if (strstr (text, value))
            g_test_message ("text:\n%s", text);
          g_assert_null (strstr (text, value));
        }
      else
        g_error ("%s: unknown key %s", expect_name, key);
    }
}

static DgArticle *
read_page (const char *html, gsize len, GError **error)
{
  return dg_article_from_html ("page.html", html, len, NULL, NULL, NULL, error);
}

static void
test_unknown_charset (void)
{
  const char page[] = "<html><head><meta charset=\"x-made-up-8\"></head><body><p>Tin.</p></body></html>";
  g_autoptr (GError) error = NULL;
  g_autoptr (DgArticle) a = read_page (page, sizeof page - 1, &error);
  g_assert_null (a);
  g_assert_nonnull (strstr (error->message, "unknown charset “x-made-up-8”"));
}

static void
test_invalid_utf8 (void)
{
  const char page[] = "<html><body><p>Sai \xff ở đây, dài hơn hai mươi lăm ký tự.</p></body></html>";
  g_autoptr (GError) error = NULL;
  g_autoptr (DgArticle) a = read_page (page, sizeof page - 1, &error);
  g_assert_null (a);
  g_assert_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_UTF8);
  g_assert_nonnull (strstr (error->message, "byte 19: invalid UTF-8"));
}

static void
test_windows_1252 (void)
{
  /* Curly quotes and a dash as Windows-1252 bytes, Vietnamese as entities. */
  const char page[] = "<html><head><meta charset=windows-1252></head><body>"
                      "<p>\x93Th&#7921;c hi&#7879;n\x94 \x96 Ngh&#7883; quy&#7871;t, ba m\xfd\x69.</p>"
                      "</body></html>";
  g_autoptr (GError) error = NULL;
  g_autoptr (DgArticle) a = read_page (page, sizeof page - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dg_article_text (a), ==, "“Thực hiện” – Nghị quyết, ba mýi.");
}

static void
test_binary (void)
{
  const char page[] = "<html>\0\1\2\3</html>";
  g_autoptr (GError) error = NULL;
  g_autoptr (DgArticle) a = read_page (page, sizeof page - 1, &error);
  g_assert_null (a);
  g_assert_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_BINARY);
}

static void
test_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DgArticle) a = read_page ("<html><body><nav>Trang chủ</nav></body></html>", 46, &error);
  g_assert_null (a);
  g_assert_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_EMPTY);
  g_clear_error (&error);
  g_autoptr (DgArticle) b = read_page ("", 0, &error);
  g_assert_null (b);
  g_assert_nonnull (error);
}

static const char paragraph[]
  = "<p>Sáng nay, Ban Thường vụ Tỉnh ủy tổ chức hội nghị quán triệt nghị quyết, với "
    "nhiều cán bộ tham dự, thảo luận sôi nổi.</p>\n";

/* Peak memory of this process, in MiB (each ctest case is a process). */
static glong
peak_mib (void)
{
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

static void
check_memory (glong limit_mib)
{
  glong peak = peak_mib ();
  g_test_message ("peak memory %ld MiB", peak);
#ifndef DG_ASAN
  g_assert_cmpint (peak, <, limit_mib);
#endif
}

/* 50 MB of article text in one page: refused with the reason, in bounded
 * memory and time. */
static void
test_50mb_body (void)
{
  GString *page = g_string_new ("<html><body><div class=\"content\">");
  while (page->len < 50u * 1024 * 1024)
    g_string_append (page, paragraph);
  g_string_append (page, "</div></body></html>");
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (GError) error = NULL;
  g_autoptr (DgArticle) a = read_page (page->str, page->len, &error);
  g_test_message ("%.1f s", (g_get_monotonic_time () - t0) / 1e6);
  g_assert_null (a);
  g_assert_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_TOO_BIG);
  g_assert_nonnull (strstr (error->message, "over the limit of 2 MiB"));
  g_string_free (page, TRUE);
  check_memory (1024);
}

/* A 50 MB page that is a short article and a huge inline image (as "save
 * as one file" tools write): read. */
static void
test_50mb_image (void)
{
  GString *page = g_string_new ("<html><body><img src=\"data:image/png;base64,");
  while (page->len < 50u * 1024 * 1024)
    g_string_append (page, "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA");
  g_string_append (page, "\"><div class=\"detail-content\">");
  for (guint i = 0; i < 4; i++)
    g_string_append (page, paragraph);
  g_string_append (page, "</div></body></html>");
  g_autoptr (GError) error = NULL;
  g_autoptr (DgArticle) a = read_page (page->str, page->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (dg_article_text (a), "thảo luận sôi nổi."));
  g_string_free (page, TRUE);
  check_memory (1024);
}

/* A page over the byte limit is refused before parsing. */
static void
test_too_big (void)
{
  gsize len = DG_HTML_MAX_BYTES + 1;
  char *page = g_malloc (len);
  memset (page, ' ', len);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgArticle) a = read_page (page, len, &error);
  g_assert_null (a);
  g_assert_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_TOO_BIG);
  g_assert_nonnull (strstr (error->message, "over the limit of 64 MiB for one page"));
  g_free (page);
}

/* 100 000 elements nested in each other (unclosed <font> and closed
 * <div>): the article inside is read, without recursion. */
static void
test_nested (void)
{
  static const char *const tags[] = { "div", "font" };
  for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
    {
      GString *page = g_string_new ("<html><body>");
      for (guint i = 0; i < 100000; i++)
        g_string_append_printf (page, "<%s>", tags[t]);
      g_string_append (page, paragraph);
      if (t == 0)
        for (guint i = 0; i < 100000; i++)
          g_string_append_printf (page, "</%s>", tags[t]);
      g_string_append (page, "</body></html>");
      g_autoptr (GError) error = NULL;
      g_autoptr (DgArticle) a = read_page (page->str, page->len, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (dg_article_text (a), ==,
                       "Sáng nay, Ban Thường vụ Tỉnh ủy tổ chức hội nghị quán triệt nghị "
                       "quyết, với nhiều cán bộ tham dự, thảo luận sôi nổi.");
      g_string_free (page, TRUE);
    }
  check_memory (512);
}

/* Millions of empty elements: refused past the element limit. */
static void
test_too_many_elements (void)
{
  GString *page = g_string_new ("<html><body>");
  for (guint i = 0; i < 1000000; i++)
    g_string_append (page, "<i></i>");
  g_string_append (page, "</body></html>");
  g_autoptr (GError) error = NULL;
  g_autoptr (DgArticle) a = read_page (page->str, page->len, &error);
  g_assert_null (a);
  g_assert_nonnull (strstr (error->message, "more than 500000 elements"));
  g_string_free (page, TRUE);
  check_memory (512);
}

/* Markup broken every way at once must not crash nor lose the text:
 * truncated tags, attributes without quotes or ends, stray closers. */
static void
test_broken_fragments (void)
{
  static const char *const pages[] = {
    "<", "<<<<>>>>", "<html", "<p", "</p></div></body></html>", "<!--", "<![CDATA[",
    "<p title=\"never closed>Sáng nay, văn bản có dấu phẩy, dấu chấm.",
    "<table><tr><td><table><td><p>Ô lồng ô, không đóng, vẫn có chữ, dấu phẩy.",
    "<a href=x><a href=y><a href=z>liên kết lồng</a>",
    "<meta charset=\"\"><meta property=og:title content><link rel=canonical>",
    "<time datetime=\"9999-99-99\">ngày sai</time><p>Văn bản đủ dài, có dấu phẩy, dấu chấm.</p>",
    "&#0; &#xD800; &#99999999; &bogus; &amp",
    "<svg><p>Không</p></svg><math><p>Không</p>",
  };
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DgArticle) a = read_page (pages[i], strlen (pages[i]), &error);
      g_assert_true ((a == NULL) != (error == NULL));
      if (a)
        g_assert_true (g_utf8_validate (dg_article_text (a), -1, NULL));
    }
}

/* Read through dg_import_bytes: the source is the page's canonical URL. */
static gboolean
take (DgArticle *article, DgGraph *graph, gpointer user_data)
{
  g_ptr_array_add (user_data, dg_article_ref (article));
  return TRUE;
}

static void
test_import_source (void)
{
  gsize len;
  g_autofree char *html = dg_test_read_data ("html/nhandan-like.html", &len);
  g_autoptr (GBytes) bytes = g_bytes_new_take (g_steal_pointer (&html), len);
  g_autoptr (GPtrArray) got = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_article_unref);
  DgImportSink sink = { take, NULL, got };
  g_autoptr (GError) error = NULL;
  g_assert_true (dg_import_bytes ("saved/page.htm", bytes, NULL, &sink, &error));
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (dg_article_source (got->pdata[0]), ==,
                   "https://nhandan.vn/bo-chinh-tri-ban-hanh-ket-luan-post771234.html");
}

/* A crawler's JSONL of whole pages: {"url", "html"} lines. */
static void
test_jsonl_html (void)
{
  const char jsonl[]
    = "{\"url\":\"https://tinhuy.example.vn/a\",\"html\":\"<html><head><meta property=og:title "
      "content='Tỉnh ủy họp'></head><body><ul class=menu><li><a href=/>Trang chủ</a></li></ul>"
      "<div class=noidung><p>Chiều 2/3, Tỉnh ủy họp phiên thường kỳ, bàn nhiều nội dung "
      "quan trọng.</p></div></body></html>\"}\n"
      "{\"source\":\"b\",\"title\":\"Tên riêng\",\"date\":\"2024-01-02\",\"html\":\"<p>Một "
      "đoạn văn bản đủ dài, có dấu phẩy.</p>\"}\n"
      "{\"html\":\"\\u0000\"}\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (jsonl, sizeof jsonl - 1);
  g_autoptr (GPtrArray) got = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_article_unref);
  DgImportSink sink = { take, NULL, got };
  g_assert_true (dg_import_bytes ("crawl.jsonl", bytes, NULL, &sink, NULL));
  g_assert_cmpuint (got->len, ==, 2);
  DgArticle *a = got->pdata[0], *b = got->pdata[1];
  g_assert_cmpstr (dg_article_source (a), ==, "https://tinhuy.example.vn/a");
  g_assert_cmpstr (dg_article_title (a), ==, "Tỉnh ủy họp");
  g_assert_null (strstr (dg_article_text (a), "Trang chủ"));
  g_assert_nonnull (strstr (dg_article_text (a), "Tỉnh ủy họp phiên thường kỳ"));
  g_assert_cmpstr (dg_article_source (b), ==, "b");
  g_assert_cmpstr (dg_article_title (b), ==, "Tên riêng");
  g_assert_cmpstr (dg_article_date (b), ==, "2024-01-02");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_autofree char *dir = dg_test_data_path ("html");
  GDir *d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".expect"))
      g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (".expect")));
  g_dir_close (d);
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/html/page/%s", (char *) names->pdata[i]);
      g_test_add_data_func (path, names->pdata[i], check_page);
    }
  g_test_add_func ("/html/charset/unknown", test_unknown_charset);
  g_test_add_func ("/html/charset/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/html/charset/windows-1252", test_windows_1252);
  g_test_add_func ("/html/bad/binary", test_binary);
  g_test_add_func ("/html/bad/empty", test_empty);
  g_test_add_func ("/html/bad/50mb-body", test_50mb_body);
  g_test_add_func ("/html/bad/50mb-image", test_50mb_image);
  g_test_add_func ("/html/bad/too-big", test_too_big);
  g_test_add_func ("/html/bad/nested-100k", test_nested);
  g_test_add_func ("/html/bad/too-many-elements", test_too_many_elements);
  g_test_add_func ("/html/bad/broken-fragments", test_broken_fragments);
  g_test_add_func ("/html/import/source-is-url", test_import_source);
  g_test_add_func ("/html/import/jsonl-html", test_jsonl_html);
  return g_test_run ();
}
