/* test-query.c: the queries (implements, show, search, list, stats), their
 * table and JSON output, and the commands that print them. */
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "store-fixture.h"

static DgStore *
real_store (char **path)
{
  DgStore *store = fx_open (path);
  fx_load_real_shapes (store);
  return store;
}

static gint64
resolve (DgStore *store, const char *ref, int type)
{
  g_autoptr (GError) error = NULL;
  gint64 id = dg_store_resolve_ref (store, ref, type, &error);
  g_assert_no_error (error);
  return id;
}

static DgImplementsRow *
row_at (GPtrArray *rows, guint i)
{
  g_assert_cmpuint (i, <, rows->len);
  return rows->pdata[i];
}

/* ----------------------------------------------------------- implements */

/* "implements 147-KH/TU lists the plan that implements it": the plan of
 * Ban Thường vụ Quận ủy Thanh Xuân, with its date and the article. */
static void
test_implements_plan (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows
    = dg_store_implements (store, resolve (store, "147-KH/TU", DG_NODE_DOCUMENT), FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  DgImplementsRow *root = row_at (rows, 0), *plan = row_at (rows, 1);
  g_assert_cmpstr (root->node.code, ==, "147-KH/TU");
  g_assert_cmpstr (root->node.by, ==, "Thành ủy Hà Nội");
  g_assert_cmpuint (root->depth, ==, 0);
  g_assert_null (root->source);
  g_assert_cmpstr (plan->node.code, ==, "25-KH/QU");
  g_assert_cmpstr (plan->node.by, ==, "Ban Thường vụ Quận ủy Thanh Xuân");
  g_assert_cmpstr (plan->node.date, ==, "2023-04-10");
  g_assert_cmpstr (plan->source, ==, "hanoimoi/147.txt");
  g_assert_cmpuint (plan->depth, ==, 1);
  g_assert_cmpint (plan->parent, ==, root->node.id);
  /* The offset points at the evidence in the article. */
  g_assert_true (g_str_has_prefix (fx_text_hanoi + plan->offset, "Thực hiện Kế hoạch số 147"));
}

static void
test_implements_chain (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  gint64 d12 = resolve (store, "12-KL/TW", DG_NODE_DOCUMENT);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = dg_store_implements (store, d12, FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (row_at (rows, 1)->node.code, ==, "90-KH/TU");
  g_assert_cmpstr (row_at (rows, 1)->node.by, ==, "Tỉnh ủy Lạng Sơn");
  g_assert_cmpstr (row_at (rows, 2)->node.code, ==, "45-KH/HU");
  g_assert_cmpuint (row_at (rows, 2)->depth, ==, 2);
  g_assert_cmpint (row_at (rows, 2)->parent, ==, row_at (rows, 1)->node.id);
  /* The letter that only cites 12-KL/TW is not in the tree. */
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (row_at (rows, i)->node.code, !=, "1248-CV/TU");
  g_autoptr (GPtrArray) one = dg_store_implements (store, d12, FALSE, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->len, ==, 2);
}

static void
test_implements_reverse (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows
    = dg_store_implements (store, resolve (store, "45-KH/HU", DG_NODE_DOCUMENT), TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (row_at (rows, 0)->node.code, ==, "45-KH/HU");
  g_assert_cmpstr (row_at (rows, 1)->node.code, ==, "90-KH/TU");
  g_assert_cmpstr (row_at (rows, 2)->node.code, ==, "12-KL/TW");
  g_assert_cmpstr (row_at (rows, 2)->source, ==, "baolangson/kl12.txt");
}

/* Wrong data can make a cycle; the walk still ends. Siblings come by date,
 * and the drawing shows which are last. */
static void
test_implements_cycle_and_order (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  static const char text[] =
    "Kế hoạch số 1-KH/TU thực hiện Kế hoạch số 2-KH/TU. Kế hoạch số 2-KH/TU thực hiện Kế hoạch "
    "số 1-KH/TU. Kế hoạch số 3-KH/HU và Kế hoạch số 4-KH/HU thực hiện Kế hoạch số 1-KH/TU. "
    "Kế hoạch số 5-KH/CB thực hiện Kế hoạch số 2-KH/TU.";
  g_autoptr (DgGraph) g = fx_article ("cycle.txt", NULL, text);
  DgNode *d1 = fx_doc (g, "Kế hoạch", "1-KH/TU", "x", "2020-01-01", "province");
  DgNode *d2 = fx_doc (g, "Kế hoạch", "2-KH/TU", "x", "2020-02-01", "province");
  DgNode *d3 = fx_doc (g, "Kế hoạch", "3-KH/HU", "y", "2021-05-01", "district");
  DgNode *d4 = fx_doc (g, "Kế hoạch", "4-KH/HU", "y", "2021-01-01", "district");
  fx_edge (g, DG_EDGE_IMPLEMENTS, d1, d2, NULL, "Kế hoạch số 1-KH/TU thực hiện");
  fx_edge (g, DG_EDGE_IMPLEMENTS, d2, d1, NULL, "Kế hoạch số 2-KH/TU thực hiện");
  fx_edge (g, DG_EDGE_IMPLEMENTS, d3, d1, NULL, "Kế hoạch số 3-KH/HU");
  fx_edge (g, DG_EDGE_IMPLEMENTS, d4, d1, NULL, "Kế hoạch số 4-KH/HU");
  DgNode *d5 = fx_doc (g, "Kế hoạch", "5-KH/CB", "z", NULL, "commune");
  fx_edge (g, DG_EDGE_IMPLEMENTS, d5, d2, NULL, "Kế hoạch số 5-KH/CB thực hiện");
  fx_store (store, g);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows
    = dg_store_implements (store, resolve (store, "1-KH/TU", DG_NODE_DOCUMENT), FALSE, 0, &error);
  g_assert_no_error (error);
  /* 1 ← {2 ← 5, 3, 4}; 2 ← 1 is the cycle and is not walked again. */
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpstr (row_at (rows, 1)->node.code, ==, "2-KH/TU");
  g_assert_cmpstr (row_at (rows, 2)->node.code, ==, "5-KH/CB");
  g_assert_cmpstr (row_at (rows, 3)->node.code, ==, "4-KH/HU");
  g_assert_cmpstr (row_at (rows, 4)->node.code, ==, "3-KH/HU");
  g_autofree char *table = dg_implements_render (rows, FALSE, DG_FORMAT_TABLE, 80);
  g_assert_nonnull (strstr (table, "\n├─ 2-KH/TU"));
  g_assert_nonnull (strstr (table, "\n│  └─ 5-KH/CB"));
  g_assert_nonnull (strstr (table, "\n└─ 3-KH/HU"));
  g_assert_nonnull (strstr (table, "4 documents implement it"));
}

static void
test_implements_json (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows
    = dg_store_implements (store, resolve (store, "147-KH/TU", DG_NODE_DOCUMENT), FALSE, 0, &error);
  g_autofree char *text = dg_implements_render (rows, FALSE, DG_FORMAT_JSON, 80);
  g_autoptr (JsonParser) p = json_parser_new ();
  g_assert_true (json_parser_load_from_data (p, text, -1, &error));
  JsonObject *root = json_node_get_object (json_parser_get_root (p));
  JsonArray *docs = json_object_get_array_member (root, "documents");
  g_assert_cmpuint (json_array_get_length (docs), ==, 2);
  JsonObject *plan = json_array_get_object_element (docs, 1);
  g_assert_cmpstr (json_object_get_string_member (plan, "code"), ==, "25-KH/QU");
  g_assert_cmpstr (json_object_get_string_member (plan, "issuer"), ==,
                   "Ban Thường vụ Quận ủy Thanh Xuân");
  JsonObject *ev = json_object_get_object_member (plan, "evidence");
  g_assert_cmpstr (json_object_get_string_member (ev, "source"), ==, "hanoimoi/147.txt");
}

/* ----------------------------------------------------------------- show */

static DgShowEdge *
find_edge (DgShow *show, DgEdgeType type, gboolean outgoing, const char *other)
{
  for (guint i = 0; i < show->edges->len; i++)
    {
      DgShowEdge *e = show->edges->pdata[i];
      if (e->type == type && e->outgoing == outgoing && g_strcmp0 (e->other.label, other) == 0)
        return e;
    }
  return NULL;
}

/* `show "Phan Đình Trạc"` lists Bộ Chính trị, with the role, the title
 * and the article and date that gave it, and the supporting sentence. */
static void
test_show_official (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgShow) show = dg_store_show (store, resolve (store, "Phan Đình Trạc", -1), 2, &error);
  g_assert_no_error (error);
  DgShowEdge *bct = find_edge (show, DG_EDGE_MEMBER_OF, TRUE, "Bộ Chính trị");
  g_assert_nonnull (bct);
  g_assert_cmpstr (bct->role, ==, "Ủy viên");
  g_assert_cmpuint (bct->n_evidence, ==, 1);
  DgEvidence *ev = bct->evidence->pdata[0];
  g_assert_cmpstr (ev->source, ==, "baolangson/hoi-nghi.txt");
  g_assert_cmpstr (ev->sentence, ==,
                   "Đồng chí Phan Đình Trạc, Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, "
                   "Trưởng Ban Nội chính Trung ương dự và chỉ đạo hội nghị.");
  g_assert_true (g_str_has_prefix (fx_text_langson + ev->start, "Phan Đình Trạc, Ủy viên"));
  gboolean title = FALSE;
  for (guint i = 0; i < show->facts->len; i++)
    {
      DgFact *f = show->facts->pdata[i];
      if (g_strcmp0 (f->name, "titles") == 0 && g_strcmp0 (f->value, "Ủy viên Bộ Chính trị") == 0)
        {
          title = TRUE;
          g_assert_cmpstr (f->source, ==, "baolangson/hoi-nghi.txt");
          g_assert_cmpstr (f->date, ==, "2023-08-18");
        }
    }
  g_assert_true (title);
  g_assert_nonnull (find_edge (show, DG_EDGE_ATTENDED, TRUE,
                               "Hội nghị nghiên cứu, học tập Tác phẩm"));
  g_autofree char *table = dg_show_render (show, DG_FORMAT_TABLE, 80);
  g_assert_nonnull (strstr (table, "member-of → (2)"));
  g_assert_nonnull (strstr (table, "Bộ Chính trị"));
  g_assert_nonnull (strstr (table, "— baolangson/hoi-nghi.txt, 2023-08-18 @"));
}

/* `show 12-KL/TW` lists the documents citing and implementing it. */
static void
test_show_document_cited (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgShow) show = dg_store_show (store, resolve (store, "12-KL/TW", -1), 2, &error);
  g_assert_no_error (error);
  DgShowEdge *cites = find_edge (show, DG_EDGE_CITES, FALSE, "Công văn số 1248-CV/TU");
  g_assert_nonnull (cites);
  g_assert_cmpstr (cites->other.by, ==, "Tỉnh ủy Lạng Sơn");
  g_assert_nonnull (find_edge (show, DG_EDGE_IMPLEMENTS, FALSE, "Kế hoạch số 90-KH/TU"));
  g_assert_nonnull (find_edge (show, DG_EDGE_ISSUED_BY, TRUE, "Bộ Chính trị"));
  /* Outgoing before incoming, by edge type. */
  DgShowEdge *first = show->edges->pdata[0];
  g_assert_cmpint (first->type, ==, DG_EDGE_ISSUED_BY);
  g_autofree char *table = dg_show_render (show, DG_FORMAT_TABLE, 80);
  g_assert_nonnull (strstr (table, "← cites (1)"));
  g_assert_nonnull (strstr (table, "1248-CV/TU"));
  g_autofree char *json = dg_show_render (show, DG_FORMAT_JSON, 80);
  g_autoptr (JsonParser) p = json_parser_new ();
  g_assert_true (json_parser_load_from_data (p, json, -1, &error));
  JsonObject *root = json_node_get_object (json_parser_get_root (p));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "edges")), ==, 3);
}

static void
test_show_aliases (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  gint64 ls = resolve (store, "Tỉnh ủy Lạng Sơn", -1);
  g_autoptr (GError) error = NULL;
  g_assert_true (dg_store_add_alias (store, ls, "TU Lạng Sơn", &error));
  g_autoptr (DgShow) show = dg_store_show (store, ls, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (show->aliases->len, ==, 1);
  DgAlias *a = show->aliases->pdata[0];
  g_assert_cmpstr (a->name, ==, "TU Lạng Sơn");
  g_assert_cmpstr (a->origin, ==, "user");
  /* Three issued-by edges in (90-KH/TU and 1248-CV/TU) and one event;
   * evidence limited to one each. */
  g_assert_cmpuint (show->edges->len, ==, 3);
  g_assert_cmpuint (show->n_mentions, ==, 2);
  g_assert_cmpuint (show->mentions->len, ==, 1);
  g_autofree char *table = dg_show_render (show, DG_FORMAT_TABLE, 80);
  g_assert_nonnull (strstr (table, "aliases: TU Lạng Sơn (user)"));
  g_assert_nonnull (strstr (table, "(1 more;"));
}

static void
test_show_sentence (void)
{
  const char *t = "Sáng 2/10, tại TP. Hồ Chí Minh, hội nghị khai mạc. Đồng chí A phát biểu! "
                  "Đồng chí B dự.\nDòng mới không có dấu chấm";
  gsize len = strlen (t);
  const char *at = strstr (t, "Hồ Chí Minh");
  g_autofree char *s1 = dg_text_sentence_around (t, len, (guint) (at - t), (guint) (at - t) + 5);
  g_assert_cmpstr (s1, ==, "Sáng 2/10, tại TP. Hồ Chí Minh, hội nghị khai mạc.");
  at = strstr (t, "phát biểu");
  g_autofree char *s2 = dg_text_sentence_around (t, len, (guint) (at - t), (guint) (at - t) + 3);
  g_assert_cmpstr (s2, ==, "Đồng chí A phát biểu!");
  at = strstr (t, "Đồng chí B");
  guint end = (guint) (strstr (t, "dự.") - t) + 4; /* the span ends with its full stop */
  g_autofree char *s3 = dg_text_sentence_around (t, len, (guint) (at - t), end);
  g_assert_cmpstr (s3, ==, "Đồng chí B dự.");
  at = strstr (t, "không");
  g_autofree char *s4 = dg_text_sentence_around (t, len, (guint) (at - t), (guint) (at - t) + 3);
  g_assert_cmpstr (s4, ==, "Dòng mới không có dấu chấm");
  /* A sentence longer than the reach is cut at a space, with "…". */
  GString *long_text = g_string_new ("Mở đầu.");
  for (guint i = 0; i < 200; i++)
    g_string_append (long_text, " chữ");
  g_string_append (long_text, " đích");
  for (guint i = 0; i < 200; i++)
    g_string_append (long_text, " từ");
  g_string_append (long_text, ".");
  at = strstr (long_text->str, "đích");
  g_autofree char *s5 = dg_text_sentence_around (long_text->str, long_text->len,
                                                 (guint) (at - long_text->str),
                                                 (guint) (at - long_text->str) + 5);
  g_assert_true (g_str_has_prefix (s5, "…chữ"));
  g_assert_true (g_str_has_suffix (s5, "từ…"));
  g_assert_true (g_utf8_validate (s5, -1, NULL));
  g_string_free (long_text, TRUE);
}

/* --------------------------------------------------------------- search */

static DgSearchHit *
hit_at (GPtrArray *hits, guint i)
{
  g_assert_cmpuint (i, <, hits->len);
  return hits->pdata[i];
}

static void
test_search_folded (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) org = dg_store_search (store, "tinh uy lang son", -1, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hit_at (org, 0)->kind, ==, DG_HIT_NODE);
  g_assert_cmpstr (hit_at (org, 0)->node.label, ==, "Tỉnh ủy Lạng Sơn");
  g_autoptr (GPtrArray) off = dg_store_search (store, "dinh trac", -1, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hit_at (off, 0)->node.label, ==, "Phan Đình Trạc");
  /* Đ folds to d, in capitals too. */
  g_autoptr (GPtrArray) caps = dg_store_search (store, "ĐÌNH TRẠC", DG_NODE_OFFICIAL, 10, &error);
  g_assert_cmpuint (caps->len, ==, 1);
  /* A code is found as written. */
  g_autoptr (GPtrArray) code = dg_store_search (store, "147-KH/TU", DG_NODE_DOCUMENT, 10, &error);
  g_assert_cmpuint (code->len, ==, 1);
  g_assert_cmpstr (hit_at (code, 0)->node.code, ==, "147-KH/TU");
}

/* Articles: ranked after nodes, with the words around the match as
 * written in the text. */
static void
test_search_articles (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = dg_store_search (store, "chi dao hoi nghi", -1, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  DgSearchHit *h = hit_at (hits, 0);
  g_assert_cmpint (h->kind, ==, DG_HIT_ARTICLE);
  g_assert_cmpstr (h->source, ==, "baolangson/hoi-nghi.txt");
  g_assert_nonnull (strstr (h->snippet, "chỉ đạo hội nghị"));
  /* Three articles name Lạng Sơn; the one that says it twice ranks first. */
  g_autoptr (GPtrArray) ls = dg_store_search (store, "lang son", -1, 10, &error);
  guint articles = 0;
  for (guint i = 0; i < ls->len; i++)
    if (hit_at (ls, i)->kind == DG_HIT_ARTICLE)
      {
        if (articles == 0)
          g_assert_cmpstr (hit_at (ls, i)->source, ==, "baolangson/kl12.txt");
        articles++;
      }
  g_assert_cmpuint (articles, ==, 2);
  /* The words together come before the words apart, however often. */
  g_autoptr (DgGraph) scattered = fx_article ("scattered.txt", NULL,
    "Tỉnh Sơn La. Ủy ban tỉnh Sơn La. Lãng phí ở tỉnh Sơn La, ủy ban Sơn La chống lãng phí.");
  fx_store (store, scattered);
  g_autoptr (GPtrArray) phrase = dg_store_search (store, "tinh uy lang son", -1, 10, &error);
  g_assert_no_error (error);
  guint order = 0;
  for (guint i = 0; i < phrase->len; i++)
    if (hit_at (phrase, i)->kind == DG_HIT_ARTICLE)
      {
        if (order++ == 2)
          g_assert_cmpstr (hit_at (phrase, i)->source, ==, "scattered.txt");
      }
  g_assert_cmpuint (order, ==, 3);
  g_clear_error (&error);
  g_assert_null (dg_store_search (store, " ?! ", -1, 10, &error));
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
}

/* Merges and aliases are searchable at once; a word cut short still
 * finds something. */
static void
test_search_alias_and_prefix (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  gint64 ls = resolve (store, "Tỉnh ủy Lạng Sơn", -1);
  g_autoptr (GError) error = NULL;
  g_assert_true (dg_store_add_alias (store, ls, "Xứ Lạng", &error));
  g_autoptr (GPtrArray) hits = dg_store_search (store, "xu lang", -1, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hit_at (hits, 0)->id, ==, ls);
  g_assert_cmpstr (hit_at (hits, 0)->snippet, ==, "alias: Xứ Lạng");
  g_autoptr (GPtrArray) prefix = dg_store_search (store, "phan dinh tr", DG_NODE_OFFICIAL, 10,
                                                  &error);
  g_assert_cmpuint (prefix->len, ==, 1);
  g_assert_cmpstr (hit_at (prefix, 0)->node.label, ==, "Phan Đình Trạc");
}

/* ----------------------------------------------------------------- list */

static guint
count_codes (GPtrArray *rows, const char *code)
{
  guint n = 0;
  for (guint i = 0; i < rows->len; i++)
    n += g_strcmp0 (((DgNodeRow *) rows->pdata[i])->code, code) == 0;
  return n;
}

static void
test_list_filters (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  g_autoptr (GError) error = NULL;
  DgListQuery q = { .type = DG_NODE_DOCUMENT };
  g_autoptr (GPtrArray) all = dg_store_list (store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 7);
  /* Dated first, by date. */
  g_assert_cmpstr (((DgNodeRow *) all->pdata[0])->date, ==, "2021-03-01");
  q.related = resolve (store, "tinh uy lang son", DG_NODE_ORGANIZATION);
  g_autoptr (GPtrArray) ls = dg_store_list (store, &q, &error);
  g_assert_cmpuint (ls->len, ==, 2);
  g_assert_cmpuint (count_codes (ls, "90-KH/TU"), ==, 1);
  g_assert_cmpuint (count_codes (ls, "1248-CV/TU"), ==, 1);
  q.since = "2022-06";
  g_autoptr (GPtrArray) since = dg_store_list (store, &q, &error);
  g_assert_cmpuint (since->len, ==, 1);
  q.related = 0;
  q.since = "2023";
  q.level = "district";
  g_autoptr (GPtrArray) district = dg_store_list (store, &q, &error);
  g_assert_cmpuint (district->len, ==, 1);
  g_assert_cmpuint (count_codes (district, "25-KH/QU"), ==, 1);
  DgListQuery officials = { .type = DG_NODE_OFFICIAL, .related = resolve (store, "Bộ Chính trị", -1) };
  g_autoptr (GPtrArray) members = dg_store_list (store, &officials, &error);
  g_assert_cmpuint (members->len, ==, 1);
  g_assert_cmpstr (((DgNodeRow *) members->pdata[0])->label, ==, "Phan Đình Trạc");
  DgListQuery limited = { .type = DG_NODE_ORGANIZATION, .limit = 3 };
  g_autoptr (GPtrArray) three = dg_store_list (store, &limited, &error);
  g_assert_cmpuint (three->len, ==, 3);
}

static void
test_list_bad_since (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  g_autoptr (GError) error = NULL;
  DgListQuery q = { .type = DG_NODE_DOCUMENT, .since = "30/3/2023" };
  g_assert_null (dg_store_list (store, &q, &error));
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  DgListQuery o = { .type = DG_NODE_OFFICIAL, .since = "2023" };
  g_assert_null (dg_store_list (store, &o, &error));
  g_assert_error (error, DG_STORE_ERROR, DG_STORE_ERROR_INVALID);
}

/* ---------------------------------------------------------------- stats */

static void
test_stats_counts (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgStats) s = dg_store_stats (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->nodes[DG_NODE_ORGANIZATION], ==, 8);
  g_assert_cmpuint (s->nodes[DG_NODE_OFFICIAL], ==, 3);
  g_assert_cmpuint (s->nodes[DG_NODE_DOCUMENT], ==, 7);
  g_assert_cmpuint (s->nodes[DG_NODE_EVENT], ==, 1);
  g_assert_cmpuint (s->edges[DG_EDGE_ISSUED_BY], ==, 7);
  g_assert_cmpuint (s->edges[DG_EDGE_IMPLEMENTS], ==, 3);
  g_assert_cmpuint (s->edges[DG_EDGE_CITES], ==, 1);
  g_assert_cmpuint (s->edges[DG_EDGE_MEMBER_OF], ==, 3);
  g_assert_cmpuint (s->articles, ==, 4);
  g_assert_cmpuint (s->file_size, >, 4096);
  /* The fixture has no near-twins: two 90-KH/TU with two issuers are two. */
  g_assert_cmpuint (s->n_duplicates, ==, 0);
  g_autofree char *table = dg_stats_render (s, DG_FORMAT_TABLE, 80);
  g_assert_nonnull (strstr (table, "no suspected duplicates"));
}

static gboolean
has_pair (GPtrArray *dups, gint64 a, gint64 b)
{
  for (guint i = 0; i < dups->len; i++)
    {
      DgDuplicate *d = dups->pdata[i];
      if ((d->keep == a && d->drop == b) || (d->keep == b && d->drop == a))
        return TRUE;
    }
  return FALSE;
}

static void
test_stats_duplicates (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  static const char text[] =
    "Tỉnh ủy Lang Sơn, Phan Đình Trạch, Ban Chỉ đạo PCTNTC tỉnh và Ban Chỉ đạo PCTNTC tỉnh Bắc "
    "Kạn; Hội nghị lần thứ 12 và Hội nghị lần thứ 13; Kế hoạch số 147-KH/TU.";
  g_autoptr (DgGraph) g = fx_article ("twins.txt", NULL, text);
  fx_node (g, DG_NODE_ORGANIZATION, NULL, "Tỉnh ủy Lang Sơn", NULL);
  fx_node (g, DG_NODE_OFFICIAL, NULL, "Phan Đình Trạch", NULL);
  fx_node (g, DG_NODE_ORGANIZATION, NULL, "Ban Chỉ đạo PCTNTC tỉnh", NULL);
  fx_node (g, DG_NODE_ORGANIZATION, NULL, "Ban Chỉ đạo PCTNTC tỉnh Bắc Kạn", NULL);
  fx_node (g, DG_NODE_EVENT, NULL, "Hội nghị lần thứ 12", NULL);
  fx_node (g, DG_NODE_EVENT, NULL, "Hội nghị lần thứ 13", NULL);
  /* A local code whose issuer the article did not give: keyed by the
   * article, as the extractor does. */
  fx_doc (g, "Kế hoạch", "147-KH/TU", "?0123456789ab", NULL, "province");
  fx_store (store, g);
  /* 12-KL/TW of 2022 and of 2017: the undated one of the fixture becomes
   * the first dated one stored (2022), and 2017 is another document. */
  static const char kl[] = "Kết luận số 12-KL/TW năm 2022 và Kết luận số 12-KL/TW năm 2017.";
  g_autoptr (DgGraph) k = fx_article ("kl.txt", NULL, kl);
  DgNode *k22 = fx_node (k, DG_NODE_DOCUMENT, "doc:12-kl/tw#2022", "Kết luận số 12-KL/TW",
                         "12-KL/TW năm 2022");
  dg_node_set_attr (k22, "code", "12-KL/TW", TRUE);
  dg_node_set_attr (k22, "date", "2022-04-06", TRUE);
  DgNode *k17 = fx_node (k, DG_NODE_DOCUMENT, "doc:12-kl/tw#2017", "Kết luận số 12-KL/TW",
                         "12-KL/TW năm 2017");
  dg_node_set_attr (k17, "code", "12-KL/TW", TRUE);
  dg_node_set_attr (k17, "date", "2017-03-22", TRUE);
  fx_store (store, k);
  g_autoptr (GError) error = NULL;
  guint total = 0;
  g_autoptr (GPtrArray) dups = dg_store_duplicates (store, 0, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, dups->len);
  gint64 ls = fx_id (store, "organization", FX_LANGSON);
  g_assert_true (has_pair (dups, ls, fx_id (store, "organization", "tỉnh ủy lang sơn")));
  /* A letter apart in a person's name is another syllable, most often
   * another person: officials pair only by one folded name. */
  g_assert_false (has_pair (dups, fx_id (store, "official", FX_TRAC),
                            fx_id (store, "official", "phan đình trạch")));
  /* One names a province the other does not: maybe two bodies, never
   * suggested (as "Sở Tư pháp" and "Sở Tư pháp Đồng Nai"). */
  g_assert_false (has_pair (dups, fx_id (store, "organization", "ban chỉ đạo pctntc tỉnh"),
                            fx_id (store, "organization", "ban chỉ đạo pctntc tỉnh bắc kạn")));
  g_assert_true (has_pair (dups, fx_id (store, "document", FX_147),
                           fx_id (store, "document", "doc:147-kh/tu@?0123456789ab")));
  gint64 id22 = fx_id (store, "document", "doc:12-kl/tw#2022");
  gint64 id17 = fx_id (store, "document", "doc:12-kl/tw#2017");
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM nodes WHERE key = '" FX_12 "'"), ==, 0);
  g_assert_false (has_pair (dups, id22, id17));
  g_assert_false (has_pair (dups, fx_id (store, "event", "hội nghị lần thứ 12"),
                            fx_id (store, "event", "hội nghị lần thứ 13")));
  g_assert_false (has_pair (dups, fx_id (store, "document", FX_90LS),
                            fx_id (store, "document", FX_90HG)));
  g_assert_false (has_pair (dups, ls, fx_id (store, "organization", FX_HAGIANG)));
  g_assert_cmpuint (total, ==, 2);
  /* The one with more evidence is kept, and the command is ready to run. */
  g_autoptr (DgStats) s = dg_store_stats (store, 1, &error);
  g_assert_cmpuint (s->n_duplicates, ==, 2);
  g_assert_cmpuint (s->duplicates->len, ==, 1);
  g_autofree char *cmd = g_strdup_printf ("docgraph merge %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                          ls, fx_id (store, "organization", "tỉnh ủy lang sơn"));
  g_autofree char *table = dg_stats_render (s, DG_FORMAT_TABLE, 80);
  g_assert_nonnull (strstr (table, cmd));
  g_assert_nonnull (strstr (table, "keep #"));
  g_assert_nonnull (strstr (table, "  drop #"));
  g_assert_nonnull (strstr (table, "Tỉnh ủy Lang Sơn"));
  g_assert_nonnull (strstr (table, "(the 1 closest;"));
}

/* Tens of thousands of nodes: neighbours in sorted order, not all pairs. */
static void
test_stats_duplicates_many (void)
{
  g_autoptr (DgStore) store = fx_open (NULL);
  static const char *const family[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ",
                                        "Đặng", "Bùi", "Đỗ" };
  static const char *const middle[] = { "Văn", "Thị", "Đình", "Minh", "Quốc", "Hữu", "Thanh",
                                        "Xuân", "Đức", "Ngọc" };
  static const char *const given[] = { "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh",
                                       "Long", "Mai", "Nam", "Phong", "Quân", "Sơn", "Tâm",
                                       "Uyên", "Vinh", "Yến", "Trạc", "Hùng", "Lâm" };
  g_autoptr (DgGraph) g = fx_article ("many.txt", NULL, "Danh sách cán bộ.");
  guint n = 0;
  for (guint a = 0; a < G_N_ELEMENTS (family); a++)
    for (guint b = 0; b < G_N_ELEMENTS (middle); b++)
      for (guint c = 0; c < G_N_ELEMENTS (given); c++)
        for (guint d = 0; d < 10; d++)
          {
            /* Distinct schools named after people: a number keeps them
             * apart. (Officials a letter apart are never paired.) */
            g_autofree char *name = g_strdup_printf ("Trường %s %s %s %u", family[a], middle[b],
                                                     given[c], 1000 + n);
            dg_graph_add_node (g, DG_NODE_ORGANIZATION, NULL, name);
            n++;
          }
  /* Number 1170 is "Trường Nguyễn Văn Trạc"; this is the same misspelt. */
  dg_graph_add_node (g, DG_NODE_ORGANIZATION, NULL, "Trường Nguyễn Văn Trạch 1170");
  fx_store (store, g);
  g_assert_cmpint (fx_count (store, "SELECT count(*) FROM nodes"), ==, 20001);
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (GError) error = NULL;
  guint total = 0;
  g_autoptr (GPtrArray) dups = dg_store_duplicates (store, 0, &total, &error);
  gint64 us = g_get_monotonic_time () - t0;
  g_assert_no_error (error);
  g_test_message ("duplicates among 20001 nodes: %.0f ms", us / 1000.0);
  g_assert_true (has_pair (dups, fx_id (store, "organization", "trường nguyễn văn trạc 1170"),
                           fx_id (store, "organization", "trường nguyễn văn trạch 1170")));
  g_assert_cmpuint (total, ==, 1);
  /* All pairs would be 200 million comparisons; this takes well under a
   * second, and even under a sanitizer not ten. */
  g_assert_cmpint (us, <, 10 * G_USEC_PER_SEC);
}

/* ---------------------------------------------------------------- table */

static void
test_table_fits (void)
{
  const char *headers[] = { "ID", "NAME", "ISSUER", "NOTE" };
  g_autoptr (DgTable) t = dg_table_new (4, headers);
  dg_table_set_column (t, 0, DG_ALIGN_RIGHT, 2);
  const char *r1[] = { "#1", "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, tiêu cực",
                       "Bộ Chính trị", "Kết luận số 12-KL/TW về tiếp tục đẩy mạnh công tác" };
  const char *r2[] = { "#22", "Tỉnh ủy Lạng Sơn", "Ban Thường vụ Quận ủy Thanh Xuân", NULL };
  dg_table_add_row (t, r1);
  dg_table_add_row (t, r2);
  g_auto (GStrv) lines = dg_table_render_lines (t, 80);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  for (guint i = 0; lines[i]; i++)
    g_assert_cmpuint (dg_text_display_width (lines[i]), <=, 80);
  g_assert_nonnull (strstr (lines[1], "…"));
  /* The narrow id column is never cut; right-aligned. */
  g_assert_true (g_str_has_prefix (lines[1], " #1"));
  g_assert_true (g_str_has_prefix (lines[2], "#22"));
  /* At 40 columns it still fits (every column may give way to 6). */
  g_auto (GStrv) narrow = dg_table_render_lines (t, 40);
  for (guint i = 0; narrow[i]; i++)
    g_assert_cmpuint (dg_text_display_width (narrow[i]), <=, 40);
}

/* Ids and codes are never cut, however narrow; --wide cuts nothing; tsv
 * is one line per row, tab separated, with nothing cut or added. */
static void
test_table_keep_ids_and_codes (void)
{
  g_autoptr (DgStore) store = real_store (NULL);
  g_autoptr (GError) error = NULL;
  DgListQuery q = { .type = DG_NODE_DOCUMENT };
  g_autoptr (GPtrArray) rows = dg_store_list (store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 3);
  const guint widths[] = { 30, 60, 80 };
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autofree char *table = dg_list_render (rows, DG_NODE_DOCUMENT, DG_FORMAT_TABLE, widths[w]);
      g_auto (GStrv) lines = g_strsplit (table, "\n", -1);
      for (guint i = 0; i < rows->len; i++)
        {
          DgNodeRow *r = rows->pdata[i];
          g_autofree char *id = g_strdup_printf ("#%" G_GINT64_FORMAT " ", r->id);
          g_assert_nonnull (strstr (lines[i + 1], id));
          if (r->code)
            g_assert_nonnull (strstr (lines[i + 1], r->code));
        }
      g_assert_null (strstr (table, "#…"));
    }
  g_autofree char *wide = dg_list_render (rows, DG_NODE_DOCUMENT, DG_FORMAT_TABLE, DG_TABLE_NO_LIMIT);
  g_assert_null (strstr (wide, "…"));
  for (guint i = 0; i < rows->len; i++)
    {
      DgNodeRow *r = rows->pdata[i];
      g_assert_nonnull (strstr (wide, r->title ? r->title : r->label));
    }
  g_autofree char *tsv = dg_list_render (rows, DG_NODE_DOCUMENT, DG_FORMAT_TSV, 20);
  g_auto (GStrv) lines = g_strsplit (tsv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, rows->len + 2); /* header, rows, "" */
  g_assert_cmpstr (lines[0], ==, "ID\tCODE\tDOCUMENT\tISSUER\tDATE\tLEVEL");
  for (guint i = 0; i < rows->len; i++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[i + 1], "\t", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, 6);
      DgNodeRow *r = rows->pdata[i];
      g_assert_cmpstr (cells[2], ==, r->title ? r->title : r->label);
    }
  g_assert_cmpstr (lines[rows->len + 1], ==, "");
  /* The other commands' tsv: a header and rows of one width. */
  g_autoptr (GPtrArray) tree = dg_store_implements (store, resolve (store, "12-KL/TW", DG_NODE_DOCUMENT),
                                                    FALSE, 0, &error);
  g_assert_no_error (error);
  g_autoptr (DgShow) show = dg_store_show (store, resolve (store, "12-KL/TW", DG_NODE_DOCUMENT),
                                           1, &error);
  g_assert_no_error (error);
  g_autoptr (DgStats) stats = dg_store_stats (store, 5, &error);
  g_assert_no_error (error);
  char *texts[] = { dg_implements_render (tree, FALSE, DG_FORMAT_TSV, 20),
                    dg_show_render (show, DG_FORMAT_TSV, 20),
                    dg_stats_render (stats, DG_FORMAT_TSV, 20) };
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_auto (GStrv) tl = g_strsplit (texts[t], "\n", -1);
      g_assert_cmpuint (g_strv_length (tl), >, 2);
      guint tabs = 0;
      for (const char *p = tl[0]; *p; p++)
        tabs += *p == '\t';
      for (guint i = 1; tl[i] && *tl[i]; i++)
        {
          guint n = 0;
          for (const char *p = tl[i]; *p; p++)
            n += *p == '\t';
          g_assert_cmpuint (n, ==, tabs);
          g_assert_null (strstr (tl[i], "…"));
        }
      g_free (texts[t]);
    }
}

/* Columns line up by display width, not bytes, also for decomposed text. */
static void
test_table_vietnamese_align (void)
{
  const char *headers[] = { "NAME", "LEVEL" };
  g_autoptr (DgTable) t = dg_table_new (2, headers);
  g_autofree char *nfd = g_utf8_normalize ("Đảng ủy Khối", -1, G_NORMALIZE_NFD);
  const char *rows[][2] = { { "Tỉnh ủy Lạng Sơn", "province" }, { "Bo Chinh tri", "central" },
                            { nfd, "central" } };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    dg_table_add_row (t, rows[i]);
  g_auto (GStrv) lines = dg_table_render_lines (t, 80);
  for (guint i = 0; lines[i]; i++)
    {
      const char *level = strstr (lines[i], i == 0 ? "LEVEL" : rows[i - 1][1]);
      g_assert_nonnull (level);
      g_autofree char *before = g_strndup (lines[i], (gsize) (level - lines[i]));
      g_assert_cmpuint (dg_text_display_width (before), ==,
                        dg_text_display_width ("Tỉnh ủy Lạng Sơn") + 2);
    }
}

static void
test_table_cut_and_wrap (void)
{
  g_autofree char *cut = dg_text_cut ("Tỉnh ủy Lạng Sơn", 9);
  g_assert_cmpstr (cut, ==, "Tỉnh ủy…");
  g_assert_cmpuint (dg_text_display_width (cut), <=, 9);
  g_autofree char *whole = dg_text_cut ("Tỉnh ủy", 7);
  g_assert_cmpstr (whole, ==, "Tỉnh ủy");
  g_autofree char *wrapped = dg_text_wrap ("Đồng chí Phan Đình Trạc dự và chỉ đạo hội nghị", 20,
                                           "  ");
  g_auto (GStrv) lines = g_strsplit (wrapped, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 2);
  for (guint i = 0; lines[i]; i++)
    {
      g_assert_true (g_str_has_prefix (lines[i], "  "));
      g_assert_cmpuint (dg_text_display_width (lines[i]), <=, 20);
    }
  DgOutputFormat f;
  g_assert_true (dg_output_format_parse ("json", &f));
  g_assert_cmpint (f, ==, DG_FORMAT_JSON);
  g_assert_false (dg_output_format_parse ("yaml", &f));
}

/* ------------------------------------------------------------------ cli */

typedef struct {
  int status;  /* exit status */
  char *out;   /* standard output */
  char *err;   /* standard error */
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

/* Runs build/docgraph with args on database db, $COLUMNS set to columns
 * (NULL: unset). */
static Run
run_cli_columns (const char *db, const char *const *args, const char *columns)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *bin = g_build_filename (DG_BINARY_DIR, "docgraph", NULL);
  g_ptr_array_add (argv, bin);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_auto (GStrv) env = g_get_environ ();
  env = g_environ_setenv (env, "DOCGRAPH_DB", db, TRUE);
  env = columns ? g_environ_setenv (env, "COLUMNS", columns, TRUE)
                : g_environ_unsetenv (env, "COLUMNS");
  Run r = { 0 };
  int wait = 0;
  g_autoptr (GError) error = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &r.out, &r.err, &wait, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait));
  r.status = WEXITSTATUS (wait);
  return r;
}

/* Runs build/docgraph with args on database db, 80 columns wide. */
static Run
run_cli (const char *db, const char *const *args)
{
  return run_cli_columns (db, args, "80");
}

static void
test_cli_checked_shapes (void)
{
  g_autofree char *db = NULL;
  {
    g_autoptr (DgStore) store = real_store (&db);
    g_assert_nonnull (store);
  }
  const char *a1[] = { "implements", "147-KH/TU", NULL };
  Run r = run_cli (db, a1);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "25-KH/QU"));
  g_assert_nonnull (strstr (r.out, "Ban Thường vụ Quận ủy Thanh Xuân"));
  g_assert_nonnull (strstr (r.out, "hanoimoi/147.txt"));
  run_clear (&r);
  const char *a2[] = { "search", "tinh uy lang son", NULL };
  r = run_cli (db, a2);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Tỉnh ủy Lạng Sơn"));
  run_clear (&r);
  const char *a3[] = { "search", "dinh trac", NULL };
  r = run_cli (db, a3);
  g_assert_nonnull (strstr (r.out, "Phan Đình Trạc"));
  run_clear (&r);
  const char *a4[] = { "show", "Phan Đình Trạc", NULL };
  r = run_cli (db, a4);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Bộ Chính trị"));
  run_clear (&r);
  const char *a5[] = { "show", "12-KL/TW", NULL };
  r = run_cli (db, a5);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "1248-CV/TU"));
  g_assert_nonnull (strstr (r.out, "90-KH/TU"));
  /* Every line fits 80 columns. */
  g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    g_assert_cmpuint (dg_text_display_width (lines[i]), <=, 80);
  run_clear (&r);
}

/* Piped output is not cut unless $COLUMNS says so; --wide cuts nothing
 * even then; -f tsv is for pipes. */
static void
test_cli_pipes_and_wide (void)
{
  g_autofree char *db = NULL;
  {
    g_autoptr (DgStore) store = real_store (&db);
    g_assert_nonnull (store);
  }
  const char *list[] = { "list", "--type", "document", NULL };
  Run r = run_cli_columns (db, list, "40");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "…"));
  run_clear (&r);
  r = run_cli_columns (db, list, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "…"));
  run_clear (&r);
  const char *wide[] = { "list", "--type", "document", "--wide", NULL };
  r = run_cli_columns (db, wide, "40");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "…"));
  run_clear (&r);
  const char *tsv[] = { "list", "--type", "document", "-f", "tsv", NULL };
  r = run_cli_columns (db, tsv, "40");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "ID\tCODE\tDOCUMENT\t"));
  g_assert_null (strstr (r.out, "…"));
  run_clear (&r);
}

static void
test_cli_exit_codes (void)
{
  g_autofree char *db = NULL;
  {
    g_autoptr (DgStore) store = real_store (&db);
    g_assert_nonnull (store);
  }
  const char *unknown[] = { "implements", "no-such-doc", NULL };
  Run r = run_cli (db, unknown);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no document “no-such-doc”"));
  run_clear (&r);
  const char *near[] = { "implements", "12-KL/TU", NULL };
  r = run_cli (db, near);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "did you mean 12-KL/TW"));
  run_clear (&r);
  const char *ambiguous[] = { "implements", "90-KH/TU", NULL };
  r = run_cli (db, ambiguous);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "Tỉnh ủy Hà Giang"));
  g_assert_nonnull (strstr (r.err, "Tỉnh ủy Lạng Sơn"));
  run_clear (&r);
  const char *bad_format[] = { "show", "--format", "yaml", "12-KL/TW", NULL };
  r = run_cli (db, bad_format);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
  const char *bad_option[] = { "list", "--colour", NULL };
  r = run_cli (db, bad_option);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
  const char *no_type[] = { "list", NULL };
  r = run_cli (db, no_type);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
  const char *bad_level[] = { "list", "--type", "document", "--level", "national", NULL };
  r = run_cli (db, bad_level);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
  const char *help[] = { "stats", "--help", NULL };
  r = run_cli (db, help);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--db"));
  g_assert_nonnull (strstr (r.out, "--format"));
  run_clear (&r);
  /* A database that is not one: a run-time error. */
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *junk = g_build_filename (dir, "junk.db", NULL);
  g_assert_true (g_file_set_contents (junk, "not a database, just text, long enough to be read "
                                      "as a header by SQLite and refused by it.", -1, NULL));
  const char *stats[] = { "stats", NULL };
  r = run_cli (junk, stats);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "not an SQLite database"));
  run_clear (&r);
}

static void
test_cli_json (void)
{
  g_autofree char *db = NULL;
  {
    g_autoptr (DgStore) store = real_store (&db);
    g_assert_nonnull (store);
  }
  const char *const commands[][8] = {
    { "implements", "--format", "json", "12-KL/TW", NULL },
    { "implements", "--format=json", "--reverse", "--depth", "1", "45-KH/HU", NULL },
    { "show", "--format", "json", "Phan Đình Trạc", NULL },
    { "search", "--format", "json", "lang son", NULL },
    { "list", "--format", "json", "--type", "document", NULL },
    { "stats", "--format", "json", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      Run r = run_cli (db, commands[i]);
      g_assert_cmpint (r.status, ==, 0);
      g_autoptr (JsonParser) p = json_parser_new ();
      g_autoptr (GError) error = NULL;
      if (!json_parser_load_from_data (p, r.out, -1, &error))
        g_error ("%s: %s\n%s", commands[i][0], error->message, r.out);
      run_clear (&r);
    }
}

static void
test_cli_merge_alias (void)
{
  g_autofree char *db = NULL;
  gint64 ls, hg;
  {
    g_autoptr (DgStore) store = real_store (&db);
    ls = fx_id (store, "organization", FX_LANGSON);
    hg = fx_id (store, "organization", FX_HAGIANG);
  }
  const char *alias[] = { "alias", "tinh uy lang son", "Tỉnh ủy tỉnh Lạng Sơn", NULL };
  Run r = run_cli (db, alias);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "tỉnh ủy tỉnh lạng sơn"));
  run_clear (&r);
  const char *taken[] = { "alias", "tinh uy lang son", "Tỉnh ủy Hà Giang", NULL };
  r = run_cli (db, taken);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "docgraph merge"));
  run_clear (&r);
  g_autofree char *a = g_strdup_printf ("#%" G_GINT64_FORMAT, ls);
  g_autofree char *b = g_strdup_printf ("%" G_GINT64_FORMAT, hg);
  const char *merge[] = { "merge", a, b, NULL };
  r = run_cli (db, merge);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Tỉnh ủy Hà Giang"));
  run_clear (&r);
  const char *show[] = { "show", "Tỉnh ủy Hà Giang", NULL };
  r = run_cli (db, show);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "Tỉnh ủy Lạng Sơn\n"));
  g_assert_nonnull (strstr (r.out, "Tỉnh ủy Hà Giang (merge)"));
  g_assert_nonnull (strstr (r.out, "Tỉnh ủy tỉnh Lạng Sơn (user)"));
  run_clear (&r);
  const char *mixed[] = { "merge", "Phan Đình Trạc", "Bộ Chính trị", NULL };
  r = run_cli (db, mixed);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
}

/* The same shapes through `docgraph import --format jsonl` (extract
 * contract lines with their text), then queried by the commands. */
static void
test_cli_import_jsonl (void)
{
  g_autofree char *dir = dg_test_tmpdir ();
  g_autofree char *jsonl = g_build_filename (dir, "fixture.jsonl", NULL);
  g_autofree char *db = g_build_filename (dir, "imported.db", NULL);
  GString *lines = g_string_new (NULL);
  {
    /* One article's graph, written out as `docgraph extract` does. */
    g_autoptr (DgGraph) g = fx_article ("hanoimoi/147.txt", "2023-04-12", fx_text_hanoi);
    DgNode *hn = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Thành ủy Hà Nội", NULL);
    DgNode *btv = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Ban Thường vụ Quận ủy Thanh Xuân", NULL);
    DgNode *d147 = fx_doc (g, "Kế hoạch", "147-KH/TU", FX_HANOI, "2023-03-30", "province");
    DgNode *d25 = fx_doc (g, "Kế hoạch", "25-KH/QU", "ban thường vụ quận ủy thanh xuân",
                          "2023-04-10", "district");
    fx_edge (g, DG_EDGE_ISSUED_BY, d147, hn, NULL, "Thành ủy Hà Nội ban hành");
    fx_edge (g, DG_EDGE_ISSUED_BY, d25, btv, NULL, "Ban Thường vụ Quận ủy Thanh Xuân ban hành");
    fx_edge (g, DG_EDGE_IMPLEMENTS, d25, d147, NULL, "Thực hiện Kế hoạch số 147-KH/TU");
    g_autoptr (JsonNode) json = dg_graph_to_json (g);
    g_autofree char *line = json_to_string (json, FALSE);
    g_string_append_printf (lines, "%s\n", line);
  }
  g_assert_true (g_file_set_contents (jsonl, lines->str, (gssize) lines->len, NULL));
  g_string_free (lines, TRUE);
  const char *import[] = { "import", "--quiet", "--format", "jsonl", jsonl, NULL };
  Run r = run_cli (db, import);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  /* Twice: nothing changes. */
  r = run_cli (db, import);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  const char *impl[] = { "implements", "147 - kh/tu", NULL };
  r = run_cli (db, impl);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "└─ 25-KH/QU"));
  run_clear (&r);
  const char *stats[] = { "stats", "--format", "json", NULL };
  r = run_cli (db, stats);
  g_assert_nonnull (strstr (r.out, "\"articles\" : 1"));
  run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/query/implements/plan", test_implements_plan);
  g_test_add_func ("/query/implements/chain-and-depth", test_implements_chain);
  g_test_add_func ("/query/implements/reverse", test_implements_reverse);
  g_test_add_func ("/query/implements/cycle-and-order", test_implements_cycle_and_order);
  g_test_add_func ("/query/implements/json", test_implements_json);
  g_test_add_func ("/query/show/official", test_show_official);
  g_test_add_func ("/query/show/document-cited", test_show_document_cited);
  g_test_add_func ("/query/show/aliases", test_show_aliases);
  g_test_add_func ("/query/show/sentence", test_show_sentence);
  g_test_add_func ("/query/search/folded", test_search_folded);
  g_test_add_func ("/query/search/articles", test_search_articles);
  g_test_add_func ("/query/search/alias-and-prefix", test_search_alias_and_prefix);
  g_test_add_func ("/query/list/filters", test_list_filters);
  g_test_add_func ("/query/list/bad-since", test_list_bad_since);
  g_test_add_func ("/query/stats/counts", test_stats_counts);
  g_test_add_func ("/query/stats/duplicates", test_stats_duplicates);
  g_test_add_func ("/query/stats/duplicates-many", test_stats_duplicates_many);
  g_test_add_func ("/query/table/fits", test_table_fits);
  g_test_add_func ("/query/table/vietnamese-align", test_table_vietnamese_align);
  g_test_add_func ("/query/table/cut-and-wrap", test_table_cut_and_wrap);
  g_test_add_func ("/query/table/keep-ids-and-codes", test_table_keep_ids_and_codes);
  g_test_add_func ("/query/cli/pipes-and-wide", test_cli_pipes_and_wide);
  g_test_add_func ("/query/cli/checked-shapes", test_cli_checked_shapes);
  g_test_add_func ("/query/cli/exit-codes", test_cli_exit_codes);
  g_test_add_func ("/query/cli/json", test_cli_json);
  g_test_add_func ("/query/cli/merge-alias", test_cli_merge_alias);
  g_test_add_func ("/query/cli/import-jsonl", test_cli_import_jsonl);
  return g_test_run ();
}
