/* model.c: articles, nodes, edges and the in-memory graph. */
#include "model-private.h"

#include <string.h>

static const char *const node_type_names[DG_NODE_N_TYPES] = {
  "organization", "official", "document", "event",
};

static const char *const edge_type_names[DG_EDGE_N_TYPES] = {
  "issued-by", "implements", "cites", "authored-by", "organized-by",
  "attended", "about", "member-of", "part-of",
  "based-on", "amends", "replaces", "repeals", "guides", "merged-into",
};

const char *
dg_node_type_name (DgNodeType type)
{
  return (guint) type < DG_NODE_N_TYPES ? node_type_names[type] : NULL;
}

const char *
dg_edge_type_name (DgEdgeType type)
{
  return (guint) type < DG_EDGE_N_TYPES ? edge_type_names[type] : NULL;
}

gboolean
dg_node_type_parse (const char *name, DgNodeType *out)
{
  for (guint i = 0; name && i < DG_NODE_N_TYPES; i++)
    if (strcmp (name, node_type_names[i]) == 0)
      {
        *out = (DgNodeType) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
dg_edge_type_parse (const char *name, DgEdgeType *out)
{
  for (guint i = 0; name && i < DG_EDGE_N_TYPES; i++)
    if (strcmp (name, edge_type_names[i]) == 0)
      {
        *out = (DgEdgeType) i;
        return TRUE;
      }
  return FALSE;
}

const char *
dg_rule_intern (const char *rule)
{
  return rule ? g_intern_string (rule) : NULL;
}

/* ---------------------------------------------------------------- article */

DgArticle *
dg_article_new (const char *source, const char *sha256, const char *title,
                const char *date, const char *text)
{
  DgArticle *a = g_new0 (DgArticle, 1);
  a->ref_count = 1;
  a->source = g_strdup (source ? source : "-");
  a->sha256 = g_strdup (sha256 ? sha256 : "");
  a->title = g_strdup (title);
  a->date = g_strdup (date);
  a->text = g_strdup (text ? text : "");
  a->text_len = strlen (a->text);
  return a;
}

DgArticle *
dg_article_ref (DgArticle *article)
{
  g_return_val_if_fail (article != NULL, NULL);
  g_atomic_int_inc (&article->ref_count);
  return article;
}

void
dg_article_unref (DgArticle *article)
{
  if (article == NULL || !g_atomic_int_dec_and_test (&article->ref_count))
    return;
  g_free (article->source);
  g_free (article->sha256);
  g_free (article->title);
  g_free (article->date);
  g_free (article->text);
  g_free (article->fold_title);
  g_free (article->fold_text);
  g_free (article);
}

void
dg_article_fold_search (DgArticle *article)
{
  if (article->fold_text)
    return;
  article->fold_title = dg_text_fold_search (article->title ? article->title : "", -1);
  article->fold_text = dg_text_fold_search (article->text, (gssize) article->text_len);
}

const char *dg_article_source (const DgArticle *a) { return a->source; }
const char *dg_article_sha256 (const DgArticle *a) { return a->sha256; }
const char *dg_article_title (const DgArticle *a) { return a->title; }
const char *dg_article_date (const DgArticle *a) { return a->date; }
const char *dg_article_text (const DgArticle *a) { return a->text; }
gsize dg_article_text_len (const DgArticle *a) { return a->text_len; }

/* ------------------------------------------------------------------ nodes */

static void
node_free (DgNode *node)
{
  g_free (node->key);
  g_free (node->label);
  json_object_unref (node->attrs);
  g_array_unref (node->mentions);
  g_free (node);
}

static void
edge_free (DgEdge *edge)
{
  json_object_unref (edge->attrs);
  g_array_unref (edge->evidence);
  g_free (edge);
}

static char *
node_index_key (DgNodeType type, const char *key)
{
  return g_strdup_printf ("%d\x1f%s", (int) type, key);
}

/* One edge per (type, src, dst): a second role joins attrs.roles. */
static char *
edge_index_key (DgEdgeType type, const DgNode *src, const DgNode *dst)
{
  return g_strdup_printf ("%d\x1f%p\x1f%p", (int) type, (const void *) src,
                          (const void *) dst);
}

static char *
from_index_key (DgEdgeType type, const DgNode *src)
{
  return g_strdup_printf ("%d\x1f%p", (int) type, (const void *) src);
}

DgGraph *
dg_graph_new (DgArticle *article)
{
  DgGraph *g = g_new0 (DgGraph, 1);
  g->article = article ? dg_article_ref (article) : NULL;
  g->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  g->edges = g_ptr_array_new_with_free_func ((GDestroyNotify) edge_free);
  g->node_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->edge_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->from_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return g;
}

void
dg_graph_free (DgGraph *graph)
{
  if (graph == NULL)
    return;
  g_hash_table_unref (graph->edge_index);
  g_hash_table_unref (graph->from_index);
  g_hash_table_unref (graph->node_index);
  g_ptr_array_unref (graph->edges);
  g_ptr_array_unref (graph->nodes);
  dg_article_unref (graph->article);
  g_free (graph);
}

DgArticle *
dg_graph_article (const DgGraph *graph)
{
  return graph->article;
}

DgNode *
dg_graph_find_node (const DgGraph *graph, DgNodeType type, const char *key)
{
  g_autofree char *k = node_index_key (type, key);
  return g_hash_table_lookup (graph->node_index, k);
}

DgNode *
dg_graph_add_node (DgGraph *graph, DgNodeType type, const char *key,
                   const char *label)
{
  g_return_val_if_fail ((guint) type < DG_NODE_N_TYPES, NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_autofree char *folded = key ? NULL : dg_text_fold_key (label, -1);
  const char *k = key ? key : folded;
  DgNode *node = dg_graph_find_node (graph, type, k);
  if (node)
    return node;
  node = g_new0 (DgNode, 1);
  node->type = type;
  node->key = g_strdup (k);
  node->label = g_strdup (label);
  node->attrs = json_object_new ();
  node->mentions = g_array_new (FALSE, FALSE, sizeof (DgSpan));
  node->index = graph->nodes->len;
  g_ptr_array_add (graph->nodes, node);
  g_hash_table_insert (graph->node_index, node_index_key (type, k), node);
  return node;
}

static void
span_append_unique (GArray *spans, guint start, guint end, const char *rule)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const DgSpan *s = &g_array_index (spans, DgSpan, i);
      if (s->start == start && s->end == end)
        return;
    }
  DgSpan s = { start, end, dg_rule_intern (rule) };
  g_array_append_val (spans, s);
}

DgEdge *
dg_graph_add_edge (DgGraph *graph, DgEdgeType type, DgNode *src, DgNode *dst,
                   const char *role, guint start, guint end, const char *rule)
{
  g_return_val_if_fail (src != NULL && dst != NULL, NULL);
  g_return_val_if_fail ((guint) type < DG_EDGE_N_TYPES, NULL);
  if (src == dst)
    return NULL;
  g_autofree char *k = edge_index_key (type, src, dst);
  DgEdge *edge = g_hash_table_lookup (graph->edge_index, k);
  if (edge == NULL)
    {
      edge = g_new0 (DgEdge, 1);
      edge->type = type;
      edge->src = src;
      edge->dst = dst;
      edge->attrs = json_object_new ();
      if (role)
        json_object_set_string_member (edge->attrs, "role", role);
      edge->evidence = g_array_new (FALSE, FALSE, sizeof (DgSpan));
      g_ptr_array_add (graph->edges, edge);
      g_hash_table_insert (graph->edge_index, g_steal_pointer (&k), edge);
      char *fk = from_index_key (type, src);
      if (!g_hash_table_contains (graph->from_index, fk))
        g_hash_table_insert (graph->from_index, fk, edge);
      else
        g_free (fk);
    }
  else if (role && g_strcmp0 (role, dg_edge_role (edge)) != 0)
    {
      JsonNode *m = json_object_get_member (edge->attrs, "roles");
      if (m == NULL)
        {
          JsonArray *roles = json_array_new ();
          if (dg_edge_role (edge))
            json_array_add_string_element (roles, dg_edge_role (edge));
          else
            json_object_set_string_member (edge->attrs, "role", role);
          json_object_set_array_member (edge->attrs, "roles", roles);
          m = json_object_get_member (edge->attrs, "roles");
        }
      JsonArray *roles = json_node_get_array (m);
      gboolean seen = FALSE;
      for (guint i = 0; i < json_array_get_length (roles) && !seen; i++)
        seen = g_strcmp0 (json_array_get_string_element (roles, i), role) == 0;
      if (!seen)
        json_array_add_string_element (roles, role);
    }
  if (end > start || rule)
    span_append_unique (edge->evidence, start, end, rule);
  return edge;
}

static void
graph_reindex (DgGraph *graph)
{
  g_hash_table_remove_all (graph->node_index);
  g_hash_table_remove_all (graph->edge_index);
  g_hash_table_remove_all (graph->from_index);
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DgNode *n = graph->nodes->pdata[i];
      n->index = i;
      g_hash_table_insert (graph->node_index, node_index_key (n->type, n->key), n);
    }
  for (guint i = 0; i < graph->edges->len; i++)
    {
      DgEdge *e = graph->edges->pdata[i];
      g_hash_table_insert (graph->edge_index,
                           edge_index_key (e->type, e->src, e->dst), e);
      char *fk = from_index_key (e->type, e->src);
      if (!g_hash_table_contains (graph->from_index, fk))
        g_hash_table_insert (graph->from_index, fk, e);
      else
        g_free (fk);
    }
}

void
dg_json_object_merge (JsonObject *into, JsonObject *from)
{
  JsonObjectIter it;
  const char *name;
  JsonNode *value;
  json_object_iter_init (&it, from);
  while (json_object_iter_next (&it, &name, &value))
    {
      JsonNode *have = json_object_get_member (into, name);
      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *src = json_node_get_array (value);
          if (have == NULL || !JSON_NODE_HOLDS_ARRAY (have))
            {
              json_object_set_member (into, name, json_node_copy (value));
              continue;
            }
          JsonArray *dst = json_node_get_array (have);
          for (guint i = 0; i < json_array_get_length (src); i++)
            {
              JsonNode *item = json_array_get_element (src, i);
              gboolean seen = FALSE;
              for (guint j = 0; j < json_array_get_length (dst) && !seen; j++)
                seen = json_node_equal (item, json_array_get_element (dst, j));
              if (!seen)
                json_array_add_element (dst, json_node_copy (item));
            }
        }
      else if (have == NULL || JSON_NODE_HOLDS_NULL (have)
               || (JSON_NODE_HOLDS_VALUE (have)
                   && json_node_get_value_type (have) == G_TYPE_STRING
                   && *json_node_get_string (have) == '\0'))
        json_object_set_member (into, name, json_node_copy (value));
    }
}

void
dg_graph_merge_nodes (DgGraph *graph, DgNode *keep, DgNode *drop)
{
  g_return_if_fail (keep != NULL && drop != NULL);
  if (keep == drop)
    return;
  for (guint i = 0; i < drop->mentions->len; i++)
    {
      const DgSpan *s = &g_array_index (drop->mentions, DgSpan, i);
      span_append_unique (keep->mentions, s->start, s->end, s->rule);
    }
  dg_json_object_merge (keep->attrs, drop->attrs);
  /* Redirect edges; those that become loops or duplicates go. */
  GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) edge_free);
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < graph->edges->len; i++)
    {
      DgEdge *e = graph->edges->pdata[i];
      graph->edges->pdata[i] = NULL;
      if (e->src == drop)
        e->src = keep;
      if (e->dst == drop)
        e->dst = keep;
      if (e->src == e->dst)
        {
          edge_free (e);
          continue;
        }
      char *k = edge_index_key (e->type, e->src, e->dst);
      DgEdge *twin = g_hash_table_lookup (seen, k);
      if (twin)
        {
          dg_json_object_merge (twin->attrs, e->attrs);
          for (guint j = 0; j < e->evidence->len; j++)
            {
              const DgSpan *s = &g_array_index (e->evidence, DgSpan, j);
              span_append_unique (twin->evidence, s->start, s->end, s->rule);
            }
          edge_free (e);
          g_free (k);
          continue;
        }
      g_hash_table_insert (seen, k, e);
      g_ptr_array_add (kept, e);
    }
  g_hash_table_unref (seen);
  g_ptr_array_set_free_func (graph->edges, NULL);
  g_ptr_array_unref (graph->edges);
  graph->edges = kept;
  g_ptr_array_remove_index (graph->nodes, drop->index); /* frees drop */
  graph_reindex (graph);
}

void
dg_graph_remove_node (DgGraph *graph, DgNode *node)
{
  for (guint i = graph->edges->len; i-- > 0;)
    {
      DgEdge *e = graph->edges->pdata[i];
      if (e->src == node || e->dst == node)
        g_ptr_array_remove_index (graph->edges, i);
    }
  g_ptr_array_remove_index (graph->nodes, node->index);
  graph_reindex (graph);
}

void
dg_graph_remove_edge (DgGraph *graph, DgEdge *edge)
{
  g_autofree char *k = edge_index_key (edge->type, edge->src, edge->dst);
  g_autofree char *fk = from_index_key (edge->type, edge->src);
  g_hash_table_remove (graph->edge_index, k);
  gboolean first = g_hash_table_lookup (graph->from_index, fk) == edge;
  DgEdgeType type = edge->type;
  DgNode *src = edge->src;
  g_ptr_array_remove (graph->edges, edge); /* frees edge */
  if (first)
    {
      g_hash_table_remove (graph->from_index, fk);
      for (guint i = 0; i < graph->edges->len; i++)
        {
          DgEdge *e = graph->edges->pdata[i];
          if (e->type == type && e->src == src)
            {
              g_hash_table_insert (graph->from_index, g_steal_pointer (&fk), e);
              break;
            }
        }
    }
}

DgEdge *
dg_graph_edge_from (const DgGraph *graph, DgEdgeType type, const DgNode *src)
{
  g_autofree char *k = from_index_key (type, src);
  return g_hash_table_lookup (graph->from_index, k);
}

DgEdge *
dg_graph_find_edge (const DgGraph *graph, DgEdgeType type, const DgNode *src, const DgNode *dst)
{
  g_autofree char *k = edge_index_key (type, src, dst);
  return g_hash_table_lookup (graph->edge_index, k);
}

guint dg_graph_n_nodes (const DgGraph *g) { return g->nodes->len; }
guint dg_graph_n_edges (const DgGraph *g) { return g->edges->len; }

DgNode *
dg_graph_node (const DgGraph *g, guint index)
{
  g_return_val_if_fail (index < g->nodes->len, NULL);
  return g->nodes->pdata[index];
}

DgEdge *
dg_graph_edge (const DgGraph *g, guint index)
{
  g_return_val_if_fail (index < g->edges->len, NULL);
  return g->edges->pdata[index];
}

static guint
first_offset (const DgNode *n)
{
  return n->mentions->len ? g_array_index (n->mentions, DgSpan, 0).start : G_MAXUINT;
}

static gint
node_order (gconstpointer a, gconstpointer b)
{
  const DgNode *x = *(DgNode *const *) a, *y = *(DgNode *const *) b;
  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  guint ox = first_offset (x), oy = first_offset (y);
  if (ox != oy)
    return ox < oy ? -1 : 1;
  return strcmp (x->key, y->key);
}

static gint
edge_order (gconstpointer a, gconstpointer b)
{
  const DgEdge *x = *(DgEdge *const *) a, *y = *(DgEdge *const *) b;
  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  if (x->src->index != y->src->index)
    return x->src->index < y->src->index ? -1 : 1;
  if (x->dst->index != y->dst->index)
    return x->dst->index < y->dst->index ? -1 : 1;
  return g_strcmp0 (dg_edge_role (x), dg_edge_role (y));
}

void
dg_graph_sort (DgGraph *graph)
{
  g_ptr_array_sort (graph->nodes, node_order);
  for (guint i = 0; i < graph->nodes->len; i++)
    ((DgNode *) graph->nodes->pdata[i])->index = i;
  g_ptr_array_sort (graph->edges, edge_order);
}

/* ------------------------------------------------------------- accessors */

DgNodeType dg_node_type (const DgNode *n) { return n->type; }
const char *dg_node_key (const DgNode *n) { return n->key; }
const char *dg_node_label (const DgNode *n) { return n->label; }
gint64 dg_node_id (const DgNode *n) { return n->id; }
void dg_node_set_id (DgNode *n, gint64 id) { n->id = id; }
JsonObject *dg_node_attrs (DgNode *n) { return n->attrs; }
guint dg_node_n_mentions (const DgNode *n) { return n->mentions->len; }

void
dg_node_set_label (DgNode *node, const char *label)
{
  g_return_if_fail (label != NULL);
  char *l = g_strdup (label);
  g_free (node->label);
  node->label = l;
}

void
dg_node_set_key (DgGraph *graph, DgNode *node, const char *key)
{
  g_return_if_fail (key != NULL);
  DgNode *other = dg_graph_find_node (graph, node->type, key);
  if (other == node)
    return;
  g_autofree char *old = node_index_key (node->type, node->key);
  g_hash_table_remove (graph->node_index, old);
  g_free (node->key);
  node->key = g_strdup (key);
  if (other)
    {
      /* The new key names a node we already have: they are one. */
      g_hash_table_insert (graph->node_index, node_index_key (node->type, key), other);
      dg_graph_merge_nodes (graph, other, node);
      return;
    }
  g_hash_table_insert (graph->node_index, node_index_key (node->type, key), node);
}

const DgSpan *
dg_node_mention (const DgNode *n, guint index)
{
  g_return_val_if_fail (index < n->mentions->len, NULL);
  return &g_array_index (n->mentions, DgSpan, index);
}

void
dg_node_add_mention (DgNode *node, guint start, guint end, const char *rule)
{
  span_append_unique (node->mentions, start, end, rule);
}

void
dg_node_set_attr (DgNode *node, const char *name, const char *value,
                  gboolean replace)
{
  if (value == NULL)
    return;
  if (!replace && json_object_has_member (node->attrs, name))
    return;
  json_object_set_string_member (node->attrs, name, value);
}

const char *
dg_node_get_attr (const DgNode *node, const char *name)
{
  JsonNode *m = json_object_get_member (node->attrs, name);
  if (m == NULL || !JSON_NODE_HOLDS_VALUE (m)
      || json_node_get_value_type (m) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (m);
}

void
dg_node_add_attr_item (DgNode *node, const char *name, const char *value)
{
  if (value == NULL)
    return;
  JsonNode *m = json_object_get_member (node->attrs, name);
  if (m == NULL || !JSON_NODE_HOLDS_ARRAY (m))
    {
      json_object_set_array_member (node->attrs, name, json_array_new ());
      m = json_object_get_member (node->attrs, name);
    }
  JsonArray *arr = json_node_get_array (m);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    if (g_strcmp0 (json_array_get_string_element (arr, i), value) == 0)
      return;
  json_array_add_string_element (arr, value);
}

DgEdgeType dg_edge_type (const DgEdge *e) { return e->type; }
DgNode *dg_edge_src (const DgEdge *e) { return e->src; }
DgNode *dg_edge_dst (const DgEdge *e) { return e->dst; }
JsonObject *dg_edge_attrs (DgEdge *e) { return e->attrs; }
guint dg_edge_n_evidence (const DgEdge *e) { return e->evidence->len; }

const char *
dg_edge_role (const DgEdge *edge)
{
  JsonNode *m = json_object_get_member (edge->attrs, "role");
  return m && JSON_NODE_HOLDS_VALUE (m) ? json_node_get_string (m) : NULL;
}

const DgSpan *
dg_edge_evidence (const DgEdge *e, guint index)
{
  g_return_val_if_fail (index < e->evidence->len, NULL);
  return &g_array_index (e->evidence, DgSpan, index);
}
