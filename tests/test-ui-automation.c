/* test-ui-automation.c — editing rules, weights and stages in the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nudge-automation.h"
#include "nudge-automation-page.h"
#include "nudge-cadence-editor.h"
#include "nudge-clock.h"
#include "nudge-field-menu.h"
#include "nudge-pipeline.h"
#include "nudge-pipeline-view.h"
#include "nudge-pipelines-page.h"
#include "nudge-preferences-window.h"
#include "nudge-rule-editor.h"
#include "nudge-today-view.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"

typedef struct
{
  GType       type;
  const char *title;
} RowSpec;

static gboolean
is_row (GtkWidget     *widget,
        gconstpointer  data)
{
  const RowSpec *spec = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, spec->type) && nudge_test_is_row_titled (widget, spec->title);
}

/* A preferences row of @type titled @title. */
static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  RowSpec spec = { type, title };

  return nudge_test_find (widget, NUDGE_TEST_ANY, is_row, &spec);
}

static NudgeRule *
get_rule (NudgeStore *store,
          const char *name)
{
  g_autoptr(GPtrArray) rules = nudge_rule_list (store, NULL);

  for (guint i = 0; i < rules->len; i++)
    if (g_str_equal (((NudgeRule *) g_ptr_array_index (rules, i))->name, name))
      return g_ptr_array_steal_index (rules, i);
  return NULL;
}

/* Friday 2026-06-05 10:00 in Prague */
#define FRIDAY G_GINT64_CONSTANT (1780646400)

typedef NudgeTestBookWindow Fixture;

/* Eight deals last touched 100 days before FRIDAY, which the clock is
 * then pinned to. */
static void
add_quiet_deals (NudgeStore *store,
                 guint       n)
{
  g_autoptr(GError) error = NULL;

  nudge_clock_pin (FRIDAY - 100 * 86400);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NudgeDeal) d = nudge_deal_new ();
      g_autofree char *title = g_strdup_printf ("Quiet deal %u", i);

      g_object_set (d, "title", title, "currency", "CZK", NULL);
      g_assert_cmpint (nudge_store_save_deal (store, d, &error), >, 0);
    }
  g_assert_no_error (error);
  nudge_clock_pin (FRIDAY);
}

/* @page as the content of the fixture's window, shown and drawn. */
static GtkWidget *
show_page (Fixture   *f,
           GtkWidget *page)
{
  gtk_window_set_child (GTK_WINDOW (f->window), page);
  gtk_window_present (GTK_WINDOW (f->window));
  nudge_test_spin (200);
  return page;
}

/* Preferences → Automation on the app's settings, shown in the
 * fixture's window. */
static GtkWidget *
show_automation_page (Fixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  return show_page (f, nudge_automation_page_new (nudge_test_context (f->book.store, settings)));
}

/* The rule editor of rule @id over the fixture's window, drawn; @editor
 * is cleared once it is gone. */
static void
present_rule_editor (Fixture          *f,
                     gint64            id,
                     NudgeRuleEditor **editor)
{
  *editor = nudge_rule_editor_present (GTK_WINDOW (f->window), nudge_test_context (f->book.store, NULL), id);
  g_object_add_weak_pointer (G_OBJECT (*editor), (gpointer *) editor);
  nudge_test_spin (200);
}

/* The editor of a new cadence over the fixture's window; @editor is
 * cleared once it is gone. */
static void
present_cadence_editor (Fixture             *f,
                        NudgeCadenceEditor **editor)
{
  *editor = nudge_cadence_editor_present (GTK_WINDOW (f->window), nudge_test_context (f->book.store, NULL), NULL);
  g_object_add_weak_pointer (G_OBJECT (*editor), (gpointer *) editor);
}

static void
test_rule_editor (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(NudgeRule) rule = NULL;
  g_autoptr(NudgeRule) saved = NULL;
  g_autoptr(NudgeRule) toggled = NULL;
  GtkWidget *page = show_automation_page (f);
  NudgeRuleEditor *editor;
  GtkWidget *days_row;
  GtkWidget *rule_row;
  GtkWidget *toggle;
  g_autoptr(GVariant) weights = NULL;
  GtkWidget *demo_row;
  int demo_points = 0;

  g_assert_no_error (error);
  rule = get_rule (f->book.store, "Reactivation call");
  g_assert_nonnull (rule);
  present_rule_editor (f, rule->id, &editor);

  /* A day count that is not a number is refused; the editor stays. */
  days_row = find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "After how many days");
  g_assert_nonnull (days_row);
  gtk_editable_set_text (GTK_EDITABLE (days_row), "two weeks");
  gtk_widget_activate (nudge_test_find_button (GTK_WIDGET (editor), "_Save"));
  nudge_test_spin (400);
  g_assert_nonnull (editor);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (editor), "“After how many days” must be a whole number from 1 to 3650"));
  saved = get_rule (f->book.store, "Reactivation call");
  g_assert_cmpstr (g_hash_table_lookup (saved->trigger_params, "days"), ==, "14");
  g_clear_pointer (&saved, nudge_rule_free);

  /* The kind is chosen from the four, not typed. */
  {
    GtkWidget *kind_row = find_row (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, "Kind");

    g_assert_nonnull (kind_row);
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kind_row)), ==, 0);
    adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), 2);
  }

  gtk_editable_set_text (GTK_EDITABLE (days_row), "21");
  gtk_widget_activate (nudge_test_find_button (GTK_WIDGET (editor), "_Save"));
  nudge_test_spin (200);
  nudge_test_wait_gone ((gpointer *) &editor);
  saved = get_rule (f->book.store, "Reactivation call");
  g_assert_cmpstr (g_hash_table_lookup (saved->trigger_params, "days"), ==, "21");
  g_assert_cmpstr (g_hash_table_lookup (saved->action_params, "kind"), ==, "meeting");
  g_assert_cmpstr (g_hash_table_lookup (saved->trigger_params, "after_rule"), ==, "Reactivation e-mail");

  /* The page shows the edit and its switch turns the rule off. */
  rule_row = find_row (page, ADW_TYPE_ACTION_ROW, "Reactivation call");
  g_assert_nonnull (rule_row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (rule_row)), "21 days"));
  toggle = nudge_test_find_widget (rule_row, GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  nudge_test_spin (100);
  toggled = get_rule (f->book.store, "Reactivation call");
  g_assert_false (toggled->enabled);

  /* Weights go to the settings the scoring reads. */
  demo_row = find_row (page, ADW_TYPE_ACTION_ROW, "Demo request");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (nudge_test_find_widget (demo_row, GTK_TYPE_SPIN_BUTTON)), 55);
  nudge_test_spin (100);
  weights = g_settings_get_value (settings, "score-weights");
  g_assert_true (g_variant_lookup (weights, "demo", "i", &demo_points));
  g_assert_cmpint (demo_points, ==, 55);

  /* A new cadence: a step without a title is refused, then saved. */
  {
    NudgeCadenceEditor *cadence_editor;
    g_autoptr(NudgeCadence) created = NULL;
    GtkWidget *name_row;

    present_cadence_editor (f, &cadence_editor);
    name_row = find_row (GTK_WIDGET (cadence_editor), ADW_TYPE_ENTRY_ROW, "Name");
    gtk_editable_set_text (GTK_EDITABLE (name_row), "Trade fair leads");
    g_assert_false (nudge_cadence_editor_save (cadence_editor));
    g_assert_nonnull (cadence_editor);

    /* Replace the empty first step by real ones. */
    gtk_window_destroy (GTK_WINDOW (cadence_editor));
    nudge_test_spin (50);
    present_cadence_editor (f, &cadence_editor);
    name_row = find_row (GTK_WIDGET (cadence_editor), ADW_TYPE_ENTRY_ROW, "Name");
    gtk_editable_set_text (GTK_EDITABLE (name_row), "Trade fair leads");
    gtk_editable_set_text (GTK_EDITABLE (nudge_test_find_widget (GTK_WIDGET (cadence_editor), GTK_TYPE_ENTRY)), "Thank {contact} for the visit");
    nudge_cadence_editor_add_step (cadence_editor, 5, "call", "Call {contact}");
    g_assert_true (nudge_cadence_editor_save (cadence_editor));
    nudge_test_spin (100);
    nudge_test_wait_gone ((gpointer *) &cadence_editor);

    created = nudge_cadence_find (f->book.store, "Trade fair leads", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (created->steps->len, ==, 2);
    g_assert_cmpint (g_array_index (created->steps, NudgeCadenceStep, 1).offset_days, ==, 5);
    g_assert_cmpstr (g_array_index (created->steps, NudgeCadenceStep, 1).kind, ==, "call");
    g_assert_nonnull (find_row (page, ADW_TYPE_EXPANDER_ROW, "Trade fair leads"));
  }
}

/* The rule editor shows the rule's pace and what it would create now,
 * worked out on a worker, and saves the daily limit. */
static void
test_rule_pace (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(NudgeRule) rule = NULL;
  g_autoptr(NudgeRule) saved = NULL;
  NudgeRuleEditor *editor;
  GtkWidget *preview_row;
  GtkWidget *spin;

  add_quiet_deals (f->book.store, 8);
  gtk_window_present (GTK_WINDOW (f->window));

  rule = get_rule (f->book.store, "Reactivation e-mail");
  g_assert_nonnull (rule);
  present_rule_editor (f, rule->id, &editor);
  preview_row = find_row (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "If it ran now");
  g_assert_nonnull (preview_row);
  spin = nudge_test_find_widget (find_row (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "New follow-ups a day"), GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 5);
  for (guint i = 0; i < 100 && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (preview_row)), "8 follow-ups") == NULL; i++)
    nudge_test_spin (50);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (preview_row)),
                            "This will create 8 follow-ups: 5 a day until"));

  /* No limit: all at once, and the spin button says so. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "No limit");
  for (guint i = 0; i < 100 && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (preview_row)), "due by") == NULL; i++)
    nudge_test_spin (50);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (preview_row)),
                            "This will create 8 follow-ups, due by"));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 3);
  gtk_widget_activate (nudge_test_find_button (GTK_WIDGET (editor), "_Save"));
  /* Gone once a preview still under way has come back. */
  for (guint i = 0; i < 100 && editor != NULL; i++)
    nudge_test_spin (50);
  nudge_test_wait_gone ((gpointer *) &editor);
  g_clear_pointer (&saved, nudge_rule_free);
  saved = get_rule (f->book.store, "Reactivation e-mail");
  g_assert_cmpstr (g_hash_table_lookup (saved->action_params, "daily_limit"), ==, "3");
  g_assert_cmpint (nudge_rule_get_daily_limit (saved), ==, 3);
}

/* Today says what rules have planned after today, at their pace. */
static void
test_queued_in_today (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *today;
  GtkWidget *label;

  /* The built-in reactivation e-mail, 5 a working day: 5 today, 25 in
   * the next 7 days (listed there), 10 after them, the last on Tuesday
   * 11 days on. */
  add_quiet_deals (f->book.store, 40);
  g_assert_cmpint (nudge_rules_run (f->book.store, &error), ==, 40);
  g_assert_no_error (error);

  today = nudge_today_view_new (nudge_test_context (f->book.store, NULL));
  gtk_window_set_child (GTK_WINDOW (f->window), today);
  gtk_window_present (GTK_WINDOW (f->window));
  for (guint i = 0; i < 100 && !nudge_today_view_is_loaded (NUDGE_TODAY_VIEW (today)); i++)
    nudge_test_spin (50);
  nudge_test_spin (100);
  label = nudge_test_find (today, NUDGE_TEST_ANY, nudge_test_label_contains, "Rules have planned");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                   "Rules have planned 10 more follow-ups after these, a few a day until 06/16/2026");
}

static gboolean
is_of_expander (GtkWidget     *widget,
                gconstpointer  data)
{
  return ADW_IS_EXPANDER_ROW (widget);
}

static gboolean
is_tooltip (GtkWidget     *widget,
            gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

typedef struct
{
  GtkWidget  *page;
  const char *title;
  guint       index;
} StageFirst;

/* Whether the page's stage at @index (the first, unless set) is the one
 * named */
static gboolean
stage_is_first (gpointer data)
{
  StageFirst *first = data;
  g_autoptr(GPtrArray) stages = nudge_test_find_all (first->page, is_of_expander, NULL);

  return stages->len > first->index &&
         g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (stages, first->index)), first->title) == 0;
}

/* In Preferences → Pipeline each stage moves up and down, but the first
 * cannot go up nor the last down: those two buttons are greyed out, also
 * once the stages are reordered. */
static void
test_stage_moves (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *page = show_page (f, nudge_pipelines_page_new (nudge_test_context (f->book.store, NULL)));
  g_autoptr(GPtrArray) ups = NULL;
  g_autoptr(GPtrArray) downs = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autofree char *second = NULL;
  StageFirst first_stage = { NULL, NULL, 0 };

  for (int round = 0; round < 2; round++)
    {
      g_clear_pointer (&ups, g_ptr_array_unref);
      g_clear_pointer (&downs, g_ptr_array_unref);
      ups = nudge_test_find_all (page, is_tooltip, "Move up");
      downs = nudge_test_find_all (page, is_tooltip, "Move down");
      g_assert_cmpuint (ups->len, >=, 3);
      g_assert_cmpuint (downs->len, ==, ups->len);
      for (guint i = 0; i < ups->len; i++)
        {
          g_assert_cmpint (gtk_widget_get_sensitive (g_ptr_array_index (ups, i)), ==, i > 0);
          g_assert_cmpint (gtk_widget_get_sensitive (g_ptr_array_index (downs, i)), ==, i + 1 < downs->len);
        }
      if (round == 1)
        break;

      /* The second stage moved up becomes the first. */
      moved = nudge_test_find_all (page, is_of_expander, NULL);
      second = g_strdup (adw_preferences_row_get_title (g_ptr_array_index (moved, 1)));
      gtk_widget_activate (g_ptr_array_index (ups, 1));
      /* The page is built anew once the store has the new order */
      first_stage.page = page;
      first_stage.title = second;
      nudge_test_wait_until (stage_is_first, &first_stage);
      g_clear_pointer (&moved, g_ptr_array_unref);
      moved = nudge_test_find_all (page, is_of_expander, NULL);
      g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (moved, 0)), ==, second);
    }
}

/* A stage moved down with the keyboard keeps the focus on its Move Down
 * button and its row open as the page is built anew, so that three
 * presses move it three places; on the last place, where it cannot go
 * further, the focus is on its Move Up. */
static void
test_stage_move_keeps_focus (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *page = show_page (f, nudge_pipelines_page_new (nudge_test_context (f->book.store, NULL)));
  g_autoptr(GPtrArray) stages = nudge_test_find_all (page, is_of_expander, NULL);
  g_autofree char *title = g_strdup (adw_preferences_row_get_title (g_ptr_array_index (stages, 0)));
  guint n = stages->len;
  StageFirst moved = { page, title, 0 };

  adw_expander_row_set_expanded (g_ptr_array_index (stages, 0), TRUE);
  for (guint place = 1; place < n; place++)
    {
      g_autoptr(GPtrArray) downs = nudge_test_find_all (page, is_tooltip, "Move down");
      g_autoptr(GPtrArray) ups = NULL;
      GtkWidget *down = g_ptr_array_index (downs, place - 1);
      GtkWidget *row;

      gtk_widget_grab_focus (down);
      gtk_widget_activate (down);
      moved.index = place;
      nudge_test_wait_until (stage_is_first, &moved);
      g_clear_pointer (&stages, g_ptr_array_unref);
      g_clear_pointer (&downs, g_ptr_array_unref);
      stages = nudge_test_find_all (page, is_of_expander, NULL);
      downs = nudge_test_find_all (page, is_tooltip, "Move down");
      ups = nudge_test_find_all (page, is_tooltip, "Move up");
      row = g_ptr_array_index (stages, place);
      g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
      g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) ==
                     g_ptr_array_index (place + 1 < n ? downs : ups, place));
    }
}

/* The fields of a rule's or cadence's texts read as names on the page,
 * go in from Insert Field at the cursor in the {key} form stored, and a
 * field that is none says so in the editor, which will not save it. */
static void
test_template_fields (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(NudgeRule) rule = get_rule (f->book.store, "Reactivation call");
  g_autoptr(NudgeRule) saved = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  GtkWidget *page = show_automation_page (f);
  NudgeRuleEditor *editor;
  NudgeCadenceEditor *cadence_editor;
  GtkWidget *row, *title_row, *notes, *entry, *button;
  GtkTextBuffer *buffer;
  GtkTextIter at;
  g_autofree char *notes_text = NULL;

  /* The page: names between ‹ and ›, no {keys}. */
  row = find_row (page, ADW_TYPE_ACTION_ROW, "Check-in after a win");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "A deal is won → “Check-in with ‹contact›: ‹deal›” in 30 days");
  row = find_row (page, ADW_TYPE_ACTION_ROW, "Come back");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "A company’s last won deal is 6 months old → “Come back: ‹company›”");
  g_assert_nonnull (find_row (page, ADW_TYPE_ACTION_ROW, "Call ‹contact› now"));

  /* The rule editor: a field goes in at the cursor, over the selection. */
  present_rule_editor (f, rule->id, &editor);
  title_row = find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Follow-up title");
  g_assert_nonnull (title_row);
  button = nudge_test_find_widget (title_row, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  /* Not clicked into yet, or all of it selected: at its end. */
  g_assert_true (gtk_widget_activate_action (button, "field.insert", "s", "deal"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Reactivation call — no reply to e-mail‹deal›");
  gtk_editable_select_region (GTK_EDITABLE (title_row), 0, -1);
  g_assert_true (gtk_widget_activate_action (button, "field.insert", "s", "deal"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Reactivation call — no reply to e-mail‹deal›‹deal›");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Call  now");
  gtk_editable_set_position (GTK_EDITABLE (title_row), 5);
  g_assert_true (gtk_widget_activate_action (button, "field.insert", "s", "contact"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Call ‹contact› now");
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (title_row)), ==, 14);
  gtk_editable_select_region (GTK_EDITABLE (title_row), 15, 18);
  g_assert_true (gtk_widget_activate_action (button, "field.insert", "s", "deal"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Call ‹contact› ‹deal›");

  /* The notes, a text view, have theirs beside their label. */
  notes = nudge_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes));
  gtk_text_buffer_set_text (buffer, "Idle for  days.", -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &at, 9);
  gtk_text_buffer_place_cursor (buffer, &at);
  buttons = nudge_test_find_all (GTK_WIDGET (editor), nudge_test_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON));
  g_assert_cmpuint (buttons->len, ==, 2);
  g_assert_true (gtk_widget_activate_action (g_ptr_array_index (buttons, 1), "field.insert", "s", "days_idle"));
  g_assert_cmpstr ((notes_text = nudge_field_target_dup_text (notes)), ==,
                   "Idle for ‹days\302\240without\302\240activity› days.");

  /* A typo says so at once, and is not saved. */
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Call {contcat}");
  nudge_test_spin (50);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (editor),
                                           "Follow-up title: “{contcat}” is no field to fill in. Did you mean ‹contact›?"));
  g_assert_true (gtk_widget_has_css_class (title_row, "error"));
  g_assert_true (nudge_test_click_button (GTK_WIDGET (editor), "_Save"));
  nudge_test_spin (200);
  g_assert_nonnull (editor);
  saved = get_rule (f->book.store, "Reactivation call");
  g_assert_cmpstr (g_hash_table_lookup (saved->action_params, "title"), ==,
                   g_hash_table_lookup (rule->action_params, "title"));
  g_clear_pointer (&saved, nudge_rule_free);

  /* A field's name cut short, too. */
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Call ‹contac›");
  nudge_test_spin (50);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (editor),
                                           "Follow-up title: “‹contac›” is no field to fill in. Did you mean ‹contact›?"));
  g_assert_true (nudge_test_click_button (GTK_WIDGET (editor), "_Save"));
  nudge_test_spin (100);
  g_assert_nonnull (editor);

  /* Typed as stored or as shown, it is the field. */
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Call ‹contact› about {deal}");
  nudge_test_spin (50);
  g_assert_false (gtk_widget_has_css_class (title_row, "error"));
  g_assert_null (nudge_test_find_label (GTK_WIDGET (editor),
                                        "Follow-up title: “‹contac›” is no field to fill in. Did you mean ‹contact›?"));
  g_assert_true (nudge_test_click_button (GTK_WIDGET (editor), "_Save"));
  nudge_test_spin (200);
  nudge_test_wait_gone ((gpointer *) &editor);
  saved = get_rule (f->book.store, "Reactivation call");
  g_assert_cmpstr (g_hash_table_lookup (saved->action_params, "title"), ==, "Call {contact} about {deal}");
  g_assert_cmpstr (g_hash_table_lookup (saved->action_params, "notes"), ==, "Idle for {days_idle} days.");
  row = find_row (page, ADW_TYPE_ACTION_ROW, "Reactivation call");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "“Call ‹contact› about ‹deal›”"));

  /* The cadence editor: a step's title, likewise. */
  present_cadence_editor (f, &cadence_editor);
  nudge_test_spin (100);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (cadence_editor), ADW_TYPE_ENTRY_ROW, "Name")), "Trade fair leads");
  entry = nudge_test_find_widget (GTK_WIDGET (cadence_editor), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Thank  for the visit");
  gtk_editable_set_position (GTK_EDITABLE (entry), 6);
  g_assert_true (gtk_widget_activate_action (nudge_test_find_widget (gtk_widget_get_parent (entry), GTK_TYPE_MENU_BUTTON),
                                             "field.insert", "s", "company"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Thank ‹company› for the visit");

  gtk_editable_set_text (GTK_EDITABLE (entry), "Call {kontakt}");
  nudge_test_spin (50);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (cadence_editor),
                                           "Step title: “{kontakt}” is no field to fill in. Did you mean ‹contact›?"));
  g_assert_false (nudge_cadence_editor_save (cadence_editor));
  g_assert_null (nudge_cadence_find (f->book.store, "Trade fair leads", NULL));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Call ‹contact› at {company}");
  g_assert_true (nudge_cadence_editor_save (cadence_editor));
  nudge_test_wait_gone ((gpointer *) &cadence_editor);
  g_assert_nonnull (find_row (page, ADW_TYPE_EXPANDER_ROW, "Trade fair leads"));
  {
    g_autoptr(NudgeCadence) created = nudge_cadence_find (f->book.store, "Trade fair leads", NULL);

    g_assert_cmpstr (g_array_index (created->steps, NudgeCadenceStep, 0).title, ==, "Call {contact} at {company}");
  }

  /* Opened and saved unchanged, a rule's texts are stored as they were,
   * one with a ‹ of its own too, which is edited as stored. */
  g_clear_pointer (&rule, nudge_rule_free);
  rule = get_rule (f->book.store, "Reactivation e-mail");
  g_hash_table_insert (rule->action_params, g_strdup ("subject"), g_strdup ("Offer ‹beta› for {company}"));
  g_assert_true (nudge_rule_save (f->book.store, rule, NULL));
  present_rule_editor (f, rule->id, &editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "E-mail subject"))), ==,
                   "Offer ‹beta› for {company}");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Follow-up title"))), ==,
                   "Reactivation e-mail: ‹deal›");
  g_assert_true (nudge_test_click_button (GTK_WIDGET (editor), "_Save"));
  nudge_test_wait_gone ((gpointer *) &editor);
  g_clear_pointer (&saved, nudge_rule_free);
  saved = get_rule (f->book.store, "Reactivation e-mail");
  for (guint i = 0; i < 3; i++)
    {
      const char *key = (const char *[]) { "title", "subject", "body" }[i];

      g_assert_cmpstr (g_hash_table_lookup (saved->action_params, key), ==, g_hash_table_lookup (rule->action_params, key));
    }
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

/* New Rule asks when and what in a dialog whose Create is its answer:
 * Cancel (as Escape) leaves the rules as they were. */
static void
test_new_rule_dialog (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *page = show_automation_page (f);
  g_autoptr(GPtrArray) before = nudge_rule_list (f->book.store, NULL);
  g_autoptr(GPtrArray) after = NULL;
  AdwMessageDialog *dialog;

  gtk_widget_activate (nudge_test_find (page, NUDGE_TEST_MAPPED, has_tooltip, "New Rule"));
  nudge_test_spin (400);
  dialog = ADW_MESSAGE_DIALOG (nudge_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "New Rule");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Choose when the rule acts and what it does; the details come next.");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "create");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "create"), ==, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_response (dialog, adw_message_dialog_get_close_response (dialog));
  nudge_test_close_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  after = nudge_rule_list (f->book.store, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
}

/* The buttons at the end of every group's heading in @root (New Rule,
 * New Cadence, Add Step), @expected of them: each as tall as it asks,
 * not stretched to the heading's lines of description beside it. */
static void
assert_header_buttons_fit (GtkWidget *root,
                           guint      expected)
{
  g_autoptr(GPtrArray) groups = nudge_test_find_all (root, nudge_test_is_of_type,
                                                     GSIZE_TO_POINTER (ADW_TYPE_PREFERENCES_GROUP));
  guint seen = 0;

  for (guint i = 0; i < groups->len; i++)
    {
      GtkWidget *suffix = adw_preferences_group_get_header_suffix (g_ptr_array_index (groups, i));
      graphene_rect_t bounds;
      int natural;

      if (!GTK_IS_BUTTON (suffix))
        continue;
      seen++;
      g_assert_true (gtk_widget_get_mapped (suffix));
      /* The border box, as measured */
      g_assert_true (gtk_widget_compute_bounds (suffix, suffix, &bounds));
      gtk_widget_measure (suffix, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpint ((int) bounds.size.height, ==, natural);
      g_assert_cmpint (gtk_widget_get_valign (suffix), ==, GTK_ALIGN_CENTER);
      g_assert_true (gtk_widget_has_css_class (suffix, "flat"));
    }
  g_assert_cmpuint (seen, ==, expected);
}

/* The "+" of Rules, Cadences and a cadence's Steps is a button of its
 * own size beside the group's title and description, also in a narrow
 * window where the description takes more lines. */
static void
test_header_buttons (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *page = show_automation_page (f);
  NudgeCadenceEditor *editor = NULL;

  for (int width = 900; width >= 400; width -= 500)
    {
      gtk_window_set_default_size (GTK_WINDOW (f->window), width, 700);
      nudge_test_spin (200);
      assert_header_buttons_fit (page, 2);
    }
  present_cadence_editor (f, &editor);
  nudge_test_spin (300);
  assert_header_buttons_fit (GTK_WIDGET (editor), 1);
  gtk_window_destroy (GTK_WINDOW (editor));
  nudge_test_spin (50);
}

/* The names of every pipeline's stages in their order, as the store
 * has them, joined by "|". */
static char *
store_stage_names (NudgeStore *store)
{
  g_autoptr(GPtrArray) pipelines = nudge_store_list_pipelines (store, NULL);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < pipelines->len; i++)
    {
      g_autoptr(GPtrArray) stages = nudge_store_list_stages (store, nudge_stage_get_id (g_ptr_array_index (pipelines, i)),
                                                             NULL);

      for (guint j = 0; j < stages->len; j++)
        g_string_append_printf (names, "%s|", nudge_stage_get_name (g_ptr_array_index (stages, j)));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The stage rows' titles on @page, joined alike. */
static char *
page_stage_names (GtkWidget *page)
{
  g_autoptr(GPtrArray) rows = nudge_test_find_all (page, is_of_expander, NULL);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (names, "%s|", adw_preferences_row_get_title (g_ptr_array_index (rows, i)));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
is_board_column (GtkWidget     *widget,
                 gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "pipeline-column");
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_LABEL (widget);
}

/* The titles of the board's columns, joined alike. */
static char *
board_stage_names (GtkWidget *board)
{
  g_autoptr(GPtrArray) columns = nudge_test_find_all (board, is_board_column, NULL);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (names, "%s|", gtk_label_get_label (GTK_LABEL (nudge_test_find (g_ptr_array_index (columns, i),
                                                                                           NUDGE_TEST_ANY, is_label, NULL))));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

typedef struct
{
  GtkWidget  *page;
  const char *names;
} PageReads;

static gboolean
page_reads (gpointer data)
{
  PageReads *reads = data;
  g_autofree char *names = page_stage_names (reads->page);

  return g_strcmp0 (names, reads->names) == 0;
}

/* The page's stages read @names (the store's) once it is rebuilt. */
static void
assert_stages_read (GtkWidget  *page,
                    NudgeStore *store,
                    const char *names)
{
  g_autofree char *in_store = store_stage_names (store);
  g_autofree char *on_page = NULL;

  PageReads reads = { page, names };

  g_assert_cmpstr (in_store, ==, names);
  nudge_test_wait_until (page_reads, &reads);
  on_page = page_stage_names (page);
  g_assert_cmpstr (on_page, ==, names);
}

/* Preferences of @store on the app's settings, shown on its Pipelines
 * page once the page reads the stages of @store: the page, the window
 * in @prefs. */
static GtkWidget *
present_pipelines_page (NudgeStore  *store,
                        GtkWidget  **prefs_out)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *prefs = nudge_preferences_window_new (nudge_test_context (store, settings));
  GtkWidget *page = nudge_test_find_widget (prefs, NUDGE_TYPE_PIPELINES_PAGE);
  g_autofree char *names = store_stage_names (store);

  *prefs_out = prefs;
  gtk_window_present (GTK_WINDOW (prefs));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (page));
  nudge_test_spin (200);
  assert_stages_read (page, store, names);
  return page;
}

/* Clicks the button at @index (from 0) of those with @tooltip on @page,
 * one a stage. */
static void
click_stage_button (GtkWidget  *page,
                    const char *tooltip,
                    guint       index)
{
  g_autoptr(GPtrArray) buttons = nudge_test_find_all (page, is_tooltip, tooltip);

  g_assert_cmpuint (index, <, buttons->len);
  g_signal_emit_by_name (g_ptr_array_index (buttons, index), "clicked");
}

/* Clicks the Undo of the toast in @prefs, and lets the toast slide
 * away. */
static void
click_undo (GtkWidget *prefs)
{
  g_signal_emit_by_name (nudge_test_wait_button (prefs, "_Undo"), "clicked");
  nudge_test_spin (800);
}

/* @text typed into the entry row @row of the Pipelines page and applied
 * puts @part in the store's stage names; Undo puts back @before. */
static void
apply_then_undo (GtkWidget  *prefs,
                 NudgeStore *store,
                 GtkWidget  *row,
                 const char *text,
                 const char *part,
                 const char *before)
{
  GtkWidget *page = gtk_widget_get_ancestor (row, NUDGE_TYPE_PIPELINES_PAGE);
  g_autofree char *applied = NULL;

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  applied = store_stage_names (store);
  g_assert_nonnull (strstr (applied, part));
  click_undo (prefs);
  assert_stages_read (page, store, before);
}

/* In Preferences → Pipelines a stage moved, renamed or added says so in
 * a toast whose Undo puts the stages back as they were, in the store
 * and on the page. */
static void
test_stage_undo (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *prefs = NULL;
  GtkWidget *page;
  GtkWidget *board = show_page (f, nudge_pipeline_view_new (nudge_test_context (f->book.store, settings)));
  g_autofree char *before = store_stage_names (f->book.store);
  g_autofree char *board_before = board_stage_names (board);
  g_autofree char *board_now = NULL;
  g_autofree char *moved = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  PageReads reads = { NULL, NULL };

  reads.page = page = present_pipelines_page (f->book.store, &prefs);

  /* The second stage up, then Undo */
  click_stage_button (page, "Move up", 1);
  moved = store_stage_names (f->book.store);
  g_assert_cmpstr (moved, !=, before);
  reads.names = moved;
  nudge_test_wait_until (page_reads, &reads);
  g_assert_true (nudge_test_spin_while ((NudgeTestBusyFunc) nudge_pipeline_view_is_busy, board, 5000));
  board_now = board_stage_names (board);
  g_assert_cmpstr (board_now, !=, board_before);
  click_undo (prefs);
  assert_stages_read (page, f->book.store, before);
  /* The board follows */
  g_assert_true (nudge_test_spin_while ((NudgeTestBusyFunc) nudge_pipeline_view_is_busy, board, 5000));
  g_clear_pointer (&board_now, g_free);
  board_now = board_stage_names (board);
  g_assert_cmpstr (board_now, ==, board_before);

  /* The first stage renamed, then Undo; a stage added, then Undo */
  stages = nudge_test_find_all (page, is_of_expander, NULL);
  apply_then_undo (prefs, f->book.store, find_row (g_ptr_array_index (stages, 0), ADW_TYPE_ENTRY_ROW, "Name"),
                   "First call", "First call|", before);
  apply_then_undo (prefs, f->book.store, find_row (page, ADW_TYPE_ENTRY_ROW, "New stage"), "Offer sent",
                   "|Offer sent|", before);
  g_assert_cmpint (nudge_test_store_int (f->book.store, "SELECT COUNT(*) FROM stage WHERE name = 'Offer sent'"), ==, 0);
}

/* The button with @tooltip in the row of pipeline @name */
static GtkWidget *
pipeline_button (GtkWidget  *page,
                 const char *tooltip,
                 const char *name)
{
  g_autoptr(GPtrArray) buttons = nudge_test_find_all (page, is_tooltip, tooltip);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (buttons, i), ADW_TYPE_ENTRY_ROW);

      if (row != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), name) == 0)
        return g_ptr_array_index (buttons, i);
    }
  g_assert_not_reached ();
}

/* The toast in @prefs reads @title; its Undo is clicked. */
static void
toast_then_undo (GtkWidget  *prefs,
                 const char *title)
{
  GtkWidget *undo = nudge_test_wait_button (prefs, "_Undo");

  g_assert_nonnull (nudge_test_find_label (prefs, title));
  g_object_add_weak_pointer (G_OBJECT (undo), (gpointer *) &undo);
  click_undo (prefs);
  /* Gone before the next toast comes: still fading out, it would be
   * found in its place. */
  nudge_test_wait_gone ((gpointer *) &undo);
}

/* In Preferences → Pipelines a stage deleted after the question (its
 * deal moved to another stage) and an empty pipeline deleted say so in
 * a toast whose Undo puts them back, the deal in its stage again; once
 * the deal was moved on since, Undo refuses in a toast. */
static void
test_stage_delete_undo (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *prefs = NULL;
  GtkWidget *page;
  gint64 analysis = nudge_test_stage_id (f->book.store, "Needs analysis");
  gint64 deal = nudge_test_add_staged_deal (f->book.store, "Hotel Praha", "Needs analysis", 100, "CZK",
                                            "2026-03-02T08:00:00Z", NULL);
  g_autofree char *before = store_stage_names (f->book.store);
  g_autofree char *with_partners = NULL;
  g_autofree char *deleted = NULL;
  AdwMessageDialog *dialog;
  gint64 partners;

  page = present_pipelines_page (f->book.store, &prefs);

  /* The third stage, its deal moved to the first */
  click_stage_button (page, "Delete stage", 2);
  dialog = nudge_test_wait_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Needs analysis”?");
  adw_message_dialog_response (dialog, "delete");
  /* Written on a worker: told once it is done. */
  nudge_test_wait_label (prefs, "Stage “Needs analysis” deleted");
  g_assert_cmpint (nudge_test_store_int (f->book.store, "SELECT stage_id FROM deal WHERE id = %" G_GINT64_FORMAT, deal), ==,
                   nudge_test_stage_id (f->book.store, "Lead in"));
  deleted = store_stage_names (f->book.store);
  g_assert_null (strstr (deleted, "Needs analysis"));
  toast_then_undo (prefs, "Stage “Needs analysis” deleted");
  assert_stages_read (page, f->book.store, before);
  g_assert_cmpint (nudge_test_store_int (f->book.store, "SELECT stage_id FROM deal WHERE id = %" G_GINT64_FORMAT, deal), ==,
                   analysis);

  /* Deleted again, its deal moved on since: Undo refuses, and says so */
  click_stage_button (page, "Delete stage", 2);
  adw_message_dialog_response (nudge_test_wait_message_dialog (), "delete");
  nudge_test_wait_book_int (f->book.store, "SELECT COUNT(*) FROM stage WHERE name = 'Needs analysis'", 0);
  nudge_test_wait_label (prefs, "Stage “Needs analysis” deleted");
  g_assert_true (nudge_store_move_deal_to_stage (f->book.store, deal, nudge_test_stage_id (f->book.store, "Proposal sent"),
                                                 NULL));
  click_undo (prefs);
  nudge_test_wait_label (prefs, "Could not undo: The deal was changed since; undoing would lose that change");
  g_assert_cmpint (nudge_test_store_int (f->book.store, "SELECT COUNT(*) FROM stage WHERE id = %" G_GINT64_FORMAT, analysis),
                   ==, 0);
  g_clear_pointer (&before, g_free);
  before = store_stage_names (f->book.store);

  /* A pipeline */
  partners = nudge_pipeline_create (f->book.store, "Partners", NULL);
  with_partners = store_stage_names (f->book.store);
  assert_stages_read (page, f->book.store, with_partners);
  g_signal_emit_by_name (pipeline_button (page, "Delete pipeline", "Partners"), "clicked");
  assert_stages_read (page, f->book.store, before);
  toast_then_undo (prefs, "Pipeline “Partners” deleted");
  assert_stages_read (page, f->book.store, with_partners);
  g_assert_cmpint (nudge_pipeline_find (f->book.store, "Partners"), ==, partners);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "rule-editor", NUDGE_TEST_FUNC (test_rule_editor) },
    { "rule-pace", NUDGE_TEST_FUNC (test_rule_pace) },
    { "queued-in-today", NUDGE_TEST_FUNC (test_queued_in_today) },
    { "stage-moves", NUDGE_TEST_FUNC (test_stage_moves) },
    { "stage-move-keeps-focus", NUDGE_TEST_FUNC (test_stage_move_keeps_focus) },
    { "template-fields", NUDGE_TEST_FUNC (test_template_fields) },
    { "new-rule-dialog", NUDGE_TEST_FUNC (test_new_rule_dialog) },
    { "header-buttons", NUDGE_TEST_FUNC (test_header_buttons) },
    { "stage-undo", NUDGE_TEST_FUNC (test_stage_undo) },
    { "stage-delete-undo", NUDGE_TEST_FUNC (test_stage_delete_undo) },
  };

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "Europe/Prague", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  nudge_test_add_table ("/ui/automation/", Fixture, nudge_test_book_window_set_up, nudge_test_window_tear_down, cases);

  return g_test_run ();
}
