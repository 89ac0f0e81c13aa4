/* query-search.c: `docgraph search`: FTS5 over folded node names, aliases
 * and article text, ranked by bm25, with snippets cut from the text as
 * written. */
#include "store-private.h"

#include <string.h>

/* Words in an article snippet. */
#define SNIPPET_WORDS 16
/* Bytes of an article searched for a snippet. */
#define SNIPPET_SCAN (256 * 1024)
/* Query words that count toward a snippet (one bit each). */
#define MAX_QUERY_WORDS 32

char *
dg_store_fts_query (const char *text, const char *op, gboolean last_prefix)
{
  g_autofree char *folded = dg_text_fold_search (text, -1);
  g_auto (GStrv) words = g_strsplit (folded, " ", -1);
  GString *q = g_string_new (NULL);
  guint n = g_strv_length (words);
  for (guint i = 0; i < n; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (q->len)
        g_string_append (q, op);
      g_string_append_c (q, '"');
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (q, '"');
          g_string_append_c (q, *p);
        }
      g_string_append_c (q, '"');
      if (last_prefix && i + 1 == n)
        g_string_append_c (q, '*');
    }
  if (q->len == 0)
    {
      g_string_free (q, TRUE);
      return NULL;
    }
  return g_string_free (q, FALSE);
}

void
dg_search_hit_free (DgSearchHit *hit)
{
  if (hit == NULL)
    return;
  dg_node_row_clear (&hit->node);
  g_free (hit->source);
  g_free (hit->title);
  g_free (hit->date);
  g_free (hit->snippet);
  g_free (hit);
}

/* The tokens FTS5 sees in folded text: runs of letters and digits. */
static GStrv
tokens_of (const char *folded)
{
  GStrvBuilder *b = g_strv_builder_new ();
  const char *p = folded;
  while (*p)
    {
      while (*p && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      const char *start = p;
      while (*p && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          g_autofree char *t = g_strndup (start, (gsize) (p - start));
          g_strv_builder_add (b, t);
        }
    }
  GStrv out = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return out;
}

/* Bit i set when query token i is among the tokens of folded text;
 * prefix_last lets the last query token match a token's start. */
static guint32
match_mask (const char *folded, GStrv query, gboolean prefix_last)
{
  g_auto (GStrv) toks = tokens_of (folded);
  guint32 mask = 0;
  guint nq = MIN (g_strv_length (query), MAX_QUERY_WORDS);
  for (guint t = 0; toks[t]; t++)
    for (guint q = 0; q < nq; q++)
      {
        gboolean last = prefix_last && q + 1 == nq;
        if (last ? g_str_has_prefix (toks[t], query[q]) : strcmp (toks[t], query[q]) == 0)
          mask |= 1u << q;
      }
  return mask;
}

static guint
popcount (guint32 x)
{
  guint n = 0;
  for (; x; x &= x - 1)
    n++;
  return n;
}

/* Distinct query tokens among SNIPPET_WORDS words from w. */
static guint
window_score (GArray *masks, guint w)
{
  guint32 acc = 0;
  for (guint k = w; k < masks->len && k < w + SNIPPET_WORDS; k++)
    acc |= g_array_index (masks, guint32, k);
  return popcount (acc);
}

/* The words of text around the window with the most query tokens, as
 * written, with "…" where text goes on. (transfer full) */
static char *
article_snippet (const char *text, gsize len, GStrv query, gboolean prefix_last)
{
  if (len > SNIPPET_SCAN)
    len = SNIPPET_SCAN;
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GArray) ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GArray) masks = g_array_new (FALSE, FALSE, sizeof (guint32));
  gsize i = 0;
  while (i < len)
    {
      while (i < len && g_ascii_isspace (text[i]))
        i++;
      gsize s = i;
      while (i < len && !g_ascii_isspace (text[i]))
        i++;
      if (i == s)
        break;
      g_autofree char *folded = dg_text_fold_search (text + s, (gssize) (i - s));
      guint32 m = match_mask (folded, query, prefix_last);
      g_array_append_val (starts, s);
      g_array_append_val (ends, i);
      g_array_append_val (masks, m);
    }
  guint n = starts->len;
  if (n == 0)
    return g_strdup ("");
  /* The window whose words hold the most distinct query tokens; ties go to
   * the earliest. */
  guint best = 0, best_score = 0;
  for (guint w = 0; w < n; w++)
    {
      guint score = window_score (masks, w);
      if (score > best_score)
        {
          best_score = score;
          best = w;
        }
    }
  /* Then a little context before the first match, as long as no match of
   * the best window is lost. */
  guint first = best;
  while (first < n && g_array_index (masks, guint32, first) == 0)
    first++;
  guint from = first >= best + 3 ? first - 3 : best;
  while (from > best && window_score (masks, from) < best_score)
    from--;
  guint to = MIN (n, from + SNIPPET_WORDS);
  gsize a = g_array_index (starts, gsize, from), b = g_array_index (ends, gsize, to - 1);
  g_autofree char *words = dg_text_squeeze (text + a, (gssize) (b - a));
  return g_strconcat (from > 0 ? "…" : "", words, to < n ? "…" : "", NULL);
}

/* For a node found by an alias: "alias: <name>" of the first alias that
 * holds every query token. NULL when the label holds them. (transfer full) */
static char *
node_snippet (DgStore *store, const DgNodeRow *row, GStrv query, gboolean prefix_last)
{
  guint32 all = (1u << MIN (g_strv_length (query), MAX_QUERY_WORDS)) - 1;
  g_autofree char *label = dg_text_fold_search (row->label, -1);
  if ((match_mask (label, query, prefix_last) & all) == all)
    return NULL;
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT name FROM aliases WHERE node = ?1 UNION ALL "
           "SELECT value FROM nodes, json_each (nodes.attrs, '$.aliases') WHERE nodes.id = ?1",
    NULL);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, row->id);
  char *out = NULL;
  while (out == NULL && sqlite3_step (st) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (st, 0);
      g_autofree char *f = dg_text_fold_search (name ? name : "", -1);
      if ((match_mask (f, query, prefix_last) & all) == all)
        out = g_strdup_printf ("alias: %s", name);
    }
  sqlite3_reset (st);
  return out;
}

/* TRUE when out already has a hit with this id (out holds one kind). */
static gboolean
has_hit (GPtrArray *out, gint64 id)
{
  for (guint i = 0; i < out->len; i++)
    if (((DgSearchHit *) out->pdata[i])->id == id)
      return TRUE;
  return FALSE;
}

static gboolean
search_nodes (DgStore *store, const char *match, int type, guint limit, GStrv query,
              gboolean prefix_last, GPtrArray *out, GError **error)
{
  /* Words in the label weigh more than words in an alias. */
  sqlite3_stmt *st = dg_store_prepare (
    store,
    "SELECT n.id, " DG_NODE_ROW_COLUMNS ", bm25 (node_search, 10.0, 4.0) AS score "
    "FROM node_search s JOIN nodes n ON n.id = s.rowid "
    "WHERE node_search MATCH ?1 AND (?2 IS NULL OR n.type = ?2) "
    "ORDER BY score, n.id LIMIT ?3", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, type >= 0 ? dg_node_type_name ((DgNodeType) type) : NULL, -1,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, limit);
  int rc;
  guint first = out->len;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW && out->len < limit)
    {
      if (has_hit (out, sqlite3_column_int64 (st, 0)))
        continue;
      DgSearchHit *h = g_new0 (DgSearchHit, 1);
      h->kind = DG_HIT_NODE;
      dg_node_row_from_stmt (st, 0, &h->node);
      h->id = h->node.id;
      h->score = sqlite3_column_double (st, 9);
      g_ptr_array_add (out, h);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      dg_store_set_error (store, error, "searching nodes");
      return FALSE;
    }
  for (guint i = first; i < out->len; i++)
    {
      DgSearchHit *h = out->pdata[i];
      h->snippet = node_snippet (store, &h->node, query, prefix_last);
    }
  return TRUE;
}

static gboolean
search_articles (DgStore *store, const char *match, guint limit, GStrv query,
                 gboolean prefix_last, GPtrArray *out, GError **error)
{
  /* The best rows come from the FTS index alone; only they are joined. */
  sqlite3_stmt *st = dg_store_prepare (
    store,
    "SELECT a.id, a.source, a.title, a.date, a.text, s.rank FROM "
    "(SELECT rowid, rank FROM article_search WHERE article_search MATCH ?1 "
    " AND rank MATCH 'bm25(4.0, 1.0)' ORDER BY rank LIMIT ?2) s "
    "JOIN articles a ON a.id = s.rowid ORDER BY s.rank, a.id", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, limit);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW && out->len < limit)
    {
      if (has_hit (out, sqlite3_column_int64 (st, 0)))
        continue;
      DgSearchHit *h = g_new0 (DgSearchHit, 1);
      h->kind = DG_HIT_ARTICLE;
      h->id = sqlite3_column_int64 (st, 0);
      h->source = g_strdup ((const char *) sqlite3_column_text (st, 1));
      h->title = g_strdup ((const char *) sqlite3_column_text (st, 2));
      h->date = g_strdup ((const char *) sqlite3_column_text (st, 3));
      h->snippet = article_snippet ((const char *) sqlite3_column_text (st, 4),
                                    (gsize) sqlite3_column_bytes (st, 4), query, prefix_last);
      h->score = sqlite3_column_double (st, 5);
      g_ptr_array_add (out, h);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      dg_store_set_error (store, error, "searching articles");
      return FALSE;
    }
  return TRUE;
}

/* One FTS5 phrase of every query token, in order. (transfer full) */
static char *
phrase_query (GStrv tokens)
{
  g_autofree char *joined = g_strjoinv (" ", tokens);
  return g_strdup_printf ("\"%s\"", joined); /* tokens are letters and digits only */
}

/* text with typographic double quotes (“ ” „) as plain '"'. (transfer full) */
static char *
plain_quotes (const char *text)
{
  GString *out = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x201C || c == 0x201D || c == 0x201E)
        g_string_append_c (out, '"');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The FTS5 query of a text with quoted phrases: "\"cán bộ xã\" huyện" →
 * "\"can bo xa\" \"huyen\"": every word outside quotes and every phrase
 * inside must match, a phrase as its words in a row. An unclosed quote
 * runs to the end. With last_prefix the last word matches as a prefix;
 * NULL then when the text ends in a phrase (a phrase is never a prefix),
 * and whenever the text has no word. (transfer full) */
static char *
quoted_query (const char *text, gboolean last_prefix)
{
  g_auto (GStrv) parts = g_strsplit (text, "\"", -1);
  GString *q = g_string_new (NULL);
  gboolean last_is_phrase = FALSE;
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *folded = dg_text_fold_search (parts[i], -1);
      g_auto (GStrv) toks = tokens_of (folded);
      if (toks[0] == NULL)
        continue;
      if (i % 2 == 1)
        {
          g_autofree char *joined = g_strjoinv (" ", toks);
          g_string_append_printf (q, "%s\"%s\"", q->len ? " " : "", joined);
          last_is_phrase = TRUE;
          continue;
        }
      for (guint t = 0; toks[t]; t++)
        g_string_append_printf (q, "%s\"%s\"", q->len ? " " : "", toks[t]);
      last_is_phrase = FALSE;
    }
  if (q->len == 0 || (last_prefix && last_is_phrase))
    {
      g_string_free (q, TRUE);
      return NULL;
    }
  if (last_prefix)
    g_string_append_c (q, '*');
  return g_string_free (q, FALSE);
}

GPtrArray *
dg_store_search (DgStore *store, const char *text, int type, guint limit, GError **error)
{
  g_return_val_if_fail (store != NULL && text != NULL, NULL);
  g_return_val_if_fail (type >= -1 && type < DG_NODE_N_TYPES, NULL);
  g_autofree char *plain = plain_quotes (text);
  text = plain;
  gboolean quoted = strchr (text, '"') != NULL;
  g_autofree char *match = quoted ? quoted_query (text, FALSE) : dg_store_fts_query (text, " ", FALSE);
  if (match == NULL)
    {
      g_set_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID,
                   "“%s” has no word to search for", text);
      return NULL;
    }
  if (limit == 0)
    limit = G_MAXINT;
  g_autofree char *folded = dg_text_fold_search (text, -1);
  g_auto (GStrv) query = tokens_of (folded);
  g_autoptr (GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_search_hit_free);
  g_autoptr (GPtrArray) articles
    = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_search_hit_free);
  /* The words together, as a phrase, rank above the words apart. */
  g_autofree char *phrase = !quoted && g_strv_length (query) > 1 ? phrase_query (query) : NULL;
  for (int prefix = 0; prefix < 2 && nodes->len + articles->len == 0; prefix++)
    {
      if (prefix)
        {
          g_free (match);
          match = quoted ? quoted_query (text, TRUE) : dg_store_fts_query (text, " ", TRUE);
          if (match == NULL)
            break;
        }
      for (int pass = phrase && !prefix ? 0 : 1; pass < 2; pass++)
        {
          const char *m = pass == 0 ? phrase : match;
          if (nodes->len < limit
              && !search_nodes (store, m, type, limit, query, prefix, nodes, error))
            return NULL;
          if (type < 0 && articles->len < limit
              && !search_articles (store, m, limit, query, prefix, articles, error))
            return NULL;
        }
    }
  GPtrArray *hits = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_search_hit_free);
  g_ptr_array_extend_and_steal (hits, g_steal_pointer (&nodes));
  g_ptr_array_extend_and_steal (hits, g_steal_pointer (&articles));
  return hits;
}

JsonNode *
dg_search_to_json (GPtrArray *hits)
{
  JsonArray *arr = json_array_new ();
  for (guint i = 0; i < hits->len; i++)
    {
      DgSearchHit *h = hits->pdata[i];
      JsonObject *o;
      if (h->kind == DG_HIT_NODE)
        {
          JsonNode *n = dg_node_row_to_json (&h->node);
          o = json_object_ref (json_node_get_object (n));
          json_node_unref (n);
          json_object_set_string_member (o, "kind", "node");
        }
      else
        {
          o = json_object_new ();
          json_object_set_string_member (o, "kind", "article");
          json_object_set_int_member (o, "id", h->id);
          g_autofree char *ref = g_strdup_printf ("a%" G_GINT64_FORMAT, h->id);
          json_object_set_string_member (o, "ref", ref); /* what docgraph show takes */
          dg_json_set_string (o, "source", h->source);
          dg_json_set_string (o, "title", h->title);
          dg_json_set_string (o, "date", h->date);
        }
      dg_json_set_string (o, "snippet", h->snippet);
      json_object_set_double_member (o, "score", h->score);
      json_array_add_object_element (arr, o);
    }
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, arr);
  return node;
}

char *
dg_search_render (GPtrArray *hits, DgOutputFormat format, guint width)
{
  if (format == DG_FORMAT_JSON)
    {
      g_autoptr (JsonNode) json = dg_search_to_json (hits);
      return dg_json_render (json);
    }
  if (hits->len == 0 && format == DG_FORMAT_TABLE)
    return g_strdup ("nothing found\n");
  const char *headers[] = { "ID", "KIND", "NAME", "MATCH" };
  g_autoptr (DgTable) t = dg_table_new (4, headers);
  dg_table_set_column (t, 0, DG_ALIGN_RIGHT, DG_TABLE_KEEP);
  dg_table_set_column (t, 2, DG_ALIGN_LEFT, 16);
  dg_table_set_column (t, 3, DG_ALIGN_LEFT, 20);
  for (guint i = 0; i < hits->len; i++)
    {
      DgSearchHit *h = hits->pdata[i];
      if (h->kind == DG_HIT_NODE)
        {
          g_autofree char *id = g_strdup_printf ("#%" G_GINT64_FORMAT, h->id);
          const char *detail = h->snippet ? h->snippet : h->node.by;
          const char *cells[] = { id, dg_node_type_name (h->node.type), h->node.label, detail };
          dg_table_add_row (t, cells);
        }
      else
        {
          /* "a19", never "19": that would be node #19 to docgraph show. */
          g_autofree char *id = g_strdup_printf ("a%" G_GINT64_FORMAT, h->id);
          /* The headline says more than a path; JSON has both. */
          const char *cells[] = { id, "article", h->title ? h->title : h->source, h->snippet };
          dg_table_add_row (t, cells);
        }
    }
  return dg_table_render_as (t, format, width);
}
