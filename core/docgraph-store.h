/* docgraph-store.h: the SQLite store. Included by docgraph.h; see its
 * ownership rule. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "docgraph-table.h"

G_BEGIN_DECLS

typedef struct _DgStore DgStore;

#define DG_STORE_ERROR (dg_store_error_quark ())
GQuark dg_store_error_quark (void);
typedef enum {
  DG_STORE_ERROR_OPEN,      /* the database cannot be opened or migrated */
  DG_STORE_ERROR_SQL,       /* SQLite said no; the message is sqlite3_errmsg */
  DG_STORE_ERROR_NOT_FOUND, /* no such node or document */
  DG_STORE_ERROR_AMBIGUOUS, /* the name fits several nodes */
  DG_STORE_ERROR_INVALID    /* bad argument from the user */
} DgStoreError;

/* Opens or creates the database at path and migrates it to the current
 * schema. (transfer full) */
DgStore *dg_store_open (const char *path, GError **error);
/* Opens the database at path like dg_store_open, but never creates one: a
 * path where there is no file is DG_STORE_ERROR_OPEN ("PATH: no database
 * there …"), so that a mistyped --db is an error, not an empty graph.
 * (transfer full) */
DgStore *dg_store_open_existing (const char *path, GError **error);
/* Opens an existing database for reading only (SQLITE_OPEN_READONLY and
 * query_only): nothing is created, migrated or written; a database of
 * another schema version is DG_STORE_ERROR_OPEN. For `serve`.
 * (transfer full) */
DgStore *dg_store_open_readonly (const char *path, GError **error);
void dg_store_free (DgStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgStore, dg_store_free)

/* Batches: one transaction for many articles. */
gboolean dg_store_begin (DgStore *store, GError **error);
gboolean dg_store_commit (DgStore *store, GError **error);
void dg_store_rollback (DgStore *store);

/* TRUE when an article with this sha256 is stored. */
gboolean dg_store_has_article (DgStore *store, const char *sha256,
                               gboolean *has, GError **error);
/* Stores an article and its graph, resolving nodes to existing ones by key
 * and alias. All or nothing: on error nothing of the article stays.
 * *added is FALSE when the article was already there (nothing changes).
 * Works inside or outside a batch. */
gboolean dg_store_add_article (DgStore *store, DgArticle *article,
                               DgGraph *graph, gboolean *added,
                               GError **error);

/* --------------------------------------------------------- looking up */

/* The form a document code is compared in: folded (no diacritics, đ → d,
 * lower case) with everything but letters, digits and "/" dropped, so that
 * "147-KH/TU", "147 - kh/tu" and "147–KH/TU" are all "147kh/tu".
 * (transfer full); NULL when code has no letter or digit. */
char *dg_store_code_key (const char *code);

/* Finds the node a user means by ref, trying in turn:
 *  1. a node id: "42" or "#42";
 *  2. a document code, spaces, dashes and case tolerant ("147 - kh/tu");
 *  3. an exact key, label or alias (also in the key form, dg_text_fold_key);
 *  4. the folded label or alias (dg_text_fold_search): "tinh uy lang son";
 *  5. folded words all found in one label or alias: "dinh trac" finds
 *     "Phan Đình Trạc" when no other node has both words.
 * The first step that finds anything decides. type is a DgNodeType, or -1
 * for any type. Returns the node id (> 0), or 0 with error set:
 * DG_STORE_ERROR_NOT_FOUND, whose message names the closest matches by edit
 * distance on folded codes and labels ("no document “12-KL/TU”; did you mean
 * 12-KL/TW (#3, Ban Chấp hành Trung ương)?"), or DG_STORE_ERROR_AMBIGUOUS,
 * whose message lists the candidates, one per line (id, type, label, issuer
 * for documents). */
gint64 dg_store_resolve_ref (DgStore *store, const char *ref,
                             int type /* DgNodeType or -1 for any */,
                             GError **error);

/* One line that names a node in messages: "#12 document Kế hoạch số
 * 90-KH/TU (Tỉnh ủy Hà Giang)", the issuers in brackets for documents.
 * (transfer full); NULL with DG_STORE_ERROR_NOT_FOUND when there is no such
 * node. */
char *dg_store_describe_node (DgStore *store, gint64 id, GError **error);

/* ----------------------------------------------------- merge and alias */

/* Folds node drop into node keep, for good: drop's edges, mentions and
 * node_facts move to keep (an edge that then repeats one of keep's merges
 * into it, roles and evidence together; one between keep and drop goes),
 * its attributes merge into keep's, its aliases become keep's, and its key
 * becomes an alias of keep (origin "merge"), so every later import that
 * finds drop's key lands on keep. Both must have one type. */
gboolean dg_store_merge_nodes (DgStore *store, gint64 keep, gint64 drop,
                               GError **error);

/* What a merge changes (or changed). */
typedef struct {
  gint64 keep;       /* the node kept */
  gint64 drop;       /* the node folded into it */
  char *keep_label;  /* dg_store_describe_node of keep, before the merge */
  char *drop_label;  /* the same of drop */
  guint moved;       /* edges of drop that become keep's */
  guint folded;      /* edges of drop that repeat one of keep's and join it */
  guint deleted;     /* edges between the two, which go */
  guint mentions;    /* evidence spans of drop that move to keep */
  guint facts;       /* articles whose facts of drop move to keep */
  guint aliases;     /* aliases of drop that become keep's */
  GPtrArray *lines;  /* char *: one line per edge, what befalls it
                      * ("moves    issued-by: #45 … → #232 …") */
  gint64 merge_id;   /* merges.id of the log row; 0 for a dry run */
} DgMergePlan;

void dg_merge_plan_free (DgMergePlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgMergePlan, dg_merge_plan_free)

/* dg_store_merge_nodes, and more: with dry_run nothing changes (the merge
 * runs in a savepoint that is rolled back); either way *plan (when not
 * NULL) says what moves. A merge that is not a dry run is logged in the
 * merges table with the rows as they were, for dg_store_unmerge.
 * *plan: (transfer full). */
gboolean dg_store_merge (DgStore *store, gint64 keep, gint64 drop, gboolean dry_run,
                         DgMergePlan **plan, GError **error);
/* The plan as `merge --dry-run` prints it. (transfer full) */
char *dg_merge_plan_render (const DgMergePlan *plan);

/* A merge of the log. */
typedef struct {
  gint64 id;         /* merges.id: what dg_store_unmerge takes */
  DgNodeType type;   /* the nodes' type */
  gint64 keep;       /* the node kept */
  gint64 drop;       /* the id the dropped node had (and has again after an unmerge) */
  char *keep_label;  /* labels at the time of the merge */
  char *drop_label;
  char *merged_at;   /* ISO timestamp */
  char *undone_at;   /* when it was taken back, or NULL */
} DgMergeRecord;

void dg_merge_record_free (DgMergeRecord *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgMergeRecord, dg_merge_record_free)

/* Every merge, oldest first. (transfer full): DgMergeRecord. */
GPtrArray *dg_store_merges (DgStore *store, GError **error);
/* Takes merge merge_id back (0: the last one not taken back): the dropped
 * node comes back with its id, key, label and attributes, its edges,
 * evidence, facts and aliases; its key no longer means keep. Evidence
 * later imports added to keep stays with keep. Refused
 * (DG_STORE_ERROR_INVALID) when it was taken back already or a later
 * merge changed the kept node (take that back first); NOT_FOUND when
 * there is no such merge. (transfer full): the record taken back. */
DgMergeRecord *dg_store_unmerge (DgStore *store, gint64 merge_id, GError **error);

/* The keys an alias name gives a node: the keys the extractor gives that
 * name for the node's type, so that later imports resolve it to the node.
 *  - organization, official, event: dg_text_fold_key (name);
 *  - document, when name holds a code ("147/KH-TU", "Kế hoạch số 147 -
 *    KH/TU"): the node's own key with its code replaced by that one, as
 *    the extractor writes codes in keys (dg_document_code_key: "doc:147/kh-tu@thành ủy hà
 *    nội#2023"), and the same without "#year"; for a document whose key
 *    holds no code, "doc:<code>@<issuer key>" for each issuer (or
 *    "doc:<code>" when it has none);
 *  - document without a code in name: dg_text_fold_key (name).
 * (transfer full); NULL with error set when node is not there. */
GStrv dg_store_alias_keys (DgStore *store, gint64 node, const char *name,
                           GError **error);

/* Adds the keys of dg_store_alias_keys as aliases of node (origin "user"),
 * found by later imports, by dg_store_resolve_ref and by search. A key that
 * already means this node is skipped; one that is another node's key or
 * alias is DG_STORE_ERROR_INVALID (the message says to merge instead). */
gboolean dg_store_add_alias (DgStore *store, gint64 node, const char *name,
                             GError **error);

/* -------------------------------------------------------------- queries
 *
 * Each query returns plain structures the caller owns and frees with the
 * function named beside them; _render turns them into what the commands
 * print (DG_FORMAT_TABLE fitted to width display columns, or DG_FORMAT_JSON),
 * _to_json into JSON. */

/* A node as the queries list it. Attributes not set are NULL. */
typedef struct {
  gint64 id;       /* nodes.id */
  DgNodeType type; /* its type */
  char *key;       /* resolution key */
  char *label;     /* display name */
  char *code;      /* documents: attrs.code as written */
  char *date;      /* documents, events: attrs.date (ISO, or --MM-DD) */
  char *level;     /* organizations, documents: attrs.level */
  char *title;     /* documents: attrs.title */
  char *by;        /* documents: issuers; events: organizers; officials:
                    * titles; organizations: what they are part of
                    * ("; "-separated labels) */
} DgNodeRow;

void dg_node_row_free (DgNodeRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgNodeRow, dg_node_row_free)
/* { "id", "type", "key", "label", and the attributes that are set }.
 * (transfer full) */
JsonNode *dg_node_row_to_json (const DgNodeRow *row);
/* How a node is named in one table cell: a document's code, else its
 * label. (transfer none) */
const char *dg_node_row_name (const DgNodeRow *row);

/* -- implements */

/* One document of an implements tree. */
typedef struct {
  DgNodeRow node;   /* the document */
  guint depth;      /* 0 for the root, 1 for what implements it directly … */
  gint64 parent;    /* the document above it in the tree; 0 for the root */
  gint64 article;   /* articles.id of the first article that gives the
                     * implements edge; 0 for the root */
  char *source;     /* that article's source, or NULL for the root */
  guint offset;     /* byte offset of the evidence in that article */
  const char *relation;  /* the edge type walked to it (static), NULL for the root */
} DgImplementsRow;

void dg_implements_row_free (DgImplementsRow *row);

/* The tree of documents that implement root (reverse: that root
 * implements, and what those implement, upwards), depth levels deep
 * (0: all), walking implements edges with a recursive query; a cycle is
 * never walked twice. Rows come in tree order: root first, each document
 * followed by its subtree, siblings by date then name. A document reached
 * by two paths appears under each. (transfer full): DgImplementsRow. */
GPtrArray *dg_store_implements (DgStore *store, gint64 root, gboolean reverse,
                                guint depth, GError **error);
/* The same tree along edges of any of types (implements, based-on,
 * amends, replaces, repeals, guides, cites …); each row says which. */
GPtrArray *dg_store_relation_tree (DgStore *store, gint64 root, gboolean reverse, guint depth,
                                   const DgEdgeType *types, guint n_types, GError **error);
/* (transfer full) */
JsonNode *dg_implements_to_json (GPtrArray *rows, gboolean reverse);
/* The tree drawn with ├─ └─ in a table, or the JSON. (transfer full) */
char *dg_implements_render (GPtrArray *rows, gboolean reverse,
                            DgOutputFormat format, guint width);

/* -- show */

/* The sentence of text around the byte span start…end: from the end of the
 * previous sentence (". ", "! ", "? " or a line end; "TP." and the like do
 * not end one) to the end of the one the span ends in, white space
 * squeezed; cut with "…" past 400 bytes on either side. (transfer full) */
char *dg_text_sentence_around (const char *text, gsize len, guint start,
                               guint end);

/* Where something was found, with the sentence that says it. */
typedef struct {
  gint64 article; /* articles.id */
  char *source;   /* the article's source */
  char *date;     /* the article's date, or NULL */
  guint start;    /* byte span of the evidence in the article text */
  guint end;
  char *sentence; /* dg_text_sentence_around the span */
} DgEvidence;

/* One value of an attribute, with the articles that gave it (node_facts). */
typedef struct {
  char *name;        /* attribute: "titles", "date", "code", … */
  char *value;       /* one value, as text (one title of several) */
  gint64 article;    /* the first article that gave it (by date) */
  char *source;      /* that article's source */
  char *date;        /* that article's date, or NULL */
  guint n_articles;  /* how many articles gave it */
} DgFact;

/* A key that also means the node. */
typedef struct {
  char *key;    /* aliases.key */
  char *name;   /* as the user or the merge wrote it */
  char *origin; /* "user" or "merge" */
} DgAlias;

/* An edge of the node shown. */
typedef struct {
  gint64 id;           /* edges.id */
  DgEdgeType type;     /* its type */
  gboolean outgoing;   /* TRUE: node → other; FALSE: other → node */
  DgNodeRow other;     /* the node at the other end */
  char *role;          /* member-of, attended: the roles, "; "-separated */
  GPtrArray *evidence; /* DgEvidence, the first max_evidence by date */
  guint n_evidence;    /* how much evidence there is in all */
} DgShowEdge;

/* Everything the store knows of one node. */
typedef struct {
  DgNodeRow node;      /* the node */
  char *attrs;         /* its merged attributes, JSON text */
  GPtrArray *facts;    /* DgFact, in the order first given */
  GPtrArray *aliases;  /* DgAlias */
  GPtrArray *edges;    /* DgShowEdge, by edge type, outgoing before
                        * incoming, then by the other node's name */
  GPtrArray *mentions; /* DgEvidence of the node itself, the first
                        * max_evidence by date */
  guint n_mentions;    /* how many mentions there are in all */
} DgShow;

/* Reads node id with its attributes and where they came from, aliases,
 * every edge in and out, and up to max_evidence supporting sentences for
 * each edge and for the node (G_MAXUINT: all). (transfer full) */
DgShow *dg_store_show (DgStore *store, gint64 id, guint max_evidence,
                       GError **error);
void dg_show_free (DgShow *show);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgShow, dg_show_free)
/* (transfer full) */
JsonNode *dg_show_to_json (DgShow *show);
/* The node, its attributes table, its edges grouped by type with their
 * sentences, or the JSON. (transfer full) */
char *dg_show_render (DgShow *show, DgOutputFormat format, guint width);

/* -- search */

typedef enum {
  DG_HIT_NODE,   /* a node whose label or alias has every word */
  DG_HIT_ARTICLE /* an article whose title or text has every word */
} DgHitKind;

/* One search result. */
typedef struct {
  DgHitKind kind;  /* what was found */
  gint64 id;       /* nodes.id or articles.id */
  DgNodeRow node;  /* nodes: the node; articles: all zero */
  char *source;    /* articles: the source */
  char *title;     /* articles: the headline, or NULL */
  char *date;      /* articles: the date, or NULL */
  char *snippet;   /* articles: the words of the text around the best match,
                    * as written; nodes: the alias that matched when the
                    * label does not hold every word, else NULL */
  double score;    /* bm25 (lower is better), comparable within a kind */
} DgSearchHit;

void dg_search_hit_free (DgSearchHit *hit);

/* Full-text search over node labels and aliases and article titles and
 * text, all folded (dg_text_fold_search: no diacritics, đ → d) as the
 * query is, so "tinh uy lang son" finds "Tỉnh ủy Lạng Sơn". Every word must
 * match; when nothing does, the last word is taken as a prefix. Up to limit
 * nodes, best first, then (when type is -1) up to limit articles, best
 * first. type is a DgNodeType or -1. (transfer full): DgSearchHit. */
GPtrArray *dg_store_search (DgStore *store, const char *text, int type,
                            guint limit, GError **error);
/* (transfer full) */
JsonNode *dg_search_to_json (GPtrArray *hits);
/* (transfer full) */
char *dg_search_render (GPtrArray *hits, DgOutputFormat format, guint width);

/* -- articles */

/* An article as `docgraph show a19` shows it. */
typedef struct {
  gint64 id;          /* articles.id, written "a<id>" */
  char *source;       /* path or URL */
  char *title;        /* or NULL */
  char *date;         /* ISO date, or NULL */
  char *sha256;       /* of its bytes */
  char *imported_at;  /* ISO timestamp */
  char *text;         /* the decoded text */
  GPtrArray *nodes;   /* DgNodeRow: the nodes it mentions, by type and name */
} DgArticleShow;

void dg_article_show_free (DgArticleShow *show);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgArticleShow, dg_article_show_free)
/* TRUE when ref is an article reference, "a19" (or "A19"), with *id set. */
gboolean dg_article_ref_parse (const char *ref, gint64 *id);
/* The article with this id; DG_STORE_ERROR_NOT_FOUND when none.
 * (transfer full) */
DgArticleShow *dg_store_show_article (DgStore *store, gint64 id, GError **error);
/* (transfer full) */
JsonNode *dg_article_show_to_json (const DgArticleShow *show);
/* Title, source, date, the nodes found in it, then the text.
 * (transfer full) */
char *dg_article_show_render (const DgArticleShow *show, DgOutputFormat format, guint width);

/* -- list */

/* What dg_store_list lists. */
typedef struct {
  DgNodeType type;    /* the type listed */
  gint64 related;     /* an organization id: only documents issued by it,
                       * events organized by it, officials members of it,
                       * organizations part of it; 0 for all */
  const char *level;  /* only nodes whose attrs.level is this, or NULL */
  const char *since;  /* only documents and events dated on or after this
                       * (YYYY, YYYY-MM or YYYY-MM-DD), or NULL */
  const char *until;  /* only those dated on or before this (an until of
                       * "2024" takes all of 2024), or NULL */
  guint limit;        /* most rows; 0 for all */
} DgListQuery;

/* Nodes of one type, dated ones first by date, then by name.
 * DG_STORE_ERROR_INVALID for a bad since or a since on a type without
 * dates. (transfer full): DgNodeRow. */
GPtrArray *dg_store_list (DgStore *store, const DgListQuery *query,
                          GError **error);
/* (transfer full) */
JsonNode *dg_list_to_json (GPtrArray *rows);
/* Columns chosen for the type. (transfer full) */
char *dg_list_render (GPtrArray *rows, DgNodeType type, DgOutputFormat format,
                      guint width);

/* -- stats */

/* Two nodes a person could merge. */
typedef struct {
  DgNodeType type;   /* type of both */
  gint64 keep;       /* the one with more mentions: docgraph merge keep drop */
  gint64 drop;
  char *keep_label;
  char *drop_label;
  const char *reason; /* why they look alike (static string) */
  guint distance;     /* how far apart: the edit distance of their folded
                       * names (0–2), or 3 for a name that is the other
                       * cut short, weaker evidence */
} DgDuplicate;

void dg_duplicate_free (DgDuplicate *dup);

/* Pairs of nodes of one type whose names nearly match: the same folded
 * name, an edit distance of 1 (names of 6 characters or more) or 2 (12 or
 * more) with the same digits, an organization name that is the only longer
 * name it begins, a document code given twice where an issuer is missing.
 * Compares neighbours in sorted order (of the names and of the names
 * reversed), not all pairs, so it is quick on many nodes. Closest first;
 * at most max (0: all); *total counts them all. (transfer full):
 * DgDuplicate. */
GPtrArray *dg_store_duplicates (DgStore *store, guint max, guint *total,
                                GError **error);

/* Counts and suspected duplicates. */
typedef struct {
  guint64 nodes[DG_NODE_N_TYPES]; /* nodes by type */
  guint64 edges[DG_EDGE_N_TYPES]; /* edges by type */
  guint64 articles;               /* articles stored */
  guint64 mentions;               /* evidence spans */
  guint64 aliases;                /* aliases, from users and merges */
  guint64 file_size;              /* bytes of the database and its WAL */
  GPtrArray *duplicates;          /* DgDuplicate, the closest first */
  guint n_duplicates;             /* all suspected duplicates */
} DgStats;

/* The number of nodes and of edges in the store. */
gboolean dg_store_count (DgStore *store, guint64 *nodes, guint64 *edges,
                         GError **error);

/* (transfer full) */
DgStats *dg_store_stats (DgStore *store, guint max_duplicates, GError **error);
void dg_stats_free (DgStats *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgStats, dg_stats_free)
/* (transfer full) */
JsonNode *dg_stats_to_json (DgStats *stats);
/* Counts, then each suspected duplicate as the merge command to run and
 * the two names. (transfer full) */
char *dg_stats_render (DgStats *stats, DgOutputFormat format, guint width);

G_END_DECLS
