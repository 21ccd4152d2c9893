/* bench-import.c — how long a big CSV import takes
 *
 * Writes a CSV of --contacts contacts (default 100,000) working at
 * --companies companies (default 20,000), the way Excel saves it in Czech
 * (";" between fields), and prints the time nudge_import_csv() takes to
 * add them all to an empty book in one transaction, companies included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "nudge-import.h"
#include "nudge-store.h"

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autoptr(GString) csv = g_string_new ("Name;E-mail;Phone;Company;Job title\n");
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  NudgeImportResult result = { 0 };
  int n_contacts = 100000, n_companies = 20000;
  GOptionEntry entries[] = {
    { "contacts", 0, 0, G_OPTION_ARG_INT, &n_contacts, "Contacts in the file", "N" },
    { "companies", 0, 0, G_OPTION_ARG_INT, &n_companies, "Companies they work at", "N" },
    { NULL }
  };
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_contacts < 1 || n_companies < 1)
    {
      g_printerr ("%s\n", error ? error->message : "counts must be positive");
      return 2;
    }

  for (int i = 0; i < n_contacts; i++)
    g_string_append_printf (csv, "Kontakt %d Novák;kontakt%d@example.cz;+420 600 %03d %03d;Firma %d s.r.o.;Nákupčí\n",
                            i, i, i % 1000, i % 997, i % n_companies);

  dir = g_dir_make_tmp ("nudge-bench-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "nudge.db", NULL);
  store = nudge_store_open (path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  if (!nudge_import_csv (store, NUDGE_ENTITY_CONTACT, csv->str, csv->len, "CZK", &result, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("Imported %u contacts and %u new companies from a %.1f MB CSV in %.2f s\n",
          result.n_records, result.n_companies_added, csv->len / 1e6,
          (g_get_monotonic_time () - start) / 1e6);
  nudge_import_result_clear (&result);

  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);
  return 0;
}
