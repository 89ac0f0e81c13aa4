/* docgraph-export.h: views of the store and the formats they are written
 * in. Included by docgraph.h; see its ownership rule. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DG_EXPORT_ERROR (dg_export_error_quark ())
GQuark dg_export_error_quark (void);
typedef enum {
  DG_EXPORT_ERROR_FORMAT,  /* unknown format or view */
  DG_EXPORT_ERROR_RENDER,  /* Graphviz could not lay out or render */
  DG_EXPORT_ERROR_WRITE,   /* the output could not be written */
  DG_EXPORT_ERROR_TOO_BIG  /* the view is over the size limit */
} DgExportError;

G_END_DECLS
