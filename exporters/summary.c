/* summary.c: a view too large to draw on a page becomes one that can be:
 * nodes without an edge are left out, then the most connected nodes are
 * kept, and what hangs off each kept node and is not drawn is one small
 * node "+37 documents" joined to it. A note (job->note) says what was left
 * out; the data formats are never summarised. */
#include "export-private.h"

#include <string.h>

/* Plural nouns of the node types, for "+37 documents". */
static const char *const plural[DG_NODE_N_TYPES] = {
  [DG_NODE_ORGANIZATION] = "organizations",
  [DG_NODE_OFFICIAL] = "officials",
  [DG_NODE_DOCUMENT] = "documents",
  [DG_NODE_EVENT] = "events",
};

const char *
dg_export_type_plural (DgNodeType type, guint n)
{
  return n == 1 ? dg_node_type_name (type) : plural[type];
}

/* What hangs off a kept node and is not drawn. */
typedef struct {
  guint by_type[DG_NODE_N_TYPES];   /* hidden neighbours by node type */
  guint edges[DG_EDGE_N_TYPES][2];  /* edges to them by type, [0] into the
                                     * kept node, [1] out of it */
  guint total;                      /* hidden neighbours */
} Hanging;

/* Fills hanging (one per node of old) from the edges between kept and
 * other nodes; returns how many kept nodes have something hanging. */
static guint
count_hanging (DgGraph *old, const gboolean *kept, Hanging *hanging)
{
  memset (hanging, 0, old->nodes->len * sizeof *hanging);
  guint more = 0;
  for (guint i = 0; i < old->edges->len; i++)
    {
      DgEdge *e = old->edges->pdata[i];
      gboolean ks = kept[e->src->index], kd = kept[e->dst->index];
      if (ks == kd)
        continue;
      DgNode *hub = ks ? e->src : e->dst, *hidden = ks ? e->dst : e->src;
      Hanging *h = &hanging[hub->index];
      more += h->total == 0;
      h->total++;
      h->by_type[hidden->type]++;
      h->edges[e->type][ks]++;
    }
  return more;
}

/* Kept nodes first by degree, then as the view sorted them. */
typedef struct {
  DgNode *node;
  guint degree;
} Ranked;

static gint
by_degree (gconstpointer a, gconstpointer b)
{
  const Ranked *x = a, *y = b;
  if (x->degree != y->degree)
    return x->degree > y->degree ? -1 : 1;
  return x->node->index < y->node->index ? -1 : x->node->index > y->node->index;
}

/* Copies a node of the view into graph. (transfer none) */
static DgNode *
copy_node (DgGraph *graph, const DgNode *n)
{
  DgNode *c = dg_graph_add_node (graph, n->type, n->key, n->label);
  c->id = n->id;
  dg_json_object_merge (c->attrs, n->attrs);
  return c;
}

static void
append_count (GString *s, const guint *by_type)
{
  gboolean first = TRUE;
  for (int t = 0; t < DG_NODE_N_TYPES; t++)
    if (by_type[t])
      {
        g_string_append_printf (s, "%s%u %s", first ? "" : ", ", by_type[t],
                                dg_export_type_plural ((DgNodeType) t, by_type[t]));
        first = FALSE;
      }
}

gboolean
dg_export_summarise (DgExportJob *job, guint limit)
{
  DgGraph *old = job->graph;
  guint n = old->nodes->len;
  if (n <= limit)
    return FALSE;
  g_autofree guint *degree = g_new0 (guint, n);
  for (guint i = 0; i < old->edges->len; i++)
    {
      DgEdge *e = old->edges->pdata[i];
      degree[e->src->index]++;
      degree[e->dst->index]++;
    }
  /* 1. Nodes with no edge in the view say nothing in a diagram. */
  guint isolated[DG_NODE_N_TYPES] = { 0 };
  g_autoptr (GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  for (guint i = 0; i < n; i++)
    {
      DgNode *node = old->nodes->pdata[i];
      if (degree[i] == 0 && node != job->root)
        {
          isolated[node->type]++;
          continue;
        }
      Ranked r = { node, node == job->root ? G_MAXUINT : degree[i] };
      g_array_append_val (ranked, r);
    }
  /* A view of nothing but nodes without edges: keep them, the first ones. */
  if (ranked->len == 0)
    for (guint i = 0; i < n; i++)
      {
        DgNode *node = old->nodes->pdata[i];
        isolated[node->type]--;
        Ranked r = { node, 0 };
        g_array_append_val (ranked, r);
      }
  /* 2. The most connected, the root first, as many as leave room for one
   * "+N" node beside each that has neighbours not drawn. */
  g_array_sort (ranked, by_degree);
  g_autofree gboolean *kept = g_new0 (gboolean, n);
  g_autofree Hanging *hanging = g_new0 (Hanging, n);
  guint keep_n = MIN (ranked->len, limit);
  for (;;)
    {
      memset (kept, 0, n * sizeof *kept);
      for (guint i = 0; i < keep_n; i++)
        kept[g_array_index (ranked, Ranked, i).node->index] = TRUE;
      guint more = count_hanging (old, kept, hanging);
      if (keep_n + more <= limit || keep_n <= 1)
        break;
      keep_n -= MAX (1u, (keep_n + more - limit) / 2);
    }

  /* A "+1 document" node would stand for one node: draw that node. */
  for (guint i = 0; i < old->edges->len; i++)
    {
      DgEdge *e = old->edges->pdata[i];
      gboolean ks = kept[e->src->index], kd = kept[e->dst->index];
      DgNode *hub = ks ? e->src : e->dst, *hidden = ks ? e->dst : e->src;
      if (ks != kd && hanging[hub->index].total == 1 && hanging[hub->index].by_type[hidden->type])
        {
          hanging[hub->index].total = 0;
          kept[hidden->index] = TRUE;
          keep_n++;
        }
    }
  count_hanging (old, kept, hanging);

  DgGraph *graph = dg_graph_new (NULL);
  g_autofree DgNode **copy = g_new0 (DgNode *, n);
  for (guint i = 0; i < n; i++)
    if (kept[i])
      copy[i] = copy_node (graph, old->nodes->pdata[i]);
  for (guint i = 0; i < old->edges->len; i++)
    {
      DgEdge *e = old->edges->pdata[i];
      if (!kept[e->src->index] || !kept[e->dst->index])
        continue;
      DgEdge *c = dg_graph_add_edge (graph, e->type, copy[e->src->index], copy[e->dst->index],
                                     NULL, 0, 0, NULL);
      if (c)
        {
          c->id = e->id;
          dg_json_object_merge (c->attrs, e->attrs);
        }
    }
  guint hidden_n[DG_NODE_N_TYPES] = { 0 };
  for (guint i = 0; i < ranked->len; i++)
    {
      DgNode *node = g_array_index (ranked, Ranked, i).node;
      if (!kept[node->index])
        hidden_n[node->type]++;
    }
  for (guint i = 0; i < n; i++)
    {
      Hanging *h = &hanging[i];
      if (!kept[i] || h->total == 0)
        continue;
      DgNode *hub = copy[i];
      /* The node takes the type of most of what it stands for, the edge
       * the type and direction most of the edges have. */
      int kind = 0, type = 0, out = 0;
      for (int t = 0; t < DG_NODE_N_TYPES; t++)
        if (h->by_type[t] > h->by_type[kind])
          kind = t;
      for (int t = 0; t < DG_EDGE_N_TYPES; t++)
        for (int d = 0; d < 2; d++)
          if (h->edges[t][d] > h->edges[type][out])
            type = t, out = d;
      g_autoptr (GString) label = g_string_new (NULL);
      for (int t = 0; t < DG_NODE_N_TYPES; t++)
        if (h->by_type[t])
          g_string_append_printf (label, "%s+%u %s", label->len ? "\n" : "", h->by_type[t],
                                  dg_export_type_plural ((DgNodeType) t, h->by_type[t]));
      g_autofree char *key = g_strdup_printf ("more:%s:%s", dg_node_type_name (hub->type),
                                              hub->key);
      DgNode *more = dg_graph_add_node (graph, (DgNodeType) kind, key, label->str);
      g_autofree char *count = g_strdup_printf ("%u", h->total);
      dg_node_set_attr (more, "more", count, TRUE);
      /* Drawn in the cluster of the node it hangs off. */
      const char *level = dg_node_get_attr (hub, "level");
      if (level && (kind == DG_NODE_ORGANIZATION || kind == DG_NODE_DOCUMENT))
        dg_node_set_attr (more, "level", level, TRUE);
      if (out)
        dg_graph_add_edge (graph, (DgEdgeType) type, hub, more, NULL, 0, 0, NULL);
      else
        dg_graph_add_edge (graph, (DgEdgeType) type, more, hub, NULL, 0, 0, NULL);
    }
  dg_graph_sort (graph);

  /* The note: what the drawing leaves out. */
  GString *note = g_string_new (NULL);
  g_string_append_printf (note, "%u of the %u nodes", keep_n, n);
  guint total_isolated = 0, total_hidden = 0;
  for (int t = 0; t < DG_NODE_N_TYPES; t++)
    total_isolated += isolated[t], total_hidden += hidden_n[t];
  if (total_hidden)
    {
      g_string_append (note, ", the most connected; and ");
      append_count (note, hidden_n);
      g_string_append (note, " more (the \"+N\" nodes)");
    }
  if (total_isolated)
    {
      g_string_append (note, "; left out, with no edge here: ");
      append_count (note, isolated);
    }
  g_free (job->note);
  job->note = g_string_free (note, FALSE);
  job->graph = graph;
  /* The root, if any, in the new graph. */
  job->root = job->root ? copy[job->root->index] : NULL;
  dg_graph_free (old);
  return TRUE;
}
