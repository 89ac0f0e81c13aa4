/* extract-tokens.c: tokens, sentences, phrase tables and dates. */
#include "extract-private.h"

#include <stdlib.h>
#include <string.h>

/* Words that end in a full stop without ending a sentence ("TP. Hồ Chí
 * Minh", "ThS. Lê Thị Huyền"). Folded. */
static const char *const stop_abbrevs[] = {
  "tp", "ths", "ts", "pgs", "gs", "th", "bs", "ks", "cn", "tx", "tt", "q", "p", "st",
  "tr", "nxb", "mr", "ms", "dr", "v.v", "vv", NULL,
};

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* Scans the next token of s from p: words (letters, digits, marks, an
 * apostrophe between letters, "20.800" as one number), or one punctuation
 * mark; white space is skipped and reported. Returns FALSE at the end. */
static gboolean
scan_token (const char *p, const char *stop, const char **t_start, const char **t_end,
            gboolean *newline_before)
{
  *newline_before = FALSE;
  while (p < stop)
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '\n')
        {
          *t_start = p;
          *t_end = p + 1;
          return TRUE;
        }
      if (!g_unichar_isspace (c))
        break;
      p = g_utf8_next_char (p);
    }
  if (p >= stop)
    return FALSE;
  *t_start = p;
  gunichar c = g_utf8_get_char (p);
  if (!is_word_char (c))
    {
      *t_end = g_utf8_next_char (p);
      return TRUE;
    }
  gboolean digits = g_unichar_isdigit (c);
  const char *q = p;
  while (q < stop)
    {
      gunichar d = g_utf8_get_char (q);
      const char *next = g_utf8_next_char (q);
      if (is_word_char (d))
        {
          q = next;
          continue;
        }
      /* "H'Mông": an apostrophe between letters. */
      if (is_apostrophe (d) && !digits && next < stop && q > p
          && g_unichar_isalpha (g_utf8_get_char (next)))
        {
          q = next;
          continue;
        }
      /* "20.800", "1,5": separators between digits. */
      if (digits && (d == '.' || d == ',') && next < stop
          && g_unichar_isdigit (g_utf8_get_char (next)) && g_unichar_isdigit (g_utf8_get_char (g_utf8_prev_char (q))))
        {
          /* Only thousands groups of three digits join ("20.800"); "30.4"
           * stays apart (a date). */
          const char *r = next;
          int n = 0;
          while (r < stop && g_ascii_isdigit (*r))
            r++, n++;
          if (n == 3 && (r >= stop || !g_ascii_isdigit (*r)))
            {
              q = next;
              continue;
            }
        }
      break;
    }
  /* "T.Ư" (Trung ương): two capitals joined by a dot are one word. */
  if (q == g_utf8_next_char (p) && g_unichar_isupper (c) && q + 1 < stop && *q == '.')
    {
      const char *r = q + 1;
      gunichar d = g_utf8_get_char (r);
      const char *after = g_utf8_next_char (r);
      if (g_unichar_isupper (d) && (after >= stop || !is_word_char (g_utf8_get_char (after)))
          && (after >= stop || *after != '.'))
        q = after;
    }
  *t_end = q;
  return TRUE;
}

static void
append_fold (GString *folds, const char *s, gsize len)
{
  gboolean ascii = TRUE;
  for (gsize i = 0; i < len && ascii; i++)
    ascii = ((guchar) s[i]) < 0x80;
  if (ascii)
    {
      for (gsize i = 0; i < len; i++)
        g_string_append_c (folds, g_ascii_tolower (s[i]));
    }
  else
    dg_text_fold_word (s, len, folds);
  g_string_append_c (folds, '\0');
}

static gboolean
in_list (const char *const *list, const char *word)
{
  for (guint i = 0; list[i]; i++)
    if (strcmp (list[i], word) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_sentence_end (const char *tok)
{
  return strcmp (tok, ".") == 0 || strcmp (tok, "!") == 0 || strcmp (tok, "?") == 0
         || strcmp (tok, "…") == 0;
}

void
dg_tokenize (DgExtract *x)
{
  x->toks = g_array_sized_new (FALSE, FALSE, sizeof (DgTok), x->len / 4 + 16);
  x->folds = g_string_sized_new (x->len + x->len / 4 + 16);
  x->sents = g_array_new (FALSE, FALSE, sizeof (DgSentence));
  const char *p = x->text, *stop = x->text + x->len;
  const char *ts, *te;
  gboolean nl;
  const char *prev_end = x->text;
  while (scan_token (p, stop, &ts, &te, &nl))
    {
      DgTok t = { 0 };
      t.start = ts - x->text;
      t.end = te - x->text;
      t.fold = x->folds->len;
      t.space_before = ts > prev_end;
      gunichar c = g_utf8_get_char (ts);
      if (c == '\n')
        t.flags = DG_TOK_BREAK;
      else if (is_word_char (c))
        {
          t.flags = DG_TOK_WORD;
          if (g_unichar_isupper (c) || g_unichar_istitle (c))
            t.flags |= DG_TOK_UPPER;
          if (g_unichar_isdigit (c))
            t.flags |= DG_TOK_DIGIT;
          guint letters = 0, upper = 0;
          for (const char *q = ts; q < te; q = g_utf8_next_char (q))
            {
              gunichar d = g_utf8_get_char (q);
              if (g_unichar_isalpha (d))
                {
                  letters++;
                  upper += g_unichar_isupper (d);
                }
            }
          if (letters >= 2 && upper == letters)
            t.flags |= DG_TOK_CAPS;
        }
      else
        t.flags = DG_TOK_PUNCT;
      if ((t.flags & DG_TOK_WORD) && memchr (ts, '.', te - ts))
        {
          /* "T.Ư" reads "TƯ". */
          g_autoptr (GString) word = g_string_new_len (ts, te - ts);
          for (char *d; (d = strchr (word->str, '.')) != NULL;)
            g_string_erase (word, d - word->str, 1);
          append_fold (x->folds, word->str, word->len);
        }
      else
        append_fold (x->folds, ts, te - ts);
      g_array_append_val (x->toks, t);
      prev_end = te;
      p = te;
    }

  /* Sentences: line breaks always end one; . ! ? … end one before an upper
   * case word, a digit, a quote or a dash, except after the short forms
   * above and after initials. */
  guint n = x->toks->len, first = 0, para = 0;
  for (guint i = 0; i <= n; i++)
    {
      gboolean close = i == n, is_break = FALSE;
      guint last = i;
      if (i < n)
        {
          DgTok *t = &g_array_index (x->toks, DgTok, i);
          if (t->flags & DG_TOK_BREAK)
            close = is_break = TRUE;
          else if ((t->flags & DG_TOK_PUNCT) && is_sentence_end (x->folds->str + t->fold)
                   && i + 1 < n)
            {
              DgTok *next = &g_array_index (x->toks, DgTok, i + 1);
              DgTok *prev = i > 0 ? &g_array_index (x->toks, DgTok, i - 1) : NULL;
              const char *prevw = prev ? x->folds->str + prev->fold : "";
              gboolean short_form = in_list (stop_abbrevs, prevw)
                                    || (prev && g_utf8_strlen (prevw, -1) == 1
                                        && (prev->flags & DG_TOK_UPPER));
              char c = x->text[next->start];
              gboolean next_opens = (next->flags & (DG_TOK_UPPER | DG_TOK_DIGIT))
                                    || ((next->flags & DG_TOK_PUNCT)
                                        && (strchr ("\"(-", c) || next->end - next->start > 1));
              if (next_opens && !short_form && !(next->flags & DG_TOK_BREAK))
                {
                  close = TRUE;
                  last = i + 1;
                }
            }
        }
      if (!close)
        continue;
      if (last > first)
        {
          DgSentence s = { first, last, 0, 0, para };
          s.start = g_array_index (x->toks, DgTok, first).start;
          s.end = g_array_index (x->toks, DgTok, last - 1).end;
          for (guint k = first; k < last; k++)
            g_array_index (x->toks, DgTok, k).sent = x->sents->len;
          g_array_append_val (x->sents, s);
        }
      if (is_break)
        {
          g_array_index (x->toks, DgTok, i).sent = x->sents->len ? x->sents->len - 1 : 0;
          para++;
          first = i + 1;
        }
      else
        first = last;
    }
}

guint
dg_ntoks (const DgExtract *x)
{
  return x->toks->len;
}

const char *
dg_tok_fold (const DgExtract *x, guint i)
{
  if (i >= x->toks->len)
    return "";
  return x->folds->str + g_array_index (x->toks, DgTok, i).fold;
}

guint
dg_tok_flags (const DgExtract *x, guint i)
{
  if (i >= x->toks->len)
    return 0;
  return g_array_index (x->toks, DgTok, i).flags;
}

gboolean
dg_tok_is (const DgExtract *x, guint i, const char *word)
{
  if (i >= x->toks->len)
    return FALSE;
  const char *f = x->folds->str + g_array_index (x->toks, DgTok, i).fold;
  /* Most tokens differ from the word at the first byte. */
  return f[0] == word[0] && strcmp (f, word) == 0;
}

guint
dg_phrase_len (const char *phrase)
{
  guint n = 1;
  for (const char *p = phrase; *p; p++)
    n += *p == ' ';
  return n;
}

gboolean
dg_tok_phrase (const DgExtract *x, guint i, const char *phrase)
{
  const char *p = phrase;
  while (*p)
    {
      if (i >= x->toks->len)
        return FALSE;
      const char *f = x->folds->str + g_array_index (x->toks, DgTok, i).fold;
      if (f[0] != p[0])
        return FALSE; /* most calls end here */
      const char *sp = strchr (p, ' ');
      gsize n = sp ? (gsize) (sp - p) : strlen (p);
      if (strncmp (f, p, n) != 0 || f[n] != '\0')
        return FALSE;
      i++;
      p += n + (sp ? 1 : 0);
    }
  return TRUE;
}

char *
dg_tok_text (const DgExtract *x, guint t0, guint t1)
{
  if (t1 <= t0 || t0 >= x->toks->len)
    return g_strdup ("");
  t1 = MIN (t1, x->toks->len);
  guint s = g_array_index (x->toks, DgTok, t0).start;
  guint e = g_array_index (x->toks, DgTok, t1 - 1).end;
  return dg_text_squeeze (x->text + s, e - s);
}

const DgSentence *
dg_tok_sentence (const DgExtract *x, guint i)
{
  if (x->sents->len == 0)
    return NULL;
  guint s = i < x->toks->len ? g_array_index (x->toks, DgTok, i).sent : x->sents->len - 1;
  return &g_array_index (x->sents, DgSentence, MIN (s, x->sents->len - 1));
}

/* ------------------------------------------------------------ phrases */

/* Rules fold the same phrases again and again (table rows, the labels of
 * the organizations an article named so far, for each title that refers
 * back): each thread keeps the folds it made, up to a bound. */
#define FOLD_CACHE_MAX 8192

static void
fold_cache_free (gpointer cache)
{
  g_hash_table_unref (cache);
}

static GPrivate fold_cache_key = G_PRIVATE_INIT (fold_cache_free);

static char *fold_phrase_uncached (const char *phrase);

char *
dg_fold_phrase (const char *phrase)
{
  GHashTable *cache = g_private_get (&fold_cache_key);
  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_private_set (&fold_cache_key, cache);
    }
  const char *hit = g_hash_table_lookup (cache, phrase);
  if (hit)
    return g_strdup (hit);
  char *f = fold_phrase_uncached (phrase);
  if (g_hash_table_size (cache) >= FOLD_CACHE_MAX)
    g_hash_table_remove_all (cache);
  g_hash_table_insert (cache, g_strdup (phrase), g_strdup (f));
  return f;
}

static char *
fold_phrase_uncached (const char *phrase)
{
  GString *out = g_string_new (NULL);
  GString *tmp = g_string_new (NULL);
  const char *p = phrase, *stop = phrase + strlen (phrase);
  const char *ts, *te;
  gboolean nl;
  while (scan_token (p, stop, &ts, &te, &nl))
    {
      if (*ts == '\n')
        {
          p = te;
          continue;
        }
      g_string_truncate (tmp, 0);
      append_fold (tmp, ts, te - ts);
      if (out->len)
        g_string_append_c (out, ' ');
      g_string_append (out, tmp->str);
      p = te;
    }
  g_string_free (tmp, TRUE);
  return g_string_free (out, FALSE);
}

static GMutex phrase_lock;

#define PHRASE_COLUMNS 4

static const DgPhraseTable *phrases_locked (const char *name, guint col);
static void lexicon_init (void);

/* The tables the passes use, loaded before the first extraction so that
 * looking one up takes no lock: the frozen map never changes after. */
static GHashTable *frozen; /* name → DgPhraseTable *[PHRASE_COLUMNS] */

static void
freeze_tables (void)
{
  static gsize once;
  if (g_once_init_enter (&once))
    {
      static const struct { const char *name; guint col; } used[] = {
        { "org-heads.tsv", 0 }, { "titles.tsv", 0 }, { "doc-types.tsv", 0 },
        { "stop-words.tsv", 0 }, { "event-heads.tsv", 0 }, { "org-names.tsv", 1 },
        { "steer-starts.tsv", 0 }, { "name-stops.tsv", 0 },
      };
      GHashTable *h = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < G_N_ELEMENTS (used); i++)
        {
          DgPhraseTable **cols = g_hash_table_lookup (h, used[i].name);
          if (cols == NULL)
            {
              cols = g_new0 (DgPhraseTable *, PHRASE_COLUMNS);
              g_hash_table_insert (h, (gpointer) used[i].name, cols);
            }
          cols[used[i].col] = (DgPhraseTable *) phrases_locked (used[i].name, used[i].col);
        }
      frozen = h;
      lexicon_init ();
      g_once_init_leave (&once, 1);
    }
}

const DgPhraseTable *
dg_phrases (const char *name, guint col)
{
  g_return_val_if_fail (col < PHRASE_COLUMNS, NULL);
  freeze_tables ();
  DgPhraseTable **cols = g_hash_table_lookup (frozen, name);
  if (cols && cols[col])
    return cols[col];
  return phrases_locked (name, col);
}

/* A phrase table of the rows of rows whose column col holds the phrase;
 * with cls, only the rows whose first column is cls. */
static DgPhraseTable *
phrase_table_new (GPtrArray *rows, guint col, const char *cls)
{
  DgPhraseTable *t = g_new0 (DgPhraseTable, 1);
  t->phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t->firsts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = rows->pdata[i];
      if (cls && strcmp (dg_data_field (row, 0), cls) != 0)
        continue;
      const char *phrase = dg_data_field (row, col);
      if (*phrase == '\0')
        continue;
      char *f = dg_fold_phrase (phrase);
      guint n = dg_phrase_len (f);
      if (n > DG_PHRASE_MAX)
        {
          g_free (f);
          continue;
        }
      t->max_len = MAX (t->max_len, n);
      const char *sp = strchr (f, ' ');
      g_autofree char *first = sp ? g_strndup (f, sp - f) : g_strdup (f);
      guint have = GPOINTER_TO_UINT (g_hash_table_lookup (t->firsts, first));
      g_hash_table_replace (t->firsts, g_steal_pointer (&first), GUINT_TO_POINTER (have | (1u << n)));
      if (!g_hash_table_contains (t->phrases, f))
        g_hash_table_insert (t->phrases, f, row);
      else
        g_free (f);
    }
  return t;
}

static const DgPhraseTable *
phrases_locked (const char *name, guint col)
{
  static GHashTable *cache; /* name → DgPhraseTable *[PHRASE_COLUMNS], never freed */
  g_mutex_lock (&phrase_lock);
  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  DgPhraseTable **cols = g_hash_table_lookup (cache, name);
  if (cols == NULL)
    {
      cols = g_new0 (DgPhraseTable *, PHRASE_COLUMNS);
      g_hash_table_insert (cache, g_strdup (name), cols);
    }
  if (cols[col] == NULL)
    cols[col] = phrase_table_new (dg_data_table (name), col, NULL);
  g_mutex_unlock (&phrase_lock);
  return cols[col];
}

/* ------------------------------------------------------------ lexicon */

/* The classes of relation-words.tsv, each a phrase table built before the
 * first extraction, so that looking one up takes no lock. */
static GHashTable *lexicon; /* class → DgPhraseTable* */
/* Rows matched so far, when tracking (tests). */
static GHashTable *lexicon_hits;
static GMutex lexicon_lock;

static void
lexicon_init (void)
{
  static gsize once;
  if (g_once_init_enter (&once))
    {
      GHashTable *h = g_hash_table_new (g_str_hash, g_str_equal);
      GPtrArray *rows = dg_data_table (DG_LEXICON_TABLE);
      for (guint i = 0; i < rows->len; i++)
        {
          const char *cls = dg_data_field (rows->pdata[i], 0);
          if (*cls && !g_hash_table_contains (h, cls))
            g_hash_table_insert (h, (gpointer) cls, phrase_table_new (rows, 1, cls));
        }
      lexicon = h;
      g_once_init_leave (&once, 1);
    }
}

const DgPhraseTable *
dg_lexicon (const char *cls)
{
  lexicon_init ();
  const DgPhraseTable *t = g_hash_table_lookup (lexicon, cls);
  if (t == NULL)
    g_error ("%s has no class %s", DG_LEXICON_TABLE, cls);
  return t;
}

static GStrv lexicon_hit (GStrv row);

void
dg_lexicon_note (GStrv row)
{
  lexicon_hit (row);
}

static GStrv
lexicon_hit (GStrv row)
{
  if (row && lexicon_hits)
    {
      g_mutex_lock (&lexicon_lock);
      if (lexicon_hits)
        g_hash_table_add (lexicon_hits, row);
      g_mutex_unlock (&lexicon_lock);
    }
  return row;
}

void
dg_lexicon_track (gboolean on)
{
  g_mutex_lock (&lexicon_lock);
  if (on && lexicon_hits == NULL)
    lexicon_hits = g_hash_table_new (NULL, NULL);
  else if (!on && lexicon_hits)
    g_clear_pointer (&lexicon_hits, g_hash_table_unref);
  g_mutex_unlock (&lexicon_lock);
}

gboolean
dg_lexicon_row_hit (GStrv row)
{
  g_mutex_lock (&lexicon_lock);
  gboolean hit = lexicon_hits && g_hash_table_contains (lexicon_hits, row);
  g_mutex_unlock (&lexicon_lock);
  return hit;
}

GStrv
dg_lex_at (const DgExtract *x, const char *cls, guint i, guint *ntoks)
{
  guint n;
  GStrv row = dg_phrase_match (x, dg_lexicon (cls), i, NULL, &n);
  if (ntoks)
    *ntoks = row ? n : 0;
  return lexicon_hit (row);
}

guint
dg_lex_len (const DgExtract *x, const char *cls, guint i)
{
  guint n;
  return dg_lex_at (x, cls, i, &n) ? n : 0;
}

/* Row of the phrase of table that is exactly tokens [i, i + n). */
static GStrv
phrase_exact (const DgExtract *x, const DgPhraseTable *t, guint i, guint n)
{
  guint lengths = GPOINTER_TO_UINT (g_hash_table_lookup (t->firsts, dg_tok_fold (x, i)));
  if (!(lengths & (1u << n)))
    return NULL;
  char key[512];
  gsize len = 0;
  for (guint k = 0; k < n; k++)
    {
      const char *f = dg_tok_fold (x, i + k);
      gsize fl = strlen (f);
      if (len + fl + 2 >= sizeof key)
        return NULL;
      if (k > 0)
        key[len++] = ' ';
      memcpy (key + len, f, fl);
      len += fl;
    }
  key[len] = '\0';
  return g_hash_table_lookup (t->phrases, key);
}

GStrv
dg_lex_before (const DgExtract *x, const char *cls, guint i, guint floor, guint *ntoks)
{
  const DgPhraseTable *t = dg_lexicon (cls);
  if (ntoks)
    *ntoks = 0;
  for (guint n = MIN (t->max_len, i > floor ? i - floor : 0); n > 0; n--)
    {
      GStrv row = phrase_exact (x, t, i - n, n);
      if (row)
        {
          if (ntoks)
            *ntoks = n;
          return lexicon_hit (row);
        }
    }
  return NULL;
}

guint
dg_lex_skip_back (const DgExtract *x, const char *cls, guint i, guint floor)
{
  guint n;
  while (i > floor && dg_lex_before (x, cls, i, floor, &n))
    i -= n;
  return i;
}

gboolean
dg_lex_prefix (const char *cls, const char *key)
{
  const DgPhraseTable *t = dg_lexicon (cls);
  GHashTableIter it;
  gpointer phrase;
  g_hash_table_iter_init (&it, t->phrases);
  while (g_hash_table_iter_next (&it, &phrase, NULL))
    {
      gsize n = strlen (phrase);
      if (strncmp (key, phrase, n) == 0 && (key[n] == ' ' || key[n] == '\0'))
        {
          lexicon_hit (g_hash_table_lookup (t->phrases, phrase));
          return TRUE;
        }
    }
  return FALSE;
}

GStrv
dg_phrase_match (const DgExtract *x, const DgPhraseTable *table, guint i, const char *prefix,
                 guint *ntoks)
{
  *ntoks = 0;
  if (i > x->toks->len)
    return NULL;
  /* Most words start no phrase of a table: ask the first word first. */
  /* lengths: bit n set when a phrase of n tokens of the text may start here. */
  guint lengths, limit;
  if (prefix)
    {
      const char *sp = strchr (prefix, ' ');
      g_autofree char *first = sp ? g_strndup (prefix, sp - prefix) : g_strdup (prefix);
      guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (table->firsts, first));
      guint words = dg_phrase_len (prefix);
      lengths = mask >> words;
    }
  else
    lengths = GPOINTER_TO_UINT (g_hash_table_lookup (table->firsts, dg_tok_fold (x, i)));
  if (lengths == 0)
    return NULL;
  limit = g_bit_nth_msf (lengths, -1);
  guint avail = 0;
  while (avail < limit && i + avail < x->toks->len
         && !(dg_tok_flags (x, i + avail) & DG_TOK_BREAK))
    avail++;
  char key[512];
  for (guint n = avail; n > 0 || (prefix && n == 0); n--)
    {
      if (!(lengths & (1u << n)))
        {
          if (n == 0)
            break;
          continue;
        }
      gsize len = 0;
      key[0] = '\0';
      if (prefix)
        {
          len = g_strlcpy (key, prefix, sizeof key);
          if (n > 0 && len < sizeof key - 1)
            key[len++] = ' ', key[len] = '\0';
        }
      gboolean fits = TRUE;
      for (guint k = 0; k < n && fits; k++)
        {
          const char *f = dg_tok_fold (x, i + k);
          gsize fl = strlen (f);
          if (len + fl + 2 >= sizeof key)
            fits = FALSE;
          else
            {
              if (k > 0)
                key[len++] = ' ';
              memcpy (key + len, f, fl);
              len += fl;
              key[len] = '\0';
            }
        }
      if (fits)
        {
          GStrv row = g_hash_table_lookup (table->phrases, key);
          if (row)
            {
              *ntoks = n;
              return row;
            }
        }
      if (n == 0)
        break;
    }
  return NULL;
}

guint
dg_surname_rank (const char *fold)
{
  static gsize once;
  static GHashTable *ranks;
  if (g_once_init_enter (&once))
    {
      GHashTable *h = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GPtrArray *rows = dg_data_table ("surnames.tsv");
      for (guint i = 0; i < rows->len; i++)
        {
          char *f = dg_fold_phrase (dg_data_field (rows->pdata[i], 0));
          if (strchr (f, ' ') || g_hash_table_contains (h, f))
            {
              g_free (f);
              continue;
            }
          g_hash_table_insert (h, f, GUINT_TO_POINTER (i + 1));
        }
      ranks = h;
      g_once_init_leave (&once, 1);
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (ranks, fold));
}

GStrv
dg_province_lookup (const char *folded_name)
{
  static gsize once;
  static GHashTable *names;
  if (g_once_init_enter (&once))
    {
      GHashTable *h = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GPtrArray *rows = dg_data_table ("provinces.tsv");
      for (guint i = 0; i < rows->len; i++)
        {
          GStrv row = rows->pdata[i];
          g_hash_table_insert (h, dg_fold_phrase (dg_data_field (row, 0)), row);
          g_auto (GStrv) aliases = g_strsplit (dg_data_field (row, 4), ",", -1);
          for (guint k = 0; aliases[k]; k++)
            if (*g_strstrip (aliases[k]))
              g_hash_table_insert (h, dg_fold_phrase (aliases[k]), row);
        }
      names = h;
      g_once_init_leave (&once, 1);
    }
  return g_hash_table_lookup (names, folded_name);
}

/* One alternation of the short spellings of province names ("TP.HCM",
 * "TP HCM", "TPHCM"): aliases that are no tail of the full name. */
static gboolean
place_eval (const GMatchInfo *mi, GString *out, gpointer data)
{
  GHashTable *full = data;
  g_autofree char *m = g_match_info_fetch (mi, 0);
  const char *name = g_hash_table_lookup (full, m);
  g_string_append (out, name ? name : m);
  return FALSE;
}

static gint
longer_first (gconstpointer a, gconstpointer b)
{
  return (int) strlen (*(char *const *) b) - (int) strlen (*(char *const *) a);
}

char *
dg_places_normalize (const char *text)
{
  static gsize once;
  static GRegex *re;
  static GHashTable *full; /* alias as written → province name */
  if (g_once_init_enter (&once))
    {
      GHashTable *h = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr (GPtrArray) alts = g_ptr_array_new_with_free_func (g_free);
      GPtrArray *rows = dg_data_table ("provinces.tsv");
      for (guint i = 0; i < rows->len; i++)
        {
          GStrv row = rows->pdata[i];
          const char *name = dg_data_field (row, 0);
          g_auto (GStrv) aliases = g_strsplit (dg_data_field (row, 4), ",", -1);
          for (guint k = 0; aliases[k]; k++)
            {
              const char *a = g_strstrip (aliases[k]);
              if (strlen (a) < 3 || g_str_has_suffix (name, a) || g_hash_table_contains (h, a))
                continue;
              g_hash_table_insert (h, g_strdup (a), (gpointer) name);
              g_ptr_array_add (alts, g_regex_escape_string (a, -1));
            }
        }
      g_ptr_array_sort (alts, longer_first);
      g_ptr_array_add (alts, NULL);
      g_autofree char *alt = g_strjoinv ("|", (char **) alts->pdata);
      g_autofree char *pattern = g_strdup_printf ("(?<![\\p{L}\\p{N}])(?:%s)(?![\\p{L}\\p{N}])",
                                                  alt);
      full = h;
      re = alts->len > 1 ? g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL) : NULL;
      g_once_init_leave (&once, 1);
    }
  if (re == NULL || text == NULL)
    return g_strdup (text);
  return g_regex_replace_eval (re, text, -1, 0, 0, place_eval, full, NULL);
}

/* ------------------------------------------------------------ mentions */

static void
cover_add (DgExtract *x, guint16 *cover, guint t0, guint t1, int delta)
{
  guint n = x->toks->len;
  for (guint i = t0; i < t1 && i < n; i++)
    cover[i] = (guint16) MAX (0, (int) cover[i] + delta);
}

DgMention *
dg_mention_new (DgExtract *x, DgMentionKind kind, guint t0, guint t1, const char *rule)
{
  DgMention *m = g_new0 (DgMention, 1);
  m->kind = kind;
  m->t0 = t0;
  m->t1 = t1;
  m->rule = dg_rule_intern (rule);
  g_ptr_array_add (x->mentions, m);
  if (t0 < x->toks->len)
    {
      if (x->starts[t0] == NULL)
        x->starts[t0] = g_ptr_array_new ();
      g_ptr_array_add (x->starts[t0], m);
    }
  cover_add (x, x->cover[kind], t0, t1, +1);
  return m;
}

void
dg_mention_set_title (DgExtract *x, DgMention *m, guint t0, guint t1)
{
  if (m->title_t1 > m->title_t0)
    cover_add (x, x->title_cover, m->title_t0, m->title_t1, -1);
  m->title_t0 = t0;
  m->title_t1 = t1;
  if (t1 > t0)
    cover_add (x, x->title_cover, t0, t1, +1);
}

void
dg_mark_role (DgExtract *x, guint t0, guint t1)
{
  cover_add (x, x->role_cover, t0, t1, +1);
}

void
dg_mention_unindex (DgExtract *x, DgMention *m)
{
  if (m->t0 < x->toks->len && x->starts[m->t0])
    g_ptr_array_remove (x->starts[m->t0], m);
  cover_add (x, x->cover[m->kind], m->t0, m->t1, -1);
  if (m->title_t1 > m->title_t0)
    cover_add (x, x->title_cover, m->title_t0, m->title_t1, -1);
}

GPtrArray *
dg_mentions_at (const DgExtract *x, guint i)
{
  return i < x->toks->len ? x->starts[i] : NULL;
}

DgMention *
dg_mention_at (const DgExtract *x, DgMentionKind kind, guint i)
{
  GPtrArray *at = dg_mentions_at (x, i);
  DgMention *best = NULL;
  for (guint k = 0; at && k < at->len; k++)
    {
      DgMention *m = at->pdata[k];
      if (m->kind == kind && (best == NULL || m->t1 > best->t1))
        best = m;
    }
  return best;
}

gboolean
dg_covered (const DgExtract *x, DgMentionKind kind, guint i)
{
  return i < x->toks->len && x->cover[kind][i] > 0;
}

gboolean
dg_inside (const DgExtract *x, DgMentionKind kind, guint i)
{
  if (!dg_covered (x, kind, i))
    return FALSE;
  guint starting = 0;
  GPtrArray *at = dg_mentions_at (x, i);
  for (guint k = 0; at && k < at->len; k++)
    starting += ((DgMention *) at->pdata[k])->kind == kind;
  return x->cover[kind][i] > starting;
}

gboolean
dg_in_title (const DgExtract *x, guint i)
{
  return i < x->toks->len && x->title_cover[i] > 0;
}

gboolean
dg_in_role (const DgExtract *x, guint i)
{
  return i < x->toks->len && x->role_cover[i] > 0;
}

static void
title_free (DgTitle *t)
{
  g_free (t->text);
  g_free (t->role);
  g_free (t);
}

void
dg_mention_free (DgMention *m)
{
  g_free (m->suffix);
  if (m->titles)
    {
      g_ptr_array_set_free_func (m->titles, (GDestroyNotify) title_free);
      g_ptr_array_unref (m->titles);
    }
  g_free (m);
}

guint
dg_mention_start (const DgExtract *x, const DgMention *m)
{
  return g_array_index (x->toks, DgTok, MIN (m->t0, x->toks->len - 1)).start;
}

guint
dg_mention_end (const DgExtract *x, const DgMention *m)
{
  guint last = m->t1 > 0 ? m->t1 - 1 : 0;
  return g_array_index (x->toks, DgTok, MIN (last, x->toks->len - 1)).end;
}

static gint
mention_order (gconstpointer a, gconstpointer b)
{
  const DgMention *x = *(DgMention *const *) a, *y = *(DgMention *const *) b;
  if (x->t0 != y->t0)
    return x->t0 < y->t0 ? -1 : 1;
  return x->t1 > y->t1 ? -1 : x->t1 < y->t1;
}

GPtrArray *
dg_mentions_of (DgExtract *x, DgMentionKind kind)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < x->mentions->len; i++)
    {
      DgMention *m = x->mentions->pdata[i];
      if (m->kind == kind)
        g_ptr_array_add (out, m);
    }
  g_ptr_array_sort (out, mention_order);
  return out;
}

/* ------------------------------------------------------------ dates */

static int
tok_int (const DgExtract *x, guint i, int max_digits)
{
  if (!(dg_tok_flags (x, i) & DG_TOK_DIGIT))
    return -1;
  const char *f = dg_tok_fold (x, i);
  int len = (int) strlen (f);
  if (len > max_digits)
    return -1;
  for (int k = 0; k < len; k++)
    if (!g_ascii_isdigit (f[k]))
      return -1;
  return atoi (f);
}

/* A separator of numeric dates, between two tokens with no space or with
 * spaces on both sides ("30/3/2023", "30 - 3 - 2023"). */
static gboolean
is_date_sep (const DgExtract *x, guint i, const char **sep)
{
  const char *f = dg_tok_fold (x, i);
  if (strcmp (f, "/") == 0 || strcmp (f, "-") == 0 || strcmp (f, ".") == 0
      || strcmp (f, "–") == 0)
    {
      if (*sep && strcmp (*sep, f) != 0 && !(strcmp (*sep, "-") == 0 && strcmp (f, "–") == 0))
        return FALSE;
      *sep = f;
      return TRUE;
    }
  return FALSE;
}

static char *parse_one_date (const DgExtract *x, guint i, int year_hint, guint *end,
                             int *dd, int *mm, int *yy);

/* A date, or the first day of a span whose end gives the month and year
 * the start leaves out: "14 và 15/7/2020", "từ ngày 02/5 đến ngày
 * 11/5/2013", "(25 và 26/4)". */
char *
dg_parse_date (const DgExtract *x, guint i, int year_hint, guint *end)
{
  int d, m, y;
  guint e;
  /* "14 và 15/7/2020": a bare day before the span's end. */
  int d0 = tok_int (x, i, 2);
  if (d0 >= 1 && d0 <= 31 && (dg_tok_is (x, i + 1, "và") || dg_tok_is (x, i + 1, "-")
                              || dg_tok_is (x, i + 1, "đến")))
    {
      g_autofree char *second = parse_one_date (x, i + 2, year_hint, &e, &d, &m, &y);
      if (second && d > d0)
        {
          if (end)
            *end = e;
          return dg_iso_date (y, m, d0);
        }
    }
  char *first = parse_one_date (x, i, 0, &e, &d, &m, &y);
  if (first == NULL)
    return NULL;
  if (y <= 0)
    {
      guint j = e;
      if (dg_tok_is (x, j, "đến") || dg_tok_is (x, j, "-") || dg_tok_is (x, j, "và"))
        j++;
      if (dg_tok_is (x, j, "ngày"))
        j++;
      int d2, m2, y2;
      guint e2;
      g_autofree char *second = j > e ? parse_one_date (x, j, 0, &e2, &d2, &m2, &y2) : NULL;
      if (second && y2 > 0 && m2 >= m)
        y = y2;
      else if (year_hint > 0)
        y = year_hint;
      g_free (first);
      first = dg_iso_date (y, m, d);
    }
  if (first && end)
    *end = e;
  return first;
}

static char *
parse_one_date (const DgExtract *x, guint i, int year_hint, guint *end, int *dd, int *mm, int *yy)
{
  int d = tok_int (x, i, 2);
  if (dg_tok_is (x, i, "mùng") || dg_tok_is (x, i, "mồng"))
    d = tok_int (x, ++i, 2);
  if (d < 1 || d > 31)
    return NULL;
  int m = -1, y = 0;
  guint j = i + 1;
  const char *sep = NULL;
  if (is_date_sep (x, j, &sep))
    {
      m = tok_int (x, j + 1, 2);
      j += 2;
      const char *sep2 = sep;
      if (m >= 1 && is_date_sep (x, j, &sep2))
        {
          int yy = tok_int (x, j + 1, 4);
          if (yy >= 1930 && yy <= 2100)
            {
              y = yy;
              j += 2;
            }
        }
      if (y == 0 && strcmp (sep, ".") == 0)
        return NULL; /* "30.4" alone is too often not a date */
    }
  else if (dg_tok_is (x, j, "tháng"))
    {
      m = tok_int (x, j + 1, 2);
      j += 2;
      if (m >= 1 && dg_tok_is (x, j, "năm"))
        {
          int yy = tok_int (x, j + 1, 4);
          if (yy >= 1930 && yy <= 2100)
            {
              y = yy;
              j += 2;
            }
        }
    }
  if (m < 1 || m > 12)
    return NULL;
  if (y == 0 && year_hint > 0)
    y = year_hint;
  char *iso = dg_iso_date (y, m, d);
  if (iso && end)
    *end = j;
  *dd = d;
  *mm = m;
  *yy = y;
  return iso;
}
