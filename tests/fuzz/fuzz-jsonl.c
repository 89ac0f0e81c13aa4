/* fuzz-jsonl.c: any bytes as an extract JSONL file and as an HTML page:
 * each line read back into a graph, each page into an article. */
#include "docgraph.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
take (DgArticle *article, DgGraph *graph, gpointer user_data)
{
  if (graph)
    {
      g_autoptr (JsonNode) json = dg_graph_to_json (graph);
      g_autofree char *text = json_to_string (json, FALSE);
      g_assert (text != NULL);
    }
  return TRUE;
}

static void
ignore (const GError *error, gpointer user_data)
{
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  DgImportSink sink = { take, ignore, NULL };
  dg_import_bytes ("fuzz.jsonl", bytes, NULL, &sink, NULL);
  dg_import_bytes ("fuzz.html", bytes, NULL, &sink, NULL);
  return 0;
}
