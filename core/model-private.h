/* model-private.h: the layout of the model types, for code inside
 * libdocgraph (importers, store, exporters). Outside the library use the
 * accessors of docgraph.h. */
#pragma once

#include "docgraph.h"

struct _DgArticle {
  gint ref_count;
  char *source;   /* path, "-" or URL the article came from */
  char *sha256;   /* hex sha256 of the bytes as read */
  char *title;    /* headline, or NULL */
  char *date;     /* ISO date of the article, or NULL */
  char *text;     /* decoded text (see dg_article_new) */
  gsize text_len; /* strlen (text) */
  char *fold_title; /* title folded for search, or NULL until dg_article_fold_search */
  char *fold_text;  /* text folded for search, or NULL until dg_article_fold_search */
};

/* Fills fold_title and fold_text (dg_text_fold_search of title and text)
 * when they are not yet: an import does it on the extracting thread, so that
 * the one writer does not. Not thread-safe for one article. */
void dg_article_fold_search (DgArticle *article);

struct _DgNode {
  DgNodeType type;
  char *key;          /* resolution key, unique per type in a graph */
  char *label;        /* display name, original spelling */
  JsonObject *attrs;  /* attributes, as in the extract contract */
  GArray *mentions;   /* DgSpan, in the order found */
  gint64 id;          /* store row id, 0 when not from the store */
  guint index;        /* position in DgGraph.nodes, kept by the graph */
};

struct _DgEdge {
  DgEdgeType type;
  DgNode *src;        /* borrowed from the graph */
  DgNode *dst;        /* borrowed from the graph */
  JsonObject *attrs;  /* "role" for member-of and attended */
  GArray *evidence;   /* DgSpan, in the order found */
  gint64 id;          /* store row id, 0 when not from the store */
};

struct _DgGraph {
  DgArticle *article;      /* owned reference, or NULL */
  GPtrArray *nodes;        /* DgNode, owned */
  GPtrArray *edges;        /* DgEdge, owned */
  GHashTable *node_index;  /* "type\x1fkey" → DgNode */
  GHashTable *edge_index;  /* "type\x1fsrc\x1fdst" → DgEdge */
  GHashTable *from_index;  /* "type\x1fsrc" → the first DgEdge of that type from src */
};

/* Interns a rule name so spans can point at it forever. */
const char *dg_rule_intern (const char *rule);

/* Merges attribute objects: arrays are unioned, other members of into win
 * unless absent, null or empty. */
void dg_json_object_merge (JsonObject *into, JsonObject *from);
