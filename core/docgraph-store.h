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

G_END_DECLS
