/* fuzz-main.c — runs a fuzz target over files, without libFuzzer
 *
 * The ordinary build links each target with this driver and replays the
 * seed corpus as a test, so an input that once crashed stays fixed. With
 * -Dfuzzing=true (clang) the targets link libFuzzer instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
run_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
}

int
main (int argc, char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          const char *name;

          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *path = g_build_filename (argv[i], name, NULL);
              run_file (path);
              n++;
            }
        }
      else
        {
          run_file (argv[i]);
          n++;
        }
    }
  g_print ("%u inputs ran\n", n);
  return n > 0 ? 0 : 1;
}
