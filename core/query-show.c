/* query-show.c: `docgraph show`: one node, its attributes and where they
 * came from, its aliases, its edges, and the sentences that support them. */
#include "store-private.h"

#include <string.h>

/* How far a sentence may reach on either side of its evidence. */
#define SENTENCE_REACH 400

/* ------------------------------------------------------------ sentences */

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\t';
}

/* TRUE when the '.' at text[i] ends an abbreviation ("TP.", "Tp.", "TS.",
 * "ThS.", "PGS.", a single letter), not a sentence. */
static gboolean
is_abbreviation (const char *text, gsize i)
{
  gsize j = i;
  while (j > 0 && g_ascii_isalpha (text[j - 1]))
    j--;
  gsize n = i - j;
  if (n == 0 || n > 3 || (j > 0 && !is_space (text[j - 1]) && text[j - 1] != '('))
    return FALSE;
  return g_ascii_isupper (text[j]);
}

/* Length of the closing quote or bracket at p, 0 if none. */
static gsize
closer_len (const char *p, const char *stop)
{
  if (p < stop && (*p == '"' || *p == ')' || *p == '\''))
    return 1;
  if (stop - p >= 3 && memcmp (p, "\xE2\x80\x9D", 3) == 0) /* ” */
    return 3;
  return 0;
}

/* If text[i] ends a sentence, the offset just past it (and past a closing
 * quote); 0 otherwise. */
static gsize
sentence_end_at (const char *text, gsize len, gsize i)
{
  char c = text[i];
  if (c == '\n')
    return i + 1;
  if (c != '.' && c != '!' && c != '?')
    return 0;
  gsize after = i + 1;
  after += closer_len (text + after, text + len);
  if (after < len && !is_space (text[after]))
    return 0;
  if (c == '.' && is_abbreviation (text, i))
    return 0;
  return after;
}

char *
dg_text_sentence_around (const char *text, gsize len, guint start, guint end)
{
  if (text == NULL || start > len)
    return g_strdup ("");
  if (end > len)
    end = (guint) len;
  if (end < start)
    end = start;
  /* Backwards to the end of the previous sentence. */
  gsize left = 0;
  gboolean cut_left = FALSE;
  gsize floor = start > SENTENCE_REACH ? start - SENTENCE_REACH : 0;
  for (gsize i = start; i-- > floor;)
    {
      gsize e = sentence_end_at (text, len, i);
      if (e && e <= start)
        {
          left = e;
          break;
        }
      if (i == floor && floor > 0)
        {
          cut_left = TRUE;
          left = floor;
          while (left < start && !is_space (text[left]))
            left++;
        }
    }
  /* Forwards to the end of the sentence the span ends in. */
  gsize right = len;
  gboolean cut_right = FALSE;
  gsize from = end > start ? end - 1 : start;
  gsize ceiling = MIN (len, (gsize) end + SENTENCE_REACH);
  for (gsize i = from; i < ceiling; i++)
    {
      gsize e = sentence_end_at (text, len, i);
      if (e)
        {
          right = e;
          break;
        }
      if (i + 1 == ceiling && ceiling < len)
        {
          cut_right = TRUE;
          right = ceiling;
          while (right > end && !is_space (text[right]))
            right--;
        }
    }
  /* Byte cuts above are at ASCII spaces or punctuation: valid UTF-8. */
  g_autofree char *squeezed = dg_text_squeeze (text + left, (gssize) (right - left));
  return g_strconcat (cut_left ? "…" : "", squeezed, cut_right ? "…" : "", NULL);
}

/* --------------------------------------------------------------- reading */

static void
evidence_free (gpointer p)
{
  DgEvidence *e = p;
  g_free (e->source);
  g_free (e->date);
  g_free (e->sentence);
  g_free (e);
}

static void
fact_free (gpointer p)
{
  DgFact *f = p;
  g_free (f->name);
  g_free (f->value);
  g_free (f->source);
  g_free (f->date);
  g_free (f);
}

static void
alias_free (gpointer p)
{
  DgAlias *a = p;
  g_free (a->key);
  g_free (a->name);
  g_free (a->origin);
  g_free (a);
}

static void
show_edge_free (gpointer p)
{
  DgShowEdge *e = p;
  dg_node_row_clear (&e->other);
  g_free (e->role);
  g_ptr_array_unref (e->evidence);
  g_free (e);
}

void
dg_show_free (DgShow *show)
{
  if (show == NULL)
    return;
  dg_node_row_clear (&show->node);
  g_free (show->attrs);
  g_clear_pointer (&show->facts, g_ptr_array_unref);
  g_clear_pointer (&show->aliases, g_ptr_array_unref);
  g_clear_pointer (&show->edges, g_ptr_array_unref);
  g_clear_pointer (&show->mentions, g_ptr_array_unref);
  g_free (show);
}

typedef struct {
  DgStore *store;     /* borrowed */
  GHashTable *texts;  /* articles.id → text, read once per show */
} Reader;

static const char *
article_text (Reader *r, gint64 article, gsize *len)
{
  GBytes *b = g_hash_table_lookup (r->texts, &article);
  if (b == NULL)
    {
      sqlite3_stmt *st = dg_store_prepare (r->store, "SELECT text FROM articles WHERE id = ?", NULL);
      if (st == NULL)
        return NULL;
      sqlite3_bind_int64 (st, 1, article);
      if (sqlite3_step (st) == SQLITE_ROW)
        b = g_bytes_new (sqlite3_column_text (st, 0), (gsize) sqlite3_column_bytes (st, 0) + 1);
      sqlite3_reset (st);
      if (b == NULL)
        return NULL;
      gint64 *k = g_new (gint64, 1);
      *k = article;
      g_hash_table_insert (r->texts, k, b);
    }
  gsize size;
  const char *data = g_bytes_get_data (b, &size);
  *len = size - 1;
  return data;
}

/* Evidence of an edge (column "edge") or a node (column "node"). */
static gboolean
read_evidence (Reader *r, const char *sql, gint64 id, guint max, GPtrArray **out, guint *total,
               GError **error)
{
  *out = g_ptr_array_new_with_free_func (evidence_free);
  *total = 0;
  sqlite3_stmt *st = dg_store_prepare (r->store, sql, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, max == G_MAXUINT ? -1 : (gint64) max);
  int rc;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (evidence_free);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      DgEvidence *e = g_new0 (DgEvidence, 1);
      e->article = sqlite3_column_int64 (st, 0);
      e->start = (guint) sqlite3_column_int64 (st, 1);
      e->end = (guint) sqlite3_column_int64 (st, 2);
      e->source = g_strdup ((const char *) sqlite3_column_text (st, 3));
      e->date = g_strdup ((const char *) sqlite3_column_text (st, 4));
      *total = (guint) sqlite3_column_int64 (st, 5);
      g_ptr_array_add (rows, e);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (r->store, error, "reading evidence");
      return FALSE;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      DgEvidence *e = rows->pdata[i];
      gsize len = 0;
      const char *text = article_text (r, e->article, &len);
      e->sentence = dg_text_sentence_around (text, len, e->start, e->end);
    }
  g_ptr_array_extend_and_steal (*out, g_steal_pointer (&rows));
  return TRUE;
}

#define EVIDENCE_SQL(column)                                                   \
  "SELECT m.article, m.start, m.end, a.source, a.date, count (*) OVER () "     \
  "FROM mentions m JOIN articles a ON a.id = m.article WHERE m." column " = ?1 " \
  "ORDER BY a.date IS NULL, a.date, m.article, m.start LIMIT ?2"

/* One value of an attribute as text: strings as they are, the rest as
 * JSON. (transfer full) */
static char *
value_text (JsonNode *v)
{
  if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (v));
  return json_to_string (v, FALSE);
}

static void
add_fact (GPtrArray *facts, GHashTable *seen, const char *name, JsonNode *v, gint64 article,
          const char *source, const char *date)
{
  if (JSON_NODE_HOLDS_NULL (v))
    return;
  g_autofree char *value = value_text (v);
  if (*value == '\0')
    return;
  g_autofree char *k = g_strconcat (name, "\x1f", value, NULL);
  DgFact *f = g_hash_table_lookup (seen, k);
  if (f)
    {
      f->n_articles++;
      return;
    }
  f = g_new0 (DgFact, 1);
  f->name = g_strdup (name);
  f->value = g_steal_pointer (&value);
  f->article = article;
  f->source = g_strdup (source);
  f->date = g_strdup (date);
  f->n_articles = 1;
  g_ptr_array_add (facts, f);
  g_hash_table_insert (seen, g_steal_pointer (&k), f);
}

static gboolean
read_facts (DgStore *store, DgShow *show, GError **error)
{
  show->facts = g_ptr_array_new_with_free_func (fact_free);
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT f.attrs, a.id, a.source, a.date FROM node_facts f "
           "JOIN articles a ON a.id = f.article WHERE f.node = ? "
           "ORDER BY a.date IS NULL, a.date, a.id", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, show->node.id);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      g_autoptr (JsonObject) attrs = dg_store_json_parse ((const char *) sqlite3_column_text (st, 0));
      gint64 article = sqlite3_column_int64 (st, 1);
      const char *source = (const char *) sqlite3_column_text (st, 2);
      const char *date = (const char *) sqlite3_column_text (st, 3);
      JsonObjectIter it;
      const char *name;
      JsonNode *v;
      json_object_iter_init (&it, attrs);
      while (json_object_iter_next (&it, &name, &v))
        {
          if (JSON_NODE_HOLDS_ARRAY (v))
            {
              JsonArray *arr = json_node_get_array (v);
              for (guint i = 0; i < json_array_get_length (arr); i++)
                add_fact (show->facts, seen, name, json_array_get_element (arr, i), article, source,
                          date);
            }
          else
            add_fact (show->facts, seen, name, v, article, source, date);
        }
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading node facts");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_aliases (DgStore *store, DgShow *show, GError **error)
{
  show->aliases = g_ptr_array_new_with_free_func (alias_free);
  sqlite3_stmt *st = dg_store_prepare (
    store, "SELECT key, name, origin FROM aliases WHERE node = ? ORDER BY origin, name", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, show->node.id);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      DgAlias *a = g_new0 (DgAlias, 1);
      a->key = g_strdup ((const char *) sqlite3_column_text (st, 0));
      a->name = g_strdup ((const char *) sqlite3_column_text (st, 1));
      a->origin = g_strdup ((const char *) sqlite3_column_text (st, 2));
      g_ptr_array_add (show->aliases, a);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (store, error, "reading aliases");
      return FALSE;
    }
  return TRUE;
}

/* attrs.roles when there are several, else attrs.role. (transfer full) */
static char *
roles_text (const char *attrs_text)
{
  g_autoptr (JsonObject) attrs = dg_store_json_parse (attrs_text);
  JsonNode *roles = json_object_get_member (attrs, "roles");
  if (roles && JSON_NODE_HOLDS_ARRAY (roles) && json_array_get_length (json_node_get_array (roles)))
    {
      JsonArray *arr = json_node_get_array (roles);
      GString *s = g_string_new (NULL);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          g_autofree char *v = value_text (json_array_get_element (arr, i));
          g_string_append_printf (s, "%s%s", s->len ? "; " : "", v);
        }
      return g_string_free (s, FALSE);
    }
  return g_strdup (json_object_get_string_member_with_default (attrs, "role", NULL));
}

static gint
edge_order (gconstpointer a, gconstpointer b)
{
  const DgShowEdge *x = *(DgShowEdge *const *) a, *y = *(DgShowEdge *const *) b;
  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  if (x->outgoing != y->outgoing)
    return x->outgoing ? -1 : 1;
  int c = g_strcmp0 (dg_node_row_name (&x->other), dg_node_row_name (&y->other));
  return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}

static gboolean
read_edges (Reader *r, DgShow *show, guint max_evidence, GError **error)
{
  show->edges = g_ptr_array_new_with_free_func (show_edge_free);
  sqlite3_stmt *st = dg_store_prepare (
    r->store,
    "SELECT e.id, e.type, 1, e.attrs, n.id, " DG_NODE_ROW_COLUMNS
    " FROM edges e JOIN nodes n ON n.id = e.dst WHERE e.src = ?1 "
    "UNION ALL SELECT e.id, e.type, 0, e.attrs, n.id, " DG_NODE_ROW_COLUMNS
    " FROM edges e JOIN nodes n ON n.id = e.src WHERE e.dst = ?1", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, show->node.id);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      DgShowEdge *e = g_new0 (DgShowEdge, 1);
      e->id = sqlite3_column_int64 (st, 0);
      dg_edge_type_parse ((const char *) sqlite3_column_text (st, 1), &e->type);
      e->outgoing = sqlite3_column_int (st, 2) != 0;
      e->role = roles_text ((const char *) sqlite3_column_text (st, 3));
      dg_node_row_from_stmt (st, 4, &e->other);
      e->evidence = g_ptr_array_new ();
      g_ptr_array_add (show->edges, e);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      dg_store_set_error (r->store, error, "reading edges");
      return FALSE;
    }
  g_ptr_array_sort (show->edges, edge_order);
  for (guint i = 0; i < show->edges->len; i++)
    {
      DgShowEdge *e = show->edges->pdata[i];
      g_ptr_array_unref (e->evidence);
      if (!read_evidence (r, EVIDENCE_SQL ("edge"), e->id, max_evidence, &e->evidence,
                          &e->n_evidence, error))
        return FALSE;
    }
  return TRUE;
}

DgShow *
dg_store_show (DgStore *store, gint64 id, guint max_evidence, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  g_autoptr (DgShow) show = g_new0 (DgShow, 1);
  /* The node, its edges and their evidence from one snapshot, while
   * imports commit. */
  gboolean snapshot = dg_store_snapshot_begin (store);
  if (!dg_store_node_row (store, id, &show->node, error))
    {
      dg_store_snapshot_end (store, snapshot);
      return NULL;
    }
  sqlite3_stmt *st = dg_store_prepare (store, "SELECT attrs FROM nodes WHERE id = ?", error);
  if (st == NULL)
    {
      dg_store_snapshot_end (store, snapshot);
      return NULL;
    }
  sqlite3_bind_int64 (st, 1, id);
  if (sqlite3_step (st) == SQLITE_ROW)
    show->attrs = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  Reader r = { store, g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             (GDestroyNotify) g_bytes_unref) };
  gboolean ok = read_facts (store, show, error) && read_aliases (store, show, error)
                && read_edges (&r, show, max_evidence, error)
                && read_evidence (&r, EVIDENCE_SQL ("node"), id, max_evidence, &show->mentions,
                                  &show->n_mentions, error);
  dg_store_snapshot_end (store, snapshot);
  g_hash_table_unref (r.texts);
  return ok ? g_steal_pointer (&show) : NULL;
}

/* ---------------------------------------------------------------- output */

static void
evidence_json (GPtrArray *evidence, guint total, JsonObject *into, const char *name,
               const char *count_name)
{
  JsonArray *arr = json_array_new ();
  for (guint i = 0; i < evidence->len; i++)
    {
      DgEvidence *e = evidence->pdata[i];
      JsonObject *o = json_object_new ();
      json_object_set_int_member (o, "article", e->article);
      json_object_set_string_member (o, "source", e->source);
      dg_json_set_string (o, "date", e->date);
      json_object_set_int_member (o, "start", e->start);
      json_object_set_int_member (o, "end", e->end);
      json_object_set_string_member (o, "sentence", e->sentence);
      json_array_add_object_element (arr, o);
    }
  json_object_set_array_member (into, name, arr);
  json_object_set_int_member (into, count_name, total);
}

JsonNode *
dg_show_to_json (DgShow *show)
{
  JsonObject *root = json_object_new ();
  json_object_set_member (root, "node", dg_node_row_to_json (&show->node));
  json_object_set_object_member (root, "attrs", dg_store_json_parse (show->attrs));
  if (show->node.type == DG_NODE_ORGANIZATION)
    {
      g_autofree char *lineage = dg_lineage_describe (show->node.key);
      dg_json_set_string (root, "lineage", lineage);
    }
  JsonArray *facts = json_array_new ();
  for (guint i = 0; i < show->facts->len; i++)
    {
      DgFact *f = show->facts->pdata[i];
      JsonObject *o = json_object_new ();
      json_object_set_string_member (o, "name", f->name);
      json_object_set_string_member (o, "value", f->value);
      json_object_set_int_member (o, "article", f->article);
      json_object_set_string_member (o, "source", f->source);
      dg_json_set_string (o, "date", f->date);
      json_object_set_int_member (o, "articles", f->n_articles);
      json_array_add_object_element (facts, o);
    }
  json_object_set_array_member (root, "facts", facts);
  JsonArray *aliases = json_array_new ();
  for (guint i = 0; i < show->aliases->len; i++)
    {
      DgAlias *a = show->aliases->pdata[i];
      JsonObject *o = json_object_new ();
      json_object_set_string_member (o, "key", a->key);
      json_object_set_string_member (o, "name", a->name);
      json_object_set_string_member (o, "origin", a->origin);
      json_array_add_object_element (aliases, o);
    }
  json_object_set_array_member (root, "aliases", aliases);
  JsonArray *edges = json_array_new ();
  for (guint i = 0; i < show->edges->len; i++)
    {
      DgShowEdge *e = show->edges->pdata[i];
      JsonObject *o = json_object_new ();
      json_object_set_int_member (o, "id", e->id);
      json_object_set_string_member (o, "type", dg_edge_type_name (e->type));
      json_object_set_string_member (o, "direction", e->outgoing ? "out" : "in");
      json_object_set_member (o, e->outgoing ? "dst" : "src", dg_node_row_to_json (&e->other));
      dg_json_set_string (o, "role", e->role);
      evidence_json (e->evidence, e->n_evidence, o, "evidence", "evidence_count");
      json_array_add_object_element (edges, o);
    }
  json_object_set_array_member (root, "edges", edges);
  evidence_json (show->mentions, show->n_mentions, root, "mentions", "mention_count");
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

/* The evidence lines under an edge or the node: the sentence in quotes,
 * wrapped, then where it is. */
static void
render_evidence (GString *out, GPtrArray *evidence, guint total, guint width,
                 const char *indent)
{
  gsize iw = strlen (indent);
  for (guint i = 0; i < evidence->len; i++)
    {
      DgEvidence *e = evidence->pdata[i];
      g_autofree char *quoted = g_strdup_printf ("“%s”", e->sentence);
      g_autofree char *wrapped = dg_text_wrap (quoted, width, indent);
      g_autofree char *where = g_strdup_printf ("— %s%s%s @%u", e->source, e->date ? ", " : "",
                                                e->date ? e->date : "", e->start);
      g_autofree char *where_cut = dg_text_cut (where, width > iw + 8 ? width - iw : 8);
      g_string_append_printf (out, "%s\n%s%s\n", wrapped, indent, where_cut);
    }
  if (total > evidence->len)
    g_string_append_printf (out, "%s(%u more; --evidence N or --all shows them)\n", indent,
                            total - evidence->len);
}

/* What an edge row says beside the other node: the role; else a
 * document's issuer and date, an event's date, an organization's level.
 * (transfer full) */
static char *
edge_detail (const DgShowEdge *e)
{
  if (e->role)
    return g_strdup (e->role);
  const DgNodeRow *o = &e->other;
  switch (o->type)
    {
    case DG_NODE_DOCUMENT:
      if (o->by && o->date)
        return g_strdup_printf ("%s, %s", o->by, o->date);
      return g_strdup (o->by ? o->by : o->date);
    case DG_NODE_EVENT:
      return g_strdup (o->date);
    case DG_NODE_ORGANIZATION:
      return g_strdup (o->level);
    case DG_NODE_OFFICIAL:
    default:
      return NULL;
    }
}

/* The node's edges, one line each, the node itself first as "self". */
static char *
show_tsv (DgShow *show)
{
  const char *headers[] = { "EDGE", "DIRECTION", "ID", "NAME", "TYPE", "DETAIL" };
  g_autoptr (DgTable) t = dg_table_new (G_N_ELEMENTS (headers), headers);
  const DgNodeRow *n = &show->node;
  g_autofree char *self = g_strdup_printf ("#%" G_GINT64_FORMAT, n->id);
  const char *first[] = { "self", NULL, self, n->label, dg_node_type_name (n->type), n->key };
  dg_table_add_row (t, first);
  for (guint i = 0; i < show->edges->len; i++)
    {
      DgShowEdge *e = show->edges->pdata[i];
      g_autofree char *id = g_strdup_printf ("#%" G_GINT64_FORMAT, e->other.id);
      g_autofree char *detail = edge_detail (e);
      const char *cells[] = { dg_edge_type_name (e->type), e->outgoing ? "out" : "in", id,
                              dg_node_row_name (&e->other), dg_node_type_name (e->other.type),
                              detail };
      dg_table_add_row (t, cells);
    }
  return dg_table_render_tsv (t);
}

char *
dg_show_render (DgShow *show, DgOutputFormat format, guint width)
{
  if (format == DG_FORMAT_JSON)
    {
      g_autoptr (JsonNode) json = dg_show_to_json (show);
      return dg_json_render (json);
    }
  if (format == DG_FORMAT_TSV)
    return show_tsv (show);
  GString *out = g_string_new (NULL);
  const DgNodeRow *n = &show->node;
  g_autofree char *title = dg_text_cut (n->label, width);
  g_string_append_printf (out, "%s\n", title);
  g_autofree char *line = g_strdup_printf ("#%" G_GINT64_FORMAT " %s, key “%s”", n->id,
                                           dg_node_type_name (n->type), n->key);
  g_autofree char *line_cut = dg_text_cut (line, width);
  g_string_append_printf (out, "%s\n", line_cut);
  /* An organization of a province the 2025 merger changed says so. */
  g_autofree char *lineage = n->type == DG_NODE_ORGANIZATION ? dg_lineage_describe (n->key) : NULL;
  if (lineage)
    {
      g_autofree char *wrapped = dg_text_wrap (lineage, width, "");
      g_string_append_printf (out, "%s\n", wrapped);
    }
  if (show->aliases->len)
    {
      GString *a = g_string_new ("aliases: ");
      for (guint i = 0; i < show->aliases->len; i++)
        {
          DgAlias *al = show->aliases->pdata[i];
          g_string_append_printf (a, "%s%s (%s)", i ? "; " : "", al->name, al->origin);
        }
      g_autofree char *wrapped = dg_text_wrap (a->str, width, "");
      g_string_append_printf (out, "%s\n", wrapped);
      g_string_free (a, TRUE);
    }
  if (show->facts->len)
    {
      const char *headers[] = { "ATTRIBUTE", "VALUE", "FROM", "DATE", "N" };
      g_autoptr (DgTable) t = dg_table_new (5, headers);
      dg_table_set_column (t, 1, DG_ALIGN_LEFT, 28);
      dg_table_set_column (t, 3, DG_ALIGN_LEFT, 10);
      dg_table_set_column (t, 4, DG_ALIGN_RIGHT, 1);
      dg_table_set_cut_start (t, 2, TRUE);
      for (guint i = 0; i < show->facts->len; i++)
        {
          DgFact *f = show->facts->pdata[i];
          g_autofree char *count = g_strdup_printf ("%u", f->n_articles);
          const char *cells[] = { f->name, f->value, f->source, f->date, count };
          dg_table_add_row (t, cells);
        }
      g_autofree char *table = dg_table_render (t, width);
      g_string_append_printf (out, "\n%s", table);
    }
  if (show->edges->len)
    {
      /* One table for every edge so that columns line up across groups;
       * group headings and evidence go between its lines. */
      g_autoptr (DgTable) t = dg_table_new (4, NULL);
      dg_table_set_column (t, 0, DG_ALIGN_RIGHT, DG_TABLE_KEEP);
      dg_table_set_column (t, 2, DG_ALIGN_LEFT, 5);
      guint keep = 16; /* names are cut, document codes never */
      for (guint i = 0; i < show->edges->len; i++)
        {
          DgShowEdge *e = show->edges->pdata[i];
          if (e->other.type == DG_NODE_DOCUMENT && e->other.code && *e->other.code)
            keep = MAX (keep, (guint) dg_text_display_width (e->other.code));
          g_autofree char *id = g_strdup_printf ("#%" G_GINT64_FORMAT, e->other.id);
          g_autofree char *detail = edge_detail (e);
          const char *cells[] = { id, dg_node_row_name (&e->other),
                                  dg_node_type_name (e->other.type), detail };
          dg_table_add_row (t, cells);
        }
      dg_table_set_column (t, 1, DG_ALIGN_LEFT, keep);
      g_auto (GStrv) lines = dg_table_render_lines (t, width > 2 ? width - 2 : width);
      for (guint i = 0; i < show->edges->len; i++)
        {
          DgShowEdge *e = show->edges->pdata[i];
          DgShowEdge *prev = i ? show->edges->pdata[i - 1] : NULL;
          if (prev == NULL || prev->type != e->type || prev->outgoing != e->outgoing)
            {
              guint count = 0;
              for (guint j = i; j < show->edges->len; j++)
                {
                  DgShowEdge *f = show->edges->pdata[j];
                  if (f->type != e->type || f->outgoing != e->outgoing)
                    break;
                  count++;
                }
              if (e->outgoing)
                g_string_append_printf (out, "\n%s → (%u)\n", dg_edge_type_name (e->type), count);
              else
                g_string_append_printf (out, "\n← %s (%u)\n", dg_edge_type_name (e->type), count);
            }
          g_string_append_printf (out, "  %s\n", lines[i]);
          render_evidence (out, e->evidence, e->n_evidence, width, "      ");
        }
    }
  if (show->n_mentions)
    {
      g_string_append_printf (out, "\nmentioned %u time%s\n", show->n_mentions,
                              show->n_mentions == 1 ? "" : "s");
      render_evidence (out, show->mentions, show->n_mentions, width, "  ");
    }
  return g_string_free (out, FALSE);
}
