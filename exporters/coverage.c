/* coverage.c: the coverage view drawn as a grid of provinces, one row of
 * tiles per region from north to south, each tile coloured by how late
 * the province carried the document out, with a legend and a title. The
 * whole grid is one HTML-like table, so any engine lays it out the same. */
#include "export-private.h"

#include <string.h>

/* Tiles per line of a region: the 34 fit in rows of 9; the 63 wrap. */
#define TILES_34 9
#define TILES_63 8

/* Fill colours by lag class (DgLagClass), light enough for black text. */
static const char *const lag_fill[DG_LAG_N_CLASSES] = {
  [DG_LAG_NONE] = "#e5e7eb",
  [DG_LAG_30] = "#86efac",
  [DG_LAG_90] = "#fde68a",
  [DG_LAG_LATER] = "#fca5a5",
  [DG_LAG_UNKNOWN] = "#c4b5fd",
};

static const char *const lag_legend[DG_LAG_N_CLASSES] = {
  [DG_LAG_NONE] = "no implementing document",
  [DG_LAG_30] = "within 30 days",
  [DG_LAG_90] = "within 90 days",
  [DG_LAG_LATER] = "later than 90 days",
  [DG_LAG_UNKNOWN] = "a document, date unknown",
};

static gint64
int_attr (DgNode *n, const char *name, gint64 fallback)
{
  JsonObject *a = dg_node_attrs (n);
  JsonNode *v = json_object_get_member (a, name);
  if (v && JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_INT64)
    return json_node_get_int (v);
  return fallback;
}

static gint
tile_order (gconstpointer a, gconstpointer b)
{
  gint64 x = int_attr (*(DgNode **) a, "order", 0), y = int_attr (*(DgNode **) b, "order", 0);
  return x < y ? -1 : x > y;
}

/* Appends text escaped for an HTML-like label. */
static void
append_escaped (GString *s, const char *text)
{
  g_autofree char *esc = g_markup_escape_text (text ? text : "", -1);
  g_string_append (s, esc);
}

/* A province's name as a tile shows it: "Thành phố Hồ Chí Minh" is too
 * wide for one. (transfer full) */
static char *
tile_name (const char *name)
{
  if (name && g_str_has_prefix (name, "Thành phố "))
    return g_strconcat ("TP ", name + strlen ("Thành phố "), NULL);
  return g_strdup (name ? name : "");
}

static void
append_tile (GString *s, DgNode *n)
{
  DgLagClass lag = (DgLagClass) CLAMP (int_attr (n, "lag_class", DG_LAG_NONE), 0,
                                       DG_LAG_N_CLASSES - 1);
  const char *doc = dg_node_get_attr (n, "document");
  const char *note = dg_node_get_attr (n, "note");
  GString *tip = g_string_new (dg_node_label (n));
  if (note)
    g_string_append_printf (tip, " (%s)", note);
  if (doc)
    g_string_append_printf (tip, ": %s, %s, %s", doc,
                            dg_node_get_attr (n, "document_issuer") ?: "issuer unknown",
                            dg_node_get_attr (n, "document_date") ?: "date unknown");
  else
    g_string_append (tip, ": no implementing document");
  /* "province-tuyen-quang": an id a page can find the tile by. */
  g_autofree char *plain = dg_text_fold_search (dg_node_label (n), -1);
  g_strdelimit (plain, " ", '-');
  g_autofree char *id = g_strconcat ("province-", plain, NULL);
  g_string_append_printf (s, "<TD BGCOLOR=\"%s\" WIDTH=\"110\" HEIGHT=\"58\" ID=\"", lag_fill[lag]);
  append_escaped (s, id);
  g_string_append (s, "\" TITLE=\"");
  append_escaped (s, tip->str);
  g_string_free (tip, TRUE);
  /* Graphviz writes a cell's id and tooltip into SVG only for a link. */
  g_string_append (s, "\" HREF=\"#");
  append_escaped (s, id);
  g_string_append (s, "\"><FONT POINT-SIZE=\"11\"><B>");
  g_autofree char *name = tile_name (dg_node_label (n));
  append_escaped (s, name);
  g_string_append (s, "</B></FONT>");
  /* What an old province became, or whose plan a new one's is. */
  const char *via = dg_node_get_attr (n, "via");
  gboolean merged = note && g_str_has_prefix (note, "→ ");
  g_autofree char *became = merged ? tile_name (note + strlen ("→ ")) : NULL;
  g_autofree char *small = merged ? g_strconcat ("→ ", became, NULL)
                           : via ? g_strdup_printf ("(%s)", via) : NULL;
  if (small)
    {
      g_string_append (s, "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#374151\">");
      append_escaped (s, small);
      g_string_append (s, "</FONT>");
    }
  if (doc)
    {
      g_string_append (s, "<BR/><FONT POINT-SIZE=\"9\">");
      append_escaped (s, doc);
      g_string_append (s, "</FONT><BR/><FONT POINT-SIZE=\"9\">");
      gint64 days = int_attr (n, "days", G_MININT64);
      if (days != G_MININT64)
        g_string_append_printf (s, "%+" G_GINT64_FORMAT " days", days);
      else
        g_string_append (s, "date unknown");
      g_string_append (s, "</FONT>");
    }
  else
    g_string_append (s, "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#6b7280\">none</FONT>");
  g_string_append (s, "</TD>");
}

void
dg_export_coverage_draw (DgExportJob *job, Agraph_t *g)
{
  DgGraph *graph = job->graph;
  DgNode *root = NULL;
  g_autoptr (GPtrArray) tiles = g_ptr_array_new ();
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DgNode *n = graph->nodes->pdata[i];
      if (n->type == DG_NODE_DOCUMENT)
        root = n;
      else if (n->type == DG_NODE_ORGANIZATION)
        g_ptr_array_add (tiles, n);
    }
  g_ptr_array_sort (tiles, tile_order);
  gboolean before = root && g_strcmp0 (dg_node_get_attr (root, "coverage_units"), "63") == 0;
  guint per_line = before ? TILES_63 : TILES_34;
  guint counts[DG_LAG_N_CLASSES] = { 0 };
  for (guint i = 0; i < tiles->len; i++)
    counts[CLAMP (int_attr (tiles->pdata[i], "lag_class", 0), 0, DG_LAG_N_CLASSES - 1)]++;

  /* Title: the document, its issuer and date, the summary. */
  GString *title = g_string_new (NULL);
  if (root)
    {
      const char *code = dg_node_get_attr (root, "code");
      g_string_append_printf (title, "Who carried out %s", code ? code : dg_node_label (root));
      const char *issuer = dg_node_get_attr (root, "issuer");
      const char *date = dg_node_get_attr (root, "date");
      g_string_append_printf (title, " (%s, %s)", issuer ? issuer : "issuer unknown",
                              date ? date : "date unknown");
      const char *as_of = dg_node_get_attr (root, "as_of");
      if (as_of)
        g_string_append_printf (title, ", as of %s", as_of);
      g_string_append_printf (title, "\\n%s; %s", dg_node_get_attr (root, "coverage_summary") ?: "",
                              before ? "the 63 provinces before 2025-07-01"
                                     : "the 34 provinces since 2025-07-01");
    }
  agattr (g, AGRAPH, "label", "");
  agattr (g, AGRAPH, "labelloc", "t");
  agattr (g, AGRAPH, "fontname", "Helvetica");
  agattr (g, AGRAPH, "fontsize", "16");
  agattr (g, AGRAPH, "bgcolor", "white");
  agattr (g, AGRAPH, "pad", "0.3");
  /* The title is plain text: escape backslashes and keep "\n" breaks. */
  g_autoptr (GString) plain = g_string_new (NULL);
  for (const char *p = title->str; *p; p++)
    {
      if (p[0] == '\\' && p[1] == 'n')
        {
          g_string_append (plain, "\\n");
          p++;
        }
      else if (*p == '\\')
        g_string_append (plain, "\\\\");
      else
        g_string_append_c (plain, *p);
    }
  agset (g, "label", plain->str);
  g_string_free (title, TRUE);

  GString *t = g_string_new ("<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"3\" "
                             "CELLPADDING=\"4\" COLOR=\"#ffffff\">");
  /* One block of lines per region, its name in the first column. */
  for (guint i = 0; i < tiles->len;)
    {
      const char *region = dg_node_get_attr (tiles->pdata[i], "region");
      guint end = i;
      while (end < tiles->len
             && g_strcmp0 (dg_node_get_attr (tiles->pdata[end], "region"), region) == 0)
        end++;
      guint n = end - i, lines = (n + per_line - 1) / per_line;
      for (guint line = 0; line < lines; line++)
        {
          g_string_append (t, "<TR>");
          if (line == 0)
            {
              g_string_append_printf (t, "<TD ROWSPAN=\"%u\" ALIGN=\"RIGHT\" BORDER=\"0\" "
                                         "WIDTH=\"120\"><FONT POINT-SIZE=\"10\" "
                                         "COLOR=\"#374151\">", lines);
              append_escaped (t, region ? region : "");
              g_string_append (t, "</FONT></TD>");
            }
          for (guint k = 0; k < per_line; k++)
            {
              guint at = i + line * per_line + k;
              if (at < end)
                append_tile (t, tiles->pdata[at]);
              else
                g_string_append (t, "<TD BORDER=\"0\"></TD>");
            }
          g_string_append (t, "</TR>");
        }
      i = end;
    }
  /* The legend: a swatch per class with its count. */
  g_string_append_printf (t, "<TR><TD BORDER=\"0\"></TD><TD COLSPAN=\"%u\" BORDER=\"0\">"
                             "<TABLE BORDER=\"0\" CELLSPACING=\"4\"><TR>", per_line);
  static const DgLagClass order[] = { DG_LAG_30, DG_LAG_90, DG_LAG_LATER, DG_LAG_UNKNOWN,
                                      DG_LAG_NONE };
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    g_string_append_printf (t, "<TD BGCOLOR=\"%s\" BORDER=\"1\" COLOR=\"#9ca3af\" WIDTH=\"18\">"
                               "</TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">%s (%u)</FONT>"
                               "</TD>", lag_fill[order[k]], lag_legend[order[k]], counts[order[k]]);
  g_string_append (t, "</TR></TABLE></TD></TR></TABLE>");

  Agnode_t *grid = agnode (g, "coverage", 1);
  agsafeset (grid, "shape", "plaintext", "");
  agsafeset (grid, "margin", "0", "");
  agsafeset (grid, "fontname", "Helvetica", "");
  Agsym_t *label = agattr (g, AGNODE, "label", "");
  char *html = agstrdup_html (g, t->str);
  agxset (grid, label, html);
  agstrfree (g, html);
  g_string_free (t, TRUE);
}
