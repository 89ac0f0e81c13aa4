/* test-server.c: `docgraph serve` over real sockets: the pages, the JSON
 * API, escaping, 404s, and hostile clients (huge targets, bodies, garbage,
 * floods of connections, silent ones), after each of which the server must
 * still answer. The store is examples/ imported, plus one extract line whose
 * names are HTML. */
#include "testutil.h"
#include "server/docgraph-server.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/resource.h>

/* An article whose node names and text are markup. */
static const char hostile_jsonl[]
  = "{\"article\":{\"source\":\"https://evil.example/<x>\",\"sha256\":\"aa\",\"title\":\"t\","
    "\"date\":\"2024-01-01\",\"text\":\"Tỉnh ủy <script>alert(1)</script> \\\"q\\\" & 'a' họp.\"},"
    "\"nodes\":[{\"id\":\"o1\",\"type\":\"organization\",\"label\":\"Tỉnh ủy <script>alert(1)</script> \\\"q\\\" & 'a'\","
    "\"key\":\"tỉnh ủy <script>\",\"attrs\":{\"note\":\"<img src=x onerror=alert(2)>\"},"
    "\"evidence\":{\"start\":0,\"end\":40,\"rule\":\"test\"}}],\"edges\":[]}\n";

typedef struct {
  char *dir;            /* temporary directory */
  char *db;             /* the database */
  GMainContext *ctx;    /* the server thread's context */
  GMainLoop *loop;      /* runs it */
  GThread *thread;      /* the server thread */
  DgServer *server;     /* set by the thread */
  GError *error;        /* of dg_server_new */
  guint max_connections;
  guint idle_timeout;
  GMutex lock;
  GCond ready_cond;
  gboolean ready;
  guint port;
  SoupSession *session; /* the client */
} Fixture;

static void
make_db (Fixture *f)
{
  f->dir = dg_test_tmpdir ();
  f->db = g_build_filename (f->dir, "g.db", NULL);
  g_autofree char *jsonl = g_build_filename (f->dir, "hostile.jsonl", NULL);
  g_assert_true (g_file_set_contents (jsonl, hostile_jsonl, -1, NULL));
  g_autofree char *examples = g_build_filename (DG_SOURCE_DIR, "examples", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgStore) store = dg_store_open (f->db, &error);
  g_assert_no_error (error);
  const char *paths[] = { examples, jsonl, NULL };
  DgImportStats stats = { 0 };
  g_assert_true (dg_import_run (store, paths, NULL, 1, NULL, NULL, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, >=, 9);
}

static gpointer
serve_thread (gpointer data)
{
  Fixture *f = data;
  g_main_context_push_thread_default (f->ctx);
  DgServerOptions options = { 0 };
  options.db_path = f->db;
  options.max_connections = f->max_connections;
  options.idle_timeout = f->idle_timeout;
  f->server = dg_server_new (&options, &f->error);
  g_mutex_lock (&f->lock);
  f->port = f->server ? dg_server_port (f->server) : 0;
  f->ready = TRUE;
  g_cond_signal (&f->ready_cond);
  g_mutex_unlock (&f->lock);
  if (f->server)
    g_main_loop_run (f->loop);
  g_clear_pointer (&f->server, dg_server_free);
  g_main_context_pop_thread_default (f->ctx);
  return NULL;
}

static Fixture *
start (guint max_connections, guint idle_timeout)
{
  Fixture *f = g_new0 (Fixture, 1);
  make_db (f);
  f->max_connections = max_connections;
  f->idle_timeout = idle_timeout;
  f->ctx = g_main_context_new ();
  f->loop = g_main_loop_new (f->ctx, FALSE);
  g_mutex_init (&f->lock);
  g_cond_init (&f->ready_cond);
  f->thread = g_thread_new ("serve", serve_thread, f);
  g_mutex_lock (&f->lock);
  while (!f->ready)
    g_cond_wait (&f->ready_cond, &f->lock);
  g_mutex_unlock (&f->lock);
  g_assert_no_error (f->error);
  f->session = soup_session_new_with_options ("timeout", 20, NULL);
  return f;
}

static gboolean
quit (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
stop (Fixture *f)
{
  g_object_unref (f->session);
  g_main_context_invoke (f->ctx, quit, f->loop);
  g_thread_join (f->thread);
  g_main_loop_unref (f->loop);
  g_main_context_unref (f->ctx);
  g_mutex_clear (&f->lock);
  g_cond_clear (&f->ready_cond);
  g_free (f->db);
  g_free (f->dir);
  g_free (f);
}

/* GETs path; returns the body, *status the HTTP status. (transfer full) */
static char *
get (Fixture *f, const char *path, guint *status)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", f->port, path);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_assert_nonnull (msg);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  return g_strndup (data ? data : "", len);
}

/* Sends raw bytes on a new connection and reads until the server closes
 * it or timeout seconds pass. (transfer full) */
static char *
raw (Fixture *f, const char *bytes, gsize len, guint timeout)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_socket_client_set_timeout (client, timeout);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketConnection) c
    = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) f->port, NULL, &error);
  g_assert_no_error (error);
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (c));
  /* The server may close before reading everything: that is an answer. */
  g_output_stream_write_all (out, bytes, len, NULL, NULL, NULL);
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (c));
  GString *got = g_string_new (NULL);
  char buf[4096];
  gssize n;
  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (got, buf, n);
  return g_string_free (got, FALSE);
}

static void
assert_serving (Fixture *f)
{
  guint status;
  g_autofree char *body = get (f, "/?q=nghe+an", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body, "Tỉnh ủy Nghệ An"));
}

static gint64
node_id (Fixture *f, const char *ref)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DgStore) store = dg_store_open_readonly (f->db, &error);
  g_assert_no_error (error);
  gint64 id = dg_store_resolve_ref (store, ref, -1, &error);
  g_assert_no_error (error);
  return id;
}

/* ------------------------------------------------------------ pages */

static void
test_search (void)
{
  Fixture *f = start (0, 0);
  guint status;
  g_autofree char *home = get (f, "/", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (home, "<input type=\"search\" name=\"q\""));
  /* Folded: no diacritics, and đ is d. */
  g_autofree char *body = get (f, "/?q=tinh+uy", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body, "Tỉnh ủy Nghệ An</a>"));
  g_assert_nonnull (strstr (body, "value=\"tinh uy\""));
  g_autofree char *d = get (f, "/?q=dang", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (d, "Đảng"));
  g_autofree char *none = get (f, "/?q=zzqqxx", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (none, "Nothing found."));
  stop (f);
}

static void
test_node_page (void)
{
  Fixture *f = start (0, 0);
  gint64 id = node_id (f, "14-KL/TW");
  gint64 plan = node_id (f, "58-KH/TU");
  g_autofree char *path = g_strdup_printf ("/node/%" G_GINT64_FORMAT, id);
  guint status;
  g_autofree char *body = get (f, path, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body, "<h1 id=\"label\">Kết luận số 14-KL/TW</h1>"));
  g_assert_nonnull (strstr (body, "<table id=\"attributes\">"));
  g_assert_nonnull (strstr (body, "<td>code</td><td>14-KL/TW</td>"));
  /* Edges grouped by type, with direction, the other node a link, and the
   * sentence and article that support it. */
  g_assert_nonnull (strstr (body, "issued-by → (1)"));
  g_assert_nonnull (strstr (body, "← implements ("));
  g_autofree char *plan_link = g_strdup_printf ("<a class=\"node\" href=\"/node/%" G_GINT64_FORMAT
                                                "\">Kế hoạch số 58-KH/TU</a>", plan);
  g_assert_nonnull (strstr (body, plan_link));
  g_assert_nonnull (strstr (body, "<blockquote>“Thực hiện Kết luận số 14-KL/TW"));
  g_assert_nonnull (strstr (body, "examples/02-ke-hoach-tinh.txt @"));
  /* Both drawings, inline. */
  g_assert_nonnull (strstr (body, "<div class=\"drawing\" id=\"implements\"><svg"));
  g_assert_nonnull (strstr (body, "<div class=\"drawing\" id=\"ego\"><svg"));
  stop (f);
}

/* Every node of every drawing is a link to its page. */
static void
test_svg_links (void)
{
  Fixture *f = start (0, 0);
  gint64 id = node_id (f, "Tỉnh ủy Nghệ An");
  g_autofree char *path = g_strdup_printf ("/node/%" G_GINT64_FORMAT "?depth=2", id);
  guint status;
  g_autofree char *body = get (f, path, &status);
  g_assert_cmpuint (status, ==, 200);
  g_autoptr (GRegex) anchor = g_regex_new ("<g id=\"a_n([0-9]+)\"><a ([^>]*)>", 0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  guint n = 0;
  g_regex_match (anchor, body, 0, &mi);
  while (g_match_info_matches (mi))
    {
      g_autofree char *nid = g_match_info_fetch (mi, 1);
      g_autofree char *attrs = g_match_info_fetch (mi, 2);
      g_autofree char *want = g_strdup_printf ("href=\"/node/%s\"", nid);
      g_assert_nonnull (strstr (attrs, want));
      n++;
      g_match_info_next (mi, NULL);
    }
  g_assert_cmpuint (n, >, 3);
  stop (f);
}

static void
test_not_found (void)
{
  Fixture *f = start (0, 0);
  static const char *const paths[] = {
    "/node/999999", "/node/0", "/node/abc", "/node/-1", "/node/", "/node/1e3",
    "/node/12345678901234567890", "/nothing", "/node/1/x",
  };
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      guint status;
      g_autofree char *body = get (f, paths[i], &status);
      g_assert_cmpuint (status, ==, 404);
      g_assert_nonnull (strstr (body, "<p class=\"error\">"));
    }
  static const char *const api[] = { "/api/node/999999", "/api/node/x", "/api/implements/0",
                                     "/api/nothing" };
  for (guint i = 0; i < G_N_ELEMENTS (api); i++)
    {
      guint status;
      g_autofree char *body = get (f, api[i], &status);
      g_assert_cmpuint (status, ==, 404);
      g_autoptr (JsonParser) p = json_parser_new ();
      g_assert_true (json_parser_load_from_data (p, body, -1, NULL));
      g_assert_nonnull (json_object_get_string_member (json_node_get_object (json_parser_get_root (p)), "error"));
    }
  assert_serving (f);
  stop (f);
}

static JsonNode *
get_json (Fixture *f, const char *path, guint want_status)
{
  guint status;
  g_autofree char *body = get (f, path, &status);
  g_assert_cmpuint (status, ==, want_status);
  g_autoptr (JsonParser) p = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_assert_true (json_parser_load_from_data (p, body, -1, &error));
  return json_node_copy (json_parser_get_root (p));
}

static void
test_api (void)
{
  Fixture *f = start (0, 0);
  gint64 id = node_id (f, "14-KL/TW");
  g_autofree char *node_path = g_strdup_printf ("/api/node/%" G_GINT64_FORMAT, id);
  g_autoptr (JsonNode) node = get_json (f, node_path, 200);
  g_autofree char *node_text = json_to_string (node, FALSE);
  g_assert_nonnull (strstr (node_text, "\"Kết luận số 14-KL/TW\""));
  g_assert_nonnull (strstr (node_text, "implements"));

  g_autoptr (JsonNode) hits = get_json (f, "/api/search?q=tinh+uy+nghe+an", 200);
  g_autofree char *hits_text = json_to_string (hits, FALSE);
  g_assert_nonnull (strstr (hits_text, "\"Tỉnh ủy Nghệ An\""));
  g_autoptr (JsonNode) typed = get_json (f, "/api/search?q=nghe+an&type=document", 200);
  g_autofree char *typed_text = json_to_string (typed, FALSE);
  g_assert_null (strstr (typed_text, "\"organization\""));
  g_autoptr (JsonNode) bad_type = get_json (f, "/api/search?q=a&type=planet", 400);
  g_autoptr (JsonNode) no_q = get_json (f, "/api/search", 400);

  g_autofree char *impl_path = g_strdup_printf ("/api/implements/%" G_GINT64_FORMAT, id);
  g_autoptr (JsonNode) impl = get_json (f, impl_path, 200);
  g_autofree char *impl_text = json_to_string (impl, FALSE);
  g_assert_nonnull (strstr (impl_text, "58-KH/TU"));
  g_assert_nonnull (strstr (impl_text, "112-KH/HU"));
  stop (f);
}

/* Names, attributes and sources that are markup come out as text. */
static void
test_escape (void)
{
  Fixture *f = start (0, 0);
  gint64 id = node_id (f, "tỉnh ủy <script>");
  g_autofree char *path = g_strdup_printf ("/node/%" G_GINT64_FORMAT, id);
  guint status;
  g_autofree char *body = get (f, path, &status);
  g_assert_cmpuint (status, ==, 200);
  g_autofree char *search = get (f, "/?q=%3Cscript%3E+alert", &status);
  g_assert_cmpuint (status, ==, 200);
  const char *pages[] = { body, search };
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_null (strstr (pages[i], "<script"));
      g_assert_null (strstr (pages[i], "<img src=x"));
      g_assert_null (strstr (pages[i], "<x>"));
    }
  g_assert_nonnull (strstr (body, "Tỉnh ủy &lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &amp; &apos;a&apos;"));
  g_assert_nonnull (strstr (search, "&lt;script&gt;"));
  stop (f);
}

/* ------------------------------------------------------------ bad input */

static void
test_read_only (void)
{
  Fixture *f = start (0, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (DgStore) store = dg_store_open_readonly (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dg_store_add_alias (store, node_id (f, "14-KL/TW"), "Kết luận mười bốn", &error),
                   ==, FALSE);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_autofree char *missing = g_build_filename (f->dir, "none.db", NULL);
  g_assert_null (dg_store_open_readonly (missing, &error));
  g_assert_nonnull (strstr (error->message, "no database there"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  stop (f);
}

static void
test_huge_target (void)
{
  Fixture *f = start (0, 0);
  /* Over 4 KB: 414, with a page. */
  GString *path = g_string_new ("/node/");
  while (path->len < 10000)
    g_string_append_c (path, '9');
  guint status;
  g_autofree char *body = get (f, path->str, &status);
  g_assert_cmpuint (status, ==, 414);
  g_assert_nonnull (strstr (body, "longer than 4096 bytes"));
  /* A long query: 400. */
  GString *q = g_string_new ("/?q=");
  while (q->len < 3000)
    g_string_append (q, "tinh+uy+");
  g_autofree char *qbody = get (f, q->str, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_nonnull (strstr (qbody, "more than 256 bytes"));
  /* Megabytes of request line or headers: libsoup drops the connection
   * past its own limit on headers (64 KB); the server goes on. */
  GString *big = g_string_new ("GET /?q=");
  while (big->len < 2 * 1024 * 1024)
    g_string_append (big, "aaaaaaaaaaaaaaaa");
  g_string_append (big, " HTTP/1.1\r\nHost: x\r\n\r\n");
  g_autofree char *dropped = raw (f, big->str, big->len, 10);
  g_assert_null (strstr (dropped, "200 OK"));
  GString *header = g_string_new ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: ");
  while (header->len < 2 * 1024 * 1024)
    g_string_append (header, "bbbbbbbbbbbbbbbb");
  g_string_append (header, "\r\n\r\n");
  g_autofree char *dropped2 = raw (f, header->str, header->len, 10);
  g_assert_null (strstr (dropped2, "200 OK"));
  g_string_free (path, TRUE);
  g_string_free (q, TRUE);
  g_string_free (big, TRUE);
  g_string_free (header, TRUE);
  assert_serving (f);
  stop (f);
}

static void
test_body (void)
{
  Fixture *f = start (0, 0);
  /* A body is never read: 413 at once, however much is announced. */
  static const char post[] = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\nabc";
  gint64 t0 = g_get_monotonic_time ();
  g_autofree char *a = raw (f, post, sizeof post - 1, 10);
  g_assert_true (g_str_has_prefix (a, "HTTP/1.1 413 "));
  g_assert_true (g_str_has_suffix (a, "\r\n\r\ndocgraph serve is read-only: no request body.\n"));
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);
  static const char chunked[]
    = "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabc";
  g_autofree char *b = raw (f, chunked, sizeof chunked - 1, 10);
  g_assert_true (g_str_has_prefix (b, "HTTP/1.1 413 "));
  static const char del[] = "DELETE /node/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  g_autofree char *c = raw (f, del, sizeof del - 1, 10);
  g_assert_true (g_str_has_prefix (c, "HTTP/1.1 405 "));
  assert_serving (f);
  stop (f);
}

/* libsoup 3.2 warns (from GObject) when a request says Content-Length:
 * -5; a warning, not a failure of ours. */
static gboolean
tolerate_soup_warning (const char *domain, GLogLevelFlags level, const char *message,
                       gpointer data)
{
  return !(g_strcmp0 (domain, "GLib-GObject") == 0 && strstr (message, "content-length"));
}

static void
test_garbage (void)
{
  g_test_log_set_fatal_handler (tolerate_soup_warning, NULL);
  Fixture *f = start (0, 0);
  static const char *const inputs[] = {
    "garbage\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "\r\n\r\n\r\n",
    "GET /%zz%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "GET /node/1 HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
    "GET http://other.example/ HTTP/1.1\r\nConnection: close\r\n\r\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *got = raw (f, inputs[i], strlen (inputs[i]), 5);
      g_test_message ("%s → %.40s", inputs[i], got);
      g_assert_null (strstr (got, "<script"));
    }
  static const char nul[] = "GET /\0\0\0 HTTP/1.1\r\n\r\n";
  g_autofree char *got = raw (f, nul, sizeof nul - 1, 5);
  static const char encoded_nul[] = "GET /node/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  g_autofree char *got2 = raw (f, encoded_nul, sizeof encoded_nul - 1, 5);
  g_assert_true (g_str_has_prefix (got2, "HTTP/1.1 400 ") || g_str_has_prefix (got2, "HTTP/1.1 404 "));
  assert_serving (f);
  stop (f);
}

/* Connections over the bound are answered 503 at once; when they go, the
 * server serves again. */
static void
test_many_connections (void)
{
  Fixture *f = start (8, 30);
  GPtrArray *held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr (GError) error = NULL;
      GSocketConnection *c
        = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) f->port, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (held, c);
    }
  static const char req[] = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  g_autofree char *busy = raw (f, req, sizeof req - 1, 10);
  g_assert_true (g_str_has_prefix (busy, "HTTP/1.1 503 "));
  g_assert_true (g_str_has_suffix (busy, "\r\n\r\ndocgraph serve: too many connections, try again.\n"));
  g_ptr_array_unref (held);
  g_assert_cmpuint (dg_server_n_refused (f->server), >=, 32);
  /* The closed connections leave their slots as the server notices. */
  for (guint tries = 0; tries < 100; tries++)
    {
      g_autofree char *again = raw (f, req, sizeof req - 1, 10);
      if (g_str_has_prefix (again, "HTTP/1.1 200 "))
        break;
      g_assert_cmpuint (tries, <, 99);
      g_usleep (50000);
    }
  assert_serving (f);
  stop (f);
}

typedef struct {
  Fixture *f;
  guint ok, busy, other;
  GMutex lock;
} Flood;

static void
flood_one (gpointer data, gpointer user_data)
{
  Flood *fl = user_data;
  /* The home page: what is measured is the bound, not the queries. */
  static const char req[] = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  g_autofree char *got = raw (fl->f, req, sizeof req - 1, 30);
  g_mutex_lock (&fl->lock);
  if (g_str_has_prefix (got, "HTTP/1.1 200 ") && strstr (got, "</html>"))
    fl->ok++;
  else if (g_str_has_prefix (got, "HTTP/1.1 503 "))
    fl->busy++;
  else
    fl->other++;
  g_mutex_unlock (&fl->lock);
}

/* 200 requests from 32 threads at once against a bound of 16: every one
 * gets a whole answer, 200 or 503, and memory stays small. */
static void
test_flood (void)
{
  Fixture *f = start (16, 10);
  Flood fl = { f, 0, 0, 0 };
  g_mutex_init (&fl.lock);
  GThreadPool *pool = g_thread_pool_new (flood_one, &fl, 32, FALSE, NULL);
  for (guint i = 0; i < 200; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  g_test_message ("%u ok, %u busy, %u other", fl.ok, fl.busy, fl.other);
  g_assert_cmpuint (fl.other, ==, 0);
  g_assert_cmpuint (fl.ok + fl.busy, ==, 200);
  g_assert_cmpuint (fl.ok, >, 0);
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  g_test_message ("peak memory %ld MiB", ru.ru_maxrss / 1024);
  g_assert_cmpint (ru.ru_maxrss / 1024, <, 1024);
  g_mutex_clear (&fl.lock);
  assert_serving (f);
  stop (f);
}

/* A client that says nothing is dropped after the idle timeout. */
static void
test_idle (void)
{
  Fixture *f = start (0, 1);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketConnection) c
    = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) f->port, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (g_socket_connection_get_socket (c), 10);
  gint64 t0 = g_get_monotonic_time ();
  char buf[64];
  gssize n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (c)), buf, sizeof buf,
                                  NULL, NULL);
  g_assert_cmpint (n, <=, 0);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 8 * G_USEC_PER_SEC);
  assert_serving (f);
  stop (f);
}

/* Only loopback by default: 127.0.0.2 reaches this machine, but not a
 * socket bound to 127.0.0.1. */
static void
test_loopback (void)
{
  Fixture *f = start (0, 0);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketConnection) c
    = g_socket_client_connect_to_host (client, "127.0.0.2", (guint16) f->port, NULL, &error);
  g_assert_null (c);
  g_assert_nonnull (error);
  DgServerOptions bad = { 0 };
  bad.db_path = f->db;
  bad.address = "everywhere";
  g_clear_error (&error);
  g_assert_null (dg_server_new (&bad, &error));
  g_assert_nonnull (strstr (error->message, "not an IP address"));
  stop (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server/search/folded", test_search);
  g_test_add_func ("/server/node/page", test_node_page);
  g_test_add_func ("/server/node/svg-links", test_svg_links);
  g_test_add_func ("/server/not-found", test_not_found);
  g_test_add_func ("/server/api", test_api);
  g_test_add_func ("/server/escape", test_escape);
  g_test_add_func ("/server/read-only", test_read_only);
  g_test_add_func ("/server/bad/huge-target", test_huge_target);
  g_test_add_func ("/server/bad/body", test_body);
  g_test_add_func ("/server/bad/garbage", test_garbage);
  g_test_add_func ("/server/bad/many-connections", test_many_connections);
  g_test_add_func ("/server/bad/flood", test_flood);
  g_test_add_func ("/server/bad/idle", test_idle);
  g_test_add_func ("/server/loopback", test_loopback);
  return g_test_run ();
}
