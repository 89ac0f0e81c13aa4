/* importers-private.h: what the readers and extraction passes share. */
#pragma once

#include "model-private.h"
#include "data-private.h"

/* A reader: turns the bytes of one input into articles for the sink. */
typedef gboolean (*DgReadFunc) (const char *source, GBytes *bytes,
                                const DgImportSink *sink, GError **error);

typedef struct {
  const char *name;              /* --format name */
  const char *const *extensions; /* lower-case, without the dot; NULL-ended */
  DgReadFunc read;               /* the reader */
  gboolean named_only;           /* read in a folder walk only with --format:
                                  * folders hold other JSON (gold files,
                                  * settings) that is not articles */
} DgImporter;

gboolean dg_import_text (const char *source, GBytes *bytes,
                         const DgImportSink *sink, GError **error);
gboolean dg_import_html (const char *source, GBytes *bytes,
                         const DgImportSink *sink, GError **error);
gboolean dg_import_jsonl (const char *source, GBytes *bytes,
                          const DgImportSink *sink, GError **error);
/* The longest JSONL line read. */
#define DG_JSONL_MAX_LINE ((gsize) 96 * 1024 * 1024)
/* The JSONL lines of data[0, len), numbered from lineno + 1; returns the
 * number of the last line read. */
guint dg_import_jsonl_lines (const char *source, const char *data, gsize len, guint lineno,
                             const DgImportSink *sink);
gboolean dg_import_json (const char *source, GBytes *bytes,
                         const DgImportSink *sink, GError **error);
/* TRUE when bytes (after a BOM and white space) are one JSON document
 * (*lines FALSE) or begin with a line that is one (JSONL, *lines TRUE). */
gboolean dg_bytes_look_like_json (GBytes *bytes, gboolean *lines);

/* Pages over this size are refused before parsing. */
#define DG_HTML_MAX_BYTES (64u * 1024u * 1024u)

/* What dg_html_read finds in a page. */
typedef struct {
  char *title; /* the headline (og:title or the heading of the body), or NULL */
  char *date;  /* ISO date of the article, or NULL */
  char *url;   /* the canonical URL (or og:url) when absolute http(s), or NULL */
  char *text;  /* the headline, then the body, one line per block, UTF-8 */
} DgHtmlPage;

void dg_html_page_free (DgHtmlPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgHtmlPage, dg_html_page_free)

/* Parses the bytes of a page with libxml2 (decoded by BOM or <meta
 * charset>) and finds its body by content scoring, its headline, date and
 * URL. Any bytes are safe: a page that cannot be read is NULL with error
 * set. (transfer full) */
DgHtmlPage *dg_html_read (const char *bytes, gsize len, GError **error);

/* dg_html_read, then an article as dg_article_from_decoded makes it. Its
 * source is source_hint when given, else the page's URL when it gives one,
 * else source; title_hint and date_hint, when given, win over what the
 * page says. (transfer full) */
DgArticle *dg_article_from_html (const char *source, const char *bytes, gsize len,
                                 const char *source_hint, const char *title_hint,
                                 const char *date_hint, GError **error);

/* Builds an article from decoded text: furniture removed, headline and
 * dateline found; title_hint and date_hint, when given, win. */
DgArticle *dg_article_from_decoded (const char *source, const char *sha256,
                                    const char *decoded, const char *title_hint,
                                    const char *date_hint, GError **error);

/* "YYYY-MM-DD", or "--MM-DD" when y <= 0; NULL for an impossible date.
 * (transfer full) */
char *dg_iso_date (int y, int m, int d);
