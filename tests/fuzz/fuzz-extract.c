/* fuzz-extract.c: any bytes as a text article: decode, drop furniture,
 * extract, write the extract JSON. Nothing may crash, hang or leak. */
#include "docgraph.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DgArticle) article = dg_article_from_text ("fuzz.txt", (const char *) data, size, &error);
  if (article == NULL)
    return 0;
  g_autoptr (DgGraph) graph = dg_extract (article);
  g_autoptr (JsonNode) json = dg_graph_to_json (graph);
  g_autofree char *text = json_to_string (json, FALSE);
  g_assert (text != NULL);
  return 0;
}
