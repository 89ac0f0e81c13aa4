/* query-implements.c: `docgraph implements`: the tree of documents that
 * carry out a document (or, reversed, that it carries out), with issuer,
 * date and the article that says so. */
#include "store-private.h"

#include <string.h>

/* A depth of 0 means "all"; a cycle stops the walk anyway, this only bounds
 * the path strings. */
#define MAX_DEPTH 1000

/* The walk: one row per path from the root; path is "/id/id/…/" so that a
 * cycle is seen and the parent row of each row is known. The evidence is
 * the first mention of the edge walked. */
#define WALK(next, here)                                                       \
  "WITH RECURSIVE walk (id, edge, depth, path) AS ("                           \
  "  SELECT ?1, 0, 0, '/' || ?1 || '/'"                                        \
  "  UNION ALL"                                                                \
  "  SELECT e." next ", e.id, w.depth + 1, w.path || e." next " || '/'"        \
  "  FROM walk w JOIN edges e ON e." here " = w.id"                            \
  "    AND e.type IN (SELECT value FROM json_each (?3))"                       \
  "  WHERE w.depth < ?2 AND instr (w.path, '/' || e." next " || '/') = 0"     \
  ") "                                                                         \
  "SELECT w.path, w.depth, n.id, " DG_NODE_ROW_COLUMNS ", "                    \
  "  (SELECT m.article || ' ' || m.start || ' ' || a.source FROM mentions m"   \
  "   JOIN articles a ON a.id = m.article WHERE m.edge = w.edge"               \
  "   ORDER BY m.article, m.start LIMIT 1), "                                  \
  "  (SELECT type FROM edges WHERE id = w.edge) "                              \
  "FROM walk w JOIN nodes n ON n.id = w.id"

static const char walk_down[] = WALK ("src", "dst");
static const char walk_up[] = WALK ("dst", "src");

void
dg_implements_row_free (DgImplementsRow *row)
{
  if (row == NULL)
    return;
  dg_node_row_clear (&row->node);
  g_free (row->source);
  g_free (row);
}

typedef struct {
  DgImplementsRow *row; /* owned until placed in the result */
  char *path;           /* "/root/…/id/" */
  char *parent_path;    /* path without the last id */
} Walked;

static void
walked_free (gpointer p)
{
  Walked *w = p;
  dg_implements_row_free (w->row);
  g_free (w->path);
  g_free (w->parent_path);
  g_free (w);
}

/* Dates first (undated last), then names. */
static gint
sibling_order (gconstpointer a, gconstpointer b)
{
  const DgImplementsRow *x = (*(Walked *const *) a)->row, *y = (*(Walked *const *) b)->row;
  gboolean dx = x->node.date && g_ascii_isdigit (*x->node.date);
  gboolean dy = y->node.date && g_ascii_isdigit (*y->node.date);
  if (dx != dy)
    return dx ? -1 : 1;
  if (dx)
    {
      int c = strcmp (x->node.date, y->node.date);
      if (c)
        return c;
    }
  int c = g_strcmp0 (dg_node_row_name (&x->node), dg_node_row_name (&y->node));
  return c ? c : (x->node.id < y->node.id ? -1 : x->node.id > y->node.id);
}

static void
place (Walked *w, GHashTable *children, GPtrArray *out)
{
  g_ptr_array_add (out, g_steal_pointer (&w->row));
  GPtrArray *kids = g_hash_table_lookup (children, w->path);
  if (kids == NULL)
    return;
  g_ptr_array_sort (kids, sibling_order);
  for (guint i = 0; i < kids->len; i++)
    place (kids->pdata[i], children, out);
}

GPtrArray *
dg_store_implements (DgStore *store, gint64 root, gboolean reverse, guint depth, GError **error)
{
  static const DgEdgeType implements[] = { DG_EDGE_IMPLEMENTS };
  return dg_store_relation_tree (store, root, reverse, depth, implements, 1, error);
}

GPtrArray *
dg_store_relation_tree (DgStore *store, gint64 root, gboolean reverse, guint depth,
                        const DgEdgeType *types, guint n_types, GError **error)
{
  g_return_val_if_fail (store != NULL && n_types > 0, NULL);
  sqlite3_stmt *st = dg_store_prepare (store, reverse ? walk_up : walk_down, error);
  if (st == NULL)
    return NULL;
  g_autoptr (GString) list = g_string_new ("[");
  for (guint i = 0; i < n_types; i++)
    g_string_append_printf (list, "%s\"%s\"", i ? "," : "", dg_edge_type_name (types[i]));
  g_string_append_c (list, ']');
  sqlite3_bind_int64 (st, 1, root);
  sqlite3_bind_int (st, 2, depth == 0 || depth > MAX_DEPTH ? MAX_DEPTH : (int) depth);
  sqlite3_bind_text (st, 3, list->str, -1, SQLITE_TRANSIENT);
  g_autoptr (GPtrArray) walked = g_ptr_array_new_with_free_func (walked_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      Walked *w = g_new0 (Walked, 1);
      w->row = g_new0 (DgImplementsRow, 1);
      w->path = g_strdup ((const char *) sqlite3_column_text (st, 0));
      w->row->depth = (guint) sqlite3_column_int (st, 1);
      dg_node_row_from_stmt (st, 2, &w->row->node);
      const char *ev = (const char *) sqlite3_column_text (st, 11);
      if (ev)
        {
          char *end = NULL;
          w->row->article = g_ascii_strtoll (ev, &end, 10);
          w->row->offset = (guint) g_ascii_strtoull (end, &end, 10);
          w->row->source = g_strdup (*end == ' ' ? end + 1 : end);
        }
      DgEdgeType rel;
      if (sqlite3_column_type (st, 12) == SQLITE_TEXT
          && dg_edge_type_parse ((const char *) sqlite3_column_text (st, 12), &rel))
        w->row->relation = dg_edge_type_name (rel);
      /* "/1/5/9/" → parent path "/1/5/", parent id 5. */
      gsize len = strlen (w->path);
      const char *cut = len > 1 ? g_strrstr_len (w->path, (gssize) len - 1, "/") : NULL;
      if (cut && cut != w->path)
        {
          w->parent_path = g_strndup (w->path, (gsize) (cut - w->path) + 1);
          const char *pp = cut - 1;
          while (pp > w->path && *pp != '/')
            pp--;
          w->row->parent = g_ascii_strtoll (pp + 1, NULL, 10);
        }
      g_ptr_array_add (walked, w);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "walking implements edges");
      return NULL;
    }
  if (walked->len == 0)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND,
                   "no node #%" G_GINT64_FORMAT, root);
      return NULL;
    }
  g_autoptr (GHashTable) children
    = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  Walked *top = NULL;
  for (guint i = 0; i < walked->len; i++)
    {
      Walked *w = walked->pdata[i];
      if (w->parent_path == NULL)
        {
          top = w;
          continue;
        }
      GPtrArray *kids = g_hash_table_lookup (children, w->parent_path);
      if (kids == NULL)
        {
          kids = g_ptr_array_new ();
          g_hash_table_insert (children, w->parent_path, kids);
        }
      g_ptr_array_add (kids, w);
    }
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_implements_row_free);
  place (top, children, out);
  return out;
}

JsonNode *
dg_implements_to_json (GPtrArray *rows, gboolean reverse)
{
  JsonObject *root = json_object_new ();
  json_object_set_string_member (root, "direction", reverse ? "implemented" : "implementing");
  JsonArray *arr = json_array_new ();
  for (guint i = 0; i < rows->len; i++)
    {
      DgImplementsRow *r = rows->pdata[i];
      JsonNode *n = dg_node_row_to_json (&r->node);
      JsonObject *o = json_node_get_object (n);
      json_object_set_int_member (o, "depth", r->depth);
      if (r->relation)
        json_object_set_string_member (o, "relation", r->relation);
      if (r->parent)
        json_object_set_int_member (o, "parent", r->parent);
      if (r->source)
        {
          JsonObject *ev = json_object_new ();
          json_object_set_int_member (ev, "article", r->article);
          json_object_set_string_member (ev, "source", r->source);
          json_object_set_int_member (ev, "offset", r->offset);
          json_object_set_object_member (o, "evidence", ev);
        }
      json_array_add_element (arr, n);
    }
  json_object_set_array_member (root, "documents", arr);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

/* The tree drawing in front of row i: "│  " for each open ancestor level,
 * then "├─ " or "└─ ". (transfer full) */
static char *
tree_prefix (GPtrArray *rows, guint i, GArray *open)
{
  DgImplementsRow *r = rows->pdata[i];
  if (r->depth == 0)
    return g_strdup ("");
  /* Last among its siblings when no later row of its depth comes before
   * one that is shallower. */
  gboolean last = TRUE;
  for (guint j = i + 1; j < rows->len; j++)
    {
      guint d = ((DgImplementsRow *) rows->pdata[j])->depth;
      if (d < r->depth)
        break;
      if (d == r->depth)
        {
          last = FALSE;
          break;
        }
    }
  g_array_set_size (open, r->depth + 1);
  g_array_index (open, gboolean, r->depth) = !last;
  GString *p = g_string_new (NULL);
  for (guint d = 1; d < r->depth; d++)
    g_string_append (p, g_array_index (open, gboolean, d) ? "│  " : "   ");
  g_string_append (p, last ? "└─ " : "├─ ");
  return g_string_free (p, FALSE);
}

/* The tree as rows with its depth and parent instead of a drawing. */
static char *
implements_tsv (GPtrArray *rows)
{
  const char *headers[] = { "DEPTH", "ID", "PARENT", "RELATION", "DOCUMENT", "ISSUER", "DATE", "SOURCE",
                            "OFFSET" };
  g_autoptr (DgTable) t = dg_table_new (G_N_ELEMENTS (headers), headers);
  for (guint i = 0; i < rows->len; i++)
    {
      DgImplementsRow *r = rows->pdata[i];
      g_autofree char *depth = g_strdup_printf ("%u", r->depth);
      g_autofree char *id = g_strdup_printf ("#%" G_GINT64_FORMAT, r->node.id);
      g_autofree char *parent = r->parent ? g_strdup_printf ("#%" G_GINT64_FORMAT, r->parent) : NULL;
      g_autofree char *offset = r->source ? g_strdup_printf ("%u", r->offset) : NULL;
      const char *cells[] = { depth, id, parent, r->relation, dg_node_row_name (&r->node),
                              r->node.by, r->node.date, r->source, offset };
      dg_table_add_row (t, cells);
    }
  return dg_table_render_tsv (t);
}

char *
dg_implements_render (GPtrArray *rows, gboolean reverse, DgOutputFormat format, guint width)
{
  if (format == DG_FORMAT_JSON)
    {
      g_autoptr (JsonNode) json = dg_implements_to_json (rows, reverse);
      return dg_json_render (json);
    }
  if (format == DG_FORMAT_TSV)
    return implements_tsv (rows);
  const char *headers[] = { "DOCUMENT", "ISSUER", "DATE", "SOURCE" };
  g_autoptr (DgTable) t = dg_table_new (4, headers);
  dg_table_set_column (t, 2, DG_ALIGN_LEFT, 10);
  dg_table_set_cut_start (t, 3, TRUE);
  g_autoptr (GArray) open = g_array_new (FALSE, TRUE, sizeof (gboolean));
  guint keep = 16; /* the column is never cut below its widest code */
  for (guint i = 0; i < rows->len; i++)
    {
      DgImplementsRow *r = rows->pdata[i];
      g_autofree char *prefix = tree_prefix (rows, i, open);
      gboolean other = r->relation && strcmp (r->relation, "implements") != 0;
      g_autofree char *name = g_strconcat (prefix, other ? "[" : "", other ? r->relation : "",
                                           other ? "] " : "", dg_node_row_name (&r->node), NULL);
      if (r->node.code && *r->node.code)
        keep = MAX (keep, (guint) dg_text_display_width (name));
      g_autofree char *source = r->source ? g_strdup_printf ("%s @%u", r->source, r->offset)
                                          : NULL;
      const char *cells[] = { name, r->node.by, r->node.date, source };
      dg_table_add_row (t, cells);
    }
  dg_table_set_column (t, 0, DG_ALIGN_LEFT, keep);
  g_autofree char *table = dg_table_render (t, width);
  guint n = rows->len ? rows->len - 1 : 0;
  if (reverse)
    return g_strdup_printf ("%sit implements %u document%s\n", table, n, n == 1 ? "" : "s");
  return g_strdup_printf ("%s%u document%s implement%s it\n", table, n, n == 1 ? "" : "s",
                          n == 1 ? "s" : "");
}
