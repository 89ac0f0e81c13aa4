/* extract.c: the extraction driver: runs every pass over one article, then
 * gives each node the key that makes it one node across articles. */
#include "extract-private.h"

#include <string.h>

/* Edit distance in characters of two UTF-8 strings, capped: returns cap + 1
 * when over. */
static guint
distance (const char *sa, const char *sb, guint cap)
{
  glong la, lb;
  g_autofree gunichar *a = g_utf8_to_ucs4_fast (sa, -1, &la);
  g_autofree gunichar *b = g_utf8_to_ucs4_fast (sb, -1, &lb);
  if ((guint) ABS (la - lb) > cap)
    return cap + 1;
  g_autofree guint *row = g_new (guint, lb + 1);
  for (glong j = 0; j <= lb; j++)
    row[j] = j;
  for (glong i = 1; i <= la; i++)
    {
      guint prev = row[0], best = row[0] = i;
      for (glong j = 1; j <= lb; j++)
        {
          guint cur = row[j];
          guint sub = prev + (a[i - 1] != b[j - 1]);
          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), sub);
          prev = cur;
          best = MIN (best, row[j]);
        }
      if (best > cap)
        return cap + 1;
    }
  return row[lb];
}

/* "Ban Chỉ đạo Trương ương về PCTNTC" is the "Ban Chỉ đạo Trung ương về
 * PCTNTC" of the same article: long names a letter or two apart are one. */
static void
merge_misspelt_organizations (DgExtract *x)
{
  /* Pairs of names: only for the organizations of one article. */
  if (dg_graph_n_nodes (x->graph) > 2000)
    return;
  for (guint i = 0; i < dg_graph_n_nodes (x->graph); i++)
    {
      DgNode *a = dg_graph_node (x->graph, i);
      if (dg_node_type (a) != DG_NODE_ORGANIZATION || strlen (dg_node_key (a)) < 20)
        continue;
      for (guint j = i + 1; j < dg_graph_n_nodes (x->graph); j++)
        {
          DgNode *b = dg_graph_node (x->graph, j);
          if (dg_node_type (b) != DG_NODE_ORGANIZATION || strlen (dg_node_key (b)) < 20)
            continue;
          /* A typo in the name, not another head ("Sở Tư pháp" is no
           * misspelt "Bộ Tư pháp"). */
          const char *ka = dg_node_key (a), *kb = dg_node_key (b);
          const char *sa = strchr (ka, ' '), *sb = strchr (kb, ' ');
          gboolean same_head = sa && sb && sa - ka == sb - kb && strncmp (ka, kb, sa - ka) == 0;
          if (same_head && distance (ka, kb, 2) <= 2)
            {
              dg_graph_merge_nodes (x->graph, a, b);
              j--;
            }
        }
    }
}

/* "Chi cục Kiểm lâm" after "Chi cục Kiểm lâm tỉnh Vĩnh Phúc": a name that
 * the article writes out once with its place is that body, when only one
 * place completes it. */
static void
merge_short_organizations (DgExtract *x)
{
  for (guint i = 0; i < dg_graph_n_nodes (x->graph); i++)
    {
      DgNode *a = dg_graph_node (x->graph, i);
      const char *ka = dg_node_key (a);
      if (dg_node_type (a) != DG_NODE_ORGANIZATION || strchr (ka, '#') || !strchr (ka, ' ')
          || g_strcmp0 (dg_node_get_attr (a, "level"), "unknown") != 0)
        continue;
      gsize al = strlen (ka);
      DgNode *full = NULL;
      guint found = 0;
      for (guint j = 0; j < dg_graph_n_nodes (x->graph); j++)
        {
          DgNode *b = dg_graph_node (x->graph, j);
          const char *kb = dg_node_key (b);
          if (b == a || dg_node_type (b) != DG_NODE_ORGANIZATION || strncmp (kb, ka, al) != 0
              || kb[al] != ' ')
            continue;
          /* What follows must be a place: a level word and a name, or a
           * province. */
          const char *rest = kb + al + 1;
          gboolean place = g_str_has_prefix (rest, "tỉnh ") || g_str_has_prefix (rest, "huyện ")
                           || g_str_has_prefix (rest, "quận ") || g_str_has_prefix (rest, "thành phố ")
                           || g_str_has_prefix (rest, "thị xã ") || dg_province_lookup (rest);
          /* A reference back: the full name comes first. */
          if (place && dg_node_n_mentions (a) && dg_node_n_mentions (b)
              && dg_node_mention (b, 0)->start < dg_node_mention (a, 0)->start)
            full = b, found++;
          else if (place)
            found += 2;
        }
      if (found == 1)
        {
          dg_graph_merge_nodes (x->graph, full, a);
          i--;
        }
    }
}

/* "Đoàn kiểm tra của Bộ Chính trị", "Đoàn kiểm tra số 470" and "Đoàn kiểm
 * tra số 470 của Bộ Chính trị" in one article are one team when it names
 * one number and one owner at most. */
static void
merge_teams (DgExtract *x)
{
  static const char *const heads[] = {
    "đoàn kiểm tra", "đoàn giám sát", "đoàn công tác", "đoàn thanh tra", NULL,
  };
  for (guint h = 0; heads[h]; h++)
    {
      gsize hl = strlen (heads[h]);
      g_autoptr (GPtrArray) team = g_ptr_array_new ();
      g_autoptr (GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr (GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      DgNode *best = NULL;
      guint best_score = 0;
      for (guint i = 0; i < dg_graph_n_nodes (x->graph); i++)
        {
          DgNode *n = dg_graph_node (x->graph, i);
          const char *key = dg_node_key (n);
          if (dg_node_type (n) != DG_NODE_ORGANIZATION || !g_str_has_prefix (key, heads[h])
              || (key[hl] != ' ' && key[hl] != '\0'))
            continue;
          const char *rest = key + hl;
          guint score = 0;
          if (g_str_has_prefix (rest, " số "))
            {
              const char *num = rest + 5;
              const char *sp = strchr (num, ' ');
              g_hash_table_add (numbers, sp ? g_strndup (num, sp - num) : g_strdup (num));
              score++;
            }
          const char *of = strstr (rest, " của ");
          if (of)
            {
              g_hash_table_add (owners, g_strdup (of + 5));
              score++;
            }
          /* Anything else in the name ("đối với Ban cán sự …") makes it
           * another kind of team. */
          if (!of && score == 0 && rest[0] != '\0')
            continue;
          g_ptr_array_add (team, n);
          if (best == NULL || score > best_score)
            best = n, best_score = score;
        }
      if (team->len < 2 || g_hash_table_size (numbers) > 1 || g_hash_table_size (owners) > 1)
        continue;
      for (guint i = 0; i < team->len; i++)
        if (team->pdata[i] != best)
          dg_graph_merge_nodes (x->graph, best, team->pdata[i]);
    }
}

/* "Luật Đất đai" and "Luật Đất đai năm 2013" in one article are one law
 * when it names only one year of it. */
static void
merge_laws (DgExtract *x)
{
  for (guint i = 0; i < dg_graph_n_nodes (x->graph); i++)
    {
      DgNode *undated = dg_graph_node (x->graph, i);
      const char *key = dg_node_key (undated);
      if (dg_node_type (undated) != DG_NODE_DOCUMENT || !g_str_has_prefix (key, "law:")
          || strchr (key, '#'))
        continue;
      DgNode *dated = NULL;
      guint years = 0;
      gsize kl = strlen (key);
      for (guint j = 0; j < dg_graph_n_nodes (x->graph); j++)
        {
          DgNode *d = dg_graph_node (x->graph, j);
          if (d != undated && dg_node_type (d) == DG_NODE_DOCUMENT
              && strncmp (dg_node_key (d), key, kl) == 0 && dg_node_key (d)[kl] == '#')
            dated = d, years++;
        }
      if (years == 1)
        {
          dg_graph_merge_nodes (x->graph, dated, undated);
          i--;
        }
    }
}

/* "Nghị quyết Trung ương 04" and "Nghị quyết Trung ương 4 (khóa XII)" in
 * one article are one resolution when it names only one term of it. */
static void
merge_plenum_resolutions (DgExtract *x)
{
  static const char prefix[] = "named:nghi quyet trung uong ";
  for (guint i = 0; i < dg_graph_n_nodes (x->graph); i++)
    {
      DgNode *bare = dg_graph_node (x->graph, i);
      const char *key = dg_node_key (bare);
      if (dg_node_type (bare) != DG_NODE_DOCUMENT || !g_str_has_prefix (key, prefix)
          || strchr (key + sizeof prefix - 1, ' '))
        continue;
      DgNode *termed = NULL;
      guint terms = 0;
      gsize kl = strlen (key);
      for (guint j = 0; j < dg_graph_n_nodes (x->graph); j++)
        {
          DgNode *d = dg_graph_node (x->graph, j);
          if (d != bare && dg_node_type (d) == DG_NODE_DOCUMENT
              && strncmp (dg_node_key (d), key, kl) == 0
              && g_str_has_prefix (dg_node_key (d) + kl, " khoa "))
            termed = d, terms++;
        }
      if (terms == 1)
        {
          dg_graph_merge_nodes (x->graph, termed, bare);
          i--;
        }
    }
}

/* The words of a document title folded, "về (việc)" dropped. (transfer full) */
static GStrv
title_words (DgNode *d)
{
  const char *t = dg_node_get_attr (d, "title");
  if (t == NULL || *t == '\0')
    return NULL;
  g_autofree char *f = dg_text_fold_search (t, -1);
  GStrv w = g_strsplit (f, " ", -1);
  guint skip = 0;
  if (w[0] && strcmp (w[0], "ve") == 0)
    skip = w[1] && strcmp (w[1], "viec") == 0 ? 2 : 1;
  if (skip)
    {
      GStrv rest = g_strdupv (w + skip);
      g_strfreev (w);
      w = rest;
    }
  return w;
}

/* Whether every word of a, three or more, stands in b in order. */
static gboolean
words_in_order (GStrv a, GStrv b)
{
  guint na = g_strv_length (a), j = 0;
  if (na < 3)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      while (b[j] && strcmp (a[i], b[j]) != 0)
        j++;
      if (b[j] == NULL)
        return FALSE;
      j++;
    }
  return TRUE;
}

static DgNode *issuer_of (DgExtract *x, DgNode *doc);

/* "Tỉnh ủy ban hành Nghị quyết về phát triển khoa học …" in the headline
 * and "Nghị quyết số 57-NQ/TW … về phát triển khoa học …" in the body: a
 * document named without its number is the numbered one of its type whose
 * title has its words, or, named by type and issuer alone ("Nghị quyết
 * của Bộ Chính trị"), the one numbered document of that type the issuer
 * issued; when exactly one fits. */
static void
merge_unnumbered_documents (DgExtract *x)
{
  for (guint i = 0; i < dg_graph_n_nodes (x->graph); i++)
    {
      DgNode *u = dg_graph_node (x->graph, i);
      const char *type = dg_node_get_attr (u, "doc_type");
      if (dg_node_type (u) != DG_NODE_DOCUMENT || !g_str_has_prefix (dg_node_key (u), "issued:")
          || type == NULL)
        continue;
      g_auto (GStrv) uw = title_words (u);
      DgNode *uissuer = issuer_of (x, u);
      DgNode *found = NULL;
      guint fits = 0;
      for (guint j = 0; j < dg_graph_n_nodes (x->graph); j++)
        {
          DgNode *n = dg_graph_node (x->graph, j);
          if (n == u || dg_node_type (n) != DG_NODE_DOCUMENT
              || !(dg_node_get_attr (n, "code") || dg_node_get_attr (n, "number"))
              || g_strcmp0 (dg_node_get_attr (n, "doc_type"), type) != 0)
            continue;
          g_auto (GStrv) nw = title_words (n);
          gboolean fit;
          DgNode *nissuer = issuer_of (x, n);
          if (uw)
            fit = nw && (g_strv_length (uw) <= g_strv_length (nw) ? words_in_order (uw, nw)
                                                                   : words_in_order (nw, uw))
                  /* Two issuers named: two documents. */
                  && !(uissuer && nissuer && uissuer != nissuer);
          else
            fit = uissuer && nissuer == uissuer;
          if (fit)
            found = n, fits++;
        }
      if (fits == 1)
        {
          dg_graph_merge_nodes (x->graph, found, u);
          i--;
        }
    }
}

/* Officials' titles and documents' titles name places one way ("TP.HCM",
 * "TP HCM" and "TPHCM" are "Thành phố Hồ Chí Minh"), so that one title is
 * one item; the text and its offsets keep the spelling of the article. */
static void
normalize_places (DgExtract *x)
{
  for (guint i = 0; i < dg_graph_n_nodes (x->graph); i++)
    {
      DgNode *n = dg_graph_node (x->graph, i);
      JsonObject *attrs = dg_node_attrs (n);
      const char *title = dg_node_get_attr (n, "title");
      if (title)
        {
          g_autofree char *t = dg_places_normalize (title);
          if (strcmp (t, title) != 0)
            dg_node_set_attr (n, "title", t, TRUE);
        }
      JsonArray *titles = json_object_has_member (attrs, "titles")
                            ? json_object_get_array_member (attrs, "titles") : NULL;
      if (titles == NULL)
        continue;
      g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
      gboolean changed = FALSE;
      for (guint k = 0; k < json_array_get_length (titles); k++)
        {
          const char *t = json_array_get_string_element (titles, k);
          char *norm = dg_places_normalize (t);
          changed = changed || strcmp (norm, t) != 0;
          g_ptr_array_add (items, norm);
        }
      if (!changed)
        continue;
      json_object_remove_member (attrs, "titles");
      for (guint k = 0; k < items->len; k++)
        dg_node_add_attr_item (n, "titles", items->pdata[k]);
    }
}

static DgNode *
issuer_of (DgExtract *x, DgNode *doc)
{
  DgEdge *e = dg_graph_edge_from (x->graph, DG_EDGE_ISSUED_BY, doc);
  return e ? dg_edge_dst (e) : NULL;
}

/* A party committee's standing bodies issue in its name: the key of a
 * document of Ban Thường vụ Tỉnh ủy X is made with Tỉnh ủy X. */
static const char *
issuer_key (DgExtract *x, DgNode *org)
{
  DgEdge *e = dg_graph_edge_from (x->graph, DG_EDGE_PART_OF, org);
  return e ? dg_node_key (dg_edge_dst (e)) : dg_node_key (org);
}

static void
document_keys (DgExtract *x)
{
  g_autoptr (GPtrArray) docs = g_ptr_array_new ();
  for (guint i = 0; i < dg_graph_n_nodes (x->graph); i++)
    if (dg_node_type (dg_graph_node (x->graph, i)) == DG_NODE_DOCUMENT)
      g_ptr_array_add (docs, dg_graph_node (x->graph, i));
  for (guint i = 0; i < docs->len; i++)
    {
      DgNode *d = docs->pdata[i];
      const char *key = dg_node_key (d);
      DgNode *issuer = issuer_of (x, d);
      if (issuer && !dg_node_get_attr (d, "level") && dg_node_get_attr (issuer, "level"))
        dg_node_set_attr (d, "level", dg_node_get_attr (issuer, "level"), FALSE);
      const char *date = dg_node_get_attr (d, "date");
      const char *year = date && g_ascii_isdigit (date[0]) ? NULL : dg_node_get_attr (d, "year");
      g_autofree char *y = date && g_ascii_isdigit (date[0]) ? g_strndup (date, 4)
                                                             : g_strdup (year);
      g_autofree char *who = issuer ? g_strdup (issuer_key (x, issuer))
                                    : g_strdup_printf ("?%.12s", dg_article_sha256 (x->article));
      g_autofree char *final = NULL;
      if (g_str_has_prefix (key, "code:"))
        {
          gboolean national = g_strcmp0 (dg_node_get_attr (d, "national"), "true") == 0;
          /* "QD" is "QĐ" typed without Đ. */
          g_autofree char *code = g_strdup (key + 5);
          final = national ? g_strdup_printf ("doc:%s%s%s", code, y ? "#" : "", y ? y : "")
                           : g_strdup_printf ("doc:%s@%s%s%s", code, who, y ? "#" : "", y ? y : "");
        }
      else if (g_str_has_prefix (key, "number:") || g_str_has_prefix (key, "issued:"))
        {
          /* "issued:công điện\x1f<issuer>": the issuer part goes, "@who"
           * says it. */
          const char *sep = strchr (key, '\x1f');
          g_autofree char *base = sep ? g_strndup (key, sep - key) : g_strdup (key);
          final = g_strdup_printf ("doc:%s@%s%s%s", base, who, y ? "#" : "", y ? y : "");
        }
      else if (g_str_has_prefix (key, "named:") || g_str_has_prefix (key, "law:"))
        final = g_strdup_printf ("doc:%s", key);
      else
        continue;
      json_object_remove_member (dg_node_attrs (d), "national");
      dg_node_set_key (x->graph, d, final);
    }
}

void
dg_checkpoint (DgExtract *x, DgCheckpoint *cp)
{
  cp->mentions = x->mentions->len;
  cp->nodes = dg_graph_n_nodes (x->graph);
  cp->edges = dg_graph_n_edges (x->graph);
}

void
dg_rollback (DgExtract *x, const DgCheckpoint *cp)
{
  for (guint i = cp->mentions; i < x->mentions->len; i++)
    dg_mention_unindex (x, x->mentions->pdata[i]);
  if (x->mentions->len > cp->mentions)
    g_ptr_array_remove_range (x->mentions, cp->mentions, x->mentions->len - cp->mentions);
  while (dg_graph_n_edges (x->graph) > cp->edges)
    dg_graph_remove_edge (x->graph, dg_graph_edge (x->graph, dg_graph_n_edges (x->graph) - 1));
  while (dg_graph_n_nodes (x->graph) > cp->nodes)
    dg_graph_remove_node (x->graph, dg_graph_node (x->graph, dg_graph_n_nodes (x->graph) - 1));
}

DgGraph *
dg_extract (DgArticle *article)
{
  g_return_val_if_fail (article != NULL, NULL);
  DgExtract x = { 0 };
  x.article = article;
  x.text = dg_article_text (article);
  x.len = dg_article_text_len (article);
  x.graph = dg_graph_new (article);
  x.mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) dg_mention_free);
  x.abbrevs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  x.org_abbrevs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dg_tokenize (&x);
  guint n = x.toks->len;
  x.starts = g_new0 (GPtrArray *, n + 1);
  for (guint k = 0; k < DG_M_N_KINDS; k++)
    x.cover[k] = g_new0 (guint16, n + 1);
  x.title_cover = g_new0 (guint16, n + 1);
  x.role_cover = g_new0 (guint16, n + 1);
  if (x.toks->len > 0)
    {
      dg_extract_context (&x);
      dg_extract_organizations (&x);
      dg_extract_documents (&x);
      dg_extract_officials (&x);
      dg_extract_events (&x);
      dg_extract_relations (&x);
      merge_misspelt_organizations (&x);
      merge_laws (&x);
      merge_plenum_resolutions (&x);
      merge_unnumbered_documents (&x);
      normalize_places (&x);
      merge_short_organizations (&x);
      merge_teams (&x);
      document_keys (&x);
    }
  dg_graph_sort (x.graph);
  g_ptr_array_unref (x.mentions);
  for (guint i = 0; i < n; i++)
    if (x.starts[i])
      g_ptr_array_unref (x.starts[i]);
  g_free (x.starts);
  for (guint k = 0; k < DG_M_N_KINDS; k++)
    g_free (x.cover[k]);
  g_free (x.title_cover);
  g_free (x.role_cover);
  g_hash_table_unref (x.abbrevs);
  g_hash_table_unref (x.org_abbrevs);
  g_array_unref (x.toks);
  g_string_free (x.folds, TRUE);
  g_array_unref (x.sents);
  g_free (x.province);
  g_free (x.outlet_province);
  g_free (x.district);
  g_free (x.district_kind);
  return x.graph;
}
