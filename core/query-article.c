/* query-article.c: `docgraph show a19`: an article, what was found in it,
 * and its text. Articles have ids of their own (articles.id), written
 * "a19" wherever they are listed, so that they are never taken for node
 * #19. */
#include "store-private.h"

#include <string.h>

void
dg_article_show_free (DgArticleShow *show)
{
  if (show == NULL)
    return;
  g_free (show->source);
  g_free (show->title);
  g_free (show->date);
  g_free (show->sha256);
  g_free (show->imported_at);
  g_free (show->text);
  g_clear_pointer (&show->nodes, g_ptr_array_unref);
  g_free (show);
}

static void
node_row_free (gpointer p)
{
  DgNodeRow *r = p;
  dg_node_row_clear (r);
  g_free (r);
}

gboolean
dg_article_ref_parse (const char *ref, gint64 *id)
{
  if (ref == NULL || (ref[0] != 'a' && ref[0] != 'A') || !g_ascii_isdigit (ref[1]))
    return FALSE;
  char *end = NULL;
  gint64 n = g_ascii_strtoll (ref + 1, &end, 10);
  if (*end != '\0' || n <= 0)
    return FALSE;
  *id = n;
  return TRUE;
}

DgArticleShow *
dg_store_show_article (DgStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT source, title, date, sha256, imported_at, text FROM articles WHERE id = ?",
    error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);
  int rc = sqlite3_step (st);
  g_autoptr (DgArticleShow) show = NULL;
  if (rc == SQLITE_ROW)
    {
      show = g_new0 (DgArticleShow, 1);
      show->id = id;
      show->source = g_strdup ((const char *) sqlite3_column_text (st, 0));
      show->title = g_strdup ((const char *) sqlite3_column_text (st, 1));
      show->date = g_strdup ((const char *) sqlite3_column_text (st, 2));
      show->sha256 = g_strdup ((const char *) sqlite3_column_text (st, 3));
      show->imported_at = g_strdup ((const char *) sqlite3_column_text (st, 4));
      show->text = g_strdup ((const char *) sqlite3_column_text (st, 5));
    }
  sqlite3_reset (st);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND,
                   "no article a%" G_GINT64_FORMAT " (docgraph search finds articles)", id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      dg_store_set_error (store, error, "reading an article");
      return NULL;
    }
  st = dg_store_prepare (
    store, "SELECT n.id, " DG_NODE_ROW_COLUMNS " FROM nodes n WHERE n.id IN "
           "(SELECT node FROM mentions WHERE article = ? AND node IS NOT NULL) "
           "ORDER BY n.type, n.label, n.id", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);
  show->nodes = g_ptr_array_new_with_free_func (node_row_free);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      DgNodeRow *row = g_new0 (DgNodeRow, 1);
      dg_node_row_from_stmt (st, 0, row);
      g_ptr_array_add (show->nodes, row);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading an article's nodes");
      return NULL;
    }
  return g_steal_pointer (&show);
}

JsonNode *
dg_article_show_to_json (const DgArticleShow *show)
{
  JsonObject *o = json_object_new ();
  json_object_set_string_member (o, "kind", "article");
  json_object_set_int_member (o, "id", show->id);
  g_autofree char *ref = g_strdup_printf ("a%" G_GINT64_FORMAT, show->id);
  json_object_set_string_member (o, "ref", ref);
  dg_json_set_string (o, "source", show->source);
  dg_json_set_string (o, "title", show->title);
  dg_json_set_string (o, "date", show->date);
  dg_json_set_string (o, "sha256", show->sha256);
  dg_json_set_string (o, "imported_at", show->imported_at);
  JsonArray *nodes = json_array_new ();
  for (guint i = 0; i < show->nodes->len; i++)
    json_array_add_element (nodes, dg_node_row_to_json (show->nodes->pdata[i]));
  json_object_set_array_member (o, "nodes", nodes);
  dg_json_set_string (o, "text", show->text);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, o);
  return node;
}

char *
dg_article_show_render (const DgArticleShow *show, DgOutputFormat format, guint width)
{
  if (format == DG_FORMAT_JSON)
    {
      g_autoptr (JsonNode) json = dg_article_show_to_json (show);
      return dg_json_render (json);
    }
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "%s\na%" G_GINT64_FORMAT " article, %s", show->title ? show->title
                                                                                  : show->source,
                          show->id, show->source);
  if (show->date)
    g_string_append_printf (out, ", %s", show->date);
  g_string_append_printf (out, "\nsha256 %s, imported %s\n\n", show->sha256, show->imported_at);
  const char *headers[] = { "ID", "KIND", "NAME" };
  g_autoptr (DgTable) t = dg_table_new (3, headers);
  dg_table_set_column (t, 0, DG_ALIGN_RIGHT, DG_TABLE_KEEP);
  for (guint i = 0; i < show->nodes->len; i++)
    {
      DgNodeRow *r = show->nodes->pdata[i];
      g_autofree char *id = g_strdup_printf ("#%" G_GINT64_FORMAT, r->id);
      const char *cells[] = { id, dg_node_type_name (r->type), dg_node_row_name (r) };
      dg_table_add_row (t, cells);
    }
  g_autofree char *table = dg_table_render_as (t, format, width);
  g_string_append_printf (out, "%s%u node%s found in it\n\n", table, show->nodes->len,
                          show->nodes->len == 1 ? "" : "s");
  g_string_append (out, show->text);
  if (out->len && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}
