/* data-private.h: the data tables (gazetteers and patterns) that rules read.
 * Each table is a TSV file under data/, compiled into the library; a user
 * adds rows by putting a file of the same name in $DOCGRAPH_DATA_DIR. */
#pragma once

#include <glib.h>

/* The rows of data/<name>: lines split at tabs, comments (#) and blank lines
 * skipped, the user's rows after the built-in ones. A user's line that is
 * not valid UTF-8, or has fewer fields than every built-in row has, is left
 * out with one line on stderr naming the file and the line. Loaded once per process
 * and never freed. (transfer none) */
GPtrArray *dg_data_table (const char *name);
/* The n-th field of a row, or "" when the row is shorter. (transfer none) */
const char *dg_data_field (GStrv row, guint n);
