/* main.c: `docgraph SUBCOMMAND …`: dispatch from a table. */
#include "cli.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static const DgCommand commands[] = {
  { "import", dg_cmd_import, "Read articles, extract their graph, store it" },
  { "extract", dg_cmd_extract, "Print the graph of articles as JSON, no database" },
  { "export", dg_cmd_export, "Draw a view of the graph (DOT, SVG, PNG, JSON, …)" },
  { "implements", dg_cmd_implements, "The documents that carry out a document" },
  { "coverage", dg_cmd_coverage, "Which provinces carried a document out, and how late" },
  { "timeline", dg_cmd_timeline, "What an organization issued and organized, by month" },
  { "show", dg_cmd_show, "A node, its attributes, edges and evidence" },
  { "search", dg_cmd_search, "Find nodes and articles; diacritics optional" },
  { "list", dg_cmd_list, "Nodes of one type, by issuer, level, date" },
  { "stats", dg_cmd_stats, "Counts of nodes, edges, articles; likely duplicates" },
  { "merge", dg_cmd_merge, "Fold one node into another (logged; --dry-run previews)" },
  { "unmerge", dg_cmd_unmerge, "Take a merge back from the log" },
  { "alias", dg_cmd_alias, "Give a node another name" },
  { "serve", dg_cmd_serve, "Explore the graph in a web browser" },
  { NULL, NULL, NULL },
};

static void
usage (FILE *out)
{
  fprintf (out, "Usage: docgraph [--version] COMMAND [OPTIONS…] [ARGS…]\n\n"
                "Builds the graph of Vietnamese party and government news articles:\n"
                "documents, organizations, officials, events, and how they relate.\n\n"
                "Commands:\n");
  for (guint i = 0; commands[i].name; i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun “docgraph COMMAND --help” (or “docgraph help COMMAND”) for the options\n"
                "of a command. -f is the output format wherever there is one.\n");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      usage (stderr);
      return DG_EXIT_USAGE;
    }
  /* "docgraph help CMD" is "docgraph CMD --help". */
  if (strcmp (argv[1], "help") == 0 && argc >= 3)
    {
      for (guint i = 0; commands[i].name; i++)
        if (strcmp (argv[2], commands[i].name) == 0)
          {
            char *help_argv[] = { argv[2], (char *) "--help", NULL };
            return commands[i].run (2, help_argv);
          }
      dg_cli_error ("help: unknown command “%s”; see docgraph --help", argv[2]);
      return DG_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      usage (stdout);
      return DG_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("docgraph %s\n", DOCGRAPH_VERSION);
      return DG_EXIT_OK;
    }
  for (guint i = 0; commands[i].name; i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);
  dg_cli_error ("unknown command “%s”; see docgraph --help", argv[1]);
  return DG_EXIT_USAGE;
}
