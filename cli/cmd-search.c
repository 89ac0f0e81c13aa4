/* cmd-search.c: `docgraph search TEXT`: full-text search, diacritics
 * optional. */
#include "cli.h"

#include <stdio.h>

int
dg_cmd_search (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *type_name = NULL;
  int limit = 20;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    { "type", 't', 0, G_OPTION_ARG_STRING, &type_name,
      "Only nodes of this type: organization, official, document, event", "TYPE" },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      "Most nodes and most articles shown (default: 20; 0: all)", "N" },
    DG_CLI_FORMAT_OPTION (format_name),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    "TEXT…", "Search node names, aliases and article text, best matches first.",
    "Diacritics, đ and case do not matter: \"tinh uy lang son\" finds \"Tỉnh ủy\n"
    "Lạng Sơn\", \"dinh trac\" finds \"Phan Đình Trạc\". Every word must match;\n"
    "when nothing does, the last word is taken as the start of a word.\n"
    "Words in double quotes match as a phrase, together and in order:\n"
    "'\"ban chấp hành\" khóa' (the outer single quotes are for the shell).\n"
    "Nodes come first (#12), then articles (a19, which docgraph show a19\n"
    "shows) with the words around the match.\n\n"
    "Exit status: 0 found, 1 nothing found or a database error, 2 bad usage.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  DgOutputFormat format;
  if (!dg_cli_format ("search", format_name, &format))
    return DG_EXIT_USAGE;
  DgNodeType type;
  if (type_name && !dg_node_type_parse (type_name, &type))
    {
      dg_cli_error ("search: --type is organization, official, document or event, not “%s”",
                    type_name);
      return DG_EXIT_USAGE;
    }
  if (limit < 0)
    {
      dg_cli_error ("search: --limit must be 0 (all) or more");
      return DG_EXIT_USAGE;
    }
  if (argc < 2)
    {
      dg_cli_error ("search: what text? (see docgraph search --help)");
      return DG_EXIT_USAGE;
    }
  g_autofree char *text = g_strjoinv (" ", argv + 1);
  g_autoptr (DgStore) store = dg_cli_open_store (db);
  if (store == NULL)
    return DG_EXIT_FAILURE;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = dg_store_search (store, text, type_name ? (int) type : -1,
                                                (guint) limit, &error);
  if (hits == NULL)
    {
      dg_cli_error ("search: %s", error->message);
      return dg_cli_exit_for (error);
    }
  if (hits->len == 0)
    {
      /* Programs reading JSON still get a document. */
      if (format == DG_FORMAT_JSON)
        fputs ("[]\n", stdout);
      dg_cli_error ("search: nothing found for “%s”", text);
      return DG_EXIT_FAILURE;
    }
  g_autofree char *out = dg_search_render (hits, format, dg_cli_width ());
  fputs (out, stdout);
  return DG_EXIT_OK;
}
