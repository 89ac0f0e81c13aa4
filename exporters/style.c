/* style.c: how nodes and edges look (shapes, colours, labels), shared by
 * the Graphviz, GraphML and GEXF writers. Labels wrap at word boundaries,
 * counting characters, not bytes, so Vietnamese text wraps like any other. */
#include "export-private.h"

#include <string.h>

/* Indexed by DgNodeType. Fills are light so black text stays readable;
 * outlines are the dark shade of the same hue. */
static const DgExportNodeStyle node_styles[DG_NODE_N_TYPES] = {
  [DG_NODE_ORGANIZATION] = { "box", "filled,rounded", "#dbeafe", "#1d4ed8", "0.1,0.05", "square", "roundrectangle" },
  [DG_NODE_OFFICIAL] = { "ellipse", "filled", "#ffedd5", "#c2410c", "0.04,0.02", "disc", "ellipse" },
  [DG_NODE_DOCUMENT] = { "note", "filled", "#fef9c3", "#a16207", "0.1,0.05", "square", "rectangle" },
  [DG_NODE_EVENT] = { "hexagon", "filled", "#dcfce7", "#15803d", "0,0", "diamond", "hexagon" },
};

/* Indexed by DgEdgeType. The sample is the line the legend shows, drawn
 * with box-drawing characters so the legend is one table node. */
static const DgExportEdgeStyle edge_styles[DG_EDGE_N_TYPES] = {
  [DG_EDGE_ISSUED_BY] = { "#a16207", "solid", "───▶", 1.0 },
  [DG_EDGE_IMPLEMENTS] = { "#b91c1c", "solid", "━━━▶", 2.0 },
  [DG_EDGE_CITES] = { "#7c3aed", "dashed", "╌╌╌▶", 1.2 },
  [DG_EDGE_AUTHORED_BY] = { "#a16207", "dotted", "┈┈┈▶", 1.2 },
  [DG_EDGE_ORGANIZED_BY] = { "#15803d", "solid", "───▶", 1.2 },
  [DG_EDGE_ATTENDED] = { "#c2410c", "solid", "───▶", 1.0 },
  [DG_EDGE_ABOUT] = { "#15803d", "dashed", "╌╌╌▶", 1.2 },
  [DG_EDGE_MEMBER_OF] = { "#1d4ed8", "dashed", "╌╌╌▶", 1.0 },
  [DG_EDGE_PART_OF] = { "#1e3a8a", "solid", "━━━▶", 1.8 },
  [DG_EDGE_BASED_ON] = { "#6d28d9", "dotted", "┈┈┈▶", 1.4 },
  [DG_EDGE_AMENDS] = { "#0f766e", "solid", "───▶", 1.6 },
  [DG_EDGE_REPLACES] = { "#334155", "bold", "━━━▶", 2.0 },
  [DG_EDGE_REPEALS] = { "#9f1239", "dashed", "╌╌╌▶", 1.6 },
  [DG_EDGE_GUIDES] = { "#0369a1", "dashed", "╌╌╌▶", 1.4 },
  [DG_EDGE_MERGED_INTO] = { "#57534e", "bold", "━━━▶", 2.2 },
};

const DgExportNodeStyle *
dg_export_node_style (DgNodeType type)
{
  g_return_val_if_fail ((guint) type < DG_NODE_N_TYPES, &node_styles[0]);
  return &node_styles[type];
}

const DgExportEdgeStyle *
dg_export_edge_style (DgEdgeType type)
{
  g_return_val_if_fail ((guint) type < DG_EDGE_N_TYPES, &edge_styles[0]);
  return &edge_styles[type];
}

static gboolean
is_break (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_iscntrl (c);
}

/* Pointer to the character n characters after p, not past end. */
static const char *
skip_chars (const char *p, const char *end, guint n)
{
  for (guint i = 0; i < n && p < end; i++)
    p = g_utf8_next_char (p);
  return p;
}

char **
dg_export_wrap (const char *text, guint width, guint max_lines)
{
  g_return_val_if_fail (width > 1, NULL);
  const char *p = text ? text : "";
  if (!g_utf8_validate (p, -1, NULL))
    p = "\xEF\xBF\xBD"; /* U+FFFD: never cut bytes that are not text */
  GPtrArray *lines = g_ptr_array_new ();
  g_autoptr (GString) line = g_string_new (NULL);
  guint line_chars = 0; /* characters in line */
  while (*p)
    {
      if (is_break (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      const char *word = p;
      guint n = 0;
      while (*p && !is_break (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          n++;
        }
      while (n > 0)
        {
          if (line_chars == 0 && n > width)
            {
              /* A word longer than a line: cut it. */
              const char *cut = skip_chars (word, p, width);
              g_ptr_array_add (lines, g_strndup (word, cut - word));
              word = cut;
              n -= width;
            }
          else if (line_chars == 0 || line_chars + 1 + n <= width)
            {
              if (line_chars > 0)
                g_string_append_c (line, ' ');
              g_string_append_len (line, word, p - word);
              line_chars += (line_chars > 0) + n;
              n = 0;
            }
          else
            {
              g_ptr_array_add (lines, g_strdup (line->str));
              g_string_truncate (line, 0);
              line_chars = 0;
            }
        }
    }
  if (line_chars > 0)
    g_ptr_array_add (lines, g_strdup (line->str));
  if (max_lines > 0 && lines->len > max_lines)
    {
      for (guint i = max_lines; i < lines->len; i++)
        g_free (lines->pdata[i]);
      g_ptr_array_set_size (lines, max_lines);
      /* The last line keeps room for the ellipsis. */
      char *last = lines->pdata[max_lines - 1];
      if ((guint) g_utf8_strlen (last, -1) >= width)
        *g_utf8_offset_to_pointer (last, width - 1) = '\0';
      g_strchomp (last);
      lines->pdata[max_lines - 1] = g_strconcat (last, "…", NULL);
      g_free (last);
    }
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

char *
dg_export_escape_plain (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '\\')
        g_string_append (s, "\\\\");
      else if (*p == '\n')
        g_string_append (s, "\\n");
      else if (*p == '\r')
        ;
      else if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_c (s, ' ');
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

char *
dg_export_escape_tooltip (const char *text)
{
  /* Graphviz 2.42 expands a tooltip's escapes twice on the way to SVG
   * (\N, \G, \L are the node's name, the graph's, the label): each
   * backslash goes in as four, so that one is drawn. */
  g_autofree char *once = dg_export_escape_plain (text);
  GString *s = g_string_new (NULL);
  for (const char *p = once; *p; p++)
    if (*p == '\\' && p[1] == '\\')
      {
        g_string_append (s, "\\\\\\\\");
        p++;
      }
    else
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

char *
dg_export_escape_html (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const char *p = text ? text : ""; *p; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (s, "&amp;"); break;
        case '<': g_string_append (s, "&lt;"); break;
        case '>': g_string_append (s, "&gt;"); break;
        case '"': g_string_append (s, "&quot;"); break;
        case '\'': g_string_append (s, "&#39;"); break;
        /* Graphviz expands \N, \G, \E in the text of HTML labels too. */
        case '\\': g_string_append (s, "\\\\"); break;
        default:
          /* XML 1.0 has no control characters, escaped or not. */
          if ((guchar) *p < 0x20 || *p == 0x7f)
            g_string_append_c (s, ' ');
          else
            g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

const char *
dg_export_node_level (const DgNode *node)
{
  if (node->type != DG_NODE_ORGANIZATION && node->type != DG_NODE_DOCUMENT)
    return NULL;
  static const char *const levels[] = { "central", "province", "district", "commune", NULL };
  const char *level = dg_node_get_attr (node, "level");
  for (guint i = 0; level && levels[i]; i++)
    if (strcmp (level, levels[i]) == 0)
      return levels[i];
  return "unknown";
}

/* Appends lines, escaped, each followed by <BR/>. */
static void
append_lines (GString *out, char **lines)
{
  for (guint i = 0; lines && lines[i]; i++)
    {
      g_autofree char *esc = dg_export_escape_html (lines[i]);
      g_string_append (out, esc);
      g_string_append (out, "<BR/>");
    }
}

/* Appends a small line (or several) of text, wrapped. */
static void
append_small (GString *out, const char *text, guint max_lines, gboolean italic)
{
  if (text == NULL || *text == '\0')
    return;
  g_auto (GStrv) lines = dg_export_wrap (text, DG_EXPORT_WRAP + 4, max_lines);
  if (lines[0] == NULL)
    return;
  g_string_append (out, "<FONT POINT-SIZE=\"8\">");
  if (italic)
    g_string_append (out, "<I>");
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *esc = dg_export_escape_html (lines[i]);
      if (i > 0)
        g_string_append (out, "<BR/>");
      g_string_append (out, esc);
    }
  if (italic)
    g_string_append (out, "</I>");
  g_string_append (out, "</FONT><BR/>");
}

/* The first string of an array attribute, or the attribute itself. */
static const char *
first_string (DgNode *node, const char *name)
{
  JsonNode *m = json_object_get_member (node->attrs, name);
  if (m == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (m))
    {
      JsonArray *a = json_node_get_array (m);
      if (json_array_get_length (a) == 0)
        return NULL;
      JsonNode *el = json_array_get_element (a, 0);
      return JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING
               ? json_node_get_string (el) : NULL;
    }
  return dg_node_get_attr (node, name);
}

char *
dg_export_html_label (const DgNode *cnode)
{
  DgNode *node = (DgNode *) cnode; /* attrs accessors take no const */
  GString *out = g_string_new (NULL);
  const DgExportNodeStyle *style = dg_export_node_style (node->type);

  /* The type line: small, in the type's colour. */
  g_string_append_printf (out, "<FONT POINT-SIZE=\"7.5\" COLOR=\"%s\">%s", style->line,
                          dg_node_type_name (node->type));
  const char *level = dg_export_node_level (node);
  if (level && strcmp (level, "unknown") != 0)
    g_string_append_printf (out, " · %s", level);
  g_string_append (out, "</FONT><BR/>");

  g_auto (GStrv) lines = dg_export_wrap (node->label, DG_EXPORT_WRAP, 4);
  append_lines (out, lines);

  const char *date = dg_node_get_attr (node, "date");
  switch (node->type)
    {
    case DG_NODE_DOCUMENT:
      {
        const char *title = dg_node_get_attr (node, "title");
        /* The title, unless the label already is the title. */
        if (title && !strstr (node->label, title))
          append_small (out, title, 3, TRUE);
        const char *issuer = dg_node_get_attr (node, "issuer");
        g_autofree char *line = g_strjoin (" · ", issuer && *issuer ? issuer : "issuer unknown",
                                           date && *date ? date : "date unknown", NULL);
        if ((issuer && *issuer) || (date && *date))
          append_small (out, line, 3, FALSE);
        break;
      }
    case DG_NODE_EVENT:
      {
        const char *location = dg_node_get_attr (node, "location");
        g_autofree char *line = NULL;
        if (date && *date && location && *location)
          line = g_strjoin (" · ", date, location, NULL);
        append_small (out, line ? line : date && *date ? date : location, 2, FALSE);
        break;
      }
    case DG_NODE_OFFICIAL:
      append_small (out, first_string (node, "titles"), 2, TRUE);
      break;
    default:
      break;
    }
  /* No trailing line break: it would leave an empty line. */
  if (g_str_has_suffix (out->str, "<BR/>"))
    g_string_truncate (out, out->len - 5);
  return g_string_free (out, FALSE);
}

char *
dg_export_edge_text (const DgEdge *cedge)
{
  DgEdge *edge = (DgEdge *) cedge;
  if (edge->type != DG_EDGE_MEMBER_OF && edge->type != DG_EDGE_ATTENDED)
    return NULL;
  g_autoptr (GPtrArray) roles = g_ptr_array_new ();
  const char *role = dg_edge_role (edge);
  if (role && *role)
    g_ptr_array_add (roles, (gpointer) role);
  JsonNode *m = json_object_get_member (edge->attrs, "roles");
  if (m && JSON_NODE_HOLDS_ARRAY (m))
    {
      JsonArray *a = json_node_get_array (m);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *el = json_array_get_element (a, i);
          if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_STRING)
            continue;
          const char *r = json_node_get_string (el);
          gboolean seen = FALSE;
          for (guint j = 0; j < roles->len && !seen; j++)
            seen = strcmp (roles->pdata[j], r) == 0;
          if (!seen && *r)
            g_ptr_array_add (roles, (gpointer) r);
        }
    }
  /* "attended" on an attended edge says nothing the edge does not. */
  if (edge->type == DG_EDGE_ATTENDED && roles->len == 1
      && strcmp (roles->pdata[0], "attended") == 0)
    return NULL;
  if (roles->len == 0)
    return NULL;
  g_ptr_array_add (roles, NULL);
  g_autofree char *joined = g_strjoinv (", ", (char **) roles->pdata);
  g_auto (GStrv) lines = dg_export_wrap (joined, 24, 3);
  return g_strjoinv ("\n", lines);
}
