/* cmd-import.c: `docgraph import`: read articles, extract, store. */
#include "cli.h"

#include <stdio.h>
#include <unistd.h>

typedef struct {
  gboolean tty;  /* stderr is a terminal: show a progress line */
  gint64 last;   /* time of the last progress line, µs */
} ImportUi;

static void
progress (const DgImportStats *s, const char *current, gpointer user_data)
{
  ImportUi *ui = user_data;
  if (!ui->tty)
    return;
  gint64 now = g_get_monotonic_time ();
  if (now - ui->last < 100000)
    return;
  ui->last = now;
  g_autofree char *name = g_path_get_basename (current);
  fprintf (stderr, "\r\033[K%u articles (%u new, %u unchanged, %u failed)  %.40s",
           s->added + s->unchanged, s->added, s->unchanged, s->failed, name);
  fflush (stderr);
}

static void
on_error (const GError *error, gpointer user_data)
{
  ImportUi *ui = user_data;
  if (ui->tty)
    fputs ("\r\033[K", stderr);
  dg_cli_error ("%s", error->message);
}

int
dg_cmd_import (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format = NULL;
  int jobs = 0;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "Read inputs as text, html or jsonl (default: by extension)", "FORMAT" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, "Extraction threads (default: all cores)", "N" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No summary line", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    "PATH…", "Read articles, extract their graph and add it to the database.",
    "PATH is a file, a folder (read recursively) or - for standard input.\n"
    "Re-importing an article with the same bytes changes nothing. A file that\n"
    "cannot be read is reported on one line and skipped; the exit status is then 1.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  if (argc < 2)
    {
      dg_cli_error ("import: no PATH given (see docgraph import --help)");
      return DG_EXIT_USAGE;
    }
  if (jobs < 0)
    {
      dg_cli_error ("import: --jobs must be 0 or more");
      return DG_EXIT_USAGE;
    }
  g_autoptr (DgStore) store = dg_cli_create_store (db);
  if (store == NULL)
    return DG_EXIT_FAILURE;
  ImportUi ui = { isatty (STDERR_FILENO) && !quiet, 0 };
  DgImportStats stats;
  g_autoptr (GError) error = NULL;
  gboolean ok = dg_import_run (store, (const char *const *) argv + 1, format, (guint) jobs,
                               progress, on_error, &ui, &stats, &error);
  if (ui.tty)
    fputs ("\r\033[K", stderr);
  if (!ok)
    {
      dg_cli_error ("%s", error->message);
      return error->domain == DG_IMPORT_ERROR && error->code == DG_IMPORT_ERROR_FORMAT
               ? DG_EXIT_USAGE : DG_EXIT_FAILURE;
    }
  /* The merged-into edges follow from the organizations now stored and
   * data/province-mergers.tsv: derived once per import, not per article. */
  guint lineage = 0;
  if (stats.added > 0 && !dg_store_derive_lineage (store, &lineage, NULL, &error))
    {
      dg_cli_error ("import: deriving merged-into edges: %s", error->message);
      return DG_EXIT_FAILURE;
    }
  if (!quiet && lineage > 0)
    fprintf (stderr, "%u merged-into edge%s derived from the 2025 merger of provinces\n",
             lineage, lineage == 1 ? "" : "s");
  if (!quiet)
    fprintf (stderr, "%u articles: %u new, %u unchanged, %u failed; %" G_GUINT64_FORMAT
             " nodes and %" G_GUINT64_FORMAT " edges new to %s\n",
             stats.added + stats.unchanged, stats.added, stats.unchanged, stats.failed,
             stats.new_nodes, stats.new_edges, dg_cli_db_path (db));
  return stats.failed ? DG_EXIT_FAILURE : DG_EXIT_OK;
}
