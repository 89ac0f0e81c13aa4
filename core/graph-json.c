/* graph-json.c: the extract JSON contract (docs/extract-json.md), both ways. */
#include "model-private.h"

#include <string.h>

static const char node_id_prefix[DG_NODE_N_TYPES] = { 'o', 'p', 'd', 'e' };

static JsonNode *
span_json (const DgSpan *s)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, s->start);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, s->end);
  if (s->rule)
    {
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, s->rule);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
add_string_member (JsonObject *o, const char *name, const char *value)
{
  if (value)
    json_object_set_string_member (o, name, value);
  else
    json_object_set_null_member (o, name);
}

JsonNode *
dg_graph_to_json (DgGraph *graph)
{
  return dg_graph_to_json_full (graph, FALSE);
}

JsonNode *
dg_graph_to_json_full (DgGraph *graph, gboolean edge_mentions)
{
  JsonObject *root = json_object_new ();
  JsonObject *art = json_object_new ();
  DgArticle *a = graph->article;
  add_string_member (art, "source", a ? a->source : NULL);
  add_string_member (art, "sha256", a ? a->sha256 : NULL);
  add_string_member (art, "title", a ? a->title : NULL);
  add_string_member (art, "date", a ? a->date : NULL);
  if (a)
    json_object_set_string_member (art, "text", a->text);
  json_object_set_object_member (root, "article", art);

  /* Ids are a type letter and a number per type, in node order. */
  guint counters[DG_NODE_N_TYPES] = { 0 };
  g_autofree char **ids = g_new0 (char *, graph->nodes->len + 1);
  JsonArray *nodes = json_array_new ();
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DgNode *n = graph->nodes->pdata[i];
      n->index = i;
      ids[i] = g_strdup_printf ("%c%u", node_id_prefix[n->type], ++counters[n->type]);
      JsonObject *o = json_object_new ();
      json_object_set_string_member (o, "id", ids[i]);
      json_object_set_string_member (o, "type", dg_node_type_name (n->type));
      json_object_set_string_member (o, "label", n->label);
      json_object_set_string_member (o, "key", n->key);
      json_object_set_object_member (o, "attrs", json_object_ref (n->attrs));
      if (n->mentions->len)
        {
          json_object_set_member (o, "evidence",
                                  span_json (&g_array_index (n->mentions, DgSpan, 0)));
          JsonArray *ms = json_array_new ();
          for (guint j = 0; j < n->mentions->len; j++)
            json_array_add_element (ms, span_json (&g_array_index (n->mentions, DgSpan, j)));
          json_object_set_array_member (o, "mentions", ms);
        }
      json_array_add_object_element (nodes, o);
    }
  json_object_set_array_member (root, "nodes", nodes);

  JsonArray *edges = json_array_new ();
  for (guint i = 0; i < graph->edges->len; i++)
    {
      DgEdge *e = graph->edges->pdata[i];
      JsonObject *o = json_object_new ();
      json_object_set_string_member (o, "type", dg_edge_type_name (e->type));
      json_object_set_string_member (o, "src", ids[e->src->index]);
      json_object_set_string_member (o, "dst", ids[e->dst->index]);
      json_object_set_object_member (o, "attrs", json_object_ref (e->attrs));
      if (e->evidence->len)
        {
          const DgSpan *s = &g_array_index (e->evidence, DgSpan, 0);
          json_object_set_member (o, "evidence", span_json (s));
          if (s->rule)
            json_object_set_string_member (o, "rule", s->rule);
        }
      if (edge_mentions && e->evidence->len > 1)
        {
          /* Every supporting sentence, so that importing this output stores
           * what importing the article would. */
          JsonArray *ms = json_array_new ();
          for (guint j = 0; j < e->evidence->len; j++)
            json_array_add_element (ms, span_json (&g_array_index (e->evidence, DgSpan, j)));
          json_object_set_array_member (o, "mentions", ms);
        }
      json_array_add_object_element (edges, o);
    }
  json_object_set_array_member (root, "edges", edges);
  g_strfreev (g_steal_pointer (&ids));

  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

static const char *
member_string (JsonObject *o, const char *name)
{
  JsonNode *m = o ? json_object_get_member (o, name) : NULL;
  if (m == NULL || !JSON_NODE_HOLDS_VALUE (m)
      || json_node_get_value_type (m) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (m);
}

static gboolean
read_span (JsonObject *o, DgSpan *out)
{
  JsonNode *s = json_object_get_member (o, "start");
  JsonNode *e = json_object_get_member (o, "end");
  if (s == NULL || e == NULL || !JSON_NODE_HOLDS_VALUE (s) || !JSON_NODE_HOLDS_VALUE (e))
    return FALSE;
  gint64 start = json_node_get_int (s), end = json_node_get_int (e);
  if (start < 0 || end < start || end > G_MAXUINT)
    return FALSE;
  out->start = (guint) start;
  out->end = (guint) end;
  out->rule = dg_rule_intern (member_string (o, "rule"));
  return TRUE;
}

#define PARSE_FAIL(...)                                                     \
  do {                                                                      \
    g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE, __VA_ARGS__); \
    return NULL;                                                            \
  } while (0)

DgGraph *
dg_graph_from_json (JsonNode *root, GError **error)
{
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    PARSE_FAIL ("not a JSON object");
  JsonObject *o = json_node_get_object (root);
  JsonNode *art_node = json_object_get_member (o, "article");
  JsonObject *art = art_node && JSON_NODE_HOLDS_OBJECT (art_node)
                      ? json_node_get_object (art_node) : NULL;
  if (art == NULL)
    PARSE_FAIL ("no \"article\" object");
  const char *text = member_string (art, "text");
  if (text && !g_utf8_validate (text, -1, NULL))
    PARSE_FAIL ("article text is not valid UTF-8");
  g_autofree char *sha = NULL;
  const char *sha256 = member_string (art, "sha256");
  if (sha256 == NULL || *sha256 == '\0')
    sha256 = sha = dg_sha256_hex (text ? text : "", text ? strlen (text) : 0);
  g_autoptr (DgArticle) article
    = dg_article_new (member_string (art, "source"), sha256, member_string (art, "title"),
                      member_string (art, "date"), text);
  g_autoptr (DgGraph) graph = dg_graph_new (article);

  JsonNode *nn = json_object_get_member (o, "nodes");
  JsonNode *en = json_object_get_member (o, "edges");
  if ((nn && !JSON_NODE_HOLDS_ARRAY (nn)) || (en && !JSON_NODE_HOLDS_ARRAY (en)))
    PARSE_FAIL ("\"nodes\" and \"edges\" must be arrays");
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *nodes = nn ? json_node_get_array (nn) : NULL;
  for (guint i = 0; nodes && i < json_array_get_length (nodes); i++)
    {
      JsonNode *el = json_array_get_element (nodes, i);
      if (!JSON_NODE_HOLDS_OBJECT (el))
        PARSE_FAIL ("node %u is not an object", i);
      JsonObject *no = json_node_get_object (el);
      const char *id = member_string (no, "id");
      const char *label = member_string (no, "label");
      DgNodeType type;
      if (id == NULL || label == NULL || !dg_node_type_parse (member_string (no, "type"), &type))
        PARSE_FAIL ("node %u needs \"id\", \"label\" and a known \"type\"", i);
      if (!g_utf8_validate (label, -1, NULL))
        PARSE_FAIL ("node %s: label is not valid UTF-8", id);
      DgNode *node = dg_graph_add_node (graph, type, member_string (no, "key"), label);
      JsonNode *attrs = json_object_get_member (no, "attrs");
      if (attrs && JSON_NODE_HOLDS_OBJECT (attrs))
        dg_json_object_merge (node->attrs, json_node_get_object (attrs));
      JsonNode *ms = json_object_get_member (no, "mentions");
      JsonNode *ev = json_object_get_member (no, "evidence");
      DgSpan s;
      if (ms && JSON_NODE_HOLDS_ARRAY (ms))
        {
          JsonArray *arr = json_node_get_array (ms);
          for (guint j = 0; j < json_array_get_length (arr); j++)
            {
              JsonNode *m = json_array_get_element (arr, j);
              if (JSON_NODE_HOLDS_OBJECT (m) && read_span (json_node_get_object (m), &s))
                dg_node_add_mention (node, s.start, s.end, s.rule);
            }
        }
      else if (ev && JSON_NODE_HOLDS_OBJECT (ev) && read_span (json_node_get_object (ev), &s))
        dg_node_add_mention (node, s.start, s.end, s.rule);
      g_hash_table_insert (by_id, (gpointer) id, node);
    }
  JsonArray *edges = en ? json_node_get_array (en) : NULL;
  for (guint i = 0; edges && i < json_array_get_length (edges); i++)
    {
      JsonNode *el = json_array_get_element (edges, i);
      if (!JSON_NODE_HOLDS_OBJECT (el))
        PARSE_FAIL ("edge %u is not an object", i);
      JsonObject *eo = json_node_get_object (el);
      DgEdgeType type;
      if (!dg_edge_type_parse (member_string (eo, "type"), &type))
        PARSE_FAIL ("edge %u has no known \"type\"", i);
      const char *src = member_string (eo, "src"), *dst = member_string (eo, "dst");
      DgNode *s = src ? g_hash_table_lookup (by_id, src) : NULL;
      DgNode *d = dst ? g_hash_table_lookup (by_id, dst) : NULL;
      if (s == NULL || d == NULL)
        PARSE_FAIL ("edge %u names a node that is not there", i);
      JsonNode *attrs = json_object_get_member (eo, "attrs");
      JsonObject *ao = attrs && JSON_NODE_HOLDS_OBJECT (attrs) ? json_node_get_object (attrs) : NULL;
      JsonNode *ev = json_object_get_member (eo, "evidence");
      DgSpan sp = { 0, 0, NULL };
      if (ev && JSON_NODE_HOLDS_OBJECT (ev))
        read_span (json_node_get_object (ev), &sp);
      if (sp.rule == NULL)
        sp.rule = dg_rule_intern (member_string (eo, "rule"));
      DgEdge *edge = dg_graph_add_edge (graph, type, s, d, member_string (ao, "role"),
                                        sp.start, sp.end, sp.rule);
      JsonNode *ms = json_object_get_member (eo, "mentions");
      if (edge && ms && JSON_NODE_HOLDS_ARRAY (ms))
        {
          /* The first of them is the evidence, added above. */
          JsonArray *arr = json_node_get_array (ms);
          for (guint j = 1; j < json_array_get_length (arr); j++)
            {
              JsonNode *m = json_array_get_element (arr, j);
              DgSpan more;
              if (JSON_NODE_HOLDS_OBJECT (m) && read_span (json_node_get_object (m), &more))
                dg_graph_add_edge (graph, type, s, d, NULL, more.start, more.end, more.rule);
            }
        }
      if (edge && ao)
        dg_json_object_merge (edge->attrs, ao);
    }
  return g_steal_pointer (&graph);
}
