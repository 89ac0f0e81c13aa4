/* extract-rel-events.c: the formulas of events: who organized them, who
 * was there and in what role, which documents they were about. */
#include "extract-private.h"

#include <string.h>

void dg_rule_organizer_subject (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_organizer_do (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_organizer_event_verb (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_organizer_name (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_organizer_plenum (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_about_name (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_attended (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_about_studied (DgExtract *x, DgRelations *r, const char *rule);

/* The events that name something (not a bare "hội nghị" referring back)
 * and have no organizer yet. */
static gboolean
wants_organizer (DgRelations *r, DgMention *ev)
{
  return !ev->reference && !g_hash_table_contains (r->organized, ev);
}

static void
organized (DgExtract *x, DgRelations *r, DgMention *ev, DgNode *org, const char *rule)
{
  dg_rel_edge (x, DG_EDGE_ORGANIZED_BY, ev->node, org, NULL, ev->t0, rule);
  g_hash_table_add (r->organized, ev);
}

/* "X (đã) tổ chức Hội nghị …"; "phối hợp với X" makes X a co-organizer. */
void
dg_rule_organizer_subject (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint e = 0; e < r->events->len; e++)
    {
      DgMention *ev = r->events->pdata[e];
      if (!wants_organizer (r, ev))
        continue;
      const DgSentence *s = dg_tok_sentence (x, ev->t0);
      guint v = dg_lex_skip_back (x, "adverb", ev->t0, s->t0), n;
      if (!dg_lex_before (x, "organize-verb", v, s->t0, &n))
        continue;
      g_autoptr (GPtrArray) orgs = dg_rel_outer_in (x, DG_M_ORG, dg_rel_lo (s, v - n), v - n);
      for (guint i = 0; i < orgs->len; i++)
        {
          DgMention *o = orgs->pdata[i];
          if (dg_lex_before (x, "not-subject", o->t0, 0, NULL) || dg_rel_inside_other (x, o))
            continue;
          if (o->t0 > 0 && dg_tok_is (x, o->t0 - 1, "với")
              && !(o->t0 > 2 && dg_tok_phrase (x, o->t0 - 3, "phối hợp")))
            continue;
          organized (x, r, ev, o->node, rule);
        }
    }
}

/* "Đoàn đại biểu Quốc hội tỉnh X đã tiếp xúc cử tri …", "Ban Bí thư đã
 * họp …": an event named by what is done has the organization right
 * before it (adverbs skipped) as whoever held it. */
void
dg_rule_organizer_event_verb (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint e = 0; e < r->events->len; e++)
    {
      DgMention *ev = r->events->pdata[e];
      if (!wants_organizer (r, ev) || (dg_tok_flags (x, ev->t0) & DG_TOK_UPPER)
          || !dg_lex_len (x, "event-verb", ev->t0))
        continue;
      const DgSentence *s = dg_tok_sentence (x, ev->t0);
      guint v = dg_lex_skip_back (x, "adverb", ev->t0, s->t0);
      g_autoptr (GPtrArray) subjects = dg_rel_subjects_before (x, s, v);
      for (guint i = 0; i < subjects->len; i++)
        organized (x, r, ev, ((DgMention *) subjects->pdata[i])->node, rule);
    }
}

/* "… do X tổ chức / chủ trì". */
void
dg_rule_organizer_do (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint e = 0; e < r->events->len; e++)
    {
      DgMention *ev = r->events->pdata[e];
      if (!wants_organizer (r, ev))
        continue;
      const DgSentence *s = dg_tok_sentence (x, ev->t0);
      for (guint i = ev->t1; i < dg_rel_hi (s, ev->t1); i++)
        {
          if (!dg_tok_is (x, i, "do"))
            continue;
          guint j = i + 1;
          while (j < s->t1 && j < i + 30 && !dg_tok_phrase (x, j, "tổ chức")
                 && !dg_tok_is (x, j, "chủ trì"))
            j++;
          if (j >= s->t1)
            break;
          g_autoptr (GPtrArray) orgs = dg_rel_outer_in (x, DG_M_ORG, i + 1, j);
          for (guint k = 0; k < orgs->len; k++)
            organized (x, r, ev, ((DgMention *) orgs->pdata[k])->node, rule);
          break;
        }
    }
}

/* "Đại hội Đảng bộ huyện Ia Grai", "cuộc họp (của) Ban Bí thư", "cuộc họp
 * lãnh đạo Ban Nội chính Trung ương", "Hội nghị lần thứ năm Ban Chấp hành
 * Trung ương": the body the event's name names. */
void
dg_rule_organizer_name (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint e = 0; e < r->events->len; e++)
    {
      DgMention *ev = r->events->pdata[e];
      if (!wants_organizer (r, ev))
        continue;
      guint j = ev->title_t0;
      /* "Kỳ họp thứ 5 (,) Quốc hội khóa XIII", "Hội nghị lần thứ 7 Ủy ban
       * Trung ương MTTQ": the session's number first. */
      guint ord = dg_lex_len (x, "ordinal", j);
      if (ord)
        {
          guint k = j + ord + 1; /* after the number */
          if (dg_tok_is (x, k, ","))
            k++;
          if (dg_org_at (x, k))
            j = k;
        }
      if (dg_tok_is (x, j, "của"))
        j++;
      if (dg_lex_len (x, "name-lead", j))
        j += dg_lex_len (x, "name-lead", j);
      DgMention *o = dg_org_at (x, j);
      if (o && o->parent == NULL)
        organized (x, r, ev, o->node, rule);
    }
}

/* "Hội nghị Trung ương 5", "Hội nghị lần thứ tám Ban Chấp hành Trung
 * ương": a plenum of the Central Committee, when the article names it. */
void
dg_rule_organizer_plenum (DgExtract *x, DgRelations *r, const char *rule)
{
  g_autofree char *key = dg_org_key (x, "Ban Chấp hành Trung ương");
  DgNode *bch = dg_graph_find_node (x->graph, DG_NODE_ORGANIZATION, key);
  for (guint e = 0; bch && e < r->events->len; e++)
    {
      DgMention *ev = r->events->pdata[e];
      if (wants_organizer (r, ev) && dg_tok_phrase (x, ev->t0, "hội nghị")
          && (dg_tok_phrase (x, ev->t0 + 2, "trung ương") || dg_tok_phrase (x, ev->t0 + 2, "tw")
              || dg_tok_phrase (x, ev->t0 + 2, "tư")))
        organized (x, r, ev, bch, rule);
    }
}

/* "Hội nghị quán triệt Chỉ thị số 35-CT/TW": a document in an event's name. */
void
dg_rule_about_name (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint e = 0; e < r->events->len; e++)
    {
      DgMention *ev = r->events->pdata[e];
      if (ev->reference)
        continue;
      g_autoptr (GPtrArray) docs = dg_rel_outer_in (x, DG_M_DOC, ev->title_t0, ev->title_t1);
      for (guint i = 0; i < docs->len; i++)
        dg_rel_edge (x, DG_EDGE_ABOUT, ev->node, ((DgMention *) docs->pdata[i])->node, NULL,
                     ev->t0, rule);
    }
}

/* "Tại hội nghị, các đại biểu được quán triệt, triển khai Chỉ thị …": a
 * document studied at the event of the sentence. */
void
dg_rule_about_studied (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->events->len; i++)
    {
      DgMention *ev = r->events->pdata[i];
      /* "Nghị quyết số 21-NQ/TW của Hội nghị Trung ương 6": named as the
       * document's author, not held in the sentence. */
      if (dg_inside (x, DG_M_DOC, ev->t0)
          || (ev->t0 > 1 && dg_tok_is (x, ev->t0 - 1, "của") && dg_covered (x, DG_M_DOC, ev->t0 - 2)))
        continue;
      /* "Sau hội nghị, …": what follows is done after it, not at it. */
      if (dg_lex_before (x, "not-at-event", ev->t0, 0, NULL))
        continue;
      const DgSentence *s = dg_tok_sentence (x, ev->t0);
      guint from = G_MAXUINT;
      for (guint k = dg_rel_lo (s, ev->t0); k < dg_rel_hi (s, ev->t1) && from == G_MAXUINT; k++)
        if (dg_lex_len (x, "study-verb", k))
          from = k;
      if (from == G_MAXUINT)
        continue;
      /* "… đã họp để thảo luận, cho ý kiến về:" and the list on the
       * lines after the colon. */
      guint to = MIN (s->t1, from + 2 * DG_WINDOW);
      if (to == s->t1 && s->t1 > 0 && dg_tok_is (x, s->t1 - 1, ":"))
        for (const DgSentence *n = s + 1;
             n < &g_array_index (x->sents, DgSentence, x->sents->len) && n->t1 < from + 4 * DG_WINDOW
             && (dg_mention_at (x, DG_M_DOC, n->t0) || dg_tok_is (x, n->t0, "-")
                 || dg_tok_is (x, n->t0, "–"));
             n++)
          to = n->t1;
      g_autoptr (GPtrArray) docs = dg_rel_outer_in (x, DG_M_DOC, from, to);
      for (guint k = 0; k < docs->len; k++)
        {
          DgMention *d = docs->pdata[k];
          if (!dg_in_title (x, d->t0) && !(d->t0 >= ev->title_t0 && d->t0 < ev->title_t1))
            dg_rel_edge (x, DG_EDGE_ABOUT, ev->node, d->node, NULL, d->t0, rule);
        }
    }
}

/* The event a sentence speaks of: one named in it, else the one the
 * article named last before it. */
static DgMention *
event_for (DgExtract *x, GPtrArray *events, guint t, gboolean *in_sentence)
{
  const DgSentence *s = dg_tok_sentence (x, t);
  *in_sentence = FALSE;
  /* The first event at or after the sentence's start (events are in text
   * order). */
  guint lo = 0, hi = events->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (((DgMention *) events->pdata[mid])->t0 < s->t0)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < events->len && ((DgMention *) events->pdata[lo])->t0 < s->t1)
    {
      *in_sentence = TRUE;
      return events->pdata[lo];
    }
  return lo > 0 ? events->pdata[lo - 1] : NULL;
}

/* The role a person's clause gives them at an event: from its verb after
 * the person and their titles (a list shares the verb of its sentence; "A;
 * B và C chủ trì"; "A cùng B … về dự"), an event named as the clause's
 * verb ("X đã tiếp xúc cử tri …", "X (đã) có buổi làm việc …", "X tổ chức
 * đối thoại …"), or a verb before ("Dự … có các đồng chí: …", "Phát biểu
 * tại buổi sinh hoạt, X …"); NULL when none. */
static const char *
presence_verb (DgExtract *x, DgMention *p, const DgSentence *s)
{
  guint after = dg_rel_person_end (p);
  gboolean list = p->rule == dg_rule_intern ("official.list");
  gboolean joined = FALSE;
  guint limit = after + (list ? 4 * DG_WINDOW : 20);
  if (dg_lex_len (x, "co-subject", after))
    limit = MAX (limit, after + DG_WINDOW);
  for (guint k = after; k < s->t1 && k < limit; k++)
    {
      if (!list && dg_tok_is (x, k, ";"))
        {
          if (dg_mention_at (x, DG_M_PERSON, k + 1) || dg_in_role (x, k + 1)
              || dg_lex_len (x, "co-subject", k + 1))
            {
              joined = TRUE;
              limit = MAX (limit, k + DG_WINDOW);
              continue;
            }
          break;
        }
      /* Another official's name or title starts a clause of its own,
       * unless "A và B đồng chủ trì" share the verb. */
      gboolean other = !list && k > after
                       && (dg_mention_at (x, DG_M_PERSON, k)
                           || (dg_in_role (x, k) && !dg_in_role (x, k - 1)));
      if (other && dg_tok_is (x, k - 1, "và"))
        joined = TRUE;
      if (other && !joined)
        break;
      /* "Ban Tổ chức", "Ban Chỉ đạo": words of a name are no verb. */
      if (dg_covered (x, DG_M_ORG, k) || dg_covered (x, DG_M_DOC, k))
        continue;
      GStrv verb = dg_lex_at (x, "presence-verb", k, NULL);
      if (verb)
        return dg_data_field (verb, 2);
      guint hn;
      GStrv hold = dg_lex_at (x, "hold-verb", k, &hn);
      if (hold && dg_mention_at (x, DG_M_EVENT, k + hn))
        return dg_data_field (hold, 2);
      if (!list && dg_mention_at (x, DG_M_EVENT, k)
          && (k == after || dg_lex_skip_back (x, "adverb", k, after) == after))
        return "attended";
    }
  for (guint k = list ? s->t0 : dg_rel_lo (s, p->t0); k < p->t0; k++)
    {
      GStrv pv = dg_lex_at (x, "presence-verb", k, NULL);
      if (pv && (list || k <= s->t0 + 1))
        return dg_data_field (pv, 2);
    }
  return NULL;
}

/* "đồng chí X … chủ trì / dự / phát biểu / trình bày …". */
void
dg_rule_attended (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->persons->len; i++)
    {
      DgMention *p = r->persons->pdata[i];
      guint start = p->t0;
      if (start >= 2 && dg_tok_phrase (x, start - 2, "đồng chí"))
        start -= 2;
      else if (start >= 1 && (dg_tok_is (x, start - 1, "ông") || dg_tok_is (x, start - 1, "bà")))
        start--;
      /* Titles before the name belong to the mention too. */
      while (start > 0 && p->titles && p->titles->len
             && ((DgTitle *) p->titles->pdata[0])->t0 < start)
        start = ((DgTitle *) p->titles->pdata[0])->t0;
      /* "dưới sự chủ trì của Tổng Bí thư X", "với sự tham dự của …". */
      const DgSentence *ps = dg_tok_sentence (x, p->t0);
      GStrv lead = dg_lex_before (x, "presence-lead", start, ps->t0, NULL);
      if (lead == NULL && dg_lex_before (x, "not-attendee", start, 0, NULL))
        continue;
      gboolean in_sentence;
      DgMention *ev = event_for (x, r->events, p->t0, &in_sentence);
      if (ev == NULL)
        continue;
      const DgSentence *s = dg_tok_sentence (x, p->t0);
      /* An event named or referred to a few paragraphs up at most, and not
       * in a long paragraph that has gone on to other things. */
      const DgSentence *es = dg_tok_sentence (x, ev->t0);
      if (!in_sentence && (es->para + 3 < s->para || s - es > 5))
        continue;
      const char *role = lead ? dg_data_field (lead, 2) : presence_verb (x, p, s);
      /* "Tại hội nghị, đồng chí X …"; "Về phía VOV có ông A, …": present. */
      if (role == NULL && in_sentence && dg_tok_is (x, s->t0, "tại") && s->t0 + 3 >= ev->t0
          && p->t0 > ev->t0)
        role = "attended";
      if (role == NULL && dg_tok_phrase (x, s->t0, "về phía"))
        for (guint k = s->t0 + 2; k < p->t0 && k < s->t0 + 12 && !role; k++)
          if (dg_tok_is (x, k, "có"))
            role = "attended";
      if (role == NULL)
        continue;
      /* Outside the event's sentence the person must open the sentence, be
       * the one the audience heard ("Các đại biểu đã nghe đồng chí X"),
       * follow a leading clause ("Báo cáo …, đồng chí X khẳng định"), or
       * be who presented it ("… do đồng chí X trình bày"). */
      gboolean heard = start > 0 && dg_tok_is (x, start - 1, "nghe");
      gboolean after_lead = FALSE;
      if (dg_lex_len (x, "presence-verb", s->t0) || dg_lex_len (x, "presence-verb", s->t0 + 1))
        for (guint q = s->t0; q < start && !after_lead; q++)
          after_lead = dg_tok_is (x, q, ",") && q + 1 == start;
      guint pe = dg_rel_person_end (p);
      if (dg_tok_is (x, pe, ","))
        pe++;
      gboolean by = (start > 0 && dg_tok_is (x, start - 1, "do") && dg_lex_len (x, "presence-verb", pe))
                    || lead;
      gboolean list = p->rule == dg_rule_intern ("official.list");
      if (!in_sentence && !list && !heard && !after_lead && !by && start > s->t0 + 3
          && strcmp (role, "attended") != 0)
        continue;
      dg_rel_edge (x, DG_EDGE_ATTENDED, p->node, ev->node, role, p->t0, rule);
    }
}
