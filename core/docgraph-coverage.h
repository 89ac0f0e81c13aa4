/* docgraph-coverage.h: the 2025 merger of provinces as data, the lineage
 * of organizations it makes (merged-into edges), and the questions it
 * serves: which provinces (districts, communes) carried a document out, how
 * late, and what one organization issued and organized over time.
 * Included by docgraph.h; see its ownership rule. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "docgraph-store.h"
#include "docgraph-views.h"

G_BEGIN_DECLS

/* ------------------------------------------- provinces and the merger */

/* One of the 63 provinces of before 2025-07-01, a row of
 * data/province-mergers.tsv. Strings live as long as the process. */
typedef struct {
  const char *name;       /* as in provinces.tsv: "Hà Giang" */
  const char *became;     /* the one of the 34 it is part of from effective:
                           * "Tuyên Quang"; its own name when kept whole */
  const char *effective;  /* ISO date the new province works from */
  const char *resolution; /* the resolution that made it: "202/2025/QH15" */
  const char *region;     /* the region it is drawn in */
} DgProvinceMerger;

/* The rows of data/province-mergers.tsv (and of the file of that name in
 * $DOCGRAPH_DATA_DIR, whose rows replace built-in rows of the same old
 * province), in drawing order. (transfer none): DgProvinceMerger. */
GPtrArray *dg_province_mergers (void);
/* The 34 provinces of today, or with before_2025 the 63 of before, in
 * drawing order (regions north to south). (transfer none) */
const char *const *dg_provinces (gboolean before_2025);
/* The row of one of the 63, by name or alias (any case and tone
 * placement); NULL when name is none. (transfer none) */
const DgProvinceMerger *dg_province_merger (const char *name);
/* The canonical name of a province (one of the 63 or the 34) that name or
 * one of its aliases means, or NULL. (transfer none) */
const char *dg_province_canonical (const char *name);
/* TRUE when name is one of the 34. */
gboolean dg_province_is_current (const char *name);
/* The old provinces one of the 34 was formed from, in drawing order;
 * NULL when name is not one of the 34. (transfer full) */
char **dg_province_formed_from (const char *name);
/* The region a province of either list is drawn in. (transfer none) */
const char *dg_province_region (const char *name);
/* The province an organization's resolution key ends in ("ban thường vụ
 * tỉnh ủy hà giang" → "Hà Giang"), the longest that fits, or NULL.
 * (transfer none) */
const char *dg_province_of_key (const char *key);
/* The date the 34 took over: the effective date of the table's rows
 * ("2025-07-01"). (transfer none) */
const char *dg_merger_date (void);

/* ------------------------------------------------------------ lineage */

/* Derives the store's merged-into edges: for every province-level
 * organization whose key ends in one of the old provinces that merged into
 * another (Tỉnh ủy Hà Giang), when the organization of the same key with
 * the new province (Tỉnh ủy Tuyên Quang) is in the store too, an edge old →
 * new with attrs {"derived": "province-mergers.tsv", "effective",
 * "resolution"}. Derived edges that no longer follow from the table and the
 * store are removed; others are kept. Idempotent; one transaction. *added
 * and *removed (may be NULL) count the changes. */
gboolean dg_store_derive_lineage (DgStore *store, guint *added, guint *removed,
                                  GError **error);

/* What the merger says of an organization or a province name: "Hà Giang
 * merged into Tuyên Quang on 2025-07-01 (Nghị quyết 202/2025/QH15)" or
 * "Tuyên Quang was formed on 2025-07-01 from Hà Giang and Tuyên Quang
 * (Nghị quyết 202/2025/QH15)"; NULL when the province was kept whole or
 * none is named. key is an organization key or a province name.
 * (transfer full) */
char *dg_lineage_describe (const char *key);

/* dg_lineage_describe of an organization of the store, by id; NULL for a
 * node that is not an organization, or whose province the merger left
 * whole. (transfer full) */
char *dg_store_lineage (DgStore *store, gint64 node);

/* What `show` says of a province named by itself ("Hà Giang", "TP.HCM")
 * when no node has that name: which list it is in, what it became or was
 * formed from, and the organizations of the store whose key ends in it.
 * DG_STORE_ERROR_NOT_FOUND when name is no province. (transfer full) */
char *dg_province_render (DgStore *store, const char *name,
                          DgOutputFormat format, guint width, GError **error);

/* ----------------------------------------------------------- coverage */

typedef enum {
  DG_COVERAGE_PROVINCE, /* the 34 provinces (or the 63) */
  DG_COVERAGE_DISTRICT, /* the districts the store knows of the province */
  DG_COVERAGE_COMMUNE   /* the communes the store knows */
} DgCoverageLevel;

/* Parses "province", "district", "commune"; FALSE for anything else. */
gboolean dg_coverage_level_parse (const char *name, DgCoverageLevel *out);

/* How late a unit was, for colours and counts. */
typedef enum {
  DG_LAG_NONE,    /* no implementing document */
  DG_LAG_30,      /* within 30 days (or before the document's date) */
  DG_LAG_90,      /* within 90 days */
  DG_LAG_LATER,   /* later than that */
  DG_LAG_UNKNOWN, /* a document, but a date missing on one side */
  DG_LAG_N_CLASSES
} DgLagClass;

/* Words for a class: "none", "≤ 30 days", … (transfer none) */
const char *dg_lag_class_name (DgLagClass lag);

/* What dg_store_coverage answers. Zero-initialise and set. */
typedef struct {
  gint64 root;           /* the document (nodes.id) */
  DgCoverageLevel level; /* the units */
  const char *as_of;     /* only documents dated (or, undated, reported in
                          * an article dated) on or before this
                          * YYYY-MM-DD; NULL for all. Before the merger date
                          * it also makes the units the 63. */
  gboolean before_2025;  /* province level: the 63 provinces */
} DgCoverageQuery;

/* One implementing document of a unit. */
typedef struct {
  DgNodeRow node;    /* the document */
  guint depth;       /* steps below the root in the implements tree */
  gint64 parent;     /* the document it implements on the way to the root */
  int lag;           /* days after the root's date; valid when has_lag */
  gboolean has_lag;  /* both dates are whole days */
  char *province;    /* the province its issuer names, as it named it */
  char *via;         /* why it counts here when it is not the unit's own
                      * name: "as Tuyên Quang" (a plan of the new province
                      * for one of the old), "as Hà Giang" (a plan of the
                      * old province for the new); NULL otherwise */
  gint64 article;    /* the article that gives the implements edge */
  char *source;      /* its source */
  guint offset;      /* byte offset of the evidence in it */
} DgCoverageDoc;

/* One unit: a province, a district, a commune. */
typedef struct {
  char *name;        /* "Tuyên Quang", "huyện Nam Đàn" */
  char *note;        /* province level: "Hà Giang + Tuyên Quang" (formed
                      * from), "→ Tuyên Quang" (merged into); or NULL */
  char *region;      /* province level: region drawn in; else NULL */
  GPtrArray *docs;   /* DgCoverageDoc, earliest first; empty when none */
  DgLagClass lag;    /* the class of the first document */
} DgCoverageUnit;

/* The answer. */
typedef struct {
  DgNodeRow root;        /* the document asked about */
  DgCoverageLevel level; /* units' level */
  gboolean before_2025;  /* province units are the 63 */
  char *as_of;           /* the as-of date, or NULL */
  char *scope;           /* district, commune level: the province the units
                          * are in, when known; NULL otherwise */
  GPtrArray *units;      /* DgCoverageUnit, drawing order (provinces) or
                          * by name (districts, communes) */
  GPtrArray *unplaced;   /* DgCoverageDoc of the level whose unit is not
                          * known (an issuer without a place) */
  guint n_covered;       /* units with a document */
  guint n_lag;           /* covered units whose first lag is known */
  double median_lag;     /* median of those lags, days; valid when n_lag */
  guint counts[DG_LAG_N_CLASSES]; /* units by class */
} DgCoverage;

void dg_coverage_free (DgCoverage *coverage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgCoverage, dg_coverage_free)

/* Every unit of the level with the documents of the implements tree under
 * root (through every intermediate level) that its organizations issued,
 * each with its lag. DG_STORE_ERROR_INVALID for a bad as_of.
 * (transfer full) */
DgCoverage *dg_store_coverage (DgStore *store, const DgCoverageQuery *query,
                               GError **error);
/* (transfer full) */
JsonNode *dg_coverage_to_json (DgCoverage *coverage);
/* CSV (RFC 4180), one line per unit and document, a header first.
 * (transfer full) */
char *dg_coverage_to_csv (DgCoverage *coverage);
/* The table with the summary line ("3 of 34 provinces, median lag 41
 * days"), the JSON, or (DG_FORMAT_TSV) the table alone as tab-separated
 * values. (transfer full) */
char *dg_coverage_render (DgCoverage *coverage, DgOutputFormat format,
                          guint width);
/* The summary line, without a line end. (transfer full) */
char *dg_coverage_summary (DgCoverage *coverage);

/* The coverage view of `export --view coverage --root DOC`: DOC (with
 * attrs coverage_summary, coverage_units "34" or "63", as_of) and one
 * organization node per province (key "unit:<name>", attrs lag, lag_class,
 * order, region, note, documents, and of its first document: document,
 * document_id, document_date, document_issuer, days, via). query->until is
 * the as-of date. No edges: what a province issued is in its attributes.
 * (transfer full) */
DgGraph *dg_view_coverage (DgStore *store, const DgViewQuery *query,
                           GError **error);

/* Removes the documents and events of graph whose date is not within since
 * and until (dg_date_within; undated ones go too), all but the node whose
 * store id is keep, the edges that touch them, and the nodes left without
 * an edge by that (their issuers). Nothing when both bounds are NULL. */
void dg_graph_keep_dated (DgGraph *graph, const char *since, const char *until,
                          gint64 keep);

/* implements --since/--until: removes from rows (dg_store_implements, tree
 * order) the documents not dated within the bounds whose subtree holds
 * none that is, so that every document kept keeps its path to the root.
 * The root stays. */
void dg_implements_keep_dated (GPtrArray *rows, const char *since,
                               const char *until);

/* ----------------------------------------------------------- timeline */

/* One thing an organization did. */
typedef struct {
  DgNodeRow node;  /* the document issued or the event organized */
  char *month;     /* "2021-11", or NULL when undated */
  const char *what; /* "issued" or "organized" (static) */
} DgTimelineItem;

/* What org (and the bodies that are part of it, such as its Ban Thường
 * vụ) issued and organized, and what the organizations it merged into or
 * that merged into it did, dated first by date, then undated; since and
 * until (YYYY[-MM[-DD]], or NULL) bound the dates. (transfer full):
 * DgTimelineItem. */
GPtrArray *dg_store_timeline (DgStore *store, gint64 org, const char *since,
                              const char *until, GError **error);
/* By month (the month on the first row of each), and a count line; or
 * the JSON; or the table alone as TSV. (transfer full) */
char *dg_timeline_render (GPtrArray *items, DgOutputFormat format,
                          guint width);

/* A date bound as YYYY, YYYY-MM or YYYY-MM-DD: TRUE when date has one of
 * these shapes. */
gboolean dg_date_bound_valid (const char *date);
/* TRUE when the (possibly partial) date falls within since and until
 * (either NULL for no bound); an until of "2024" takes all of 2024.
 * Undated (NULL) is within only when both bounds are NULL. */
gboolean dg_date_within (const char *date, const char *since,
                         const char *until);

G_END_DECLS
