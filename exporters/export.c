/* export.c: the table of views and formats, and the path of one export:
 * options → view (views.c) → size check → writer → files. */
#include "export-private.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_QUARK (dg-export-error-quark, dg_export_error)

static const DgExportView views[] = {
  { "organizations", "organizations (part-of) and officials (member-of, with roles), by level",
    FALSE, -1, -1, TRUE, dg_view_organizations },
  { "citations", "documents with implements, cites and the legal relations (based-on, amends, …), and their issuers, by level",
    FALSE, -1, -1, TRUE, dg_view_citations },
  { "implements", "--root DOC: what carries DOC out (recursively) and what DOC carries out",
    TRUE, DG_NODE_DOCUMENT, -1, TRUE, dg_view_implements },
  { "events", "events with organizers, attendees (roles) and the documents they were about",
    FALSE, -1, -1, FALSE, dg_view_events },
  { "ego", "--root NODE: every node within --depth edges (default 1) of NODE",
    TRUE, -1, 1, FALSE, dg_view_ego },
  { "coverage", "--root DOC: the provinces as a grid coloured by how late they carried DOC out",
    TRUE, DG_NODE_DOCUMENT, -1, FALSE, dg_view_coverage },
  { "all", "every node and edge of the store", FALSE, -1, -1, TRUE, dg_view_all },
  { NULL }
};

static const DgExportFormat formats[] = {
  { "dot", "dot", "Graphviz DOT, styled, not laid out", TRUE, FALSE, dg_export_write_dot },
  { "svg", "svg", "SVG drawn by Graphviz", TRUE, FALSE, dg_export_write_svg },
  { "png", "png", "PNG drawn by Graphviz (cairo)", TRUE, TRUE, dg_export_write_png },
  { "pdf", "pdf", "PDF drawn by Graphviz (cairo)", TRUE, TRUE, dg_export_write_pdf },
  { "json", "json", "nodes and edges as in the extract contract", FALSE, FALSE, dg_export_write_json },
  { "graphml", "graphml", "GraphML with typed keys (yEd, Gephi, NetworkX)", FALSE, FALSE,
    dg_export_write_graphml },
  { "gexf", "gexf", "GEXF 1.3 (Gephi)", FALSE, FALSE, dg_export_write_gexf },
  { "csv", "csv", "nodes and edges CSV for neo4j-admin import", FALSE, FALSE, dg_export_write_csv },
  { NULL }
};

/* The engines --layout accepts: the layouts Graphviz ships. */
static const char *const layouts[] = {
  "dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork", NULL
};

/* ---------------------------------------------------------------- tables */

const char *const *
dg_export_views (void)
{
  static const char *names[G_N_ELEMENTS (views)]; /* NULL-terminated by the last row */
  static gsize once;
  if (g_once_init_enter (&once))
    {
      for (guint i = 0; views[i].name; i++)
        names[i] = views[i].name;
      g_once_init_leave (&once, 1);
    }
  return names;
}

const char *const *
dg_export_formats (void)
{
  static const char *names[G_N_ELEMENTS (formats)];
  static gsize once;
  if (g_once_init_enter (&once))
    {
      for (guint i = 0; formats[i].name; i++)
        names[i] = formats[i].name;
      g_once_init_leave (&once, 1);
    }
  return names;
}

const char *const *
dg_export_layouts (void)
{
  return layouts;
}

static const DgExportView *
find_view (const char *name)
{
  for (guint i = 0; views[i].name; i++)
    if (strcmp (views[i].name, name) == 0)
      return &views[i];
  return NULL;
}

static const DgExportFormat *
find_format (const char *name)
{
  for (guint i = 0; formats[i].name; i++)
    if (g_ascii_strcasecmp (formats[i].name, name) == 0)
      return &formats[i];
  return NULL;
}

/* ------------------------------------------------------------------ parts */

void
dg_export_part_free (DgExportPart *part)
{
  if (part == NULL)
    return;
  g_free (part->part);
  g_bytes_unref (part->bytes);
  g_free (part);
}

void
dg_export_add_part (GPtrArray *parts, const char *name, GString *text)
{
  DgExportPart *part = g_new0 (DgExportPart, 1);
  part->part = g_strdup (name);
  part->bytes = g_string_free_to_bytes (text);
  g_ptr_array_add (parts, part);
}

/* -------------------------------------------------------------------- job */

static void
job_clear (DgExportJob *job)
{
  g_clear_pointer (&job->graph, dg_graph_free);
  g_clear_pointer (&job->note, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DgExportJob, job_clear)

static char *
join_names (const char *const *names)
{
  return g_strjoinv (", ", (char **) names);
}

/* Checks the options against the tables and finds the root. want_format:
 * the format matters (not for dg_export_view). */
static gboolean
job_init (DgExportJob *job, DgStore *store, const DgExportOptions *o, gboolean want_format,
          GError **error)
{
  static const DgExportOptions defaults = { 0 };
  if (o == NULL)
    o = &defaults;
  memset (job, 0, sizeof *job);
  job->store = store;
  const char *view = o->view ? o->view : "all";
  job->view = find_view (view);
  if (job->view == NULL)
    {
      g_autofree char *known = join_names (dg_export_views ());
      g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_FORMAT,
                   "unknown view “%s” (one of %s)", view, known);
      return FALSE;
    }
  const char *format = o->format ? o->format : "dot";
  job->format = find_format (format);
  if (want_format && job->format == NULL)
    {
      g_autofree char *known = join_names (dg_export_formats ());
      g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_FORMAT,
                   "unknown format “%s” (one of %s)", format, known);
      return FALSE;
    }
  job->layout = "dot";
  if (o->layout)
    {
      if (!g_strv_contains (layouts, o->layout))
        {
          g_autofree char *known = join_names (layouts);
          g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_FORMAT,
                       "unknown layout engine “%s” (one of %s)", o->layout, known);
          return FALSE;
        }
      job->layout = o->layout;
      job->layout_given = TRUE;
    }
  if (!job->view->rooted && o->root)
    {
      g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_USAGE,
                   "--root needs a view that starts from a node (implements, ego, coverage); "
                   "the %s view takes none", job->view->name);
      return FALSE;
    }
  if (!job->view->rooted && o->has_depth)
    {
      g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_USAGE,
                   "--depth needs a view that starts from a node (implements, ego); "
                   "the %s view takes none", job->view->name);
      return FALSE;
    }
  if (o->has_depth && o->depth < 0)
    {
      g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_USAGE,
                   "--depth must be 0 or more, not %d", o->depth);
      return FALSE;
    }
  job->depth = o->has_depth ? o->depth : job->view->default_depth;
  for (guint k = 0; k < 2; k++)
    {
      const char *bound = k ? o->until : o->since;
      if (bound && !dg_date_bound_valid (bound))
        {
          g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_USAGE,
                       "--%s wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not “%s”",
                       k ? "until" : "since", bound);
          return FALSE;
        }
    }
  job->since = o->since;
  job->until = o->until;
  if (o->dpi < 0 || o->dpi > 1200 || (o->dpi > 0 && o->dpi < 10))
    {
      g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_USAGE,
                   "--dpi is between 10 and 1200, not %g", o->dpi);
      return FALSE;
    }
  if (job->view->rooted)
    {
      const char *what = job->view->root_type == DG_NODE_DOCUMENT ? "DOC" : "NODE";
      if (o->root == NULL || *o->root == '\0')
        {
          g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_USAGE,
                       "the %s view needs --root %s (a node id, a document code such as "
                       "147-KH/TU, or a name)", job->view->name, what);
          return FALSE;
        }
      if (store == NULL)
        return TRUE;
      g_autoptr (GError) local = NULL;
      /* "n16", as GraphML, GEXF, CSV and SVG write ids, is node 16. */
      g_autofree char *ref = g_strstrip (g_strdup (o->root));
      if (ref[0] == 'n' && ref[1] && strspn (ref + 1, "0123456789") == strlen (ref + 1))
        ref[0] = '#';
      job->root_id = dg_store_resolve_ref (store, ref, job->view->root_type, &local);
      if (job->root_id == 0)
        {
          if (local->domain == DG_STORE_ERROR && (local->code == DG_STORE_ERROR_NOT_FOUND
                                                  || local->code == DG_STORE_ERROR_AMBIGUOUS
                                                  || local->code == DG_STORE_ERROR_INVALID))
            g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_USAGE, "--root: %s",
                         local->message);
          else
            g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads the job's view into job->graph and finds the root in it; with
 * sources (for diagrams, whose nodes link to their articles) every node
 * gets its "source". */
static gboolean
job_read_view (DgExportJob *job, gboolean sources, GError **error)
{
  DgViewQuery query = { job->root_id, job->depth, job->since, job->until, sources };
  g_clear_pointer (&job->graph, dg_graph_free);
  job->graph = job->view->read (job->store, &query, error);
  if (job->graph == NULL)
    return FALSE;
  /* --since/--until: documents and events by their date; the coverage view
   * took --until as its as-of date already. */
  if (strcmp (job->view->name, "coverage") != 0)
    dg_graph_keep_dated (job->graph, job->since, job->until, job->root_id);
  job->root = NULL;
  for (guint i = 0; job->root_id && i < job->graph->nodes->len; i++)
    if (((DgNode *) job->graph->nodes->pdata[i])->id == job->root_id)
      job->root = job->graph->nodes->pdata[i];
  return TRUE;
}

DgGraph *
dg_export_view (DgStore *store, const DgExportOptions *options, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  g_auto (DgExportJob) job = { 0 };
  if (!job_init (&job, store, options, FALSE, error) || !job_read_view (&job, FALSE, error))
    return NULL;
  return g_steal_pointer (&job.graph);
}

GPtrArray *
dg_export_render (DgStore *store, const DgExportOptions *options, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  g_auto (DgExportJob) job = { 0 };
  if (!job_init (&job, store, options, TRUE, error)
      || !job_read_view (&job, job.format->laid_out, error))
    return NULL;
  guint limit = options && options->max_nodes ? options->max_nodes : DG_EXPORT_MAX_NODES;
  guint n = dg_graph_n_nodes (job.graph), m = dg_graph_n_edges (job.graph);
  /* Past the limit a drawing of everything is a hairball or a ribbon no
   * page holds: the diagram summarises, and says so. Naming an engine
   * draws it all as asked. */
  if (job.format->laid_out && !job.layout_given && strcmp (job.view->name, "coverage") != 0
      && dg_export_summarise (&job, limit))
    g_printerr ("docgraph: the %s view has %u nodes and %u edges, more than a page holds: the "
                "diagram shows %s; -T json, graphml or csv give all of it, --layout dot|sfdp "
                "draws all of it, --view implements|ego --root NODE a part\n",
                job.view->name, n, m, job.note);
  job.dpi = options ? options->dpi : 0;
  job.source_links = !(options && options->no_source_links);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_export_part_free);
  if (!job.format->write (&job, parts, error))
    return NULL;
  return g_steal_pointer (&parts);
}

/* The file a part goes to: output itself, or for a named part
 * "BASE-part.EXT" where BASE is output without its extension. */
static char *
part_path (const char *output, const DgExportFormat *format, const DgExportPart *part)
{
  if (part->part == NULL)
    return g_strdup (output);
  g_autofree char *suffix = g_strconcat (".", format->extension, NULL);
  g_autofree char *base = g_str_has_suffix (output, suffix)
                            ? g_strndup (output, strlen (output) - strlen (suffix))
                            : g_strdup (output);
  return g_strdup_printf ("%s-%s.%s", base, part->part, format->extension);
}

gboolean
dg_export (DgStore *store, const DgExportOptions *options, const char *output, GError **error)
{
  const DgExportFormat *format = find_format (options && options->format ? options->format : "dot");
  gboolean to_stdout = output == NULL || strcmp (output, "-") == 0;
  if (to_stdout && format && format->binary && isatty (STDOUT_FILENO))
    {
      g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_USAGE,
                   "%s is binary and standard output is a terminal; write it to a file "
                   "with -o FILE.%s", format->name, format->extension);
      return FALSE;
    }
  g_autoptr (GPtrArray) parts = dg_export_render (store, options, error);
  if (parts == NULL)
    return FALSE;
  if (to_stdout)
    {
      for (guint i = 0; i < parts->len; i++)
        {
          DgExportPart *part = parts->pdata[i];
          gsize len;
          const char *data = g_bytes_get_data (part->bytes, &len);
          /* Parts on standard output are one blank line apart. */
          if ((i > 0 && fputc ('\n', stdout) == EOF) || fwrite (data, 1, len, stdout) != len)
            break;
        }
      if (fflush (stdout) != 0 || ferror (stdout))
        {
          int e = errno;
          g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_WRITE,
                       "standard output: %s", g_strerror (e));
          return FALSE;
        }
      return TRUE;
    }
  for (guint i = 0; i < parts->len; i++)
    {
      DgExportPart *part = parts->pdata[i];
      g_autofree char *path = part_path (output, format, part);
      gsize len;
      const char *data = g_bytes_get_data (part->bytes, &len);
      g_autoptr (GError) local = NULL;
      if (!g_file_set_contents_full (path, data, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT,
                                     0666, &local))
        {
          g_set_error (error, DG_EXPORT_ERROR, DG_EXPORT_ERROR_WRITE, "%s", local->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------ shared by data formats */

char *
dg_export_node_id (const DgNode *node)
{
  if (node->id > 0)
    return g_strdup_printf ("n%" G_GINT64_FORMAT, node->id);
  return g_strdup_printf ("i%u", node->index);
}

static DgExportColumnKind
value_kind (JsonNode *v)
{
  if (JSON_NODE_HOLDS_ARRAY (v))
    return DG_EXPORT_COLUMN_LIST;
  if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_INT64)
    return DG_EXPORT_COLUMN_LONG;
  return DG_EXPORT_COLUMN_STRING;
}

static void
column_free (gpointer p)
{
  DgExportColumn *c = p;
  g_free (c->name);
  g_free (c);
}

static gint
column_order (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(DgExportColumn *const *) a)->name, (*(DgExportColumn *const *) b)->name);
}

GPtrArray *
dg_export_columns (DgGraph *graph, gboolean edges)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func (column_free);
  g_autoptr (GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *items = edges ? graph->edges : graph->nodes;
  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *attrs = edges ? ((DgEdge *) items->pdata[i])->attrs
                                : ((DgNode *) items->pdata[i])->attrs;
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;
      json_object_iter_init (&iter, attrs);
      while (json_object_iter_next (&iter, &name, &value))
        {
          if (JSON_NODE_HOLDS_NULL (value) || dg_export_reserved_name (name))
            continue;
          DgExportColumnKind kind = value_kind (value);
          DgExportColumn *c = g_hash_table_lookup (by_name, name);
          if (c == NULL)
            {
              c = g_new0 (DgExportColumn, 1);
              c->name = g_strdup (name);
              c->kind = kind;
              g_ptr_array_add (columns, c);
              g_hash_table_insert (by_name, c->name, c);
            }
          else if (c->kind != kind)
            c->kind = c->kind == DG_EXPORT_COLUMN_LIST || kind == DG_EXPORT_COLUMN_LIST
                        ? DG_EXPORT_COLUMN_LIST : DG_EXPORT_COLUMN_STRING;
        }
    }
  g_ptr_array_sort (columns, column_order);
  return columns;
}

static char *
scalar_text (JsonNode *v)
{
  if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (v));
  return json_to_string (v, FALSE);
}

char *
dg_export_value_text (JsonObject *attrs, const char *name, const char *sep)
{
  JsonNode *v = json_object_get_member (attrs, name);
  if (v == NULL || JSON_NODE_HOLDS_NULL (v))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (v))
    return scalar_text (v);
  JsonArray *a = json_node_get_array (v);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      g_autofree char *item = scalar_text (json_array_get_element (a, i));
      if (i > 0)
        g_string_append (s, sep);
      g_string_append (s, item);
    }
  return g_string_free (s, FALSE);
}

char *
dg_export_xml_escape (const char *text, gboolean attribute)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *s = g_string_sized_new (strlen (valid) + 16);
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      switch (c)
        {
        case '&': g_string_append (s, "&amp;"); break;
        case '<': g_string_append (s, "&lt;"); break;
        case '>': g_string_append (s, "&gt;"); break;
        case '"': g_string_append (s, "&quot;"); break;
        case '\'': g_string_append (s, "&apos;"); break;
        case '\n':
        case '\r':
        case '\t':
          if (attribute)
            g_string_append_printf (s, "&#%u;", c);
          else
            g_string_append_unichar (s, c);
          break;
        default:
          /* XML 1.0 Char: no other C0 controls, no U+FFFE, U+FFFF. */
          if (c < 0x20 || c == 0xFFFE || c == 0xFFFF)
            g_string_append_c (s, ' ');
          else
            g_string_append_len (s, p, g_utf8_next_char (p) - p);
        }
    }
  return g_string_free (s, FALSE);
}

gboolean
dg_export_reserved_name (const char *name)
{
  static const char *const reserved[] = { "id", "type", "label", "key", NULL };
  return g_strv_contains (reserved, name);
}
