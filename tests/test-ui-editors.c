/* test-ui-editors.c — creating and editing records through the forms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nudge-activity-dialog.h"
#include "nudge-activity-log.h"
#include "nudge-clock.h"
#include "nudge-date-time-entry.h"
#include "nudge-demo.h"
#include "nudge-followups.h"
#include "nudge-import.h"
#include "nudge-record-editor.h"
#include "nudge-record-picker.h"
#include "nudge-record-window.h"
#include "nudge-timeline.h"
#include "nudge-list-view.h"
#include "nudge-window.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"

typedef struct
{
  char       *dir;
  char       *path;
  NudgeStore *store;
  GtkWidget  *parent;
  /* The editor of a new record when the test's data names its entity
   * (&new_deal, &new_contact); NULL once it is gone */
  NudgeRecordEditor *editor;
} Fixture;

static const NudgeEntity new_deal = NUDGE_ENTITY_DEAL;
static const NudgeEntity new_contact = NUDGE_ENTITY_CONTACT;

/* Opens the editor of @entity @id (0: a new record) over the test's
 * window; *@editor is cleared once it is gone. */
static void
open_editor (Fixture            *f,
             NudgeEntity         entity,
             gint64              id,
             NudgeRecordEditor **editor)
{
  *editor = nudge_record_editor_present (GTK_WINDOW (f->parent), nudge_test_context (f->store, NULL), entity, id);
  g_object_add_weak_pointer (G_OBJECT (*editor), (gpointer *) editor);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = nudge_test_book_open ("ui-editors", &f->dir, &f->path);
  f->parent = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (f->parent));
  if (data != NULL)
    open_editor (f, *(const NudgeEntity *) data, 0, &f->editor);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  nudge_test_close (GTK_WIDGET (f->parent), &f->store, &f->dir, &f->path);
}

/* Opens the page of @entity @id over the test's window and checks that
 * it shows every label of @shown and none of @hidden (NULL-ended, either
 * may be NULL). */
static NudgeRecordWindow *
open_card (Fixture            *f,
           NudgeEntity         entity,
           gint64              id,
           const char * const *shown,
           const char * const *hidden)
{
  NudgeRecordWindow *card = nudge_record_window_present (GTK_WINDOW (f->parent),
                                                         nudge_test_context (f->store, NULL), entity, id);

  nudge_test_spin (100);
  for (guint i = 0; shown != NULL && shown[i] != NULL; i++)
    if (nudge_test_find_label (GTK_WIDGET (card), shown[i]) == NULL)
      g_error ("the page does not show “%s”", shown[i]);
  for (guint i = 0; hidden != NULL && hidden[i] != NULL; i++)
    if (nudge_test_find_label (GTK_WIDGET (card), hidden[i]) != NULL)
      g_error ("the page shows “%s”", hidden[i]);
  return card;
}

/* Save is refused: the editor stays, saying @reason. */
static void
assert_refused (Fixture    *f,
                const char *reason)
{
  g_assert_cmpint (nudge_record_editor_save (f->editor), ==, 0);
  g_assert_nonnull (f->editor);
  g_assert_nonnull (strstr (nudge_record_editor_get_error (f->editor), reason));
}

/* Save is taken: returns the record's id once the editor is gone. */
static gint64
save_and_close (Fixture *f)
{
  gint64 id = nudge_record_editor_save (f->editor);

  g_assert_cmpint (id, >, 0);
  nudge_test_spin (50);
  nudge_test_wait_gone ((gpointer *) &f->editor);
  return id;
}

static void
test_create_deal (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) deals = NULL;
  NudgeDeal *deal;

  /* A screen reader entering the form hears what it is, not "GtkListBox". */
  gtk_test_accessible_assert_property (nudge_test_find_widget (GTK_WIDGET (f->editor), GTK_TYPE_LIST_BOX),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "New Deal");

  nudge_record_editor_set_field (f->editor, "title", "Fleet tracking, 25 vans");
  nudge_record_editor_set_field (f->editor, "company", "Kovárna Brno s.r.o.");
  nudge_record_editor_set_field (f->editor, "contact", "Petra Dvořáková");
  nudge_record_editor_set_field (f->editor, "currency", "CZK");

  /* Not an amount: refused, the form stays, nothing is written. */
  nudge_record_editor_set_field (f->editor, "amount", "twelve thousand");
  assert_refused (f, "is not an amount");
  g_assert_cmpuint (nudge_test_count_deals (f->store), ==, 0);
  g_assert_cmpint (nudge_store_find_company_by_name (f->store, "Kovárna Brno s.r.o."), ==, 0);

  nudge_record_editor_set_field (f->editor, "amount", "12 500,50");
  save_and_close (f);

  deals = nudge_store_list_deals (f->store, NULL);
  g_assert_cmpuint (deals->len, ==, 1);
  deal = g_ptr_array_index (deals, 0);
  g_assert_cmpint (nudge_deal_get_amount_minor (deal), ==, 1250050);
  g_assert_cmpstr (nudge_deal_get_currency (deal), ==, "CZK");
  g_assert_cmpstr (nudge_deal_get_company_name (deal), ==, "Kovárna Brno s.r.o.");
  g_assert_cmpstr (nudge_deal_get_contact_name (deal), ==, "Petra Dvořáková");
  g_assert_cmpstr (nudge_deal_get_stage_name (deal), ==, "Lead in");

  /* Found by search, as the List view finds it. */
  {
    g_autoptr(GError) search_error = NULL;
    g_autoptr(GArray) hits = nudge_store_search (f->store, NUDGE_ENTITY_DEAL, "kovarna flee", 0, &search_error);
    g_assert_no_error (search_error);
    g_assert_nonnull (hits);
    g_assert_cmpuint (hits->len, ==, 1);
  }
}

/* An amount typed with its currency, as sellers write it, is saved as
 * that amount; another currency's sign is said, not saved as crowns. */
static void
test_amount_with_currency (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) deals = NULL;

  nudge_record_editor_set_field (f->editor, "title", "Website redesign");
  nudge_record_editor_set_field (f->editor, "currency", "CZK");
  nudge_record_editor_set_field (f->editor, "amount", "4 000 €");
  assert_refused (f, "is in EUR, not in CZK");
  g_assert_cmpuint (nudge_test_count_deals (f->store), ==, 0);

  nudge_record_editor_set_field (f->editor, "amount", "12 500,- Kč");
  save_and_close (f);
  deals = nudge_store_list_deals (f->store, NULL);
  g_assert_cmpuint (deals->len, ==, 1);
  g_assert_cmpint (nudge_deal_get_amount_minor (g_ptr_array_index (deals, 0)), ==, 1250000);
  g_assert_cmpstr (nudge_deal_get_currency (g_ptr_array_index (deals, 0)), ==, "CZK");
}

/* A phone without a digit and an address no mail reaches are said while
 * typing, and not saved. */
static void
test_contact_phone_and_email (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = NULL;

  nudge_record_editor_set_field (f->editor, "name", "Jan Horák");
  nudge_record_editor_set_field (f->editor, "phone", "---");
  assert_refused (f, "is not a phone number");

  nudge_record_editor_set_field (f->editor, "phone", "+420 603 123 456");
  nudge_record_editor_set_field (f->editor, "email", "jan@horak.");
  assert_refused (f, "is not an e-mail address");
  contacts = nudge_store_list_contacts (f->store, NULL);
  g_assert_cmpuint (contacts->len, ==, 0);

  nudge_record_editor_set_field (f->editor, "email", "jan@horak.cz");
  save_and_close (f);
}

static void
test_huge_notes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *notes = g_malloc (10 * 1024 * 1024 + 1);
  g_autoptr(GPtrArray) contacts = NULL;

  memset (notes, 'x', 10 * 1024 * 1024);
  notes[10 * 1024 * 1024] = '\0';
  nudge_record_editor_set_field (f->editor, "name", "Олена Шевченко");
  nudge_record_editor_set_field (f->editor, "notes", notes);
  assert_refused (f, "too long");
  contacts = nudge_store_list_contacts (f->store, NULL);
  g_assert_cmpuint (contacts->len, ==, 0);
  nudge_test_set_busy_check (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (f->editor));
}

static void
test_card_and_logging (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(NudgeFollowup) call = nudge_followup_new ();
  g_autoptr(NudgeFollowup) after = NULL;
  g_autoptr(NudgeActivityLog) logged = NULL;
  g_autoptr(GError) error = NULL;
  NudgeRecordWindow *card;
  gint64 deal_id = nudge_test_add_deal (f->store, "title", "ERP upgrade", "currency", "PLN", NULL);
  gint64 followup_id;

  g_object_set (call, "title", "Call about the offer", "kind", "call", "deal-id", deal_id,
                "due-at", nudge_clock_now () - 3600, "tzid", "Europe/Prague", NULL);
  followup_id = nudge_store_save_followup (f->store, call, &error);
  g_assert_no_error (error);

  card = open_card (f, NUDGE_ENTITY_DEAL, deal_id,
                    (const char *[]) { "Call about the offer", "Created in Lead in", NULL }, NULL);

  /* Logging the call closes the follow-up that asked for it, and the
   * card shows it in the history. */
  logged = nudge_activity_log_add (f->store, deal_id, 0, "call", FALSE, nudge_clock_now (),
                                   "Agreed on a demo next week", &error);
  g_assert_nonnull (logged);
  g_assert_no_error (error);
  nudge_test_spin (400);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (card), "Agreed on a demo next week"));
  after = nudge_store_get_followup (f->store, followup_id, &error);
  g_assert_cmpstr (nudge_followup_get_status (after), ==, "done");
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (card), "No next step"));

  /* Opening it again raises the same card. */
  g_assert_true (nudge_record_window_present (GTK_WINDOW (f->parent), nudge_test_context (f->store, NULL),
                                              NUDGE_ENTITY_DEAL, deal_id) == card);
  nudge_test_set_busy_check (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (card));
}

/* A company's page lists its own contacts and deals, read through their
 * indexes, the first hundred of them and how many more; a contact's page
 * its own deals. */
static void
test_related_records (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  NudgeRecordWindow *card;
  gint64 company_id = nudge_test_add_named_company (f->store, "Kovo Brno");
  gint64 other_id = nudge_test_add_named_company (f->store, "Textil Zlín");
  gint64 first_contact = 0;

  g_assert_true (nudge_store_begin (f->store, &error));
  for (guint i = 0; i < 105; i++)
    {
      g_autoptr(NudgeContact) contact = nudge_contact_new ();
      g_autofree char *name = g_strdup_printf ("Worker %03u", i);
      gint64 id;

      g_object_set (contact, "name", name, "company-id", company_id, NULL);
      id = nudge_store_save_contact (f->store, contact, &error);
      g_assert_cmpint (id, >, 0);
      first_contact = first_contact ? first_contact : id;
    }
  nudge_test_add_contact (f->store, "name", "Stranger", "company-id", other_id, NULL);
  nudge_test_add_deal (f->store, "title", "Lathes", "company-id", company_id, "contact-id", first_contact, NULL);
  nudge_test_add_deal (f->store, "title", "Looms", "company-id", other_id, NULL);
  g_assert_true (nudge_store_commit (f->store, &error));

  card = open_card (f, NUDGE_ENTITY_COMPANY, company_id,
                    (const char *[]) { "Worker 000", "Worker 099", "And 5 more", "Lathes", NULL },
                    (const char *[]) { "Worker 100", "Stranger", "Looms", NULL });
  gtk_window_destroy (GTK_WINDOW (card));

  card = open_card (f, NUDGE_ENTITY_CONTACT, first_contact,
                    (const char *[]) { "Lathes", NULL }, (const char *[]) { "Looms", NULL });
  gtk_window_destroy (GTK_WINDOW (card));
}

/* Enter, as pressed in a field: its text activates. */
static void
press_enter (GtkWidget *field)
{
  GtkWidget *text = nudge_test_find_widget (field, GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
  nudge_test_spin (500);   /* a button activated by Enter clicks after 250 ms */
}

static GPtrArray *
deal_activities (Fixture *f,
                 gint64   deal_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *activities = nudge_store_list_activities (f->store, NUDGE_ENTITY_DEAL, deal_id, &error);

  g_assert_no_error (error);
  return activities;
}

/* Bug #4: Log Activity was filled with "2026-12-03 09:00" and then
 * refused it. Now it opens on now, on the desktop's clock, and Enter
 * adds it with that time — also on a DST day in Prague; a time that is
 * not one keeps Add insensitive with the reason under the field. */
static void
test_log_activity_default_time (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 29, 7, 15, 0);   /* 09:15 CEST, the first summer day */
  g_autoptr(GPtrArray) activities = NULL;
  NudgeDateTimeEntry *when;
  GtkWindow *dialog;
  GtkWidget *add, *reason, *notes;
  gint64 deal_id;

  nudge_clock_pin (g_date_time_to_unix (now));
  deal_id = nudge_test_add_titled_deal (f->store, "Fleet tracking, 25 vans");

  nudge_activity_dialog_present (GTK_WINDOW (f->parent), nudge_test_context (f->store, NULL), deal_id, 0);
  nudge_test_spin (100);
  dialog = nudge_test_find_window_titled ("Log Activity");
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  when = NUDGE_DATE_TIME_ENTRY (nudge_test_find_widget (GTK_WIDGET (dialog), NUDGE_TYPE_DATE_TIME_ENTRY));
  g_assert_nonnull (when);
  g_assert_true (nudge_date_time_entry_get_valid (when));
  g_assert_cmpint (nudge_date_time_entry_get_unix (when), ==, g_date_time_to_unix (now));
  /* gtk_test_init() runs in en_US; the desktop's clock is 24-hour. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nudge_test_find_named (GTK_WIDGET (when), "date-entry"))), ==, "03/29/2026");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nudge_test_find_named (GTK_WIDGET (when), "time-entry"))), ==, "09:15");
  add = gtk_window_get_default_widget (dialog);
  g_assert_nonnull (add);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (add)), ==, "_Add");
  g_assert_true (gtk_widget_is_sensitive (add));
  reason = nudge_test_find_named (GTK_WIDGET (dialog), "when-reason");
  g_assert_false (gtk_widget_get_visible (reason));

  /* Not a time: Add insensitive, the reason shown, Enter adds nothing. */
  gtk_editable_set_text (GTK_EDITABLE (nudge_test_find_row (GTK_WIDGET (dialog), "Summary")), "Called about the fleet");
  nudge_date_time_entry_set_text (when, NULL, "9:75");
  g_assert_false (gtk_widget_is_sensitive (add));
  g_assert_true (gtk_widget_get_visible (reason));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (reason)), "“9:75” is not a time"));
  press_enter (nudge_test_find_row (GTK_WIDGET (dialog), "Summary"));
  g_assert_nonnull (dialog);
  activities = deal_activities (f, deal_id);
  g_assert_cmpuint (activities->len, ==, 0);
  g_clear_pointer (&activities, g_ptr_array_unref);

  /* Its own default time, typed back: Enter in the summary adds it,
   * with the notes typed below. */
  notes = nudge_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)), "Wants trackers in all 25 vans", -1);
  nudge_date_time_entry_set_text (when, NULL, "09:15");
  g_assert_true (gtk_widget_is_sensitive (add));
  g_assert_false (gtk_widget_get_visible (reason));
  press_enter (nudge_test_find_row (GTK_WIDGET (dialog), "Summary"));
  g_assert_null (dialog);
  activities = deal_activities (f, deal_id);
  g_assert_cmpuint (activities->len, ==, 1);
  g_assert_cmpint (nudge_activity_get_occurred_at (g_ptr_array_index (activities, 0)), ==, g_date_time_to_unix (now));
  g_assert_cmpstr (nudge_activity_get_summary (g_ptr_array_index (activities, 0)), ==, "Called about the fleet");
  g_assert_cmpstr (nudge_activity_get_body (g_ptr_array_index (activities, 0)), ==, "Wants trackers in all 25 vans");
  g_clear_pointer (&activities, g_ptr_array_unref);

  /* Untouched, saved with the button: exactly now. */
  nudge_activity_dialog_present (GTK_WINDOW (f->parent), nudge_test_context (f->store, NULL), deal_id, 0);
  nudge_test_spin (100);
  dialog = nudge_test_find_window_titled ("Log Activity");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate (gtk_window_get_default_widget (dialog));
  nudge_test_spin (500);
  g_assert_null (dialog);
  activities = deal_activities (f, deal_id);
  g_assert_cmpuint (activities->len, ==, 2);
  for (guint i = 0; i < activities->len; i++)
    g_assert_cmpint (nudge_activity_get_occurred_at (g_ptr_array_index (activities, i)), ==, g_date_time_to_unix (now));
  g_clear_pointer (&activities, g_ptr_array_unref);

  /* 02:30 does not exist that night: RFC 5545 reads it as 01:30 UTC. */
  nudge_activity_dialog_present (GTK_WINDOW (f->parent), nudge_test_context (f->store, NULL), deal_id, 0);
  nudge_test_spin (100);
  dialog = nudge_test_find_window_titled ("Log Activity");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  when = NUDGE_DATE_TIME_ENTRY (nudge_test_find_widget (GTK_WIDGET (dialog), NUDGE_TYPE_DATE_TIME_ENTRY));
  nudge_date_time_entry_set_text (when, NULL, "2:30");
  press_enter (nudge_test_find_named (GTK_WIDGET (when), "time-entry"));
  g_assert_null (dialog);
  activities = deal_activities (f, deal_id);
  g_assert_cmpuint (activities->len, ==, 3);
  {
    g_autoptr(GDateTime) gap = g_date_time_new_utc (2026, 3, 29, 1, 30, 0);
    gboolean found = FALSE;

    for (guint i = 0; i < activities->len; i++)
      found |= nudge_activity_get_occurred_at (g_ptr_array_index (activities, i)) == g_date_time_to_unix (gap);
    g_assert_true (found);
  }

  /* Escape closes it, as every editor, and logs nothing. */
  nudge_activity_dialog_present (GTK_WINDOW (f->parent), nudge_test_context (f->store, NULL), deal_id, 0);
  nudge_test_spin (100);
  dialog = nudge_test_find_window_titled ("Log Activity");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (nudge_test_press_shortcut (GTK_WIDGET (dialog), "Escape"));
  nudge_test_spin (100);
  g_assert_null (dialog);
  g_clear_pointer (&activities, g_ptr_array_unref);
  activities = deal_activities (f, deal_id);
  g_assert_cmpuint (activities->len, ==, 3);
  nudge_clock_unpin ();
}

static NudgeRecordEditor *find_editor (void);

/* The deal's Company offers the book's companies as one types; the one
 * picked is the one saved, not a new "Agro" beside it. A contact picked
 * brings its company. */
static void
test_name_suggestions (Fixture       *f,
                       gconstpointer  data)
{
  NudgeRecordEditor *editor;
  gint64 hana = nudge_test_add_named_company (f->store, "Agro Haná s.r.o.");
  gint64 petra;
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(GPtrArray) companies = NULL;
  GtkWidget *row;
  gint64 id;

  nudge_test_add_named_company (f->store, "Agro Lublin sp. z o.o.");
  petra = nudge_test_add_contact (f->store, "name", "Petra Dvořáková", "company-id", hana, NULL);
  open_editor (f, NUDGE_ENTITY_DEAL, 0, &editor);
  nudge_record_editor_set_field (editor, "title", "Grain dryers");
  nudge_record_editor_set_field (editor, "company", "Agro");
  for (gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       (row = nudge_test_find_row (GTK_WIDGET (editor), "Agro Haná s.r.o.")) == NULL && g_get_monotonic_time () < end;)
    nudge_test_spin (20);
  g_assert_nonnull (row);
  g_assert_nonnull (nudge_test_find_row (GTK_WIDGET (editor), "Agro Lublin sp. z o.o."));
  g_signal_emit_by_name (row, "activated");
  nudge_test_spin (50);
  g_assert_false (gtk_widget_get_visible (row));

  /* Petra works at Agro Haná: picking her fills an empty Company. */
  nudge_record_editor_set_field (editor, "company", "");
  nudge_record_editor_set_field (editor, "contact", "Petra");
  for (gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       ((row = nudge_test_find_row (GTK_WIDGET (editor), "Petra Dvořáková")) == NULL ||
        !gtk_widget_get_visible (row)) && g_get_monotonic_time () < end;)
    nudge_test_spin (20);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  nudge_test_spin (50);

  id = nudge_record_editor_save (editor);
  g_assert_cmpint (id, >, 0);
  nudge_test_wait_gone ((gpointer *) &editor);
  deal = nudge_store_get_deal (f->store, id, NULL);
  g_assert_cmpint (nudge_deal_get_company_id (deal), ==, hana);
  g_assert_cmpint (nudge_deal_get_contact_id (deal), ==, petra);
  companies = nudge_store_list_companies (f->store, NULL);
  g_assert_cmpuint (companies->len, ==, 2);
}

/* The deal's expected close: a date alone, optional, typed as the locale
 * writes it; Add waits for a valid one, with the reason under the form. */
static void
test_expected_close (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(NudgeDeal) saved = NULL;
  g_autoptr(GError) error = NULL;
  NudgeDateTimeEntry *close;
  GtkWidget *add, *reason;
  gint64 id;

  close = NUDGE_DATE_TIME_ENTRY (nudge_test_find_widget (GTK_WIDGET (f->editor), NUDGE_TYPE_DATE_TIME_ENTRY));
  g_assert_nonnull (close);
  g_assert_false (nudge_date_time_entry_get_show_time (close));
  add = gtk_window_get_default_widget (GTK_WINDOW (f->editor));
  reason = nudge_test_find_named (GTK_WIDGET (f->editor), "reason");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (add)), ==, "_Add");

  /* Empty title: not savable, said quietly. Empty date: fine. */
  g_assert_false (gtk_widget_is_sensitive (add));
  g_assert_true (gtk_widget_get_visible (reason));
  g_assert_true (gtk_widget_has_css_class (reason, "dim-label"));
  nudge_record_editor_set_field (f->editor, "title", "Warehouse scanners");
  g_assert_true (gtk_widget_is_sensitive (add));
  g_assert_false (gtk_widget_get_visible (reason));

  /* Day first is not how en_US writes it. */
  nudge_record_editor_set_field (f->editor, "expected-close", "31/12/2026");
  g_assert_false (gtk_widget_is_sensitive (add));
  g_assert_true (gtk_widget_get_visible (reason));
  g_assert_true (gtk_widget_has_css_class (reason, "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (reason)), "Expected close: “31/12/2026” is not a date"));
  g_assert_cmpint (nudge_record_editor_save (f->editor), ==, 0);
  g_assert_nonnull (f->editor);
  g_assert_cmpuint (nudge_test_count_deals (f->store), ==, 0);

  nudge_record_editor_set_field (f->editor, "expected-close", "12/31/2026");
  g_assert_true (gtk_widget_is_sensitive (add));
  id = nudge_record_editor_save (f->editor);
  g_assert_cmpint (id, >, 0);
  nudge_test_spin (50);
  nudge_test_wait_gone ((gpointer *) &f->editor);
  saved = nudge_store_get_deal (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_deal_get_expected_close (saved), ==, "2026-12-31");

  /* Editing shows it, and clearing it clears it. */
  open_editor (f, NUDGE_ENTITY_DEAL, id, &f->editor);
  close = NUDGE_DATE_TIME_ENTRY (nudge_test_find_widget (GTK_WIDGET (f->editor), NUDGE_TYPE_DATE_TIME_ENTRY));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nudge_test_find_named (GTK_WIDGET (close), "date-entry"))), ==,
                   "12/31/2026");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_window_get_default_widget (GTK_WINDOW (f->editor)))), ==,
                   "_Save");
  nudge_record_editor_set_field (f->editor, "expected-close", "");
  g_assert_cmpint (nudge_record_editor_save (f->editor), ==, id);
  nudge_test_spin (50);
  g_clear_object (&saved);
  saved = nudge_store_get_deal (f->store, id, &error);
  g_assert_cmpstr (nudge_deal_get_expected_close (saved), ==, "");
}

static NudgeRecordEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (NUDGE_IS_RECORD_EDITOR (window))
        return NUDGE_RECORD_EDITOR (window);
    }
  return NULL;
}

static void
test_edit_deal (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(NudgeDeal) saved = NULL;
  g_autoptr(GError) error = NULL;
  NudgeRecordEditor *editor;
  gint64 deal_id = nudge_test_add_deal (f->store, "title", "Warehouse scanners", "currency", "UAH", NULL);

  saved = nudge_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);

  g_assert_null (find_editor ());
  nudge_record_editor_present (GTK_WINDOW (f->parent), nudge_test_context (f->store, NULL), NUDGE_ENTITY_DEAL,
                               nudge_deal_get_id (saved));
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  /* An empty title is refused and the stored deal keeps its own. */
  nudge_record_editor_set_field (editor, "title", "");
  g_assert_cmpint (nudge_record_editor_save (editor), ==, 0);
  g_assert_nonnull (editor);

  nudge_record_editor_set_field (editor, "title", "Warehouse scanners, 40 units");
  g_assert_cmpint (nudge_record_editor_save (editor), ==, deal_id);
  nudge_test_spin (50);
  nudge_test_wait_gone ((gpointer *) &editor);
  g_clear_object (&saved);
  saved = nudge_store_get_deal (f->store, deal_id, &error);
  g_assert_cmpstr (nudge_deal_get_title (saved), ==, "Warehouse scanners, 40 units");
  g_assert_cmpstr (nudge_deal_get_currency (saved), ==, "UAH");
}

/* A decision maker with a stay-in-touch rhythm: the switch and the
 * numbers show what is stored and are kept by a save. */
static void
test_edit_contact (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeContact) saved = NULL;
  NudgeRecordEditor *editor;
  gint64 id = nudge_test_add_contact (f->store, "name", "Tomáš Novák", "decision-maker", TRUE,
                                      "stay-ideal-days", 14, "stay-max-days", 30, NULL);
  gboolean decision_maker = FALSE;
  int ideal = 0, latest = 0;

  saved = nudge_store_get_contact (f->store, id, &error);
  g_assert_no_error (error);
  open_editor (f, NUDGE_ENTITY_CONTACT, id, &editor);
  g_assert_nonnull (editor);
  nudge_record_editor_set_field (editor, "name", "Tomáš Novák ml.");
  g_assert_cmpint (nudge_record_editor_save (editor), ==, id);
  nudge_test_wait_gone ((gpointer *) &editor);

  g_clear_object (&saved);
  saved = nudge_store_get_contact (f->store, id, &error);
  g_object_get (saved, "decision-maker", &decision_maker, "stay-ideal-days", &ideal, "stay-max-days", &latest, NULL);
  g_assert_cmpstr (nudge_contact_get_name (saved), ==, "Tomáš Novák ml.");
  g_assert_true (decision_maker);
  g_assert_cmpint (ideal, ==, 14);
  g_assert_cmpint (latest, ==, 30);
}

/* The whole path on a sample book: a deal made in the form is found by
 * the List view's search and is in the database. */
static void
test_end_to_end (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  NudgeWindow *window;
  NudgeListView *view;
  NudgeRecordEditor *editor;
  GtkWidget *entry;
  GListModel *deals;
  guint before;
  gint64 id;
  gboolean found = FALSE;

  nudge_test_add_demo (f->store, 0, 0, 0, 0, 0);
  before = nudge_test_count_deals (f->store);

  window = nudge_test_window_new (f->store, "list", 0, 0);
  view = nudge_test_list_view (window);
  nudge_list_view_set_segment (view, NUDGE_SEGMENT_ALL);
  nudge_test_spin (300);

  editor = nudge_record_editor_present (GTK_WINDOW (window), nudge_window_get_context (window), NUDGE_ENTITY_DEAL, 0);
  nudge_record_editor_set_field (editor, "title", "Zebra crossing sensors");
  nudge_record_editor_set_field (editor, "company", "Silniční senzory a.s.");
  nudge_record_editor_set_field (editor, "currency", "CZK");
  nudge_record_editor_set_field (editor, "amount", "480 000");
  id = nudge_record_editor_save (editor);
  g_assert_cmpint (id, >, 0);
  nudge_test_spin (200);
  g_assert_cmpuint (nudge_test_count_deals (f->store), ==, before + 1);

  entry = nudge_test_find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "zebra sens");
  nudge_test_spin (500);
  deals = nudge_list_view_get_model (view, NUDGE_ENTITY_DEAL);
  g_assert_cmpuint (g_list_model_get_n_items (deals), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (deals); i++)
    {
      g_autoptr(NudgeDeal) deal = g_list_model_get_item (deals, i);

      if (nudge_deal_get_id (deal) == id)
        {
          found = TRUE;
          g_assert_cmpint (nudge_deal_get_amount_minor (deal), ==, 48000000);
          g_assert_cmpstr (nudge_deal_get_company_name (deal), ==, "Silniční senzory a.s.");
        }
    }
  g_assert_true (found);
  g_assert_cmpint (nudge_store_find_company_by_name (f->store, "Silniční senzory a.s."), >, 0);

  nudge_test_set_busy_check (NULL, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  nudge_test_spin (50);
}

/* A contact from an address book shows every e-mail and phone it came
 * with, its birthday, address and web page. */
static void
test_contact_channels (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (g_getenv ("NUDGE_SOURCE_DIR"), "tests", "data", "import",
                                           "google-contacts.csv", NULL);
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  NudgeRecordWindow *card;
  gint64 jana;

  g_autoptr(GFile) file = g_file_new_for_path (csv);

  g_assert_true (nudge_import_csv_file (f->store, NUDGE_ENTITY_CONTACT, file, "CZK", NULL, &result, &error));
  g_assert_no_error (error);
  nudge_import_result_clear (&result);
  contacts = nudge_store_list_contacts (f->store, NULL);
  jana = nudge_contact_get_id (nudge_test_find_contact (contacts, "Jana Nováková"));

  card = open_card (f, NUDGE_ENTITY_CONTACT, jana,
                    (const char *[]) { "jana.novakova@example.cz", "jana@example.com", "jana.n@example.org",
                                       "+420 777 123 456", "+420 541 000 111", "Phone (mobile)",
                                       "E-mail (home)", "Birthday", NULL }, NULL);
  nudge_test_set_busy_check (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (card));
}

/* The picker on its own, made for a context: typing finds the deal by
 * a word of its title, a pick sets the record and its line under the
 * entry, typing again drops the pick. */
static void
test_record_picker (Fixture       *f,
                    gconstpointer  data)
{
  NudgeContext *context = nudge_test_context (f->store, NULL);
  gint64 deal_id = nudge_test_add_deal (f->store, "title", "Warehouse scanners", "currency", "EUR", NULL);
  GtkWidget *picker = nudge_record_picker_new (context);
  g_autoptr(NudgeContext) held = NULL;
  NudgeEntity entity = 0;

  g_object_get (picker, "context", &held, NULL);
  g_assert_true (held == context);
  gtk_window_set_child (GTK_WINDOW (f->parent), picker);

  nudge_record_picker_set_text (NUDGE_RECORD_PICKER (picker), "scanners");
  g_assert_true (nudge_test_spin_while ((NudgeTestBusyFunc) nudge_record_picker_is_busy, picker, 2000));
  g_assert_cmpuint (g_list_model_get_n_items (nudge_record_picker_get_matches (NUDGE_RECORD_PICKER (picker))), ==, 1);
  g_assert_nonnull (nudge_test_find_label (picker, "Warehouse scanners"));

  nudge_record_picker_pick (NUDGE_RECORD_PICKER (picker), 0);
  g_assert_cmpint (nudge_record_picker_get_record (NUDGE_RECORD_PICKER (picker), &entity), ==, deal_id);
  g_assert_cmpint (entity, ==, NUDGE_ENTITY_DEAL);
  g_assert_cmpstr (nudge_record_picker_get_text (NUDGE_RECORD_PICKER (picker)), ==, "Warehouse scanners");
  g_assert_nonnull (nudge_test_find_label (picker, "Deal"));

  nudge_record_picker_set_text (NUDGE_RECORD_PICKER (picker), "Warehouse");
  g_assert_cmpint (nudge_record_picker_get_record (NUDGE_RECORD_PICKER (picker), NULL), ==, 0);
  g_assert_true (nudge_test_spin_while ((NudgeTestBusyFunc) nudge_record_picker_is_busy, picker, 2000));
}

/* The names the editor's Stage list offers, "|"-separated */
static char *
stage_choices (NudgeRecordEditor *editor)
{
  GtkWidget *row = nudge_test_find_row (GTK_WIDGET (editor), "Stage");
  GListModel *model;
  GString *names = g_string_new (NULL);

  g_assert_true (ADW_IS_COMBO_ROW (row));
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", names->len ? "|" : "", gtk_string_object_get_string (item));
    }
  return g_string_free (names, FALSE);
}

/* The editor does not win or lose a deal behind the seller's back (no
 * reason asked, follow-ups left, no Undo): its Stage list offers the
 * open stages; a lost deal's offers its own stage and the open ones,
 * which reopen it. */
static void
test_stage_list_does_not_close (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) saved = NULL;
  g_autofree char *open_choices = NULL;
  g_autofree char *lost_choices = NULL;
  gint64 deal_id = nudge_test_add_deal (f->store, "title", "Warehouse scanners", NULL);
  gint64 followup = nudge_test_add_followup (f->store, deal_id, "Send the offer", nudge_clock_now () + 3600, NULL);

  open_editor (f, NUDGE_ENTITY_DEAL, deal_id, &f->editor);
  open_choices = stage_choices (f->editor);
  g_assert_cmpstr (open_choices, ==, "Lead in|Contact made|Needs analysis|Proposal sent|Negotiation");
  nudge_record_editor_set_field (f->editor, "stage", "Lost");
  g_assert_cmpint (save_and_close (f), ==, deal_id);
  saved = nudge_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_deal_get_status (saved), ==, NUDGE_DEAL_OPEN);
  g_assert_cmpstr (nudge_deal_get_stage_name (saved), ==, "Lead in");
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM followup WHERE id = %" G_GINT64_FORMAT
                                         " AND status = 'open'", followup), ==, 1);
  g_clear_object (&saved);

  /* Lost the proper way, then reopened from the editor. */
  g_assert_true (nudge_store_set_deal_status (f->store, deal_id, NUDGE_DEAL_LOST, "Too expensive", &error));
  g_assert_no_error (error);
  open_editor (f, NUDGE_ENTITY_DEAL, deal_id, &f->editor);
  lost_choices = stage_choices (f->editor);
  g_assert_cmpstr (lost_choices, ==, "Lead in|Contact made|Needs analysis|Proposal sent|Negotiation|Lost");
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (f->editor), "Choose an open stage to reopen the deal"));
  nudge_record_editor_set_field (f->editor, "stage", "Negotiation");
  g_assert_cmpint (save_and_close (f), ==, deal_id);
  saved = nudge_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_deal_get_status (saved), ==, NUDGE_DEAL_OPEN);
  g_assert_cmpstr (nudge_deal_get_stage_name (saved), ==, "Negotiation");
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "create-deal", NUDGE_TEST_FUNC (test_create_deal), &new_deal },
    { "contact-channels", NUDGE_TEST_FUNC (test_contact_channels) },
    { "edit-deal", NUDGE_TEST_FUNC (test_edit_deal) },
    { "stage-list-does-not-close", NUDGE_TEST_FUNC (test_stage_list_does_not_close) },
    { "edit-contact", NUDGE_TEST_FUNC (test_edit_contact) },
    { "huge-notes", NUDGE_TEST_FUNC (test_huge_notes), &new_contact },
    { "amount-with-currency", NUDGE_TEST_FUNC (test_amount_with_currency), &new_deal },
    { "contact-phone-and-email", NUDGE_TEST_FUNC (test_contact_phone_and_email), &new_contact },
    { "card-and-logging", NUDGE_TEST_FUNC (test_card_and_logging) },
    { "end-to-end", NUDGE_TEST_FUNC (test_end_to_end) },
    { "expected-close", NUDGE_TEST_FUNC (test_expected_close), &new_deal },
    { "log-activity-default-time", NUDGE_TEST_FUNC (test_log_activity_default_time) },
    { "record-picker", NUDGE_TEST_FUNC (test_record_picker) },
    { "name-suggestions", NUDGE_TEST_FUNC (test_name_suggestions) },
    { "related-records", NUDGE_TEST_FUNC (test_related_records) },
  };

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "Europe/Prague", TRUE);
  /* Accessible names kept for the tests to read, whatever the session */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  nudge_test_add_table ("/ui/editors/", Fixture, fixture_set_up, fixture_tear_down, cases);

  return g_test_run ();
}
