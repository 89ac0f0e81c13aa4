/* docgraph-server.h: `docgraph serve`, a web explorer of a store on
 * libsoup 3. See the ownership rule of docgraph.h.
 *
 * Pages: / (search box, and results for ?q=), /node/ID (attributes, every
 * edge grouped by type with the sentences and articles that support it, the
 * ego view and, for documents, the implements tree, drawn as SVG by the
 * exporters with every node a link to its page). JSON: /api/node/ID,
 * /api/search?q=, /api/implements/ID. Everything is escaped; an unknown
 * path or id is a 404 page. The store is opened read-only. */
#pragma once

#include "docgraph.h"

G_BEGIN_DECLS

typedef struct _DgServer DgServer;

/* How to serve. Zero-initialise and set what you need. */
typedef struct {
  const char *db_path;   /* the database (must exist) */
  const char *address;   /* IP address to listen on; NULL: 127.0.0.1 */
  guint port;            /* TCP port; 0: any free one (see dg_server_port) */
  guint max_connections; /* open connections at once; 0: DG_SERVER_MAX_CONNECTIONS */
  guint idle_timeout;    /* seconds a connection may stay silent; 0: 30 */
} DgServerOptions;

/* Connections served at once by default; one more is answered 503 and
 * closed. */
#define DG_SERVER_MAX_CONNECTIONS 32
/* Longest request target (path and query) served; longer is 414. */
#define DG_SERVER_MAX_TARGET 4096
/* Longest search query, in bytes; longer is 400. */
#define DG_SERVER_MAX_QUERY 256

/* Opens the store read-only and listens; requests are served from the
 * thread-default main context of the caller, which must run it.
 * (transfer full) */
DgServer *dg_server_new (const DgServerOptions *options, GError **error);
void dg_server_free (DgServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgServer, dg_server_free)

/* The port listened on. */
guint dg_server_port (DgServer *server);

/* Requests answered so far, and connections refused as over the limit. */
guint64 dg_server_n_requests (DgServer *server);
guint64 dg_server_n_refused (DgServer *server);

G_END_DECLS
