/* fuzz-eml.c — any bytes as an .eml or an mbox: read without a crash,
 * every message logged (or skipped) with valid UTF-8, and a second log
 * of the same messages adds nothing; dropped on the window, the people
 * no contact has an address of can be added, and that Undo takes back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "nudge-eml.h"
#include "nudge-store-private.h"

static gboolean
check_message (NudgeEmlMessage *m)
{
  if (!g_utf8_validate (m->subject, -1, NULL) || !g_utf8_validate (m->body, -1, NULL) ||
      !g_utf8_validate (m->from, -1, NULL) || !g_utf8_validate (m->message_id, -1, NULL) ||
      *m->message_id == '\0')
    return FALSE;
  for (guint i = 0; m->recipients[i] != NULL; i++)
    if (!g_utf8_validate (m->recipients[i], -1, NULL))
      return FALSE;
  return TRUE;
}

/* The drop on the window: who is not in the book is noted with an
 * address a contact can have, adding them succeeds, and Undo works. */
static void
check_strangers (NudgeStore         *store,
                 const uint8_t      *data,
                 size_t              size,
                 const char * const *own)
{
  g_autofree char *path = g_build_filename (fuzz_dir, "drop.eml", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  NudgeEmlResult loose = { 0 }, again = { 0 };
  NudgeEmlTarget target = { own, 0, 0 };

  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    return;
  file = g_file_new_for_path (path);
  if (!nudge_eml_import_files (store, &file, 1, &target, NULL, &loose, NULL))
    {
      nudge_eml_result_clear (&loose);
      return;
    }
  for (guint i = 0; loose.strangers != NULL && i < loose.strangers->len; i++)
    {
      NudgeEmlStranger *stranger = g_ptr_array_index (loose.strangers, i);

      if (!nudge_check_email (stranger->address, NULL) || !g_utf8_validate (stranger->name, -1, NULL))
        {
          g_printerr ("stranger %u has no address a contact can have\n", i);
          abort ();
        }
    }
  if (loose.strangers != NULL &&
      (!nudge_eml_add_strangers (store, loose.strangers, loose.unmatched, &file, 1, &target, NULL, &again, added,
                                 &error) ||
       added->len != loose.strangers->len))
    {
      g_printerr ("adding %u people failed: %s\n", loose.strangers->len, error != NULL ? error->message : "");
      abort ();
    }
  if (!nudge_eml_unlog (store, again.activity_ids != NULL ? again.activity_ids : added, added, &error) ||
      !nudge_eml_unlog (store, loose.activity_ids, NULL, &error))
    {
      g_printerr ("undo failed: %s\n", error->message);
      abort ();
    }
  nudge_eml_result_clear (&loose);
  nudge_eml_result_clear (&again);
  g_unlink (path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *const own[] = { "petra@mojefirma.cz", NULL };
  NudgeStore *store = fuzz_store ();
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  NudgeEmlResult first = { 0 }, second = { 0 };
  gint64 contact;

  if (size > 256 * 1024)
    return 0;
  messages = nudge_eml_parse ((const char *) data, size, NULL);
  if (messages == NULL)
    return 0;

  check_strangers (store, data, size, own);
  if (!nudge_store_exec (store, "INSERT INTO contact (name, email, created_at, updated_at)"
                                " VALUES ('Jan', 'jan@firma.cz', 0, 0)", &error))
    g_error ("%s", error->message);
  contact = sqlite3_last_insert_rowid (nudge_store_get_db (store));
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < messages->len; i++)
      {
        NudgeEmlMessage *m = g_ptr_array_index (messages, i);

        /* abort(), not g_error(): libFuzzer keeps the input of an abort */
        if (!check_message (m))
          {
            g_printerr ("message %u is not valid UTF-8\n", i);
            abort ();
          }
        if (!nudge_eml_log_message (store, m, &(NudgeEmlTarget) { own, 0, contact }, pass == 0 ? &first : &second, &error))
          {
            g_printerr ("message %u could not be logged: %s\n", i, error->message);
            abort ();
          }
      }
  if (first.n_logged + first.n_duplicates != messages->len || second.n_logged != 0)
    {
      g_printerr ("logged %u + %u duplicates of %u, then %u again\n",
                  first.n_logged, first.n_duplicates, messages->len, second.n_logged);
      abort ();
    }
  nudge_eml_result_clear (&first);
  nudge_eml_result_clear (&second);
  /* One book per process: start the next input empty. */
  if (!nudge_store_exec (store, "DELETE FROM activity; DELETE FROM contact", &error))
    g_error ("%s", error->message);
  return 0;
}
