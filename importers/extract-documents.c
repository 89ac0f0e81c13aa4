/* extract-documents.c: documents and works.
 *
 * Numbered documents come in two grammars: the party's "147-KH/TU" (number,
 * letters of the type, issuer) and the state's "10/CT-TTg", "15/2020/NĐ-CP"
 * (number, optional year, type, issuer). The type word before the number
 * wins over the letters ("Quy định số 67-QĐ/TW" is a Quy định). After the
 * number come a date ("ngày 30/3/2023"), the issuer ("của Ban Bí thư") and a
 * title ("về …"). Some documents have no number ("Nghị quyết Đại hội XIII
 * của Đảng", the plan that "Ban Thường vụ Quận ủy Thanh Xuân đã ban hành");
 * works have a title in quotes and an author ("tác phẩm “…” của Tổng Bí thư
 * …"). */
#include "extract-private.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  GRegex *party;  /* "147-KH/TU" */
  GRegex *state;  /* "10/CT-TTg", "15/2020/NĐ-CP" */
  GRegex *law;    /* "56/2024/QH15" */
} CodePatterns;

static const CodePatterns *
patterns (void)
{
  static gsize once;
  static CodePatterns p;
  if (g_once_init_enter (&once))
    {
      const char *edge_before = "(?<![\\p{L}\\p{N}/.\\-–])";
      const char *edge_after = "(?![\\p{L}\\p{N}])";
      g_autofree char *party = g_strdup_printf (
        "%s(\\d{1,5}) ?[-–‐] {0,2}(\\p{Lu}[\\p{L}]{0,7}(?:-\\p{Lu}[\\p{L}]*)?) ?/ ?"
        "(\\p{Lu}[\\p{L}\\p{N}]{0,10}(?:-\\p{Lu}[\\p{L}\\p{N}]*)?)%s",
        edge_before, edge_after);
      /* "36a/NQ-CP", "19-2017/NQ-CP" too. */
      g_autofree char *state = g_strdup_printf (
        "%s(\\d{1,5}[a-zđ]?)(?:-\\d{4})? ?/ ?(?:(\\d{4}) ?/ ?)?(\\p{Lu}[\\p{L}]{0,9}) ?[-–‐] ?"
        "(\\p{Lu}[\\p{L}\\p{N}]{0,12}(?:[-.]\\p{Lu}[\\p{L}\\p{N}]*)*)%s",
        edge_before, edge_after);
      g_autofree char *law = g_strdup_printf (
        "%s(\\d{1,5}) ?/ ?(\\d{4}) ?/ ?((?:UBTV)?QH\\d{1,2})%s", edge_before, edge_after);
      p.party = g_regex_new (party, G_REGEX_OPTIMIZE, 0, NULL);
      p.state = g_regex_new (state, G_REGEX_OPTIMIZE, 0, NULL);
      p.law = g_regex_new (law, G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (p.party && p.state && p.law);
      g_once_init_leave (&once, 1);
    }
  return &p;
}

/* Token index whose span starts at or after byte b. */
static guint
tok_at_byte (const DgExtract *x, guint b)
{
  guint lo = 0, hi = x->toks->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (x->toks, DgTok, mid).start < b)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The type phrase of doc-types.tsv that ends just before token end. */
static GStrv
type_before (const DgExtract *x, guint end, guint *t0)
{
  const DgPhraseTable *types = dg_phrases ("doc-types.tsv", 0);
  for (guint len = MIN (types->max_len, end); len > 0; len--)
    {
      guint n;
      GStrv row = dg_phrase_match (x, types, end - len, NULL, &n);
      if (row && n == len)
        {
          *t0 = end - len;
          return row;
        }
    }
  return NULL;
}

/* Doc type from the letters of a code ("KH" → Kế hoạch). */
static const char *
type_from_letters (const char *letters)
{
  static gsize once;
  static GHashTable *h;
  if (g_once_init_enter (&once))
    {
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GPtrArray *rows = dg_data_table ("doc-types.tsv");
      for (guint i = 0; i < rows->len; i++)
        {
          g_auto (GStrv) codes = g_strsplit (dg_data_field (rows->pdata[i], 2), ",", -1);
          for (guint k = 0; codes[k]; k++)
            {
              char *f = dg_fold_phrase (codes[k]);
              if (*f && !g_hash_table_contains (t, f))
                g_hash_table_insert (t, f, (gpointer) dg_data_field (rows->pdata[i], 1));
              else
                g_free (f);
            }
        }
      h = t;
      g_once_init_leave (&once, 1);
    }
  g_autofree char *f = dg_fold_phrase (letters);
  /* "QD" is "QĐ" typed without Đ. */
  const char *type = g_hash_table_lookup (h, f);
  if (type == NULL)
    {
      GString *d = g_string_new (NULL);
      for (const char *p = f; *p; p++)
        if (*p == 'd')
          g_string_append (d, "đ");
        else
          g_string_append_c (d, *p);
      type = g_hash_table_lookup (h, d->str);
      g_string_free (d, TRUE);
    }
  return type;
}

/* The issuer side of a code decides whether the code is unique in the whole
 * country ("/TW", "-TTg", "-CP", "/QH15") or only for one issuer ("/TU",
 * "-UBND"). */
static gboolean
code_is_national (const char *issuer_part, gboolean party)
{
  g_autofree char *f = dg_fold_phrase (issuer_part);
  if (party)
    return g_str_has_suffix (f, "tw") || g_str_has_suffix (f, "tư");
  static const char *const local[] = { "ubnd", "hđnd", "tu", "hu", "qu", "đu", "ub", "tx", NULL };
  /* "NS-TU": folding joins the parts, so split first. */
  g_auto (GStrv) parts = g_strsplit (issuer_part, "-", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *part = dg_fold_phrase (parts[i]);
      for (guint k = 0; local[k]; k++)
        if (strcmp (part, local[k]) == 0)
          return FALSE;
    }
  /* Departments of a province ("SNV", "STC") are local too. */
  if (f[0] == 's' && strlen (f) <= 5)
    return FALSE;
  return TRUE;
}

static const char *
level_from_code (const char *issuer_part, gboolean party)
{
  g_autofree char *f = dg_fold_phrase (issuer_part);
  if (code_is_national (issuer_part, party))
    return "central";
  if (g_str_has_suffix (f, "tu"))
    return "province";
  if (g_str_has_suffix (f, "hu") || g_str_has_suffix (f, "qu"))
    return "district";
  return NULL;
}

static char *
squeeze_code (const char *s, gsize len)
{
  GString *out = g_string_new (NULL);
  for (gsize i = 0; i < len; i++)
    if (s[i] != ' ')
      g_string_append_c (out, s[i]);
  /* Typographic dashes in codes are plain hyphens. */
  char *r = g_string_free (out, FALSE);
  GString *o2 = g_string_new (NULL);
  for (const char *p = r; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x2013 || c == 0x2010 || c == 0x2011 || c == 0x2212)
        g_string_append_c (o2, '-');
      else
        g_string_append_unichar (o2, c);
    }
  g_free (r);
  return g_string_free (o2, FALSE);
}

/* The document node of a code; one per code in an article. */
static DgNode *
doc_node (DgExtract *x, const char *code, const char *doc_type, const char *number)
{
  g_autofree char *fcode = dg_document_code_key (code);
  g_autofree char *k = g_strdup_printf ("code:%s", fcode);
  g_autofree char *label = g_strdup_printf ("%s số %s", doc_type, code);
  DgNode *node = dg_graph_find_node (x->graph, DG_NODE_DOCUMENT, k);
  if (node == NULL)
    node = dg_graph_add_node (x->graph, DG_NODE_DOCUMENT, k, label);
  dg_node_set_attr (node, "doc_type", doc_type, FALSE);
  dg_node_set_attr (node, "number", number, FALSE);
  dg_node_set_attr (node, "code", code, FALSE);
  return node;
}

/* ------------------------------------------------------------ after a doc */

/* Skips ", ngày 30/3/2023" or "(ngày 30/3/2023)" after token i and sets the
 * node's date; returns the token after it. */
static guint
doc_date_after (DgExtract *x, DgNode *node, guint i)
{
  guint j = i;
  if (dg_tok_is (x, j, ",") || dg_tok_is (x, j, "("))
    j++;
  /* "…, ban hành hôm 16/1": the day it was issued. */
  if (dg_tok_phrase (x, j, "ban hành") && (dg_tok_is (x, j + 2, "hôm") || dg_tok_is (x, j + 2, "ngày")))
    {
      g_autofree char *date = dg_parse_date (x, j + 3, 0, NULL);
      if (date)
        dg_node_set_attr (node, "date", date, FALSE);
      return i;
    }
  if (!dg_tok_is (x, j, "ngày"))
    return i;
  guint end;
  g_autofree char *date = dg_parse_date (x, j + 1, 0, &end);
  if (date == NULL)
    return i;
  dg_node_set_attr (node, "date", date, FALSE);
  if (dg_tok_is (x, i, "(") && dg_tok_is (x, end, ")"))
    end++;
  return end;
}

/* The organization named after "của" at token i (outermost mention). */
static DgMention *
org_after_cua (DgExtract *x, guint i, guint *end)
{
  if (!dg_tok_is (x, i, "của"))
    return NULL;
  DgMention *org = dg_org_at (x, i + 1);
  if (org == NULL)
    return NULL;
  *end = org->t1;
  return org;
}

/* The title after "về", "về việc", or in quotes; returns the token range in
 * *t0..*t1 and TRUE when there is one. A title ends at the end of the
 * sentence, at ";" or ":", at a comma before a capitalised organization,
 * title, date or document, or before "và" + another document. */
static gboolean
title_after (DgExtract *x, guint i, guint *t0, guint *t1)
{
  guint j = i;
  gboolean quoted = FALSE;
  guint tl;
  if (dg_tok_is (x, j, "về"))
    {
      j++;
      if (dg_tok_is (x, j, "việc"))
        j++;
    }
  /* "Nghị quyết số 63/NQ-CP … ban hành Chương trình hành động …": what a
   * decree or resolution puts into force is its title. */
  else if (dg_tok_phrase (x, j, "ban hành") && (dg_tok_flags (x, j + 2) & DG_TOK_UPPER)
           && dg_phrase_match (x, dg_phrases ("doc-types.tsv", 0), j + 2, NULL, &tl))
    j += 2;
  /* "Nghị định 63/2014/NĐ-CP … của Chính phủ quy định chi tiết thi hành
   * một số điều của Luật Đấu thầu": a decree's title says what it details. */
  else if (dg_tok_phrase (x, j, "quy định chi tiết") || dg_tok_phrase (x, j, "hướng dẫn thi hành")
           || dg_tok_phrase (x, j, "hướng dẫn thực hiện"))
    {
      guint k = j;
      while (k < dg_ntoks (x) && k < j + 60 && !(dg_tok_flags (x, k) & DG_TOK_BREAK)
             && !dg_tok_is (x, k, ".") && !dg_tok_is (x, k, ";") && !dg_tok_is (x, k, "“")
             && !dg_tok_is (x, k, "\"") && !dg_tok_is (x, k, "(") && !dg_tok_is (x, k, ":"))
        {
          DgMention *d = dg_mention_at (x, DG_M_DOC, k);
          if (d)
            {
              /* The title runs through the document it details. */
              *t0 = j;
              *t1 = d->t1;
              return TRUE;
            }
          k++;
        }
      return FALSE;
    }
  if (dg_tok_is (x, j, "“") || dg_tok_is (x, j, "\""))
    quoted = TRUE;
  else if (j == i)
    return FALSE;
  const DgSentence *s = dg_tok_sentence (x, j);
  if (s == NULL || j >= s->t1)
    return FALSE;
  guint k = j;
  if (quoted)
    {
      const char *close = dg_tok_is (x, j, "“") ? "”" : "\"";
      for (k = j + 1; k < s->t1 && k < j + 80; k++)
        if (dg_tok_is (x, k, close))
          {
            *t0 = j + 1;
            *t1 = k;
            return k > j + 1;
          }
      /* An unclosed quote: the title runs to ", của" or the clause end. */
      k = j + 1;
      j = j + 1;
    }
  const DgPhraseTable *types = dg_phrases ("doc-types.tsv", 0);
  for (; k < s->t1 && k < j + 60; k++)
    {
      if (dg_tok_is (x, k, ";") || dg_tok_is (x, k, ":") || dg_tok_is (x, k, "(")
          || dg_tok_is (x, k, ".") || (dg_tok_flags (x, k) & DG_TOK_BREAK))
        break;
      if (dg_tok_is (x, k, ","))
        {
          guint next = k + 1;
          if (dg_tok_is (x, next, "ngày") || dg_tok_is (x, next, "trong")
              || dg_tok_is (x, next, "các") || dg_tok_is (x, next, "đồng"))
            break;
          if ((dg_tok_flags (x, next) & DG_TOK_UPPER) && dg_org_at (x, next))
            break;
          guint n;
          if ((dg_tok_flags (x, next) & DG_TOK_UPPER)
              && (dg_phrase_match (x, types, next, NULL, &n)
                  || dg_phrase_match (x, dg_phrases ("titles.tsv", 0), next, NULL, &n)))
            break;
          if (quoted && dg_tok_is (x, next, "của"))
            break;
        }
      if (quoted && dg_tok_is (x, k, "của") && k > j && dg_tok_is (x, k - 1, ","))
        {
          k--;
          break;
        }
      /* "… tín dụng chính sách xã hội tại Hội nghị tổng kết …": where the
       * document was spoken of, not its title. */
      guint en;
      if (!quoted && dg_tok_is (x, k, "tại") && (dg_tok_flags (x, k + 1) & DG_TOK_UPPER)
          && dg_phrase_match (x, dg_phrases ("event-heads.tsv", 0), k + 1, NULL, &en))
        break;
      /* "… trong tình hình mới và Nghị quyết số 169/NQ-CP": the next
       * document of a list. */
      guint tn;
      if (!quoted && dg_tok_is (x, k, "và") && (dg_tok_flags (x, k + 1) & DG_TOK_UPPER)
          && dg_phrase_match (x, types, k + 1, NULL, &tn))
        break;
      /* "… đô thị văn minh” và Quốc hội thông qua …": another subject. */
      if (!quoted && dg_tok_is (x, k, "và") && (dg_tok_flags (x, k + 1) & DG_TOK_UPPER)
          && dg_org_at (x, k + 1))
        break;
    }
  /* Drop a trailing comma. */
  while (k > j && (dg_tok_is (x, k - 1, ",") || dg_tok_is (x, k - 1, "-")))
    k--;
  if (k <= j)
    return FALSE;
  *t0 = j;
  *t1 = k;
  return TRUE;
}

/* Date, issuer and title that follow a document mention ending at token i.
 * Lists of documents share what follows the last ("Nghị quyết 36-NQ/TW,
 * Chỉ thị 45-CT/TW và Kết luận 12-KL/TW của Bộ Chính trị"). */
static void
describe (DgExtract *x, DgMention *doc)
{
  guint j = doc_date_after (x, doc->node, doc->t1);
  guint end;
  DgMention *org = org_after_cua (x, j, &end);
  if (org)
    {
      guint s = dg_mention_start (x, doc), e = dg_mention_end (x, org);
      dg_graph_add_edge (x->graph, DG_EDGE_ISSUED_BY, doc->node, org->node, NULL, s, e,
                         "issued-by.cua");
      if (dg_node_get_attr (org->node, "level"))
        dg_node_set_attr (doc->node, "level", dg_node_get_attr (org->node, "level"), FALSE);
      j = end;
      /* A joint document ("05/2015/TTLT-BTP-BCA-BYT … của Bộ Tư pháp, Bộ
       * Công an và Bộ Y tế"): as many issuers as its code names. */
      const char *code = dg_node_get_attr (doc->node, "code");
      guint parts = 0;
      const char *dash = code ? strrchr (code, '/') : NULL;
      for (const char *p = dash; p && *p; p++)
        parts += *p == '-';
      for (guint more = 0; more < parts - (parts > 0) && parts >= 2; more++)
        {
          if (!(dg_tok_is (x, j, ",") || dg_tok_is (x, j, "và")))
            break;
          DgMention *o = dg_org_at (x, j + 1);
          if (o == NULL)
            break;
          dg_graph_add_edge (x->graph, DG_EDGE_ISSUED_BY, doc->node, o->node, NULL, s,
                             dg_mention_end (x, o), "issued-by.cua");
          j = o->t1;
        }
      j = doc_date_after (x, doc->node, j);
    }
  doc->desc_end = j;
  guint t0, t1;
  if (title_after (x, j, &t0, &t1))
    {
      dg_mention_set_title (x, doc, t0, t1);
      doc->desc_end = t1;
      g_autofree char *title = dg_tok_text (x, t0, t1);
      dg_node_set_attr (doc->node, "title", title, FALSE);
    }
}

/* ------------------------------------------------------------ code pass */

static void
add_code_mention (DgExtract *x, GMatchInfo *mi, gboolean party, gboolean law)
{
  gint ms, me;
  g_match_info_fetch_pos (mi, 0, &ms, &me);
  g_autofree char *number = g_match_info_fetch (mi, 1);
  g_autofree char *letters = NULL;
  g_autofree char *issuer_part = NULL;
  g_autofree char *year = NULL;
  if (law)
    {
      year = g_match_info_fetch (mi, 2);
      issuer_part = g_match_info_fetch (mi, 3);
    }
  else if (party)
    {
      letters = g_match_info_fetch (mi, 2);
      issuer_part = g_match_info_fetch (mi, 3);
    }
  else
    {
      year = g_match_info_fetch (mi, 2);
      letters = g_match_info_fetch (mi, 3);
      issuer_part = g_match_info_fetch (mi, 4);
    }
  guint t0 = tok_at_byte (x, (guint) ms);
  guint t1 = tok_at_byte (x, (guint) me);
  if (t0 >= t1)
    return;
  /* The type word before, with or without "số". */
  guint before = t0;
  if (before > 0 && (dg_tok_is (x, before - 1, "số") || dg_tok_is (x, before - 1, "số:")))
    before--;
  guint type_t0 = before;
  GStrv type_row = type_before (x, before, &type_t0);
  const char *doc_type = type_row ? dg_data_field (type_row, 1) : NULL;
  if (doc_type && strcmp (doc_type, "-") == 0)
    doc_type = NULL;
  if (doc_type == NULL && letters)
    doc_type = type_from_letters (letters);
  if (doc_type == NULL)
    doc_type = law ? "Luật" : "Văn bản";
  g_autofree char *code = squeeze_code (x->text + ms, me - ms);
  DgNode *node = doc_node (x, code, doc_type, number);
  DgMention *m = dg_mention_new (x, DG_M_DOC, type_row ? type_t0 : t0, t1,
                                 type_row ? "doc.type-code" : "doc.code");
  m->node = node;
  dg_node_add_mention (node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
  /* "526/UBND-TNMT": a letter of a People's Committee, drafted by its
   * department; the committee is the issuer. */
  g_autofree char *fl = letters ? dg_fold_phrase (letters) : NULL;
  gboolean local_letters = fl && (strcmp (fl, "ubnd") == 0 || strcmp (fl, "hđnd") == 0
                                  || strcmp (fl, "ub") == 0);
  const char *level = local_letters ? NULL : level_from_code (issuer_part, party);
  if (level)
    dg_node_set_attr (node, "level", level, FALSE);
  dg_node_set_attr (node, "national",
                    !local_letters && code_is_national (issuer_part, party) ? "true" : "false", FALSE);
  if (year && *year)
    dg_node_set_attr (node, "year", year, FALSE);
}

static void
find_codes (DgExtract *x)
{
  const CodePatterns *p = patterns ();
  GRegex *res[] = { p->law, p->party, p->state };
  for (guint r = 0; r < G_N_ELEMENTS (res); r++)
    {
      g_autoptr (GMatchInfo) mi = NULL;
      g_regex_match_full (res[r], x->text, x->len, 0, 0, &mi, NULL);
      while (g_match_info_matches (mi))
        {
          gint ms, me;
          g_match_info_fetch_pos (mi, 0, &ms, &me);
          /* A law code is also a state code: keep the first reading. */
          guint t0 = tok_at_byte (x, (guint) ms);
          gboolean taken = dg_covered (x, DG_M_DOC, t0);
          if (!taken)
            add_code_mention (x, mi, res[r] == p->party, res[r] == p->law);
          g_match_info_next (mi, NULL);
        }
    }
}

/* "Quy định số 181 của Bộ Chính trị", "Nghị quyết 35": a type and a bare
 * number. The same type and number with a code earlier in the article are
 * that document. */
static void
find_numbers (DgExtract *x)
{
  const DgPhraseTable *types = dg_phrases ("doc-types.tsv", 0);
  static const char *const not_after[] = {
    "năm", "tháng", "ngày", "người", "điểm", "đại", "lần", "%", "/", "-", "–", "nội", "cấp",
    "giai", "mục", "nhiệm", "nhóm", "chương", "điều", "khoản", NULL,
  };
  guint n = dg_ntoks (x);
  for (guint i = 0; i + 1 < n; i++)
    {
      /* A capitalised type, or one followed by "số". */
      if (!(dg_tok_flags (x, i) & DG_TOK_UPPER) && !dg_tok_is (x, i + 1, "số")
          && !dg_tok_is (x, i + 2, "số") && !dg_tok_is (x, i + 3, "số"))
        continue;
      guint len;
      GStrv row = dg_phrase_match (x, types, i, NULL, &len);
      if (row == NULL)
        continue;
      guint j = i + len;
      gboolean so = dg_tok_is (x, j, "số");
      if (so)
        j++;
      if (!(dg_tok_flags (x, i) & DG_TOK_UPPER) && !so)
        continue;
      const char *num = dg_tok_fold (x, j);
      if (!(dg_tok_flags (x, j) & DG_TOK_DIGIT) || strlen (num) > 4)
        continue;
      gboolean bad = FALSE;
      for (guint k = 0; not_after[k] && !bad; k++)
        bad = dg_tok_is (x, j + 1, not_after[k]);
      /* "Quyết định số 218 ngày 12-12-2013": a date, not "15 ngày". */
      if (bad && so && dg_tok_is (x, j + 1, "ngày") && (dg_tok_flags (x, j + 2) & DG_TOK_DIGIT))
        {
          g_autofree char *date = dg_parse_date (x, j + 2, 0, NULL);
          bad = date == NULL;
        }
      bad = bad || dg_covered (x, DG_M_DOC, j);
      if (bad)
        continue;
      const char *doc_type = dg_data_field (row, 1);
      /* "Văn bản số 339": a letter, numbered but with no code to type it. */
      if (strcmp (doc_type, "-") == 0 && so && dg_tok_is (x, i, "văn") && len == 2)
        doc_type = "Văn bản";
      if (strcmp (doc_type, "-") == 0)
        continue;
      DgNode *node = NULL;
      for (guint k = 0; k < dg_graph_n_nodes (x->graph) && !node; k++)
        {
          DgNode *d = dg_graph_node (x->graph, k);
          if (dg_node_type (d) == DG_NODE_DOCUMENT
              && g_strcmp0 (dg_node_get_attr (d, "number"), num) == 0
              && g_strcmp0 (dg_node_get_attr (d, "doc_type"), doc_type) == 0)
            node = d;
        }
      if (node == NULL)
        {
          g_autofree char *key = g_strdup_printf ("number:%s:%s", dg_tok_fold (x, i), num);
          g_autofree char *label = g_strdup_printf ("%s số %s", doc_type, num);
          node = dg_graph_add_node (x->graph, DG_NODE_DOCUMENT, key, label);
          dg_node_set_attr (node, "doc_type", doc_type, FALSE);
          dg_node_set_attr (node, "number", num, FALSE);
        }
      DgMention *m = dg_mention_new (x, DG_M_DOC, i, j + 1, "doc.type-number");
      m->node = node;
      dg_node_add_mention (node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
      i = j;
      /* "Quyết định 935, 936", "Chỉ thị 05 và 06": more numbers of the
       * type. */
      while ((dg_tok_is (x, i + 1, ",") || dg_tok_is (x, i + 1, "và"))
             && (dg_tok_flags (x, i + 2) & DG_TOK_DIGIT) && strlen (dg_tok_fold (x, i + 2)) <= 4
             && !dg_covered (x, DG_M_DOC, i + 2))
        {
          gboolean unit = FALSE;
          for (guint k = 0; not_after[k] && !unit; k++)
            unit = dg_tok_is (x, i + 3, not_after[k]);
          if (unit)
            break;
          const char *more = dg_tok_fold (x, i + 2);
          g_autofree char *key = g_strdup_printf ("number:%s:%s", dg_tok_fold (x, m->t0), more);
          g_autofree char *label = g_strdup_printf ("%s số %s", doc_type, more);
          DgNode *other = dg_graph_add_node (x->graph, DG_NODE_DOCUMENT, key, label);
          dg_node_set_attr (other, "doc_type", doc_type, FALSE);
          dg_node_set_attr (other, "number", more, FALSE);
          DgMention *o = dg_mention_new (x, DG_M_DOC, i + 2, i + 3, "doc.number-list");
          o->node = other;
          dg_node_add_mention (other, dg_mention_start (x, o), dg_mention_end (x, o), o->rule);
          i += 2;
        }
    }
}

/* ------------------------------------------------------------ named docs */

static guint
roman_or_number (const DgExtract *x, guint i)
{
  const char *f = dg_tok_fold (x, i);
  if (*f == '\0')
    return 0;
  if (dg_tok_flags (x, i) & DG_TOK_DIGIT)
    return 1;
  for (const char *p = f; *p; p++)
    if (!strchr ("ivxl", *p))
      return 0;
  return (dg_tok_flags (x, i) & DG_TOK_UPPER) ? 1 : 0;
}

/* The number of a plenum at token i: "4", "tư", "năm", …; 0 when none. */
static guint
plenum_number (const DgExtract *x, guint i)
{
  static const char *const words[] = {
    "nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", NULL,
  };
  if (dg_tok_flags (x, i) & DG_TOK_DIGIT)
    return (guint) atoi (dg_tok_fold (x, i));
  for (guint k = 0; words[k]; k++)
    if (dg_tok_is (x, i, words[k]))
      return k + 1;
  return 0;
}

/* "Nghị quyết Đại hội XIII của Đảng", "Nghị quyết Đại hội đại biểu toàn
 * quốc lần thứ XII của Đảng", "Nghị quyết Đại hội XI Đảng bộ tỉnh",
 * "Nghị quyết Trung ương 4 (khóa XII)". */
static void
find_congress_resolutions (DgExtract *x)
{
  guint n = dg_ntoks (x);
  for (guint i = 0; i + 2 < n; i++)
    {
      if (!dg_tok_phrase (x, i, "nghị quyết") || !(dg_tok_flags (x, i) & DG_TOK_UPPER))
        continue;
      guint j = i + 2;
      gboolean congress = FALSE;
      guint plenum = 0, term = 0;
      /* "Nghị quyết của Đại hội XIV của Đảng". */
      if (dg_tok_phrase (x, j, "của đại hội"))
        j++;
      guint roman = 0;
      gboolean national = FALSE;
      if (dg_tok_phrase (x, j, "đại hội"))
        {
          congress = TRUE;
          j += 2;
          if (dg_tok_phrase (x, j, "đại biểu"))
            j += 2;
          if (dg_tok_phrase (x, j, "đảng toàn quốc"))
            j++;
          if (dg_tok_phrase (x, j, "toàn quốc"))
            j += 2, national = TRUE;
          /* "Đại hội Đảng bộ tỉnh lần thứ XVIII", "đại hội Đảng bộ thành
           * phố Hà Nội lần thứ XVI": the body first, the number after. */
          guint body = 0, body_end = 0;
          if (dg_tok_phrase (x, j, "đảng bộ"))
            {
              guint q = j + 2;
              q += dg_tok_phrase (x, q, "thành phố") ? 2
                   : (dg_tok_is (x, q, "tỉnh") || dg_tok_is (x, q, "huyện") || dg_tok_is (x, q, "quận")
                      || dg_tok_is (x, q, "xã")) ? 1 : 0;
              while (q < n && (dg_tok_flags (x, q) & DG_TOK_UPPER) && (dg_tok_flags (x, q) & DG_TOK_WORD)
                     && !dg_tok_phrase (x, q, "lần thứ"))
                q++;
              if (dg_tok_phrase (x, q, "lần thứ") && roman_or_number (x, q + 2))
                body = j, body_end = q, j = q;
            }
          if (dg_tok_phrase (x, j, "lần thứ"))
            j += 2;
          if (!roman_or_number (x, j))
            continue;
          roman = j;
          j++;
          if (body)
            {
              /* Keyed as "… Đại hội XVIII Đảng bộ tỉnh": one node whichever
               * order the article uses. */
              g_autofree char *label = dg_tok_text (x, i, j);
              g_autofree char *r = dg_text_fold_search (dg_tok_fold (x, roman), -1);
              g_autofree char *where = dg_tok_text (x, body, body_end);
              g_autofree char *fw = dg_text_fold_search (where, -1);
              g_autofree char *key = NULL;
              if (x->province && strcmp (fw, "dang bo tinh") == 0)
                key = g_strdup_printf ("named:nghi quyet dai hoi %s %s %s", r, fw, x->province);
              else
                key = g_strdup_printf ("named:nghi quyet dai hoi %s %s", r, fw);
              DgNode *node = dg_graph_add_node (x->graph, DG_NODE_DOCUMENT, key, label);
              dg_node_set_attr (node, "doc_type", "Nghị quyết", FALSE);
              dg_node_set_attr (node, "title", label, FALSE);
              DgMention *m = dg_mention_new (x, DG_M_DOC, i, j, "doc.congress");
              m->node = node;
              dg_node_add_mention (node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
              i = j - 1;
              continue;
            }
          if (dg_tok_phrase (x, j, "của đảng") && !dg_tok_phrase (x, j, "của đảng bộ"))
            j += 2, national = TRUE;
          else if (dg_tok_phrase (x, j, "đảng bộ") || dg_tok_phrase (x, j, "của đảng bộ"))
            {
              j += dg_tok_is (x, j, "của") ? 3 : 2;
              guint wl = 0;
              if (dg_tok_is (x, j, "tỉnh") || dg_tok_is (x, j, "huyện") || dg_tok_is (x, j, "quận")
                  || dg_tok_phrase (x, j, "thành phố") || dg_tok_is (x, j, "xã"))
                wl = dg_tok_phrase (x, j, "thành phố") ? 2 : 1;
              j += wl;
              while (j < n && (dg_tok_flags (x, j) & DG_TOK_UPPER) && (dg_tok_flags (x, j) & DG_TOK_WORD))
                j++;
            }
          else if (dg_tok_is (x, j, "đảng"))
            j++, national = TRUE;
          else
            national = TRUE;
        }
      else if (dg_tok_phrase (x, j, "trung ương") || dg_tok_phrase (x, j, "hội nghị trung ương"))
        {
          j += dg_tok_is (x, j, "hội") ? 4 : 2;
          if (!(dg_tok_flags (x, j) & DG_TOK_DIGIT))
            continue;
          plenum = j;
          j++;
          if (dg_tok_is (x, j, "(") && dg_tok_is (x, j + 1, "khóa") && roman_or_number (x, j + 2)
              && dg_tok_is (x, j + 3, ")"))
            term = j + 2, j += 4;
          else if (dg_tok_is (x, j, "khóa") && roman_or_number (x, j + 1))
            term = j + 1, j += 2;
        }
      /* "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa
       * XII". */
      else if ((dg_tok_phrase (x, j, "hội nghị lần thứ") && plenum_number (x, j + 4)
                && dg_tok_phrase (x, j + 5, "ban chấp hành trung ương"))
               /* "Nghị quyết Hội nghị 5 Ban Chấp hành Trung ương khóa XII". */
               || (dg_tok_phrase (x, j, "hội nghị") && (dg_tok_flags (x, j + 2) & DG_TOK_DIGIT)
                   && dg_tok_phrase (x, j + 3, "ban chấp hành trung ương")))
        {
          gboolean numbered = dg_tok_phrase (x, j, "hội nghị lần thứ");
          plenum = numbered ? j + 4 : j + 2;
          j = plenum + 6;
          if (dg_tok_is (x, j, "đảng"))
            j++;
          if (dg_tok_is (x, j, "khóa") && roman_or_number (x, j + 1))
            term = j + 1, j += 2;
          else if (dg_tok_is (x, j, "(") && dg_tok_is (x, j + 1, "khóa") && roman_or_number (x, j + 2)
                   && dg_tok_is (x, j + 3, ")"))
            term = j + 2, j += 4;
        }
      else
        continue;
      g_autofree char *label = dg_tok_text (x, i, j);
      /* "(khóa XII)" and "khóa XII" are one: no punctuation in the key. */
      g_autofree char *fl0 = dg_text_fold_search (label, -1);
      /* "… XI của Đảng bộ tỉnh" and "… XI Đảng bộ tỉnh" are one. */
      g_autoptr (GString) fls = g_string_new (fl0);
      g_string_replace (fls, " cua dang bo", " dang bo", 0);
      const char *fl = fls->str;
      /* A congress of "Đảng bộ tỉnh" is the article's province's. */
      g_autofree char *key = NULL;
      if (congress && national)
        {
          /* The national congress's resolution, however it is written
           * ("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của
           * Đảng", "Nghị quyết Đại hội XIII"). */
          g_autofree char *r = g_ascii_strup (dg_tok_fold (x, roman), -1);
          key = g_strdup_printf ("named:nghi quyet dai hoi %s cua dang", r);
          for (char *p = key; *p; p++)
            *p = g_ascii_tolower (*p);
        }
      else if (plenum)
        {
          /* A plenum's resolution however written: "Nghị quyết Trung ương 4
           * (khóa XII)" = "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành
           * Trung ương Đảng khóa XII". */
          g_autofree char *t = term ? g_ascii_strdown (dg_tok_fold (x, term), -1) : NULL;
          key = g_strdup_printf ("named:nghi quyet trung uong %u%s%s", plenum_number (x, plenum),
                                 t ? " khoa " : "", t ? t : "");
        }
      else if (congress && x->province && g_str_has_suffix (fl, "dang bo tinh"))
        key = g_strdup_printf ("named:%s %s", fl, x->province);
      else
        key = g_strdup_printf ("named:%s", fl);
      DgNode *node = dg_graph_add_node (x->graph, DG_NODE_DOCUMENT, key, label);
      dg_node_set_attr (node, "doc_type", "Nghị quyết", FALSE);
      dg_node_set_attr (node, "title", label, FALSE);
      DgMention *m = dg_mention_new (x, DG_M_DOC, i, j, "doc.congress");
      m->node = node;
      dg_node_add_mention (node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
      i = j - 1;
    }
}

/* A stop word that ends every name ("đã", "với", "nhằm"). */
static gboolean
stop_all (const DgExtract *x, guint i)
{
  guint n;
  GStrv row = dg_phrase_match (x, dg_phrases ("stop-words.tsv", 0), i, NULL, &n);
  return row && strcmp (dg_data_field (row, 1), "all") == 0;
}

/* "Nghị quyết số 63/NQ-CP ngày 22/7/2016 của Chính phủ ban hành …": a
 * numbered document, its date and its issuer end right before token i. */
static gboolean
numbered_doc_before (DgExtract *x, guint i)
{
  const DgSentence *s = dg_tok_sentence (x, i);
  for (guint t = i > 24 ? i - 24 : 0; t < i; t++)
    {
      DgMention *m = dg_mention_at (x, DG_M_DOC, t);
      if (m == NULL || dg_tok_sentence (x, t) != s || !dg_node_get_attr (m->node, "number"))
        continue;
      guint j = doc_date_after (x, m->node, m->t1), end;
      DgMention *org = org_after_cua (x, j, &end);
      if (org)
        j = doc_date_after (x, m->node, end);
      if (j == i)
        return TRUE;
    }
  return FALSE;
}

/* A document without a number at tokens t0..t1, named by its type and
 * what follows (the title, title_t0..t1): one node per name. */
static DgMention *
unnumbered_doc (DgExtract *x, guint t0, guint t1, guint title_t0, guint title_t1, const char *doc_type,
                const char *rule)
{
  g_autofree char *label = dg_tok_text (x, t0, t1);
  g_autofree char *fl = dg_fold_phrase (label);
  g_autofree char *key = g_strdup_printf ("issued:%s", fl);
  DgNode *node = dg_graph_add_node (x->graph, DG_NODE_DOCUMENT, key, label);
  dg_node_set_attr (node, "doc_type", doc_type, FALSE);
  g_autofree char *title = dg_tok_text (x, title_t0, title_t1);
  dg_node_set_attr (node, "title", title, FALSE);
  DgMention *m = dg_mention_new (x, DG_M_DOC, t0, t1, rule);
  m->node = node;
  dg_node_add_mention (node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
  return m;
}

/* Where a person comes into a document's name ("quyết định giao đồng chí
 * A …", "… phân công Phó Giáo sư, Tiến sĩ B"): the name stops there. */
static gboolean
person_ahead (const DgExtract *x, guint e)
{
  guint n;
  if (dg_tok_phrase (x, e, "đồng chí") || dg_tok_is (x, e, "ông") || dg_tok_is (x, e, "bà"))
    return TRUE;
  /* Academic prefixes only: "bổ nhiệm Tổng Biên tập Tạp chí Cộng sản" names
   * the post. */
  GStrv row = (dg_tok_flags (x, e) & DG_TOK_UPPER)
                ? dg_phrase_match (x, dg_phrases ("titles.tsv", 0), e, NULL, &n) : NULL;
  return row && strcmp (dg_data_field (row, 2), "prefix") == 0;
}

/* "… ban hành Kế hoạch tổ chức đợt sinh hoạt chính trị …": a document the
 * sentence says an organization issued, named by its type and purpose. */
static void
find_issued_unnumbered (DgExtract *x)
{
  const DgPhraseTable *types = dg_phrases ("doc-types.tsv", 0);
  guint n = dg_ntoks (x);
  for (guint i = 0; i + 2 < n; i++)
    {
      /* "… ban hành Kế hoạch …", "VOV và UBND Nghệ An đã ký kết Chương trình
       * hợp tác truyền thông". */
      const char *w0 = dg_tok_fold (x, i);
      if (strcmp (w0, "ban") != 0 && strcmp (w0, "ký") != 0 && strcmp (w0, "công") != 0
          && strcmp (w0, "trao") != 0)
        continue;
      /* "… công bố (và trao) Quyết định bổ nhiệm …": a decision handed
       * over. */
      guint tl = dg_tok_phrase (x, i, "ban hành") || dg_tok_phrase (x, i, "ký kết")
                   || dg_tok_phrase (x, i, "công bố") ? 2 : 0;
      if (tl && dg_tok_phrase (x, i, "công bố và trao"))
        tl = 4;
      if (!tl && dg_tok_is (x, i, "trao") && dg_tok_phrase (x, i + 1, "quyết định"))
        tl = 1;
      /* "Quyết định ban hành Bộ tiêu chí …": the type first, what it puts
       * into force after. */
      guint tyl;
      if (dg_tok_phrase (x, i, "ban hành") && i > 0 && !dg_covered (x, DG_M_DOC, i - 1))
        {
          guint q = i;
          GStrv before = NULL;
          for (guint back = 1; back <= 3 && back <= i && !before; back++)
            {
              GStrv r = dg_phrase_match (x, types, i - back, NULL, &tyl);
              if (r && tyl == back && (dg_tok_flags (x, i - back) & DG_TOK_UPPER)
                  && strcmp (dg_data_field (r, 1), "-") != 0)
                before = r, q = i - back;
            }
          if (before)
            {
              const DgSentence *s = dg_tok_sentence (x, i);
              guint e = i + 2;
              while (e < s->t1 && e < i + 16 && (dg_tok_flags (x, e) & DG_TOK_WORD)
                     && !stop_all (x, e) && !dg_covered (x, DG_M_DOC, e) && !person_ahead (x, e)
                     && !dg_tok_is (x, e, "do"))
                e++;
              if (e >= i + 4)
                {
                  DgMention *m = unnumbered_doc (x, q, e, i, e, dg_data_field (before, 1),
                                                 "doc.type-ban-hanh");
                  dg_mention_set_title (x, m, i, e);
                  i = e - 1;
                  continue;
                }
            }
        }
      if (!tl)
        continue;
      guint j = i + tl;
      guint len;
      GStrv row = dg_phrase_match (x, types, j, NULL, &len);
      if (row == NULL)
        continue;
      const char *doc_type = dg_data_field (row, 1);
      /* In lower case only with its issuer right before: "Ban Tuyên giáo
       * Trung ương ban hành hướng dẫn tuyên truyền …". */
      /* "Ban Nội chính T.Ư cho biết đã ban hành văn bản thông báo …". */
      guint b = i;
      if (b > 2 && dg_tok_is (x, b - 1, "đã") && dg_tok_phrase (x, b - 3, "cho biết"))
        b -= 3;
      else if (b > 1 && dg_tok_phrase (x, b - 2, "cho biết"))
        b -= 2;
      gboolean by_org = dg_org_subject_before (x, b) != NULL;
      if (strcmp (doc_type, "-") == 0 || (!(dg_tok_flags (x, j) & DG_TOK_UPPER) && !by_org))
        continue;
      guint k = j + len;
      /* A number or code follows: the numbered pass has it. */
      gboolean numbered = dg_tok_is (x, k, "số") || (dg_tok_flags (x, k) & DG_TOK_DIGIT);
      for (guint q = j; q <= k && !numbered; q++)
        numbered = dg_covered (x, DG_M_DOC, q);
      if (numbered || numbered_doc_before (x, i))
        continue;
      const DgSentence *s = dg_tok_sentence (x, k);
      guint e = k;
      /* "Nghị quyết Ban hành Chương trình hành động …": a resolution that
       * puts a programme into force. */
      if (dg_tok_phrase (x, e, "ban hành"))
        e += 2;
      while (e < s->t1 && e < k + 14 && (dg_tok_flags (x, e) & DG_TOK_WORD) && !stop_all (x, e)
             && !dg_covered (x, DG_M_DOC, e) && !(dg_tok_is (x, e, "cho") && e > k + 1)
             && !person_ahead (x, e))
        e++;
      if (e < k + 2)
        continue;
      DgMention *m = unnumbered_doc (x, j, e, k, e, doc_type, "doc.issued-unnumbered");
      dg_mention_set_title (x, m, k, e);
      i = e - 1;
    }
}

/* "Điều lệ Đảng": the Party's charter, one document however often named. */
static void
find_charter (DgExtract *x)
{
  guint n = dg_ntoks (x);
  for (guint i = 0; i + 2 < n; i++)
    {
      if (!dg_tok_phrase (x, i, "điều lệ đảng") || !(dg_tok_flags (x, i) & DG_TOK_UPPER)
          || dg_covered (x, DG_M_DOC, i) || dg_tok_phrase (x, i + 2, "đảng bộ")
          || dg_tok_phrase (x, i + 2, "đảng viên"))
        continue;
      g_autofree char *label = dg_tok_text (x, i, i + 3);
      DgNode *node = dg_graph_add_node (x->graph, DG_NODE_DOCUMENT, "named:dieu le dang", label);
      dg_node_set_attr (node, "doc_type", "Điều lệ", FALSE);
      dg_node_set_attr (node, "level", "central", FALSE);
      DgMention *m = dg_mention_new (x, DG_M_DOC, i, i + 3, "doc.charter");
      m->node = node;
      m->desc_end = i + 3;
      dg_node_add_mention (node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
      i += 2;
    }
}

/* "Luật Phòng, chống tham nhũng năm 2018", "Luật Đất đai 2013": a law by
 * its name, the year kept in the name. */
static void
find_laws (DgExtract *x)
{
  guint n = dg_ntoks (x);
  for (guint i = 0; i + 1 < n; i++)
    {
      /* "Hiến pháp năm 2013": the constitution, by its year. */
      if (dg_tok_phrase (x, i, "hiến pháp") && (dg_tok_flags (x, i) & DG_TOK_UPPER)
          && !dg_covered (x, DG_M_DOC, i))
        {
          guint k = i + 2;
          if (dg_tok_is (x, k, "năm"))
            k++;
          if (!(dg_tok_flags (x, k) & DG_TOK_DIGIT) || strlen (dg_tok_fold (x, k)) != 4)
            continue;
          g_autofree char *label = dg_tok_text (x, i, k + 1);
          g_autofree char *key = g_strdup_printf ("law:hien phap#%s", dg_tok_fold (x, k));
          DgNode *node = dg_graph_add_node (x->graph, DG_NODE_DOCUMENT, key, label);
          dg_node_set_attr (node, "doc_type", "Hiến pháp", FALSE);
          dg_node_set_attr (node, "level", "central", FALSE);
          dg_node_set_attr (node, "year", dg_tok_fold (x, k), FALSE);
          DgMention *m = dg_mention_new (x, DG_M_DOC, i, k + 1, "doc.constitution");
          m->node = node;
          m->desc_end = k + 1;
          dg_node_add_mention (node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
          i = k;
          continue;
        }
      if (!(dg_tok_is (x, i, "luật") || dg_tok_phrase (x, i, "bộ luật"))
          || !(dg_tok_flags (x, i) & DG_TOK_UPPER))
        continue;
      guint j = i + (dg_tok_is (x, i, "bộ") ? 2 : 1);
      /* "Luật tổ chức chính quyền địa phương năm 2015": in lower case only
       * with its year. */
      gboolean lower_named = FALSE;
      if (!(dg_tok_flags (x, j) & DG_TOK_UPPER) && (dg_tok_flags (x, j) & DG_TOK_WORD))
        for (guint q = j + 1; q < j + 10 && q + 1 < n && !lower_named; q++)
          {
            if (!(dg_tok_flags (x, q) & DG_TOK_WORD))
              break;
            lower_named = dg_tok_is (x, q, "năm") && (dg_tok_flags (x, q + 1) & DG_TOK_DIGIT)
                          && strlen (dg_tok_fold (x, q + 1)) == 4;
          }
      if ((!(dg_tok_flags (x, j) & DG_TOK_UPPER) && !lower_named) || (dg_tok_flags (x, j) & DG_TOK_DIGIT))
        continue;
      if (dg_covered (x, DG_M_DOC, i))
        continue;
      const DgSentence *s = dg_tok_sentence (x, i);
      guint k = j, lower = 0;
      while (k < s->t1 && k < j + 12)
        {
          guint f = dg_tok_flags (x, k);
          if ((f & DG_TOK_WORD) && !(f & DG_TOK_DIGIT))
            {
              if (!(f & DG_TOK_UPPER) && (dg_tok_is (x, k, "năm") || dg_tok_is (x, k, "số")
                                          || dg_tok_is (x, k, "về") || dg_tok_phrase (x, k, "quy định")
                                          || dg_tok_phrase (x, k, "đáp ứng") || ++lower > 8))
                break;
              /* "và" joins capitalised words of a name only. */
              if (dg_tok_is (x, k, "và") && !(dg_tok_flags (x, k + 1) & DG_TOK_UPPER))
                break;
              if (!(f & DG_TOK_UPPER) && !lower_named)
                {
                  guint sn;
                  if (dg_phrase_match (x, dg_phrases ("stop-words.tsv", 0), k, NULL, &sn))
                    break;
                }
              k++;
              continue;
            }
          /* "Luật Phòng, chống tham nhũng": a comma inside the name. */
          /* Not after an abbreviation: "Luật CĐ, việc thực hiện …". */
          if (dg_tok_is (x, k, ",") && (dg_tok_flags (x, k + 1) & DG_TOK_WORD)
              && !(dg_tok_flags (x, k + 1) & DG_TOK_UPPER) && k == j + 1
              && !(dg_tok_flags (x, j) & DG_TOK_CAPS))
            {
              k++;
              continue;
            }
          break;
        }
      guint year_end = k;
      const char *year = NULL;
      if (dg_tok_is (x, k, "năm") && (dg_tok_flags (x, k + 1) & DG_TOK_DIGIT)
          && strlen (dg_tok_fold (x, k + 1)) == 4)
        year = dg_tok_fold (x, k + 1), year_end = k + 2;
      else if ((dg_tok_flags (x, k) & DG_TOK_DIGIT) && strlen (dg_tok_fold (x, k)) == 4)
        year = dg_tok_fold (x, k), year_end = k + 1;
      if (k == j)
        continue;
      g_autofree char *label = dg_tok_text (x, i, year_end);
      g_autofree char *name = dg_tok_text (x, j, k);
      /* "Luật PCTN" is "Luật Phòng, chống tham nhũng": abbreviations
       * expanded, as in organization keys. */
      g_autofree char *expanded = dg_org_key (x, name);
      g_autofree char *folded = dg_text_fold_search (expanded, -1);
      g_autofree char *key = g_strdup_printf ("law:%s%s%s", folded, year ? "#" : "", year ? year : "");
      DgNode *node = dg_graph_add_node (x->graph, DG_NODE_DOCUMENT, key, label);
      dg_node_set_attr (node, "doc_type", dg_tok_is (x, i, "bộ") ? "Bộ luật" : "Luật", FALSE);
      dg_node_set_attr (node, "title", name, FALSE);
      dg_node_set_attr (node, "level", "central", FALSE);
      if (year)
        dg_node_set_attr (node, "year", year, FALSE);
      DgMention *m = dg_mention_new (x, DG_M_DOC, i, year_end, "doc.law");
      m->node = node;
      m->desc_end = year_end;
      dg_node_add_mention (node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
      i = year_end - 1;
    }
}

/* "Đề cương tuyên truyền của Ban Tuyên giáo Trung ương", "Chương trình
 * kiểm tra, giám sát năm 2017 của Thành ủy": a document without a number,
 * named by its type and purpose and by who issued it. */
static void
find_named_of (DgExtract *x)
{
  const DgPhraseTable *types = dg_phrases ("doc-types.tsv", 0);
  guint n = dg_ntoks (x);
  for (guint i = 0; i + 3 < n; i++)
    {
      if (!(dg_tok_flags (x, i) & DG_TOK_UPPER))
        continue;
      guint len;
      GStrv row = dg_phrase_match (x, types, i, NULL, &len);
      if (row == NULL || !(dg_tok_flags (x, i) & DG_TOK_UPPER)
          || strcmp (dg_data_field (row, 1), "-") == 0)
        continue;
      gboolean taken = FALSE;
      for (guint q = i; q < i + len && !taken; q++)
        taken = dg_covered (x, DG_M_DOC, q) || dg_covered (x, DG_M_ORG, q);
      guint j = i + len;
      if (taken || dg_tok_is (x, j, "số") || (dg_tok_flags (x, j) & DG_TOK_DIGIT)
          || dg_tok_is (x, j, "của"))
        continue;
      const DgSentence *s = dg_tok_sentence (x, i);
      guint k = j;
      while (k < s->t1 && k < j + 12)
        {
          guint f = dg_tok_flags (x, k);
          guint sn;
          if (dg_tok_is (x, k, "của"))
            break;
          if ((f & DG_TOK_WORD) && !dg_phrase_match (x, dg_phrases ("stop-words.tsv", 0), k, NULL, &sn))
            k++;
          else if (dg_tok_is (x, k, ",") && (dg_tok_flags (x, k + 1) & DG_TOK_WORD)
                   && !(dg_tok_flags (x, k + 1) & DG_TOK_UPPER))
            k++;
          else
            break;
        }
      if (k == j || !dg_tok_is (x, k, "của") || !dg_org_at (x, k + 1))
        continue;
      DgMention *org = dg_org_at (x, k + 1);
      DgMention *m = unnumbered_doc (x, i, k, j, k, dg_data_field (row, 1), "doc.named-of");
      dg_graph_add_edge (x->graph, DG_EDGE_ISSUED_BY, m->node, org->node, NULL,
                         dg_mention_start (x, m), dg_mention_end (x, org), "issued-by.cua");
      m->desc_end = org->t1;
      i = k - 1;
    }
}

/* "Nghị quyết về phát triển kinh tế tư nhân …", 'Đề án "Hoàn thiện thể chế
 * kinh tế thị trường …"', "Tờ trình về hiệp thương …": a capitalised type
 * with a title after "về" or in quotes names a document of its own. At the
 * start of a sentence only a quoted title counts ("Báo cáo về …" may be
 * a verb there). */
static void
find_named_about (DgExtract *x)
{
  const DgPhraseTable *types = dg_phrases ("doc-types.tsv", 0);
  guint n = dg_ntoks (x);
  for (guint i = 1; i + 3 < n; i++)
    {
      guint len;
      if (!(dg_tok_flags (x, i) & DG_TOK_UPPER))
        continue;
      GStrv row = dg_phrase_match (x, types, i, NULL, &len);
      if (row == NULL || strcmp (dg_data_field (row, 1), "-") == 0)
        continue;
      gboolean taken = FALSE;
      for (guint q = i; q < i + len && !taken; q++)
        taken = dg_covered (x, DG_M_DOC, q) || dg_covered (x, DG_M_ORG, q) || dg_in_title (x, q);
      const DgSentence *s = dg_tok_sentence (x, i);
      guint j = i + len;
      gboolean quoted = dg_tok_is (x, j, "“") || dg_tok_is (x, j, "\"");
      if (taken || dg_tok_is (x, i - 1, "các") || dg_tok_is (x, i - 1, "những")
          || (i == s->t0 && !quoted) || !(quoted || dg_tok_is (x, j, "về")))
        continue;
      /* Laws and the constitution have rules of their own. */
      if (g_str_has_prefix (dg_data_field (row, 1), "Luật")
          || g_str_has_prefix (dg_data_field (row, 1), "Bộ luật")
          || g_str_has_prefix (dg_data_field (row, 1), "Hiến pháp"))
        continue;
      guint t0, t1;
      if (!title_after (x, j, &t0, &t1))
        continue;
      /* An unquoted title stops at a word that ends every name ("còn",
       * "đã"). */
      for (guint q = t0 + 1; !quoted && q < t1; q++)
        if (stop_all (x, q))
          t1 = q;
      if (t1 < t0 + 2)
        continue;
      guint end = t1;
      if (quoted && (dg_tok_is (x, end, "”") || dg_tok_is (x, end, "\"")))
        end++;
      DgMention *m = unnumbered_doc (x, i, end, t0, t1, dg_data_field (row, 1), "doc.named-about");
      dg_mention_set_title (x, m, t0, t1);
      m->desc_end = end;
      i = end - 1;
    }
}

/* "Công điện của Tổng cục THADS", "Chỉ thị của Ban Bí thư": a type and
 * its issuer alone. When the article names a numbered document of that type
 * by that issuer, this refers back to it; otherwise it is a document of its
 * own. A lower-case type counts beside a capitalised one of the same type
 * in its sentence ("công điện của Thủ tướng, Công điện của …"). */
static void
find_type_of_org (DgExtract *x)
{
  const DgPhraseTable *types = dg_phrases ("doc-types.tsv", 0);
  guint n = dg_ntoks (x);
  for (guint i = 0; i + 3 < n; i++)
    {
      guint len;
      GStrv row = dg_phrase_match (x, types, i, NULL, &len);
      if (row == NULL || strcmp (dg_data_field (row, 1), "-") == 0 || !dg_tok_is (x, i + len, "của")
          || dg_covered (x, DG_M_DOC, i) || dg_covered (x, DG_M_ORG, i))
        continue;
      const char *doc_type = dg_data_field (row, 1);
      DgMention *org = dg_org_at (x, i + len + 1);
      /* "các Nghị quyết của Chính phủ": no particular one. */
      if (org == NULL || (i > 0 && (dg_tok_is (x, i - 1, "các") || dg_tok_is (x, i - 1, "những"))))
        continue;
      const DgSentence *s = dg_tok_sentence (x, i);
      gboolean upper = (dg_tok_flags (x, i) & DG_TOK_UPPER) != 0;
      for (guint k = s->t0; k < s->t1 && !upper; k++)
        {
          guint l2;
          GStrv r2 = k != i && (dg_tok_flags (x, k) & DG_TOK_UPPER)
                       ? dg_phrase_match (x, types, k, NULL, &l2) : NULL;
          upper = r2 && strcmp (dg_data_field (r2, 1), doc_type) == 0 && dg_tok_is (x, k + l2, "của");
        }
      if (!upper)
        continue;
      /* Another document of this type that this issuer issued, or whose
       * issuer is not known yet (numbered ones first), is the one meant:
       * "Ban Thường vụ … ban hành Công văn số 1248-CV/TU … Công văn của Ban
       * Thường vụ Tỉnh ủy nêu rõ". */
      DgNode *known = NULL;
      guint best = 0;
      for (guint k = 0; k < dg_graph_n_nodes (x->graph); k++)
        {
          DgNode *d = dg_graph_node (x->graph, k);
          const char *dk = dg_node_key (d);
          if (dg_node_type (d) != DG_NODE_DOCUMENT
              || g_strcmp0 (dg_node_get_attr (d, "doc_type"), doc_type) != 0
              || !(g_str_has_prefix (dk, "code:") || g_str_has_prefix (dk, "number:")
                   || g_str_has_prefix (dk, "issued:")))
            continue;
          guint score = 0;
          if (dg_graph_find_edge (x->graph, DG_EDGE_ISSUED_BY, d, org->node))
            score = 3;
          else if (!dg_graph_edge_from (x->graph, DG_EDGE_ISSUED_BY, d))
            score = dg_node_get_attr (d, "number") ? 2 : 1;
          if (score > best)
            best = score, known = d;
        }

      DgMention *m = dg_mention_new (x, DG_M_DOC, i, org->t1, known ? "doc.type-of-reference" : "doc.type-of");
      if (known)
        {
          m->node = known;
          m->reference = TRUE;
          if (best < 3)
            dg_graph_add_edge (x->graph, DG_EDGE_ISSUED_BY, known, org->node, NULL,
                               dg_mention_start (x, m), dg_mention_end (x, org), "issued-by.cua");
        }
      else
        {
          g_autofree char *label = dg_tok_text (x, i, org->t1);
          /* One per type and issuer; the issuer joins the key again when
           * the keys are made, so it stays out of the final key here. */
          g_autofree char *ft = dg_fold_phrase (doc_type);
          g_autofree char *okey = dg_org_key (x, dg_node_label (org->node));
          g_autofree char *key = g_strdup_printf ("issued:%s\x1f%s", ft, okey);
          m->node = dg_graph_add_node (x->graph, DG_NODE_DOCUMENT, key, label);
          dg_node_set_attr (m->node, "doc_type", doc_type, FALSE);
          dg_graph_add_edge (x->graph, DG_EDGE_ISSUED_BY, m->node, org->node, NULL,
                             dg_mention_start (x, m), dg_mention_end (x, org), "issued-by.cua");
        }
      m->desc_end = org->t1;
      guint t0, t1;
      if (!known && title_after (x, org->t1, &t0, &t1))
        {
          dg_mention_set_title (x, m, t0, t1);
          m->desc_end = t1;
          g_autofree char *title = dg_tok_text (x, t0, t1);
          dg_node_set_attr (m->node, "title", title, FALSE);
        }
      dg_node_add_mention (m->node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
      i = org->t1 - 1;
    }
}

/* ------------------------------------------------------------ works */

static const char *const work_words[] = {
  "tác phẩm", "cuốn sách", "quyển sách", "bộ sách", "bài viết", "cuốn", "sách", NULL,
};

static guint
work_word_at (const DgExtract *x, guint i)
{
  const char *f = dg_tok_fold (x, i);
  if (strcmp (f, "tác") != 0 && strcmp (f, "cuốn") != 0 && strcmp (f, "quyển") != 0
      && strcmp (f, "bộ") != 0 && strcmp (f, "bài") != 0 && strcmp (f, "sách") != 0)
    return 0;
  for (guint k = 0; work_words[k]; k++)
    if (dg_tok_phrase (x, i, work_words[k]))
      return dg_phrase_len (work_words[k]);
  return 0;
}

/* 'tác phẩm “Kiên quyết, kiên trì …” của Tổng Bí thư …' */
static void
find_works (DgExtract *x)
{
  guint n = dg_ntoks (x);
  GPtrArray *works = g_ptr_array_new ();
  for (guint i = 0; i + 2 < n; i++)
    {
      guint wl = work_word_at (x, i);
      if (wl == 0)
        continue;
      guint j = i + wl;
      if (!(dg_tok_is (x, j, "“") || dg_tok_is (x, j, "\"")))
        continue;
      guint t0, t1;
      if (!title_after (x, j, &t0, &t1) || t1 - t0 < 3)
        continue;
      g_autofree char *title = dg_tok_text (x, t0, t1);
      /* The key is the first words of the title, folded: citations cut and
       * punctuate titles differently. */
      g_autofree char *folded = dg_text_fold_search (title, -1);
      g_auto (GStrv) words = g_strsplit (folded, " ", 12);
      if (g_strv_length (words) > 10)
        {
          for (guint w = 10; words[w]; w++)
            g_clear_pointer (&words[w], g_free);
        }
      g_autofree char *first = g_strjoinv (" ", words);
      g_autofree char *key = g_strdup_printf ("work:%s", first);
      DgNode *node = dg_graph_add_node (x->graph, DG_NODE_DOCUMENT, key, title);
      dg_node_set_attr (node, "doc_type", "Tác phẩm", FALSE);
      dg_node_set_attr (node, "title", title, FALSE);
      guint end = t1;
      if (dg_tok_is (x, end, "”") || dg_tok_is (x, end, "\""))
        end++;
      DgMention *m = dg_mention_new (x, DG_M_DOC, i, end, "doc.work");
      m->node = node;
      m->work = TRUE;
      dg_mention_set_title (x, m, t0, t1);
      dg_node_add_mention (node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
      g_ptr_array_add (works, node);
      i = end - 1;
    }
  /* "nội dung tác phẩm", "cuốn sách" later on: the work already named, when
   * the article names one. */
  gboolean one = works->len > 0;
  for (guint k = 1; k < works->len; k++)
    one = one && works->pdata[k] == works->pdata[0];
  for (guint i = 0; one && i < n; i++)
    {
      guint wl = work_word_at (x, i);
      if (wl == 0 || wl == 1)
        continue;
      if (dg_covered (x, DG_M_DOC, i))
        continue;
      DgMention *m = dg_mention_new (x, DG_M_DOC, i, i + wl, "doc.work-reference");
      m->node = works->pdata[0];
      m->work = TRUE;
      m->reference = TRUE;
      i += wl - 1;
    }
  g_ptr_array_unref (works);
}

void
dg_extract_documents (DgExtract *x)
{
  find_codes (x);
  find_numbers (x);
  find_congress_resolutions (x);
  find_charter (x);
  find_laws (x);
  find_works (x);
  find_issued_unnumbered (x);
  find_named_of (x);
  g_autoptr (GPtrArray) docs = dg_mentions_of (x, DG_M_DOC);
  for (guint i = 0; i < docs->len; i++)
    {
      DgMention *m = docs->pdata[i];
      if (!m->work && !m->reference)
        describe (x, m);
    }
  /* 'Nghị quyết mới về "…" (Nghị quyết số 18-NQ/TW, …)': the number in
   * brackets after a document names it. */
  for (guint i = 0; i + 1 < docs->len; i++)
    {
      DgMention *m = docs->pdata[i], *next = docs->pdata[i + 1];
      if (m->work || m->reference || dg_node_get_attr (m->node, "number")
          || !dg_node_get_attr (next->node, "number") || m->node == next->node
          || g_strcmp0 (dg_node_get_attr (m->node, "doc_type"),
                        dg_node_get_attr (next->node, "doc_type")) != 0)
        continue;
      guint j = MAX (m->desc_end, m->t1);
      if (dg_tok_is (x, j, "”") || dg_tok_is (x, j, "\""))
        j++;
      if (!dg_tok_is (x, j, "(") || next->t0 != j + 1 || dg_tok_sentence (x, j) != dg_tok_sentence (x, m->t0))
        continue;
      DgNode *drop = m->node;
      for (guint k = 0; k < docs->len; k++)
        if (((DgMention *) docs->pdata[k])->node == drop)
          ((DgMention *) docs->pdata[k])->node = next->node;
      dg_graph_merge_nodes (x->graph, next->node, drop);
    }
  /* Issuers shared by a list: "A, B và C của Bộ Chính trị". */
  for (guint i = docs->len; i-- > 1;)
    {
      DgMention *m = docs->pdata[i], *prev = docs->pdata[i - 1];
      /* Only numbered documents share an issuer named after the last. */
      if (prev->work || m->work
          || !(dg_node_get_attr (prev->node, "code") || dg_node_get_attr (prev->node, "number")))
        continue;
      guint gap = m->t0 - prev->t1;
      guint between = prev->t1;
      /* Skip the date of prev. */
      if (dg_tok_is (x, between, ",") && dg_tok_is (x, between + 1, "ngày"))
        continue;
      if (gap != 1 || !(dg_tok_is (x, between, ",") || dg_tok_is (x, between, "và")))
        continue;
      DgEdge *edge = dg_graph_edge_from (x->graph, DG_EDGE_ISSUED_BY, m->node);
      if (edge && !dg_graph_edge_from (x->graph, DG_EDGE_ISSUED_BY, prev->node))
        dg_graph_add_edge (x->graph, DG_EDGE_ISSUED_BY, prev->node, dg_edge_dst (edge), NULL,
                           dg_mention_start (x, prev), dg_mention_end (x, m), "issued-by.list");
    }
  /* After the titles of the numbered documents are known: a type word
   * inside one of them ("Nghị quyết số 03/NQ-CP về Chương trình hành động
   * …") is that document's business. */
  find_named_about (x);
  find_type_of_org (x);
}
