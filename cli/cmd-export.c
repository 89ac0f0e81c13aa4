/* cmd-export.c: `docgraph export`: parse the options, let dg_export draw. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* Usage errors of export: unknown names and options that do not fit. */
static int
exit_for (const GError *error)
{
  if (error->domain == DG_EXPORT_ERROR
      && (error->code == DG_EXPORT_ERROR_FORMAT || error->code == DG_EXPORT_ERROR_USAGE))
    return DG_EXIT_USAGE;
  return dg_cli_exit_for (error);
}

int
dg_cmd_export (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *view = NULL;
  g_autofree char *root = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *layout = NULL;
  g_autofree char *depth = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  double dpi = 0;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    { "view", 0, 0, G_OPTION_ARG_STRING, &view,
      "organizations, citations, implements, events, ego, coverage or all (default)", "VIEW" },
    { "root", 0, 0, G_OPTION_ARG_STRING, &root,
      "The node implements and ego start from: an id, a document code or a name", "NODE" },
    { "depth", 0, 0, G_OPTION_ARG_STRING, &depth,
      "How many edges from the root (implements: unlimited, ego: 1)", "N" },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since,
      "Only documents and events dated on or after DATE (YYYY[-MM[-DD]])", "DATE" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until,
      "Only documents and events dated on or before DATE; for --view coverage, the "
      "as-of date", "DATE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "dot (default), svg, png, pdf, json, graphml, gexf or csv (-T FORMAT too, as in "
      "Graphviz)", "FORMAT" },
    { "graphviz-format", 'T', G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &format,
      "The same as --format", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to FILE (csv: FILE-nodes.csv and FILE-edges.csv); default standard output",
      "FILE" },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout,
      "Graphviz engine: dot (default), neato, fdp, sfdp, circo, twopi, osage, patchwork; "
      "draws every node", "ENGINE" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, "Resolution of a PNG (default 96; 150 or 300 to print)",
      "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    NULL, "Draw a view of the graph, or write it for other graph tools.",
    "Views:\n"
    "  organizations  organizations (part-of) and officials (member-of, roles), by level\n"
    "  citations      documents with implements, cites and the legal relations\n"
    "                 (based-on, amends, replaces, repeals, guides), their issuers, by level\n"
    "  implements     --root DOC: what carries DOC out, recursively, and what DOC\n"
    "                 carries out; issuer and date on every document\n"
    "  events         events with organizers, attendees (roles) and their documents\n"
    "  ego            --root NODE: every node within --depth edges of NODE\n"
    "  coverage       --root DOC: the provinces as a grid coloured by how late they\n"
    "                 carried DOC out (none, within 30 days, 90, later)\n"
    "  all            everything\n"
    "\n"
    "Diagrams (dot, svg, png, pdf) of more than " G_STRINGIFY (DG_EXPORT_MAX_NODES)
    " nodes summarise: nodes without an edge\nare left out, the most connected are drawn "
    "and the rest hang off them as\n\"+37 documents\" nodes; the title and a note on stderr "
    "say what was left out.\n--layout ENGINE draws every node; the data formats always hold "
    "everything.\nSVG nodes link to the article they were first found in.\n"
    "\n"
    "Examples:\n"
    "  docgraph export --view citations -T svg -o citations.svg\n"
    "  docgraph export --view implements --root 147-KH/TU -T png -o 147.png\n"
    "  docgraph export --view all -T csv -o graph   # graph-nodes.csv, graph-edges.csv");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  if (argc > 1)
    {
      dg_cli_error ("export: unexpected argument “%s” (see docgraph export --help)", argv[1]);
      return DG_EXIT_USAGE;
    }
  DgExportOptions options = { 0 };
  options.view = view;
  options.root = root;
  options.format = format;
  options.layout = layout;
  options.since = since;
  options.until = until;
  options.dpi = dpi;
  if (depth)
    {
      char *end = NULL;
      gint64 d = g_ascii_strtoll (depth, &end, 10);
      if (*depth == '\0' || *end != '\0' || d < 0 || d > G_MAXINT)
        {
          dg_cli_error ("export: --depth wants a whole number 0 or more, not “%s”", depth);
          return DG_EXIT_USAGE;
        }
      options.depth = (int) d;
      options.has_depth = TRUE;
    }
  g_autoptr (DgStore) store = dg_cli_open_store (db);
  if (store == NULL)
    return DG_EXIT_FAILURE;
  g_autoptr (GError) error = NULL;
  if (!dg_export (store, &options, output, &error))
    {
      dg_cli_error ("export: %s", error->message);
      return exit_for (error);
    }
  return DG_EXIT_OK;
}
