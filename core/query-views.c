/* query-views.c: the views of docgraph-views.h, each an in-memory DgGraph
 * read from the store with SQL. A view adds nodes and edges by store id;
 * read_view then gives every document its issuer and sorts the graph so
 * that output is stable. */
#include "store-private.h"

#include <stdlib.h>
#include <string.h>

#define NODE_SELECT "SELECT id, type, key, label, attrs FROM nodes "
#define EDGE_SELECT "SELECT id, type, src, dst, attrs FROM edges "

/* Store ids of the nodes of a view being built → DgNode in the graph. */
typedef struct {
  DgStore *store;            /* borrowed */
  const DgViewQuery *query;  /* what the view reads */
  DgGraph *graph;            /* the view being built */
  GHashTable *by_id;         /* gint64 * → DgNode * (borrowed from graph) */
} ViewBuild;

static JsonObject *
parse_attrs (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  if (text && json_parser_load_from_data (parser, text, -1, NULL))
    {
      JsonNode *root = json_parser_get_root (parser);
      if (root && JSON_NODE_HOLDS_OBJECT (root))
        return json_object_ref (json_node_get_object (root));
    }
  return json_object_new ();
}

static const char *
column_text (sqlite3_stmt *st, int col)
{
  const char *s = (const char *) sqlite3_column_text (st, col);
  return s ? s : "";
}

/* Adds the node of a NODE_SELECT row, or finds it. */
static DgNode *
add_node_row (ViewBuild *vb, sqlite3_stmt *st)
{
  gint64 id = sqlite3_column_int64 (st, 0);
  DgNode *node = g_hash_table_lookup (vb->by_id, &id);
  if (node)
    return node;
  DgNodeType type;
  if (!dg_node_type_parse (column_text (st, 1), &type))
    return NULL; /* the schema allows no other types */
  node = dg_graph_add_node (vb->graph, type, column_text (st, 2), column_text (st, 3));
  node->id = id;
  g_autoptr (JsonObject) attrs = parse_attrs (column_text (st, 4));
  dg_json_object_merge (node->attrs, attrs);
  g_hash_table_insert (vb->by_id, g_memdup2 (&id, sizeof id), node);
  return node;
}

/* Adds every node the SQL (NODE_SELECT …, one optional id parameter)
 * returns. */
static gboolean
add_nodes (ViewBuild *vb, const char *sql, gint64 param, GError **error)
{
  DgStore *store = vb->store;
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (st) > 0)
    sqlite3_bind_int64 (st, 1, param);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    add_node_row (vb, st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading nodes");
      return FALSE;
    }
  return TRUE;
}

/* The node with this store id, read from the store when the view does not
 * have it yet. */
static DgNode *
node_by_id (ViewBuild *vb, gint64 id, GError **error)
{
  DgNode *node = g_hash_table_lookup (vb->by_id, &id);
  if (node)
    return node;
  if (!add_nodes (vb, NODE_SELECT "WHERE id = ?", id, error))
    return NULL;
  node = g_hash_table_lookup (vb->by_id, &id);
  if (node == NULL)
    g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND, "no node with id %" G_GINT64_FORMAT, id);
  return node;
}

/* An edge row read before its nodes are looked up. */
typedef struct {
  gint64 id, src, dst; /* store ids */
  DgEdgeType type;     /* edge type */
  char *attrs;         /* JSON text */
} EdgeRow;

static void
edge_row_clear (gpointer p)
{
  g_free (((EdgeRow *) p)->attrs);
}

/* Adds the edges the SQL (EDGE_SELECT …, one optional id parameter)
 * returns. With add_ends the nodes at their ends join the view; without,
 * only edges between nodes of the view are kept. */
static gboolean
add_edges (ViewBuild *vb, const char *sql, gint64 param, gboolean add_ends, GError **error)
{
  DgStore *store = vb->store;
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (st) > 0)
    sqlite3_bind_int64 (st, 1, param);
  /* Rows first: reading a node uses the store while this statement runs. */
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (EdgeRow));
  g_array_set_clear_func (rows, edge_row_clear);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      EdgeRow row = { sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 2),
                      sqlite3_column_int64 (st, 3), 0, NULL };
      if (!dg_edge_type_parse (column_text (st, 1), &row.type))
        continue;
      row.attrs = g_strdup (column_text (st, 4));
      g_array_append_val (rows, row);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading edges");
      return FALSE;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      EdgeRow *row = &g_array_index (rows, EdgeRow, i);
      DgNode *src, *dst;
      if (add_ends)
        {
          if (!(src = node_by_id (vb, row->src, error)) || !(dst = node_by_id (vb, row->dst, error)))
            return FALSE;
        }
      else
        {
          src = g_hash_table_lookup (vb->by_id, &row->src);
          dst = g_hash_table_lookup (vb->by_id, &row->dst);
          if (src == NULL || dst == NULL)
            continue;
        }
      DgEdge *edge = dg_graph_add_edge (vb->graph, row->type, src, dst, NULL, 0, 0, NULL);
      if (edge == NULL)
        continue;
      edge->id = row->id;
      g_autoptr (JsonObject) attrs = parse_attrs (row->attrs);
      dg_json_object_merge (edge->attrs, attrs);
    }
  return TRUE;
}

/* Store ids reached from start in at most depth steps (-1: no limit) along
 * what the SQL (one id parameter, returning one id column) gives as the
 * neighbours of a node. Adds them to seen. */
static gboolean
walk (ViewBuild *vb, gint64 start, const char *sql, int depth, GHashTable *seen, GError **error)
{
  DgStore *store = vb->store;
  g_autoptr (GArray) frontier = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (frontier, start);
  g_hash_table_add (seen, g_memdup2 (&start, sizeof start));
  for (int step = 0; frontier->len > 0 && (depth < 0 || step < depth); step++)
    {
      g_autoptr (GArray) next = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < frontier->len; i++)
        {
          sqlite3_stmt *st = dg_store_prepare (store, sql, error);
          if (st == NULL)
            return FALSE;
          sqlite3_bind_int64 (st, 1, g_array_index (frontier, gint64, i));
          int rc;
          while ((rc = sqlite3_step (st)) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (st, 0);
              if (g_hash_table_contains (seen, &id))
                continue;
              g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
              g_array_append_val (next, id);
            }
          sqlite3_reset (st);
          if (rc != SQLITE_DONE)
            {
              dg_store_set_error (store, error, "walking the graph");
              return FALSE;
            }
        }
      g_array_set_size (frontier, 0);
      g_array_append_vals (frontier, next->data, next->len);
    }
  return TRUE;
}

static gint
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = **(gint64 *const *) a, y = **(gint64 *const *) b;
  return x < y ? -1 : x > y;
}

/* Adds the nodes of seen, in id order, and the edges between them that the
 * SQL (EDGE_SELECT … WHERE src = ?…) gives for each. */
static gboolean
add_induced (ViewBuild *vb, GHashTable *seen, const char *edge_sql, GError **error)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    if (node_by_id (vb, *(gint64 *) ids->pdata[i], error) == NULL)
      return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!add_edges (vb, edge_sql, *(gint64 *) ids->pdata[i], FALSE, error))
      return FALSE;
  return TRUE;
}

/* Gives every document its issuers' names ("issuer") and, when it has no
 * level, the level of its first issuer that has one. The issuers need not
 * be in the view: the implements view shows them only this way. */
static gboolean
annotate_documents (ViewBuild *vb, GError **error)
{
  DgStore *store = vb->store;
  DgGraph *graph = vb->graph;
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DgNode *doc = graph->nodes->pdata[i];
      if (doc->type != DG_NODE_DOCUMENT || doc->id == 0)
        continue;
      sqlite3_stmt *st = dg_store_prepare (
        store, "SELECT n.label, json_extract (n.attrs, '$.level') FROM edges e "
               "JOIN nodes n ON n.id = e.dst WHERE e.src = ? AND e.type = 'issued-by' "
               "ORDER BY n.key", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int64 (st, 1, doc->id);
      g_autoptr (GString) issuers = g_string_new (NULL);
      g_autofree char *level = NULL;
      int rc;
      while ((rc = sqlite3_step (st)) == SQLITE_ROW)
        {
          if (issuers->len)
            g_string_append (issuers, "; ");
          g_string_append (issuers, column_text (st, 0));
          const char *l = (const char *) sqlite3_column_text (st, 1);
          if (level == NULL && l && *l && strcmp (l, "unknown") != 0)
            level = g_strdup (l);
        }
      sqlite3_reset (st);
      if (rc != SQLITE_DONE)
        {
          dg_store_set_error (store, error, "reading issuers");
          return FALSE;
        }
      if (issuers->len)
        dg_node_set_attr (doc, "issuer", issuers->str, TRUE);
      const char *have = dg_node_get_attr (doc, "level");
      if (level && (have == NULL || *have == '\0' || strcmp (have, "unknown") == 0))
        dg_node_set_attr (doc, "level", level, TRUE);
    }
  return TRUE;
}

/* Gives every node the source of the first article that mentions it. */
static gboolean
annotate_sources (ViewBuild *vb, GError **error)
{
  DgStore *store = vb->store;
  DgGraph *graph = vb->graph;
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DgNode *node = graph->nodes->pdata[i];
      if (node->id == 0)
        continue;
      sqlite3_stmt *st = dg_store_prepare (
        store, "SELECT a.source FROM articles a WHERE a.id = coalesce ("
               "(SELECT min (m.article) FROM mentions m WHERE m.node = ?1), "
               "(SELECT min (f.article) FROM node_facts f WHERE f.node = ?1))", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int64 (st, 1, node->id);
      int rc = sqlite3_step (st);
      if (rc == SQLITE_ROW)
        dg_node_set_attr (node, "source", column_text (st, 0), TRUE);
      sqlite3_reset (st);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          dg_store_set_error (store, error, "reading sources");
          return FALSE;
        }
    }
  return TRUE;
}

typedef gboolean (*ViewFill) (ViewBuild *vb, GError **error);

/* Runs fill on a fresh graph, then annotates and sorts it. */
static DgGraph *
read_view (DgStore *store, const DgViewQuery *query, ViewFill fill, GError **error)
{
  static const DgViewQuery none = { 0, -1, NULL, NULL, FALSE };
  g_return_val_if_fail (store != NULL, NULL);
  g_autoptr (DgGraph) graph = dg_graph_new (NULL);
  ViewBuild vb = { store, query ? query : &none, graph,
                   g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL) };
  /* Nodes and edges from one snapshot, while imports commit. */
  gboolean snapshot = dg_store_snapshot_begin (store);
  gboolean ok = fill (&vb, error) && annotate_documents (&vb, error)
                && (!vb.query->sources || annotate_sources (&vb, error));
  dg_store_snapshot_end (store, snapshot);
  g_hash_table_unref (vb.by_id);
  if (!ok)
    return NULL;
  dg_graph_sort (graph);
  return g_steal_pointer (&graph);
}

/* ----------------------------------------------------------------- views */

static gboolean
fill_organizations (ViewBuild *vb, GError **error)
{
  return add_nodes (vb, NODE_SELECT "WHERE type = 'organization' ORDER BY id", 0, error)
         && add_edges (vb, EDGE_SELECT "WHERE type IN ('part-of', 'member-of') ORDER BY id", 0,
                       TRUE, error);
}

DgGraph *
dg_view_organizations (DgStore *store, const DgViewQuery *query, GError **error)
{
  return read_view (store, query, fill_organizations, error);
}

static gboolean
fill_citations (ViewBuild *vb, GError **error)
{
  return add_nodes (vb, NODE_SELECT "WHERE type = 'document' ORDER BY id", 0, error)
         && add_edges (vb, EDGE_SELECT "WHERE type IN ('implements', 'cites', 'based-on', "
                                       "'amends', 'replaces', 'repeals', 'guides', 'issued-by') "
                                       "ORDER BY id", 0, TRUE, error);
}

DgGraph *
dg_view_citations (DgStore *store, const DgViewQuery *query, GError **error)
{
  return read_view (store, query, fill_citations, error);
}

static gboolean
fill_implements (ViewBuild *vb, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  /* What carries the root out, and what the root carries out. */
  return walk (vb, vb->query->root,
               "SELECT src FROM edges WHERE dst = ? AND type = 'implements' ORDER BY src",
               vb->query->depth, seen, error)
         && walk (vb, vb->query->root,
                  "SELECT dst FROM edges WHERE src = ? AND type = 'implements' ORDER BY dst",
                  vb->query->depth, seen, error)
         && add_induced (vb, seen, EDGE_SELECT "WHERE src = ? AND type = 'implements' ORDER BY id",
                         error);
}

DgGraph *
dg_view_implements (DgStore *store, const DgViewQuery *query, GError **error)
{
  return read_view (store, query, fill_implements, error);
}

static gboolean
fill_events (ViewBuild *vb, GError **error)
{
  return add_nodes (vb, NODE_SELECT "WHERE type = 'event' ORDER BY id", 0, error)
         && add_edges (vb, EDGE_SELECT "WHERE type IN ('organized-by', 'attended', 'about') "
                                       "ORDER BY id", 0, TRUE, error);
}

DgGraph *
dg_view_events (DgStore *store, const DgViewQuery *query, GError **error)
{
  return read_view (store, query, fill_events, error);
}

static gboolean
fill_ego (ViewBuild *vb, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return walk (vb, vb->query->root,
               "SELECT dst FROM edges WHERE src = ?1 UNION SELECT src FROM edges WHERE dst = ?1",
               vb->query->depth, seen, error)
         && add_induced (vb, seen, EDGE_SELECT "WHERE src = ? ORDER BY id", error);
}

DgGraph *
dg_view_ego (DgStore *store, const DgViewQuery *query, GError **error)
{
  return read_view (store, query, fill_ego, error);
}

static gboolean
fill_all (ViewBuild *vb, GError **error)
{
  return add_nodes (vb, NODE_SELECT "ORDER BY id", 0, error)
         && add_edges (vb, EDGE_SELECT "ORDER BY id", 0, TRUE, error);
}

DgGraph *
dg_view_all (DgStore *store, const DgViewQuery *query, GError **error)
{
  return read_view (store, query, fill_all, error);
}
