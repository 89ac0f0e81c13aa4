/* bench/queries.c: builds a database of about a million edges shaped like
 * the corpus (central documents carried out by provinces, districts,
 * communes and their cells, four levels deep; conferences with officials;
 * officials with their posts), through the same dg_store_add_article an
 * import uses, then times each query as the commands run it (lookup,
 * query, table). See bench/README.md. */
#include "docgraph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

/* ------------------------------------------------------------ gazetteer */

static const char *const provinces[] = {
  "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
  "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
  "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
  "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
  "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng",
  "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên",
  "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
  "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang",
  "Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
};
#define N_PROVINCES G_N_ELEMENTS (provinces)

/* Cities have a Thành ủy, provinces a Tỉnh ủy. */
static gboolean
is_city (const char *p)
{
  static const char *const cities[] = { "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng",
                                        "Cần Thơ", NULL };
  return g_strv_contains (cities, p);
}

static const char *const syllables[] = {
  "Cao", "Lộc", "Văn", "Lãng", "Bình", "Gia", "Đình", "Lập", "Hữu", "Lũng", "Chi", "Tràng",
  "Định", "Bắc", "Sơn", "Mỹ", "Hòa", "Thanh", "Xuân", "Phú", "An", "Tân", "Long", "Đông", "Tây",
  "Hải", "Hưng", "Yên", "Thạch", "Quang", "Kim", "Vĩnh", "Đức", "Trung", "Lâm", "Tiên", "Cẩm",
  "Ninh", "Triệu", "Khê", "Mường", "Đồng", "Bảo", "Thuận", "Lạc", "Nghĩa", "Phong", "Điền",
};

static const char *const central[] = {
  "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương", "Chính phủ", "Thủ tướng Chính phủ",
  "Quốc hội", "Ban Nội chính Trung ương", "Ban Tổ chức Trung ương",
  "Ủy ban Kiểm tra Trung ương", "Ban Tuyên giáo Trung ương",
};
/* Code suffixes and document types of each central issuer. */
static const char *const central_codes[][2] = {
  { "KL/TW", "Kết luận" }, { "CT/TW", "Chỉ thị" }, { "NQ/TW", "Nghị quyết" },
  { "NQ-CP", "Nghị quyết" }, { "CT-TTg", "Chỉ thị" }, { "NQ/QH", "Nghị quyết" },
  { "HD/BNCTW", "Hướng dẫn" }, { "QĐ/TW", "Quy định" }, { "HD/UBKTTW", "Hướng dẫn" },
  { "HD/BTGTW", "Hướng dẫn" },
};

static const char *const family[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ",
                                      "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lương" };
static const char *const middle[] = { "Văn", "Thị", "Đình", "Minh", "Quốc", "Hữu", "Thanh",
                                      "Xuân", "Đức", "Ngọc", "Thu", "Hồng", "Công", "Bá" };
static const char *const given[] = {
  "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Mai", "Nam", "Phong", "Quân",
  "Sơn", "Tâm", "Uyên", "Vinh", "Yến", "Hùng", "Lâm", "Hà", "Hạnh", "Hiếu", "Huy", "Linh",
  "Lợi", "Nga", "Nghĩa", "Phúc", "Quang", "Tài", "Thắng", "Thảo", "Thủy", "Toàn", "Trung",
  "Tuấn", "Việt", "Xuân", "Đạt", "Đông",
};
static const char *const posts[] = { "Bí thư", "Phó Bí thư", "Ủy viên Ban Thường vụ", "Chủ tịch",
                                     "Phó Chủ tịch", "Trưởng ban", "Ủy viên" };
static const char *const topics[] = {
  "tổng kết công tác nội chính", "sơ kết công tác phòng, chống tham nhũng",
  "quán triệt nghị quyết", "triển khai nhiệm vụ năm", "giao ban công tác tuyên giáo",
  "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "tập huấn nghiệp vụ",
  "kiểm điểm tập thể Ban Thường vụ", "cải cách hành chính", "chuyển đổi số",
};

/* ------------------------------------------------------------- articles */

/* An article being written: its text and the graph of what it says. */
typedef struct {
  GString *text; /* the text so far */
  DgGraph *graph; /* nodes and edges with spans into text */
} Draft;

static void
draft_init (Draft *d)
{
  d->text = g_string_new (NULL);
  d->graph = dg_graph_new (NULL);
}

/* Appends a sentence; *start and *end get its span. */
static void G_GNUC_PRINTF (4, 5)
say (Draft *d, guint *start, guint *end, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  if (d->text->len)
    g_string_append_c (d->text, ' ');
  *start = (guint) d->text->len;
  g_string_append_vprintf (d->text, format, ap);
  *end = (guint) d->text->len;
  va_end (ap);
}

static DgNode *
node (Draft *d, DgNodeType type, const char *key, const char *label, guint start, guint end)
{
  DgNode *n = dg_graph_add_node (d->graph, type, key, label);
  dg_node_add_mention (n, start, end, "bench");
  return n;
}

typedef struct {
  DgStore *store;   /* the database being built */
  GRand *rand;      /* fixed seed: the same database each time */
  guint articles;   /* articles stored so far */
  guint in_batch;   /* articles in the open transaction */
} Builder;

static void
store_draft (Builder *b, Draft *d, const char *source, const char *date)
{
  g_autofree char *sha = dg_sha256_hex (d->text->str, d->text->len);
  g_autoptr (DgArticle) a = dg_article_new (source, sha, NULL, date, d->text->str);
  g_autoptr (GError) error = NULL;
  if (b->in_batch == 0 && !dg_store_begin (b->store, &error))
    g_error ("%s", error->message);
  if (!dg_store_add_article (b->store, a, d->graph, NULL, &error))
    g_error ("%s", error->message);
  if (++b->in_batch == 500)
    {
      if (!dg_store_commit (b->store, &error))
        g_error ("%s", error->message);
      b->in_batch = 0;
    }
  b->articles++;
  g_string_free (d->text, TRUE);
  dg_graph_free (d->graph);
}

static char *
fold_key (const char *s)
{
  return dg_text_fold_key (s, -1);
}

/* A document key as the extractor makes it: "doc:147 - kh / tu@<issuer
 * key>", or "doc:12 - kl / tw" for a central code, unique in the country.
 * (transfer full) */
static char *
doc_key (const char *code, const char *issuer_label, gboolean national)
{
  g_autofree char *c = fold_key (code);
  GString *form = g_string_new (NULL);
  gboolean prev_mark = FALSE;
  for (const char *p = c; *p; p = g_utf8_next_char (p))
    {
      gunichar u = g_utf8_get_char (p);
      gboolean mark = !g_unichar_isalnum (u);
      if (form->len && (mark || prev_mark))
        g_string_append_c (form, ' ');
      g_string_append_unichar (form, u);
      prev_mark = mark;
    }
  g_autofree char *f = g_string_free (form, FALSE);
  if (national)
    return g_strdup_printf ("doc:%s", f);
  g_autofree char *i = fold_key (issuer_label);
  return g_strdup_printf ("doc:%s@%s", f, i);
}

static DgNode *
document (Draft *d, const char *doc_type, const char *code, const char *issuer, const char *date,
          const char *level, guint s, guint e)
{
  g_autofree char *key = doc_key (code, issuer, strcmp (level, "central") == 0);
  g_autofree char *label = g_strdup_printf ("%s số %s", doc_type, code);
  DgNode *n = node (d, DG_NODE_DOCUMENT, key, label, s, e);
  dg_node_set_attr (n, "doc_type", doc_type, TRUE);
  dg_node_set_attr (n, "code", code, TRUE);
  dg_node_set_attr (n, "date", date, TRUE);
  dg_node_set_attr (n, "level", level, TRUE);
  return n;
}

static DgNode *
organization (Draft *d, const char *label, const char *level, guint s, guint e)
{
  DgNode *n = node (d, DG_NODE_ORGANIZATION, NULL, label, s, e);
  dg_node_set_attr (n, "level", level, TRUE);
  return n;
}

static char *
random_date (GRand *r, int year_from)
{
  return g_strdup_printf ("%04d-%02d-%02d", year_from + g_rand_int_range (r, 0, 4),
                          g_rand_int_range (r, 1, 13), g_rand_int_range (r, 1, 29));
}

/* A place name of two syllables not used before. (transfer full) */
static char *
place_name (GRand *r, GHashTable *used)
{
  for (;;)
    {
      const char *a = syllables[g_rand_int_range (r, 0, G_N_ELEMENTS (syllables))];
      const char *b = syllables[g_rand_int_range (r, 0, G_N_ELEMENTS (syllables))];
      if (a == b)
        continue;
      char *name = g_strdup_printf ("%s %s", a, b);
      if (g_hash_table_add (used, g_strdup (name)))
        return name;
      g_free (name);
    }
}

typedef struct {
  char *committee;      /* "Tỉnh ủy Lạng Sơn" */
  char *people;         /* "UBND tỉnh Lạng Sơn" */
  GPtrArray *districts; /* "Huyện ủy …" */
  GPtrArray *communes;  /* per district: GPtrArray of "Đảng ủy xã …, huyện …" */
} Province;

typedef struct {
  char *name;   /* full name */
  char *org;    /* the organization of the post */
  char *post;   /* the post */
  char *org2;   /* a second organization */
  char *post2;
} Official;

/* The shape; scale multiplies the number of central documents and
 * events. */
typedef struct {
  guint roots;      /* central documents */
  guint events;     /* conferences */
  guint officials;  /* named people */
} Shape;

static void
build (DgStore *store, const Shape *shape)
{
  Builder b = { store, g_rand_new_with_seed (20230330), 0, 0 };
  GRand *r = b.rand;
  g_autoptr (GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Province prov[N_PROVINCES];
  for (guint p = 0; p < N_PROVINCES; p++)
    {
      gboolean city = is_city (provinces[p]);
      prov[p].committee = g_strdup_printf ("%s %s", city ? "Thành ủy" : "Tỉnh ủy", provinces[p]);
      prov[p].people = g_strdup_printf ("UBND %s %s", city ? "thành phố" : "tỉnh", provinces[p]);
      prov[p].districts = g_ptr_array_new_with_free_func (g_free);
      prov[p].communes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      guint nd = (guint) g_rand_int_range (r, 8, 15);
      for (guint i = 0; i < nd; i++)
        {
          g_autofree char *dn = place_name (r, used);
          g_ptr_array_add (prov[p].districts, g_strdup_printf ("Huyện ủy %s", dn));
          GPtrArray *cs = g_ptr_array_new_with_free_func (g_free);
          for (guint c = 0; c < 10; c++)
            {
              const char *a = syllables[g_rand_int_range (r, 0, G_N_ELEMENTS (syllables))];
              const char *z = syllables[(c * 7 + 3) % G_N_ELEMENTS (syllables)];
              g_ptr_array_add (cs, g_strdup_printf ("Đảng ủy xã %s %s %u, huyện %s", a, z, c, dn));
            }
          g_ptr_array_add (prov[p].communes, cs);
        }
    }

  /* Officials, with a post in a province or district and one more. */
  g_autoptr (GPtrArray) officials = g_ptr_array_new ();
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (officials->len < shape->officials)
    {
      g_autofree char *name = NULL;
      if (officials->len == 0)
        name = g_strdup ("Phan Đình Trạc");
      else if (g_rand_boolean (r))
        name = g_strdup_printf ("%s %s %s", family[g_rand_int_range (r, 0, G_N_ELEMENTS (family))],
                                middle[g_rand_int_range (r, 0, G_N_ELEMENTS (middle))],
                                given[g_rand_int_range (r, 0, G_N_ELEMENTS (given))]);
      else
        name = g_strdup_printf ("%s %s %s %s",
                                family[g_rand_int_range (r, 0, G_N_ELEMENTS (family))],
                                middle[g_rand_int_range (r, 0, G_N_ELEMENTS (middle))],
                                middle[g_rand_int_range (r, 0, G_N_ELEMENTS (middle))],
                                given[g_rand_int_range (r, 0, G_N_ELEMENTS (given))]);
      if (!g_hash_table_add (names, g_strdup (name)))
        continue;
      Official *o = g_new0 (Official, 1);
      o->name = g_steal_pointer (&name);
      Province *p = &prov[g_rand_int_range (r, 0, N_PROVINCES)];
      if (officials->len == 0)
        {
          o->org = g_strdup ("Bộ Chính trị");
          o->post = g_strdup ("Ủy viên");
          o->org2 = g_strdup ("Ban Nội chính Trung ương");
          o->post2 = g_strdup ("Trưởng ban");
        }
      else
        {
          gboolean district = g_rand_int_range (r, 0, 3) > 0;
          o->org = g_strdup (district ? p->districts->pdata[g_rand_int_range (r, 0, p->districts->len)]
                                      : p->committee);
          o->post = g_strdup (posts[g_rand_int_range (r, 0, G_N_ELEMENTS (posts))]);
          o->org2 = g_strdup (g_rand_boolean (r) ? p->people : p->committee);
          o->post2 = g_strdup (posts[g_rand_int_range (r, 0, G_N_ELEMENTS (posts))]);
        }
      g_ptr_array_add (officials, o);
    }

  /* Document trees: one article per central document, one per province
   * plan with everything below it. */
  guint next_number[N_PROVINCES] = { 0 };
  g_autoptr (GPtrArray) roots = g_ptr_array_new_with_free_func (g_free); /* "code\tissuer\tdoc type" */
  for (guint i = 0; i < shape->roots; i++)
    {
      guint c = i % G_N_ELEMENTS (central);
      g_autofree char *code = g_strdup_printf ("%u-%s", 1 + i / (guint) G_N_ELEMENTS (central),
                                               central_codes[c][0]);
      g_autofree char *date = random_date (r, 2019);
      Draft d;
      draft_init (&d);
      guint s, e;
      say (&d, &s, &e, "%s ban hành %s số %s ngày %s.", central[c], central_codes[c][1], code,
           date);
      DgNode *doc = document (&d, central_codes[c][1], code, central[c], date, "central", s, e);
      DgNode *org = organization (&d, central[c], "central", s, e);
      dg_graph_add_edge (d.graph, DG_EDGE_ISSUED_BY, doc, org, NULL, s, e, "bench");
      g_autofree char *source = g_strdup_printf ("central/%u.txt", i);
      store_draft (&b, &d, source, date);
      g_ptr_array_add (roots, g_strdup_printf ("%s\t%s\t%s", code, central[c], central_codes[c][1]));

      guint fan = (guint) g_rand_int_range (r, 10, 31);
      for (guint k = 0; k < fan; k++)
        {
          guint pi = (guint) g_rand_int_range (r, 0, N_PROVINCES);
          Province *p = &prov[pi];
          draft_init (&d);
          g_autofree char *pcode = g_strdup_printf ("%u-KH/TU", ++next_number[pi]);
          g_autofree char *pdate = random_date (r, 2020);
          say (&d, &s, &e, "Thực hiện %s số %s của %s, %s ban hành Kế hoạch số %s ngày %s.",
               central_codes[c][1], code, central[c], p->committee, pcode, pdate);
          DgNode *root_doc = document (&d, central_codes[c][1], code, central[c], NULL, "central",
                                       s, e);
          DgNode *plan = document (&d, "Kế hoạch", pcode, p->committee, pdate, "province", s, e);
          DgNode *porg = organization (&d, p->committee, "province", s, e);
          dg_graph_add_edge (d.graph, DG_EDGE_ISSUED_BY, plan, porg, NULL, s, e, "bench");
          dg_graph_add_edge (d.graph, DG_EDGE_IMPLEMENTS, plan, root_doc, NULL, s, e, "bench");
          guint nd = (guint) g_rand_int_range (r, 1, 6);
          for (guint j = 0; j < nd; j++)
            {
              guint di = (guint) g_rand_int_range (r, 0, p->districts->len);
              const char *dorg_label = p->districts->pdata[di];
              g_autofree char *dcode = g_strdup_printf ("%u-KH/HU", i * 100 + k * 8 + j + 1);
              g_autofree char *ddate = random_date (r, 2021);
              say (&d, &s, &e, "%s ban hành Kế hoạch số %s ngày %s để triển khai Kế hoạch số %s "
                   "của %s.", dorg_label, dcode, ddate, pcode, p->committee);
              DgNode *dplan = document (&d, "Kế hoạch", dcode, dorg_label, ddate, "district", s, e);
              DgNode *dorg = organization (&d, dorg_label, "district", s, e);
              dg_graph_add_edge (d.graph, DG_EDGE_ISSUED_BY, dplan, dorg, NULL, s, e, "bench");
              dg_graph_add_edge (d.graph, DG_EDGE_IMPLEMENTS, dplan, plan, NULL, s, e, "bench");
              dg_graph_add_edge (d.graph, DG_EDGE_PART_OF, dorg, porg, NULL, s, e, "bench");
              if (g_rand_int_range (r, 0, 10) == 0)
                {
                  /* A district plan that also refers to another central text. */
                  guint other = (guint) g_rand_int_range (r, 0, roots->len);
                  g_auto (GStrv) f = g_strsplit (roots->pdata[other], "\t", 3);
                  guint cs, ce;
                  say (&d, &cs, &ce, "Kế hoạch số %s căn cứ %s số %s của %s.", dcode, f[2], f[0],
                       f[1]);
                  DgNode *cited = document (&d, f[2], f[0], f[1], NULL, "central", cs, ce);
                  dg_graph_add_edge (d.graph, DG_EDGE_CITES, dplan, cited, NULL, cs, ce, "bench");
                }
              GPtrArray *communes = p->communes->pdata[di];
              guint nc = (guint) g_rand_int_range (r, 0, 5);
              for (guint m = 0; m < nc; m++)
                {
                  const char *corg_label = communes->pdata[g_rand_int_range (r, 0, communes->len)];
                  g_autofree char *ccode = g_strdup_printf ("%u-KH/ĐU", (i * 100 + k * 8 + j) * 5 + m + 1);
                  say (&d, &s, &e, "%s ban hành Kế hoạch số %s thực hiện Kế hoạch số %s của %s.",
                       corg_label, ccode, dcode, dorg_label);
                  DgNode *cplan = document (&d, "Kế hoạch", ccode, corg_label, NULL, "commune", s, e);
                  DgNode *corg = organization (&d, corg_label, "commune", s, e);
                  dg_graph_add_edge (d.graph, DG_EDGE_ISSUED_BY, cplan, corg, NULL, s, e, "bench");
                  dg_graph_add_edge (d.graph, DG_EDGE_IMPLEMENTS, cplan, dplan, NULL, s, e, "bench");
                  if (g_rand_boolean (r))
                    {
                      g_autofree char *hcode = g_strdup_printf ("%u-HD/ĐU",
                                                                (i * 100 + k * 8 + j) * 5 + m + 1);
                      say (&d, &s, &e, "%s hướng dẫn số %s thực hiện Kế hoạch số %s.", corg_label,
                           hcode, ccode);
                      DgNode *guide = document (&d, "Hướng dẫn", hcode, corg_label, NULL, "commune",
                                                s, e);
                      dg_graph_add_edge (d.graph, DG_EDGE_ISSUED_BY, guide, corg, NULL, s, e, "bench");
                      dg_graph_add_edge (d.graph, DG_EDGE_IMPLEMENTS, guide, cplan, NULL, s, e,
                                         "bench");
                    }
                }
            }
          g_autofree char *psource = g_strdup_printf ("province/%u-%u.txt", i, k);
          store_draft (&b, &d, psource, pdate);
        }
      if (i % 100 == 99)
        fprintf (stderr, "\r%u/%u central documents, %u articles", i + 1, shape->roots, b.articles);
    }

  /* Conferences: organized by a province or district, about a document,
   * chaired and attended by officials whose posts the article gives. */
  for (guint i = 0; i < shape->events; i++)
    {
      Province *p = &prov[g_rand_int_range (r, 0, N_PROVINCES)];
      const char *org_label = g_rand_boolean (r) ? p->committee
                                                 : p->districts->pdata[g_rand_int_range (r, 0, p->districts->len)];
      g_autofree char *date = random_date (r, 2020);
      g_autofree char *label = g_strdup_printf ("Hội nghị %s lần thứ %u",
                                                topics[i % G_N_ELEMENTS (topics)], i + 1);
      Draft d;
      draft_init (&d);
      guint s, e;
      say (&d, &s, &e, "Ngày %s, %s tổ chức %s.", date, org_label, label);
      DgNode *ev = node (&d, DG_NODE_EVENT, NULL, label, s, e);
      dg_node_set_attr (ev, "date", date, TRUE);
      DgNode *org = organization (&d, org_label, strstr (org_label, "Huyện") ? "district" : "province",
                                  s, e);
      dg_graph_add_edge (d.graph, DG_EDGE_ORGANIZED_BY, ev, org, NULL, s, e, "bench");
      g_auto (GStrv) f = g_strsplit (roots->pdata[g_rand_int_range (r, 0, roots->len)], "\t", 3);
      say (&d, &s, &e, "Hội nghị quán triệt %s số %s của %s.", f[2], f[0], f[1]);
      DgNode *about = document (&d, f[2], f[0], f[1], NULL, "central", s, e);
      dg_graph_add_edge (d.graph, DG_EDGE_ABOUT, ev, about, NULL, s, e, "bench");
      guint na = (guint) g_rand_int_range (r, 2, 7);
      for (guint k = 0; k < na; k++)
        {
          /* Phan Đình Trạc comes to some conferences in Lạng Sơn. */
          Official *o = officials->pdata[k == 0 && strstr (org_label, "Lạng Sơn") ? 0
                                         : g_rand_int_range (r, 0, officials->len)];
          say (&d, &s, &e, "Đồng chí %s, %s %s%s hội nghị.", o->name, o->post, o->org,
               k == 0 ? " chủ trì" : " dự");
          DgNode *person = node (&d, DG_NODE_OFFICIAL, NULL, o->name, s, e);
          g_autofree char *title = g_strdup_printf ("%s %s", o->post, o->org);
          dg_node_add_attr_item (person, "titles", title);
          DgNode *po = organization (&d, o->org, strstr (o->org, "Huyện") ? "district"
                                                 : strstr (o->org, "Trung ương") || strstr (o->org, "Chính trị") ? "central" : "province",
                                     s, e);
          dg_graph_add_edge (d.graph, DG_EDGE_MEMBER_OF, person, po, o->post, s, e, "bench");
          dg_graph_add_edge (d.graph, DG_EDGE_ATTENDED, person, ev, k == 0 ? "chaired" : "attended",
                             s, e, "bench");
          if (g_rand_int_range (r, 0, 3) == 0)
            {
              say (&d, &s, &e, "Đồng chí %s còn là %s %s.", o->name, o->post2, o->org2);
              DgNode *po2 = organization (&d, o->org2, "province", s, e);
              dg_graph_add_edge (d.graph, DG_EDGE_MEMBER_OF, person, po2, o->post2, s, e, "bench");
            }
        }
      g_autofree char *source = g_strdup_printf ("event/%u.txt", i);
      store_draft (&b, &d, source, date);
      if (i % 1000 == 999)
        fprintf (stderr, "\r%u/%u conferences, %u articles          ", i + 1, shape->events,
                 b.articles);
    }
  if (b.in_batch)
    {
      g_autoptr (GError) error = NULL;
      if (!dg_store_commit (store, &error))
        g_error ("%s", error->message);
    }
  fprintf (stderr, "\n");
  for (guint p = 0; p < N_PROVINCES; p++)
    {
      g_free (prov[p].committee);
      g_free (prov[p].people);
      g_ptr_array_unref (prov[p].districts);
      g_ptr_array_unref (prov[p].communes);
    }
  for (guint i = 0; i < officials->len; i++)
    {
      Official *o = officials->pdata[i];
      g_free (o->name);
      g_free (o->org);
      g_free (o->post);
      g_free (o->org2);
      g_free (o->post2);
      g_free (o);
    }
  g_rand_free (r);
}

/* --------------------------------------------------------------- timing */

typedef char *(*Query) (DgStore *store, gconstpointer data);

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Runs query runs times after one warm-up; prints median and worst, and
 * the first line of what it printed. */
static void
measure (DgStore *store, const char *name, Query q, gconstpointer data, guint runs)
{
  g_free (q (store, data));
  double *ms = g_new (double, runs);
  char *out = NULL;
  for (guint i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      char *o = q (store, data);
      ms[i] = (double) (g_get_monotonic_time () - t0) / 1000.0;
      if (i == 0)
        out = o;
      else
        g_free (o);
    }
  qsort (ms, runs, sizeof *ms, cmp_double);
  printf ("%-44s %9.2f ms median %9.2f ms max  (%s)\n", name, ms[runs / 2], ms[runs - 1],
          out ? out : "");
  g_free (out);
  g_free (ms);
}

/* A summary of rendered output: its line count. */
static char *
lines_of (char *text)
{
  guint n = 0;
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  g_free (text);
  return g_strdup_printf ("%u lines", n);
}

typedef struct {
  const char *ref;  /* what the user typed */
  gboolean reverse; /* implements --reverse */
  guint depth;      /* implements --depth */
} ImplementsArgs;

static char *
q_implements (DgStore *store, gconstpointer data)
{
  const ImplementsArgs *a = data;
  g_autoptr (GError) error = NULL;
  gint64 id = dg_store_resolve_ref (store, a->ref, DG_NODE_DOCUMENT, &error);
  if (id == 0)
    g_error ("%s", error->message);
  g_autoptr (GPtrArray) rows = dg_store_implements (store, id, a->reverse, a->depth, &error);
  return lines_of (dg_implements_render (rows, a->reverse, DG_FORMAT_TABLE, 80));
}

static char *
q_show (DgStore *store, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 id = dg_store_resolve_ref (store, data, -1, &error);
  if (id == 0)
    g_error ("%s", error->message);
  g_autoptr (DgShow) show = dg_store_show (store, id, 2, &error);
  return lines_of (dg_show_render (show, DG_FORMAT_TABLE, 80));
}

static char *
q_search (DgStore *store, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = dg_store_search (store, data, -1, 20, &error);
  if (hits == NULL)
    g_error ("%s", error->message);
  char *first = hits->len ? g_strdup (((DgSearchHit *) hits->pdata[0])->node.label) : NULL;
  g_free (dg_search_render (hits, DG_FORMAT_TABLE, 80));
  char *out = g_strdup_printf ("%u hits, first %s", hits->len, first ? first : "an article");
  g_free (first);
  return out;
}

typedef struct {
  DgNodeType type;
  const char *issuer;
  const char *level;
  const char *since;
} ListArgs;

static char *
q_list (DgStore *store, gconstpointer data)
{
  const ListArgs *a = data;
  g_autoptr (GError) error = NULL;
  DgListQuery q = { .type = a->type, .level = a->level, .since = a->since };
  if (a->issuer)
    q.related = dg_store_resolve_ref (store, a->issuer, DG_NODE_ORGANIZATION, &error);
  g_autoptr (GPtrArray) rows = dg_store_list (store, &q, &error);
  if (rows == NULL)
    g_error ("%s", error->message);
  return lines_of (dg_list_render (rows, a->type, DG_FORMAT_TABLE, 80));
}

static char *
q_stats (DgStore *store, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DgStats) s = dg_store_stats (store, 30, &error);
  if (s == NULL)
    g_error ("%s", error->message);
  g_free (dg_stats_render (s, DG_FORMAT_TABLE, 80));
  return g_strdup_printf ("%u suspected duplicates", s->n_duplicates);
}

static char *
q_not_found (DgStore *store, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  if (dg_store_resolve_ref (store, data, DG_NODE_DOCUMENT, &error) != 0)
    return g_strdup ("found?!");
  return g_strdup (error->message);
}

static int
cmp_u64 (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

/* The central document whose tree has the median size among the first
 * hundred, and the largest: realistic and worst cases. Sizes sit in the
 * high half of each value, indexes in the low half. */
static void
pick_roots (DgStore *store, char **median, char **largest)
{
  guint64 sizes[100];
  guint n = 0;
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *code = g_strdup_printf ("%u-%s", 1 + i / 10, central_codes[i % 10][0]);
      gint64 id = dg_store_resolve_ref (store, code, DG_NODE_DOCUMENT, NULL);
      if (id == 0)
        continue;
      g_autoptr (GPtrArray) rows = dg_store_implements (store, id, FALSE, 4, NULL);
      sizes[n++] = ((guint64) rows->len << 32) | i;
    }
  g_assert (n > 0);
  qsort (sizes, n, sizeof *sizes, cmp_u64);
  guint64 mid = sizes[n / 2], best = sizes[n - 1];
  guint mi = (guint) (mid & 0xffffffff), bi = (guint) (best & 0xffffffff);
  *median = g_strdup_printf ("%u-%s", 1 + mi / 10, central_codes[mi % 10][0]);
  *largest = g_strdup_printf ("%u-%s", 1 + bi / 10, central_codes[bi % 10][0]);
  printf ("implements roots: %s (%u documents in 4 levels, the median of %u), %s (%u, the "
          "largest)\n", *median, (guint) (mid >> 32), n, *largest, (guint) (best >> 32));
}

/* A document at depth 4 (a commune's guidance), for --reverse. */
static char *
pick_leaf (DgStore *store)
{
  DgListQuery q = { .type = DG_NODE_DOCUMENT, .level = "commune", .limit = 2000 };
  g_autoptr (GPtrArray) rows = dg_store_list (store, &q, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      DgNodeRow *n = rows->pdata[i];
      if (n->code && strstr (n->code, "HD/"))
        return g_strdup_printf ("#%" G_GINT64_FORMAT, n->id);
    }
  g_error ("no commune guidance in the database");
}

int
main (int argc, char **argv)
{
  g_autofree char *db = NULL;
  double scale = 1.0;
  guint runs = 20;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      "Database to build, or to reuse when it holds articles (default: a temporary file)",
      "FILE" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "Size relative to a million edges (default 1)",
      "X" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed runs per query (default 20)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);
  g_option_context_set_summary (ctx, "Builds a database of about a million edges and times the "
                                     "queries of docgraph on it.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || scale <= 0 || runs == 0)
    {
      fprintf (stderr, "queries: %s\n", error ? error->message : "bad --scale or --runs");
      return 2;
    }
  g_autofree char *tmpdir = NULL;
  if (db == NULL)
    {
      tmpdir = g_dir_make_tmp ("docgraph-bench-XXXXXX", &error);
      if (tmpdir == NULL)
        g_error ("%s", error->message);
      db = g_build_filename (tmpdir, "bench.db", NULL);
    }
  g_autoptr (DgStore) store = dg_store_open (db, &error);
  if (store == NULL)
    {
      fprintf (stderr, "queries: %s\n", error->message);
      return 1;
    }
  g_autoptr (DgStats) before = dg_store_stats (store, 1, &error);
  if (before->articles == 0)
    {
      Shape shape = { (guint) (1100 * scale), (guint) (66000 * scale), (guint) (30000 * scale) };
      gint64 t0 = g_get_monotonic_time ();
      build (store, &shape);
      printf ("built %s in %.1f s\n", db, (double) (g_get_monotonic_time () - t0) / 1e6);
    }
  g_autoptr (DgStats) s = dg_store_stats (store, 1, &error);
  guint64 nodes = 0, edges = 0;
  for (int t = 0; t < DG_NODE_N_TYPES; t++)
    nodes += s->nodes[t];
  for (int t = 0; t < DG_EDGE_N_TYPES; t++)
    edges += s->edges[t];
  g_autofree char *size = g_format_size (s->file_size);
  printf ("%" G_GUINT64_FORMAT " articles, %" G_GUINT64_FORMAT " nodes, %" G_GUINT64_FORMAT
          " edges (%" G_GUINT64_FORMAT " implements), %" G_GUINT64_FORMAT " mentions, %s\n",
          s->articles, nodes, edges, s->edges[DG_EDGE_IMPLEMENTS], s->mentions, size);

  g_autofree char *median = NULL, *largest = NULL;
  pick_roots (store, &median, &largest);
  g_autofree char *leaf = pick_leaf (store);
  ImplementsArgs im = { median, FALSE, 4 }, il = { largest, FALSE, 4 }, ir = { leaf, TRUE, 4 };
  measure (store, "implements MEDIAN --depth 4", q_implements, &im, runs);
  measure (store, "implements LARGEST --depth 4", q_implements, &il, runs);
  measure (store, "implements LEAF --reverse --depth 4", q_implements, &ir, runs);
  measure (store, "show \"Phan Đình Trạc\"", q_show, "Phan Đình Trạc", runs);
  measure (store, "show MEDIAN (a central document)", q_show, median, runs);
  measure (store, "show \"Tỉnh ủy Lạng Sơn\" (thousands of edges)", q_show, "Tỉnh ủy Lạng Sơn",
           MAX (runs / 4, 3));
  measure (store, "search \"tinh uy lang son\"", q_search, "tinh uy lang son", runs);
  measure (store, "search \"dinh trac\"", q_search, "dinh trac", runs);
  measure (store, "search \"chuyen doi so\" (common words)", q_search, "chuyen doi so", runs);
  ListArgs la = { DG_NODE_DOCUMENT, "Tỉnh ủy Lạng Sơn", NULL, "2022" };
  ListArgs lb = { DG_NODE_DOCUMENT, NULL, "central", NULL };
  measure (store, "list documents --issuer LS --since 2022", q_list, &la, runs);
  measure (store, "list documents --level central", q_list, &lb, runs);
  measure (store, "implements 12-KL/TU (not found, suggestions)", q_not_found, "12-KL/TU", runs);
  measure (store, "stats (counts and duplicates)", q_stats, NULL, MAX (runs / 10, 3));
  if (tmpdir)
    {
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);
      g_clear_pointer (&store, dg_store_free);
      g_remove (db);
      g_remove (wal);
      g_remove (shm);
      g_rmdir (tmpdir);
    }
  return 0;
}
