/* table.c: text tables sized by display width, so that Vietnamese text
 * (precomposed letters, one column each) lines up, and cut to fit a
 * terminal. */
#include "docgraph.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Columns never shrink below this unless their content is narrower. */
#define DEFAULT_MIN_WIDTH 6
#define GAP "  "

typedef struct {
  DgAlign align;   /* how cells are padded */
  guint min_width; /* narrowest the column may be cut to */
  guint natural;   /* widest cell, header included */
  gboolean cut_start; /* long cells lose their start, not their end */
  guint width;     /* width chosen by the last render */
} Column;

struct _DgTable {
  guint n_columns;  /* cells per row */
  char **headers;   /* n_columns strings, or NULL for no header line */
  Column *columns;  /* n_columns */
  GPtrArray *rows;  /* char ** of n_columns cells each (never NULL) */
};

gboolean
dg_output_format_parse (const char *name, DgOutputFormat *out)
{
  if (g_strcmp0 (name, "table") == 0)
    *out = DG_FORMAT_TABLE;
  else if (g_strcmp0 (name, "json") == 0)
    *out = DG_FORMAT_JSON;
  else if (g_strcmp0 (name, "tsv") == 0)
    *out = DG_FORMAT_TSV;
  else
    return FALSE;
  return TRUE;
}

static void
row_free (gpointer row)
{
  g_strfreev (row);
}

DgTable *
dg_table_new (guint n_columns, const char *const *headers)
{
  g_return_val_if_fail (n_columns > 0, NULL);
  DgTable *t = g_new0 (DgTable, 1);
  t->n_columns = n_columns;
  t->columns = g_new0 (Column, n_columns);
  t->rows = g_ptr_array_new_with_free_func (row_free);
  for (guint i = 0; i < n_columns; i++)
    t->columns[i].min_width = DEFAULT_MIN_WIDTH;
  if (headers)
    {
      t->headers = g_new0 (char *, n_columns + 1);
      for (guint i = 0; i < n_columns; i++)
        {
          t->headers[i] = dg_text_squeeze (headers[i] ? headers[i] : "", -1);
          t->columns[i].natural = (guint) dg_text_display_width (t->headers[i]);
        }
    }
  return t;
}

void
dg_table_free (DgTable *table)
{
  if (table == NULL)
    return;
  g_strfreev (table->headers);
  g_free (table->columns);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

void
dg_table_set_cut_start (DgTable *table, guint column, gboolean cut_start)
{
  g_return_if_fail (column < table->n_columns);
  table->columns[column].cut_start = cut_start;
}

void
dg_table_set_column (DgTable *table, guint column, DgAlign align, guint min_width)
{
  g_return_if_fail (column < table->n_columns);
  table->columns[column].align = align;
  table->columns[column].min_width = min_width;
}

/* A cell as shown: valid UTF-8, line ends and tabs turned into spaces,
 * trailing space dropped. Other spaces stay as they are: a tree drawing
 * indents with them. (transfer full) */
static char *
clean_cell (const char *c)
{
  char *out = g_utf8_make_valid (c, -1);
  for (char *p = out; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t' || *p == '\v' || *p == '\f')
      *p = ' ';
  return g_strchomp (out);
}

void
dg_table_add_row (DgTable *table, const char *const *cells)
{
  char **row = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *c = cells[i] ? cells[i] : "";
      row[i] = clean_cell (c);
      guint w = (guint) dg_text_display_width (row[i]);
      table->columns[i].natural = MAX (table->columns[i].natural, w);
    }
  g_ptr_array_add (table->rows, row);
}

guint
dg_table_n_rows (const DgTable *table)
{
  return table->rows->len;
}

char *
dg_text_cut (const char *text, gsize width)
{
  if (text == NULL)
    return g_strdup ("");
  if (dg_text_display_width (text) <= width)
    return g_strdup (text);
  if (width == 0)
    return g_strdup ("");
  /* Keep characters up to width - 1 columns, then the ellipsis. */
  GString *out = g_string_new (NULL);
  gsize used = 0;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
      if (used + w > width - 1)
        break;
      g_string_append_unichar (out, c);
      used += w;
    }
  /* No space before the ellipsis: "Tỉnh ủy…", not "Tỉnh ủy …". */
  while (out->len && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

char *
dg_text_cut_start (const char *text, gsize width)
{
  if (text == NULL)
    return g_strdup ("");
  gsize w = dg_text_display_width (text);
  if (w <= width)
    return g_strdup (text);
  if (width == 0)
    return g_strdup ("");
  /* Drop characters from the start until the rest and "…" fit. */
  const char *p = text;
  while (*p && w > width - 1)
    {
      gunichar c = g_utf8_get_char (p);
      w -= g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
      p = g_utf8_next_char (p);
    }
  /* Marks that belonged to a dropped letter go with it. */
  while (*p && g_unichar_iszerowidth (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return g_strconcat ("…", p, NULL);
}

char *
dg_text_pad (const char *text, gsize width, DgAlign align)
{
  gsize w = dg_text_display_width (text);
  GString *out = g_string_new (NULL);
  if (align == DG_ALIGN_RIGHT)
    for (gsize i = w; i < width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (align == DG_ALIGN_LEFT)
    for (gsize i = w; i < width; i++)
      g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

char *
dg_text_wrap (const char *text, gsize width, const char *indent)
{
  g_autofree char *squeezed = dg_text_squeeze (text ? text : "", -1);
  if (indent == NULL)
    indent = "";
  gsize iw = dg_text_display_width (indent);
  gsize limit = width > iw + 8 ? width - iw : 8;
  g_auto (GStrv) words = g_strsplit (squeezed, " ", -1);
  GString *out = g_string_new (indent);
  gsize col = 0;
  for (guint i = 0; words[i]; i++)
    {
      if (*words[i] == '\0')
        continue;
      gsize ww = dg_text_display_width (words[i]);
      if (col > 0 && col + 1 + ww > limit)
        {
          g_string_append_c (out, '\n');
          g_string_append (out, indent);
          col = 0;
        }
      else if (col > 0)
        {
          g_string_append_c (out, ' ');
          col++;
        }
      g_autofree char *word = ww > limit ? dg_text_cut (words[i], limit) : g_strdup (words[i]);
      g_string_append (out, word);
      col += dg_text_display_width (word);
    }
  return g_string_free (out, FALSE);
}

/* Chooses column widths: natural widths, then the widest column that can
 * give way loses one column at a time until the table fits. */
static void
fit_widths (DgTable *t, guint width)
{
  guint total = (t->n_columns - 1) * (guint) strlen (GAP);
  for (guint i = 0; i < t->n_columns; i++)
    {
      t->columns[i].width = t->columns[i].natural;
      total += t->columns[i].width;
    }
  while (total > width)
    {
      Column *widest = NULL;
      for (guint i = 0; i < t->n_columns; i++)
        {
          Column *c = &t->columns[i];
          guint floor = MIN (c->min_width, c->natural);
          if (c->width > floor && (widest == NULL || c->width > widest->width))
            widest = c;
        }
      if (widest == NULL)
        break; /* every column at its minimum: the line will be wider */
      widest->width--;
      total--;
    }
}

static char *
render_line (DgTable *t, char **cells)
{
  GString *line = g_string_new (NULL);
  for (guint i = 0; i < t->n_columns; i++)
    {
      Column *c = &t->columns[i];
      g_autofree char *cut = c->cut_start ? dg_text_cut_start (cells[i], c->width)
                                           : dg_text_cut (cells[i], c->width);
      gboolean last = i + 1 == t->n_columns;
      /* The last column needs no padding on the right. */
      g_autofree char *padded = last && c->align == DG_ALIGN_LEFT
                                  ? g_strdup (cut) : dg_text_pad (cut, c->width, c->align);
      if (i > 0)
        g_string_append (line, GAP);
      g_string_append (line, padded);
    }
  while (line->len && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  return g_string_free (line, FALSE);
}

GStrv
dg_table_render_lines (DgTable *table, guint width)
{
  fit_widths (table, width);
  GStrvBuilder *b = g_strv_builder_new ();
  if (table->headers)
    {
      g_autofree char *line = render_line (table, table->headers);
      g_strv_builder_add (b, line);
    }
  for (guint i = 0; i < table->rows->len; i++)
    {
      g_autofree char *line = render_line (table, table->rows->pdata[i]);
      g_strv_builder_add (b, line);
    }
  GStrv lines = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return lines;
}

char *
dg_table_render (DgTable *table, guint width)
{
  g_auto (GStrv) lines = dg_table_render_lines (table, width);
  GString *out = g_string_new (NULL);
  for (guint i = 0; lines[i]; i++)
    {
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
append_tsv_line (GString *out, char **cells, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\t');
      g_string_append (out, cells[i]);
    }
  g_string_append_c (out, '\n');
}

char *
dg_table_render_tsv (DgTable *table)
{
  GString *out = g_string_new (NULL);
  if (table->headers)
    append_tsv_line (out, table->headers, table->n_columns);
  for (guint i = 0; i < table->rows->len; i++)
    append_tsv_line (out, table->rows->pdata[i], table->n_columns);
  return g_string_free (out, FALSE);
}

char *
dg_table_render_as (DgTable *table, DgOutputFormat format, guint width)
{
  if (format == DG_FORMAT_TSV)
    return dg_table_render_tsv (table);
  return dg_table_render (table, width);
}

guint
dg_table_terminal_width (void)
{
  const char *env = g_getenv ("COLUMNS");
  guint64 v;
  if (env && g_ascii_string_to_unsigned (env, 10, 20, 10000, &v, NULL))
    return (guint) v;
  struct winsize ws;
  if (!isatty (STDOUT_FILENO))
    return DG_TABLE_NO_LIMIT; /* a pipe or a file: whole lines for grep and less -S */
  if (ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
    return ws.ws_col;
  return 80;
}
