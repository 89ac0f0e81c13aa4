/* query-node.c: nodes as the queries list them. */
#include "store-private.h"

#include <string.h>

static char *
column_dup (sqlite3_stmt *st, int col)
{
  if (sqlite3_column_type (st, col) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (st, col));
}

void
dg_node_row_from_stmt (sqlite3_stmt *st, int first, DgNodeRow *row)
{
  row->id = sqlite3_column_int64 (st, first);
  if (!dg_node_type_parse ((const char *) sqlite3_column_text (st, first + 1), &row->type))
    row->type = DG_NODE_ORGANIZATION; /* the CHECK constraint makes this unreachable */
  row->key = column_dup (st, first + 2);
  row->label = column_dup (st, first + 3);
  row->code = column_dup (st, first + 4);
  row->date = column_dup (st, first + 5);
  row->level = column_dup (st, first + 6);
  row->title = column_dup (st, first + 7);
  row->by = column_dup (st, first + 8);
}

void
dg_node_row_clear (DgNodeRow *row)
{
  g_clear_pointer (&row->key, g_free);
  g_clear_pointer (&row->label, g_free);
  g_clear_pointer (&row->code, g_free);
  g_clear_pointer (&row->date, g_free);
  g_clear_pointer (&row->level, g_free);
  g_clear_pointer (&row->title, g_free);
  g_clear_pointer (&row->by, g_free);
}

void
dg_node_row_free (DgNodeRow *row)
{
  if (row == NULL)
    return;
  dg_node_row_clear (row);
  g_free (row);
}

gboolean
dg_store_node_row (DgStore *store, gint64 id, DgNodeRow *row, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT n.id, " DG_NODE_ROW_COLUMNS " FROM nodes n WHERE n.id = ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    dg_node_row_from_stmt (st, 0, row);
  sqlite3_reset (st);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND,
                 "no node #%" G_GINT64_FORMAT, id);
  else
    dg_store_set_error (store, error, "reading a node");
  return FALSE;
}

void
dg_json_set_string (JsonObject *o, const char *name, const char *value)
{
  if (value)
    json_object_set_string_member (o, name, value);
}

char *
dg_json_render (JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, node);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

/* What the "by" attribute is called for a type in JSON. */
static const char *
by_name (DgNodeType type)
{
  switch (type)
    {
    case DG_NODE_DOCUMENT:
      return "issuer";
    case DG_NODE_EVENT:
      return "organizer";
    case DG_NODE_OFFICIAL:
      return "titles";
    case DG_NODE_ORGANIZATION:
    default:
      return "part_of";
    }
}

JsonNode *
dg_node_row_to_json (const DgNodeRow *row)
{
  JsonObject *o = json_object_new ();
  json_object_set_int_member (o, "id", row->id);
  json_object_set_string_member (o, "type", dg_node_type_name (row->type));
  dg_json_set_string (o, "key", row->key);
  dg_json_set_string (o, "label", row->label);
  dg_json_set_string (o, "code", row->code);
  dg_json_set_string (o, "date", row->date);
  dg_json_set_string (o, "level", row->level);
  dg_json_set_string (o, "title", row->title);
  dg_json_set_string (o, by_name (row->type), row->by);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, o);
  return node;
}

const char *
dg_node_row_name (const DgNodeRow *row)
{
  if (row->type == DG_NODE_DOCUMENT && row->code && *row->code)
    return row->code;
  return row->label ? row->label : "";
}
