/* docgraph-table.h: text tables that fit a terminal and align Vietnamese
 * text by display width, and the output formats of the query commands.
 * Included by docgraph-store.h; see the ownership rule of docgraph.h. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a query command prints its result. */
typedef enum {
  DG_FORMAT_TABLE, /* aligned columns for people */
  DG_FORMAT_JSON,  /* one JSON document for programs */
  DG_FORMAT_TSV    /* a header line, then one line per row, cells tab
                    * separated and never cut: for cut, awk, spreadsheets */
} DgOutputFormat;

/* Parses "table", "json" or "tsv"; FALSE for anything else. */
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

/* A min_width for dg_table_set_column: the column is never cut (ids,
 * document codes). */
#define DG_TABLE_KEEP G_MAXUINT
/* A width for rendering: no limit, nothing is cut (--wide). */
#define DG_TABLE_NO_LIMIT G_MAXUINT

/* Sets how a column is aligned and the width below which it is never cut
 * to make the table fit (default: left, 6 columns or its natural width if
 * less; DG_TABLE_KEEP: never cut). */
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
/* The table as tab-separated values: the header line when there is one,
 * then one line per row, nothing cut or padded (cells hold no tab or line
 * end: dg_table_add_row made them spaces). (transfer full) */
char *dg_table_render_tsv (DgTable *table);
/* The table in format: dg_table_render for DG_FORMAT_TABLE,
 * dg_table_render_tsv for DG_FORMAT_TSV. (transfer full) */
char *dg_table_render_as (DgTable *table, DgOutputFormat format, guint width);

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
 * terminal on standard output, else (output to a pipe or a file)
 * DG_TABLE_NO_LIMIT: nothing is cut. */
guint dg_table_terminal_width (void);

G_END_DECLS
