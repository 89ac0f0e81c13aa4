/* testutil.c: helpers shared by the test binaries. */
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

#include <glib/gstdio.h>

char *
dg_test_data_path (const char *name)
{
  return g_build_filename (DG_TEST_DATA, name, NULL);
}

char *
dg_test_read_data (const char *name, gsize *len)
{
  g_autofree char *path = dg_test_data_path (name);
  char *contents = NULL;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (path, &contents, len, &error))
    g_error ("%s", error->message);
  return contents;
}

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  if (dir)
    {
      const char *name;
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  for (guint i = 0; tmpdirs && i < tmpdirs->len; i++)
    remove_tree (tmpdirs->pdata[i]);
}

char *
dg_test_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("docgraph-test-XXXXXX", &error);
  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

DgGraph *
dg_test_extract_text (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DgArticle) article = dg_article_from_text ("test.txt", text, strlen (text), &error);
  g_assert_no_error (error);
  return dg_extract (article);
}

DgNode *
dg_test_find_label (DgGraph *graph, DgNodeType type, const char *label)
{
  for (guint i = 0; i < dg_graph_n_nodes (graph); i++)
    {
      DgNode *n = dg_graph_node (graph, i);
      if (dg_node_type (n) == type && g_strcmp0 (dg_node_label (n), label) == 0)
        return n;
    }
  return NULL;
}

gboolean
dg_test_has_edge (DgGraph *graph, DgEdgeType type, const char *src, const char *dst)
{
  for (guint i = 0; i < dg_graph_n_edges (graph); i++)
    {
      DgEdge *e = dg_graph_edge (graph, i);
      if (dg_edge_type (e) == type && g_strcmp0 (dg_node_label (dg_edge_src (e)), src) == 0
          && g_strcmp0 (dg_node_label (dg_edge_dst (e)), dst) == 0)
        return TRUE;
    }
  return FALSE;
}
