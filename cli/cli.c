/* cli.c: helpers shared by the subcommands. */
#include "cli.h"

#include <stdio.h>

void
dg_cli_error (const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  fprintf (stderr, "docgraph: %s\n", msg);
}

GOptionContext *
dg_cli_context (const char *parameter, const char *summary, const char *description)
{
  GOptionContext *ctx = g_option_context_new (parameter);
  g_option_context_set_summary (ctx, summary);
  if (description)
    g_option_context_set_description (ctx, description);
  return ctx;
}

gboolean
dg_cli_parse (GOptionContext *context, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  const char *prgname = (*argv)[0];
  g_autofree char *name = g_strdup_printf ("docgraph %s", prgname);
  g_set_prgname (name);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      dg_cli_error ("%s: %s (see docgraph %s --help)", prgname, error->message, prgname);
      return FALSE;
    }
  return TRUE;
}

gboolean dg_cli_wide;

guint
dg_cli_width (void)
{
  return dg_cli_wide ? DG_TABLE_NO_LIMIT : dg_table_terminal_width ();
}

gboolean
dg_cli_format (const char *command, const char *name, DgOutputFormat *out)
{
  *out = DG_FORMAT_TABLE;
  if (name == NULL || dg_output_format_parse (name, out))
    return TRUE;
  dg_cli_error ("%s: --format is table, json or tsv, not “%s”", command, name);
  return FALSE;
}

const char *
dg_cli_db_path (const char *option)
{
  if (option && *option)
    return option;
  const char *env = g_getenv ("DOCGRAPH_DB");
  return env && *env ? env : "docgraph.db";
}

int
dg_cli_exit_for (const GError *error)
{
  if (error && error->domain == DG_STORE_ERROR
      && (error->code == DG_STORE_ERROR_AMBIGUOUS || error->code == DG_STORE_ERROR_INVALID))
    return DG_EXIT_USAGE;
  if (error && error->domain == DG_EXPORT_ERROR
      && (error->code == DG_EXPORT_ERROR_FORMAT || error->code == DG_EXPORT_ERROR_USAGE))
    return DG_EXIT_USAGE;
  return DG_EXIT_FAILURE;
}

DgStore *
dg_cli_open_store (const char *db_option)
{
  g_autoptr (GError) error = NULL;
  DgStore *store = dg_store_open_existing (dg_cli_db_path (db_option), &error);
  if (store == NULL)
    dg_cli_error ("%s", error->message);
  return store;
}

DgStore *
dg_cli_create_store (const char *db_option)
{
  g_autoptr (GError) error = NULL;
  DgStore *store = dg_store_open (dg_cli_db_path (db_option), &error);
  if (store == NULL)
    dg_cli_error ("%s", error->message);
  return store;
}

gboolean
dg_cli_date_bounds (const char *cmd, const char *since, const char *until)
{
  for (guint k = 0; k < 2; k++)
    {
      const char *bound = k ? until : since;
      if (bound && !dg_date_bound_valid (bound))
        {
          dg_cli_error ("%s: --%s wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not “%s”", cmd,
                        k ? "until" : "since", bound);
          return FALSE;
        }
    }
  return TRUE;
}
