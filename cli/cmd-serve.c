/* cmd-serve.c: `docgraph serve`: the store as a web explorer. */
#include "cli.h"
#include "server/docgraph-server.h"

#include <glib-unix.h>
#include <stdio.h>

static gboolean
stop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
dg_cmd_serve (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *address = NULL;
  int port = 8080;
  int max_connections = DG_SERVER_MAX_CONNECTIONS;
  GOptionEntry entries[] = {
    DG_CLI_DB_OPTION (db),
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "TCP port (default: 8080; 0: any free one)", "N" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address,
      "Address to listen on (default: 127.0.0.1, this machine only)", "IP" },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &max_connections,
      "Connections served at once; more are answered 503 (default: 32)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = dg_cli_context (
    NULL, "Serve the graph as web pages: a search box, a page per node with its attributes, "
          "its edges and their sentences, its implements tree and ego view drawn as SVG, "
          "and JSON at /api/node/ID, /api/search?q=WORDS and /api/implements/ID.",
    "The database is opened read-only; the server listens on 127.0.0.1 unless\n"
    "--address says otherwise. Stop it with Ctrl-C.\n\n"
    "Exit status: 0 after Ctrl-C, 1 when the database cannot be opened or the\n"
    "port cannot be listened on, 2 bad usage.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!dg_cli_parse (ctx, &argc, &argv))
    return DG_EXIT_USAGE;
  if (argc > 1)
    {
      dg_cli_error ("serve: takes no arguments (the database is --db FILE)");
      return DG_EXIT_USAGE;
    }
  if (port < 0 || port > 65535)
    {
      dg_cli_error ("serve: --port must be 0–65535");
      return DG_EXIT_USAGE;
    }
  if (max_connections < 1)
    {
      dg_cli_error ("serve: --max-connections must be 1 or more");
      return DG_EXIT_USAGE;
    }
  DgServerOptions options = { 0 };
  options.db_path = dg_cli_db_path (db);
  options.address = address;
  options.port = (guint) port;
  options.max_connections = (guint) max_connections;
  g_autoptr (GError) error = NULL;
  g_autoptr (DgServer) server = dg_server_new (&options, &error);
  if (server == NULL)
    {
      dg_cli_error ("serve: %s", error->message);
      return DG_EXIT_FAILURE;
    }
  printf ("docgraph: serving %s at http://%s:%u/ (read-only; Ctrl-C stops)\n", options.db_path,
          address ? address : "127.0.0.1", dg_server_port (server));
  fflush (stdout);
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, stop, loop);
  g_unix_signal_add (SIGTERM, stop, loop);
  g_main_loop_run (loop);
  return DG_EXIT_OK;
}
