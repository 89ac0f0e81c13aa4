/* csv.c: a view as two CSV files, nodes and edges, with the headers
 * neo4j-admin import reads:
 *
 *   id:ID,label,type:LABEL,key,<attributes>
 *   :START_ID,:END_ID,:TYPE,<attributes>
 *
 * Attribute columns are "name" (string), "name:long" (every value an
 * integer) or "name:string[]" (arrays, items joined with ';', neo4j's array
 * delimiter). Fields are quoted as RFC 4180 says when they hold a comma, a
 * quote, a line end or edge white space; text that starts like a formula
 * gets a "'" first. */
#include "export-private.h"

#include <string.h>

/* A text field a spreadsheet would run as a formula ("=HYPERLINK(…)",
 * "+1", "-2+3", "@SUM(…)", or those after a tab or line end) gets a "'"
 * before it, as OWASP advises: shown as text, not run. */
static gboolean
looks_like_formula (const char *value)
{
  return strchr ("=+-@\t\r", value[0]) != NULL;
}

static void
append_field (GString *out, const char *value, gboolean first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (value == NULL || *value == '\0')
    return;
  gsize len = strlen (value);
  gboolean formula = looks_like_formula (value);
  gboolean quote = strpbrk (value, ",\"\r\n") != NULL || g_ascii_isspace (value[0])
                   || g_ascii_isspace (value[len - 1]) || formula;
  if (!quote)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* A :long column's value, a whole number that may be negative. */
static void
append_number (GString *out, const char *value)
{
  g_string_append_c (out, ',');
  if (value)
    g_string_append (out, value);
}

static void
append_header (GString *out, GPtrArray *columns)
{
  for (guint i = 0; i < columns->len; i++)
    {
      DgExportColumn *c = columns->pdata[i];
      const char *suffix = c->kind == DG_EXPORT_COLUMN_LONG   ? ":long"
                           : c->kind == DG_EXPORT_COLUMN_LIST ? ":string[]"
                                                              : "";
      g_autofree char *name = g_strconcat (c->name, suffix, NULL);
      append_field (out, name, FALSE);
    }
  g_string_append_c (out, '\n');
}

/* A list value: items joined by ';', a ';' inside an item becoming ','. */
static char *
list_text (JsonObject *attrs, const char *name)
{
  g_autofree char *joined = dg_export_value_text (attrs, name, "\x1f");
  if (joined == NULL)
    return NULL;
  g_strdelimit (joined, ";", ',');
  g_strdelimit (joined, "\x1f", ';');
  return g_steal_pointer (&joined);
}

static void
append_values (GString *out, GPtrArray *columns, JsonObject *attrs)
{
  for (guint i = 0; i < columns->len; i++)
    {
      DgExportColumn *c = columns->pdata[i];
      g_autofree char *value = c->kind == DG_EXPORT_COLUMN_LIST
                                 ? list_text (attrs, c->name)
                                 : dg_export_value_text (attrs, c->name, "; ");
      if (c->kind == DG_EXPORT_COLUMN_LONG)
        append_number (out, value);
      else
        append_field (out, value, FALSE);
    }
  g_string_append_c (out, '\n');
}

gboolean
dg_export_write_csv (DgExportJob *job, GPtrArray *parts, GError **error)
{
  DgGraph *graph = job->graph;
  g_autoptr (GPtrArray) node_columns = dg_export_columns (graph, FALSE);
  g_autoptr (GPtrArray) edge_columns = dg_export_columns (graph, TRUE);

  GString *nodes = g_string_new ("id:ID,label,type:LABEL,key");
  append_header (nodes, node_columns);
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DgNode *node = graph->nodes->pdata[i];
      g_autofree char *id = dg_export_node_id (node);
      append_field (nodes, id, TRUE);
      append_field (nodes, node->label, FALSE);
      append_field (nodes, dg_node_type_name (node->type), FALSE);
      append_field (nodes, node->key, FALSE);
      append_values (nodes, node_columns, node->attrs);
    }
  dg_export_add_part (parts, "nodes", nodes);

  GString *edges = g_string_new (":START_ID,:END_ID,:TYPE");
  append_header (edges, edge_columns);
  for (guint i = 0; i < graph->edges->len; i++)
    {
      DgEdge *edge = graph->edges->pdata[i];
      g_autofree char *src = dg_export_node_id (edge->src), *dst = dg_export_node_id (edge->dst);
      append_field (edges, src, TRUE);
      append_field (edges, dst, FALSE);
      append_field (edges, dg_edge_type_name (edge->type), FALSE);
      append_values (edges, edge_columns, edge->attrs);
    }
  dg_export_add_part (parts, "edges", edges);
  return TRUE;
}
