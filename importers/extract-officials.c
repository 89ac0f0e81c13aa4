/* extract-officials.c: officials and their titles.
 *
 * The genre names officials in a few formulas:
 *   "đồng chí Nguyễn Thái Học, Phó Trưởng ban Nội chính Trung ương"
 *   "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai" (title, then name)
 *   "có các đồng chí: Phương Thị Thanh, Phó Bí thư …; B, …"
 *   "Phó Giáo sư, tiến sĩ Lê Văn Cường – Phó Viện trưởng Viện …"
 *   "ông Nguyễn Văn Thiện, nguyên Ủy viên Trung ương Đảng"
 * A title chain is titles separated by commas, each with the organization
 * it names; every title is kept and each organization gets a member-of edge.
 * A title with no name ("Đồng chí Phó Bí thư Thường trực Tỉnh ủy …") is the
 * official already named with that title, or nobody. */
#include "extract-private.h"

#include <string.h>

static const DgPhraseTable *
titles (void)
{
  return dg_phrases ("titles.tsv", 0);
}

static gboolean
is_modifier (const DgExtract *x, guint i)
{
  return dg_tok_is (x, i, "nguyên") || dg_tok_is (x, i, "quyền") || dg_tok_is (x, i, "cố");
}

/* Skips academic prefixes and ranks ("Phó Giáo sư, tiến sĩ", "PGS.TS",
 * "Thượng tướng") at i; returns the token after them. */
static guint
skip_prefixes (const DgExtract *x, guint i, GString *ranks)
{
  guint j = i;
  for (;;)
    {
      guint n;
      GStrv row = dg_phrase_match (x, titles (), j, NULL, &n);
      if (row == NULL)
        break;
      const char *kind = dg_data_field (row, 2);
      if (strcmp (kind, "prefix") != 0 && strcmp (kind, "rank") != 0)
        break;
      if (ranks && strcmp (kind, "rank") == 0)
        {
          g_autofree char *t = dg_tok_text (x, j, j + n);
          g_string_append (ranks, t);
        }
      j += n;
      /* "PGS.TS", "Phó Giáo sư, tiến sĩ", "TS." */
      while (dg_tok_is (x, j, ",") || dg_tok_is (x, j, ".") || dg_tok_is (x, j, "-"))
        j++;
    }
  return j;
}

/* The organization a title names, starting at k (just after the title
 * words, which span [t0, k)). share is the head word the title shares with
 * the organization ("Ban" of "Trưởng ban"). */
static DgMention *
title_org (DgExtract *x, guint t0, guint k, GStrv row, guint *end)
{
  const char *share = dg_data_field (row, 1);
  gboolean has_share = *share && strcmp (share, "-") != 0;
  g_autofree char *share_fold = has_share ? dg_fold_phrase (share) : NULL;
  guint share_len = has_share ? dg_phrase_len (share_fold) : 0;
  /* Does the title end with the shared words ("Trưởng Ban", "Chánh Văn
   * phòng")? Then the organization may start inside the title. */
  gboolean share_in_title = has_share && k >= t0 + share_len
                            && dg_tok_phrase (x, k - share_len, share_fold);
  if (share_in_title)
    {
      DgMention *m = dg_org_at (x, k - share_len);
      if (m && m->t1 > k)
        {
          *end = m->t1;
          return m;
        }
    }
  if (!has_share || share_in_title)
    {
      DgMention *m = dg_org_at (x, k);
      if (m)
        {
          *end = m->t1;
          return m;
        }
    }
  if (has_share)
    {
      /* "Phó Viện trưởng Viện Xây dựng Đảng": the organization is written
       * out; "UVTV Tỉnh ủy" names Ban Thường vụ Tỉnh ủy, so a shared head
       * that takes an organization goes first. */
      guint hn;
      GStrv head = dg_phrase_match (x, dg_phrases ("org-heads.tsv", 0), k, share_fold, &hn);
      gboolean takes_org = head && strcmp (dg_data_field (head, 1), "org") == 0;
      DgMention *m = takes_org ? NULL : dg_org_at (x, k);
      if (m)
        {
          *end = m->t1;
          return m;
        }
      m = dg_org_parse_at (x, k, share_fold, share, end);
      if (m)
        return m;
      m = dg_org_at (x, k);
      if (m)
        {
          *end = m->t1;
          return m;
        }
    }
  /* "… do đồng chí X làm Trưởng đoàn", "làm Trưởng ban chỉ đạo": the body of
   * that kind the article named last. */
  if (has_share)
    {
      guint hn = 0;
      GStrv head = dg_phrase_match (x, dg_phrases ("org-heads.tsv", 0), k, share_fold, &hn);
      g_autofree char *words = head ? g_strdup (dg_data_field (head, 0)) : g_strdup (share_fold);
      g_autofree char *want = dg_fold_phrase (words);
      /* The last one before: the mentions unsorted, the latest kept. */
      DgMention *last = NULL;
      for (guint q = 0; q < x->mentions->len; q++)
        {
          DgMention *o = x->mentions->pdata[q];
          if (o->kind != DG_M_ORG || o->t0 >= t0 || (last && o->t0 <= last->t0))
            continue;
          /* Of the same kind: a Thứ trưởng's "Bộ" is a ministry, not Bộ
           * Chính trị. */
          if (head && o->org_kind && strcmp (o->org_kind, dg_data_field (head, 3)) != 0)
            continue;
          g_autofree char *label = dg_fold_phrase (dg_node_label (o->node));
          if (g_str_has_prefix (label, want) && strlen (label) > strlen (want))
            last = o;
        }
      if (last)
        {
          *end = k + hn;
          DgMention *m = dg_mention_new (x, DG_M_ORG, t0, k + hn, "org.title-reference");
          m->node = last->node;
          return m;
        }
    }
  /* "Tỉnh ủy viên", "Bí thư Trung ương Đảng": the title names its body. */
  if (strcmp (dg_data_field (row, 2), "of-body") == 0 && *dg_data_field (row, 3))
    {
      const char *body = dg_data_field (row, 3);
      g_autofree char *fb = dg_fold_phrase (body);
      gboolean place = strcmp (fb, "tỉnh ủy") == 0 || strcmp (fb, "thành ủy") == 0;
      g_autofree char *label = place && x->province ? g_strdup_printf ("%s %s", body, x->province)
                                                    : g_strdup (body);
      DgMention *m = dg_mention_new (x, DG_M_ORG, t0, k, "org.title-body");
      m->node = dg_org_node (x, label, place ? "province" : "central", place && !x->province);
      m->unresolved = place && !x->province;
      dg_node_add_mention (m->node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
      *end = k;
      return m;
    }
  return NULL;
}

/* One title at j: modifiers, title words, the organization. */
static DgTitle *
parse_title (DgExtract *x, guint j, gboolean need_upper, guint *end)
{
  guint i = j;
  while (is_modifier (x, i))
    i++;
  if (need_upper && i == j && !(dg_tok_flags (x, i) & DG_TOK_UPPER))
    return NULL;
  guint n;
  GStrv row = dg_phrase_match (x, titles (), i, NULL, &n);
  if (row == NULL)
    return NULL;
  const char *kind = dg_data_field (row, 2);
  if (strcmp (kind, "prefix") == 0)
    return NULL;
  guint k = i + n, oe = k;
  DgMention *org = strcmp (kind, "rank") == 0 ? NULL : title_org (x, j, k, row, &oe);
  DgTitle *t = g_new0 (DgTitle, 1);
  t->t0 = j;
  t->t1 = org ? MAX (oe, k) : k;
  t->org = org;
  /* The role is the title without its organization ("UVTV Tỉnh ủy" is an
   * Ủy viên of Ban Thường vụ); titles.tsv may say it. */
  const char *role = dg_data_field (row, 4);
  if (*role && is_modifier (x, j))
    {
      g_autofree char *mods = dg_tok_text (x, j, i);
      t->role = g_strdup_printf ("%s %s", mods, role);
    }
  else
    t->role = *role ? g_strdup (role) : dg_tok_text (x, j, k);
  /* "Phó Bí thư Thường trực Tỉnh ủy": the title as written, with the place
   * the article gave the organization. */
  g_autofree char *written = dg_tok_text (x, j, t->t1);
  t->text = g_steal_pointer (&written);
  *end = t->t1;
  return t;
}

static void
title_free (DgTitle *t)
{
  g_free (t->text);
  g_free (t->role);
  g_free (t);
}

static const char *const party_bodies[] = { "ban cán sự đảng", "đảng đoàn", NULL };

/* Titles separated by commas (or "kiêm"), starting with a separator at i
 * when sep is TRUE. */
static GPtrArray *
parse_chain (DgExtract *x, guint i, gboolean sep, guint *end)
{
  GPtrArray *chain = g_ptr_array_new_with_free_func ((GDestroyNotify) title_free);
  guint j = i;
  *end = i;
  gboolean bracket = FALSE;
  for (;;)
    {
      guint k = j;
      gboolean after_sep = FALSE;
      if (sep || chain->len > 0)
        {
          if (!(dg_tok_is (x, k, ",") || dg_tok_is (x, k, "–") || dg_tok_is (x, k, "-")
                || dg_tok_is (x, k, "kiêm") || (dg_tok_is (x, k, "(") && chain->len == 0)))
            break;
          bracket = bracket || dg_tok_is (x, k, "(");
          k++;
          if (dg_tok_is (x, k, "kiêm"))
            k++;
          after_sep = TRUE;
        }
      guint e;
      /* After a separator a title may be written in lower case
       * ("…, giảng viên Trường Chính trị tỉnh …"). */
      DgTitle *t = parse_title (x, k, !after_sep, &e);
      if (t == NULL)
        break;
      /* "Ủy viên Ban cán sự đảng, Thứ trưởng Bộ Công Thương": a party body
       * whose body the next title names. */
      if (t->org == NULL)
        for (guint q = 0; party_bodies[q]; q++)
          {
            guint pl = dg_phrase_len (party_bodies[q]);
            if (dg_tok_phrase (x, e, party_bodies[q]) && dg_tok_is (x, e + pl, ","))
              {
                t->party_t0 = e;
                t->party_t1 = e + pl;
                t->t1 = e + pl;
                e += pl;
                break;
              }
          }
      /* "A, Tổng Bí thư Tô Lâm": a title written before another name is
       * that person's, not one more of the name before. */
      if (sep && after_sep && dg_name_at (x, e, TRUE))
        {
          title_free (t);
          break;
        }
      g_ptr_array_add (chain, t);
      j = e;
      *end = e;
    }
  if (bracket && chain->len && dg_tok_is (x, j, ")"))
    *end = j + 1;
  return chain;
}

static DgNode *
person_node (DgExtract *x, guint t0, guint t1)
{
  g_autofree char *name = dg_tok_text (x, t0, t1);
  g_autofree char *key = dg_text_fold_key (name, -1);
  return dg_graph_add_node (x->graph, DG_NODE_OFFICIAL, key, name);
}

static gboolean
not_a_person (const DgExtract *x, guint t0, guint t1)
{
  static gsize once;
  static GHashTable *names;
  if (g_once_init_enter (&once))
    {
      GHashTable *h = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GPtrArray *rows = dg_data_table ("not-persons.tsv");
      for (guint i = 0; i < rows->len; i++)
        g_hash_table_add (h, dg_text_fold_key (dg_data_field (rows->pdata[i], 0), -1));
      names = h;
      g_once_init_leave (&once, 1);
    }
  g_autofree char *name = dg_tok_text (x, t0, t1);
  g_autofree char *key = dg_text_fold_key (name, -1);
  return g_hash_table_contains (names, key);
}

/* Records a person with the titles given at this mention; NULL for a name
 * of not-persons.tsv. */
static DgMention *
add_person (DgExtract *x, guint t0, guint t1, GPtrArray *chain, const char *rule)
{
  if (not_a_person (x, t0, t1))
    return NULL;
  DgMention *m = dg_mention_new (x, DG_M_PERSON, t0, t1, rule);
  m->node = person_node (x, t0, t1);
  m->titles = g_ptr_array_new ();
  dg_node_add_mention (m->node, dg_mention_start (x, m), dg_mention_end (x, m), rule);
  /* "Phó Chủ tịch - Tổng Thư ký Ủy ban Trung ương MTTQ Việt Nam": titles
   * joined by a dash share the body named after the last. */
  for (guint i = chain ? chain->len : 0; i-- > 1;)
    {
      DgTitle *t = chain->pdata[i - 1], *u = chain->pdata[i];
      if (t->org == NULL && u->org && u->t0 == t->t1 + 1
          && (dg_tok_is (x, t->t1, "-") || dg_tok_is (x, t->t1, "–")))
        t->org = u->org;
    }
  /* "Ủy viên Ban cán sự đảng, Thứ trưởng Bộ Công Thương": the party body
   * of the body named in the next title. */
  for (guint i = 0; chain && i + 1 < chain->len; i++)
    {
      DgTitle *t = chain->pdata[i], *u = chain->pdata[i + 1];
      if (t->org || !u->org || t->party_t1 == 0)
        continue;
      g_autofree char *words = dg_tok_text (x, t->party_t0, t->party_t1);
      g_autofree char *label = g_strdup_printf ("%s %s", words, dg_node_label (u->org->node));
      DgMention *o = dg_mention_new (x, DG_M_ORG, t->party_t0, t->party_t1, "org.party-body-of");
      o->node = dg_org_node (x, label, dg_node_get_attr (u->org->node, "level"), FALSE);
      dg_node_add_mention (o->node, dg_mention_start (x, o), dg_mention_end (x, o), o->rule);
      dg_graph_add_edge (x->graph, DG_EDGE_PART_OF, o->node, u->org->node, NULL,
                         dg_mention_start (x, o), dg_mention_end (x, u->org), "part-of.party-body");
      t->org = o;
      g_free (t->text);
      t->text = dg_tok_text (x, t->t0, t->t1);
    }
  for (guint i = 0; chain && i < chain->len; i++)
    {
      DgTitle *t = chain->pdata[i];
      dg_mark_role (x, t->t0, t->t1);
      dg_node_add_attr_item (m->node, "titles", t->text);
      if (t->org)
        {
          guint s = MIN (dg_mention_start (x, m), g_array_index (x->toks, DgTok, t->t0).start);
          guint e = MAX (dg_mention_end (x, m), g_array_index (x->toks, DgTok, t->t1 - 1).end);
          dg_graph_add_edge (x->graph, DG_EDGE_MEMBER_OF, m->node, t->org->node, t->role, s, e,
                             "member-of.title");
        }
    }
  if (chain)
    {
      /* The mention keeps the titles. */
      for (guint i = 0; i < chain->len; i++)
        g_ptr_array_add (m->titles, chain->pdata[i]);
      g_ptr_array_set_free_func (chain, NULL);
    }
  return m;
}

/* A title with no name: the official already named with the same title. */
static void
resolve_bare_title (DgExtract *x, GPtrArray *chain, guint t0, guint t1)
{
  if (chain->len == 0)
    return;
  DgTitle *want = chain->pdata[0];
  g_autofree char *role = dg_fold_phrase (want->role);
  g_autoptr (GPtrArray) persons = dg_mentions_of (x, DG_M_PERSON);
  for (guint i = persons->len; i-- > 0;)
    {
      DgMention *p = persons->pdata[i];
      if (p->t0 >= t0 || p->titles == NULL)
        continue;
      for (guint k = 0; k < p->titles->len; k++)
        {
          DgTitle *t = p->titles->pdata[k];
          g_autofree char *r = dg_fold_phrase (t->role);
          if (strcmp (r, role) == 0
              && (want->org == NULL || t->org == NULL || want->org->node == t->org->node))
            {
              DgMention *m = dg_mention_new (x, DG_M_PERSON, t0, t1, "official.bare-title");
              m->node = p->node;
              m->bare_title = TRUE;
              dg_node_add_mention (m->node, dg_mention_start (x, m), dg_mention_end (x, m),
                                   m->rule);
              return;
            }
        }
    }
}

static gboolean
overlaps_person (const DgExtract *x, guint t0, guint t1)
{
  for (guint i = t0; i < t1; i++)
    if (dg_covered (x, DG_M_PERSON, i))
      return TRUE;
  return FALSE;
}

static DgTitle *
title_copy (const DgTitle *t)
{
  DgTitle *c = g_new0 (DgTitle, 1);
  *c = *t;
  c->text = g_strdup (t->text);
  c->role = g_strdup (t->role);
  return c;
}

/* Titles that end at the comma at token comma, before "ông X": prepended
 * to chain when a title starts at most 16 tokens before and the titles run
 * exactly to the comma. */
static void
appositive_titles (DgExtract *x, guint comma, GPtrArray *chain)
{
  for (guint back = 1; back <= 16 && back <= comma; back++)
    {
      guint t0 = comma - back, te, e;
      if (overlaps_person (x, t0, comma) || dg_in_role (x, t0))
        return;
      DgCheckpoint cp;
      dg_checkpoint (x, &cp);
      DgTitle *first = parse_title (x, t0, FALSE, &te);
      if (first == NULL)
        continue;
      g_autoptr (GPtrArray) more = parse_chain (x, te, TRUE, &e);
      if ((more->len ? e : te) != comma)
        {
          title_free (first);
          g_ptr_array_set_size (more, 0);
          dg_rollback (x, &cp);
          continue;
        }
      g_ptr_array_insert (chain, 0, first);
      for (guint q = 0; q < more->len; q++)
        g_ptr_array_insert (chain, q + 1, more->pdata[q]);
      g_ptr_array_set_free_func (more, NULL);
      return;
    }
}

/* "các đồng chí: A, T1, T2; B, T1 và C, T1", and "các đồng chí Ủy viên Bộ
 * Chính trị: A, …; B, …" where the group's title goes to each. Returns the
 * token after the list. */
static guint
parse_list (DgExtract *x, guint i)
{
  const DgSentence *s = dg_tok_sentence (x, i);
  guint j = i;
  guint ge;
  g_autoptr (GPtrArray) group = parse_chain (x, j, FALSE, &ge);
  if (group->len && dg_tok_is (x, ge, ":"))
    j = ge;
  else
    g_ptr_array_set_size (group, 0);
  if (dg_tok_is (x, j, ":"))
    j++;
  guint stop = s ? s->t1 : dg_ntoks (x);
  while (j < stop)
    {
      guint k = skip_prefixes (x, j, NULL);
      guint len = dg_name_at (x, k, FALSE);
      g_autoptr (GPtrArray) before = NULL;
      if (len == 0)
        {
          /* "…: Tổng Bí thư Nguyễn Phú Trọng; Chủ tịch nước Trần Đại
           * Quang; …": titles, then the name. */
          DgCheckpoint cp;
          dg_checkpoint (x, &cp);
          guint te;
          before = parse_chain (x, k, FALSE, &te);
          guint nk = skip_prefixes (x, te, NULL);
          len = before->len ? dg_name_at (x, nk, TRUE) : 0;
          if (len == 0)
            {
              g_ptr_array_set_size (before, 0);
              dg_rollback (x, &cp);
              break;
            }
          k = nk;
        }
      guint e;
      g_autoptr (GPtrArray) chain = parse_chain (x, k + len, TRUE, &e);
      for (guint b = 0; before && b < before->len; b++)
        g_ptr_array_insert (chain, b, before->pdata[b]);
      if (before)
        g_ptr_array_set_free_func (before, NULL);
      for (guint g = group->len; g-- > 0;)
        g_ptr_array_insert (chain, 0, title_copy (group->pdata[g]));
      add_person (x, k, k + len, chain, "official.list");
      j = e;
      if (dg_tok_is (x, j, ";") || dg_tok_is (x, j, ","))
        j++;
      else if (dg_tok_is (x, j, "và") || dg_tok_is (x, j, "cùng"))
        {
          j++;
          if (dg_tok_phrase (x, j, "đồng chí"))
            j += 2;
        }
      else
        break;
    }
  return j;
}

/* Verbs that give a person a title or a seat. Those marked strong may
 * stand anywhere in the clause of which the person is the subject ("Năm
 * 2005, ông giữ chức …, đến cuối nhiệm kỳ được bầu làm …"); the others only
 * right after the person or after a comma or "và". */
typedef struct {
  const char *words;
  gboolean strong;
  gboolean seat; /* "được bầu vào Ban Chấp hành": a seat in a body, no title */
} TitleVerb;

static const TitleVerb title_verbs[] = {
  { "tái đắc cử", TRUE, FALSE }, { "đắc cử", TRUE, FALSE },
  { "được bầu bổ sung vào", TRUE, TRUE }, { "được bầu vào", TRUE, TRUE },
  { "được chỉ định bổ sung vào", TRUE, TRUE }, { "được chỉ định vào", TRUE, TRUE },
  { "được bầu giữ chức", TRUE, FALSE }, { "được bầu làm", TRUE, FALSE }, { "được bầu", TRUE, FALSE },
  { "được bổ nhiệm giữ chức", TRUE, FALSE }, { "được bổ nhiệm làm", TRUE, FALSE },
  { "được bổ nhiệm", TRUE, FALSE }, { "được giao giữ chức", TRUE, FALSE },
  { "được điều động làm", TRUE, FALSE }, { "được điều động giữ chức", TRUE, FALSE },
  { "được điều động , bổ nhiệm giữ chức", TRUE, FALSE }, { "được chỉ định làm", TRUE, FALSE },
  { "được chỉ định giữ chức", TRUE, FALSE }, { "được phân công làm", TRUE, FALSE },
  { "được phân công giữ chức", TRUE, FALSE }, { "giữ chức", TRUE, FALSE },
  { "từng giữ chức", TRUE, FALSE }, { "từng là", TRUE, FALSE }, { "nguyên là", TRUE, FALSE },
  { "làm nhiệm vụ", FALSE, FALSE }, { "làm", FALSE, FALSE }, { "là", FALSE, FALSE },
  { "thuộc", FALSE, TRUE },
};

static const TitleVerb *
title_verb_at (const DgExtract *x, guint i)
{
  for (guint k = 0; k < G_N_ELEMENTS (title_verbs); k++)
    if (dg_tok_phrase (x, i, title_verbs[k].words))
      return &title_verbs[k];
  return NULL;
}

/* The organization that ends at the "do" before a person ("Đoàn Thanh tra …
 * do ông A … làm trưởng đoàn"). */
static DgMention *
led_body (DgExtract *x, guint person_t0)
{
  guint h = person_t0;
  if (h > 0 && (dg_tok_is (x, h - 1, "ông") || dg_tok_is (x, h - 1, "bà")))
    h--;
  else if (h > 1 && dg_tok_phrase (x, h - 2, "đồng chí"))
    h -= 2;
  if (h <= 1 || !dg_tok_is (x, h - 1, "do"))
    return NULL;
  for (guint q = h - 1; q-- > 0;)
    {
      DgMention *o = dg_mention_at (x, DG_M_ORG, q);
      if (o && o->t1 == h - 1 && !o->parent)
        return o;
    }
  return NULL;
}

/* The titles or the seat given by verb v at token at to person node, whose
 * mention starts at byte from. Returns the token after them, or 0 when the
 * verb gives nothing. */
static guint
verb_titles (DgExtract *x, DgNode *person, guint from, DgMention *led, const TitleVerb *v, guint at)
{
  guint e;
  guint k0 = at + dg_phrase_len (v->words);
  if (v->seat)
    {
      /* "được bầu vào Ban Chấp hành T.Ư", "thuộc Đoàn đại biểu Quốc hội
       * tỉnh Nghệ An". */
      DgMention *org = dg_org_at (x, k0);
      if (org == NULL)
        return 0;
      dg_graph_add_edge (x->graph, DG_EDGE_MEMBER_OF, person, org->node,
                         strcmp (v->words, "thuộc") == 0 ? NULL : "Ủy viên", from,
                         dg_mention_end (x, org), "member-of.verb");
      return org->t1;
    }
  g_autoptr (GPtrArray) chain = parse_chain (x, k0, FALSE, &e);
  /* "làm trưởng đoàn": after a verb a title may be in lower case. */
  if (chain->len == 0)
    {
      /* After "là" only with its body: "là đại biểu Quốc hội". */
      DgTitle *t = parse_title (x, k0, FALSE, &e);
      if (t && (t->org || strcmp (v->words, "là") != 0))
        g_ptr_array_add (chain, t);
      else if (t)
        title_free (t);
    }
  if (chain->len == 0)
    return 0;
  /* "là đại biểu Quốc hội, nguyên Giám đốc …, từng giữ chức …". */
  while (dg_tok_is (x, e, ",") || dg_tok_is (x, e, "và"))
    {
      guint k = e + 1, e2;
      if (dg_tok_phrase (x, k, "từng giữ chức"))
        k += 3;
      else if (dg_tok_phrase (x, k, "từng là"))
        k += 2;
      g_autoptr (GPtrArray) more = parse_chain (x, k, FALSE, &e2);
      if (more->len == 0)
        break;
      for (guint q = 0; q < more->len; q++)
        g_ptr_array_add (chain, more->pdata[q]);
      g_ptr_array_set_free_func (more, NULL);
      e = e2;
    }
  for (guint k = 0; k < chain->len; k++)
    {
      DgTitle *t = chain->pdata[k];
      dg_node_add_attr_item (person, "titles", t->text);
      DgMention *org = t->org;
      if (org == NULL && led)
        {
          /* "trưởng đoàn" and "Đoàn …": the title's last word is the body's
           * first. */
          g_autofree char *fl = dg_fold_phrase (dg_node_label (led->node));
          const char *last = dg_tok_fold (x, t->t1 - 1);
          gsize ll = strlen (last);
          if (g_str_has_prefix (fl, last) && fl[ll] == ' ')
            org = led;
        }
      if (org)
        dg_graph_add_edge (x->graph, DG_EDGE_MEMBER_OF, person, org->node, t->role, from,
                           g_array_index (x->toks, DgTok, t->t1 - 1).end, "member-of.verb");
    }
  return e;
}

/* Where the subject of sentence s starts: its first token, or the token
 * after a leading phrase of time ("Năm 2005, …", "Từ tháng 1.2013, …"). */
static guint
subject_start (const DgExtract *x, const DgSentence *s)
{
  static const char *const leads[] = {
    "năm", "từ", "ngày", "tháng", "sau", "trước", "đến", "hiện", "khi", "cuối", "đầu", "tại", "trong",
    NULL,
  };
  gboolean lead = FALSE;
  for (guint k = 0; leads[k] && !lead; k++)
    lead = dg_tok_is (x, s->t0, leads[k]);
  if (lead)
    for (guint q = s->t0 + 1; q < s->t1 && q < s->t0 + 10; q++)
      if (dg_tok_is (x, q, ","))
        return q + 1;
  return s->t0;
}

/* Words that end the clause of a subject: another's action on others
 * ("trao quyết định bổ nhiệm …", "chúc mừng các đồng chí được bầu …"). */
static gboolean
clause_stop (const DgExtract *x, guint k)
{
  static const char *const stops[] = {
    ":", "“", "\"", ";", "trao", "chúc mừng", "cho", "tặng", "các", "những", "công bố", "đề nghị",
    "giới thiệu", "thay", NULL,
  };
  for (guint q = 0; stops[q]; q++)
    if (dg_tok_phrase (x, k, stops[q]))
      return TRUE;
  return FALSE;
}

/* Scans the clause of a subject from token k for the titles verbs give. */
static void
subject_clause (DgExtract *x, DgNode *person, guint from, guint k, const DgSentence *s,
                DgMention *led)
{
  guint limit = MIN (s->t1, k + 60);
  while (k < limit)
    {
      DgMention *other = dg_mention_at (x, DG_M_PERSON, k);
      if ((other && other->node != person) || clause_stop (x, k))
        return;
      const TitleVerb *v = title_verb_at (x, k);
      gboolean open = k > 0 && (dg_tok_is (x, k - 1, ",") || dg_tok_is (x, k - 1, "và")
                                || dg_tok_is (x, k - 1, "đã") || dg_tok_is (x, k - 1, "cũng")
                                || dg_tok_is (x, k - 1, "hiện"));
      if (v && (v->strong || open))
        {
          guint e = verb_titles (x, person, from, led, v, k);
          if (e > k)
            {
              k = e;
              continue;
            }
        }
      k++;
    }
}

/* "X tái đắc cử Bí thư Huyện ủy Ia Grai", "X được bầu giữ chức …", "X làm
 * Phó trưởng ban", and in the sentences of which X (or "ông", "bà" for the
 * one last named) is the subject, the titles the clause gives:
 * "Ông Trạc nguyên là Giám đốc Công an tỉnh Nghệ An. Năm 2005, ông giữ chức
 * Chủ tịch UBND tỉnh Nghệ An, … được bầu làm Bí thư Tỉnh ủy …". */
static void
titles_by_verb (DgExtract *x)
{
  g_autoptr (GPtrArray) persons = dg_mentions_of (x, DG_M_PERSON);
  for (guint i = 0; i < persons->len; i++)
    {
      DgMention *p = persons->pdata[i];
      if (p->bare_title)
        continue;
      guint end = p->t1;
      for (guint k = 0; p->titles && k < p->titles->len; k++)
        end = MAX (end, ((DgTitle *) p->titles->pdata[k])->t1);
      /* "…, Phó Tổng Cục trưởng Tổng cục Môi trường (Bộ …) làm trưởng
       * đoàn": a bracket after the titles. */
      if (dg_tok_is (x, end, "("))
        for (guint q = end + 1; q < end + 16 && q < dg_ntoks (x); q++)
          if (dg_tok_is (x, q, ")"))
            {
              end = q + 1;
              break;
            }
      DgMention *led = led_body (x, p->t0);
      guint from = dg_mention_start (x, p);
      const TitleVerb *v = title_verb_at (x, end);
      guint after = v ? verb_titles (x, p->node, from, led, v, end) : 0;
      /* The subject of its sentence: the clause goes on. */
      const DgSentence *s = dg_tok_sentence (x, p->t0);
      guint h = p->t0;
      if (h > 0 && (dg_tok_is (x, h - 1, "ông") || dg_tok_is (x, h - 1, "bà")))
        h--;
      else if (h > 1 && dg_tok_phrase (x, h - 2, "đồng chí"))
        h -= 2;
      for (guint k = 0; p->titles && k < p->titles->len; k++)
        h = MIN (h, ((DgTitle *) p->titles->pdata[k])->t0);
      if (s && h == subject_start (x, s))
        subject_clause (x, p->node, from, after ? after : end, s, led);
    }
  /* "ông", "bà" opening a clause: the official last named, a sentence or
   * two before. */
  for (guint si = 0; si < x->sents->len; si++)
    {
      const DgSentence *s = &g_array_index (x->sents, DgSentence, si);
      guint h = subject_start (x, s);
      if (!(dg_tok_is (x, h, "ông") || dg_tok_is (x, h, "bà")) || dg_mention_at (x, DG_M_PERSON, h + 1)
          || (dg_tok_flags (x, h + 1) & DG_TOK_UPPER))
        continue;
      DgMention *last = NULL;
      for (guint q = 0; q < persons->len; q++)
        {
          DgMention *p = persons->pdata[q];
          if (p->t0 >= h)
            break;
          if (!p->bare_title && dg_tok_sentence (x, p->t0) >= s - 3)
            last = p;
        }
      if (last)
        subject_clause (x, last->node, g_array_index (x->toks, DgTok, h).start, h + 1, s, NULL);
    }
}

void
dg_extract_officials (DgExtract *x)
{
  guint n = dg_ntoks (x);
  for (guint i = 0; i < n; i++)
    {
      /* Every formula starts with a capital, a form of address ("đồng chí",
       * "ông", "bà", "các đồng chí") or a modifier ("nguyên"). */
      guint f = dg_tok_flags (x, i);
      if (!(f & DG_TOK_WORD))
        continue;
      if (!(f & DG_TOK_UPPER))
        {
          const char *w = dg_tok_fold (x, i);
          if (strcmp (w, "đồng") != 0 && strcmp (w, "ông") != 0 && strcmp (w, "bà") != 0
              && strcmp (w, "các") != 0 && !is_modifier (x, i))
            continue;
        }
      if (overlaps_person (x, i, i + 1))
        continue;
      /* Lists: "các đồng chí: …". */
      guint ge;
      g_autoptr (GPtrArray) group = dg_tok_phrase (x, i, "các đồng chí")
                                      ? parse_chain (x, i + 3, FALSE, &ge) : NULL;
      if (dg_tok_phrase (x, i, "các đồng chí") && (dg_tok_is (x, i + 3, ":")
                                                   || dg_name_at (x, i + 3, FALSE)
                                                   || (group->len && dg_tok_is (x, ge, ":"))))
        {
          guint e = parse_list (x, i + 3);
          if (e > i + 3)
            i = e - 1;
          continue;
        }
      /* "các Phó Tổng Giám đốc: Vũ Hải, Trần Minh Hùng …": a group title. */
      if (dg_tok_is (x, i, "các") && !dg_tok_phrase (x, i, "các đồng chí"))
        {
          DgCheckpoint cp;
          dg_checkpoint (x, &cp);
          guint te;
          g_autoptr (GPtrArray) grp = parse_chain (x, i + 1, FALSE, &te);
          gboolean listed = grp->len && dg_tok_is (x, te, ":") && dg_name_at (x, te + 1, TRUE);
          g_ptr_array_set_size (grp, 0);
          dg_rollback (x, &cp);
          if (listed)
            {
              guint e = parse_list (x, i + 1);
              if (e > i + 1)
                i = e - 1;
              continue;
            }
        }
      /* "đồng chí X", "ông X", "bà X". */
      gboolean honorific = dg_tok_phrase (x, i, "đồng chí") || dg_tok_is (x, i, "ông")
                           || dg_tok_is (x, i, "bà");
      if (honorific)
        {
          guint j = i + (dg_tok_is (x, i, "đồng") ? 2 : 1);
          guint start = j;
          j = skip_prefixes (x, j, NULL);
          guint len = dg_name_at (x, j, FALSE);
          if (len)
            {
              guint e;
              g_autoptr (GPtrArray) chain = parse_chain (x, j + len, TRUE, &e);
              /* "do chủ tịch UBND tỉnh Thái Bình, ông Nguyễn Hồng Diên ký":
               * the titles in apposition before. */
              if (i > 2 && dg_tok_is (x, i - 1, ","))
                appositive_titles (x, i - 1, chain);
              add_person (x, j, j + len, chain, "official.honorific");
              i = e - 1;
              continue;
            }
          /* "ông Trạc": the official already named whose name ends so. */
          if ((dg_tok_flags (x, j) & DG_TOK_UPPER) && (dg_tok_flags (x, j) & DG_TOK_WORD)
              && !(dg_tok_flags (x, j + 1) & DG_TOK_UPPER) && !dg_phrase_match (x, titles (), j, NULL, &len))
            {
              DgNode *same = NULL;
              guint same_t1 = 0;
              for (guint k = 0; k < x->mentions->len; k++)
                {
                  DgMention *p = x->mentions->pdata[k];
                  if (p->kind == DG_M_PERSON && p->t1 <= j && p->t1 > same_t1 && !p->bare_title
                      && dg_tok_is (x, p->t1 - 1, dg_tok_fold (x, j)))
                    same = p->node, same_t1 = p->t1;
                }
              if (same)
                {
                  DgMention *m = dg_mention_new (x, DG_M_PERSON, j, j + 1, "official.short-name");
                  m->node = same;
                  m->titles = g_ptr_array_new ();
                  dg_node_add_mention (same, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
                  i = j;
                  continue;
                }
            }
          /* "đồng chí Tổng Bí thư Nguyễn Phú Trọng", or a title alone. */
          guint e;
          g_autoptr (GPtrArray) before = parse_chain (x, start, FALSE, &e);
          if (before->len)
            {
              guint nl = dg_name_at (x, e, FALSE);
              if (nl)
                {
                  guint e2;
                  g_autoptr (GPtrArray) after = parse_chain (x, e + nl, TRUE, &e2);
                  for (guint k = 0; k < after->len; k++)
                    g_ptr_array_add (before, after->pdata[k]);
                  g_ptr_array_set_free_func (after, NULL);
                  add_person (x, e, e + nl, before, "official.honorific-title");
                  i = e2 - 1;
                }
              else
                {
                  resolve_bare_title (x, before, start, e);
                  i = e - 1;
                }
              continue;
            }
          continue;
        }
      if (!(dg_tok_flags (x, i) & DG_TOK_WORD))
        continue;
      /* Academic prefixes before a name: "Phó Giáo sư, tiến sĩ Lê Văn Cường". */
      guint after_prefix = (dg_tok_flags (x, i) & DG_TOK_UPPER) ? skip_prefixes (x, i, NULL) : i;
      if (after_prefix > i)
        {
          guint len = dg_name_at (x, after_prefix, TRUE);
          if (len)
            {
              guint e;
              g_autoptr (GPtrArray) chain = parse_chain (x, after_prefix + len, TRUE, &e);
              /* A byline ("ThS. Lê Thị Huyền" alone on a line) is no official. */
              const DgSentence *s = dg_tok_sentence (x, i);
              gboolean alone = s && chain->len == 0 && s->t1 <= after_prefix + len + 1;
              if (!alone)
                {
                  add_person (x, after_prefix, after_prefix + len, chain, "official.prefix");
                  i = e - 1;
                  continue;
                }
            }
        }
      /* Title, then name: "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai". What
       * the titles made is dropped when no name follows. */
      if ((dg_tok_flags (x, i) & DG_TOK_UPPER) || is_modifier (x, i))
        {
          guint e;
          DgCheckpoint cp;
          dg_checkpoint (x, &cp);
          g_autoptr (GPtrArray) before = parse_chain (x, i, FALSE, &e);
          if (before->len)
            {
              guint j = skip_prefixes (x, e, NULL);
              guint nl = dg_name_at (x, j, TRUE);
              if (nl)
                {
                  guint e2;
                  g_autoptr (GPtrArray) after = parse_chain (x, j + nl, TRUE, &e2);
                  for (guint k = 0; k < after->len; k++)
                    g_ptr_array_add (before, after->pdata[k]);
                  g_ptr_array_set_free_func (after, NULL);
                  add_person (x, j, j + nl, before, "official.title-name");
                  i = e2 - 1;
                  continue;
                }
            }
          g_ptr_array_set_size (before, 0);
          dg_rollback (x, &cp);
        }
      /* Name, then titles: "Phương Thị Thanh, Phó Bí thư Thường trực …". */
      if ((dg_tok_flags (x, i) & DG_TOK_UPPER) && dg_surname_rank (dg_tok_fold (x, i))
          && !(i > 0 && (dg_tok_flags (x, i - 1) & DG_TOK_UPPER) && (dg_tok_flags (x, i - 1) & DG_TOK_WORD)))
        {
          guint len = dg_name_at (x, i, TRUE);
          if (len && dg_tok_is (x, i + len, ","))
            {
              guint e;
              g_autoptr (GPtrArray) chain = parse_chain (x, i + len, TRUE, &e);
              if (chain->len)
                {
                  add_person (x, i, i + len, chain, "official.name-title");
                  i = e - 1;
                  continue;
                }
            }
        }
    }
  titles_by_verb (x);
}
