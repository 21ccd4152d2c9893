/* test-ui-list-import.c — the List's import in the real window, and its
 * toast's Undo over records the import updated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "nudge-list-view.h"
#include "nudge-store.h"
#include "nudge-store-private.h"
#include "nudge-test-core.h"
#include "nudge-window.h"
#include "nudge-test-ui.h"

typedef NudgeTestListWindow Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gint64 hotel;

  nudge_test_book_open_at (&f->book, "ui-list-import", 1772442000); /* 2026-03-02 10:00 in Prague */

  hotel = nudge_test_add_company (f->book.store, "name", "Hotel Praha", "website", "https://hotelpraha.cz",
                                  "phone", "224 000 000", NULL);
  nudge_test_add_contact (f->book.store, "name", "Jana Nováková", "email", "jana@hotelpraha.cz",
                          "phone", "777 123 456", "title", "Buyer", "notes", "Met at the fair",
                          "company-id", hotel, NULL);
  nudge_test_add_contact (f->book.store, "name", "Petr Svoboda", "email", "petr@stavby.cz",
                          "phone", "602 111 222", NULL);

  f->window = nudge_test_list_window (f->book.store, NUDGE_ENTITY_CONTACT, &f->view);
}

/* Imports the sheet @csv as @entity records from the List, on a
 * worker, to its end. */
static void
import_sheet (Fixture     *f,
              NudgeEntity  entity,
              const char  *csv)
{
  g_autofree char *path = g_build_filename (f->book.dir, "sheet.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  NudgeTestImport outcome = { 0 };

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  nudge_list_view_set_import_done_hook (f->view, nudge_test_import_done_cb, &outcome);
  nudge_list_view_import_file_async (f->view, entity, file);
  nudge_test_wait_import (&outcome, 60);
  g_assert_true (outcome.ok);
  g_assert_no_error (outcome.error);
  nudge_list_view_set_import_done_hook (f->view, NULL, NULL);
  nudge_test_spin (200);
  g_unlink (path);
}

/* Whether the window shows a toast's Undo (a toast slides in once the
 * one before it has gone) */
static gboolean
undo_shown (gpointer window)
{
  return nudge_test_find_button (window, "_Undo") != NULL;
}

/* Clicks the Undo of the import's toast, once it has slid in, as a
 * person does (one clicked sooner is held until then, and would take
 * the next import's toast away with it). */
static void
click_undo (Fixture *f)
{
  nudge_test_wait_until (undo_shown, f->window);
  nudge_test_spin (800);
  g_assert_true (nudge_test_click_button (GTK_WIDGET (f->window), "_Undo"));
}

/* A sheet imported over the book from the List, and what the book then
 * holds */
typedef struct
{
  NudgeEntity  entity;
  const char  *csv;
  const char  *toast;
  const char  *updated;    /* SQL: 1 once the sheet is in */
} Sheet;

/* The wrong sheet imported over the book's people (a new person and
 * company too) or its company: the toast's Undo puts every one of them
 * back as it was, and what the sheet added goes to the trash. */
static void
test_undo_updates (Fixture       *f,
                   gconstpointer  data)
{
  const Sheet *sheet = data;
  g_autofree char *before = nudge_test_book_rows (f->book.store);
  g_autofree char *after = NULL;

  import_sheet (f, sheet->entity, sheet->csv);
  nudge_test_wait_label (GTK_WIDGET (f->window), sheet->toast);
  g_assert_cmpint (nudge_store_lookup (f->book.store, sheet->updated, 0, NULL, NULL), ==, 1);

  click_undo (f);
  nudge_test_wait_book_int (f->book.store, sheet->updated, 0);
  nudge_test_spin (200);
  after = nudge_test_book_rows (f->book.store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (nudge_list_view_get_model (f->view, NUDGE_ENTITY_CONTACT)), ==, 2);
}

static const Sheet people_sheet = {
  NUDGE_ENTITY_CONTACT,
  "Name,E-mail,Phone,Company,Job title,Notes\n"
  "Jana Nováková,jana@hotelpraha.cz,777 999 000,Hotel Praha,Head of purchasing,Wants a demo\n"
  "Petr Svoboda,petr.svoboda@example.com,602 111 222,,,\n"
  "Eva Malá,eva@novafirma.cz,,Nová firma,,\n",
  "1 contact imported, 1 new company, 2 updated",
  "SELECT COUNT(*) FROM contact WHERE phone = '777 999 000'",
};

static const Sheet company_sheet = {
  NUDGE_ENTITY_COMPANY,
  "Name,Website,Phone\nHotel Praha,https://hotel-praha.com,224 999 999\n",
  "0 companies imported, 1 updated",
  "SELECT COUNT(*) FROM company WHERE website = 'https://hotel-praha.com'",
};

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "undo-contacts-updated", NUDGE_TEST_FUNC (test_undo_updates), &people_sheet },
    { "undo-company-updated", NUDGE_TEST_FUNC (test_undo_updates), &company_sheet },
  };

  nudge_test_ui_init (&argc, &argv, NULL);

  nudge_test_add_table ("/ui/list-import/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);

  return g_test_run ();
}
