/* query-list.c: `docgraph list`: the nodes of one type, filtered by the
 * organization they belong to, their level and their date. */
#include "store-private.h"

#include <string.h>

/* The edge that ties a node of each type to an organization for
 * --issuer. */
static const char *const related_edge[DG_NODE_N_TYPES] = {
  [DG_NODE_ORGANIZATION] = "part-of",
  [DG_NODE_OFFICIAL] = "member-of",
  [DG_NODE_DOCUMENT] = "issued-by",
  [DG_NODE_EVENT] = "organized-by",
};

/* The statement is put together from these constant pieces, one per
 * filter given, so that each filter can use its index: the edges of the
 * organization (edges_dst), the level and the date (nodes_level,
 * nodes_date). Values are always bound: ?1 type, ?2 organization, ?3 edge
 * type, ?4 level, ?5 since, ?6 limit, ?7 until (its last day). */
#define LIST_SELECT "SELECT n.id, " DG_NODE_ROW_COLUMNS " FROM nodes n WHERE n.type = ?1 "
#define LIST_RELATED "AND n.id IN (SELECT src FROM edges WHERE dst = ?2 AND type = ?3) "
#define LIST_LEVEL "AND json_extract (n.attrs, '$.level') = ?4 "
#define LIST_SINCE "AND json_extract (n.attrs, '$.date') >= ?5 "
#define LIST_UNTIL "AND json_extract (n.attrs, '$.date') <= ?7 "
#define LIST_TAIL                                                              \
  "ORDER BY json_extract (n.attrs, '$.date') IS NULL, "                        \
  "json_extract (n.attrs, '$.date'), n.label, n.id LIMIT ?6"

/* YYYY, YYYY-MM or YYYY-MM-DD. */
static gboolean
valid_since (const char *s)
{
  static const char shape[] = "dddd-dd-dd";
  gsize n = strlen (s);
  if (n != 4 && n != 7 && n != 10)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (s[i]) : s[i] != '-')
      return FALSE;
  return TRUE;
}

GPtrArray *
dg_store_list (DgStore *store, const DgListQuery *q, GError **error)
{
  g_return_val_if_fail (store != NULL && q != NULL, NULL);
  g_return_val_if_fail ((guint) q->type < DG_NODE_N_TYPES, NULL);
  if (q->since && !valid_since (q->since))
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                   "--since wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not “%s”", q->since);
      return NULL;
    }
  if (q->since && q->type != DG_NODE_DOCUMENT && q->type != DG_NODE_EVENT)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                   "--since applies to documents and events, which have dates; %ss have none",
                   dg_node_type_name (q->type));
      return NULL;
    }
  if (q->until && !dg_date_bound_valid (q->until))
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                   "--until wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not “%s”", q->until);
      return NULL;
    }
  if (q->until && q->type != DG_NODE_DOCUMENT && q->type != DG_NODE_EVENT)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                   "--until applies to documents and events, which have dates; %ss have none",
                   dg_node_type_name (q->type));
      return NULL;
    }
  /* "2024" takes in all of 2024: compared with its last day. */
  g_autofree char *until_end = q->until ? g_strconcat (q->until, strlen (q->until) == 4 ? "-12-31"
                                                       : strlen (q->until) == 7 ? "-31" : "", NULL)
                                        : NULL;
  g_autofree char *sql = g_strconcat (LIST_SELECT, q->related ? LIST_RELATED : "",
                                      q->level ? LIST_LEVEL : "", q->since ? LIST_SINCE : "", q->until ? LIST_UNTIL : "",
                                      LIST_TAIL, NULL);
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, dg_node_type_name (q->type), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 2, q->related);
  sqlite3_bind_text (st, 3, related_edge[q->type], -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, q->level, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, q->since, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 6, q->limit ? (gint64) q->limit : -1);
  sqlite3_bind_text (st, 7, until_end, -1, SQLITE_TRANSIENT);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_node_row_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      DgNodeRow *r = g_new0 (DgNodeRow, 1);
      dg_node_row_from_stmt (st, 0, r);
      g_ptr_array_add (rows, r);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "listing nodes");
      g_ptr_array_unref (rows);
      return NULL;
    }
  return rows;
}

JsonNode *
dg_list_to_json (GPtrArray *rows)
{
  JsonArray *arr = json_array_new ();
  for (guint i = 0; i < rows->len; i++)
    json_array_add_element (arr, dg_node_row_to_json (rows->pdata[i]));
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, arr);
  return node;
}

char *
dg_list_render (GPtrArray *rows, DgNodeType type, DgOutputFormat format, guint width)
{
  if (format == DG_FORMAT_JSON)
    {
      g_autoptr (JsonNode) json = dg_list_to_json (rows);
      return dg_json_render (json);
    }
  /* The columns that say something for each type. */
  static const char *const by_header[DG_NODE_N_TYPES] = {
    [DG_NODE_ORGANIZATION] = "PART OF",
    [DG_NODE_OFFICIAL] = "TITLES",
    [DG_NODE_DOCUMENT] = "ISSUER",
    [DG_NODE_EVENT] = "ORGANIZER",
  };
  gboolean dated = type == DG_NODE_DOCUMENT || type == DG_NODE_EVENT;
  gboolean leveled = type == DG_NODE_DOCUMENT || type == DG_NODE_ORGANIZATION;
  gboolean coded = type == DG_NODE_DOCUMENT;
  const char *headers[7] = { "ID" };
  guint n = 1;
  guint col_code = coded ? n++ : 0;
  guint col_name = n++;
  guint col_by = n++;
  guint col_date = dated ? n++ : 0;
  guint col_level = leveled ? n++ : 0;
  if (coded)
    headers[col_code] = "CODE";
  headers[col_name] = type == DG_NODE_DOCUMENT ? "DOCUMENT" : "NAME";
  headers[col_by] = by_header[type];
  if (dated)
    headers[col_date] = "DATE";
  if (leveled)
    headers[col_level] = "LEVEL";
  g_autoptr (DgTable) t = dg_table_new (n, headers);
  /* Ids and codes are what a user types next: never cut. */
  dg_table_set_column (t, 0, DG_ALIGN_RIGHT, DG_TABLE_KEEP);
  dg_table_set_column (t, col_name, DG_ALIGN_LEFT, 16);
  if (coded)
    dg_table_set_column (t, col_code, DG_ALIGN_LEFT, DG_TABLE_KEEP);
  if (dated)
    dg_table_set_column (t, col_date, DG_ALIGN_LEFT, 10);
  for (guint i = 0; i < rows->len; i++)
    {
      DgNodeRow *r = rows->pdata[i];
      g_autofree char *id = g_strdup_printf ("#%" G_GINT64_FORMAT, r->id);
      const char *cells[7] = { id };
      if (coded)
        cells[col_code] = r->code;
      /* A document's title says more than its label once the code has a
       * column of its own. */
      cells[col_name] = coded && r->title ? r->title : r->label;
      cells[col_by] = r->by;
      if (dated)
        cells[col_date] = r->date;
      if (leveled)
        cells[col_level] = r->level;
      dg_table_add_row (t, cells);
    }
  if (format == DG_FORMAT_TSV)
    return dg_table_render_tsv (t);
  g_autofree char *table = dg_table_render (t, width);
  return g_strdup_printf ("%s%u %s%s\n", table, rows->len, dg_node_type_name (type),
                          rows->len == 1 ? "" : "s");
}
