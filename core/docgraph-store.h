/* docgraph-store.h: the SQLite store. Included by docgraph.h; see its
 * ownership rule. */
#pragma once

#include <glib.h>

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

/* ----------------------------------------------------- merge and alias */

/* Folds node drop into node keep, for good: drop's edges, mentions and
 * node_facts move to keep (an edge that then repeats one of keep's merges
 * into it, roles and evidence together; one between keep and drop goes),
 * its attributes merge into keep's, its aliases become keep's, and its key
 * becomes an alias of keep (origin "merge"), so every later import that
 * finds drop's key lands on keep. Both must have one type. */
gboolean dg_store_merge_nodes (DgStore *store, gint64 keep, gint64 drop,
                               GError **error);

/* The keys an alias name gives a node: the keys the extractor gives that
 * name for the node's type, so that later imports resolve it to the node.
 *  - organization, official, event: dg_text_fold_key (name);
 *  - document, when name holds a code ("147-KH/TU", "Kế hoạch số 147 -
 *    KH/TU"): "doc:<code>@<issuer key>" for each organization the document
 *    is issued-by, or "doc:<code>@" when it has none, where <code> is the
 *    code in the key form (dg_text_fold_key, no spaces around "-" and "/");
 *  - document without a code: dg_text_fold_key (name).
 * (transfer full); NULL with error set when node is not there. */
GStrv dg_store_alias_keys (DgStore *store, gint64 node, const char *name,
                           GError **error);

/* Adds the keys of dg_store_alias_keys as aliases of node (origin "user"),
 * found by later imports, by dg_store_resolve_ref and by search. A key that
 * already means this node is skipped; one that is another node's key or
 * alias is DG_STORE_ERROR_INVALID (the message says to merge instead). */
gboolean dg_store_add_alias (DgStore *store, gint64 node, const char *name,
                             GError **error);

G_END_DECLS
