/* cmd-implements.c: `docgraph implements DOC`: the documents that carry out
 * DOC (or, with --reverse, that DOC carries out). */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int
dg_cmd_implements (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format_name = NULL;
  gboolean reverse = FALSE;
  int depth = 0;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  g_autofree char *relation = NULL;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    { "reverse", 'r', 0, G_OPTION_ARG_NONE, &reverse,
      "Walk up: the documents DOC implements, and what they implement", NULL },
    { "depth", 'd', 0, G_OPTION_ARG_INT, &depth, "Levels to walk (default: all)", "N" },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since,
      "Only documents dated on or after DATE (YYYY[-MM[-DD]]), and the path to them", "DATE" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until,
      "Only documents dated on or before DATE, and the path to them", "DATE" },
    { "relation", 0, 0, G_OPTION_ARG_STRING, &relation,
      "Walk these relations instead of implements: a comma-separated list of implements, "
      "based-on, amends, replaces, repeals, guides, cites, or “all”", "TYPES" },
    DG_CLI_FORMAT_OPTION (format_name),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    "DOC", "The tree of documents that implement DOC: issuer, date, and the article that says so.",
    "DOC is a document code (147-KH/TU; spaces, dashes and case do not matter),\n"
    "a node id (42 or #42), or a document's name. A code several issuers share\n"
    "lists the candidates: give the id then.\n\n"
    "Exit status: 0 ok, 1 no such document or a database error, 2 bad usage or\n"
    "an ambiguous DOC.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  DgOutputFormat format;
  if (!dg_cli_format ("implements", format_name, &format))
    return DG_EXIT_USAGE;
  if (depth < 0)
    {
      dg_cli_error ("implements: --depth must be 0 (all) or more");
      return DG_EXIT_USAGE;
    }
  if (!dg_cli_date_bounds ("implements", since, until))
    return DG_EXIT_USAGE;
  static const DgEdgeType between_documents[] = {
    DG_EDGE_IMPLEMENTS, DG_EDGE_BASED_ON, DG_EDGE_AMENDS, DG_EDGE_REPLACES,
    DG_EDGE_REPEALS, DG_EDGE_GUIDES, DG_EDGE_CITES,
  };
  DgEdgeType types[G_N_ELEMENTS (between_documents)] = { DG_EDGE_IMPLEMENTS };
  guint n_types = 1;
  if (relation && strcmp (relation, "all") == 0)
    {
      memcpy (types, between_documents, sizeof types);
      n_types = G_N_ELEMENTS (between_documents);
    }
  else if (relation)
    {
      g_auto (GStrv) names = g_strsplit (relation, ",", -1);
      n_types = 0;
      for (guint i = 0; names[i]; i++)
        {
          DgEdgeType t;
          gboolean ok = dg_edge_type_parse (g_strstrip (names[i]), &t);
          for (guint k = 0; ok && k < G_N_ELEMENTS (between_documents); k++)
            if (between_documents[k] == t)
              ok = 2;
          if (ok != 2)
            {
              dg_cli_error ("implements: --relation takes implements, based-on, amends, replaces, "
                            "repeals, guides, cites or all, not “%s”", names[i]);
              return DG_EXIT_USAGE;
            }
          gboolean seen = FALSE;
          for (guint k = 0; k < n_types; k++)
            seen = seen || types[k] == t;
          if (!seen && n_types < G_N_ELEMENTS (types))
            types[n_types++] = t;
        }
      if (n_types == 0)
        {
          dg_cli_error ("implements: --relation names no relation");
          return DG_EXIT_USAGE;
        }
    }
  if (argc < 2)
    {
      dg_cli_error ("implements: which document? (see docgraph implements --help)");
      return DG_EXIT_USAGE;
    }
  /* "147 - KH/TU" unquoted arrives as three words. */
  g_autofree char *ref = g_strjoinv (" ", argv + 1);
  g_autoptr (DgStore) store = dg_cli_open_store (db);
  if (store == NULL)
    return DG_EXIT_FAILURE;
  g_autoptr (GError) error = NULL;
  gint64 id = dg_store_resolve_ref (store, ref, DG_NODE_DOCUMENT, &error);
  if (id == 0)
    {
      dg_cli_error ("implements: %s", error->message);
      return dg_cli_exit_for (error);
    }
  g_autoptr (GPtrArray) rows
    = dg_store_relation_tree (store, id, reverse, (guint) depth, types, n_types, &error);
  if (rows == NULL)
    {
      dg_cli_error ("implements: %s", error->message);
      return dg_cli_exit_for (error);
    }
  dg_implements_keep_dated (rows, since, until);
  g_autofree char *text = dg_implements_render (rows, reverse, format, dg_cli_width ());
  fputs (text, stdout);
  return DG_EXIT_OK;
}
