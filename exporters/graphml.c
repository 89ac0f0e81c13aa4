/* graphml.c: a view as GraphML. Every node has typed <key>s for its type,
 * label, key and each attribute found in the view (long when every value is
 * an integer, string otherwise; arrays joined with "; "); edges have their
 * type and attributes. yEd's nodegraphics and edgegraphics give yEd the
 * shapes, colours and labels of the diagrams; Gephi and NetworkX read the
 * typed keys and leave the yEd data alone. */
#include "export-private.h"

#include <string.h>

/* yEd wants upper-case hex colours. (transfer full) */
static char *
yed_color (const char *hex)
{
  return g_ascii_strup (hex, -1);
}

static void
append_data (GString *out, const char *indent, const char *key, const char *value)
{
  if (value == NULL)
    return;
  g_autofree char *esc = dg_export_xml_escape (value, FALSE);
  g_string_append_printf (out, "%s<data key=\"%s\">%s</data>\n", indent, key, esc);
}

static const char *
key_type (const DgExportColumn *c)
{
  return c->kind == DG_EXPORT_COLUMN_LONG ? "long" : "string";
}

static void
append_keys (GString *out, GPtrArray *columns, const char *for_what, const char *prefix)
{
  for (guint i = 0; i < columns->len; i++)
    {
      DgExportColumn *c = columns->pdata[i];
      g_autofree char *name = dg_export_xml_escape (c->name, TRUE);
      g_string_append_printf (out, "  <key id=\"%s%u\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                              prefix, i, for_what, name, key_type (c));
    }
}

static void
append_attr_data (GString *out, GPtrArray *columns, JsonObject *attrs, const char *prefix)
{
  for (guint i = 0; i < columns->len; i++)
    {
      DgExportColumn *c = columns->pdata[i];
      g_autofree char *value = dg_export_value_text (attrs, c->name, "; ");
      g_autofree char *key = g_strdup_printf ("%s%u", prefix, i);
      append_data (out, "      ", key, value);
    }
}

/* yEd's drawing of a node: shape, colours, the wrapped label. */
static void
append_node_graphics (GString *out, DgNode *node)
{
  const DgExportNodeStyle *style = dg_export_node_style (node->type);
  g_auto (GStrv) lines = dg_export_wrap (node->label, DG_EXPORT_WRAP, 4);
  guint width = 0, n = g_strv_length (lines);
  for (guint i = 0; i < n; i++)
    width = MAX (width, (guint) g_utf8_strlen (lines[i], -1));
  g_autofree char *text = g_strjoinv ("\n", lines);
  g_autofree char *esc = dg_export_xml_escape (text, FALSE);
  g_autofree char *fill = yed_color (style->fill), *line = yed_color (style->line);
  g_string_append_printf (out,
                          "      <data key=\"ng\"><y:ShapeNode>"
                          "<y:Geometry width=\"%u\" height=\"%u\"/>"
                          "<y:Fill color=\"%s\" transparent=\"false\"/>"
                          "<y:BorderStyle color=\"%s\" type=\"line\" width=\"1.0\"/>"
                          "<y:NodeLabel fontFamily=\"Dialog\" fontSize=\"12\">%s</y:NodeLabel>"
                          "<y:Shape type=\"%s\"/></y:ShapeNode></data>\n",
                          MAX (width, 8) * 7 + 24, MAX (n, 1) * 16 + 14, fill, line, esc,
                          style->yed_shape);
}

static void
append_edge_graphics (GString *out, DgEdge *edge)
{
  const DgExportEdgeStyle *style = dg_export_edge_style (edge->type);
  g_autofree char *color = yed_color (style->color);
  const char *line = strcmp (style->style, "dashed") == 0   ? "dashed"
                     : strcmp (style->style, "dotted") == 0 ? "dotted"
                                                            : "line";
  g_autofree char *text = dg_export_edge_text (edge);
  g_autofree char *esc = text ? dg_export_xml_escape (text, FALSE) : NULL;
  g_string_append_printf (out,
                          "      <data key=\"eg\"><y:PolyLineEdge>"
                          "<y:LineStyle color=\"%s\" type=\"%s\" width=\"%.1f\"/>"
                          "<y:Arrows source=\"none\" target=\"standard\"/>",
                          color, line, style->penwidth);
  if (esc)
    g_string_append_printf (out, "<y:EdgeLabel fontSize=\"10\">%s</y:EdgeLabel>", esc);
  g_string_append (out, "</y:PolyLineEdge></data>\n");
}

gboolean
dg_export_write_graphml (DgExportJob *job, GPtrArray *parts, GError **error)
{
  DgGraph *graph = job->graph;
  g_autoptr (GPtrArray) node_columns = dg_export_columns (graph, FALSE);
  g_autoptr (GPtrArray) edge_columns = dg_export_columns (graph, TRUE);
  GString *out = g_string_new (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
    "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "         xmlns:y=\"http://www.yworks.com/xml/graphml\"\n"
    "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
    "http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd\">\n"
    "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
    "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
    "  <key id=\"key\" for=\"node\" attr.name=\"key\" attr.type=\"string\"/>\n");
  append_keys (out, node_columns, "node", "na");
  g_string_append (out, "  <key id=\"ng\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
                        "  <key id=\"etype\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n");
  append_keys (out, edge_columns, "edge", "ea");
  g_string_append (out, "  <key id=\"eg\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n");
  g_string_append_printf (out, "  <graph id=\"%s\" edgedefault=\"directed\">\n", job->view->name);
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DgNode *node = graph->nodes->pdata[i];
      g_autofree char *id = dg_export_node_id (node);
      g_string_append_printf (out, "    <node id=\"%s\">\n", id);
      append_data (out, "      ", "type", dg_node_type_name (node->type));
      append_data (out, "      ", "label", node->label);
      append_data (out, "      ", "key", node->key);
      append_attr_data (out, node_columns, node->attrs, "na");
      append_node_graphics (out, node);
      g_string_append (out, "    </node>\n");
    }
  for (guint i = 0; i < graph->edges->len; i++)
    {
      DgEdge *edge = graph->edges->pdata[i];
      g_autofree char *src = dg_export_node_id (edge->src), *dst = dg_export_node_id (edge->dst);
      g_string_append_printf (out, "    <edge id=\"e%u\" source=\"%s\" target=\"%s\">\n", i, src, dst);
      append_data (out, "      ", "etype", dg_edge_type_name (edge->type));
      append_attr_data (out, edge_columns, edge->attrs, "ea");
      append_edge_graphics (out, edge);
      g_string_append (out, "    </edge>\n");
    }
  g_string_append (out, "  </graph>\n</graphml>\n");
  dg_export_add_part (parts, NULL, out);
  return TRUE;
}
