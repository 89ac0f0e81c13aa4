/* testutil.h: small helpers shared by the test binaries. */
#pragma once

#include "docgraph.h"

/* Path of a file under tests/data. (transfer full) */
char *dg_test_data_path (const char *name);
/* Contents of a file under tests/data; aborts the test when missing.
 * (transfer full) */
char *dg_test_read_data (const char *name, gsize *len);
/* A fresh temporary directory, removed at exit. (transfer full) */
char *dg_test_tmpdir (void);
/* Extracts a graph from a Vietnamese text written in the test. (transfer full) */
DgGraph *dg_test_extract_text (const char *text);
/* The node of this type whose label is label, or NULL. (transfer none) */
DgNode *dg_test_find_label (DgGraph *graph, DgNodeType type, const char *label);
/* TRUE when the graph has an edge of type from the node labelled src to the
 * node labelled dst. */
gboolean dg_test_has_edge (DgGraph *graph, DgEdgeType type, const char *src,
                           const char *dst);
