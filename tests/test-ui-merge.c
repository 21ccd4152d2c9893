/* test-ui-merge.c — merging two duplicates from the List, and Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-format.h"
#include "nudge-list-view.h"
#include "nudge-merge-dialog.h"
#include "nudge-store.h"
#include "nudge-store-private.h"
#include "nudge-window.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"

typedef struct
{
  NudgeTestBook  book;
  NudgeWindow   *window;
  NudgeListView *view;
  gint64         typed;     /* Jan Novák, typed in first */
  gint64         imported;  /* Jan Novak, imported later */
  gint64         deal;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  nudge_test_book_open_at (&f->book, "ui-merge", 1772442000); /* 2026-03-02 10:00 in Prague */

  f->typed = nudge_test_add_contact (f->book.store, "name", "Jan Novák", "email", "jan@firma.cz", "title", "", NULL);
  nudge_clock_pin (1772442000 + 3600);
  f->imported = nudge_test_add_contact (f->book.store, "name", "Jan Novak", "email", "jan.novak@gmail.com",
                                        "title", "Purchasing manager", NULL);
  nudge_test_add_contact (f->book.store, "name", "Piotr Kowalski", "email", "piotr@krakowsoft.pl", "title", "", NULL);
  f->deal = nudge_test_add_deal (f->book.store, "title", "Hotel Praha renovation", "contact-id", f->imported, NULL);
  nudge_test_add_activity (f->book.store, "kind", "call", "occurred-at", (gint64) 1772442000,
                           "contact-id", f->imported, "summary", "Asked for the price list", NULL);

  f->window = nudge_test_list_window (f->book.store, NUDGE_ENTITY_CONTACT, &f->view);
}

static gboolean
is_check_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

/* List → Merge Two Duplicates… on the first two contacts. */
static GtkWidget *
open_merge_dialog (Fixture *f)
{
  GtkWidget *dialog;

  gtk_selection_model_select_range (nudge_list_view_get_selection (f->view, NUDGE_ENTITY_CONTACT), 0, 2, TRUE);
  nudge_test_spin (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.merge", NULL));
  nudge_test_spin (300);
  dialog = GTK_WIDGET (nudge_test_find_toplevel (NUDGE_TYPE_MERGE_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

static void
test_merge_undo (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *contacts = nudge_list_view_get_model (f->view, NUDGE_ENTITY_CONTACT);
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(NudgeContact) merged = NULL;
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeContact) back = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  /* Sorted by name: Jan Novak, Jan Novák, Piotr Kowalski. */
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 3);

  /* One selected, or three: nothing to merge. */
  gtk_selection_model_select_item (nudge_list_view_get_selection (f->view, NUDGE_ENTITY_CONTACT), 0, TRUE);
  nudge_test_spin (50);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "list.merge", NULL);
  nudge_test_spin (100);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_MERGE_DIALOG));
  gtk_selection_model_select_all (nudge_list_view_get_selection (f->view, NUDGE_ENTITY_CONTACT));
  nudge_test_spin (50);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "list.merge", NULL);
  nudge_test_spin (100);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_MERGE_DIALOG));

  dialog = open_merge_dialog (f);
  nudge_test_save_shot (dialog, "merge-dialog.png");

  /* Name and job title differ: the newer name and the only title are
   * offered. The person keeps the name with the accent. */
  checks = nudge_test_find_all (dialog, is_check_button, NULL);
  g_assert_cmpuint (checks->len, ==, 4);
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 1)));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 3)));
  gtk_widget_activate (g_ptr_array_index (checks, 0));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 1)));

  g_assert_true (nudge_test_click_button (dialog, "_Merge"));
  nudge_test_spin (300);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_MERGE_DIALOG));

  g_assert_null (nudge_store_get_contact (f->book.store, f->imported, NULL));
  merged = nudge_store_get_contact (f->book.store, f->typed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_contact_get_name (merged), ==, "Jan Novák");
  g_assert_cmpstr (nudge_contact_get_title (merged), ==, "Purchasing manager");
  history = nudge_store_list_activities (f->book.store, NUDGE_ENTITY_CONTACT, f->typed, &error);
  g_assert_cmpuint (history->len, ==, 1);
  deal = nudge_store_get_deal (f->book.store, f->deal, &error);
  g_assert_cmpint (nudge_deal_get_contact_id (deal), ==, f->typed);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 2);

  /* The toast names the survivor and undoes it all. */
  g_assert_true (nudge_test_click_button (GTK_WIDGET (f->window), "_Undo"));
  nudge_test_spin (300);
  back = nudge_store_get_contact (f->book.store, f->imported, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_contact_get_title (back), ==, "Purchasing manager");
  g_clear_object (&merged);
  merged = nudge_store_get_contact (f->book.store, f->typed, &error);
  g_assert_cmpstr (nudge_contact_get_title (merged), ==, "");
  g_clear_object (&deal);
  deal = nudge_store_get_deal (f->book.store, f->deal, &error);
  g_assert_cmpint (nudge_deal_get_contact_id (deal), ==, f->imported);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 3);
}

/* Each record's notes within the limit, both together past it: the
 * merge is refused in a dialog that says why, names the limit and what
 * to do; both contacts stay as they were. */
static void
test_notes_too_long (Fixture       *f,
                     gconstpointer  data)
{
  /* Each a different 60,000 characters. */
  g_autofree char *sql = g_strdup_printf ("UPDATE contact SET notes = printf('%%.60000c', char(64 + id)) WHERE id IN (%"
                                          G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", f->typed, f->imported);
  g_autoptr(NudgeContact) typed = NULL;
  g_autoptr(NudgeContact) imported = NULL;
  GtkWidget *dialog;
  GtkWindow *refusal;

  g_assert_true (nudge_store_exec (f->book.store, sql, NULL));
  dialog = open_merge_dialog (f);
  g_assert_true (nudge_test_click_button (dialog, "_Merge"));
  nudge_test_spin (300);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_MERGE_DIALOG));

  refusal = nudge_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (refusal);
  nudge_test_save_shot (GTK_WIDGET (refusal), "merge-refused.png");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (refusal)), ==, "Not Merged");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (refusal)), "notes"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (refusal)), "at most 100000"));
  gtk_window_destroy (refusal);

  typed = nudge_store_get_contact (f->book.store, f->typed, NULL);
  imported = nudge_store_get_contact (f->book.store, f->imported, NULL);
  g_assert_nonnull (typed);
  g_assert_nonnull (imported);
  g_assert_cmpint (g_utf8_strlen (nudge_contact_get_notes (typed), -1), ==, 60000);
  g_assert_cmpint (g_utf8_strlen (nudge_contact_get_notes (imported), -1), ==, 60000);
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
is_row_from (GtkWidget     *widget,
             gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), data) == 0;
}

/* The merge dialog on @first and @second, its summary checked to hold
 * @says, and each choice said to come from @first_from or @second_from. */
static void
check_told_apart (Fixture    *f,
                  gint64      first,
                  gint64      second,
                  const char *says,
                  const char *first_from,
                  const char *second_from)
{
  NudgeContext *context = nudge_test_context (f->book.store, NULL);  /* dropped when idle */
  NudgeMergeDialog *dialog = nudge_merge_dialog_present (GTK_WINDOW (f->window), context, NUDGE_ENTITY_CONTACT,
                                                         first, second);

  g_assert_nonnull (dialog);
  nudge_test_spin (100);
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (dialog), NUDGE_TEST_ANY, is_label_containing, says));
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (dialog), NUDGE_TEST_ANY, is_row_from, first_from));
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (dialog), NUDGE_TEST_ANY, is_row_from, second_from));
  gtk_window_destroy (GTK_WINDOW (dialog));
  nudge_test_spin (50);
}

/* Duplicates mostly share their name: each is named with a detail of its
 * own — its e-mail, else its phone; the day it was added where those are
 * the same — so the choices say which record a value comes from. */
static void
test_same_name (Fixture       *f,
                gconstpointer  data)
{
  gint64 mailed;
  gint64 phoned;
  gint64 again;
  g_autofree char *mailed_day = NULL;
  g_autofree char *again_day = NULL;
  g_autofree char *mailed_from = NULL;
  g_autofree char *again_from = NULL;

  nudge_clock_pin (1772442000 + 86400);
  mailed = nudge_test_add_contact (f->book.store, "name", "Eva Černá", "email", "eva@lazne.cz",
                                   "title", "Buyer", NULL);
  phoned = nudge_test_add_contact (f->book.store, "name", "Eva Černá", "phone", "+420 606 835 531",
                                   "title", "Director", NULL);
  nudge_clock_pin (1772442000 + 5 * 86400);
  again = nudge_test_add_contact (f->book.store, "name", "Eva Černá", "email", "eva@lazne.cz",
                                  "title", "Owner", NULL);

  check_told_apart (f, mailed, phoned, "“Eva Černá (eva@lazne.cz)” and “Eva Černá (+420 606 835 531)”",
                    "From “Eva Černá (eva@lazne.cz)”", "From “Eva Černá (+420 606 835 531)”");

  mailed_day = nudge_format_date (1772442000 + 86400);
  again_day = nudge_format_date (1772442000 + 5 * 86400);
  mailed_from = g_strdup_printf ("From “Eva Černá (added %s)”", mailed_day);
  again_from = g_strdup_printf ("From “Eva Černá (added %s)”", again_day);
  check_told_apart (f, mailed, again, "Eva Černá (added ", mailed_from, again_from);

  /* Names that differ are enough. */
  check_told_apart (f, f->typed, f->imported, "“Jan Novák” and “Jan Novak” become one contact",
                    "From “Jan Novák”", "From “Jan Novak”");
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "contacts-undo", NUDGE_TEST_FUNC (test_merge_undo) },
    { "notes-too-long", NUDGE_TEST_FUNC (test_notes_too_long) },
    { "same-name", NUDGE_TEST_FUNC (test_same_name) },
  };

  nudge_test_ui_init (&argc, &argv, NULL);

  nudge_test_add_table ("/ui/merge/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);

  return g_test_run ();
}
