/* test-model.c: the in-memory graph and the extract JSON contract. */
#include "testutil.h"

#include <string.h>

static DgGraph *
sample (void)
{
  g_autoptr (DgArticle) a = dg_article_new ("a.txt", "abc", "Tiêu đề", "2023-03-31",
                                            "Kế hoạch số 147-KH/TU của Thành ủy Hà Nội.");
  DgGraph *g = dg_graph_new (a);
  DgNode *d = dg_graph_add_node (g, DG_NODE_DOCUMENT, "doc:147", "Kế hoạch số 147-KH/TU");
  dg_node_set_attr (d, "code", "147-KH/TU", FALSE);
  dg_node_add_mention (d, 0, 28, "doc.code");
  DgNode *o = dg_graph_add_node (g, DG_NODE_ORGANIZATION, NULL, "Thành ủy Hà Nội");
  dg_node_add_mention (o, 33, 52, "org.head");
  dg_graph_add_edge (g, DG_EDGE_ISSUED_BY, d, o, NULL, 0, 53, "issued-by.cua");
  return g;
}

static void
test_add_node_same_key (void)
{
  g_autoptr (DgGraph) g = dg_graph_new (NULL);
  DgNode *a = dg_graph_add_node (g, DG_NODE_ORGANIZATION, NULL, "Tỉnh uỷ Lạng Sơn");
  DgNode *b = dg_graph_add_node (g, DG_NODE_ORGANIZATION, NULL, "Tỉnh ủy Lạng Sơn");
  g_assert_true (a == b);
  /* The first spelling is kept. */
  g_assert_cmpstr (dg_node_label (a), ==, "Tỉnh uỷ Lạng Sơn");
  DgNode *c = dg_graph_add_node (g, DG_NODE_OFFICIAL, NULL, "Tỉnh ủy Lạng Sơn");
  g_assert_true (c != a);
  g_assert_cmpuint (dg_graph_n_nodes (g), ==, 2);
}

static void
test_edge_roles (void)
{
  g_autoptr (DgGraph) g = dg_graph_new (NULL);
  DgNode *p = dg_graph_add_node (g, DG_NODE_OFFICIAL, NULL, "Phan Đình Trạc");
  DgNode *o = dg_graph_add_node (g, DG_NODE_ORGANIZATION, NULL, "Ban Nội chính Trung ương");
  DgEdge *e1 = dg_graph_add_edge (g, DG_EDGE_MEMBER_OF, p, o, "Trưởng ban", 0, 10, "r");
  DgEdge *e2 = dg_graph_add_edge (g, DG_EDGE_MEMBER_OF, p, o, "Bí thư", 20, 30, "r");
  g_assert_true (e1 == e2);
  g_assert_cmpuint (dg_graph_n_edges (g), ==, 1);
  g_assert_cmpstr (dg_edge_role (e1), ==, "Trưởng ban");
  JsonArray *roles = json_object_get_array_member (dg_edge_attrs (e1), "roles");
  g_assert_cmpuint (json_array_get_length (roles), ==, 2);
  g_assert_cmpuint (dg_edge_n_evidence (e1), ==, 2);
  g_assert_null (dg_graph_add_edge (g, DG_EDGE_PART_OF, o, o, NULL, 0, 1, "loop"));
}

static void
test_merge_nodes (void)
{
  g_autoptr (DgGraph) g = dg_graph_new (NULL);
  DgNode *a = dg_graph_add_node (g, DG_NODE_ORGANIZATION, "a", "Ban Bí thư");
  DgNode *b = dg_graph_add_node (g, DG_NODE_ORGANIZATION, "b", "Ban Bí thư Trung ương Đảng");
  DgNode *d = dg_graph_add_node (g, DG_NODE_DOCUMENT, "d", "Quy định số 67-QĐ/TW");
  dg_node_add_attr_item (b, "aliases", "BBT");
  dg_graph_add_edge (g, DG_EDGE_ISSUED_BY, d, a, NULL, 0, 1, "x");
  dg_graph_add_edge (g, DG_EDGE_ISSUED_BY, d, b, NULL, 2, 3, "y");
  dg_graph_add_edge (g, DG_EDGE_PART_OF, a, b, NULL, 2, 3, "z");
  dg_graph_merge_nodes (g, a, b);
  g_assert_cmpuint (dg_graph_n_nodes (g), ==, 2);
  /* The two issued-by edges are one; the part-of loop is gone. */
  g_assert_cmpuint (dg_graph_n_edges (g), ==, 1);
  g_assert_cmpuint (dg_edge_n_evidence (dg_graph_edge (g, 0)), ==, 2);
  g_assert_true (json_object_has_member (dg_node_attrs (a), "aliases"));
  g_assert_true (dg_graph_find_node (g, DG_NODE_ORGANIZATION, "b") == NULL);
}

static void
test_set_key_merges (void)
{
  g_autoptr (DgGraph) g = dg_graph_new (NULL);
  DgNode *a = dg_graph_add_node (g, DG_NODE_DOCUMENT, "doc:1", "A");
  DgNode *b = dg_graph_add_node (g, DG_NODE_DOCUMENT, "doc:2", "B");
  dg_node_set_key (g, b, "doc:1");
  g_assert_cmpuint (dg_graph_n_nodes (g), ==, 1);
  g_assert_true (dg_graph_find_node (g, DG_NODE_DOCUMENT, "doc:1") == a);
}

static void
test_json_contract (void)
{
  g_autoptr (DgGraph) g = sample ();
  dg_graph_sort (g);
  g_autoptr (JsonNode) json = dg_graph_to_json (g);
  JsonObject *root = json_node_get_object (json);
  JsonObject *art = json_object_get_object_member (root, "article");
  g_assert_cmpstr (json_object_get_string_member (art, "date"), ==, "2023-03-31");
  JsonArray *nodes = json_object_get_array_member (root, "nodes");
  JsonArray *edges = json_object_get_array_member (root, "edges");
  g_assert_cmpuint (json_array_get_length (nodes), ==, 2);
  JsonObject *n0 = json_array_get_object_element (nodes, 0);
  g_assert_cmpstr (json_object_get_string_member (n0, "type"), ==, "organization");
  g_assert_cmpstr (json_object_get_string_member (n0, "id"), ==, "o1");
  JsonObject *e0 = json_array_get_object_element (edges, 0);
  g_assert_cmpstr (json_object_get_string_member (e0, "type"), ==, "issued-by");
  g_assert_cmpstr (json_object_get_string_member (e0, "src"), ==, "d1");
  g_assert_cmpstr (json_object_get_string_member (e0, "dst"), ==, "o1");
  JsonObject *ev = json_object_get_object_member (e0, "evidence");
  g_assert_cmpint (json_object_get_int_member (ev, "end"), ==, 53);
}

static void
test_json_round_trip (void)
{
  g_autoptr (DgGraph) g = sample ();
  g_autoptr (JsonNode) json = dg_graph_to_json (g);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgGraph) back = dg_graph_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dg_graph_n_nodes (back), ==, 2);
  g_assert_cmpuint (dg_graph_n_edges (back), ==, 1);
  g_autoptr (JsonNode) again = dg_graph_to_json (back);
  g_autofree char *s1 = json_to_string (json, FALSE);
  g_autofree char *s2 = json_to_string (again, FALSE);
  g_assert_cmpstr (s1, ==, s2);
}

static void
test_json_bad (void)
{
  static const char *const bad[] = {
    "[]", "{}", "{\"article\": 3}",
    "{\"article\": {}, \"nodes\": [{\"id\": \"x\", \"type\": \"planet\", \"label\": \"a\"}]}",
    "{\"article\": {}, \"nodes\": [], \"edges\": [{\"type\": \"cites\", \"src\": \"a\", \"dst\": \"b\"}]}",
    "{\"article\": {}, \"nodes\": 5}",
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (JsonParser) p = json_parser_new ();
      g_assert_true (json_parser_load_from_data (p, bad[i], -1, NULL));
      g_autoptr (GError) error = NULL;
      g_autoptr (DgGraph) g = dg_graph_from_json (json_parser_get_root (p), &error);
      g_assert_null (g);
      g_assert_error (error, DG_IMPORT_ERROR, DG_IMPORT_ERROR_PARSE);
    }
}

static void
test_type_names (void)
{
  for (int t = 0; t < DG_NODE_N_TYPES; t++)
    {
      DgNodeType back;
      g_assert_true (dg_node_type_parse (dg_node_type_name (t), &back));
      g_assert_cmpint (back, ==, t);
    }
  for (int t = 0; t < DG_EDGE_N_TYPES; t++)
    {
      DgEdgeType back;
      g_assert_true (dg_edge_type_parse (dg_edge_type_name (t), &back));
      g_assert_cmpint (back, ==, t);
    }
  DgNodeType nt;
  g_assert_false (dg_node_type_parse ("planet", &nt));
  g_assert_null (dg_node_type_name (DG_NODE_N_TYPES));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/node/same-key", test_add_node_same_key);
  g_test_add_func ("/model/edge/roles", test_edge_roles);
  g_test_add_func ("/model/merge", test_merge_nodes);
  g_test_add_func ("/model/set-key-merges", test_set_key_merges);
  g_test_add_func ("/model/json/contract", test_json_contract);
  g_test_add_func ("/model/json/round-trip", test_json_round_trip);
  g_test_add_func ("/model/json/bad", test_json_bad);
  g_test_add_func ("/model/type-names", test_type_names);
  return g_test_run ();
}
