/* graphviz.c: a view as a cgraph graph (styles, clusters by level, a
 * legend), written as DOT by cgraph or drawn as SVG, PNG and PDF by gvc.
 *
 * Node names are "type:key" (store keys are unique per type); what a reader
 * sees is the HTML label. Defaults are declared once with agattr, every
 * object gets its own values with agxset. One gvContext serves the process;
 * Graphviz is not thread-safe, so layout and rendering hold a lock. */
#include "export-private.h"

#include <stdlib.h>
#include <string.h>

#define FONT "DejaVu Sans"

/* ----------------------------------------------------------- sanitizers */

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DG_EXPORT_ASAN 1 /* clang */
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define DG_EXPORT_ASAN 1 /* gcc */
#endif

#ifdef DG_EXPORT_ASAN
/* Under -DDOCGRAPH_SANITIZE=ON LeakSanitizer reads this. Debian's Graphviz
 * 2.42 leaks inside its own calls (the HTML-label parser, dot's virtual
 * nodes and edges, neato's splines, gvPluginList's duplicates), and
 * fontconfig, pango and cairo keep caches for the life of the process.
 * Only memory allocated inside those calls and libraries is left out:
 * the cgraph graphs docgraph builds are made outside them, so a graph it
 * forgot to close still shows. */
const char *__lsan_default_suppressions (void);
const char *
__lsan_default_suppressions (void)
{
  return "leak:gvContext\n"
         "leak:gvLayout\n"
         "leak:gvRenderData\n"
         "leak:gvPluginList\n"
         "leak:libfontconfig.so\n"
         "leak:libpango\n"
         "leak:libcairo.so\n";
}

/* Those libraries are built without frame pointers: only the slow unwinder
 * sees far enough up a stack to find their names. */
const char *__asan_default_options (void);
const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
#endif

/* ------------------------------------------------- Graphviz state, locked */

static GMutex gv_lock;
static GString *gv_messages; /* errors Graphviz reports while we hold the lock */

static int
gv_collect (char *message)
{
  if (gv_messages)
    g_string_append (gv_messages, message);
  else
    fputs (message, stderr);
  return 0;
}

static GVC_t *
gv_context (void)
{
  static gsize gvc;
  if (g_once_init_enter (&gvc))
    {
      GVC_t *context = gvContext ();
      /* Errors come to gv_collect; warnings about a generated graph would
       * only confuse the user. After gvContext, which sets its own. */
      agseterr (AGERR);
      agseterrf (gv_collect);
      g_once_init_leave (&gvc, (gsize) context);
    }
  return (GVC_t *) gvc;
}

/* The collected messages as one line, for an error. (transfer full) */
static char *
gv_take_messages (void)
{
  g_autofree char *text = g_string_free (g_steal_pointer (&gv_messages), FALSE);
  g_autofree char *squeezed = dg_text_squeeze (text, -1);
  const char *msg = squeezed;
  if (g_str_has_prefix (msg, "Error : "))
    msg += 8;
  else if (g_str_has_prefix (msg, "Error: "))
    msg += 7;
  return g_strdup (*msg ? msg : "no message");
}

static gboolean
has_plugin_locked (const char *kind, const char *name)
{
  int n = 0;
  char **list = gvPluginList (gv_context (), kind, &n, NULL);
  gboolean found = FALSE;
  for (int i = 0; i < n; i++)
    {
      /* Entries are "name" or "name:plugin". */
      size_t len = strcspn (list[i], ":");
      if (len == strlen (name) && strncmp (list[i], name, len) == 0)
        found = TRUE;
      free (list[i]);
    }
  free (list);
  return found;
}

gboolean
dg_export_has_plugin (const char *kind, const char *name)
{
  g_mutex_lock (&gv_lock);
  gboolean found = has_plugin_locked (kind, name);
  g_mutex_unlock (&gv_lock);
  return found;
}

/* --------------------------------------------------------- DOT in memory */

static int
string_putstr (void *chan, const char *str)
{
  g_string_append ((GString *) chan, str);
  return 0;
}

static int
string_flush (void *chan)
{
  return 0;
}

/* agwrite on our graphs appends to the GString given as its channel. */
static Agiodisc_t string_io = { NULL, string_putstr, string_flush };

/* ------------------------------------------------- ids in creation order
 *
 * cgraph's default id discipline makes the id of a named object the address
 * of its interned name, and keeps subgraphs in id order: clusters would be
 * written, and laid out, in an order that changes from run to run. These
 * ids count up instead, so subgraphs stay in the order they were made. */

typedef struct {
  Agraph_t *root;    /* the graph whose string pool holds the names */
  GHashTable *ids;   /* name → id (even); names are pool strings */
  GHashTable *names; /* id → pool string (agwrite asks whether it is HTML) */
  IDTYPE next_named; /* next id for a named object: 2, 4, 6, … */
  IDTYPE next_anon;  /* next id for an anonymous one: 1, 3, 5, … */
} SeqIds;

static void *
seq_open (Agraph_t *g, Agdisc_t *disc)
{
  SeqIds *s = g_new0 (SeqIds, 1);
  s->root = g;
  s->ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  s->names = g_hash_table_new (g_int64_hash, g_int64_equal);
  s->next_named = 2;
  s->next_anon = 1;
  return s;
}

static long
seq_map (void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
  SeqIds *s = state;
  if (str == NULL)
    {
      *id = s->next_anon;
      s->next_anon += 2;
      return TRUE;
    }
  gint64 *found = g_hash_table_lookup (s->ids, str);
  if (found)
    {
      *id = (IDTYPE) *found;
      return TRUE;
    }
  if (!createflag)
    return FALSE;
  gint64 *value = g_new (gint64, 1);
  *value = (gint64) s->next_named;
  s->next_named += 2;
  /* One reference per name, held until the pool goes with the graph. */
  char *name = agstrdup (s->root, str);
  g_hash_table_insert (s->ids, name, value);
  g_hash_table_insert (s->names, value, name);
  *id = (IDTYPE) *value;
  return TRUE;
}

static long
seq_alloc (void *state, int objtype, IDTYPE request)
{
  return FALSE; /* no objects by explicit id */
}

static void
seq_free (void *state, int objtype, IDTYPE id)
{
  /* Names live until the graph closes: a node and a subgraph may share one. */
}

static char *
seq_print (void *state, int objtype, IDTYPE id)
{
  SeqIds *s = state;
  gint64 key = (gint64) id;
  return (id % 2 == 0) ? g_hash_table_lookup (s->names, &key) : NULL;
}

static void
seq_close (void *state)
{
  SeqIds *s = state;
  g_hash_table_unref (s->names);
  g_hash_table_unref (s->ids);
  g_free (s);
}

static void
seq_register (void *state, int objtype, void *obj)
{
}

static Agiddisc_t seq_ids = { seq_open, seq_map, seq_alloc, seq_free, seq_print, seq_close,
                              seq_register };
static Agdisc_t string_disc = { &AgMemDisc, &seq_ids, &string_io };

/* -------------------------------------------------------- building graph */

/* Cluster labels by level, top to bottom. */
static const struct {
  const char *level; /* dg_export_node_level */
  const char *label; /* cluster label, Vietnamese · English */
} level_clusters[] = {
  { "central", "Trung ương · central" },
  { "province", "Tỉnh, thành phố · province" },
  { "district", "Quận, huyện · district" },
  { "commune", "Xã, phường · commune" },
  { "unknown", "Chưa rõ cấp · level unknown" },
  { NULL, NULL }
};

/* The attributes every object gets, declared once with their defaults. */
typedef struct {
  Agsym_t *g_label, *g_labelloc, *g_rank, *g_style, *g_color, *g_fillcolor, *g_fontsize; /* graphs, clusters */
  Agsym_t *n_label, *n_shape, *n_style, *n_fillcolor, *n_color, *n_penwidth, *n_tooltip,
    *n_class, *n_id, *n_fontsize, *n_margin; /* nodes */
  Agsym_t *e_label, *e_color, *e_fontcolor, *e_style, *e_penwidth, *e_tooltip, *e_class,
    *e_arrowhead, *e_xlabel; /* edges; e_xlabel only for engines other than dot */
} Attrs;

static void
set (void *obj, Agsym_t *sym, const char *value)
{
  agxset (obj, sym, (char *) value);
}

static void
set_html (Agraph_t *g, void *obj, Agsym_t *sym, const char *html)
{
  char *s = agstrdup_html (g, (char *) html);
  agxset (obj, sym, s);
  agstrfree (g, s);
}

static void
set_plain (void *obj, Agsym_t *sym, const char *text)
{
  g_autofree char *esc = dg_export_escape_plain (text);
  agxset (obj, sym, esc);
}

static void
declare (Agraph_t *g, Attrs *a, DgExportJob *job)
{
#define GA(name, value) agattr (g, AGRAPH, (char *) (name), (char *) (value))
#define NA(name, value) agattr (g, AGNODE, (char *) (name), (char *) (value))
#define EA(name, value) agattr (g, AGEDGE, (char *) (name), (char *) (value))
  /* Parents above children: part-of, implements, member-of, issued-by all
   * point up the hierarchy, so the drawing runs bottom to top. */
  GA ("rankdir", "BT");
  GA ("newrank", "true");
  GA ("fontname", FONT);
  GA ("nodesep", "0.25");
  GA ("ranksep", "0.5");
  GA ("pad", "0.3");
  GA ("bgcolor", "white");
  GA ("outputorder", "edgesfirst");
  /* For neato, fdp, sfdp: no overlapping nodes, and room for edge labels. */
  GA ("overlap", "false");
  GA ("sep", "+12");
  a->g_labelloc = GA ("labelloc", "t");
  GA ("labeljust", "l");
  if (job->layout_given || strcmp (job->layout, "dot") != 0)
    GA ("layout", job->layout);
  a->g_label = GA ("label", "");
  a->g_rank = GA ("rank", "");
  a->g_style = GA ("style", "");
  a->g_color = GA ("color", "black");
  a->g_fillcolor = GA ("fillcolor", "white");
  a->g_fontsize = GA ("fontsize", "14");

  NA ("fontname", FONT);
  a->n_fontsize = NA ("fontsize", "10");
  a->n_margin = NA ("margin", "0.1,0.05");
  a->n_label = NA ("label", "\\N");
  a->n_shape = NA ("shape", "box");
  a->n_style = NA ("style", "filled");
  a->n_fillcolor = NA ("fillcolor", "white");
  a->n_color = NA ("color", "black");
  a->n_penwidth = NA ("penwidth", "1");
  a->n_tooltip = NA ("tooltip", "");
  a->n_class = NA ("class", "");
  a->n_id = NA ("id", "");

  EA ("fontname", FONT);
  EA ("fontsize", "8");
  EA ("arrowsize", "0.7");
  a->e_label = EA ("label", "");
  a->e_color = EA ("color", "black");
  a->e_fontcolor = EA ("fontcolor", "black");
  a->e_style = EA ("style", "solid");
  a->e_penwidth = EA ("penwidth", "1");
  a->e_tooltip = EA ("tooltip", "");
  a->e_class = EA ("class", "");
  a->e_arrowhead = EA ("arrowhead", "normal");
  /* dot makes room for edge labels; the other engines put them at the
   * middle of the edge, over whatever is there. External labels are placed
   * where they overlap nothing. */
  a->e_xlabel = strcmp (job->layout, "dot") != 0 ? EA ("xlabel", "") : NULL;
#undef GA
#undef NA
#undef EA
}

static char *
node_name (const DgNode *node)
{
  return g_strconcat (dg_node_type_name (node->type), ":", node->key, NULL);
}

static void
style_cluster (Attrs *a, Agraph_t *sg, const char *label, const char *fill, const char *line)
{
  set_plain (sg, a->g_label, label);
  set (sg, a->g_style, "rounded,filled");
  set (sg, a->g_fillcolor, fill);
  set (sg, a->g_color, line);
  set (sg, a->g_fontsize, "11");
  /* With rankdir=BT "b" puts the label at the top, where dot leaves room. */
  set (sg, a->g_labelloc, "b");
}

/* The rows of the edge table of the legend: one per edge type present. */
static guint
append_edge_rows (GString *table, const gboolean *edge_types)
{
  guint rows = 0;
  for (int t = 0; t < DG_EDGE_N_TYPES; t++)
    {
      if (!edge_types[t])
        continue;
      const DgExportEdgeStyle *style = dg_export_edge_style (t);
      g_string_append_printf (table,
                              "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">%s</FONT></TD>"
                              "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">%s</FONT></TD></TR>",
                              style->color, style->sample, dg_edge_type_name (t));
      rows++;
    }
  return rows;
}

/* Engines that draw clusters; the others get the legend as one node. */
static gboolean
draws_clusters (const char *engine)
{
  static const char *const engines[] = { "dot", "fdp", "osage", "patchwork", NULL };
  return g_strv_contains (engines, engine);
}

/* The legend for engines without clusters: one table node, node types as
 * cells in their colours, then the edge styles, so it stays in one piece. */
static void
add_legend_node (Agraph_t *g, Attrs *a, const gboolean *node_types, const gboolean *edge_types)
{
  g_autoptr (GString) table = g_string_new (
    "<TABLE BORDER=\"1\" COLOR=\"#94a3b8\" CELLBORDER=\"0\" CELLSPACING=\"2\" "
    "CELLPADDING=\"2\" STYLE=\"rounded\"><TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">Legend</TD></TR>");
  for (int t = 0; t < DG_NODE_N_TYPES; t++)
    {
      if (!node_types[t])
        continue;
      const DgExportNodeStyle *style = dg_export_node_style (t);
      g_string_append_printf (table,
                              "<TR><TD COLSPAN=\"2\" BORDER=\"1\" COLOR=\"%s\" BGCOLOR=\"%s\">"
                              "<FONT POINT-SIZE=\"9\">%s</FONT></TD></TR>",
                              style->line, style->fill, dg_node_type_name (t));
    }
  append_edge_rows (table, edge_types);
  g_string_append (table, "</TABLE>");
  Agnode_t *n = agnode (g, "legend:all", 1);
  set_html (g, n, a->n_label, table->str);
  set (n, a->n_shape, "plaintext");
  set (n, a->n_style, "solid");
  set (n, a->n_class, "legend");
  set (n, a->n_tooltip, "legend");
}

/* One sample node per node type present and a table of the edge styles
 * present, in a cluster of their own (or one node, see add_legend_node). */
static void
add_legend (Agraph_t *g, Attrs *a, DgExportJob *job)
{
  DgGraph *graph = job->graph;
  gboolean node_types[DG_NODE_N_TYPES] = { FALSE }, edge_types[DG_EDGE_N_TYPES] = { FALSE };
  for (guint i = 0; i < graph->nodes->len; i++)
    node_types[((DgNode *) graph->nodes->pdata[i])->type] = TRUE;
  for (guint i = 0; i < graph->edges->len; i++)
    edge_types[((DgEdge *) graph->edges->pdata[i])->type] = TRUE;
  if (graph->nodes->len == 0)
    return;
  if (!draws_clusters (job->layout))
    {
      add_legend_node (g, a, node_types, edge_types);
      return;
    }
  Agraph_t *sg = agsubg (g, "cluster_legend", 1);
  style_cluster (a, sg, "Legend", "#ffffff", "#94a3b8");
  /* One row: a short, wide legend beside the drawing. */
  Agraph_t *row = agsubg (sg, "legend_row", 1);
  set (row, a->g_rank, "same");
  /* dot lays a rank out right to left here: made last, shown first. */
  for (int t = DG_NODE_N_TYPES - 1; t >= 0; t--)
    {
      if (!node_types[t])
        continue;
      const DgExportNodeStyle *style = dg_export_node_style (t);
      g_autofree char *name = g_strconcat ("legend:", dg_node_type_name (t), NULL);
      Agnode_t *n = agnode (row, name, 1);
      set (n, a->n_label, dg_node_type_name (t));
      set (n, a->n_shape, style->shape);
      set (n, a->n_style, style->style);
      set (n, a->n_fillcolor, style->fill);
      set (n, a->n_color, style->line);
      set (n, a->n_fontsize, "9");
      set (n, a->n_class, "legend");
      set (n, a->n_tooltip, dg_node_type_name (t));
    }
  g_autoptr (GString) table = g_string_new (
    "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">");
  guint rows = append_edge_rows (table, edge_types);
  g_string_append (table, "</TABLE>");
  if (rows == 0)
    return;
  Agnode_t *n = agnode (row, "legend:edges", 1);
  set_html (g, n, a->n_label, table->str);
  set (n, a->n_shape, "plaintext");
  set (n, a->n_style, "solid");
  set (n, a->n_class, "legend");
  set (n, a->n_tooltip, "edge types");
}

/* dot puts the nodes of a rank side by side, so shallow views grow into
 * one very wide row: the officials around an event, the documents around
 * their issuer, organizations with no edges at all. As Graphviz's
 * unflatten tool does, edges between a leaf and a hub (or a smaller node
 * and a node of UNFLATTEN_HUB edges or more) take minlen 1, 2, …,
 * UNFLATTEN_STAGGER in turn, and isolated nodes stand in short invisible
 * chains, UNFLATTEN_CHAIN to a column. Only for views over UNFLATTEN_MIN
 * nodes laid out by dot: small drawings look better flat. */
#define UNFLATTEN_MIN 16
#define UNFLATTEN_STAGGER 4
#define UNFLATTEN_CHAIN 5
#define UNFLATTEN_HUB 6 /* edges: a node this big spreads its smaller neighbours too */

static void
unflatten (Agraph_t *g, Attrs *a, DgGraph *graph, Agnode_t **nodes, Agraph_t **homes,
           Agedge_t **edges)
{
  guint n = graph->nodes->len;
  g_autofree guint *degree = g_new0 (guint, n);
  g_autofree guint *fan = g_new0 (guint, n);
  for (guint i = 0; i < graph->edges->len; i++)
    {
      DgEdge *e = graph->edges->pdata[i];
      degree[e->src->index]++;
      degree[e->dst->index]++;
    }
  Agsym_t *minlen = agattr (g, AGEDGE, "minlen", "1");
  for (guint i = 0; i < graph->edges->len; i++)
    {
      DgEdge *e = graph->edges->pdata[i];
      guint src = e->src->index, dst = e->dst->index;
      guint hub = degree[src] > degree[dst] ? src : dst, spoke = hub == src ? dst : src;
      /* Fans out of a hub: leaves, and small nodes around a big one. */
      if (degree[hub] == degree[spoke] || (degree[spoke] > 1 && degree[hub] < UNFLATTEN_HUB))
        continue;
      char len[16];
      g_snprintf (len, sizeof len, "%u", fan[hub]++ % UNFLATTEN_STAGGER + 1);
      agxset (edges[i], minlen, len);
    }
  /* Isolated nodes: a chain per cluster, restarted every UNFLATTEN_CHAIN. */
  g_autoptr (GHashTable) last = g_hash_table_new (NULL, NULL);  /* home → Agnode_t */
  g_autoptr (GHashTable) length = g_hash_table_new (NULL, NULL); /* home → nodes in chain */
  for (guint i = 0; i < n; i++)
    {
      if (degree[i] != 0)
        continue;
      Agnode_t *prev = g_hash_table_lookup (last, homes[i]);
      guint len = GPOINTER_TO_UINT (g_hash_table_lookup (length, homes[i]));
      if (prev && len < UNFLATTEN_CHAIN)
        {
          Agedge_t *e = agedge (homes[i], prev, nodes[i], NULL, 1);
          set (e, a->e_style, "invis");
          len++;
        }
      else
        len = 1;
      g_hash_table_insert (last, homes[i], nodes[i]);
      g_hash_table_insert (length, homes[i], GUINT_TO_POINTER (len));
    }
}

static char *
title_of (DgExportJob *job)
{
  if (job->root)
    {
      if (job->depth >= 0)
        return g_strdup_printf ("docgraph · %s view of %s, depth %d", job->view->name,
                                job->root->label, job->depth);
      return g_strdup_printf ("docgraph · %s view of %s", job->view->name, job->root->label);
    }
  return g_strdup_printf ("docgraph · %s view", job->view->name);
}

Agraph_t *
dg_export_agraph (DgExportJob *job)
{
  DgGraph *graph = job->graph;
  Agraph_t *g = agopen ((char *) job->view->name, Agdirected, &string_disc);
  if (strcmp (job->view->name, "coverage") == 0)
    {
      dg_export_coverage_draw (job, g);
      return g;
    }
  Attrs a;
  declare (g, &a, job);
  g_autofree char *title = title_of (job);
  set_plain (g, a.g_label, title);

  /* Clusters by level, created in level order so they are written so. */
  Agraph_t *clusters[G_N_ELEMENTS (level_clusters)] = { NULL };
  if (job->view->cluster_levels)
    for (guint l = 0; level_clusters[l].level; l++)
      for (guint i = 0; i < graph->nodes->len; i++)
        if (g_strcmp0 (dg_export_node_level (graph->nodes->pdata[i]), level_clusters[l].level) == 0)
          {
            g_autofree char *name = g_strconcat ("cluster_", level_clusters[l].level, NULL);
            clusters[l] = agsubg (g, name, 1);
            style_cluster (&a, clusters[l], level_clusters[l].label, "#f8fafc", "#cbd5e1");
            break;
          }

  g_autofree Agnode_t **nodes = g_new0 (Agnode_t *, graph->nodes->len + 1);
  g_autofree Agraph_t **homes = g_new0 (Agraph_t *, graph->nodes->len + 1);
  g_autofree Agedge_t **edges = g_new0 (Agedge_t *, graph->edges->len + 1);
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DgNode *node = graph->nodes->pdata[i];
      Agraph_t *home = g;
      const char *level = dg_export_node_level (node);
      for (guint l = 0; level && level_clusters[l].level; l++)
        if (clusters[l] && strcmp (level, level_clusters[l].level) == 0)
          home = clusters[l];
      g_autofree char *name = node_name (node);
      Agnode_t *n = agnode (home, name, 1);
      nodes[i] = n;
      homes[i] = home;
      const DgExportNodeStyle *style = dg_export_node_style (node->type);
      g_autofree char *label = dg_export_html_label (node);
      set_html (g, n, a.n_label, label);
      set (n, a.n_shape, style->shape);
      set (n, a.n_style, style->style);
      set (n, a.n_fillcolor, style->fill);
      set (n, a.n_color, style->line);
      set (n, a.n_margin, style->margin);
      if (node == job->root)
        set (n, a.n_penwidth, "3");
      const char *title = dg_node_get_attr (node, "title");
      g_autofree char *tip = title && !strstr (node->label, title)
                               ? g_strconcat (node->label, "\n", title, NULL)
                               : g_strdup (node->label);
      g_autofree char *tip_esc = dg_export_escape_tooltip (tip);
      agxset (n, a.n_tooltip, tip_esc);
      set (n, a.n_class, dg_node_type_name (node->type));
      g_autofree char *id = dg_export_node_id (node);
      set (n, a.n_id, id);
    }

  for (guint i = 0; i < graph->edges->len; i++)
    {
      DgEdge *edge = graph->edges->pdata[i];
      Agedge_t *e = agedge (g, nodes[edge->src->index], nodes[edge->dst->index], NULL, 1);
      edges[i] = e;
      const DgExportEdgeStyle *style = dg_export_edge_style (edge->type);
      g_autofree char *width = g_strdup_printf ("%.1f", style->penwidth);
      set (e, a.e_color, style->color);
      set (e, a.e_fontcolor, style->color);
      set (e, a.e_style, style->style);
      set (e, a.e_penwidth, width);
      set (e, a.e_class, dg_edge_type_name (edge->type));
      set (e, a.e_tooltip, dg_edge_type_name (edge->type));
      g_autofree char *text = dg_export_edge_text (edge);
      if (text)
        set_plain (e, a.e_xlabel ? a.e_xlabel : a.e_label, text);
    }

  if (strcmp (job->layout, "dot") == 0 && graph->nodes->len > UNFLATTEN_MIN)
    unflatten (g, &a, graph, nodes, homes, edges);
  /* Levels one above the other, central at the top, rather than side by
   * side: between two levels present, an invisible point that every node of
   * the upper level stands above and every node of the lower one below
   * (rankdir is BT: an edge points up). */
  if (strcmp (job->layout, "dot") == 0)
    {
      gint upper = -1;
      for (guint l = 0; level_clusters[l].level; l++)
        {
          if (clusters[l] == NULL)
            continue;
          if (upper >= 0)
            {
              g_autofree char *name = g_strdup_printf ("level-%s", level_clusters[l].level);
              Agnode_t *p = agnode (g, name, 1);
              set (p, a.n_shape, "point");
              set (p, a.n_style, "invis");
              set_plain (p, a.n_label, "");
              for (guint i = 0; i < graph->nodes->len; i++)
                {
                  Agedge_t *e = NULL;
                  if (homes[i] == clusters[upper])
                    e = agedge (g, p, nodes[i], NULL, 1);
                  else if (homes[i] == clusters[l])
                    e = agedge (g, nodes[i], p, NULL, 1);
                  if (e)
                    {
                      set (e, a.e_style, "invis");
                      agsafeset (e, "weight", "0", "");
                    }
                }
            }
          upper = (gint) l;
        }
    }
  add_legend (g, &a, job);
  return g;
}

/* ----------------------------------------------------------------- write */

gboolean
dg_export_write_dot (DgExportJob *job, GPtrArray *parts, GError **error)
{
  GString *out = g_string_new (NULL);
  g_mutex_lock (&gv_lock);
  /* No layout, but the same cgraph state (error handlers, the defaults
   * gvContext declares) as for the drawings. */
  gv_context ();
  g_autoptr (Agraph_t) g = dg_export_agraph (job);
  gv_messages = g_string_new (NULL);
  int rc = agwrite (g, out);
  g_autofree char *messages = gv_take_messages ();
  g_clear_pointer (&g, agclose);
  g_mutex_unlock (&gv_lock);
  if (rc != 0)
    {
      g_string_free (out, TRUE);
      g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_RENDER, "writing DOT: %s", messages);
      return FALSE;
    }
  dg_export_add_part (parts, NULL, out);
  return TRUE;
}

/* cairo stamps PDFs with the time they were made; blank the stamp (same
 * length, so the cross-reference offsets stay right) so that one database
 * gives one PDF. */
static void
blank_pdf_dates (char *data, gsize len)
{
  static const char *const keys[] = { "/CreationDate (", "/ModDate (", NULL };
  for (guint k = 0; keys[k]; k++)
    {
      gsize klen = strlen (keys[k]);
      char *p = NULL;
      for (gsize i = 0; p == NULL && i + klen <= len; i++)
        if (data[i] == '/' && memcmp (data + i, keys[k], klen) == 0)
          p = data + i;
      if (p == NULL)
        continue;
      char *end = memchr (p, ')', len - (p - data));
      if (end)
        memset (p, ' ', end - p + 1);
    }
}

/* Lays the job's graph out with its engine and renders it in gv_format. */
static gboolean
render (DgExportJob *job, const char *gv_format, GPtrArray *parts, GError **error)
{
  g_mutex_lock (&gv_lock);
  GVC_t *gvc = gv_context ();
  if (!has_plugin_locked ("device", gv_format))
    {
      g_mutex_unlock (&gv_lock);
      g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_RENDER,
                   "this Graphviz has no plugin that writes %s (on Debian: apt install "
                   "graphviz libgvc6)", gv_format);
      return FALSE;
    }
  if (!has_plugin_locked ("layout", job->layout))
    {
      g_mutex_unlock (&gv_lock);
      g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_RENDER,
                   "this Graphviz has no %s layout plugin (on Debian: apt install graphviz "
                   "libgvc6)", job->layout);
      return FALSE;
    }
  g_autoptr (Agraph_t) g = dg_export_agraph (job);
  gv_messages = g_string_new (NULL);
  char *data = NULL;
  unsigned int len = 0;
  int rc = gvLayout (gvc, g, job->layout);
  gboolean laid_out = rc == 0;
  if (laid_out)
    rc = gvRenderData (gvc, g, gv_format, &data, &len);
  g_autofree char *messages = gv_take_messages ();
  if (laid_out)
    gvFreeLayout (gvc, g);
  g_clear_pointer (&g, agclose);
  g_mutex_unlock (&gv_lock);
  if (rc != 0 || data == NULL)
    {
      if (data)
        gvFreeRenderData (data);
      g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_RENDER, "%s %s with Graphviz: %s",
                   laid_out ? "rendering" : "laying out", laid_out ? gv_format : job->layout,
                   messages);
      return FALSE;
    }
  if (strcmp (gv_format, "pdf") == 0)
    blank_pdf_dates (data, len);
  GString *out = g_string_new_len (data, len);
  gvFreeRenderData (data);
  dg_export_add_part (parts, NULL, out);
  return TRUE;
}

gboolean
dg_export_write_svg (DgExportJob *job, GPtrArray *parts, GError **error)
{
  return render (job, "svg", parts, error);
}

gboolean
dg_export_write_png (DgExportJob *job, GPtrArray *parts, GError **error)
{
  return render (job, "png", parts, error);
}

gboolean
dg_export_write_pdf (DgExportJob *job, GPtrArray *parts, GError **error)
{
  return render (job, "pdf", parts, error);
}
