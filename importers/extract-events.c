/* extract-events.c: conferences, meetings, sessions, ceremonies.
 *
 * An event is a head of data/event-heads.tsv and a descriptor ("Hội nghị
 * giao ban trực tuyến toàn quốc ngành Nội chính Đảng"); the date comes from
 * the sentence ("Sáng 31/3, …", "… ngày 31/3/2015"), the place from "tại …",
 * the count of people from "với hơn 20.800 đại biểu tại 315 điểm cầu". A head
 * alone ("Tại hội nghị", "Hội nghị đã nghe …") is the event the article
 * already named. */
#include "extract-private.h"

#include <stdlib.h>
#include <string.h>

/* Words that end an event descriptor. */
static const char *const descriptor_stops[] = {
  "với", "tại", "do", "nhằm", "để", "vào", "đã", "được", "có", "sẽ", "diễn ra", "là",
  "của", "cho", "trong", "từ", "nhưng", "thì", "khi", "sau", "đều", "cũng", "này", "đó", "còn",
  "và những",
  "hôm", "theo", "nêu", "thông qua", "kết thúc", "bế mạc",
  "khai mạc", "đồng chí", "ông", "bà", "lần này", "vừa", "đang", "và các", "cùng", "bằng",
  "qua", "nghe", "trao", "gồm", "như", "dưới", "phải", "mà", "trước", "hoàn thành",
  "bắt đầu", "tiến tới", "tiến hành", "xong", "ảnh",
  /* Praise, not a name: "buổi lễ trang trọng". */
  "trang trọng", "long trọng", "trọng thể", "ấm cúng", "đầy ý nghĩa",
  /* Connectives that open the next sentence run into a caption. */
  "bên cạnh", "tuy nhiên", "ngoài ra", "đồng thời", "theo đó", "qua đó", "vì vậy", "do đó", NULL,
};

/* Verbs that end a descriptor once its name part is over ("Hội nghị Ban
 * Chấp hành Trung ương Đoàn lần thứ 11 (Khóa X) tập trung thảo luận …"),
 * though they may open one ("Hội nghị đánh giá công tác …"). */
static const char *const after_name_stops[] = {
  "tập trung", "thảo luận", "đánh giá", "thống nhất", "quyết định", "ghi nhận", "biểu dương",
  "yêu cầu", "đề nghị", "nhấn mạnh", "khẳng định", "xem xét", "cho ý kiến", "kết luận",
  "chỉ rõ", "thông qua", "quán triệt", "triển khai", "đề ra", "nêu rõ", NULL,
};

/* Words after a lower-case head that make it a particular event
 * ("hội nghị công bố quyết định …"), not talk about events. */
static const char *const purposes[] = {
  "công bố", "quán triệt", "triển khai", "tổng kết", "sơ kết", "học tập", "giao ban",
  "tập huấn", "trao", "kỷ niệm", "đối thoại", "gặp mặt", "lấy ý kiến", "góp ý", "chuyên đề",
  "trực tuyến", "toàn quốc", "thường kỳ", "thường niên", "lần thứ", "toàn tỉnh",
  "toàn thành phố", "toàn huyện", "toàn quân", "báo cáo viên", NULL,
};

static gboolean
at_stop (const DgExtract *x, guint i)
{
  for (guint k = 0; descriptor_stops[k]; k++)
    if (dg_tok_phrase (x, i, descriptor_stops[k]))
      return TRUE;
  /* "ngày 18/8", "sáng nay": a time, not a word of the name ("Lễ kỷ niệm
   * 95 năm Ngày thành lập Đảng"). */
  if (dg_tok_is (x, i, "ngày") || dg_tok_is (x, i, "sáng") || dg_tok_is (x, i, "chiều")
      || dg_tok_is (x, i, "tối") || dg_tok_is (x, i, "trưa"))
    return (dg_tok_flags (x, i + 1) & DG_TOK_DIGIT) || dg_tok_is (x, i + 1, "nay")
           || dg_tok_is (x, i + 1, "mai") || dg_tok_is (x, i + 1, "hôm")
           || dg_tok_is (x, i + 1, "ngày") || dg_tok_is (x, i + 1, "(");
  return FALSE;
}

static DgMention *
doc_at (DgExtract *x, guint i)
{
  return dg_mention_at (x, DG_M_DOC, i);
}

static DgMention *
org_or_doc_at (DgExtract *x, guint i)
{
  DgMention *d = doc_at (x, i);
  return d ? d : dg_org_at (x, i);
}

/* The descriptor after an event head, [j, *end). Commas go on inside it
 * ("nghiên cứu, học tập, triển khai"), organizations and documents are taken
 * whole; *label_end is where the label stops: after the first numbered
 * document, or before the title of a work. */
static void
descriptor (DgExtract *x, guint j, gboolean lead_comma, guint *end, guint *label_end)
{
  const DgSentence *s = dg_tok_sentence (x, j);
  guint stop = s ? s->t1 : dg_ntoks (x);
  guint k = j;
  *label_end = 0;
  while (k < stop && k < j + 60)
    {
      guint f = dg_tok_flags (x, k);
      if (f & DG_TOK_BREAK)
        break;
      DgMention *m = org_or_doc_at (x, k);
      if (m && m->kind == DG_M_DOC && m->desc_end > m->t1)
        {
          if (*label_end == 0)
            *label_end = m->t1;
          k = m->desc_end;
          continue;
        }
      /* "Phiên họp thứ 25 của Ban Chỉ đạo …", "buổi làm việc với Ban
       * Thường vụ Tỉnh ủy …": whose meeting it is belongs to its name. */
      if ((dg_tok_is (x, k, "của") || (dg_tok_is (x, k, "với") && k == j))
          && dg_org_at (x, k + 1))
        {
          k = dg_org_at (x, k + 1)->t1;
          continue;
        }
      if (m && m->t1 > k)
        {
          /* The label keeps a numbered document whole, and a work's kind
           * ("Tác phẩm") without its long title. */
          if (m->kind == DG_M_DOC && *label_end == 0)
            *label_end = m->work && !m->reference && m->title_t0 > m->t0 ? m->title_t0 - 1 : m->t1;
          k = m->t1;
          continue;
        }
      if (f & DG_TOK_WORD)
        {
          if (at_stop (x, k))
            break;
          guint pf = k > j ? dg_tok_flags (x, k - 1) : 0;
          gboolean name_over = (pf & (DG_TOK_UPPER | DG_TOK_DIGIT)) || dg_tok_is (x, k - 1, ")");
          gboolean verb = FALSE;
          for (guint q = 0; after_name_stops[q] && !verb; q++)
            verb = dg_tok_phrase (x, k, after_name_stops[q]);
          if (verb && name_over && k > j)
            break;
          k++;
          continue;
        }
      if (dg_tok_is (x, k, ",") && (k > j || lead_comma))
        {
          guint next = k + 1;
          /* "Kỳ họp thứ 8, Quốc hội khóa XV". */
          if (k > j && (dg_tok_flags (x, k - 1) & (DG_TOK_DIGIT | DG_TOK_UPPER))
              && dg_org_at (x, next) && k < j + 4)
            {
              k = dg_org_at (x, next)->t1;
              if (dg_tok_is (x, k, "khóa") && (dg_tok_flags (x, k + 1) & DG_TOK_UPPER))
                k += 2;
              continue;
            }
          if ((dg_tok_flags (x, next) & DG_TOK_WORD) && !(dg_tok_flags (x, next) & DG_TOK_UPPER)
              && !at_stop (x, next) && !dg_tok_is (x, next, "các") && !dg_tok_is (x, next, "ngày")
              && !dg_tok_is (x, next, "tháng") && !dg_tok_is (x, next, "năm"))
            {
              k++;
              continue;
            }
          break;
        }
      /* "(mở rộng)", "(khóa XII)", "lần thứ 18", "I/2023". */
      if (dg_tok_is (x, k, "(") && k + 2 < stop && dg_tok_is (x, k + 2, ")"))
        {
          k += 3;
          continue;
        }
      if (dg_tok_is (x, k, "(") && k + 3 < stop && dg_tok_is (x, k + 3, ")"))
        {
          k += 4;
          continue;
        }
      if ((dg_tok_is (x, k, "-") || dg_tok_is (x, k, "/") || dg_tok_is (x, k, "–"))
          && (dg_tok_flags (x, k + 1) & DG_TOK_WORD) && !at_stop (x, k + 1))
        {
          k++;
          continue;
        }
      if (dg_tok_is (x, k, "“") || dg_tok_is (x, k, "\""))
        {
          /* A quoted name: keep it whole. */
          guint q = k + 1;
          while (q < stop && !dg_tok_is (x, q, "”") && !dg_tok_is (x, q, "\""))
            q++;
          if (q < stop)
            {
              k = q + 1;
              continue;
            }
        }
      break;
    }
  while (k > j && (dg_tok_is (x, k - 1, ",") || dg_tok_is (x, k - 1, "và")
                   || dg_tok_is (x, k - 1, "-")))
    k--;
  *end = k;
  if (*label_end == 0 || *label_end > k)
    *label_end = k;
}

/* A date at a time word at token i: "Ngày 18/8", "Sáng 31/3", "Chiều nay
 * 25-5", "sáng nay (28/6)", "trong hai ngày 14 và 15/7/2020", "từ ngày 02/5
 * đến ngày 11/5/2013". */
static char *
date_at (DgExtract *x, guint i)
{
  static const char *const words[] = { "ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", NULL };
  gboolean word = FALSE;
  for (guint k = 0; words[k] && !word; k++)
    word = dg_tok_is (x, i, words[k]);
  if (!word)
    return NULL;
  guint j = i + 1;
  if (dg_tok_is (x, j, "nay") || dg_tok_is (x, j, "qua") || dg_tok_is (x, j, "mai"))
    j++;
  if (dg_tok_is (x, j, "ngày"))
    j++;
  if (dg_tok_is (x, j, "("))
    j++;
  return dg_parse_date (x, j, x->year, NULL);
}

/* The date of an event: a time in its sentence, before it ("Ngày 18/8,
 * …") or after it ("… diễn ra ngày 31/3/2015", "trong 2 ngày (25 và 26/4)"),
 * never inside its name ("Lễ kỷ niệm … Ngày thành lập Đảng 3/2"). */
static gboolean
ordinal_digits (const GMatchInfo *mi, GString *out, gpointer data)
{
  static const char *const words[] = {
    "nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi", NULL,
  };
  g_autofree char *lead = g_match_info_fetch (mi, 1);
  g_autofree char *w = g_match_info_fetch (mi, 2);
  guint n = strcmp (w, "bon") == 0 ? 4 : 0;
  for (guint k = 0; words[k] && !n; k++)
    if (strcmp (w, words[k]) == 0)
      n = k + 1;
  g_string_append_printf (out, "%s %u", lead, n);
  return FALSE;
}

/* Event names folded for keys (search FALSE) or for comparing (TRUE), with
 * "TƯ 5", "TW 5" read as "Trung ương 5". */
static char *
event_fold (const char *label, gboolean search)
{
  static gsize once;
  static GRegex *tw;
  if (g_once_init_enter (&once))
    {
      GRegex *r = g_regex_new ("(?<![\\p{L}])(tư|tu|tw) (?=\\d)", G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (r);
      tw = r;
      g_once_init_leave (&once, 1);
    }
  g_autofree char *f = search ? dg_text_fold_search (label, -1) : dg_text_fold_key (label, -1);
  char *out = g_regex_replace_literal (tw, f, -1, 0, search ? "trung uong " : "trung ương ", 0, NULL);
  /* For comparing, "buổi lễ tuyên dương …" is "lễ tuyên dương …" and
   * "Đại hội lần thứ VI" is "Đại hội VI". */
  if (search && (g_str_has_prefix (out, "buoi ") || g_str_has_prefix (out, "cuoc ")))
    memmove (out, out + 5, strlen (out + 5) + 1);
  char *lt = search ? strstr (out, " lan thu ") : NULL;
  if (lt)
    memmove (lt + 1, lt + 9, strlen (lt + 9) + 1);
  if (!search)
    return out;
  /* "kỳ họp thứ ba" is "kỳ họp thứ 3"; "Hội nghị lần thứ năm Ban Chấp
   * hành Trung ương Đảng" is "Hội nghị Trung ương 5". */
  static gsize once2;
  static GRegex *ordinal, *plenum;
  if (g_once_init_enter (&once2))
    {
      ordinal = g_regex_new ("\\b(thu|hoi nghi|hop) (nhat|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi)\\b",
                             G_REGEX_OPTIMIZE, 0, NULL);
      plenum = g_regex_new ("^hoi nghi (\\d+) ban chap hanh trung uong( dang)?\\b",
                            G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (ordinal && plenum);
      g_once_init_leave (&once2, 1);
    }
  g_autofree char *o = g_regex_replace_eval (ordinal, out, -1, 0, 0, ordinal_digits, NULL, NULL);
  g_free (out);
  return g_regex_replace (plenum, o, -1, 0, "hoi nghi trung uong \\1", 0, NULL);
}

/* Whether the words of short, five or more, all stand in long, in order,
 * with the first two together (the head). */
static gboolean
words_within (const char *short_name, const char *long_name)
{
  g_auto (GStrv) a = g_strsplit (short_name, " ", -1);
  g_auto (GStrv) b = g_strsplit (long_name, " ", -1);
  guint na = g_strv_length (a), nb = g_strv_length (b);
  if (na < 5 || nb <= na || na < 2 || strcmp (a[0], b[0]) != 0 || strcmp (a[1], b[1]) != 0)
    return FALSE;
  guint j = 0;
  for (guint i = 0; i < na; i++)
    {
      while (j < nb && strcmp (a[i], b[j]) != 0)
        j++;
      if (j == nb)
        return FALSE;
      j++;
    }
  return TRUE;
}

/* An event's key: its folded name and its date, or the article when the
 * article gives no date. */
static char *
event_key (DgExtract *x, const char *label, const char *date)
{
  g_autofree char *folded = event_fold (label, FALSE);
  return g_strdup_printf ("%s|%s", folded, date ? date : dg_article_sha256 (x->article));
}

/* "Chỉ thị số 40-CT/TW ngày 22/11/2014": a date that is a document's. */
static gboolean
document_date (const DgExtract *x, guint i)
{
  guint j = i;
  if (!dg_tok_is (x, j, "ngày") && j > 0 && dg_tok_is (x, j - 1, "ngày"))
    j--;
  if (j > 0 && (dg_tok_is (x, j - 1, ",") || dg_tok_is (x, j - 1, "(")))
    j--;
  return j > 0 && dg_covered (x, DG_M_DOC, j - 1);
}

static char *
sentence_date (DgExtract *x, guint event_t0, guint event_t1)
{
  const DgSentence *s = dg_tok_sentence (x, event_t0);
  if (s == NULL)
    return NULL;
  for (guint i = event_t0 > s->t0 + 40 ? event_t0 - 40 : s->t0; i < event_t0; i++)
    {
      if (document_date (x, i))
        continue;
      char *d = date_at (x, i);
      if (d)
        return d;
    }
  for (guint i = event_t1; i < s->t1 && i < event_t1 + 30; i++)
    {
      if (document_date (x, i))
        continue;
      char *d = date_at (x, i);
      if (d == NULL && dg_tok_is (x, i, "(") && (dg_tok_flags (x, i + 1) & DG_TOK_DIGIT)
          && i > event_t1 && dg_tok_is (x, i - 1, "ngày"))
        d = dg_parse_date (x, i + 1, x->year, NULL);
      if (d)
        return d;
    }
  return NULL;
}

/* "với hơn 20.800 đại biểu", "có 500 đại biểu", "tại 315 điểm cầu". */
static void
counts (DgExtract *x, DgNode *node, guint t0)
{
  const DgSentence *s = dg_tok_sentence (x, t0);
  if (s == NULL)
    return;
  guint from = t0 > s->t0 + 60 ? t0 - 60 : s->t0, to = MIN (s->t1, t0 + 60);
  for (guint i = from; i + 1 < to; i++)
    {
      if (!(dg_tok_flags (x, i) & DG_TOK_DIGIT))
        continue;
      g_autofree char *digits = g_strdup (dg_tok_fold (x, i));
      char *w = digits;
      for (char *r = digits; *r; r++)
        if (g_ascii_isdigit (*r))
          *w++ = *r;
      *w = '\0';
      /* "2 nghìn cán bộ": a thousand. */
      gint64 value = g_ascii_strtoll (digits, NULL, 10);
      guint unit = i + 1;
      if (dg_tok_is (x, unit, "nghìn") || dg_tok_is (x, unit, "ngàn"))
        value *= 1000, unit++;
      if (dg_tok_phrase (x, unit, "đại biểu") || dg_tok_phrase (x, unit, "cán bộ")
          || dg_tok_phrase (x, unit, "người") || dg_tok_phrase (x, unit, "đảng viên")
          || dg_tok_phrase (x, unit, "nhà khoa học") || dg_tok_phrase (x, unit, "học viên"))
        {
          if (!json_object_has_member (dg_node_attrs (node), "participants"))
            json_object_set_int_member (dg_node_attrs (node), "participants", value);
        }
      else if (dg_tok_phrase (x, i + 1, "điểm cầu"))
        {
          if (!json_object_has_member (dg_node_attrs (node), "sites"))
            json_object_set_int_member (dg_node_attrs (node), "sites",
                                        g_ascii_strtoll (digits, NULL, 10));
        }
    }
}

/* "tại Thủ đô Hà Nội", "tại Hội trường Tỉnh ủy". */
static void
location (DgExtract *x, DgNode *node, guint t0)
{
  const DgSentence *s = dg_tok_sentence (x, t0);
  if (s == NULL)
    return;
  guint from = t0 > s->t0 + 60 ? t0 - 60 : s->t0, to = MIN (s->t1, t0 + 60);
  for (guint i = from; i + 1 < to; i++)
    {
      if (!dg_tok_is (x, i, "tại"))
        continue;
      gboolean level = dg_tok_phrase (x, i + 1, "thành phố") || dg_tok_is (x, i + 1, "tỉnh")
                       || dg_tok_is (x, i + 1, "huyện") || dg_tok_is (x, i + 1, "quận")
                       || dg_tok_is (x, i + 1, "xã") || dg_tok_phrase (x, i + 1, "thị xã");
      if (!(dg_tok_flags (x, i + 1) & DG_TOK_UPPER) && !level)
        continue;
      guint hn;
      if (dg_covered (x, DG_M_DOC, i + 1) || dg_tok_phrase (x, i + 1, "điểm cầu")
          || dg_phrase_match (x, dg_phrases ("event-heads.tsv", 0), i + 1, NULL, &hn))
        continue;
      guint e = i + 1;
      while (e < s->t1 && e < i + 14)
        {
          if ((dg_tok_flags (x, e) & DG_TOK_WORD) && !at_stop (x, e))
            e++;
          else if (dg_tok_is (x, e, ",") && !(dg_tok_flags (x, e + 1) & DG_TOK_UPPER)
                   && (dg_tok_phrase (x, e + 1, "thành phố") || dg_tok_is (x, e + 1, "tỉnh")
                       || dg_tok_is (x, e + 1, "huyện") || dg_tok_is (x, e + 1, "quận")
                       || dg_tok_phrase (x, e + 1, "thị xã")))
            e++;
          else
            break;
        }
      if (e > i + 1)
        {
          g_autofree char *where = dg_tok_text (x, i + 1, e);
          dg_node_set_attr (node, "location", where, FALSE);
          return;
        }
    }
}

/* A document type word ends just before token i ("Nghị quyết Đại hội"). */
static gboolean
type_ends_at (const DgExtract *x, guint i)
{
  const DgPhraseTable *types = dg_phrases ("doc-types.tsv", 0);
  for (guint len = 1; len <= types->max_len && len <= i; len++)
    {
      guint n;
      if (dg_phrase_match (x, types, i - len, NULL, &n) && n == len)
        return TRUE;
    }
  return FALSE;
}

/* "dự", "chủ trì", "tại" just before a head: someone is at this event. */
static gboolean
presence_before (const DgExtract *x, guint i)
{
  static const char *const words[] = {
    "dự", "tham dự", "chủ trì", "đồng chủ trì", "khai mạc", "bế mạc", "tại", "đến dự", NULL,
  };
  for (guint k = 0; words[k]; k++)
    {
      guint n = dg_phrase_len (words[k]);
      if (i >= n && dg_tok_phrase (x, i - n, words[k]))
        return TRUE;
    }
  return FALSE;
}

/* A head alone ("Tại hội nghị", "hội nghị đã nghe"), waiting for the named
 * events of the article. */
typedef struct {
  guint t0;             /* first token of the head */
  guint len;            /* its length in tokens */
  gboolean presence;    /* someone is at it ("dự hội nghị", "tại hội nghị") */
  const char *kind;     /* kind column of event-heads.tsv, interned */
} Pending;

/* A head alone is the event the article named last before it, else the one
 * it names next; with neither, an event someone is at ("Dự hội nghị có …")
 * is the one the article reports, named by its head. */
static void
resolve_references (DgExtract *x, GArray *pending)
{
  g_autoptr (GPtrArray) named = dg_mentions_of (x, DG_M_EVENT);
  DgNode *reported = NULL;
  for (guint k = 0; k < pending->len; k++)
    {
      const Pending *p = &g_array_index (pending, Pending, k);
      DgNode *node = NULL;
      guint lo = 0, hi = named->len;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (((DgMention *) named->pdata[mid])->t0 < p->t0)
            lo = mid + 1;
          else
            hi = mid;
        }
      /* The last named before, of the same kind if there is one; else the
       * first after, of the same kind and close by (a lead that names the
       * event only further on); a reference before every event of another
       * kind is an event of its own. */
      guint para = dg_tok_sentence (x, p->t0)->para;
      for (guint q = lo; q-- > 0 && !node;)
        {
          DgMention *e = named->pdata[q];
          if (g_strcmp0 (dg_node_get_attr (e->node, "kind"), p->kind) == 0)
            node = e->node;
        }
      if (node == NULL && lo > 0)
        node = ((DgMention *) named->pdata[lo - 1])->node;
      for (guint q = lo; q < named->len && !node; q++)
        {
          DgMention *e = named->pdata[q];
          if (dg_tok_sentence (x, e->t0)->para > para + 2)
            break;
          if (g_strcmp0 (dg_node_get_attr (e->node, "kind"), p->kind) == 0)
            node = e->node;
        }
      const char *rule = "event.reference";
      if (node == NULL && reported)
        node = reported;
      if (node == NULL && p->presence)
        {
          g_autofree char *label = dg_tok_text (x, p->t0, p->t0 + p->len);
          g_autofree char *date = sentence_date (x, p->t0, p->t0 + p->len);
          g_autofree char *key = event_key (x, label, date);
          node = reported = dg_graph_add_node (x->graph, DG_NODE_EVENT, key, label);
          if (date)
            dg_node_set_attr (node, "date", date, FALSE);
          dg_node_set_attr (node, "kind", p->kind, FALSE);
          counts (x, node, p->t0);
          rule = "event.reported";
        }
      if (node == NULL)
        continue;
      DgMention *m = dg_mention_new (x, DG_M_EVENT, p->t0, p->t0 + p->len, rule);
      m->node = node;
      m->reference = node != reported || strcmp (rule, "event.reported") != 0;
      m->title_t0 = m->title_t1 = p->t0 + p->len;
      dg_node_add_mention (node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
    }
}

/* An event's mention at t0..end, its name after the head at title_t0; the
 * date, kind, counts and place go to the node. */
static void
event_mention (DgExtract *x, DgNode *node, const char *date, const char *kind, guint t0,
               guint title_t0, guint end, const char *rule)
{
  if (date)
    dg_node_set_attr (node, "date", date, FALSE);
  dg_node_set_attr (node, "kind", kind, FALSE);
  counts (x, node, t0);
  location (x, node, t0);
  DgMention *m = dg_mention_new (x, DG_M_EVENT, t0, end, rule);
  m->node = node;
  m->title_t0 = title_t0;
  m->title_t1 = end;
  dg_node_add_mention (node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
}

/* "Ban Thường vụ Tỉnh ủy tổ chức sơ kết 1 năm thực hiện Quy định số 01",
 * "Đảng ủy Khối tổ chức quán triệt, triển khai Chỉ thị số 35": an event
 * named by what is done at it, when an organizer holds it. */
static void
activities (DgExtract *x)
{
  static const char *const done[] = {
    "sơ kết", "tổng kết", "quán triệt", "học tập", "gặp mặt", "kỷ niệm", "tọa đàm", "giao ban",
    "tập huấn", "đối thoại", NULL,
  };
  guint n = dg_ntoks (x);
  for (guint i = 0; i + 3 < n; i++)
    {
      if (!dg_tok_phrase (x, i, "tổ chức") || dg_covered (x, DG_M_EVENT, i + 2)
          || dg_covered (x, DG_M_DOC, i + 2))
        continue;
      guint vl = 0;
      for (guint k = 0; done[k] && !vl; k++)
        if (dg_tok_phrase (x, i + 2, done[k]))
          vl = dg_phrase_len (done[k]);
      /* Held by an organization just before ("Tỉnh ủy (đã) tổ chức …"). */
      if (!vl || !dg_org_subject_before (x, i))
        continue;
      guint t0 = i + 2, end, label_end;
      descriptor (x, t0 + vl, TRUE, &end, &label_end);
      if (label_end == 0 || label_end > end)
        label_end = end;
      if (end <= t0 + vl)
        continue;
      g_autofree char *label = dg_tok_text (x, t0, label_end);
      g_autofree char *date = sentence_date (x, t0, end);
      g_autofree char *key = event_key (x, label, date);
      DgNode *node = dg_graph_add_node (x->graph, DG_NODE_EVENT, key, label);
      event_mention (x, node, date, "conference", t0, t0 + vl, end, "event.activity");
      i = end - 1;
    }
  /* "Đoàn kiểm tra … đã làm việc với Ban cán sự đảng Bộ Khoa học và Công
   * nghệ": a meeting named by whom one body met. */
  for (guint i = 1; i + 4 < n; i++)
    {
      if (!dg_tok_phrase (x, i, "làm việc với") || dg_covered (x, DG_M_EVENT, i))
        continue;
      if (dg_org_at (x, i + 3) == NULL || dg_org_subject_before (x, i) == NULL)
        continue;
      DgMention *other = dg_org_at (x, i + 3);
      guint end = other->t1;
      g_autofree char *label = dg_tok_text (x, i, end);
      g_autofree char *date = sentence_date (x, i, end);
      g_autofree char *key = event_key (x, label, date);
      DgNode *node = dg_graph_add_node (x->graph, DG_NODE_EVENT, key, label);
      event_mention (x, node, date, "meeting", i, i + 2, end, "event.meeting-with");
      i = end - 1;
    }
}

void
dg_extract_events (DgExtract *x)
{
  const DgPhraseTable *heads = dg_phrases ("event-heads.tsv", 0);
  guint n = dg_ntoks (x);
  g_autoptr (GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  for (guint i = 0; i < n; i++)
    {
      if (!(dg_tok_flags (x, i) & DG_TOK_WORD))
        continue;
      guint hn;
      GStrv row = dg_phrase_match (x, heads, i, NULL, &hn);
      /* "ông Vi Trọng Lễ": a name, not a ceremony. */
      if (row == NULL || dg_covered (x, DG_M_PERSON, i))
        continue;
      if (strcmp (dg_data_field (row, 1), "upper") == 0 && !(dg_tok_flags (x, i) & DG_TOK_UPPER)
          && !presence_before (x, i))
        continue;
      /* Inside a document's name or title ("Nghị quyết Đại hội XIII", "Kế
       * hoạch tổ chức đợt sinh hoạt chính trị …"), or a campaign ("đợt sinh
       * hoạt"), or what a resolution is of ("nghị quyết đại hội đảng bộ các
       * cấp"): not an event. */
      gboolean inside = dg_inside (x, DG_M_DOC, i) || dg_inside (x, DG_M_ORG, i)
                        || dg_in_title (x, i);
      if (inside || (i > 0 && (dg_tok_is (x, i - 1, "đợt") || dg_tok_is (x, i - 1, "kiện")))
          || (i > 1 && type_ends_at (x, i)))
        {
          i += hn - 1;
          continue;
        }
      gboolean generic = i > 0 && (dg_tok_is (x, i - 1, "các") || dg_tok_is (x, i - 1, "những")
                                   || dg_tok_is (x, i - 1, "mỗi") || dg_tok_is (x, i - 1, "nhiều"));
      guint end, label_end;
      guint dstart = i + hn;
      /* "cuộc họp của Ban Bí thư": whose meeting it is names it. */
      gboolean of_org = dg_tok_is (x, dstart, "của") && dg_org_at (x, dstart + 1);
      if (of_org)
        {
          DgMention *o = dg_org_at (x, dstart + 1);
          end = label_end = o->t1;
        }
      else
        {
          /* "buổi sinh hoạt chính trị, tư tưởng" goes on after its comma;
           * "Ngay sau Hội nghị, lãnh đạo …" refers back and stops. */
          gboolean referring = i > 0 && (dg_tok_is (x, i - 1, "sau") || dg_tok_is (x, i - 1, "trước")
                                         || dg_tok_is (x, i - 1, "tại") || dg_tok_is (x, i - 1, "trong")
                                         || dg_tok_is (x, i - 1, "qua") || dg_tok_is (x, i - 1, "từ"));
          descriptor (x, dstart, !referring, &end, &label_end);
          /* "Hội nghị Trung ương 5 (khóa XII)": a plenum's name ends with its
           * number and term. */
          guint tw = dg_tok_phrase (x, dstart, "trung ương") ? 2
                     : (dg_tok_is (x, dstart, "tư") || dg_tok_is (x, dstart, "tw")) ? 1 : 0;
          if (tw && (dg_tok_flags (x, dstart + tw) & DG_TOK_DIGIT))
            {
              guint e = dstart + tw + 1;
              if (dg_tok_is (x, e, "(") && dg_tok_is (x, e + 1, "khóa") && dg_tok_is (x, e + 3, ")"))
                e += 4;
              else if (dg_tok_is (x, e, "khóa") && (dg_tok_flags (x, e + 1) & DG_TOK_UPPER))
                e += 2;
              if (e < end)
                end = label_end = e;
            }
          /* "… phát biểu tại hội nghị Tham luận tại hội nghị, …": a caption
           * run into the next sentence; the lower-case head refers back. */
          if (referring && !(dg_tok_flags (x, i) & DG_TOK_UPPER)
              && (dg_tok_flags (x, dstart) & DG_TOK_UPPER) && !dg_covered (x, DG_M_DOC, dstart)
              && !dg_covered (x, DG_M_ORG, dstart))
            end = label_end = dstart;
        }
      /* "Lễ ra mắt do … tổ chức": a ceremony's head is its name. */
      gboolean bare = end == i + hn
                      && !(strcmp (dg_data_field (row, 2), "ceremony") == 0 && hn >= 2
                           && (dg_tok_flags (x, i) & DG_TOK_UPPER));
      /* "đại hội đảng bộ các cấp", "hội nghị quán triệt" in lower case with
       * a generic descriptor name no particular event. */
      if (generic)
        {
          i = end > i ? end - 1 : i;
          continue;
        }
      if (bare)
        {
          /* Resolved once every named event is known. */
          Pending p = { i, hn, presence_before (x, i), g_intern_string (dg_data_field (row, 2)) };
          g_array_append_val (pending, p);
          i += hn - 1;
          continue;
        }
      /* A lower-case head whose descriptor names nothing in particular is
       * talk about events ("tổ chức hội nghị quán triệt", "đại hội đảng bộ
       * các cấp"): the descriptor must hold a capitalised word or a purpose,
       * or a classifier ("buổi …") or a presence ("dự lễ khai giảng") must
       * make it one event. */
      gboolean particular = strcmp (dg_data_field (row, 3), "yes") == 0 || presence_before (x, i);
      if (!(dg_tok_flags (x, i) & DG_TOK_UPPER) && !of_org && !particular)
        {
          gboolean specific = FALSE;
          guint words = 0;
          for (guint k = i + hn; k < end && !specific; k++)
            {
              specific = (dg_tok_flags (x, k) & DG_TOK_UPPER) != 0;
              words += (dg_tok_flags (x, k) & DG_TOK_WORD) != 0;
            }
          for (guint q = 0; purposes[q] && !specific; q++)
            specific = dg_tok_phrase (x, i + hn, purposes[q]);
          (void) words;
          if (!specific)
            {
              i = end - 1;
              continue;
            }
        }
      /* "Đại hội Đảng các cấp": every level's, no particular one; but
       * "Hội nghị trực tuyến toàn quốc triển khai … HĐND các cấp" is one
       * event, whose purpose comes before the levels. */
      gboolean plural = FALSE;
      for (guint k = i + hn; k + 1 < end && !plural; k++)
        {
          gboolean purpose = FALSE;
          for (guint q = 0; purposes[q] && !purpose; q++)
            purpose = dg_tok_phrase (x, k, purposes[q]);
          if (purpose)
            break;
          plural = dg_tok_phrase (x, k, "các cấp");
        }
      if (plural)
        {
          i = end - 1;
          continue;
        }
      g_autofree char *label = dg_tok_text (x, i, label_end);
      g_autofree char *date = sentence_date (x, i, end);
      g_autofree char *key = event_key (x, label, date);
      /* The same name again, shorter or longer, or with a word more
       * ("phiên họp trực tuyến thường kỳ tháng 6" and "phiên họp thường kỳ
       * tháng 6"), is the same event. */
      DgNode *node = NULL;
      g_autofree char *fs = event_fold (label, TRUE);
      for (guint k = 0; k < dg_graph_n_nodes (x->graph) && !node; k++)
        {
          DgNode *e = dg_graph_node (x->graph, k);
          if (dg_node_type (e) != DG_NODE_EVENT)
            continue;
          g_autofree char *es = event_fold (dg_node_label (e), TRUE);
          gsize el = strlen (es), nl = strlen (fs);
          /* Long enough to be a name: 13 letters or three words ("lễ ký
           * kết", not "hội nghị"). */
          gboolean nlong = nl > 12 || dg_phrase_len (fs) >= 3;
          gboolean elong = el > 12 || dg_phrase_len (es) >= 3;
          if ((g_str_has_prefix (es, fs) && (es[nl] == ' ' || es[nl] == '\0') && nlong)
              || (g_str_has_prefix (fs, es) && (fs[el] == ' ' || fs[el] == '\0') && elong)
              || (nl > el ? words_within (es, fs) : words_within (fs, es)))
            node = e;
        }
      if (node == NULL)
        node = dg_graph_add_node (x->graph, DG_NODE_EVENT, key, label);
      event_mention (x, node, date, dg_data_field (row, 2), i, i + hn, end, "event.head");
      i = end - 1;
    }
  activities (x);
  resolve_references (x, pending);
}
