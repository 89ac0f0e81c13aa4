/* test-text.c: decoding article bytes and folding Vietnamese text. */
#include "testutil.h"

#include <string.h>

static void
test_decode_plain (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *t = dg_text_decode ("Tỉnh ủy Lạng Sơn\n", strlen ("Tỉnh ủy Lạng Sơn\n"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (t, ==, "Tỉnh ủy Lạng Sơn\n");
}

static void
test_decode_bom_crlf (void)
{
  const char in[] = "\xEF\xBB\xBFHội nghị\r\ndòng hai\rdòng ba\r\n";
  g_autoptr (GError) error = NULL;
  g_autofree char *t = dg_text_decode (in, strlen (in), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (t, ==, "Hội nghị\ndòng hai\ndòng ba\n");
}

static void
test_decode_nfd (void)
{
  /* "Tỉnh" with the tone as a combining mark. */
  const char nfd[] = "Ti\xCC\x89nh u\xCC\x89y";
  g_autoptr (GError) error = NULL;
  g_autofree char *t = dg_text_decode (nfd, strlen (nfd), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (t, ==, "Tỉnh ủy");
}

static void
test_decode_zero_width (void)
{
  const char in[] = "Kế\xE2\x80\x8B hoạch\xC2\xA0số\xC2\xAD 147";
  g_autoptr (GError) error = NULL;
  g_autofree char *t = dg_text_decode (in, strlen (in), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (t, ==, "Kế hoạch số 147");
}

static void
test_decode_invalid_utf8 (void)
{
  const char in[] = "Hội nghị \xC3\x28 sai";
  g_autoptr (GError) error = NULL;
  g_autofree char *t = dg_text_decode (in, strlen (in), &error);
  g_assert_null (t);
  g_assert_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_UTF8);
  /* "Hội nghị " is 13 bytes: the bad sequence starts there. */
  g_assert_nonnull (strstr (error->message, "byte 13"));
}

static void
test_decode_binary (void)
{
  const char in[] = "PNG\0\0\0binary";
  g_autoptr (GError) error = NULL;
  g_autofree char *t = dg_text_decode (in, sizeof in - 1, &error);
  g_assert_null (t);
  g_assert_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_BINARY);
}

static void
test_decode_controls (void)
{
  GString *s = g_string_new (NULL);
  for (int i = 0; i < 200; i++)
    g_string_append_c (s, (char) (1 + i % 7));
  g_autoptr (GError) error = NULL;
  g_autofree char *t = dg_text_decode (s->str, s->len, &error);
  g_string_free (s, TRUE);
  g_assert_null (t);
  g_assert_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_BINARY);
}

static void
test_decode_too_big (void)
{
  gsize len = 65u * 1024u * 1024u;
  char *big = g_malloc (len);
  memset (big, 'a', len);
  g_autoptr (GError) error = NULL;
  g_autofree char *t = dg_text_decode (big, len, &error);
  g_free (big);
  g_assert_null (t);
  g_assert_error (error, DG_TEXT_ERROR, DG_TEXT_ERROR_TOO_BIG);
}

static void
test_tones (void)
{
  static const char *const cases[][2] = {
    { "Tỉnh uỷ", "Tỉnh ủy" }, { "hoà bình", "hòa bình" }, { "Thuỷ", "Thủy" },
    { "khoẻ", "khỏe" }, { "quý", "quý" }, { "ngoài", "ngoài" }, { "hoàn", "hoàn" },
    { "UỶ BAN", "ỦY BAN" }, { "thuỳ", "thùy" }, { "Khánh Hoà", "Khánh Hòa" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *t = dg_text_canonical_tones (cases[i][0], -1);
      g_assert_cmpstr (t, ==, cases[i][1]);
    }
}

static void
test_fold_key (void)
{
  g_autofree char *a = dg_text_fold_key ("  Tỉnh uỷ   Lạng Sơn ", -1);
  g_autofree char *b = dg_text_fold_key ("TỈNH ỦY LẠNG SƠN", -1);
  g_assert_cmpstr (a, ==, "tỉnh ủy lạng sơn");
  g_assert_cmpstr (a, ==, b);
  /* Diacritics stay in keys: "Đảng" is not "đang". */
  g_autofree char *c = dg_text_fold_key ("Đảng", -1);
  g_autofree char *d = dg_text_fold_key ("đang", -1);
  g_assert_cmpstr (c, !=, d);
}

static void
test_fold_search (void)
{
  g_autofree char *a = dg_text_fold_search ("Tỉnh ủy Lạng Sơn", -1);
  g_assert_cmpstr (a, ==, "tinh uy lang son");
  g_autofree char *b = dg_text_fold_search ("Phan Đình Trạc, Ủy viên", -1);
  g_assert_cmpstr (b, ==, "phan dinh trac uy vien");
  g_autofree char *c = dg_text_fold_search ("147-KH/TU", -1);
  g_assert_cmpstr (c, ==, "147-kh/tu");
}

static void
test_display_width (void)
{
  g_assert_cmpuint (dg_text_display_width ("Tỉnh ủy"), ==, 7);
  /* A combining mark takes no column. */
  g_assert_cmpuint (dg_text_display_width ("Ti\xCC\x89nh"), ==, 4);
  g_assert_cmpuint (dg_text_display_width ("漢字"), ==, 4);
  g_assert_cmpuint (dg_text_display_width (""), ==, 0);
}

static void
test_squeeze (void)
{
  g_autofree char *s = dg_text_squeeze ("  a \n\t b  ", -1);
  g_assert_cmpstr (s, ==, "a b");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/decode/plain", test_decode_plain);
  g_test_add_func ("/text/decode/bom-crlf", test_decode_bom_crlf);
  g_test_add_func ("/text/decode/nfd", test_decode_nfd);
  g_test_add_func ("/text/decode/zero-width", test_decode_zero_width);
  g_test_add_func ("/text/decode/invalid-utf8", test_decode_invalid_utf8);
  g_test_add_func ("/text/decode/binary", test_decode_binary);
  g_test_add_func ("/text/decode/controls", test_decode_controls);
  g_test_add_func ("/text/decode/too-big", test_decode_too_big);
  g_test_add_func ("/text/fold/tones", test_tones);
  g_test_add_func ("/text/fold/key", test_fold_key);
  g_test_add_func ("/text/fold/search", test_fold_search);
  g_test_add_func ("/text/display-width", test_display_width);
  g_test_add_func ("/text/squeeze", test_squeeze);
  return g_test_run ();
}
