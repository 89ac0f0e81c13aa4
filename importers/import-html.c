/* import-html.c: a saved news page. The reader keeps the text of the page,
 * one line per block element, and drops scripts, styles, navigation and
 * forms; the headline is the first <h1> (else <title>), the date the
 * article:published_time meta tag when there is one. */
#include "importers-private.h"

#include <stdio.h>
#include <string.h>

/* Elements whose content is never article text. */
static const char *const skipped[] = {
  "script", "style", "noscript", "svg", "nav", "footer", "form", "select",
  "button", "iframe", "template", "aside", "head", NULL,
};

/* Elements that end a line of text. */
static const char *const blocks[] = {
  "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
  "tr", "table", "section", "article", "header", "blockquote", "figure",
  "figcaption", "dd", "dt", "hr", "pre", "main", "td", "th", NULL,
};

static const struct { const char *name; const char *text; } entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", " " }, { "ndash", "–" }, { "mdash", "—" }, { "hellip", "…" },
  { "ldquo", "“" }, { "rdquo", "”" }, { "lsquo", "‘" }, { "rsquo", "’" },
  { "laquo", "«" }, { "raquo", "»" }, { "copy", "©" }, { "reg", "®" },
  { "agrave", "à" }, { "aacute", "á" }, { "acirc", "â" }, { "atilde", "ã" },
  { "egrave", "è" }, { "eacute", "é" }, { "ecirc", "ê" }, { "igrave", "ì" },
  { "iacute", "í" }, { "ograve", "ò" }, { "oacute", "ó" }, { "ocirc", "ô" },
  { "otilde", "õ" }, { "ugrave", "ù" }, { "uacute", "ú" }, { "yacute", "ý" },
  { "Agrave", "À" }, { "Aacute", "Á" }, { "Acirc", "Â" }, { "Atilde", "Ã" },
  { "Egrave", "È" }, { "Eacute", "É" }, { "Ecirc", "Ê" }, { "Igrave", "Ì" },
  { "Iacute", "Í" }, { "Ograve", "Ò" }, { "Oacute", "Ó" }, { "Ocirc", "Ô" },
  { "Otilde", "Õ" }, { "Ugrave", "Ù" }, { "Uacute", "Ú" }, { "Yacute", "Ý" },
};

static gboolean
in_list (const char *const *list, const char *name)
{
  for (guint i = 0; list[i]; i++)
    if (g_ascii_strcasecmp (list[i], name) == 0)
      return TRUE;
  return FALSE;
}

/* Appends the entity at p (after '&'); returns the bytes consumed. */
static gsize
append_entity (GString *out, const char *p, const char *stop)
{
  const char *semi = memchr (p, ';', MIN ((gsize) (stop - p), (gsize) 12));
  if (semi == NULL)
    {
      g_string_append_c (out, '&');
      return 0;
    }
  g_autofree char *name = g_strndup (p, semi - p);
  if (name[0] == '#')
    {
      gunichar c = name[1] == 'x' || name[1] == 'X'
                     ? (gunichar) g_ascii_strtoull (name + 2, NULL, 16)
                     : (gunichar) g_ascii_strtoull (name + 1, NULL, 10);
      if (c && g_unichar_validate (c))
        g_string_append_unichar (out, c);
      return semi - p + 1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strcmp (entities[i].name, name) == 0)
      {
        g_string_append (out, entities[i].text);
        return semi - p + 1;
      }
  g_string_append_c (out, '&');
  return 0;
}

/* Reads the tag name at p (after '<' and an optional '/'). */
static char *
tag_name (const char *p, const char *stop)
{
  const char *q = p;
  while (q < stop && (g_ascii_isalnum (*q) || *q == '-' || *q == ':'))
    q++;
  return g_ascii_strdown (p, q - p);
}

static char *
attr_value (const char *tag, const char *attr)
{
  g_autofree char *pattern = g_strdup_printf ("\\b%s\\s*=\\s*[\"']([^\"']*)[\"']", attr);
  g_autoptr (GRegex) re = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  if (re && g_regex_match (re, tag, 0, &mi))
    return g_match_info_fetch (mi, 1);
  return NULL;
}

gboolean
dg_import_html (const char *source, GBytes *bytes, const DgImportSink *sink, GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *html = dg_text_decode (data ? data : "", len, error);
  if (html == NULL)
    return FALSE;
  const char *p = html, *stop = html + strlen (html);
  GString *out = g_string_sized_new (stop - p);
  GString *h1 = NULL, *title = NULL;
  g_autofree char *date = NULL;
  char *skip_until = NULL; /* the element whose content we are skipping */
  gboolean in_h1 = FALSE, in_title = FALSE;
  while (p < stop)
    {
      if (*p == '<')
        {
          if (strncmp (p, "<!--", 4) == 0)
            {
              const char *end = strstr (p + 4, "-->");
              p = end ? end + 3 : stop;
              continue;
            }
          const char *gt = memchr (p, '>', stop - p);
          if (gt == NULL)
            break;
          gboolean closing = p[1] == '/';
          g_autofree char *name = tag_name (p + 1 + closing, gt);
          g_autofree char *whole = g_strndup (p, gt - p + 1);
          p = gt + 1;
          if (skip_until)
            {
              if (closing && strcmp (name, skip_until) == 0)
                g_clear_pointer (&skip_until, g_free);
              else if (!closing && strcmp (name, "title") == 0)
                in_title = TRUE, title = title ? title : g_string_new (NULL);
              else if (closing && strcmp (name, "title") == 0)
                in_title = FALSE;
              else if (!closing && strcmp (name, "meta") == 0 && date == NULL)
                {
                  g_autofree char *prop = attr_value (whole, "property");
                  g_autofree char *nm = attr_value (whole, "name");
                  if ((prop && strstr (prop, "published_time"))
                      || (nm && (strstr (nm, "pubdate") || strstr (nm, "publishdate"))))
                    {
                      g_autofree char *content = attr_value (whole, "content");
                      int y, m, d;
                      if (content && sscanf (content, "%4d-%2d-%2d", &y, &m, &d) == 3)
                        date = dg_iso_date (y, m, d);
                    }
                }
              continue;
            }
          if (!closing && in_list (skipped, name) && whole[strlen (whole) - 2] != '/')
            {
              skip_until = g_steal_pointer (&name);
              continue;
            }
          if (strcmp (name, "h1") == 0)
            {
              in_h1 = !closing && h1 == NULL;
              if (in_h1)
                h1 = g_string_new (NULL);
            }
          if (in_list (blocks, name))
            g_string_append_c (out, '\n');
          continue;
        }
      const char *lt = memchr (p, '<', stop - p);
      const char *end = lt ? lt : stop;
      GString *chunk = g_string_new (NULL);
      while (p < end)
        {
          if (*p == '&')
            {
              p++;
              p += append_entity (chunk, p, end);
              continue;
            }
          g_string_append_c (chunk, *p == '\n' ? ' ' : *p);
          p++;
        }
      if (in_title && title)
        g_string_append (title, chunk->str);
      else if (!skip_until)
        {
          g_string_append (out, chunk->str);
          if (in_h1 && h1)
            g_string_append (h1, chunk->str);
        }
      g_string_free (chunk, TRUE);
    }
  g_free (skip_until);
  const char *hint = h1 && h1->len ? h1->str : title && title->len ? title->str : NULL;
  g_autofree char *sha = dg_sha256_hex (data ? data : "", len);
  /* Entities may have brought back what decoding removes (no-break spaces,
   * zero-width characters): decode once more. */
  g_autofree char *clean = dg_text_decode (out->str, out->len, error);
  g_autoptr (DgArticle) article
    = clean ? dg_article_from_decoded (source, sha, clean, hint, date, error) : NULL;
  g_string_free (out, TRUE);
  if (h1)
    g_string_free (h1, TRUE);
  if (title)
    g_string_free (title, TRUE);
  if (article == NULL)
    return FALSE;
  sink->article (article, NULL, sink->user_data);
  return TRUE;
}
