/* fuzz-store.c: any bytes as an article (text, or extract JSONL when the
 * first byte is '{'), stored in a database and exported from the "all" view
 * in every data format and as DOT (SVG, PNG and PDF are Graphviz drawing
 * that DOT: too slow to fuzz). SQL is bound and every format escapes what
 * it writes, so nothing may crash or leak, the JSON must parse and the DOT
 * must read back as one graph. Each input is rolled back, so inputs do not
 * pile up. */
#include "docgraph.h"

#include <glib/gstdio.h>
#include <graphviz/cgraph.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static DgStore *the_store;
static char *the_dir;

static void
store_close (void)
{
  g_autofree char *path = g_build_filename (the_dir, "fuzz.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_clear_pointer (&the_store, dg_store_free);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (the_dir);
  g_clear_pointer (&the_dir, g_free);
}

static gboolean
store_take (DgArticle *article, DgGraph *graph, gpointer user_data)
{
  g_autoptr (DgGraph) extracted = graph ? NULL : dg_extract (article);
  gboolean added = FALSE;
  g_autoptr (GError) error = NULL;
  dg_store_add_article (the_store, article, graph ? graph : extracted, &added, &error);
  return TRUE;
}

static void
store_ignore (const GError *error, gpointer user_data)
{
}

static void
export_all (const char *format)
{
  DgExportOptions options = { 0 };
  options.view = "all";
  options.format = format;
  options.max_nodes = G_MAXINT;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parts = dg_export_render (the_store, &options, &error);
  g_assert (parts != NULL);
  DgExportPart *part = parts->pdata[0];
  gsize len;
  const char *text = g_bytes_get_data (part->bytes, &len);
  if (strcmp (format, "json") == 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_assert (json_parser_load_from_data (parser, text, (gssize) len, NULL));
    }
  else if (strcmp (format, "dot") == 0)
    {
      /* What Graphviz is given must parse as one graph: a label that broke
       * out of its quotes would not. */
      g_autofree char *copy = g_strndup (text, len);
      Agraph_t *g = agmemread (copy);
      g_assert (g != NULL);
      agclose (g);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (the_store == NULL)
    {
      the_dir = g_dir_make_tmp ("fuzz-store-XXXXXX", NULL);
      g_assert (the_dir != NULL);
      g_autofree char *path = g_build_filename (the_dir, "fuzz.db", NULL);
      the_store = dg_store_open (path, NULL);
      g_assert (the_store != NULL);
      atexit (store_close);
    }
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  DgImportSink sink = { store_take, store_ignore, NULL };
  const char *format = size > 0 && data[0] == '{' ? "jsonl" : "text";
  g_assert (dg_store_begin (the_store, NULL));
  g_autoptr (GError) error = NULL;
  dg_import_bytes ("fuzz", bytes, format, &sink, &error);
  static const char *const formats[] = { "dot", "json", "graphml", "gexf", "csv", NULL };
  for (guint i = 0; formats[i]; i++)
    export_all (formats[i]);
  dg_store_rollback (the_store);
  return 0;
}
