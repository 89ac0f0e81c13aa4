/* views.c: the views, each an in-memory DgGraph read from the store with
 * SQL. A view adds nodes and edges by store id; finish_view gives every
 * document its issuer and sorts the graph so output is stable. */
#include "export-private.h"

#include <stdlib.h>
#include <string.h>

#define NODE_SELECT "SELECT id, type, key, label, attrs FROM nodes "
#define EDGE_SELECT "SELECT id, type, src, dst, attrs FROM edges "

/* Store ids of the nodes of a view being built → DgNode in job->graph. */
typedef struct {
  DgExportJob *job;    /* the export */
  GHashTable *by_id;   /* gint64 * → DgNode * (borrowed from the graph) */
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
  node = dg_graph_add_node (vb->job->graph, type, column_text (st, 2), column_text (st, 3));
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
  DgStore *store = vb->job->store;
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
  DgStore *store = vb->job->store;
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
      DgEdge *edge = dg_graph_add_edge (vb->job->graph, row->type, src, dst, NULL, 0, 0, NULL);
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
  DgStore *store = vb->job->store;
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
  DgStore *store = vb->job->store;
  DgGraph *graph = vb->job->graph;
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

typedef gboolean (*ViewFill) (ViewBuild *vb, GError **error);

/* Runs fill on a fresh graph, then annotates and sorts it. */
static gboolean
build_view (DgExportJob *job, ViewFill fill, GError **error)
{
  g_clear_pointer (&job->graph, dg_graph_free);
  job->graph = dg_graph_new (NULL);
  ViewBuild vb = { job, g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL) };
  gboolean ok = fill (&vb, error) && annotate_documents (&vb, error);
  g_hash_table_unref (vb.by_id);
  if (!ok)
    return FALSE;
  dg_graph_sort (job->graph);
  job->root = NULL;
  for (guint i = 0; job->root_id && i < job->graph->nodes->len; i++)
    if (((DgNode *) job->graph->nodes->pdata[i])->id == job->root_id)
      job->root = job->graph->nodes->pdata[i];
  return TRUE;
}

/* ----------------------------------------------------------------- views */

static gboolean
fill_organizations (ViewBuild *vb, GError **error)
{
  return add_nodes (vb, NODE_SELECT "WHERE type = 'organization' ORDER BY id", 0, error)
         && add_edges (vb, EDGE_SELECT "WHERE type IN ('part-of', 'member-of') ORDER BY id", 0,
                       TRUE, error);
}

gboolean
dg_export_build_organizations (DgExportJob *job, GError **error)
{
  return build_view (job, fill_organizations, error);
}

static gboolean
fill_citations (ViewBuild *vb, GError **error)
{
  return add_nodes (vb, NODE_SELECT "WHERE type = 'document' ORDER BY id", 0, error)
         && add_edges (vb, EDGE_SELECT "WHERE type IN ('implements', 'cites', 'issued-by') "
                                       "ORDER BY id", 0, TRUE, error);
}

gboolean
dg_export_build_citations (DgExportJob *job, GError **error)
{
  return build_view (job, fill_citations, error);
}

static gboolean
fill_implements (ViewBuild *vb, GError **error)
{
  DgExportJob *job = vb->job;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  /* What carries the root out, and what the root carries out. */
  return walk (vb, job->root_id,
               "SELECT src FROM edges WHERE dst = ? AND type = 'implements' ORDER BY src",
               job->depth, seen, error)
         && walk (vb, job->root_id,
                  "SELECT dst FROM edges WHERE src = ? AND type = 'implements' ORDER BY dst",
                  job->depth, seen, error)
         && add_induced (vb, seen, EDGE_SELECT "WHERE src = ? AND type = 'implements' ORDER BY id",
                         error);
}

gboolean
dg_export_build_implements (DgExportJob *job, GError **error)
{
  return build_view (job, fill_implements, error);
}

static gboolean
fill_events (ViewBuild *vb, GError **error)
{
  return add_nodes (vb, NODE_SELECT "WHERE type = 'event' ORDER BY id", 0, error)
         && add_edges (vb, EDGE_SELECT "WHERE type IN ('organized-by', 'attended', 'about') "
                                       "ORDER BY id", 0, TRUE, error);
}

gboolean
dg_export_build_events (DgExportJob *job, GError **error)
{
  return build_view (job, fill_events, error);
}

static gboolean
fill_ego (ViewBuild *vb, GError **error)
{
  DgExportJob *job = vb->job;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return walk (vb, job->root_id,
               "SELECT dst FROM edges WHERE src = ?1 UNION SELECT src FROM edges WHERE dst = ?1",
               job->depth, seen, error)
         && add_induced (vb, seen, EDGE_SELECT "WHERE src = ? ORDER BY id", error);
}

gboolean
dg_export_build_ego (DgExportJob *job, GError **error)
{
  return build_view (job, fill_ego, error);
}

static gboolean
fill_all (ViewBuild *vb, GError **error)
{
  return add_nodes (vb, NODE_SELECT "ORDER BY id", 0, error)
         && add_edges (vb, EDGE_SELECT "ORDER BY id", 0, TRUE, error);
}

gboolean
dg_export_build_all (DgExportJob *job, GError **error)
{
  return build_view (job, fill_all, error);
}

/* ------------------------------------------------------------------ root */

static gboolean
all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* The issuers of node n, for telling documents of the same code apart. */
#define ISSUERS                                                                          \
  "(SELECT group_concat (o.label, '; ') FROM edges e JOIN nodes o ON o.id = e.dst "      \
  "WHERE e.src = n.id AND e.type = 'issued-by')"

gint64
dg_export_resolve_root (DgStore *store, const char *ref, int type, GError **error)
{
  g_return_val_if_fail (ref != NULL, 0);
  const char *type_name = type >= 0 ? dg_node_type_name (type) : NULL;
  g_autofree char *folded = dg_text_fold_key (ref, -1);
  g_autofree char *trimmed = g_strstrip (g_strdup (ref));
  sqlite3_stmt *st;
  /* "n16", as GraphML, GEXF, CSV and SVG write ids, is node 16. */
  if (trimmed[0] == 'n' && all_digits (trimmed + 1))
    memmove (trimmed, trimmed + 1, strlen (trimmed));
  if (all_digits (trimmed))
    {
      st = dg_store_prepare (store, "SELECT id, type, label, " ISSUERS " FROM nodes n WHERE id = ?",
                             error);
      if (st == NULL)
        return 0;
      sqlite3_bind_int64 (st, 1, g_ascii_strtoll (trimmed, NULL, 10));
    }
  else
    {
      st = dg_store_prepare (
        store, "SELECT id, type, label, " ISSUERS " FROM nodes n WHERE key = ?1 OR key = ?2 "
               "OR label = ?1 OR json_extract (attrs, '$.code') = ?1 COLLATE NOCASE "
               "ORDER BY id LIMIT 11",
        error);
      if (st == NULL)
        return 0;
      sqlite3_bind_text (st, 1, trimmed, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 2, folded, -1, SQLITE_TRANSIENT);
    }
  g_autoptr (GString) candidates = g_string_new (NULL);
  g_autoptr (GString) wrong_type = g_string_new (NULL);
  guint n = 0;
  gint64 found = 0;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *t = column_text (st, 1);
      const char *issuers = (const char *) sqlite3_column_text (st, 3);
      g_autofree char *line = g_strdup_printf ("\n  %" G_GINT64_FORMAT "  %s  %s%s%s%s",
                                               (gint64) sqlite3_column_int64 (st, 0), t,
                                               column_text (st, 2), issuers ? " (" : "",
                                               issuers ? issuers : "", issuers ? ")" : "");
      if (type_name && strcmp (t, type_name) != 0)
        {
          g_string_append (wrong_type, line);
          continue;
        }
      found = sqlite3_column_int64 (st, 0);
      g_string_append (candidates, line);
      n++;
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "looking up a node");
      return 0;
    }
  if (n == 1)
    return found;
  if (n > 1)
    g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_AMBIGUOUS,
                 "“%s” names several nodes; give one of these ids:%s", ref, candidates->str);
  else if (wrong_type->len)
    g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND,
                 "“%s” is not a %s:%s", ref, type_name, wrong_type->str);
  else
    g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND,
                 "no node is “%s” (give a node id, a document code, a key or a label)", ref);
  return 0;
}
