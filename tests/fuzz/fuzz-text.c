/* fuzz-text.c: any bytes as a text file through the text reader alone
 * (decoding, BOMs, line ends, NFC in pieces, page furniture, the dateline):
 * every article it gives is valid UTF-8 with a title. */
#include "docgraph.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
text_take (DgArticle *article, DgGraph *graph, gpointer user_data)
{
  g_assert (g_utf8_validate (dg_article_text (article), (gssize) dg_article_text_len (article),
                             NULL));
  g_assert (dg_article_title (article) == NULL
            || g_utf8_validate (dg_article_title (article), -1, NULL));
  g_assert (dg_article_sha256 (article) != NULL);
  return TRUE;
}

static void
text_ignore (const GError *error, gpointer user_data)
{
  g_assert (error->message != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  DgImportSink sink = { text_take, text_ignore, NULL };
  g_autoptr (GError) error = NULL;
  dg_import_bytes ("fuzz.txt", bytes, "text", &sink, &error);
  return 0;
}
