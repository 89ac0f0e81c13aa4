/* cmd-extract.c: `docgraph extract`: print what extraction finds, as the JSON
 * of docs/extract-json.md, without a database. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  gboolean jsonl;   /* one compact object per line */
  gboolean no_text; /* leave the article text out */
  guint printed;    /* objects printed so far */
  guint failed;     /* inputs that gave an error */
  gboolean array;   /* --format json over several articles: one array */
} ExtractRun;

static gboolean
print_article (DgArticle *article, DgGraph *given, gpointer user_data)
{
  ExtractRun *run = user_data;
  g_autoptr (DgGraph) graph = given ? NULL : dg_extract (article);
  /* JSONL is for machines that import it again: all the evidence. */
  g_autoptr (JsonNode) json = dg_graph_to_json_full (given ? given : graph, run->jsonl);
  if (run->no_text)
    json_object_remove_member (json_object_get_object_member (json_node_get_object (json),
                                                              "article"), "text");
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, json);
  json_generator_set_pretty (gen, !run->jsonl);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  if (run->array)
    fputs (run->printed ? ",\n" : "[\n", stdout);
  fputs (text, stdout);
  if (!run->array)
    fputc ('\n', stdout);
  run->printed++;
  return TRUE;
}

static void
print_error (const GError *error, gpointer user_data)
{
  ExtractRun *run = user_data;
  run->failed++;
  dg_cli_error ("%s", error->message);
}

int
dg_cmd_extract (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *input_format = NULL;
  gboolean no_text = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "Output: json (one object, or an array for several articles) or jsonl", "json|jsonl" },
    { "input-format", 'i', 0, G_OPTION_ARG_STRING, &input_format,
      "Read inputs as text, html or jsonl (default: by extension)", "FORMAT" },
    { "no-text", 0, 0, G_OPTION_ARG_NONE, &no_text,
      "Leave the article text out of the output", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    "PATH…", "Print the documents, organizations, officials, events and relations found in "
             "articles, as JSON.",
    "PATH is a file, a folder (read recursively) or - for standard input.\n"
    "Evidence offsets are bytes of article.text. The output is described in\n"
    "docs/extract-json.md.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  if (argc < 2)
    {
      dg_cli_error ("extract: no PATH given (see docgraph extract --help)");
      return DG_EXIT_USAGE;
    }
  if (format && strcmp (format, "json") != 0 && strcmp (format, "jsonl") != 0)
    {
      dg_cli_error ("extract: unknown --format “%s” (json or jsonl)", format);
      return DG_EXIT_USAGE;
    }
  ExtractRun run = { 0 };
  run.jsonl = format && strcmp (format, "jsonl") == 0;
  run.no_text = no_text;
  /* Several articles as --format json make one array. */
  run.array = !run.jsonl && (argc > 2 || g_file_test (argv[1], G_FILE_TEST_IS_DIR));
  DgImportSink sink = { print_article, print_error, &run };
  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GError) error = NULL;
      if (!dg_import_path (argv[i], input_format, &sink, &error))
        {
          dg_cli_error ("%s", error->message);
          if (error->domain == DG_IMPORT_ERROR && error->code == DG_IMPORT_ERROR_FORMAT)
            return DG_EXIT_USAGE;
          run.failed++;
        }
    }
  if (run.array)
    fputs (run.printed ? "\n]\n" : "[]\n", stdout);
  fflush (stdout);
  return run.failed ? DG_EXIT_FAILURE : DG_EXIT_OK;
}
