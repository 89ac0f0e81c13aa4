/* test-extract.c: every extraction rule, one sentence per case, from the
 * tables under tests/data (document numbers, organizations, officials,
 * events, relations; their columns are described in
 * tests/data/extract/README.md), the golden JSON of examples/, and bad
 * input. */
#include "testutil.h"
#include "importers/extract-private.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ tables */

typedef struct {
  char *file;     /* table name, e.g. "extract/organizations.tsv" */
  guint line;     /* line number in the file */
  GStrv header;   /* column names */
  GStrv cells;    /* this row */
} Row;

static void
row_free (gpointer p)
{
  Row *r = p;
  g_free (r->file);
  g_strfreev (r->header);
  g_strfreev (r->cells);
  g_free (r);
}

static const char *
cell (const Row *r, const char *column)
{
  for (guint i = 0; r->header[i]; i++)
    if (strcmp (r->header[i], column) == 0)
      return i < g_strv_length (r->cells) ? r->cells[i] : "";
  g_error ("%s: no column %s", r->file, column);
  return "";
}

static GPtrArray *
load_rows (const char *file)
{
  gsize len;
  g_autofree char *text = dg_test_read_data (file, &len);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  g_auto (GStrv) header = NULL;
  for (guint i = 0; lines[i]; i++)
    {
      if (*lines[i] == '\0')
        continue;
      if (header == NULL)
        {
          header = g_strsplit (lines[i], "\t", -1);
          continue;
        }
      Row *r = g_new0 (Row, 1);
      r->file = g_strdup (file);
      r->line = i + 1;
      r->header = g_strdupv (header);
      r->cells = g_strsplit (lines[i], "\t", -1);
      g_ptr_array_add (rows, r);
    }
  return rows;
}

/* Rows the rules do not get right yet, each with the reason; they are
 * reported as incomplete, not passed. */
static GHashTable *
known_gaps (void)
{
  static GHashTable *gaps;
  if (gaps == NULL)
    {
      gaps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr (GPtrArray) rows = load_rows ("extract/known-gaps.tsv");
      for (guint i = 0; i < rows->len; i++)
        {
          Row *r = rows->pdata[i];
          g_hash_table_insert (gaps, g_strdup (cell (r, "id")), g_strdup (cell (r, "reason")));
        }
    }
  return gaps;
}

/* The text of a cell: "\n" stands for a line break. */
static DgGraph *
extract_cell (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (p[0] == '\\' && p[1] == 'n')
        {
          g_string_append_c (s, '\n');
          p++;
        }
      else
        g_string_append_c (s, *p);
    }
  DgGraph *g = dg_test_extract_text (s->str);
  g_string_free (s, TRUE);
  return g;
}

static GPtrArray *
split_list (const char *s, const char *sep)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) parts = g_strsplit (s, sep, -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *p = g_strstrip (g_strdup (parts[i]));
      if (*p)
        g_ptr_array_add (out, p);
      else
        g_free (p);
    }
  return out;
}

static char *
fold (const char *s)
{
  return dg_text_fold_search (s ? s : "", -1);
}

/* "100 - KL/TW" = "100-KL/TW", as the scorer compares codes. */
static char *
fold_code (const char *s)
{
  g_autofree char *f = fold (s);
  GString *o = g_string_new (NULL);
  for (const char *p = f; *p; p++)
    if (*p != ' ')
      g_string_append_c (o, g_ascii_toupper (*p));
  return g_string_free (o, FALSE);
}

/* An organization named label: by its folded label, by the label with a
 * province the article gave added ("Thanh tra tỉnh" → "Thanh tra tỉnh Bình
 * Định"), or by the key its name folds to ("Trung ương Đảng" and "Ban Chấp
 * hành Trung ương Đảng"). */
static gboolean
org_matches (DgNode *n, const char *label)
{
  g_autofree char *a = fold (dg_node_label (n));
  g_autofree char *b = fold (label);
  if (strcmp (a, b) == 0)
    return TRUE;
  if (g_str_has_prefix (a, b) && a[strlen (b)] == ' ')
    {
      GPtrArray *rows = dg_data_table ("provinces.tsv");
      for (guint i = 0; i < rows->len; i++)
        {
          g_autofree char *p = fold (dg_data_field (rows->pdata[i], 0));
          if (strcmp (a + strlen (b) + 1, p) == 0)
            return TRUE;
        }
    }
  g_autofree char *key = dg_org_key (NULL, label);
  return g_str_has_prefix (dg_node_key (n), key)
         && (dg_node_key (n)[strlen (key)] == '\0' || dg_node_key (n)[strlen (key)] == '#');
}

static gboolean
node_matches (DgNode *n, const char *label)
{
  g_autofree char *a = fold (dg_node_label (n));
  g_autofree char *b = fold (label);
  switch (dg_node_type (n))
    {
    case DG_NODE_ORGANIZATION:
      return org_matches (n, label);
    case DG_NODE_DOCUMENT:
      {
        const char *code = dg_node_get_attr (n, "code");
        g_autoptr (GRegex) re = g_regex_new ("\\d+\\s*[-/]", 0, 0, NULL);
        if (code && g_regex_match (re, label, 0, NULL))
          {
            g_autofree char *c = fold_code (code);
            g_autofree char *l = fold_code (label);
            return strstr (l, c) != NULL;
          }
        return strcmp (a, b) == 0 || (strlen (b) > 8 && strstr (a, b) != NULL);
      }
    case DG_NODE_EVENT:
      return strstr (a, b) != NULL || strstr (b, a) != NULL;
    default:
      return strcmp (a, b) == 0;
    }
}

static gboolean
gap_or_fail (const Row *r, const char *what)
{
  const char *reason = g_hash_table_lookup (known_gaps (), cell (r, "id"));
  if (reason)
    {
      g_autofree char *msg = g_strdup_printf ("known gap (%s): %s", reason, what);
      g_test_incomplete (msg);
      return TRUE;
    }
  g_test_fail_printf ("%s %s (line %u): %s", r->file, cell (r, "id"), r->line, what);
  return FALSE;
}

static void
describe (GString *out, DgGraph *g)
{
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    {
      DgNode *n = dg_graph_node (g, i);
      g_string_append_printf (out, "\n  %s: %s", dg_node_type_name (dg_node_type (n)), dg_node_label (n));
    }
  for (guint i = 0; i < dg_graph_n_edges (g); i++)
    {
      DgEdge *e = dg_graph_edge (g, i);
      g_string_append_printf (out, "\n  %s: %s > %s [%s]", dg_edge_type_name (dg_edge_type (e)),
                              dg_node_label (dg_edge_src (e)), dg_node_label (dg_edge_dst (e)),
                              dg_edge_role (e) ? dg_edge_role (e) : "");
    }
}

/* ------------------------------------------------------------ doc numbers */

static void
test_doc_number (gconstpointer data)
{
  const Row *r = data;
  g_autoptr (DgGraph) g = extract_cell (cell (r, "text"));
  const char *code = cell (r, "code");
  DgNode *doc = NULL;
  guint found = 0;
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    {
      DgNode *n = dg_graph_node (g, i);
      if (dg_node_type (n) != DG_NODE_DOCUMENT)
        continue;
      gboolean m;
      if (*code)
        {
          g_autofree char *a = fold_code (dg_node_get_attr (n, "code"));
          g_autofree char *b = fold_code (code);
          m = strcmp (a, b) == 0;
        }
      else
        {
          g_autofree char *a = fold (dg_node_get_attr (n, "doc_type"));
          g_autofree char *b = fold (cell (r, "doc_type"));
          m = strcmp (a, b) == 0 && g_strcmp0 (dg_node_get_attr (n, "number") ? dg_node_get_attr (n, "number") : "", cell (r, "number")) == 0;
        }
      if (m)
        doc = n, found++;
    }
  g_autoptr (GString) why = g_string_new (NULL);
  if (found != 1)
    g_string_append_printf (why, "%u documents match", found);
  else
    {
      g_autofree char *t1 = fold (dg_node_get_attr (doc, "doc_type"));
      g_autofree char *t2 = fold (cell (r, "doc_type"));
      if (strcmp (t1, t2) != 0)
        g_string_append_printf (why, "type %s, not %s; ", dg_node_get_attr (doc, "doc_type"), cell (r, "doc_type"));
      const char *num = dg_node_get_attr (doc, "number");
      if (g_strcmp0 (num ? num : "", cell (r, "number")) != 0)
        g_string_append_printf (why, "number %s; ", num);
      const char *date = dg_node_get_attr (doc, "date");
      if (g_strcmp0 (date ? date : "", cell (r, "date")) != 0)
        g_string_append_printf (why, "date %s, not %s; ", date, cell (r, "date"));
      g_autoptr (GPtrArray) issuers = split_list (cell (r, "issuer"), "|");
      if (issuers->len)
        {
          gboolean ok = FALSE;
          for (guint i = 0; i < dg_graph_n_edges (g) && !ok; i++)
            {
              DgEdge *e = dg_graph_edge (g, i);
              if (dg_edge_type (e) != DG_EDGE_ISSUED_BY || dg_edge_src (e) != doc)
                continue;
              for (guint k = 0; k < issuers->len && !ok; k++)
                ok = org_matches (dg_edge_dst (e), issuers->pdata[k]);
            }
          if (!ok)
            g_string_append (why, "issuer missing; ");
        }
    }
  if (why->len)
    {
      describe (why, g);
      gap_or_fail (r, why->str);
    }
}

/* ------------------------------------------------------------ organizations */

static void
test_organizations (gconstpointer data)
{
  const Row *r = data;
  g_autoptr (DgGraph) g = extract_cell (cell (r, "text"));
  g_autoptr (GPtrArray) expected = split_list (cell (r, "expected_labels"), "|");
  g_autoptr (GPtrArray) optional = split_list (cell (r, "optional_labels"), "|");
  g_autoptr (GString) why = g_string_new (NULL);
  for (guint k = 0; k < expected->len; k++)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < dg_graph_n_nodes (g) && !found; i++)
        {
          DgNode *n = dg_graph_node (g, i);
          found = dg_node_type (n) == DG_NODE_ORGANIZATION && org_matches (n, expected->pdata[k]);
        }
      if (!found)
        g_string_append_printf (why, "missing %s; ", (char *) expected->pdata[k]);
    }
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    {
      DgNode *n = dg_graph_node (g, i);
      if (dg_node_type (n) != DG_NODE_ORGANIZATION)
        continue;
      gboolean known = FALSE;
      for (guint k = 0; k < expected->len && !known; k++)
        known = org_matches (n, expected->pdata[k]);
      for (guint k = 0; k < optional->len && !known; k++)
        known = org_matches (n, optional->pdata[k]);
      if (!known)
        g_string_append_printf (why, "extra %s; ", dg_node_label (n));
    }
  if (why->len)
    {
      describe (why, g);
      gap_or_fail (r, why->str);
    }
}

/* ------------------------------------------------------------ officials */

static void
test_officials (gconstpointer data)
{
  const Row *r = data;
  g_autoptr (DgGraph) g = extract_cell (cell (r, "text"));
  g_autoptr (GPtrArray) names = split_list (cell (r, "expected"), "|");
  g_auto (GStrv) titles = g_strsplit (cell (r, "titles"), "|", -1);
  g_autoptr (GString) why = g_string_new (NULL);
  guint officials = 0;
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    officials += dg_node_type (dg_graph_node (g, i)) == DG_NODE_OFFICIAL;
  if (officials != names->len)
    g_string_append_printf (why, "%u officials, not %u; ", officials, names->len);
  for (guint k = 0; k < names->len; k++)
    {
      DgNode *p = NULL;
      for (guint i = 0; i < dg_graph_n_nodes (g) && !p; i++)
        {
          DgNode *n = dg_graph_node (g, i);
          if (dg_node_type (n) == DG_NODE_OFFICIAL && node_matches (n, names->pdata[k]))
            p = n;
        }
      if (p == NULL)
        {
          g_string_append_printf (why, "missing %s; ", (char *) names->pdata[k]);
          continue;
        }
      g_autoptr (GPtrArray) want = split_list (k < g_strv_length (titles) ? titles[k] : "", ";");
      JsonNode *tn = json_object_get_member (dg_node_attrs (p), "titles");
      JsonArray *have = tn && JSON_NODE_HOLDS_ARRAY (tn) ? json_node_get_array (tn) : NULL;
      guint nhave = have ? json_array_get_length (have) : 0;
      gboolean same = nhave == want->len;
      for (guint w = 0; w < want->len && same; w++)
        {
          g_autofree char *fw = fold (want->pdata[w]);
          gboolean seen = FALSE;
          for (guint h = 0; h < nhave && !seen; h++)
            {
              g_autofree char *fh = fold (json_array_get_string_element (have, h));
              seen = strcmp (fw, fh) == 0;
            }
          same = seen;
        }
      if (!same)
        {
          g_string_append_printf (why, "titles of %s:", (char *) names->pdata[k]);
          for (guint h = 0; h < nhave; h++)
            g_string_append_printf (why, " [%s]", json_array_get_string_element (have, h));
          g_string_append (why, "; ");
        }
    }
  if (why->len)
    {
      describe (why, g);
      gap_or_fail (r, why->str);
    }
}

/* ------------------------------------------------------------ events */

static void
test_events (gconstpointer data)
{
  const Row *r = data;
  g_autoptr (DgGraph) g = extract_cell (cell (r, "text"));
  const char *label = cell (r, "label");
  g_autoptr (GString) why = g_string_new (NULL);
  DgNode *ev = NULL;
  guint events = 0;
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    {
      DgNode *n = dg_graph_node (g, i);
      if (dg_node_type (n) != DG_NODE_EVENT)
        continue;
      events++;
      g_autofree char *a = fold (dg_node_label (n));
      g_autofree char *b = fold (label);
      if (*label && strstr (a, b))
        ev = n;
    }
  if (*label == '\0')
    {
      if (events)
        g_string_append_printf (why, "%u events, none expected; ", events);
    }
  else if (ev == NULL)
    g_string_append_printf (why, "no event labelled %s; ", label);
  else
    {
      const char *date = dg_node_get_attr (ev, "date");
      if (*cell (r, "date") && g_strcmp0 (date, cell (r, "date")) != 0)
        g_string_append_printf (why, "date %s, not %s; ", date, cell (r, "date"));
      if (*cell (r, "participants"))
        {
          JsonNode *pn = json_object_get_member (dg_node_attrs (ev), "participants");
          gint64 p = pn ? json_node_get_int (pn) : -1;
          if (p != g_ascii_strtoll (cell (r, "participants"), NULL, 10))
            g_string_append_printf (why, "participants %" G_GINT64_FORMAT "; ", p);
        }
      if (*cell (r, "location"))
        {
          g_autofree char *a = fold (dg_node_get_attr (ev, "location"));
          g_autofree char *b = fold (cell (r, "location"));
          if (strcmp (a, b) != 0)
            g_string_append_printf (why, "location %s; ", dg_node_get_attr (ev, "location"));
        }
    }
  if (why->len)
    {
      describe (why, g);
      gap_or_fail (r, why->str);
    }
}

/* ------------------------------------------------------------ relations */

typedef struct {
  GStrv types;  /* accepted edge types */
  char *role;   /* role, or NULL for any */
  char *src;    /* source label */
  char *dst;    /* target label */
} EdgeSpec;

static void
edge_spec_free (gpointer p)
{
  EdgeSpec *e = p;
  g_strfreev (e->types);
  g_free (e->role);
  g_free (e->src);
  g_free (e->dst);
  g_free (e);
}

/* "type[role]:src>dst | …" */
static GPtrArray *
parse_specs (const char *s)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (edge_spec_free);
  g_autoptr (GRegex) re = g_regex_new ("^([a-z/-]+)(?:\\[([^\\]]*)\\])?:(.*)>(.*)$", 0, 0, NULL);
  g_autoptr (GPtrArray) parts = split_list (s, " | ");
  for (guint i = 0; i < parts->len; i++)
    {
      g_autoptr (GMatchInfo) mi = NULL;
      if (!g_regex_match (re, parts->pdata[i], 0, &mi))
        g_error ("bad edge spec: %s", (char *) parts->pdata[i]);
      EdgeSpec *e = g_new0 (EdgeSpec, 1);
      g_autofree char *types = g_match_info_fetch (mi, 1);
      e->types = g_strsplit (types, "/", -1);
      e->role = g_match_info_fetch (mi, 2);
      if (e->role && *e->role == '\0')
        g_clear_pointer (&e->role, g_free);
      e->src = g_strstrip (g_match_info_fetch (mi, 3));
      e->dst = g_strstrip (g_match_info_fetch (mi, 4));
      g_ptr_array_add (out, e);
    }
  return out;
}

static gboolean
edge_matches (DgEdge *e, const EdgeSpec *s)
{
  if (!g_strv_contains ((const char *const *) s->types, dg_edge_type_name (dg_edge_type (e))))
    return FALSE;
  if (!node_matches (dg_edge_src (e), s->src) || !node_matches (dg_edge_dst (e), s->dst))
    return FALSE;
  if (s->role)
    {
      g_autofree char *a = fold (s->role);
      g_autofree char *b = fold (dg_edge_role (e));
      return strcmp (a, b) == 0;
    }
  return TRUE;
}

/* An issuer the code implies (…/CT-TTg, …/NĐ-CP, …/QH15) may be given
 * without words. */
static gboolean
implied_issuer (DgEdge *e)
{
  if (dg_edge_type (e) != DG_EDGE_ISSUED_BY)
    return FALSE;
  const char *code = dg_node_get_attr (dg_edge_src (e), "code");
  g_autofree char *who = fold (dg_node_label (dg_edge_dst (e)));
  return code && (strstr (code, "TTg") || strstr (code, "CP") || strstr (code, "QH"))
         && (strcmp (who, "thu tuong chinh phu") == 0 || strcmp (who, "chinh phu") == 0
             || strcmp (who, "quoc hoi") == 0);
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The rules of the edges that match an expected edge, sorted, joined with
 * " | ". (transfer full) */
static char *
expected_rules (DgGraph *g, GPtrArray *want)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < dg_graph_n_edges (g); i++)
    {
      DgEdge *e = dg_graph_edge (g, i);
      gboolean wanted = FALSE;
      for (guint k = 0; k < want->len && !wanted; k++)
        wanted = edge_matches (e, want->pdata[k]);
      for (guint k = 0; wanted && k < dg_edge_n_evidence (e); k++)
        {
          const char *rule = dg_edge_evidence (e, k)->rule;
          gboolean seen = FALSE;
          for (guint q = 0; q < names->len && !seen; q++)
            seen = strcmp (names->pdata[q], rule) == 0;
          if (!seen)
            g_ptr_array_add (names, (gpointer) rule);
        }
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" | ", (char **) names->pdata);
}

static void
test_relations (gconstpointer data)
{
  const Row *r = data;
  g_autoptr (DgGraph) g = extract_cell (cell (r, "text"));
  g_autoptr (GPtrArray) want = parse_specs (cell (r, "edges"));
  g_autoptr (GPtrArray) optional = parse_specs (cell (r, "optional"));
  g_autoptr (GString) why = g_string_new (NULL);
  for (guint k = 0; k < want->len; k++)
    {
      EdgeSpec *s = want->pdata[k];
      gboolean found = FALSE;
      for (guint i = 0; i < dg_graph_n_edges (g) && !found; i++)
        found = edge_matches (dg_graph_edge (g, i), s);
      if (!found)
        g_string_append_printf (why, "missing %s:%s>%s; ", s->types[0], s->src, s->dst);
    }
  for (guint i = 0; i < dg_graph_n_edges (g); i++)
    {
      DgEdge *e = dg_graph_edge (g, i);
      gboolean known = implied_issuer (e);
      for (guint k = 0; k < want->len && !known; k++)
        known = edge_matches (e, want->pdata[k]);
      for (guint k = 0; k < optional->len && !known; k++)
        known = edge_matches (e, optional->pdata[k]);
      if (!known)
        g_string_append_printf (why, "extra %s:%s>%s; ", dg_edge_type_name (dg_edge_type (e)),
                                dg_node_label (dg_edge_src (e)), dg_node_label (dg_edge_dst (e)));
    }
  /* The rules that gave the expected edges are the ones the row names. */
  g_autofree char *got = expected_rules (g, want);
  if (strcmp (got, cell (r, "rules")) != 0)
    g_string_append_printf (why, "rules “%s”, not “%s”; ", got, cell (r, "rules"));
  if (why->len)
    {
      describe (why, g);
      gap_or_fail (r, why->str);
    }
}

/* ------------------------------------------------------------ examples */

static char *
golden_path (const char *name)
{
  g_autofree char *base = g_strndup (name, strlen (name) - 4);
  g_autofree char *file = g_strdup_printf ("extract/golden/%s.expected.json", base);
  return dg_test_data_path (file);
}

/* What extract prints for an example, without the text: the golden file.
 * DOCGRAPH_UPDATE_GOLDEN=1 writes it anew. */
static void
test_golden (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_build_filename (DG_SOURCE_DIR, "examples", name, NULL);
  g_autofree char *bytes = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_autoptr (GError) error = NULL;
  g_autofree char *source = g_strdup_printf ("examples/%s", name);
  g_autoptr (DgArticle) article = dg_article_from_text (source, bytes, len, &error);
  g_assert_no_error (error);
  g_autoptr (DgGraph) graph = dg_extract (article);
  g_autoptr (JsonNode) json = dg_graph_to_json (graph);
  json_object_remove_member (json_object_get_object_member (json_node_get_object (json), "article"),
                             "text");
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, json);
  json_generator_set_pretty (gen, TRUE);
  g_autofree char *out = json_generator_to_data (gen, NULL);
  g_autofree char *golden = golden_path (name);
  if (g_getenv ("DOCGRAPH_UPDATE_GOLDEN"))
    {
      g_autofree char *dir = g_path_get_dirname (golden);
      g_mkdir_with_parents (dir, 0755);
      g_assert_true (g_file_set_contents (golden, out, -1, NULL));
      return;
    }
  g_autofree char *expected = NULL;
  if (!g_file_get_contents (golden, &expected, NULL, NULL))
    g_error ("%s is missing; run with DOCGRAPH_UPDATE_GOLDEN=1", golden);
  g_assert_cmpstr (out, ==, expected);
}

/* Every node carries evidence that points at its words. */
static void
test_evidence (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_build_filename (DG_SOURCE_DIR, "examples", name, NULL);
  g_autofree char *bytes = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_autoptr (DgArticle) article = dg_article_from_text (name, bytes, len, NULL);
  g_autoptr (DgGraph) graph = dg_extract (article);
  const char *text = dg_article_text (article);
  gsize tl = dg_article_text_len (article);
  g_assert_cmpuint (dg_graph_n_nodes (graph), >, 0);
  for (guint i = 0; i < dg_graph_n_nodes (graph); i++)
    {
      DgNode *n = dg_graph_node (graph, i);
      g_assert_cmpuint (dg_node_n_mentions (n), >, 0);
      for (guint k = 0; k < dg_node_n_mentions (n); k++)
        {
          const DgSpan *s = dg_node_mention (n, k);
          g_assert_cmpuint (s->start, <, s->end);
          g_assert_cmpuint (s->end, <=, tl);
          g_assert_true (g_utf8_validate (text + s->start, s->end - s->start, NULL));
          g_assert_nonnull (s->rule);
        }
    }
  for (guint i = 0; i < dg_graph_n_edges (graph); i++)
    {
      DgEdge *e = dg_graph_edge (graph, i);
      g_assert_cmpuint (dg_edge_n_evidence (e), >, 0);
      const DgSpan *s = dg_edge_evidence (e, 0);
      g_assert_cmpuint (s->end, <=, tl);
      g_assert_cmpuint (s->start, <, s->end);
    }
}

/* ------------------------------------------------------------ context */

static void
test_province_context (void)
{
  g_autoptr (DgGraph) g = dg_test_extract_text (
    "Lạng Sơn: hội nghị cán bộ\n\nNgày 2/3, Tỉnh ủy tổ chức hội nghị. Ban Thường vụ Tỉnh ủy "
    "ban hành Kế hoạch số 12-KH/TU.");
  g_assert_nonnull (dg_test_find_label (g, DG_NODE_ORGANIZATION, "Tỉnh ủy Lạng Sơn"));
  g_assert_nonnull (dg_test_find_label (g, DG_NODE_ORGANIZATION, "Ban Thường vụ Tỉnh ủy Lạng Sơn"));
  g_assert_true (dg_test_has_edge (g, DG_EDGE_PART_OF, "Ban Thường vụ Tỉnh ủy Lạng Sơn",
                                   "Tỉnh ủy Lạng Sơn"));
}

static void
test_province_never_guessed (void)
{
  g_autoptr (DgGraph) g = dg_test_extract_text (
    "Tin tỉnh nhà\n\nBan Thường vụ Tỉnh ủy ban hành Kế hoạch số 90-KH/TU về công tác cán bộ.");
  DgNode *tu = dg_test_find_label (g, DG_NODE_ORGANIZATION, "Tỉnh ủy");
  g_assert_nonnull (tu);
  g_assert_cmpstr (dg_node_get_attr (tu, "unresolved"), ==, "true");
  /* The plan's key is this article's own: it merges with no other 90-KH/TU. */
  DgNode *plan = NULL;
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    if (dg_node_type (dg_graph_node (g, i)) == DG_NODE_DOCUMENT)
      plan = dg_graph_node (g, i);
  g_assert_nonnull (plan);
  g_assert_nonnull (strstr (dg_node_key (plan), "@"));
  g_assert_nonnull (strstr (dg_node_key (plan), "#?"));
}

static void
test_outlet_province (void)
{
  g_autoptr (DgGraph) g = dg_test_extract_text (
    "Ban Thường vụ Tỉnh ủy ban hành kế hoạch\n\n(Baonghean.vn) - Ban Thường vụ Tỉnh ủy vừa ban "
    "hành Kế hoạch số 207-KH/TU.");
  DgNode *btv = dg_test_find_label (g, DG_NODE_ORGANIZATION, "Ban Thường vụ Tỉnh ủy");
  g_assert_nonnull (btv);
  g_assert_cmpstr (dg_node_get_attr (btv, "province"), ==, "Nghệ An");
  g_assert_cmpstr (dg_node_key (btv), ==, "ban thường vụ tỉnh ủy nghệ an");
}

static void
test_abbreviation_defined (void)
{
  g_autoptr (DgGraph) g = dg_test_extract_text (
    "Tin\n\nBan Chỉ đạo phòng, chống tham nhũng, tiêu cực (PCTNTC) tỉnh Bắc Kạn họp. Ban Chỉ "
    "đạo PCTNTC tỉnh Bắc Kạn giao nhiệm vụ cho các sở.");
  guint orgs = 0;
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    orgs += dg_node_type (dg_graph_node (g, i)) == DG_NODE_ORGANIZATION;
  g_assert_cmpuint (orgs, ==, 1);
}

static void
test_keys_across_spellings (void)
{
  g_autoptr (DgGraph) a = dg_test_extract_text ("Tin\n\nUBND tỉnh Kiên Giang họp.");
  g_autoptr (DgGraph) b = dg_test_extract_text ("Tin\n\nỦy ban nhân dân tỉnh Kiên Giang họp.");
  g_assert_cmpstr (dg_node_key (dg_graph_node (a, 0)), ==, dg_node_key (dg_graph_node (b, 0)));
  g_autoptr (DgGraph) c = dg_test_extract_text ("Tin\n\nBan Bí thư Trung ương Đảng chỉ đạo.");
  g_autoptr (DgGraph) d = dg_test_extract_text ("Tin\n\nBan Bí thư chỉ đạo.");
  g_assert_cmpstr (dg_node_key (dg_graph_node (c, 0)), ==, dg_node_key (dg_graph_node (d, 0)));
  /* Central codes repeat across terms: the year is in the key. */
  g_autoptr (DgGraph) e = dg_test_extract_text ("Tin\n\nKết luận số 12-KL/TW ngày 12/8/2021 của Bộ Chính trị.");
  g_autoptr (DgGraph) f = dg_test_extract_text ("Tin\n\nKết luận số 12-KL/TW ngày 6/4/2022 của Bộ Chính trị.");
  DgNode *de = dg_test_find_label (e, DG_NODE_DOCUMENT, "Kết luận số 12-KL/TW");
  DgNode *df = dg_test_find_label (f, DG_NODE_DOCUMENT, "Kết luận số 12-KL/TW");
  g_assert_cmpstr (dg_node_key (de), !=, dg_node_key (df));
}

static guint
count_type (DgGraph *g, DgNodeType type)
{
  guint n = 0;
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    n += dg_node_type (dg_graph_node (g, i)) == type;
  return n;
}

/* "05-CT/TƯ" and "05-CT/TW" are one code; "12-KH/TU" (a Tỉnh ủy's) is not
 * taken for a central one. */
static void
test_codes_central (void)
{
  g_autoptr (DgGraph) g = dg_test_extract_text (
    "Tin\n\nThực hiện Chỉ thị số 05-CT/TƯ của Bộ Chính trị, Tỉnh ủy Nam Định ban hành Kế "
    "hoạch số 12-KH/TU. Chỉ thị 05-CT/TW đã đi vào cuộc sống.");
  g_assert_cmpuint (count_type (g, DG_NODE_DOCUMENT), ==, 2);
  g_autofree char *a = dg_store_code_key ("05-CT/TƯ");
  g_autofree char *b = dg_store_code_key ("05 - CT/T.Ư");
  g_autofree char *c = dg_store_code_key ("05-CT/TW");
  g_autofree char *d = dg_store_code_key ("05-CT/TU");
  g_assert_cmpstr (a, ==, c);
  g_assert_cmpstr (b, ==, c);
  g_assert_cmpstr (d, !=, c);
}

/* A document named without its number, then with it: one node, unless
 * the two name different issuers. */
static void
test_unnumbered_is_numbered (void)
{
  static const char body[]
    = "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát "
      "triển khoa học, công nghệ, đổi mới sáng tạo, Tỉnh ủy Tuyên Quang ban hành Kế hoạch số "
      "20-KH/TU.";
  g_autofree char *same = g_strconcat ("Bộ Chính trị ban hành Nghị quyết về phát triển khoa "
                                       "học, công nghệ\n\n", body, NULL);
  g_autofree char *other = g_strconcat ("Tỉnh ủy Tuyên Quang ban hành Nghị quyết về phát triển "
                                        "khoa học, công nghệ\n\n", body, NULL);
  g_autoptr (DgGraph) g = dg_test_extract_text (same);
  g_assert_cmpuint (count_type (g, DG_NODE_DOCUMENT), ==, 2);
  g_autoptr (DgGraph) h = dg_test_extract_text (other);
  g_assert_cmpuint (count_type (h, DG_NODE_DOCUMENT), ==, 3);
}

/* "Luật CĐ, việc thực hiện …": an abbreviated law's name stops at the
 * comma. */
static void
test_no_fragment_documents (void)
{
  g_autoptr (DgGraph) g = dg_test_extract_text (
    "Tin\n\nCông đoàn sẽ giám sát việc chấp hành pháp luật lao động, Luật CĐ, việc thực "
    "hiện quy chế dân chủ.");
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    g_assert_null (strchr (dg_node_label (dg_graph_node (g, i)), ','));
}

/* "TP.HCM", "TPHCM": one title, written out; the text keeps the spelling. */
static void
test_titles_places (void)
{
  g_autoptr (DgGraph) g = dg_test_extract_text (
    "Tin\n\nĐồng chí Nguyễn Văn Nên, Bí thư Thành ủy TP.HCM dự hội nghị. Ông Nên, Bí thư "
    "Thành ủy TPHCM, phát biểu.");
  DgNode *p = dg_test_find_label (g, DG_NODE_OFFICIAL, "Nguyễn Văn Nên");
  g_assert_nonnull (p);
  JsonArray *titles = json_object_get_array_member (dg_node_attrs (p), "titles");
  g_assert_cmpuint (json_array_get_length (titles), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (titles, 0), ==,
                   "Bí thư Thành ủy Thành phố Hồ Chí Minh");
  g_assert_nonnull (strstr (dg_article_text (dg_graph_article (g)), "TP.HCM"));
}

static void
test_year_of_article (void)
{
  /* The dateline gives the year; "Ngày 18/8" takes it. */
  g_autoptr (DgGraph) g = dg_test_extract_text (
    "Hội nghị\n\n20/08/2023 08:00\nNgày 18/8, Tỉnh ủy Lạng Sơn tổ chức Hội nghị quán triệt chuyên đề.");
  DgNode *ev = NULL;
  for (guint i = 0; i < dg_graph_n_nodes (g); i++)
    if (dg_node_type (dg_graph_node (g, i)) == DG_NODE_EVENT)
      ev = dg_graph_node (g, i);
  g_assert_nonnull (ev);
  g_assert_cmpstr (dg_node_get_attr (ev, "date"), ==, "2023-08-18");
  g_autoptr (DgGraph) h = dg_test_extract_text (
    "Hội nghị\n\nNgày 18/8, Tỉnh ủy Lạng Sơn tổ chức Hội nghị quán triệt chuyên đề.");
  for (guint i = 0; i < dg_graph_n_nodes (h); i++)
    if (dg_node_type (dg_graph_node (h, i)) == DG_NODE_EVENT)
      g_assert_cmpstr (dg_node_get_attr (dg_graph_node (h, i), "date"), ==, "--08-18");
}

/* ------------------------------------------------------------ bad input */

static void
test_any_bytes (void)
{
  /* Text that is valid UTF-8 but nothing like an article must not trip any
   * rule: runs of marks, punctuation, digits, codes and heads cut short. */
  static const char *const texts[] = {
    "Tỉnh ủy", "Kế hoạch số", "số 147-", "147-KH/", "/TU", "Ngày 32/13/2023", "ngày 30 tháng",
    "đồng chí", "các đồng chí:", "Hội nghị", "Tác phẩm “", "Ban Chỉ đạo (", "((((((((", ",,,,,,",
    "1/1/1/1/1/1/1", "UBND tỉnh Lê", "Nguyễn", "Bí thư Tỉnh ủy", "\xcc\x81\xcc\x81\xcc\x81",
    "Thực hiện , ban hành", "do ký", "Thay mặt", "bằng", "thuộc",
  };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (DgArticle) a = dg_article_new ("x", "sha", NULL, NULL, texts[i]);
      g_autoptr (DgGraph) g = dg_extract (a);
      g_assert_nonnull (g);
    }
}

static void
test_huge_article (void)
{
  /* One long line with no sentence end, repeated heads: linear time. */
  GString *s = g_string_new ("Tin\n\n");
  for (guint i = 0; i < 20000; i++)
    g_string_append (s, "Ban Thường vụ Tỉnh ủy Lạng Sơn, Kế hoạch số 1-KH/TU, đồng chí Nguyễn Văn A, ");
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (DgGraph) g = dg_test_extract_text (s->str);
  gint64 dt = g_get_monotonic_time () - t0;
  g_string_free (s, TRUE);
  g_assert_nonnull (g);
  g_test_message ("%.2f s for %u nodes", dt / 1e6, dg_graph_n_nodes (g));
}

/* ------------------------------------------------------------ coverage */

static const char *const tables[] = {
  "doc-numbers.tsv", "extract/organizations.tsv", "extract/officials.tsv",
  "extract/events.tsv", "extract/relations.tsv", "extract/lexicon.tsv", NULL,
};

/* Extracts every test sentence of every table with the lexicon tracked;
 * returns the formulas of the edges made ("lead" of "implements.lead").
 * (transfer full) */
static GHashTable *
exercise_all_rows (void)
{
  GHashTable *formulas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dg_lexicon_track (TRUE);
  for (guint t = 0; tables[t]; t++)
    {
      g_autoptr (GPtrArray) rows = load_rows (tables[t]);
      for (guint i = 0; i < rows->len; i++)
        {
          g_autoptr (DgGraph) g = extract_cell (cell (rows->pdata[i], "text"));
          for (guint k = 0; k < dg_graph_n_edges (g); k++)
            {
              DgEdge *e = dg_graph_edge (g, k);
              for (guint q = 0; q < dg_edge_n_evidence (e); q++)
                {
                  const char *dot = strchr (dg_edge_evidence (e, q)->rule, '.');
                  if (dot)
                    g_hash_table_add (formulas, g_strdup (dot + 1));
                }
            }
        }
    }
  return formulas;
}

/* Every registered relation formula gives an edge in some test sentence. */
static void
test_rules_exercised (void)
{
  g_autoptr (GHashTable) formulas = exercise_all_rows ();
  g_autoptr (GString) missing = g_string_new (NULL);
  for (guint i = 0; dg_relation_rules[i].name; i++)
    {
      const char *dot = strchr (dg_relation_rules[i].name, '.');
      g_assert_nonnull (dot);
      g_assert_nonnull (dg_relation_rules[i].formula);
      if (!g_hash_table_contains (formulas, dot + 1))
        g_string_append_printf (missing, " %s", dg_relation_rules[i].name);
    }
  dg_lexicon_track (FALSE);
  if (missing->len)
    g_test_fail_printf ("rules no test sentence exercises:%s", missing->str);
}

/* Every row of the relation lexicon is matched by some test sentence: a
 * word nobody tests can vanish unnoticed. */
static void
test_lexicon_exercised (void)
{
  g_autoptr (GHashTable) formulas = exercise_all_rows ();
  GPtrArray *rows = dg_data_table (DG_LEXICON_TABLE);
  g_autoptr (GString) missing = g_string_new (NULL);
  for (guint i = 0; i < rows->len; i++)
    if (!dg_lexicon_row_hit (rows->pdata[i]))
      g_string_append_printf (missing, " [%s %s]", dg_data_field (rows->pdata[i], 0),
                              dg_data_field (rows->pdata[i], 1));
  dg_lexicon_track (FALSE);
  if (missing->len)
    g_test_fail_printf ("%s rows no test sentence matches:%s", DG_LEXICON_TABLE, missing->str);
}

/* ------------------------------------------------------------ main */

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
add_table (const char *file, const char *prefix, GTestDataFunc func, GPtrArray *keep)
{
  GPtrArray *rows = load_rows (file);
  g_ptr_array_add (keep, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *r = rows->pdata[i];
      g_autofree char *path = g_strdup_printf ("%s/%s", prefix, cell (r, "id"));
      g_test_add_data_func (path, r, func);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  add_table ("doc-numbers.tsv", "/extract/doc-number", test_doc_number, keep);
  add_table ("extract/organizations.tsv", "/extract/organization", test_organizations, keep);
  add_table ("extract/officials.tsv", "/extract/official", test_officials, keep);
  add_table ("extract/events.tsv", "/extract/event", test_events, keep);
  add_table ("extract/relations.tsv", "/extract/relation", test_relations, keep);
  add_table ("extract/lexicon.tsv", "/extract/lexicon-row", test_relations, keep);
  g_autofree char *examples = g_build_filename (DG_SOURCE_DIR, "examples", NULL);
  GDir *dir = g_dir_open (examples, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  if (dir)
    g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *p1 = g_strdup_printf ("/extract/golden/%s", (char *) names->pdata[i]);
      g_autofree char *p2 = g_strdup_printf ("/extract/evidence/%s", (char *) names->pdata[i]);
      g_test_add_data_func (p1, names->pdata[i], test_golden);
      g_test_add_data_func (p2, names->pdata[i], test_evidence);
    }
  g_test_add_func ("/extract/rules/exercised", test_rules_exercised);
  g_test_add_func ("/extract/lexicon/exercised", test_lexicon_exercised);
  g_test_add_func ("/extract/context/province", test_province_context);
  g_test_add_func ("/extract/context/never-guessed", test_province_never_guessed);
  g_test_add_func ("/extract/context/outlet", test_outlet_province);
  g_test_add_func ("/extract/context/abbreviation", test_abbreviation_defined);
  g_test_add_func ("/extract/keys/spellings", test_keys_across_spellings);
  g_test_add_func ("/extract/keys/codes-central", test_codes_central);
  g_test_add_func ("/extract/documents/unnumbered-is-numbered", test_unnumbered_is_numbered);
  g_test_add_func ("/extract/documents/no-fragments", test_no_fragment_documents);
  g_test_add_func ("/extract/keys/titles-places", test_titles_places);
  g_test_add_func ("/extract/context/year", test_year_of_article);
  g_test_add_func ("/extract/bad/any-bytes", test_any_bytes);
  g_test_add_func ("/extract/bad/huge", test_huge_article);
  return g_test_run ();
}
