/* data.c: loading the TSV data tables. */
#include "data-private.h"

#include <gio/gio.h>
#include <string.h>

extern GResource *dg_get_resource (void);

static GMutex tables_lock;
static GHashTable *tables; /* name → GPtrArray of GStrv, never freed */

/* Fields in a row. */
static guint
field_count (GStrv row)
{
  return g_strv_length (row);
}

/* Adds the rows of text to rows. For a user's file (path not NULL), a line
 * that is not valid UTF-8 or has fewer than min_fields fields is left out
 * and said so on stderr, with the file and the line, so that a row the
 * user meant is never lost without a word. */
static void
parse_rows (GPtrArray *rows, const char *text, const char *path, guint min_fields)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = lines[i];
      gsize n = strlen (line);
      if (n && line[n - 1] == '\r')
        line[n - 1] = '\0';
      if (path && !g_utf8_validate (line, -1, NULL))
        {
          g_printerr ("docgraph: %s:%u: not valid UTF-8; line ignored\n", path, i + 1);
          continue;
        }
      g_autofree char *probe = g_strstrip (g_strdup (line));
      if (*probe == '\0' || *probe == '#')
        continue;
      GStrv row = g_strsplit (line, "\t", -1);
      if (path && field_count (row) < min_fields)
        {
          g_printerr ("docgraph: %s:%u: %u field%s, the table needs at least %u "
                      "(tab-separated); row ignored\n",
                      path, i + 1, field_count (row), field_count (row) == 1 ? "" : "s",
                      min_fields);
          g_strfreev (row);
          continue;
        }
      g_ptr_array_add (rows, row);
    }
}

GPtrArray *
dg_data_table (const char *name)
{
  g_mutex_lock (&tables_lock);
  if (tables == NULL)
    tables = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *rows = g_hash_table_lookup (tables, name);
  if (rows == NULL)
    {
      rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_autofree char *path = g_strconcat ("/org/docgraph/data/", name, NULL);
      g_autoptr (GBytes) bytes
        = g_resource_lookup_data (dg_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes == NULL)
        g_error ("data table %s is not compiled in", name);
      gsize len;
      const char *text = g_bytes_get_data (bytes, &len);
      g_autofree char *copy = g_strndup (text, len);
      parse_rows (rows, copy, NULL, 0);
      /* The fewest fields a built-in row has is what a user's row needs. */
      guint min_fields = G_MAXUINT;
      for (guint i = 0; i < rows->len; i++)
        min_fields = MIN (min_fields, field_count (rows->pdata[i]));
      if (min_fields == G_MAXUINT)
        min_fields = 1;
      const char *dir = g_getenv ("DOCGRAPH_DATA_DIR");
      if (dir && *dir)
        {
          g_autofree char *user = g_build_filename (dir, name, NULL);
          g_autofree char *contents = NULL;
          gsize ulen;
          g_autoptr (GError) error = NULL;
          if (g_file_get_contents (user, &contents, &ulen, &error))
            parse_rows (rows, contents, user, min_fields);
          else if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            g_printerr ("docgraph: %s; table ignored\n", error->message);
        }
      g_hash_table_insert (tables, g_strdup (name), rows);
    }
  g_mutex_unlock (&tables_lock);
  return rows;
}

const char *
dg_data_field (GStrv row, guint n)
{
  for (guint i = 0; i <= n; i++)
    if (row[i] == NULL)
      return "";
  return row[n];
}
