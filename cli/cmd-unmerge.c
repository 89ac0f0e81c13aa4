/* cmd-unmerge.c: `docgraph unmerge [MERGE]`: take a merge back from the
 * log; `--list` shows the log. */
#include "cli.h"

#include <stdio.h>

static int
list_merges (DgStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) log = dg_store_merges (store, &error);
  if (log == NULL)
    {
      dg_cli_error ("unmerge: %s", error->message);
      return DG_EXIT_FAILURE;
    }
  if (log->len == 0)
    {
      printf ("no merges\n");
      return DG_EXIT_OK;
    }
  for (guint i = 0; i < log->len; i++)
    {
      DgMergeRecord *r = log->pdata[i];
      g_autofree char *back = r->undone_at ? g_strdup_printf ("  (taken back %s)", r->undone_at)
                                            : g_strdup ("");
      printf ("%" G_GINT64_FORMAT "  %s  %s #%" G_GINT64_FORMAT " %s ← #%" G_GINT64_FORMAT
              " %s%s\n",
              r->id, r->merged_at, dg_node_type_name (r->type), r->keep, r->keep_label, r->drop,
              r->drop_label, back);
    }
  return DG_EXIT_OK;
}

int
dg_cmd_unmerge (int argc, char **argv)
{
  g_autofree char *db = NULL;
  gboolean list = FALSE;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, "Show the merges of the log", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    "[MERGE]", "Take back a merge: the dropped node returns with its edges, evidence and aliases.",
    "MERGE is the number docgraph merge printed (docgraph unmerge --list shows\n"
    "them all); without it, the last merge not yet taken back. Merges that\n"
    "changed one node are taken back last first. What later imports added to\n"
    "the kept node stays there.\n\n"
    "Exit status: 0 taken back, 1 no such merge or a database error, 2 bad usage\n"
    "or a merge that cannot be taken back now.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  if (argc > 2 || (list && argc > 1))
    {
      dg_cli_error ("unmerge: give at most one merge number (see docgraph unmerge --help)");
      return DG_EXIT_USAGE;
    }
  gint64 id = 0;
  if (argc == 2)
    {
      char *end = NULL;
      id = g_ascii_strtoll (argv[1], &end, 10);
      if (end == argv[1] || *end || id <= 0)
        {
          dg_cli_error ("unmerge: “%s” is not a merge number (docgraph unmerge --list shows them)",
                        argv[1]);
          return DG_EXIT_USAGE;
        }
    }
  g_autoptr (DgStore) store = dg_cli_open_store (db);
  if (store == NULL)
    return DG_EXIT_FAILURE;
  if (list)
    return list_merges (store);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgMergeRecord) rec = dg_store_unmerge (store, id, &error);
  if (rec == NULL)
    {
      dg_cli_error ("unmerge: %s", error->message);
      return dg_cli_exit_for (error);
    }
  printf ("took back merge %" G_GINT64_FORMAT ": #%" G_GINT64_FORMAT " %s is apart from #%"
          G_GINT64_FORMAT " %s again\n", rec->id, rec->drop, rec->drop_label, rec->keep,
          rec->keep_label);
  return DG_EXIT_OK;
}
