/* store-fixture.h: graphs built by hand, shaped like what the extractor
 * finds in real articles, for tests/test-store.c and tests/test-query.c.
 * Everything is static inline so that each test binary takes what it uses. */
#pragma once

#include <string.h>

#include "testutil.h"
#include "store-private.h"

/* A graph for one article with this text; its sha256 is the text's.
 * (transfer full) */
static inline DgGraph *
fx_article (const char *source, const char *date, const char *text)
{
  g_autofree char *sha = dg_sha256_hex (text, strlen (text));
  g_autoptr (DgArticle) a = dg_article_new (source, sha, NULL, date, text);
  return dg_graph_new (a);
}

/* The byte span of the first occurrence of what in the article text; the
 * test fails when it is not there. */
static inline void
fx_span (DgGraph *g, const char *what, guint *start, guint *end)
{
  const char *text = dg_article_text (dg_graph_article (g));
  const char *at = strstr (text, what);
  if (at == NULL)
    g_error ("fixture: “%s” is not in the article text", what);
  *start = (guint) (at - text);
  *end = *start + (guint) strlen (what);
}

/* Adds a node mentioned where mention (or its label) occurs. key NULL: the
 * key form of the label. (transfer none) */
static inline DgNode *
fx_node (DgGraph *g, DgNodeType type, const char *key, const char *label, const char *mention)
{
  DgNode *n = dg_graph_add_node (g, type, key, label);
  guint s, e;
  fx_span (g, mention ? mention : label, &s, &e);
  dg_node_add_mention (n, s, e, "test");
  return n;
}

/* A code as the extractor writes it in keys: "147-KH/TU" → "147-kh/tu".
 * (transfer full) */
static inline char *
fx_code_form (const char *code)
{
  return dg_document_code_key (code);
}

/* A document node with a code, keyed as the extractor keys it:
 * "doc:<code>@<issuer key>", or "doc:<code>" for a national code (issuer_key
 * NULL). (transfer none) */
static inline DgNode *
fx_doc (DgGraph *g, const char *doc_type, const char *code, const char *issuer_key,
        const char *date, const char *level)
{
  g_autofree char *label = g_strdup_printf ("%s số %s", doc_type, code);
  g_autofree char *form = fx_code_form (code);
  g_autofree char *key = issuer_key ? g_strdup_printf ("doc:%s@%s", form, issuer_key)
                                    : g_strdup_printf ("doc:%s", form);
  DgNode *n = fx_node (g, DG_NODE_DOCUMENT, key, label, code);
  dg_node_set_attr (n, "doc_type", doc_type, TRUE);
  dg_node_set_attr (n, "code", code, TRUE);
  dg_node_set_attr (n, "date", date, TRUE);
  dg_node_set_attr (n, "level", level, TRUE);
  return n;
}

/* Adds an edge whose evidence is the sentence of the text that contains
 * evidence. (transfer none) */
static inline DgEdge *
fx_edge (DgGraph *g, DgEdgeType type, DgNode *src, DgNode *dst, const char *role,
         const char *evidence)
{
  guint s, e;
  fx_span (g, evidence, &s, &e);
  return dg_graph_add_edge (g, type, src, dst, role, s, e, "test");
}

static inline void
fx_store (DgStore *store, DgGraph *g)
{
  g_autoptr (GError) error = NULL;
  gboolean added = FALSE;
  g_assert_true (dg_store_add_article (store, dg_graph_article (g), g, &added, &error));
  g_assert_no_error (error);
  g_assert_true (added);
}

/* A fresh store in a temporary directory. (transfer full) */
static inline DgStore *
fx_open (char **path_out)
{
  g_autofree char *dir = dg_test_tmpdir ();
  char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr (GError) error = NULL;
  DgStore *store = dg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (path_out)
    *path_out = path;
  else
    g_free (path);
  return store;
}

/* The one integer a query gives. */
static inline gint64
fx_count (DgStore *store, const char *sql)
{
  sqlite3_stmt *st = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (dg_store_db (store), sql, -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return n;
}

/* The id of the node of this type and key, 0 when none. */
static inline gint64
fx_id (DgStore *store, const char *type, const char *key)
{
  sqlite3_stmt *st = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (dg_store_db (store),
                                       "SELECT id FROM nodes WHERE type = ? AND key = ?", -1,
                                       &st, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (st, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, key, -1, SQLITE_STATIC);
  gint64 id = sqlite3_step (st) == SQLITE_ROW ? sqlite3_column_int64 (st, 0) : 0;
  sqlite3_finalize (st);
  return id;
}

/* Keys of the real-shaped fixture. */
#define FX_HANOI "thành ủy hà nội"
#define FX_LANGSON "tỉnh ủy lạng sơn"
#define FX_HAGIANG "tỉnh ủy hà giang"
#define FX_BCT "bộ chính trị"
#define FX_TRAC "phan đình trạc"
#define FX_147 "doc:147-kh/tu@thành ủy hà nội"
#define FX_25 "doc:25-kh/qu@ban thường vụ quận ủy thanh xuân"
#define FX_12 "doc:12-kl/tw"
#define FX_90LS "doc:90-kh/tu@tỉnh ủy lạng sơn"
#define FX_90HG "doc:90-kh/tu@tỉnh ủy hà giang"
#define FX_45 "doc:45-kh/hu@huyện ủy cao lộc"
#define FX_1248 "doc:1248-cv/tu@tỉnh ủy lạng sơn"

static const char fx_text_hanoi[] =
  "Thành ủy Hà Nội ban hành Kế hoạch số 147-KH/TU ngày 30/3/2023 về tổ chức đợt sinh hoạt "
  "chính trị. Thực hiện Kế hoạch số 147-KH/TU của Thành ủy, Ban Thường vụ Quận ủy Thanh Xuân "
  "ban hành Kế hoạch số 25-KH/QU ngày 10/4/2023. Đồng chí Bùi Huyền Mai, Bí thư Quận ủy "
  "Thanh Xuân chủ trì hội nghị.";

static const char fx_text_langson[] =
  "Sáng 18/8, Tỉnh ủy Lạng Sơn tổ chức Hội nghị nghiên cứu, học tập Tác phẩm của Tổng Bí "
  "thư Nguyễn Phú Trọng. Đồng chí Phan Đình Trạc, Ủy viên Bộ Chính trị, Bí thư Trung ương "
  "Đảng, Trưởng Ban Nội chính Trung ương dự và chỉ đạo hội nghị.\nHội nghị diễn ra trong "
  "một ngày.";

static const char fx_text_kl12[] =
  "Thực hiện Kết luận số 12-KL/TW của Bộ Chính trị, Tỉnh ủy Lạng Sơn ban hành Kế hoạch số "
  "90-KH/TU ngày 5/6/2022. Huyện ủy Cao Lộc ban hành Kế hoạch số 45-KH/HU để triển khai Kế "
  "hoạch số 90-KH/TU. Công văn số 1248-CV/TU của Tỉnh ủy Lạng Sơn dẫn Kết luận số 12-KL/TW.";

static const char fx_text_hagiang[] =
  "Tỉnh ủy Hà Giang ban hành Kế hoạch số 90-KH/TU ngày 1/3/2021 về công tác cán bộ.";

/* Loads four articles shaped like the corpus: 147-KH/TU of Thành ủy Hà Nội
 * and the plan of Quận ủy Thanh Xuân that implements it; a conference of
 * Tỉnh ủy Lạng Sơn attended by Phan Đình Trạc, member of Bộ Chính trị;
 * 12-KL/TW with a chain of plans implementing it and a letter citing it; a
 * second 90-KH/TU, of Tỉnh ủy Hà Giang. */
static inline void
fx_load_real_shapes (DgStore *store)
{
  {
    g_autoptr (DgGraph) g = fx_article ("hanoimoi/147.txt", "2023-04-12", fx_text_hanoi);
    DgNode *hn = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Thành ủy Hà Nội", NULL);
    dg_node_set_attr (hn, "level", "province", TRUE);
    DgNode *btv = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Ban Thường vụ Quận ủy Thanh Xuân", NULL);
    dg_node_set_attr (btv, "level", "district", TRUE);
    DgNode *qu = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Quận ủy Thanh Xuân", NULL);
    dg_node_set_attr (qu, "level", "district", TRUE);
    DgNode *d147 = fx_doc (g, "Kế hoạch", "147-KH/TU", FX_HANOI, "2023-03-30", "province");
    dg_node_set_attr (d147, "title", "về tổ chức đợt sinh hoạt chính trị", TRUE);
    DgNode *d25 = fx_doc (g, "Kế hoạch", "25-KH/QU", "ban thường vụ quận ủy thanh xuân",
                          "2023-04-10", "district");
    DgNode *mai = fx_node (g, DG_NODE_OFFICIAL, NULL, "Bùi Huyền Mai", NULL);
    dg_node_add_attr_item (mai, "titles", "Bí thư Quận ủy Thanh Xuân");
    fx_edge (g, DG_EDGE_ISSUED_BY, d147, hn, NULL, "Thành ủy Hà Nội ban hành Kế hoạch số 147-KH/TU");
    fx_edge (g, DG_EDGE_ISSUED_BY, d25, btv, NULL, "Ban Thường vụ Quận ủy Thanh Xuân ban hành");
    fx_edge (g, DG_EDGE_IMPLEMENTS, d25, d147, NULL, "Thực hiện Kế hoạch số 147-KH/TU");
    fx_edge (g, DG_EDGE_PART_OF, btv, qu, NULL, "Ban Thường vụ Quận ủy Thanh Xuân");
    fx_edge (g, DG_EDGE_MEMBER_OF, mai, qu, "Bí thư", "Bí thư Quận ủy Thanh Xuân chủ trì");
    fx_store (store, g);
  }
  {
    g_autoptr (DgGraph) g = fx_article ("baolangson/hoi-nghi.txt", "2023-08-18", fx_text_langson);
    DgNode *ls = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Tỉnh ủy Lạng Sơn", NULL);
    dg_node_set_attr (ls, "level", "province", TRUE);
    DgNode *bct = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Bộ Chính trị", NULL);
    dg_node_set_attr (bct, "level", "central", TRUE);
    DgNode *bnc = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Ban Nội chính Trung ương", NULL);
    dg_node_set_attr (bnc, "level", "central", TRUE);
    DgNode *trac = fx_node (g, DG_NODE_OFFICIAL, NULL, "Phan Đình Trạc", NULL);
    dg_node_add_attr_item (trac, "titles", "Ủy viên Bộ Chính trị");
    dg_node_add_attr_item (trac, "titles", "Trưởng Ban Nội chính Trung ương");
    DgNode *npt = fx_node (g, DG_NODE_OFFICIAL, NULL, "Nguyễn Phú Trọng", NULL);
    DgNode *hn = fx_node (g, DG_NODE_EVENT, NULL, "Hội nghị nghiên cứu, học tập Tác phẩm", NULL);
    dg_node_set_attr (hn, "date", "--08-18", TRUE);
    fx_edge (g, DG_EDGE_ORGANIZED_BY, hn, ls, NULL, "Tỉnh ủy Lạng Sơn tổ chức Hội nghị");
    fx_edge (g, DG_EDGE_MEMBER_OF, trac, bct, "Ủy viên", "Phan Đình Trạc, Ủy viên Bộ Chính trị");
    fx_edge (g, DG_EDGE_MEMBER_OF, trac, bnc, "Trưởng Ban", "Trưởng Ban Nội chính Trung ương");
    fx_edge (g, DG_EDGE_ATTENDED, trac, hn, "chaired", "dự và chỉ đạo hội nghị");
    (void) npt;
    fx_store (store, g);
  }
  {
    g_autoptr (DgGraph) g = fx_article ("baolangson/kl12.txt", "2022-06-07", fx_text_kl12);
    DgNode *bct = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Bộ Chính trị", NULL);
    DgNode *ls = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Tỉnh ủy Lạng Sơn", NULL);
    DgNode *cl = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Huyện ủy Cao Lộc", NULL);
    dg_node_set_attr (cl, "level", "district", TRUE);
    DgNode *d12 = fx_doc (g, "Kết luận", "12-KL/TW", NULL, NULL, "central");
    DgNode *d90 = fx_doc (g, "Kế hoạch", "90-KH/TU", FX_LANGSON, "2022-06-05", "province");
    DgNode *d45 = fx_doc (g, "Kế hoạch", "45-KH/HU", "huyện ủy cao lộc", NULL, "district");
    DgNode *d1248 = fx_doc (g, "Công văn", "1248-CV/TU", FX_LANGSON, NULL, "province");
    fx_edge (g, DG_EDGE_ISSUED_BY, d12, bct, NULL, "Kết luận số 12-KL/TW của Bộ Chính trị");
    fx_edge (g, DG_EDGE_ISSUED_BY, d90, ls, NULL, "Tỉnh ủy Lạng Sơn ban hành Kế hoạch");
    fx_edge (g, DG_EDGE_ISSUED_BY, d45, cl, NULL, "Huyện ủy Cao Lộc ban hành");
    fx_edge (g, DG_EDGE_ISSUED_BY, d1248, ls, NULL, "1248-CV/TU của Tỉnh ủy Lạng Sơn");
    fx_edge (g, DG_EDGE_IMPLEMENTS, d90, d12, NULL, "Thực hiện Kết luận số 12-KL/TW");
    fx_edge (g, DG_EDGE_IMPLEMENTS, d45, d90, NULL, "để triển khai Kế hoạch số 90-KH/TU");
    fx_edge (g, DG_EDGE_CITES, d1248, d12, NULL, "dẫn Kết luận số 12-KL/TW");
    fx_store (store, g);
  }
  {
    g_autoptr (DgGraph) g = fx_article ("baohagiang/90.txt", "2021-03-02", fx_text_hagiang);
    DgNode *hg = fx_node (g, DG_NODE_ORGANIZATION, NULL, "Tỉnh ủy Hà Giang", NULL);
    dg_node_set_attr (hg, "level", "province", TRUE);
    DgNode *d90 = fx_doc (g, "Kế hoạch", "90-KH/TU", FX_HAGIANG, "2021-03-01", "province");
    fx_edge (g, DG_EDGE_ISSUED_BY, d90, hg, NULL, "Tỉnh ủy Hà Giang ban hành");
    fx_store (store, g);
  }
}
