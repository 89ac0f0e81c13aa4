/* cmd-alias.c: `docgraph alias NODE NAME`: NAME means NODE from now on. */
#include "cli.h"

#include <stdio.h>

int
dg_cmd_alias (int argc, char **argv)
{
  g_autofree char *db = NULL;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    "NODE NAME…", "Make NAME another name of NODE, for lookups, search and later imports.",
    "The alias is the key the extractor gives NAME: for organizations,\n"
    "officials and events the folded name (case, spacing and tone-mark\n"
    "placement do not matter); for documents the code in NAME together with\n"
    "each issuer of NODE (\"docgraph alias 147-KH/TU 147/KH-TU\"). A NAME that is\n"
    "already another node's is refused: merge the two instead.\n\n"
    "Exit status: 0 added, 1 no such node or a database error, 2 bad usage, an\n"
    "ambiguous NODE or a NAME taken by another node.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  if (argc < 3)
    {
      dg_cli_error ("alias: give a node and a name (see docgraph alias --help)");
      return DG_EXIT_USAGE;
    }
  g_autofree char *name = g_strjoinv (" ", argv + 2);
  g_autoptr (DgStore) store = dg_cli_open_store (db);
  if (store == NULL)
    return DG_EXIT_FAILURE;
  g_autoptr (GError) error = NULL;
  gint64 id = dg_store_resolve_ref (store, argv[1], -1, &error);
  if (id == 0)
    {
      dg_cli_error ("alias: %s", error->message);
      return dg_cli_exit_for (error);
    }
  g_auto (GStrv) keys = dg_store_alias_keys (store, id, name, &error);
  if (keys == NULL || !dg_store_add_alias (store, id, name, &error))
    {
      dg_cli_error ("alias: %s", error->message);
      return dg_cli_exit_for (error);
    }
  g_autofree char *node = dg_store_describe_node (store, id, NULL);
  g_autofree char *joined = g_strjoinv ("”, “", keys);
  printf ("“%s” now means %s\n  (key “%s”)\n", name, node, joined);
  return DG_EXIT_OK;
}
