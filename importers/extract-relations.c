/* extract-relations.c: edges between the mentions of one article.
 *
 * Each rule is a formula of the genre:
 *   issued-by     "Kế hoạch số 147-KH/TU … của Thành ủy Hà Nội" (documents
 *                 pass), "Ban Thường vụ Tỉnh ủy … đã ban hành Công văn …"
 *   implements    "Thực hiện Kết luận …, Ban Thường vụ … ban hành Kế hoạch …";
 *                 "Kế hoạch … (về) thực hiện / triển khai / cụ thể hóa Nghị quyết …"
 *   cites         a document named in another document's title
 *   authored-by   "tác phẩm “…” của Tổng Bí thư Nguyễn Phú Trọng"
 *   organized-by  "Tỉnh ủy Lạng Sơn tổ chức Hội nghị …", "… do Ban Tuyên giáo tổ chức",
 *                 "Đại hội Đảng bộ huyện Ia Grai", "cuộc họp của Ban Bí thư"
 *   attended      "đồng chí X … chủ trì / dự / phát biểu / trình bày …"
 *   about         a document named in an event's name or studied at it
 * member-of and part-of come with titles and nested names. */
#include "extract-private.h"

#include <string.h>

/* TRUE when mention m lies inside a document's name or an official's
 * titles: "Bộ Ngoại giao" of "Bộ trưởng Ngoại giao Bùi Thanh Sơn" is not
 * the subject of its sentence. */
static gboolean
inside_other (DgExtract *x, const DgMention *m)
{
  return dg_inside (x, DG_M_DOC, m->t0) || dg_in_title (x, m->t0) || dg_in_role (x, m->t0);
}

/* Outermost mentions of kind with t0 in [t0, t1), in text order (the
 * longest first where several start together). (transfer container) */
static GPtrArray *
outer_in (DgExtract *x, DgMentionKind kind, guint t0, guint t1)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = t0; i < t1 && i < dg_ntoks (x); i++)
    {
      GPtrArray *at = dg_mentions_at (x, i);
      guint before = out->len;
      for (guint k = 0; at && k < at->len; k++)
        {
          DgMention *m = at->pdata[k];
          if (m->kind != kind || m->parent != NULL)
            continue;
          /* Longest first, as dg_mentions_of orders them. */
          guint pos = before;
          while (pos < out->len && ((DgMention *) out->pdata[pos])->t1 >= m->t1)
            pos++;
          g_ptr_array_insert (out, pos, m);
        }
    }
  return out;
}

/* How far a rule looks around its words, in tokens: sentences of crawled
 * pages can be whole pages long. */
#define WINDOW 60

static guint
lo_bound (const DgSentence *s, guint at)
{
  return at > s->t0 + WINDOW ? at - WINDOW : s->t0;
}

static guint
hi_bound (const DgSentence *s, guint at)
{
  return MIN (s->t1, at + WINDOW);
}

static guint
tok_start (const DgExtract *x, guint i)
{
  return g_array_index (x->toks, DgTok, MIN (i, x->toks->len - 1)).start;
}

static guint
tok_end (const DgExtract *x, guint i)
{
  return g_array_index (x->toks, DgTok, MIN (i, x->toks->len - 1)).end;
}

/* Evidence of an edge: the sentence of token i. */
static void
sentence_span (const DgExtract *x, guint i, guint *s, guint *e)
{
  const DgSentence *sent = dg_tok_sentence (x, i);
  *s = sent ? sent->start : 0;
  *e = sent ? sent->end : 0;
}

static DgEdge *
edge (DgExtract *x, DgEdgeType type, DgNode *src, DgNode *dst, const char *role, guint at,
      const char *rule)
{
  guint s, e;
  sentence_span (x, at, &s, &e);
  return dg_graph_add_edge (x->graph, type, src, dst, role, s, e, rule);
}

static gboolean
has_edge (DgExtract *x, DgEdgeType type, DgNode *src, DgNode *dst)
{
  return dst ? dg_graph_find_edge (x->graph, type, src, dst) != NULL
             : dg_graph_edge_from (x->graph, type, src) != NULL;
}

/* Skips adverbs before a verb ("đã", "vừa", "long trọng"). */
static guint
skip_adverbs_back (const DgExtract *x, guint i, guint floor)
{
  static const char *const adverbs[] = {
    "đã", "vừa", "mới", "cũng", "chính thức", "long trọng", "trọng thể", "sẽ", "đang",
    "thống nhất cao", "thống nhất", "cho biết", NULL,
  };
  gboolean moved = TRUE;
  while (moved && i > floor)
    {
      moved = FALSE;
      for (guint k = 0; adverbs[k]; k++)
        {
          guint n = dg_phrase_len (adverbs[k]);
          if (i >= floor + n && dg_tok_phrase (x, i - n, adverbs[k]))
            {
              i -= n;
              moved = TRUE;
              break;
            }
        }
    }
  return i;
}

static gboolean
preceded_by_any (const DgExtract *x, guint i, const char *const *words)
{
  for (guint k = 0; words[k]; k++)
    {
      guint n = dg_phrase_len (words[k]);
      if (i >= n && dg_tok_phrase (x, i - n, words[k]))
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------ events */

static const char *const not_subject[] = { "của", "tại", "cầu", "cho", "đối với", NULL };

static void
organizers (DgExtract *x, DgMention *ev)
{
  const DgSentence *s = dg_tok_sentence (x, ev->t0);
  gboolean found = FALSE;
  /* "X (đã) tổ chức Hội nghị …" */
  static const char *const verbs[] = {
    "tổ chức", "triển khai", "phối hợp tổ chức", "chủ trì tổ chức", "tiến hành", NULL,
  };
  guint v = skip_adverbs_back (x, ev->t0, s->t0);
  for (guint k = 0; verbs[k] && !found; k++)
    {
      guint n = dg_phrase_len (verbs[k]);
      if (v < s->t0 + n || !dg_tok_phrase (x, v - n, verbs[k]))
        continue;
      g_autoptr (GPtrArray) orgs = outer_in (x, DG_M_ORG, lo_bound (s, v - n), v - n);
      for (guint i = 0; i < orgs->len; i++)
        {
          DgMention *o = orgs->pdata[i];
          if (preceded_by_any (x, o->t0, not_subject) || inside_other (x, o))
            continue;
          /* "phối hợp với X": a co-organizer; "với X" otherwise is not. */
          if (o->t0 > 0 && dg_tok_is (x, o->t0 - 1, "với")
              && !(o->t0 > 2 && dg_tok_phrase (x, o->t0 - 3, "phối hợp")))
            continue;
          edge (x, DG_EDGE_ORGANIZED_BY, ev->node, o->node, NULL, ev->t0, "organized-by.subject");
          found = TRUE;
        }
    }
  /* "… do X tổ chức". */
  for (guint i = ev->t1; i < hi_bound (s, ev->t1) && !found; i++)
    {
      if (!dg_tok_is (x, i, "do"))
        continue;
      guint j = i + 1;
      while (j < s->t1 && j < i + 30 && !dg_tok_phrase (x, j, "tổ chức") && !dg_tok_is (x, j, "chủ trì"))
        j++;
      if (j >= s->t1)
        break;
      g_autoptr (GPtrArray) orgs = outer_in (x, DG_M_ORG, i + 1, j);
      for (guint k = 0; k < orgs->len; k++)
        {
          edge (x, DG_EDGE_ORGANIZED_BY, ev->node, ((DgMention *) orgs->pdata[k])->node, NULL,
                ev->t0, "organized-by.do");
          found = TRUE;
        }
      break;
    }
  /* "Đại hội Đảng bộ huyện Ia Grai", "cuộc họp (của) Ban Bí thư". */
  if (!found)
    {
      guint j = ev->title_t0;
      if (dg_tok_is (x, j, "của"))
        j++;
      if (dg_tok_phrase (x, j, "đại biểu"))
        j += 2;
      /* "cuộc họp lãnh đạo Ban Nội chính Trung ương". */
      else if (dg_tok_phrase (x, j, "lãnh đạo"))
        j += 2;
      /* "Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XII". */
      else if (dg_tok_phrase (x, j, "lần thứ") && dg_org_at (x, j + 3))
        j += 3;
      DgMention *o = dg_org_at (x, j);
      if (o && o->parent == NULL)
        {
          edge (x, DG_EDGE_ORGANIZED_BY, ev->node, o->node, NULL, ev->t0, "organized-by.name");
          found = TRUE;
        }
    }
  /* "Hội nghị Trung ương 5", "Hội nghị lần thứ tám Ban Chấp hành Trung
   * ương": a plenum of the Central Committee, when the article names it. */
  if (!found && dg_tok_phrase (x, ev->t0, "hội nghị")
      && (dg_tok_phrase (x, ev->t0 + 2, "trung ương") || dg_tok_phrase (x, ev->t0 + 2, "tw")
          || dg_tok_phrase (x, ev->t0 + 2, "tư")))
    {
      g_autofree char *key = dg_org_key (x, "Ban Chấp hành Trung ương");
      DgNode *bch = dg_graph_find_node (x->graph, DG_NODE_ORGANIZATION, key);
      if (bch)
        edge (x, DG_EDGE_ORGANIZED_BY, ev->node, bch, NULL, ev->t0, "organized-by.plenum");
    }
}

static void
about (DgExtract *x, DgMention *ev)
{
  g_autoptr (GPtrArray) docs = outer_in (x, DG_M_DOC, ev->title_t0, ev->title_t1);
  for (guint i = 0; i < docs->len; i++)
    {
      DgMention *d = docs->pdata[i];
      edge (x, DG_EDGE_ABOUT, ev->node, d->node, NULL, ev->t0, "about.name");
    }
}

/* "Tại hội nghị, các đại biểu được quán triệt, triển khai Chỉ thị …": a
 * document studied at the event of the sentence. */
static void
studied (DgExtract *x, GPtrArray *events)
{
  static const char *const verbs[] = {
    "quán triệt", "triển khai", "học tập", "nghiên cứu", "giới thiệu", "công bố", "tổng kết",
    "sơ kết", "thảo luận", "cho ý kiến", "thông qua", "trình bày", "phổ biến", "tập trung vào",
    "dành cho", NULL,
  };
  for (guint i = 0; i < events->len; i++)
    {
      DgMention *ev = events->pdata[i];
      const DgSentence *s = dg_tok_sentence (x, ev->t0);
      guint from = G_MAXUINT;
      for (guint k = lo_bound (s, ev->t0); k < hi_bound (s, ev->t1) && from == G_MAXUINT; k++)
        for (guint v = 0; verbs[v]; v++)
          if (dg_tok_phrase (x, k, verbs[v]))
            {
              from = k;
              break;
            }
      if (from == G_MAXUINT)
        continue;
      g_autoptr (GPtrArray) docs = outer_in (x, DG_M_DOC, from, MIN (s->t1, from + 2 * WINDOW));
      for (guint k = 0; k < docs->len; k++)
        {
          DgMention *d = docs->pdata[k];
          gboolean nested = dg_in_title (x, d->t0);
          if (!nested && !(d->t0 >= ev->title_t0 && d->t0 < ev->title_t1))
            edge (x, DG_EDGE_ABOUT, ev->node, d->node, NULL, d->t0, "about.studied");
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

typedef struct {
  const char *words; /* the verb */
  const char *role;  /* role on the attended edge */
} Presence;

static const Presence presence[] = {
  { "chủ trì", "chaired" }, { "đồng chủ trì", "chaired" }, { "điều hành", "chaired" },
  { "trình bày", "presented" }, { "phát biểu", "presented" }, { "báo cáo", "presented" },
  { "quán triệt", "presented" }, { "giới thiệu", "presented" }, { "kết luận", "presented" },
  { "truyền đạt", "presented" }, { "nhấn mạnh", "presented" }, { "đề nghị", "presented" },
  { "khẳng định", "presented" }, { "yêu cầu", "presented" }, { "chỉ đạo", "presented" },
  { "biểu dương", "presented" }, { "đánh giá", "presented" }, { "cho biết", "presented" },
  { "tham luận", "presented" }, { "chia sẻ", "presented" }, { "thông tin", "presented" },
  { "dự", "attended" }, { "tham dự", "attended" }, { "có mặt", "attended" },
  { "làm việc", "attended" },
  { "đến dự", "attended" }, { "tham gia", "attended" },
};

static const Presence *
presence_at (const DgExtract *x, guint i)
{
  for (guint k = 0; k < G_N_ELEMENTS (presence); k++)
    if (dg_tok_phrase (x, i, presence[k].words))
      return &presence[k];
  return NULL;
}

/* Where the titles given with a person mention end. */
static guint
person_end (const DgMention *p)
{
  guint end = p->t1;
  for (guint i = 0; p->titles && i < p->titles->len; i++)
    end = MAX (end, ((DgTitle *) p->titles->pdata[i])->t1);
  return end;
}

static void
attendance (DgExtract *x, GPtrArray *events)
{
  g_autoptr (GPtrArray) persons = dg_mentions_of (x, DG_M_PERSON);
  static const char *const possessive[] = { "của", "của đồng chí", "của cố", "kỷ luật", "xem xét", NULL };
  for (guint i = 0; i < persons->len; i++)
    {
      DgMention *p = persons->pdata[i];
      guint start = p->t0;
      if (start >= 2 && dg_tok_phrase (x, start - 2, "đồng chí"))
        start -= 2;
      else if (start >= 1 && (dg_tok_is (x, start - 1, "ông") || dg_tok_is (x, start - 1, "bà")))
        start--;
      /* Titles before the name belong to the mention too. */
      while (start > 0 && p->titles && p->titles->len
             && ((DgTitle *) p->titles->pdata[0])->t0 < start)
        start = ((DgTitle *) p->titles->pdata[0])->t0;
      if (preceded_by_any (x, start, possessive))
        continue;
      gboolean in_sentence;
      DgMention *ev = event_for (x, events, p->t0, &in_sentence);
      if (ev == NULL)
        continue;
      const DgSentence *s = dg_tok_sentence (x, p->t0);
      /* An event named or referred to a few paragraphs up at most: further
       * away the article has moved on. */
      const DgSentence *es = dg_tok_sentence (x, ev->t0);
      if (!in_sentence && es->para + 3 < s->para)
        continue;
      /* Nor in a long paragraph that has gone on to other things. */
      if (!in_sentence && s - es > 5)
        continue;
      const Presence *verb = NULL;
      /* A verb after the person and their titles: subject and verb. */
      guint after = person_end (p);
      gboolean list = p->rule == dg_rule_intern ("official.list");
      gboolean joined = FALSE;
      /* The verb of the clause: "X, Bộ trưởng … và lãnh đạo các bộ, ngành
       * tham dự hội nghị". A list shares the verb of its sentence. */
      guint limit = after + (list ? 4 * WINDOW : 20);
      for (guint k = after; k < s->t1 && k < limit && !verb; k++)
        {
          if (!list && dg_tok_is (x, k, ";"))
            {
              /* "A; B và C chủ trì": subjects in a list share the verb. */
              if (dg_mention_at (x, DG_M_PERSON, k + 1) || dg_in_role (x, k + 1))
                {
                  joined = TRUE;
                  limit = MAX (limit, k + WINDOW);
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
          verb = presence_at (x, k);
        }
      /* "Dự … có các đồng chí: …", "Tại hội nghị, đồng chí X …",
       * "Phát biểu tại buổi sinh hoạt, X …": the verb before. */
      /* A list may run long after its verb. */
      for (guint k = list ? s->t0 : lo_bound (s, p->t0); k < p->t0 && !verb; k++)
        {
          const Presence *pv = presence_at (x, k);
          if (pv && (list || k <= s->t0 + 1))
            verb = pv;
        }
      if (verb == NULL && in_sentence && dg_tok_is (x, s->t0, "tại")
          && s->t0 + 3 >= ev->t0 && p->t0 > ev->t0)
        verb = &presence[G_N_ELEMENTS (presence) - 1];
      /* "Về phía VOV có ông A, …; các Phó Tổng Giám đốc: B, C": who came
       * for each side. */
      if (verb == NULL && dg_tok_phrase (x, s->t0, "về phía"))
        for (guint k = s->t0 + 2; k < p->t0 && k < s->t0 + 12 && !verb; k++)
          if (dg_tok_is (x, k, "có"))
            verb = &presence[G_N_ELEMENTS (presence) - 1];
      if (verb == NULL)
        continue;
      /* Outside the event's sentence the person must open the sentence, or
       * be the one the audience heard ("Các đại biểu đã nghe đồng chí X"). */
      gboolean heard = start > 0 && dg_tok_is (x, start - 1, "nghe");
      /* "Báo cáo …, đồng chí X khẳng định": the subject after a leading
       * clause; "Báo cáo … do đồng chí X trình bày". */
      gboolean after_lead = FALSE;
      if (presence_at (x, s->t0) || presence_at (x, s->t0 + 1))
        for (guint q = s->t0; q < start && !after_lead; q++)
          after_lead = dg_tok_is (x, q, ",") && q + 1 == start;
      guint pe = person_end (p);
      if (dg_tok_is (x, pe, ","))
        pe++;
      gboolean by = start > 0 && dg_tok_is (x, start - 1, "do") && presence_at (x, pe);
      if (!in_sentence && !list && !heard && !after_lead && !by && start > s->t0 + 3
          && !(verb && verb->role[0] == 'a'))
        continue;
      const char *role = strcmp (verb->words, "tham gia") == 0 ? "attended" : verb->role;
      edge (x, DG_EDGE_ATTENDED, p->node, ev->node, role, p->t0, "attended.verb");
    }
}

/* ------------------------------------------------------------ documents */

/* "(về việc | nhằm | để | hướng dẫn | tiếp tục) thực hiện / triển khai /
 * cụ thể hóa / quán triệt và thực hiện X": X is carried out. */
static const char *const implement_leads[] = {
  "về việc", "về", "nhằm tiếp tục", "nhằm", "để tiếp tục", "để", "hướng dẫn", "tiếp tục", NULL,
};
static const char *const implement_verbs[] = {
  "triển khai thực hiện", "quán triệt và thực hiện", "quán triệt và triển khai",
  "quán triệt, triển khai", "quán triệt , triển khai", "quán triệt thực hiện",
  "tổ chức thực hiện", "thực hiện", "triển khai", "cụ thể hóa", "quy định chi tiết",
  "hướng dẫn thi hành", "tuyên truyền", "quán triệt", NULL,
};

static guint
implement_verb_at (const DgExtract *x, guint i)
{
  guint lead = 0;
  for (guint k = 0; implement_leads[k]; k++)
    if (dg_tok_phrase (x, i, implement_leads[k]))
      {
        lead = dg_phrase_len (implement_leads[k]);
        break;
      }
  for (guint pass = 0; pass < 2; pass++)
    {
      guint at = pass == 0 ? i + lead : i;
      for (guint k = 0; implement_verbs[k]; k++)
        if (dg_tok_phrase (x, at, implement_verbs[k]))
          return at - i + dg_phrase_len (implement_verbs[k]);
      if (lead == 0)
        break;
    }
  return 0;
}

/* Documents of a list starting at token i: "A, B và C". */
static GPtrArray *
doc_list_at (DgExtract *x, GPtrArray *docs, guint i, guint limit)
{
  GPtrArray *out = g_ptr_array_new ();
  guint j = i;
  (void) docs;
  for (;;)
    {
      DgMention *d = j < limit ? dg_mention_at (x, DG_M_DOC, j) : NULL;
      if (d == NULL)
        break;
      g_ptr_array_add (out, d);
      j = MAX (d->desc_end, d->t1);
      if (dg_tok_is (x, j, ",") || dg_tok_is (x, j, "và") || dg_tok_is (x, j, ";"))
        j++;
      else
        break;
    }
  return out;
}

/* Verbs by which an organization issues a document. */
static const char *const issue_verbs[] = {
  "ký ban hành", "ban hành tiếp", "ban hành", "phát hành", "thông qua", "ký kết", "có", "ra",
  "công bố và trao", "công bố", "trao", NULL,
};

static guint
issue_verb_at (const DgExtract *x, guint i)
{
  /* Most words start no such verb: look at the first word first. */
  static const char *const firsts[] = { "ký", "ban", "phát", "thông", "có", "ra", "công", "trao", NULL };
  const char *f = dg_tok_fold (x, i);
  gboolean maybe = FALSE;
  for (guint k = 0; firsts[k] && !maybe; k++)
    maybe = strcmp (f, firsts[k]) == 0;
  if (!maybe)
    return 0;
  for (guint k = 0; issue_verbs[k]; k++)
    if (dg_tok_phrase (x, i, issue_verbs[k]))
      return dg_phrase_len (issue_verbs[k]);
  return 0;
}

/* The organizations just before token before (adverbs skipped), with those
 * joined to them ("Ban Tuyên giáo Trung ương và Ban Tổ chức Trung ương"), or
 * the one a leading "Thay mặt X," names: the signer acts for it.
 * (transfer container) */
static GPtrArray *
subject_orgs (DgExtract *x, const DgSentence *s, guint before)
{
  GPtrArray *out = g_ptr_array_new ();
  if (dg_tok_phrase (x, s->t0, "thay mặt") && dg_org_at (x, s->t0 + 2))
    {
      g_ptr_array_add (out, dg_org_at (x, s->t0 + 2));
      return out;
    }
  g_autoptr (GPtrArray) orgs = outer_in (x, DG_M_ORG, lo_bound (s, before), before);
  guint end = before;
  for (guint k = orgs->len; k-- > 0;)
    {
      DgMention *org = orgs->pdata[k];
      if (org->t1 != end)
        break;
      /* "của Bộ Chính trị, Ban Thường vụ …": what a lead clause names is not
       * a subject. */
      if (preceded_by_any (x, org->t0, (const char *const[]) { "của", NULL }) || inside_other (x, org))
        break;
      g_ptr_array_add (out, org);
      if (org->t0 > s->t0 && (dg_tok_is (x, org->t0 - 1, "và") || dg_tok_is (x, org->t0 - 1, ",")))
        end = org->t0 - 1;
      else
        break;
    }
  return out;
}

/* The issuer an office names: a document "do Thủ tướng Chính phủ Nguyễn
 * Xuân Phúc ký" is the Prime Minister's. */
static DgNode *
office_of_signer (DgExtract *x, guint i)
{
  if (dg_tok_phrase (x, i, "thủ tướng chính phủ") || dg_tok_phrase (x, i, "thủ tướng"))
    return dg_org_node (x, "Thủ tướng Chính phủ", "central", FALSE);
  return NULL;
}

static void
issue (DgExtract *x, DgMention *d, DgNode *org, guint at, const char *rule)
{
  if (has_edge (x, DG_EDGE_ISSUED_BY, d->node, NULL))
    return;
  edge (x, DG_EDGE_ISSUED_BY, d->node, org, NULL, at, rule);
  const char *level = dg_node_get_attr (org, "level");
  if (level)
    dg_node_set_attr (d->node, "level", level, FALSE);
}

/* Issued jointly: one more issuer for a document that has some from the
 * same sentence. */
static void
issue_also (DgExtract *x, DgMention *d, DgNode *org, guint at, const char *rule)
{
  for (guint i = 0; i < dg_graph_n_edges (x->graph); i++)
    {
      DgEdge *e = dg_graph_edge (x->graph, i);
      if (dg_edge_type (e) == DG_EDGE_ISSUED_BY && dg_edge_src (e) == d->node
          && dg_edge_n_evidence (e) && strcmp (dg_edge_evidence (e, 0)->rule, rule) != 0)
        return; /* the document names its issuer itself */
    }
  edge (x, DG_EDGE_ISSUED_BY, d->node, org, NULL, at, rule);
  const char *level = dg_node_get_attr (org, "level");
  if (level)
    dg_node_set_attr (d->node, "level", level, FALSE);
}

/* "Y (đã) ban hành Z", "Thay mặt Y, A ký ban hành Z", "Z do Y (ký) ban
 * hành", "Z do <Thủ tướng> A ký", "Y triển khai X bằng Z"; "Thực hiện X, Y
 * ban hành Z" makes Z implement X. */
static void
issuing (DgExtract *x, GPtrArray *docs)
{
  guint n = dg_ntoks (x);
  for (guint v = 0; v + 1 < n; v++)
    {
      guint vl = issue_verb_at (x, v);
      gboolean by = dg_tok_is (x, v, "bằng");
      if (vl == 0 && !by)
        continue;
      if (by)
        vl = 1;
      const DgSentence *s = dg_tok_sentence (x, v);
      /* "Thay mặt Bộ Chính trị, đồng chí A công bố và trao Quyết định …":
       * announcing issues only for the body announced for. */
      if ((dg_tok_phrase (x, v, "công bố") || dg_tok_is (x, v, "trao"))
          && !dg_tok_phrase (x, s->t0, "thay mặt"))
        continue;
      g_autoptr (GPtrArray) objects = doc_list_at (x, docs, v + vl, s->t1);
      if (objects->len == 0)
        continue;
      /* "có", "ra" and "bằng" issue only with a subject right before. */
      guint before = skip_adverbs_back (x, v, s->t0);
      if (before > s->t0 + 1 && dg_tok_is (x, before - 1, "ký"))
        before = skip_adverbs_back (x, before - 1, s->t0);
      DgMention *subject = NULL;
      g_autoptr (GPtrArray) subjects = NULL;
      if (by)
        {
          /* "Y triển khai / cụ thể hóa X bằng Z": Y is the sentence's
           * subject, X the documents between. */
          g_autoptr (GPtrArray) orgs = outer_in (x, DG_M_ORG, lo_bound (s, v), v);
          for (guint q = 0; q < orgs->len && !subject; q++)
            {
              DgMention *o = orgs->pdata[q];
              if (!inside_other (x, o)
                  && !preceded_by_any (x, o->t0, (const char *const[]) { "của", NULL }))
                subject = o;
            }
        }
      else
        {
          subjects = subject_orgs (x, s, before);
          subject = subjects->len ? subjects->pdata[0] : NULL;
        }
      /* "có", "ra" issue only with a subject: "trong đó có Kế hoạch …" does
       * not. */
      if (subject == NULL && !by && !dg_tok_phrase (x, v, "ban hành")
          && !dg_tok_phrase (x, v, "ký ban hành"))
        continue;
      for (guint k = 0; k < objects->len; k++)
        {
          DgMention *d = objects->pdata[k];
          if (subjects)
            for (guint q = 0; q < subjects->len; q++)
              issue_also (x, d, ((DgMention *) subjects->pdata[q])->node, v, "issued-by.subject");
          else if (subject)
            issue (x, d, subject->node, v, "issued-by.subject");
          /* "Ngày 13/4/2023, Tỉnh ủy ban hành Kế hoạch số 90-KH/TU". */
          if (dg_tok_is (x, s->t0, "ngày") && !dg_node_get_attr (d->node, "date"))
            {
              g_autofree char *date = dg_parse_date (x, s->t0 + 1, 0, NULL);
              if (date)
                dg_node_set_attr (d->node, "date", date, FALSE);
            }
        }
      /* "Y triển khai X bằng Z": Z implements X. */
      if (by)
        {
          g_autoptr (GPtrArray) sources = outer_in (x, DG_M_DOC, lo_bound (s, v), v);
          for (guint k = 0; k < sources->len; k++)
            for (guint q = 0; q < objects->len; q++)
              if (((DgMention *) sources->pdata[k])->node != ((DgMention *) objects->pdata[q])->node)
                edge (x, DG_EDGE_IMPLEMENTS, ((DgMention *) objects->pdata[q])->node,
                      ((DgMention *) sources->pdata[k])->node, NULL, v, "implements.bang");
          continue;
        }
      /* "Thực hiện X (, Y), Z ban hành W": W implements X and Y. */
      /* The clause opens the sentence or follows a colon ("Ông A – Chủ
       * tịch UBND tỉnh: Thực hiện …"). */
      guint lead = s->t0;
      for (guint q = s->t0; q < v; q++)
        if (dg_tok_is (x, q, ":"))
          lead = q + 1;
      if (dg_tok_phrase (x, lead, "thay mặt"))
        continue;
      gboolean cites_only = dg_tok_is (x, lead, "căn");
      guint lv = implement_verb_at (x, lead);
      if (dg_tok_is (x, lead, "để"))
        lv = implement_verb_at (x, lead + 1) ? implement_verb_at (x, lead + 1) + 1 : 0;
      if (cites_only && dg_tok_is (x, lead + 1, "cứ"))
        lv = 2;
      if (lv == 0)
        continue;
      /* "Thực hiện A; B; C, Y ban hành Z": documents listed with ";" are
       * one clause. */
      gboolean listed = FALSE, same_clause = TRUE;
      for (guint q = lead; q < v && same_clause; q++)
        if (dg_tok_is (x, q, ";"))
          {
            same_clause = dg_mention_at (x, DG_M_DOC, q + 1) != NULL;
            listed = TRUE;
          }
      same_clause = same_clause && v < lead + (listed ? 4 : 2) * WINDOW;
      if (!same_clause)
        continue;
      g_autoptr (GPtrArray) sources = outer_in (x, DG_M_DOC, lead + lv, before);
      /* "Để cụ thể hóa Kế hoạch, UBND tỉnh ban hành Quyết định …": the type
       * alone is the document of that type named before. */
      guint tn;
      GStrv trow = dg_phrase_match (x, dg_phrases ("doc-types.tsv", 0), lead + lv, NULL, &tn);
      if (sources->len == 0 && trow && (dg_tok_flags (x, lead + lv) & DG_TOK_UPPER)
          && !cites_only)
        {
          DgMention *prior = NULL;
          for (guint q = 0; q < docs->len; q++)
            {
              DgMention *o = docs->pdata[q];
              if (o->t0 >= lead)
                break;
              if (!o->work && g_strcmp0 (dg_node_get_attr (o->node, "doc_type"),
                                         dg_data_field (trow, 1)) == 0)
                prior = o;
            }
          if (prior)
            for (guint q = 0; q < objects->len; q++)
              {
                DgMention *d = objects->pdata[q];
                if (d->node != prior->node)
                  edge (x, DG_EDGE_IMPLEMENTS, d->node, prior->node, NULL, v,
                        "implements.type-reference");
              }
        }
      for (guint k = 0; k < sources->len; k++)
        {
          DgMention *src = sources->pdata[k];
          /* A document inside another's title is that one's business. */
          gboolean nested = dg_in_title (x, src->t0);
          if (nested || src->reference)
            continue;
          for (guint q = 0; q < objects->len; q++)
            {
              DgMention *d = objects->pdata[q];
              if (d->node != src->node)
                edge (x, cites_only ? DG_EDGE_CITES : DG_EDGE_IMPLEMENTS, d->node, src->node, NULL,
                      v, cites_only ? "cites.can-cu" : "implements.thuc-hien");
            }
        }
    }
  /* "Z do Y (ký) ban hành", "Z do Thủ tướng Chính phủ A ký". */
  for (guint i = 0; i < docs->len; i++)
    {
      DgMention *d = docs->pdata[i];
      guint j = MAX (d->desc_end, d->t1);
      if (!dg_tok_is (x, j, "do"))
        continue;
      const DgSentence *s = dg_tok_sentence (x, j);
      guint k = j + 1;
      while (k < s->t1 && k < j + 32 && !dg_tok_is (x, k, "ký") && !dg_tok_phrase (x, k, "ban hành"))
        k++;
      if (k >= s->t1 || k >= j + 32)
        continue;
      DgNode *office = office_of_signer (x, j + 1);
      /* "do Phó Thủ tướng A ký thay Thủ tướng Chính phủ". */
      if (office == NULL && dg_tok_is (x, k, "ký") && dg_tok_is (x, k + 1, "thay"))
        office = office_of_signer (x, k + 2);
      if (office)
        {
          issue (x, d, office, j, "issued-by.signer-office");
          continue;
        }
      DgMention *org = dg_org_at (x, j + 1);
      /* "do đồng chí A, Phó Bí thư … thay mặt Ban Thường vụ Tỉnh ủy ký". */
      for (guint q = j + 1; q + 2 < k; q++)
        if (dg_tok_phrase (x, q, "thay mặt") && dg_org_at (x, q + 2))
          org = dg_org_at (x, q + 2);
      if (org && org->t1 <= k)
        issue (x, d, org->node, j, "issued-by.do");
    }
}

/* A state body whose head signs in its name: "Chủ tịch UBND tỉnh A ký
 * Quyết định" is the UBND's decision. */
static gboolean
signs_for_body (DgExtract *x, DgNode *org)
{
  static const char *const heads[] = {
    "ủy ban nhân dân", "hội đồng nhân dân", "bộ ", "sở ", "chính phủ", "tổng cục", "cục ",
    "kiểm toán nhà nước", "thanh tra", NULL,
  };
  g_autofree char *key = dg_org_key (x, dg_node_label (org));
  for (guint k = 0; heads[k]; k++)
    if (g_str_has_prefix (key, heads[k]))
      return TRUE;
  return FALSE;
}

/* "Thủ tướng Chính phủ Phạm Minh Chính (vừa) ký Quyết định …": the
 * signer's office or body issues it, and the signer authors it. */
static void
signers (DgExtract *x, GPtrArray *docs)
{
  g_autoptr (GPtrArray) persons = dg_mentions_of (x, DG_M_PERSON);
  guint n = dg_ntoks (x);
  for (guint v = 1; v + 1 < n; v++)
    {
      if (!dg_tok_is (x, v, "ký") || dg_tok_phrase (x, v - 1, "chữ ký"))
        continue;
      const DgSentence *s = dg_tok_sentence (x, v);
      guint at = v + 1;
      if (dg_tok_phrase (x, at, "ban hành"))
        at += 2;
      else if (dg_tok_phrase (x, at, "và ban hành"))
        at += 3;
      g_autoptr (GPtrArray) objects = doc_list_at (x, docs, at, s->t1);
      if (objects->len == 0)
        continue;
      guint before = skip_adverbs_back (x, v, s->t0);
      DgMention *signer = NULL;
      for (guint q = 0; q < persons->len && !signer; q++)
        {
          DgMention *p = persons->pdata[q];
          if (person_end (p) == before && p->t0 >= s->t0)
            signer = p;
        }
      if (signer == NULL)
        continue;
      DgNode *body = NULL;
      for (guint q = 0; signer->titles && q < signer->titles->len && !body; q++)
        {
          DgTitle *t = signer->titles->pdata[q];
          body = office_of_signer (x, t->t0);
        }
      for (guint q = 0; signer->titles && q < signer->titles->len && !body; q++)
        {
          DgTitle *t = signer->titles->pdata[q];
          if (t->org && signs_for_body (x, t->org->node))
            body = t->org->node;
        }
      for (guint q = 0; q < objects->len; q++)
        {
          DgMention *d = objects->pdata[q];
          edge (x, DG_EDGE_AUTHORED_BY, d->node, signer->node, NULL, v, "authored-by.signed");
          if (body)
            issue (x, d, body, v, "issued-by.signer");
        }
    }
}

static DgMention *
doc_at_token (GPtrArray *docs, guint t)
{
  for (guint i = 0; i < docs->len; i++)
    if (((DgMention *) docs->pdata[i])->t0 == t)
      return docs->pdata[i];
  return NULL;
}

/* "Kế hoạch … (về) thực hiện Nghị quyết …": implements; other documents in
 * a title are cited. */
static void
titles (DgExtract *x, GPtrArray *docs)
{
  for (guint i = 0; i < docs->len; i++)
    {
      DgMention *d = docs->pdata[i];
      if (d->work || d->reference)
        continue;
      guint t0 = d->title_t1 > d->title_t0 ? d->title_t0 : d->desc_end;
      guint lv = implement_verb_at (x, t0);
      guint t1 = d->title_t1 > d->title_t0 ? d->title_t1 : 0;
      if (t1 == 0 && lv)
        {
          /* No title: the list of documents after the verb, or a type word
           * alone that is the document of that type named before ("… để cụ
           * thể hóa Kế hoạch"). */
          guint tn;
          GStrv trow = dg_phrase_match (x, dg_phrases ("doc-types.tsv", 0), t0 + lv, NULL, &tn);
          if (trow && (dg_tok_flags (x, t0 + lv) & DG_TOK_UPPER) && !doc_at_token (docs, t0 + lv))
            {
              for (guint q = i; q-- > 0;)
                {
                  DgMention *o = docs->pdata[q];
                  if (o->node != d->node && !o->work
                      && g_strcmp0 (dg_node_get_attr (o->node, "doc_type"), dg_data_field (trow, 1)) == 0)
                    {
                      edge (x, DG_EDGE_IMPLEMENTS, d->node, o->node, NULL, d->t0, "implements.type-reference");
                      break;
                    }
                }
              continue;
            }
          g_autoptr (GPtrArray) list = doc_list_at (x, docs, t0 + lv, dg_tok_sentence (x, t0)->t1);
          for (guint k = 0; k < list->len; k++)
            {
              DgMention *o = list->pdata[k];
              if (o->node != d->node)
                edge (x, DG_EDGE_IMPLEMENTS, d->node, o->node, NULL, d->t0, "implements.title");
            }
          continue;
        }
      if (t1 == 0)
        continue;
      g_autoptr (GPtrArray) inner = outer_in (x, DG_M_DOC, t0, t1);
      for (guint k = 0; k < inner->len; k++)
        {
          DgMention *o = inner->pdata[k];
          if (o->node == d->node)
            continue;
          /* Only documents directly in this title, not in a title inside. */
          gboolean deeper = FALSE;
          for (guint q = 0; q < inner->len && !deeper; q++)
            {
              DgMention *p = inner->pdata[q];
              deeper = p != o && o->t0 >= p->title_t0 && o->t0 < p->title_t1;
            }
          if (deeper)
            continue;
          gboolean impl = lv > 0 && (k == 0 || implement_verb_at (x, o->t0 - 1) || dg_tok_is (x, o->t0 - 1, ","));
          /* "ban hành Chương trình hành động … thực hiện Nghị quyết …". */
          for (guint back = 1; back <= 3 && o->t0 >= t0 + back && !impl; back++)
            impl = implement_verb_at (x, o->t0 - back) == back;
          edge (x, impl ? DG_EDGE_IMPLEMENTS : DG_EDGE_CITES, d->node, o->node, NULL, d->t0,
                impl ? "implements.title" : "cites.title");
        }
    }
}

/* 'tác phẩm "…" của (đồng chí) Tổng Bí thư Nguyễn Phú Trọng'. */
static void
authors (DgExtract *x, GPtrArray *docs)
{
  for (guint i = 0; i < docs->len; i++)
    {
      DgMention *w = docs->pdata[i];
      if (!w->work)
        continue;
      guint j = w->reference ? w->t1 : MAX (w->t1, w->title_t1);
      if (dg_tok_is (x, j, "”") || dg_tok_is (x, j, "\""))
        j++;
      if (dg_tok_is (x, j, ","))
        j++;
      if (!dg_tok_is (x, j, "của"))
        continue;
      for (guint k = j + 1; k <= j + 8; k++)
        {
          DgMention *p = dg_mention_at (x, DG_M_PERSON, k);
          if (p)
            {
              edge (x, DG_EDGE_AUTHORED_BY, w->node, p->node, NULL, w->t0, "authored-by.cua");
              break;
            }
        }
    }
}

/* "Viện Xây dựng Đảng, Học viện Chính trị quốc gia Hồ Chí Minh". */
static void
institutes (DgExtract *x)
{
  static const char *const inner[] = {
    "viện", "khoa", "trung tâm", "vụ", "cục", "phòng", "trường", "ủy ban nhà nước", "tổng cục", NULL,
  };
  static const char *const outer_heads[] = { "học viện", "đại học", "bộ", "tổng cục", "viện hàn lâm", NULL };
  g_autoptr (GPtrArray) orgs = dg_mentions_of (x, DG_M_ORG);
  for (guint i = 0; i + 1 < orgs->len; i++)
    {
      DgMention *a = orgs->pdata[i], *b = orgs->pdata[i + 1];
      /* "Viện A, Học viện B", "Tổng cục Môi trường (Bộ Tài nguyên và Môi
       * trường)". */
      gboolean comma = dg_tok_is (x, a->t1, ",");
      gboolean bracket = dg_tok_is (x, a->t1, "(") && dg_tok_is (x, b->t1, ")");
      if (a->parent || !(comma || bracket) || b->t0 != a->t1 + 1)
        continue;
      g_autofree char *fa = dg_fold_phrase (dg_node_label (a->node));
      g_autofree char *fb = dg_fold_phrase (dg_node_label (b->node));
      gboolean ia = FALSE, ob = FALSE;
      for (guint k = 0; inner[k]; k++)
        ia = ia || (g_str_has_prefix (fa, inner[k]) && fa[strlen (inner[k])] == ' ');
      for (guint k = 0; outer_heads[k]; k++)
        ob = ob || (g_str_has_prefix (fb, outer_heads[k]) && fb[strlen (outer_heads[k])] == ' ');
      if (ia && ob)
        dg_graph_add_edge (x->graph, DG_EDGE_PART_OF, a->node, b->node, NULL,
                           tok_start (x, a->t0), tok_end (x, b->t1 - 1),
                           comma ? "part-of.comma" : "part-of.bracket");
    }
}

/* An article that reports a document ("Ngày 24/9/2024, Ban Thường vụ …
 * ban hành Công văn số 1248-CV/TU …") and then its content ("Công văn của
 * Ban Thường vụ Tỉnh ủy nêu rõ: …") names, in that content, documents the
 * main one cites. */
static void
main_document (DgExtract *x, GPtrArray *docs)
{
  DgMention *main = NULL;
  for (guint i = 0; i < docs->len && !main; i++)
    {
      DgMention *d = docs->pdata[i];
      const DgSentence *s = dg_tok_sentence (x, d->t0);
      if (s->para > 3 || d->work || d->reference
          || !(dg_node_get_attr (d->node, "code") || dg_node_get_attr (d->node, "number")))
        continue;
      if (d->t0 >= 2 && dg_tok_phrase (x, d->t0 - 2, "ban hành"))
        main = d;
    }
  if (main == NULL)
    return;
  /* The article comes back to it by its type ("Công văn này", "Tại Kế
   * hoạch"). */
  g_autofree char *type = dg_fold_phrase (dg_node_get_attr (main->node, "doc_type"));
  guint back = G_MAXUINT;
  for (guint k = MAX (main->desc_end, main->t1); k < dg_ntoks (x) && back == G_MAXUINT; k++)
    {
      if (!dg_tok_phrase (x, k, type) || !(dg_tok_flags (x, k) & DG_TOK_UPPER))
        continue;
      gboolean inside = FALSE;
      for (guint q = 0; q < docs->len && !inside; q++)
        {
          DgMention *o = docs->pdata[q];
          inside = k >= o->t0 && k < o->t1;
        }
      /* It refers back: "Công văn này", "Kế hoạch nêu rõ", "Tại Kế hoạch",
       * "Công văn của Ban Thường vụ Tỉnh ủy yêu cầu". */
      static const char *const after[] = {
        "này", "nêu", "yêu cầu", "xác định", "chỉ rõ", "đề ra", "nhấn mạnh", "cũng", "của",
        "đã", "quy định", "chỉ đạo", "đề nghị", NULL,
      };
      guint tl = dg_phrase_len (type);
      gboolean refers = k > 0 && (dg_tok_is (x, k - 1, "tại") || dg_tok_is (x, k - 1, "theo"));
      for (guint q = 0; after[q] && !refers; q++)
        refers = dg_tok_phrase (x, k + tl, after[q]);
      /* The full text under its heading: "QUY ĐỊNH" alone on a line. */
      refers = refers || ((dg_tok_flags (x, k) & DG_TOK_CAPS)
                          && (k + tl >= dg_ntoks (x) || (dg_tok_flags (x, k + tl) & DG_TOK_BREAK)));
      if (!inside && refers)
        back = k;
    }
  /* "… ký ban hành Văn bản số 339 … Theo đó, …": what the document says
   * follows. */
  for (guint k = MAX (main->desc_end, main->t1); k < dg_ntoks (x) && k < back; k++)
    if (dg_tok_phrase (x, k, "theo đó"))
      {
        const DgSentence *ms = dg_tok_sentence (x, main->t0);
        const DgSentence *ks = dg_tok_sentence (x, k);
        if (ks - ms <= 2)
          back = k;
        break;
      }
  if (back == G_MAXUINT)
    return;
  for (guint i = 0; i < docs->len; i++)
    {
      DgMention *d = docs->pdata[i];
      if (d->t0 < back || d->node == main->node || d->work || d->reference)
        continue;
      if (!dg_node_get_attr (d->node, "code"))
        continue;
      gboolean nested = dg_in_title (x, d->t0);
      if (nested || has_edge (x, DG_EDGE_IMPLEMENTS, main->node, d->node)
          || has_edge (x, DG_EDGE_CITES, main->node, d->node))
        continue;
      /* A document the article says was issued after, or that carries the
       * main one out, is no part of its content. */
      DgEdge *iss = dg_graph_edge_from (x->graph, DG_EDGE_ISSUED_BY, d->node);
      if ((iss && dg_edge_n_evidence (iss)
           && dg_edge_evidence (iss, 0)->rule == dg_rule_intern ("issued-by.subject"))
          || has_edge (x, DG_EDGE_IMPLEMENTS, d->node, main->node)
          || has_edge (x, DG_EDGE_CITES, d->node, main->node))
        continue;
      /* "… để thực hiện Công điện số 156/CĐ-TTg …": carried out. */
      gboolean impl = FALSE;
      for (guint b = 1; b <= 3 && d->t0 >= b && !impl; b++)
        impl = implement_verb_at (x, d->t0 - b) == b;
      edge (x, impl ? DG_EDGE_IMPLEMENTS : DG_EDGE_CITES, main->node, d->node, NULL, d->t0,
            impl ? "implements.content" : "cites.content");
    }
}

/* "Chi bộ khu phố 3 thuộc Đảng bộ phường Tân Định", "Sở Nội vụ là cơ quan
 * chuyên môn thuộc UBND tỉnh Bình Định". */
static void
belongs (DgExtract *x)
{
  g_autoptr (GPtrArray) orgs = dg_mentions_of (x, DG_M_ORG);
  for (guint i = 0; i < orgs->len; i++)
    {
      DgMention *a = orgs->pdata[i];
      if (a->parent)
        continue;
      const DgSentence *s = dg_tok_sentence (x, a->t0);
      for (guint k = a->t1; k < s->t1 && k < a->t1 + 8; k++)
        {
          if (dg_tok_is (x, k, ",") || dg_tok_is (x, k, ";"))
            break;
          /* Right after the name, or after "là …" that says what it is. */
          if (k > a->t1 && !dg_tok_is (x, a->t1, "là"))
            break;
          guint v = dg_tok_is (x, k, "thuộc") ? 1 : dg_tok_phrase (x, k, "trực thuộc") ? 2 : 0;
          if (v == 0)
            continue;
          DgMention *b = dg_org_at (x, k + v);
          if (b && b->node != a->node)
            dg_graph_add_edge (x->graph, DG_EDGE_PART_OF, a->node, b->node, NULL,
                               tok_start (x, a->t0), tok_end (x, b->t1 - 1), "part-of.thuoc");
          break;
        }
    }
}

/* The initials of an organization's name as codes write them: "Ban Nội
 * chính Trung ương" → "bnctw", "Ban Tuyên giáo Trung ương" → "btgtw". */
static char *
org_initials (const char *label)
{
  g_autofree char *f = dg_text_fold_search (label, -1);
  g_auto (GStrv) words = g_strsplit (f, " ", -1);
  GString *out = g_string_new (NULL);
  for (guint i = 0; words[i]; i++)
    {
      if (strcmp (words[i], "trung") == 0 && words[i + 1] && strcmp (words[i + 1], "uong") == 0)
        {
          g_string_append (out, "tw");
          i++;
          continue;
        }
      if (g_ascii_isalpha (words[i][0]))
        g_string_append_c (out, words[i][0]);
    }
  return g_string_free (out, FALSE);
}

/* "văn bản số 1458-CV/BNCTW": the issuer part of a code spells the
 * initials of an organization the article names. */
static void
code_initials (DgExtract *x, GPtrArray *docs)
{
  g_autoptr (GPtrArray) orgs = dg_mentions_of (x, DG_M_ORG);
  for (guint i = 0; i < docs->len; i++)
    {
      DgMention *d = docs->pdata[i];
      const char *code = dg_node_get_attr (d->node, "code");
      if (code == NULL || d->work || has_edge (x, DG_EDGE_ISSUED_BY, d->node, NULL))
        continue;
      const char *cut = strrchr (code, '/');
      if (cut == NULL || strlen (cut + 1) < 3)
        continue;
      g_autofree char *part = dg_text_fold_search (cut + 1, -1);
      DgNode *match = NULL;
      for (guint q = 0; q < orgs->len && !match; q++)
        {
          DgMention *o = orgs->pdata[q];
          g_autofree char *ini = org_initials (dg_node_label (o->node));
          if (strlen (ini) >= 3 && strcmp (ini, part) == 0)
            match = o->node;
        }
      if (match)
        issue (x, d, match, d->t0, "issued-by.code-initials");
    }
}

/* "UBND tỉnh Lạng Sơn phê duyệt … theo Quyết định số 1764/QĐ-UBND": a
 * local code names the kind of its issuer; the organization of that kind
 * before it in the sentence issued it. */
static void
code_issuers (DgExtract *x, GPtrArray *docs)
{
  static const struct {
    const char *suffix;
    const char *heads[4];
  } kinds[] = {
    { "ubnd", { "ủy ban nhân dân", NULL } },
    { "hđnd", { "hội đồng nhân dân", NULL } },
    { "tu", { "tỉnh ủy", "thành ủy", "ban thường vụ tỉnh ủy", "ban thường vụ thành ủy" } },
    { "hu", { "huyện ủy", "ban thường vụ huyện ủy", "thị ủy", "ban thường vụ thị ủy" } },
    { "qu", { "quận ủy", "ban thường vụ quận ủy", NULL } },
    { "ttg", { "thủ tướng chính phủ", NULL } },
    { "cp", { "chính phủ", NULL } },
  };
  for (guint i = 0; i < docs->len; i++)
    {
      DgMention *d = docs->pdata[i];
      const char *code = dg_node_get_attr (d->node, "code");
      if (code == NULL || d->work || has_edge (x, DG_EDGE_ISSUED_BY, d->node, NULL))
        continue;
      /* Every part after the number: "1764/QĐ-UBND", "526/UBND-TNMT". */
      g_auto (GStrv) parts = g_strsplit_set (code, "/-", -1);
      const DgSentence *s = dg_tok_sentence (x, d->t0);
      g_autoptr (GPtrArray) before = outer_in (x, DG_M_ORG, s->t0, d->t0);
      g_autoptr (GPtrArray) after = outer_in (x, DG_M_ORG, MAX (d->desc_end, d->t1), s->t1);
      /* The nearest before, then those after that are not addressed
       * ("gửi UBND tỉnh"). */
      g_autoptr (GPtrArray) orgs = g_ptr_array_new ();
      for (guint q = before->len; q-- > 0;)
        g_ptr_array_add (orgs, before->pdata[q]);
      for (guint q = 0; q < after->len; q++)
        {
          DgMention *o = after->pdata[q];
          if (!preceded_by_any (x, o->t0, (const char *const[]) { "gửi", "cho", "tới", "đến", "của", NULL }))
            g_ptr_array_add (orgs, o);
        }
      gboolean done = FALSE;
      for (guint p = 1; parts[p] && !done; p++)
      for (guint k = 0; k < G_N_ELEMENTS (kinds) && !done; k++)
        {
          g_autofree char *suffix = dg_fold_phrase (g_strstrip (parts[p]));
          if (strcmp (suffix, kinds[k].suffix) != 0)
            continue;
          for (guint q = 0; q < orgs->len && !done; q++)
            {
              DgMention *o = orgs->pdata[q];
              g_autofree char *key = dg_org_key (x, dg_node_label (o->node));
              gboolean match = FALSE;
              for (guint h = 0; h < G_N_ELEMENTS (kinds[k].heads) && kinds[k].heads[h] && !match; h++)
                match = g_str_has_prefix (key, kinds[k].heads[h])
                        && (key[strlen (kinds[k].heads[h])] == ' '
                            || key[strlen (kinds[k].heads[h])] == '\0');
              if (match)
                {
                  issue (x, d, o->node, d->t0, "issued-by.code-kind");
                  done = TRUE;
                }
            }
        }
    }
}

/* "Thay mặt Ban cán sự Đảng Bộ, Bí thư, Bộ trưởng Chu Ngọc Anh …": the
 * first title given without its body is of the body he speaks for. */
static void
on_behalf (DgExtract *x)
{
  g_autoptr (GPtrArray) persons = dg_mentions_of (x, DG_M_PERSON);
  for (guint i = 0; i < persons->len; i++)
    {
      DgMention *p = persons->pdata[i];
      if (!p->titles || p->titles->len == 0)
        continue;
      DgTitle *t = p->titles->pdata[0];
      const DgSentence *s = dg_tok_sentence (x, p->t0);
      if (t->org)
        continue;
      if (dg_tok_phrase (x, s->t0, "thay mặt"))
        {
          DgMention *o = dg_org_at (x, s->t0 + 2);
          if (o == NULL || !dg_tok_is (x, o->t1, ",") || t->t0 != o->t1 + 1)
            continue;
          edge (x, DG_EDGE_MEMBER_OF, p->node, o->node, t->role, p->t0, "member-of.on-behalf");
        }
      /* "Về phía VOV có …; các Phó Tổng Giám đốc: Vũ Hải, …": the side's
       * people. */
      else if (dg_tok_phrase (x, s->t0, "về phía") && dg_org_at (x, s->t0 + 2))
        edge (x, DG_EDGE_MEMBER_OF, p->node, dg_org_at (x, s->t0 + 2)->node, t->role, p->t0,
              "member-of.side");
    }
}

/* "Nghị quyết Trung ương 4 (khóa XII)", "Nghị quyết Hội nghị Trung ương
 * 5": a plenum's resolution is the Central Committee's, when the article
 * names it. */
static void
plenum_resolutions (DgExtract *x, GPtrArray *docs)
{
  g_autofree char *key = dg_org_key (x, "Ban Chấp hành Trung ương");
  DgNode *bch = dg_graph_find_node (x->graph, DG_NODE_ORGANIZATION, key);
  if (bch == NULL)
    return;
  for (guint i = 0; i < docs->len; i++)
    {
      DgMention *d = docs->pdata[i];
      if (d->rule != dg_rule_intern ("doc.congress") || has_edge (x, DG_EDGE_ISSUED_BY, d->node, NULL))
        continue;
      if (g_str_has_prefix (dg_node_key (d->node), "named:nghi quyet trung uong "))
        issue (x, d, bch, d->t0, "issued-by.plenum");
    }
}

/* "NHCSXH tỉnh Thái Bình" is a branch of "Ngân hàng Chính sách xã hội Việt
 * Nam" when the article names both. */
static void
branches (DgExtract *x)
{
  static const char *const systems[] = { "ngân hàng chính sách xã hội", "ngân hàng nhà nước", NULL };
  for (guint q = 0; systems[q]; q++)
    {
      g_autofree char *central_key = g_strdup_printf ("%s việt nam", systems[q]);
      DgNode *central = dg_graph_find_node (x->graph, DG_NODE_ORGANIZATION, central_key);
      if (central == NULL)
        continue;
      gsize sl = strlen (systems[q]);
      for (guint i = 0; i < dg_graph_n_nodes (x->graph); i++)
        {
          DgNode *n = dg_graph_node (x->graph, i);
          const char *key = dg_node_key (n);
          if (n != central && dg_node_type (n) == DG_NODE_ORGANIZATION
              && g_str_has_prefix (key, systems[q]) && key[sl] == ' ')
            {
              const DgSpan *first = dg_node_n_mentions (n) ? dg_node_mention (n, 0) : NULL;
              if (first)
                dg_graph_add_edge (x->graph, DG_EDGE_PART_OF, n, central, NULL, first->start,
                                   first->end, "part-of.branch");
            }
        }
    }
}

/* "Công văn số 1248-CV/TU … yêu cầu thực hiện nghiêm Quy định số 144-QĐ/TW",
 * "Quyết định số 33/QĐ-UBND được ban hành theo quy định tại Luật Đất đai":
 * a sentence about a document names the documents it cites, or carries out
 * when a verb of carrying out stands right before them. */
static void
sentence_subject (DgExtract *x, GPtrArray *docs)
{
  for (guint i = 0; i < docs->len; i++)
    {
      DgMention *d = docs->pdata[i];
      const DgSentence *s = dg_tok_sentence (x, d->t0);
      guint start = s->t0;
      if (dg_tok_is (x, start, "theo") || dg_tok_is (x, start, "tại"))
        start++;
      if (d->work || d->reference)
        continue;
      /* "Thủ tướng vừa ký Quyết định số 339/QĐ-TTg phân công … để thực
       * hiện Nghị quyết …": what follows the document just issued is its
       * content too; the documents issued with it are not. */
      guint list_end = d->t1;
      /* The documents listed with it say the same ("Quyết định 935, 936 …
       * dựa trên … Quyết định số 218"). */
      g_autoptr (GPtrArray) list = NULL;
      if (d->t0 != start)
        {
          guint v = d->t0;
          if (v >= 1 && dg_tok_is (x, v - 1, "số"))
            v--;
          gboolean issued = (v >= 1 && dg_tok_is (x, v - 1, "ký"))
                            || (v >= 2 && dg_tok_phrase (x, v - 2, "ban hành"));
          if (!issued || v <= s->t0 + 1)
            continue;
        }
      list = doc_list_at (x, docs, d->t0, s->t1);
      for (guint q = 0; q < list->len; q++)
        list_end = MAX (list_end, ((DgMention *) list->pdata[q])->t1);
      if (d->t0 == start)
        g_ptr_array_set_size (list, MIN (list->len, 1));
      gboolean prev_impl = FALSE;
      guint prev_end = 0;
      for (guint k = i + 1; k < docs->len; k++)
        {
          DgMention *o = docs->pdata[k];
          if (o->t0 >= s->t1)
            break;
          if (o->t0 < list_end)
            continue;
          /* "… và Quốc hội thông qua Nghị quyết …": issued in a clause of
           * its own. */
          DgEdge *iss = dg_graph_edge_from (x->graph, DG_EDGE_ISSUED_BY, o->node);
          if (iss && dg_edge_n_evidence (iss)
              && dg_edge_evidence (iss, 0)->rule == dg_rule_intern ("issued-by.subject"))
            continue;
          if (o->node == d->node || o->reference || o->work
              || (o->t0 >= d->title_t0 && o->t0 < d->title_t1))
            continue;
          /* In the title of another document than d: that one's business. */
          gboolean nested = dg_in_title (x, o->t0)
                            && !(o->t0 >= d->title_t0 && o->t0 < d->title_t1);
          if (nested || has_edge (x, DG_EDGE_IMPLEMENTS, d->node, o->node)
              || has_edge (x, DG_EDGE_CITES, d->node, o->node)
              || has_edge (x, DG_EDGE_IMPLEMENTS, o->node, d->node)
              || has_edge (x, DG_EDGE_CITES, o->node, d->node))
            continue;
          gboolean impl = FALSE;
          for (guint back = 1; back <= 3 && o->t0 >= back && !impl; back++)
            impl = implement_verb_at (x, o->t0 - back) == back;
          /* "thực hiện A, B và C": the list goes with its verb. */
          if (!impl && prev_impl && o->t0 == prev_end + 1
              && (dg_tok_is (x, prev_end, ",") || dg_tok_is (x, prev_end, "và")))
            impl = TRUE;
          prev_impl = impl;
          prev_end = MAX (o->desc_end, o->t1);
          for (guint q = 0; q < MAX (list->len, 1); q++)
            {
              DgNode *src = list->len ? ((DgMention *) list->pdata[q])->node : d->node;
              if (src != o->node)
                edge (x, impl ? DG_EDGE_IMPLEMENTS : DG_EDGE_CITES, src, o->node, NULL, o->t0,
                      impl ? "implements.sentence" : "cites.sentence");
            }
        }
    }
}

void
dg_extract_relations (DgExtract *x)
{
  g_autoptr (GPtrArray) events = dg_mentions_of (x, DG_M_EVENT);
  g_autoptr (GPtrArray) docs = dg_mentions_of (x, DG_M_DOC);
  for (guint i = 0; i < events->len; i++)
    {
      DgMention *ev = events->pdata[i];
      if (ev->reference)
        continue;
      organizers (x, ev);
      about (x, ev);
    }
  attendance (x, events);
  studied (x, events);
  issuing (x, docs);
  signers (x, docs);
  titles (x, docs);
  code_issuers (x, docs);
  code_initials (x, docs);
  plenum_resolutions (x, docs);
  sentence_subject (x, docs);
  main_document (x, docs);
  belongs (x);
  on_behalf (x);
  branches (x);
  authors (x, docs);
  institutes (x);
}
