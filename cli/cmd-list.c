/* cmd-list.c: `docgraph list --type T`: nodes of one type, filtered. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char *const levels[] = { "central", "province", "district", "commune", "unknown",
                                      NULL };

int
dg_cmd_list (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *type_name = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *level = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  int limit = 0;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    { "type", 't', 0, G_OPTION_ARG_STRING, &type_name,
      "organization, official, document or event (required)", "TYPE" },
    { "issuer", 'i', 0, G_OPTION_ARG_STRING, &issuer,
      "Only what this organization issued (documents), organized (events), has as "
      "members (officials) or contains (organizations)", "ORG" },
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level,
      "Only this level: central, province, district, commune, unknown", "LEVEL" },
    { "since", 's', 0, G_OPTION_ARG_STRING, &since,
      "Only documents and events dated on or after DATE (YYYY[-MM[-DD]])", "DATE" },
    { "until", 'u', 0, G_OPTION_ARG_STRING, &until,
      "Only documents and events dated on or before DATE (YYYY[-MM[-DD]]; 2024 takes all "
      "of 2024)", "DATE" },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "Most rows (default: 0, all)", "N" },
    DG_CLI_FORMAT_OPTION (format_name),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    NULL, "List the nodes of one type, dated ones by date, then by name.",
    "ORG is an id, a name (\"Tỉnh ủy Lạng Sơn\", \"tinh uy lang son\") or an alias.\n"
    "Example: docgraph list --type document --issuer \"Tỉnh ủy Lạng Sơn\" --since 2023");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  DgOutputFormat format;
  if (!dg_cli_format ("list", format_name, &format))
    return DG_EXIT_USAGE;
  DgListQuery q = { 0 };
  if (type_name == NULL || !dg_node_type_parse (type_name, &q.type))
    {
      dg_cli_error ("list: --type is organization, official, document or event%s%s%s",
                    type_name ? ", not “" : " (required)", type_name ? type_name : "",
                    type_name ? "”" : "");
      return DG_EXIT_USAGE;
    }
  if (level && !g_strv_contains (levels, level))
    {
      dg_cli_error ("list: --level is central, province, district, commune or unknown, "
                    "not “%s”", level);
      return DG_EXIT_USAGE;
    }
  if (limit < 0)
    {
      dg_cli_error ("list: --limit must be 0 (all) or more");
      return DG_EXIT_USAGE;
    }
  if (argc > 1)
    {
      dg_cli_error ("list: unexpected argument “%s” (see docgraph list --help)", argv[1]);
      return DG_EXIT_USAGE;
    }
  g_autoptr (DgStore) store = dg_cli_open_store (db);
  if (store == NULL)
    return DG_EXIT_FAILURE;
  g_autoptr (GError) error = NULL;
  if (issuer)
    {
      q.related = dg_store_resolve_ref (store, issuer, DG_NODE_ORGANIZATION, &error);
      if (q.related == 0)
        {
          dg_cli_error ("list: --issuer: %s", error->message);
          return dg_cli_exit_for (error);
        }
    }
  q.level = level;
  q.since = since;
  q.until = until;
  q.limit = (guint) limit;
  g_autoptr (GPtrArray) rows = dg_store_list (store, &q, &error);
  if (rows == NULL)
    {
      dg_cli_error ("list: %s", error->message);
      return dg_cli_exit_for (error);
    }
  g_autofree char *out = dg_list_render (rows, q.type, format, dg_cli_width ());
  fputs (out, stdout);
  return DG_EXIT_OK;
}
