/* docgraph-export.h: views of the store and the formats they are written
 * in. Included by docgraph.h; see its ownership rule.
 *
 * A view reads part of the store into an in-memory DgGraph (organizations,
 * citations, implements, events, ego, all); a format writes that graph as
 * DOT, SVG, PNG or PDF through Graphviz, or as JSON, GraphML, GEXF or CSV.
 * The same database always gives the same bytes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DgStore DgStore;
typedef struct _DgGraph DgGraph;

#define DG_EXPORT_ERROR (dg_export_error_quark ())
GQuark dg_export_error_quark (void);
typedef enum {
  DG_EXPORT_ERROR_FORMAT,  /* unknown format, view or layout engine */
  DG_EXPORT_ERROR_RENDER,  /* Graphviz could not lay out or render */
  DG_EXPORT_ERROR_WRITE,   /* the output could not be written */
  DG_EXPORT_ERROR_TOO_BIG, /* no longer set: large views are summarised */
  DG_EXPORT_ERROR_USAGE    /* options that do not fit together: --root missing,
                            * unknown or of the wrong type, --root or --depth
                            * for a view that takes none (a usage error) */
} DgExportError;

/* Nodes a diagram (dot, svg, png, pdf) draws of a view, so that it stays
 * readable on a page: a larger view is summarised (dg_export_render) and a
 * note on stderr says so. Naming an engine (--layout) draws all of it. */
#define DG_EXPORT_MAX_NODES 80

/* What to export. Zero-initialise and set what you need. */
typedef struct {
  const char *view;   /* view name (dg_export_views); NULL means "all" */
  const char *root;   /* node a rooted view starts from: a store id, a
                       * document code, a key or a label; NULL for none */
  int depth;          /* how far a rooted view reaches, in edges (>= 0);
                       * read only when has_depth */
  gboolean has_depth; /* depth is set; otherwise the view's default
                       * (implements: unlimited, ego: 1) */
  const char *format; /* format name (dg_export_formats); NULL means "dot" */
  const char *layout; /* Graphviz engine (dg_export_layouts); NULL means dot
                       * with the size limit */
  guint max_nodes;    /* the size limit; 0 means DG_EXPORT_MAX_NODES */
  const char *since;  /* only documents and events dated on or after this
                       * (YYYY[-MM[-DD]]), the root always kept; NULL: all */
  const char *until;  /* only those dated on or before; for the coverage
                       * view, the as-of date; NULL: all */
  double dpi;         /* dots per inch of a PNG; 0 means 96 */
  gboolean no_source_links; /* SVG nodes link to nothing, for a caller that
                             * adds links of its own; otherwise each links
                             * to the article it was first found in */
} DgExportOptions;

/* One file of an export: most formats make one, csv makes two. */
typedef struct {
  char *part;    /* NULL for the one file of most formats; "nodes" or "edges" */
  GBytes *bytes; /* the file's contents */
} DgExportPart;

void dg_export_part_free (DgExportPart *part);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgExportPart, dg_export_part_free)

/* Reads the view named in options from the store: nodes and edges sorted by
 * type and key, documents carrying their issuer ("issuer" attribute, and
 * "level" from the issuer when they have none). (transfer full) */
DgGraph *dg_export_view (DgStore *store, const DgExportOptions *options,
                         GError **error);

/* Reads the view and writes it in the format. A diagram of a view over the
 * size limit (and no layout engine named) is summarised: nodes without an
 * edge are left out, the most connected are drawn and the rest hang off
 * them as "+37 documents" nodes; the title's second line and one line on
 * stderr say what was left out.
 * Returns the files as a GPtrArray of DgExportPart (one for most formats,
 * "nodes" then "edges" for csv). (transfer full) */
GPtrArray *dg_export_render (DgStore *store, const DgExportOptions *options,
                             GError **error);

/* Reads the view, writes it in the format and stores the result at output:
 * NULL or "-" is standard output (csv: the nodes file, a blank line, the
 * edges file); for csv a file name FILE or FILE.csv gives FILE-nodes.csv and
 * FILE-edges.csv. Files are written atomically. */
gboolean dg_export (DgStore *store, const DgExportOptions *options,
                    const char *output, GError **error);

/* NULL-terminated lists of the names the options accept. (transfer none) */
const char *const *dg_export_views (void);
const char *const *dg_export_formats (void);
const char *const *dg_export_layouts (void);

G_END_DECLS
