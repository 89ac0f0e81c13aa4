/* test-fuzz.c: the fuzz targets of tests/fuzz replayed over their kept
 * corpora (what libFuzzer found worth keeping, and inputs written for
 * them), so that what once broke stays fixed. */
#include "testutil.h"

#include <stdint.h>

int fuzz_extract (const uint8_t *data, size_t size);
int fuzz_jsonl (const uint8_t *data, size_t size);
int fuzz_text (const uint8_t *data, size_t size);
int fuzz_html (const uint8_t *data, size_t size);
int fuzz_store (const uint8_t *data, size_t size);

#define LLVMFuzzerTestOneInput fuzz_extract
#include "fuzz/fuzz-extract.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_jsonl
#define take jsonl_take
#define ignore jsonl_ignore
#include "fuzz/fuzz-jsonl.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_text
#include "fuzz/fuzz-text.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_html
#include "fuzz/fuzz-html.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_store
#include "fuzz/fuzz-store.c"
#undef LLVMFuzzerTestOneInput

typedef int (*Target) (const uint8_t *data, size_t size);

static void
replay (const char *corpus, Target target)
{
  g_autofree char *dir = g_build_filename (DG_SOURCE_DIR, "tests", "fuzz", "corpus", corpus, NULL);
  GDir *d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  guint n = 0;
  const char *name;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize len;
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      target ((const uint8_t *) data, len);
      n++;
    }
  g_dir_close (d);
  g_assert_cmpuint (n, >, 0);
  g_test_message ("%u inputs", n);
}

static void
test_extract (void)
{
  replay ("extract", fuzz_extract);
}

static void
test_jsonl (void)
{
  replay ("jsonl", fuzz_jsonl);
}

static void
test_text (void)
{
  replay ("text", fuzz_text);
}

static void
test_html (void)
{
  replay ("html", fuzz_html);
}

static void
test_store (void)
{
  replay ("store", fuzz_store);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fuzz/extract/corpus", test_extract);
  g_test_add_func ("/fuzz/jsonl/corpus", test_jsonl);
  g_test_add_func ("/fuzz/text/corpus", test_text);
  g_test_add_func ("/fuzz/html/corpus", test_html);
  g_test_add_func ("/fuzz/store/corpus", test_store);
  return g_test_run ();
}
