/* test-coverage.c: the 2025 merger table, the merged-into edges derived
 * from it, `coverage` on examples/ against golden tables
 * (tests/data/coverage/), and the date bounds of the time filters. */
#include "testutil.h"
#include "store-private.h"
#include "exporters/export-private.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

/* ------------------------------------------------------------- the table */

static void
test_table_counts (void)
{
  g_assert_cmpuint (g_strv_length ((char **) dg_provinces (TRUE)), ==, 63);
  g_assert_cmpuint (g_strv_length ((char **) dg_provinces (FALSE)), ==, 34);
  g_assert_cmpuint (dg_province_mergers ()->len, ==, 63);
  g_assert_cmpstr (dg_merger_date (), ==, "2025-07-01");
  /* Each old province became one of the 34; each of the 34 came from one
   * or more of the 63. */
  guint parts = 0;
  for (const char *const *p = dg_provinces (FALSE); *p; p++)
    {
      g_auto (GStrv) from = dg_province_formed_from (*p);
      g_assert_nonnull (from);
      g_assert_cmpuint (g_strv_length (from), >=, 1);
      parts += g_strv_length (from);
    }
  g_assert_cmpuint (parts, ==, 63);
  for (guint i = 0; i < dg_province_mergers ()->len; i++)
    {
      const DgProvinceMerger *m = dg_province_mergers ()->pdata[i];
      g_assert_true (dg_province_is_current (m->became));
      g_assert_cmpstr (m->effective, ==, "2025-07-01");
      g_assert_cmpstr (m->resolution, ==, "202/2025/QH15");
      g_assert_nonnull (m->region);
      g_assert_cmpstr (m->region, !=, "");
    }
}

/* provinces.tsv says the same of each former province. */
static void
test_table_agrees_with_provinces (void)
{
  g_autofree char *path = g_build_filename (DG_SOURCE_DIR, "data", "provinces.tsv", NULL);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint former = 0, current = 0;
  for (guint i = 0; lines[i]; i++)
    {
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (f) < 3)
        continue;
      if (strcmp (f[2], "former") == 0)
        {
          former++;
          const DgProvinceMerger *m = dg_province_merger (f[0]);
          g_assert_nonnull (m);
          g_assert_cmpstr (m->became, ==, f[3]);
        }
      else if (strcmp (f[2], "current") == 0)
        {
          current++;
          g_assert_true (dg_province_is_current (f[0]));
          const DgProvinceMerger *m = dg_province_merger (f[0]);
          g_assert_nonnull (m);
          g_assert_cmpstr (m->became, ==, f[0]);
        }
    }
  g_assert_cmpuint (former, ==, 29);
  g_assert_cmpuint (current, ==, 34);
}

static void
test_province_of_key (void)
{
  g_assert_cmpstr (dg_province_of_key ("ban thường vụ tỉnh ủy hà giang"), ==, "Hà Giang");
  g_assert_cmpstr (dg_province_of_key ("ủy ban nhân dân lạng sơn"), ==, "Lạng Sơn");
  g_assert_cmpstr (dg_province_of_key ("thành ủy thành phố hồ chí minh"), ==,
                   "Thành phố Hồ Chí Minh");
  /* The longest name that fits: Quảng Nam is not Nam. */
  g_assert_cmpstr (dg_province_of_key ("tỉnh ủy quảng nam"), ==, "Quảng Nam");
  g_assert_cmpstr (dg_province_of_key ("huyện ủy nam đàn"), ==, NULL);
  g_assert_cmpstr (dg_province_of_key ("bộ chính trị"), ==, NULL);
  g_assert_cmpstr (dg_province_canonical ("Thừa Thiên Huế"), ==, "Huế");
  g_assert_cmpstr (dg_province_canonical ("TP.HCM"), ==, "Thành phố Hồ Chí Minh");
}

static void
test_describe (void)
{
  g_autofree char *old = dg_lineage_describe ("tỉnh ủy hà giang");
  g_assert_cmpstr (old, ==, "Hà Giang merged into Tuyên Quang on 2025-07-01 "
                            "(Nghị quyết 202/2025/QH15)");
  g_autofree char *new_one = dg_lineage_describe ("Ninh Bình");
  g_assert_cmpstr (new_one, ==, "Ninh Bình was formed on 2025-07-01 from Hà Nam, Nam Định and "
                                "Ninh Bình (Nghị quyết 202/2025/QH15)");
  g_autofree char *kept = dg_lineage_describe ("tỉnh ủy nghệ an");
  g_assert_null (kept);
}

/* ------------------------------------------------------------- dates */

static void
test_dates (void)
{
  g_assert_true (dg_date_bound_valid ("2025"));
  g_assert_true (dg_date_bound_valid ("2025-07"));
  g_assert_true (dg_date_bound_valid ("2025-07-01"));
  g_assert_false (dg_date_bound_valid ("2025-7-1"));
  g_assert_false (dg_date_bound_valid ("yesterday"));
  g_assert_true (dg_date_within ("2025-02-14", "2025", "2025"));
  g_assert_true (dg_date_within ("2025-12-31", NULL, "2025"));
  g_assert_false (dg_date_within ("2026-01-01", NULL, "2025"));
  g_assert_false (dg_date_within ("2024-12-31", "2025-01", NULL));
  g_assert_true (dg_date_within (NULL, NULL, NULL));
  g_assert_false (dg_date_within (NULL, "2025", NULL));
  g_assert_false (dg_date_within ("--11-08", NULL, "2025"));
}

/* ---------------------------------------------------- the examples' store */

/* A store of examples/, imported from the source folder so that sources
 * read "examples/…" wherever the tree is, with its lineage derived. */
static DgStore *
examples_store (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "g.db", NULL);
  g_autoptr (GError) error = NULL;
  DgStore *store = dg_store_open (db, &error);
  g_assert_no_error (error);
  g_autofree char *cwd = g_get_current_dir ();
  g_assert_cmpint (g_chdir (DG_SOURCE_DIR), ==, 0);
  const char *paths[] = { "examples", NULL };
  DgImportStats stats;
  gboolean ok = dg_import_run (store, paths, NULL, 1, NULL, NULL, NULL, &stats, &error);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (stats.failed, ==, 0);
  guint added = 0;
  g_assert_true (dg_store_derive_lineage (store, &added, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static gint64
count_merged (DgStore *store)
{
  sqlite3_stmt *st = dg_store_prepare (store, "SELECT count(*) FROM edges WHERE type = 'merged-into'", NULL);
  g_assert_nonnull (st);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return n;
}

static gint64
node_id (DgStore *store, const char *key)
{
  g_autoptr (GError) error = NULL;
  gint64 id = dg_store_resolve_ref (store, key, -1, &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
has_merged_edge (DgStore *store, gint64 src, gint64 dst)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT count(*) FROM edges WHERE type = 'merged-into' AND src = ? AND dst = ? "
           "AND json_extract (attrs, '$.effective') = '2025-07-01'", NULL);
  sqlite3_bind_int64 (st, 1, src);
  sqlite3_bind_int64 (st, 2, dst);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  gboolean has = sqlite3_column_int64 (st, 0) == 1;
  sqlite3_reset (st);
  return has;
}

/* Tỉnh ủy Hà Giang (10) and Tỉnh ủy Tuyên Quang (13) are both in the
 * examples, and so are their Ban Thường vụ: two edges. Bắc Giang's bodies
 * have no Bắc Ninh counterpart stored: none. */
static void
test_lineage_edges (void)
{
  g_autoptr (DgStore) store = examples_store ();
  g_assert_cmpint (count_merged (store), ==, 2);
  g_assert_true (has_merged_edge (store, node_id (store, "tỉnh ủy hà giang"),
                                  node_id (store, "tỉnh ủy tuyên quang")));
  g_assert_true (has_merged_edge (store, node_id (store, "ban thường vụ tỉnh ủy hà giang"),
                                  node_id (store, "ban thường vụ tỉnh ủy tuyên quang")));
  /* Deriving again changes nothing. */
  guint added = 9, removed = 9;
  g_autoptr (GError) error = NULL;
  g_assert_true (dg_store_derive_lineage (store, &added, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpint (count_merged (store), ==, 2);
  /* A derived edge that no longer follows goes: the new body is merged
   * away into an unrelated node. */
  g_assert_true (dg_store_merge_nodes (store, node_id (store, "bộ chính trị"),
                                       node_id (store, "ban thường vụ tỉnh ủy tuyên quang"),
                                       &error));
  g_assert_no_error (error);
  g_assert_true (dg_store_derive_lineage (store, &added, &removed, &error));
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpint (count_merged (store), ==, 1);
}

/* ------------------------------------------------------------ goldens */

typedef struct {
  const char *name;       /* golden file under tests/data/coverage/ */
  const char *doc;        /* the document */
  DgCoverageLevel level;
  const char *as_of;
  gboolean before_2025;
  const char *format;     /* table, json, csv */
} Golden;

static const Golden goldens[] = {
  { "57-nq-tw.txt", "57-NQ/TW", DG_COVERAGE_PROVINCE, NULL, FALSE, "table" },
  { "57-nq-tw-before-2025.txt", "57-NQ/TW", DG_COVERAGE_PROVINCE, NULL, TRUE, "table" },
  { "57-nq-tw-as-of-2025-03.txt", "57-NQ/TW", DG_COVERAGE_PROVINCE, "2025-03", FALSE, "table" },
  { "57-nq-tw.csv", "57-NQ/TW", DG_COVERAGE_PROVINCE, NULL, FALSE, "csv" },
  { "14-kl-tw-district.txt", "14-KL/TW", DG_COVERAGE_DISTRICT, NULL, FALSE, "table" },
  { "58-kh-tu-district.txt", "58-KH/TU", DG_COVERAGE_DISTRICT, NULL, FALSE, "table" },
};

static void
test_golden (gconstpointer data)
{
  const Golden *g = data;
  g_autoptr (DgStore) store = examples_store ();
  g_autoptr (GError) error = NULL;
  DgCoverageQuery q = { 0 };
  q.root = dg_store_resolve_ref (store, g->doc, DG_NODE_DOCUMENT, &error);
  g_assert_no_error (error);
  q.level = g->level;
  q.as_of = g->as_of;
  q.before_2025 = g->before_2025;
  g_autoptr (DgCoverage) c = dg_store_coverage (store, &q, &error);
  g_assert_no_error (error);
  g_autofree char *out = strcmp (g->format, "csv") == 0 ? dg_coverage_to_csv (c)
                         : dg_coverage_render (c, strcmp (g->format, "json") == 0
                                                    ? DG_FORMAT_JSON : DG_FORMAT_TABLE, 132);
  /* Store ids follow what extraction makes of every example: the CSV's
   * document_id column (the 5th) is left out of the comparison. */
  if (strcmp (g->format, "csv") == 0)
    {
      g_auto (GStrv) lines = g_strsplit (out, "\r\n", -1);
      GString *kept = g_string_new (NULL);
      for (guint i = 0; lines[i] && *lines[i]; i++)
        {
          g_auto (GStrv) f = g_strsplit (lines[i], ",", 6);
          if (g_strv_length (f) == 6 && i > 0 && !strchr (lines[i], '"'))
            g_string_append_printf (kept, "%s,%s,%s,%s,,%s\r\n", f[0], f[1], f[2], f[3], f[5]);
          else
            g_string_append_printf (kept, "%s\r\n", lines[i]);
        }
      g_free (out);
      out = g_string_free (kept, FALSE);
    }
  g_autofree char *file = g_build_filename ("coverage", g->name, NULL);
  g_autofree char *path = dg_test_data_path (file);
  if (g_getenv ("DOCGRAPH_UPDATE_GOLDEN"))
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_mkdir_with_parents (dir, 0755);
      g_assert_true (g_file_set_contents (path, out, -1, NULL));
      return;
    }
  g_autofree char *expected = NULL;
  if (!g_file_get_contents (path, &expected, NULL, NULL))
    g_error ("%s is missing; run with DOCGRAPH_UPDATE_GOLDEN=1", path);
  g_assert_cmpstr (out, ==, expected);
}

/* The numbers the golden table shows, checked one by one. */
static void
test_summary (void)
{
  g_autoptr (DgStore) store = examples_store ();
  g_autoptr (GError) error = NULL;
  DgCoverageQuery q = { 0 };
  q.root = dg_store_resolve_ref (store, "57-NQ/TW", DG_NODE_DOCUMENT, &error);
  g_autoptr (DgCoverage) c = dg_store_coverage (store, &q, &error);
  g_assert_no_error (error);
  g_autofree char *summary = dg_coverage_summary (c);
  /* Lags 19 (Hà Giang, for Tuyên Quang), 54 (Bắc Giang, for Bắc Ninh), 60
   * (Lạng Sơn, through Nghị quyết 03/NQ-CP), 282 (An Giang): median 57. */
  g_assert_cmpstr (summary, ==, "4 of 34 provinces, median lag 57 days");
  g_assert_cmpuint (c->counts[DG_LAG_30], ==, 1);
  g_assert_cmpuint (c->counts[DG_LAG_90], ==, 2);
  g_assert_cmpuint (c->counts[DG_LAG_LATER], ==, 1);
  g_assert_cmpuint (c->counts[DG_LAG_NONE], ==, 30);
  /* The JSON says the same and parses. */
  g_autofree char *json = dg_coverage_render (c, DG_FORMAT_JSON, 80);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (o, "covered"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "total"), ==, 34);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "units")), ==, 34);
}

static void
test_bad_as_of (void)
{
  g_autoptr (DgStore) store = examples_store ();
  g_autoptr (GError) error = NULL;
  DgCoverageQuery q = { 0 };
  q.root = dg_store_resolve_ref (store, "57-NQ/TW", DG_NODE_DOCUMENT, &error);
  q.as_of = "mùng 1 tháng 7";
  g_autoptr (DgCoverage) c = dg_store_coverage (store, &q, &error);
  g_assert_null (c);
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
  /* Not a document: an organization. */
  g_clear_error (&error);
  q.as_of = NULL;
  q.root = node_id (store, "bộ chính trị");
  g_assert_null (dg_store_coverage (store, &q, &error));
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
}

/* ----------------------------------------------------------- the view */

static gint64
int_member (JsonObject *o, const char *name)
{
  return json_object_has_member (o, name) ? json_object_get_int_member (o, name) : -1;
}

static void
test_view (void)
{
  g_autoptr (DgStore) store = examples_store ();
  g_autoptr (GError) error = NULL;
  DgViewQuery q = { 0 };
  q.root = dg_store_resolve_ref (store, "57-NQ/TW", DG_NODE_DOCUMENT, &error);
  q.depth = -1;
  g_autoptr (DgGraph) g = dg_view_coverage (store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dg_graph_n_nodes (g), ==, 35);
  g_assert_cmpuint (dg_graph_n_edges (g), ==, 0);
  DgNode *tq = dg_graph_find_node (g, DG_NODE_ORGANIZATION, "unit:tuyên quang");
  g_assert_nonnull (tq);
  g_assert_cmpstr (dg_node_get_attr (tq, "document"), ==, "215-KH/TU");
  g_assert_cmpstr (dg_node_get_attr (tq, "via"), ==, "as Hà Giang");
  g_assert_cmpint (int_member (dg_node_attrs (tq), "days"), ==, 19);
  g_assert_cmpint (int_member (dg_node_attrs (tq), "lag_class"), ==, DG_LAG_30);
  DgNode *hn = dg_graph_find_node (g, DG_NODE_ORGANIZATION, "unit:hà nội");
  g_assert_cmpstr (dg_node_get_attr (hn, "lag"), ==, "none");
  /* Until before the merger: the 63. */
  q.until = "2025-03";
  g_autoptr (DgGraph) before = dg_view_coverage (store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dg_graph_n_nodes (before), ==, 64);
}

/* export --view coverage as DOT: one grid node holding a tile per province,
 * the legend and the summary in the title; names escaped. */
static void
test_export_dot (void)
{
  g_autoptr (DgStore) store = examples_store ();
  g_autoptr (GError) error = NULL;
  DgExportOptions o = { 0 };
  o.view = "coverage";
  o.root = "57-NQ/TW";
  o.format = "dot";
  g_autoptr (GPtrArray) parts = dg_export_render (store, &o, &error);
  g_assert_no_error (error);
  DgExportPart *p = parts->pdata[0];
  g_autofree char *dot = g_strndup (g_bytes_get_data (p->bytes, NULL), g_bytes_get_size (p->bytes));
  g_assert_nonnull (strstr (dot, "4 of 34 provinces, median lag 57 days"));
  g_assert_nonnull (strstr (dot, "within 30 days (1)"));
  g_assert_nonnull (strstr (dot, "no implementing document (30)"));
  g_assert_nonnull (strstr (dot, "TP Hồ Chí Minh"));
  g_assert_nonnull (strstr (dot, "#86efac"));
  guint tiles = 0;
  for (const char *at = dot; (at = strstr (at, "WIDTH=\"110\"")); at++)
    tiles++;
  g_assert_cmpuint (tiles, ==, 34);
  /* The other views refuse nothing new; a bad bound is a usage error. */
  o.until = "2025-13";
  g_assert_null (dg_export_render (store, &o, &error));
  g_assert_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_USAGE);
}

static void
test_export_svg (void)
{
  if (!dg_export_has_plugin ("device", "svg"))
    {
      g_test_skip ("Graphviz has no svg plugin here (Debian: graphviz, libgvc6)");
      return;
    }
  g_autoptr (DgStore) store = examples_store ();
  g_autoptr (GError) error = NULL;
  DgExportOptions o = { 0 };
  o.view = "coverage";
  o.root = "57-NQ/TW";
  o.format = "svg";
  g_autoptr (GPtrArray) parts = dg_export_render (store, &o, &error);
  g_assert_no_error (error);
  DgExportPart *p = parts->pdata[0];
  g_autofree char *svg = g_strndup (g_bytes_get_data (p->bytes, NULL), g_bytes_get_size (p->bytes));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_nonnull (strstr (svg, "Tuyên Quang"));
  g_assert_nonnull (strstr (svg, "4 of 34 provinces"));
}

/* --since/--until on export: only documents and events of those dates,
 * the issuers left without a document gone. */
static void
test_export_since_until (void)
{
  g_autoptr (DgStore) store = examples_store ();
  g_autoptr (GError) error = NULL;
  DgExportOptions o = { 0 };
  o.view = "citations";
  o.since = "2025";
  o.until = "2025-06";
  g_autoptr (DgGraph) g = dg_export_view (store, &o, &error);
  g_assert_no_error (error);
  guint docs = 0;
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    {
      DgNode *n = dg_graph_node (g, i);
      if (dg_node_type (n) != DG_NODE_DOCUMENT)
        continue;
      docs++;
      g_assert_true (dg_date_within (dg_node_get_attr (n, "date"), "2025", "2025-06"));
    }
  /* 03/NQ-CP, 215-KH/TU, 342-KH/TU, 45/KH-UBND. */
  g_assert_cmpuint (docs, ==, 4);
  g_assert_null (dg_graph_find_node (g, DG_NODE_ORGANIZATION, "tỉnh ủy nghệ an"));
  g_assert_nonnull (dg_graph_find_node (g, DG_NODE_ORGANIZATION, "ủy ban nhân dân lạng sơn"));
}

static void
test_implements_since_until (void)
{
  g_autoptr (DgStore) store = examples_store ();
  g_autoptr (GError) error = NULL;
  gint64 root = dg_store_resolve_ref (store, "57-NQ/TW", DG_NODE_DOCUMENT, &error);
  g_autoptr (GPtrArray) rows = dg_store_implements (store, root, FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 7);
  dg_implements_keep_dated (rows, "2025-02", "2025-06");
  /* 342-KH/TU and 45/KH-UBND, and 03/NQ-CP on the way to the latter. */
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (((DgImplementsRow *) rows->pdata[0])->node.code, ==, "57-NQ/TW");
  g_assert_cmpstr (((DgImplementsRow *) rows->pdata[1])->node.code, ==, "03/NQ-CP");
  g_assert_cmpstr (((DgImplementsRow *) rows->pdata[2])->node.code, ==, "45/KH-UBND");
  g_assert_cmpstr (((DgImplementsRow *) rows->pdata[3])->node.code, ==, "342-KH/TU");
}

static void
test_list_until (void)
{
  g_autoptr (DgStore) store = examples_store ();
  g_autoptr (GError) error = NULL;
  DgListQuery q = { 0 };
  q.type = DG_NODE_DOCUMENT;
  q.since = "2025";
  q.until = "2025";
  g_autoptr (GPtrArray) rows = dg_store_list (store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 6);
  q.until = "2025-02-14";
  g_autoptr (GPtrArray) early = dg_store_list (store, &q, &error);
  g_assert_cmpuint (early->len, ==, 3);
  q.type = DG_NODE_ORGANIZATION;
  q.since = NULL;
  g_assert_null (dg_store_list (store, &q, &error));
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
}

/* The timeline of the new Tỉnh ủy Tuyên Quang holds Hà Giang's plan. */
static void
test_timeline (void)
{
  g_autoptr (DgStore) store = examples_store ();
  g_autoptr (GError) error = NULL;
  gint64 tq = node_id (store, "tỉnh ủy tuyên quang");
  g_autoptr (GPtrArray) items = dg_store_timeline (store, tq, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  DgTimelineItem *first = items->pdata[0];
  g_assert_cmpstr (first->node.code, ==, "215-KH/TU");
  g_assert_cmpstr (first->month, ==, "2025-01");
  g_assert_cmpstr (first->what, ==, "issued");
  g_autoptr (GPtrArray) late = dg_store_timeline (store, tq, "2025-07", NULL, &error);
  g_assert_cmpuint (late->len, ==, 1);
  g_autofree char *table = dg_timeline_render (items, DG_FORMAT_TABLE, 100);
  g_assert_nonnull (strstr (table, "2 documents issued, 0 events organized"));
  g_autofree char *lineage = dg_store_lineage (store, tq);
  g_assert_cmpstr (lineage, ==, "Tuyên Quang was formed on 2025-07-01 from Hà Giang and "
                                "Tuyên Quang (Nghị quyết 202/2025/QH15)");
}

/* ---------------------------------------------------------- the commands */

typedef struct {
  int status;
  char *out, *err;
} Run;

/* Runs build/docgraph with args against db, at 100 columns. */
static Run
run (const char *db, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *bin = g_build_filename (DG_BINARY_DIR, "docgraph", NULL);
  g_ptr_array_add (argv, bin);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_auto (GStrv) env = g_get_environ ();
  env = g_environ_setenv (env, "DOCGRAPH_DB", db, TRUE);
  env = g_environ_setenv (env, "COLUMNS", "100", TRUE);
  Run r = { 0 };
  int wait = 0;
  g_autoptr (GError) error = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &r.out, &r.err, &wait, &error));
  g_assert_no_error (error);
  r.status = WIFEXITED (wait) ? WEXITSTATUS (wait) : -1;
  return r;
}

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

/* The command line: good runs, and usage errors that exit 2 with one line. */
static void
test_commands (void)
{
  g_autoptr (DgStore) store = examples_store ();
  const char *db = store->path;
  const char *ok[] = { "coverage", "--format", "csv", "57-NQ/TW", NULL };
  Run r = run (db, ok);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "unit,note,region,lag,document_id"));
  run_clear (&r);
  const char *json[] = { "coverage", "--format", "json", "--before-2025", "57-NQ/TW", NULL };
  r = run (db, json);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"summary\" : \"6 of 63 provinces, median lag 143 days\""));
  run_clear (&r);
  const char *timeline[] = { "timeline", "tinh uy tuyen quang", NULL };
  r = run (db, timeline);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "215-KH/TU"));
  run_clear (&r);
  const char *implements[] = { "implements", "--since", "2025-02", "57-NQ/TW", NULL };
  r = run (db, implements);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "5 documents implement it"));
  run_clear (&r);
  const char *province[] = { "show", "ha giang", NULL };
  r = run (db, province);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Hà Giang merged into Tuyên Quang on 2025-07-01"));
  g_assert_nonnull (strstr (r.out, "Tỉnh ủy Hà Giang"));
  run_clear (&r);
  const char *const bad[][6] = {
    { "coverage", "--format", "xml", "57-NQ/TW", NULL },
    { "coverage", "--level", "town", "57-NQ/TW", NULL },
    { "coverage", "--as-of", "July", "57-NQ/TW", NULL },
    { "coverage", "--level", "district", "--before-2025", "57-NQ/TW", NULL },
    { "coverage", NULL },
    { "timeline", "--since", "2025-13", "tinh uy tuyen quang", NULL },
    { "implements", "--until", "soon", "57-NQ/TW", NULL },
    { "list", "--type", "organization", "--until", "2025", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      r = run (db, bad[i]);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpuint (strlen (r.out), ==, 0);
      g_assert_true (g_str_has_prefix (r.err, "docgraph: "));
      run_clear (&r);
    }
  const char *missing[] = { "coverage", "99-NQ/TW", NULL };
  r = run (db, missing);
  g_assert_cmpint (r.status, ==, 1);
  run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/coverage/table/counts", test_table_counts);
  g_test_add_func ("/coverage/table/provinces", test_table_agrees_with_provinces);
  g_test_add_func ("/coverage/table/province-of-key", test_province_of_key);
  g_test_add_func ("/coverage/table/describe", test_describe);
  g_test_add_func ("/coverage/dates", test_dates);
  g_test_add_func ("/coverage/lineage/edges", test_lineage_edges);
  for (guint i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      g_autofree char *path = g_strdup_printf ("/coverage/golden/%s", goldens[i].name);
      g_test_add_data_func (path, &goldens[i], test_golden);
    }
  g_test_add_func ("/coverage/summary", test_summary);
  g_test_add_func ("/coverage/bad/as-of", test_bad_as_of);
  g_test_add_func ("/coverage/view/graph", test_view);
  g_test_add_func ("/coverage/view/dot", test_export_dot);
  g_test_add_func ("/coverage/view/svg", test_export_svg);
  g_test_add_func ("/time/export", test_export_since_until);
  g_test_add_func ("/time/implements", test_implements_since_until);
  g_test_add_func ("/time/list", test_list_until);
  g_test_add_func ("/time/timeline", test_timeline);
  g_test_add_func ("/coverage/commands", test_commands);
  return g_test_run ();
}
