/* extract-rel-bodies.c: the formulas of bodies and their people: what a
 * body belongs to, whom an official speaks for, who wrote a work. */
#include "extract-private.h"

#include <string.h>

void dg_rule_belongs (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_on_behalf (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_side (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_branch (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_work_author (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_institute (DgExtract *x, DgRelations *r, const char *rule);

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

/* "Chi bộ khu phố 3 thuộc Đảng bộ phường Tân Định", "Sở Nội vụ là cơ quan
 * chuyên môn thuộc UBND tỉnh Bình Định". */
void
dg_rule_belongs (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->orgs->len; i++)
    {
      DgMention *a = r->orgs->pdata[i];
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
                               tok_start (x, a->t0), tok_end (x, b->t1 - 1), rule);
          break;
        }
    }
}

/* The first title of a person, given without its body; NULL when none. */
static DgTitle *
bodiless_title (DgMention *p)
{
  if (!p->titles || p->titles->len == 0)
    return NULL;
  DgTitle *t = p->titles->pdata[0];
  return t->org ? NULL : t;
}

/* "Thay mặt Ban cán sự Đảng Bộ, Bí thư, Bộ trưởng Chu Ngọc Anh …": the
 * first title given without its body is of the body he speaks for. */
void
dg_rule_on_behalf (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->persons->len; i++)
    {
      DgMention *p = r->persons->pdata[i];
      DgTitle *t = bodiless_title (p);
      const DgSentence *s = dg_tok_sentence (x, p->t0);
      if (t == NULL || !dg_tok_phrase (x, s->t0, "thay mặt"))
        continue;
      DgMention *o = dg_org_at (x, s->t0 + 2);
      if (o && dg_tok_is (x, o->t1, ",") && t->t0 == o->t1 + 1)
        dg_rel_edge (x, DG_EDGE_MEMBER_OF, p->node, o->node, t->role, p->t0, rule);
    }
}

/* "Về phía VOV có …; các Phó Tổng Giám đốc: Vũ Hải, …": the side's people. */
void
dg_rule_side (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->persons->len; i++)
    {
      DgMention *p = r->persons->pdata[i];
      DgTitle *t = bodiless_title (p);
      const DgSentence *s = dg_tok_sentence (x, p->t0);
      if (t && dg_tok_phrase (x, s->t0, "về phía") && dg_org_at (x, s->t0 + 2))
        dg_rel_edge (x, DG_EDGE_MEMBER_OF, p->node, dg_org_at (x, s->t0 + 2)->node, t->role,
                     p->t0, rule);
    }
}

/* "NHCSXH tỉnh Thái Bình" is a branch of "Ngân hàng Chính sách xã hội Việt
 * Nam" when the article names both (bank-system rows of the lexicon). */
void
dg_rule_branch (DgExtract *x, DgRelations *r, const char *rule)
{
  GHashTableIter it;
  gpointer system, row;
  g_hash_table_iter_init (&it, dg_lexicon ("bank-system")->phrases);
  while (g_hash_table_iter_next (&it, &system, &row))
    {
      g_autofree char *central_key = g_strdup_printf ("%s việt nam", (const char *) system);
      DgNode *central = dg_graph_find_node (x->graph, DG_NODE_ORGANIZATION, central_key);
      if (central == NULL)
        continue;
      dg_lexicon_note (row);
      gsize sl = strlen (system);
      for (guint i = 0; i < dg_graph_n_nodes (x->graph); i++)
        {
          DgNode *n = dg_graph_node (x->graph, i);
          const char *key = dg_node_key (n);
          const DgSpan *first = dg_node_n_mentions (n) ? dg_node_mention (n, 0) : NULL;
          if (n != central && first && dg_node_type (n) == DG_NODE_ORGANIZATION
              && strncmp (key, system, sl) == 0 && key[sl] == ' ')
            dg_graph_add_edge (x->graph, DG_EDGE_PART_OF, n, central, NULL, first->start,
                               first->end, rule);
        }
    }
}

/* 'tác phẩm "…" của (đồng chí) Tổng Bí thư Nguyễn Phú Trọng'. */
void
dg_rule_work_author (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->docs->len; i++)
    {
      DgMention *w = r->docs->pdata[i];
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
              dg_rel_edge (x, DG_EDGE_AUTHORED_BY, w->node, p->node, NULL, w->t0, rule);
              break;
            }
        }
    }
}

/* "Viện Xây dựng Đảng, Học viện Chính trị quốc gia Hồ Chí Minh", "Tổng cục
 * Môi trường (Bộ Tài nguyên và Môi trường)": an inner-unit named before
 * the body (outer-body rows) it is part of. */
void
dg_rule_institute (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i + 1 < r->orgs->len; i++)
    {
      DgMention *a = r->orgs->pdata[i], *b = r->orgs->pdata[i + 1];
      gboolean comma = dg_tok_is (x, a->t1, ",");
      gboolean bracket = dg_tok_is (x, a->t1, "(") && dg_tok_is (x, b->t1, ")");
      if (a->parent || !(comma || bracket) || b->t0 != a->t1 + 1)
        continue;
      g_autofree char *fa = dg_fold_phrase (dg_node_label (a->node));
      g_autofree char *fb = dg_fold_phrase (dg_node_label (b->node));
      /* A head with a name after it, not the head alone. */
      if (dg_lex_prefix ("inner-unit", fa) && dg_lex_prefix ("outer-body", fb)
          && !g_hash_table_contains (dg_lexicon ("inner-unit")->phrases, fa)
          && !g_hash_table_contains (dg_lexicon ("outer-body")->phrases, fb))
        dg_graph_add_edge (x->graph, DG_EDGE_PART_OF, a->node, b->node, NULL,
                           tok_start (x, a->t0), tok_end (x, b->t1 - 1), rule);
    }
}
