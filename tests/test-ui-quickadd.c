/* test-ui-quickadd.c — the header's "+": a follow-up for the record the
 * user is on, chosen or changed by typing its name, confirmed with a
 * toast that opens it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-followup-editor.h"
#include "nudge-followups.h"
#include "nudge-list-view.h"
#include "nudge-pipeline-view.h"
#include "nudge-record-picker.h"
#include "nudge-record-window.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"
#include "nudge-today-view.h"
#include "nudge-window.h"

typedef struct
{
  NudgeTestBook book;
  NudgeWindow *window;
  gint64       jan;
  gint64       jana;
  gint64       hotel;
  gint64       fleet;
} Fixture;

static gint64
add_deal (Fixture    *f,
          const char *title,
          gint64      contact_id)
{
  return nudge_test_add_deal (f->book.store, "title", title, "contact-id", contact_id, NULL);
}

static void
open_store (Fixture *f)
{
  nudge_test_book_open_at (&f->book, "ui-quickadd", nudge_test_prague (2026, 3, 2, 10, 0));
}

static void
show_window (Fixture    *f,
             const char *view)
{
  f->window = nudge_test_window_new (f->book.store, view, 1200, 800);
  nudge_test_spin (400);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  NudgeFollowupSpec spec;
  g_autoptr(GError) error = NULL;

  open_store (f);
  f->jan = nudge_test_add_named_contact (f->book.store, "Jan Novák");
  f->jana = nudge_test_add_named_contact (f->book.store, "Jana Dvořáková");
  f->hotel = add_deal (f, "Hotel Praha renovation", f->jan);
  f->fleet = add_deal (f, "Brno fleet tracking", 0);

  nudge_followup_spec_init (&spec);
  spec.title = "Call Jana back";
  spec.kind = "call";
  spec.due_at = nudge_test_prague (2026, 3, 2, 9, 0);
  spec.tzid = NUDGE_TEST_TZID;
  spec.contact_id = f->jana;
  nudge_followups_create (f->book.store, &spec, &error);
  g_assert_no_error (error);
}

static void
empty_set_up (Fixture       *f,
              gconstpointer  data)
{
  open_store (f);
}

/* ---- helpers ---------------------------------------------------------- */

static gboolean
shows_text (GtkWidget     *widget,
            gconstpointer  text)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (widget))
    shown = gtk_label_get_label (GTK_LABEL (widget));
  else if (GTK_IS_BUTTON (widget))
    shown = gtk_button_get_label (GTK_BUTTON (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    shown = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return g_strcmp0 (shown, text) == 0;
}

static NudgeFollowupEditor *
new_followup_from_selection (Fixture *f)
{
  NudgeEntity entity = 0;
  gint64 id = nudge_window_get_selected_record (f->window, &entity);
  NudgeFollowupEditor *editor;

  /* What app.new-followup does for the main window. */
  editor = nudge_followup_editor_present (GTK_WINDOW (f->window), nudge_window_get_context (f->window), NULL, 0,
                                          entity == NUDGE_ENTITY_DEAL ? id : 0,
                                          entity == NUDGE_ENTITY_CONTACT ? id : 0);
  nudge_test_spin (100);
  return editor;
}

static NudgeRecordPicker *
editor_picker (NudgeFollowupEditor *editor)
{
  GtkWidget *picker = nudge_test_find_widget (GTK_WIDGET (editor), NUDGE_TYPE_RECORD_PICKER);

  g_assert_nonnull (picker);
  return NUDGE_RECORD_PICKER (picker);
}

static void
type_and_wait (NudgeRecordPicker *picker,
               const char        *text)
{
  nudge_record_picker_set_text (picker, text);
  g_assert_true (nudge_record_picker_is_busy (picker));
  g_assert_true (nudge_test_spin_while ((NudgeTestBusyFunc) nudge_record_picker_is_busy, picker, 5000));
  nudge_test_spin (50);
}

static void
set_title (NudgeFollowupEditor *editor,
           const char          *title)
{
  GtkWidget *row = nudge_test_find_widget (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW);

  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Title");
  gtk_editable_set_text (GTK_EDITABLE (row), title);
}

/* Saves the editor under @title, as its Save button does, and lets the
 * window catch up for @ms. */
static void
save_as (NudgeFollowupEditor *editor,
         const char          *title,
         guint                ms)
{
  set_title (editor, title);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  nudge_test_spin (ms);
}

static NudgeFollowup *
find_followup (Fixture    *f,
               const char *title)
{
  g_autoptr(GPtrArray) all = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_FOLLOWUP, 0, FALSE, NULL);

  for (guint i = 0; all != NULL && i < all->len; i++)
    if (g_strcmp0 (nudge_followup_get_title (g_ptr_array_index (all, i)), title) == 0)
      return g_object_ref (g_ptr_array_index (all, i));
  return NULL;
}

/* The window's stack of welcome and views. */
static gboolean
is_main_stack (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "empty") != NULL &&
         gtk_stack_get_child_by_name (GTK_STACK (widget), "views") != NULL;
}

/* ---- tests ------------------------------------------------------------ */

/* In the List, the selected deal is what "+" is for; typing another name
 * changes it; the toast's Open shows the deal it was added for. */
static void
test_from_list_selection (Fixture       *f,
                          gconstpointer  data)
{
  NudgeListView *list;
  GtkSelectionModel *selection;
  GListModel *model;
  NudgeFollowupEditor *editor;
  NudgeRecordPicker *picker;
  g_autoptr(NudgeFollowup) added = NULL;
  g_autoptr(GList) toplevels = NULL;
  g_autoptr(GObject) first = NULL;
  NudgeEntity entity = 0;
  GtkWidget *open;
  gboolean record_opened = FALSE;
  guint fleet_at = G_MAXUINT;

  show_window (f, "list");
  list = nudge_test_list_view (f->window);
  nudge_list_view_set_entity (list, NUDGE_ENTITY_DEAL);
  nudge_test_spin (200);
  selection = nudge_list_view_get_selection (list, NUDGE_ENTITY_DEAL);
  model = G_LIST_MODEL (selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(NudgeDeal) deal = g_list_model_get_item (model, i);

      if (nudge_deal_get_id (deal) == f->fleet)
        fleet_at = i;
    }
  g_assert_cmpuint (fleet_at, !=, G_MAXUINT);
  gtk_selection_model_select_item (selection, fleet_at, TRUE);
  g_assert_cmpint (nudge_window_get_selected_record (f->window, &entity), ==, f->fleet);
  g_assert_cmpint (entity, ==, NUDGE_ENTITY_DEAL);

  editor = new_followup_from_selection (f);
  picker = editor_picker (editor);
  g_assert_cmpint (nudge_record_picker_get_record (picker, &entity), ==, f->fleet);
  g_assert_cmpstr (nudge_record_picker_get_text (picker), ==, "Brno fleet tracking");

  /* Typing drops the pick and lists what matches, deals first. */
  type_and_wait (picker, "novak");
  g_assert_cmpint (nudge_record_picker_get_record (picker, NULL), ==, 0);
  /* His deal (through its contact) and himself, accents aside. */
  g_assert_cmpuint (g_list_model_get_n_items (nudge_record_picker_get_matches (picker)), ==, 2);
  first = g_list_model_get_item (nudge_record_picker_get_matches (picker), 0);
  g_assert_true (NUDGE_IS_DEAL (first));
  g_clear_object (&first);
  first = g_list_model_get_item (nudge_record_picker_get_matches (picker), 1);
  g_assert_true (NUDGE_IS_CONTACT (first));
  g_assert_cmpint (nudge_contact_get_id (NUDGE_CONTACT (first)), ==, f->jan);
  g_clear_object (&first);
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (picker), NUDGE_TEST_MAPPED, shows_text, "Jan Novák"));

  type_and_wait (picker, "hotel pra");
  first = g_list_model_get_item (nudge_record_picker_get_matches (picker), 0);
  g_assert_true (NUDGE_IS_DEAL (first));
  g_assert_cmpint (nudge_deal_get_id (NUDGE_DEAL (first)), ==, f->hotel);
  /* Enter takes the first match. */
  g_signal_emit_by_name (nudge_test_find_widget (GTK_WIDGET (picker), GTK_TYPE_SEARCH_ENTRY), "activate");
  g_assert_cmpint (nudge_record_picker_get_record (picker, &entity), ==, f->hotel);
  g_assert_cmpint (entity, ==, NUDGE_ENTITY_DEAL);
  g_assert_cmpstr (nudge_record_picker_get_text (picker), ==, "Hotel Praha renovation");

  save_as (editor, "Send the revised offer", 200);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_FOLLOWUP_EDITOR));

  added = find_followup (f, "Send the revised offer");
  g_assert_nonnull (added);
  g_assert_cmpint (nudge_followup_get_deal_id (added), ==, f->hotel);
  /* The deal's contact comes along. */
  g_assert_cmpint (nudge_followup_get_contact_id (added), ==, f->jan);

  g_assert_nonnull (nudge_test_find (GTK_WIDGET (f->window), NUDGE_TEST_MAPPED, shows_text, "Follow-up added"));
  open = nudge_test_find_button (GTK_WIDGET (f->window), "Open");
  g_assert_nonnull (open);
  g_signal_emit_by_name (open, "clicked");
  nudge_test_spin (200);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (NUDGE_IS_RECORD_WINDOW (l->data))
      {
        g_assert_cmpint (nudge_record_window_get_record (l->data, &entity), ==, f->hotel);
        g_assert_cmpint (entity, ==, NUDGE_ENTITY_DEAL);
        record_opened = TRUE;
      }
  g_assert_true (record_opened);
}

/* In Today, the focused row's contact; from a record window, its record. */
static void
test_from_today_and_record (Fixture       *f,
                            gconstpointer  data)
{
  NudgeTodayView *today;
  GtkWidget *row;
  NudgeFollowupEditor *editor;
  NudgeRecordWindow *record;
  NudgeEntity entity = 0;
  gint64 id;

  show_window (f, "today");
  today = NUDGE_TODAY_VIEW (nudge_test_find_widget (GTK_WIDGET (f->window), NUDGE_TYPE_TODAY_VIEW));
  nudge_test_set_busy_check (nudge_test_today_busy, today);
  nudge_test_spin (300);
  g_assert_true (nudge_today_view_is_loaded (today));
  row = nudge_test_find (GTK_WIDGET (today), NUDGE_TEST_MAPPED, shows_text, "Call Jana back");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_cmpint (nudge_window_get_selected_record (f->window, &entity), ==, f->jana);
  g_assert_cmpint (entity, ==, NUDGE_ENTITY_CONTACT);

  editor = new_followup_from_selection (f);
  g_assert_cmpint (nudge_record_picker_get_record (editor_picker (editor), &entity), ==, f->jana);
  g_assert_cmpint (entity, ==, NUDGE_ENTITY_CONTACT);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The open record window: what app.new-followup asks it. */
  record = nudge_record_window_present (GTK_WINDOW (f->window), nudge_window_get_context (f->window),
                                        NUDGE_ENTITY_DEAL, f->fleet);
  nudge_test_spin (200);
  id = nudge_record_window_get_record (record, &entity);
  g_assert_cmpint (id, ==, f->fleet);
  editor = nudge_followup_editor_present (GTK_WINDOW (record), nudge_window_get_context (f->window), NULL, 0, id, 0);
  nudge_test_spin (100);
  g_assert_cmpint (nudge_record_picker_get_record (editor_picker (editor), NULL), ==, f->fleet);
  save_as (editor, "Ask about the fleet size", 200);
  /* Confirmed in the record window it came from. */
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (record), NUDGE_TEST_MAPPED, shows_text, "Follow-up added"));
}

/* In the Pipeline, the card with the keyboard focus (as after Tab or a
 * click on it: the list item around the card holds the focus). */
static void
test_from_pipeline_card (Fixture       *f,
                         gconstpointer  data)
{
  NudgePipelineView *board;
  NudgeFollowupEditor *editor;
  GtkWidget *card;
  GtkWidget *item;
  NudgeEntity entity = 0;

  show_window (f, "pipeline");
  board = NUDGE_PIPELINE_VIEW (nudge_test_find_widget (GTK_WIDGET (f->window), NUDGE_TYPE_PIPELINE_VIEW));
  nudge_test_set_busy_check ((NudgeTestBusyFunc) nudge_pipeline_view_is_busy, board);
  nudge_test_spin (200);
  g_assert_cmpint (nudge_window_get_selected_record (f->window, NULL), ==, 0);

  card = nudge_pipeline_view_get_card (board, f->hotel);
  g_assert_nonnull (card);
  item = gtk_widget_get_parent (card);
  g_assert_true (gtk_widget_grab_focus (item));
  g_assert_cmpint (nudge_window_get_selected_record (f->window, &entity), ==, f->hotel);
  g_assert_cmpint (entity, ==, NUDGE_ENTITY_DEAL);

  editor = new_followup_from_selection (f);
  g_assert_cmpint (nudge_record_picker_get_record (editor_picker (editor), NULL), ==, f->hotel);
  g_assert_cmpstr (nudge_record_picker_get_text (editor_picker (editor)), ==, "Hotel Praha renovation");
}

/* A name typed but never chosen is not saved as "for nothing". */
static void
test_typed_not_chosen (Fixture       *f,
                       gconstpointer  data)
{
  NudgeFollowupEditor *editor;
  NudgeRecordPicker *picker;
  g_autoptr(NudgeFollowup) added = NULL;

  show_window (f, "today");
  editor = nudge_followup_editor_present (GTK_WINDOW (f->window), nudge_window_get_context (f->window), NULL, 0, 0, 0);
  nudge_test_spin (100);
  picker = editor_picker (editor);
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (editor), NUDGE_TEST_MAPPED, shows_text, "Not linked to a deal or contact: it will show in Today only"));

  /* Escape closes the list first, not the dialog. */
  type_and_wait (picker, "hotel");
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (picker), NUDGE_TEST_MAPPED, shows_text, "Hotel Praha renovation"));
  g_signal_emit_by_name (nudge_test_find_widget (GTK_WIDGET (picker), GTK_TYPE_SEARCH_ENTRY), "stop-search");
  nudge_test_spin (50);
  g_assert_null (nudge_test_find (GTK_WIDGET (picker), NUDGE_TEST_MAPPED, shows_text, "Hotel Praha renovation"));
  g_assert_nonnull (nudge_test_find_toplevel (NUDGE_TYPE_FOLLOWUP_EDITOR));

  type_and_wait (picker, "nobody by this name");
  g_assert_cmpuint (g_list_model_get_n_items (nudge_record_picker_get_matches (picker)), ==, 0);
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (picker), NUDGE_TEST_MAPPED, shows_text, "No deal or contact matches"));
  save_as (editor, "Call someone", 100);
  g_assert_nonnull (nudge_test_find_toplevel (NUDGE_TYPE_FOLLOWUP_EDITOR));
  added = find_followup (f, "Call someone");
  g_assert_null (added);

  /* Cleared on purpose: saved for nothing, and Today shows it. */
  nudge_record_picker_set_text (picker, "");
  nudge_test_spin (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  nudge_test_spin (300);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_FOLLOWUP_EDITOR));
  added = find_followup (f, "Call someone");
  g_assert_nonnull (added);
  g_assert_cmpint (nudge_followup_get_deal_id (added), ==, 0);
  g_assert_cmpint (nudge_followup_get_contact_id (added), ==, 0);
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (f->window), NUDGE_TEST_MAPPED, shows_text, "Follow-up added"));
  g_assert_nonnull (nudge_test_find_button (GTK_WIDGET (f->window), "Show in Today"));
}

/* On an empty book the window welcomes; a follow-up for nothing added
 * there brings up Today with it instead of vanishing. */
static void
test_empty_book (Fixture       *f,
                 gconstpointer  data)
{
  NudgeFollowupEditor *editor;
  NudgeTodayView *today;
  GtkStack *main_stack;

  show_window (f, "today");
  main_stack = GTK_STACK (nudge_test_find (GTK_WIDGET (f->window), NUDGE_TEST_ANY, is_main_stack, NULL));
  g_assert_nonnull (main_stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "empty");

  editor = nudge_followup_editor_present (GTK_WINDOW (f->window), nudge_window_get_context (f->window), NULL, 0, 0, 0);
  nudge_test_spin (100);
  save_as (editor, "Plan the first calls", 500);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "views");
  g_assert_cmpstr (nudge_window_get_view (f->window), ==, "today");
  today = NUDGE_TODAY_VIEW (nudge_test_find_widget (GTK_WIDGET (f->window), NUDGE_TYPE_TODAY_VIEW));
  nudge_test_set_busy_check (nudge_test_today_busy, today);
  nudge_test_spin (100);
  g_assert_true (nudge_today_view_is_loaded (today));
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (today), NUDGE_TEST_MAPPED, shows_text, "Plan the first calls"));
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases_1[] = {
    { "from-list-selection", NUDGE_TEST_FUNC (test_from_list_selection) },
    { "from-today-and-record", NUDGE_TEST_FUNC (test_from_today_and_record) },
    { "from-pipeline-card", NUDGE_TEST_FUNC (test_from_pipeline_card) },
    { "typed-not-chosen", NUDGE_TEST_FUNC (test_typed_not_chosen) },
  };
  static const NudgeTestCase cases_2[] = {
    { "empty-book", NUDGE_TEST_FUNC (test_empty_book) },
  };

  nudge_test_init_environment (NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  nudge_test_add_table ("/ui/quickadd/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases_1);
  nudge_test_add_table ("/ui/quickadd/", Fixture, empty_set_up, nudge_test_window_tear_down, cases_2);

  return g_test_run ();
}
