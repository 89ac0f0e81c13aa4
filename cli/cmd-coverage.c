/* cmd-coverage.c: `docgraph coverage DOC`: which provinces (districts,
 * communes) carried DOC out, how many days after it, and which did not. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int
dg_cmd_coverage (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *level_name = NULL;
  g_autofree char *as_of = NULL;
  gboolean before_2025 = FALSE;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level_name,
      "province (default), district or commune", "LEVEL" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      "Only documents dated on or before DATE (YYYY[-MM[-DD]]); before 2025-07-01 the "
      "units are the 63 provinces", "DATE" },
    { "before-2025", 0, 0, G_OPTION_ARG_NONE, &before_2025,
      "The 63 provinces of before the 2025 merger, not the 34 of today", NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      "table (default), json, tsv (the table alone, nothing cut) or csv (RFC 4180, every "
      "field)", "FORMAT" },
    { "wide", 0, 0, G_OPTION_ARG_NONE, &dg_cli_wide, "Cut no column to fit the terminal", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    "DOC", "Which provinces (districts, communes) have carried DOC out, with which documents, "
           "how many days after DOC, and which have not.",
    "DOC is a document code (14-KL/TW), a node id or a name, as for implements.\n"
    "Every document of the tree that `implements` walks counts, however deep:\n"
    "a province's plan for a ministry's plan for DOC carries DOC out too.\n"
    "A plan of an old province (Tỉnh ủy Hà Giang, 2023) counts for the province\n"
    "it became (Tuyên Quang); with --before-2025, a plan of a new province counts\n"
    "for each of the old ones it was formed from (data/province-mergers.tsv).\n"
    "The last line: \"n of 34 provinces, median lag D days\".\n\n"
    "Exit status: 0 ok, 1 no such document or a database error, 2 bad usage or\n"
    "an ambiguous DOC.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  gboolean csv = format_name && strcmp (format_name, "csv") == 0;
  DgOutputFormat format = DG_FORMAT_TABLE;
  if (!csv && format_name && !dg_output_format_parse (format_name, &format))
    {
      dg_cli_error ("coverage: --format is table, json, tsv or csv, not “%s”", format_name);
      return DG_EXIT_USAGE;
    }
  DgCoverageQuery q = { 0 };
  if (level_name && !dg_coverage_level_parse (level_name, &q.level))
    {
      dg_cli_error ("coverage: --level is province, district or commune, not “%s”", level_name);
      return DG_EXIT_USAGE;
    }
  if (before_2025 && q.level != DG_COVERAGE_PROVINCE)
    {
      dg_cli_error ("coverage: --before-2025 is for --level province");
      return DG_EXIT_USAGE;
    }
  if (as_of && !dg_date_bound_valid (as_of))
    {
      dg_cli_error ("coverage: --as-of wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not “%s”",
                    as_of);
      return DG_EXIT_USAGE;
    }
  if (argc < 2)
    {
      dg_cli_error ("coverage: which document? (see docgraph coverage --help)");
      return DG_EXIT_USAGE;
    }
  g_autofree char *ref = g_strjoinv (" ", argv + 1);
  g_autoptr (DgStore) store = dg_cli_open_store (db);
  if (store == NULL)
    return DG_EXIT_FAILURE;
  g_autoptr (GError) error = NULL;
  q.root = dg_store_resolve_ref (store, ref, DG_NODE_DOCUMENT, &error);
  if (q.root == 0)
    {
      dg_cli_error ("coverage: %s", error->message);
      return dg_cli_exit_for (error);
    }
  q.as_of = as_of;
  q.before_2025 = before_2025;
  g_autoptr (DgCoverage) coverage = dg_store_coverage (store, &q, &error);
  if (coverage == NULL)
    {
      dg_cli_error ("coverage: %s", error->message);
      return dg_cli_exit_for (error);
    }
  g_autofree char *text = csv ? dg_coverage_to_csv (coverage)
                              : dg_coverage_render (coverage, format, dg_cli_width ());
  fputs (text, stdout);
  return DG_EXIT_OK;
}
