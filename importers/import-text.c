/* import-text.c: plain-text articles, the corpus form: the headline on the
 * first line, then the body, with whatever page furniture the crawl kept. */
#include "importers-private.h"

#include <string.h>

typedef struct {
  GRegex *regex;    /* whole-line pattern, caseless */
  gboolean dateline; /* the line gives the article date */
} FurnitureRule;

static GPtrArray *
furniture_rules (void)
{
  static gsize once;
  static GPtrArray *rules;
  if (g_once_init_enter (&once))
    {
      GPtrArray *rows = dg_data_table ("furniture.tsv");
      GPtrArray *r = g_ptr_array_new ();
      for (guint i = 0; i < rows->len; i++)
        {
          GStrv row = rows->pdata[i];
          g_autofree char *anchored = g_strdup_printf ("^(?:%s)$", dg_data_field (row, 1));
          g_autoptr (GError) error = NULL;
          GRegex *re = g_regex_new (anchored, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
          if (re == NULL)
            {
              g_warning ("furniture.tsv row %u: %s", i + 1, error->message);
              continue;
            }
          FurnitureRule *rule = g_new0 (FurnitureRule, 1);
          rule->regex = re;
          rule->dateline = g_strcmp0 (dg_data_field (row, 0), "dateline") == 0;
          g_ptr_array_add (r, rule);
        }
      rules = r;
      g_once_init_leave (&once, 1);
    }
  return rules;
}

char *
dg_iso_date (int y, int m, int d)
{
  if (m < 1 || m > 12 || d < 1 || d > 31)
    return NULL;
  if (y <= 0)
    return g_strdup_printf ("--%02d-%02d", m, d);
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) || y < 1930 || y > 2100)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/* Checks a trimmed line against the furniture rules; a dateline fills *date
 * when it is still empty. */
static gboolean
is_furniture (const char *line, char **date)
{
  GPtrArray *rules = furniture_rules ();
  /* Furniture is short; long lines are text whatever they look like. */
  if (strlen (line) > 160)
    return FALSE;
  for (guint i = 0; i < rules->len; i++)
    {
      FurnitureRule *rule = rules->pdata[i];
      g_autoptr (GMatchInfo) mi = NULL;
      if (!g_regex_match (rule->regex, line, 0, &mi))
        continue;
      if (rule->dateline && *date == NULL)
        {
          g_autofree char *d = g_match_info_fetch_named (mi, "d");
          g_autofree char *m = g_match_info_fetch_named (mi, "m");
          g_autofree char *y = g_match_info_fetch_named (mi, "y");
          *date = dg_iso_date (atoi (y), atoi (m), atoi (d));
        }
      return TRUE;
    }
  return FALSE;
}

DgArticle *
dg_article_from_decoded (const char *source, const char *sha256, const char *decoded,
                         const char *title_hint, const char *date_hint, GError **error)
{
  GString *text = g_string_sized_new (strlen (decoded));
  g_autofree char *date = g_strdup (date_hint);
  g_autofree char *title = NULL;
  const char *p = decoded;
  guint blank_run = 0;
  while (*p)
    {
      const char *nl = strchr (p, '\n');
      gsize len = nl ? (gsize) (nl - p) : strlen (p);
      g_autofree char *line = g_strndup (p, len);
      g_strstrip (line);
      p += len + (nl ? 1 : 0);
      if (*line == '\0')
        {
          /* Keep paragraph breaks, but never more than one blank line. */
          if (text->len && blank_run++ == 0)
            g_string_append_c (text, '\n');
          continue;
        }
      if (is_furniture (line, &date))
        continue;
      blank_run = 0;
      if (title == NULL)
        title = dg_text_squeeze (line, -1);
      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }
  while (text->len && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_EMPTY, "no article text");
      return NULL;
    }
  if (title_hint && *title_hint)
    {
      g_free (title);
      title = dg_text_squeeze (title_hint, -1);
    }
  DgArticle *a = dg_article_new (source, sha256, title, date, text->str);
  g_string_free (text, TRUE);
  return a;
}

/* A text file saved as UTF-16 (Windows editors' "Unicode") says so with a
 * byte-order mark: such bytes are converted to UTF-8 first. Without a mark
 * UTF-16 is not guessed; its NUL bytes refuse it. (transfer full) */
static char *
utf16_to_utf8 (const char *bytes, gsize len, gsize *out_len, GError **error)
{
  if (len >= 4
      && (memcmp (bytes, "\xFF\xFE\0\0", 4) == 0 || memcmp (bytes, "\0\0\xFE\xFF", 4) == 0))
    {
      g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_UTF8,
                   "UTF-32 (byte-order mark at byte 0) is not read; convert it to UTF-8");
      return NULL;
    }
  const char *from = memcmp (bytes, "\xFF\xFE", 2) == 0 ? "UTF-16LE" : "UTF-16BE";
  g_autoptr (GError) local = NULL;
  char *utf8 = g_convert (bytes + 2, (gssize) (len - 2), "UTF-8", from, NULL, out_len, &local);
  if (utf8 == NULL)
    g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_UTF8,
                 "starts with a %s byte-order mark but is not %s: %s", from, from,
                 local->message);
  return utf8;
}

DgArticle *
dg_article_from_text (const char *source, const char *bytes, gsize len, GError **error)
{
  if (len >= 2 && (memcmp (bytes, "\xFF\xFE", 2) == 0 || memcmp (bytes, "\xFE\xFF", 2) == 0))
    {
      gsize n = 0;
      g_autofree char *converted = utf16_to_utf8 (bytes, len, &n, error);
      if (converted == NULL)
        return NULL;
      g_autofree char *decoded = dg_text_decode (converted, n, error);
      if (decoded == NULL)
        return NULL;
      g_autofree char *sha = dg_sha256_hex (bytes, len);
      return dg_article_from_decoded (source, sha, decoded, NULL, NULL, error);
    }
  g_autofree char *decoded = dg_text_decode (bytes, len, error);
  if (decoded == NULL)
    return NULL;
  g_autofree char *sha = dg_sha256_hex (bytes, len);
  return dg_article_from_decoded (source, sha, decoded, NULL, NULL, error);
}

gboolean
dg_import_text (const char *source, GBytes *bytes, const DgImportSink *sink, GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr (DgArticle) article = dg_article_from_text (source, data ? data : "", len, error);
  if (article == NULL)
    return FALSE;
  sink->article (article, NULL, sink->user_data);
  return TRUE;
}
