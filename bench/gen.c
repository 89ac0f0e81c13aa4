/* bench/gen: writes N articles in the genre, the same ones for the same seed.
 *
 *   build/bench/gen [--seed S] [--start K] [--dir DIR | --csv] [-o FILE] N
 *
 * Article i (K ≤ i < K + N) is a pure function of (S, i): the first N
 * articles of a run are those of any longer run with the same seed, and a
 * range can be made apart (--start) and still fit the rest. The output is
 * JSONL, one {"source", "title", "date", "text"} record a line (what
 * `docgraph import` and `docgraph extract -i jsonl` read), on standard output
 * or in FILE; with --dir, one .txt file per article (headline, blank line,
 * body) in folders of 1000; with --csv, CSV rows (source, title, date, text)
 * under a header line, for `sqlite3 .import` (bench/floors).
 *
 * The world is built from the data tables (the real provinces of
 * data/provinces.tsv, the family names of data/surnames.tsv) and the seed:
 * each province has its districts and each district its communes, with
 * random names; each body has officials who change every five years. 800
 * central documents are carried out by province plans, those by district
 * plans, those by commune plans and those by commune guidance: trees four
 * levels deep, each plan's article naming the plan it carries out with its
 * number, date and issuer. A third of the articles are conferences, chaired
 * and attended by the officials of the body that holds them; Thành ủy Hà Nội
 * holds the most. Each article is filled to a length drawn between 2 and
 * 6 KB with sentences of the genre, written for this generator.
 *
 * Not a test: a benchmark input (see bench/README.md). */
#include "data-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

/* ------------------------------------------------------------- numbers */

static guint64
mix (guint64 x)
{
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

/* A stream of random numbers, started from a seed and up to three labels. */
typedef struct {
  guint64 state; /* splitmix64 state */
} Rng;

static Rng
rng_for (guint64 seed, guint64 a, guint64 b, guint64 c)
{
  Rng r = { mix (mix (mix (seed ^ 0x5eed) ^ a) ^ (b * 0x100000001b3ull) ^ (c << 17)) };
  return r;
}

static guint64
next (Rng *r)
{
  r->state += 0x9e3779b97f4a7c15ull;
  return mix (r->state);
}

/* A number in [0, n). */
static guint
below (Rng *r, guint n)
{
  return n ? (guint) (next (r) % n) : 0;
}

static double
unit (Rng *r)
{
  return (double) (next (r) >> 11) / (double) (1ull << 53);
}

#define PICK(r, array) ((array)[below ((r), G_N_ELEMENTS (array))])

/* ---------------------------------------------------------------- world */

static const char *const middle[] = { "Văn", "Thị", "Đình", "Minh", "Quốc", "Hữu", "Thanh",
                                      "Xuân", "Đức", "Ngọc", "Thu", "Hồng", "Công", "Bá",
                                      "Trọng", "Mạnh", "Kim", "Quang", "Hải", "Anh" };
static const char *const given[] = {
  "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Mai", "Nam", "Phong",
  "Quân", "Sơn", "Tâm", "Uyên", "Vinh", "Yến", "Hùng", "Lâm", "Hà", "Hạnh", "Hiếu", "Huy",
  "Linh", "Lợi", "Nga", "Nghĩa", "Phúc", "Quang", "Tài", "Thắng", "Thảo", "Thủy", "Toàn",
  "Trung", "Tuấn", "Việt", "Đạt", "Đông", "Hoa", "Kiên", "Lan", "Ninh", "Thành", "Tú",
};
/* Syllables of district and commune names. */
static const char *const syllables[] = {
  "Cao", "Lộc", "Văn", "Lãng", "Bình", "Gia", "Lập", "Lũng", "Chi", "Tràng", "Định", "Mỹ",
  "Hòa", "Thanh", "Xuân", "Phú", "An", "Tân", "Long", "Đông", "Hưng", "Yên", "Thạch",
  "Quang", "Kim", "Vĩnh", "Đức", "Lâm", "Tiên", "Cẩm", "Ninh", "Triệu", "Khê", "Mường",
  "Bảo", "Thuận", "Lạc", "Nghĩa", "Phong", "Điền", "Hiệp", "Thọ", "Phước", "Sa", "Châu",
};

typedef struct {
  char *name;       /* "Lạng Sơn" */
  gboolean city;    /* a Thành ủy and a UBND thành phố */
  guint district0;  /* index of its first district */
  guint n_districts;
} Province;

typedef struct {
  char *name;       /* "Tân Lộc" */
  guint province;   /* index into provinces */
  gboolean urban;   /* a Quận ủy (in a city) rather than a Huyện ủy */
} District;

typedef struct {
  GPtrArray *provinces;  /* Province*, from data/provinces.tsv */
  GPtrArray *districts;  /* District*, all provinces' in order */
  guint n_communes;      /* communes per district */
  GPtrArray *surnames;   /* const char*, data/surnames.tsv, most common first */
  guint busiest;         /* the province that holds the most conferences */
  guint64 seed;
} World;

static char *
place_name (Rng *r)
{
  const char *a = PICK (r, syllables), *b;
  do
    b = PICK (r, syllables);
  while (b == a);
  return g_strconcat (a, " ", b, NULL);
}

static void
world_init (World *w, guint64 seed)
{
  w->seed = seed;
  w->provinces = g_ptr_array_new ();
  w->districts = g_ptr_array_new ();
  w->surnames = g_ptr_array_new ();
  w->n_communes = 6;
  GPtrArray *rows = dg_data_table ("provinces.tsv");
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = rows->pdata[i];
      if (strcmp (dg_data_field (row, 2), "historic") == 0)
        continue;
      Province *p = g_new0 (Province, 1);
      p->name = g_strdup (dg_data_field (row, 0));
      p->city = strcmp (dg_data_field (row, 1), "city") == 0;
      if (strcmp (p->name, "Hà Nội") == 0)
        w->busiest = w->provinces->len;
      Rng r = rng_for (seed, 1, w->provinces->len, 0);
      p->district0 = w->districts->len;
      p->n_districts = 8 + below (&r, 7);
      GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);
      while (w->districts->len < p->district0 + p->n_districts)
        {
          char *name = place_name (&r);
          if (g_hash_table_contains (seen, name))
            {
              g_free (name);
              continue;
            }
          g_hash_table_add (seen, name);
          District *d = g_new0 (District, 1);
          d->name = name;
          d->province = w->provinces->len;
          d->urban = p->city && below (&r, 2) == 0;
          g_ptr_array_add (w->districts, d);
        }
      g_hash_table_unref (seen);
      g_ptr_array_add (w->provinces, p);
    }
  rows = dg_data_table ("surnames.tsv");
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (w->surnames, (char *) dg_data_field (rows->pdata[i], 0));
}

/* Names of communes come from their district and number. */
static char *
commune_name (const World *w, guint commune)
{
  Rng r = rng_for (w->seed, 2, commune, 0);
  return place_name (&r);
}

/* The person who holds a post: the same for five years. */
static char *
person (const World *w, guint body, guint post, guint year)
{
  Rng r = rng_for (w->seed, 3, body * 64 + post, year / 5);
  /* The first 14 family names are those of most people. */
  guint n = w->surnames->len;
  const char *family = w->surnames->pdata[below (&r, 10) < 9 ? below (&r, MIN (n, 14u))
                                                            : below (&r, n)];
  const char *mid = PICK (&r, middle);
  const char *name = PICK (&r, given);
  if (below (&r, 3) == 0)
    {
      const char *mid2 = PICK (&r, middle);
      if (mid2 != mid && strcmp (mid2, "Thị") != 0)
        return g_strdup_printf ("%s %s %s %s", family, mid, mid2, name);
    }
  return g_strdup_printf ("%s %s %s", family, mid, name);
}

/* ------------------------------------------------------------ documents */

/* Central documents: each series has an issuer, a type and a code. */
typedef struct {
  const char *issuer;
  const char *type;
  const char *code;    /* printed after the number */
  gboolean slash;      /* "10/CT-TTg" rather than "12-KL/TW" */
} Series;

static const Series series[] = {
  { "Bộ Chính trị", "Kết luận", "KL/TW", FALSE },
  { "Ban Bí thư", "Chỉ thị", "CT/TW", FALSE },
  { "Bộ Chính trị", "Nghị quyết", "NQ/TW", FALSE },
  { "Ban Bí thư", "Quy định", "QĐ/TW", FALSE },
  { "Thủ tướng Chính phủ", "Chỉ thị", "CT-TTg", TRUE },
  { "Chính phủ", "Nghị quyết", "NQ-CP", TRUE },
  { "Ban Tuyên giáo Trung ương", "Hướng dẫn", "HD/BTGTW", FALSE },
  { "Ban Tổ chức Trung ương", "Hướng dẫn", "HD/BTCTW", FALSE },
};
#define N_CENTRAL 800

static const char *const subjects[] = {
  "công tác phòng, chống tham nhũng, tiêu cực", "chuyển đổi số trong các cơ quan đảng",
  "xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh", "công tác dân vận trong tình hình mới",
  "phát triển kinh tế tập thể", "bảo vệ nền tảng tư tưởng của Đảng",
  "công tác cán bộ và bảo vệ chính trị nội bộ", "xây dựng nông thôn mới",
  "phát triển nguồn nhân lực chất lượng cao", "cải cách hành chính",
  "công tác kiểm tra, giám sát và kỷ luật đảng", "phát triển văn hóa, con người",
  "bảo đảm quốc phòng, an ninh ở cơ sở", "công tác thông tin đối ngoại",
  "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
  "tinh gọn tổ chức bộ máy của hệ thống chính trị", "phát triển khoa học, công nghệ",
  "công tác giảm nghèo bền vững", "quản lý, sử dụng đất đai", "công tác thanh niên",
};

typedef struct {
  guint d, m, y;
} Date;

static Date
date_of (guint64 seed, guint64 article)
{
  Rng r = rng_for (seed, 4, article, 0);
  Date t = { 1 + below (&r, 28), 1 + below (&r, 12), 2013 + below (&r, 13) };
  return t;
}

/* Kinds of article, and how many of each come in a cycle of 50. */
typedef enum {
  K_CENTRAL,
  K_PROVINCE,
  K_DISTRICT,
  K_COMMUNE,
  K_GUIDANCE,
  K_CONFERENCE,
  N_KINDS
} Kind;
static const guint per_cycle[N_KINDS] = { 2, 7, 11, 9, 4, 17 };
#define CYCLE 50
/* slot → kind and the kind's rank in the cycle, filled by cycle_init. */
static Kind slot_kind[CYCLE];
static guint slot_rank[CYCLE];
static guint kind_slot[N_KINDS][CYCLE];

static void
cycle_init (void)
{
  /* Interleave the kinds: each slot takes the kind furthest behind its share. */
  guint used[N_KINDS] = { 0 };
  for (guint s = 0; s < CYCLE; s++)
    {
      Kind best = 0;
      double lag = -1e9;
      for (Kind k = 0; k < N_KINDS; k++)
        {
          double l = (double) per_cycle[k] * (s + 1) / CYCLE - used[k];
          if (used[k] < per_cycle[k] && l > lag)
            lag = l, best = k;
        }
      slot_kind[s] = best;
      slot_rank[s] = used[best];
      kind_slot[best][used[best]] = s;
      used[best]++;
    }
}

/* The article that writes the ordinal-th document of a kind. */
static guint64
article_of (Kind kind, guint64 ordinal)
{
  return ordinal / per_cycle[kind] * CYCLE + kind_slot[kind][ordinal % per_cycle[kind]];
}

/* How many documents of a kind the articles before `article` wrote. */
static guint64
written_before (Kind kind, guint64 article)
{
  guint64 n = article / CYCLE * per_cycle[kind];
  for (guint s = 0; s < article % CYCLE; s++)
    n += slot_kind[s] == kind;
  return n;
}

/* A plan: who issued it, its number and its code. */
typedef struct {
  char *issuer;    /* "Ban Thường vụ Tỉnh ủy Lạng Sơn" */
  char *owner;     /* "Tỉnh ủy Lạng Sơn": the body named after "của" */
  char *name;      /* "Kế hoạch số 147-KH/TU ngày 20/5/2022" */
  char *short_name; /* "Kế hoạch số 147-KH/TU" */
  guint64 article; /* the article that writes it */
  Date date;
  guint64 parent;  /* ordinal of the document it carries out, one level up */
} Plan;

static void
plan_clear (Plan *p)
{
  g_free (p->issuer);
  g_free (p->owner);
  g_free (p->name);
  g_free (p->short_name);
}

static void
plan_names (Plan *p, const char *type, guint number, const char *code, gboolean slash)
{
  p->short_name = g_strdup_printf ("%s số %u%s%s", type, number, slash ? "/" : "-", code);
  p->name = g_strdup_printf ("%s ngày %u/%u/%u", p->short_name, p->date.d, p->date.m,
                             p->date.y);
}

static const char *
committee (const Province *p)
{
  return p->city ? "Thành ủy" : "Tỉnh ủy";
}

static const char *
district_committee (const District *d)
{
  return d->urban ? "Quận ủy" : "Huyện ủy";
}

/* Central document c. */
static void
central_plan (const World *w, guint c, Plan *p)
{
  const Series *s = &series[c % G_N_ELEMENTS (series)];
  memset (p, 0, sizeof *p);
  Rng r = rng_for (w->seed, 5, c, 0);
  p->date.d = 1 + below (&r, 28);
  p->date.m = 1 + below (&r, 12);
  p->date.y = 2012 + below (&r, 12);
  p->issuer = g_strdup (s->issuer);
  p->owner = g_strdup (s->issuer);
  plan_names (p, s->type, 1 + c / G_N_ELEMENTS (series) * 3 + c % 3, s->code, s->slash);
}

/* Province plan o: province o % P, carrying out a central document. */
static void
province_plan (const World *w, guint64 o, Plan *p)
{
  memset (p, 0, sizeof *p);
  guint np = w->provinces->len;
  const Province *pr = w->provinces->pdata[o % np];
  Rng r = rng_for (w->seed, 6, o, 0);
  p->article = article_of (K_PROVINCE, o);
  p->date = date_of (w->seed, p->article);
  p->parent = below (&r, N_CENTRAL);
  guint number = (guint) (o / np) + 1;
  if (below (&r, 10) < 7)
    {
      p->issuer = g_strdup_printf ("Ban Thường vụ %s %s", committee (pr), pr->name);
      p->owner = g_strdup_printf ("%s %s", committee (pr), pr->name);
      gboolean programme = below (&r, 4) == 0;
      plan_names (p, programme ? "Chương trình hành động" : "Kế hoạch", number,
                  programme ? "CTr/TU" : "KH/TU", FALSE);
    }
  else
    {
      p->issuer = g_strdup_printf ("UBND %s %s", pr->city ? "thành phố" : "tỉnh", pr->name);
      p->owner = g_strdup (p->issuer);
      plan_names (p, "Kế hoạch", number, "KH-UBND", TRUE);
    }
}

/* District plan o: district o % D, carrying out a plan of its province. */
static void
district_plan (const World *w, guint64 o, Plan *p)
{
  memset (p, 0, sizeof *p);
  guint nd = w->districts->len, np = w->provinces->len;
  const District *d = w->districts->pdata[o % nd];
  Rng r = rng_for (w->seed, 7, o, 0);
  p->article = article_of (K_DISTRICT, o);
  p->date = date_of (w->seed, p->article);
  guint64 known = written_before (K_PROVINCE, p->article + 1) / np;
  p->parent = d->province + np * (known ? next (&r) % known : 0);
  p->issuer = g_strdup_printf ("Ban Thường vụ %s %s", district_committee (d), d->name);
  p->owner = g_strdup_printf ("%s %s", district_committee (d), d->name);
  plan_names (p, "Kế hoạch", (guint) (o / nd) + 1, d->urban ? "KH/QU" : "KH/HU", FALSE);
}

/* Commune plan o (or guidance, one level down): commune o % C. */
static void
commune_plan (const World *w, Kind kind, guint64 o, Plan *p)
{
  memset (p, 0, sizeof *p);
  guint nd = w->districts->len;
  guint nc = nd * w->n_communes;
  guint commune = (guint) (o % nc);
  const District *d = w->districts->pdata[commune / w->n_communes];
  Rng r = rng_for (w->seed, kind == K_COMMUNE ? 8 : 9, o, 0);
  p->article = article_of (kind, o);
  p->date = date_of (w->seed, p->article);
  g_autofree char *name = commune_name (w, commune);
  p->issuer = g_strdup_printf ("Ban Thường vụ Đảng ủy xã %s", name);
  p->owner = g_strdup_printf ("Đảng ủy xã %s", name);
  if (kind == K_COMMUNE)
    {
      guint64 known = written_before (K_DISTRICT, p->article + 1) / nd;
      p->parent = commune / w->n_communes + nd * (known ? next (&r) % known : 0);
      plan_names (p, "Kế hoạch", (guint) (o / nc) + 1, "KH/ĐU", FALSE);
    }
  else
    {
      guint64 known = written_before (K_COMMUNE, p->article + 1) / nc;
      p->parent = commune + nc * (known ? next (&r) % known : 0);
      plan_names (p, "Hướng dẫn", (guint) (o / nc) + 1, "HD/ĐU", FALSE);
    }
  (void) d;
}

/* The parent plan of a plan of the given kind. */
static void
parent_plan (const World *w, Kind kind, const Plan *child, Plan *parent)
{
  switch (kind)
    {
    case K_PROVINCE: central_plan (w, (guint) child->parent, parent); break;
    case K_DISTRICT: province_plan (w, child->parent, parent); break;
    case K_COMMUNE: district_plan (w, child->parent, parent); break;
    default: commune_plan (w, K_COMMUNE, child->parent, parent); break;
    }
}

/* -------------------------------------------------------------- writing */

/* Posts of a province's officials, with the body that each names. */
enum { POST_SECRETARY, POST_DEPUTY, POST_CHAIR, POST_VICE_CHAIR, POST_PROPAGANDA,
       POST_ORGANISATION, POST_MASS, POST_INSPECTION, POST_COUNCIL, N_POSTS };

static char *
post_title (const Province *p, guint post)
{
  const char *c = committee (p);
  const char *u = p->city ? "UBND thành phố" : "UBND tỉnh";
  switch (post)
    {
    case POST_SECRETARY: return g_strdup_printf ("Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư %s", c);
    case POST_DEPUTY: return g_strdup_printf ("Phó Bí thư Thường trực %s", c);
    case POST_CHAIR: return g_strdup_printf ("Phó Bí thư %s, Chủ tịch %s", c, u);
    case POST_VICE_CHAIR: return g_strdup_printf ("Ủy viên Ban Thường vụ %s, Phó Chủ tịch %s", c, u);
    case POST_PROPAGANDA: return g_strdup_printf ("Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo %s", c);
    case POST_ORGANISATION: return g_strdup_printf ("Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức %s", c);
    case POST_MASS: return g_strdup_printf ("Ủy viên Ban Thường vụ, Trưởng Ban Dân vận %s", c);
    case POST_INSPECTION: return g_strdup_printf ("Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra %s", c);
    default: return g_strdup_printf ("Phó Chủ tịch HĐND %s", p->city ? "thành phố" : "tỉnh");
    }
}

/* Sentences that fill an article, written for this generator. %s is a place,
 * %d numbers in order. */
static const char *const filler[] = {
  "Trong năm, toàn %s đã kết nạp %d đảng viên mới, đạt %d%% chỉ tiêu được giao.",
  "Các cấp ủy đã tiến hành kiểm tra %d tổ chức đảng và %d đảng viên, qua đó kịp thời chấn chỉnh những thiếu sót.",
  "Công tác tuyên truyền được đổi mới về nội dung và hình thức, với %d tin, bài đăng trên cổng thông tin điện tử của %s.",
  "Tốc độ tăng trưởng kinh tế của %s ước đạt %d,%d%%, thu nhập bình quân đầu người đạt %d triệu đồng.",
  "Tỷ lệ hộ nghèo giảm còn %d,%d%%; %d xã được công nhận đạt chuẩn nông thôn mới.",
  "Hội nghị đã dành nhiều thời gian thảo luận, làm rõ những kết quả đạt được, những hạn chế, khuyết điểm và nguyên nhân.",
  "Các đại biểu đã tập trung phân tích sâu các nguyên nhân khách quan, chủ quan và đề xuất nhiều giải pháp thiết thực.",
  "Việc học tập, quán triệt được tổ chức nghiêm túc, bảo đảm %d%% cán bộ, đảng viên tham gia.",
  "Toàn %s hiện có %d tổ chức cơ sở đảng với hơn %d đảng viên sinh hoạt tại %d chi bộ.",
  "Bên cạnh kết quả đạt được, việc triển khai ở một số nơi còn chậm, chưa sát với tình hình thực tế của địa phương.",
  "Một số cấp ủy chưa quan tâm đúng mức đến việc sơ kết, đánh giá, rút kinh nghiệm sau mỗi đợt triển khai.",
  "Thời gian tới, các cấp ủy, tổ chức đảng cần tiếp tục nâng cao nhận thức, trách nhiệm của người đứng đầu.",
  "Cần đẩy mạnh ứng dụng công nghệ thông tin, số hóa hồ sơ và giải quyết thủ tục hành chính trên môi trường mạng.",
  "Trong %d tháng, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội của %s đã vận động được %d tỷ đồng xây dựng nhà đại đoàn kết.",
  "Thu ngân sách nhà nước trên địa bàn %s đạt %d tỷ đồng, bằng %d%% dự toán.",
  "Công tác cải cách hành chính có chuyển biến rõ nét, chỉ số hài lòng của người dân đạt %d,%d%%.",
  "Đến nay, %d%% thủ tục hành chính được cung cấp dịch vụ công trực tuyến toàn trình.",
  "Các chi bộ duy trì nền nếp sinh hoạt định kỳ, chất lượng sinh hoạt chuyên đề từng bước được nâng lên.",
  "Công tác quốc phòng, quân sự địa phương được bảo đảm; hoàn thành %d%% chỉ tiêu tuyển quân.",
  "Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn %s cơ bản ổn định.",
  "Việc thực hiện quy chế dân chủ ở cơ sở được chú trọng, phát huy quyền làm chủ của Nhân dân.",
  "Qua rà soát, đã phát hiện và xử lý %d vụ việc, thu hồi cho Nhà nước hơn %d tỷ đồng.",
  "Các đơn vị được yêu cầu báo cáo kết quả thực hiện trước ngày %d tháng %d hằng năm.",
  "Ý kiến phát biểu của các đại biểu đều thống nhất cao với nội dung dự thảo báo cáo.",
  "Đội ngũ cán bộ cấp cơ sở từng bước được chuẩn hóa, %d%% có trình độ chuyên môn đại học trở lên.",
  "Nhiều mô hình, cách làm hay được nhân rộng, tạo sức lan tỏa trong cán bộ, đảng viên và Nhân dân.",
  "Phong trào thi đua yêu nước được triển khai sâu rộng, gắn với thực hiện nhiệm vụ chính trị của từng đơn vị.",
  "Kết quả kiểm điểm cuối năm có %d,%d%% tổ chức đảng hoàn thành tốt nhiệm vụ trở lên.",
  "Trong kỳ, %s đã tổ chức %d lớp bồi dưỡng lý luận chính trị cho hơn %d học viên.",
  "Công tác giải quyết khiếu nại, tố cáo được quan tâm, %d%% đơn thư thuộc thẩm quyền được giải quyết dứt điểm.",
};

/* How many %d each filler sentence has. */
static guint
count_numbers (const char *s)
{
  guint n = 0;
  for (const char *p = s; (p = strchr (p, '%')); p++)
    if (p[1] == 'd')
      n++;
  return n;
}

static guint
count_numbers_before (const char *s, const char *stop)
{
  guint n = 0;
  for (const char *p = s; (p = strchr (p, '%')) && p < stop; p++)
    if (p[1] == 'd')
      n++;
  return n;
}

static void
add_filler (GString *t, Rng *r, const char *place, gsize target)
{
  while (t->len < target)
    {
      /* A paragraph of 2–4 sentences. */
      g_string_append (t, "\n\n");
      guint n = 2 + below (r, 3);
      for (guint i = 0; i < n && t->len < target; i++)
        {
          const char *f = PICK (r, filler);
          guint k = count_numbers (f);
          int v[4] = { 0 };
          for (guint j = 0; j < k && j < 4; j++)
            v[j] = 1 + (int) below (r, j == 0 ? 100 : 900);
          /* "%d,%d%%" is a percentage with one decimal. */
          const char *comma = strstr (f, "%d,%d");
          if (comma)
            v[count_numbers_before (f, comma) + 1] = (int) below (r, 10);
          if (i)
            g_string_append_c (t, ' ');
          GString *one = g_string_new (NULL);
          guint vi = 0;
          for (const char *p = f; *p; p++)
            {
              if (p[0] == '%' && p[1] == 's')
                g_string_append (one, place), p++;
              else if (p[0] == '%' && p[1] == 'd')
                g_string_append_printf (one, "%d", v[vi++ % 4]), p++;
              else if (p[0] == '%' && p[1] == '%')
                g_string_append_c (one, '%'), p++;
              else
                g_string_append_c (one, *p);
            }
          g_string_append_len (t, one->str, one->len);
          g_string_free (one, TRUE);
        }
    }
}

static const char *const times[] = { "Sáng", "Chiều", "Ngày", "Sáng", "Chiều" };
static const char *const conference_kinds[] = {
  "Hội nghị học tập, quán triệt và triển khai thực hiện",
  "Hội nghị sơ kết 5 năm thực hiện",
  "Hội nghị tổng kết 10 năm thực hiện",
  "Hội nghị trực tuyến quán triệt",
};

/* An article: its headline, its date and its text. */
typedef struct {
  GString *title;
  GString *text;
  Date date;
  char place[128]; /* "tỉnh Lạng Sơn": where the filler sentences are */
} Article;

static void
write_plan (const World *w, Kind kind, guint64 o, Rng *r, Article *a)
{
  Plan p, up;
  switch (kind)
    {
    case K_PROVINCE: province_plan (w, o, &p); break;
    case K_DISTRICT: district_plan (w, o, &p); break;
    default: commune_plan (w, kind, o, &p); break;
    }
  parent_plan (w, kind, &p, &up);
  const char *subject = PICK (r, subjects);
  a->date = p.date;
  g_string_printf (a->title, "%s ban hành %s thực hiện %s", p.owner, p.short_name,
                   up.short_name);
  switch (below (r, 3))
    {
    case 0:
      g_string_printf (a->text, "Thực hiện %s của %s về %s, %s đã ban hành %s về thực hiện trên địa bàn.",
                       up.name, up.owner, subject, p.issuer, p.name);
      break;
    case 1:
      g_string_printf (a->text, "%s của %s về thực hiện %s của %s về %s.", p.name, p.owner,
                       up.name, up.owner, subject);
      break;
    default:
      g_string_printf (a->text, "%s triển khai %s của %s bằng %s.", p.issuer, up.name, up.owner,
                       p.name);
      break;
    }
  g_string_append_printf (a->text,
                          " %s xác định mục đích, yêu cầu, nội dung và giải pháp cụ thể, "
                          "phân công nhiệm vụ cho từng cơ quan, đơn vị.",
                          p.short_name);
  g_string_append_printf (a->text,
                          "\n\nTheo %s, các cấp ủy, chính quyền phải tổ chức quán triệt sâu rộng "
                          "%s đến toàn thể cán bộ, đảng viên trước ngày %u/%u/%u.",
                          p.short_name, up.short_name, 1 + below (r, 28), 1 + below (r, 12),
                          p.date.y + 1);
  g_snprintf (a->place, sizeof a->place, "%s", kind == K_PROVINCE ? "tỉnh"
              : kind == K_DISTRICT ? "huyện" : "xã");
  plan_clear (&p);
  plan_clear (&up);
}

static void
write_central (const World *w, guint64 article, Rng *r, Article *a)
{
  Plan p;
  central_plan (w, below (r, N_CENTRAL), &p);
  a->date = date_of (w->seed, article);
  const char *subject = PICK (r, subjects);
  g_string_printf (a->title, "Những điểm mới của %s", p.short_name);
  g_string_printf (a->text,
                   "%s đã ban hành %s về %s. %s nêu rõ yêu cầu đối với các cấp ủy, tổ chức "
                   "đảng, chính quyền từ Trung ương đến cơ sở.",
                   p.issuer, p.name, subject, p.short_name);
  g_snprintf (a->place, sizeof a->place, "ngành");
  plan_clear (&p);
}

static void
write_conference (const World *w, guint64 article, guint64 o, Rng *r, Article *a)
{
  guint np = w->provinces->len;
  /* One conference in ten is Hà Nội's; half are a province's, the rest a district's. */
  guint q = below (r, 10) == 0 ? w->busiest : below (r, np);
  const Province *pr = w->provinces->pdata[q];
  gboolean district = below (r, 2) == 0;
  guint di = pr->district0 + below (r, pr->n_districts);
  const District *d = w->districts->pdata[di];
  a->date = date_of (w->seed, article);
  Plan about;
  central_plan (w, below (r, N_CENTRAL), &about);
  g_autofree char *host = district
    ? g_strdup_printf ("%s %s", district_committee (d), d->name)
    : g_strdup_printf ("%s %s", committee (pr), pr->name);
  const char *kind = PICK (r, conference_kinds);
  g_string_printf (a->title, "%s: %s %s", host, kind, about.short_name);
  g_string_printf (a->text, "%s %u/%u, %s tổ chức %s %s của %s.", PICK (r, times), a->date.d,
                   a->date.m, host, kind, about.name, about.issuer);
  guint y = a->date.y;
  g_autofree char *chair = person (w, q, POST_SECRETARY, y);
  g_autofree char *chair_title = post_title (pr, POST_SECRETARY);
  if (district)
    {
      g_autofree char *dchair = person (w, 1000 + di, 0, y);
      g_string_append_printf (a->text, " Đồng chí %s, Bí thư %s %s chủ trì hội nghị.", dchair,
                              district_committee (d), d->name);
    }
  else
    g_string_append_printf (a->text, " Đồng chí %s, %s chủ trì hội nghị.", chair, chair_title);
  /* 2–6 attendees from the province's officials. */
  guint n = 2 + below (r, 5);
  g_string_append (a->text, " Dự hội nghị có các đồng chí: ");
  guint first = 1 + below (r, N_POSTS - 1);
  for (guint i = 0; i < n; i++)
    {
      guint post = 1 + (first + i) % (N_POSTS - 1);
      g_autofree char *who = person (w, q, post, y);
      g_autofree char *title = post_title (pr, post);
      g_string_append_printf (a->text, "%s%s, %s", i ? "; " : "", who, title);
    }
  g_string_append (a->text, ".");
  g_autofree char *speaker = person (w, q, POST_PROPAGANDA, y);
  g_string_append_printf (a->text,
                          "\n\nTại hội nghị, đồng chí %s, Trưởng Ban Tuyên giáo %s trình bày "
                          "nội dung cơ bản của %s.",
                          speaker, committee (pr), about.short_name);
  g_snprintf (a->place, sizeof a->place, "%s", district ? "huyện" : "tỉnh");
  plan_clear (&about);
  (void) o;
}

/* Length drawn between 2 and 6 KB, more short than long, as in the corpus. */
static gsize
target_length (Rng *r)
{
  double u = unit (r);
  return 2048 + (gsize) (3900.0 * (u * u * 0.6 + u * 0.4));
}

static void
write_article (const World *w, guint64 i, Article *a)
{
  Rng r = rng_for (w->seed, 10, i, 0);
  Kind kind = slot_kind[i % CYCLE];
  guint64 o = i / CYCLE * per_cycle[kind] + slot_rank[i % CYCLE];
  gsize target = target_length (&r);
  switch (kind)
    {
    case K_CENTRAL: write_central (w, i, &r, a); break;
    case K_CONFERENCE: write_conference (w, i, o, &r, a); break;
    default: write_plan (w, kind, o, &r, a); break;
    }
  /* Fill to the target, headline and blank line included. */
  gsize head = a->title->len + 2;
  if (a->text->len + head < target)
    {
      add_filler (a->text, &r, a->place, target - head);
    }
}

static void
csv_field (GString *out, const char *s, gsize len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, s[i]);
    }
  g_string_append_c (out, '"');
}

static void
json_string (GString *out, const char *s, gsize len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) s[i];
      if (c == '"' || c == '\\')
        g_string_append_c (out, '\\'), g_string_append_c (out, (char) c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

int
main (int argc, char **argv)
{
  gint64 seed = 1, start = 0;
  gboolean csv = FALSE;
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed (default 1)", "S" },
    { "start", 0, 0, G_OPTION_ARG_INT64, &start, "Index of the first article (default 0)", "K" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir, "Write .txt files under DIR", "DIR" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Write to FILE", "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, "CSV rows (source, title, date, text), not JSONL", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("N");
  g_option_context_set_summary (ctx, "Write N articles in the genre, the same for the same seed.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2 || start < 0)
    {
      fprintf (stderr, "bench/gen: %s\n", error ? error->message : "usage: gen [--seed S] [--start K] [--dir DIR | --csv] [-o FILE] N");
      return 2;
    }
  char *end = NULL;
  guint64 n = g_ascii_strtoull (argv[1], &end, 10);
  if (end == argv[1] || *end)
    {
      fprintf (stderr, "bench/gen: N must be a number, not “%s”\n", argv[1]);
      return 2;
    }
  cycle_init ();
  World w;
  world_init (&w, (guint64) seed);
  FILE *f = stdout;
  if (out && (f = fopen (out, "wb")) == NULL)
    {
      fprintf (stderr, "bench/gen: %s: cannot write\n", out);
      return 1;
    }
  static char buffer[1 << 20];
  setvbuf (f, buffer, _IOFBF, sizeof buffer);
  Article a = { g_string_new (NULL), g_string_new (NULL), { 0 }, "" };
  GString *line = g_string_new (NULL);
  if (csv && !dir)
    fputs ("source,title,date,text\n", f);
  for (guint64 i = (guint64) start; i < (guint64) start + n; i++)
    {
      write_article (&w, i, &a);
      g_autofree char *source = g_strdup_printf ("gen-%" G_GINT64_FORMAT "/%07" G_GUINT64_FORMAT ".txt", seed, i);
      g_string_truncate (line, 0);
      if (dir)
        {
          g_autofree char *sub = g_strdup_printf ("%s/%04" G_GUINT64_FORMAT, dir, i / 1000);
          g_autofree char *path = g_strdup_printf ("%s/%07" G_GUINT64_FORMAT ".txt", sub, i);
          if (i % 1000 == 0 || i == (guint64) start)
            g_mkdir_with_parents (sub, 0755);
          g_string_append_len (line, a.title->str, a.title->len);
          g_string_append (line, "\n\n");
          g_string_append_len (line, a.text->str, a.text->len);
          g_string_append_c (line, '\n');
          if (!g_file_set_contents (path, line->str, (gssize) line->len, &error))
            {
              fprintf (stderr, "bench/gen: %s\n", error->message);
              return 1;
            }
          continue;
        }
      /* The text holds the headline, as a .txt file would. */
      GString *text = g_string_new (a.title->str);
      g_string_append (text, "\n\n");
      g_string_append_len (text, a.text->str, a.text->len);
      if (csv)
        {
          csv_field (line, source, strlen (source));
          g_string_append_c (line, ',');
          csv_field (line, a.title->str, a.title->len);
          g_string_append_printf (line, ",%04u-%02u-%02u,", a.date.y, a.date.m, a.date.d);
          csv_field (line, text->str, text->len);
          g_string_append_c (line, '\n');
          fwrite (line->str, 1, line->len, f);
          g_string_free (text, TRUE);
          continue;
        }
      g_string_append (line, "{\"source\":");
      json_string (line, source, strlen (source));
      g_string_append (line, ",\"title\":");
      json_string (line, a.title->str, a.title->len);
      g_string_append_printf (line, ",\"date\":\"%04u-%02u-%02u\",\"text\":", a.date.y,
                              a.date.m, a.date.d);
      json_string (line, text->str, text->len);
      g_string_append (line, "}\n");
      g_string_free (text, TRUE);
      fwrite (line->str, 1, line->len, f);
    }
  if (fflush (f) != 0 || (out && fclose (f) != 0))
    {
      fprintf (stderr, "bench/gen: cannot write the output\n");
      return 1;
    }
  return 0;
}
