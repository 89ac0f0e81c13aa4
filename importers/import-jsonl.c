/* import-jsonl.c: one JSON object per line. A line is either what
 * `docgraph extract --format jsonl` printed (an "article" and its "nodes" and
 * "edges", loaded as they are), or a bare article record {"source", "title",
 * "date", "text"} that still needs extraction, or a crawled page {"url" or
 * "source", "html"} read as import-html.c reads a page. */
#include "importers-private.h"

#include <string.h>

/* The longest line read: an extract result holds the article text (at most
 * 64 MiB) and its graph. */
#define JSONL_MAX_LINE DG_JSONL_MAX_LINE

static gboolean
import_line (const char *source, guint lineno, const char *line, gsize len,
             const DgImportSink *sink, GError **error)
{
  /* One line is one article: the limit of one article holds for it, and is
   * said before the parser takes memory for a line of gigabytes. */
  if (len > JSONL_MAX_LINE)
    {
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                   "%" G_GSIZE_FORMAT " bytes is over the limit of %u MiB for one line",
                   len, (guint) (JSONL_MAX_LINE / (1024 * 1024)));
      return FALSE;
    }
  const char *nul = memchr (line, '\0', len);
  if (nul)
    {
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                   "byte %" G_GSIZE_FORMAT ": NUL byte, not JSON text", (gsize) (nul - line));
      return FALSE;
    }
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, line, (gssize) len, error))
    return FALSE;
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE, "not a JSON object");
      return FALSE;
    }
  JsonObject *o = json_node_get_object (root);
  if (json_object_has_member (o, "article"))
    {
      g_autoptr (DgGraph) graph = dg_graph_from_json (root, error);
      if (graph == NULL)
        return FALSE;
      if (dg_graph_article (graph)->text_len == 0)
        {
          g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                       "the article has no \"text\" (extract prints it; keep it)");
          return FALSE;
        }
      sink->article (dg_graph_article (graph), graph, sink->user_data);
      return TRUE;
    }
  const char *text = json_object_get_string_member_with_default (o, "text", NULL);
  const char *html = json_object_get_string_member_with_default (o, "html", NULL);
  if (text == NULL && html)
    {
      /* A crawler's record of a whole page: {"url", "html"}; the page's
       * headline and date unless the record gives them. */
      g_autofree char *fallback = g_strdup_printf ("%s:%u", source, lineno);
      const char *hint = json_object_get_string_member_with_default (
        o, "source", json_object_get_string_member_with_default (o, "url", NULL));
      g_autoptr (DgArticle) article = dg_article_from_html (
        fallback, html, strlen (html), hint,
        json_object_get_string_member_with_default (o, "title", NULL),
        json_object_get_string_member_with_default (o, "date", NULL), error);
      if (article == NULL)
        return FALSE;
      sink->article (article, NULL, sink->user_data);
      return TRUE;
    }
  if (text == NULL)
    {
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                   "neither an extract result nor an article with \"text\" or \"html\"");
      return FALSE;
    }
  g_autofree char *decoded = dg_text_decode (text, strlen (text), error);
  if (decoded == NULL)
    return FALSE;
  g_autofree char *sha = dg_sha256_hex (text, strlen (text));
  g_autofree char *fallback = g_strdup_printf ("%s:%u", source, lineno);
  g_autoptr (DgArticle) article = dg_article_from_decoded (
    json_object_get_string_member_with_default (o, "source", fallback), sha, decoded,
    json_object_get_string_member_with_default (o, "title", NULL),
    json_object_get_string_member_with_default (o, "date", NULL), error);
  if (article == NULL)
    return FALSE;
  sink->article (article, NULL, sink->user_data);
  return TRUE;
}

gboolean
dg_import_jsonl (const char *source, GBytes *bytes, const DgImportSink *sink, GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  dg_import_jsonl_lines (source, data, len, 0, sink);
  return TRUE;
}

guint
dg_import_jsonl_lines (const char *source, const char *data, gsize len, guint lineno,
                       const DgImportSink *sink)
{
  const char *p = data, *stop = data + len;
  while (p && p < stop)
    {
      /* Looking for a line end no further than the longest line: a file of
       * gigabytes without one is not read to its end (nor paged in). */
      gsize left = (gsize) (stop - p);
      const char *nl = memchr (p, '\n', MIN (left, JSONL_MAX_LINE + 1));
      gsize n = nl ? (gsize) (nl - p) : left;
      lineno++;
      if (nl == NULL && left > JSONL_MAX_LINE)
        {
          GError *e = g_error_new (DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                                   "%s: line %u: more than %u MiB without a line end, over "
                                   "the limit for one line; the rest is not read",
                                   source, lineno, (guint) (JSONL_MAX_LINE / (1024 * 1024)));
          if (sink->error)
            sink->error (e, sink->user_data);
          g_error_free (e);
          break;
        }
      const char *q = p;
      while (q < p + n && g_ascii_isspace (*q))
        q++;
      if (q < p + n)
        {
          GError *local = NULL;
          if (!import_line (source, lineno, p, n, sink, &local))
            {
              GError *e = g_error_new (DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                                       "%s: line %u: %s", source, lineno, local->message);
              g_error_free (local);
              if (sink->error)
                sink->error (e, sink->user_data);
              g_error_free (e);
            }
        }
      p = nl ? nl + 1 : stop;
    }
  return lineno;
}
