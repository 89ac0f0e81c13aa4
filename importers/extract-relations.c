/* extract-relations.c: edges between the mentions of one article.
 *
 * Each rule is a formula of the genre, one function, registered below in
 * the order the rules run, with the words it reads. The words themselves
 * (verbs, leads, adverbs, possessives) are rows of data/relation-words.tsv:
 * a new verb of carrying out is a row there and a sentence in
 * tests/data/extract/relations.tsv, no C. member-of and part-of come mostly
 * with titles and nested names (extract-officials.c, -organizations.c). */
#include "extract-private.h"

#include <string.h>

/* Families of formulas (extract-rel-*.c). */
void dg_rule_organizer_subject (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_organizer_do (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_organizer_event_verb (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_organizer_name (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_organizer_plenum (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_about_name (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_attended (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_about_studied (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_issued_subject (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_implements_bang (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_implements_lead (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_implements_lead_type (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_issued_signer_office (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_issued_do (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_signed (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_title_type (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_title_list (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_title (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_code_kind (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_code_initials (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_code_article (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_plenum_resolution (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_sentence (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_content (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_belongs (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_on_behalf (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_side (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_branch (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_work_author (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_institute (DgExtract *x, DgRelations *r, const char *rule);

/* The formulas, in the order they run: a later one may rely on the edges of
 * an earlier one (a document's issuer, an event's organizer). */
const DgRelationRule dg_relation_rules[] = {
  { "organized-by.subject", "<org> (đã) tổ chức <event>", dg_rule_organizer_subject },
  { "organized-by.event-verb", "<org> (đã) tiếp xúc cử tri …: the event is the verb",
    dg_rule_organizer_event_verb },
  { "organized-by.do", "<event> … do <org> tổ chức", dg_rule_organizer_do },
  { "organized-by.name", "Đại hội Đảng bộ <org>; cuộc họp (của) <org>", dg_rule_organizer_name },
  { "organized-by.plenum", "Hội nghị Trung ương 5 → Ban Chấp hành Trung ương", dg_rule_organizer_plenum },
  { "about.name", "Hội nghị quán triệt <doc>: a document in an event's name", dg_rule_about_name },
  { "attended.verb", "đồng chí <person> … chủ trì / dự / phát biểu …; Dự hội nghị có …", dg_rule_attended },
  { "about.studied", "Tại hội nghị, … quán triệt / triển khai <doc>", dg_rule_about_studied },
  { "issued-by.subject", "<org> (đã) ban hành <doc>, <doc> và <doc>", dg_rule_issued_subject },
  { "implements.bang", "<org> triển khai <doc X> bằng <doc Z>", dg_rule_implements_bang },
  { "implements.lead", "Thực hiện / Căn cứ <doc X> …, <org> ban hành <doc Z>", dg_rule_implements_lead },
  { "implements.type-reference", "Để cụ thể hóa Kế hoạch, <org> ban hành <doc>", dg_rule_implements_lead_type },
  { "issued-by.signer-office", "<doc> do Thủ tướng Chính phủ <person> ký", dg_rule_issued_signer_office },
  { "issued-by.do", "<doc> do <org> (ký) ban hành", dg_rule_issued_do },
  { "authored-by.signed", "<title> <person> (vừa) ký (ban hành) <doc>", dg_rule_signed },
  { "implements.title-type", "<doc> … để cụ thể hóa Kế hoạch: the type names an earlier document",
    dg_rule_title_type },
  { "implements.title-list", "<doc> thực hiện <doc>, <doc> và <doc>", dg_rule_title_list },
  { "implements.title", "Kế hoạch … (về) thực hiện Nghị quyết …: documents in a title", dg_rule_title },
  { "issued-by.code-kind", "… theo Quyết định số 1764/QĐ-UBND: the code names the kind of issuer",
    dg_rule_code_kind },
  { "issued-by.code-initials", "văn bản số 1458-CV/BNCTW: the code spells the issuer's initials",
    dg_rule_code_initials },
  { "issued-by.code-article", "… Kế hoạch số 150-KH/TU … in an article naming one Tỉnh ủy",
    dg_rule_code_article },
  { "issued-by.plenum", "Nghị quyết Trung ương 4 → Ban Chấp hành Trung ương", dg_rule_plenum_resolution },
  { "implements.sentence", "<doc> … yêu cầu thực hiện <doc>; … theo quy định tại <doc>", dg_rule_sentence },
  { "implements.content", "ban hành <doc> … Theo đó / Công văn nêu rõ: … <doc>", dg_rule_content },
  { "part-of.thuoc", "<org> (là cơ quan …) thuộc <org>", dg_rule_belongs },
  { "member-of.on-behalf", "Thay mặt <org>, <title> <person>", dg_rule_on_behalf },
  { "member-of.side", "Về phía <org> có <title> <person>", dg_rule_side },
  { "part-of.branch", "NHCSXH tỉnh X → Ngân hàng Chính sách xã hội Việt Nam", dg_rule_branch },
  { "authored-by.cua", "tác phẩm “…” của <title> <person>", dg_rule_work_author },
  { "part-of.institute", "Viện A, Học viện B; Tổng cục A (Bộ B)", dg_rule_institute },
  { NULL, NULL, NULL },
};

/* ------------------------------------------------------------ helpers */

gboolean
dg_rel_inside_other (DgExtract *x, const DgMention *m)
{
  return dg_inside (x, DG_M_DOC, m->t0) || dg_in_title (x, m->t0) || dg_in_role (x, m->t0);
}

GPtrArray *
dg_rel_outer_in (DgExtract *x, DgMentionKind kind, guint t0, guint t1)
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

guint
dg_rel_lo (const DgSentence *s, guint at)
{
  return at > s->t0 + DG_WINDOW ? at - DG_WINDOW : s->t0;
}

guint
dg_rel_hi (const DgSentence *s, guint at)
{
  return MIN (s->t1, at + DG_WINDOW);
}

DgEdge *
dg_rel_edge (DgExtract *x, DgEdgeType type, DgNode *src, DgNode *dst, const char *role, guint at,
             const char *rule)
{
  const DgSentence *sent = dg_tok_sentence (x, at);
  const char *formula = strchr (rule, '.');
  char name[96];
  g_snprintf (name, sizeof name, "%s%s", dg_edge_type_name (type), formula ? formula : "");
  return dg_graph_add_edge (x->graph, type, src, dst, role, sent ? sent->start : 0,
                            sent ? sent->end : 0, name);
}

gboolean
dg_rel_has_edge (DgExtract *x, DgEdgeType type, DgNode *src, DgNode *dst)
{
  return dst ? dg_graph_find_edge (x->graph, type, src, dst) != NULL
             : dg_graph_edge_from (x->graph, type, src) != NULL;
}

void
dg_rel_issue (DgExtract *x, DgMention *d, DgNode *org, guint at, const char *rule)
{
  if (dg_rel_has_edge (x, DG_EDGE_ISSUED_BY, d->node, NULL))
    return;
  dg_rel_edge (x, DG_EDGE_ISSUED_BY, d->node, org, NULL, at, rule);
  const char *level = dg_node_get_attr (org, "level");
  if (level)
    dg_node_set_attr (d->node, "level", level, FALSE);
}

guint
dg_rel_person_end (const DgMention *p)
{
  guint end = p->t1;
  for (guint i = 0; p->titles && i < p->titles->len; i++)
    end = MAX (end, ((DgTitle *) p->titles->pdata[i])->t1);
  return end;
}

GPtrArray *
dg_rel_doc_list_at (DgExtract *x, guint i, guint limit)
{
  GPtrArray *out = g_ptr_array_new ();
  guint j = i;
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

GPtrArray *
dg_rel_subjects_before (DgExtract *x, const DgSentence *s, guint before)
{
  GPtrArray *out = g_ptr_array_new ();
  if (dg_tok_phrase (x, s->t0, "thay mặt") && dg_org_at (x, s->t0 + 2))
    {
      g_ptr_array_add (out, dg_org_at (x, s->t0 + 2));
      return out;
    }
  g_autoptr (GPtrArray) orgs = dg_rel_outer_in (x, DG_M_ORG, dg_rel_lo (s, before), before);
  guint end = before;
  for (guint k = orgs->len; k-- > 0;)
    {
      DgMention *org = orgs->pdata[k];
      if (org->t1 != end)
        break;
      /* "của Bộ Chính trị, Ban Thường vụ …": what a lead clause names is not
       * a subject. */
      if ((org->t0 > 0 && dg_tok_is (x, org->t0 - 1, "của")) || dg_rel_inside_other (x, org))
        break;
      g_ptr_array_add (out, org);
      if (org->t0 > s->t0 && (dg_tok_is (x, org->t0 - 1, "và") || dg_tok_is (x, org->t0 - 1, ",")))
        end = org->t0 - 1;
      else
        break;
    }
  return out;
}

static DgEdgeType
relation_of (GStrv row)
{
  DgEdgeType t;
  return dg_edge_type_parse (dg_data_field (row, 2), &t) ? t : DG_EDGE_IMPLEMENTS;
}

guint
dg_rel_carry_at (const DgExtract *x, guint i, DgEdgeType *relation)
{
  guint lead = dg_lex_len (x, "carry-lead", i), n;
  GStrv row = lead ? dg_lex_at (x, "carry-verb", i + lead, &n) : NULL;
  if (row == NULL)
    {
      lead = 0;
      row = dg_lex_at (x, "carry-verb", i, &n);
    }
  if (row == NULL)
    return 0;
  if (relation)
    *relation = relation_of (row);
  return lead + n;
}

gboolean
dg_rel_carried_before (const DgExtract *x, guint i, guint floor, DgEdgeType *relation)
{
  /* "sửa đổi, bổ sung một số điều của Nghị định …": words between the
   * verb and what it acts on. */
  guint gap;
  if (dg_lex_before (x, "carry-gap", i, floor, &gap))
    i -= gap;
  for (guint back = 1; back <= 5 && i >= floor + back; back++)
    if (dg_rel_carry_at (x, i - back, relation) == back)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------ sites */

/* Every issuing verb with documents after it: the sites that the issuing
 * formulas read. */
static void
find_issue_sites (DgExtract *x, DgRelations *r)
{
  guint n = dg_ntoks (x);
  for (guint v = 0; v + 1 < n; v++)
    {
      guint vl;
      GStrv verb = dg_lex_at (x, "issue-verb", v, &vl);
      gboolean by = dg_tok_is (x, v, "bằng");
      if (verb == NULL && !by)
        continue;
      if (by)
        vl = 1;
      const char *mode = by ? "subject" : dg_data_field (verb, 2);
      const DgSentence *s = dg_tok_sentence (x, v);
      /* "Thay mặt Bộ Chính trị, đồng chí A công bố và trao Quyết định …":
       * announcing issues only for the body announced for. */
      if (strcmp (mode, "on-behalf") == 0 && !dg_tok_phrase (x, s->t0, "thay mặt"))
        continue;
      GPtrArray *objects = dg_rel_doc_list_at (x, v + vl, s->t1);
      if (objects->len == 0)
        {
          g_ptr_array_unref (objects);
          continue;
        }
      guint before = dg_lex_skip_back (x, "adverb", v, s->t0);
      if (before > s->t0 + 1 && dg_tok_is (x, before - 1, "ký"))
        before = dg_lex_skip_back (x, "adverb", before - 1, s->t0);
      /* "Sở Địa chính (nay là Sở Tài nguyên và Môi trường) có Tờ trình …":
       * a remark in brackets between the subject and its verb. */
      if (before > s->t0 + 2 && dg_tok_is (x, before - 1, ")"))
        for (guint q = before - 2; q > s->t0 && q + 16 > before; q--)
          if (dg_tok_is (x, q, "("))
            {
              before = dg_lex_skip_back (x, "adverb", q, s->t0);
              break;
            }
      GPtrArray *subjects = g_ptr_array_new ();
      if (by)
        {
          /* "Y triển khai / cụ thể hóa X bằng Z": Y is the sentence's
           * subject, X the documents between. */
          g_autoptr (GPtrArray) orgs = dg_rel_outer_in (x, DG_M_ORG, dg_rel_lo (s, v), v);
          for (guint q = 0; q < orgs->len && subjects->len == 0; q++)
            {
              DgMention *o = orgs->pdata[q];
              if (!dg_rel_inside_other (x, o) && !(o->t0 > 0 && dg_tok_is (x, o->t0 - 1, "của")))
                g_ptr_array_add (subjects, o);
            }
        }
      else
        {
          g_ptr_array_unref (subjects);
          subjects = dg_rel_subjects_before (x, s, before);
        }
      /* "có", "ra" issue only with a subject: "trong đó có Kế hoạch …" does
       * not. */
      if (subjects->len == 0 && !by && strcmp (mode, "any") != 0)
        {
          g_ptr_array_unref (objects);
          g_ptr_array_unref (subjects);
          continue;
        }
      DgIssueSite site = { v, vl, by, before, objects, subjects };
      g_array_append_val (r->sites, site);
    }
}

static void
site_clear (gpointer p)
{
  DgIssueSite *s = p;
  g_ptr_array_unref (s->objects);
  g_ptr_array_unref (s->subjects);
}

void
dg_extract_relations (DgExtract *x)
{
  DgRelations r = { 0 };
  r.events = dg_mentions_of (x, DG_M_EVENT);
  r.docs = dg_mentions_of (x, DG_M_DOC);
  r.persons = dg_mentions_of (x, DG_M_PERSON);
  r.orgs = dg_mentions_of (x, DG_M_ORG);
  r.sites = g_array_new (FALSE, FALSE, sizeof (DgIssueSite));
  g_array_set_clear_func (r.sites, site_clear);
  r.organized = g_hash_table_new (NULL, NULL);
  find_issue_sites (x, &r);
  for (guint i = 0; dg_relation_rules[i].name; i++)
    dg_relation_rules[i].run (x, &r, dg_relation_rules[i].name);
  g_ptr_array_unref (r.events);
  g_ptr_array_unref (r.docs);
  g_ptr_array_unref (r.persons);
  g_ptr_array_unref (r.orgs);
  g_array_unref (r.sites);
  g_hash_table_unref (r.organized);
}
