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
} DgImporter;

gboolean dg_import_text (const char *source, GBytes *bytes,
                         const DgImportSink *sink, GError **error);
gboolean dg_import_html (const char *source, GBytes *bytes,
                         const DgImportSink *sink, GError **error);
gboolean dg_import_jsonl (const char *source, GBytes *bytes,
                          const DgImportSink *sink, GError **error);

/* Builds an article from decoded text: furniture removed, headline and
 * dateline found; title_hint and date_hint, when given, win. */
DgArticle *dg_article_from_decoded (const char *source, const char *sha256,
                                    const char *decoded, const char *title_hint,
                                    const char *date_hint, GError **error);

/* "YYYY-MM-DD", or "--MM-DD" when y <= 0; NULL for an impossible date.
 * (transfer full) */
char *dg_iso_date (int y, int m, int d);
