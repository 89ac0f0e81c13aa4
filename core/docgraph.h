/* docgraph.h: the one public header of libdocgraph.
 *
 * Ownership, stated once and followed everywhere:
 *  - A function that returns a pointer says (transfer full) when the caller
 *    owns the result and frees it with the matching _free/_unref (or
 *    g_autoptr), and (transfer none) when the result belongs to the object it
 *    came from and lives as long as that object.
 *  - Strings passed in are copied when they are kept; the caller keeps its own.
 *  - Objects passed in are borrowed, unless the parameter says (transfer full).
 *
 * Errors: functions that can fail at run time take GError ** last, return
 * FALSE or NULL on failure and set the error exactly then.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* ---------------------------------------------------------------- model */

typedef enum {
  DG_NODE_ORGANIZATION, /* a party, state or mass organisation, or an office */
  DG_NODE_OFFICIAL,     /* a named person */
  DG_NODE_DOCUMENT,     /* a numbered or named document, or a work (book) */
  DG_NODE_EVENT,        /* a conference, meeting, ceremony, session */
  DG_NODE_N_TYPES
} DgNodeType;

typedef enum {
  DG_EDGE_ISSUED_BY,    /* document → organization */
  DG_EDGE_IMPLEMENTS,   /* document → document it carries out */
  DG_EDGE_CITES,        /* document → document it refers to */
  DG_EDGE_AUTHORED_BY,  /* document → official */
  DG_EDGE_ORGANIZED_BY, /* event → organization */
  DG_EDGE_ATTENDED,     /* official → event (role: chaired, presented, attended) */
  DG_EDGE_ABOUT,        /* event → document */
  DG_EDGE_MEMBER_OF,    /* official → organization (role: the position) */
  DG_EDGE_PART_OF,      /* organization → organization */
  /* The relations of state legal documents, document → document. */
  DG_EDGE_BASED_ON,     /* "căn cứ": the document it is made under */
  DG_EDGE_AMENDS,       /* "sửa đổi, bổ sung" */
  DG_EDGE_REPLACES,     /* "thay thế" */
  DG_EDGE_REPEALS,      /* "bãi bỏ", "hết hiệu lực" */
  DG_EDGE_GUIDES,       /* "hướng dẫn thi hành", "quy định chi tiết" */
  DG_EDGE_MERGED_INTO,  /* organization → the organization it became (2025 mergers) */
  DG_EDGE_N_TYPES
} DgEdgeType;

/* Names as in docs/extract-json.md ("organization", "issued-by").
 * (transfer none); NULL for an out-of-range value. */
const char *dg_node_type_name (DgNodeType type);
const char *dg_edge_type_name (DgEdgeType type);
/* Parses a name; FALSE when it is not one. */
gboolean dg_node_type_parse (const char *name, DgNodeType *out);
gboolean dg_edge_type_parse (const char *name, DgEdgeType *out);

/* Where a node or an edge was found: a byte span of the article text and the
 * rule that found it. */
typedef struct {
  guint start;      /* first byte of the span in DgArticle.text */
  guint end;        /* one past the last byte */
  const char *rule; /* interned rule name, e.g. "doc.code" (never freed) */
} DgSpan;

typedef struct _DgArticle DgArticle;
typedef struct _DgNode DgNode;
typedef struct _DgEdge DgEdge;
typedef struct _DgGraph DgGraph;

/* --------------------------------------------------------------- article */

/* A decoded article. text is valid UTF-8 in NFC with LF line ends, without
 * BOM, zero-width characters or page furniture; every span points into it.
 * source names where it came from (a path, "-" or a URL); sha256 is the hash
 * of the bytes as read, the identity used for idempotent import; title and
 * date may be NULL (date is ISO 8601). (transfer full) */
DgArticle *dg_article_new (const char *source, const char *sha256,
                           const char *title, const char *date,
                           const char *text);
DgArticle *dg_article_ref (DgArticle *article);
void dg_article_unref (DgArticle *article);
const char *dg_article_source (const DgArticle *article);
const char *dg_article_sha256 (const DgArticle *article);
const char *dg_article_title (const DgArticle *article);
const char *dg_article_date (const DgArticle *article);
const char *dg_article_text (const DgArticle *article);
gsize dg_article_text_len (const DgArticle *article);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgArticle, dg_article_unref)

/* ----------------------------------------------------------------- graph */

/* An in-memory graph: what extraction found in one article, or a view read
 * from the store. The graph owns its nodes and edges. article may be NULL. */
DgGraph *dg_graph_new (DgArticle *article);
void dg_graph_free (DgGraph *graph);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DgGraph, dg_graph_free)

/* (transfer none) */
DgArticle *dg_graph_article (const DgGraph *graph);

/* Adds a node, or returns the node that already has this type and key; the
 * label of an existing node is kept. key NULL means "use the folded label".
 * (transfer none) */
DgNode *dg_graph_add_node (DgGraph *graph, DgNodeType type, const char *key,
                           const char *label);
/* (transfer none); NULL when there is no such node. */
DgNode *dg_graph_find_node (const DgGraph *graph, DgNodeType type,
                            const char *key);
/* Adds an edge with its evidence, or returns the existing edge of the same
 * type between the same nodes after adding the evidence to it; a role (for
 * member-of and attended) is attrs.role, and further roles of the same edge
 * are listed in attrs.roles. NULL when src == dst. (transfer none) */
DgEdge *dg_graph_add_edge (DgGraph *graph, DgEdgeType type, DgNode *src,
                           DgNode *dst, const char *role, guint start,
                           guint end, const char *rule);
/* The first edge of type leaving src, or NULL. (transfer none) */
DgEdge *dg_graph_edge_from (const DgGraph *graph, DgEdgeType type,
                            const DgNode *src);
/* The edge of type from src to dst, or NULL. (transfer none) */
DgEdge *dg_graph_find_edge (const DgGraph *graph, DgEdgeType type,
                            const DgNode *src, const DgNode *dst);
/* Folds node drop into node keep: mentions, attributes and edges move over,
 * drop is freed. */
void dg_graph_merge_nodes (DgGraph *graph, DgNode *keep, DgNode *drop);
/* Removes a node and every edge that touches it. */
void dg_graph_remove_node (DgGraph *graph, DgNode *node);
/* Removes one edge. */
void dg_graph_remove_edge (DgGraph *graph, DgEdge *edge);

guint dg_graph_n_nodes (const DgGraph *graph);
guint dg_graph_n_edges (const DgGraph *graph);
/* (transfer none) */
DgNode *dg_graph_node (const DgGraph *graph, guint index);
DgEdge *dg_graph_edge (const DgGraph *graph, guint index);
/* Sorts nodes by (type, first mention, key) and edges by (type, src, dst),
 * so that output is stable. */
void dg_graph_sort (DgGraph *graph);

DgNodeType dg_node_type (const DgNode *node);
/* (transfer none) */
const char *dg_node_key (const DgNode *node);
const char *dg_node_label (const DgNode *node);
void dg_node_set_label (DgNode *node, const char *label);
void dg_node_set_key (DgGraph *graph, DgNode *node, const char *key);
/* Store row id of a node read from the store, 0 otherwise. */
gint64 dg_node_id (const DgNode *node);
void dg_node_set_id (DgNode *node, gint64 id);
/* The node's attributes as a JSON object. (transfer none) */
JsonObject *dg_node_attrs (DgNode *node);
/* Sets a string attribute; an existing value is kept unless replace. */
void dg_node_set_attr (DgNode *node, const char *name, const char *value,
                       gboolean replace);
/* (transfer none); NULL when absent or not a string. */
const char *dg_node_get_attr (const DgNode *node, const char *name);
/* Appends value to the string-array attribute name unless it is there. */
void dg_node_add_attr_item (DgNode *node, const char *name, const char *value);
void dg_node_add_mention (DgNode *node, guint start, guint end,
                          const char *rule);
guint dg_node_n_mentions (const DgNode *node);
/* (transfer none) */
const DgSpan *dg_node_mention (const DgNode *node, guint index);

DgEdgeType dg_edge_type (const DgEdge *edge);
/* (transfer none) */
DgNode *dg_edge_src (const DgEdge *edge);
DgNode *dg_edge_dst (const DgEdge *edge);
JsonObject *dg_edge_attrs (DgEdge *edge);
/* The role attribute of member-of and attended edges, or NULL. */
const char *dg_edge_role (const DgEdge *edge);
guint dg_edge_n_evidence (const DgEdge *edge);
const DgSpan *dg_edge_evidence (const DgEdge *edge, guint index);

/* The extract JSON contract (docs/extract-json.md). (transfer full) */
JsonNode *dg_graph_to_json (DgGraph *graph);
/* The same, and with edge_mentions every supporting span of an edge that
 * has several, as "mentions" (what `extract --format jsonl` prints, so that
 * importing it stores all the evidence). (transfer full) */
JsonNode *dg_graph_to_json_full (DgGraph *graph, gboolean edge_mentions);
/* Reads one extract JSON object back into a graph; the article is rebuilt
 * from its "article" member (text may be absent). (transfer full) */
DgGraph *dg_graph_from_json (JsonNode *root, GError **error);

/* ------------------------------------------------------------- text */

/* Decodes bytes to the article text form (see DgArticle): checks UTF-8 and
 * reports the byte offset of the first bad sequence, strips a BOM, turns CRLF
 * and CR into LF, drops zero-width characters and soft hyphens, turns
 * no-break and other spaces into a plain space, composes to NFC.
 * (transfer full) */
char *dg_text_decode (const char *bytes, gsize len, GError **error);
/* The key form: NFC, tone marks placed on the main vowel as in "ủy", "hòa",
 * lower case, white space collapsed, trimmed. Diacritics are kept.
 * (transfer full) */
char *dg_text_fold_key (const char *text, gssize len);
/* The search form: the key form without diacritics, đ → d, and punctuation
 * turned into spaces. (transfer full) */
char *dg_text_fold_search (const char *text, gssize len);
/* Moves tone marks to the main vowel of each syllable ("uỷ" → "ủy",
 * "hoà" → "hòa") keeping case and every other character. (transfer full) */
char *dg_text_canonical_tones (const char *text, gssize len);
/* Appends to out a word folded for matching: tone marks placed as by
 * dg_text_canonical_tones, lower case (simple case mapping, no
 * allocation). */
void dg_text_fold_word (const char *word, gsize len, GString *out);
/* Display width in terminal columns. */
gsize dg_text_display_width (const char *text);
/* Collapses runs of white space into one space and trims. (transfer full) */
char *dg_text_squeeze (const char *text, gssize len);

/* The form of a document code in resolution keys: diacritics dropped, đ →
 * d, lower case, no spaces, typographic dashes as "-": "100 - KL/TW" →
 * "100-kl/tw", "67-QĐ/TW" and "67-QD/TW" → "67-qd/tw". (transfer full) */
char *dg_document_code_key (const char *code);
/* The code with its central part written one way: "05-CT/TƯ", "05-CT/T.Ư"
 * → "05-CT/TW" ("TU", a provincial committee's, stays). (transfer full) */
char *dg_code_central (const char *code);

/* hex sha256 of bytes. (transfer full) */
char *dg_sha256_hex (const char *bytes, gsize len);

#define DG_TEXT_ERROR (dg_text_error_quark ())
GQuark dg_text_error_quark (void);
typedef enum {
  DG_TEXT_ERROR_UTF8,   /* not valid UTF-8; message names the byte offset */
  DG_TEXT_ERROR_EMPTY,  /* nothing but white space and furniture */
  DG_TEXT_ERROR_BINARY, /* NUL bytes or control characters: not text */
  DG_TEXT_ERROR_TOO_BIG /* over the size limit */
} DgTextError;

G_END_DECLS

#include "docgraph-import.h"
#include "docgraph-store.h"
#include "docgraph-export.h"
#include "docgraph-views.h"
#include "docgraph-coverage.h"
