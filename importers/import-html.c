/* import-html.c: a saved news page, parsed by libxml2's HTML parser.
 *
 * A page of a party or government site is mostly furniture: menus, a
 * sidebar of other headlines ("Tin mới", "Đọc nhiều"), a footer with the
 * office's address, sometimes comments. The article body is found by
 * content scoring, as readability-style extractors do: every paragraph of
 * prose (long, with commas and full stops, few links) gives points to the
 * element that holds it and less to the ones above; class and id names
 * ("detail-content", "noidung", "sidebar", "tin-lien-quan"), <article> and
 * itemprop="articleBody" add or take points but never decide alone; an
 * element whose text is mostly links loses what it had. The element with
 * the best score, with those of its siblings that look like prose, is the
 * body.
 *
 * The headline is og:title or the page's heading nearest the body; the date
 * article:published_time, a <time>, or the dateline under the headline
 * ("Thứ hai, 18/08/2023 09:35"); the source the canonical URL or og:url.
 * The page is decoded by its BOM or <meta charset> (Windows-1252,
 * Windows-1258, TCVN3 through iconv); VNI, which no converter knows, is
 * refused. */
#include "importers-private.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <string.h>

/* Elements a real page has a few thousand of; past this many the page is
 * refused, which bounds the memory a hostile one can take. */
#define DG_HTML_MAX_ELEMENTS 500000u
/* Where a charset declaration must be: the HTML standard's prescan reads
 * the first 1024 bytes; saved pages put comments first, so read more. */
#define CHARSET_SCAN_BYTES 8192
/* A news article is tens of kilobytes; a page whose body is megabytes of
 * text is a dump, and extraction time grows faster than its length. */
#define DG_HTML_MAX_TEXT (2u * 1024u * 1024u)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* ----------------------------------------------------------- decoding */

/* What a declared charset becomes. */
typedef struct {
  const char *names;   /* '|'-separated names as pages write them, lower case */
  const char *iconv;   /* the iconv name; NULL: refused */
} Charset;

static const Charset charsets[] = {
  { "utf-8|utf8|unicode-1-1-utf-8", "UTF-8" },
  /* As the HTML standard says, Latin-1 and ASCII labels mean
   * Windows-1252. */
  { "windows-1252|cp1252|x-cp1252|iso-8859-1|iso8859-1|latin1|l1|us-ascii|ascii|"
    "iso_8859-1|cp819", "WINDOWS-1252" },
  { "windows-1258|cp1258|x-cp1258", "WINDOWS-1258" },
  /* TCVN3 (TCVN 5712:1993, the .VnTime fonts) is a subset of the VN1
   * table iconv knows. */
  { "tcvn|tcvn3|tcvn-3|tcvn5712|tcvn5712-1|tcvn-5712|tcvn5712-3|x-viet-tcvn|x-viet-tcvn5712",
    "TCVN5712-1" },
  { "vni|vni-windows|x-viet-vni|vni-win", NULL },
  { "utf-16le", "UTF-16LE" },
  { "utf-16be", "UTF-16BE" },
  { "utf-16", "UTF-16" },
  { "iso-8859-15|latin9", "ISO-8859-15" },
};

/* The charset a page declares in its first bytes: <meta charset=X> or
 * <meta http-equiv=Content-Type content="text/html; charset=X">.
 * (transfer full); NULL when none. */
static char *
declared_charset (const char *data, gsize len)
{
  static gsize once;
  static GRegex *re;
  if (g_once_init_enter (&once))
    {
      /* Raw: the bytes are not UTF-8 yet. */
      re = g_regex_new ("<meta\\b[^>]*?\\bcharset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_.:-]+)",
                        G_REGEX_CASELESS | G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
  g_autoptr (GMatchInfo) mi = NULL;
  if (!g_regex_match_full (re, data, MIN (len, CHARSET_SCAN_BYTES), 0, 0, &mi, NULL))
    return NULL;
  g_autofree char *name = g_match_info_fetch (mi, 1);
  return g_ascii_strdown (name, -1);
}

static const Charset *
charset_by_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_auto (GStrv) names = g_strsplit (charsets[i].names, "|", -1);
      if (g_strv_contains ((const char *const *) names, name))
        return &charsets[i];
    }
  return NULL;
}

/* The page as UTF-8 (a copy), by its BOM, else its declared charset, else
 * UTF-8. (transfer full) */
static char *
page_to_utf8 (const char *data, gsize len, gsize *out_len, GError **error)
{
  const char *from = NULL;
  g_autofree char *declared = NULL;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, len -= 3, from = "UTF-8";
  else if (len >= 2 && memcmp (data, "\xFF\xFE", 2) == 0)
    data += 2, len -= 2, from = "UTF-16LE";
  else if (len >= 2 && memcmp (data, "\xFE\xFF", 2) == 0)
    data += 2, len -= 2, from = "UTF-16BE";
  else if ((declared = declared_charset (data, len)))
    {
      const Charset *cs = charset_by_name (declared);
      if (cs && cs->iconv == NULL)
        {
          g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                       "the page is in the VNI encoding (charset “%s”), which docgraph "
                       "cannot decode: save it as UTF-8", declared);
          return NULL;
        }
      from = cs ? cs->iconv : declared;
    }
  if (from == NULL || g_ascii_strcasecmp (from, "UTF-8") == 0)
    {
      const char *end;
      if (!g_utf8_validate_len (data, len, &end))
        {
          g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_UTF8,
                       "byte %" G_GSIZE_FORMAT ": invalid UTF-8, and no <meta charset> "
                       "names another encoding", (gsize) (end - data));
          return NULL;
        }
      *out_len = len;
      return g_strndup (data, len);
    }
  GError *local = NULL;
  gsize read = 0;
  char *out = g_convert (data, len, "UTF-8", from, &read, out_len, &local);
  if (out == NULL)
    {
      if (g_error_matches (local, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
        g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                     "unknown charset “%s” in <meta charset>", declared ? declared : from);
      else
        g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_UTF8,
                     "byte %" G_GSIZE_FORMAT ": not valid %s, as the page's charset says",
                     read, from);
      g_error_free (local);
      return NULL;
    }
  return out;
}

/* ----------------------------------------------------------- parsing */

/* What the element counter of the parser keeps. */
typedef struct {
  guint elements;            /* start tags seen */
  startElementSAXFunc chain; /* libxml2's own handler, which builds the tree */
} ParseGuard;

static void
guarded_start_element (void *ctx, const xmlChar *name, const xmlChar **attrs)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseGuard *guard = ctxt->_private;
  if (++guard->elements > DG_HTML_MAX_ELEMENTS)
    {
      xmlStopParser (ctxt);
      return;
    }
  guard->chain (ctx, name, attrs);
}

static xmlDoc *
parse_page (const char *utf8, gsize len, GError **error)
{
  if (len > G_MAXINT)
    {
      g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_TOO_BIG, "the page is too big");
      return NULL;
    }
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE, "out of memory");
      return NULL;
    }
  ParseGuard guard = { 0, ctxt->sax->startElement };
  ctxt->_private = &guard;
  ctxt->sax->startElement = guarded_start_element;
  xmlDoc *doc = htmlCtxtReadMemory (ctxt, utf8, (int) len, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR
                                      | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
                                      | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC
                                      /* Unclosed <font> tags nest old pages
                                       * deeper than libxml2's default of
                                       * 256; the element limit bounds them. */
                                      | XML_PARSE_HUGE);
  htmlFreeParserCtxt (ctxt);
  if (guard.elements > DG_HTML_MAX_ELEMENTS)
    {
      if (doc)
        xmlFreeDoc (doc);
      g_set_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE,
                   "more than %u elements: not a news page", DG_HTML_MAX_ELEMENTS);
      return NULL;
    }
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      if (doc)
        xmlFreeDoc (doc);
      g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_EMPTY, "no HTML in the page");
      return NULL;
    }
  return doc;
}

/* ----------------------------------------------------------- the walk */

/* Element names, as libxml2 gives them (lower case). */
static const char *const skipped_elements[] = {
  "script", "style", "noscript", "template", "svg", "math", "iframe", "frame",
  "select", "option", "button", "textarea", "input", "object", "embed", "canvas",
  "nav", "footer", "aside", "map", "audio", "video", NULL,
};

static const char *const block_elements[] = {
  "p", "div", "br", "li", "ul", "ol", "dl", "dd", "dt", "h1", "h2", "h3", "h4",
  "h5", "h6", "tr", "td", "th", "table", "tbody", "thead", "caption", "section",
  "article", "header", "main", "blockquote", "figure", "figcaption", "hr", "pre",
  "address", "center", "form", "fieldset", "legend", "body", "html", "title", NULL,
};

/* Elements that hold paragraphs: text directly in them scores for them;
 * text of any other block scores for its parent. */
static const char *const container_elements[] = {
  "div", "section", "article", "main", "td", "body", "form", "center", "blockquote", NULL,
};

static gboolean
name_in (const char *const *list, const char *name)
{
  for (guint i = 0; list[i]; i++)
    if (strcmp (list[i], name) == 0)
      return TRUE;
  return FALSE;
}

/* One element of the page, in document (pre-order) order. */
typedef struct {
  xmlNode *node;     /* the element, borrowed from the document */
  guint parent;      /* index of the parent element; G_MAXUINT for the root */
  guint last;        /* index of the last element inside it (itself if none) */
  guint block;       /* index of the nearest block element, itself or above */
  gint neg;          /* index of the nearest element, itself or above, whose
                      * class or id says furniture; -1 for none */
  guint chars;       /* characters of text inside it */
  guint link_chars;  /* of which inside links */
  double score;      /* points from the paragraphs it holds */
  int weight;        /* points from its name, class, id and hints */
  gboolean block_el; /* a block element */
  gboolean has_blocks; /* a block element is among its children */
} Elem;

/* A line of text: what lies between two block boundaries. */
typedef struct {
  char *text;       /* white space squeezed */
  guint block;      /* index of the block element it is in */
  guint chars;      /* characters */
  guint link_chars; /* of which inside links */
  guint heading;    /* 1–6 inside <h1>–<h6>, else 0 */
  guint elem;       /* index of the heading element when heading */
} Line;

static void
line_clear (Line *line)
{
  g_free (line->text);
}

/* What the walk gathers. */
typedef struct {
  GArray *elems;       /* Elem, in document order */
  GArray *lines;       /* Line, in document order */
  GString *buf;        /* the line being gathered */
  guint buf_chars;     /* its characters */
  guint buf_link;      /* of which inside links */
  guint cur;           /* index of the element the walk is in; G_MAXUINT before the root */
  guint in_link;       /* <a> elements open */
  guint silent;        /* elements open whose text is no article text (<head>) */
  guint heading;       /* level of the open heading, 0 for none */
  guint heading_elem;  /* its index */
  char *title;         /* <title> */
  char *og_title;      /* og:title, twitter:title or itemprop=headline */
  char *meta_date;     /* the first date of a date meta tag, ISO */
  char *time_date;     /* the first <time datetime> or itemprop=datePublished */
  char *canonical;     /* <link rel=canonical> */
  char *og_url;        /* og:url */
} Walk;

static char *
attr (xmlNode *node, const char *name)
{
  xmlChar *v = xmlGetProp (node, (const xmlChar *) name);
  if (v == NULL)
    return NULL;
  char *s = g_strdup ((const char *) v);
  xmlFree (v);
  return s;
}

/* "2023-08-18T09:35:00+07:00", "2023-08-18", "18/08/2023 09:35" → ISO. */
static char *
parse_date (const char *s)
{
  if (s == NULL)
    return NULL;
  int y, m, d;
  while (*s == ' ')
    s++;
  if (sscanf (s, "%4d-%2d-%2d", &y, &m, &d) == 3)
    return dg_iso_date (y, m, d);
  if (sscanf (s, "%2d/%2d/%4d", &d, &m, &y) == 3)
    return dg_iso_date (y, m, d);
  return NULL;
}

static void
flush_line (Walk *w)
{
  if (w->buf->len && w->buf->str[w->buf->len - 1] == ' ')
    g_string_truncate (w->buf, w->buf->len - 1);
  if (w->buf->len && w->cur != G_MAXUINT)
    {
      Line line = {
        g_strdup (w->buf->str),
        g_array_index (w->elems, Elem, w->cur).block,
        w->buf_chars,
        w->buf_link,
        w->heading,
        w->heading_elem,
      };
      g_array_append_val (w->lines, line);
    }
  g_string_truncate (w->buf, 0);
  w->buf_chars = w->buf_link = 0;
}

/* Class and id words that say furniture or content, as Vietnamese portals
 * name them (slugs with or without dashes). */
static GRegex *
class_regex (gboolean negative)
{
  static gsize once;
  static GRegex *neg, *pos;
  if (g_once_init_enter (&once))
    {
      neg = g_regex_new (
        "comment|binh-?luan|footer|menu|\\bnav|sidebar|side-bar|widget|banner|advert|"
        "quang-?cao|\\bads?\\b|share|social|related|lien-?quan|tin-?khac|other|"
        "cung-?chuyen-?muc|xem-?nhieu|doc-?nhieu|tin-?moi|moi-?nhat|noi-?bat|tieu-?diem|"
        "breadcrumb|\\btags?\\b|keyword|tu-?khoa|login|search|tim-?kiem|copyright|"
        "lien-?ket|weblink|popup|poll|binh-?chon|counter|visitor|truy-?cap|thong-?ke|"
        "hotnews|most-?read|top-?news|box-?news|list-?news|danh-?sach",
        G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      pos = g_regex_new (
        "article|content|detail|chi-?tiet|noi-?dung|\\bbody|entry|\\bpost|story|\\btext|"
        "\\bmain|bai-?viet|ms-rtestate",
        G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
  return negative ? neg : pos;
}

/* Points an element gets for what it is called, before any text. */
static int
element_weight (xmlNode *node, const char *name, gboolean *negative)
{
  g_autofree char *cls = attr (node, "class");
  g_autofree char *id = attr (node, "id");
  g_autofree char *itemprop = attr (node, "itemprop");
  g_autofree char *names = g_strdup_printf ("%s %s", cls ? cls : "", id ? id : "");
  int weight = 0;
  *negative = FALSE;
  if (cls || id)
    {
      if (g_regex_match (class_regex (TRUE), names, 0, NULL))
        weight -= 25, *negative = TRUE;
      if (g_regex_match (class_regex (FALSE), names, 0, NULL))
        weight += 25;
    }
  /* The usual containers of an article body: hints, worth as much as a
   * good class name again. */
  if (strcmp (name, "article") == 0 || (itemprop && strstr (itemprop, "articleBody"))
      || strstr (names, "detail-content") || strstr (names, "content-detail")
      || strstr (names, "article-content") || strstr (names, "article-body")
      || strstr (names, "articleBody"))
    weight += 25;
  if (strcmp (name, "div") == 0)
    weight += 5;
  else if (strcmp (name, "td") == 0 || strcmp (name, "blockquote") == 0
           || strcmp (name, "pre") == 0)
    weight += 3;
  else if (strcmp (name, "li") == 0 || strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0
           || strcmp (name, "dl") == 0 || strcmp (name, "form") == 0)
    weight -= 3;
  return weight;
}

static gboolean
hidden (xmlNode *node)
{
  if (xmlHasProp (node, (const xmlChar *) "hidden"))
    return TRUE;
  g_autofree char *style = attr (node, "style");
  if (style == NULL)
    return FALSE;
  g_autofree char *squeezed = g_strdelimit (g_ascii_strdown (style, -1), " \t\n", ' ');
  GString *s = g_string_new (NULL);
  for (const char *p = squeezed; *p; p++)
    if (*p != ' ')
      g_string_append_c (s, *p);
  gboolean h = strstr (s->str, "display:none") || strstr (s->str, "visibility:hidden");
  g_string_free (s, TRUE);
  return h;
}

/* Reads what the head and microdata say: headline, date, URL. */
static void
read_meta (Walk *w, xmlNode *node, const char *name)
{
  if (strcmp (name, "meta") == 0)
    {
      g_autofree char *prop = attr (node, "property");
      g_autofree char *nm = attr (node, "name");
      g_autofree char *itemprop = attr (node, "itemprop");
      g_autofree char *content = attr (node, "content");
      if (content == NULL)
        return;
      const char *key = prop ? prop : nm ? nm : itemprop ? itemprop : "";
      g_autofree char *k = g_ascii_strdown (key, -1);
      if ((strcmp (k, "og:title") == 0 || strcmp (k, "twitter:title") == 0
           || strcmp (k, "headline") == 0)
          && w->og_title == NULL && *content)
        w->og_title = g_steal_pointer (&content);
      else if ((strcmp (k, "article:published_time") == 0 || strcmp (k, "pubdate") == 0
                || strcmp (k, "publishdate") == 0 || strcmp (k, "datepublished") == 0
                || strcmp (k, "dc.date.issued") == 0 || strcmp (k, "dc.date") == 0
                || strcmp (k, "date") == 0 || strcmp (k, "article:published")== 0)
               && w->meta_date == NULL)
        w->meta_date = parse_date (content);
      else if (strcmp (k, "og:url") == 0 && w->og_url == NULL)
        w->og_url = g_steal_pointer (&content);
    }
  else if (strcmp (name, "link") == 0 && w->canonical == NULL)
    {
      g_autofree char *rel = attr (node, "rel");
      if (rel && g_ascii_strcasecmp (rel, "canonical") == 0)
        w->canonical = attr (node, "href");
    }
  else if (strcmp (name, "time") == 0 && w->time_date == NULL)
    {
      g_autofree char *dt = attr (node, "datetime");
      w->time_date = parse_date (dt);
    }
}

static void
add_text (Walk *w, const char *text)
{
  if (w->silent || w->cur == G_MAXUINT)
    return;
  guint chars = 0;
  for (const char *p = text; *p;)
    {
      if ((guchar) *p < 0x80)
        {
          if (g_ascii_isspace (*p))
            {
              if (w->buf->len && w->buf->str[w->buf->len - 1] != ' ')
                g_string_append_c (w->buf, ' ');
            }
          else
            {
              g_string_append_c (w->buf, *p);
              chars++;
            }
          p++;
          continue;
        }
      gunichar c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (g_unichar_isspace (c) || c == 0xA0)
        {
          if (w->buf->len && w->buf->str[w->buf->len - 1] != ' ')
            g_string_append_c (w->buf, ' ');
          continue;
        }
      g_string_append_unichar (w->buf, c);
      chars++;
    }
  w->buf_chars += chars;
  Elem *e = &g_array_index (w->elems, Elem, w->cur);
  e->chars += chars;
  if (w->in_link)
    {
      w->buf_link += chars;
      e->link_chars += chars;
    }
}

/* Called when the walk enters an element; FALSE when its content is not to
 * be walked. */
static gboolean
enter (Walk *w, xmlNode *node)
{
  const char *name = (const char *) node->name;
  read_meta (w, node, name);
  if (strcmp (name, "title") == 0 && w->title == NULL)
    {
      xmlChar *t = xmlNodeGetContent (node);
      w->title = g_strdup (t ? (const char *) t : "");
      xmlFree (t);
      return FALSE;
    }
  if (name_in (skipped_elements, name) || hidden (node))
    return FALSE;
  gboolean block = name_in (block_elements, name);
  if (block)
    flush_line (w);
  if (strcmp (name, "br") == 0 || strcmp (name, "hr") == 0)
    return FALSE;
  gboolean negative;
  Elem e = { 0 };
  e.node = node;
  e.parent = w->cur;
  e.weight = element_weight (node, name, &negative);
  e.block_el = block;
  guint index = w->elems->len;
  const Elem *parent = w->cur == G_MAXUINT ? NULL : &g_array_index (w->elems, Elem, w->cur);
  e.block = block || parent == NULL ? index : parent->block;
  if (block && parent)
    g_array_index (w->elems, Elem, w->cur).has_blocks = TRUE;
  e.neg = negative ? (gint) index : parent ? parent->neg : -1;
  e.last = index;
  g_array_append_val (w->elems, e);
  node->_private = GUINT_TO_POINTER (index + 1);
  w->cur = index;
  if (strcmp (name, "head") == 0)
    w->silent++;
  else if (strcmp (name, "a") == 0)
    w->in_link++;
  else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0'
           && w->heading == 0)
    {
      w->heading = (guint) (name[1] - '0');
      w->heading_elem = index;
    }
  else if (g_ascii_strcasecmp (name, "span") == 0 || strcmp (name, "div") == 0)
    {
      /* itemprop="datePublished" on an element: its datetime or text. */
      g_autofree char *itemprop = attr (node, "itemprop");
      if (itemprop && g_ascii_strcasecmp (itemprop, "datePublished") == 0 && !w->time_date)
        {
          xmlChar *t = xmlNodeGetContent (node);
          w->time_date = parse_date ((const char *) t);
          xmlFree (t);
        }
    }
  return TRUE;
}

static void
leave (Walk *w, xmlNode *node)
{
  if (node->_private == NULL)
    return;
  guint index = GPOINTER_TO_UINT (node->_private) - 1;
  node->_private = NULL;
  Elem *e = &g_array_index (w->elems, Elem, index);
  const char *name = (const char *) node->name;
  if (e->block_el)
    flush_line (w);
  e->last = w->elems->len - 1;
  if (e->parent != G_MAXUINT)
    {
      Elem *p = &g_array_index (w->elems, Elem, e->parent);
      p->chars += e->chars;
      p->link_chars += e->link_chars;
    }
  w->cur = e->parent;
  if (strcmp (name, "head") == 0)
    w->silent--;
  else if (strcmp (name, "a") == 0)
    w->in_link--;
  else if (w->heading && w->heading_elem == index)
    w->heading = 0;
}

/* Visits every node without recursion: pages nest 100 000 deep. */
static void
walk_tree (Walk *w, xmlNode *root)
{
  xmlNode *n = root;
  while (n)
    {
      gboolean descend = FALSE;
      if (n->type == XML_ELEMENT_NODE)
        descend = enter (w, n);
      else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        add_text (w, (const char *) n->content);
      if (descend && n->children)
        {
          n = n->children;
          continue;
        }
      while (n)
        {
          if (n->type == XML_ELEMENT_NODE)
            leave (w, n);
          if (n == root)
            {
              n = NULL;
              break;
            }
          if (n->next)
            {
              n = n->next;
              break;
            }
          n = n->parent;
        }
    }
  flush_line (w);
}

/* ----------------------------------------------------------- scoring */

static guint
punctuation (const char *text)
{
  guint n = 0;
  /* Commas, semicolons and full stops that end a sentence: not the dots
   * of "0214.3840" or "laocai.gov.vn", nor the colons of "Địa chỉ:". */
  for (const char *p = text; *p; p++)
    if (*p == ',' || *p == ';' || (*p == '.' && (p[1] == ' ' || p[1] == '\0')))
      n++;
  return n;
}

static double
link_density (guint chars, guint link_chars)
{
  return chars ? (double) link_chars / chars : 0;
}

static gboolean
is_container (const Elem *e)
{
  return name_in (container_elements, (const char *) e->node->name);
}

/* Gives each paragraph's points to the element that holds it and, less,
 * to the two above. */
static void
score_lines (Walk *w)
{
  for (guint i = 0; i < w->lines->len; i++)
    {
      const Line *line = &g_array_index (w->lines, Line, i);
      double ld = link_density (line->chars, line->link_chars);
      if (line->heading || line->chars < 25 || ld >= 0.5)
        continue;
      double points = 1 + MIN (punctuation (line->text), 12u) + MIN (line->chars / 100.0, 3.0);
      points *= 1 - ld;
      guint target = line->block;
      const Elem *b = &g_array_index (w->elems, Elem, target);
      /* A <div> of nothing but text is a paragraph, as readability has it. */
      if ((!is_container (b) || !b->has_blocks) && b->parent != G_MAXUINT)
        target = b->parent;
      for (guint level = 0; level < 3 && target != G_MAXUINT; level++)
        {
          Elem *e = &g_array_index (w->elems, Elem, target);
          e->score += points / (level + 1);
          target = e->parent;
        }
    }
}

static double
final_score (const Elem *e)
{
  if (e->score <= 0)
    return 0;
  return (e->score + e->weight) * (1 - link_density (e->chars, e->link_chars));
}

static gboolean
inside (const Walk *w, guint index, guint root)
{
  const Elem *r = &g_array_index (w->elems, Elem, root);
  return index >= root && index <= r->last;
}

/* The body: the best-scored element, and siblings of it that look like
 * prose. Fills keep[] with the roots of what is kept. */
static GArray *
choose_body (Walk *w)
{
  GArray *keep = g_array_new (FALSE, FALSE, sizeof (guint));
  guint top = G_MAXUINT;
  double best = 0;
  for (guint i = 0; i < w->elems->len; i++)
    {
      double s = final_score (&g_array_index (w->elems, Elem, i));
      if (s > best)
        best = s, top = i;
    }
  if (top == G_MAXUINT)
    {
      /* No paragraph of prose at all: everything that is not furniture. */
      guint root = 0;
      g_array_append_val (keep, root);
      return keep;
    }
  const Elem *t = &g_array_index (w->elems, Elem, top);
  if (t->parent == G_MAXUINT)
    {
      g_array_append_val (keep, top);
      return keep;
    }
  double threshold = MAX (10.0, best * 0.2);
  for (guint i = t->parent + 1; i < w->elems->len;)
    {
      const Elem *s = &g_array_index (w->elems, Elem, i);
      if (s->parent != t->parent)
        break;
      gboolean take = i == top;
      if (!take && s->neg < (gint) t->parent + 1 && s->weight >= 0)
        take = final_score (s) >= threshold
               || (s->chars >= 80 && link_density (s->chars, s->link_chars) < 0.25);
      if (take)
        g_array_append_val (keep, i);
      i = s->last + 1;
    }
  return keep;
}

/* The root of keep[] a line is in, or G_MAXUINT. */
static guint
kept_root (const Walk *w, const GArray *keep, guint block)
{
  for (guint k = 0; k < keep->len; k++)
    if (inside (w, block, g_array_index (keep, guint, k)))
      return g_array_index (keep, guint, k);
  return G_MAXUINT;
}

/* Dropped inside the body: link lists ("Tin liên quan"), and what sits in
 * an element named as furniture (tags, share buttons) inside it. */
static gboolean
line_is_body (const Walk *w, const Line *line, guint root)
{
  const Elem *b = &g_array_index (w->elems, Elem, line->block);
  if (b->neg > (gint) root)
    return FALSE;
  return link_density (line->chars, line->link_chars) < 0.5;
}

/* Whether a heading is the page's <title> or og:title, or the start of
 * one ("Tên bài - Cổng thông tin điện tử tỉnh …"). */
static gboolean
names_the_page (const char *heading, const char *const *titles)
{
  for (guint i = 0; titles[i]; i++)
    if (*titles[i] && (g_str_has_prefix (titles[i], heading) || strcmp (titles[i], heading) == 0))
      return TRUE;
  return FALSE;
}

/* Headings that may be the headline: <h1>–<h3> of some length not in
 * furniture outside the body. One that the <title> or og:title names wins;
 * then the first inside the body, else the nearest before it. Returns the
 * line index or -1. */
static gint
choose_headline (const Walk *w, const GArray *keep, const char *const *titles)
{
  guint start = g_array_index (keep, guint, 0);
  gint before = -1, within = -1, named = -1;
  for (guint i = 0; i < w->lines->len; i++)
    {
      const Line *line = &g_array_index (w->lines, Line, i);
      if (line->heading == 0 || line->heading > 3 || line->chars < 10 || line->chars > 400)
        continue;
      const Elem *h = &g_array_index (w->elems, Elem, line->elem);
      gboolean in_body = kept_root (w, keep, line->elem) != G_MAXUINT;
      if (h->neg >= 0 && !inside (w, start, (guint) h->neg))
        continue;
      if (!in_body && link_density (line->chars, line->link_chars) >= 0.5 && line->heading > 1)
        continue;
      if (!in_body && line->elem > start)
        continue;
      if (names_the_page (line->text, titles) && (named < 0 || !in_body))
        named = (gint) i;
      if (in_body && within < 0)
        within = (gint) i;
      else if (!in_body)
        before = (gint) i;
    }
  return named >= 0 ? named : within >= 0 ? within : before;
}

static GRegex *
dateline_regex (void)
{
  static gsize once;
  static GRegex *re;
  if (g_once_init_enter (&once))
    {
      re = g_regex_new ("(?<!\\d)(?<d>\\d{1,2})[/.-](?<m>\\d{1,2})[/.-](?<y>(?:19|20)\\d{2})(?!\\d)",
                        G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
  return re;
}

/* The date of a short line ("Thứ hai, 18/08/2023 09:35", "Cập nhật:
 * 18/8/2023"), or NULL. (transfer full) */
static char *
dateline_date (const Line *line)
{
  if (line->chars > 100)
    return NULL;
  g_autoptr (GMatchInfo) mi = NULL;
  if (!g_regex_match (dateline_regex (), line->text, 0, &mi))
    return NULL;
  g_autofree char *d = g_match_info_fetch_named (mi, "d");
  g_autofree char *m = g_match_info_fetch_named (mi, "m");
  g_autofree char *y = g_match_info_fetch_named (mi, "y");
  return dg_iso_date (atoi (y), atoi (m), atoi (d));
}

static gboolean
is_web_url (const char *url)
{
  if (url == NULL || strlen (url) > 2048)
    return FALSE;
  if (g_ascii_strncasecmp (url, "http://", 7) != 0 && g_ascii_strncasecmp (url, "https://", 8) != 0)
    return FALSE;
  for (const char *p = url; *p; p++)
    if ((guchar) *p <= ' ')
      return FALSE;
  return TRUE;
}

/* Cuts " - Site name" or " | Site name" off a <title> or og:title. */
static char *
title_without_site (const char *title)
{
  g_autofree char *t = dg_text_squeeze (title, -1);
  static const char *const seps[] = { " | ", " - ", " – ", " :: ", NULL };
  for (guint i = 0; seps[i]; i++)
    {
      const char *cut = g_strrstr (t, seps[i]);
      if (cut && cut - t >= 20)
        return g_strndup (t, cut - t);
    }
  return g_steal_pointer (&t);
}

void
dg_html_page_free (DgHtmlPage *page)
{
  if (page == NULL)
    return;
  g_free (page->title);
  g_free (page->date);
  g_free (page->url);
  g_free (page->text);
  g_free (page);
}

DgHtmlPage *
dg_html_read (const char *bytes, gsize len, GError **error)
{
  if (len > DG_HTML_MAX_BYTES)
    {
      g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_TOO_BIG,
                   "%" G_GSIZE_FORMAT " bytes is over the limit of %u MiB for one page", len,
                   DG_HTML_MAX_BYTES / (1024u * 1024u));
      return NULL;
    }
  if (memchr (bytes, '\0', len) && !(len >= 2 && (bytes[0] == '\xFF' || bytes[0] == '\xFE')))
    {
      g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_BINARY,
                   "byte %" G_GSIZE_FORMAT ": NUL byte, not an HTML page",
                   (gsize) ((const char *) memchr (bytes, '\0', len) - bytes));
      return NULL;
    }
  gsize utf8_len = 0;
  g_autofree char *utf8 = page_to_utf8 (bytes, len, &utf8_len, error);
  if (utf8 == NULL)
    return NULL;
  if (memchr (utf8, '\0', utf8_len))
    {
      g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_BINARY, "NUL character in the page");
      return NULL;
    }
  g_autoptr (xmlDoc) doc = parse_page (utf8, utf8_len, error);
  if (doc == NULL)
    return NULL;

  Walk w = { 0 };
  w.elems = g_array_new (FALSE, FALSE, sizeof (Elem));
  w.lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_array_set_clear_func (w.lines, (GDestroyNotify) line_clear);
  w.buf = g_string_new (NULL);
  w.cur = G_MAXUINT;
  walk_tree (&w, xmlDocGetRootElement (doc));
  score_lines (&w);

  DgHtmlPage *page = g_new0 (DgHtmlPage, 1);
  GString *text = g_string_new (NULL);
  if (w.elems->len)
    {
      g_autoptr (GArray) keep = choose_body (&w);
      g_autofree char *short_title = w.title ? title_without_site (w.title) : NULL;
      g_autofree char *og = w.og_title ? dg_text_squeeze (w.og_title, -1) : NULL;
      g_autofree char *full_title = w.title ? dg_text_squeeze (w.title, -1) : NULL;
      const char *titles[] = { og ? og : "", full_title ? full_title : "", NULL };
      gint headline = choose_headline (&w, keep, titles);
      /* No heading: the line of the page that is its <title>, when there
       * is one (a headline set in <font><b>). */
      for (guint i = 0; headline < 0 && short_title && i < w.lines->len; i++)
        if (strcmp (g_array_index (w.lines, Line, i).text, short_title) == 0)
          headline = (gint) i;
      /* The dateline: below the headline, before the end of the body;
       * else just above the headline. */
      guint from = headline >= 0 ? (guint) headline : 0;
      guint body_start = g_array_index (keep, guint, 0);
      gint date_line = -1;
      for (guint i = from; i < w.lines->len && page->date == NULL; i++)
        {
          const Line *line = &g_array_index (w.lines, Line, i);
          if (kept_root (&w, keep, line->block) != G_MAXUINT || line->block < body_start)
            if ((page->date = dateline_date (line)))
              date_line = (gint) i;
        }
      for (guint i = from >= 3 ? from - 3 : 0; i < from && page->date == NULL; i++)
        if ((page->date = dateline_date (&g_array_index (w.lines, Line, i))))
          date_line = (gint) i;
      const char *heading = headline >= 0 ? g_array_index (w.lines, Line, headline).text : NULL;
      if (heading)
        g_string_append_printf (text, "%s\n", heading);
      for (guint i = 0; i < w.lines->len; i++)
        {
          const Line *line = &g_array_index (w.lines, Line, i);
          guint root = kept_root (&w, keep, line->block);
          /* "Thứ Hai, 02-10-2023, 20:15 Thanh Hà" is no article text. */
          if ((gint) i == date_line && line->chars <= 60)
            continue;
          if (root == G_MAXUINT || (gint) i == headline || !line_is_body (&w, line, root))
            continue;
          g_string_append_printf (text, "%s\n", line->text);
        }
      /* og:title when the page has none of its own, or when the page's
       * heading is not the one og:title names. */
      if (og && *og && (heading == NULL || strstr (og, heading) == NULL))
        page->title = g_strdup (og);
      else if (heading)
        page->title = g_strdup (heading);
      else if (short_title && *short_title)
        page->title = g_steal_pointer (&short_title);
    }
  if (w.meta_date || w.time_date)
    {
      g_free (page->date);
      page->date = g_strdup (w.meta_date ? w.meta_date : w.time_date);
    }
  page->url = g_strdup (is_web_url (w.canonical) ? w.canonical
                        : is_web_url (w.og_url) ? w.og_url : NULL);
  page->text = g_string_free (text, FALSE);
  if (strlen (page->text) > DG_HTML_MAX_TEXT)
    {
      g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_TOO_BIG,
                   "the body of the page is %" G_GSIZE_FORMAT " bytes of text, over the "
                   "limit of %u MiB for one article from a page",
                   strlen (page->text), DG_HTML_MAX_TEXT / (1024u * 1024u));
      g_clear_pointer (&page, dg_html_page_free);
    }

  g_array_free (w.elems, TRUE);
  g_array_free (w.lines, TRUE);
  g_string_free (w.buf, TRUE);
  g_free (w.title);
  g_free (w.og_title);
  g_free (w.meta_date);
  g_free (w.time_date);
  g_free (w.canonical);
  g_free (w.og_url);
  return page;
}

DgArticle *
dg_article_from_html (const char *source, const char *bytes, gsize len,
                      const char *source_hint, const char *title_hint,
                      const char *date_hint, GError **error)
{
  g_autoptr (DgHtmlPage) page = dg_html_read (bytes, len, error);
  if (page == NULL)
    return NULL;
  /* Decoding again normalises what entities brought back (no-break spaces,
   * zero-width characters) and composes to NFC. */
  g_autofree char *clean = dg_text_decode (page->text, strlen (page->text), error);
  if (clean == NULL)
    return NULL;
  g_autofree char *sha = dg_sha256_hex (bytes, len);
  const char *src = source_hint && *source_hint ? source_hint : page->url ? page->url : source;
  return dg_article_from_decoded (src, sha, clean,
                                  title_hint && *title_hint ? title_hint : page->title,
                                  date_hint && *date_hint ? date_hint : page->date, error);
}

gboolean
dg_import_html (const char *source, GBytes *bytes, const DgImportSink *sink, GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr (DgArticle) article
    = dg_article_from_html (source, data ? data : "", len, NULL, NULL, NULL, error);
  if (article == NULL)
    return FALSE;
  sink->article (article, NULL, sink->user_data);
  return TRUE;
}
