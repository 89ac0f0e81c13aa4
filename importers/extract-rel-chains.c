/* extract-rel-chains.c: the formulas of documents that carry out, cite,
 * amend, replace, repeal or guide other documents. The relation of each
 * is the value of the carry-verb row of the lexicon that introduces it
 * ("thực hiện" → implements, "căn cứ" → based-on, "sửa đổi, bổ sung" →
 * amends …); a document named without such a verb is cited. */
#include "extract-private.h"

#include <string.h>

void dg_rule_implements_bang (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_implements_lead (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_implements_lead_type (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_title_type (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_title_list (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_title (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_sentence (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_content (DgExtract *x, DgRelations *r, const char *rule);

static const DgEdgeType doc_relations[] = {
  DG_EDGE_IMPLEMENTS, DG_EDGE_CITES, DG_EDGE_BASED_ON, DG_EDGE_AMENDS,
  DG_EDGE_REPLACES, DG_EDGE_REPEALS, DG_EDGE_GUIDES,
};

/* TRUE when a → b already has a relation between documents. */
static gboolean
related (DgExtract *x, DgNode *a, DgNode *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (doc_relations); i++)
    if (dg_rel_has_edge (x, doc_relations[i], a, b))
      return TRUE;
  return FALSE;
}

/* "Y triển khai X bằng Z": Z carries out X. */
void
dg_rule_implements_bang (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->sites->len; i++)
    {
      DgIssueSite *site = &g_array_index (r->sites, DgIssueSite, i);
      if (!site->by)
        continue;
      const DgSentence *s = dg_tok_sentence (x, site->verb);
      g_autoptr (GPtrArray) sources
        = dg_rel_outer_in (x, DG_M_DOC, dg_rel_lo (s, site->verb), site->verb);
      for (guint k = 0; k < sources->len; k++)
        for (guint q = 0; q < site->objects->len; q++)
          {
            DgNode *src = ((DgMention *) sources->pdata[k])->node;
            DgNode *obj = ((DgMention *) site->objects->pdata[q])->node;
            if (src != obj)
              dg_rel_edge (x, DG_EDGE_IMPLEMENTS, obj, src, NULL, site->verb, rule);
          }
    }
}

/* The leading clause of an issuing site: "Thực hiện X (; Y; Z), …" at the
 * start of the sentence or after a colon ("Ông A – Chủ tịch UBND tỉnh:
 * Thực hiện …"). Sets the token after its verb and the relation. */
static gboolean
lead_clause (DgExtract *x, const DgIssueSite *site, guint *from, DgEdgeType *relation)
{
  const DgSentence *s = dg_tok_sentence (x, site->verb);
  guint v = site->verb, lead = s->t0;
  for (guint q = s->t0; q < v; q++)
    if (dg_tok_is (x, q, ":"))
      lead = q + 1;
  if (dg_tok_phrase (x, lead, "thay mặt"))
    return FALSE;
  guint lv = dg_rel_carry_at (x, lead, relation);
  /* "Để tiếp tục thực hiện …". */
  if (lv == 0 && dg_tok_is (x, lead, "để") && dg_rel_carry_at (x, lead + 1, relation))
    lv = dg_rel_carry_at (x, lead + 1, relation) + 1;
  if (lv == 0)
    return FALSE;
  /* Documents listed with ";" are one clause: "Thực hiện A; B; C, Y ban
   * hành Z". */
  gboolean listed = FALSE;
  for (guint q = lead; q < v; q++)
    if (dg_tok_is (x, q, ";"))
      {
        if (dg_mention_at (x, DG_M_DOC, q + 1) == NULL)
          return FALSE;
        listed = TRUE;
      }
  if (v >= lead + (listed ? 4 : 2) * DG_WINDOW)
    return FALSE;
  *from = lead + lv;
  return TRUE;
}

/* "Thực hiện X (, Y), Z ban hành W": W carries out X and Y; "Căn cứ Luật
 * …, UBND tỉnh ban hành Quyết định …": W is based on them. */
void
dg_rule_implements_lead (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->sites->len; i++)
    {
      DgIssueSite *site = &g_array_index (r->sites, DgIssueSite, i);
      guint from;
      DgEdgeType relation;
      if (site->by || !lead_clause (x, site, &from, &relation))
        continue;
      g_autoptr (GPtrArray) sources = dg_rel_outer_in (x, DG_M_DOC, from, site->before);
      for (guint k = 0; k < sources->len; k++)
        {
          DgMention *src = sources->pdata[k];
          /* A document inside another's title is that one's business. */
          if (dg_in_title (x, src->t0) || src->reference)
            continue;
          for (guint q = 0; q < site->objects->len; q++)
            {
              DgMention *d = site->objects->pdata[q];
              if (d->node != src->node)
                dg_rel_edge (x, relation, d->node, src->node, NULL, site->verb, rule);
            }
        }
    }
}

/* The document of type row named last before token limit, other than
 * not, or NULL. */
static DgMention *
prior_of_type (DgRelations *r, GStrv row, guint limit, DgNode *not)
{
  DgMention *prior = NULL;
  for (guint q = 0; q < r->docs->len; q++)
    {
      DgMention *o = r->docs->pdata[q];
      if (o->t0 >= limit)
        break;
      if (!o->work && o->node != not
          && g_strcmp0 (dg_node_get_attr (o->node, "doc_type"), dg_data_field (row, 1)) == 0)
        prior = o;
    }
  return prior;
}

/* A capitalised type word alone at token i, that is no document of its
 * own: "… cụ thể hóa Kế hoạch, …". Its doc-types row, or NULL. */
static GStrv
bare_type_at (DgExtract *x, guint i)
{
  guint tn;
  GStrv row = dg_phrase_match (x, dg_phrases ("doc-types.tsv", 0), i, NULL, &tn);
  return row && (dg_tok_flags (x, i) & DG_TOK_UPPER) && !dg_mention_at (x, DG_M_DOC, i) ? row : NULL;
}

/* "Để cụ thể hóa Kế hoạch, UBND tỉnh ban hành Quyết định …": the type
 * alone is the document of that type named before. */
void
dg_rule_implements_lead_type (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->sites->len; i++)
    {
      DgIssueSite *site = &g_array_index (r->sites, DgIssueSite, i);
      guint from;
      DgEdgeType relation;
      if (site->by || !lead_clause (x, site, &from, &relation) || relation != DG_EDGE_IMPLEMENTS)
        continue;
      g_autoptr (GPtrArray) sources = dg_rel_outer_in (x, DG_M_DOC, from, site->before);
      GStrv trow = sources->len == 0 ? bare_type_at (x, from) : NULL;
      DgMention *prior = trow ? prior_of_type (r, trow, dg_tok_sentence (x, from)->t0, NULL) : NULL;
      for (guint q = 0; prior && q < site->objects->len; q++)
        {
          DgMention *d = site->objects->pdata[q];
          if (d->node != prior->node)
            dg_rel_edge (x, DG_EDGE_IMPLEMENTS, d->node, prior->node, NULL, site->verb, rule);
        }
    }
}

/* Where a document's title, or the words after its number, start. */
static guint
title_start (const DgMention *d)
{
  return d->title_t1 > d->title_t0 ? d->title_t0 : d->desc_end;
}

/* "Quyết định số 12/QĐ-UBND … để cụ thể hóa Kế hoạch": with no title, a
 * type word after the verb is the document of that type named before. */
void
dg_rule_title_type (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->docs->len; i++)
    {
      DgMention *d = r->docs->pdata[i];
      DgEdgeType relation;
      guint lv = dg_rel_carry_at (x, title_start (d), &relation);
      if (d->work || d->reference || d->title_t1 > d->title_t0 || lv == 0)
        continue;
      GStrv trow = bare_type_at (x, title_start (d) + lv);
      DgMention *prior = trow ? prior_of_type (r, trow, d->t0, d->node) : NULL;
      if (prior)
        dg_rel_edge (x, relation, d->node, prior->node, NULL, d->t0, rule);
    }
}

/* "Kế hoạch số 90-KH/TU … thực hiện Kết luận số 21-KL/TW và Nghị quyết số
 * …": with no title, the documents listed after the verb. */
void
dg_rule_title_list (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->docs->len; i++)
    {
      DgMention *d = r->docs->pdata[i];
      guint t0 = title_start (d);
      DgEdgeType relation;
      guint lv = dg_rel_carry_at (x, t0, &relation);
      if (d->work || d->reference || d->title_t1 > d->title_t0 || lv == 0
          || bare_type_at (x, t0 + lv))
        continue;
      g_autoptr (GPtrArray) list = dg_rel_doc_list_at (x, t0 + lv, dg_tok_sentence (x, t0)->t1);
      for (guint k = 0; k < list->len; k++)
        {
          DgMention *o = list->pdata[k];
          if (o->node != d->node)
            dg_rel_edge (x, relation, d->node, o->node, NULL, d->t0, rule);
        }
    }
}

/* "Kế hoạch … (về) thực hiện Nghị quyết …", "Nghị định sửa đổi, bổ sung
 * một số điều của Nghị định số …": the documents directly in a title are
 * carried out (or amended …) when the title's verb or one right before
 * them says so, and cited otherwise. */
void
dg_rule_title (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->docs->len; i++)
    {
      DgMention *d = r->docs->pdata[i];
      if (d->work || d->reference || d->title_t1 <= d->title_t0)
        continue;
      guint t0 = d->title_t0, t1 = d->title_t1;
      DgEdgeType title_relation = DG_EDGE_IMPLEMENTS;
      guint lv = dg_rel_carry_at (x, t0, &title_relation);
      g_autoptr (GPtrArray) inner = dg_rel_outer_in (x, DG_M_DOC, t0, t1);
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
          DgEdgeType relation = DG_EDGE_CITES;
          if (!dg_rel_carried_before (x, o->t0, t0, &relation))
            {
              relation = DG_EDGE_CITES;
              if (lv > 0 && (k == 0 || dg_rel_carry_at (x, o->t0 - 1, NULL) || dg_tok_is (x, o->t0 - 1, ",")))
                relation = title_relation;
            }
          dg_rel_edge (x, relation, d->node, o->node, NULL, d->t0, rule);
        }
    }
}

/* "Công văn số 1248-CV/TU … yêu cầu thực hiện nghiêm Quy định số
 * 144-QĐ/TW", "Quyết định số 33/QĐ-UBND được ban hành theo quy định tại
 * Luật Đất đai": a sentence about a document (that opens it, or that it
 * says was just issued) names the documents it cites, or carries out when
 * a verb of carrying out stands right before them. */
void
dg_rule_sentence (DgExtract *x, DgRelations *r, const char *rule)
{
  GPtrArray *docs = r->docs;
  for (guint i = 0; i < docs->len; i++)
    {
      DgMention *d = docs->pdata[i];
      const DgSentence *s = dg_tok_sentence (x, d->t0);
      guint start = s->t0;
      if (dg_tok_is (x, start, "theo") || dg_tok_is (x, start, "tại"))
        start++;
      if (d->work || d->reference)
        continue;
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
      /* The documents listed with it say the same ("Quyết định 935, 936 …
       * dựa trên … Quyết định số 218"). */
      g_autoptr (GPtrArray) list = dg_rel_doc_list_at (x, d->t0, s->t1);
      guint list_end = d->t1;
      for (guint q = 0; q < list->len; q++)
        list_end = MAX (list_end, ((DgMention *) list->pdata[q])->t1);
      if (d->t0 == start)
        g_ptr_array_set_size (list, MIN (list->len, 1));
      DgEdgeType prev = DG_EDGE_CITES;
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
          gboolean nested = dg_in_title (x, o->t0) && !(o->t0 >= d->title_t0 && o->t0 < d->title_t1);
          if (nested || related (x, d->node, o->node) || related (x, o->node, d->node))
            continue;
          DgEdgeType relation = DG_EDGE_CITES;
          if (!dg_rel_carried_before (x, o->t0, 0, &relation))
            {
              relation = DG_EDGE_CITES;
              /* "thực hiện A, B và C": the list goes with its verb. */
              if (prev != DG_EDGE_CITES && o->t0 == prev_end + 1
                  && (dg_tok_is (x, prev_end, ",") || dg_tok_is (x, prev_end, "và")))
                relation = prev;
            }
          prev = relation;
          prev_end = MAX (o->desc_end, o->t1);
          for (guint q = 0; q < MAX (list->len, 1); q++)
            {
              DgNode *src = list->len ? ((DgMention *) list->pdata[q])->node : d->node;
              if (src != o->node)
                dg_rel_edge (x, relation, src, o->node, NULL, o->t0, rule);
            }
        }
    }
}

/* The document an article reports as issued near its start ("Ngày
 * 24/9/2024, Ban Thường vụ … ban hành Công văn số 1248-CV/TU …"). */
static DgMention *
main_document (DgExtract *x, GPtrArray *docs)
{
  for (guint i = 0; i < docs->len; i++)
    {
      DgMention *d = docs->pdata[i];
      const DgSentence *s = dg_tok_sentence (x, d->t0);
      if (s->para > 3 || d->work || d->reference
          || !(dg_node_get_attr (d->node, "code") || dg_node_get_attr (d->node, "number")))
        continue;
      if (d->t0 >= 2 && dg_tok_phrase (x, d->t0 - 2, "ban hành"))
        return d;
    }
  return NULL;
}

/* Where the article comes back to the main document by its type ("Công
 * văn này", "Tại Kế hoạch", "Công văn của Ban Thường vụ Tỉnh ủy yêu cầu",
 * "QUY ĐỊNH" alone on a line), or "Theo đó" right after it: its content
 * starts there. G_MAXUINT when it does not. */
static guint
content_start (DgExtract *x, GPtrArray *docs, DgMention *main)
{
  g_autofree char *type = dg_fold_phrase (dg_node_get_attr (main->node, "doc_type"));
  guint tl = dg_phrase_len (type);
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
      gboolean refers = k > 0 && (dg_tok_is (x, k - 1, "tại") || dg_tok_is (x, k - 1, "theo"));
      refers = refers || dg_lex_len (x, "refer-back", k + tl);
      refers = refers || ((dg_tok_flags (x, k) & DG_TOK_CAPS)
                          && (k + tl >= dg_ntoks (x) || (dg_tok_flags (x, k + tl) & DG_TOK_BREAK)));
      if (!inside && refers)
        back = k;
    }
  for (guint k = MAX (main->desc_end, main->t1); k < dg_ntoks (x) && k < back; k++)
    if (dg_tok_phrase (x, k, "theo đó"))
      {
        if (dg_tok_sentence (x, k) - dg_tok_sentence (x, main->t0) <= 2)
          back = k;
        break;
      }
  return back;
}

/* "… ban hành Công văn số 1248-CV/TU … Công văn nêu rõ: … Quy định số
 * 144-QĐ/TW": the documents named in the content of the document the
 * article reports are cited (or carried out) by it. */
void
dg_rule_content (DgExtract *x, DgRelations *r, const char *rule)
{
  DgMention *main = main_document (x, r->docs);
  guint back = main ? content_start (x, r->docs, main) : G_MAXUINT;
  if (back == G_MAXUINT)
    return;
  for (guint i = 0; i < r->docs->len; i++)
    {
      DgMention *d = r->docs->pdata[i];
      if (d->t0 < back || d->node == main->node || d->work || d->reference
          || !dg_node_get_attr (d->node, "code"))
        continue;
      if (dg_in_title (x, d->t0) || related (x, main->node, d->node))
        continue;
      /* A document the article says was issued after, or that carries the
       * main one out, is no part of its content. */
      DgEdge *iss = dg_graph_edge_from (x->graph, DG_EDGE_ISSUED_BY, d->node);
      if ((iss && dg_edge_n_evidence (iss)
           && dg_edge_evidence (iss, 0)->rule == dg_rule_intern ("issued-by.subject"))
          || related (x, d->node, main->node))
        continue;
      DgEdgeType relation = DG_EDGE_CITES;
      if (!dg_rel_carried_before (x, d->t0, 0, &relation))
        relation = DG_EDGE_CITES;
      dg_rel_edge (x, relation, main->node, d->node, NULL, d->t0, rule);
    }
}
