/* fuzz-html.c: any bytes as an HTML page through the HTML reader, and every
 * article it gives through extraction and the extract JSON. */
#include "docgraph.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
html_take (DgArticle *article, DgGraph *graph, gpointer user_data)
{
  g_assert (g_utf8_validate (dg_article_text (article), (gssize) dg_article_text_len (article),
                             NULL));
  g_autoptr (DgGraph) extracted = graph ? NULL : dg_extract (article);
  g_autoptr (JsonNode) json = dg_graph_to_json (graph ? graph : extracted);
  g_autofree char *text = json_to_string (json, FALSE);
  g_assert (text != NULL);
  return TRUE;
}

static void
html_ignore (const GError *error, gpointer user_data)
{
  g_assert (error->message != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  DgImportSink sink = { html_take, html_ignore, NULL };
  g_autoptr (GError) error = NULL;
  dg_import_bytes ("fuzz.html", bytes, "html", &sink, &error);
  return 0;
}
