/* extract-organizations.c: organization names, by the heads of
 * data/org-heads.tsv and what completes them.
 *
 * The genre names an organization by a head ("Tỉnh ủy", "Ban Tuyên giáo",
 * "UBND") and a complement: a place ("Tỉnh ủy Lạng Sơn"), a level and a place
 * ("UBND tỉnh Lạng Sơn"), another organization ("Ban Thường vụ Tỉnh ủy Kiên
 * Giang"), "Trung ương", or a name. The longest head wins; a complement that
 * names no place takes the article's own ("Tỉnh ủy" in an article about Lạng
 * Sơn is Tỉnh ủy Lạng Sơn) or stays unresolved, never guessed. */
#include "extract-private.h"

#include <string.h>

/* What a complement parse found. */
typedef struct {
  guint end;           /* token after the name */
  const char *level;   /* level of the organization, or NULL */
  DgMention *child;    /* the organization it names inside, or NULL */
  char *suffix;        /* words added to the label: a place from context */
  gboolean open;       /* a place that neither the text nor the article gave */
  gboolean empty;      /* nothing completes the head */
  gboolean owner;      /* the child owns the body ("Đoàn kiểm tra của Bộ Chính
                        * trị"), it does not contain it */
  guint paren_t0;      /* a defined abbreviation inside, "(BCĐ PCTNTC)", */
  guint paren_t1;      /* left out of the name; 0 when none */
} Complement;

static void
complement_clear (Complement *c)
{
  g_clear_pointer (&c->suffix, g_free);
}

static gboolean
is_stop (const DgExtract *x, guint i, gboolean caps_too)
{
  const DgPhraseTable *stops = dg_phrases ("stop-words.tsv", 0);
  guint n;
  GStrv row = dg_phrase_match (x, stops, i, NULL, &n);
  if (row == NULL)
    return FALSE;
  const char *where = dg_data_field (row, 1);
  return strcmp (where, "all") == 0 || (caps_too && strcmp (where, "caps") == 0);
}

static gboolean
is_word (const DgExtract *x, guint i)
{
  return (dg_tok_flags (x, i) & DG_TOK_WORD) != 0;
}

static gboolean
is_upper (const DgExtract *x, guint i)
{
  return (dg_tok_flags (x, i) & (DG_TOK_UPPER | DG_TOK_DIGIT)) != 0;
}

/* Level of a place word ("tỉnh", "huyện"); NULL when it is not one. len is
 * its length in tokens. */
static const char *
level_word (const DgExtract *x, guint i, guint *len)
{
  static const struct { const char *words; const char *level; } levels[] = {
    { "thành phố", "city" }, { "tp .", "city" }, { "tp", "city" }, { "tỉnh", "province" },
    { "thị xã", "district" }, { "huyện", "district" }, { "quận", "district" },
    { "thị trấn", "commune" }, { "xã", "commune" }, { "phường", "commune" },
  };
  /* "bảo hiểm xã hội": society, not a commune. */
  if (dg_tok_phrase (x, i, "xã hội"))
    {
      *len = 0;
      return NULL;
    }
  for (guint k = 0; k < G_N_ELEMENTS (levels); k++)
    if (dg_tok_phrase (x, i, levels[k].words))
      {
        *len = dg_phrase_len (levels[k].words);
        return levels[k].level;
      }
  *len = 0;
  return NULL;
}

static gboolean
is_title_start (const DgExtract *x, guint i)
{
  if (!(dg_tok_flags (x, i) & DG_TOK_UPPER))
    return FALSE;
  guint n;
  GStrv row = dg_phrase_match (x, dg_phrases ("titles.tsv", 0), i, NULL, &n);
  return row && strcmp (dg_data_field (row, 2), "prefix") != 0;
}

/* "end" or "start" for a word of name-stops.tsv, NULL otherwise. */
static const char *
name_stop (const DgExtract *x, guint i)
{
  guint n;
  GStrv row = dg_phrase_match (x, dg_phrases ("name-stops.tsv", 0), i, NULL, &n);
  return row ? dg_data_field (row, 1) : NULL;
}

guint
dg_name_at (const DgExtract *x, guint i, gboolean require_surname)
{
  guint n = dg_ntoks (x), k = i;
  /* A name does not start with a form of address, a title, a head of an
   * organization or a province ("Hà Nội"). */
  guint pl;
  if (name_stop (x, i) || is_title_start (x, i) || dg_extract_province_at (x, i, &pl))
    return 0;
  guint hn;
  if (dg_phrase_match (x, dg_phrases ("org-heads.tsv", 0), i, NULL, &hn) && hn >= 2)
    return 0;
  while (k < n && k - i < 6 && (dg_tok_flags (x, k) & DG_TOK_WORD)
         && (dg_tok_flags (x, k) & DG_TOK_UPPER) && !(dg_tok_flags (x, k) & DG_TOK_DIGIT)
         && !((dg_tok_flags (x, k) & DG_TOK_CAPS) && strlen (dg_tok_fold (x, k)) > 2))
    {
      /* A name stops where a title or an organization begins, and at a
       * time of day run into it ("… Thiện Chiều nay 25-5"). */
      if (k > i && is_title_start (x, k))
        break;
      if (k > i + 1 && name_stop (x, k) && strcmp (name_stop (x, k), "end") == 0)
        break;
      k++;
    }
  guint len = k - i;
  if (len < 2 || len > 5)
    return len == 6 ? 0 : (len >= 2 ? len : 0);
  if (require_surname && dg_surname_rank (dg_tok_fold (x, i)) == 0)
    return 0;
  return len;
}

/* Where a run of capitalised words ends when a person's name follows the
 * place in it ("Thanh Xuân Bùi Huyền Mai"): the split with the most common
 * family name wins; run_len when there is none. */
static guint
split_off_name (const DgExtract *x, guint i, guint run_len)
{
  guint best = run_len, best_rank = G_MAXUINT;
  for (guint s = 1; s + 1 < run_len; s++)
    {
      guint rest = run_len - s;
      /* Only a common family name splits: "Nam Từ Liêm" is one place. */
      guint rank = dg_surname_rank (dg_tok_fold (x, i + s));
      if (rank && rank <= 40 && rest >= 2 && rest <= 4 && rank < best_rank)
        {
          best = s;
          best_rank = rank;
        }
    }
  return best;
}

/* A place name at token i: a province (longest match) or a run of
 * capitalised words. Returns its length in tokens, 0 when none; *row is the
 * province row when it is one. */
static guint
place_at (const DgExtract *x, guint i, GStrv *row)
{
  guint len;
  *row = dg_extract_province_at (x, i, &len);
  if (*row)
    return len;
  guint n = dg_ntoks (x), k = i;
  while (k < n && k - i < 6 && is_word (x, k) && is_upper (x, k)
         && !((dg_tok_flags (x, k) & DG_TOK_CAPS) && strlen (dg_tok_fold (x, k)) > 3)
         && !(k > i && is_title_start (x, k)))
    k++;
  if (k == i)
    return 0;
  /* The whole run may be the name ("Tỉnh ủy Nguyễn Mạnh Hà"): a split
   * after its first word would take a given name for a family one. */
  guint len2 = k - i;
  guint first_rank = dg_surname_rank (dg_tok_fold (x, i));
  /* The article's own district first: "UBND huyện Đại Từ Bức xúc …" (a
   * heading run into the next sentence) is not "Đại" and "Từ Bức". */
  guint dl = 0;
  if (x->district)
    {
      g_autofree char *fd = dg_fold_phrase (x->district);
      dl = dg_tok_phrase (x, i, fd) ? dg_phrase_len (fd) : 0;
    }
  if (dl && dl <= len2)
    len2 = dl;
  else if (!(first_rank && first_rank <= 40 && len2 >= 2 && len2 <= 4))
    len2 = split_off_name (x, i, k - i);
  /* "UBND tỉnh Lê Trí Thanh", "Tỉnh ủy Nguyễn Đắc Vinh": a run that reads as
   * a person's name (a common family name, two to four syllables) is the
   * person after the organization, unless the article names a district so
   * ("Huyện ủy Trần Văn Thời"). */
  guint rank = dg_surname_rank (dg_tok_fold (x, i));
  if (rank && rank <= 40 && len2 >= 2 && len2 <= 4)
    {
      g_autofree char *run = dg_tok_text (x, i, i + len2);
      if (g_strcmp0 (run, x->district) != 0)
        return 0;
    }
  return len2;
}

static gboolean
is_city (const char *province)
{
  g_autofree char *f = dg_fold_phrase (province);
  GStrv row = dg_province_lookup (f);
  return row && strcmp (dg_data_field (row, 1), "city") == 0;
}

/* Fills an empty place from the article: its province or district. */
static void
resolve_open_place (DgExtract *x, const char *slot_level, Complement *c, gboolean with_word)
{
  if (g_strcmp0 (slot_level, "province") == 0 && x->province)
    c->suffix = g_strdup (x->province);
  else if (g_strcmp0 (slot_level, "city") == 0 && x->province && is_city (x->province))
    c->suffix = g_strdup (g_str_has_prefix (x->province, "Thành phố ") && with_word
                            ? x->province + strlen ("Thành phố ") : x->province);
  else if (g_strcmp0 (slot_level, "district") == 0 && x->district)
    c->suffix = g_strdup (x->district);
  else
    c->open = TRUE;
  (void) with_word;
}

static const char *
city_level (const char *place)
{
  return place && is_city (place) ? "province" : "district";
}

/* "tỉnh Lạng Sơn", "huyện Định Hóa", "TP Hồ Chí Minh", "tỉnh" (the
 * article's), or a bare province name. */
static gboolean
parse_admin (DgExtract *x, guint j, Complement *c)
{
  guint wl;
  const char *lw = level_word (x, j, &wl);
  GStrv row = NULL;
  if (lw == NULL)
    {
      guint pl;
      row = dg_extract_province_at (x, j, &pl);
      if (row == NULL)
        return FALSE;
      c->end = j + pl;
      c->level = "province";
      return TRUE;
    }
  guint pl = place_at (x, j + wl, &row);
  c->end = j + wl + pl;
  if (strcmp (lw, "city") == 0)
    {
      g_autofree char *place = pl ? dg_tok_text (x, j + wl, j + wl + pl) : NULL;
      if (pl == 0)
        {
          resolve_open_place (x, "city", c, TRUE);
          c->level = c->suffix ? "province" : "unknown";
        }
      else
        c->level = city_level (place);
    }
  else
    {
      c->level = lw;
      if (pl == 0)
        resolve_open_place (x, lw, c, TRUE);
    }
  return TRUE;
}

/* "HĐND, UBND huyện": a head with no place borrows the place of the next
 * head in a coordination. */
static gboolean
borrow_admin (DgExtract *x, guint j, Complement *c)
{
  /* "HĐND, UBND huyện", "Thành ủy - HĐND - UBND thành phố Hà Nội". */
  if (!(dg_tok_is (x, j, ",") || dg_tok_is (x, j, "và") || dg_tok_is (x, j, "-")
        || dg_tok_is (x, j, "–")))
    return FALSE;
  const DgPhraseTable *heads = dg_phrases ("org-heads.tsv", 0);
  guint n;
  GStrv row = dg_phrase_match (x, heads, j + 1, NULL, &n);
  if (row == NULL || strcmp (dg_data_field (row, 1), "admin") != 0)
    return FALSE;
  Complement other = { 0 };
  if (!parse_admin (x, j + 1 + n, &other) || other.end == j + 1 + n + 0)
    {
      complement_clear (&other);
      return FALSE;
    }
  guint wl;
  const char *lw = level_word (x, j + 1 + n, &wl);
  if (lw == NULL)
    {
      complement_clear (&other);
      return FALSE;
    }
  /* The borrowed words become the suffix; the name itself ends here. */
  g_autofree char *words = dg_tok_text (x, j + 1 + n, other.end);
  c->end = j;
  c->level = other.level;
  c->suffix = other.suffix ? g_strdup_printf ("%s %s", words, other.suffix) : g_strdup (words);
  c->open = other.open;
  complement_clear (&other);
  return TRUE;
}

/* Capitalised words: "Viện Xây dựng Đảng", "Học viện Chính trị quốc gia Hồ
 * Chí Minh". Lower-case words may follow capitalised ones, up to three in a
 * row, unless they are stop words. */
static gboolean
parse_caps (DgExtract *x, guint j, Complement *c)
{
  /* "Bí thư Đảng ủy, Giám đốc Học viện": a title is no name. */
  if (!is_word (x, j) || !is_upper (x, j)
      || (is_title_start (x, j) && !dg_tok_phrase (x, j, "thành viên")))
    return FALSE;
  const DgPhraseTable *heads = dg_phrases ("org-heads.tsv", 0);
  guint n = dg_ntoks (x), k = j, lower_run = 0, last_upper = j;
  while (k < n)
    {
      guint f = dg_tok_flags (x, k);
      if (f & DG_TOK_WORD)
        {
          /* Capitalised words are parts of the name ("Viện Xây dựng Đảng");
           * a lower-case verb or function word ends it. */
          if (!(f & (DG_TOK_UPPER | DG_TOK_DIGIT)) && is_stop (x, k, TRUE))
            break;
          /* "… Việt Nam và một số cá nhân": "và" joins capitalised parts
           * only; "Tập đoàn PVN chịu trách nhiệm": lower-case words do not
           * follow an abbreviation in a name. */
          if (k > j && !(f & (DG_TOK_UPPER | DG_TOK_DIGIT))
              && ((dg_tok_is (x, k, "và") && !is_upper (x, k + 1))
                  || (dg_tok_flags (x, k - 1) & DG_TOK_CAPS)))
            break;
          if (k > j && (f & DG_TOK_UPPER) && is_title_start (x, k))
            break;
          guint hn;
          /* "Tổng cục THADS và Công điện của …": "và" before a document or
           * another organization ends the name. */
          if (k > j && dg_tok_is (x, k, "và") && is_upper (x, k + 1)
              && (dg_phrase_match (x, dg_phrases ("doc-types.tsv", 0), k + 1, NULL, &hn)
                  || dg_phrase_match (x, heads, k + 1, NULL, &hn)))
            break;
          if (k > j && (f & DG_TOK_UPPER) && dg_phrase_match (x, heads, k, NULL, &hn)
              && (hn >= 2 || (dg_tok_flags (x, k + 1) & DG_TOK_UPPER)))
            break;
          if (f & (DG_TOK_UPPER | DG_TOK_DIGIT))
            {
              lower_run = 0;
              last_upper = k;
            }
          else if (++lower_run > 5)
            break;
          /* "… Khen thưởng Trung ương tặng hoa": "Trung ương" ends a name
           * that lower-case words follow. */
          if (k > j && dg_tok_phrase (x, k - 1, "trung ương") && !is_upper (x, k + 1)
              && !(dg_tok_flags (x, k + 1) & DG_TOK_CAPS))
            {
              k++;
              break;
            }
          k++;
          continue;
        }
      /* "Lao động - Thương binh", "Thi đua - Khen thưởng": a dash before a
       * capitalised word. */
      if ((dg_tok_is (x, k, "-") || dg_tok_is (x, k, "–")) && is_upper (x, k + 1)
          && is_word (x, k - 1) && !dg_org_at (x, k + 1))
        {
          k++;
          continue;
        }
      break;
    }
  /* A person's name at the end of the run is not part of the name. */
  guint end = k;
  while (end > j && !is_word (x, end - 1))
    end--;
  (void) last_upper;
  guint run_start = end;
  while (run_start > j && (dg_tok_flags (x, run_start - 1) & DG_TOK_UPPER))
    run_start--;
  guint pl;
  if (run_start > j && dg_surname_rank (dg_tok_fold (x, run_start))
      && end - run_start >= 2 && end - run_start <= 4
      && !dg_extract_province_at (x, run_start, &pl))
    end = run_start; /* "Tổng cục Chính trị Nguyễn Chí Thanh" */
  else if (end - run_start >= 3)
    end = run_start + split_off_name (x, run_start, end - run_start);
  if (end <= j)
    return FALSE;
  c->end = end;
  return TRUE;
}

/* The descriptor of a Ban Chỉ đạo: "Trung ương về phòng, chống tham nhũng,
 * tiêu cực", "PCTNTC tỉnh Bắc Kạn", "thực hiện hợp nhất 3 tỉnh …". It opens
 * with a capitalised word or a word of steer-starts.tsv, and ends at a stop
 * word, a title, a capitalised word after a comma, a mark that ends a clause,
 * or after a place ("tỉnh Bắc Kạn"). */
static gboolean
parse_steer (DgExtract *x, guint j, Complement *c)
{
  guint sn;
  gboolean cac_upper = dg_tok_is (x, j, "các") && is_upper (x, j + 1);
  if (!is_word (x, j) || is_stop (x, j, FALSE)
      || (!is_upper (x, j) && !(dg_tok_flags (x, j) & DG_TOK_CAPS) && !cac_upper
          && !dg_phrase_match (x, dg_phrases ("steer-starts.tsv", 0), j, NULL, &sn)))
    return FALSE;
  guint n = dg_ntoks (x), k = j, last_word = j;
  const char *slot = NULL;
  gboolean central = FALSE;
  while (k < n && k - j < 24)
    {
      guint f = dg_tok_flags (x, k);
      if (f & DG_TOK_BREAK)
        break;
      if (f & DG_TOK_WORD)
        {
          /* "ưu đãi người có công": "có" is no verb there. */
          if (dg_tok_phrase (x, k, "người có công"))
            {
              last_word = k + 2;
              k += 3;
              continue;
            }
          if (is_stop (x, k, FALSE) || (k > j && is_title_start (x, k)))
            break;
          /* "Trưởng Ban Chỉ đạo Tây Bắc Nguyễn Văn Bình": the holder's name
           * follows. */
          guint rank = k > j && is_upper (x, k) ? dg_surname_rank (dg_tok_fold (x, k)) : 0;
          if (rank && rank <= 40 && dg_name_at (x, k, TRUE) >= 2)
            break;
          /* "Ban Chỉ đạo các Chương trình mục tiêu quốc gia" goes on; "các
           * cấp", "các địa phương" do not. */
          gboolean cac = dg_tok_is (x, k, "các") && !is_upper (x, k + 1);
          if (dg_tok_is (x, k, "của") || dg_tok_is (x, k, "cho") || dg_tok_is (x, k, "trong")
              || dg_tok_is (x, k, "cùng") || cac || dg_tok_phrase (x, k, "đồng chí"))
            break;
          if (dg_tok_phrase (x, k, "trung ương"))
            central = TRUE;
          guint wl;
          const char *lw = level_word (x, k, &wl);
          if (lw)
            {
              /* A place ends the name; "3 tỉnh Lâm Đồng, Bình Thuận và Đắk
               * Nông" names several. */
              GStrv row;
              guint pl = place_at (x, k + wl, &row);
              slot = pl ? NULL : lw;
              gboolean several = k > j && (dg_tok_flags (x, k - 1) & DG_TOK_DIGIT);
              k += wl + pl;
              while (several && pl && (dg_tok_is (x, k, ",") || dg_tok_is (x, k, "và")))
                {
                  guint more = place_at (x, k + 1, &row);
                  if (more == 0)
                    break;
                  k += 1 + more;
                }
              last_word = k - 1;
              break;
            }
          last_word = k++;
          continue;
        }
      if (dg_tok_is (x, k, ","))
        {
          /* "phòng, chống": a comma inside the descriptor. */
          if (is_word (x, k + 1) && !is_upper (x, k + 1) && !is_stop (x, k + 1, TRUE)
              && !dg_tok_is (x, k + 1, "các") && !dg_tok_is (x, k + 1, "thành"))
            {
              k++;
              continue;
            }
          break;
        }
      if (dg_tok_is (x, k, "("))
        {
          guint q = k + 1;
          while (q < n && q < k + 5 && (dg_tok_flags (x, q) & DG_TOK_CAPS))
            q++;
          if (q > k + 1 && dg_tok_is (x, q, ")"))
            {
              if (c->paren_t1 == 0)
                {
                  c->paren_t0 = k;
                  c->paren_t1 = q + 1;
                }
              k = q + 1;
              last_word = q;
              continue;
            }
          break;
        }
      if ((dg_tok_is (x, k, "-") || dg_tok_is (x, k, "/")) && is_word (x, k + 1))
        {
          k++;
          continue;
        }
      break;
    }
  c->end = last_word + 1;
  /* "Ban Chỉ đạo … các tỉnh, thành phố": every province's, no one's. */
  if (dg_tok_is (x, c->end, "các"))
    return FALSE;
  /* "Ban Chỉ đạo tỉnh": a short name of one the article named in full. */
  guint wl;
  if (level_word (x, j, &wl) && slot && c->end == j + wl)
    return FALSE;
  if (central)
    c->level = "central";
  if (slot)
    {
      resolve_open_place (x, slot, c, TRUE);
      c->level = strcmp (slot, "city") == 0 ? "province" : slot;
      if (c->open)
        return FALSE;
    }
  return TRUE;
}

static DgMention *parse_org (DgExtract *x, guint i, const char *prefix,
                             const char *prefix_label, gboolean nested, guint *end);

static gboolean
parse_org_complement (DgExtract *x, guint j, Complement *c)
{
  guint e;
  DgMention *child = parse_org (x, j, NULL, NULL, TRUE, &e);
  if (child == NULL)
    return FALSE;
  c->child = child;
  c->end = e;
  c->level = dg_node_get_attr (child->node, "level");
  return TRUE;
}

static gboolean
parse_names (DgExtract *x, guint j, const char *table, Complement *c)
{
  const DgPhraseTable *names = dg_phrases ("org-names.tsv", 1);
  guint n = dg_ntoks (x);
  guint len = 0;
  GStrv row = dg_phrase_match (x, names, j, NULL, &len);
  (void) table;
  if (row == NULL || !is_upper (x, j))
    {
      if (strcmp (table, "departments") != 0 || !parse_caps (x, j, c))
        return FALSE;
    }
  else
    c->end = j + len;
  if (c->end < n)
    {
      Complement admin = { 0 };
      guint wl;
      guint pl;
      /* "Sở Y tế tỉnh Lạng Sơn", "Sở Y tế Lạng Sơn". */
      if ((level_word (x, c->end, &wl) || dg_extract_province_at (x, c->end, &pl))
          && parse_admin (x, c->end, &admin))
        {
          c->end = admin.end;
          c->level = admin.level;
          c->suffix = g_steal_pointer (&admin.suffix);
          c->open = admin.open;
        }
      complement_clear (&admin);
    }
  return TRUE;
}

/* "Bí thư Thành ủy Hoàng Trung Hải": after a title, a run of capitalised
 * words that is a person's name is the person, not the place. */
static gboolean
title_before (const DgExtract *x, guint head)
{
  const DgPhraseTable *t = dg_phrases ("titles.tsv", 0);
  for (guint len = 1; len <= t->max_len && len <= head; len++)
    {
      guint n;
      GStrv row = dg_phrase_match (x, t, head - len, NULL, &n);
      if (row && n == len && strcmp (dg_data_field (row, 2), "prefix") != 0)
        return TRUE;
    }
  return FALSE;
}

/* Parses the complement named by kind at token j, after the head that
 * starts at token head. */
static gboolean
parse_complement (DgExtract *x, const char *kind, const char *head_level, guint head, guint j,
                  Complement *c)
{
  c->end = j;
  if (strcmp (kind, "none") == 0)
    return TRUE;
  if (strcmp (kind, "place") == 0)
    {
      guint wl, pl0;
      GStrv prov = dg_extract_province_at (x, j, &pl0);
      if (prov)
        {
          c->end = j + pl0;
          c->level = strcmp (head_level, "from") == 0
                       ? (strcmp (dg_data_field (prov, 1), "city") == 0 ? "province" : "district")
                       : head_level;
          return TRUE;
        }
      const char *lw = level_word (x, j, &wl);
      guint at = j + ((lw && (strcmp (lw, "province") == 0 || strcmp (lw, "city") == 0)) ? wl : 0);
      GStrv row;
      /* "Tỉnh ủy 3 tỉnh …" counts provinces: no place starts with a number
       * unless a level word comes first ("phường 5"). */
      guint pl = at == j && (dg_tok_flags (x, at) & DG_TOK_DIGIT) ? 0 : place_at (x, at, &row);
      /* "Tỉnh ủy 3 tỉnh Lâm Đồng, Bình Thuận và Đắk Nông": the first of
       * the provinces counted; the words of the count stay out of the
       * name, the others are read after. */
      guint cl;
      if (at == j && (dg_tok_flags (x, at) & DG_TOK_DIGIT) && dg_tok_is (x, at + 1, "tỉnh")
          && dg_extract_province_at (x, at + 2, &cl))
        {
          c->paren_t0 = at;
          c->paren_t1 = at + 2;
          c->end = at + 2 + cl;
          c->level = strcmp (head_level, "from") == 0 ? "province" : head_level;
          return TRUE;
        }
      if (pl && row == NULL && title_before (x, head) && dg_surname_rank (dg_tok_fold (x, at))
          && dg_name_at (x, at, TRUE) == pl)
        pl = 0;
      if (pl)
        {
          c->end = at + pl;
          g_autofree char *place = dg_tok_text (x, at, at + pl);
          c->level = strcmp (head_level, "from") == 0 ? city_level (place) : head_level;
          return TRUE;
        }
      /* "Thành ủy" alone: the article's city, when it is one. */
      const char *slot = strcmp (head_level, "from") == 0 ? "city" : head_level;
      resolve_open_place (x, slot, c, FALSE);
      c->level = strcmp (head_level, "from") == 0 ? (c->suffix ? "province" : "unknown") : head_level;
      c->empty = TRUE;
      return TRUE;
    }
  if (strcmp (kind, "admin") == 0)
    {
      if (parse_admin (x, j, c) || borrow_admin (x, j, c))
        return TRUE;
      c->empty = TRUE;
      return TRUE;
    }
  if (strcmp (kind, "admin-or-central") == 0)
    {
      /* "Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn"; alone, the central
       * body. */
      if (parse_admin (x, j, c))
        return !c->open; /* "Phòng giao dịch NHCSXH huyện": some district's */
      c->level = "central";
      return TRUE;
    }
  if (strcmp (kind, "admin-or-caps") == 0)
    {
      if (parse_admin (x, j, c) || parse_caps (x, j, c))
        return TRUE;
      return FALSE;
    }
  if (strcmp (kind, "admin-org-or-caps") == 0)
    {
      if (parse_admin (x, j, c) || parse_org_complement (x, j, c) || parse_caps (x, j, c))
        return TRUE;
      return FALSE;
    }
  if (strcmp (kind, "unit") == 0)
    {
      /* "Chi bộ khu phố 3", "Chi bộ Văn phòng": a few words, the last a
       * number or capitalised. */
      guint k = j, last = 0;
      while (k < dg_ntoks (x) && k < j + 5 && is_word (x, k) && !is_stop (x, k, TRUE))
        {
          if (is_upper (x, k))
            last = k + 1;
          k++;
        }
      if (last == 0)
        return FALSE;
      c->end = last;
      return TRUE;
    }
  if (strcmp (kind, "org") == 0)
    return parse_org_complement (x, j, c);
  if (strcmp (kind, "central") == 0)
    {
      if (dg_tok_phrase (x, j, "trung ương") || dg_tok_phrase (x, j, "tw")
          || dg_tok_phrase (x, j, "tư"))
        {
          c->end = j + (dg_tok_is (x, j, "trung") ? 2 : 1);
          if (dg_tok_is (x, c->end, "đảng"))
            c->end++;
          c->level = "central";
          return TRUE;
        }
      if (parse_org_complement (x, j, c))
        return TRUE;
      guint wl;
      if (level_word (x, j, &wl) && parse_admin (x, j, c))
        return !c->open;
      return FALSE;
    }
  if (strcmp (kind, "central-or-admin") == 0)
    {
      if (dg_tok_phrase (x, j, "trung ương"))
        {
          c->end = j + 2;
          c->level = "central";
          return TRUE;
        }
      return parse_admin (x, j, c);
    }
  if (g_str_has_prefix (kind, "names:"))
    return parse_names (x, j, kind + 6, c);
  if (strcmp (kind, "caps") == 0)
    {
      if (!parse_caps (x, j, c))
        return FALSE;
      /* "Hội đồng Thi đua - Khen thưởng Trung ương": a central body. */
      if (c->end >= j + 2 && dg_tok_phrase (x, c->end - 2, "trung ương"))
        c->level = "central";
      /* "Chi cục THADS quận, huyện": a level word without its place is
       * no part of the name. */
      guint wl0;
      while (c->end > j + 1 && level_word (x, c->end - 1, &wl0) && wl0 == 1)
        c->end--;
      /* "Chi cục Kiểm lâm tỉnh Vĩnh Phúc": a place at the end gives the
       * level. */
      for (guint k = j; k < c->end && !c->level; k++)
        {
          guint wl;
          const char *lw = level_word (x, k, &wl);
          GStrv row;
          guint pl = lw ? place_at (x, k + wl, &row) : 0;
          /* The place ends the name ("… tỉnh Vĩnh Phúc  Theo ông …"). */
          if (lw && pl && k + wl + pl <= c->end)
            {
              c->end = k + wl + pl;
              g_autofree char *place = dg_tok_text (x, k + wl, c->end);
              c->level = strcmp (lw, "city") == 0 ? city_level (place) : lw;
            }
        }
      return TRUE;
    }
  if (strcmp (kind, "steer") == 0)
    return parse_steer (x, j, c);
  if (strcmp (kind, "number") == 0 || strcmp (kind, "number-or-of") == 0)
    {
      guint k = j;
      if (dg_tok_is (x, k, "số"))
        k++;
      gboolean num = (dg_tok_flags (x, k) & DG_TOK_DIGIT) != 0;
      if (num)
        k++;
      else
        k = j;
      if (strcmp (kind, "number-or-of") == 0 && dg_tok_is (x, k, "của"))
        {
          guint e;
          DgMention *owner = parse_org (x, k + 1, NULL, NULL, FALSE, &e);
          if (owner)
            {
              c->child = owner;
              c->owner = TRUE;
              c->end = e;
              c->level = dg_node_get_attr (owner->node, "level");
              return TRUE;
            }
        }
      if (!num)
        return FALSE;
      c->end = k;
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------ keys */

static GHashTable *
data_abbreviations (void)
{
  static gsize once;
  static GHashTable *h;
  if (g_once_init_enter (&once))
    {
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      GPtrArray *rows = dg_data_table ("abbreviations.tsv");
      for (guint i = 0; i < rows->len; i++)
        g_hash_table_insert (t, dg_fold_phrase (dg_data_field (rows->pdata[i], 0)),
                             dg_fold_phrase (dg_data_field (rows->pdata[i], 1)));
      h = t;
      g_once_init_leave (&once, 1);
    }
  return h;
}

/* Folded words of a name, abbreviations expanded, punctuation dropped. */
static char *
key_words (DgExtract *x, const char *label)
{
  g_autofree char *folded = dg_fold_phrase (label);
  g_auto (GStrv) words = g_strsplit (folded, " ", -1);
  GString *out = g_string_new (NULL);
  GHashTable *data = data_abbreviations ();
  for (guint i = 0; words[i]; i++)
    {
      const char *w = words[i];
      if (*w == '\0' || (!g_unichar_isalnum (g_utf8_get_char (w))))
        continue;
      const char *exp = x ? g_hash_table_lookup (x->abbrevs, w) : NULL;
      g_autofree char *exp_folded = exp ? dg_fold_phrase (exp) : NULL;
      const char *use = exp_folded ? exp_folded : g_hash_table_lookup (data, w);
      if (use == NULL)
        use = w;
      /* The expansion may hold punctuation too. */
      g_auto (GStrv) parts = g_strsplit (use, " ", -1);
      for (guint k = 0; parts[k]; k++)
        if (*parts[k] && g_unichar_isalnum (g_utf8_get_char (parts[k])))
          {
            if (out->len)
              g_string_append_c (out, ' ');
            g_string_append (out, parts[k]);
          }
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  GHashTable *names;   /* variant key → canonical key */
  GPtrArray *prefixes; /* pairs: variant prefix, canonical prefix (keys) */
} Canonical;

static const Canonical *
canonical_names (void)
{
  static gsize once;
  static Canonical c;
  if (g_once_init_enter (&once))
    {
      c.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      c.prefixes = g_ptr_array_new ();
      GPtrArray *rows = dg_data_table ("org-canonical.tsv");
      for (guint i = 0; i < rows->len; i++)
        {
          GStrv row = rows->pdata[i];
          char *variant = key_words (NULL, dg_data_field (row, 1));
          char *canon = key_words (NULL, dg_data_field (row, 0));
          if (strcmp (dg_data_field (row, 2), "prefix") == 0)
            {
              g_ptr_array_add (c.prefixes, variant);
              g_ptr_array_add (c.prefixes, canon);
            }
          else
            g_hash_table_insert (c.names, variant, canon);
        }
      g_once_init_leave (&once, 1);
    }
  return &c;
}

/* "Sở Y tế tỉnh Lạng Sơn" and "Sở Y tế Lạng Sơn" are one: "tỉnh" before a
 * province and "thành phố" before a centrally-run city leave the key. Not
 * before a provincial city ("UBND thành phố Thái Nguyên" is no province's). */
static char *
drop_levels (char *words)
{
  g_auto (GStrv) w = g_strsplit (words, " ", -1);
  guint n = g_strv_length (w);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      /* A province by any of its names: "TP.HCM", "TPHCM" and "Thành phố
       * Hồ Chí Minh" are one. */
      GStrv row = NULL;
      guint len = dg_province_first_word (w[i]) ? MIN (5, n - i) : 0;
      for (; len > 0 && !row; len--)
        {
          g_autoptr (GString) p = g_string_new (NULL);
          for (guint k = 0; k < len; k++)
            {
              if (k)
                g_string_append_c (p, ' ');
              g_string_append (p, w[i + k]);
            }
          row = dg_province_lookup (p->str);
        }
      if (row && i > 0)
        {
          len++;
          /* The level word before goes when it is the province's own. */
          const char *kind = dg_data_field (row, 1);
          const char *level = strcmp (kind, "city") == 0 ? " thành phố" : " tỉnh";
          if (g_str_has_suffix (out->str, level))
            g_string_truncate (out, out->len - strlen (level));
          else if (strcmp (kind, "city") != 0 && g_str_has_suffix (out->str, " thành phố"))
            {
              /* "UBND thành phố Thái Nguyên" is no province's. */
              g_string_append_c (out, ' ');
              g_string_append (out, w[i]);
              continue;
            }
          g_autofree char *canon = dg_fold_phrase (dg_data_field (row, 0));
          const char *name = g_str_has_prefix (canon, "thành phố ") ? canon + strlen ("thành phố ") : canon;
          if (out->len)
            g_string_append_c (out, ' ');
          g_string_append (out, name);
          i += len - 1;
          continue;
        }
      if (out->len)
        g_string_append_c (out, ' ');
      g_string_append (out, w[i]);
    }
  g_free (words);
  return g_string_free (out, FALSE);
}

char *
dg_org_key (DgExtract *x, const char *label)
{
  char *words = drop_levels (key_words (x, label));
  const Canonical *c = canonical_names ();
  /* "Thường vụ Thành ủy Hà Nội" → "ban thường vụ thành ủy hà nội". */
  for (guint i = 0; i + 1 < c->prefixes->len; i += 2)
    {
      const char *variant = c->prefixes->pdata[i], *canon = c->prefixes->pdata[i + 1];
      gsize vl = strlen (variant);
      /* A variant shorter than its canonical form ("ban cán sự") is not
       * rewritten where the canonical form is already there. */
      gboolean done = strlen (canon) > vl && g_str_has_prefix (words, canon);
      if (g_str_has_prefix (words, variant) && (words[vl] == ' ' || words[vl] == '\0') && !done)
        {
          char *rewritten = g_strconcat (canon, words + vl, NULL);
          g_free (words);
          words = rewritten;
        }
    }
  const char *canon = g_hash_table_lookup (c->names, words);
  if (canon)
    {
      g_free (words);
      words = g_strdup (canon);
    }
  return words;
}

DgNode *
dg_org_node (DgExtract *x, const char *label, const char *level, gboolean unresolved)
{
  g_autofree char *words = dg_org_key (x, label);
  /* A provincial outlet's "Tỉnh ủy" is its province's: the label stays as
   * written, the key and the attributes say which. */
  const char *outlet = unresolved ? x->outlet_province : NULL;
  g_autofree char *outlet_key = outlet ? dg_org_key (x, outlet) : NULL;
  if (outlet)
    unresolved = FALSE;
  g_autofree char *key = unresolved
                           ? g_strdup_printf ("%s#?%.12s", words, dg_article_sha256 (x->article))
                           : outlet ? drop_levels (g_strdup_printf ("%s %s", words, outlet_key))
                                    : g_strdup (words);
  DgNode *node = dg_graph_add_node (x->graph, DG_NODE_ORGANIZATION, key, label);
  if (level)
    dg_node_set_attr (node, "level", level, FALSE);
  if (unresolved)
    dg_node_set_attr (node, "unresolved", "true", FALSE);
  if (outlet)
    dg_node_set_attr (node, "province", outlet, FALSE);
  return node;
}

/* ------------------------------------------------------------ parsing */

static gboolean
generic_before (const DgExtract *x, guint i)
{
  static const char *const words[] = { "các", "những", "mỗi", "từng", "cấp", "của các", NULL };
  /* "giảng viên cao cấp Học viện …" is a rank, not "cấp" + a kind. */
  if (i > 1 && dg_tok_phrase (x, i - 2, "cao cấp"))
    return FALSE;
  for (guint k = 0; words[k]; k++)
    if (i > 0 && dg_tok_is (x, i - 1, words[k]))
      return TRUE;
  return FALSE;
}

/* "Ban Thường vụ Đảng ủy Khối yêu cầu …" after "Đảng ủy Khối các Cơ quan và
 * Doanh nghiệp tỉnh": a capitalised head alone, of a kind that needs a
 * name, is the one body of that head the article named before. */
static DgMention *
short_reference (DgExtract *x, guint i, guint hn, GStrv row, gboolean nested, guint *end)
{
  const char *complement = dg_data_field (row, 1);
  /* One word ("Cục") says too little; inside another name a steering
   * committee alone is no body of its own ("Cơ quan Thường trực Ban Chỉ
   * đạo tỉnh"). */
  if (!(dg_tok_flags (x, i) & DG_TOK_UPPER) || hn < 2
      || !(strcmp (complement, "caps") == 0 || (strcmp (complement, "steer") == 0 && !nested)
           || (strcmp (complement, "number-or-of") == 0 && !nested)))
    return NULL;
  g_autofree char *head = dg_tok_text (x, i, i + hn);
  g_autofree char *fh = dg_fold_phrase (head);
  gsize hl = strlen (fh);
  DgNode *found = NULL;
  guint count = 0;
  for (guint k = 0; k < dg_graph_n_nodes (x->graph); k++)
    {
      DgNode *o = dg_graph_node (x->graph, k);
      if (dg_node_type (o) != DG_NODE_ORGANIZATION)
        continue;
      g_autofree char *fl = dg_fold_phrase (dg_node_label (o));
      if (g_str_has_prefix (fl, fh) && fl[hl] == ' ')
        found = o, count++;
    }
  if (count != 1)
    return NULL;
  DgMention *m = dg_mention_new (x, DG_M_ORG, i, i + hn, "org.short-reference");
  m->node = found;
  m->org_kind = g_intern_string (dg_data_field (row, 3));
  m->unresolved = dg_node_get_attr (found, "unresolved") != NULL;
  dg_node_add_mention (found, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
  *end = i + hn;
  return m;
}

static DgMention *
parse_org (DgExtract *x, guint i, const char *prefix, const char *prefix_label,
           gboolean nested, guint *end)
{
  guint n = dg_ntoks (x);
  if (i >= n || (!prefix && !is_word (x, i)))
    return NULL;
  if (!prefix && !nested && !(dg_tok_flags (x, i) & (DG_TOK_UPPER | DG_TOK_CAPS)))
    return NULL;
  const DgPhraseTable *heads = dg_phrases ("org-heads.tsv", 0);
  guint hn;
  GStrv row = dg_phrase_match (x, heads, i, prefix, &hn);
  if (row == NULL || (prefix == NULL && hn == 0))
    return NULL;
  /* A nested head in lower case must still look like a name ("Ban cán sự
   * Đảng bộ Lao động - …" writes the ministry's "Bộ" in lower case). */
  if (nested && !prefix && !(dg_tok_flags (x, i) & (DG_TOK_UPPER | DG_TOK_CAPS))
      && strcmp (dg_data_field (row, 3), "committee") != 0
      && !(dg_tok_is (x, i, "bộ") && (dg_tok_flags (x, i + 1) & DG_TOK_UPPER)))
    return NULL;
  const char *complement = dg_data_field (row, 1);
  const char *head_level = dg_data_field (row, 2);
  const char *kind = dg_data_field (row, 3);
  Complement c = { 0 };
  /* "Ủy ban nhân dân (UBND) tỉnh Sơn La": the abbreviation the article
   * defines is left out of the name. */
  guint after_head = i + hn;
  guint paren_t0 = 0, paren_t1 = 0;
  if (dg_tok_is (x, after_head, "("))
    {
      guint q = after_head + 1;
      while (q < n && q < after_head + 5 && (dg_tok_flags (x, q) & DG_TOK_CAPS))
        q++;
      if (q > after_head + 1 && dg_tok_is (x, q, ")"))
        {
          paren_t0 = after_head;
          paren_t1 = q + 1;
          after_head = q + 1;
        }
    }
  if (!parse_complement (x, complement, head_level, i, after_head, &c))
    {
      complement_clear (&c);
      return short_reference (x, i, hn, row, nested, end);
    }
  /* Heads that need a complement and got none name no one in particular,
   * except party committees, which the article's place completes. */
  if (c.empty && strcmp (complement, "place") != 0)
    {
      /* "UBND", "HĐND" alone: generic. */
      complement_clear (&c);
      return NULL;
    }
  /* "Thủ tướng Chính phủ Phạm Minh Chính" is a person's title. */
  if (strcmp (kind, "office") == 0 && dg_name_at (x, c.end, TRUE))
    {
      complement_clear (&c);
      return NULL;
    }
  guint t0 = i, t1 = c.end;
  /* "Quốc hội (ĐBQH)": nothing follows the abbreviation, so the name
   * stops before it. */
  if (paren_t1 > paren_t0 && t1 <= paren_t1)
    t1 = paren_t0;
  if (t1 >= n && t1 > t0 + hn && !g_str_has_suffix (x->text, "\n")
      && (dg_tok_flags (x, n - 1) & DG_TOK_WORD) && !(dg_tok_flags (x, n - 1) & DG_TOK_DIGIT)
      && g_utf8_strlen (dg_tok_fold (x, n - 1), -1) <= 1)
    {
      /* The text stops in the middle of the name ("Thành ủy Đà N"). */
      complement_clear (&c);
      return NULL;
    }
  g_autofree char *written = NULL;
  if (c.paren_t1 > c.paren_t0 && c.paren_t1 < t1 && paren_t1 == 0)
    {
      paren_t0 = c.paren_t0;
      paren_t1 = c.paren_t1;
    }
  /* "Ban Thường vụ Tỉnh ủy 3 tỉnh Lâm Đồng": what the inner name leaves
   * out, the outer leaves out too. */
  if (paren_t1 == 0 && c.child && c.child->skip_t1 > c.child->skip_t0 && c.child->skip_t1 < t1)
    {
      paren_t0 = c.child->skip_t0;
      paren_t1 = c.child->skip_t1;
    }
  if (paren_t1 > paren_t0 && paren_t1 < t1)
    {
      g_autofree char *a = dg_tok_text (x, t0, paren_t0);
      g_autofree char *b = dg_tok_text (x, paren_t1, t1);
      written = g_strdup_printf ("%s %s", a, b);
    }
  else if (c.child && c.child->t1 == t1 && c.child->t0 > t0
           && c.child->rule == dg_rule_intern ("org.short-reference"))
    {
      /* "Ban Thường vụ Đảng ủy Khối": the body referred to, in full. */
      g_autofree char *a = dg_tok_text (x, t0, c.child->t0);
      written = g_strdup_printf ("%s %s", a, dg_node_label (c.child->node));
    }
  else
    written = dg_tok_text (x, t0, t1);
  GString *label = g_string_new (NULL);
  if (prefix_label)
    {
      g_string_append (label, prefix_label);
      if (t1 > t0)
        g_string_append_c (label, ' ');
    }
  g_string_append (label, written);
  /* The label starts with a capital, as names do. */
  if (label->len && g_unichar_islower (g_utf8_get_char (label->str)))
    {
      gunichar up = g_unichar_toupper (g_utf8_get_char (label->str));
      char buf[8];
      gint bl = g_unichar_to_utf8 (up, buf);
      const char *rest = g_utf8_next_char (label->str);
      g_autofree char *tail = g_strdup (rest);
      g_string_truncate (label, 0);
      g_string_append_len (label, buf, bl);
      g_string_append (label, tail);
    }
  const char *suffix = c.suffix;
  gboolean unresolved = c.open;
  if (c.child)
    unresolved = unresolved || c.child->unresolved;
  /* The child's place from the article completes our label too. */
  if (c.child && c.child->t1 == t1 && !suffix)
    suffix = c.child->suffix;
  if (suffix && *suffix)
    {
      g_string_append_c (label, ' ');
      g_string_append (label, suffix);
    }
  const char *level = c.level ? c.level : strcmp (head_level, "from") == 0 ? "unknown" : head_level;
  if (strcmp (level, "city") == 0)
    level = "province";
  /* "Đài Tiếng nói Việt Nam (VOV)": the article will write "VOV", and the
   * bracket goes with the mention. Not "đại biểu Quốc hội (ĐBQH)": letters
   * of the words before are no name of the body. */
  gboolean own_abbrev = FALSE;
  if (paren_t1 == paren_t0 + 3 && t1 == paren_t0)
    {
      const char *ab = dg_tok_fold (x, paren_t0 + 1);
      g_autofree char *fab = dg_fold_phrase (ab);
      GPtrArray *rows = dg_data_table ("abbreviations.tsv");
      gboolean known = g_hash_table_contains (x->abbrevs, fab);
      for (guint q = 0; q < rows->len && !known; q++)
        {
          g_autofree char *fa = dg_fold_phrase (dg_data_field (rows->pdata[q], 0));
          known = strcmp (fa, fab) == 0;
        }
      own_abbrev = !known;
    }
  DgMention *m = dg_mention_new (x, DG_M_ORG, t0, own_abbrev ? paren_t1 : MAX (t1, t0 + 1), "org.head");
  m->node = dg_org_node (x, label->str, level, unresolved);
  if (own_abbrev)
    g_hash_table_replace (x->org_abbrevs, g_strdup (dg_tok_fold (x, paren_t0 + 1)), m->node);
  m->org_kind = g_intern_string (kind);
  m->unresolved = unresolved;
  m->generic = c.empty;
  m->suffix = suffix && *suffix ? g_strdup (suffix) : NULL;
  if (paren_t1 > paren_t0 && paren_t1 < t1)
    {
      m->skip_t0 = paren_t0;
      m->skip_t1 = paren_t1;
    }
  dg_node_add_mention (m->node, dg_mention_start (x, m), dg_mention_end (x, m), m->rule);
  if (c.child)
    {
      c.child->parent = m;
      guint s = dg_mention_start (x, m), e = dg_mention_end (x, m);
      if (!c.owner)
        dg_graph_add_edge (x->graph, DG_EDGE_PART_OF, m->node, c.child->node, NULL, s, e,
                           "part-of.nested");
    }
  g_string_free (label, TRUE);
  complement_clear (&c);
  *end = MAX (m->t1, t0 + 1);
  return m;
}

DgMention *
dg_org_parse_at (DgExtract *x, guint i, const char *prefix, const char *prefix_label,
                 guint *end)
{
  return parse_org (x, i, prefix, prefix_label, prefix != NULL, end);
}

DgMention *
dg_org_subject_before (DgExtract *x, guint i)
{
  guint b = i, was;
  do
    {
      was = b;
      b = dg_lex_skip_back (x, "adverb", b, 0);
      while (b > 0 && dg_tok_is (x, b - 1, ","))
        b--;
    }
  while (b != was);
  for (guint q = b > 24 ? b - 24 : 0; q < b; q++)
    {
      DgMention *o = dg_mention_at (x, DG_M_ORG, q);
      if (o && o->t1 == b)
        return o;
    }
  return NULL;
}

DgMention *
dg_org_at (DgExtract *x, guint i)
{
  return dg_mention_at (x, DG_M_ORG, i);
}

/* "Ban Thường vụ Tỉnh ủy Nam Định, Quảng Nam", "… 3 tỉnh Lâm Đồng, Bình
 * Thuận và Đắk Nông": the same body of each province listed after the
 * first. Each gets a mention over its province's words, so that a list of
 * subjects reads as one ("A, B và C ban hành …"). Returns the token after
 * the list. */
static guint
more_places (DgExtract *x, DgMention *m, guint end)
{
  if (m->t1 != end)
    return end;
  /* The province that ends the name. */
  guint p0 = 0, plen = 0;
  for (guint k = end > 5 ? end - 5 : 0; k < end && !plen; k++)
    {
      guint len;
      if (dg_extract_province_at (x, k, &len) && k + len == end)
        p0 = k, plen = len;
    }
  if (!plen)
    return end;
  g_autofree char *first = dg_tok_text (x, p0, end);
  DgMention *child = NULL;
  for (guint q = 0; q < x->mentions->len; q++)
    {
      DgMention *o = x->mentions->pdata[q];
      if (o->kind == DG_M_ORG && o->parent == m && o->t1 == end)
        child = o;
    }
  guint k = end;
  while (dg_tok_is (x, k, ",") || dg_tok_is (x, k, "và"))
    {
      guint len;
      if (!dg_extract_province_at (x, k + 1, &len)
          || ((dg_tok_flags (x, k + 1 + len) & DG_TOK_UPPER) && (dg_tok_flags (x, k + 1 + len) & DG_TOK_WORD)))
        break;
      g_autofree char *place = dg_tok_text (x, k + 1, k + 1 + len);
      DgMention *made[2] = { NULL, NULL };
      DgMention *src[2] = { m, child };
      for (guint q = 0; q < 2 && src[q]; q++)
        {
          const char *label = dg_node_label (src[q]->node);
          if (!g_str_has_suffix (label, first))
            break;
          g_autofree char *base = g_strndup (label, strlen (label) - strlen (first));
          g_autofree char *name = g_strdup_printf ("%s%s", base, place);
          made[q] = dg_mention_new (x, DG_M_ORG, k + 1, k + 1 + len, "org.list");
          made[q]->node = dg_org_node (x, name, dg_node_get_attr (src[q]->node, "level"), FALSE);
          made[q]->org_kind = src[q]->org_kind;
          dg_node_add_mention (made[q]->node, dg_mention_start (x, made[q]),
                               dg_mention_end (x, made[q]), made[q]->rule);
        }
      if (made[0] == NULL)
        break;
      if (made[1])
        {
          made[1]->parent = made[0];
          dg_graph_add_edge (x->graph, DG_EDGE_PART_OF, made[0]->node, made[1]->node, NULL,
                             dg_mention_start (x, made[0]), dg_mention_end (x, made[0]),
                             "part-of.nested");
        }
      k += 1 + len;
    }
  return k;
}

void
dg_extract_organizations (DgExtract *x)
{
  guint n = dg_ntoks (x);
  for (guint i = 0; i < n; i++)
    {
      if (!(dg_tok_flags (x, i) & (DG_TOK_UPPER | DG_TOK_CAPS)))
        continue;
      if (generic_before (x, i))
        {
          /* "các Ban Chỉ đạo cấp tỉnh": skip the whole head. */
          guint hn;
          if (dg_phrase_match (x, dg_phrases ("org-heads.tsv", 0), i, NULL, &hn))
            i += hn - 1;
          continue;
        }
      /* Inside a title ("Phó Bí thư Thường trực Tỉnh ủy") the words that
       * look like a head ("Thường trực") belong to the title; the officials
       * pass reads the organization after it. */
      guint tn, hn = 0;
      GStrv trow = dg_phrase_match (x, dg_phrases ("titles.tsv", 0), i, NULL, &tn);
      dg_phrase_match (x, dg_phrases ("org-heads.tsv", 0), i, NULL, &hn);
      if (trow && tn > hn && strcmp (dg_data_field (trow, 2), "prefix") != 0)
        {
          const char *share = dg_data_field (trow, 1);
          guint keep = 0;
          if (*share && strcmp (share, "-") != 0)
            {
              g_autofree char *sf = dg_fold_phrase (share);
              guint sl = dg_phrase_len (sf);
              if (tn > sl && dg_tok_phrase (x, i + tn - sl, sf)
                  && (dg_tok_flags (x, i + tn - sl) & DG_TOK_UPPER))
                keep = sl;
            }
          i += tn - 1 - keep;
          continue;
        }
      guint end;
      DgMention *m = parse_org (x, i, NULL, NULL, FALSE, &end);
      if (m)
        i = more_places (x, m, end) - 1;
      else if ((dg_tok_flags (x, i) & DG_TOK_CAPS)
               && g_hash_table_lookup (x->org_abbrevs, dg_tok_fold (x, i)))
        {
          /* "Tổng Giám đốc VOV": the abbreviation the article defined. */
          DgMention *a = dg_mention_new (x, DG_M_ORG, i, i + 1, "org.abbreviation");
          a->node = g_hash_table_lookup (x->org_abbrevs, dg_tok_fold (x, i));
          dg_node_add_mention (a->node, dg_mention_start (x, a), dg_mention_end (x, a), a->rule);
        }
    }
}
