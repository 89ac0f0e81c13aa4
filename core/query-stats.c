/* query-stats.c: `docgraph stats`: counts, file size, and nodes that look
 * like one thing written two ways. */
#include "store-private.h"
#include "data-private.h"

#include <string.h>
#include <glib/gstdio.h>

/* Where a name that is another cut short ranks: after names up to two
 * letters apart, as weaker evidence ("Ban Bí thư" begins "Ban Bí thư
 * Trung ương Đoàn", another body). */
#define PREFIX_DISTANCE 3
/* Sorted neighbours compared with each name. */
#define WINDOW 8
/* Nodes with one folded name that are all paired with each other; more
 * than this is a common name, not a duplicate. */
#define MAX_SAME_NAME 6

void
dg_duplicate_free (DgDuplicate *dup)
{
  if (dup == NULL)
    return;
  g_free (dup->keep_label);
  g_free (dup->drop_label);
  g_free (dup);
}

void
dg_stats_free (DgStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->duplicates, g_ptr_array_unref);
  g_free (stats);
}

typedef struct {
  gint64 id;     /* nodes.id */
  char *label;   /* nodes.label */
  char *fold;    /* dg_text_fold_search of the label */
  char *rev;     /* fold reversed, for the second sort */
  char *digits;  /* the numbers of fold, digits and Roman ("khóa XII"),
                  * which must agree */
  char *places;  /* the gazetteer entries and places of the label
                  * (gazetteer_signature), which must agree */
  guint len;     /* characters in fold */
} Name;

typedef struct {
  DgStore *store;      /* borrowed */
  DgNodeType type;     /* the type being compared */
  GHashTable *seen;    /* "a:b" pairs already found */
  GPtrArray *out;      /* DgDuplicate */
} Finder;

static void
name_clear (gpointer p)
{
  Name *n = p;
  g_free (n->label);
  g_free (n->fold);
  g_free (n->rev);
  g_free (n->digits);
  g_free (n->places);
}

/* ---------------------------------------------------------- gazetteer
 *
 * Names a letter or two apart are often two bodies: "Tỉnh ủy Bình Thuận"
 * and "Tỉnh ủy Ninh Thuận", "Ban Bí thư" and "Ban Bí thư Trung ương Đoàn",
 * "Sở Tư pháp" and "Sở Tư pháp Đồng Nai". A name's signature lists, in
 * order, the provinces (provinces.tsv, aliases read as their province) and
 * organization heads (org-heads.tsv, longest first) it contains, the level
 * words ("tỉnh", "huyện", "Trung ương" …) and the words of the place that
 * follows a level word or a head that takes a place ("Huyện ủy Nam Đàn").
 * Two names are suggested as one only when their signatures are equal, so
 * a slip can only be in the other words. Matched in the key form
 * (diacritics kept: "tỉnh" is not "tình", "quận" not "quân"). */

typedef struct {
  GHashTable *phrases; /* key-form phrase → signature item ("p:…", "h:…",
                        * "H:…" for a head a place follows, "l:…") */
  guint max_words;     /* words in the longest phrase */
} Gazetteer;

/* Level words: what follows them is a place. */
static const char *const level_words[] = {
  "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "trung ương",
  "tp", NULL
};

/* Complements of org-heads.tsv after which a place is written. */
static gboolean
takes_place (const char *complement)
{
  return strcmp (complement, "place") == 0 || g_str_has_prefix (complement, "admin")
         || strcmp (complement, "central-or-admin") == 0;
}

/* The words of text in the key form, punctuation dropped. (transfer full) */
static GStrv
key_words (const char *text)
{
  g_autofree char *key = dg_text_fold_key (text, -1);
  GString *clean = g_string_sized_new (strlen (key));
  for (const char *p = key; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        g_string_append_unichar (clean, c);
      else
        g_string_append_c (clean, ' ');
    }
  g_autofree char *squeezed = dg_text_squeeze (clean->str, -1);
  g_string_free (clean, TRUE);
  return *squeezed ? g_strsplit (squeezed, " ", -1) : g_new0 (char *, 1);
}

static void
gazetteer_add (Gazetteer *g, const char *phrase, const char *kind, const char *value)
{
  g_auto (GStrv) words = key_words (phrase);
  guint n = g_strv_length (words);
  if (n == 0)
    return;
  g_autofree char *joined = g_strjoinv (" ", words);
  if (g_hash_table_contains (g->phrases, joined))
    return; /* the first reading wins: provinces before heads */
  g_auto (GStrv) vwords = key_words (value);
  g_autofree char *vjoined = g_strjoinv (" ", vwords);
  g_hash_table_insert (g->phrases, g_steal_pointer (&joined),
                       g_strconcat (kind, ":", vjoined, NULL));
  g->max_words = MAX (g->max_words, n);
}

static gpointer
gazetteer_load (gpointer unused)
{
  Gazetteer *g = g_new0 (Gazetteer, 1);
  g->phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *provinces = dg_data_table ("provinces.tsv");
  for (guint i = 0; i < provinces->len; i++)
    {
      GStrv row = provinces->pdata[i];
      const char *name = dg_data_field (row, 0);
      gazetteer_add (g, name, "p", name);
      g_auto (GStrv) aliases = g_strsplit (dg_data_field (row, 4), ",", -1);
      for (guint a = 0; aliases[a]; a++)
        gazetteer_add (g, aliases[a], "p", name);
    }
  GPtrArray *heads = dg_data_table ("org-heads.tsv");
  for (guint i = 0; i < heads->len; i++)
    {
      GStrv row = heads->pdata[i];
      const char *head = dg_data_field (row, 0);
      gazetteer_add (g, head, takes_place (dg_data_field (row, 1)) ? "H" : "h", head);
    }
  for (guint i = 0; level_words[i]; i++)
    gazetteer_add (g, level_words[i], "l", level_words[i]);
  return g;
}

static Gazetteer *
gazetteer (void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once (&once, gazetteer_load, NULL);
}

/* "Ban Tuyên giáo Tỉnh ủy Nghệ An" → "h:ban tuyên giáo|H:tỉnh ủy|p:nghệ an|".
 * (transfer full) */
static char *
gazetteer_signature (const char *label)
{
  Gazetteer *g = gazetteer ();
  g_auto (GStrv) words = key_words (label);
  guint n = g_strv_length (words);
  GString *sig = g_string_new (NULL);
  gboolean in_place = FALSE; /* the words now are a place's */
  for (guint i = 0; i < n;)
    {
      const char *item = NULL;
      guint len = MIN (g->max_words, n - i);
      for (; len > 0; len--)
        {
          GString *p = g_string_new (words[i]);
          for (guint k = 1; k < len; k++)
            g_string_append_printf (p, " %s", words[i + k]);
          item = g_hash_table_lookup (g->phrases, p->str);
          g_string_free (p, TRUE);
          if (item)
            break;
        }
      if (item)
        {
          g_string_append_printf (sig, "%s|", item);
          in_place = item[0] == 'H' || item[0] == 'l';
          i += len;
          continue;
        }
      if (in_place)
        g_string_append_printf (sig, "w:%s|", words[i]);
      i++;
    }
  return g_string_free (sig, FALSE);
}

static gint64
mention_count (DgStore *store, gint64 id)
{
  sqlite3_stmt *st = dg_store_prepare (store, "SELECT count (*) FROM mentions WHERE node = ?",
                                       NULL);
  if (st == NULL)
    return 0;
  sqlite3_bind_int64 (st, 1, id);
  gint64 n = sqlite3_step (st) == SQLITE_ROW ? sqlite3_column_int64 (st, 0) : 0;
  sqlite3_reset (st);
  return n;
}

/* TRUE when one article names both nodes. */
static gboolean
share_article (DgStore *store, gint64 a, gint64 b)
{
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT 1 FROM mentions x JOIN mentions y ON y.article = x.article "
           "WHERE x.node = ? AND y.node = ? LIMIT 1", NULL);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, a);
  sqlite3_bind_int64 (st, 2, b);
  gboolean shared = sqlite3_step (st) == SQLITE_ROW;
  sqlite3_reset (st);
  return shared;
}

/* Records a pair once; which to keep is decided for the pairs shown
 * only (dg_store_duplicates), as it costs two queries. */
static void
add_pair (Finder *f, gint64 a, const char *label_a, gint64 b, const char *label_b,
          guint distance, const char *reason)
{
  gint64 lo = MIN (a, b), hi = MAX (a, b);
  char *k = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, lo, hi);
  if (!g_hash_table_add (f->seen, k))
    return;
  /* Events of two articles are two meetings as far as anything tells
   * ("Kỳ họp thứ ba" of a province and of a district); the extractor
   * keeps them apart on purpose. */
  if (f->type == DG_NODE_EVENT && !share_article (f->store, a, b))
    return;
  DgDuplicate *d = g_new0 (DgDuplicate, 1);
  d->type = f->type;
  d->keep = lo;
  d->drop = hi;
  d->keep_label = g_strdup (lo == a ? label_a : label_b);
  d->drop_label = g_strdup (lo == a ? label_b : label_a);
  d->distance = distance;
  d->reason = reason;
  g_ptr_array_add (f->out, d);
}

/* Two nodes with one folded name: a pair when their labels differ
 * ("Ban Tổ chức Tỉnh ủy" / "Ban Tổ chức tỉnh ủy"). The same label under two
 * keys is the extractor keeping apart what it could not place ("Thành ủy"
 * of two articles that never say which): not a pair. */
static void
same_name_pair (Finder *f, const Name *a, const Name *b)
{
  if (strcmp (a->label, b->label) != 0)
    add_pair (f, a->id, a->label, b->id, b->label, 0, "names differ only in diacritics or case");
}

/* The edit distance two names of this length may be apart. */
static guint
allowed_distance (guint len)
{
  return len >= 12 ? 2 : len >= 6 ? 1 : 0;
}

static void
compare (Finder *f, const Name *a, const Name *b)
{
  if (strcmp (a->fold, b->fold) == 0)
    return; /* handled as same names */
  if (strcmp (a->digits, b->digits) != 0)
    return; /* "Kế hoạch 12" is not "Kế hoạch 13", "khóa XII" not "khóa XIII" */
  if (strcmp (a->places, b->places) != 0)
    return; /* "Tỉnh ủy Bình Thuận" is not "Tỉnh ủy Ninh Thuận" */
  /* Names that start with other words are other bodies: "Sở Nội vụ" and
   * "Bộ Nội vụ", "UBND tỉnh" and "HĐND tỉnh" (a typo rarely hits the head). */
  const char *sa = strchr (a->fold, ' '), *sb = strchr (b->fold, ' ');
  gsize la = sa ? (gsize) (sa - a->fold) : strlen (a->fold);
  gsize lb = sb ? (gsize) (sb - b->fold) : strlen (b->fold);
  if (la != lb || strncmp (a->fold, b->fold, la) != 0)
    return;
  /* A letter or two in a person's name is another syllable, and so
   * another person ("Nguyễn Mạnh Hùng", "Nguyễn Mạnh Hồng", "Nguyễn Sinh
   * Hùng"): officials pair only by the same folded name. */
  if (f->type == DG_NODE_OFFICIAL)
    return;
  guint max = allowed_distance (MIN (a->len, b->len));
  if (max == 0)
    return;
  guint d = dg_edit_distance (a->fold, b->fold, max);
  if (d <= max)
    add_pair (f, a->id, a->label, b->id, b->label, d,
              d == 1 ? "names one letter apart" : "names two letters apart");
}

static gint
by_fold (gconstpointer a, gconstpointer b)
{
  const Name *x = a, *y = b;
  int c = strcmp (x->fold, y->fold);
  return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}

static gint
by_rev (gconstpointer a, gconstpointer b)
{
  const Name *x = a, *y = b;
  int c = strcmp (x->rev, y->rev);
  return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}

static guint
word_count (const char *s)
{
  guint n = *s ? 1 : 0;
  for (; *s; s++)
    n += *s == ' ';
  return n;
}

/* Names of one type: same folded name, near names among sorted
 * neighbours (forwards and reversed, so that a slip at either end is
 * caught), and for organizations a name that only one longer name
 * begins ("Ban Chỉ đạo tỉnh" / "Ban Chỉ đạo tỉnh Bắc Kạn"). */
static void
find_in_names (Finder *f, GArray *names)
{
  guint n = names->len;
  g_array_sort (names, by_fold);
  for (guint i = 0; i < n;)
    {
      guint j = i + 1;
      while (j < n && strcmp (g_array_index (names, Name, j).fold,
                              g_array_index (names, Name, i).fold) == 0)
        j++;
      if (j - i > 1 && j - i <= MAX_SAME_NAME)
        for (guint a = i; a < j; a++)
          for (guint b = a + 1; b < j; b++)
            {
              same_name_pair (f, &g_array_index (names, Name, a), &g_array_index (names, Name, b));
            }
      if (f->type == DG_NODE_ORGANIZATION && word_count (g_array_index (names, Name, i).fold) >= 2)
        {
          /* Longer names that begin with this one come right after it. */
          const Name *s = &g_array_index (names, Name, i);
          g_autofree char *prefix = g_strconcat (s->fold, " ", NULL);
          guint ext = 0, which = 0;
          for (guint k = j; k < n && ext < 2; k++)
            {
              const char *other = g_array_index (names, Name, k).fold;
              if (!g_str_has_prefix (other, prefix))
                break;
              if (ext == 0 || strcmp (other, g_array_index (names, Name, which).fold) != 0)
                {
                  ext++;
                  which = k;
                }
            }
          if (ext == 1
              && strcmp (s->places, g_array_index (names, Name, which).places) == 0)
            {
              const Name *w = &g_array_index (names, Name, which);
              add_pair (f, s->id, s->label, w->id, w->label, PREFIX_DISTANCE,
                        "one name is the other cut short");
            }
        }
      i = j;
    }
  for (guint i = 0; i < n; i++)
    for (guint k = i + 1; k < n && k <= i + WINDOW; k++)
      compare (f, &g_array_index (names, Name, i), &g_array_index (names, Name, k));
  g_array_sort (names, by_rev);
  for (guint i = 0; i < n; i++)
    for (guint k = i + 1; k < n && k <= i + WINDOW; k++)
      compare (f, &g_array_index (names, Name, i), &g_array_index (names, Name, k));
}

/* Roman numerals as a whole word: "xii", "iv", "x". */
static gboolean
is_roman (const char *w, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (strchr ("ivxlcdm", w[i]) == NULL)
      return FALSE;
  return n > 0;
}

/* The numbers of a folded name, digits, Roman numerals and the word after
 * "thứ" or "khóa", in order:
 * "hoi nghi trung uong 5 khoa xii" → "5 r:xii ". (transfer full) */
static char *
numbers_of (const char *fold)
{
  GString *d = g_string_new (NULL);
  for (const char *p = fold; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (d, *p);
    else if (d->len && d->str[d->len - 1] != ' ')
      g_string_append_c (d, ' ');
  g_auto (GStrv) words = g_strsplit (fold, " ", -1);
  for (guint i = 0; words[i]; i++)
    if (is_roman (words[i], strlen (words[i])))
      g_string_append_printf (d, " r:%s", words[i]);
    else if (i > 0 && (strcmp (words[i - 1], "thu") == 0 || strcmp (words[i - 1], "khoa") == 0))
      /* "lần thứ tám", "kỳ họp thứ ba", "khóa mười": a number in words */
      g_string_append_printf (d, " o:%s", words[i]);
  return g_string_free (d, FALSE);
}

static gboolean
load_names (DgStore *store, const char *sql, const char *type, GArray *names, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, type, -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      Name nm = { 0 };
      nm.id = sqlite3_column_int64 (st, 0);
      nm.fold = g_strdup ((const char *) sqlite3_column_text (st, 1));
      nm.label = g_strdup ((const char *) sqlite3_column_text (st, 2));
      if (*nm.fold == '\0')
        {
          g_free (nm.fold);
          g_free (nm.label);
          continue;
        }
      nm.rev = g_utf8_strreverse (nm.fold, -1);
      nm.len = (guint) g_utf8_strlen (nm.fold, -1);
      nm.digits = numbers_of (nm.fold);
      nm.places = gazetteer_signature (nm.label);
      g_array_append_val (names, nm);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading names");
      return FALSE;
    }
  return TRUE;
}

/* A document with a code, as duplicates are judged. */
typedef struct {
  gint64 id;     /* nodes.id */
  char *code;    /* nodes.code */
  char *issuers; /* ids of its issuers, sorted, ","-joined; NULL for none */
  char *date;    /* attrs.date when a full ISO date, else NULL */
  char *title;   /* attrs.title folded, or NULL */
  char *label;   /* nodes.label */
} Coded;

static void
coded_clear (gpointer p)
{
  Coded *c = p;
  g_free (c->code);
  g_free (c->issuers);
  g_free (c->date);
  g_free (c->title);
  g_free (c->label);
}

/* Two values agree when either is missing or they are equal. */
static gboolean
agree (const char *a, const char *b)
{
  return a == NULL || b == NULL || strcmp (a, b) == 0;
}

/* Titles agree when either is missing or one begins the other (articles
 * shorten titles). */
static gboolean
titles_agree (const char *a, const char *b)
{
  return a == NULL || b == NULL || g_str_has_prefix (a, b) || g_str_has_prefix (b, a);
}

/* Documents: one code twice where issuer, date and title agree as far as
 * both give them: an article that did not say whose the document was, or
 * which year ("12-KL/TW" and "12-KL/TW" of 2021, one Kết luận). Codes that
 * many documents share are left alone. Unnumbered documents: the same
 * folded name. */
static gboolean
find_documents (Finder *f, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (
    f->store,
    "SELECT n.id, n.code, (SELECT group_concat (dst) FROM (SELECT dst FROM edges "
    "  WHERE src = n.id AND type = 'issued-by' ORDER BY dst)), "
    "json_extract (n.attrs, '$.date'), json_extract (n.attrs, '$.title'), n.label "
    "FROM nodes n WHERE n.code IN "
    "(SELECT code FROM nodes WHERE code IS NOT NULL GROUP BY code "
    " HAVING count (*) BETWEEN 2 AND " G_STRINGIFY (MAX_SAME_NAME) ") "
    "ORDER BY n.code, n.id",
    error);
  if (st == NULL)
    return FALSE;
  g_autoptr (GArray) docs = g_array_new (FALSE, TRUE, sizeof (Coded));
  g_array_set_clear_func (docs, coded_clear);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      Coded c = { 0 };
      c.id = sqlite3_column_int64 (st, 0);
      c.code = g_strdup ((const char *) sqlite3_column_text (st, 1));
      c.issuers = g_strdup ((const char *) sqlite3_column_text (st, 2));
      const char *date = (const char *) sqlite3_column_text (st, 3);
      if (date && g_ascii_isdigit (date[0]))
        c.date = g_strdup (date);
      const char *title = (const char *) sqlite3_column_text (st, 4);
      if (title && *title)
        c.title = dg_text_fold_search (title, -1);
      c.label = g_strdup ((const char *) sqlite3_column_text (st, 5));
      g_array_append_val (docs, c);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (f->store, error, "reading document codes");
      return FALSE;
    }
  for (guint i = 0; i < docs->len;)
    {
      const Coded *first = &g_array_index (docs, Coded, i);
      guint j = i + 1;
      while (j < docs->len && strcmp (g_array_index (docs, Coded, j).code, first->code) == 0)
        j++;
      for (guint a = i; a < j; a++)
        for (guint b = a + 1; b < j; b++)
          {
            const Coded *x = &g_array_index (docs, Coded, a), *y = &g_array_index (docs, Coded, b);
            if (agree (x->issuers, y->issuers) && agree (x->date, y->date)
                && titles_agree (x->title, y->title))
              add_pair (f, x->id, x->label, y->id, y->label, 0,
                        x->issuers && y->issuers ? "same code, nothing says they differ"
                                                 : "same code, one without an issuer");
          }
      i = j;
    }
  g_autoptr (GArray) names = g_array_new (FALSE, TRUE, sizeof (Name));
  g_array_set_clear_func (names, name_clear);
  if (!load_names (f->store, "SELECT id, fold, label FROM nodes WHERE type = ?1 AND code IS NULL "
                   /* what an article left unresolved is its own */
                   "AND instr (key, '#?') = 0 AND instr (key, '@?') = 0",
                   "document", names, error))
    return FALSE;
  g_array_sort (names, by_fold);
  for (guint i = 0; i + 1 < names->len; i++)
    {
      const Name *a = &g_array_index (names, Name, i), *b = &g_array_index (names, Name, i + 1);
      if (strcmp (a->fold, b->fold) == 0)
        same_name_pair (f, a, b);
    }
  return TRUE;
}

/* Closest first, then by type and name. */
static gint
duplicate_order (gconstpointer a, gconstpointer b)
{
  const DgDuplicate *x = *(DgDuplicate *const *) a, *y = *(DgDuplicate *const *) b;
  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  int c = g_strcmp0 (x->keep_label, y->keep_label);
  return c ? c : (x->keep < y->keep ? -1 : x->keep > y->keep);
}

/* A node of the list as the lines before have left it. */
typedef struct {
  gint64 into;     /* the node it went into, or its own id */
  gint64 mentions; /* its evidence, with what went into it */
  char *label;     /* its label */
} Slot;

static void
slot_free (gpointer p)
{
  Slot *s = p;
  g_free (s->label);
  g_free (s);
}

static Slot *
slot_of (GHashTable *slots, DgStore *store, gint64 id, const char *label)
{
  Slot *s = g_hash_table_lookup (slots, &id);
  if (s == NULL)
    {
      s = g_new0 (Slot, 1);
      s->into = id;
      s->mentions = mention_count (store, id);
      s->label = g_strdup (label);
      gint64 *key = g_new (gint64, 1);
      *key = id;
      g_hash_table_insert (slots, key, s);
    }
  return s;
}

/* The node id went into, following the lines before. */
static gint64
slot_find (GHashTable *slots, gint64 id)
{
  for (;;)
    {
      Slot *s = g_hash_table_lookup (slots, &id);
      if (s == NULL || s->into == id)
        return id;
      id = s->into;
    }
}

/* Makes the list a script: run in order, every line names two nodes that
 * the lines before it left in place. A pair whose node an earlier line
 * merged away is rewritten to the node it went into; a pair already made
 * one goes. Of two nodes, the one with more evidence is kept (with what
 * earlier lines gave it); on a tie, the older. */
static void
as_script (DgStore *store, GPtrArray *out)
{
  g_autoptr (GHashTable) slots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       slot_free);
  for (guint i = 0; i < out->len; i++)
    {
      DgDuplicate *d = out->pdata[i];
      slot_of (slots, store, d->keep, d->keep_label);
      slot_of (slots, store, d->drop, d->drop_label);
    }
  for (guint i = 0; i < out->len;)
    {
      DgDuplicate *d = out->pdata[i];
      gint64 a = slot_find (slots, d->keep), b = slot_find (slots, d->drop);
      if (a == b)
        {
          g_ptr_array_remove_index (out, i);
          continue;
        }
      Slot *sa = g_hash_table_lookup (slots, &a), *sb = g_hash_table_lookup (slots, &b);
      gboolean a_keeps = sa->mentions > sb->mentions || (sa->mentions == sb->mentions && a < b);
      Slot *keep = a_keeps ? sa : sb, *drop = a_keeps ? sb : sa;
      d->keep = a_keeps ? a : b;
      d->drop = a_keeps ? b : a;
      g_free (d->keep_label);
      g_free (d->drop_label);
      d->keep_label = g_strdup (keep->label);
      d->drop_label = g_strdup (drop->label);
      keep->mentions += drop->mentions;
      drop->into = d->keep;
      i++;
    }
}

GPtrArray *
dg_store_duplicates (DgStore *store, guint max, guint *total, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_duplicate_free);
  Finder f = { store, DG_NODE_ORGANIZATION, seen, out };
  for (int t = 0; t < DG_NODE_N_TYPES; t++)
    {
      f.type = (DgNodeType) t;
      gboolean ok;
      if (t == DG_NODE_DOCUMENT)
        ok = find_documents (&f, error);
      else
        {
          g_autoptr (GArray) names = g_array_new (FALSE, TRUE, sizeof (Name));
          g_array_set_clear_func (names, name_clear);
          ok = load_names (store, "SELECT id, fold, label FROM nodes WHERE type = ?1 "
                                  "AND instr (key, '#?') = 0 AND instr (key, '@?') = 0",
                           dg_node_type_name (f.type), names, error);
          if (ok)
            find_in_names (&f, names);
        }
      if (!ok)
        {
          g_ptr_array_unref (out);
          return NULL;
        }
    }
  g_ptr_array_sort (out, duplicate_order);
  if (total)
    *total = out->len;
  if (max && out->len > max)
    g_ptr_array_set_size (out, max);
  as_script (store, out);
  return out;
}

static gboolean
count_by (DgStore *store, const char *sql, guint64 *counts, gboolean nodes, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (st, 0);
      DgNodeType nt;
      DgEdgeType et;
      if (nodes && dg_node_type_parse (name, &nt))
        counts[nt] = (guint64) sqlite3_column_int64 (st, 1);
      else if (!nodes && dg_edge_type_parse (name, &et))
        counts[et] = (guint64) sqlite3_column_int64 (st, 1);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "counting");
      return FALSE;
    }
  return TRUE;
}

static gboolean
count_one (DgStore *store, const char *sql, guint64 *out, GError **error)
{
  sqlite3_stmt *st = dg_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  int rc = sqlite3_step (st);
  *out = rc == SQLITE_ROW ? (guint64) sqlite3_column_int64 (st, 0) : 0;
  sqlite3_reset (st);
  if (rc != SQLITE_ROW)
    {
      dg_store_set_error (store, error, "counting");
      return FALSE;
    }
  return TRUE;
}

static guint64
file_size (const char *path)
{
  GStatBuf sb;
  return g_stat (path, &sb) == 0 ? (guint64) sb.st_size : 0;
}

gboolean
dg_store_count (DgStore *store, guint64 *nodes, guint64 *edges, GError **error)
{
  g_return_val_if_fail (store != NULL && nodes != NULL && edges != NULL, FALSE);
  return count_one (store, "SELECT count (*) FROM nodes", nodes, error)
         && count_one (store, "SELECT count (*) FROM edges", edges, error);
}

DgStats *
dg_store_stats (DgStore *store, guint max_duplicates, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  g_autoptr (DgStats) s = g_new0 (DgStats, 1);
  if (!count_by (store, "SELECT type, count (*) FROM nodes GROUP BY type", s->nodes, TRUE, error)
      || !count_by (store, "SELECT type, count (*) FROM edges GROUP BY type", s->edges, FALSE,
                    error)
      || !count_one (store, "SELECT count (*) FROM articles", &s->articles, error)
      || !count_one (store, "SELECT count (*) FROM mentions", &s->mentions, error)
      || !count_one (store, "SELECT count (*) FROM aliases", &s->aliases, error))
    return NULL;
  g_autofree char *wal = g_strconcat (store->path, "-wal", NULL);
  s->file_size = file_size (store->path) + file_size (wal);
  s->duplicates = dg_store_duplicates (store, max_duplicates, &s->n_duplicates, error);
  if (s->duplicates == NULL)
    return NULL;
  return g_steal_pointer (&s);
}

JsonNode *
dg_stats_to_json (DgStats *stats)
{
  JsonObject *root = json_object_new ();
  JsonObject *nodes = json_object_new ();
  guint64 total = 0;
  for (int t = 0; t < DG_NODE_N_TYPES; t++)
    {
      json_object_set_int_member (nodes, dg_node_type_name ((DgNodeType) t),
                                  (gint64) stats->nodes[t]);
      total += stats->nodes[t];
    }
  json_object_set_int_member (nodes, "total", (gint64) total);
  json_object_set_object_member (root, "nodes", nodes);
  JsonObject *edges = json_object_new ();
  total = 0;
  for (int t = 0; t < DG_EDGE_N_TYPES; t++)
    {
      json_object_set_int_member (edges, dg_edge_type_name ((DgEdgeType) t),
                                  (gint64) stats->edges[t]);
      total += stats->edges[t];
    }
  json_object_set_int_member (edges, "total", (gint64) total);
  json_object_set_object_member (root, "edges", edges);
  json_object_set_int_member (root, "articles", (gint64) stats->articles);
  json_object_set_int_member (root, "mentions", (gint64) stats->mentions);
  json_object_set_int_member (root, "aliases", (gint64) stats->aliases);
  json_object_set_int_member (root, "file_size", (gint64) stats->file_size);
  JsonArray *dups = json_array_new ();
  for (guint i = 0; i < stats->duplicates->len; i++)
    {
      DgDuplicate *d = stats->duplicates->pdata[i];
      JsonObject *o = json_object_new ();
      json_object_set_string_member (o, "type", dg_node_type_name (d->type));
      json_object_set_int_member (o, "keep", d->keep);
      json_object_set_string_member (o, "keep_label", d->keep_label);
      json_object_set_int_member (o, "drop", d->drop);
      json_object_set_string_member (o, "drop_label", d->drop_label);
      json_object_set_string_member (o, "reason", d->reason);
      json_object_set_int_member (o, "distance", d->distance);
      json_array_add_object_element (dups, o);
    }
  json_object_set_array_member (root, "duplicates", dups);
  json_object_set_int_member (root, "duplicate_count", stats->n_duplicates);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

static void
add_count (DgTable *t, const char *kind, const char *name, guint64 n)
{
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  const char *cells[] = { kind, name, count };
  dg_table_add_row (t, cells);
}

/* The counts as rows of kind, name and count. */
static char *
stats_tsv (DgStats *stats)
{
  const char *headers[] = { "KIND", "NAME", "COUNT" };
  g_autoptr (DgTable) t = dg_table_new (3, headers);
  for (int i = 0; i < DG_NODE_N_TYPES; i++)
    add_count (t, "node", dg_node_type_name ((DgNodeType) i), stats->nodes[i]);
  for (int i = 0; i < DG_EDGE_N_TYPES; i++)
    add_count (t, "edge", dg_edge_type_name ((DgEdgeType) i), stats->edges[i]);
  add_count (t, "store", "articles", stats->articles);
  add_count (t, "store", "mentions", stats->mentions);
  add_count (t, "store", "aliases", stats->aliases);
  return dg_table_render_tsv (t);
}

char *
dg_stats_render (DgStats *stats, DgOutputFormat format, guint width)
{
  if (format == DG_FORMAT_JSON)
    {
      g_autoptr (JsonNode) json = dg_stats_to_json (stats);
      return dg_json_render (json);
    }
  if (format == DG_FORMAT_TSV)
    return stats_tsv (stats);
  GString *out = g_string_new (NULL);
  /* Counts: two small tables side by side would not fit 80 columns with
   * long names; one after the other does. */
  const char *nh[] = { "NODES", "COUNT" };
  g_autoptr (DgTable) nt = dg_table_new (2, nh);
  dg_table_set_column (nt, 1, DG_ALIGN_RIGHT, 1);
  guint64 total = 0;
  for (int t = 0; t < DG_NODE_N_TYPES; t++)
    {
      g_autofree char *c = g_strdup_printf ("%" G_GUINT64_FORMAT, stats->nodes[t]);
      const char *cells[] = { dg_node_type_name ((DgNodeType) t), c };
      dg_table_add_row (nt, cells);
      total += stats->nodes[t];
    }
  g_autofree char *ntotal = g_strdup_printf ("%" G_GUINT64_FORMAT, total);
  const char *nrow[] = { "total", ntotal };
  dg_table_add_row (nt, nrow);
  g_autofree char *ntable = dg_table_render (nt, width);
  g_string_append (out, ntable);

  const char *eh[] = { "EDGES", "COUNT" };
  g_autoptr (DgTable) et = dg_table_new (2, eh);
  dg_table_set_column (et, 1, DG_ALIGN_RIGHT, 1);
  total = 0;
  for (int t = 0; t < DG_EDGE_N_TYPES; t++)
    {
      g_autofree char *c = g_strdup_printf ("%" G_GUINT64_FORMAT, stats->edges[t]);
      const char *cells[] = { dg_edge_type_name ((DgEdgeType) t), c };
      dg_table_add_row (et, cells);
      total += stats->edges[t];
    }
  g_autofree char *etotal = g_strdup_printf ("%" G_GUINT64_FORMAT, total);
  const char *erow[] = { "total", etotal };
  dg_table_add_row (et, erow);
  g_autofree char *etable = dg_table_render (et, width);
  g_string_append_printf (out, "\n%s", etable);

  g_autofree char *size = g_format_size (stats->file_size);
  g_string_append_printf (out, "\narticles  %" G_GUINT64_FORMAT "\nmentions  %" G_GUINT64_FORMAT
                          "\naliases   %" G_GUINT64_FORMAT "\nfile      %s\n",
                          stats->articles, stats->mentions, stats->aliases, size);

  if (stats->n_duplicates == 0)
    {
      g_string_append (out, "\nno suspected duplicates\n");
      return g_string_free (out, FALSE);
    }
  g_string_append_printf (out, "\nsuspected duplicates: %u", stats->n_duplicates);
  if (stats->duplicates->len < stats->n_duplicates)
    g_string_append_printf (out, " (the %u closest; --duplicates N shows more)",
                            stats->duplicates->len);
  g_string_append (out, "\nRun in order, these lines are a shell script: each merge names nodes the\n"
                        "lines before it left. Check a pair with docgraph show, preview it with\n"
                        "docgraph merge --dry-run; docgraph unmerge takes a merge back.\n");
  /* Three lines each: the command to run, then the two names as comments,
   * so that long names are not cut to nothing in 80 columns. */
  for (guint i = 0; i < stats->duplicates->len; i++)
    {
      DgDuplicate *d = stats->duplicates->pdata[i];
      g_autofree char *head = g_strdup_printf (
        "docgraph merge %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "   # %s: %s", d->keep, d->drop,
        dg_node_type_name (d->type), d->reason);
      g_autofree char *ki = g_strdup_printf ("#%" G_GINT64_FORMAT, d->keep);
      g_autofree char *di = g_strdup_printf ("#%" G_GINT64_FORMAT, d->drop);
      int w = (int) MAX (strlen (ki), strlen (di));
      g_autofree char *keep = g_strdup_printf ("#   keep %-*s  %s", w, ki, d->keep_label);
      g_autofree char *drop = g_strdup_printf ("#   drop %-*s  %s", w, di, d->drop_label);
      g_autofree char *h = dg_text_cut (head, width);
      g_autofree char *k = dg_text_cut (keep, width);
      g_autofree char *r = dg_text_cut (drop, width);
      g_string_append_printf (out, "\n%s\n%s\n%s\n", h, k, r);
    }
  return g_string_free (out, FALSE);
}
