/* query-timeline.c: `docgraph timeline ORG`: what an organization issued
 * and organized, month by month, with the bodies that are part of it and
 * the organizations it merged into or that merged into it. */
#include "store-private.h"

#include <string.h>

/* The organizations: ORG, what is part of it (recursively), and both ends
 * of its merged-into edges; then their documents and events. ?1 org. */
static const char timeline_sql[] =
  "WITH RECURSIVE orgs (id) AS ("
  "  SELECT ?1"
  "  UNION SELECT e.src FROM edges e JOIN orgs o ON e.dst = o.id"
  "    AND e.type IN ('part-of', 'merged-into')"
  "  UNION SELECT e.dst FROM edges e JOIN orgs o ON e.src = o.id AND e.type = 'merged-into'"
  ") "
  "SELECT n.id, " DG_NODE_ROW_COLUMNS ", w.what FROM ("
  "  SELECT DISTINCT e.src AS id, 'issued' AS what FROM edges e"
  "    WHERE e.type = 'issued-by' AND e.dst IN (SELECT id FROM orgs)"
  "  UNION SELECT DISTINCT e.src, 'organized' FROM edges e"
  "    WHERE e.type = 'organized-by' AND e.dst IN (SELECT id FROM orgs)"
  ") w JOIN nodes n ON n.id = w.id "
  "ORDER BY json_extract (n.attrs, '$.date') IS NULL, json_extract (n.attrs, '$.date'), "
  "n.label, n.id";

static void
timeline_item_free (gpointer p)
{
  DgTimelineItem *t = p;
  dg_node_row_clear (&t->node);
  g_free (t->month);
  g_free (t);
}

GPtrArray *
dg_store_timeline (DgStore *store, gint64 org, const char *since, const char *until,
                   GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  for (guint k = 0; k < 2; k++)
    {
      const char *bound = k ? until : since;
      if (bound && !dg_date_bound_valid (bound))
        {
          g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                       "--%s wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not “%s”",
                       k ? "until" : "since", bound);
          return NULL;
        }
    }
  sqlite3_stmt *st = dg_store_prepare (store, timeline_sql, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, org);
  GPtrArray *items = g_ptr_array_new_with_free_func (timeline_item_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      DgTimelineItem *t = g_new0 (DgTimelineItem, 1);
      dg_node_row_from_stmt (st, 0, &t->node);
      t->what = strcmp ((const char *) sqlite3_column_text (st, 9), "issued") == 0 ? "issued"
                                                                                   : "organized";
      const char *d = t->node.date;
      if (d && g_ascii_isdigit (*d) && strlen (d) >= 7)
        t->month = g_strndup (d, 7);
      if (!dg_date_within (d, since, until))
        timeline_item_free (t);
      else
        g_ptr_array_add (items, t);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading the timeline");
      g_ptr_array_unref (items);
      return NULL;
    }
  return items;
}

char *
dg_timeline_render (GPtrArray *items, DgOutputFormat format, guint width)
{
  if (format == DG_FORMAT_JSON)
    {
      JsonArray *arr = json_array_new ();
      for (guint i = 0; i < items->len; i++)
        {
          DgTimelineItem *t = items->pdata[i];
          JsonNode *n = dg_node_row_to_json (&t->node);
          JsonObject *o = json_node_get_object (n);
          json_object_set_string_member (o, "what", t->what);
          dg_json_set_string (o, "month", t->month);
          json_array_add_element (arr, n);
        }
      g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (root, arr);
      return dg_json_render (root);
    }
  const char *headers[] = { "MONTH", "DATE", "WHAT", "DOCUMENT OR EVENT", "BY" };
  g_autoptr (DgTable) t = dg_table_new (5, headers);
  dg_table_set_column (t, 0, DG_ALIGN_LEFT, 7);
  dg_table_set_column (t, 1, DG_ALIGN_LEFT, 10);
  dg_table_set_column (t, 3, DG_ALIGN_LEFT, 16);
  guint issued = 0, organized = 0;
  const char *last = NULL;
  for (guint i = 0; i < items->len; i++)
    {
      DgTimelineItem *it = items->pdata[i];
      const char *month = it->month ? it->month : "undated";
      gboolean first = last == NULL || strcmp (last, month) != 0;
      last = month;
      g_autofree char *name = it->node.code && it->node.title
                                ? g_strdup_printf ("%s %s", it->node.code, it->node.title)
                                : g_strdup (dg_node_row_name (&it->node));
      const char *cells[] = { first ? month : NULL, it->node.date, it->what, name, it->node.by };
      dg_table_add_row (t, cells);
      if (strcmp (it->what, "issued") == 0)
        issued++;
      else
        organized++;
    }
  if (format == DG_FORMAT_TSV)
    return dg_table_render_as (t, format, width);
  g_autofree char *table = dg_table_render (t, width);
  return g_strdup_printf ("%s%u document%s issued, %u event%s organized\n", table, issued,
                          issued == 1 ? "" : "s", organized, organized == 1 ? "" : "s");
}
