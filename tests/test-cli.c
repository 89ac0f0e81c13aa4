/* test-cli.c: the docgraph command as a user meets it: databases that are
 * not there, merges and their undo, search, round trips, help. Each case
 * runs build/docgraph on files it writes or on examples/. */
#include <string.h>
#include <sys/wait.h>

#include "testutil.h"

#include <json-glib/json-glib.h>

typedef struct {
  int status;  /* exit status */
  char *out;   /* standard output */
  char *err;   /* standard error */
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/* Runs build/docgraph with args; db, when not NULL, is $DOCGRAPH_DB; vars
 * (NULL or name, value, …, NULL) are set in its environment. */
static Run
run_cli_env (const char *db, const char *const *args, const char *const *vars)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *bin = g_build_filename (DG_BINARY_DIR, "docgraph", NULL);
  g_ptr_array_add (argv, bin);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_auto (GStrv) env = g_get_environ ();
  env = db ? g_environ_setenv (env, "DOCGRAPH_DB", db, TRUE) : g_environ_unsetenv (env, "DOCGRAPH_DB");
  env = g_environ_setenv (env, "COLUMNS", "100", TRUE);
  for (guint i = 0; vars && vars[i]; i += 2)
    env = g_environ_setenv (env, vars[i], vars[i + 1], TRUE);
  Run r = { 0 };
  int wait = 0;
  g_autoptr (GError) error = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &r.out, &r.err, &wait, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait));
  r.status = WEXITSTATUS (wait);
  return r;
}

static Run
run_cli (const char *db, const char *const *args)
{
  return run_cli_env (db, args, NULL);
}

/* Number of lines of s. */
static guint
line_count (const char *s)
{
  guint n = 0;
  for (; *s; s++)
    n += *s == '\n';
  return n;
}

/* A fresh database of the eight articles of examples/. (transfer full) */
static char *
examples_db (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  char *db = g_build_filename (dir, "examples.db", NULL);
  g_autofree char *examples = g_build_filename (DG_SOURCE_DIR, "examples", NULL);
  const char *import[] = { "import", "--quiet", examples, NULL };
  Run r = run_cli (db, import);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  return db;
}

/* ------------------------------------------------------------ relations */

/* "implements --relation": the legal relations walk like implements, each
 * row says which it is, and a relation that is none is a usage error. */
static void
test_implements_relation (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "legal.db", NULL);
  g_autofree char *a = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (dir, "b.txt", NULL);
  g_assert_true (g_file_set_contents (
    a, "UBND tỉnh Thái Bình ban hành quyết định mới\n\nCăn cứ Nghị định số 138/2020/NĐ-CP "
       "của Chính phủ, UBND tỉnh Thái Bình ban hành Quyết định số 25/2023/QĐ-UBND.\n", -1, NULL));
  g_assert_true (g_file_set_contents (
    b, "Sửa đổi nghị định về công chức\n\nNghị định số 15/2023/NĐ-CP sửa đổi, bổ sung một "
       "số điều của Nghị định số 138/2020/NĐ-CP của Chính phủ.\n", -1, NULL));
  const char *import[] = { "import", "--quiet", a, b, NULL };
  Run r = run_cli (db, import);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  /* Nothing implements the decree; two documents are made under it. */
  const char *plain[] = { "implements", "138/2020/NĐ-CP", NULL };
  r = run_cli (db, plain);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "25/2023/QĐ-UBND"));
  run_clear (&r);
  const char *all[] = { "implements", "--relation", "all", "--format", "json", "138/2020/NĐ-CP", NULL };
  r = run_cli (db, all);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"relation\" : \"based-on\""));
  g_assert_nonnull (strstr (r.out, "\"relation\" : \"amends\""));
  run_clear (&r);
  const char *amends[] = { "implements", "--relation", "amends", "138/2020/NĐ-CP", NULL };
  r = run_cli (db, amends);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "[amends] 15/2023/NĐ-CP"));
  g_assert_null (strstr (r.out, "25/2023/QĐ-UBND"));
  run_clear (&r);
  const char *bad[] = { "implements", "--relation", "attended", "138/2020/NĐ-CP", NULL };
  r = run_cli (db, bad);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpuint (line_count (r.err), ==, 1);
  run_clear (&r);
}

/* ------------------------------------------------------------ databases */

/* "docgraph list --db typo.db": one line, exit 1, and no file made; only
 * import creates a database. */
static void
test_missing_database (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "typo.db", NULL);
  const char *const commands[][6] = {
    { "list", "--type", "document", NULL },
    { "show", "14-KL/TW", NULL },
    { "search", "tinh uy", NULL },
    { "implements", "14-KL/TW", NULL },
    { "stats", NULL },
    { "export", "--view", "all", NULL },
    { "merge", "1", "2", NULL },
    { "alias", "1", "Tên khác", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      Run r = run_cli (db, commands[i]);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_cmpuint (line_count (r.err), ==, 1);
      g_assert_nonnull (strstr (r.err, "typo.db"));
      g_assert_nonnull (strstr (r.err, "no database"));
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
      run_clear (&r);
    }
  g_autofree char *examples = g_build_filename (DG_SOURCE_DIR, "examples",
                                                "01-ket-luan-trung-uong.txt", NULL);
  const char *import[] = { "import", "--quiet", examples, NULL };
  Run r = run_cli (db, import);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  run_clear (&r);
  const char *stats[] = { "stats", NULL };
  r = run_cli (db, stats);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
}

/* ----------------------------------------------------------- round trips */

/* Articles in a store, from stats --format json. */
static gint64
article_count (const char *db)
{
  const char *stats[] = { "stats", "--format", "json", NULL };
  Run r = run_cli (db, stats);
  g_assert_cmpint (r.status, ==, 0);
  g_autoptr (JsonParser) p = json_parser_new ();
  g_assert_true (json_parser_load_from_data (p, r.out, -1, NULL));
  gint64 n = json_object_get_int_member (json_node_get_object (json_parser_get_root (p)),
                                         "articles");
  run_clear (&r);
  return n;
}

/* export -T json is refused by import with one line naming the file; the
 * same JSON in a .txt is not read as an article; extract's JSON loads from
 * .json, from a file of no extension and from standard input. */
static void
test_import_json_round_trip (void)
{
  g_autofree char *db = examples_db ();
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *exp = g_build_filename (dir, "graph.json", NULL);
  const char *export[] = { "export", "-T", "json", "-o", exp, NULL };
  Run r = run_cli (db, export);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  g_autofree char *fresh = g_build_filename (dir, "fresh.db", NULL);
  const char *import_exp[] = { "import", "--quiet", exp, NULL };
  r = run_cli (fresh, import_exp);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpuint (line_count (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "graph.json: a docgraph export"));
  run_clear (&r);
  g_assert_cmpint (article_count (fresh), ==, 0);
  /* The same bytes as .txt: not an article titled "{". */
  g_autofree char *txt = g_build_filename (dir, "graph.txt", NULL);
  g_autofree char *bytes = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (exp, &bytes, &len, NULL));
  g_assert_true (g_file_set_contents (txt, bytes, (gssize) len, NULL));
  const char *import_txt[] = { "import", "--quiet", txt, NULL };
  r = run_cli (fresh, import_txt);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "graph.txt: JSON, not article text"));
  run_clear (&r);
  g_assert_cmpint (article_count (fresh), ==, 0);
  /* What extract prints (one pretty document) loads, whatever its name. */
  g_autofree char *article = g_build_filename (DG_SOURCE_DIR, "examples", "02-ke-hoach-tinh.txt",
                                               NULL);
  const char *extract[] = { "extract", article, NULL };
  r = run_cli (NULL, extract);
  g_assert_cmpint (r.status, ==, 0);
  g_autofree char *ejson = g_build_filename (dir, "one.json", NULL);
  g_autofree char *enone = g_build_filename (dir, "one-extracted", NULL);
  g_assert_true (g_file_set_contents (ejson, r.out, -1, NULL));
  g_assert_true (g_file_set_contents (enone, r.out, -1, NULL));
  run_clear (&r);
  const char *import_json[] = { "import", "--quiet", ejson, NULL };
  r = run_cli (fresh, import_json);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  g_assert_cmpint (article_count (fresh), ==, 1);
  g_autofree char *fresh2 = g_build_filename (dir, "fresh2.db", NULL);
  const char *import_none[] = { "import", "--quiet", enone, NULL };
  r = run_cli (fresh2, import_none);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  g_assert_cmpint (article_count (fresh2), ==, 1);
  const char *show[] = { "show", "58-KH/TU", NULL };
  r = run_cli (fresh2, show);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
}

static const char crawl_text[] =
  "Ban Thường vụ Tỉnh ủy Lạng Sơn đã ban hành Kế hoạch số 12-KH/TU ngày 3/4/2024 về "
  "chuyển đổi số trong các cơ quan đảng.";

/* A crawl dump of other field names: url, content, published_at load by
 * themselves; names of its own through --fields; html through the HTML
 * reader; a record of unknown fields says which it has. */
static void
test_import_crawl_fields (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *dump = g_build_filename (dir, "crawl.jsonl", NULL);
  g_autofree char *lines = g_strdup_printf (
    "{\"url\": \"https://baolangson.example/a1\", \"headline\": \"Lạng Sơn chuyển đổi số\", "
    "\"content\": \"%s\", \"published_at\": \"2024-04-05T08:30:00+07:00\"}\n"
    "{\"url\": \"https://baolangson.example/a2\", \"content\": \"<html><body><article><h1>Hội "
    "nghị chuyển đổi số</h1><p>%s</p><p>Hội nghị kéo dài một ngày.</p></article></body>"
    "</html>\"}\n",
    crawl_text, crawl_text);
  g_assert_true (g_file_set_contents (dump, lines, -1, NULL));
  g_autofree char *db = g_build_filename (dir, "c.db", NULL);
  const char *import[] = { "import", "--quiet", dump, NULL };
  Run r = run_cli (db, import);
  if (r.status != 0)
    g_error ("%s", r.err);
  run_clear (&r);
  const char *search[] = { "search", "--format", "json", "chuyen doi so", NULL };
  r = run_cli (db, search);
  g_assert_nonnull (strstr (r.out, "\"source\" : \"https://baolangson.example/a1\""));
  g_assert_nonnull (strstr (r.out, "\"date\" : \"2024-04-05\""));
  g_assert_nonnull (strstr (r.out, "\"title\" : \"Lạng Sơn chuyển đổi số\""));
  g_assert_nonnull (strstr (r.out, "\"source\" : \"https://baolangson.example/a2\""));
  g_assert_nonnull (strstr (r.out, "\"title\" : \"Hội nghị chuyển đổi số\""));
  g_assert_null (strstr (r.out, "<p>"));
  run_clear (&r);

  /* Names of its own: refused with the fields it has, then loaded with
   * --fields. */
  g_autofree char *own = g_build_filename (dir, "own.jsonl", NULL);
  g_autofree char *own_lines = g_strdup_printf (
    "{\"duong_dan\": \"https://x.example/b\", \"noi_dung\": \"%s\", \"ngay\": \"2024-04-06\", "
    "\"trang\": \"<html><body><p>trang</p></body></html>\"}\n", crawl_text);
  g_assert_true (g_file_set_contents (own, own_lines, -1, NULL));
  g_autofree char *db2 = g_build_filename (dir, "d.db", NULL);
  const char *plain[] = { "import", "--quiet", own, NULL };
  r = run_cli (db2, plain);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "own.jsonl: line 1:"));
  g_assert_nonnull (strstr (r.err, "noi_dung"));
  g_assert_nonnull (strstr (r.err, "--fields"));
  run_clear (&r);
  const char *mapped[] = { "import", "--quiet", "--fields", "text=noi_dung,source=duong_dan,date=ngay",
                           own, NULL };
  r = run_cli (db2, mapped);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  const char *search2[] = { "search", "--format", "json", "chuyen doi so", NULL };
  r = run_cli (db2, search2);
  g_assert_nonnull (strstr (r.out, "\"source\" : \"https://x.example/b\""));
  g_assert_nonnull (strstr (r.out, "\"date\" : \"2024-04-06\""));
  run_clear (&r);
  /* The page instead of the text: the HTML reader reads it. */
  g_autofree char *db3 = g_build_filename (dir, "e.db", NULL);
  const char *html[] = { "import", "--quiet", "--fields", "html=trang,text=none,source=duong_dan",
                         own, NULL };
  r = run_cli (db3, html);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  g_assert_cmpint (article_count (db3), ==, 1);
  const char *bad[] = { "import", "--fields", "body=content", own, NULL };
  r = run_cli (db3, bad);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "“body=content”"));
  run_clear (&r);
}

/* --------------------------------------------------------------- search */

/* Two articles: the words "công tác cán bộ" together in one, apart in the
 * other. (transfer full): the database. */
static char *
phrase_db (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *a = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (dir, "b.txt", NULL);
  g_assert_true (g_file_set_contents (
    a, "Tỉnh ủy bàn công tác cán bộ\n\nHội nghị bàn về công tác cán bộ trẻ của tỉnh.\n", -1,
    NULL));
  g_assert_true (g_file_set_contents (
    b, "Cán bộ xã đi công tác\n\nMột cán bộ xã đi công tác ở huyện bên cạnh.\n", -1, NULL));
  char *db = g_build_filename (dir, "p.db", NULL);
  const char *import[] = { "import", "--quiet", a, b, NULL };
  Run r = run_cli (db, import);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  return db;
}

/* A quoted phrase matches only where its words stand together. */
static void
test_search_phrase (void)
{
  g_autofree char *db = phrase_db ();
  const char *words[] = { "search", "--format", "json", "cong tac can bo", NULL };
  Run r = run_cli (db, words);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "a.txt"));
  g_assert_nonnull (strstr (r.out, "b.txt"));
  run_clear (&r);
  const char *phrase[] = { "search", "--format", "json", "\"công tác cán bộ\"", NULL };
  r = run_cli (db, phrase);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "a.txt"));
  g_assert_null (strstr (r.out, "b.txt"));
  run_clear (&r);
  const char *mixed[] = { "search", "--format", "json", "\"cán bộ xã\" huyện", NULL };
  r = run_cli (db, mixed);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "a.txt"));
  g_assert_nonnull (strstr (r.out, "b.txt"));
  run_clear (&r);
}

/* Articles are "a<id>" in search results; show a<id> shows the article, and
 * show <id> is the node. Nothing found exits 1. */
static void
test_search_article_ids (void)
{
  g_autofree char *db = phrase_db ();
  const char *search[] = { "search", "\"công tác cán bộ\"", NULL };
  Run r = run_cli (db, search);
  g_assert_cmpint (r.status, ==, 0);
  g_autoptr (GRegex) re = g_regex_new ("(?m)^\\s*a(\\d+)\\s+article", 0, 0, NULL);
  g_autoptr (GMatchInfo) m = NULL;
  if (!g_regex_match (re, r.out, 0, &m))
    g_error ("no article id in:\n%s", r.out);
  g_autofree char *num = g_match_info_fetch (m, 1);
  g_autofree char *ref = g_strconcat ("a", num, NULL);
  run_clear (&r);
  const char *show[] = { "show", ref, NULL };
  r = run_cli (db, show);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Tỉnh ủy bàn công tác cán bộ"));
  g_assert_nonnull (strstr (r.out, "a.txt"));
  g_assert_nonnull (strstr (r.out, "Hội nghị bàn về công tác cán bộ trẻ"));
  run_clear (&r);
  const char *json[] = { "search", "--format", "json", "\"công tác cán bộ\"", NULL };
  r = run_cli (db, json);
  g_autofree char *want = g_strdup_printf ("\"ref\" : \"%s\"", ref);
  g_assert_nonnull (strstr (r.out, want));
  run_clear (&r);
  const char *none[] = { "search", "khong co tu nay", NULL };
  r = run_cli (db, none);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "nothing found"));
  run_clear (&r);
  const char *no_article[] = { "show", "a999", NULL };
  r = run_cli (db, no_article);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no article a999"));
  run_clear (&r);
}

/* --------------------------------------------------------------- merges */

/* merge --dry-run changes nothing and says what would move; a merge is
 * taken back by unmerge, and show says what it said before. */
static void
test_merge_dry_run_and_unmerge (void)
{
  g_autofree char *db = examples_db ();
  const char *show[] = { "show", "--all", "Ban Thường vụ Tỉnh ủy Nghệ An", NULL };
  Run before = run_cli (db, show);
  g_assert_cmpint (before.status, ==, 0);
  const char *stats[] = { "stats", "--format", "json", NULL };
  Run stats0 = run_cli (db, stats);
  const char *dry[] = { "merge", "--dry-run", "Tỉnh ủy Nghệ An", "Ban Thường vụ Tỉnh ủy Nghệ An",
                        NULL };
  Run r = run_cli (db, dry);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "would go into"));
  g_assert_nonnull (strstr (r.out, "member-of"));
  g_assert_nonnull (strstr (r.out, "nothing changed (--dry-run)"));
  run_clear (&r);
  Run stats1 = run_cli (db, stats);
  g_assert_cmpstr (stats0.out, ==, stats1.out);
  const char *merge[] = { "merge", "Tỉnh ủy Nghệ An", "Ban Thường vụ Tỉnh ủy Nghệ An", NULL };
  r = run_cli (db, merge);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "docgraph unmerge 1"));
  run_clear (&r);
  const char *list[] = { "unmerge", "--list", NULL };
  r = run_cli (db, list);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "1  "));
  run_clear (&r);
  const char *unmerge[] = { "unmerge", "1", NULL };
  r = run_cli (db, unmerge);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "took back merge 1"));
  run_clear (&r);
  Run after = run_cli (db, show);
  g_assert_cmpstr (before.out, ==, after.out);
  r = run_cli (db, unmerge);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "taken back already"));
  run_clear (&r);
  run_clear (&before);
  run_clear (&after);
  run_clear (&stats0);
  run_clear (&stats1);
}

/* ------------------------------------------------------------ packaging */

/* The commands `docgraph --help` lists. (transfer full) */
static GStrv
command_names (void)
{
  const char *help[] = { "--help", NULL };
  Run r = run_cli (NULL, help);
  g_assert_cmpint (r.status, ==, 0);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);
  gboolean on = FALSE;
  for (guint i = 0; lines[i]; i++)
    {
      if (g_str_has_prefix (lines[i], "Commands:"))
        on = TRUE;
      else if (on && g_str_has_prefix (lines[i], "  ") && g_ascii_islower (lines[i][2]))
        {
          g_auto (GStrv) w = g_strsplit (lines[i] + 2, " ", 2);
          g_strv_builder_add (b, w[0]);
        }
      else if (on && *lines[i] == '\0' && i > 0)
        on = FALSE;
    }
  run_clear (&r);
  return g_strv_builder_end (b);
}

/* docgraph help CMD prints what docgraph CMD --help prints; -f, wherever a
 * command has it, is --format, the output format; import has no -f. */
static void
test_help_and_f (void)
{
  g_auto (GStrv) commands = command_names ();
  g_assert_cmpuint (g_strv_length (commands), >=, 12);
  for (guint i = 0; commands[i]; i++)
    {
      const char *a1[] = { "help", commands[i], NULL };
      const char *a2[] = { commands[i], "--help", NULL };
      Run r1 = run_cli (NULL, a1), r2 = run_cli (NULL, a2);
      g_assert_cmpint (r1.status, ==, 0);
      g_assert_cmpstr (r1.out, ==, r2.out);
      g_auto (GStrv) lines = g_strsplit (r2.out, "\n", -1);
      for (guint l = 0; lines[l]; l++)
        {
          const char *f = strstr (lines[l], "-f, --");
          if (f && !g_str_has_prefix (f, "-f, --format"))
            g_error ("%s: -f is not --format: %s", commands[i], lines[l]);
        }
      if (strcmp (commands[i], "import") == 0)
        g_assert_null (strstr (r2.out, "-f, "));
      run_clear (&r1);
      run_clear (&r2);
    }
  const char *unknown[] = { "help", "imprt", NULL };
  Run r = run_cli (NULL, unknown);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
  /* export -f is -T. */
  g_autofree char *db = examples_db ();
  const char *ef[] = { "export", "-f", "json", NULL };
  const char *et[] = { "export", "-T", "json", NULL };
  Run rf = run_cli (db, ef), rt = run_cli (db, et);
  g_assert_cmpint (rf.status, ==, 0);
  g_assert_cmpstr (rf.out, ==, rt.out);
  g_assert_true (g_str_has_prefix (rf.out, "{"));
  run_clear (&rf);
  run_clear (&rt);
}

/* cmake --install puts the binary, the data tables, the man page (made
 * from the help texts: every command has its section) and bash completion
 * under the prefix. */
static void
test_install (void)
{
  g_autofree char *prefix = dg_test_tmpdir ();
  const char *argv[] = { "cmake", "--install", DG_BINARY_DIR, "--prefix", prefix, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int wait = 0;
  g_autoptr (GError) error = NULL;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &wait, &error))
    {
      g_test_skip ("no cmake to run");
      return;
    }
  if (!g_spawn_check_wait_status (wait, NULL))
    g_error ("cmake --install: %s", err);
  static const char *const files[] = {
    "bin/docgraph", "share/docgraph/data/provinces.tsv", "share/docgraph/data/org-heads.tsv",
    "share/docgraph/data/README.md", "share/man/man1/docgraph.1",
    "share/bash-completion/completions/docgraph",
  };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (prefix, files[i], NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        g_error ("cmake --install did not install %s", files[i]);
    }
  g_autofree char *man_path = g_build_filename (prefix, "share/man/man1/docgraph.1", NULL);
  g_autofree char *man = NULL;
  g_assert_true (g_file_get_contents (man_path, &man, NULL, NULL));
  g_assert_true (g_str_has_prefix (man, ".TH DOCGRAPH 1"));
  g_auto (GStrv) commands = command_names ();
  for (guint i = 0; commands[i]; i++)
    {
      g_autofree char *upper = g_ascii_strup (commands[i], -1);
      g_autofree char *section = g_strdup_printf (".SH \"DOCGRAPH %s\"", upper);
      if (strstr (man, section) == NULL)
        g_error ("the man page has no section for %s", commands[i]);
    }
  g_assert_nonnull (strstr (man, "\\-\\-dry\\-run"));
  g_assert_nonnull (strstr (man, "DOCGRAPH_DATA_DIR"));
}

/* What bash completion offers for the words so far. (transfer full) */
static char *
complete (const char *words, int cword)
{
  g_autofree char *script_path = g_build_filename (DG_SOURCE_DIR, "packaging", "docgraph.bash",
                                                   NULL);
  g_autofree char *script = g_strdup_printf (
    "PATH=%s:$PATH; . %s; COMP_WORDS=(%s); COMP_CWORD=%d; _docgraph; "
    "printf '%%s\\n' \"${COMPREPLY[@]}\"", DG_BINARY_DIR, script_path, words, cword);
  const char *argv[] = { "bash", "-c", script, NULL };
  char *out = NULL;
  int wait = 0;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &wait, NULL));
  return out;
}

static void
test_bash_completion (void)
{
  if (g_find_program_in_path ("bash") == NULL)
    {
      g_test_skip ("no bash");
      return;
    }
  g_autofree char *c1 = complete ("docgraph ex", 1);
  g_assert_nonnull (strstr (c1, "export\n"));
  g_assert_nonnull (strstr (c1, "extract\n"));
  g_autofree char *c2 = complete ("docgraph export --view ''", 3);
  g_assert_nonnull (strstr (c2, "citations\n"));
  g_assert_nonnull (strstr (c2, "implements\n"));
  g_autofree char *c3 = complete ("docgraph merge --d", 2);
  g_assert_nonnull (strstr (c3, "--db\n"));
  g_assert_nonnull (strstr (c3, "--dry-run\n"));
  g_autofree char *c4 = complete ("docgraph list --format ''", 3);
  g_assert_nonnull (strstr (c4, "json\n"));
  g_assert_nonnull (strstr (c4, "tsv\n"));
  g_autofree char *c5 = complete ("docgraph export -f s", 3);
  g_assert_nonnull (strstr (c5, "svg\n"));
  g_autofree char *c6 = complete ("docgraph import --input-format ''", 3);
  g_assert_nonnull (strstr (c6, "jsonl\n"));
  g_assert_null (strstr (c6, "inputs"));
  g_autofree char *c7 = complete ("docgraph help sh", 2);
  g_assert_cmpstr (c7, ==, "show\n");
}

/* ----------------------------------------------------------------- drift */

/* export --help tells what happens to large diagrams as export does it:
 * drawn with sfdp past 400 nodes, refused only past ten times that. */
static void
test_export_help_limit (void)
{
  const char *help[] = { "export", "--help", NULL };
  Run r = run_cli (NULL, help);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "nodes are refused"));
  /* What the export does with a large view: it summarises. */
  g_autofree char *limit = g_strdup_printf ("%u nodes summarise", DG_EXPORT_MAX_NODES);
  g_assert_nonnull (strstr (r.out, limit));
  run_clear (&r);
}

/* A user's table with a short row and a line that is not UTF-8: each is
 * one line on stderr with the file and line; the good rows still count. */
static void
test_user_table_errors (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *heads = g_build_filename (dir, "org-heads.tsv", NULL);
  const char table[] = "# my heads\n"
                       "ủy ban kiểm tra\n"           /* line 2: one field of four */
                       "ban \xff\tnone\tcentral\tother\n" /* line 3: not UTF-8 */
                       "hội đồng thẩm định\tnone\tcentral\tother\n";
  g_assert_true (g_file_set_contents (heads, table, sizeof table - 1, NULL));
  g_autofree char *article = g_build_filename (dir, "a.txt", NULL);
  g_assert_true (g_file_set_contents (
    article, "Tin\n\nHội đồng thẩm định đã họp ngày 2/3/2024 tại Hà Nội.\n", -1, NULL));
  const char *vars[] = { "DOCGRAPH_DATA_DIR", dir, NULL };
  const char *extract[] = { "extract", "--no-text", article, NULL };
  Run r = run_cli_env (NULL, extract, vars);
  g_assert_cmpint (r.status, ==, 0);
  g_autofree char *at2 = g_strdup_printf ("%s:2: 1 field, the table needs at least 4", heads);
  g_autofree char *at3 = g_strdup_printf ("%s:3: not valid UTF-8", heads);
  g_assert_nonnull (strstr (r.err, at2));
  g_assert_nonnull (strstr (r.err, at3));
  g_assert_cmpuint (line_count (r.err), ==, 2);
  g_assert_nonnull (strstr (r.out, "Hội đồng thẩm định"));
  run_clear (&r);
}

/* data/README.md exists (CMakeLists.txt points to it) and describes every
 * table of data/. */
static void
test_data_readme (void)
{
  g_autofree char *dir = g_build_filename (DG_SOURCE_DIR, "data", NULL);
  g_autofree char *readme_path = g_build_filename (dir, "README.md", NULL);
  g_autofree char *readme = NULL;
  g_assert_true (g_file_get_contents (readme_path, &readme, NULL, NULL));
  g_assert_nonnull (strstr (readme, "$DOCGRAPH_DATA_DIR"));
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  guint tables = 0;
  for (const char *name; (name = g_dir_read_name (d));)
    if (g_str_has_suffix (name, ".tsv"))
      {
        g_autofree char *row = g_strdup_printf ("| `%s` |", name);
        if (strstr (readme, row) == NULL)
          g_error ("data/README.md does not describe %s", name);
        tables++;
      }
  g_assert_cmpuint (tables, >, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/database/missing", test_missing_database);
  g_test_add_func ("/cli/implements/relation", test_implements_relation);
  g_test_add_func ("/cli/import/json-round-trip", test_import_json_round_trip);
  g_test_add_func ("/cli/import/crawl-fields", test_import_crawl_fields);
  g_test_add_func ("/cli/search/phrase", test_search_phrase);
  g_test_add_func ("/cli/search/article-ids", test_search_article_ids);
  g_test_add_func ("/cli/merge/dry-run-and-unmerge", test_merge_dry_run_and_unmerge);
  g_test_add_func ("/cli/packaging/help-and-f", test_help_and_f);
  g_test_add_func ("/cli/packaging/install", test_install);
  g_test_add_func ("/cli/packaging/bash-completion", test_bash_completion);
  g_test_add_func ("/cli/drift/export-help-limit", test_export_help_limit);
  g_test_add_func ("/cli/drift/user-table-errors", test_user_table_errors);
  g_test_add_func ("/cli/drift/data-readme", test_data_readme);
  return g_test_run ();
}
