/* test-export.c: views and formats of `docgraph export`, over a store built
 * from tests/data/export/fixture.jsonl (a small graph: Kết luận 12-KL/TW,
 * the plans that carry it out in Hà Nội, Thanh Xuân, Lạng Sơn, Hà Giang and
 * Bắc Ninh, a conference in Lạng Sơn, and labels full of quotes, <, >, &,
 * backslashes and line ends).
 *
 * Golden DOT files are tests/data/export/<view>.expected.dot; run with
 * DOCGRAPH_UPDATE_GOLDEN=1 to write them again after a deliberate change. */
#include "testutil.h"
#include "exporters/export-private.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* ------------------------------------------------------------- fixture */

static DgStore *fixture_store;

static gboolean
store_article (DgArticle *article, DgGraph *graph, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  gboolean added = FALSE;
  g_assert_true (dg_store_add_article (user_data, article, graph, &added, &error));
  g_assert_no_error (error);
  g_assert_true (added);
  return TRUE;
}

static void
import_error (const GError *error, gpointer user_data)
{
  g_error ("fixture: %s", error->message);
}

/* Builds a store from a JSONL file of extract results. (transfer full) */
static DgStore *
store_from (const char *name)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "export.db", NULL);
  g_autoptr (GError) error = NULL;
  DgStore *store = dg_store_open (db, &error);
  g_assert_no_error (error);
  g_autofree char *path = dg_test_data_path (name);
  DgImportSink sink = { store_article, import_error, store };
  g_assert_true (dg_import_path (path, "jsonl", &sink, &error));
  g_assert_no_error (error);
  return store;
}

/* The fixture store, built once per process. (transfer none) */
static DgStore *
fixture (void)
{
  if (fixture_store == NULL)
    fixture_store = store_from ("export/fixture.jsonl");
  return fixture_store;
}

static DgExportOptions
opts (const char *view, const char *format)
{
  DgExportOptions o = { 0 };
  o.view = view;
  o.format = format;
  return o;
}

/* Renders options over the fixture; asserts one part. (transfer full) */
static GBytes *
render_one (const DgExportOptions *o)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parts = dg_export_render (fixture (), o, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parts);
  g_assert_cmpuint (parts->len, ==, 1);
  DgExportPart *part = parts->pdata[0];
  g_assert_null (part->part);
  return g_bytes_ref (part->bytes);
}

static char *
render_text (const DgExportOptions *o)
{
  g_autoptr (GBytes) bytes = render_one (o);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_assert_true (g_utf8_validate (data, (gssize) len, NULL));
  return g_strndup (data, len);
}

static DgGraph *
view (const char *name, const char *root, int depth)
{
  DgExportOptions o = opts (name, NULL);
  o.root = root;
  if (depth >= 0)
    {
      o.depth = depth;
      o.has_depth = TRUE;
    }
  g_autoptr (GError) error = NULL;
  DgGraph *graph = dg_export_view (fixture (), &o, &error);
  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return graph;
}

static gboolean
has_label (DgGraph *graph, DgNodeType type, const char *label)
{
  return dg_test_find_label (graph, type, label) != NULL;
}

/* The views the golden and format tests run over, with their roots. */
static const struct {
  const char *view; /* view name */
  const char *root; /* --root, or NULL */
} cases[] = {
  { "organizations", NULL },
  { "citations", NULL },
  { "implements", "147-KH/TU" },
  { "events", NULL },
  { "ego", "Tỉnh ủy Lạng Sơn" },
  { "all", NULL },
};

static DgExportOptions
case_opts (guint i, const char *format)
{
  DgExportOptions o = opts (cases[i].view, format);
  o.root = cases[i].root;
  return o;
}

static gboolean
need_plugin (const char *format)
{
  if (dg_export_has_plugin ("device", format))
    return TRUE;
  g_autofree char *msg = g_strdup_printf ("Graphviz has no plugin that writes %s here "
                                          "(install the graphviz package)", format);
  g_test_skip (msg);
  return FALSE;
}

/* ----------------------------------------------------------- XML checks */

typedef struct {
  GHashTable *counts; /* element name → count */
  GString *text;      /* character data of the element being watched */
  const char *watch;  /* element name whose text goes to text, or NULL */
  gboolean inside;    /* in the watched element */
} XmlScan;

static void
xml_start (GMarkupParseContext *ctx, const char *name, const char **attr_names,
           const char **attr_values, gpointer user_data, GError **error)
{
  XmlScan *scan = user_data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (scan->counts, name));
  g_hash_table_insert (scan->counts, g_strdup (name), GUINT_TO_POINTER (n + 1));
  if (scan->watch && strcmp (name, scan->watch) == 0)
    scan->inside = TRUE;
}

static void
xml_end (GMarkupParseContext *ctx, const char *name, gpointer user_data, GError **error)
{
  XmlScan *scan = user_data;
  if (scan->watch && strcmp (name, scan->watch) == 0)
    {
      scan->inside = FALSE;
      g_string_append_c (scan->text, '\x1e');
    }
}

static void
xml_text (GMarkupParseContext *ctx, const char *text, gsize len, gpointer user_data,
          GError **error)
{
  XmlScan *scan = user_data;
  if (scan->inside)
    g_string_append_len (scan->text, text, len);
}

static const GMarkupParser xml_parser = { xml_start, xml_end, xml_text, NULL, NULL };

/* Parses XML, failing the test when it is not well-formed; returns the
 * count of each element. (transfer full) */
static GHashTable *
xml_check (const char *data, gsize len, const char *watch, GString *text)
{
  XmlScan scan = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), text, watch,
                   FALSE };
  g_autoptr (GMarkupParseContext) ctx = g_markup_parse_context_new (&xml_parser, 0, &scan, NULL);
  g_autoptr (GError) error = NULL;
  g_assert_true (g_str_has_prefix (data, "<?xml"));
  if (!g_markup_parse_context_parse (ctx, data, (gssize) len, &error)
      || !g_markup_parse_context_end_parse (ctx, &error))
    g_error ("not well-formed XML: %s", error->message);
  return scan.counts;
}

static guint
count (GHashTable *counts, const char *element)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, element));
}

/* ----------------------------------------------------------------- CSV */

/* Parses RFC 4180 CSV. (transfer full): GPtrArray of GStrv rows. */
static GPtrArray *
csv_parse (const char *data, gsize len)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *row = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];
      if (quoted)
        {
          if (c == '"' && i + 1 < len && data[i + 1] == '"')
            g_string_append_c (field, data[i++]);
          else if (c == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, c);
        }
      else if (c == '"')
        quoted = TRUE;
      else if (c == ',')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else if (c == '\n')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
          row = g_ptr_array_new ();
        }
      else
        g_string_append_c (field, c);
    }
  g_assert_false (quoted);
  g_assert_cmpuint (field->len, ==, 0); /* every row ends in a line end */
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_free (row, TRUE);
  g_string_free (field, TRUE);
  return rows;
}

/* ------------------------------------------------------------- golden */

static void
test_golden (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  DgExportOptions o = case_opts (i, "dot");
  g_autofree char *dot = render_text (&o);
  g_autofree char *name = g_strdup_printf ("export/%s.expected.dot", cases[i].view);
  g_autofree char *path = dg_test_data_path (name);
  if (g_getenv ("DOCGRAPH_UPDATE_GOLDEN"))
    {
      g_autoptr (GError) error = NULL;
      g_assert_true (g_file_set_contents (path, dot, -1, &error));
      g_test_message ("wrote %s", path);
      return;
    }
  g_autofree char *expected = dg_test_read_data (name, NULL);
  g_assert_cmpstr (dot, ==, expected);
}

/* The all view summarised to 12 nodes: which nodes stay, the "+N" nodes
 * and the note under the title. */
static void
test_golden_summary (void)
{
  DgExportOptions o = opts ("all", "dot");
  o.max_nodes = 12;
  g_autofree char *dot = render_text (&o);
  const char *name = "export/all-summary.expected.dot";
  g_autofree char *path = dg_test_data_path (name);
  if (g_getenv ("DOCGRAPH_UPDATE_GOLDEN"))
    {
      g_autoptr (GError) error = NULL;
      g_assert_true (g_file_set_contents (path, dot, -1, &error));
      g_test_message ("wrote %s", path);
      return;
    }
  g_autofree char *expected = dg_test_read_data (name, NULL);
  g_assert_cmpstr (dot, ==, expected);
}

/* -------------------------------------------------------------- views */

static void
test_view_organizations (void)
{
  g_autoptr (DgGraph) g = view ("organizations", NULL, -1);
  g_assert_true (has_label (g, DG_NODE_ORGANIZATION, "Quận ủy Thanh Xuân"));
  g_assert_true (has_label (g, DG_NODE_OFFICIAL, "Bùi Huyền Mai"));
  g_assert_true (dg_test_has_edge (g, DG_EDGE_PART_OF, "Ban Thường vụ Quận ủy Thanh Xuân",
                                   "Quận ủy Thanh Xuân"));
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    g_assert_cmpint (dg_node_type (dg_graph_node (g, i)), !=, DG_NODE_DOCUMENT);
  /* Roles ride on member-of; a second role joins "roles". */
  gboolean seen = FALSE;
  for (guint i = 0; i < dg_graph_n_edges (g); i++)
    {
      DgEdge *e = dg_graph_edge (g, i);
      if (dg_edge_type (e) == DG_EDGE_MEMBER_OF
          && strcmp (dg_node_label (dg_edge_src (e)), "Nguyễn Phú Trọng") == 0)
        {
          g_assert_cmpstr (dg_edge_role (e), ==, "Tổng Bí thư");
          g_autofree char *text = dg_export_edge_text (e);
          g_assert_cmpstr (text, ==, "Tổng Bí thư, Ủy viên");
          seen = TRUE;
        }
    }
  g_assert_true (seen);
}

static void
test_view_citations (void)
{
  g_autoptr (DgGraph) g = view ("citations", NULL, -1);
  g_assert_true (dg_test_has_edge (g, DG_EDGE_IMPLEMENTS, "Kế hoạch số 147-KH/TU",
                                   "Kết luận số 12-KL/TW"));
  g_assert_true (dg_test_has_edge (g, DG_EDGE_ISSUED_BY, "Kế hoạch số 147-KH/TU",
                                   "Thành ủy Hà Nội"));
  g_assert_true (dg_test_has_edge (g, DG_EDGE_CITES, "Công văn số 1248-CV/QU\\VP",
                                   "Kế hoạch số 92-KH/QU"));
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    g_assert_cmpint (dg_node_type (dg_graph_node (g, i)), !=, DG_NODE_OFFICIAL);
  /* A document without a level takes its issuer's. */
  DgNode *hg = NULL;
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    if (g_strcmp0 (dg_node_get_attr (dg_graph_node (g, i), "issuer"), "Tỉnh ủy Hà Giang") == 0)
      hg = dg_graph_node (g, i);
  g_assert_nonnull (hg);
  g_assert_cmpstr (dg_export_node_level (hg), ==, "province");
}

static void
test_view_implements (void)
{
  g_autoptr (DgGraph) g = view ("implements", "147-KH/TU", -1);
  /* The district plan carries 147-KH/TU out; 147-KH/TU carries 12-KL/TW out. */
  g_assert_true (dg_test_has_edge (g, DG_EDGE_IMPLEMENTS, "Kế hoạch số 92-KH/QU",
                                   "Kế hoạch số 147-KH/TU"));
  g_assert_true (dg_test_has_edge (g, DG_EDGE_IMPLEMENTS, "Kế hoạch số 147-KH/TU",
                                   "Kết luận số 12-KL/TW"));
  /* Only documents, each with its issuer and date. */
  g_assert_cmpuint (dg_graph_n_nodes (g), ==, 3);
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    {
      DgNode *n = dg_graph_node (g, i);
      g_assert_cmpint (dg_node_type (n), ==, DG_NODE_DOCUMENT);
      g_assert_nonnull (dg_node_get_attr (n, "issuer"));
      g_autofree char *label = dg_export_html_label (n);
      g_assert_nonnull (strstr (label, dg_node_get_attr (n, "issuer")));
      g_assert_nonnull (strstr (label, dg_node_get_attr (n, "date")));
    }
  /* The sibling plan of Lạng Sơn is not under 147-KH/TU. */
  g_assert_false (has_label (g, DG_NODE_DOCUMENT, "Kế hoạch số 85-KH/TU"));
}

static void
test_view_implements_depth (void)
{
  g_autoptr (DgGraph) all = view ("implements", "12-KL/TW", -1);
  g_autoptr (DgGraph) one = view ("implements", "12-KL/TW", 1);
  g_assert_true (has_label (all, DG_NODE_DOCUMENT, "Kế hoạch số 92-KH/QU"));
  g_assert_false (has_label (one, DG_NODE_DOCUMENT, "Kế hoạch số 92-KH/QU"));
  g_assert_true (has_label (one, DG_NODE_DOCUMENT, "Kế hoạch số 147-KH/TU"));
  g_assert_true (has_label (one, DG_NODE_DOCUMENT, "Kế hoạch số 85-KH/TU"));
  /* Bắc Ninh's plan only cites 12-KL/TW. */
  g_assert_cmpuint (dg_graph_n_nodes (all), ==, 5);
  g_autoptr (DgGraph) zero = view ("implements", "12-KL/TW", 0);
  g_assert_cmpuint (dg_graph_n_nodes (zero), ==, 1);
}

static void
test_view_events (void)
{
  g_autoptr (DgGraph) g = view ("events", NULL, -1);
  const char *hoi_nghi = "Hội nghị quán triệt Kết luận số 12-KL/TW của Bộ Chính trị";
  g_assert_true (dg_test_has_edge (g, DG_EDGE_ORGANIZED_BY, hoi_nghi, "Tỉnh ủy Lạng Sơn"));
  g_assert_true (dg_test_has_edge (g, DG_EDGE_ATTENDED, "Nguyễn Quốc Đoàn", hoi_nghi));
  g_assert_true (dg_test_has_edge (g, DG_EDGE_ABOUT, hoi_nghi, "Kết luận số 12-KL/TW"));
  for (guint i = 0; i < dg_graph_n_edges (g); i++)
    {
      DgEdge *e = dg_graph_edge (g, i);
      g_assert_cmpint (dg_edge_type (e), !=, DG_EDGE_MEMBER_OF);
      if (dg_edge_type (e) == DG_EDGE_ATTENDED
          && strcmp (dg_node_label (dg_edge_src (e)), "Nguyễn Quốc Đoàn") == 0)
        g_assert_cmpstr (dg_edge_role (e), ==, "chaired");
    }
}

static void
test_view_ego (void)
{
  g_autoptr (DgGraph) zero = view ("ego", "Tỉnh ủy Lạng Sơn", 0);
  g_assert_cmpuint (dg_graph_n_nodes (zero), ==, 1);
  g_autoptr (DgGraph) one = view ("ego", "Tỉnh ủy Lạng Sơn", -1); /* default 1 */
  g_assert_true (has_label (one, DG_NODE_OFFICIAL, "Nguyễn Quốc Đoàn"));
  g_assert_true (has_label (one, DG_NODE_ORGANIZATION, "Thành ủy Lạng Sơn"));
  g_assert_false (has_label (one, DG_NODE_ORGANIZATION, "Đảng ủy xã Hoàng Đồng"));
  g_autoptr (DgGraph) two = view ("ego", "Tỉnh ủy Lạng Sơn", 2);
  g_assert_true (has_label (two, DG_NODE_ORGANIZATION, "Đảng ủy xã Hoàng Đồng"));
  g_assert_cmpuint (dg_graph_n_nodes (two), >, dg_graph_n_nodes (one));
  /* The edges among the nodes come along: the chair attended the conference. */
  g_assert_true (dg_test_has_edge (one, DG_EDGE_ATTENDED, "Nguyễn Quốc Đoàn",
                                   "Hội nghị quán triệt Kết luận số 12-KL/TW của Bộ Chính trị"));
}

static void
test_view_root_by_id (void)
{
  g_autoptr (DgGraph) by_code = view ("ego", "147-KH/TU", 0);
  DgNode *n = dg_graph_node (by_code, 0);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, dg_node_id (n));
  g_autoptr (DgGraph) by_id = view ("ego", id, 0);
  g_assert_cmpstr (dg_node_key (dg_graph_node (by_id, 0)), ==, dg_node_key (n));
  g_autofree char *export_id = dg_export_node_id (n);
  g_assert_true (g_str_has_prefix (export_id, "n"));
  g_autoptr (DgGraph) by_export_id = view ("ego", export_id, 0);
  g_assert_cmpstr (dg_node_key (dg_graph_node (by_export_id, 0)), ==, dg_node_key (n));
}

/* --root finds what implements and show find (dg_store_resolve_ref): a
 * code written loosely, an alias, a node by "#id". */
static void
test_view_root_resolver (void)
{
  g_autoptr (DgStore) store = store_from ("export/fixture.jsonl");
  g_autoptr (GError) error = NULL;
  DgExportOptions o = opts ("implements", NULL);
  o.root = "12-KL/TW";
  g_autoptr (DgGraph) exact = dg_export_view (store, &o, &error);
  g_assert_no_error (error);
  guint n = dg_graph_n_nodes (exact);
  g_assert_cmpuint (n, >, 1);
  const char *same[] = { "12 - kl/tw", "12–KL/TW", "Kết luận số 12-KL/TW", NULL };
  gint64 id = dg_store_resolve_ref (store, "12-KL/TW", DG_NODE_DOCUMENT, &error);
  g_assert_no_error (error);
  g_assert_true (dg_store_add_alias (store, id, "Kết luận về chấn chỉnh", &error));
  g_assert_no_error (error);
  g_autofree char *hash = g_strdup_printf ("#%" G_GINT64_FORMAT, id);
  const char *more[] = { "Kết luận về chấn chỉnh", hash, NULL };
  for (const char *const *set[] = { same, more, NULL }, *const **s = set; *s; s++)
    for (guint i = 0; (*s)[i]; i++)
      {
        o.root = (*s)[i];
        g_autoptr (GError) local = NULL;
        g_autoptr (DgGraph) v = dg_export_view (store, &o, &local);
        if (v == NULL)
          g_error ("--root “%s”: %s", o.root, local->message);
        g_assert_cmpuint (dg_graph_n_nodes (v), ==, n);
      }
}

/* ------------------------------------------------------------ formats */

static void
test_format_dot (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DgExportOptions o = case_opts (i, "dot");
      g_autofree char *dot = render_text (&o);
      Agraph_t *g = agmemread (dot);
      g_assert_nonnull (g);
      g_autoptr (DgGraph) v = view (cases[i].view, cases[i].root, -1);
      /* Every node of the view, by its name "type:key". */
      for (guint j = 0; j < dg_graph_n_nodes (v); j++)
        {
          DgNode *n = dg_graph_node (v, j);
          g_autofree char *name = g_strconcat (dg_node_type_name (dg_node_type (n)), ":",
                                               dg_node_key (n), NULL);
          Agnode_t *an = agnode (g, name, 0);
          g_assert_nonnull (an);
          g_assert_true (aghtmlstr (agget (an, "label")));
        }
      g_assert_cmpint (agnedges (g), >=, (int) dg_graph_n_edges (v));
      g_assert_nonnull (agsubg (g, "cluster_legend", 0));
      agclose (g);
    }
}

static void
test_format_svg (void)
{
  if (!need_plugin ("svg"))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DgExportOptions o = case_opts (i, "svg");
      g_autoptr (GBytes) svg = render_one (&o);
      gsize len;
      const char *data = g_bytes_get_data (svg, &len);
      g_autoptr (GHashTable) counts = xml_check (data, len, NULL, NULL);
      g_assert_cmpuint (count (counts, "svg"), ==, 1);
      g_autoptr (DgGraph) v = view (cases[i].view, cases[i].root, -1);
      g_assert_cmpuint (count (counts, "g"), >, dg_graph_n_nodes (v));
    }
}

static guint32
read_be32 (const guchar *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
test_format_png (void)
{
  if (!need_plugin ("png"))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DgExportOptions o = case_opts (i, "png");
      g_autoptr (GBytes) png = render_one (&o);
      gsize len;
      const guchar *data = g_bytes_get_data (png, &len);
      g_assert_cmpuint (len, >, 33);
      g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
      g_assert_cmpuint (read_be32 (data + 8), ==, 13);
      g_assert_cmpmem (data + 12, 4, "IHDR", 4);
      g_assert_cmpuint (read_be32 (data + 16), >, 100); /* width */
      g_assert_cmpuint (read_be32 (data + 20), >, 100); /* height */
      g_assert_cmpmem (data + len - 8, 4, "IEND", 4);
    }
}

static void
test_format_pdf (void)
{
  if (!need_plugin ("pdf"))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DgExportOptions o = case_opts (i, "pdf");
      g_autoptr (GBytes) pdf = render_one (&o);
      gsize len;
      const char *data = g_bytes_get_data (pdf, &len);
      g_assert_cmpmem (data, 5, "%PDF-", 5);
      /* "%%EOF" and at most a line end after it. */
      g_autofree char *tail = g_strndup (data + len - MIN (len, 8), MIN (len, 8));
      g_assert_nonnull (strstr (tail, "%%EOF"));
      g_assert_null (g_strstr_len (data, (gssize) len, "/CreationDate (D:"));
    }
}

static void
test_format_json (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DgExportOptions o = case_opts (i, "json");
      g_autofree char *text = render_text (&o);
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
      g_assert_no_error (error);
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));
      g_autoptr (DgGraph) v = view (cases[i].view, cases[i].root, -1);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "nodes")), ==,
                        dg_graph_n_nodes (v));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "edges")), ==,
                        dg_graph_n_edges (v));
      JsonObject *vo = json_object_get_object_member (root, "view");
      g_assert_cmpstr (json_object_get_string_member (vo, "name"), ==, cases[i].view);
      /* The contract reads it back. */
      g_autoptr (DgGraph) back = dg_graph_from_json (json_parser_get_root (parser), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (dg_graph_n_edges (back), ==, dg_graph_n_edges (v));
    }
}

static void
test_format_graphml (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DgExportOptions o = case_opts (i, "graphml");
      g_autoptr (GBytes) bytes = render_one (&o);
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);
      g_autoptr (GHashTable) counts = xml_check (data, len, NULL, NULL);
      g_autoptr (DgGraph) v = view (cases[i].view, cases[i].root, -1);
      g_assert_cmpuint (count (counts, "node"), ==, dg_graph_n_nodes (v));
      g_assert_cmpuint (count (counts, "edge"), ==, dg_graph_n_edges (v));
      g_assert_cmpuint (count (counts, "graph"), ==, 1);
    }
  /* Keys are typed: participants is a number, titles a string. */
  DgExportOptions o = opts ("all", "graphml");
  g_autofree char *all = render_text (&o);
  g_assert_nonnull (strstr (all, "attr.name=\"participants\" attr.type=\"long\""));
  g_assert_nonnull (strstr (all, "attr.name=\"titles\" attr.type=\"string\""));
  g_assert_nonnull (strstr (all, "<key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>"));
}

static void
test_format_gexf (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DgExportOptions o = case_opts (i, "gexf");
      g_autoptr (GBytes) bytes = render_one (&o);
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);
      g_assert_nonnull (g_strstr_len (data, (gssize) len, "xmlns=\"http://gexf.net/1.3\""));
      g_assert_nonnull (g_strstr_len (data, (gssize) len, "version=\"1.3\""));
      g_autoptr (GHashTable) counts = xml_check (data, len, NULL, NULL);
      g_autoptr (DgGraph) v = view (cases[i].view, cases[i].root, -1);
      g_assert_cmpuint (count (counts, "node"), ==, dg_graph_n_nodes (v));
      g_assert_cmpuint (count (counts, "edge"), ==, dg_graph_n_edges (v));
      g_assert_cmpuint (count (counts, "attributes"), ==, 2);
    }
}

static GPtrArray *
csv_part (GPtrArray *parts, guint i, const char *name)
{
  DgExportPart *part = parts->pdata[i];
  g_assert_cmpstr (part->part, ==, name);
  gsize len;
  const char *data = g_bytes_get_data (part->bytes, &len);
  return csv_parse (data, len);
}

static void
test_format_csv (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DgExportOptions o = case_opts (i, "csv");
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) parts = dg_export_render (fixture (), &o, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (parts->len, ==, 2);
      g_autoptr (GPtrArray) nodes = csv_part (parts, 0, "nodes");
      g_autoptr (GPtrArray) edges = csv_part (parts, 1, "edges");
      g_autoptr (DgGraph) v = view (cases[i].view, cases[i].root, -1);
      g_assert_cmpuint (nodes->len, ==, dg_graph_n_nodes (v) + 1);
      g_assert_cmpuint (edges->len, ==, dg_graph_n_edges (v) + 1);
      char **nh = nodes->pdata[0], **eh = edges->pdata[0];
      g_assert_cmpstr (nh[0], ==, "id:ID");
      g_assert_cmpstr (nh[1], ==, "label");
      g_assert_cmpstr (nh[2], ==, "type:LABEL");
      g_assert_cmpstr (eh[0], ==, ":START_ID");
      g_assert_cmpstr (eh[1], ==, ":END_ID");
      g_assert_cmpstr (eh[2], ==, ":TYPE");
      /* Every row as wide as its header; every edge end a node id. */
      g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint r = 1; r < nodes->len; r++)
        {
          g_assert_cmpuint (g_strv_length (nodes->pdata[r]), ==, g_strv_length (nh));
          g_hash_table_add (ids, ((char **) nodes->pdata[r])[0]);
        }
      for (guint r = 1; r < edges->len; r++)
        {
          char **row = edges->pdata[r];
          g_assert_cmpuint (g_strv_length (row), ==, g_strv_length (eh));
          g_assert_true (g_hash_table_contains (ids, row[0]));
          g_assert_true (g_hash_table_contains (ids, row[1]));
        }
    }
}

static void
test_format_csv_files (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  DgExportOptions o = opts ("organizations", "csv");
  g_autoptr (GError) error = NULL;
  g_autofree char *base = g_build_filename (dir, "org", NULL);
  g_assert_true (dg_export (fixture (), &o, base, &error));
  g_assert_no_error (error);
  g_autofree char *with_ext = g_build_filename (dir, "graph.csv", NULL);
  g_assert_true (dg_export (fixture (), &o, with_ext, &error));
  g_assert_no_error (error);
  const char *expect[] = { "org-nodes.csv", "org-edges.csv", "graph-nodes.csv", "graph-edges.csv" };
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      g_autofree char *p = g_build_filename (dir, expect[i], NULL);
      g_assert_true (g_file_test (p, G_FILE_TEST_IS_REGULAR));
    }
  g_autofree char *plain = g_build_filename (dir, "org", NULL);
  g_assert_false (g_file_test (plain, G_FILE_TEST_EXISTS));
}

/* ------------------------------------------------------------ escaping */

/* A label with everything that needs escaping somewhere. */
static const char nasty[] = "Tọa đàm \"Đảng\" & <Nhà nước> C:\\Tư liệu\\N\nxuống dòng";

static void
test_escape_html_label (void)
{
  g_autoptr (DgGraph) g = dg_graph_new (NULL);
  DgNode *n = dg_graph_add_node (g, DG_NODE_EVENT, "k", nasty);
  dg_node_set_attr (n, "location", "Hà Nội & <trực tuyến>", TRUE);
  g_autofree char *label = dg_export_html_label (n);
  g_assert_nonnull (strstr (label, "&quot;Đảng&quot; &amp; &lt;Nhà nước&gt;"));
  /* Graphviz expands \N in HTML labels too: backslashes doubled. */
  g_assert_nonnull (strstr (label, "C:\\\\Tư"));
  g_assert_nonnull (strstr (label, "Hà Nội &amp; &lt;trực tuyến&gt;"));
  g_assert_null (strchr (label, '\n'));
  /* Graphviz reads it as an HTML label. */
  Agraph_t *ag = agopen ("t", Agdirected, NULL);
  Agnode_t *an = agnode (ag, "k", 1);
  char *html = agstrdup_html (ag, label);
  agsafeset (an, "label", html, "");
  agstrfree (ag, html);
  g_assert_true (aghtmlstr (agget (an, "label")));
  agclose (ag);
}

static void
test_escape_plain (void)
{
  g_autofree char *esc = dg_export_escape_plain ("a\\b\"c\nd\te");
  /* Backslashes doubled (no \N surprises), the line end as \n; quotes are
   * agwrite's to escape. */
  g_assert_cmpstr (esc, ==, "a\\\\b\"c\\nd e");
}

static void
test_escape_dot (void)
{
  /* The DOT of the events view, read back: labels and tooltips intact. */
  DgExportOptions o = opts ("events", "dot");
  g_autofree char *dot = render_text (&o);
  Agraph_t *g = agmemread (dot);
  g_assert_nonnull (g);
  Agnode_t *n = agnode (g, "event:tọa đàm đảng ta thật là vĩ đại", 0);
  g_assert_nonnull (n);
  const char *label = agget (n, "label");
  g_assert_true (aghtmlstr ((char *) label));
  g_assert_nonnull (strstr (label, "&quot;Đảng ta"));
  g_assert_nonnull (strstr (label, "&lt;bản nháp&gt; &amp; ghi chú"));
  g_assert_nonnull (strstr (label, "C:\\\\Tư"));
  const char *tip = agget (n, "tooltip");
  g_assert_nonnull (strstr (tip, "\"Đảng ta thật là vĩ đại\""));
  /* Tooltips are expanded twice on the way to SVG: four backslashes. */
  g_assert_nonnull (strstr (tip, "C:\\\\\\\\Tư liệu\\\\\\\\<bản nháp> & ghi chú\\nxuống dòng"));
  agclose (g);
  /* An edge label (a member-of role) with quotes, <, &, a backslash. */
  o = opts ("organizations", "dot");
  g_autofree char *org = render_text (&o);
  g = agmemread (org);
  g_assert_nonnull (g);
  Agnode_t *t = agnode (g, "official:trần thị lan", 0);
  g_assert_nonnull (t);
  Agedge_t *e = agfstout (g, t);
  g_assert_nonnull (e);
  g_assert_cmpstr (agget (e, "label"), ==,
                   "Phó Trưởng ban \"thường\\ntrực\" & <kiêm> Chánh Văn\\nphòng\\\\Ban");
  agclose (g);
}

static void
test_escape_xml (void)
{
  g_autofree char *a = dg_export_xml_escape ("a<b>&\"c'\n\x01" "d", TRUE);
  g_assert_cmpstr (a, ==, "a&lt;b&gt;&amp;&quot;c&apos;&#10; d");
  g_autofree char *t = dg_export_xml_escape ("x\ny\x1fz", FALSE);
  g_assert_cmpstr (t, ==, "x\ny z");
  /* GraphML and GEXF of a graph whose labels need escaping parse, and the
   * text comes back. */
  DgExportOptions o = opts ("all", "graphml");
  g_autoptr (GBytes) bytes = render_one (&o);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GHashTable) counts = xml_check (data, len, "data", text);
  g_assert_nonnull (counts);
  g_assert_nonnull (strstr (text->str, "Tọa đàm \"Đảng ta thật là vĩ đại\" – tài liệu "
                                       "C:\\Tư liệu\\<bản nháp> & ghi chú\nxuống dòng"));
  g_assert_nonnull (strstr (text->str, "Phó Trưởng ban \"thường trực\" & <kiêm> Chánh Văn phòng\\Ban"));
}

static void
test_escape_csv (void)
{
  DgExportOptions o = opts ("events", "csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parts = dg_export_render (fixture (), &o, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) nodes = csv_part (parts, 0, "nodes");
  gboolean seen = FALSE;
  for (guint r = 1; r < nodes->len; r++)
    if (strcmp (((char **) nodes->pdata[r])[1],
                "Tọa đàm \"Đảng ta thật là vĩ đại\" – tài liệu C:\\Tư liệu\\<bản nháp> & ghi "
                "chú\nxuống dòng") == 0)
      seen = TRUE;
  g_assert_true (seen);
  /* The list column: items split by ';'. */
  char **header = nodes->pdata[0];
  guint titles = 0;
  for (guint c = 0; header[c]; c++)
    if (strcmp (header[c], "titles:string[]") == 0)
      titles = c;
  g_assert_cmpuint (titles, >, 0);
}

/* ----------------------------------------------------------- wrapping */

static void
test_wrap_words (void)
{
  const char *title = "về tổ chức đợt sinh hoạt chính trị \"Học tập và làm theo tư tưởng, đạo "
                      "đức, phong cách Hồ Chí Minh\" giai đoạn 2023–2025";
  g_auto (GStrv) lines = dg_export_wrap (title, 30, 0);
  g_assert_cmpuint (g_strv_length (lines), >, 3);
  for (guint i = 0; lines[i]; i++)
    {
      g_assert_cmpint (g_utf8_strlen (lines[i], -1), <=, 30);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      g_assert_false (g_str_has_prefix (lines[i], " "));
      g_assert_false (g_str_has_suffix (lines[i], " "));
    }
  /* Nothing lost, words whole: the lines joined give the text back. */
  g_autofree char *joined = g_strjoinv (" ", lines);
  g_assert_cmpstr (joined, ==, title);
  /* Characters, not bytes: 30 Vietnamese letters with marks fit on a line. */
  g_auto (GStrv) one = dg_export_wrap ("Ủy ban Mặt trận Tổ quốc Việt Nam", 32, 0);
  g_assert_cmpuint (g_strv_length (one), ==, 1);
}

static void
test_wrap_long_word (void)
{
  g_auto (GStrv) lines = dg_export_wrap ("ab https://dangcongsan.vn/xay-dung-dang/rat-dai cd", 10, 0);
  g_assert_cmpstr (lines[0], ==, "ab");
  g_assert_cmpstr (lines[1], ==, "https://da");
  for (guint i = 0; lines[i]; i++)
    g_assert_cmpint (g_utf8_strlen (lines[i], -1), <=, 10);
  g_auto (GStrv) empty = dg_export_wrap ("  \n\t ", 10, 0);
  g_assert_null (empty[0]);
}

static void
test_wrap_max_lines (void)
{
  g_auto (GStrv) lines = dg_export_wrap ("một hai ba bốn năm sáu bảy tám chín mười", 8, 2);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_suffix (lines[1], "…"));
  g_assert_cmpint (g_utf8_strlen (lines[1], -1), <=, 8);
  g_auto (GStrv) fits = dg_export_wrap ("một hai", 8, 2);
  g_assert_cmpstr (fits[0], ==, "một hai");
  g_assert_null (fits[1]);
}

/* ------------------------------------------------------ determinism */

static void
test_determinism (void)
{
  const char *formats[] = { "dot", "json", "graphml", "gexf", "svg", "pdf" };
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      if (strcmp (formats[f], "svg") == 0 || strcmp (formats[f], "pdf") == 0)
        if (!dg_export_has_plugin ("device", formats[f]))
          continue;
      DgExportOptions o = opts ("all", formats[f]);
      g_autoptr (GBytes) a = render_one (&o);
      g_autoptr (GBytes) b = render_one (&o);
      if (!g_bytes_equal (a, b))
        g_error ("two %s exports differ", formats[f]);
    }
  /* A second store made from the same input gives the same bytes. */
  g_autoptr (DgStore) other = store_from ("export/fixture.jsonl");
  DgExportOptions o = opts ("all", "dot");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) p1 = dg_export_render (fixture (), &o, &error);
  g_autoptr (GPtrArray) p2 = dg_export_render (other, &o, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (((DgExportPart *) p1->pdata[0])->bytes,
                                ((DgExportPart *) p2->pdata[0])->bytes));
}

/* ------------------------------------------------------------- limits */

/* Node statements of a DOT graph that a reader sees: not the legend, not
 * the invisible points. */
static guint
drawn_nodes (Agraph_t *g, guint *more)
{
  guint n = 0;
  *more = 0;
  for (Agnode_t *v = agfstnode (g); v; v = agnxtnode (g, v))
    {
      const char *name = agnameof (v);
      if (g_str_has_prefix (name, "legend:") || g_str_has_prefix (name, "level-")
          || g_str_has_prefix (name, "wrap-"))
        continue;
      n++;
      if (g_strcmp0 (agget (v, "class"), "more") == 0)
        (*more)++;
    }
  return n;
}

static void
test_size_limit (void)
{
  g_autoptr (DgGraph) all = view ("all", NULL, -1);
  guint n = dg_graph_n_nodes (all);
  DgExportOptions o = opts ("all", "dot");
  /* Over the limit: a summary of at most the limit, with "+N" nodes for
   * what is not drawn and a note under the title that says so. */
  o.max_nodes = 12;
  g_autofree char *dot = render_text (&o);
  Agraph_t *g = agmemread (dot);
  g_assert_nonnull (g);
  guint more;
  guint drawn = drawn_nodes (g, &more);
  g_assert_cmpuint (drawn, <=, 12);
  g_assert_cmpuint (more, >, 0);
  g_assert_cmpuint (drawn, <, n);
  const char *title = agget (g, "label");
  g_autofree char *of = g_strdup_printf ("of the %u nodes", n);
  g_assert_nonnull (strstr (title, of));
  g_assert_nonnull (strstr (title, "the most connected"));
  g_assert_nonnull (agsubg (g, "cluster_legend", 0));
  /* The "+N" nodes say how many they stand for. */
  for (Agnode_t *v = agfstnode (g); v; v = agnxtnode (g, v))
    if (g_strcmp0 (agget (v, "class"), "more") == 0)
      g_assert_true (g_str_has_prefix (agget (v, "label"), "+"));
  agclose (g);
  /* The same view, small enough: whole, no note. */
  o.max_nodes = n;
  g_autofree char *whole = render_text (&o);
  g_assert_null (strstr (whole, "the most connected"));
  /* Data formats are never summarised. */
  o.max_nodes = 2;
  o.format = "json";
  g_autofree char *json = render_text (&o);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "nodes")), ==, n);
  /* An engine named outright draws everything, and lands in the DOT. */
  o.format = "dot";
  o.layout = "sfdp";
  g_autoptr (GBytes) sfdp = render_one (&o);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (sfdp, NULL), (gssize) g_bytes_get_size (sfdp),
                                  "layout=sfdp"));
  g_assert_null (g_strstr_len (g_bytes_get_data (sfdp, NULL), (gssize) g_bytes_get_size (sfdp),
                               "the most connected"));
}

/* Nodes without an edge are left out of a summary, and the note counts
 * them. */
static void
test_size_isolated (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *jsonl = g_build_filename (dir, "isolated.jsonl", NULL);
  g_autoptr (GString) line = g_string_new ("{\"article\": {\"source\": \"https://example.vn/a\", "
                                           "\"text\": \"Các đảng bộ xã.\"}, \"nodes\": [");
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (line, "{\"id\": \"o%u\", \"type\": \"organization\", "
                                  "\"label\": \"Đảng ủy xã số %u\", \"attrs\": {\"level\": \"commune\"}}, ",
                            i, i);
  g_string_append (line, "{\"id\": \"h\", \"type\": \"organization\", \"label\": \"Huyện ủy Một\", "
                         "\"attrs\": {\"level\": \"district\"}}], \"edges\": [");
  for (guint i = 0; i < 5; i++)
    g_string_append_printf (line, "%s{\"type\": \"part-of\", \"src\": \"o%u\", \"dst\": \"h\"}",
                            i ? ", " : "", i);
  g_string_append (line, "]}\n");
  g_assert_true (g_file_set_contents (jsonl, line->str, -1, NULL));
  g_autofree char *db = g_build_filename (dir, "isolated.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgStore) store = dg_store_open (db, &error);
  g_assert_no_error (error);
  DgImportSink sink = { store_article, import_error, store };
  g_assert_true (dg_import_path (jsonl, "jsonl", &sink, &error));
  DgExportOptions o = opts ("organizations", "dot");
  o.max_nodes = 20;
  g_autoptr (GPtrArray) parts = dg_export_render (store, &o, &error);
  g_assert_no_error (error);
  const char *dot = g_bytes_get_data (((DgExportPart *) parts->pdata[0])->bytes, NULL);
  Agraph_t *g = agmemread (dot);
  guint more;
  /* The district and its five communes; the 25 others are left out. */
  g_assert_cmpuint (drawn_nodes (g, &more), ==, 6);
  g_assert_cmpuint (more, ==, 0);
  g_assert_nonnull (strstr (agget (g, "label"), "left out, with no edge here: 25 organizations"));
  agclose (g);
  /* An SVG links each node to its article. */
  if (dg_export_has_plugin ("device", "svg"))
    {
      o.format = "svg";
      g_autoptr (GPtrArray) svg = dg_export_render (store, &o, &error);
      g_assert_no_error (error);
      const char *text = g_bytes_get_data (((DgExportPart *) svg->pdata[0])->bytes, NULL);
      g_assert_nonnull (strstr (text, "xlink:href=\"https://example.vn/a\""));
    }
}

static void expect_error (DgExportOptions *o, gint code, const char *fragment);

/* --dpi sets a PNG's resolution; a drawing too large for cairo is scaled
 * by us, not by a message on stderr. */
static void
test_png_dpi (void)
{
  if (!need_plugin ("png"))
    return;
  guint32 widths[2];
  const double dpis[] = { 96, 192 };
  for (guint i = 0; i < 2; i++)
    {
      DgExportOptions o = case_opts (2, "png");
      o.dpi = dpis[i];
      g_autoptr (GBytes) png = render_one (&o);
      widths[i] = read_be32 ((const guchar *) g_bytes_get_data (png, NULL) + 16);
    }
  g_assert_cmpuint (widths[1], >, widths[0] * 19 / 10);
  g_assert_cmpuint (widths[1], <, widths[0] * 21 / 10);
  DgExportOptions bad = case_opts (2, "png");
  bad.dpi = 5000;
  expect_error (&bad, DG_EXPORT_ERROR_USAGE, "--dpi");
  /* The size the drawing may take, in inches, keeps it under cairo's
   * 32767 pixels a side at this dpi. */
  static const DgExportView flat = { "flat", "test", FALSE, -1, -1, FALSE, NULL };
  static const DgExportFormat png = { "png", "png", "test", TRUE, TRUE, NULL };
  DgExportJob job = { 0 };
  job.view = &flat;
  job.format = &png;
  job.layout = "dot";
  job.dpi = 300;
  job.graph = view ("all", NULL, -1);
  Agraph_t *g = dg_export_agraph (&job);
  double w = 0, h = 0;
  g_assert_cmpint (sscanf (agget (g, "size"), "%lf,%lf", &w, &h), ==, 2);
  g_assert_cmpfloat (w * 300, <=, 32767);
  g_assert_cmpfloat (h * 300, <=, 32767);
  g_assert_cmpstr (agget (g, "dpi"), ==, "300");
  agclose (g);
  dg_graph_free (job.graph);
}

/* Many small parts (an event and who attended it) stand in rows, not in
 * one ribbon: the drawing keeps about a page's proportions. */
static void
test_page_proportions (void)
{
  if (!need_plugin ("svg"))
    return;
  static const DgExportView flat = { "events", "test", FALSE, -1, -1, FALSE, NULL };
  static const DgExportFormat svg = { "svg", "svg", "test", TRUE, FALSE, NULL };
  DgExportJob job = { 0 };
  job.view = &flat;
  job.format = &svg;
  job.layout = "dot";
  job.graph = dg_graph_new (NULL);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *event = g_strdup_printf ("Hội nghị lần thứ %u", i);
      DgNode *e = dg_graph_add_node (job.graph, DG_NODE_EVENT, NULL, event);
      for (guint j = 0; j < 2; j++)
        {
          g_autofree char *name = g_strdup_printf ("Cán bộ %u-%u", i, j);
          DgNode *p = dg_graph_add_node (job.graph, DG_NODE_OFFICIAL, NULL, name);
          dg_graph_add_edge (job.graph, DG_EDGE_ATTENDED, p, e, "chaired", 0, 0, NULL);
        }
    }
  dg_graph_sort (job.graph);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_export_part_free);
  g_autoptr (GError) error = NULL;
  g_assert_true (dg_export_write_svg (&job, parts, &error));
  g_assert_no_error (error);
  const char *text = g_bytes_get_data (((DgExportPart *) parts->pdata[0])->bytes, NULL);
  const char *at = strstr (text, "<svg width=\"");
  g_assert_nonnull (at);
  double w = 0, h = 0;
  g_assert_cmpint (sscanf (at, "<svg width=\"%lfpt\" height=\"%lfpt\"", &w, &h), ==, 2);
  if (w / h > 2.5)
    g_error ("a drawing %.0f × %.0f pt is no page", w, h);
  dg_graph_free (job.graph);
}

static void
test_layouts (void)
{
  if (!need_plugin ("svg"))
    return;
  for (const char *const *l = dg_export_layouts (); *l; l++)
    {
      if (!dg_export_has_plugin ("layout", *l))
        {
          g_test_message ("no %s layout plugin: skipped", *l);
          continue;
        }
      DgExportOptions o = opts ("citations", "svg");
      o.layout = *l;
      g_autoptr (GBytes) svg = render_one (&o);
      gsize len;
      const char *data = g_bytes_get_data (svg, &len);
      g_autoptr (GHashTable) counts = xml_check (data, len, NULL, NULL);
      g_assert_cmpuint (count (counts, "svg"), ==, 1);
    }
}

/* ------------------------------------------------------------- errors */

static void
expect_error (DgExportOptions *o, gint code, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parts = dg_export_render (fixture (), o, &error);
  g_assert_null (parts);
  g_assert_error (error, DG_EXPORT_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

static void
test_error_names (void)
{
  DgExportOptions o = opts ("citatons", "dot");
  expect_error (&o, DG_EXPORT_ERROR_FORMAT, "unknown view “citatons”");
  o = opts ("all", "jpeg2000");
  expect_error (&o, DG_EXPORT_ERROR_FORMAT, "unknown format “jpeg2000”");
  o = opts ("all", "dot");
  o.layout = "spring";
  expect_error (&o, DG_EXPORT_ERROR_FORMAT, "unknown layout engine “spring”");
}

static void
test_error_root (void)
{
  DgExportOptions o = opts ("implements", "dot");
  expect_error (&o, DG_EXPORT_ERROR_USAGE, "needs --root");
  o.root = "999-KH/TU";
  expect_error (&o, DG_EXPORT_ERROR_USAGE, "no document “999-KH/TU”");
  o.root = "Tỉnh ủy Lạng Sơn";
  expect_error (&o, DG_EXPORT_ERROR_USAGE, "not a document");
  o.root = "999999";
  expect_error (&o, DG_EXPORT_ERROR_USAGE, "999999");
  /* 90-KH/TU is a plan of Hà Giang and one of Bắc Ninh. */
  o.root = "90-KH/TU";
  expect_error (&o, DG_EXPORT_ERROR_USAGE, "fits 2 documents");
  o = opts ("citations", "dot");
  o.root = "147-KH/TU";
  expect_error (&o, DG_EXPORT_ERROR_USAGE, "--root needs a view");
  o = opts ("organizations", "dot");
  o.has_depth = TRUE;
  o.depth = 2;
  expect_error (&o, DG_EXPORT_ERROR_USAGE, "--depth needs a view");
}

/* --------------------------------------------------------------- CLI */

static int
run_cli (const char *const *args, char **err)
{
  g_autofree char *bin = g_build_filename (DG_BINARY_DIR, "docgraph", NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, bin);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  int status = 0;
  g_autoptr (GError) error = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autofree char *bin = g_build_filename (DG_BINARY_DIR, "docgraph", NULL);
  if (!g_file_test (bin, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the docgraph binary is not built");
      return;
    }
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *jsonl = dg_test_data_path ("export/fixture.jsonl");
  char *err = NULL;
  const char *import[] = { "import", "--db", db, jsonl, NULL };
  g_assert_cmpint (run_cli (import, &err), ==, 0);
  g_free (err);

  g_autofree char *svg = g_build_filename (dir, "g.svg", NULL);
  const char *all_svg[] = { "export", "--db", db, "--view", "all", "-T", "svg", "-o", svg, NULL };
  if (dg_export_has_plugin ("device", "svg"))
    {
      g_assert_cmpint (run_cli (all_svg, &err), ==, 0);
      g_free (err);
      g_autofree char *data = NULL;
      gsize len;
      g_assert_true (g_file_get_contents (svg, &data, &len, NULL));
      g_autoptr (GHashTable) counts = xml_check (data, len, NULL, NULL);
      g_assert_cmpuint (count (counts, "svg"), ==, 1);
    }
  struct {
    const char *args[12]; /* arguments after docgraph */
    int status;           /* exit status */
    const char *says;     /* part of the message on stderr, or NULL */
  } runs[] = {
    { { "export", "--db", db, "--view", "nope", NULL }, 2, "unknown view" },
    { { "export", "--db", db, "-T", "bmp2", NULL }, 2, "unknown format" },
    { { "export", "--db", db, "--layout", "spring", NULL }, 2, "unknown layout" },
    { { "export", "--db", db, "--view", "implements", NULL }, 2, "needs --root" },
    { { "export", "--db", db, "--view", "implements", "--root", "1-XX/TW", NULL }, 2, "no document" },
    { { "export", "--db", db, "--view", "ego", "--root", "Bộ Chính trị", "--depth", "-1", NULL },
      2, "--depth" },
    { { "export", "--db", db, "--view", "all", "--root", "Bộ Chính trị", NULL }, 2, "--root needs" },
    { { "export", "--db", db, "--view", "implements", "--root", "147-KH/TU", NULL }, 0, NULL },
    { { "export", "--db", db, "--view", "ego", "--root", "Bộ Chính trị", "--depth", "2", "-T",
        "json", NULL }, 0, NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *msg = NULL;
      int status = run_cli (runs[i].args, &msg);
      if (status != runs[i].status || (runs[i].says && !strstr (msg, runs[i].says)))
        g_error ("run %u: exit %d, stderr: %s", i, status, msg);
    }
  /* Over the limit: drawn with sfdp and a note that says the size and gives
   * the advice; an engine named outright draws it without the note. */
  g_autofree char *big = g_build_filename (dir, "big.db", NULL);
  g_autofree char *big_jsonl = g_build_filename (dir, "big.jsonl", NULL);
  g_autoptr (GString) line = g_string_new ("{\"article\": {\"source\": \"big\", \"text\": "
                                           "\"Các đảng bộ xã.\"}, \"nodes\": [");
  for (guint i = 0; i < DG_EXPORT_MAX_NODES + 1; i++)
    g_string_append_printf (line, "%s{\"id\": \"o%u\", \"type\": \"organization\", "
                                  "\"label\": \"Đảng ủy xã số %u\", \"attrs\": {\"level\": \"commune\"}}",
                            i ? ", " : "", i, i);
  g_string_append (line, "], \"edges\": []}\n");
  g_assert_true (g_file_set_contents (big_jsonl, line->str, -1, NULL));
  const char *import_big[] = { "import", "--db", big, big_jsonl, NULL };
  g_assert_cmpint (run_cli (import_big, &err), ==, 0);
  g_free (err);
  const char *too_big[] = { "export", "--db", big, "--view", "organizations", NULL };
  g_autofree char *msg = NULL;
  g_assert_cmpint (run_cli (too_big, &msg), ==, 0);
  g_autofree char *size = g_strdup_printf ("%u nodes", DG_EXPORT_MAX_NODES + 1);
  g_assert_nonnull (strstr (msg, size));
  g_assert_nonnull (strstr (msg, "more than a page holds"));
  g_assert_nonnull (strstr (msg, "--root"));
  if (dg_export_has_plugin ("device", "png"))
    {
      /* Graphviz says nothing of its own on stderr. */
      g_autofree char *png = g_build_filename (dir, "big.png", NULL);
      const char *dpi[] = { "export", "--db", big, "--view", "organizations", "-T", "png",
                            "--dpi", "150", "-o", png, NULL };
      g_autofree char *said = NULL;
      g_assert_cmpint (run_cli (dpi, &said), ==, 0);
      g_assert_null (strstr (said, "(null)"));
      g_assert_null (strstr (said, "Warning"));
      g_assert_null (strstr (said, "Error"));
    }
  const char *sfdp[] = { "export", "--db", big, "--view", "organizations", "--layout", "sfdp", NULL };
  g_assert_cmpint (run_cli (sfdp, &err), ==, 0);
  g_assert_null (strstr (err, "nodes"));
  g_free (err);
}

/* ---------------------------------------------------------------- legend */

static void
test_legend (void)
{
  DgExportOptions o = opts ("events", "dot");
  g_autofree char *dot = render_text (&o);
  Agraph_t *g = agmemread (dot);
  Agraph_t *legend = agsubg (g, "cluster_legend", 0);
  g_assert_nonnull (legend);
  const char *types[] = { "organization", "official", "document", "event" };
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *name = g_strconcat ("legend:", types[i], NULL);
      Agnode_t *n = agnode (legend, name, 0);
      g_assert_nonnull (n);
      g_assert_cmpstr (agget (n, "shape"), ==, dg_export_node_style (i)->shape);
    }
  const char *table = agget (agnode (legend, "legend:edges", 0), "label");
  g_assert_nonnull (strstr (table, "organized-by"));
  g_assert_nonnull (strstr (table, "attended"));
  g_assert_nonnull (strstr (table, "about"));
  g_assert_null (strstr (table, "part-of")); /* only edge types present */
  agclose (g);
  /* Clusters by level where the view has them. */
  o = opts ("citations", "dot");
  g_autofree char *cit = render_text (&o);
  g = agmemread (cit);
  g_assert_nonnull (agnode (agsubg (g, "cluster_central", 0), "document:12-kl/tw", 0));
  g_assert_nonnull (agnode (agsubg (g, "cluster_district", 0),
                            "document:92-kh/qu|ban thường vụ quận ủy thanh xuân", 0));
  agclose (g);
}

/* A big shallow view: officials around one organization, and isolated
 * organizations, get staggered ranks and short invisible chains. */
static void
test_unflatten (void)
{
  static const DgExportView flat = { "flat", "test", FALSE, -1, -1, FALSE, NULL };
  DgExportJob job = { 0 };
  job.view = &flat;
  job.layout = "dot";
  job.graph = dg_graph_new (NULL);
  DgNode *hub = dg_graph_add_node (job.graph, DG_NODE_ORGANIZATION, "hub", "Tỉnh ủy");
  for (guint i = 0; i < 45; i++)
    {
      g_autofree char *name = g_strdup_printf ("Cán bộ %u", i);
      DgNode *p = dg_graph_add_node (job.graph, DG_NODE_OFFICIAL, NULL, name);
      dg_graph_add_edge (job.graph, DG_EDGE_MEMBER_OF, p, hub, "Ủy viên", 0, 0, NULL);
    }
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("Đảng ủy xã %u", i);
      dg_graph_add_node (job.graph, DG_NODE_ORGANIZATION, NULL, name);
    }
  dg_graph_sort (job.graph);
  Agraph_t *g = dg_export_agraph (&job);
  guint minlen[5] = { 0 }, invisible = 0;
  for (Agnode_t *n = agfstnode (g); n; n = agnxtnode (g, n))
    for (Agedge_t *e = agfstout (g, n); e; e = agnxtout (g, e))
      {
        int len = atoi (agget (e, "minlen"));
        g_assert_cmpint (len, >=, 1);
        g_assert_cmpint (len, <=, 4);
        minlen[len]++;
        if (strcmp (agget (e, "style"), "invis") == 0)
          invisible++;
      }
  /* 45 fan edges over 4 ranks; 7 isolated nodes: a chain of 5, one of 2. */
  g_assert_cmpuint (minlen[4], ==, 11);
  g_assert_cmpuint (invisible, ==, 5);
  agclose (g);
  dg_graph_free (job.graph);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/export/golden/%s", cases[i].view);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_golden);
    }
  g_test_add_func ("/export/golden/all-summary", test_golden_summary);
  g_test_add_func ("/export/view/organizations", test_view_organizations);
  g_test_add_func ("/export/view/citations", test_view_citations);
  g_test_add_func ("/export/view/implements", test_view_implements);
  g_test_add_func ("/export/view/implements-depth", test_view_implements_depth);
  g_test_add_func ("/export/view/events", test_view_events);
  g_test_add_func ("/export/view/ego", test_view_ego);
  g_test_add_func ("/export/view/root-by-id", test_view_root_by_id);
  g_test_add_func ("/export/view/root-resolver", test_view_root_resolver);
  g_test_add_func ("/export/format/dot", test_format_dot);
  g_test_add_func ("/export/format/svg", test_format_svg);
  g_test_add_func ("/export/format/png", test_format_png);
  g_test_add_func ("/export/format/pdf", test_format_pdf);
  g_test_add_func ("/export/format/json", test_format_json);
  g_test_add_func ("/export/format/graphml", test_format_graphml);
  g_test_add_func ("/export/format/gexf", test_format_gexf);
  g_test_add_func ("/export/format/csv", test_format_csv);
  g_test_add_func ("/export/format/csv-files", test_format_csv_files);
  g_test_add_func ("/export/escape/html-label", test_escape_html_label);
  g_test_add_func ("/export/escape/plain", test_escape_plain);
  g_test_add_func ("/export/escape/dot", test_escape_dot);
  g_test_add_func ("/export/escape/xml", test_escape_xml);
  g_test_add_func ("/export/escape/csv", test_escape_csv);
  g_test_add_func ("/export/wrap/words", test_wrap_words);
  g_test_add_func ("/export/wrap/long-word", test_wrap_long_word);
  g_test_add_func ("/export/wrap/max-lines", test_wrap_max_lines);
  g_test_add_func ("/export/determinism", test_determinism);
  g_test_add_func ("/export/size-limit", test_size_limit);
  g_test_add_func ("/export/size-isolated", test_size_isolated);
  g_test_add_func ("/export/png-dpi", test_png_dpi);
  g_test_add_func ("/export/page-proportions", test_page_proportions);
  g_test_add_func ("/export/layouts", test_layouts);
  g_test_add_func ("/export/error/names", test_error_names);
  g_test_add_func ("/export/error/root", test_error_root);
  g_test_add_func ("/export/legend", test_legend);
  g_test_add_func ("/export/unflatten", test_unflatten);
  g_test_add_func ("/export/cli", test_cli);
  int rc = g_test_run ();
  g_clear_pointer (&fixture_store, dg_store_free);
  return rc;
}
