/* query-resolve.c: from what a user types (an id, a document code, a name,
 * folded words) to one node, or an error that says what was meant. */
#include "store-private.h"

#include <stdlib.h>
#include <string.h>

/* Candidates listed in an ambiguity message, and suggestions in a
 * not-found one. */
#define MAX_CANDIDATES 20
#define MAX_SUGGESTIONS 5

/* The distance over code points x[0…la) and y[0…lb), given as either
 * bytes (ASCII) or gunichar; the rows are the caller's, lb + 1 long. */
#define EDIT_DISTANCE_BODY(x, y, la, lb, max, prev, cur)                       \
  do {                                                                         \
    for (glong j = 0; j <= (lb); j++)                                          \
      (prev)[j] = (guint) j;                                                   \
    for (glong i = 1; i <= (la); i++)                                          \
      {                                                                        \
        (cur)[0] = (guint) i;                                                  \
        guint row_min = (cur)[0];                                              \
        for (glong j = 1; j <= (lb); j++)                                      \
          {                                                                    \
            guint sub = (prev)[j - 1] + ((x)[i - 1] != (y)[j - 1]);            \
            guint del = (prev)[j] + 1, ins = (cur)[j - 1] + 1;                 \
            (cur)[j] = MIN (sub, MIN (del, ins));                              \
            row_min = MIN (row_min, (cur)[j]);                                 \
          }                                                                    \
        if (row_min > (max))                                                   \
          return (max) + 1;                                                    \
        guint *t_ = (prev);                                                    \
        (prev) = (cur);                                                        \
        (cur) = t_;                                                            \
      }                                                                        \
    return MIN ((prev)[lb], (max) + 1);                                        \
  } while (0)

static gboolean
is_ascii (const char *s, gsize *len)
{
  const char *p = s;
  for (; *p; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  *len = (gsize) (p - s);
  return TRUE;
}

/* Folded names are ASCII nearly always: compare their bytes without
 * decoding or allocating. */
static guint
edit_distance_ascii (const char *x, glong la, const char *y, glong lb, guint max)
{
  guint rows[2][128];
  guint *prev = rows[0], *cur = rows[1];
  EDIT_DISTANCE_BODY (x, y, la, lb, max, prev, cur);
}

static guint
edit_distance_ucs4 (const gunichar *x, glong la, const gunichar *y, glong lb, guint max)
{
  g_autofree guint *a = g_new (guint, lb + 1);
  g_autofree guint *b = g_new (guint, lb + 1);
  guint *prev = a, *cur = b;
  EDIT_DISTANCE_BODY (x, y, la, lb, max, prev, cur);
}

guint
dg_edit_distance (const char *a, const char *b, guint max)
{
  gsize la, lb;
  if (is_ascii (a, &la) && is_ascii (b, &lb) && lb < 128)
    {
      if ((guint) ABS ((glong) la - (glong) lb) > max)
        return max + 1;
      return edit_distance_ascii (a, (glong) la, b, (glong) lb, max);
    }
  glong ua, ub;
  g_autofree gunichar *x = g_utf8_to_ucs4_fast (a, -1, &ua);
  g_autofree gunichar *y = g_utf8_to_ucs4_fast (b, -1, &ub);
  if ((guint) ABS (ua - ub) > max)
    return max + 1;
  return edit_distance_ucs4 (x, ua, y, ub, max);
}

/* The labels of the organizations that issued a document, "; "-separated,
 * or NULL. (transfer full) */
static char *
issuers_of (DgStore *store, gint64 id, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT group_concat (o.label, '; ') FROM edges e JOIN nodes o ON o.id = e.dst "
           "WHERE e.src = ? AND e.type = 'issued-by'", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);
  char *out = NULL;
  if (sqlite3_step (st) == SQLITE_ROW && sqlite3_column_type (st, 0) != SQLITE_NULL)
    out = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  return out;
}

char *
dg_store_describe_node (DgStore *store, gint64 id, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT type, label, json_extract (attrs, '$.date'), json_extract (attrs, '$.title') "
           "FROM nodes WHERE id = ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      sqlite3_reset (st);
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND, "no node #%" G_GINT64_FORMAT,
                   id);
      return NULL;
    }
  g_autofree char *type = g_strdup ((const char *) sqlite3_column_text (st, 0));
  g_autofree char *label = g_strdup ((const char *) sqlite3_column_text (st, 1));
  g_autofree char *date = g_strdup ((const char *) sqlite3_column_text (st, 2));
  g_autofree char *title = g_strdup ((const char *) sqlite3_column_text (st, 3));
  sqlite3_reset (st);
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "#%" G_GINT64_FORMAT " %s %s", id, type, label);
  if (strcmp (type, "document") != 0)
    return g_string_free (out, FALSE);
  /* What tells documents of one code apart: issuer, date, title. */
  g_autofree char *issuer = issuers_of (store, id, NULL);
  if (issuer)
    g_string_append_printf (out, " (%s)", issuer);
  if (date)
    g_string_append_printf (out, ", %s", date);
  if (title)
    {
      g_autofree char *cut = dg_text_cut (title, 50);
      g_string_append_printf (out, ", “%s”", cut);
    }
  return g_string_free (out, FALSE);
}

/* How a suggestion is named in a not-found message: a document's code
 * ("12-KL/TW") or a node's label (*name), and what tells it apart: "#3,
 * Ban Bí thư" for a document, "#7 official" otherwise (*detail). FALSE when
 * there is no such node. */
static gboolean
suggestion_text (DgStore *store, gint64 id, char **name, char **detail)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT type, label, json_extract (attrs, '$.code') FROM nodes WHERE id = ?", NULL);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      sqlite3_reset (st);
      return FALSE;
    }
  g_autofree char *type = g_strdup ((const char *) sqlite3_column_text (st, 0));
  g_autofree char *label = g_strdup ((const char *) sqlite3_column_text (st, 1));
  g_autofree char *code = g_strdup ((const char *) sqlite3_column_text (st, 2));
  sqlite3_reset (st);
  if (strcmp (type, "document") == 0)
    {
      g_autofree char *issuer = issuers_of (store, id, NULL);
      *name = g_strdup (code ? code : label);
      *detail = g_strdup_printf ("#%" G_GINT64_FORMAT "%s%s", id, issuer ? ", " : "",
                                 issuer ? issuer : "");
      return TRUE;
    }
  *name = g_steal_pointer (&label);
  *detail = g_strdup_printf ("#%" G_GINT64_FORMAT " %s", id, type);
  return TRUE;
}

/* Runs a query whose first column is a node id, binding text parameters
 * 1…n and the type name (or NULL) as the last parameter when type_param;
 * appends new ids to out. */
static gboolean
collect (DgStore *store, const char *sql, const char *const *texts, guint n_texts,
         const char *type_name, gboolean type_param, GArray *out, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  for (guint i = 0; i < n_texts; i++)
    sqlite3_bind_text (st, (int) i + 1, texts[i], -1, SQLITE_TRANSIENT);
  if (type_param)
    sqlite3_bind_text (st, (int) n_texts + 1, type_name, -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      gboolean seen = FALSE;
      for (guint i = 0; i < out->len && !seen; i++)
        seen = g_array_index (out, gint64, i) == id;
      if (!seen)
        g_array_append_val (out, id);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "looking up a node");
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_digit (const char *s)
{
  for (; *s; s++)
    if (g_ascii_isdigit (*s))
      return TRUE;
  return FALSE;
}

/* "12-KL/TW 2022", "12-KL/TW#2022", "12-KL/TW (2022)", "12-KL/TW năm
 * 2022": the code before and the year apart. */
static gboolean
split_year (const char *ref, char **bare, char **year)
{
  g_autoptr (GRegex) re = g_regex_new ("^(.*?\\d.*?)[\\s#,(]+(?:năm\\s+)?((?:19|20)\\d\\d)\\)?$",
                                       G_REGEX_CASELESS, 0, NULL);
  g_autoptr (GMatchInfo) m = NULL;
  if (!g_regex_match (re, ref, 0, &m))
    return FALSE;
  *bare = g_match_info_fetch (m, 1);
  *year = g_match_info_fetch (m, 2);
  return TRUE;
}

/* Parses "42" or "#42"; hash tells which. */
static gboolean
parse_id (const char *ref, gint64 *id, gboolean *hash)
{
  *hash = *ref == '#';
  const char *p = ref + (*hash ? 1 : 0);
  if (*p == '\0')
    return FALSE;
  for (const char *q = p; *q; q++)
    if (!g_ascii_isdigit (*q))
      return FALSE;
  guint64 v;
  if (!g_ascii_string_to_unsigned (p, 10, 1, G_MAXINT64, &v, NULL))
    return FALSE;
  *id = (gint64) v;
  return TRUE;
}

typedef struct {
  gint64 id;      /* the suggested node */
  guint distance; /* edit distance of its code or label to what was typed */
  gint64 weight;  /* edges that point at it: what matters more comes first */
} Suggestion;

/* Nearest first; among equally near, the most cited, implemented, joined. */
static gint
suggestion_order (gconstpointer a, gconstpointer b)
{
  const Suggestion *x = a, *y = b;
  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  if (x->weight != y->weight)
    return x->weight > y->weight ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Suggestions weighed, at most this many (the nearest). */
#define MAX_WEIGHED 500

static void
weigh (DgStore *store, GArray *sugg)
{
  sqlite3_stmt *st = dg_store_prepare (store, "SELECT count (*) FROM edges WHERE dst = ?", NULL);
  if (st == NULL)
    return;
  for (guint i = 0; i < sugg->len && i < MAX_WEIGHED; i++)
    {
      Suggestion *s = &g_array_index (sugg, Suggestion, i);
      sqlite3_bind_int64 (st, 1, s->id);
      if (sqlite3_step (st) == SQLITE_ROW)
        s->weight = sqlite3_column_int64 (st, 0);
      sqlite3_reset (st);
    }
}

/* Adds the nodes whose column (fold or code) is within max edits of want. */
static gboolean
near_matches (DgStore *store, const char *sql, const char *want, guint max,
              const char *type_name, GArray *out, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  glong len = g_utf8_strlen (want, -1);
  sqlite3_bind_int64 (st, 1, MAX (0, len - (glong) max));
  sqlite3_bind_int64 (st, 2, len + (glong) max);
  sqlite3_bind_text (st, 3, type_name, -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      guint d = dg_edit_distance (want, (const char *) sqlite3_column_text (st, 1), max);
      if (d > max)
        continue;
      Suggestion s = { sqlite3_column_int64 (st, 0), d, 0 };
      gboolean seen = FALSE;
      for (guint i = 0; i < out->len && !seen; i++)
        {
          Suggestion *t = &g_array_index (out, Suggestion, i);
          if (t->id == s.id)
            {
              t->distance = MIN (t->distance, d);
              seen = TRUE;
            }
        }
      if (!seen)
        g_array_append_val (out, s);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "looking for near matches");
      return FALSE;
    }
  return TRUE;
}

static void
set_not_found (DgStore *store, const char *ref, const char *type_name, gboolean code_like,
               GError **error)
{
  g_autoptr (GArray) sugg = g_array_new (FALSE, FALSE, sizeof (Suggestion));
  g_autofree char *code = code_like ? dg_store_code_key (ref) : NULL;
  if (code && (type_name == NULL || strcmp (type_name, "document") == 0))
    near_matches (store,
                  "SELECT id, code FROM nodes WHERE code IS NOT NULL "
                  "AND length (code) BETWEEN ?1 AND ?2 AND (?3 IS NULL OR ?3 = 'document') "
                  "UNION ALL SELECT node, code FROM aliases WHERE code IS NOT NULL "
                  "AND length (code) BETWEEN ?1 AND ?2 AND (?3 IS NULL OR ?3 = 'document')",
                  code, MAX (1, MIN (3, (guint) strlen (code) / 4)), type_name, sugg, NULL);
  g_autofree char *fold = dg_text_fold_search (ref, -1);
  if (sugg->len == 0 && *fold)
    near_matches (store,
                  "SELECT id, fold FROM nodes WHERE length (fold) BETWEEN ?1 AND ?2 "
                  "AND (?3 IS NULL OR type = ?3) "
                  "UNION ALL SELECT node, fold FROM aliases WHERE length (fold) BETWEEN ?1 AND ?2 "
                  "AND (?3 IS NULL OR type = ?3)",
                  fold, MAX (2, MIN (4, (guint) g_utf8_strlen (fold, -1) / 5)), type_name, sugg,
                  NULL);
  g_array_sort (sugg, suggestion_order);
  weigh (store, sugg);
  g_array_sort (sugg, suggestion_order);
  /* Nothing near in spelling: nodes that share some of the words. */
  g_autofree char *any_word = sugg->len == 0 ? dg_store_fts_query (ref, " OR ", FALSE) : NULL;
  if (any_word)
    {
      g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      const char *texts[] = { any_word };
      collect (store,
               "SELECT n.id FROM node_search s JOIN nodes n ON n.id = s.rowid "
               "WHERE node_search MATCH ?1 AND (?2 IS NULL OR n.type = ?2) "
               "ORDER BY s.rank LIMIT 5",
               texts, 1, type_name, TRUE, ids, NULL);
      for (guint i = 0; i < ids->len; i++)
        {
          Suggestion s = { g_array_index (ids, gint64, i), G_MAXUINT, 0 };
          g_array_append_val (sugg, s);
        }
    }
  GString *msg = g_string_new (NULL);
  g_string_append_printf (msg, "no %s “%s”", type_name ? type_name : "node", ref);
  /* One entry per name: a code several issuers use is named once. */
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) more = g_array_new (FALSE, TRUE, sizeof (guint));
  for (guint i = 0; i < sugg->len && i < MAX_WEIGHED; i++)
    {
      char *name = NULL, *detail = NULL;
      if (!suggestion_text (store, g_array_index (sugg, Suggestion, i).id, &name, &detail))
        continue;
      guint at;
      if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, &at))
        {
          g_array_index (more, guint, at)++;
          g_free (name);
          g_free (detail);
          continue;
        }
      if (names->len == MAX_SUGGESTIONS)
        {
          g_free (name);
          g_free (detail);
          continue;
        }
      guint zero = 0;
      g_ptr_array_add (names, name);
      g_ptr_array_add (details, detail);
      g_array_append_val (more, zero);
    }
  guint shown = names->len;
  for (guint i = 0; i < names->len; i++)
    {
      guint m = g_array_index (more, guint, i);
      g_string_append (msg, i == 0 ? "; did you mean " : ", or ");
      g_string_append_printf (msg, "%s (%s", (char *) names->pdata[i], (char *) details->pdata[i]);
      if (m)
        g_string_append_printf (msg, ", and %u more", m);
      g_string_append (msg, ")");
    }
  g_string_append (msg, shown ? "?" : " (try docgraph search)");
  g_set_error_literal (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND, msg->str);
  g_string_free (msg, TRUE);
}

/* The message lists the first MAX_CANDIDATES of ids; total counts them
 * all. */
static void
set_ambiguous (DgStore *store, const char *ref, const char *type_name, GArray *ids,
               guint total, const char *hint, GError **error)
{
  GString *msg = g_string_new (NULL);
  g_string_append_printf (msg, "“%s” fits %u %s%s; give one by its id:", ref, total,
                          type_name ? type_name : "node", "s");
  for (guint i = 0; i < ids->len && i < MAX_CANDIDATES; i++)
    {
      g_autofree char *d = dg_store_describe_node (store, g_array_index (ids, gint64, i), NULL);
      if (d)
        g_string_append_printf (msg, "\n  %s", d);
    }
  if (total > MAX_CANDIDATES)
    g_string_append_printf (msg, "\n  … and %u more", total - MAX_CANDIDATES);
  if (hint)
    g_string_append_printf (msg, "\n%s", hint);
  g_set_error_literal (error, DG_STORE_ERROR, DG_STORE_ERROR_AMBIGUOUS, msg->str);
  g_string_free (msg, TRUE);
}

/* The year of the first of ids that has a dated attrs.date, or NULL.
 * (transfer full) */
static char *
year_of_any (DgStore *store, GArray *ids)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT substr (json_extract (attrs, '$.date'), 1, 4) FROM nodes WHERE id = ? "
           "AND json_extract (attrs, '$.date') GLOB '[12][0-9][0-9][0-9]*'", NULL);
  if (st == NULL)
    return NULL;
  char *year = NULL;
  for (guint i = 0; i < ids->len && year == NULL; i++)
    {
      sqlite3_bind_int64 (st, 1, g_array_index (ids, gint64, i));
      if (sqlite3_step (st) == SQLITE_ROW)
        year = g_strdup ((const char *) sqlite3_column_text (st, 0));
      sqlite3_reset (st);
    }
  return year;
}

/* One or many candidates decide; none lets the next step try. */
static gboolean
decided (DgStore *store, const char *ref, const char *type_name, GArray *ids, guint total,
         gint64 *out, GError **error)
{
  if (ids->len == 0)
    return FALSE;
  if (ids->len == 1)
    *out = g_array_index (ids, gint64, 0);
  else
    {
      set_ambiguous (store, ref, type_name, ids, MAX (total, ids->len), NULL, error);
      *out = 0;
    }
  return TRUE;
}

gint64
dg_store_resolve_ref (DgStore *store, const char *ref_in, int type, GError **error)
{
  g_return_val_if_fail (store != NULL && ref_in != NULL, 0);
  g_return_val_if_fail (type >= -1 && type < DG_NODE_N_TYPES, 0);
  const char *type_name = type >= 0 ? dg_node_type_name ((DgNodeType) type) : NULL;
  g_autofree char *ref = dg_text_squeeze (ref_in, -1);
  if (*ref == '\0' || !g_utf8_validate (ref, -1, NULL))
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                   "an empty or invalid name is no %s", type_name ? type_name : "node");
      return 0;
    }
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 found = 0;

  /* 1. An id. */
  gint64 id;
  gboolean hash;
  if (parse_id (ref, &id, &hash))
    {
      sqlite3_stmt *st = dg_store_prepare (store, "SELECT type FROM nodes WHERE id = ?", error);
      if (st == NULL)
        return 0;
      sqlite3_bind_int64 (st, 1, id);
      int rc = sqlite3_step (st);
      g_autofree char *have = rc == SQLITE_ROW
                                ? g_strdup ((const char *) sqlite3_column_text (st, 0)) : NULL;
      sqlite3_reset (st);
      if (have && (type_name == NULL || strcmp (have, type_name) == 0))
        return id;
      if (hash)
        {
          if (have)
            g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND,
                         "#%" G_GINT64_FORMAT " is %s %s, not %s %s", id,
                         strchr ("aeiou", have[0]) ? "an" : "a", have,
                         strchr ("aeiou", type_name[0]) ? "an" : "a", type_name);
          else
            g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND,
                         "no node #%" G_GINT64_FORMAT, id);
          return 0;
        }
    }

  /* 2. A document code, maybe with the year of the document: codes
   * repeat from one Party term to the next ("12-KL/TW 2022"). */
  gboolean code_like = has_digit (ref);
  g_autofree char *code = code_like ? dg_store_code_key (ref) : NULL;
  if (code && (type_name == NULL || type == DG_NODE_DOCUMENT))
    {
      const char *texts[] = { code };
      if (!collect (store,
                    "SELECT id FROM nodes WHERE code = ?1 AND type = 'document' "
                    "UNION SELECT node FROM aliases WHERE code = ?1 AND type = 'document' "
                    "ORDER BY 1",
                    texts, 1, NULL, FALSE, ids, error))
        return 0;
      g_autofree char *year = NULL;
      g_autofree char *bare = NULL;
      if (ids->len == 0 && split_year (ref, &bare, &year))
        {
          g_autofree char *bare_code = dg_store_code_key (bare);
          const char *with_year[] = { bare_code, year };
          if (bare_code
              && !collect (store,
                           "SELECT id FROM nodes WHERE code = ?1 AND type = 'document' "
                           "AND (substr (json_extract (attrs, '$.date'), 1, 4) = ?2 "
                           "     OR key LIKE '%#' || ?2) ORDER BY 1",
                           with_year, 2, NULL, FALSE, ids, error))
            return 0;
        }
      if (ids->len > 1)
        {
          /* Documents of one code: a year may be all it takes to choose. */
          g_autofree char *y = year_of_any (store, ids);
          g_autofree char *hint = y && year == NULL
                                    ? g_strdup_printf ("or add the year: “%s %s”", ref, y) : NULL;
          set_ambiguous (store, ref, "document", ids, ids->len, hint, error);
          return 0;
        }
      if (decided (store, ref, "document", ids, 0, &found, error))
        return found;
    }

  /* 3. An exact key, alias key or label. */
  g_autofree char *key = dg_text_fold_key (ref, -1);
  g_autofree char *fold = dg_text_fold_search (ref, -1);
  for (int t = 0; t < DG_NODE_N_TYPES; t++)
    {
      if (type >= 0 && t != type)
        continue;
      const char *texts[] = { ref, key, dg_node_type_name ((DgNodeType) t) };
      if (!collect (store,
                    "SELECT id FROM nodes WHERE type = ?3 AND key IN (?1, ?2) "
                    "UNION SELECT node FROM aliases WHERE type = ?3 AND key IN (?1, ?2) "
                    "UNION SELECT node FROM aliases WHERE type = ?3 AND name = ?1 "
                    "ORDER BY 1",
                    texts, 3, NULL, FALSE, ids, error))
        return 0;
    }
  {
    const char *texts[] = { fold, ref };
    if (!collect (store,
                  "SELECT id FROM nodes WHERE fold = ?1 AND label = ?2 "
                  "AND (?3 IS NULL OR type = ?3) ORDER BY 1",
                  texts, 2, type_name, TRUE, ids, error))
      return 0;
  }
  if (decided (store, ref, type_name, ids, 0, &found, error))
    return found;

  /* 4. The folded label or alias. */
  if (*fold)
    {
      const char *texts[] = { fold };
      if (!collect (store,
                    "SELECT id FROM nodes WHERE fold = ?1 AND (?2 IS NULL OR type = ?2) "
                    "UNION SELECT node FROM aliases WHERE fold = ?1 "
                    "AND (?2 IS NULL OR type = ?2) ORDER BY 1",
                    texts, 1, type_name, TRUE, ids, error))
        return 0;
      if (decided (store, ref, type_name, ids, 0, &found, error))
        return found;
    }

  /* 5. Every folded word in one label or alias. */
  g_autofree char *all_words = dg_store_fts_query (ref, " ", FALSE);
  if (all_words)
    {
      const char *texts[] = { all_words };
      if (!collect (store,
                    "SELECT n.id FROM node_search s JOIN nodes n ON n.id = s.rowid "
                    "WHERE node_search MATCH ?1 AND (?2 IS NULL OR n.type = ?2) "
                    "ORDER BY s.rank LIMIT " G_STRINGIFY (MAX_CANDIDATES) " + 1",
                    texts, 1, type_name, TRUE, ids, error))
        return 0;
      guint total = ids->len;
      if (ids->len > MAX_CANDIDATES)
        {
          /* More than we list: say how many there are. */
          sqlite3_stmt *st = dg_store_prepare (
            store, "SELECT count (*) FROM node_search s JOIN nodes n ON n.id = s.rowid "
                   "WHERE node_search MATCH ?1 AND (?2 IS NULL OR n.type = ?2)", error);
          if (st == NULL)
            return 0;
          sqlite3_bind_text (st, 1, all_words, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (st, 2, type_name, -1, SQLITE_STATIC);
          if (sqlite3_step (st) == SQLITE_ROW)
            total = (guint) MIN (sqlite3_column_int64 (st, 0), G_MAXUINT);
          sqlite3_reset (st);
        }
      if (decided (store, ref, type_name, ids, total, &found, error))
        return found;
    }

  /* The name may be a node of another type: say so rather than guess. */
  if (type >= 0)
    {
      gint64 other = dg_store_resolve_ref (store, ref, -1, NULL);
      g_autofree char *what = other ? dg_store_describe_node (store, other, NULL) : NULL;
      if (what)
        {
          g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND,
                       "“%s” is %s, not %s %s", ref, what,
                       strchr ("aeiou", type_name[0]) ? "an" : "a", type_name);
          return 0;
        }
    }
  set_not_found (store, ref, type_name, code_like, error);
  return 0;
}
