/* bench/extract: how fast extraction runs on one core.
 *
 *   build/bench/extract [--runs N] [DIR]     (default ../shared/corpus/articles)
 *
 * Reads every .txt article of DIR into memory, then times dg_extract over all
 * of them, on this thread, N times (default 5), and prints the best run in
 * articles/s and MB/s of article text. Reading and decoding are timed apart,
 * and so is writing the extract JSON, the rest of what `docgraph extract`
 * does. */
#include "docgraph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

int
main (int argc, char **argv)
{
  int runs = 5;
  const char *dir = "../shared/corpus/articles";
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        runs = atoi (argv[++i]);
      else
        dir = argv[i];
    }
  if (runs < 1)
    runs = 1;
  GDir *d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    {
      fprintf (stderr, "bench/extract: cannot read %s\n", dir);
      return 1;
    }
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  g_dir_close (d);
  g_ptr_array_sort (names, compare_names);

  g_autoptr (GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_article_unref);
  gsize bytes = 0;
  gint64 t0 = g_get_monotonic_time ();
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *data = NULL;
      gsize len;
      if (!g_file_get_contents (names->pdata[i], &data, &len, NULL))
        continue;
      DgArticle *a = dg_article_from_text (names->pdata[i], data, len, NULL);
      if (a == NULL)
        continue;
      bytes += dg_article_text_len (a);
      g_ptr_array_add (articles, a);
    }
  double read_s = (g_get_monotonic_time () - t0) / 1e6;
  if (articles->len == 0)
    {
      fprintf (stderr, "bench/extract: no articles in %s\n", dir);
      return 1;
    }

  double best = G_MAXDOUBLE, best_json = G_MAXDOUBLE;
  guint64 nodes = 0, edges = 0, json_bytes = 0;
  for (int r = 0; r < runs; r++)
    {
      nodes = edges = json_bytes = 0;
      double json_s = 0;
      gint64 start = g_get_monotonic_time ();
      for (guint i = 0; i < articles->len; i++)
        {
          g_autoptr (DgGraph) g = dg_extract (articles->pdata[i]);
          nodes += dg_graph_n_nodes (g);
          edges += dg_graph_n_edges (g);
          gint64 js = g_get_monotonic_time ();
          g_autoptr (JsonNode) json = dg_graph_to_json (g);
          g_autofree char *text = json_to_string (json, FALSE);
          json_bytes += strlen (text);
          json_s += (g_get_monotonic_time () - js) / 1e6;
        }
      double all = (g_get_monotonic_time () - start) / 1e6;
      best = MIN (best, all - json_s);
      best_json = MIN (best_json, json_s);
    }
  double mb = bytes / (1024.0 * 1024.0);
  printf ("articles            %u (%.2f MB of text) from %s\n", articles->len, mb, dir);
  printf ("read and decode     %.3f s\n", read_s);
  printf ("extract, best of %d %.3f s: %.0f articles/s, %.2f MB/s (%" G_GUINT64_FORMAT
          " nodes, %" G_GUINT64_FORMAT " edges)\n",
          runs, best, articles->len / best, mb / best, nodes, edges);
  printf ("JSON output         %.3f s (%.2f MB)\n", best_json, json_bytes / (1024.0 * 1024.0));
  printf ("extract + JSON      %.2f MB/s\n", mb / (best + best_json));
  return 0;
}
