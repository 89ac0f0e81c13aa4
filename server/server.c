/* server.c: `docgraph serve`: the store as web pages and JSON, on libsoup 3.
 *
 * One thread serves everything from one read-only connection (the store's
 * prepared statements are not shared across threads), so requests are
 * answered one after the other; what keeps a flood from taking the machine
 * is the bound on open connections (one more is answered 503 and closed),
 * the idle timeout on each, and the limits on what a request may carry:
 * GET and HEAD only, no body, a target of at most DG_SERVER_MAX_TARGET
 * bytes, a query of at most DG_SERVER_MAX_QUERY. */
#include "server/docgraph-server.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>

/* Views over this many nodes are not drawn in a page: the layout would
 * take seconds and the drawing be unreadable. */
#define SERVE_MAX_DRAWN 150
/* Supporting sentences shown per edge. */
#define SERVE_EVIDENCE 3
/* Results of a search page. */
#define SERVE_SEARCH_LIMIT 50

struct _DgServer {
  DgStore *store;           /* read-only connection */
  SoupServer *soup;         /* handles the HTTP of accepted connections */
  GSocketService *service;  /* accepts connections, bounded */
  GPtrArray *connections;   /* GSocketConnection handed to soup, weakly held */
  guint port;               /* port listened on */
  guint max_connections;    /* bound on connections */
  guint idle_timeout;       /* seconds */
  guint64 n_requests;       /* requests answered */
  guint64 n_refused;        /* connections refused as over the bound */
};

/* ----------------------------------------------------------- connections */

static void
connection_gone (gpointer data, GObject *where_the_object_was)
{
  DgServer *server = data;
  g_ptr_array_remove_fast (server->connections, where_the_object_was);
}

static gboolean
on_incoming (GSocketService *service, GSocketConnection *connection, GObject *source,
             gpointer data)
{
  DgServer *server = data;
  GSocket *socket = g_socket_connection_get_socket (connection);
  if (server->connections->len >= server->max_connections)
    {
      static const char busy[]
        = "HTTP/1.1 503 Service Unavailable\r\n"
          "Content-Type: text/plain; charset=utf-8\r\n"
          "Content-Length: 49\r\n"
          "Retry-After: 1\r\n"
          "Connection: close\r\n\r\n"
          "docgraph serve: too many connections, try again.\n";
      server->n_refused++;
      g_socket_set_blocking (socket, FALSE);
      g_socket_send (socket, busy, sizeof busy - 1, NULL, NULL);
      g_socket_shutdown (socket, FALSE, TRUE, NULL);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }
  /* A client that stops talking is dropped, so that a few silent ones
   * cannot hold every slot for ever. */
  g_socket_set_timeout (socket, server->idle_timeout);
  g_autoptr (GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr (GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autoptr (GError) error = NULL;
  g_ptr_array_add (server->connections, connection);
  g_object_weak_ref (G_OBJECT (connection), connection_gone, server);
  if (!soup_server_accept_iostream (server->soup, G_IO_STREAM (connection), local, remote,
                                    &error))
    g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

/* ----------------------------------------------------------- responses */

static void
esc (GString *out, const char *text)
{
  if (text == NULL)
    return;
  g_autofree char *e = g_markup_escape_text (text, -1);
  g_string_append (out, e);
}

/* Appends a link to a node page. */
static void
node_link (GString *out, gint64 id, const char *label)
{
  g_string_append_printf (out, "<a class=\"node\" href=\"/node/%" G_GINT64_FORMAT "\">", id);
  esc (out, label && *label ? label : "(no name)");
  g_string_append (out, "</a>");
}

static void
respond (SoupServerMessage *msg, guint status, const char *type, GString *body)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (h, "Cache-Control", "no-store");
  soup_message_headers_replace (h, "X-Content-Type-Options", "nosniff");
  /* Nothing but this page's own markup and style: no script, no frame. */
  soup_message_headers_replace (h, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; "
                                "img-src 'self' data:; form-action 'self'; "
                                "frame-ancestors 'none'");
  soup_server_message_set_status (msg, status, NULL);
  gsize len = body->len;
  soup_server_message_set_response (msg, type, SOUP_MEMORY_TAKE, g_string_free (body, FALSE),
                                    len);
}

static const char style[]
  = "body{font:15px/1.45 'DejaVu Sans',system-ui,sans-serif;margin:0;color:#1e293b;background:#f8fafc}"
    "header{background:#1e3a8a;padding:.6em 1.2em;display:flex;gap:1.2em;align-items:center}"
    "header a.home{color:#fff;font-weight:bold;text-decoration:none;font-size:1.15em}"
    "header form{display:flex;gap:.4em;flex:1;max-width:40em}"
    "header input{flex:1;padding:.35em .5em;font-size:1em;border:0;border-radius:3px}"
    "header button{padding:.35em .9em;font-size:1em;border:0;border-radius:3px;background:#fbbf24}"
    "main{padding:1em 1.5em;max-width:70em}"
    "h1{font-size:1.4em;margin:.3em 0}h2{font-size:1.15em;margin-top:1.4em;border-bottom:1px solid #cbd5e1}"
    "h3{font-size:1em;margin:1em 0 .3em}"
    ".meta{color:#64748b;font-size:.9em}"
    "table{border-collapse:collapse}td,th{padding:.2em .7em;border-bottom:1px solid #e2e8f0;text-align:left;vertical-align:top}"
    ".type{font-size:.8em;padding:0 .4em;border-radius:3px;background:#e2e8f0}"
    ".type.document{background:#fef9c3}.type.organization{background:#dbeafe}"
    ".type.official{background:#ffedd5}.type.event{background:#dcfce7}"
    "blockquote{margin:.2em 0 .5em 1.2em;padding-left:.6em;border-left:3px solid #cbd5e1;color:#334155}"
    "cite{display:block;font-size:.85em;color:#64748b;font-style:normal}"
    ".drawing{overflow:auto;background:#fff;border:1px solid #e2e8f0;max-height:48em}"
    ".drawing svg{max-width:100%;height:auto}"
    "ul.edges{list-style:none;padding-left:.5em}ul.edges>li{margin:.4em 0}"
    ".error{background:#fee2e2;padding:.6em 1em;border-radius:3px}"
    "td.date{white-space:nowrap}"
    "footer{color:#94a3b8;font-size:.8em;padding:1em 1.5em}";

static GString *
page_begin (const char *title, const char *query)
{
  GString *out = g_string_new ("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                               "<meta name=\"viewport\" content=\"width=device-width\">"
                               "<link rel=\"icon\" href=\"data:,\"><title>");
  esc (out, title);
  g_string_append_printf (out, " · docgraph</title><style>%s</style></head><body>", style);
  g_string_append (out, "<header><a class=\"home\" href=\"/\">docgraph</a>"
                        "<form action=\"/\" method=\"get\" role=\"search\">"
                        "<input type=\"search\" name=\"q\" aria-label=\"Search\" "
                        "placeholder=\"tinh uy lang son, 14-KL/TW, Phan Đình Trạc…\" value=\"");
  esc (out, query);
  g_string_append (out, "\"><button type=\"submit\">Search</button></form></header><main>");
  return out;
}

static void
page_end (GString *out)
{
  g_string_append (out, "</main><footer>docgraph " DOCGRAPH_VERSION
                        " · read-only · JSON: /api/node/ID, /api/search?q=, "
                        "/api/implements/ID</footer></body></html>\n");
}

static void
error_page (SoupServerMessage *msg, guint status, const char *title, const char *message)
{
  GString *out = page_begin (title, NULL);
  g_string_append (out, "<h1>");
  esc (out, title);
  g_string_append (out, "</h1><p class=\"error\">");
  esc (out, message);
  g_string_append (out, "</p><p><a href=\"/\">Search</a></p>");
  page_end (out);
  respond (msg, status, "text/html; charset=utf-8", out);
}

static void
json_respond (SoupServerMessage *msg, guint status, JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  gsize len;
  char *text = json_generator_to_data (gen, &len);
  GString *out = g_string_new_len (text, (gssize) len);
  g_free (text);
  g_string_append_c (out, '\n');
  respond (msg, status, "application/json; charset=utf-8", out);
}

static void
json_error (SoupServerMessage *msg, guint status, const char *message)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, status);
  json_builder_end_object (b);
  g_autoptr (JsonNode) node = json_builder_get_root (b);
  json_respond (msg, status, node);
}

/* The HTTP status for a store error. */
static guint
status_for (const GError *error)
{
  if (g_error_matches (error, DG_STORE_ERROR, DG_STORE_ERROR_NOT_FOUND))
    return SOUP_STATUS_NOT_FOUND;
  if (error->domain == DG_STORE_ERROR
      && (error->code == DG_STORE_ERROR_INVALID || error->code == DG_STORE_ERROR_AMBIGUOUS))
    return SOUP_STATUS_BAD_REQUEST;
  if (error->domain == DG_EXPORT_ERROR && error->code == DG_EXPORT_ERROR_USAGE)
    return SOUP_STATUS_BAD_REQUEST;
  return SOUP_STATUS_INTERNAL_SERVER_ERROR;
}

/* "/node/123" after the prefix: the id, or 0 when it is not one. */
static gint64
parse_id (const char *text)
{
  gsize n = strlen (text);
  if (n == 0 || n > 15)
    return 0;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return 0;
  return g_ascii_strtoll (text, NULL, 10);
}

static const char *
query_value (GHashTable *query, const char *name)
{
  return query ? g_hash_table_lookup (query, name) : NULL;
}

/* ----------------------------------------------------------- drawings */

/* The SVG of a view rooted at id, for a page: the XML prolog dropped and
 * every node made a link to its page. (transfer full) */
static char *
render_svg (DgServer *server, const char *view, gint64 id, int depth, GError **error)
{
  g_autofree char *root = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  DgExportOptions options = { 0 };
  options.view = view;
  options.root = root;
  options.format = "svg";
  options.depth = depth;
  options.has_depth = depth > 0;
  options.max_nodes = SERVE_MAX_DRAWN;
  options.no_source_links = TRUE; /* nodes link to their pages, below */
  g_autoptr (DgGraph) graph = dg_export_view (server->store, &options, error);
  if (graph == NULL)
    return NULL;
  guint n = dg_graph_n_nodes (graph);
  if (n > SERVE_MAX_DRAWN)
    {
      g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_TOO_BIG,
                   "%u nodes, too many to draw in a page (at most %u); "
                   "docgraph export --view %s --root %s draws it", n, SERVE_MAX_DRAWN, view,
                   root);
      return NULL;
    }
  g_autoptr (GPtrArray) parts = dg_export_render (server->store, &options, error);
  if (parts == NULL)
    return NULL;
  DgExportPart *part = parts->pdata[0];
  gsize len;
  const char *data = g_bytes_get_data (part->bytes, &len);
  g_autofree char *svg = g_strndup (data, len);
  const char *start = strstr (svg, "<svg");
  if (start == NULL)
    {
      g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_RENDER, "no SVG came out");
      return NULL;
    }
  static gsize once;
  static GRegex *node_anchor;
  if (g_once_init_enter (&once))
    {
      /* Graphviz writes each node as <g id="nID" …><g id="a_nID"><a
       * xlink:title="…">: the anchor gets the link. */
      node_anchor = g_regex_new ("<g id=\"a_n([0-9]+)\"><a ", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
  return g_regex_replace (node_anchor, start, -1, 0,
                          "<g id=\"a_n\\1\"><a href=\"/node/\\1\" xlink:href=\"/node/\\1\" ", 0,
                          error);
}

static void
drawing (GString *out, DgServer *server, const char *title, const char *view, gint64 id,
         int depth)
{
  g_string_append (out, "<h2>");
  esc (out, title);
  g_string_append (out, "</h2>");
  g_autoptr (GError) error = NULL;
  g_autofree char *svg = render_svg (server, view, id, depth, &error);
  if (svg == NULL)
    {
      g_string_append (out, "<p class=\"error\">");
      esc (out, error->message);
      g_string_append (out, "</p>");
      return;
    }
  g_string_append_printf (out, "<div class=\"drawing\" id=\"%s\">%s</div>", view, svg);
}

/* ----------------------------------------------------------- pages */

static void
type_badge (GString *out, DgNodeType type)
{
  const char *name = dg_node_type_name (type);
  g_string_append_printf (out, " <span class=\"type %s\">%s</span>", name, name);
}

/* An article's source: a link when it is a web address. */
static void
source_cite (GString *out, const char *source, const char *date, guint offset)
{
  g_string_append (out, "<cite>— ");
  if (source && (g_str_has_prefix (source, "http://") || g_str_has_prefix (source, "https://")))
    {
      g_string_append (out, "<a rel=\"noreferrer\" href=\"");
      esc (out, source);
      g_string_append (out, "\">");
      esc (out, source);
      g_string_append (out, "</a>");
    }
  else
    esc (out, source);
  g_string_append_printf (out, " @%u", offset);
  if (date)
    {
      g_string_append (out, ", ");
      esc (out, date);
    }
  g_string_append (out, "</cite>");
}

static void
search_page (DgServer *server, SoupServerMessage *msg, GHashTable *query)
{
  const char *q = query_value (query, "q");
  if (q && strlen (q) > DG_SERVER_MAX_QUERY)
    {
      error_page (msg, SOUP_STATUS_BAD_REQUEST, "Query too long",
                  "A search of more than 256 bytes is refused; search for fewer words.");
      return;
    }
  g_autofree char *squeezed = q ? dg_text_squeeze (q, -1) : NULL;
  GString *out = page_begin (squeezed && *squeezed ? squeezed : "Search", squeezed);
  if (squeezed == NULL || *squeezed == '\0')
    {
      g_string_append (out, "<h1>Search the graph</h1><p>Names of organizations, officials, "
                            "documents and events, and the text of the articles. Diacritics "
                            "are optional and đ is d: <a href=\"/?q=tinh+uy\">tinh uy</a>, "
                            "<a href=\"/?q=ke+hoach\">ke hoach</a>.</p>");
      page_end (out);
      respond (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", out);
      return;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits
    = dg_store_search (server->store, squeezed, -1, SERVE_SEARCH_LIMIT, &error);
  if (hits == NULL)
    {
      g_string_free (out, TRUE);
      error_page (msg, status_for (error), "Search failed", error->message);
      return;
    }
  guint nodes = 0, articles = 0;
  for (guint i = 0; i < hits->len; i++)
    ((DgSearchHit *) hits->pdata[i])->kind == DG_HIT_NODE ? nodes++ : articles++;
  g_string_append (out, "<h1>“");
  esc (out, squeezed);
  g_string_append_printf (out, "”</h1><p class=\"meta\" id=\"counts\">%u nodes, %u articles</p>",
                          nodes, articles);
  if (nodes)
    {
      g_string_append (out, "<h2>Nodes</h2><table id=\"nodes\"><tr><th>ID</th><th>Kind</th>"
                            "<th>Name</th><th>By</th><th>Date</th></tr>");
      for (guint i = 0; i < hits->len; i++)
        {
          DgSearchHit *h = hits->pdata[i];
          if (h->kind != DG_HIT_NODE)
            continue;
          g_string_append_printf (out, "<tr><td>#%" G_GINT64_FORMAT "</td><td>", h->id);
          type_badge (out, h->node.type);
          g_string_append (out, "</td><td>");
          node_link (out, h->id, h->node.label);
          if (h->snippet)
            {
              g_string_append (out, " <span class=\"meta\">(");
              esc (out, h->snippet);
              g_string_append (out, ")</span>");
            }
          g_string_append (out, "</td><td>");
          esc (out, h->node.by);
          g_string_append (out, "</td><td class=\"date\">");
          esc (out, h->node.date);
          g_string_append (out, "</td></tr>");
        }
      g_string_append (out, "</table>");
    }
  if (articles)
    {
      g_string_append (out, "<h2>Articles</h2><ul id=\"articles\">");
      for (guint i = 0; i < hits->len; i++)
        {
          DgSearchHit *h = hits->pdata[i];
          if (h->kind != DG_HIT_ARTICLE)
            continue;
          g_string_append (out, "<li><b>");
          esc (out, h->title ? h->title : h->source);
          g_string_append (out, "</b>");
          if (h->snippet)
            {
              g_string_append (out, "<blockquote>");
              esc (out, h->snippet);
              g_string_append (out, "</blockquote>");
            }
          source_cite (out, h->source, h->date, 0);
          g_string_append (out, "</li>");
        }
      g_string_append (out, "</ul>");
    }
  if (hits->len == 0)
    g_string_append (out, "<p>Nothing found.</p>");
  page_end (out);
  respond (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", out);
}

static void
node_page (DgServer *server, SoupServerMessage *msg, gint64 id, GHashTable *query)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DgShow) show = id ? dg_store_show (server->store, id, SERVE_EVIDENCE, &error) : NULL;
  if (show == NULL)
    {
      guint status = error ? status_for (error) : SOUP_STATUS_NOT_FOUND;
      error_page (msg, status, status == SOUP_STATUS_NOT_FOUND ? "No such node" : "Error",
                  error ? error->message : "No node has this id.");
      return;
    }
  const char *d = query_value (query, "depth");
  int depth = d && strlen (d) == 1 && d[0] >= '1' && d[0] <= '3' ? d[0] - '0' : 1;
  const DgNodeRow *n = &show->node;
  GString *out = page_begin (n->label, NULL);
  g_string_append (out, "<h1 id=\"label\">");
  esc (out, n->label);
  g_string_append (out, "</h1><p class=\"meta\">");
  g_string_append_printf (out, "#%" G_GINT64_FORMAT, n->id);
  type_badge (out, n->type);
  g_string_append (out, " key “");
  esc (out, n->key);
  g_string_append_printf (out, "” · <a href=\"/api/node/%" G_GINT64_FORMAT "\">JSON</a></p>",
                          n->id);

  g_string_append (out, "<h2>Attributes</h2>");
  if (show->facts->len)
    {
      g_string_append (out, "<table id=\"attributes\"><tr><th>Attribute</th><th>Value</th>"
                            "<th>From</th><th>Date</th><th>Articles</th></tr>");
      for (guint i = 0; i < show->facts->len; i++)
        {
          DgFact *f = show->facts->pdata[i];
          g_string_append (out, "<tr><td>");
          esc (out, f->name);
          g_string_append (out, "</td><td>");
          esc (out, f->value);
          g_string_append (out, "</td><td>");
          esc (out, f->source);
          g_string_append (out, "</td><td class=\"date\">");
          esc (out, f->date);
          g_string_append_printf (out, "</td><td>%u</td></tr>", f->n_articles);
        }
      g_string_append (out, "</table>");
    }
  else
    {
      g_string_append (out, "<pre id=\"attributes\">");
      esc (out, show->attrs);
      g_string_append (out, "</pre>");
    }
  if (show->aliases->len)
    {
      g_string_append (out, "<h2>Aliases</h2><ul>");
      for (guint i = 0; i < show->aliases->len; i++)
        {
          DgAlias *a = show->aliases->pdata[i];
          g_string_append (out, "<li>");
          esc (out, a->name ? a->name : a->key);
          g_string_append (out, " <span class=\"meta\">");
          esc (out, a->origin);
          g_string_append (out, "</span></li>");
        }
      g_string_append (out, "</ul>");
    }

  if (n->type == DG_NODE_DOCUMENT)
    drawing (out, server, "Implements tree", "implements", n->id, 0);
  g_autofree char *ego_title = g_strdup_printf ("Ego view, depth %d", depth);
  drawing (out, server, ego_title, "ego", n->id, depth);
  g_string_append (out, "<p class=\"meta\">Depth:");
  for (int k = 1; k <= 3; k++)
    g_string_append_printf (out, " <a href=\"/node/%" G_GINT64_FORMAT "?depth=%d\">%d</a>", n->id,
                            k, k);
  g_string_append (out, "</p>");
  g_string_append_printf (out, "<h2>Edges (%u)</h2>", show->edges->len);
  int group_type = -1, group_out = -1;
  for (guint i = 0; i < show->edges->len; i++)
    {
      DgShowEdge *e = show->edges->pdata[i];
      if ((int) e->type != group_type || (int) e->outgoing != group_out)
        {
          if (group_type >= 0)
            g_string_append (out, "</ul>");
          group_type = (int) e->type;
          group_out = (int) e->outgoing;
          guint count = 0;
          for (guint j = i; j < show->edges->len; j++)
            {
              DgShowEdge *o = show->edges->pdata[j];
              if (o->type != e->type || o->outgoing != e->outgoing)
                break;
              count++;
            }
          const char *name = dg_edge_type_name (e->type);
          g_string_append_printf (out, "<h3 class=\"edge-group\">%s%s%s (%u)</h3>"
                                       "<ul class=\"edges %s\">",
                                  e->outgoing ? "" : "← ", name, e->outgoing ? " →" : "",
                                  count, name);
        }
      g_string_append (out, "<li>");
      node_link (out, e->other.id, e->other.label);
      type_badge (out, e->other.type);
      if (e->role)
        {
          g_string_append (out, " <i>");
          esc (out, e->role);
          g_string_append (out, "</i>");
        }
      if (e->other.by || e->other.date)
        {
          g_string_append (out, " <span class=\"meta\">");
          esc (out, e->other.by);
          if (e->other.by && e->other.date)
            g_string_append (out, ", ");
          esc (out, e->other.date);
          g_string_append (out, "</span>");
        }
      for (guint k = 0; k < e->evidence->len; k++)
        {
          DgEvidence *ev = e->evidence->pdata[k];
          g_string_append (out, "<blockquote>“");
          esc (out, ev->sentence);
          g_string_append (out, "”");
          source_cite (out, ev->source, ev->date, ev->start);
          g_string_append (out, "</blockquote>");
        }
      if (e->n_evidence > e->evidence->len)
        g_string_append_printf (out, "<span class=\"meta\">and %u more sentences</span>",
                                e->n_evidence - e->evidence->len);
      g_string_append (out, "</li>");
    }
  if (group_type >= 0)
    g_string_append (out, "</ul>");

  page_end (out);
  respond (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", out);
}

/* ----------------------------------------------------------- JSON */

static void
api_node (DgServer *server, SoupServerMessage *msg, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DgShow) show = id ? dg_store_show (server->store, id, SERVE_EVIDENCE, &error) : NULL;
  if (show == NULL)
    {
      json_error (msg, error ? status_for (error) : SOUP_STATUS_NOT_FOUND,
                  error ? error->message : "no node has this id");
      return;
    }
  g_autoptr (JsonNode) node = dg_show_to_json (show);
  json_respond (msg, SOUP_STATUS_OK, node);
}

static void
api_search (DgServer *server, SoupServerMessage *msg, GHashTable *query)
{
  const char *q = query_value (query, "q");
  if (q == NULL || *q == '\0')
    {
      json_error (msg, SOUP_STATUS_BAD_REQUEST, "give the words to search for: ?q=WORDS");
      return;
    }
  if (strlen (q) > DG_SERVER_MAX_QUERY)
    {
      json_error (msg, SOUP_STATUS_BAD_REQUEST, "the query is longer than 256 bytes");
      return;
    }
  int type = -1;
  const char *t = query_value (query, "type");
  if (t && *t)
    {
      DgNodeType nt;
      if (!dg_node_type_parse (t, &nt))
        {
          json_error (msg, SOUP_STATUS_BAD_REQUEST,
                      "type is organization, official, document or event");
          return;
        }
      type = (int) nt;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = dg_store_search (server->store, q, type, SERVE_SEARCH_LIMIT, &error);
  if (hits == NULL)
    {
      json_error (msg, status_for (error), error->message);
      return;
    }
  g_autoptr (JsonNode) node = dg_search_to_json (hits);
  json_respond (msg, SOUP_STATUS_OK, node);
}

static void
api_implements (DgServer *server, SoupServerMessage *msg, gint64 id, GHashTable *query)
{
  const char *r = query_value (query, "reverse");
  gboolean reverse = r && (strcmp (r, "1") == 0 || strcmp (r, "true") == 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows
    = id ? dg_store_implements (server->store, id, reverse, 0, &error) : NULL;
  if (rows == NULL)
    {
      json_error (msg, error ? status_for (error) : SOUP_STATUS_NOT_FOUND,
                  error ? error->message : "no document has this id");
      return;
    }
  g_autoptr (JsonNode) node = dg_implements_to_json (rows, reverse);
  json_respond (msg, SOUP_STATUS_OK, node);
}

/* ----------------------------------------------------------- routing */

/* Before the body is read: only GET and HEAD, without a body, with a
 * target of bounded length. */
static void
early_handler (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
               gpointer data)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *q = g_uri_get_query (uri);
  gsize target = strlen (g_uri_get_path (uri)) + (q ? strlen (q) + 1 : 0);
  if (soup_message_headers_get_content_length (h) > 0
      || soup_message_headers_get_encoding (h) == SOUP_ENCODING_CHUNKED)
    {
      /* libsoup would read the whole body into memory before any handler
       * answers: take the connection back, answer 413 and close it. */
      static const char too_large[]
        = "HTTP/1.1 413 Payload Too Large\r\n"
          "Content-Type: text/plain; charset=utf-8\r\n"
          "Content-Length: 46\r\n"
          "Connection: close\r\n\r\n"
          "docgraph serve is read-only: no request body.\n";
      g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);
      if (stream)
        {
          GOutputStream *o = g_io_stream_get_output_stream (stream);
          g_output_stream_write_all (o, too_large, sizeof too_large - 1, NULL, NULL, NULL);
          g_io_stream_close (stream, NULL, NULL);
        }
      return;
    }
  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, HEAD");
      error_page (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed",
                  "This server is read-only: GET and HEAD only.");
    }
  else if (target > DG_SERVER_MAX_TARGET)
    error_page (msg, SOUP_STATUS_REQUEST_URI_TOO_LONG, "Address too long",
                "The address of the request is longer than 4096 bytes.");
  else
    return;
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
}

static void
handler (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
         gpointer data)
{
  DgServer *server = data;
  if (soup_server_message_get_status (msg) != 0)
    return; /* answered by the early handler */
  if (strcmp (path, "/") == 0 || strcmp (path, "/search") == 0)
    search_page (server, msg, query);
  else if (g_str_has_prefix (path, "/node/"))
    node_page (server, msg, parse_id (path + strlen ("/node/")), query);
  else if (g_str_has_prefix (path, "/api/node/"))
    api_node (server, msg, parse_id (path + strlen ("/api/node/")));
  else if (strcmp (path, "/api/search") == 0)
    api_search (server, msg, query);
  else if (g_str_has_prefix (path, "/api/implements/"))
    api_implements (server, msg, parse_id (path + strlen ("/api/implements/")), query);
  else if (g_str_has_prefix (path, "/api/"))
    json_error (msg, SOUP_STATUS_NOT_FOUND, "no such API: /api/node/ID, /api/search?q=, "
                                            "/api/implements/ID");
  else
    error_page (msg, SOUP_STATUS_NOT_FOUND, "Not found", "There is no page at this address.");
}

static void
request_finished (SoupServer *soup, SoupServerMessage *msg, gpointer data)
{
  DgServer *server = data;
  server->n_requests++;
}

/* ----------------------------------------------------------- life */

DgServer *
dg_server_new (const DgServerOptions *options, GError **error)
{
  g_return_val_if_fail (options != NULL && options->db_path != NULL, NULL);
  g_autoptr (DgStore) store = dg_store_open_readonly (options->db_path, error);
  if (store == NULL)
    return NULL;
  const char *address = options->address ? options->address : "127.0.0.1";
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address (127.0.0.1 serves this machine only)", address);
      return NULL;
    }
  if (options->port > 65535)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "port %u is not a TCP port (1–65535)", options->port);
      return NULL;
    }
  DgServer *server = g_new0 (DgServer, 1);
  server->store = g_steal_pointer (&store);
  server->max_connections
    = options->max_connections ? options->max_connections : DG_SERVER_MAX_CONNECTIONS;
  server->idle_timeout = options->idle_timeout ? options->idle_timeout : 30;
  server->connections = g_ptr_array_new ();
  server->soup = soup_server_new ("server-header", "docgraph/" DOCGRAPH_VERSION, NULL);
  soup_server_add_early_handler (server->soup, NULL, early_handler, server, NULL);
  soup_server_add_handler (server->soup, NULL, handler, server, NULL);
  g_signal_connect (server->soup, "request-finished", G_CALLBACK (request_finished), server);
  server->service = g_socket_service_new ();
  g_socket_listener_set_backlog (G_SOCKET_LISTENER (server->service), 64);
  g_autoptr (GSocketAddress) sa = g_inet_socket_address_new (inet, (guint16) options->port);
  g_autoptr (GSocketAddress) bound = NULL;
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), sa,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound,
                                      error))
    {
      g_prefix_error (error, "cannot listen on %s port %u: ", address, options->port);
      dg_server_free (server);
      return NULL;
    }
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (server->service, "incoming", G_CALLBACK (on_incoming), server);
  g_socket_service_start (server->service);
  return server;
}

guint
dg_server_port (DgServer *server)
{
  return server->port;
}

guint64
dg_server_n_requests (DgServer *server)
{
  return server->n_requests;
}

guint64
dg_server_n_refused (DgServer *server)
{
  return server->n_refused;
}

void
dg_server_free (DgServer *server)
{
  if (server == NULL)
    return;
  if (server->service)
    {
      g_socket_service_stop (server->service);
      g_socket_listener_close (G_SOCKET_LISTENER (server->service));
      g_signal_handlers_disconnect_by_data (server->service, server);
      g_object_unref (server->service);
    }
  for (guint i = 0; i < server->connections->len; i++)
    g_object_weak_unref (server->connections->pdata[i], connection_gone, server);
  g_ptr_array_unref (server->connections);
  if (server->soup)
    {
      soup_server_disconnect (server->soup);
      g_object_unref (server->soup);
    }
  dg_store_free (server->store);
  g_free (server);
}
