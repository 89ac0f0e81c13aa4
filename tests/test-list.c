/* test-list.c: dg_list_render, the table and JSON of `docgraph list`. */
#include "store-fixture.h"

static GPtrArray *
list_of (DgStore *store, DgNodeType type)
{
  DgListQuery q = { .type = type };
  g_autoptr (GError) error = NULL;
  GPtrArray *rows = dg_store_list (store, &q, &error);
  g_assert_no_error (error);
  return rows;
}

/* Documents: the columns a document has (code, issuer, date, level), every
 * id and code in full at 80 columns, a count at the end; JSON the same rows. */
static void
test_list_render_documents (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  g_autoptr (GPtrArray) rows = list_of (store, DG_NODE_DOCUMENT);
  g_assert_cmpuint (rows->len, ==, 7);
  g_autofree char *table = dg_list_render (rows, DG_NODE_DOCUMENT, DG_FORMAT_TABLE, 80);
  g_auto (GStrv) lines = g_strsplit (table, "\n", -1);
  for (const char *h = "ID CODE DOCUMENT ISSUER DATE LEVEL"; *h;)
    {
      const char *sp = strchr (h, ' ');
      g_autofree char *word = sp ? g_strndup (h, (gsize) (sp - h)) : g_strdup (h);
      g_assert_nonnull (strstr (lines[0], word));
      h = sp ? sp + 1 : h + strlen (h);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      DgNodeRow *r = rows->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, r->id);
      g_assert_nonnull (strstr (lines[i + 1], id));
      g_assert_nonnull (strstr (lines[i + 1], r->code));
    }
  for (guint i = 0; lines[i]; i++)
    g_assert_cmpuint (dg_text_display_width (lines[i]), <=, 80);
  g_assert_nonnull (strstr (table, "7 documents\n"));
  /* 2023-04-10 after 2021-03-01: dated rows in date order. */
  g_assert_true (strstr (table, "2021-03-01") < strstr (table, "2023-04-10"));

  g_autofree char *json = dg_list_render (rows, DG_NODE_DOCUMENT, DG_FORMAT_JSON, 80);
  g_autoptr (JsonParser) p = json_parser_new ();
  g_assert_true (json_parser_load_from_data (p, json, -1, NULL));
  JsonArray *a = json_node_get_array (json_parser_get_root (p));
  g_assert_cmpuint (json_array_get_length (a), ==, 7);
  JsonObject *first = json_array_get_object_element (a, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "type"), ==, "document");
}

/* Officials and organizations: their own columns, no CODE; one row, one
 * "official" (not "officials"). */
static void
test_list_render_other_types (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  fx_load_real_shapes (store);
  g_autoptr (GPtrArray) orgs = list_of (store, DG_NODE_ORGANIZATION);
  g_autofree char *ot = dg_list_render (orgs, DG_NODE_ORGANIZATION, DG_FORMAT_TABLE, 100);
  g_assert_null (strstr (ot, "CODE"));
  g_assert_nonnull (strstr (ot, "PART OF"));
  g_assert_nonnull (strstr (ot, "Tỉnh ủy Lạng Sơn"));
  g_autoptr (GPtrArray) people = list_of (store, DG_NODE_OFFICIAL);
  g_ptr_array_set_size (people, 1);
  g_autofree char *pt = dg_list_render (people, DG_NODE_OFFICIAL, DG_FORMAT_TABLE, 100);
  g_assert_nonnull (strstr (pt, "TITLES"));
  g_assert_true (g_str_has_suffix (pt, "\n1 official\n"));
  g_autoptr (GPtrArray) none = g_ptr_array_new ();
  g_autofree char *nt = dg_list_render (none, DG_NODE_EVENT, DG_FORMAT_TABLE, 100);
  g_assert_true (g_str_has_suffix (nt, "0 events\n"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/list/render/documents", test_list_render_documents);
  g_test_add_func ("/list/render/other-types", test_list_render_other_types);
  return g_test_run ();
}
