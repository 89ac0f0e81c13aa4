/* cmd-import.c: `docgraph import`: read articles, extract, store. */
#include "cli.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
  gboolean tty;   /* stderr is a terminal: show a progress line */
  gint64 start;   /* when the import began, µs */
  gint64 last;    /* time of the last progress line, µs */
  guint64 total;  /* bytes of the input files, 0 when unknown (standard input) */
} ImportUi;

/* Bytes of the files named, folders walked; 0 when standard input is one. */
static guint64
input_size (char **paths, int n)
{
  guint64 total = 0;
  for (int i = 0; i < n; i++)
    {
      if (strcmp (paths[i], "-") == 0)
        return 0;
      GStatBuf st;
      if (g_stat (paths[i], &st) != 0)
        continue;
      if (S_ISREG (st.st_mode))
        total += (guint64) st.st_size;
      else if (S_ISDIR (st.st_mode))
        {
          GDir *dir = g_dir_open (paths[i], 0, NULL);
          const char *name;
          g_autoptr (GPtrArray) sub = g_ptr_array_new_with_free_func (g_free);
          while (dir && (name = g_dir_read_name (dir)))
            if (name[0] != '.')
              g_ptr_array_add (sub, g_build_filename (paths[i], name, NULL));
          if (dir)
            g_dir_close (dir);
          total += input_size ((char **) sub->pdata, (int) sub->len);
        }
    }
  return total;
}

/* "12 340 articles  38.2 MB/s  ETA 1:05": articles, text MB/s, and the time
 * left when the input size is known. */
static void
progress (const DgImportStats *s, const char *current, gpointer user_data)
{
  ImportUi *ui = user_data;
  if (!ui->tty)
    return;
  gint64 now = g_get_monotonic_time ();
  if (now - ui->last < 200000)
    return;
  ui->last = now;
  double secs = (now - ui->start) / 1e6;
  double rate = secs > 0 ? s->bytes / secs : 0;
  char eta[32] = "";
  if (ui->total && rate > 0 && s->bytes < ui->total)
    {
      guint64 left = (guint64) ((ui->total - s->bytes) / rate);
      g_snprintf (eta, sizeof eta, "  ETA %" G_GUINT64_FORMAT ":%02u", left / 60,
                  (guint) (left % 60));
    }
  g_autofree char *name = g_path_get_basename (current);
  fprintf (stderr, "\r\033[K%u articles (%u new, %u unchanged, %u failed)  %.1f MB/s%s  %.30s",
           s->added + s->unchanged, s->added, s->unchanged, s->failed, rate / 1e6, eta, name);
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
  g_autofree char *fields = NULL;
  int jobs = 0;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    { "input-format", 'i', 0, G_OPTION_ARG_STRING, &format,
      "Read inputs as text, html, jsonl or json (default: by extension)", "FORMAT" },
    /* The older name; -f is the output format in every command, and import
     * prints none. */
    { "format", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &format,
      "The same as --input-format", "FORMAT" },
    { "fields", 0, 0, G_OPTION_ARG_STRING, &fields,
      "Field names of JSON records: text=NAME,html=NAME,source=NAME,title=NAME,date=NAME",
      "MAP" },
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
  g_autoptr (GError) fields_error = NULL;
  if (!dg_import_fields_check (fields, &fields_error))
    {
      dg_cli_error ("import: %s", fields_error->message);
      return DG_EXIT_USAGE;
    }
  g_autoptr (DgStore) store = dg_cli_create_store (db);
  if (store == NULL)
    return DG_EXIT_FAILURE;
  ImportUi ui = { isatty (STDERR_FILENO) && !quiet, g_get_monotonic_time (), 0, 0 };
  if (ui.tty)
    ui.total = input_size (argv + 1, argc - 1);
  DgImportStats stats;
  g_autoptr (GError) error = NULL;
  gboolean ok = dg_import_run_fields (store, (const char *const *) argv + 1, format, fields, (guint) jobs,
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
   * data/province-mergers.tsv: derived once per import, not per article,
   * and by every import, also one that added nothing: an import killed
   * after its last commit left them underived. */
  guint lineage = 0;
  if (!dg_store_derive_lineage (store, &lineage, NULL, &error))
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
