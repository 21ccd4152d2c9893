/* test-ui-capture.c — quick capture: Ctrl+L, a follow-up typed in words,
 * what was understood shown before Enter saves it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-quick-capture.h"
#include "nudge-record-picker.h"
#include "nudge-records.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"
#include "nudge-window.h"

typedef struct
{
  NudgeTestBook      book;
  NudgeWindow       *window;
  NudgeQuickCapture *capture;
  gint64             jan;
  gint64             nowak;
} Fixture;

static gboolean
capture_busy (gpointer data)
{
  Fixture *f = data;

  return f->capture != NULL && nudge_quick_capture_is_busy (f->capture);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* Monday 2 March 2026, 11:00 */
  nudge_test_book_open_at (&f->book, "ui-capture", nudge_test_prague (2026, 3, 2, 11, 0));
  f->jan = nudge_test_add_named_contact (f->book.store, "Jan Novák");
  f->nowak = nudge_test_add_named_contact (f->book.store, "Jan Nowak");

  f->window = nudge_test_window_new (f->book.store, NULL, 1200, 800);
  nudge_test_spin (400);
  /* Built when first opened, not with the window */
  g_assert_null (nudge_test_find_widget (GTK_WIDGET (f->window), NUDGE_TYPE_QUICK_CAPTURE));
  nudge_test_set_busy_check (capture_busy, f);
}

/* Escape as the popover's key controller takes it */
static gboolean
press_escape (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Escape, 0, 0, &handled);
    }
  return handled;
}

static GtkEntry *
open_capture (Fixture *f)
{
  GtkWidget *entry;
  GtkWidget *focus;

  g_assert_true (nudge_test_press_shortcut (GTK_WIDGET (f->window), "<Control>l"));
  nudge_test_spin (200);
  if (f->capture == NULL)
    f->capture = NUDGE_QUICK_CAPTURE (nudge_test_find_widget (GTK_WIDGET (f->window), NUDGE_TYPE_QUICK_CAPTURE));
  g_assert_nonnull (f->capture);
  entry = nudge_test_find_widget (GTK_WIDGET (f->capture), GTK_TYPE_ENTRY);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->capture)));
  /* The typing goes straight into the entry */
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry)));
  return GTK_ENTRY (entry);
}

static void
type (Fixture    *f,
      GtkEntry   *entry,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  nudge_test_spin (50);
  g_assert_false (nudge_quick_capture_is_busy (f->capture));
}

/* Enter, as the entry takes it */
static void
press_enter (GtkEntry *entry)
{
  g_signal_emit_by_name (entry, "activate");
  nudge_test_spin (100);
}

typedef struct
{
  GType type;
  guint n;
} Nth;

/* Counts down the widgets of the type: the one at zero matches. */
static gboolean
is_nth (GtkWidget     *widget,
        gconstpointer  data)
{
  Nth *nth = (Nth *) data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, nth->type) && nth->n-- == 0;
}

static GtkWidget *
find_nth (GtkWidget *widget,
          GType      type,
          guint      n)
{
  Nth nth = { type, n };

  return nudge_test_find (widget, NUDGE_TEST_ANY, is_nth, &nth);
}

static GPtrArray *
followups_of (Fixture *f,
              gint64   contact_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_CONTACT, contact_id, TRUE, &error);

  g_assert_no_error (error);
  return list;
}

static void
test_type_and_save (Fixture       *f,
                    gconstpointer  data)
{
  GtkEntry *entry = open_capture (f);
  g_autofree char *preview = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  NudgeFollowup *followup;

  type (f, entry, "Call jan novak tomorrow at 10");
  preview = nudge_quick_capture_dup_preview (f->capture);
  g_assert_nonnull (preview);
  lines = g_strsplit (preview, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "Call");
  g_assert_cmpstr (lines[1], ==, "Jan Novák");
  g_assert_true (g_str_has_prefix (lines[2], "Tomorrow, "));
  g_assert_true (g_str_has_suffix (lines[2], "10:00"));
  g_assert_cmpstr (lines[3], ==, "Call jan novak");

  press_enter (entry);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->capture)));
  saved = followups_of (f, f->jan);
  g_assert_cmpuint (saved->len, ==, 1);
  followup = g_ptr_array_index (saved, 0);
  g_assert_cmpstr (nudge_followup_get_kind (followup), ==, "call");
  g_assert_cmpstr (nudge_followup_get_title (followup), ==, "Call jan novak");
  g_assert_cmpint (nudge_followup_get_due_at (followup), ==, nudge_test_prague (2026, 3, 3, 10, 0));
  /* The usual reminder: the preferences' default lead time */
  g_assert_cmpint (nudge_followup_get_remind_before_min (followup), ==, 15);
  /* The entry is empty for the next one */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* Undo (Ctrl+Z, as the toast's button) takes it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  nudge_test_spin (100);
  g_clear_pointer (&saved, g_ptr_array_unref);
  saved = followups_of (f, f->jan);
  g_assert_cmpuint (saved->len, ==, 0);
  /* Once: a second Ctrl+Z says there is nothing more. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  /* Said once the undone toast has gone (it slides in first). */
  for (guint i = 0; i < 30 && nudge_test_find_label (GTK_WIDGET (f->window), "Nothing to undo") == NULL; i++)
    nudge_test_spin (100);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (f->window), "Nothing to undo"));
}

/* Two people answer to "Jan No": Enter asks instead of guessing; the
 * one chosen from the list gets the follow-up. */
static void
test_ambiguous_asks (Fixture       *f,
                     gconstpointer  data)
{
  GtkEntry *entry = open_capture (f);
  GtkListBox *candidates = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autofree char *preview = NULL;
  GtkWidget *row;
  gint64 chosen;

  type (f, entry, "Zadzwonić do Jan No jutro o 15:00");
  preview = nudge_quick_capture_dup_preview (f->capture);
  g_assert_nonnull (strstr (preview, "Choose below"));

  press_enter (entry);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->capture)));
  none = followups_of (f, f->jan);
  g_assert_cmpuint (none->len, ==, 0);

  /* The second list box of the popover holds the candidates */
  candidates = GTK_LIST_BOX (find_nth (GTK_WIDGET (f->capture), GTK_TYPE_LIST_BOX, 1));
  g_assert_nonnull (candidates);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (candidates)));
  g_assert_nonnull (gtk_list_box_get_row_at_index (candidates, 1));
  g_assert_null (gtk_list_box_get_row_at_index (candidates, 2));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (candidates, 1));
  chosen = g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Jan Nowak") ? f->nowak : f->jan;
  g_signal_emit_by_name (row, "activate");
  nudge_test_spin (100);

  saved = followups_of (f, chosen);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpint (nudge_followup_get_due_at (g_ptr_array_index (saved, 0)), ==, nudge_test_prague (2026, 3, 3, 15, 0));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->capture)));
}

/* Down from the entry while it asks goes to the names to choose from,
 * not to the rows of what was understood: a key, a key, Enter. */
static void
test_down_to_candidates (Fixture       *f,
                         gconstpointer  data)
{
  GtkEntry *entry = open_capture (f);
  g_autoptr(GListModel) controllers = NULL;
  GtkListBox *candidates;
  GtkWidget *focus;
  gboolean handled = FALSE;

  type (f, entry, "Call Jan No tomorrow at 10");
  candidates = GTK_LIST_BOX (find_nth (GTK_WIDGET (f->capture), GTK_TYPE_LIST_BOX, 1));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (candidates)));

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (entry));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
    }
  g_assert_true (handled);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == GTK_WIDGET (gtk_list_box_get_row_at_index (candidates, 0)));
}

/* No one by that name: the note says so; Enter saves it unlinked, or
 * linked to whom the record picker chose. */
static void
test_no_match (Fixture       *f,
               gconstpointer  data)
{
  GtkEntry *entry = open_capture (f);
  NudgeRecordPicker *picker = NUDGE_RECORD_PICKER (nudge_test_find_widget (GTK_WIDGET (f->capture),
                                                                          NUDGE_TYPE_RECORD_PICKER));
  g_autofree char *preview = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  guint unlinked = 0;

  type (f, entry, "Call the printer service tomorrow at 8");
  preview = nudge_quick_capture_dup_preview (f->capture);
  g_assert_nonnull (strstr (preview, "No one\n"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (picker)));
  press_enter (entry);
  all = nudge_followups_list_occurrences (f->book.store, G_MININT64, G_MAXINT64, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      NudgeFollowup *followup = nudge_occurrence_get_followup (g_ptr_array_index (all, i));

      if (g_str_equal (nudge_followup_get_title (followup), "Call the printer service") &&
          nudge_followup_get_contact_id (followup) == 0 && nudge_followup_get_deal_id (followup) == 0)
        unlinked++;
    }
  g_assert_cmpuint (unlinked, ==, 1);

  /* Again, and pick Jan Nowak with the record picker */
  entry = open_capture (f);
  type (f, entry, "Call the printer service tomorrow at 8");
  nudge_record_picker_set_record (picker, NUDGE_ENTITY_CONTACT, f->nowak);
  press_enter (entry);
  linked = followups_of (f, f->nowak);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpstr (nudge_followup_get_title (g_ptr_array_index (linked, 0)), ==, "Call the printer service");
}

/* Enter right after typing, before the book was searched: saved once
 * the text is read, as it was typed */
static void
test_enter_while_reading (Fixture       *f,
                          gconstpointer  data)
{
  GtkEntry *entry = open_capture (f);
  g_autoptr(GPtrArray) saved = NULL;

  gtk_editable_set_text (GTK_EDITABLE (entry), "Meeting with Jan Novák on Friday at 9:30");
  g_assert_true (nudge_quick_capture_is_busy (f->capture));
  g_signal_emit_by_name (entry, "activate");
  nudge_test_spin (100);
  saved = followups_of (f, f->jan);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpstr (nudge_followup_get_kind (g_ptr_array_index (saved, 0)), ==, "meeting");
  g_assert_cmpint (nudge_followup_get_due_at (g_ptr_array_index (saved, 0)), ==, nudge_test_prague (2026, 3, 6, 9, 30));
}

/* Escape closes it and saves nothing */
static void
test_escape_cancels (Fixture       *f,
                     gconstpointer  data)
{
  GtkEntry *entry = open_capture (f);
  g_autoptr(GPtrArray) none = NULL;

  type (f, entry, "Call Jan Novák tomorrow");
  g_assert_true (press_escape (GTK_WIDGET (f->capture)));
  nudge_test_spin (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->capture)));
  none = followups_of (f, f->jan);
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "type-and-save", NUDGE_TEST_FUNC (test_type_and_save) },
    { "ambiguous-asks", NUDGE_TEST_FUNC (test_ambiguous_asks) },
    { "down-to-candidates", NUDGE_TEST_FUNC (test_down_to_candidates) },
    { "no-match", NUDGE_TEST_FUNC (test_no_match) },
    { "enter-while-reading", NUDGE_TEST_FUNC (test_enter_while_reading) },
    { "escape-cancels", NUDGE_TEST_FUNC (test_escape_cancels) },
  };

  g_setenv ("TZ", NUDGE_TEST_TZID, TRUE);
  tzset ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  nudge_test_add_table ("/ui/capture/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);

  return g_test_run ();
}
