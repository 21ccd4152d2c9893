/* fuzz-vcard.c — the vCard import: any bytes after BEGIN:VCARD, all or
 * nothing; what was imported exports and reads back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "nudge-import.h"
#include "nudge-store-private.h"
#include "nudge-vcard.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  NudgeStore *store = fuzz_store ();
  NudgeImportResult result = { 0 };
  g_autoptr(GString) text = NULL;
  gboolean imported;

  if (size > 64 * 1024)
    return 0;
  /* Inputs that are not a vCard would go to the CSV reader. */
  text = g_string_new (nudge_vcard_detect ((const char *) data, size) ? "" : "BEGIN:VCARD\r\n");
  g_string_append_len (text, (const char *) data, size);
  imported = nudge_import_csv (store, NUDGE_ENTITY_CONTACT, text->str, text->len, "CZK", &result, NULL);
  nudge_import_result_clear (&result);

  if (imported)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *exported = NULL;
      gsize length = 0;

      /* abort(), not g_error(): libFuzzer keeps the input of an abort */
      if (!(exported = nudge_vcard_export (store, NULL, &length, &error)))
        {
          g_printerr ("export after a good import: %s\n", error->message);
          abort ();
        }
      if (!nudge_import_csv (store, NUDGE_ENTITY_CONTACT, exported, length, "CZK", &result, &error))
        {
          g_printerr ("the export does not read back: %s\n%s\n", error->message, exported);
          abort ();
        }
      nudge_import_result_clear (&result);
      /* One book per process: start the next input empty. */
      if (!nudge_store_exec (store, "DELETE FROM contact_channel; DELETE FROM contact; DELETE FROM company", &error))
        g_error ("%s", error->message);
    }
  return 0;
}
