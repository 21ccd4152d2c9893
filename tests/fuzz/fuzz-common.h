/* fuzz-common.h — what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "nudge-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *fuzz_dir;

static void
fuzz_cleanup (void)
{
  g_autoptr(GDir) dir = g_dir_open (fuzz_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fuzz_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fuzz_dir);
}

/* One book per process, in a temporary folder removed at exit. */
static G_GNUC_UNUSED NudgeStore *
fuzz_store (void)
{
  static NudgeStore *store;

  if (store == NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv ("TZ", "Europe/Prague", TRUE);
      fuzz_dir = g_dir_make_tmp ("nudge-fuzz-XXXXXX", NULL);
      path = g_build_filename (fuzz_dir, "fuzz.db", NULL);
      store = nudge_store_open (path, &error);
      if (store == NULL)
        g_error ("%s", error->message);
      atexit (fuzz_cleanup);
    }
  return store;
}
