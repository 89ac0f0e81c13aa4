/* cmd-timeline.c: `docgraph timeline ORG`: what an organization issued and
 * organized, by month. */
#include "cli.h"

#include <stdio.h>

int
dg_cmd_timeline (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    { "since", 's', 0, G_OPTION_ARG_STRING, &since,
      "Only what is dated on or after DATE (YYYY[-MM[-DD]])", "DATE" },
    { "until", 'u', 0, G_OPTION_ARG_STRING, &until,
      "Only what is dated on or before DATE (2024 takes all of 2024)", "DATE" },
    DG_CLI_FORMAT_OPTION (format_name),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    "ORG", "What an organization issued and organized, month by month.",
    "ORG is an id, a name (\"Tỉnh ủy Hà Giang\", \"tinh uy ha giang\") or an alias.\n"
    "The bodies that are part of it (its Ban Thường vụ, its departments) count,\n"
    "and so do the organizations joined to it by merged-into edges: the\n"
    "timeline of Tỉnh ủy Tuyên Quang holds Tỉnh ủy Hà Giang's plans of before\n"
    "2025-07-01. Undated documents and events come last.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  DgOutputFormat format;
  if (!dg_cli_format ("timeline", format_name, &format))
    return DG_EXIT_USAGE;
  if (!dg_cli_date_bounds ("timeline", since, until))
    return DG_EXIT_USAGE;
  if (argc < 2)
    {
      dg_cli_error ("timeline: which organization? (see docgraph timeline --help)");
      return DG_EXIT_USAGE;
    }
  g_autofree char *ref = g_strjoinv (" ", argv + 1);
  g_autoptr (DgStore) store = dg_cli_open_store (db);
  if (store == NULL)
    return DG_EXIT_FAILURE;
  g_autoptr (GError) error = NULL;
  gint64 id = dg_store_resolve_ref (store, ref, DG_NODE_ORGANIZATION, &error);
  if (id == 0)
    {
      dg_cli_error ("timeline: %s", error->message);
      return dg_cli_exit_for (error);
    }
  g_autoptr (GPtrArray) items = dg_store_timeline (store, id, since, until, &error);
  if (items == NULL)
    {
      dg_cli_error ("timeline: %s", error->message);
      return dg_cli_exit_for (error);
    }
  if (format == DG_FORMAT_TABLE)
    {
      g_autofree char *who = dg_store_describe_node (store, id, NULL);
      g_autofree char *lineage = dg_store_lineage (store, id);
      printf ("%s\n", who ? who : ref);
      if (lineage)
        printf ("%s\n", lineage);
    }
  g_autofree char *text = dg_timeline_render (items, format, dg_cli_width ());
  fputs (text, stdout);
  return DG_EXIT_OK;
}
