/* cmd-show.c: `docgraph show NODE`: everything the store knows of a node. */
#include "cli.h"

#include <stdio.h>

int
dg_cmd_show (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format_name = NULL;
  int evidence = 2;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    { "evidence", 'e', 0, G_OPTION_ARG_INT, &evidence,
      "Supporting sentences per edge (default: 2)", "N" },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, "Every supporting sentence", NULL },
    DG_CLI_FORMAT_OPTION (format_name),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    "NODE", "A node: its attributes and the articles that gave them, its aliases, every edge "
            "in and out, and the sentences that support them.",
    "NODE is a node id (42 or #42), a document code (12-KL/TW), a name as\n"
    "written (\"Phan Đình Trạc\") or folded (\"phan dinh trac\", \"dinh trac\"),\n"
    "or an article as docgraph search lists it (a19): its source, the nodes\n"
    "found in it and its text.\n\n"
    "Exit status: 0 ok, 1 no such node or a database error, 2 bad usage or an\n"
    "ambiguous NODE (the candidates are listed).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  DgOutputFormat format;
  if (!dg_cli_format ("show", format_name, &format))
    return DG_EXIT_USAGE;
  if (evidence < 0)
    {
      dg_cli_error ("show: --evidence must be 0 or more");
      return DG_EXIT_USAGE;
    }
  if (argc < 2)
    {
      dg_cli_error ("show: which node? (see docgraph show --help)");
      return DG_EXIT_USAGE;
    }
  g_autofree char *ref = g_strjoinv (" ", argv + 1);
  g_autoptr (DgStore) store = dg_cli_open_store (db);
  if (store == NULL)
    return DG_EXIT_FAILURE;
  g_autoptr (GError) error = NULL;
  gint64 article;
  if (dg_article_ref_parse (ref, &article))
    {
      g_autoptr (DgArticleShow) a = dg_store_show_article (store, article, &error);
      if (a == NULL)
        {
          dg_cli_error ("show: %s", error->message);
          return dg_cli_exit_for (error);
        }
      g_autofree char *text = dg_article_show_render (a, format, dg_cli_width ());
      fputs (text, stdout);
      return DG_EXIT_OK;
    }
  gint64 id = dg_store_resolve_ref (store, ref, -1, &error);
  /* A province by its name alone: what the 2025 merger made of it. */
  if (id == 0 && error->domain == DG_STORE_ERROR
      && (error->code == DG_STORE_ERROR_NOT_FOUND || error->code == DG_STORE_ERROR_AMBIGUOUS)
      && dg_province_canonical (ref))
    {
      g_autoptr (GError) local = NULL;
      g_autofree char *text = dg_province_render (store, ref, format, dg_cli_width (), &local);
      if (text == NULL)
        {
          dg_cli_error ("show: %s", local->message);
          return dg_cli_exit_for (local);
        }
      fputs (text, stdout);
      return DG_EXIT_OK;
    }
  if (id == 0)
    {
      dg_cli_error ("show: %s", error->message);
      return dg_cli_exit_for (error);
    }
  g_autoptr (DgShow) show = dg_store_show (store, id, all ? G_MAXUINT : (guint) evidence, &error);
  if (show == NULL)
    {
      dg_cli_error ("show: %s", error->message);
      return dg_cli_exit_for (error);
    }
  g_autofree char *text = dg_show_render (show, format, dg_cli_width ());
  fputs (text, stdout);
  return DG_EXIT_OK;
}
