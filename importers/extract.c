/* extract.c: the extraction driver: runs every pass over one article. */
#include "importers-private.h"

DgGraph *
dg_extract (DgArticle *article)
{
  g_return_val_if_fail (article != NULL, NULL);
  DgGraph *graph = dg_graph_new (article);
  dg_graph_sort (graph);
  return graph;
}
