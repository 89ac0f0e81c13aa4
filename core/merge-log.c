/* merge-log.c: what a merge changes, told before it runs (--dry-run) and
 * kept in the merges table after, so that `docgraph unmerge` can take it
 * back row for row.
 *
 * The undo record is a JSON object of the rows as they were before the
 * merge (column values in table order):
 *   node          the dropped node: [id, type, key, label, attrs, fold, code]
 *   keep_before   the kept node's [attrs, code] before, keep_after its attrs after
 *   moved         edges of drop that became keep's: [id, src, dst]
 *   folded        edges that repeated one keep had and merged into it:
 *                 [id, type, src, dst, attrs, twin id, twin attrs before,
 *                  [mention ids moved to the twin]]
 *   deleted       edges between the two, removed: [id, type, src, dst,
 *                 attrs, [[id, article, start, end, rule] of their mentions]]
 *   mentions      ids of the dropped node's mentions
 *   facts         [article, attrs of drop, attrs keep had then or null]
 *   aliases       keys of the dropped node's aliases
 *   alias_before  the aliases row its key had before, or null */
#include "store-private.h"

#include <string.h>

void
dg_merge_plan_free (DgMergePlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->keep_label);
  g_free (plan->drop_label);
  g_clear_pointer (&plan->lines, g_ptr_array_unref);
  g_free (plan);
}

void
dg_merge_record_free (DgMergeRecord *rec)
{
  if (rec == NULL)
    return;
  g_free (rec->keep_label);
  g_free (rec->drop_label);
  g_free (rec->merged_at);
  g_free (rec->undone_at);
  g_free (rec);
}

/* ------------------------------------------------------------ rows */

static JsonNode *
column_json (sqlite3_stmt *st, int i)
{
  JsonNode *n = json_node_new (JSON_NODE_VALUE);
  switch (sqlite3_column_type (st, i))
    {
    case SQLITE_INTEGER:
      json_node_set_int (n, sqlite3_column_int64 (st, i));
      break;
    case SQLITE_NULL:
      json_node_init_null (n);
      break;
    default:
      json_node_set_string (n, (const char *) sqlite3_column_text (st, i));
    }
  return n;
}

/* The rows sql gives, ?1 and ?2 bound to a and b, each an array of its
 * columns. (transfer full); NULL with error set when SQLite fails. */
static JsonArray *
rows_of (DgStore *store, const char *sql, gint64 a, gint64 b, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return NULL;
  int params = sqlite3_bind_parameter_count (st);
  if (params >= 1)
    sqlite3_bind_int64 (st, 1, a);
  if (params >= 2)
    sqlite3_bind_int64 (st, 2, b);
  JsonArray *rows = json_array_new ();
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      JsonArray *row = json_array_new ();
      for (int i = 0; i < sqlite3_column_count (st); i++)
        json_array_add_element (row, column_json (st, i));
      json_array_add_array_element (rows, row);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      json_array_unref (rows);
      dg_store_set_error (store, error, "reading what a merge changes");
      return NULL;
    }
  return rows;
}

static void
bind_json (sqlite3_stmt *st, int i, JsonNode *v)
{
  if (v == NULL || JSON_NODE_HOLDS_NULL (v))
    sqlite3_bind_null (st, i);
  else if (json_node_get_value_type (v) == G_TYPE_INT64)
    sqlite3_bind_int64 (st, i, json_node_get_int (v));
  else
    sqlite3_bind_text (st, i, json_node_get_string (v), -1, SQLITE_TRANSIENT);
}

/* Runs sql with ?1… bound to the members of row (from first on), or to
 * the ids given after when row is NULL. */
static gboolean
exec_row (DgStore *store, const char *sql, JsonArray *row, guint first, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  int params = sqlite3_bind_parameter_count (st);
  for (int i = 0; i < params; i++)
    bind_json (st, i + 1, json_array_get_element (row, first + (guint) i));
  return dg_store_step_done (store, st, "taking back a merge", error);
}

static gboolean
exec_ids2 (DgStore *store, const char *sql, gint64 a, gint64 b, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, a);
  if (sqlite3_bind_parameter_count (st) >= 2)
    sqlite3_bind_int64 (st, 2, b);
  return dg_store_step_done (store, st, "taking back a merge", error);
}

static gint64
row_int (JsonArray *row, guint i)
{
  return json_array_get_int_element (row, i);
}

static const char *
row_str (JsonArray *row, guint i)
{
  JsonNode *n = json_array_get_element (row, i);
  return n && !JSON_NODE_HOLDS_NULL (n) ? json_node_get_string (n) : NULL;
}

/* ------------------------------------------------------- snapshot */

static gint64
twin_of (DgStore *store, const char *type, gint64 src, gint64 dst, char **attrs, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT id, attrs FROM edges WHERE type = ? AND src = ? AND dst = ?", error);
  if (st == NULL)
    return -1;
  sqlite3_bind_text (st, 1, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, src);
  sqlite3_bind_int64 (st, 3, dst);
  gint64 id = 0;
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (st, 0);
      *attrs = g_strdup ((const char *) sqlite3_column_text (st, 1));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading edges");
      return -1;
    }
  return id;
}

static gint64
int_element (JsonArray *a, guint i)
{
  return json_array_get_int_element (json_array_get_array_element (a, i), 0);
}

JsonObject *
dg_merge_snapshot (DgStore *store, gint64 keep, gint64 drop, GError **error)
{
  g_autoptr (JsonObject) snap = json_object_new ();
  JsonArray *node = rows_of (store, "SELECT id, type, key, label, attrs, fold, code FROM nodes "
                             "WHERE id = ?1", drop, 0, error);
  if (node == NULL)
    return NULL;
  json_object_set_array_member (snap, "node", node);
  JsonArray *kb = rows_of (store, "SELECT attrs, code FROM nodes WHERE id = ?1", keep, 0, error);
  if (kb == NULL)
    return NULL;
  json_object_set_array_member (snap, "keep_before", kb);
  g_autoptr (JsonArray) edges = rows_of (
    store, "SELECT id, type, src, dst, attrs FROM edges WHERE src = ?1 "
           "UNION SELECT id, type, src, dst, attrs FROM edges WHERE dst = ?1 ORDER BY 1",
    drop, 0, error);
  if (edges == NULL)
    return NULL;
  JsonArray *moved = json_array_new (), *folded = json_array_new (), *deleted = json_array_new ();
  json_object_set_array_member (snap, "moved", moved);
  json_object_set_array_member (snap, "folded", folded);
  json_object_set_array_member (snap, "deleted", deleted);
  for (guint i = 0; i < json_array_get_length (edges); i++)
    {
      JsonArray *e = json_array_get_array_element (edges, i);
      gint64 id = row_int (e, 0), src = row_int (e, 2), dst = row_int (e, 3);
      gint64 nsrc = src == drop ? keep : src, ndst = dst == drop ? keep : dst;
      if (nsrc == ndst)
        {
          JsonArray *m = rows_of (store, "SELECT id, article, start, end, rule FROM mentions "
                                  "WHERE edge = ?1 ORDER BY id", id, 0, error);
          if (m == NULL)
            return NULL;
          JsonArray *row = json_array_ref (e);
          json_array_add_array_element (row, m);
          json_array_add_array_element (deleted, row);
          continue;
        }
      g_autofree char *twin_attrs = NULL;
      gint64 twin = twin_of (store, row_str (e, 1), nsrc, ndst, &twin_attrs, error);
      if (twin < 0)
        return NULL;
      if (twin == 0)
        {
          JsonArray *row = json_array_new ();
          json_array_add_int_element (row, id);
          json_array_add_int_element (row, src);
          json_array_add_int_element (row, dst);
          json_array_add_array_element (moved, row);
          continue;
        }
      JsonArray *m = rows_of (store, "SELECT id FROM mentions WHERE edge = ?1 ORDER BY id", id, 0,
                              error);
      if (m == NULL)
        return NULL;
      JsonArray *ids = json_array_new ();
      for (guint k = 0; k < json_array_get_length (m); k++)
        json_array_add_int_element (ids, int_element (m, k));
      json_array_unref (m);
      JsonArray *row = json_array_ref (e);
      json_array_add_int_element (row, twin);
      json_array_add_string_element (row, twin_attrs);
      json_array_add_array_element (row, ids);
      json_array_add_array_element (folded, row);
    }
  g_autoptr (JsonArray) mentions = rows_of (store, "SELECT id FROM mentions WHERE node = ?1 "
                                            "ORDER BY id", drop, 0, error);
  if (mentions == NULL)
    return NULL;
  JsonArray *mids = json_array_new ();
  for (guint k = 0; k < json_array_get_length (mentions); k++)
    json_array_add_int_element (mids, int_element (mentions, k));
  json_object_set_array_member (snap, "mentions", mids);
  JsonArray *facts = rows_of (
    store, "SELECT d.article, d.attrs, k.attrs FROM node_facts d LEFT JOIN node_facts k "
           "ON k.node = ?2 AND k.article = d.article WHERE d.node = ?1 ORDER BY d.article",
    drop, keep, error);
  if (facts == NULL)
    return NULL;
  json_object_set_array_member (snap, "facts", facts);
  g_autoptr (JsonArray) aliases = rows_of (store, "SELECT key FROM aliases WHERE node = ?1 "
                                           "ORDER BY key", drop, 0, error);
  if (aliases == NULL)
    return NULL;
  JsonArray *keys = json_array_new ();
  for (guint k = 0; k < json_array_get_length (aliases); k++)
    json_array_add_string_element (
      keys, json_array_get_string_element (json_array_get_array_element (aliases, k), 0));
  json_object_set_array_member (snap, "aliases", keys);
  JsonArray *before = rows_of (store, "SELECT a.node, a.name, a.fold, a.code, a.origin "
                               "FROM aliases a JOIN nodes n ON n.id = ?1 "
                               "AND a.type = n.type AND a.key = n.key", drop, 0, error);
  if (before == NULL)
    return NULL;
  json_object_set_array_member (snap, "alias_before", before);
  return g_steal_pointer (&snap);
}

/* ------------------------------------------------------------ plan */

/* "#12 document Kế hoạch số 90-KH/TU" or "#12" when it cannot be read. */
static char *
short_name (DgStore *store, gint64 id)
{
  char *d = dg_store_describe_node (store, id, NULL);
  return d ? d : g_strdup_printf ("#%" G_GINT64_FORMAT, id);
}

static char *
edge_line (DgStore *store, const char *what, const char *type, gint64 src, gint64 dst)
{
  g_autofree char *s = short_name (store, src);
  g_autofree char *d = short_name (store, dst);
  return g_strdup_printf ("%-8s %s: %s → %s", what, type, s, d);
}

DgMergePlan *
dg_merge_plan_new (DgStore *store, JsonObject *snap, gint64 keep, gint64 drop)
{
  DgMergePlan *plan = g_new0 (DgMergePlan, 1);
  plan->keep = keep;
  plan->drop = drop;
  plan->keep_label = short_name (store, keep);
  plan->drop_label = short_name (store, drop);
  plan->lines = g_ptr_array_new_with_free_func (g_free);
  JsonArray *moved = json_object_get_array_member (snap, "moved");
  JsonArray *folded = json_object_get_array_member (snap, "folded");
  JsonArray *deleted = json_object_get_array_member (snap, "deleted");
  plan->moved = json_array_get_length (moved);
  plan->folded = json_array_get_length (folded);
  plan->deleted = json_array_get_length (deleted);
  plan->mentions = json_array_get_length (json_object_get_array_member (snap, "mentions"));
  plan->facts = json_array_get_length (json_object_get_array_member (snap, "facts"));
  plan->aliases = json_array_get_length (json_object_get_array_member (snap, "aliases"));
  /* Edges in id order, whatever befalls them. */
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT type, src, dst FROM edges WHERE id = ?", NULL);
  for (guint pass = 0; pass < 3 && st; pass++)
    {
      JsonArray *list = pass == 0 ? moved : pass == 1 ? folded : deleted;
      const char *what = pass == 0 ? "moves" : pass == 1 ? "joins" : "goes";
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonArray *e = json_array_get_array_element (list, i);
          sqlite3_bind_int64 (st, 1, row_int (e, 0));
          if (sqlite3_step (st) == SQLITE_ROW)
            {
              g_autofree char *type = g_strdup ((const char *) sqlite3_column_text (st, 0));
              gint64 src = sqlite3_column_int64 (st, 1), dst = sqlite3_column_int64 (st, 2);
              sqlite3_reset (st);
              g_ptr_array_add (plan->lines, edge_line (store, what, type, src, dst));
            }
          else
            sqlite3_reset (st);
        }
    }
  return plan;
}

char *
dg_merge_plan_render (const DgMergePlan *plan)
{
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "%s\n  would go into %s\n", plan->drop_label, plan->keep_label);
  g_string_append_printf (out,
                          "edges: %u move to #%" G_GINT64_FORMAT ", %u join one it has, "
                          "%u between the two go\n",
                          plan->moved, plan->keep, plan->folded, plan->deleted);
  for (guint i = 0; i < plan->lines->len; i++)
    g_string_append_printf (out, "  %s\n", (const char *) plan->lines->pdata[i]);
  g_string_append_printf (out,
                          "evidence: %u mention%s, the facts of %u article%s; %u alias%s move;\n"
                          "its key becomes an alias of #%" G_GINT64_FORMAT
                          ", so later imports land there\n",
                          plan->mentions, plan->mentions == 1 ? "" : "s", plan->facts,
                          plan->facts == 1 ? "" : "s", plan->aliases,
                          plan->aliases == 1 ? "" : "es", plan->keep);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------- log */

gboolean
dg_merge_log (DgStore *store, JsonObject *snap, gint64 keep, gint64 drop, gint64 *merge_id,
              GError **error)
{
  g_autoptr (JsonArray) after = rows_of (store, "SELECT attrs, label FROM nodes WHERE id = ?1",
                                         keep, 0, error);
  if (after == NULL)
    return FALSE;
  JsonArray *keep_row = json_array_get_array_element (after, 0);
  json_object_set_string_member (snap, "keep_after", row_str (keep_row, 0));
  JsonArray *node = json_array_get_array_element (json_object_get_array_member (snap, "node"), 0);
  g_autofree char *undo = dg_store_json_text (snap);
  sqlite3_stmt *st = dg_store_prepare (
    store, "INSERT INTO merges (type, keep, dropped, keep_label, dropped_label, merged_at, undo) "
           "VALUES (?, ?, ?, ?, ?, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), ?) RETURNING id",
    error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, row_str (node, 1), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, keep);
  sqlite3_bind_int64 (st, 3, drop);
  sqlite3_bind_text (st, 4, row_str (keep_row, 1), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, row_str (node, 3), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 6, undo, -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    *merge_id = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  if (rc != SQLITE_ROW)
    {
      dg_store_set_error (store, error, "logging the merge");
      return FALSE;
    }
  return TRUE;
}

static DgMergeRecord *
record_from (sqlite3_stmt *st)
{
  DgMergeRecord *r = g_new0 (DgMergeRecord, 1);
  r->id = sqlite3_column_int64 (st, 0);
  dg_node_type_parse ((const char *) sqlite3_column_text (st, 1), &r->type);
  r->keep = sqlite3_column_int64 (st, 2);
  r->drop = sqlite3_column_int64 (st, 3);
  r->keep_label = g_strdup ((const char *) sqlite3_column_text (st, 4));
  r->drop_label = g_strdup ((const char *) sqlite3_column_text (st, 5));
  r->merged_at = g_strdup ((const char *) sqlite3_column_text (st, 6));
  r->undone_at = g_strdup ((const char *) sqlite3_column_text (st, 7));
  return r;
}

#define RECORD_COLUMNS "id, type, keep, dropped, keep_label, dropped_label, merged_at, undone_at"

GPtrArray *
dg_store_merges (DgStore *store, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  sqlite3_stmt *st = dg_store_prepare (store, "SELECT " RECORD_COLUMNS " FROM merges ORDER BY id",
                                       error);
  if (st == NULL)
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_merge_record_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (out, record_from (st));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (out);
      dg_store_set_error (store, error, "reading the merge log");
      return NULL;
    }
  return out;
}

/* ------------------------------------------------------------ undo */

static gboolean
id_taken (DgStore *store, const char *sql, gint64 id, gboolean *taken, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  int rc = sqlite3_step (st);
  *taken = rc == SQLITE_ROW;
  sqlite3_reset (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "taking back a merge");
      return FALSE;
    }
  return TRUE;
}

/* Puts an edge back as it was ([id, type, src, dst, attrs, …]); returns its
 * id, a new one when a later edge took the old; 0 on error. */
static gint64
restore_edge (DgStore *store, JsonArray *e, GError **error)
{
  gboolean taken;
  if (!id_taken (store, "SELECT 1 FROM edges WHERE id = ?", row_int (e, 0), &taken, error))
    return 0;
  if (!exec_row (store, taken ? "INSERT INTO edges (type, src, dst, attrs) VALUES (?, ?, ?, ?)"
                              : "INSERT INTO edges (id, type, src, dst, attrs) VALUES (?, ?, ?, ?, ?)",
                 e, taken ? 1 : 0, error))
    return 0;
  return sqlite3_last_insert_rowid (dg_store_db (store));
}

static gboolean
undo_rows (DgStore *store, JsonObject *snap, gint64 keep, gint64 drop, GError **error)
{
  JsonArray *node = json_array_get_array_element (json_object_get_array_member (snap, "node"), 0);
  /* The key means the dropped node again. */
  if (!exec_row (store, "DELETE FROM aliases WHERE type = ?1 AND key = ?2", node, 1, error)
      || !exec_row (store, "INSERT INTO nodes (id, type, key, label, attrs, fold, code) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)", node, 0, error))
    return FALSE;
  JsonArray *before = json_object_get_array_member (snap, "alias_before");
  if (json_array_get_length (before) > 0)
    {
      g_autoptr (JsonArray) row = json_array_new ();
      json_array_add_string_element (row, row_str (node, 1));
      json_array_add_string_element (row, row_str (node, 2));
      JsonArray *b = json_array_get_array_element (before, 0);
      for (guint i = 0; i < 5; i++)
        json_array_add_element (row, json_node_copy (json_array_get_element (b, i)));
      if (!exec_row (store, "INSERT INTO aliases (type, key, node, name, fold, code, origin) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)", row, 0, error))
        return FALSE;
    }
  JsonArray *aliases = json_object_get_array_member (snap, "aliases");
  for (guint i = 0; i < json_array_get_length (aliases); i++)
    {
      sqlite3_stmt *st = dg_store_prepare (
        store, "UPDATE aliases SET node = ?1 WHERE type = ?2 AND key = ?3 AND node = ?4", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int64 (st, 1, drop);
      sqlite3_bind_text (st, 2, row_str (node, 1), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 3, json_array_get_string_element (aliases, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (st, 4, keep);
      if (!dg_store_step_done (store, st, "taking back a merge", error))
        return FALSE;
    }
  JsonArray *moved = json_object_get_array_member (snap, "moved");
  for (guint i = 0; i < json_array_get_length (moved); i++)
    {
      JsonArray *e = json_array_get_array_element (moved, i);
      sqlite3_stmt *st = dg_store_prepare (store, "UPDATE edges SET src = ?, dst = ? WHERE id = ?",
                                           error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int64 (st, 1, row_int (e, 1));
      sqlite3_bind_int64 (st, 2, row_int (e, 2));
      sqlite3_bind_int64 (st, 3, row_int (e, 0));
      if (!dg_store_step_done (store, st, "taking back a merge", error))
        return FALSE;
    }
  JsonArray *folded = json_object_get_array_member (snap, "folded");
  for (guint i = 0; i < json_array_get_length (folded); i++)
    {
      JsonArray *e = json_array_get_array_element (folded, i);
      gint64 id = restore_edge (store, e, error);
      if (id == 0)
        return FALSE;
      sqlite3_stmt *st = dg_store_prepare (store, "UPDATE edges SET attrs = ? WHERE id = ?", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_text (st, 1, row_str (e, 6), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (st, 2, row_int (e, 5));
      if (!dg_store_step_done (store, st, "taking back a merge", error))
        return FALSE;
      JsonArray *ids = json_array_get_array_element (e, 7);
      for (guint k = 0; k < json_array_get_length (ids); k++)
        if (!exec_ids2 (store, "UPDATE mentions SET edge = ?1 WHERE id = ?2", id,
                        json_array_get_int_element (ids, k), error))
          return FALSE;
    }
  JsonArray *deleted = json_object_get_array_member (snap, "deleted");
  for (guint i = 0; i < json_array_get_length (deleted); i++)
    {
      JsonArray *e = json_array_get_array_element (deleted, i);
      gint64 id = restore_edge (store, e, error);
      if (id == 0)
        return FALSE;
      JsonArray *ms = json_array_get_array_element (e, 5);
      for (guint k = 0; k < json_array_get_length (ms); k++)
        {
          JsonArray *m = json_array_get_array_element (ms, k);
          gboolean taken;
          if (!id_taken (store, "SELECT 1 FROM mentions WHERE id = ?", row_int (m, 0), &taken,
                         error))
            return FALSE;
          /* Its old id, unless a later mention has it. */
          sqlite3_stmt *st = dg_store_prepare (
            store, "INSERT INTO mentions (id, article, edge, start, end, rule) "
                   "VALUES (?, ?, ?, ?, ?, ?)", error);
          if (st == NULL)
            return FALSE;
          if (taken)
            sqlite3_bind_null (st, 1);
          else
            sqlite3_bind_int64 (st, 1, row_int (m, 0));
          sqlite3_bind_int64 (st, 2, row_int (m, 1));
          sqlite3_bind_int64 (st, 3, id);
          sqlite3_bind_int64 (st, 4, row_int (m, 2));
          sqlite3_bind_int64 (st, 5, row_int (m, 3));
          bind_json (st, 6, json_array_get_element (m, 4));
          if (!dg_store_step_done (store, st, "taking back a merge", error))
            return FALSE;
        }
    }
  JsonArray *mentions = json_object_get_array_member (snap, "mentions");
  for (guint i = 0; i < json_array_get_length (mentions); i++)
    if (!exec_ids2 (store, "UPDATE mentions SET node = ?1 WHERE id = ?2", drop,
                    json_array_get_int_element (mentions, i), error))
      return FALSE;
  JsonArray *facts = json_object_get_array_member (snap, "facts");
  for (guint i = 0; i < json_array_get_length (facts); i++)
    {
      JsonArray *f = json_array_get_array_element (facts, i);
      gint64 article = row_int (f, 0);
      const char *keep_had = row_str (f, 2);
      if (keep_had)
        {
          sqlite3_stmt *st = dg_store_prepare (
            store, "UPDATE node_facts SET attrs = ? WHERE node = ? AND article = ?", error);
          if (st == NULL)
            return FALSE;
          sqlite3_bind_text (st, 1, keep_had, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (st, 2, keep);
          sqlite3_bind_int64 (st, 3, article);
          if (!dg_store_step_done (store, st, "taking back a merge", error))
            return FALSE;
        }
      else if (!exec_ids2 (store, "DELETE FROM node_facts WHERE node = ?1 AND article = ?2", keep,
                           article, error))
        return FALSE;
      sqlite3_stmt *st = dg_store_prepare (
        store, "INSERT INTO node_facts (node, article, attrs) VALUES (?, ?, ?)", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int64 (st, 1, drop);
      sqlite3_bind_int64 (st, 2, article);
      sqlite3_bind_text (st, 3, row_str (f, 1), -1, SQLITE_TRANSIENT);
      if (!dg_store_step_done (store, st, "taking back a merge", error))
        return FALSE;
    }
  /* The kept node's attributes as they were, unless a later import
   * changed them: then they stay as they are now. */
  JsonArray *kb = json_array_get_array_element (json_object_get_array_member (snap, "keep_before"), 0);
  sqlite3_stmt *st = dg_store_prepare (
    store, "UPDATE nodes SET attrs = ?1, code = ?2 WHERE id = ?3 AND attrs = ?4", error);
  if (st == NULL)
    return FALSE;
  bind_json (st, 1, json_array_get_element (kb, 0));
  bind_json (st, 2, json_array_get_element (kb, 1));
  sqlite3_bind_int64 (st, 3, keep);
  sqlite3_bind_text (st, 4, json_object_get_string_member (snap, "keep_after"), -1,
                     SQLITE_TRANSIENT);
  return dg_store_step_done (store, st, "taking back a merge", error)
         && dg_store_index_node (store, drop, error) && dg_store_index_node (store, keep, error);
}

/* Why merge rec cannot be taken back now, or NULL when it can. */
static char *
undo_blocker (DgStore *store, const DgMergeRecord *rec, GError **error)
{
  if (rec->undone_at)
    return g_strdup_printf ("merge %" G_GINT64_FORMAT " was taken back already (%s)", rec->id,
                            rec->undone_at);
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT id FROM merges WHERE id > ?1 AND undone_at IS NULL "
           "AND (keep = ?2 OR dropped = ?2) ORDER BY id DESC LIMIT 1", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, rec->id);
  sqlite3_bind_int64 (st, 2, rec->keep);
  gint64 later = sqlite3_step (st) == SQLITE_ROW ? sqlite3_column_int64 (st, 0) : 0;
  sqlite3_reset (st);
  if (later)
    return g_strdup_printf ("merge %" G_GINT64_FORMAT " changed #%" G_GINT64_FORMAT
                            " since; take that back first (docgraph unmerge %" G_GINT64_FORMAT ")",
                            later, rec->keep, later);
  gboolean taken;
  if (!id_taken (store, "SELECT 1 FROM nodes WHERE id = ?", rec->drop, &taken, error))
    return NULL;
  if (taken)
    return g_strdup_printf ("a later node has id #%" G_GINT64_FORMAT ", which the merged node had",
                            rec->drop);
  return NULL;
}

DgMergeRecord *
dg_store_unmerge (DgStore *store, gint64 merge_id, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  sqlite3_stmt *st = dg_store_prepare (
    store, merge_id ? "SELECT " RECORD_COLUMNS ", undo FROM merges WHERE id = ?"
                    : "SELECT " RECORD_COLUMNS ", undo FROM merges WHERE undone_at IS NULL "
                      "ORDER BY id DESC LIMIT 1", error);
  if (st == NULL)
    return NULL;
  if (merge_id)
    sqlite3_bind_int64 (st, 1, merge_id);
  int rc = sqlite3_step (st);
  g_autoptr (DgMergeRecord) rec = rc == SQLITE_ROW ? record_from (st) : NULL;
  g_autofree char *undo = rc == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (st, 8))
                                           : NULL;
  sqlite3_reset (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading the merge log");
      return NULL;
    }
  if (rec == NULL)
    {
      if (merge_id)
        g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND,
                     "no merge %" G_GINT64_FORMAT " (docgraph unmerge --list shows them)",
                     merge_id);
      else
        g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND, "no merge to take back");
      return NULL;
    }
  GError *why = NULL;
  g_autofree char *blocker = undo_blocker (store, rec, &why);
  if (why)
    {
      g_propagate_error (error, why);
      return NULL;
    }
  if (blocker)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID, "%s", blocker);
      return NULL;
    }
  g_autoptr (JsonObject) snap = dg_store_json_parse (undo);
  if (!dg_store_exec (store, "SAVEPOINT unmerge", error))
    return NULL;
  gboolean ok = undo_rows (store, snap, rec->keep, rec->drop, error)
                && exec_ids2 (store, "UPDATE merges SET undone_at = "
                                     "strftime ('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                              rec->id, 0, error);
  if (ok && dg_store_exec (store, "RELEASE unmerge", error))
    return g_steal_pointer (&rec);
  dg_store_exec (store, "ROLLBACK TO unmerge", NULL);
  dg_store_exec (store, "RELEASE unmerge", NULL);
  return NULL;
}
