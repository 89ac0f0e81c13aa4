/* gexf.c: a view as GEXF 1.3, the format Gephi reads best: node and edge
 * attributes declared with their types, labels, and viz: colours and
 * shapes matching the diagrams. No lastmodifieddate: one database gives
 * one file. */
#include "export-private.h"

#include <stdlib.h>
#include <string.h>

static const char *
attribute_type (const DgExportColumn *c)
{
  return c->kind == DG_EXPORT_COLUMN_LONG ? "long" : "string";
}

/* type is attribute 0; the view's attributes follow from 1. */
static void
append_attributes (GString *out, GPtrArray *columns, const char *class, gboolean with_key)
{
  g_string_append_printf (out, "    <attributes class=\"%s\">\n", class);
  g_string_append (out, "      <attribute id=\"0\" title=\"type\" type=\"string\"/>\n");
  guint first = 1;
  if (with_key)
    {
      g_string_append (out, "      <attribute id=\"1\" title=\"key\" type=\"string\"/>\n");
      first = 2;
    }
  for (guint i = 0; i < columns->len; i++)
    {
      DgExportColumn *c = columns->pdata[i];
      g_autofree char *title = dg_export_xml_escape (c->name, TRUE);
      g_string_append_printf (out, "      <attribute id=\"%u\" title=\"%s\" type=\"%s\"/>\n",
                              first + i, title, attribute_type (c));
    }
  g_string_append (out, "    </attributes>\n");
}

static void
append_value (GString *out, guint id, const char *value)
{
  if (value == NULL)
    return;
  g_autofree char *esc = dg_export_xml_escape (value, TRUE);
  g_string_append_printf (out, "          <attvalue for=\"%u\" value=\"%s\"/>\n", id, esc);
}

static void
append_values (GString *out, GPtrArray *columns, JsonObject *attrs, guint first)
{
  for (guint i = 0; i < columns->len; i++)
    {
      DgExportColumn *c = columns->pdata[i];
      g_autofree char *value = dg_export_value_text (attrs, c->name, "; ");
      append_value (out, first + i, value);
    }
}

static void
append_color (GString *out, const char *hex)
{
  unsigned long rgb = strtoul (hex + 1, NULL, 16);
  g_string_append_printf (out, "        <viz:color r=\"%lu\" g=\"%lu\" b=\"%lu\"/>\n",
                          (rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
}

gboolean
dg_export_write_gexf (DgExportJob *job, GPtrArray *parts, GError **error)
{
  DgGraph *graph = job->graph;
  g_autoptr (GPtrArray) node_columns = dg_export_columns (graph, FALSE);
  g_autoptr (GPtrArray) edge_columns = dg_export_columns (graph, TRUE);
  GString *out = g_string_new (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\"\n"
    "      xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "      xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\"\n"
    "      version=\"1.3\">\n"
    "  <meta>\n"
    "    <creator>docgraph</creator>\n");
  g_autofree char *description = job->root
    ? g_strdup_printf ("%s view of %s", job->view->name, job->root->label)
    : g_strdup_printf ("%s view", job->view->name);
  g_autofree char *desc = dg_export_xml_escape (description, FALSE);
  g_string_append_printf (out, "    <description>%s</description>\n  </meta>\n", desc);
  g_string_append (out, "  <graph defaultedgetype=\"directed\" mode=\"static\">\n");
  append_attributes (out, node_columns, "node", TRUE);
  append_attributes (out, edge_columns, "edge", FALSE);

  g_string_append (out, "    <nodes>\n");
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DgNode *node = graph->nodes->pdata[i];
      const DgExportNodeStyle *style = dg_export_node_style (node->type);
      g_autofree char *id = dg_export_node_id (node);
      g_autofree char *label = dg_export_xml_escape (node->label, TRUE);
      g_string_append_printf (out, "      <node id=\"%s\" label=\"%s\">\n", id, label);
      g_string_append (out, "        <attvalues>\n");
      append_value (out, 0, dg_node_type_name (node->type));
      append_value (out, 1, node->key);
      append_values (out, node_columns, node->attrs, 2);
      g_string_append (out, "        </attvalues>\n");
      append_color (out, style->fill);
      g_string_append_printf (out, "        <viz:size value=\"%s\"/>\n",
                              node == job->root ? "20.0" : "10.0");
      g_string_append_printf (out, "        <viz:shape value=\"%s\"/>\n", style->gexf_shape);
      g_string_append (out, "      </node>\n");
    }
  g_string_append (out, "    </nodes>\n    <edges>\n");
  for (guint i = 0; i < graph->edges->len; i++)
    {
      DgEdge *edge = graph->edges->pdata[i];
      const DgExportEdgeStyle *style = dg_export_edge_style (edge->type);
      g_autofree char *src = dg_export_node_id (edge->src), *dst = dg_export_node_id (edge->dst);
      g_autofree char *text = dg_export_edge_text (edge);
      g_autofree char *label = dg_export_xml_escape (text ? text : dg_edge_type_name (edge->type), TRUE);
      g_string_append_printf (out, "      <edge id=\"e%u\" source=\"%s\" target=\"%s\" label=\"%s\">\n",
                              i, src, dst, label);
      g_string_append (out, "        <attvalues>\n");
      append_value (out, 0, dg_edge_type_name (edge->type));
      append_values (out, edge_columns, edge->attrs, 1);
      g_string_append (out, "        </attvalues>\n");
      append_color (out, style->color);
      g_string_append_printf (out, "        <viz:shape value=\"%s\"/>\n",
                              strcmp (style->style, "dashed") == 0   ? "dashed"
                              : strcmp (style->style, "dotted") == 0 ? "dotted"
                                                                     : "solid");
      g_string_append (out, "      </edge>\n");
    }
  g_string_append (out, "    </edges>\n  </graph>\n</gexf>\n");
  dg_export_add_part (parts, NULL, out);
  return TRUE;
}
