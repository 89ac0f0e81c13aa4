/* export-private.h: what the views and the format writers of exporters/
 * share. A DgExportJob carries one export from the options to the bytes:
 * export.c resolves the options against the view and format tables, a view
 * (docgraph-views.h) fills job->graph from the store, a writer (graphviz.c,
 * graphml.c, gexf.c, csv.c, export.c for json) turns it into files. */
#pragma once

#include "model-private.h"

#include <gvc.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Agraph_t, agclose)

typedef struct _DgExportJob DgExportJob;

/* A row of the view table (export.c). */
typedef struct {
  const char *name;        /* --view name */
  const char *summary;     /* one line for --help */
  gboolean rooted;         /* takes --root, and then needs one */
  int root_type;           /* DgNodeType the root must be, or -1 for any */
  int default_depth;       /* reach without --depth; -1 is unlimited */
  gboolean cluster_levels; /* diagrams group organizations and documents in
                            * clusters by level (central, province, …) */
  DgViewRead read;         /* reads the view from the store */
} DgExportView;

/* A row of the format table (export.c). */
typedef struct {
  const char *name;      /* -T name */
  const char *extension; /* file name extension, without the dot */
  const char *summary;   /* one line for --help */
  gboolean laid_out;     /* Graphviz lays it out (or it is DOT, made to be
                          * laid out): the size limit applies */
  gboolean binary;       /* bytes, not text */
  /* Writes the job's graph as one or more DgExportPart appended to parts. */
  gboolean (*write) (DgExportJob *job, GPtrArray *parts, GError **error);
} DgExportFormat;

struct _DgExportJob {
  DgStore *store;               /* borrowed */
  const DgExportView *view;     /* the view */
  const DgExportFormat *format; /* the format */
  const char *layout;           /* Graphviz engine; never NULL */
  gboolean layout_given;        /* the user named the engine */
  int depth;                    /* reach of a rooted view; -1 is unlimited */
  gint64 root_id;               /* store id of the root; 0 for none */
  const char *since;            /* --since: documents and events dated on or
                                 * after, or NULL (borrowed) */
  const char *until;            /* --until: on or before; the coverage view's
                                 * as-of date; or NULL (borrowed) */
  DgNode *root;                 /* the root in graph (borrowed), or NULL */
  DgGraph *graph;               /* the view, owned */
  char *note;                   /* what a summarised diagram leaves out, one
                                 * line under the title; NULL when whole */
  double dpi;                   /* PNG resolution; 0 is Graphviz's 96 */
  gboolean source_links;        /* SVG nodes link to their articles */
  guint stagger;                /* ranks the leaves of a hub spread over
                                 * (dot, graphviz.c); 0 for the default */
  guint wrap;                   /* rows the side-by-side parts of a cluster
                                 * are stacked in (dot); 0 or 1: one row */
  const char *format_name;      /* the format as the writer's name ("svg") */
};

/* --------------------------------------------------------------- coverage.c */

/* Draws the coverage view into g (just opened by dg_export_agraph): the
 * provinces as a grid of tiles by region, coloured by lag, with a legend
 * and the title. */
void dg_export_coverage_draw (DgExportJob *job, Agraph_t *g);
/* -------------------------------------------------------------- summary.c */

/* Replaces job->graph by its summary when it has more than limit nodes:
 * nodes without an edge left out, then the most connected kept (the root
 * always), each with one node for its neighbours that are not drawn,
 * labelled "+37 documents" and with attribute "more" (their count), so
 * that at most limit nodes are drawn. Sets job->note. FALSE when the view
 * was small enough and is unchanged. */
gboolean dg_export_summarise (DgExportJob *job, guint limit);
/* "document" for 1, "documents" otherwise. (transfer none) */
const char *dg_export_type_plural (DgNodeType type, guint n);

/* --------------------------------------------------------------- style.c */

/* Characters per line of a wrapped label. */
#define DG_EXPORT_WRAP 30

/* Splits text into lines of at most width characters (not bytes), breaking
 * at white space, cutting words longer than a line; control characters and
 * runs of white space count as one space. With max_lines > 0 at most that
 * many lines, the last ending in "…" when text was left out.
 * (transfer full): a NULL-terminated string vector. */
char **dg_export_wrap (const char *text, guint width, guint max_lines);

/* Escapes text for a Graphviz escString (plain label, tooltip): backslashes
 * doubled, line ends as "\n", other control characters as spaces; quotes
 * are left to agwrite. (transfer full) */
char *dg_export_escape_plain (const char *text);
/* The same for a tooltip, which Graphviz expands twice. (transfer full) */
char *dg_export_escape_tooltip (const char *text);
/* Escapes text for the text of a Graphviz HTML-like label: markup as
 * entities, backslashes doubled (Graphviz expands \N there too), control
 * characters as spaces. (transfer full) */
char *dg_export_escape_html (const char *text);

/* The level of an organization or document ("central", "province",
 * "district", "commune", "unknown"), or NULL for other nodes.
 * (transfer none) */
const char *dg_export_node_level (const DgNode *node);

/* How a node type is drawn. */
typedef struct {
  const char *shape;     /* Graphviz shape */
  const char *style;     /* Graphviz style */
  const char *fill;      /* fill colour, #rrggbb */
  const char *line;      /* outline colour, #rrggbb */
  const char *margin;    /* Graphviz margin around the label, inches */
  const char *gexf_shape;/* GEXF viz:shape */
  const char *yed_shape; /* yEd ShapeNode shape */
} DgExportNodeStyle;

/* How an edge type is drawn. */
typedef struct {
  const char *color;     /* #rrggbb */
  const char *style;     /* solid, dashed, dotted, bold */
  const char *sample;    /* the line drawn in the legend, in text */
  double penwidth;       /* line width in points */
} DgExportEdgeStyle;

const DgExportNodeStyle *dg_export_node_style (DgNodeType type);
const DgExportEdgeStyle *dg_export_edge_style (DgEdgeType type);

/* The HTML label of a node, escaped, without the outer <>: a small type
 * line, the wrapped label, and what the type has to say (a document's
 * title, issuer and date; an event's date and place). (transfer full) */
char *dg_export_html_label (const DgNode *node);
/* The text label of an edge (the role of member-of and attended edges,
 * wrapped), not yet escaped, or NULL. (transfer full) */
char *dg_export_edge_text (const DgEdge *edge);

/* ------------------------------------------------------------- graphviz.c */

gboolean dg_export_write_dot (DgExportJob *job, GPtrArray *parts, GError **error);
gboolean dg_export_write_svg (DgExportJob *job, GPtrArray *parts, GError **error);
gboolean dg_export_write_png (DgExportJob *job, GPtrArray *parts, GError **error);
gboolean dg_export_write_pdf (DgExportJob *job, GPtrArray *parts, GError **error);
/* The job's graph as a cgraph graph with styles, clusters and a legend.
 * (transfer full) */
Agraph_t *dg_export_agraph (DgExportJob *job);
/* TRUE when Graphviz has a plugin that writes this format ("png") or lays
 * out with this engine ("sfdp"); kind is "device" or "layout". */
gboolean dg_export_has_plugin (const char *kind, const char *name);

/* ------------------------------------------------- data formats and shared */

gboolean dg_export_write_json (DgExportJob *job, GPtrArray *parts, GError **error);
gboolean dg_export_write_graphml (DgExportJob *job, GPtrArray *parts, GError **error);
gboolean dg_export_write_gexf (DgExportJob *job, GPtrArray *parts, GError **error);
gboolean dg_export_write_csv (DgExportJob *job, GPtrArray *parts, GError **error);

/* Appends a part made from a GString (freed) to parts. */
void dg_export_add_part (GPtrArray *parts, const char *part, GString *text);

/* The id of a node in GraphML, GEXF and CSV: "n" and its store id, or its
 * position in the graph for a node not from the store. (transfer full) */
char *dg_export_node_id (const DgNode *node);

/* Escapes text for XML character data (attribute FALSE) or a quoted
 * attribute value (TRUE: line ends and tabs as character references, so
 * they survive attribute normalisation). Characters XML does not allow
 * become spaces; invalid UTF-8 becomes U+FFFD. (transfer full) */
char *dg_export_xml_escape (const char *text, gboolean attribute);

/* Reserved names: node attributes with these names are left out of the
 * attribute columns, where they would clash with the fixed ones. */
gboolean dg_export_reserved_name (const char *name);

/* An attribute column of the data formats. */
typedef enum {
  DG_EXPORT_COLUMN_STRING, /* text (objects are written as JSON) */
  DG_EXPORT_COLUMN_LONG,   /* every value is an integer */
  DG_EXPORT_COLUMN_LIST    /* some value is an array of strings */
} DgExportColumnKind;

typedef struct {
  char *name;              /* attribute name */
  DgExportColumnKind kind; /* what its values are */
} DgExportColumn;

/* The attributes found on the nodes (edges FALSE) or edges of graph, sorted
 * by name, each with the kind that fits all its values. (transfer full):
 * a GPtrArray of DgExportColumn. */
GPtrArray *dg_export_columns (DgGraph *graph, gboolean edges);
/* An attribute value as text: strings as they are, arrays joined with sep,
 * numbers and booleans in JSON form, objects as JSON; NULL when absent or
 * null. (transfer full) */
char *dg_export_value_text (JsonObject *attrs, const char *name, const char *sep);
