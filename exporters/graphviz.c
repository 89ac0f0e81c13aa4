/* graphviz.c: a view as a cgraph graph (styles, clusters by level, a
 * legend), written as DOT by cgraph or drawn as SVG, PNG and PDF by gvc.
 *
 * Node names are "type:key" (store keys are unique per type); what a reader
 * sees is the HTML label. Defaults are declared once with agattr, every
 * object gets its own values with agxset. One gvContext serves the process;
 * Graphviz is not thread-safe, so layout and rendering hold a lock. */
#include "export-private.h"

#include <math.h>
#include <stdio.h>
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
  Agsym_t *n_url, *n_target; /* nodes, SVG only: the link to the article */
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
  /* Only an SVG has links: the other formats stay as they were. */
  gboolean svg = job->format && strcmp (job->format->name, "svg") == 0 && job->source_links;
  a->n_url = svg ? NA ("URL", "") : NULL;
  a->n_target = svg ? NA ("target", "") : NULL;
  if (job->format && strcmp (job->format->name, "png") == 0)
    {
      /* cairo draws at most 32767 pixels a side and says so on stderr
       * when asked for more: a size in inches under that at this dpi
       * scales a drawing down before it gets there. */
      double dpi = job->dpi > 0 ? job->dpi : 96;
      char buf[64];
      g_snprintf (buf, sizeof buf, "%g", dpi);
      GA ("dpi", buf);
      g_snprintf (buf, sizeof buf, "%.1f,%.1f", 32000 / dpi, 32000 / dpi);
      GA ("size", buf);
    }

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
#define UNFLATTEN_STAGGER 4 /* job->stagger when 0 */
#define UNFLATTEN_CHAIN 5
#define UNFLATTEN_HUB 6 /* edges: a node this big spreads its smaller neighbours too */

static void
unflatten (Agraph_t *g, Attrs *a, DgExportJob *job, Agnode_t **nodes, Agraph_t **homes,
           Agedge_t **edges)
{
  DgGraph *graph = job->graph;
  guint stagger = job->stagger ? job->stagger : UNFLATTEN_STAGGER;
  guint chain = stagger + 1;
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
      g_snprintf (len, sizeof len, "%u", fan[hub]++ % stagger + 1);
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
      if (prev && len < chain)
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

/* Union-find over node indices. */
static guint
find_part (guint *parent, guint i)
{
  while (parent[i] != i)
    i = parent[i] = parent[parent[i]];
  return i;
}

/* dot sets the connected parts of a graph side by side, so a view of many
 * small parts (an event and those who attended it, a plan and its issuer)
 * is a ribbon. The parts that lie outside every cluster are stacked in
 * job->wrap rows instead: part j goes on row j % wrap, above
 * part j - wrap, held there by an invisible point every node of the lower
 * part stands below and every node of the upper one above. */
static void
wrap_parts (Agraph_t *g, Attrs *a, DgExportJob *job, Agnode_t **nodes, Agraph_t **homes)
{
  DgGraph *graph = job->graph;
  guint n = graph->nodes->len;
  g_autofree guint *parent = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    parent[i] = i;
  for (guint i = 0; i < graph->edges->len; i++)
    {
      DgEdge *e = graph->edges->pdata[i];
      parent[find_part (parent, e->src->index)] = find_part (parent, e->dst->index);
    }
  /* Parts by their first node, and the one home they lie in (NULL when
   * they span clusters: those the level points already place). */
  g_autofree Agraph_t **part_home = g_new0 (Agraph_t *, n);
  g_autofree gboolean *spans = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    {
      guint p = find_part (parent, i);
      if (part_home[p] == NULL)
        part_home[p] = homes[i];
      else if (part_home[p] != homes[i])
        spans[p] = TRUE;
    }
  g_autoptr (GHashTable) count = g_hash_table_new (NULL, NULL); /* home → parts so far */
  g_autofree guint *rank_in_home = g_new0 (guint, n);
  g_autoptr (GPtrArray) order = g_ptr_array_new (); /* part roots, first node first */
  g_autofree gboolean *seen = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    {
      guint p = find_part (parent, i);
      /* Inside a cluster, stacked parts would fight the level points. */
      if (seen[p] || spans[p] || part_home[p] != g)
        continue;
      seen[p] = TRUE;
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (count, part_home[p]));
      rank_in_home[p] = c;
      g_hash_table_insert (count, part_home[p], GUINT_TO_POINTER (c + 1));
      g_ptr_array_add (order, GUINT_TO_POINTER (p));
    }
  /* The parts of a home, in order, to find the one below each. */
  g_autoptr (GHashTable) by_home = g_hash_table_new_full (NULL, NULL, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  for (guint k = 0; k < order->len; k++)
    {
      guint p = GPOINTER_TO_UINT (order->pdata[k]);
      GPtrArray *list = g_hash_table_lookup (by_home, part_home[p]);
      if (list == NULL)
        g_hash_table_insert (by_home, part_home[p], list = g_ptr_array_new ());
      g_ptr_array_add (list, GUINT_TO_POINTER (p));
    }
  for (guint k = 0; k < order->len; k++)
    {
      guint p = GPOINTER_TO_UINT (order->pdata[k]);
      guint parts = GPOINTER_TO_UINT (g_hash_table_lookup (count, part_home[p]));
      /* As many columns as make wrap rows. */
      guint columns = (parts + job->wrap - 1) / job->wrap;
      if (parts < 2 || rank_in_home[p] < columns)
        continue;
      GPtrArray *list = g_hash_table_lookup (by_home, part_home[p]);
      guint below = GPOINTER_TO_UINT (list->pdata[rank_in_home[p] - columns]);
      g_autofree char *name = g_strdup_printf ("wrap-%u", p);
      Agnode_t *pt = agnode (part_home[p], name, 1);
      set (pt, a->n_shape, "point");
      set (pt, a->n_style, "invis");
      set_plain (pt, a->n_label, "");
      for (guint i = 0; i < n; i++)
        {
          guint q = find_part (parent, i);
          Agedge_t *e = q == below ? agedge (g, nodes[i], pt, NULL, 1)
                        : q == p ? agedge (g, pt, nodes[i], NULL, 1) : NULL;
          if (e)
            {
              set (e, a->e_style, "invis");
              agsafeset (e, "weight", "0", "");
            }
        }
    }
}

static char *
title_of (DgExportJob *job)
{
  g_autofree char *title = NULL;
  if (job->root && job->depth >= 0)
    title = g_strdup_printf ("docgraph · %s view of %s, depth %d", job->view->name,
                             job->root->label, job->depth);
  else if (job->root)
    title = g_strdup_printf ("docgraph · %s view of %s", job->view->name, job->root->label);
  else
    title = g_strdup_printf ("docgraph · %s view", job->view->name);
  if (job->note == NULL)
    return g_steal_pointer (&title);
  /* The note wrapped under the title, at about the width of a page. */
  g_auto (GStrv) lines = dg_export_wrap (job->note, 110, 0);
  g_autofree char *note = g_strjoinv ("\n", lines);
  return g_strconcat (title, "\n", note, NULL);
}

/* The link of a node to the article it was first found in: a URL as it
 * is, a file as a file: URI (relative names from the current folder).
 * (transfer full); NULL when there is none. */
static char *
source_link (const DgNode *node)
{
  const char *source = dg_node_get_attr (node, "source");
  if (source == NULL || *source == '\0' || strcmp (source, "-") == 0)
    return NULL;
  /* Characters a URL may not hold (spaces, quotes, < >) percent-encoded. */
  if (g_str_has_prefix (source, "http://") || g_str_has_prefix (source, "https://"))
    return g_uri_escape_string (source, ":/?#[]@!$&'()*+,;=%~", TRUE);
  g_autofree char *path = g_canonicalize_filename (source, NULL);
  return g_filename_to_uri (path, NULL, NULL);
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
      if (dg_node_get_attr (node, "more"))
        {
          /* "+37 documents": what a summary leaves out, pale and dashed. */
          set_plain (n, a.n_label, node->label);
          set (n, a.n_shape, style->shape);
          set (n, a.n_style, "dashed,filled,rounded");
          set (n, a.n_fillcolor, "#f8fafc");
          set (n, a.n_color, style->line);
          set (n, a.n_fontsize, "9");
          set (n, a.n_class, "more");
          set_plain (n, a.n_tooltip, node->label);
          continue;
        }
      g_autofree char *label = dg_export_html_label (node);
      set_html (g, n, a.n_label, label);
      set (n, a.n_shape, style->shape);
      set (n, a.n_style, style->style);
      set (n, a.n_fillcolor, style->fill);
      set (n, a.n_color, style->line);
      set (n, a.n_margin, style->margin);
      g_autofree char *link = a.n_url ? source_link (node) : NULL;
      if (link)
        {
          set (n, a.n_url, link);
          set (n, a.n_target, "_blank");
        }
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
    unflatten (g, &a, job, nodes, homes, edges);
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
  if (strcmp (job->layout, "dot") == 0 && job->wrap > 1)
    wrap_parts (g, &a, job, nodes, homes);
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

/* Width over height past which a drawing is too wide for a page or a
 * screen (A4 landscape is 1.41). */
#define PAGE_RATIO 1.8

/* The ratio of the laid-out graph's bounding box, width over height. */
static double
laid_out_ratio (Agraph_t *g)
{
  double x0, y0, x1, y1;
  const char *bb = agget (g, "bb");
  if (bb == NULL || (sscanf (bb, "%lf %lf %lf %lf", &x0, &y0, &x1, &y1) != 4
                     && sscanf (bb, "%lf,%lf,%lf,%lf", &x0, &y0, &x1, &y1) != 4))
    return 1;
  return (x1 - x0) / MAX (y1 - y0, 1);
}

/* Lays the job's graph out. With dot, a drawing much wider than high has
 * ranks too full: the leaves of hubs are spread over more ranks and it is
 * laid out again, up to three times, so a page keeps a page's
 * proportions. *out is the graph laid out; returns gvLayout's code. */
static int
lay_out_page (GVC_t *gvc, DgExportJob *job, Agraph_t **out)
{
  /* The coverage view is a grid of its own. */
  gboolean dot = strcmp (job->layout, "dot") == 0 && strcmp (job->view->name, "coverage") != 0;
  int rc = 0;
  job->stagger = UNFLATTEN_STAGGER;
  job->wrap = 1;
  for (guint t = 0; t < 3; t++)
    {
      Agraph_t *g = dg_export_agraph (job);
      rc = gvLayout (gvc, g, job->layout);
      double ratio = rc == 0 ? laid_out_ratio (g) : 1;
      if (rc != 0 || !dot || t == 2 || dg_graph_n_nodes (job->graph) <= UNFLATTEN_MIN
          || ratio <= PAGE_RATIO)
        {
          *out = g;
          break;
        }
      gvFreeLayout (gvc, g);
      agclose (g);
      /* k rows of what stood side by side: about 1/k² the ratio. */
      job->wrap = MAX (job->wrap * 2, (guint) ceil (sqrt (ratio / 1.4) * job->wrap));
      job->stagger = 8;
    }
  job->stagger = 0;
  job->wrap = 0;
  return rc;
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
  gv_messages = g_string_new (NULL);
  g_autoptr (Agraph_t) g = NULL;
  int rc = lay_out_page (gvc, job, &g);
  gboolean laid_out = rc == 0;
  char *data = NULL;
  unsigned int len = 0;
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
