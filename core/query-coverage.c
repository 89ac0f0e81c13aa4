/* query-coverage.c: `docgraph coverage DOC`: every province (or district,
 * commune) with the documents of the implements tree under DOC that it
 * issued, how many days after DOC, and those that issued none. */
#include "store-private.h"

#include <stdlib.h>
#include <string.h>

G_STATIC_ASSERT (DG_LAG_N_CLASSES == 5);

static const char *const lag_names[DG_LAG_N_CLASSES] = {
  [DG_LAG_NONE] = "none",
  [DG_LAG_30] = "≤ 30 days",
  [DG_LAG_90] = "≤ 90 days",
  [DG_LAG_LATER] = "later",
  [DG_LAG_UNKNOWN] = "date unknown",
};

const char *
dg_lag_class_name (DgLagClass lag)
{
  return (guint) lag < DG_LAG_N_CLASSES ? lag_names[lag] : NULL;
}

static const char *const level_names[] = { "province", "district", "commune" };

gboolean
dg_coverage_level_parse (const char *name, DgCoverageLevel *out)
{
  for (guint i = 0; name && i < G_N_ELEMENTS (level_names); i++)
    if (strcmp (name, level_names[i]) == 0)
      {
        *out = (DgCoverageLevel) i;
        return TRUE;
      }
  return FALSE;
}

/* ---------------------------------------------------------------- dates */

gboolean
dg_date_bound_valid (const char *s)
{
  static const char shape[] = "dddd-dd-dd";
  if (s == NULL)
    return FALSE;
  gsize n = strlen (s);
  if (n != 4 && n != 7 && n != 10)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (s[i]) : s[i] != '-')
      return FALSE;
  int month = n >= 7 ? atoi (s + 5) : 1, day = n == 10 ? atoi (s + 8) : 1;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* The last day an until bound takes in: "2024" → "2024-12-31",
 * "2024-02" → "2024-02-31" (only compared as text). (transfer full) */
static char *
until_end (const char *until)
{
  gsize n = strlen (until);
  return g_strconcat (until, n == 4 ? "-12-31" : n == 7 ? "-31" : "", NULL);
}

gboolean
dg_date_within (const char *date, const char *since, const char *until)
{
  if (since == NULL && until == NULL)
    return TRUE;
  /* Undated, or a day and month without the year ("--11-08"). */
  if (date == NULL || !g_ascii_isdigit (*date))
    return FALSE;
  if (since && strcmp (date, since) < 0)
    return FALSE;
  if (until)
    {
      g_autofree char *end = until_end (until);
      if (strcmp (date, end) > 0)
        return FALSE;
    }
  return TRUE;
}

/* Days from a to b when both are whole ISO dates. */
static gboolean
days_between (const char *a, const char *b, int *out)
{
  GDate da, db;
  for (guint k = 0; k < 2; k++)
    {
      const char *s = k ? b : a;
      if (s == NULL || strlen (s) != 10 || !dg_date_bound_valid (s))
        return FALSE;
      int y = atoi (s), m = atoi (s + 5), d = atoi (s + 8);
      if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
        return FALSE;
      g_date_clear (k ? &db : &da, 1);
      g_date_set_dmy (k ? &db : &da, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
    }
  *out = g_date_days_between (&da, &db);
  return TRUE;
}

/* ------------------------------------------------------- structures */

static void
coverage_doc_free (gpointer p)
{
  DgCoverageDoc *d = p;
  dg_node_row_clear (&d->node);
  g_free (d->province);
  g_free (d->via);
  g_free (d->source);
  g_free (d);
}

static void
coverage_unit_free (gpointer p)
{
  DgCoverageUnit *u = p;
  g_free (u->name);
  g_free (u->note);
  g_free (u->region);
  g_ptr_array_unref (u->docs);
  g_free (u);
}

void
dg_coverage_free (DgCoverage *c)
{
  if (c == NULL)
    return;
  dg_node_row_clear (&c->root);
  g_free (c->as_of);
  g_free (c->scope);
  g_clear_pointer (&c->units, g_ptr_array_unref);
  g_clear_pointer (&c->unplaced, g_ptr_array_unref);
  g_free (c);
}

static DgCoverageDoc *
coverage_doc_copy (const DgCoverageDoc *d, const char *via)
{
  DgCoverageDoc *c = g_new0 (DgCoverageDoc, 1);
  *c = *d;
  c->node.key = g_strdup (d->node.key);
  c->node.label = g_strdup (d->node.label);
  c->node.code = g_strdup (d->node.code);
  c->node.date = g_strdup (d->node.date);
  c->node.level = g_strdup (d->node.level);
  c->node.title = g_strdup (d->node.title);
  c->node.by = g_strdup (d->node.by);
  c->province = g_strdup (d->province);
  c->source = g_strdup (d->source);
  c->via = g_strdup (via);
  return c;
}

/* ----------------------------------------------------- district, commune */

/* Words that name the kind of a district or a commune in an organization's
 * name, and the kind they mean: "Ban Thường vụ Huyện ủy Nam Đàn" is of
 * huyện Nam Đàn, "UBND phường Bến Thủy" of phường Bến Thủy. */
static const struct {
  const char *words;     /* folded, one or two words */
  DgCoverageLevel level; /* the level they name */
  const char *kind;      /* the unit's kind word */
} place_words[] = {
  { "huyện ủy", DG_COVERAGE_DISTRICT, "huyện" },
  { "quận ủy", DG_COVERAGE_DISTRICT, "quận" },
  { "thị ủy", DG_COVERAGE_DISTRICT, "thị xã" },
  { "thành ủy", DG_COVERAGE_DISTRICT, "thành phố" },
  { "thị xã", DG_COVERAGE_DISTRICT, "thị xã" },
  { "thành phố", DG_COVERAGE_DISTRICT, "thành phố" },
  { "thị trấn", DG_COVERAGE_COMMUNE, "thị trấn" },
  { "đặc khu", DG_COVERAGE_COMMUNE, "đặc khu" },
  { "huyện", DG_COVERAGE_DISTRICT, "huyện" },
  { "quận", DG_COVERAGE_DISTRICT, "quận" },
  { "xã", DG_COVERAGE_COMMUNE, "xã" },
  { "phường", DG_COVERAGE_COMMUNE, "phường" },
};

/* The unit of the level an organization's name places it in: "huyện Nam
 * Đàn", with *key set to the folded place ("nam đàn"). (transfer full);
 * NULL when the name names no place of the level. */
static char *
unit_of_label (const char *label, DgCoverageLevel level, char **key)
{
  g_autofree char *squeezed = dg_text_squeeze (label, -1);
  g_auto (GStrv) words = g_strsplit (squeezed, " ", -1);
  guint n = g_strv_length (words);
  g_autofree char **folded = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    folded[i] = dg_text_fold_key (words[i], -1);
  char *unit = NULL;
  /* The last place word decides: "Ban Tổ chức Huyện ủy Nam Đàn". */
  for (guint i = n; unit == NULL && i-- > 0;)
    for (guint k = 0; k < G_N_ELEMENTS (place_words); k++)
      {
        const char *w = place_words[k].words;
        const char *sp = strchr (w, ' ');
        guint first = i, len = 1;
        if (sp)
          {
            if (i == 0)
              continue;
            first = i - 1;
            len = 2;
            if (strncmp (folded[first], w, (gsize) (sp - w)) != 0
                || folded[first][sp - w] != '\0' || strcmp (folded[i], sp + 1) != 0)
              continue;
          }
        else if (strcmp (folded[i], w) != 0)
          continue;
        /* "thị xã" is a district, not a commune "xã". */
        if (!sp && i > 0 && strcmp (w, "xã") == 0 && strcmp (folded[i - 1], "thị") == 0)
          break;
        if (place_words[k].level != level || first + len >= n)
          break;
        g_autofree char *place = g_strjoinv (" ", words + first + len);
        *key = dg_text_fold_key (place, -1);
        unit = g_strdup_printf ("%s %s", place_words[k].kind, place);
        break;
      }
  for (guint i = 0; i < n; i++)
    g_free (folded[i]);
  return unit;
}

/* ------------------------------------------------------------- reading */

/* An issuer of a document. */
typedef struct {
  char *key;   /* its resolution key */
  char *label; /* its name */
  char *level; /* attrs.level, or NULL */
} Issuer;

static void
issuer_free (gpointer p)
{
  Issuer *i = p;
  g_free (i->key);
  g_free (i->label);
  g_free (i->level);
  g_free (i);
}

static GPtrArray *
read_issuers (DgStore *store, gint64 doc, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT o.key, o.label, json_extract (o.attrs, '$.level') FROM edges e "
           "JOIN nodes o ON o.id = e.dst WHERE e.src = ? AND e.type = 'issued-by' "
           "ORDER BY o.key", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, doc);
  GPtrArray *out = g_ptr_array_new_with_free_func (issuer_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      Issuer *i = g_new0 (Issuer, 1);
      i->key = g_strdup ((const char *) sqlite3_column_text (st, 0));
      i->label = g_strdup ((const char *) sqlite3_column_text (st, 1));
      i->level = g_strdup ((const char *) sqlite3_column_text (st, 2));
      g_ptr_array_add (out, i);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading issuers");
      g_ptr_array_unref (out);
      return NULL;
    }
  return out;
}

static char *
article_date (DgStore *store, gint64 article)
{
  sqlite3_stmt *st = dg_store_prepare (store, "SELECT date FROM articles WHERE id = ?", NULL);
  if (st == NULL || article == 0)
    return NULL;
  sqlite3_bind_int64 (st, 1, article);
  char *date = NULL;
  if (sqlite3_step (st) == SQLITE_ROW)
    date = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  return date;
}

/* The province the issuers name, the first that names one. */
static const char *
issuers_province (GPtrArray *issuers)
{
  for (guint i = 0; issuers && i < issuers->len; i++)
    {
      const char *p = dg_province_of_key (((Issuer *) issuers->pdata[i])->key);
      if (p)
        return p;
    }
  return NULL;
}

/* The level of a document: its own, else its first issuer's. */
static const char *
doc_level (const DgNodeRow *node, GPtrArray *issuers)
{
  if (node->level && strcmp (node->level, "unknown") != 0)
    return node->level;
  for (guint i = 0; issuers && i < issuers->len; i++)
    {
      const char *l = ((Issuer *) issuers->pdata[i])->level;
      if (l && strcmp (l, "unknown") != 0)
        return l;
    }
  return NULL;
}

/* The province of root, or of the nearest document it implements whose
 * issuer names one: the scope of district and commune units. */
static char *
scope_province (DgStore *store, gint64 root, GError **error)
{
  g_autoptr (GPtrArray) up = dg_store_implements (store, root, TRUE, 0, error);
  if (up == NULL)
    return NULL;
  for (guint i = 0; i < up->len; i++)
    {
      DgImplementsRow *r = up->pdata[i];
      g_autoptr (GPtrArray) issuers = read_issuers (store, r->node.id, error);
      if (issuers == NULL)
        return NULL;
      const char *p = issuers_province (issuers);
      if (p)
        return g_strdup (p);
    }
  return g_strdup ("");
}

static gint
doc_order (gconstpointer a, gconstpointer b)
{
  const DgCoverageDoc *x = *(DgCoverageDoc *const *) a, *y = *(DgCoverageDoc *const *) b;
  gboolean dx = x->node.date && g_ascii_isdigit (*x->node.date);
  gboolean dy = y->node.date && g_ascii_isdigit (*y->node.date);
  if (dx != dy)
    return dx ? -1 : 1;
  int c = dx ? strcmp (x->node.date, y->node.date) : 0;
  if (c)
    return c;
  if (x->depth != y->depth)
    return x->depth < y->depth ? -1 : 1;
  return x->node.id < y->node.id ? -1 : x->node.id > y->node.id;
}

static gint
unit_by_name (gconstpointer a, gconstpointer b)
{
  const DgCoverageUnit *x = *(DgCoverageUnit *const *) a, *y = *(DgCoverageUnit *const *) b;
  g_autofree char *fx = dg_text_fold_search (x->name, -1);
  g_autofree char *fy = dg_text_fold_search (y->name, -1);
  return strcmp (fx, fy);
}

static gint
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static DgCoverageUnit *
unit_new (const char *name)
{
  DgCoverageUnit *u = g_new0 (DgCoverageUnit, 1);
  u->name = g_strdup (name);
  u->docs = g_ptr_array_new_with_free_func (coverage_doc_free);
  return u;
}

/* The province units, with their notes: what a new one was formed from,
 * what an old one became. */
static void
province_units (DgCoverage *c, GHashTable *by_name)
{
  const char *const *names = dg_provinces (c->before_2025);
  for (guint i = 0; names[i]; i++)
    {
      DgCoverageUnit *u = unit_new (names[i]);
      u->region = g_strdup (dg_province_region (names[i]));
      if (c->before_2025)
        {
          const DgProvinceMerger *m = dg_province_merger (names[i]);
          if (m && strcmp (m->became, m->name) != 0)
            u->note = g_strdup_printf ("→ %s", m->became);
        }
      else
        {
          g_auto (GStrv) parts = dg_province_formed_from (names[i]);
          if (parts && g_strv_length (parts) > 1)
            u->note = g_strjoinv (" + ", parts);
        }
      g_ptr_array_add (c->units, u);
      g_hash_table_insert (by_name, g_strdup (names[i]), u);
    }
}

static void
add_to_unit (GHashTable *by_name, const char *unit, DgCoverageDoc *doc, const char *via)
{
  DgCoverageUnit *u = g_hash_table_lookup (by_name, unit);
  if (u)
    g_ptr_array_add (u->docs, coverage_doc_copy (doc, via));
}

DgCoverage *
dg_store_coverage (DgStore *store, const DgCoverageQuery *q, GError **error)
{
  g_return_val_if_fail (store != NULL && q != NULL, NULL);
  if (q->as_of && !dg_date_bound_valid (q->as_of))
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                   "--as-of wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not “%s”", q->as_of);
      return NULL;
    }
  g_autoptr (DgCoverage) c = g_new0 (DgCoverage, 1);
  if (!dg_store_node_row (store, q->root, &c->root, error))
    return NULL;
  if (c->root.type != DG_NODE_DOCUMENT)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                   "#%" G_GINT64_FORMAT " %s is a %s, not a document", c->root.id,
                   c->root.label, dg_node_type_name (c->root.type));
      return NULL;
    }
  c->level = q->level;
  c->as_of = g_strdup (q->as_of);
  g_autofree char *as_of_end = q->as_of ? until_end (q->as_of) : NULL;
  const char *merger = dg_merger_date ();
  c->before_2025 = q->level == DG_COVERAGE_PROVINCE
                   && (q->before_2025 || (as_of_end && strcmp (as_of_end, merger) < 0));
  c->units = g_ptr_array_new_with_free_func (coverage_unit_free);
  c->unplaced = g_ptr_array_new_with_free_func (coverage_doc_free);
  g_autoptr (GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (q->level == DG_COVERAGE_PROVINCE)
    province_units (c, by_name);
  else
    {
      c->scope = scope_province (store, q->root, error);
      if (c->scope == NULL)
        return NULL;
      if (*c->scope == '\0')
        g_clear_pointer (&c->scope, g_free);
    }
  g_autoptr (GPtrArray) tree = dg_store_implements (store, q->root, FALSE, 0, error);
  if (tree == NULL)
    return NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  const char *want = level_names[q->level];
  for (guint i = 1; i < tree->len; i++)
    {
      DgImplementsRow *r = tree->pdata[i];
      /* A document reached by two paths counts once, at its first. */
      if (!g_hash_table_add (seen, &r->node.id))
        continue;
      g_autoptr (GPtrArray) issuers = read_issuers (store, r->node.id, error);
      if (issuers == NULL)
        return NULL;
      const char *level = doc_level (&r->node, issuers);
      if (level == NULL || strcmp (level, want) != 0)
        continue;
      g_autofree char *reported = article_date (store, r->article);
      const char *when = r->node.date && g_ascii_isdigit (*r->node.date) ? r->node.date : reported;
      if (!dg_date_within (when, NULL, q->as_of))
        continue;
      DgCoverageDoc doc = { 0 };
      doc.node = r->node;
      doc.depth = r->depth;
      doc.parent = r->parent;
      doc.article = r->article;
      doc.source = r->source;
      doc.offset = r->offset;
      doc.has_lag = days_between (c->root.date, r->node.date, &doc.lag);
      const char *prov = issuers_province (issuers);
      doc.province = (char *) prov;
      if (q->level == DG_COVERAGE_PROVINCE)
        {
          const DgProvinceMerger *m = prov ? dg_province_merger (prov) : NULL;
          gboolean after = when && strcmp (when, merger) >= 0;
          if (prov == NULL || (m == NULL && !dg_province_is_current (prov)))
            g_ptr_array_add (c->unplaced, coverage_doc_copy (&doc, NULL));
          else if (!c->before_2025)
            {
              const char *unit = m ? m->became : prov;
              g_autofree char *via = strcmp (unit, prov) ? g_strdup_printf ("as %s", prov) : NULL;
              add_to_unit (by_name, unit, &doc, via);
            }
          else if (after && dg_province_is_current (prov))
            {
              /* A plan of a new province covers each of its old parts. */
              g_auto (GStrv) parts = dg_province_formed_from (prov);
              for (guint k = 0; parts && parts[k]; k++)
                {
                  g_autofree char *via = strcmp (parts[k], prov) ? g_strdup_printf ("as %s", prov)
                                                                  : NULL;
                  add_to_unit (by_name, parts[k], &doc, via);
                }
            }
          else
            add_to_unit (by_name, prov, &doc, NULL);
          continue;
        }
      /* District or commune: the place in the first issuer that names one. */
      g_autofree char *unit = NULL, *key = NULL;
      for (guint k = 0; unit == NULL && k < issuers->len; k++)
        unit = unit_of_label (((Issuer *) issuers->pdata[k])->label, q->level, &key);
      if (unit == NULL)
        {
          g_ptr_array_add (c->unplaced, coverage_doc_copy (&doc, NULL));
          continue;
        }
      DgCoverageUnit *u = g_hash_table_lookup (by_name, key);
      if (u == NULL)
        {
          u = unit_new (unit);
          g_ptr_array_add (c->units, u);
          g_hash_table_insert (by_name, g_steal_pointer (&key), u);
        }
      g_ptr_array_add (u->docs, coverage_doc_copy (&doc, NULL));
    }
  if (q->level != DG_COVERAGE_PROVINCE)
    g_ptr_array_sort (c->units, unit_by_name);
  g_autoptr (GArray) lags = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < c->units->len; i++)
    {
      DgCoverageUnit *u = c->units->pdata[i];
      g_ptr_array_sort (u->docs, doc_order);
      if (u->docs->len == 0)
        u->lag = DG_LAG_NONE;
      else
        {
          c->n_covered++;
          DgCoverageDoc *first = u->docs->pdata[0];
          if (!first->has_lag)
            u->lag = DG_LAG_UNKNOWN;
          else
            {
              u->lag = first->lag <= 30 ? DG_LAG_30 : first->lag <= 90 ? DG_LAG_90 : DG_LAG_LATER;
              double d = first->lag;
              g_array_append_val (lags, d);
            }
        }
      c->counts[u->lag]++;
    }
  c->n_lag = lags->len;
  if (lags->len)
    {
      g_array_sort (lags, compare_double);
      guint m = lags->len / 2;
      c->median_lag = lags->len % 2 ? g_array_index (lags, double, m)
                                    : (g_array_index (lags, double, m - 1)
                                       + g_array_index (lags, double, m)) / 2;
    }
  return g_steal_pointer (&c);
}

/* -------------------------------------------------------------- output */

static const char *
unit_word (const DgCoverage *c, guint n)
{
  static const char *const one[] = { "province", "district", "commune" };
  static const char *const many[] = { "provinces", "districts", "communes" };
  return n == 1 ? one[c->level] : many[c->level];
}

char *
dg_coverage_summary (DgCoverage *c)
{
  guint total = c->units->len;
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "%u of %u %s", c->n_covered, total, unit_word (c, total));
  if (c->n_lag)
    {
      double m = c->median_lag;
      if (m == (double) (gint64) m)
        g_string_append_printf (s, ", median lag %" G_GINT64_FORMAT " days", (gint64) m);
      else
        g_string_append_printf (s, ", median lag %.1f days", m);
    }
  else if (c->n_covered)
    g_string_append (s, ", median lag unknown");
  return g_string_free (s, FALSE);
}

static void
set_lag (JsonObject *o, const DgCoverageDoc *d)
{
  if (d->has_lag)
    json_object_set_int_member (o, "days", d->lag);
  else
    json_object_set_null_member (o, "days");
}

static JsonNode *
doc_json (const DgCoverageDoc *d)
{
  JsonNode *n = dg_node_row_to_json (&d->node);
  JsonObject *o = json_node_get_object (n);
  json_object_set_int_member (o, "depth", d->depth);
  if (d->parent)
    json_object_set_int_member (o, "parent", d->parent);
  set_lag (o, d);
  dg_json_set_string (o, "province", d->province);
  dg_json_set_string (o, "via", d->via);
  if (d->source)
    {
      JsonObject *ev = json_object_new ();
      json_object_set_int_member (ev, "article", d->article);
      json_object_set_string_member (ev, "source", d->source);
      json_object_set_int_member (ev, "offset", d->offset);
      json_object_set_object_member (o, "evidence", ev);
    }
  return n;
}

JsonNode *
dg_coverage_to_json (DgCoverage *c)
{
  JsonObject *root = json_object_new ();
  json_object_set_member (root, "document", dg_node_row_to_json (&c->root));
  json_object_set_string_member (root, "level", level_names[c->level]);
  if (c->level == DG_COVERAGE_PROVINCE)
    json_object_set_string_member (root, "provinces", c->before_2025 ? "63" : "34");
  dg_json_set_string (root, "as_of", c->as_of);
  dg_json_set_string (root, "scope", c->scope);
  json_object_set_int_member (root, "total", c->units->len);
  json_object_set_int_member (root, "covered", c->n_covered);
  if (c->n_lag)
    json_object_set_double_member (root, "median_lag", c->median_lag);
  else
    json_object_set_null_member (root, "median_lag");
  JsonObject *counts = json_object_new ();
  for (guint k = 0; k < DG_LAG_N_CLASSES; k++)
    json_object_set_int_member (counts, lag_names[k], c->counts[k]);
  json_object_set_object_member (root, "lag_classes", counts);
  g_autofree char *summary = dg_coverage_summary (c);
  json_object_set_string_member (root, "summary", summary);
  JsonArray *units = json_array_new ();
  for (guint i = 0; i < c->units->len; i++)
    {
      DgCoverageUnit *u = c->units->pdata[i];
      JsonObject *o = json_object_new ();
      json_object_set_string_member (o, "name", u->name);
      dg_json_set_string (o, "note", u->note);
      dg_json_set_string (o, "region", u->region);
      json_object_set_string_member (o, "lag", lag_names[u->lag]);
      JsonArray *docs = json_array_new ();
      for (guint k = 0; k < u->docs->len; k++)
        json_array_add_element (docs, doc_json (u->docs->pdata[k]));
      json_object_set_array_member (o, "documents", docs);
      json_array_add_object_element (units, o);
    }
  json_object_set_array_member (root, "units", units);
  JsonArray *unplaced = json_array_new ();
  for (guint k = 0; k < c->unplaced->len; k++)
    json_array_add_element (unplaced, doc_json (c->unplaced->pdata[k]));
  json_object_set_array_member (root, "unplaced", unplaced);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

/* A CSV field, quoted when it must be (RFC 4180). */
static void
csv_field (GString *out, const char *s, gboolean last)
{
  if (s == NULL)
    s = "";
  if (strpbrk (s, ",\"\r\n"))
    {
      g_string_append_c (out, '"');
      for (const char *p = s; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, s);
  g_string_append (out, last ? "\r\n" : ",");
}

char *
dg_coverage_to_csv (DgCoverage *c)
{
  static const char *const header[] = { "unit", "note", "region", "lag", "document_id", "code",
                                        "document", "issuer", "date", "days", "via", "source",
                                        "offset" };
  GString *out = g_string_new (NULL);
  for (guint k = 0; k < G_N_ELEMENTS (header); k++)
    csv_field (out, header[k], k + 1 == G_N_ELEMENTS (header));
  for (guint i = 0; i < c->units->len; i++)
    {
      DgCoverageUnit *u = c->units->pdata[i];
      for (guint k = 0; k < MAX (u->docs->len, 1); k++)
        {
          DgCoverageDoc *d = k < u->docs->len ? u->docs->pdata[k] : NULL;
          g_autofree char *id = d ? g_strdup_printf ("%" G_GINT64_FORMAT, d->node.id) : NULL;
          g_autofree char *days = d && d->has_lag ? g_strdup_printf ("%d", d->lag) : NULL;
          g_autofree char *offset = d && d->source ? g_strdup_printf ("%u", d->offset) : NULL;
          const char *cells[] = { u->name, u->note, u->region, lag_names[u->lag], id,
                                  d ? d->node.code : NULL, d ? d->node.label : NULL,
                                  d ? d->node.by : NULL, d ? d->node.date : NULL, days,
                                  d ? d->via : NULL, d ? d->source : NULL, offset };
          for (guint j = 0; j < G_N_ELEMENTS (cells); j++)
            csv_field (out, cells[j], j + 1 == G_N_ELEMENTS (cells));
        }
    }
  return g_string_free (out, FALSE);
}

char *
dg_coverage_render (DgCoverage *c, DgOutputFormat format, guint width)
{
  if (format == DG_FORMAT_JSON)
    {
      g_autoptr (JsonNode) json = dg_coverage_to_json (c);
      return dg_json_render (json);
    }
  GString *out = g_string_new (NULL);
  const DgNodeRow *r = &c->root;
  g_autofree char *head = g_strdup_printf (
    "%s (%s, %s) by %s%s%s%s%s%s", dg_node_row_name (r), r->by ? r->by : "issuer unknown",
    r->date ? r->date : "date unknown", level_names[c->level],
    c->level == DG_COVERAGE_PROVINCE ? (c->before_2025 ? ", the 63 before 2025-07-01"
                                                        : ", the 34 since 2025-07-01")
                                     : "",
    c->scope ? " of " : "", c->scope ? c->scope : "", c->as_of ? ", as of " : "",
    c->as_of ? c->as_of : "");
  g_autofree char *head_cut = dg_text_cut (head, width);
  g_string_append_printf (out, "%s\n", head_cut);
  const char *headers[] = { c->level == DG_COVERAGE_PROVINCE ? "PROVINCE"
                            : c->level == DG_COVERAGE_DISTRICT ? "DISTRICT" : "COMMUNE",
                            "DOCUMENT", "ISSUER", "DATE", "DAYS", "SOURCE" };
  g_autoptr (DgTable) t = dg_table_new (6, headers);
  dg_table_set_column (t, 0, DG_ALIGN_LEFT, 12);
  dg_table_set_column (t, 1, DG_ALIGN_LEFT, 10);
  dg_table_set_column (t, 3, DG_ALIGN_LEFT, 10);
  dg_table_set_column (t, 4, DG_ALIGN_RIGHT, 4);
  dg_table_set_cut_start (t, 5, TRUE);
  for (guint i = 0; i < c->units->len; i++)
    {
      DgCoverageUnit *u = c->units->pdata[i];
      /* What an old province became fits the column; what a new one was
       * formed from is in the JSON and CSV (and the issuers say it). */
      g_autofree char *name = c->before_2025 && u->note ? g_strdup_printf ("%s %s", u->name, u->note)
                                                        : g_strdup (u->name);
      if (u->docs->len == 0)
        {
          const char *cells[] = { name, "—", "none", NULL, NULL, NULL };
          dg_table_add_row (t, cells);
          continue;
        }
      for (guint k = 0; k < u->docs->len; k++)
        {
          DgCoverageDoc *d = u->docs->pdata[k];
          g_autofree char *days = d->has_lag ? g_strdup_printf ("%d", d->lag) : g_strdup ("?");
          g_autofree char *source = d->source ? g_strdup_printf ("%s @%u", d->source, d->offset)
                                              : NULL;
          const char *cells[] = { k == 0 ? name : NULL, dg_node_row_name (&d->node), d->node.by,
                                  d->node.date, days, source };
          dg_table_add_row (t, cells);
        }
    }
  if (format == DG_FORMAT_TSV)
    {
      /* The table alone, for programs: no heading, no summary. */
      g_string_free (out, TRUE);
      return dg_table_render_as (t, format, width);
    }
  g_autofree char *table = dg_table_render (t, width);
  g_string_append (out, table);
  g_autofree char *summary = dg_coverage_summary (c);
  g_string_append_printf (out, "%s\n", summary);
  g_string_append (out, "by lag:");
  for (guint k = DG_LAG_30; k < DG_LAG_N_CLASSES; k++)
    g_string_append_printf (out, " %s %u,", lag_names[k], c->counts[k]);
  g_string_append_printf (out, " none %u\n", c->counts[DG_LAG_NONE]);
  if (c->unplaced->len)
    {
      g_string_append_printf (out, "%u implementing document%s of this level with no known %s:",
                              c->unplaced->len, c->unplaced->len == 1 ? "" : "s",
                              unit_word (c, 1));
      for (guint k = 0; k < c->unplaced->len; k++)
        {
          DgCoverageDoc *d = c->unplaced->pdata[k];
          g_string_append_printf (out, "%s %s (%s)", k ? ";" : "", dg_node_row_name (&d->node),
                                  d->node.by ? d->node.by : "issuer unknown");
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------- view */

DgGraph *
dg_view_coverage (DgStore *store, const DgViewQuery *query, GError **error)
{
  g_return_val_if_fail (store != NULL && query != NULL, NULL);
  DgCoverageQuery q = { 0 };
  q.root = query->root;
  q.level = DG_COVERAGE_PROVINCE;
  q.as_of = query->until;
  g_autoptr (DgCoverage) c = dg_store_coverage (store, &q, error);
  if (c == NULL)
    return NULL;
  g_autoptr (DgGraph) g = dg_graph_new (NULL);
  DgNode *root = dg_graph_add_node (g, DG_NODE_DOCUMENT, c->root.key, c->root.label);
  dg_node_set_id (root, c->root.id);
  dg_node_set_attr (root, "code", c->root.code, TRUE);
  dg_node_set_attr (root, "date", c->root.date, TRUE);
  dg_node_set_attr (root, "title", c->root.title, TRUE);
  dg_node_set_attr (root, "issuer", c->root.by, TRUE);
  dg_node_set_attr (root, "level", c->root.level, TRUE);
  g_autofree char *summary = dg_coverage_summary (c);
  dg_node_set_attr (root, "coverage_summary", summary, TRUE);
  dg_node_set_attr (root, "coverage_units", c->before_2025 ? "63" : "34", TRUE);
  dg_node_set_attr (root, "as_of", c->as_of, TRUE);
  for (guint i = 0; i < c->units->len; i++)
    {
      DgCoverageUnit *u = c->units->pdata[i];
      g_autofree char *fold = dg_text_fold_key (u->name, -1);
      g_autofree char *key = g_strconcat ("unit:", fold, NULL);
      DgNode *n = dg_graph_add_node (g, DG_NODE_ORGANIZATION, key, u->name);
      JsonObject *a = dg_node_attrs (n);
      dg_node_set_attr (n, "level", "province", TRUE);
      dg_node_set_attr (n, "unit", "province", TRUE);
      dg_node_set_attr (n, "region", u->region, TRUE);
      dg_node_set_attr (n, "note", u->note, TRUE);
      dg_node_set_attr (n, "lag", lag_names[u->lag], TRUE);
      json_object_set_int_member (a, "lag_class", u->lag);
      json_object_set_int_member (a, "order", i);
      json_object_set_int_member (a, "documents", u->docs->len);
      if (u->docs->len == 0)
        continue;
      DgCoverageDoc *d = u->docs->pdata[0];
      json_object_set_int_member (a, "document_id", d->node.id);
      dg_node_set_attr (n, "document", dg_node_row_name (&d->node), TRUE);
      dg_node_set_attr (n, "document_date", d->node.date, TRUE);
      dg_node_set_attr (n, "document_issuer", d->node.by, TRUE);
      dg_node_set_attr (n, "via", d->via, TRUE);
      if (d->has_lag)
        json_object_set_int_member (a, "days", d->lag);
    }
  dg_graph_sort (g);
  return g_steal_pointer (&g);
}

void
dg_graph_keep_dated (DgGraph *graph, const char *since, const char *until, gint64 keep)
{
  if (since == NULL && until == NULL)
    return;
  /* Nodes that had edges: those left with none lost them to the filter
   * (the issuers of documents filtered out) and go too. */
  g_autoptr (GHashTable) linked = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < dg_graph_n_edges (graph); i++)
    {
      DgEdge *e = dg_graph_edge (graph, i);
      g_hash_table_add (linked, dg_edge_src (e));
      g_hash_table_add (linked, dg_edge_dst (e));
    }
  for (guint i = dg_graph_n_nodes (graph); i-- > 0;)
    {
      DgNode *n = dg_graph_node (graph, i);
      DgNodeType t = dg_node_type (n);
      if ((t != DG_NODE_DOCUMENT && t != DG_NODE_EVENT) || (keep && dg_node_id (n) == keep))
        continue;
      if (!dg_date_within (dg_node_get_attr (n, "date"), since, until))
        {
          g_hash_table_remove (linked, n);
          dg_graph_remove_node (graph, n);
        }
    }
  g_autoptr (GHashTable) still = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < dg_graph_n_edges (graph); i++)
    {
      DgEdge *e = dg_graph_edge (graph, i);
      g_hash_table_add (still, dg_edge_src (e));
      g_hash_table_add (still, dg_edge_dst (e));
    }
  for (guint i = dg_graph_n_nodes (graph); i-- > 0;)
    {
      DgNode *n = dg_graph_node (graph, i);
      if (g_hash_table_contains (linked, n) && !g_hash_table_contains (still, n)
          && !(keep && dg_node_id (n) == keep))
        dg_graph_remove_node (graph, n);
    }
}

void
dg_implements_keep_dated (GPtrArray *rows, const char *since, const char *until)
{
  if (rows == NULL || (since == NULL && until == NULL))
    return;
  /* A row stays when it or a row of its subtree is within the bounds: the
   * path to a document kept is kept, so the tree keeps its shape. */
  g_autofree gboolean *keep = g_new0 (gboolean, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      DgImplementsRow *r = rows->pdata[i];
      if (i == 0 || r->depth == 0)
        {
          keep[i] = TRUE;
          continue;
        }
      for (guint j = i; j < rows->len && !keep[i]; j++)
        {
          DgImplementsRow *s = rows->pdata[j];
          if (j > i && s->depth <= r->depth)
            break;
          keep[i] = dg_date_within (s->node.date, since, until);
        }
    }
  for (guint i = rows->len; i-- > 0;)
    if (!keep[i])
      g_ptr_array_remove_index (rows, i);
}
