/* export.c: the table of views and formats. */
#include "model-private.h"

G_DEFINE_QUARK (dg-export-error-quark, dg_export_error)
