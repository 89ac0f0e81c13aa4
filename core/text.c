/* text.c: decoding article bytes and folding Vietnamese text for keys and
 * search. */
#include "model-private.h"

#include <string.h>

G_DEFINE_QUARK (dg-text-error-quark, dg_text_error)

/* Largest article accepted, in bytes: far above any news article, low enough
 * that one bad file cannot exhaust memory. */
#define DG_TEXT_MAX_BYTES (64u * 1024u * 1024u)

char *
dg_sha256_hex (const char *bytes, gsize len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, len);
}

/* Characters that carry no text: zero-width spaces and joiners, word joiner,
 * BOM inside text, soft hyphen, bidi marks. */
static gboolean
is_invisible (gunichar c)
{
  switch (c)
    {
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x200E:
    case 0x200F: case 0x2060: case 0xFEFF: case 0x202A: case 0x202B:
    case 0x202C: case 0x202D: case 0x202E: case 0x2061: case 0x2062:
    case 0x2063: case 0x2064: case 0x180E:
      return TRUE;
    default:
      return FALSE;
    }
}

/* NFC of valid UTF-8, in pieces: g_utf8_normalize takes time that grows
 * with the square of a long run, and nothing composes across an ASCII
 * character, so the text is cut just before the white space that follows
 * every few kilobytes. */
/* TRUE when text is made of characters that NFC leaves as they are:
 * Latin letters, Vietnamese precomposed letters, general punctuation. */
static gboolean
surely_nfc (const char *text, gsize len)
{
  for (const char *p = text, *stop = text + len; p < stop; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x0300 || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2010 && c <= 0x2027)
          || (c >= 0x2030 && c <= 0x205E))
        continue;
      return FALSE;
    }
  return TRUE;
}

static char *
nfc (const char *text, gsize len)
{
  if (surely_nfc (text, len))
    return g_strndup (text, len);
  GString *out = g_string_sized_new (len + 1);
  const char *p = text, *stop = text + len;
  while (p < stop)
    {
      const char *cut = p + MIN ((gsize) 2048, (gsize) (stop - p));
      while (cut < stop && *cut != ' ' && *cut != '\n')
        cut++;
      char *piece = g_utf8_normalize (p, cut - p, G_NORMALIZE_NFC);
      if (piece)
        g_string_append (out, piece);
      g_free (piece);
      p = cut;
    }
  return g_string_free (out, FALSE);
}

char *
dg_text_decode (const char *bytes, gsize len, GError **error)
{
  if (len > DG_TEXT_MAX_BYTES)
    {
      g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_TOO_BIG,
                   "%" G_GSIZE_FORMAT " bytes is over the limit of %u MiB for one article",
                   len, DG_TEXT_MAX_BYTES / (1024u * 1024u));
      return NULL;
    }
  const char *nul = memchr (bytes, '\0', len);
  if (nul)
    {
      g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_BINARY,
                   "byte %" G_GSIZE_FORMAT ": NUL byte, not a text file",
                   (gsize) (nul - bytes));
      return NULL;
    }
  const char *end;
  if (!g_utf8_validate_len (bytes, len, &end))
    {
      g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_UTF8,
                   "byte %" G_GSIZE_FORMAT ": invalid UTF-8", (gsize) (end - bytes));
      return NULL;
    }
  const char *p = bytes, *stop = bytes + len;
  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  GString *out = g_string_sized_new (len + 1);
  guint controls = 0;
  while (p < stop)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      if (c == '\r')
        {
          g_string_append_c (out, '\n');
          if (next < stop && *next == '\n')
            next++;
        }
      else if (c == '\n' || c == '\t')
        g_string_append_c (out, c == '\t' ? ' ' : '\n');
      else if (c < 0x20 || (c >= 0x7F && c < 0xA0))
        {
          controls++;
          g_string_append_c (out, ' ');
        }
      else if (c == 0x2028 || c == 0x2029 || c == 0x0085)
        g_string_append_c (out, '\n');
      else if (is_invisible (c))
        ;
      else if (g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }
  /* Text has a few stray control characters at most; many mean binary. */
  if (controls > 16 && controls * 20 > len)
    {
      g_string_free (out, TRUE);
      g_set_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_BINARY,
                   "%u control characters: not a text file", controls);
      return NULL;
    }
  char *composed = nfc (out->str, out->len);
  g_string_free (out, TRUE);
  return composed;
}

/* -------------------------------------------------------------- tones */

enum { TONE_NONE, TONE_GRAVE, TONE_ACUTE, TONE_TILDE, TONE_HOOK, TONE_DOT };

static const gunichar tone_marks[] = { 0, 0x0300, 0x0301, 0x0303, 0x0309, 0x0323 };

/* Splits a letter into its tone-less form and its tone. */
static gunichar
strip_tone (gunichar c, int *tone)
{
  gunichar d[8];
  gsize n = g_unichar_fully_decompose (c, FALSE, d, G_N_ELEMENTS (d));
  *tone = TONE_NONE;
  if (n < 2)
    return c;
  gunichar rest[8];
  gsize m = 0;
  for (gsize i = 0; i < n; i++)
    {
      int t = TONE_NONE;
      for (int k = 1; k <= TONE_DOT; k++)
        if (d[i] == tone_marks[k])
          t = k;
      if (t != TONE_NONE)
        *tone = t;
      else
        rest[m++] = d[i];
    }
  if (*tone == TONE_NONE)
    return c;
  gunichar base = rest[0];
  for (gsize i = 1; i < m; i++)
    {
      gunichar composed;
      if (!g_unichar_compose (base, rest[i], &composed))
        return c;
      base = composed;
    }
  return base;
}

static gunichar
add_tone (gunichar c, int tone)
{
  gunichar composed;
  if (tone == TONE_NONE || !g_unichar_compose (c, tone_marks[tone], &composed))
    return c;
  return composed;
}

static gboolean
is_letter (gunichar c)
{
  return g_unichar_isalpha (c) || g_unichar_ismark (c);
}

/* A syllable whose vowel nucleus is "oa", "oe" or "uy" with no final
 * consonant carries its tone on the first vowel in the spelling docgraph uses
 * ("hòa", "khỏe", "thủy", "ủy"), whatever the input did ("hoà", "khoẻ",
 * "thuỷ", "uỷ"). After "q" the "u" belongs to the onset ("quý"), and after
 * "g" an "i" does ("già"), so those are left alone. */
static void
canon_syllable (gunichar *s, gsize n)
{
  if (n < 2)
    return;
  int tone_last;
  gunichar last = strip_tone (s[n - 1], &tone_last);
  if (tone_last == TONE_NONE)
    return;
  int tone_prev;
  gunichar prev = strip_tone (s[n - 2], &tone_prev);
  if (tone_prev != TONE_NONE)
    return;
  gunichar pl = g_unichar_tolower (prev), ll = g_unichar_tolower (last);
  gboolean pair = (pl == 'o' && (ll == 'a' || ll == 'e')) || (pl == 'u' && ll == 'y');
  if (!pair)
    return;
  if (n >= 3)
    {
      gunichar before = g_unichar_tolower (s[n - 3]);
      if (pl == 'u' && before == 'q')
        return;
      /* "oa" after another vowel is not the nucleus ("ngoài" has a coda). */
      if (strchr ("aeiouy", (int) (before < 128 ? before : 0)) && before < 128)
        return;
    }
  s[n - 2] = add_tone (prev, tone_last);
  s[n - 1] = last;
}

char *
dg_text_canonical_tones (const char *text, gssize len)
{
  if (len < 0)
    len = strlen (text);
  GString *out = g_string_sized_new (len + 8);
  const char *p = text, *stop = text + len;
  gunichar syl[64];
  gsize n = 0;
  while (p <= stop)
    {
      gunichar c = p < stop ? g_utf8_get_char (p) : 0;
      if (p < stop && is_letter (c) && n < G_N_ELEMENTS (syl))
        {
          syl[n++] = c;
          p = g_utf8_next_char (p);
          continue;
        }
      if (n)
        {
          canon_syllable (syl, n);
          for (gsize i = 0; i < n; i++)
            g_string_append_unichar (out, syl[i]);
          n = 0;
        }
      if (p >= stop)
        break;
      if (is_letter (c))
        continue; /* an over-long word: flush and go on with the same char */
      const char *next = g_utf8_next_char (p);
      g_string_append_len (out, p, next - p);
      p = next;
    }
  return g_string_free (out, FALSE);
}

void
dg_text_fold_word (const char *word, gsize len, GString *out)
{
  gunichar syl[64];
  gsize n = 0;
  const char *p = word, *stop = word + len;
  while (p < stop)
    {
      gunichar c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (n < G_N_ELEMENTS (syl) && is_letter (c))
        {
          syl[n++] = c;
          continue;
        }
      if (n)
        {
          canon_syllable (syl, n);
          for (gsize i = 0; i < n; i++)
            g_string_append_unichar (out, g_unichar_tolower (syl[i]));
          n = 0;
        }
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
  if (n)
    {
      canon_syllable (syl, n);
      for (gsize i = 0; i < n; i++)
        g_string_append_unichar (out, g_unichar_tolower (syl[i]));
    }
}

char *
dg_text_squeeze (const char *text, gssize len)
{
  if (len < 0)
    len = strlen (text);
  GString *out = g_string_sized_new (len);
  gboolean space = FALSE;
  for (gssize i = 0; i < len; i++)
    {
      char c = text[i];
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
dg_text_fold_key (const char *text, gssize len)
{
  g_autofree char *nfc = g_utf8_normalize (text, len, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return g_strdup ("");
  g_autofree char *tones = dg_text_canonical_tones (nfc, -1);
  g_autofree char *lower = g_utf8_casefold (tones, -1);
  g_autofree char *again = g_utf8_normalize (lower, -1, G_NORMALIZE_NFC);
  return dg_text_squeeze (again, -1);
}

char *
dg_text_fold_search (const char *text, gssize len)
{
  g_autofree char *nfd = g_utf8_normalize (text, len, G_NORMALIZE_NFD);
  if (nfd == NULL)
    return g_strdup ("");
  GString *out = g_string_sized_new (strlen (nfd));
  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_ismark (c))
        continue;
      if (c == 0x0110 || c == 0x0111 || c == 0x00D0 || c == 0x00F0)
        c = 'd';
      if (g_unichar_isalnum (c) || c == '/' || c == '-')
        {
          gunichar l = g_unichar_tolower (c);
          g_string_append_unichar (out, l);
        }
      else
        g_string_append_c (out, ' ');
    }
  char *squeezed = dg_text_squeeze (out->str, out->len);
  g_string_free (out, TRUE);
  return squeezed;
}

char *
dg_document_code_key (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);
  g_autofree char *central = dg_code_central (code);
  GString *dashed = g_string_new (NULL);
  for (const char *p = central; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x2013 || c == 0x2014 || c == 0x2010 || c == 0x2011 || c == 0x2212)
        c = '-';
      g_string_append_unichar (dashed, c);
    }
  g_autofree char *folded = dg_text_fold_search (dashed->str, dashed->len);
  g_string_free (dashed, TRUE);
  GString *out = g_string_new (NULL);
  for (const char *p = folded; *p; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* Whether c may stand inside a part of a code ("TƯ", "KH", "NĐ"). */
static gboolean
code_letter (gunichar c)
{
  return g_unichar_isalnum (c) || c == '.';
}

char *
dg_code_central (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);
  GString *out = g_string_new (NULL);
  const char *p = code;
  while (*p)
    {
      /* A part of the code between separators, as written. */
      const char *q = p;
      while (*q && code_letter (g_utf8_get_char (q)))
        q = g_utf8_next_char (q);
      if (q == p)
        {
          g_string_append_unichar (out, g_utf8_get_char (p));
          p = g_utf8_next_char (p);
          continue;
        }
      g_autofree char *part = g_strndup (p, q - p);
      g_autofree char *up = g_utf8_strup (part, -1);
      /* "TƯ", "T.Ư", "T.W": Trung ương, written TW. ("TU" is a Tỉnh ủy.) */
      if (strcmp (up, "TƯ") == 0 || strcmp (up, "T.Ư") == 0 || strcmp (up, "T.W") == 0)
        g_string_append (out, "TW");
      else
        g_string_append (out, part);
      p = q;
    }
  return g_string_free (out, FALSE);
}

gsize
dg_text_display_width (const char *text)
{
  gsize w = 0;
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iszerowidth (c))
        continue;
      w += g_unichar_iswide (c) ? 2 : 1;
    }
  return w;
}
