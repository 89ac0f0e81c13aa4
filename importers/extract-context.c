/* extract-context.c: what the whole article tells every rule: its year, the
 * province (and district) it is about, and the abbreviations it defines. */
#include "extract-private.h"

#include <stdlib.h>
#include <string.h>

/* Words after which a capitalised name is a place. */
static const char *const province_words[] = {
  "tỉnh", "thành phố", "tp", "tỉnh ủy", "thành ủy", "tỉnh đoàn", "thành đoàn", NULL,
};
static const char *const district_words[] = {
  "huyện", "quận", "thị xã", "huyện ủy", "quận ủy", "thị ủy", NULL,
};

static guint
preceded_by (const DgExtract *x, guint i, const char *const *words)
{
  for (guint k = 0; words[k]; k++)
    {
      guint n = dg_phrase_len (words[k]);
      if (i >= n && dg_tok_phrase (x, i - n, words[k]))
        return n;
    }
  return 0;
}

/* First words of province names and aliases, folded. */
gboolean
dg_province_first_word (const char *fold)
{
  static gsize once;
  static GHashTable *firsts;
  if (g_once_init_enter (&once))
    {
      GHashTable *h = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GPtrArray *rows = dg_data_table ("provinces.tsv");
      for (guint i = 0; i < rows->len; i++)
        {
          GStrv row = rows->pdata[i];
          g_auto (GStrv) aliases = g_strsplit (dg_data_field (row, 4), ",", -1);
          for (gint k = -1; k < (gint) g_strv_length (aliases); k++)
            {
              const char *name = k < 0 ? dg_data_field (row, 0) : aliases[k];
              g_autofree char *f = dg_fold_phrase (name);
              char *sp = strchr (f, ' ');
              if (*f)
                g_hash_table_add (h, sp ? g_strndup (f, sp - f) : g_strdup (f));
            }
        }
      firsts = h;
      g_once_init_leave (&once, 1);
    }
  return g_hash_table_contains (firsts, fold);
}

/* A province name at token i: its row and length in tokens, or NULL. */
static GStrv
province_at (const DgExtract *x, guint i, guint *len)
{
  *len = 0;
  if (!(dg_tok_flags (x, i) & DG_TOK_UPPER) || !dg_province_first_word (dg_tok_fold (x, i)))
    return NULL;
  for (guint n = MIN (5, dg_ntoks (x) - i); n > 0; n--)
    {
      g_autoptr (GString) key = g_string_new (NULL);
      gboolean ok = TRUE;
      for (guint k = 0; k < n && ok; k++)
        {
          if (dg_tok_flags (x, i + k) & DG_TOK_BREAK)
            ok = FALSE;
          else
            {
              if (k)
                g_string_append_c (key, ' ');
              g_string_append (key, dg_tok_fold (x, i + k));
            }
        }
      GStrv row = ok ? dg_province_lookup (key->str) : NULL;
      if (row)
        {
          *len = n;
          return row;
        }
    }
  return NULL;
}

GStrv
dg_extract_province_at (const DgExtract *x, guint i, guint *len)
{
  return province_at (x, i, len);
}

static void
count (GHashTable *h, const char *name, guint weight)
{
  guint have = GPOINTER_TO_UINT (g_hash_table_lookup (h, name));
  g_hash_table_insert (h, g_strdup (name), GUINT_TO_POINTER (have + weight));
}

/* The one name that dominates the tally: the only one, or one with at least
 * three times the weight of any other. */
static char *
dominant (GHashTable *h)
{
  GHashTableIter it;
  gpointer k, v;
  const char *best = NULL;
  guint bw = 0, second = 0;
  g_hash_table_iter_init (&it, h);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      guint w = GPOINTER_TO_UINT (v);
      if (w > bw || (w == bw && best && strcmp (k, best) < 0))
        {
          if (best)
            second = MAX (second, bw);
          best = k;
          bw = w;
        }
      else
        second = MAX (second, w);
    }
  if (best == NULL || bw < 2 || bw < 3 * second)
    return NULL;
  return g_strdup (best);
}

/* Provincial outlets carry the province in their names: "(Baonghean.vn)",
 * "travinh.gov.vn", "baolangson.vn", "tinhuykiengiang.dcs.vn". Looks in the
 * source and the first and last lines of the text. */
static char *
outlet_province (DgExtract *x)
{
  GString *where = g_string_new (dg_article_source (x->article));
  const char *text = x->text;
  guint lines = 0;
  for (const char *p = text; *p && lines < 4; lines++)
    {
      const char *nl = strchr (p, '\n');
      /* An outlet signs at the start of a line ("(Baonghean) - …"). */
      gsize len = nl ? (gsize) (nl - p) : strlen (p);
      const char *cut = len > 200 ? g_utf8_find_prev_char (p, p + 200) : NULL;
      g_string_append_c (where, ' ');
      g_string_append_len (where, p, cut ? cut - p : (gssize) len);
      p = nl ? nl + 1 : p + strlen (p);
    }
  gsize tail = x->len > 400 ? x->len - 400 : 0;
  g_string_append_c (where, ' ');
  g_string_append (where, text + tail);
  /* Most articles name no outlet: look for the marks of one first. */
  g_autofree char *lower = g_ascii_strdown (where->str, where->len);
  if (!strstr (lower, "bao") && !strstr (lower, ".gov.vn") && !strstr (lower, ".dcs.vn")
      && !strstr (lower, "tinhuy") && !strstr (lower, "báo"))
    {
      g_string_free (where, TRUE);
      return NULL;
    }
  g_autofree char *folded = dg_text_fold_search (where->str, where->len);
  g_string_free (where, TRUE);
  /* Compact: "bao nghean vn" → "baongheanvn". */
  GString *compact = g_string_new (NULL);
  for (const char *p = folded; *p; p++)
    if (*p != ' ')
      g_string_append_c (compact, *p);
  /* Addresses have no spaces: "tinhuykiengiang.dcs.vn" is looked for in
   * the text as written, so that "Tỉnh ủy Nam Định" in a sentence is no
   * outlet; "Báo Nghệ An" may be spaced. */
  static gsize once;
  static GPtrArray *patterns; /* pairs: pattern, province name */
  if (g_once_init_enter (&once))
    {
      GPtrArray *pats = g_ptr_array_new ();
      GPtrArray *rows = dg_data_table ("provinces.tsv");
      for (guint i = 0; i < rows->len; i++)
        {
          g_autofree char *name = dg_text_fold_search (dg_data_field (rows->pdata[i], 0), -1);
          GString *c = g_string_new (NULL);
          for (const char *p = name; *p; p++)
            if (*p != ' ' && *p != '-')
              g_string_append_c (c, *p);
          if (c->len >= 4)
            {
              /* Folded text has spaces for dots. */
              const char *forms[] = { "bao%s", " %s gov vn", " %s dcs vn", " tinhuy%s" };
              for (guint k = 0; k < G_N_ELEMENTS (forms); k++)
                {
                  g_ptr_array_add (pats, g_strdup_printf (forms[k], c->str));
                  g_ptr_array_add (pats, (gpointer) dg_data_field (rows->pdata[i], 0));
                }
            }
          g_string_free (c, TRUE);
        }
      patterns = pats;
      g_once_init_leave (&once, 1);
    }
  g_autofree char *spaced = g_strdup_printf (" %s ", folded);
  char *found = NULL;
  for (guint i = 0; i + 1 < patterns->len && !found; i += 2)
    {
      const char *pat = patterns->pdata[i];
      const char *hay = g_str_has_prefix (pat, "bao") ? compact->str : spaced;
      if (strstr (hay, pat))
        found = g_strdup (patterns->pdata[i + 1]);
    }
  g_string_free (compact, TRUE);
  return found;
}

static void
find_places (DgExtract *x)
{
  g_autoptr (GHashTable) provinces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) districts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) dkinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n = dg_ntoks (x);
  const DgSentence *first = x->sents->len ? &g_array_index (x->sents, DgSentence, 0) : NULL;
  for (guint i = 0; i < n; i++)
    {
      guint len;
      GStrv row = province_at (x, i, &len);
      if (row)
        {
          guint w = 0;
          if (preceded_by (x, i, province_words))
            w = 2;
          else if (!(i > 0 && (dg_tok_flags (x, i - 1) & DG_TOK_UPPER))
                   && !(dg_tok_flags (x, i + len) & DG_TOK_UPPER)
                   && !(i > 0 && (dg_tok_is (x, i - 1, "tịch") || dg_tok_is (x, i - 1, "tưởng")
                                  || dg_tok_is (x, i - 1, "bác") || dg_tok_is (x, i - 1, "cách")
                                  || dg_tok_is (x, i - 1, "gương"))))
            w = 1;
          /* "Lạng Sơn: …" as a headline names the article's province. */
          if (first && i == first->t0 && (dg_tok_is (x, i + len, ":") || dg_tok_is (x, i + len, "-")))
            w = 4;
          if (w)
            count (provinces, dg_data_field (row, 0), w);
          i += len - 1;
          continue;
        }
      guint pre = (dg_tok_flags (x, i) & DG_TOK_UPPER) && !(dg_tok_flags (x, i) & DG_TOK_CAPS)
                    ? preceded_by (x, i, district_words) : 0;
      if (pre)
        {
          guint k = i;
          while (k < n && k - i < 4 && (dg_tok_flags (x, k) & DG_TOK_UPPER)
                 && !(dg_tok_flags (x, k) & DG_TOK_CAPS))
            k++;
          /* "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai": the name is not the
           * district. */
          guint len2 = k - i;
          for (guint s = i + 1; s < k; s++)
            if (dg_surname_rank (dg_tok_fold (x, s)) && dg_surname_rank (dg_tok_fold (x, s)) <= 40
                && k - s >= 2)
              {
                len2 = s - i;
                break;
              }
          g_autofree char *name = dg_tok_text (x, i, i + len2);
          count (districts, name, 2);
          const char *kind = dg_tok_fold (x, i - pre);
          g_hash_table_replace (dkinds, g_strdup (name),
                                g_strdup (g_str_has_prefix (kind, "quận") ? "quận"
                                          : g_str_has_prefix (kind, "thị") ? "thị xã" : "huyện"));
          i = i + len2 - 1;
        }
    }
  x->province = dominant (provinces);
  if (x->province == NULL)
    x->outlet_province = outlet_province (x);
  x->district = dominant (districts);
  if (x->district)
    x->district_kind = g_strdup (g_hash_table_lookup (dkinds, x->district));
}

/* "… phòng, chống tham nhũng, tiêu cực (PCTNTC)": the letters of the
 * abbreviation are the first letters of the words before it. */
static void
find_abbreviations (DgExtract *x)
{
  guint n = dg_ntoks (x);
  for (guint i = 1; i + 2 < n; i++)
    {
      if (!dg_tok_is (x, i, "(") || !(dg_tok_flags (x, i + 1) & DG_TOK_CAPS))
        continue;
      const char *abbr = x->text + g_array_index (x->toks, DgTok, i + 1).start;
      guint alen = g_array_index (x->toks, DgTok, i + 1).end - g_array_index (x->toks, DgTok, i + 1).start;
      g_autofree char *letters = g_utf8_normalize (abbr, alen, G_NORMALIZE_NFD);
      /* Walk back over words matching the letters from the last. */
      glong nl = g_utf8_strlen (letters, -1);
      gunichar *ls = g_utf8_to_ucs4_fast (letters, -1, NULL);
      glong li = nl - 1;
      guint k = i;
      guint first_word = i;
      while (li >= 0 && k > 0)
        {
          k--;
          if (dg_tok_flags (x, k) & DG_TOK_PUNCT)
            {
              if (dg_tok_is (x, k, ","))
                continue;
              break;
            }
          if (!(dg_tok_flags (x, k) & DG_TOK_WORD))
            break;
          while (li >= 0 && g_unichar_ismark (ls[li]))
            li--;
          if (li < 0)
            break;
          gunichar decomposed[4] = { 0 };
          g_unichar_fully_decompose (g_utf8_get_char (x->text + g_array_index (x->toks, DgTok, k).start),
                                     FALSE, decomposed, G_N_ELEMENTS (decomposed));
          gunichar c0 = g_unichar_toupper (decomposed[0]);
          gunichar want = g_unichar_toupper (ls[li]);
          if (c0 == 0x0110 || c0 == 0x0111)
            c0 = 'D';
          if (want == 0x0110)
            want = 'D';
          if (c0 != want)
            break;
          li--;
          first_word = k;
        }
      g_free (ls);
      if (li < 0 && first_word < i && i - first_word >= 2)
        {
          g_autofree char *expansion = dg_tok_text (x, first_word, i);
          g_autofree char *key = dg_fold_phrase (dg_tok_fold (x, i + 1));
          g_hash_table_replace (x->abbrevs, g_steal_pointer (&key), g_steal_pointer (&expansion));
        }
    }
}

void
dg_extract_context (DgExtract *x)
{
  const char *date = dg_article_date (x->article);
  if (date && strlen (date) >= 4 && g_ascii_isdigit (date[0]))
    x->year = atoi (date);
  find_places (x);
  find_abbreviations (x);
}
