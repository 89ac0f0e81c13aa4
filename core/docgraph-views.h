/* docgraph-views.h: parts of the store read into an in-memory DgGraph, the
 * views that export draws and writes. Included by docgraph.h; see its
 * ownership rule.
 *
 * Every view gives its nodes their store ids, sorts the graph (by type and
 * key, dg_graph_sort) so that output is stable, and gives every document its
 * issuers' names ("issuer") and, when it has no level, the level of its first
 * issuer that has one. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DgStore DgStore;
typedef struct _DgGraph DgGraph;

/* What a view reads. Zero-initialise, then set what the view needs. */
typedef struct {
  gint64 root; /* store id of the node a rooted view (implements, ego)
                * starts from; 0 for the others */
  int depth;   /* how far a rooted view reaches, in edges; -1 is no limit */
  const char *since; /* export --since: documents and events dated on or after
                      * (YYYY[-MM[-DD]]); export filters, the coverage view
                      * ignores it; NULL for no bound */
  const char *until; /* export --until: on or before; the coverage view's
                      * as-of date; NULL for no bound */
  gboolean sources; /* give every node attribute "source": the source (path
                     * or URL) of the first stored article that mentions it */
} DgViewQuery;

/* A view: (transfer full) a new graph, or NULL with error set. */
typedef DgGraph *(*DgViewRead) (DgStore *store, const DgViewQuery *query,
                                GError **error);

/* Organizations with part-of edges, and officials with member-of edges. */
DgGraph *dg_view_organizations (DgStore *store, const DgViewQuery *query,
                                GError **error);
/* Documents with implements and cites edges, and their issuers. */
DgGraph *dg_view_citations (DgStore *store, const DgViewQuery *query,
                            GError **error);
/* From query->root: the documents that carry it out, recursively, and those
 * it carries out, within query->depth implements edges each way, with the
 * implements edges among them. */
DgGraph *dg_view_implements (DgStore *store, const DgViewQuery *query,
                             GError **error);
/* Events with their organizers, attendees (roles) and documents. */
DgGraph *dg_view_events (DgStore *store, const DgViewQuery *query,
                         GError **error);
/* Every node within query->depth edges of query->root, either way, and the
 * edges among them. */
DgGraph *dg_view_ego (DgStore *store, const DgViewQuery *query,
                      GError **error);
/* Every node and edge. */
DgGraph *dg_view_all (DgStore *store, const DgViewQuery *query,
                      GError **error);

G_END_DECLS
