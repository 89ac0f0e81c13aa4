/* importers.c: the table of readers, and walking files and folders. */
/* madvise */
#define _DEFAULT_SOURCE
#include "importers-private.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <unistd.h>

G_DEFINE_QUARK (dg-import-error-quark, dg_import_error)

static const char *const text_ext[] = { "txt", "text", NULL };
static const char *const html_ext[] = { "html", "htm", "xhtml", NULL };
static const char *const jsonl_ext[] = { "jsonl", "ndjson", NULL };
static const char *const json_ext[] = { "json", NULL };

static const DgImporter importers[] = {
  { "text", text_ext, dg_import_text, FALSE },
  { "html", html_ext, dg_import_html, FALSE },
  { "jsonl", jsonl_ext, dg_import_jsonl, FALSE },
  { "json", json_ext, dg_import_json, TRUE },
  { NULL, NULL, NULL, FALSE },
};

const char *const *
dg_import_formats (void)
{
  static const char *names[G_N_ELEMENTS (importers)];
  for (guint i = 0; importers[i].name; i++)
    names[i] = importers[i].name;
  return names;
}

static const DgImporter *
importer_by_name (const char *name)
{
  for (guint i = 0; importers[i].name; i++)
    if (g_ascii_strcasecmp (importers[i].name, name) == 0)
      return &importers[i];
  return NULL;
}

static const DgImporter *
importer_for_source (const char *source)
{
  const char *dot = strrchr (source, '.');
  const char *slash = strrchr (source, '/');
  if (dot == NULL || (slash && dot < slash))
    return NULL;
  for (guint i = 0; importers[i].name; i++)
    for (guint j = 0; importers[i].extensions[j]; j++)
      if (g_ascii_strcasecmp (dot + 1, importers[i].extensions[j]) == 0)
        return &importers[i];
  return NULL;
}

/* Reads bytes; text_fallback: a source of no known extension is text,
 * unless the bytes are JSON (then JSON or JSONL: never an article titled
 * "{"). */
static gboolean
import_bytes (const char *source, GBytes *bytes, const char *format, gboolean text_fallback,
              const DgImportSink *sink, GError **error)
{
  const DgImporter *imp = format ? importer_by_name (format) : importer_for_source (source);
  if (imp == NULL && format == NULL && text_fallback)
    {
      gboolean lines = FALSE;
      imp = importer_by_name (dg_bytes_look_like_json (bytes, &lines) ? (lines ? "jsonl" : "json")
                                                                      : "text");
    }
  else if (imp && format == NULL && imp->read == dg_import_text)
    {
      /* A .txt that holds JSON: say so rather than store "{" as a headline. */
      gboolean lines = FALSE;
      if (dg_bytes_look_like_json (bytes, &lines))
        {
          g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                       "%s: JSON, not article text; give --format %s (or --format text to "
                       "read it as text all the same)", source, lines ? "jsonl" : "json");
          return FALSE;
        }
    }
  if (imp == NULL)
    {
      if (format)
        g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_FORMAT,
                     "unknown format “%s”", format);
      else
        g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_FORMAT,
                     "%s: no reader for this kind of file (use --format)", source);
      return FALSE;
    }
  GError *local = NULL;
  if (!imp->read (source, bytes, sink, &local))
    {
      g_propagate_prefixed_error (error, local, "%s: ", source);
      return FALSE;
    }
  return TRUE;
}

gboolean
dg_import_bytes (const char *source, GBytes *bytes, const char *format,
                 const DgImportSink *sink, GError **error)
{
  return import_bytes (source, bytes, format, strcmp (source, "-") == 0, sink, error);
}

static void
report (const DgImportSink *sink, GError *error)
{
  if (sink->error)
    sink->error (error, sink->user_data);
  g_error_free (error);
}

/* Standard input is read whole before a reader sees it: a text or HTML
 * article up to dg_text_decode's limit plus a byte, so that an endless
 * stream (/dev/zero) ends in that limit's message, not in memory running
 * out; JSONL, many articles, as long as no line is over its reader's
 * limit. */
#define STDIN_MAX_TEXT ((gsize) 64 * 1024 * 1024 + 1)
#define STDIN_MAX_JSONL_LINE ((gsize) 96 * 1024 * 1024)

static GBytes *
read_stdin (const char *format, GError **error)
{
  gboolean jsonl = format && g_ascii_strcasecmp (format, "jsonl") == 0;
  gsize max = jsonl ? G_MAXUINT : STDIN_MAX_TEXT;
  GByteArray *buf = g_byte_array_new ();
  gsize line_start = 0; /* offset of the line being read */
  guint8 chunk[65536];
  size_t n;
  while (buf->len < max
         && (n = fread (chunk, 1, MIN (sizeof chunk, max - buf->len), stdin)) > 0)
    {
      for (size_t i = n; jsonl && i > 0; i--)
        if (chunk[i - 1] == '\n')
          {
            line_start = buf->len + i;
            break;
          }
      g_byte_array_append (buf, chunk, (guint) n);
      if (jsonl && buf->len - line_start > STDIN_MAX_JSONL_LINE)
        {
          g_byte_array_unref (buf);
          g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_READ,
                       "-: more than %u MiB without a line end on standard input, over the "
                       "limit for one JSONL line", (guint) (STDIN_MAX_JSONL_LINE >> 20));
          return NULL;
        }
    }
  if (ferror (stdin))
    {
      g_byte_array_unref (buf);
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_READ,
                   "-: cannot read standard input");
      return NULL;
    }
  return g_byte_array_free_to_bytes (buf);
}

/* Only regular files are mapped: a FIFO with no writer would block for
 * ever, a device (/dev/zero) never ends. */
static gboolean
check_regular (const char *path, GError **error)
{
  GStatBuf st;
  if (g_stat (path, &st) != 0)
    {
      int e = errno;
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_READ, "%s: %s", path,
                   e == ENOENT ? "no such file or folder" : g_strerror (e));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
    {
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_READ,
                   "%s: not a regular file (%s); to read a stream, give - and pipe it "
                   "to standard input", path,
                   S_ISFIFO (st.st_mode)  ? "a FIFO"
                   : S_ISCHR (st.st_mode) ? "a character device"
                   : S_ISBLK (st.st_mode) ? "a block device"
                                          : "a socket");
      return FALSE;
    }
  return TRUE;
}

/* A JSONL file read in pieces of this size: the pages of each piece are
 * dropped from the mapping once read, so that memory stays flat however big
 * the file is. */
#define JSONL_PIECE (64u << 20)

static void
import_jsonl_pieces (const char *path, GMappedFile *map, const DgImportSink *sink)
{
  const char *data = g_mapped_file_get_contents (map);
  gsize len = g_mapped_file_get_length (map);
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize done = 0; /* bytes read, a line boundary */
  guint lineno = 0;
  while (done < len)
    {
      gsize end = MIN (len, done + JSONL_PIECE);
      /* The piece ends at a line end no further than the longest line; past
       * that, the rest goes to the line reader, which reports it. */
      const char *nl = end < len ? memchr (data + end, '\n', MIN (len - end, DG_JSONL_MAX_LINE + 1))
                                 : NULL;
      end = nl ? (gsize) (nl - data) + 1 : len;
      lineno = dg_import_jsonl_lines (path, data + done, end - done, lineno, sink);
      /* The whole pages read so far leave the mapping (they stay in the page cache). */
      gsize drop = end / page * page;
      if (drop > 0)
        madvise ((void *) data, drop, MADV_DONTNEED);
      done = end;
    }
}

static gboolean
import_file (const char *path, const char *format, gboolean named, const DgImportSink *sink)
{
  GError *error = NULL;
  if (!check_regular (path, &error))
    {
      report (sink, error);
      return FALSE;
    }
  g_autoptr (GMappedFile) map = g_mapped_file_new (path, FALSE, &error);
  if (map == NULL)
    {
      GError *e = g_error_new (DG_IMPORT_ERROR, DG_IMPORT_ERROR_READ, "%s: %s", path,
                               error->message);
      g_error_free (error);
      report (sink, e);
      return FALSE;
    }
  const DgImporter *imp = format ? importer_by_name (format) : importer_for_source (path);
  if (imp && imp->read == dg_import_jsonl && g_mapped_file_get_length (map) > JSONL_PIECE)
    {
      import_jsonl_pieces (path, map, sink);
      return TRUE;
    }
  g_autoptr (GBytes) bytes = g_mapped_file_get_bytes (map);
  if (!import_bytes (path, bytes, format, named, sink, &error))
    {
      report (sink, error);
      return FALSE;
    }
  return TRUE;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Walks a folder in name order. Files without a known extension, and .json
 * files, are skipped unless a format is forced; hidden entries always are. */
static void
import_dir (const char *path, const char *format, const DgImportSink *sink, guint depth)
{
  GError *error = NULL;
  GDir *dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      GError *e = g_error_new (DG_IMPORT_ERROR, DG_IMPORT_ERROR_READ, "%s: %s", path,
                               error->message);
      g_error_free (error);
      report (sink, e);
      return;
    }
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dir)))
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          /* Symlink loops end here. */
          if (depth < 32 && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            import_dir (child, format, sink, depth + 1);
          continue;
        }
      const DgImporter *by_name = importer_for_source (child);
      if (format == NULL && (by_name == NULL || by_name->named_only))
        continue;
      import_file (child, format, FALSE, sink);
    }
}

gboolean
dg_import_path (const char *path, const char *format, const DgImportSink *sink,
                GError **error)
{
  if (format && importer_by_name (format) == NULL)
    {
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_FORMAT,
                   "unknown format “%s” (known: text, html, jsonl, json)", format);
      return FALSE;
    }
  if (strcmp (path, "-") == 0)
    {
      g_autoptr (GBytes) bytes = read_stdin (format, error);
      if (bytes == NULL)
        return FALSE;
      GError *local = NULL;
      if (!dg_import_bytes ("-", bytes, format, sink, &local))
        report (sink, local);
      return TRUE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      import_dir (path, format, sink, 0);
      return TRUE;
    }
  /* No such file, a symlink loop, no permission: said here, once. */
  if (!check_regular (path, error))
    return FALSE;
  /* A file named on the command line is read even without a known
   * extension: as text, or as JSON when it is JSON. */
  import_file (path, format, TRUE, sink);
  return TRUE;
}
