/* cmd-merge.c: `docgraph merge A B`: B becomes part of A, for good. */
#include "cli.h"

#include <stdio.h>

int
dg_cmd_merge (int argc, char **argv)
{
  g_autofree char *db = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      "Say what would move, change nothing", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    "A B", "Fold node B into node A: B's edges, evidence and attributes move to A.",
    "Edges both had become one; B's key becomes an alias of A, so that later\n"
    "imports that find B land on A. A and B are ids (42 or #42), codes or names,\n"
    "as for docgraph show; both must be of one type. docgraph stats suggests\n"
    "merges. Every merge is logged: docgraph unmerge takes it back.\n\n"
    "Exit status: 0 merged, 1 no such node or a database error, 2 bad usage,\n"
    "an ambiguous name, or nodes that cannot be merged.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  if (argc != 3)
    {
      dg_cli_error ("merge: give two nodes, A and B (quote names with spaces; "
                    "see docgraph merge --help)");
      return DG_EXIT_USAGE;
    }
  g_autoptr (DgStore) store = dg_cli_open_store (db);
  if (store == NULL)
    return DG_EXIT_FAILURE;
  g_autoptr (GError) error = NULL;
  gint64 keep = dg_store_resolve_ref (store, argv[1], -1, &error);
  gint64 drop = keep ? dg_store_resolve_ref (store, argv[2], -1, &error) : 0;
  if (drop == 0)
    {
      dg_cli_error ("merge: %s", error->message);
      return dg_cli_exit_for (error);
    }
  g_autofree char *keep_text = dg_store_describe_node (store, keep, NULL);
  g_autofree char *drop_text = dg_store_describe_node (store, drop, NULL);
  g_autoptr (DgMergePlan) plan = NULL;
  if (!dg_store_merge (store, keep, drop, dry_run, &plan, &error))
    {
      dg_cli_error ("merge: %s", error->message);
      return dg_cli_exit_for (error);
    }
  if (dry_run)
    {
      g_autofree char *text = dg_merge_plan_render (plan);
      printf ("%snothing changed (--dry-run)\n", text);
      return DG_EXIT_OK;
    }
  printf ("merged %s\n  into %s\n(merge %" G_GINT64_FORMAT "; docgraph unmerge %" G_GINT64_FORMAT
          " takes it back)\n", drop_text, keep_text, plan->merge_id, plan->merge_id);
  return DG_EXIT_OK;
}
