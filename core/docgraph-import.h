/* docgraph-import.h: reading articles and extracting their graph.
 * Included by docgraph.h; see its ownership rule. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DgStore DgStore;

#define DG_IMPORT_ERROR (dg_import_error_quark ())
GQuark dg_import_error_quark (void);
typedef enum {
  DG_IMPORT_ERROR_READ,    /* the file could not be read */
  DG_IMPORT_ERROR_FORMAT,  /* no reader for the file, or unknown --format */
  DG_IMPORT_ERROR_PARSE    /* the reader could not make sense of the bytes */
} DgImportError;

/* Where a reader delivers what it reads. */
typedef struct {
  /* Called once per article read, in input order. graph is what the input
   * already carries (extract JSONL) or NULL when extraction must run; both
   * are borrowed for the call. Returns FALSE to stop reading. */
  gboolean (*article) (DgArticle *article, DgGraph *graph, gpointer user_data);
  /* Called for an input (a file, or a line of JSONL) that could not be read;
   * the message names the source and the reason. Reading goes on. */
  void (*error) (const GError *error, gpointer user_data);
  gpointer user_data;
  /* Where JSON article records keep their fields: "text=content,source=url,
   * date=published_at" (FIELD=NAME for text, html, source, title, date), or
   * NULL for the automatic names (docs: README, import). */
  const char *fields;
} DgImportSink;

/* Checks a field map for DgImportSink.fields; DG_IMPORT_ERROR_FORMAT with
 * the bad pair named when it is not FIELD=NAME,… */
gboolean dg_import_fields_check (const char *spec, GError **error);

/* Reads one input: a file, "-" for standard input, or a folder (walked
 * recursively, files in name order, hidden files skipped). format is a reader
 * name ("text", "html", "jsonl", "json") or NULL to choose by extension
 * (and, for a file of no known extension or standard input, by a look at
 * the bytes: JSON is read as JSON, never as article text). Per-file
 * errors go to sink->error; the return value is FALSE only when path itself
 * cannot be opened. */
gboolean dg_import_path (const char *path, const char *format,
                         const DgImportSink *sink, GError **error);
/* Reads bytes as one input of the given format (NULL: by the extension of
 * source). Returns FALSE and sets error when the bytes are unusable. */
gboolean dg_import_bytes (const char *source, GBytes *bytes,
                          const char *format, const DgImportSink *sink,
                          GError **error);
/* NULL-terminated list of reader names. (transfer none) */
const char *const *dg_import_formats (void);

/* Turns text-file bytes into an article: decoding (dg_text_decode), page
 * furniture removed, the headline as title, the date of the article when its
 * dateline gives one. (transfer full) */
DgArticle *dg_article_from_text (const char *source, const char *bytes,
                                 gsize len, GError **error);

/* Runs every extraction pass over an article. (transfer full) */
DgGraph *dg_extract (DgArticle *article);

/* What dg_import_run did. */
typedef struct {
  guint files;      /* inputs read */
  guint articles;   /* articles seen */
  guint added;      /* articles stored */
  guint unchanged;  /* articles already in the store (same sha256) */
  guint failed;     /* inputs or articles that gave an error */
  guint64 nodes;    /* nodes written (including existing ones touched) */
  guint64 edges;    /* edges written */
  guint64 new_nodes; /* nodes the store did not have before the run */
  guint64 new_edges; /* edges the store did not have before the run */
  guint64 bytes;    /* text bytes of the articles stored or found unchanged */
} DgImportStats;

typedef void (*DgImportProgress) (const DgImportStats *stats,
                                  const char *current, gpointer user_data);

/* Reads every path, extracts on all cores and stores the results in input
 * order, one transaction per batch. Errors of single inputs are reported
 * through on_error and counted in stats->failed; the return value is FALSE
 * only when the store itself fails. */
gboolean dg_import_run (DgStore *store, const char *const *paths,
                        const char *format, guint threads,
                        DgImportProgress progress,
                        void (*on_error) (const GError *error, gpointer user_data),
                        gpointer user_data, DgImportStats *stats,
                        GError **error);
/* dg_import_run with a field map for JSON records (DgImportSink.fields). */
gboolean dg_import_run_fields (DgStore *store, const char *const *paths,
                               const char *format, const char *fields,
                               guint threads, DgImportProgress progress,
                               void (*on_error) (const GError *error, gpointer user_data),
                               gpointer user_data, DgImportStats *stats,
                               GError **error);

G_END_DECLS
