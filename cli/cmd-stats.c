/* cmd-stats.c: `docgraph stats`: counts, file size, suspected duplicates. */
#include "cli.h"

#include <stdio.h>

int
dg_cmd_stats (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format_name = NULL;
  int duplicates = 30;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    { "duplicates", 'u', 0, G_OPTION_ARG_INT, &duplicates,
      "Suspected duplicates shown (default: 30; 0: all)", "N" },
    DG_CLI_FORMAT_OPTION (format_name),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    NULL, "Counts of nodes by type, edges by type and articles, the database size, and "
          "pairs of nodes that look like one thing written two ways.",
    "Each suspected duplicate comes with the command that merges it, to check\n"
    "with docgraph show and run as it is.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  DgOutputFormat format;
  if (!dg_cli_format ("stats", format_name, &format))
    return DG_EXIT_USAGE;
  if (duplicates < 0)
    {
      dg_cli_error ("stats: --duplicates must be 0 (all) or more");
      return DG_EXIT_USAGE;
    }
  if (argc > 1)
    {
      dg_cli_error ("stats: unexpected argument “%s” (see docgraph stats --help)", argv[1]);
      return DG_EXIT_USAGE;
    }
  g_autoptr (DgStore) store = dg_cli_open_store (db);
  if (store == NULL)
    return DG_EXIT_FAILURE;
  g_autoptr (GError) error = NULL;
  g_autoptr (DgStats) stats = dg_store_stats (store, (guint) duplicates, &error);
  if (stats == NULL)
    {
      dg_cli_error ("stats: %s", error->message);
      return dg_cli_exit_for (error);
    }
  g_autofree char *out = dg_stats_render (stats, format, dg_cli_width ());
  fputs (out, stdout);
  return DG_EXIT_OK;
}
