/* fuzz-search.c — the search box: any text, pasted or typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  NudgeStore *store = fuzz_store ();
  g_autofree char *text = g_strndup ((const char *) data, MIN (size, 8192));
  static gboolean seeded;

  if (!seeded)
    {
      g_autoptr(NudgeContact) c = nudge_contact_new ();

      g_object_set (c, "name", "Jana Nováková", "email", "jana.novakova@example.cz", NULL);
      nudge_store_save_contact (store, c, NULL);
      seeded = TRUE;
    }
  for (NudgeEntity e = NUDGE_ENTITY_COMPANY; e <= NUDGE_ENTITY_DEAL; e++)
    {
      g_autoptr(GArray) ids = nudge_store_search (store, e, text, 20, NULL);
    }
  return 0;
}
