/* docgraph-table.h: text tables that fit a terminal and align Vietnamese
 * text by display width, and the output formats of the query commands.
 * Included by docgraph-store.h; see the ownership rule of docgraph.h. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a query command prints its result. */
typedef enum {
  DG_FORMAT_TABLE, /* aligned columns for people */
  DG_FORMAT_JSON   /* one JSON document for programs */
} DgOutputFormat;

/* Parses "table" or "json"; FALSE for anything else. */
gboolean dg_output_format_parse (const char *name, DgOutputFormat *out);

typedef enum {
  DG_ALIGN_LEFT, /* text */
  DG_ALIGN_RIGHT /* numbers */
} DgAlign;

typedef struct _DgTable DgTable;

/* A table with n_columns columns; headers holds n_columns strings, or is
 * NULL for a table without a header line. (transfer full) */
DgTable *dg_table_new (guint n_columns, const char *const *headers);
void dg_table_free (DgTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgTable, dg_table_free)

/* Sets how a column is aligned and the width below which it is never cut
 * to make the table fit (default: left, 6 columns or its natural width if
 * less). */
void dg_table_set_column (DgTable *table, guint column, DgAlign align,
                          guint min_width);
/* Cells of this column that are too long lose their start rather than
 * their end ("…/articles/001.txt"): for paths and URLs. */
void dg_table_set_cut_start (DgTable *table, guint column, gboolean cut_start);
/* Adds a row of n_columns cells (NULL for an empty cell). Line ends and
 * tabs become spaces. */
void dg_table_add_row (DgTable *table, const char *const *cells);
guint dg_table_n_rows (const DgTable *table);

/* The table as lines no wider than width display columns (when the
 * minimum widths allow): columns are two spaces apart, the widest columns
 * give way first, cut cells end in "…". Line 0 is the header when there is
 * one; then one line per row. (transfer full) */
GStrv dg_table_render_lines (DgTable *table, guint width);
/* The same lines joined, each ending in "\n". (transfer full) */
char *dg_table_render (DgTable *table, guint width);

/* text cut to at most width display columns, ending in "…" when cut.
 * (transfer full) */
char *dg_text_cut (const char *text, gsize width);
/* text cut to at most width display columns from the start, beginning
 * with "…" when cut. (transfer full) */
char *dg_text_cut_start (const char *text, gsize width);
/* text padded with spaces to width display columns. (transfer full) */
char *dg_text_pad (const char *text, gsize width, DgAlign align);
/* text broken at spaces into lines of at most width display columns, each
 * starting with indent (counted in the width); a word longer than a line
 * is cut. No final line end. (transfer full) */
char *dg_text_wrap (const char *text, gsize width, const char *indent);

/* The width tables are made for: $COLUMNS when set, else the width of the
 * terminal on standard output, else 80. */
guint dg_table_terminal_width (void);

G_END_DECLS
