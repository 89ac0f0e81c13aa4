/* extract-rel-issuers.c: the formulas of who issued a document: the
 * subject of an issuing verb, "do X ban hành", the signer and the body
 * they sign for, and what a document's code says of its issuer. */
#include "extract-private.h"

#include <string.h>

void dg_rule_issued_subject (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_issued_signer_office (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_issued_do (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_signed (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_code_kind (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_code_initials (DgExtract *x, DgRelations *r, const char *rule);
void dg_rule_code_article (DgExtract *x, DgRelations *r, const char *rule);

static GStrv code_kind_row (const char *suffix, const char *key);
void dg_rule_plenum_resolution (DgExtract *x, DgRelations *r, const char *rule);

/* Issued jointly: one more issuer for a document that has some from the
 * same formula, none when the document names its issuer itself. */
static void
issue_also (DgExtract *x, DgMention *d, DgNode *org, guint at, const char *rule)
{
  for (guint i = 0; i < dg_graph_n_edges (x->graph); i++)
    {
      DgEdge *e = dg_graph_edge (x->graph, i);
      if (dg_edge_type (e) == DG_EDGE_ISSUED_BY && dg_edge_src (e) == d->node
          && dg_edge_n_evidence (e) && strcmp (dg_edge_evidence (e, 0)->rule, rule) != 0)
        return;
    }
  dg_rel_edge (x, DG_EDGE_ISSUED_BY, d->node, org, NULL, at, rule);
  const char *level = dg_node_get_attr (org, "level");
  if (level)
    dg_node_set_attr (d->node, "level", level, FALSE);
}

/* "Ban Thường vụ Tỉnh ủy (đã) ban hành Kế hoạch …", "Tỉnh ủy và UBND tỉnh
 * ban hành …", "Ngày 13/4/2023, Tỉnh ủy ban hành Kế hoạch số 90-KH/TU":
 * the subjects issue the documents, dated by a leading date. */
void
dg_rule_issued_subject (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->sites->len; i++)
    {
      DgIssueSite *site = &g_array_index (r->sites, DgIssueSite, i);
      const DgSentence *s = dg_tok_sentence (x, site->verb);
      for (guint k = 0; k < site->objects->len; k++)
        {
          DgMention *d = site->objects->pdata[k];
          if (site->by && site->subjects->len)
            dg_rel_issue (x, d, ((DgMention *) site->subjects->pdata[0])->node, site->verb, rule);
          else
            for (guint q = 0; q < site->subjects->len; q++)
              issue_also (x, d, ((DgMention *) site->subjects->pdata[q])->node, site->verb, rule);
          if (dg_tok_is (x, s->t0, "ngày") && !dg_node_get_attr (d->node, "date"))
            {
              g_autofree char *date = dg_parse_date (x, s->t0 + 1, 0, NULL);
              if (date)
                dg_node_set_attr (d->node, "date", date, FALSE);
            }
        }
    }
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

/* "<doc> do … ký / ban hành": the token of "do" and of the verb, or FALSE. */
static gboolean
do_clause (DgExtract *x, DgMention *d, guint *at_do, guint *at_verb)
{
  guint j = MAX (d->desc_end, d->t1);
  if (!dg_tok_is (x, j, "do"))
    return FALSE;
  const DgSentence *s = dg_tok_sentence (x, j);
  guint k = j + 1;
  while (k < s->t1 && k < j + 32 && !dg_tok_is (x, k, "ký") && !dg_tok_phrase (x, k, "ban hành"))
    k++;
  if (k >= s->t1 || k >= j + 32)
    return FALSE;
  *at_do = j;
  *at_verb = k;
  return TRUE;
}

/* "Z do Thủ tướng Chính phủ A ký", "do Phó Thủ tướng A ký thay Thủ tướng
 * Chính phủ". */
void
dg_rule_issued_signer_office (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->docs->len; i++)
    {
      DgMention *d = r->docs->pdata[i];
      guint j, k;
      if (!do_clause (x, d, &j, &k))
        continue;
      DgNode *office = office_of_signer (x, j + 1);
      if (office == NULL && dg_tok_is (x, k, "ký") && dg_tok_is (x, k + 1, "thay"))
        office = office_of_signer (x, k + 2);
      if (office)
        dg_rel_issue (x, d, office, j, rule);
    }
}

/* "Z do Y (ký) ban hành", "do đồng chí A, Phó Bí thư … thay mặt Ban
 * Thường vụ Tỉnh ủy ký". */
void
dg_rule_issued_do (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->docs->len; i++)
    {
      DgMention *d = r->docs->pdata[i];
      guint j, k;
      if (!do_clause (x, d, &j, &k) || dg_rel_has_edge (x, DG_EDGE_ISSUED_BY, d->node, NULL))
        continue;
      DgMention *org = dg_org_at (x, j + 1);
      for (guint q = j + 1; q + 2 < k; q++)
        if (dg_tok_phrase (x, q, "thay mặt") && dg_org_at (x, q + 2))
          org = dg_org_at (x, q + 2);
      if (org && org->t1 <= k)
        dg_rel_issue (x, d, org->node, j, rule);
    }
}

/* "Thủ tướng Chính phủ Phạm Minh Chính (vừa) ký Quyết định …": the
 * signer authors it, and the signer's office, or the state body whose
 * head signs in its name ("Chủ tịch UBND tỉnh A ký"), issues it. */
void
dg_rule_signed (DgExtract *x, DgRelations *r, const char *rule)
{
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
      g_autoptr (GPtrArray) objects = dg_rel_doc_list_at (x, at, s->t1);
      if (objects->len == 0)
        continue;
      guint before = dg_lex_skip_back (x, "adverb", v, s->t0);
      DgMention *signer = NULL;
      for (guint q = 0; q < r->persons->len && !signer; q++)
        {
          DgMention *p = r->persons->pdata[q];
          if (dg_rel_person_end (p) == before && p->t0 >= s->t0)
            signer = p;
        }
      if (signer == NULL)
        continue;
      DgNode *body = NULL;
      for (guint q = 0; signer->titles && q < signer->titles->len && !body; q++)
        body = office_of_signer (x, ((DgTitle *) signer->titles->pdata[q])->t0);
      for (guint q = 0; signer->titles && q < signer->titles->len && !body; q++)
        {
          DgTitle *t = signer->titles->pdata[q];
          g_autofree char *key = t->org ? dg_org_key (x, dg_node_label (t->org->node)) : NULL;
          if (key && dg_lex_prefix ("signing-body", key))
            body = t->org->node;
        }
      for (guint q = 0; q < objects->len; q++)
        {
          DgMention *d = objects->pdata[q];
          dg_rel_edge (x, DG_EDGE_AUTHORED_BY, d->node, signer->node, NULL, v, rule);
          if (body)
            dg_rel_issue (x, d, body, v, rule);
        }
    }
}

/* "UBND tỉnh Lạng Sơn phê duyệt … theo Quyết định số 1764/QĐ-UBND": a
 * local code names the kind of its issuer (code-kind rows of the
 * lexicon); the organization of that kind nearest before it in the
 * sentence, else after it and not addressed ("gửi UBND tỉnh"), issued it. */
void
dg_rule_code_kind (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->docs->len; i++)
    {
      DgMention *d = r->docs->pdata[i];
      const char *code = dg_node_get_attr (d->node, "code");
      if (code == NULL || d->work || dg_rel_has_edge (x, DG_EDGE_ISSUED_BY, d->node, NULL))
        continue;
      g_auto (GStrv) parts = g_strsplit_set (code, "/-", -1);
      const DgSentence *s = dg_tok_sentence (x, d->t0);
      g_autoptr (GPtrArray) before = dg_rel_outer_in (x, DG_M_ORG, s->t0, d->t0);
      g_autoptr (GPtrArray) after = dg_rel_outer_in (x, DG_M_ORG, MAX (d->desc_end, d->t1), s->t1);
      g_autoptr (GPtrArray) orgs = g_ptr_array_new ();
      for (guint q = before->len; q-- > 0;)
        g_ptr_array_add (orgs, before->pdata[q]);
      for (guint q = 0; q < after->len; q++)
        {
          DgMention *o = after->pdata[q];
          if (!dg_lex_before (x, "addressee", o->t0, 0, NULL))
            g_ptr_array_add (orgs, o);
        }
      gboolean done = FALSE;
      for (guint p = 1; parts[p] && !done; p++)
        {
          g_autofree char *suffix = dg_fold_phrase (g_strstrip (parts[p]));
          for (guint q = 0; q < orgs->len && !done; q++)
            {
              DgMention *o = orgs->pdata[q];
              g_autofree char *key = dg_org_key (x, dg_node_label (o->node));
              GStrv row = code_kind_row (suffix, key);
              if (row)
                {
                  dg_lexicon_note (row);
                  dg_rel_issue (x, d, o->node, d->t0, rule);
                  done = TRUE;
                }
            }
        }
    }
}

/* The code-kind row whose head starts key and whose value is suffix, or
 * NULL. */
static GStrv
code_kind_row (const char *suffix, const char *key)
{
  GPtrArray *rows = dg_data_table (DG_LEXICON_TABLE);
  for (guint k = 0; k < rows->len; k++)
    {
      GStrv row = rows->pdata[k];
      if (strcmp (dg_data_field (row, 0), "code-kind") != 0
          || strcmp (dg_data_field (row, 2), suffix) != 0)
        continue;
      g_autofree char *head = dg_fold_phrase (dg_data_field (row, 1));
      gsize hl = strlen (head);
      if (strncmp (key, head, hl) == 0 && (key[hl] == ' ' || key[hl] == '\0'))
        return row;
    }
  return NULL;
}

/* "… Kế hoạch số 150-KH/TU …" with no issuer in its sentence, in an
 * article that names one party committee of that kind ("Tỉnh ủy Lào
 * Cai", perhaps with its Ban Thường vụ): that committee issued it. */
void
dg_rule_code_article (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->docs->len; i++)
    {
      DgMention *d = r->docs->pdata[i];
      const char *code = dg_node_get_attr (d->node, "code");
      if (code == NULL || d->work || dg_rel_has_edge (x, DG_EDGE_ISSUED_BY, d->node, NULL))
        continue;
      g_auto (GStrv) parts = g_strsplit_set (code, "/-", -1);
      guint n = g_strv_length (parts);
      if (n < 2)
        continue;
      g_autofree char *suffix = dg_fold_phrase (g_strstrip (parts[n - 1]));
      g_autoptr (GPtrArray) found = g_ptr_array_new ();
      GStrv row = NULL;
      for (guint q = 0; q < r->orgs->len; q++)
        {
          DgMention *o = r->orgs->pdata[q];
          g_autofree char *key = dg_org_key (x, dg_node_label (o->node));
          GStrv kr = o->unresolved ? NULL : code_kind_row (suffix, key);
          if (kr && !g_ptr_array_find (found, o->node, NULL))
            g_ptr_array_add (found, o->node), row = kr;
        }
      /* A standing body and its committee are one issuer: the committee. */
      DgNode *issuer = NULL;
      guint roots = 0;
      for (guint q = 0; q < found->len; q++)
        {
          DgEdge *up = dg_graph_edge_from (x->graph, DG_EDGE_PART_OF, found->pdata[q]);
          if (up == NULL || !g_ptr_array_find (found, dg_edge_dst (up), NULL))
            issuer = found->pdata[q], roots++;
        }
      if (roots == 1)
        {
          dg_lexicon_note (row);
          dg_rel_issue (x, d, issuer, d->t0, rule);
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
void
dg_rule_code_initials (DgExtract *x, DgRelations *r, const char *rule)
{
  for (guint i = 0; i < r->docs->len; i++)
    {
      DgMention *d = r->docs->pdata[i];
      const char *code = dg_node_get_attr (d->node, "code");
      if (code == NULL || d->work || dg_rel_has_edge (x, DG_EDGE_ISSUED_BY, d->node, NULL))
        continue;
      const char *cut = strrchr (code, '/');
      if (cut == NULL || strlen (cut + 1) < 3)
        continue;
      g_autofree char *part = dg_text_fold_search (cut + 1, -1);
      DgNode *match = NULL;
      for (guint q = 0; q < r->orgs->len && !match; q++)
        {
          DgMention *o = r->orgs->pdata[q];
          g_autofree char *ini = org_initials (dg_node_label (o->node));
          if (strlen (ini) >= 3 && strcmp (ini, part) == 0)
            match = o->node;
        }
      if (match)
        dg_rel_issue (x, d, match, d->t0, rule);
    }
}

/* "Nghị quyết Trung ương 4 (khóa XII)", "Nghị quyết Hội nghị Trung ương
 * 5": a plenum's resolution is the Central Committee's, when the article
 * names it. */
void
dg_rule_plenum_resolution (DgExtract *x, DgRelations *r, const char *rule)
{
  g_autofree char *key = dg_org_key (x, "Ban Chấp hành Trung ương");
  DgNode *bch = dg_graph_find_node (x->graph, DG_NODE_ORGANIZATION, key);
  for (guint i = 0; bch && i < r->docs->len; i++)
    {
      DgMention *d = r->docs->pdata[i];
      if (d->rule == dg_rule_intern ("doc.congress")
          && !dg_rel_has_edge (x, DG_EDGE_ISSUED_BY, d->node, NULL)
          && g_str_has_prefix (dg_node_key (d->node), "named:nghi quyet trung uong "))
        dg_rel_issue (x, d, bch, d->t0, rule);
    }
}
