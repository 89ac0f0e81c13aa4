/* data.c: loading the TSV data tables. */
#include "data-private.h"

#include <gio/gio.h>
#include <string.h>

extern GResource *dg_get_resource (void);

static GMutex tables_lock;
static GHashTable *tables; /* name → GPtrArray of GStrv, never freed */

static void
parse_rows (GPtrArray *rows, const char *text, gsize len)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = lines[i];
      gsize n = strlen (line);
      if (n && line[n - 1] == '\r')
        line[n - 1] = '\0';
      g_autofree char *probe = g_strstrip (g_strdup (line));
      if (*probe == '\0' || *probe == '#')
        continue;
      g_ptr_array_add (rows, g_strsplit (line, "\t", -1));
    }
  (void) len;
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
      parse_rows (rows, copy, len);
      const char *dir = g_getenv ("DOCGRAPH_DATA_DIR");
      if (dir && *dir)
        {
          g_autofree char *user = g_build_filename (dir, name, NULL);
          g_autofree char *contents = NULL;
          gsize ulen;
          if (g_file_get_contents (user, &contents, &ulen, NULL)
              && g_utf8_validate (contents, ulen, NULL))
            parse_rows (rows, contents, ulen);
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
