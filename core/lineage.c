/* lineage.c: the 2025 merger of provinces (data/province-mergers.tsv) and
 * the merged-into edges it makes between organizations of the store. */
#include "store-private.h"
#include "data-private.h"

#include <string.h>

/* The tables, indexed once per process. */
typedef struct {
  GPtrArray *rows;         /* DgProvinceMerger *, drawing order */
  GHashTable *by_fold;     /* folded name or alias → canonical name (both lists) */
  GHashTable *by_search;   /* the same without diacritics ("ha giang") */
  GHashTable *row_of;      /* canonical old name → DgProvinceMerger * */
  GPtrArray *before;       /* the 63 names, NULL-terminated */
  GPtrArray *after;        /* the 34 names, NULL-terminated */
  GHashTable *current;     /* the 34 names (a set) */
  GPtrArray *suffixes;     /* " " + folded canonical name, longest first */
  const char *date;        /* the effective date of the first row */
} Provinces;

static gint
longest_first (gconstpointer a, gconstpointer b)
{
  gsize x = strlen (*(const char *const *) a), y = strlen (*(const char *const *) b);
  return x > y ? -1 : x < y;
}

/* Field n of a row, trimmed, as an interned string (lives as long as the
 * process). */
static const char *
intern_field (GStrv row, guint n)
{
  g_autofree char *copy = g_strstrip (g_strdup (dg_data_field (row, n)));
  return g_intern_string (copy);
}

static void
add_fold (Provinces *p, const char *name, const char *canonical)
{
  char *f = dg_text_fold_key (name, -1);
  if (*f && !g_hash_table_contains (p->by_fold, f))
    g_hash_table_insert (p->by_fold, f, (gpointer) canonical);
  else
    g_free (f);
  char *plain = dg_text_fold_search (name, -1);
  if (*plain && !g_hash_table_contains (p->by_search, plain))
    g_hash_table_insert (p->by_search, plain, (gpointer) canonical);
  else
    g_free (plain);
}

static Provinces *
provinces (void)
{
  static Provinces p;
  static gsize once;
  if (!g_once_init_enter (&once))
    return &p;
  p.rows = g_ptr_array_new ();
  p.by_fold = g_hash_table_new (g_str_hash, g_str_equal);
  p.by_search = g_hash_table_new (g_str_hash, g_str_equal);
  p.row_of = g_hash_table_new (g_str_hash, g_str_equal);
  p.current = g_hash_table_new (g_str_hash, g_str_equal);
  p.before = g_ptr_array_new ();
  p.after = g_ptr_array_new ();
  p.suffixes = g_ptr_array_new ();
  /* Names and aliases of provinces.tsv, so that "Thừa Thiên Huế" finds
   * Huế. The names are interned: they live as long as the process. */
  GPtrArray *names = dg_data_table ("provinces.tsv");
  for (guint i = 0; i < names->len; i++)
    {
      GStrv row = names->pdata[i];
      const char *name = intern_field (row, 0);
      if (*name == '\0')
        continue;
      add_fold (&p, name, name);
      g_auto (GStrv) aliases = g_strsplit (dg_data_field (row, 4), ",", -1);
      for (guint k = 0; aliases[k]; k++)
        add_fold (&p, g_strstrip (aliases[k]), name);
    }
  GPtrArray *rows = dg_data_table ("province-mergers.tsv");
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = rows->pdata[i];
      g_autofree char *old_name = g_strstrip (g_strdup (dg_data_field (row, 0)));
      g_autofree char *new_name = g_strstrip (g_strdup (dg_data_field (row, 1)));
      if (*old_name == '\0' || *new_name == '\0')
        continue;
      /* A user's row for an old province replaces the built-in one. */
      const char *old_c = g_intern_string (old_name);
      DgProvinceMerger *m = g_hash_table_lookup (p.row_of, old_c);
      if (m == NULL)
        {
          m = g_new0 (DgProvinceMerger, 1);
          g_ptr_array_add (p.rows, m);
          g_hash_table_insert (p.row_of, (gpointer) old_c, m);
        }
      m->name = old_c;
      m->became = g_intern_string (new_name);
      m->effective = intern_field (row, 2);
      m->resolution = intern_field (row, 3);
      m->region = intern_field (row, 4);
      add_fold (&p, m->name, m->name);
      add_fold (&p, m->became, m->became);
    }
  for (guint i = 0; i < p.rows->len; i++)
    {
      DgProvinceMerger *m = p.rows->pdata[i];
      g_ptr_array_add (p.before, (gpointer) m->name);
      if (!g_hash_table_contains (p.current, m->became))
        g_hash_table_add (p.current, (gpointer) m->became);
    }
  /* The 34 in the order of the row that bears their name (or of their
   * first part when no old province bears it). */
  g_autoptr (GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < p.rows->len; i++)
    {
      DgProvinceMerger *m = p.rows->pdata[i];
      const char *n = g_hash_table_contains (p.current, m->name) ? m->name : NULL;
      if (n == NULL && !g_hash_table_contains (p.row_of, m->became))
        n = m->became;
      if (n && g_hash_table_add (placed, (gpointer) n))
        g_ptr_array_add (p.after, (gpointer) n);
    }
  g_ptr_array_add (p.before, NULL);
  g_ptr_array_add (p.after, NULL);
  GHashTableIter it;
  gpointer key, value;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&it, p.by_fold);
  while (g_hash_table_iter_next (&it, &key, &value))
    if (g_hash_table_add (seen, value))
      {
        g_autofree char *f = dg_text_fold_key (value, -1);
        g_ptr_array_add (p.suffixes, g_strconcat (" ", f, NULL));
      }
  g_ptr_array_sort (p.suffixes, longest_first);
  p.date = p.rows->len ? ((DgProvinceMerger *) p.rows->pdata[0])->effective : "2025-07-01";
  g_once_init_leave (&once, 1);
  return &p;
}

GPtrArray *
dg_province_mergers (void)
{
  return provinces ()->rows;
}

const char *const *
dg_provinces (gboolean before_2025)
{
  Provinces *p = provinces ();
  return (const char *const *) (before_2025 ? p->before : p->after)->pdata;
}

const char *
dg_province_canonical (const char *name)
{
  if (name == NULL)
    return NULL;
  g_autofree char *f = dg_text_fold_key (name, -1);
  const char *c = g_hash_table_lookup (provinces ()->by_fold, f);
  if (c)
    return c;
  g_autofree char *plain = dg_text_fold_search (name, -1);
  return g_hash_table_lookup (provinces ()->by_search, plain);
}

const DgProvinceMerger *
dg_province_merger (const char *name)
{
  const char *c = dg_province_canonical (name);
  return c ? g_hash_table_lookup (provinces ()->row_of, c) : NULL;
}

gboolean
dg_province_is_current (const char *name)
{
  const char *c = dg_province_canonical (name);
  return c && g_hash_table_contains (provinces ()->current, c);
}

char **
dg_province_formed_from (const char *name)
{
  if (!dg_province_is_current (name))
    return NULL;
  const char *c = dg_province_canonical (name);
  GPtrArray *rows = provinces ()->rows;
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < rows->len; i++)
    {
      DgProvinceMerger *m = rows->pdata[i];
      if (strcmp (m->became, c) == 0)
        g_ptr_array_add (out, g_strdup (m->name));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

const char *
dg_province_region (const char *name)
{
  const DgProvinceMerger *m = dg_province_merger (name);
  if (m)
    return m->region;
  /* One of the 34 that no old province is named after: its first part's. */
  const char *c = dg_province_canonical (name);
  GPtrArray *rows = provinces ()->rows;
  for (guint i = 0; c && i < rows->len; i++)
    if (strcmp (((DgProvinceMerger *) rows->pdata[i])->became, c) == 0)
      return ((DgProvinceMerger *) rows->pdata[i])->region;
  return NULL;
}

const char *
dg_province_of_key (const char *key)
{
  if (key == NULL)
    return NULL;
  Provinces *p = provinces ();
  gsize n = strlen (key);
  for (guint i = 0; i < p->suffixes->len; i++)
    {
      const char *s = p->suffixes->pdata[i];
      gsize k = strlen (s);
      /* " hà giang" at the end, or the whole key "hà giang". */
      if ((n >= k && strcmp (key + n - k, s) == 0) || strcmp (key, s + 1) == 0)
        return g_hash_table_lookup (p->by_fold, s + 1);
    }
  return NULL;
}

const char *
dg_merger_date (void)
{
  return provinces ()->date;
}

char *
dg_lineage_describe (const char *key)
{
  const char *c = dg_province_canonical (key);
  if (c == NULL)
    c = dg_province_of_key (key);
  if (c == NULL)
    return NULL;
  const DgProvinceMerger *m = dg_province_merger (c);
  if (m && strcmp (m->became, m->name) != 0)
    return g_strdup_printf ("%s merged into %s on %s (Nghị quyết %s)", m->name, m->became,
                            m->effective, m->resolution);
  g_auto (GStrv) parts = dg_province_formed_from (c);
  if (parts == NULL || g_strv_length (parts) < 2)
    return NULL;
  GString *s = g_string_new (NULL);
  guint n = g_strv_length (parts);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", parts[i]);
  const DgProvinceMerger *own = dg_province_merger (parts[0]);
  char *out = g_strdup_printf ("%s was formed on %s from %s (Nghị quyết %s)", c,
                               own ? own->effective : dg_merger_date (), s->str,
                               own ? own->resolution : "");
  g_string_free (s, TRUE);
  return out;
}

/* ------------------------------------------------------------ the edges */

/* The key of the organization an old one became: its province at the end
 * replaced by the new one. (transfer full); NULL when the key names no
 * province that merged into another. */
static char *
successor_key (const char *key, const DgProvinceMerger **row)
{
  const char *prov = dg_province_of_key (key);
  const DgProvinceMerger *m = prov ? dg_province_merger (prov) : NULL;
  if (m == NULL || strcmp (m->became, m->name) == 0)
    return NULL;
  /* The key ends in the folded canonical name (or an alias of it). */
  Provinces *p = provinces ();
  gsize n = strlen (key);
  for (guint i = 0; i < p->suffixes->len; i++)
    {
      const char *s = p->suffixes->pdata[i];
      gsize k = strlen (s);
      gboolean whole = strcmp (key, s + 1) == 0;
      if (!whole && !(n >= k && strcmp (key + n - k, s) == 0))
        continue;
      g_autofree char *new_fold = dg_text_fold_key (m->became, -1);
      *row = m;
      if (whole)
        return g_steal_pointer (&new_fold);
      return g_strdup_printf ("%.*s %s", (int) (n - k), key, new_fold);
    }
  return NULL;
}

gboolean
dg_store_derive_lineage (DgStore *store, guint *added, guint *removed, GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  guint n_added = 0, n_removed = 0;
  /* Province-level organizations: a district's "Thành ủy Bắc Giang" (the
   * city's committee) does not become the city of Bắc Ninh's. */
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT id, key FROM nodes WHERE type = 'organization' "
           "AND json_extract (attrs, '$.level') = 'province' ORDER BY id", error);
  if (st == NULL)
    return FALSE;
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      *id = sqlite3_column_int64 (st, 0);
      g_hash_table_insert (by_key, g_strdup ((const char *) sqlite3_column_text (st, 1)), id);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading organizations");
      return FALSE;
    }
  gboolean own_tx = store->batch_depth == 0;
  if (own_tx && !dg_store_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* The derived edges are made anew each time: remember those there are,
   * and remove the ones no longer derived at the end. */
  g_autoptr (GHashTable) stale = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  st = dg_store_prepare (store, "SELECT id FROM edges WHERE type = 'merged-into' "
                                "AND json_extract (attrs, '$.derived') IS NOT NULL", error);
  if (st == NULL)
    goto fail;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      *id = sqlite3_column_int64 (st, 0);
      g_hash_table_add (stale, id);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading merged-into edges");
      goto fail;
    }
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, by_key);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      const DgProvinceMerger *m = NULL;
      g_autofree char *next = successor_key (key, &m);
      gint64 *dst = next ? g_hash_table_lookup (by_key, next) : NULL;
      if (dst == NULL)
        continue;
      g_autoptr (JsonObject) attrs = json_object_new ();
      json_object_set_string_member (attrs, "derived", "province-mergers.tsv");
      json_object_set_string_member (attrs, "effective", m->effective);
      json_object_set_string_member (attrs, "resolution", m->resolution);
      g_autofree char *text = dg_store_json_text (attrs);
      st = dg_store_prepare (store, "SELECT id FROM edges WHERE type = 'merged-into' "
                                    "AND src = ? AND dst = ?", error);
      if (st == NULL)
        goto fail;
      sqlite3_bind_int64 (st, 1, *(gint64 *) value);
      sqlite3_bind_int64 (st, 2, *dst);
      gint64 id = sqlite3_step (st) == SQLITE_ROW ? sqlite3_column_int64 (st, 0) : 0;
      sqlite3_reset (st);
      if (id)
        {
          /* There already, derived or given by an article: kept. */
          g_hash_table_remove (stale, &id);
          continue;
        }
      st = dg_store_prepare (store, "INSERT INTO edges (type, src, dst, attrs) "
                                    "VALUES ('merged-into', ?, ?, ?)", error);
      if (st == NULL)
        goto fail;
      sqlite3_bind_int64 (st, 1, *(gint64 *) value);
      sqlite3_bind_int64 (st, 2, *dst);
      sqlite3_bind_text (st, 3, text, -1, SQLITE_TRANSIENT);
      if (!dg_store_step_done (store, st, "adding a merged-into edge", error))
        goto fail;
      n_added++;
    }
  g_hash_table_iter_init (&it, stale);
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      st = dg_store_prepare (store, "DELETE FROM edges WHERE id = ?", error);
      if (st == NULL)
        goto fail;
      sqlite3_bind_int64 (st, 1, *(gint64 *) key);
      if (!dg_store_step_done (store, st, "removing a merged-into edge", error))
        goto fail;
      n_removed++;
    }
  if (own_tx && !dg_store_exec (store, "COMMIT", error))
    goto fail;
  if (added)
    *added = n_added;
  if (removed)
    *removed = n_removed;
  return TRUE;
fail:
  if (own_tx)
    dg_store_exec (store, "ROLLBACK", NULL);
  return FALSE;
}

char *
dg_store_lineage (DgStore *store, gint64 node)
{
  DgNodeRow row = { 0 };
  if (!dg_store_node_row (store, node, &row, NULL))
    return NULL;
  char *out = row.type == DG_NODE_ORGANIZATION ? dg_lineage_describe (row.key) : NULL;
  dg_node_row_clear (&row);
  return out;
}

char *
dg_province_render (DgStore *store, const char *name, DgOutputFormat format, guint width,
                    GError **error)
{
  const char *c = dg_province_canonical (name);
  if (c == NULL)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND, "no province “%s”", name);
      return NULL;
    }
  const DgProvinceMerger *m = dg_province_merger (c);
  gboolean current = dg_province_is_current (c);
  g_autofree char *lineage = dg_lineage_describe (c);
  const char *status = m && current ? "one of the 63 provinces before the 2025 merger and of the 34 since"
                       : current ? "one of the 34 provinces since the 2025 merger"
                       : m ? "one of the 63 provinces before the 2025 merger"
                           : "a province of before 1997, named in histories";
  /* The organizations whose key ends in the province. */
  g_autofree char *fold = dg_text_fold_key (c, -1);
  g_autofree char *suffix = g_strconcat (" ", fold, NULL);
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT n.id, " DG_NODE_ROW_COLUMNS " FROM nodes n WHERE n.type = 'organization' "
           "AND (n.key = ?1 OR substr (n.key, -length (?2)) = ?2) "
           "ORDER BY json_extract (n.attrs, '$.level') IS NOT 'province', n.label, n.id", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, fold, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, suffix, -1, SQLITE_TRANSIENT);
  g_autoptr (GPtrArray) orgs = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_node_row_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      DgNodeRow *r = g_new0 (DgNodeRow, 1);
      dg_node_row_from_stmt (st, 0, r);
      g_ptr_array_add (orgs, r);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading organizations");
      return NULL;
    }
  if (format == DG_FORMAT_JSON)
    {
      g_autoptr (JsonObject) o = json_object_new ();
      json_object_set_string_member (o, "province", c);
      json_object_set_string_member (o, "status", status);
      dg_json_set_string (o, "lineage", lineage);
      if (m)
        json_object_set_string_member (o, "became", m->became);
      g_auto (GStrv) parts = dg_province_formed_from (c);
      if (parts)
        {
          JsonArray *a = json_array_new ();
          for (guint i = 0; parts[i]; i++)
            json_array_add_string_element (a, parts[i]);
          json_object_set_array_member (o, "formed_from", a);
        }
      JsonArray *arr = json_array_new ();
      for (guint i = 0; i < orgs->len; i++)
        json_array_add_element (arr, dg_node_row_to_json (orgs->pdata[i]));
      json_object_set_array_member (o, "organizations", arr);
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, o);
      return dg_json_render (node);
    }
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "%s\nprovince, %s\n", c, status);
  if (lineage)
    {
      g_autofree char *wrapped = dg_text_wrap (lineage, width, "");
      g_string_append_printf (out, "%s\n", wrapped);
    }
  if (orgs->len == 0)
    {
      g_string_append (out, "\nno organization of it in the store\n");
      return g_string_free (out, FALSE);
    }
  g_string_append_printf (out, "\norganizations of %s in the store (%u):\n", c, orgs->len);
  g_autoptr (DgTable) t = dg_table_new (3, NULL);
  dg_table_set_column (t, 0, DG_ALIGN_RIGHT, 2);
  for (guint i = 0; i < orgs->len; i++)
    {
      DgNodeRow *r = orgs->pdata[i];
      g_autofree char *id = g_strdup_printf ("#%" G_GINT64_FORMAT, r->id);
      const char *cells[] = { id, r->label, r->level };
      dg_table_add_row (t, cells);
    }
  g_auto (GStrv) lines = dg_table_render_lines (t, width > 2 ? width - 2 : width);
  for (guint i = 0; lines[i]; i++)
    g_string_append_printf (out, "  %s\n", lines[i]);
  return g_string_free (out, FALSE);
}
