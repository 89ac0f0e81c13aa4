/* json.c: a view as JSON in the shape of the extract contract
 * (docs/extract-json.md): "nodes" and "edges" as dg_graph_to_json writes
 * them, an "article" of nulls (a view is not one article), and a "view"
 * object saying which view it is. */
#include "export-private.h"

gboolean
dg_export_write_json (DgExportJob *job, GPtrArray *parts, GError **error)
{
  g_autoptr (JsonNode) root = dg_graph_to_json (job->graph);
  JsonObject *view = json_object_new ();
  json_object_set_string_member (view, "name", job->view->name);
  if (job->root)
    {
      JsonObject *r = json_object_new ();
      json_object_set_string_member (r, "type", dg_node_type_name (job->root->type));
      json_object_set_string_member (r, "key", job->root->key);
      json_object_set_string_member (r, "label", job->root->label);
      json_object_set_object_member (view, "root", r);
      if (job->depth >= 0)
        json_object_set_int_member (view, "depth", job->depth);
      else
        json_object_set_null_member (view, "depth"); /* unlimited */
    }
  json_object_set_object_member (json_node_get_object (root), "view", view);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  GString *out = g_string_new (text);
  g_string_append_c (out, '\n');
  dg_export_add_part (parts, NULL, out);
  return TRUE;
}
