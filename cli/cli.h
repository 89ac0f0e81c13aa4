/* cli.h: what the subcommands share. The CLI holds no logic a test would
 * need: each cmd-*.c parses its options, calls the library and prints. */
#pragma once

#include "docgraph.h"

/* Exit statuses of every subcommand. */
enum {
  DG_EXIT_OK = 0,      /* success */
  DG_EXIT_FAILURE = 1, /* a run-time error: bad input, a store error */
  DG_EXIT_USAGE = 2    /* the command line is wrong */
};

typedef struct {
  const char *name;                    /* subcommand name */
  int (*run) (int argc, char **argv);  /* argv[0] is the subcommand name */
  const char *summary;                 /* one line for `docgraph --help` */
} DgCommand;

/* Prints "docgraph: message" on stderr. */
void dg_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Parses options; on a usage error prints it with a hint and returns FALSE. */
gboolean dg_cli_parse (GOptionContext *context, int *argc, char ***argv);
/* The database path: --db, else $DOCGRAPH_DB, else docgraph.db. */
const char *dg_cli_db_path (const char *option);
/* The option entry for --db, to add to a context. */
#define DG_CLI_DB_OPTION(var)                                                  \
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &(var),                                 \
    "Database file (default: $DOCGRAPH_DB or docgraph.db)", "FILE" }
/* Set by --wide: tables are never cut to fit the terminal. */
extern gboolean dg_cli_wide;
/* The option entries for --format and --wide, to add to a context. */
#define DG_CLI_FORMAT_OPTION(var)                                              \
  { "format", 'f', 0, G_OPTION_ARG_STRING, &(var),                             \
    "table (default), json, or tsv (tab-separated, nothing cut)", "FORMAT" },  \
  { "wide", 0, 0, G_OPTION_ARG_NONE, &dg_cli_wide,                             \
    "Cut no column to fit the terminal", NULL }
/* Reads --format (NULL means table) into *out; on a bad name prints
 * "COMMAND: --format is table, json or tsv" and returns FALSE. */
gboolean dg_cli_format (const char *command, const char *name, DgOutputFormat *out);
/* The width tables are cut to: none with --wide, else
 * dg_table_terminal_width ($COLUMNS, the terminal, none in a pipe). */
guint dg_cli_width (void);
/* Opens the store named by --db/$DOCGRAPH_DB, which must exist; prints the
 * error and returns NULL on failure. (transfer full) */
DgStore *dg_cli_open_store (const char *db_option);
/* The same, creating the database when there is none (import only).
 * (transfer full) */
DgStore *dg_cli_create_store (const char *db_option);
/* Exit status for an error: usage errors (ambiguous or unknown names the
 * user gave) → 2, everything else → 1. */
int dg_cli_exit_for (const GError *error);
/* Makes a GOptionContext with the summary and description set. */
GOptionContext *dg_cli_context (const char *parameter, const char *summary,
                                const char *description);

int dg_cmd_import (int argc, char **argv);
int dg_cmd_extract (int argc, char **argv);
int dg_cmd_export (int argc, char **argv);
int dg_cmd_stats (int argc, char **argv);
int dg_cmd_implements (int argc, char **argv);
int dg_cmd_coverage (int argc, char **argv);
int dg_cmd_timeline (int argc, char **argv);
int dg_cmd_show (int argc, char **argv);
int dg_cmd_search (int argc, char **argv);
int dg_cmd_list (int argc, char **argv);
int dg_cmd_merge (int argc, char **argv);
int dg_cmd_unmerge (int argc, char **argv);
int dg_cmd_alias (int argc, char **argv);
int dg_cmd_serve (int argc, char **argv);

/* Checks --since and --until (either may be NULL): YYYY, YYYY-MM or
 * YYYY-MM-DD. Prints one line naming cmd and returns FALSE when one is not. */
gboolean dg_cli_date_bounds (const char *cmd, const char *since, const char *until);
