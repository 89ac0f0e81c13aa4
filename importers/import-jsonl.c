/* import-jsonl.c: JSON records, one per line (.jsonl) or one document of
 * one record or an array of them (.json). A record is either what
 * `docgraph extract` printed (an "article" and its "nodes" and "edges",
 * loaded as they are), or an article record {"source", "title", "date",
 * "text"} that still needs extraction, or a crawled page {"url" or
 * "source", "html"} read as import-html.c reads a page; other field names
 * through a field map or the automatic names below. `docgraph export -T
 * json` is refused with one line: it has no article text. */
#include "importers-private.h"

#include <string.h>

/* The longest line read: an extract result holds the article text (at most
 * 64 MiB) and its graph. A .json document is held to the same. */
#define JSONL_MAX_LINE DG_JSONL_MAX_LINE

/* ------------------------------------------------------------ fields
 *
 * Crawl dumps name their fields in their own ways. An article record's
 * fields are found by the field map (--fields text=content,source=url), and
 * where the map says nothing, by the first of these names the record has. */
static const struct {
  const char *field;             /* docgraph's name for it */
  const char *const names[8];    /* names tried, in order, NULL-ended */
} automatic[] = {
  { "text", { "text", "content", "body", "article_text", "content_text", "plain_text", NULL } },
  { "html", { "html", "raw_html", "content_html", "body_html", "page", NULL } },
  { "source", { "source", "url", "link", "canonical_url", "permalink", NULL } },
  { "title", { "title", "headline", "name", NULL } },
  { "date", { "date", "published_at", "published", "publish_date", "pubDate", "datetime",
              "created_at", NULL } },
};

gboolean
dg_import_fields_check (const char *spec, GError **error)
{
  if (spec == NULL)
    return TRUE;
  g_auto (GStrv) pairs = g_strsplit (spec, ",", -1);
  for (guint i = 0; pairs[i]; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      gboolean known = FALSE;
      if (eq && eq > pairs[i] && eq[1])
        for (guint k = 0; k < G_N_ELEMENTS (automatic); k++)
          known |= strlen (automatic[k].field) == (gsize) (eq - pairs[i])
                   && strncmp (automatic[k].field, pairs[i], (gsize) (eq - pairs[i])) == 0;
      if (!known)
        {
          g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_FORMAT,
                       "--fields: “%s” is not FIELD=NAME with FIELD one of text, html, "
                       "source, title, date", pairs[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* The string member of o that holds field: the one the map names, else
 * the first automatic name o has. NULL when none. (transfer none) */
static const char *
record_field (JsonObject *o, const char *spec, const char *field)
{
  if (spec)
    {
      g_auto (GStrv) pairs = g_strsplit (spec, ",", -1);
      gsize n = strlen (field);
      for (guint i = 0; pairs[i]; i++)
        if (strncmp (pairs[i], field, n) == 0 && pairs[i][n] == '=')
          return json_object_get_string_member_with_default (o, pairs[i] + n + 1, NULL);
    }
  for (guint k = 0; k < G_N_ELEMENTS (automatic); k++)
    if (strcmp (automatic[k].field, field) == 0)
      for (guint j = 0; automatic[k].names[j]; j++)
        {
          JsonNode *m = json_object_get_member (o, automatic[k].names[j]);
          if (m && JSON_NODE_HOLDS_VALUE (m) && json_node_get_value_type (m) == G_TYPE_STRING)
            return json_node_get_string (m);
        }
  return NULL;
}

/* "2023-04-12T09:35:00+07:00" → "2023-04-12"; other forms as they are.
 * (transfer full) */
static char *
record_date (const char *date)
{
  if (date && strlen (date) > 10 && g_ascii_isdigit (date[0]) && date[4] == '-' && date[7] == '-'
      && (date[10] == 'T' || date[10] == ' '))
    return g_strndup (date, 10);
  return g_strdup (date);
}

/* Text that is a page's markup rather than its words. */
static gboolean
looks_like_html (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '<' && strchr (text, '>') != NULL;
}

/* One JSON value of a JSONL line or a .json file: an extract result, an
 * article record, or a crawled page. where names it in messages. */
static gboolean
import_record (const char *where, JsonNode *root, const DgImportSink *sink, GError **error)
{
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE, "not a JSON object");
      return FALSE;
    }
  JsonObject *o = json_node_get_object (root);
  if (json_object_has_member (o, "article"))
    {
      if (json_object_has_member (o, "view"))
        {
          /* docgraph export -T json: nodes and edges of many articles
           * whose text is not in the file, so no evidence can be checked. */
          g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                       "a docgraph export (view “%s”), not articles: it holds no article "
                       "text for its evidence; import the articles, or what docgraph extract "
                       "--format jsonl printed",
                       json_object_get_string_member_with_default (
                         json_object_get_object_member (o, "view"), "name", "?"));
          return FALSE;
        }
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
  if (json_object_has_member (o, "nodes") && json_object_has_member (o, "edges"))
    {
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                   "a graph without its \"article\": nothing to check its evidence against");
      return FALSE;
    }
  const char *spec = sink->fields;
  const char *text = record_field (o, spec, "text");
  const char *html = record_field (o, spec, "html");
  const char *source = record_field (o, spec, "source");
  const char *title = record_field (o, spec, "title");
  g_autofree char *date = record_date (record_field (o, spec, "date"));
  if (text && html == NULL && looks_like_html (text))
    {
      html = text; /* "content": "<p>…</p>" is a page's markup */
      text = NULL;
    }
  if (text == NULL && html)
    {
      /* A crawler's record of a whole page: {"url", "html"}; the page's
       * headline and date unless the record gives them. */
      g_autoptr (DgArticle) article = dg_article_from_html (where, html, strlen (html), source,
                                                            title, date, error);
      if (article == NULL)
        return FALSE;
      sink->article (article, NULL, sink->user_data);
      return TRUE;
    }
  if (text == NULL)
    {
      g_autoptr (GList) members = json_object_get_members (o);
      GString *names = g_string_new (NULL);
      for (GList *l = members; l && names->len < 200; l = l->next)
        g_string_append_printf (names, "%s%s", names->len ? ", " : "", (const char *) l->data);
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                   "neither an extract result nor an article with text or html (its fields: "
                   "%s; name them with --fields text=NAME,source=NAME,date=NAME)",
                   names->str);
      g_string_free (names, TRUE);
      return FALSE;
    }
  g_autofree char *decoded = dg_text_decode (text, strlen (text), error);
  if (decoded == NULL)
    return FALSE;
  g_autofree char *sha = dg_sha256_hex (text, strlen (text));
  g_autoptr (DgArticle) article
    = dg_article_from_decoded (source ? source : where, sha, decoded, title, date, error);
  if (article == NULL)
    return FALSE;
  sink->article (article, NULL, sink->user_data);
  return TRUE;
}

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
  g_autofree char *where = g_strdup_printf ("%s:%u", source, lineno);
  return import_record (where, json_parser_get_root (parser), sink, error);
}

/* The whole of bytes as one JSON document: an object, or an array of
 * objects, each a record as a JSONL line holds. FALSE with error set when
 * the bytes are not one JSON document. */
static gboolean
import_document (const char *source, const char *data, gsize len, const DgImportSink *sink,
                 GError **error)
{
  if (len > JSONL_MAX_LINE)
    {
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                   "%" G_GSIZE_FORMAT " bytes is over the limit of %u MiB for one JSON document "
                   "(write one record a line, JSONL)", len, (guint) (JSONL_MAX_LINE / (1024 * 1024)));
      return FALSE;
    }
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, error))
    return FALSE;
  JsonNode *root = json_parser_get_root (parser);
  if (root && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *a = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *where = g_strdup_printf ("%s[%u]", source, i);
          GError *local = NULL;
          if (!import_record (where, json_array_get_element (a, i), sink, &local))
            {
              GError *e = g_error_new (DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE, "%s: item %u: %s",
                                       source, i, local->message);
              g_error_free (local);
              if (sink->error)
                sink->error (e, sink->user_data);
              g_error_free (e);
            }
        }
      return TRUE;
    }
  return import_record (source, root, sink, error);
}

gboolean
dg_import_json (const char *source, GBytes *bytes, const DgImportSink *sink, GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  return import_document (source, data, len, sink, error);
}

gboolean
dg_bytes_look_like_json (GBytes *bytes, gboolean *lines)
{
  gsize len;
  const char *p = g_bytes_get_data (bytes, &len), *stop = p + len;
  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < stop && g_ascii_isspace (*p))
    p++;
  if (p == stop || (*p != '{' && *p != '['))
    return FALSE;
  /* The first line first: it is bounded, and a JSONL file of gigabytes is
   * not parsed whole to tell what it is. */
  gsize rest = (gsize) (stop - p);
  const char *nl = memchr (p, '\n', MIN (rest, JSONL_MAX_LINE + 1));
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  if (nl && memchr (p, '\0', (gsize) (nl - p)) == NULL
      && json_parser_load_from_data (parser, p, nl - p, NULL))
    {
      *lines = TRUE;
      return TRUE;
    }
  if (rest <= JSONL_MAX_LINE && memchr (p, '\0', rest) == NULL
      && json_parser_load_from_data (parser, p, (gssize) rest, NULL))
    {
      *lines = FALSE;
      return TRUE;
    }
  return FALSE;
}

gboolean
dg_import_jsonl (const char *source, GBytes *bytes, const DgImportSink *sink, GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  /* A pretty-printed document (an export, an extract without --format
   * jsonl) is one JSON value over many lines: read it whole, not as a
   * thousand broken lines. */
  gboolean lines = TRUE;
  if (dg_bytes_look_like_json (bytes, &lines) && !lines)
    return import_document (source, data, len, sink, error);
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
