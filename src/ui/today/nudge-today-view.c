/* nudge-today-view.c
 *
 * Sections are GtkListBoxes bound to GListStores of NudgeOccurrence (and
 * NudgeDeal for "no next step"), rebuilt from
 * nudge_followups_list_occurrences() whenever the store changes. One
 * timeout is armed for the next moment a row turns overdue or the day
 * ends, so the view stays right without polling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-today-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <stdio.h>

#include "nudge-accessible.h"
#include "nudge-clock.h"
#include "nudge-followup-editor.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-next-step-dialog.h"
#include "nudge-automation.h"
#include "nudge-today-view.h"
#include "nudge-window.h"
#include "nudge-worker.h"

#define REFRESH_DELAY_MS 100
/* GSettings working-day-start lives in the UI; the core takes minutes. */
#define DEFAULT_WORKDAY_START (9 * 60)

enum {
  SECTION_OVERDUE,
  SECTION_TODAY,
  SECTION_WEEK,
  SECTION_NOSTEP,
  SECTION_ROTTING,
  N_SECTIONS
};

struct _NudgeTodayView
{
  GtkWidget    parent_instance;

  NudgeContext    *context;

  NudgeStore  *store;
  GSettings   *settings;
  guint        refresh_id;
  guint        tick_id;
  guint        n_overdue;

  GListStore  *overdue;
  GListStore  *today;
  GListStore  *week;
  GListStore  *nostep;
  GListStore  *rotting;

  GtkStack    *stack;
  GtkWidget   *overdue_section;
  GtkWidget   *today_section;
  GtkWidget   *week_section;
  GtkWidget   *nostep_section;
  GtkWidget   *rotting_section;
  GtkLabel    *overdue_title;
  GtkLabel    *today_title;
  GtkLabel    *week_title;
  GtkWidget   *queued_label;    /* what rules have planned after today */
  GtkLabel    *nostep_title;
  GtkLabel    *rotting_title;
  GtkListBox  *overdue_list;
  GtkListBox  *today_list;
  GtkListBox  *week_list;
  GtkListBox  *nostep_list;
  GtkListBox  *rotting_list;

  gboolean     narrow;      /* snooze and reschedule live in the row's menu */
  guint        narrow_id;

  /* What the last refresh found, per section; the lists show the first
   * shown[i] rows and a "Show More" button the rest. */
  GPtrArray   *found[N_SECTIONS];
  guint        shown[N_SECTIONS];
  GtkWidget   *more_button[N_SECTIONS];
  GCancellable *cancellable;
  gboolean     loading;
  gboolean     refresh_again;
  gboolean     loaded;
  guint        grow_id;
};

/* Below this width a row keeps Done and its menu only: the title needs
 * the room more than two more buttons do. */
#define NARROW_WIDTH 560

G_DEFINE_FINAL_TYPE (NudgeTodayView, nudge_today_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_OVERDUE_COUNT,
  N_PROPS
};

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_refresh (NudgeTodayView *self);
static GListStore *section_store (NudgeTodayView *self,
                                  guint           section);
static void show_more_cb     (GtkButton      *button,
                              NudgeTodayView *self);
static void action_failed    (NudgeTodayView *self,
                              gint64          id,
                              const GError   *error);

/* Rows a section shows at first, and how many more each "Show More"
 * adds: what a person reads at a glance, and cheap to build. */
#define FIRST_ROWS 20
#define MORE_ROWS 50

/* ---- helpers ---------------------------------------------------------- */

static const char *
kind_icon (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return "call-start-symbolic";
  if (g_strcmp0 (kind, "email") == 0)
    return "mail-unread-symbolic";
  if (g_strcmp0 (kind, "meeting") == 0)
    return "system-users-symbolic";
  return "checkbox-symbolic";
}

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return _("Call");
  if (g_strcmp0 (kind, "email") == 0)
    return _("E-mail");
  if (g_strcmp0 (kind, "meeting") == 0)
    return _("Meeting");
  return _("Task");
}

static char *
format_time_of_day (gint64 at)
{
  return nudge_format_time (at);
}

static gint64
local_midnight (gint64 at,
                int    add_days)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (at);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (local),
                                                        g_date_time_get_month (local),
                                                        g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) moved = g_date_time_add_days (midnight, add_days);

  return g_date_time_to_unix (moved);
}

static int
workday_start (NudgeTodayView *self)
{
  if (self->settings != NULL)
    return g_settings_get_int (self->settings, "working-day-start");
  return DEFAULT_WORKDAY_START;
}

static gboolean
skip_weekends (NudgeTodayView *self)
{
  return self->settings == NULL || g_settings_get_boolean (self->settings, "skip-weekends");
}

static GtkWindow *
parent_window (NudgeTodayView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
open_record (NudgeTodayView *self,
             NudgeEntity     entity,
             gint64          id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_signal_emit (self, signals[OPEN_RECORD], 0, entity, id);
  if (NUDGE_IS_WINDOW (root))
    nudge_window_open_record (NUDGE_WINDOW (root), entity, id);
}

static void
show_error (NudgeTodayView *self,
            const GError   *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), _("Could Not Change the Follow-up"),
                                              error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Sets the badge of the view switcher page that holds this view. */
static void
update_badge (NudgeTodayView *self)
{
  GtkWidget *child = GTK_WIDGET (self);
  GtkWidget *parent = gtk_widget_get_parent (child);

  while (parent != NULL && !ADW_IS_VIEW_STACK (parent))
    {
      child = parent;
      parent = gtk_widget_get_parent (parent);
    }
  /* AdwViewStack keeps its children in an internal GtkStack. */
  if (parent == NULL)
    {
      GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_VIEW_STACK);

      if (stack == NULL)
        return;
      for (GtkWidget *w = GTK_WIDGET (self); w != NULL && w != stack; w = gtk_widget_get_parent (w))
        {
          AdwViewStackPage *page = adw_view_stack_get_page (ADW_VIEW_STACK (stack), w);

          if (page != NULL)
            {
              adw_view_stack_page_set_badge_number (page, self->n_overdue);
              adw_view_stack_page_set_needs_attention (page, self->n_overdue > 0);
              return;
            }
        }
      return;
    }
  {
    AdwViewStackPage *page = adw_view_stack_get_page (ADW_VIEW_STACK (parent), child);

    if (page != NULL)
      {
        adw_view_stack_page_set_badge_number (page, self->n_overdue);
        adw_view_stack_page_set_needs_attention (page, self->n_overdue > 0);
      }
  }
}

static void
set_section (GtkWidget  *section,
             GtkLabel   *title,
             guint       n,
             char       *text)
{
  gtk_widget_set_visible (section, n > 0);
  gtk_label_set_label (title, text);
  g_free (text);
}

static gboolean
tick_cb (gpointer data)
{
  NudgeTodayView *self = data;

  self->tick_id = 0;
  nudge_today_view_refresh (self);
  return G_SOURCE_REMOVE;
}

/* ---- rows ------------------------------------------------------------- */

static char *
occurrence_subtitle (NudgeOccurrence *o,
                     gint64           now)
{
  NudgeFollowup *f = nudge_occurrence_get_followup (o);
  gint64 due = nudge_occurrence_get_due_at (o);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *day = nudge_format_relative_day (due, now);
  const char *context[] = {
    nudge_followup_get_deal_title (f),
    nudge_followup_get_company_name (f),
    nudge_followup_get_contact_name (f),
  };

  if (nudge_occurrence_get_all_day (o))
    g_string_append (text, day);
  else
    {
      g_autofree char *time = format_time_of_day (due);

      if (due >= local_midnight (now, 0) && due < local_midnight (now, 1))
        g_string_append (text, time);
      else
        /* TRANSLATORS: day and time, e.g. "Yesterday 09:00" */
        g_string_append_printf (text, _("%s %s"), day, time);
    }
  if (nudge_followup_get_snoozed_until (f) > 0 && due == nudge_followup_get_snoozed_until (f))
    g_string_append_printf (text, " (%s)", _("snoozed"));

  for (guint i = 0; i < G_N_ELEMENTS (context); i++)
    if (context[i] != NULL && *context[i] != '\0')
      g_string_append_printf (text, " · %s", context[i]);
  return g_markup_escape_text (text->str, -1);
}

/* What a screen reader says for a row: the title, when it is due in
 * words ("overdue since 09:00"), then what the subtitle and the icons
 * show. */
static char *
occurrence_accessible_label (NudgeOccurrence *o,
                             gint64           now)
{
  NudgeFollowup *f = nudge_occurrence_get_followup (o);
  gint64 due = nudge_occurrence_get_due_at (o);
  gboolean all_day = nudge_occurrence_get_all_day (o);
  gboolean today = due >= local_midnight (now, 0) && due < local_midnight (now, 1);
  const char *title = nudge_followup_get_title (f);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *when = NULL;
  const char *context[] = {
    nudge_followup_get_deal_title (f),
    nudge_followup_get_company_name (f),
    nudge_followup_get_contact_name (f),
  };

  if (today)
    when = all_day ? NULL : nudge_format_time (due);
  else if (nudge_occurrence_get_is_overdue (o))
    when = all_day ? nudge_format_date (due) : nudge_format_datetime (due);
  else
    {
      g_autofree char *day = nudge_format_relative_day (due, now);
      g_autofree char *time = all_day ? NULL : nudge_format_time (due);

      /* TRANSLATORS: day and time, e.g. "Tomorrow 09:00" */
      when = time != NULL ? g_strdup_printf (_("%s %s"), day, time) : g_steal_pointer (&day);
    }

  /* TRANSLATORS: what screen readers say for a row of Today: the
   * follow-up's title, then when it is due, e.g. "Call Jan Novák, overdue
   * since 09:00" (the second %s is a time, or a date and time) */
  if (nudge_occurrence_get_is_overdue (o) && when != NULL)
    g_string_printf (text, _("%s, overdue since %s"), title, when);
  else if (nudge_occurrence_get_is_overdue (o))
    g_string_printf (text, _("%s, overdue"), title);
  else if (when == NULL)
    g_string_printf (text, _("%s, due today"), title);
  else if (today)
    /* TRANSLATORS: a row of Today, e.g. "Call Jan Novák, due at 14:00" */
    g_string_printf (text, _("%s, due at %s"), title, when);
  else
    /* TRANSLATORS: a row of Today, e.g. "Call Jan Novák, due Tomorrow 09:00" */
    g_string_printf (text, _("%s, due %s"), title, when);

  if (nudge_followup_get_snoozed_until (f) > 0 && due == nudge_followup_get_snoozed_until (f))
    g_string_append_printf (text, ", %s", _("snoozed"));
  if (nudge_followup_get_priority (f) >= 3)
    g_string_append_printf (text, ", %s", _("high priority"));
  if (nudge_occurrence_get_recurring (o))
    g_string_append_printf (text, ", %s", _("repeats"));
  for (guint i = 0; i < G_N_ELEMENTS (context); i++)
    if (context[i] != NULL && *context[i] != '\0')
      g_string_append_printf (text, ", %s", context[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GMenuModel *
snooze_menu (NudgeOccurrence *o)
{
  GMenu *menu = g_menu_new ();
  NudgeFollowup *f = nudge_occurrence_get_followup (o);
  /* Worded as the notification's buttons (nudge_followups_snooze_label). */
  const NudgeSnoozePreset presets[] = {
    NUDGE_SNOOZE_10_MINUTES, NUDGE_SNOOZE_1_HOUR, NUDGE_SNOOZE_TOMORROW, NUDGE_SNOOZE_NEXT_WEEK,
  };

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (nudge_followups_snooze_label (presets[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "today.snooze",
                                               g_variant_new ("(xxi)", nudge_followup_get_id (f),
                                                              nudge_occurrence_get_start (o),
                                                              (int) presets[i]));
      g_menu_append_item (menu, item);
    }
  if (nudge_occurrence_get_recurring (o))
    {
      g_autoptr(GMenu) section = g_menu_new ();
      g_autoptr(GMenuItem) skip = g_menu_item_new (_("Skip This Occurrence"), NULL);

      g_menu_item_set_action_and_target_value (skip, "today.skip",
                                               g_variant_new ("(xx)", nudge_followup_get_id (f),
                                                              nudge_occurrence_get_start (o)));
      g_menu_append_item (section, skip);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
    }
  return G_MENU_MODEL (menu);
}

static GMenuModel *
more_menu (NudgeOccurrence *o)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) log = g_menu_new ();
  g_autoptr(GMenu) other = g_menu_new ();
  NudgeFollowup *f = nudge_occurrence_get_followup (o);
  gint64 id = nudge_followup_get_id (f);
  gint64 start = nudge_occurrence_get_start (o);
  const struct { const char *label; const char *kind; } logs[] = {
    { N_("Log a Call and Mark Done"), "call" },
    { N_("Log an E-mail and Mark Done"), "email" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (logs); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(logs[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "today.log",
                                               g_variant_new ("(xxs)", id, start, logs[i].kind));
      g_menu_append_item (log, item);
    }
  /* A rule prepared this e-mail from a template: open it, filled in, in
   * the mail client. */
  {
    const char *mailto = strstr (nudge_followup_get_notes (f), "mailto:");

    if (mailto != NULL)
      {
        g_autoptr(GMenuItem) write = g_menu_item_new (_("_Write the Prepared E-mail"), NULL);
        g_autofree char *uri = g_strndup (mailto, strcspn (mailto, " \n\t"));

        g_menu_item_set_action_and_target_value (write, "today.mailto", g_variant_new_string (uri));
        g_menu_prepend_item (log, write);
      }
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (log));

  {
    g_autoptr(GMenuModel) snooze = snooze_menu (o);

    /* Also here for narrow windows, where the row hides its snooze button. */
    g_menu_append_submenu (other, _("_Snooze"), snooze);
  }
  {
    g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);

    g_menu_item_set_action_and_target_value (edit, "today.edit", g_variant_new ("(xx)", id, start));
    g_menu_append_item (other, edit);
  }
  if (nudge_followup_get_deal_id (f) > 0)
    {
      g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open Deal"), NULL);

      g_menu_item_set_action_and_target_value (open, "today.open",
                                               g_variant_new ("(ix)", (int) NUDGE_ENTITY_DEAL,
                                                              nudge_followup_get_deal_id (f)));
      g_menu_append_item (other, open);
    }
  else if (nudge_followup_get_contact_id (f) > 0)
    {
      g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open Contact"), NULL);

      g_menu_item_set_action_and_target_value (open, "today.open",
                                               g_variant_new ("(ix)", (int) NUDGE_ENTITY_CONTACT,
                                                              nudge_followup_get_contact_id (f)));
      g_menu_append_item (other, open);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));
  return G_MENU_MODEL (menu);
}

static void
reschedule_day_selected_cb (GtkCalendar *calendar,
                            GtkWidget   *row)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (gtk_widget_get_ancestor (row, NUDGE_TYPE_TODAY_VIEW));
  NudgeOccurrence *o = g_object_get_data (G_OBJECT (row), "occurrence");
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autoptr(GError) error = NULL;
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  if (self == NULL || o == NULL)
    return;
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (!nudge_followups_reschedule_to_day (self->store,
                                          nudge_followup_get_id (nudge_occurrence_get_followup (o)),
                                          nudge_occurrence_get_start (o),
                                          g_date_time_get_year (date), g_date_time_get_month (date),
                                          g_date_time_get_day_of_month (date), &error))
    action_failed (self, nudge_followup_get_id (nudge_occurrence_get_followup (o)), error);
}

static void
reschedule_popover_show_cb (GtkPopover *popover,
                            GtkCalendar *calendar)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX_ROW);
  NudgeOccurrence *o = row ? g_object_get_data (G_OBJECT (row), "occurrence") : NULL;
  g_autoptr(GDateTime) date = NULL;

  if (o == NULL)
    return;
  date = g_date_time_new_from_unix_local (nudge_occurrence_get_start (o));
  g_signal_handlers_block_matched (calendar, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                   reschedule_day_selected_cb, NULL);
  gtk_calendar_select_day (calendar, date);
  g_signal_handlers_unblock_matched (calendar, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                     reschedule_day_selected_cb, NULL);
}

/* Menus and the reschedule calendar are built when first opened: a row
 * is cheap to make, so a long Today opens at once. */
static NudgeOccurrence *
button_occurrence (GtkMenuButton *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "occurrence") : NULL;
}

/* @user_data is the function that builds the row's menu. */
static void
create_menu_popup_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  GMenuModel *(*build_menu) (NudgeOccurrence *) = user_data;
  NudgeOccurrence *o = button_occurrence (button);
  g_autoptr(GMenuModel) menu = NULL;

  if (o == NULL || gtk_menu_button_get_menu_model (button) != NULL)
    return;
  menu = build_menu (o);
  gtk_menu_button_set_menu_model (button, menu);
}

static void
create_reschedule_popup_cb (GtkMenuButton *button,
                            gpointer       user_data)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *popover;
  GtkWidget *calendar;

  if (row == NULL || gtk_menu_button_get_popover (button) != NULL)
    return;
  popover = gtk_popover_new ();
  calendar = gtk_calendar_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (button, popover);
  g_signal_connect (popover, "show", G_CALLBACK (reschedule_popover_show_cb), calendar);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (reschedule_day_selected_cb), row);
}

static GtkWidget *
create_occurrence_row (gpointer item,
                       gpointer user_data)
{
  NudgeTodayView *self = user_data;
  NudgeOccurrence *o = item;
  NudgeFollowup *f = nudge_occurrence_get_followup (o);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (kind_icon (nudge_followup_get_kind (f)));
  GtkWidget *done = gtk_button_new_from_icon_name ("object-select-symbolic");
  GtkWidget *snooze = gtk_menu_button_new ();
  GtkWidget *reschedule = gtk_menu_button_new ();
  GtkWidget *more = gtk_menu_button_new ();
  g_autofree char *title = g_markup_escape_text (nudge_followup_get_title (f), -1);
  g_autofree char *subtitle = occurrence_subtitle (o, nudge_clock_now ());
  g_autofree char *label = occurrence_accessible_label (o, nudge_clock_now ());
  const char *name = nudge_followup_get_title (f);
  /* TRANSLATORS: accessible names of a Today row's buttons; %s is the
   * follow-up's title, e.g. "Call Jan Novák" */
  g_autofree char *done_label = g_strdup_printf (_("Mark %s as done"), name);
  g_autofree char *snooze_label = g_strdup_printf (_("Snooze %s"), name);
  g_autofree char *reschedule_label = g_strdup_printf (_("Reschedule %s"), name);
  g_autofree char *more_label = g_strdup_printf (_("More actions for %s"), name);

  g_object_set_data_full (G_OBJECT (row), "occurrence", g_object_ref (o), g_object_unref);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* The row's name says it all; not also its title label after it. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  gtk_widget_set_tooltip_text (icon, kind_label (nudge_followup_get_kind (f)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind_label (nudge_followup_get_kind (f)), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (nudge_occurrence_get_is_overdue (o))
    gtk_widget_add_css_class (icon, "error");

  if (nudge_followup_get_priority (f) >= 3)
    {
      GtkWidget *tag = gtk_image_new_from_icon_name ("emblem-important-symbolic");

      gtk_widget_set_tooltip_text (tag, _("High priority"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (tag), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("High priority"), -1);
      gtk_widget_add_css_class (tag, "warning");
      /* A suffix, not a prefix: titles stay aligned down the list. */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
  if (nudge_occurrence_get_recurring (o))
    {
      GtkWidget *repeat = gtk_image_new_from_icon_name ("media-playlist-repeat-symbolic");

      gtk_widget_set_tooltip_text (repeat, _("Repeats"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (repeat), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Repeats"), -1);
      gtk_widget_add_css_class (repeat, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), repeat);
    }

  gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (done, _("Done (D)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_PROPERTY_LABEL, done_label, -1);
  gtk_widget_add_css_class (done, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "today.done");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (done),
                                          g_variant_new ("(xx)", nudge_followup_get_id (f),
                                                         nudge_occurrence_get_start (o)));

  gtk_widget_set_valign (snooze, GTK_ALIGN_CENTER);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (snooze), "alarm-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (snooze), create_menu_popup_cb, (gpointer) snooze_menu, NULL);
  gtk_widget_set_tooltip_text (snooze, _("Snooze (S)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (snooze), GTK_ACCESSIBLE_PROPERTY_LABEL, snooze_label, -1);
  gtk_widget_add_css_class (snooze, "flat");
  gtk_widget_set_name (snooze, "snooze");

  gtk_widget_set_valign (reschedule, GTK_ALIGN_CENTER);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (reschedule), "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (reschedule, _("Reschedule (R)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reschedule), GTK_ACCESSIBLE_PROPERTY_LABEL, reschedule_label, -1);
  gtk_widget_add_css_class (reschedule, "flat");
  gtk_widget_set_name (reschedule, "reschedule");
  gtk_widget_add_css_class (snooze, "secondary-action");
  gtk_widget_add_css_class (reschedule, "secondary-action");
  gtk_widget_set_visible (snooze, !self->narrow);
  gtk_widget_set_visible (reschedule, !self->narrow);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (reschedule), create_reschedule_popup_cb, NULL, NULL);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), snooze);
  gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (more), create_menu_popup_cb, (gpointer) more_menu, NULL);
  gtk_widget_set_tooltip_text (more, _("More"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, more_label, -1);
  gtk_widget_add_css_class (more, "flat");
  gtk_widget_set_name (more, "more");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), reschedule);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), more);
  return row;
}

static GtkWidget *
create_rotting_row (gpointer item,
                    gpointer user_data)
{
  NudgeDeal *deal = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("preferences-system-time-symbolic");
  GtkWidget *go = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *title = g_markup_escape_text (nudge_deal_get_title (deal), -1);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  gint64 idle_since = MAX (nudge_deal_get_last_activity_at (deal), nudge_deal_get_stage_entered_at (deal));
  int days = nudge_days_between (idle_since, nudge_clock_now ());

  g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "Idle for %d day", "Idle for %d days", days), days);
  if (*nudge_deal_get_stage_name (deal) != '\0')
    g_string_append_printf (subtitle, " · %s", nudge_deal_get_stage_name (deal));
  if (*nudge_deal_get_company_name (deal) != '\0')
    g_string_append_printf (subtitle, " · %s", nudge_deal_get_company_name (deal));
  escaped = g_markup_escape_text (subtitle->str, -1);

  g_object_set_data_full (G_OBJECT (row), "deal", g_object_ref (deal), g_object_unref);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), go);
  return row;
}

static GtkWidget *
create_deal_row (gpointer item,
                 gpointer user_data)
{
  NudgeDeal *deal = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Plan Next Step"));
  g_autofree char *title = g_markup_escape_text (nudge_deal_get_title (deal), -1);
  g_autoptr(GString) subtitle = g_string_new (nudge_deal_get_company_name (deal));
  g_autofree char *escaped = NULL;

  if (*nudge_deal_get_stage_name (deal) != '\0')
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", nudge_deal_get_stage_name (deal));
  if (nudge_deal_get_last_activity_at (deal) > 0)
    {
      int days = nudge_days_between (nudge_deal_get_last_activity_at (deal), nudge_clock_now ());

      g_string_append (subtitle, subtitle->len ? " · " : "");
      g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "last touch %d day ago",
                                                     "last touch %d days ago", days), days);
    }
  escaped = g_markup_escape_text (subtitle->str, -1);

  g_object_set_data_full (G_OBJECT (row), "deal", g_object_ref (deal), g_object_unref);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  {
    /* Translators: accessible name of a deal's Plan Next Step button; %s is the deal's title */
    g_autofree char *add_label = g_strdup_printf (_("Plan next step for %s"), nudge_deal_get_title (deal));

    nudge_accessible_set_label (add, add_label);
  }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "today.plan");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (add),
                                          g_variant_new ("(xx)", nudge_deal_get_id (deal),
                                                         nudge_deal_get_contact_id (deal)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
  return row;
}

/* ---- signal callbacks ------------------------------------------------- */

static void
row_activated_cb (GtkListBox     *list,
                  GtkListBoxRow  *row,
                  NudgeTodayView *self)
{
  NudgeOccurrence *o = g_object_get_data (G_OBJECT (row), "occurrence");
  NudgeDeal *deal = g_object_get_data (G_OBJECT (row), "deal");

  if (deal != NULL)
    open_record (self, NUDGE_ENTITY_DEAL, nudge_deal_get_id (deal));
  else if (o != NULL)
    {
      NudgeFollowup *f = nudge_occurrence_get_followup (o);

      if (nudge_followup_get_deal_id (f) > 0)
        open_record (self, NUDGE_ENTITY_DEAL, nudge_followup_get_deal_id (f));
      else if (nudge_followup_get_contact_id (f) > 0)
        open_record (self, NUDGE_ENTITY_CONTACT, nudge_followup_get_contact_id (f));
      else
        nudge_followup_editor_present (parent_window (self), self->store, f,
                                       nudge_occurrence_get_recurring (o) ? nudge_occurrence_get_start (o) : 0, 0, 0);
    }
}

static void
store_changes_cb (NudgeStore     *store,
                  NudgeChangeSet *changes,
                  NudgeTodayView *self)
{
  if (nudge_change_set_touches_any (changes, NUDGE_ENTITY_BIT (NUDGE_ENTITY_FOLLOWUP) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_DEAL) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_CONTACT) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_COMPANY)))
    schedule_refresh (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  NudgeTodayView *self = data;

  self->refresh_id = 0;
  nudge_today_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (NudgeTodayView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_idle_cb, self);
}

/* ---- actions ---------------------------------------------------------- */

/* A row that was done, snoozed, skipped or moved leaves at once; the
 * refresh on the worker that follows puts every count right. */
static void
remove_occurrence_now (NudgeTodayView *self,
                       gint64          followup_id,
                       gint64          start)
{
  for (guint s = SECTION_OVERDUE; s <= SECTION_WEEK; s++)
    {
      GListModel *model = G_LIST_MODEL (section_store (self, s));
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(NudgeOccurrence) o = g_list_model_get_item (model, i);
          NudgeFollowup *f = nudge_occurrence_get_followup (o);

          if (nudge_followup_get_id (f) == followup_id &&
              (start == 0 || !nudge_occurrence_get_recurring (o) || nudge_occurrence_get_start (o) == start))
            {
              GPtrArray *found = self->found[s];
              guint index;

              if (found != NULL && g_ptr_array_find (found, o, &index))
                {
                  g_ptr_array_remove_index (found, index);
                  if (self->shown[s] > 0 && self->shown[s] > FIRST_ROWS)
                    self->shown[s]--;
                }
              g_list_store_remove (section_store (self, s), i);
              return;
            }
        }
    }
}

/* An action on a row failed: another program may have done, cancelled
 * or deleted its follow-up after the row was listed (the book is watched,
 * but a click can come first). That is said in a toast and the rows are
 * listed again; any other failure gets the dialog. */
static void
action_failed (NudgeTodayView *self,
               gint64          id,
               const GError   *error)
{
  g_autoptr(NudgeFollowup) now = NULL;
  g_autoptr(GError) lookup_error = NULL;
  GtkWidget *overlay;
  const char *message = NULL;

  now = nudge_store_get_followup (self->store, id, &lookup_error);
  if (now == NULL && g_error_matches (lookup_error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND))
    message = _("This follow-up no longer exists");
  else if (now != NULL && g_strcmp0 (nudge_followup_get_status (now), "open") != 0)
    message = _("This follow-up was changed elsewhere");
  if (message == NULL)
    {
      show_error (self, error);
      return;
    }
  remove_occurrence_now (self, id, 0);
  nudge_today_view_refresh (self);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    {
      g_autoptr(GError) changed = g_error_new_literal (NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID, message);

      show_error (self, changed);
    }
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id, occurrence;

  g_variant_get (param, "(xx)", &id, &occurrence);
  if (!nudge_followups_complete (self->store, id, occurrence, &error))
    {
      action_failed (self, id, error);
      return;
    }
  remove_occurrence_now (self, id, occurrence);
  nudge_today_view_refresh (self);
  nudge_next_step_dialog_present (parent_window (self), self->store, id);
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) f = NULL;
  gint64 id, occurrence, until;
  int preset;

  g_variant_get (param, "(xxi)", &id, &occurrence, &preset);
  if (!(f = nudge_store_get_followup (self->store, id, &error)))
    {
      action_failed (self, id, error);
      return;
    }
  until = nudge_followups_snooze_target (preset, nudge_clock_now (), nudge_followup_get_tzid (f),
                                         workday_start (self), skip_weekends (self));
  if (!nudge_followups_snooze (self->store, id, until, &error))
    action_failed (self, id, error);
  else
    remove_occurrence_now (self, id, occurrence);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id, occurrence;

  g_variant_get (param, "(xx)", &id, &occurrence);
  if (!nudge_followups_skip (self->store, id, occurrence, &error))
    action_failed (self, id, error);
  else
    remove_occurrence_now (self, id, occurrence);
}

static void
log_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  g_autoptr(NudgeFollowup) f = NULL;
  g_autoptr(NudgeActivity) activity = nudge_activity_new ();
  g_autoptr(GError) error = NULL;
  const char *kind;
  gint64 id, occurrence;
  gboolean ok;

  g_variant_get (param, "(xx&s)", &id, &occurrence, &kind);
  if (!(f = nudge_store_get_followup (self->store, id, &error)))
    {
      action_failed (self, id, error);
      return;
    }

  /* The interaction and the completion land together or not at all. */
  g_object_set (activity, "kind", kind, "direction", NUDGE_DIRECTION_OUT,
                "occurred-at", nudge_clock_now (), "deal-id", nudge_followup_get_deal_id (f),
                "contact-id", nudge_followup_get_contact_id (f),
                "summary", nudge_followup_get_title (f), NULL);
  ok = nudge_store_begin (self->store, &error);
  ok = ok && nudge_store_add_activity (self->store, activity, &error) != 0;
  ok = ok && nudge_followups_complete (self->store, id, occurrence, &error);
  if (ok)
    ok = nudge_store_commit (self->store, &error);
  else
    nudge_store_rollback (self->store);
  if (!ok)
    {
      action_failed (self, id, error);
      return;
    }
  nudge_today_view_refresh (self);
  nudge_next_step_dialog_present (parent_window (self), self->store, id);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  g_autoptr(NudgeFollowup) f = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, occurrence;

  g_variant_get (param, "(xx)", &id, &occurrence);
  if (!(f = nudge_store_get_followup (self->store, id, &error)))
    {
      action_failed (self, id, error);
      return;
    }
  nudge_followup_editor_present (parent_window (self), self->store, f,
                                 *nudge_followup_get_rrule (f) ? occurrence : 0, 0, 0);
}

static void
mailto_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  int entity;
  gint64 id;

  g_variant_get (param, "(ix)", &entity, &id);
  open_record (NUDGE_TODAY_VIEW (widget), entity, id);
}

static void
plan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  gint64 deal_id, contact_id;

  g_variant_get (param, "(xx)", &deal_id, &contact_id);
  nudge_followup_editor_present (parent_window (self), self->store, NULL, 0, deal_id, contact_id);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);

  nudge_followup_editor_present (parent_window (self), self->store, NULL, 0, 0, 0);
}

static GtkWidget *
focused_row (NudgeTodayView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (row == NULL || !gtk_widget_is_ancestor (row, GTK_WIDGET (self)))
    return NULL;
  return row;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
key_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  GtkWidget *row = focused_row (self);
  NudgeOccurrence *o = row ? g_object_get_data (G_OBJECT (row), "occurrence") : NULL;
  const char *which = g_variant_get_string (param, NULL);

  if (o == NULL)
    return;
  if (g_str_equal (which, "done"))
    gtk_widget_activate_action (widget, "today.done", "(xx)",
                                nudge_followup_get_id (nudge_occurrence_get_followup (o)),
                                nudge_occurrence_get_start (o));
  else
    {
      GtkWidget *button = find_named (row, which);

      /* A narrow row has these in its menu. */
      if (button != NULL && !gtk_widget_get_visible (button))
        button = find_named (row, "more");
      if (button != NULL)
        gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    }
}

/* D, S and R act on the focused row; with no row focused they are
 * typing, which the window turns into a search. */
static gboolean
key_binding (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  if (focused_row (NUDGE_TODAY_VIEW (widget)) == NULL)
    return FALSE;
  key_action (widget, "today.key", args);
  return TRUE;
}

/* ---- overrides -------------------------------------------------------- */

static void
set_secondary_visible (GtkWidget *widget,
                       gboolean   visible)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, "secondary-action"))
        gtk_widget_set_visible (child, visible);
      else
        set_secondary_visible (child, visible);
    }
}

static gboolean
apply_narrow_cb (gpointer data)
{
  NudgeTodayView *self = data;

  self->narrow_id = 0;
  set_secondary_visible (GTK_WIDGET (self), !self->narrow);
  return G_SOURCE_REMOVE;
}

static void
nudge_today_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

/* Rows change their buttons after the allocation that crossed the
 * threshold, not during it. */
static void
nudge_today_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);
  gboolean narrow = width < NARROW_WIDTH;

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->narrow_id == 0)
        self->narrow_id = g_idle_add (apply_narrow_cb, self);
    }
}

static void
nudge_today_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (nudge_today_view_parent_class)->root (widget);
  update_badge (NUDGE_TODAY_VIEW (widget));
}

static void
nudge_today_view_constructed (GObject *object)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (object);

  G_OBJECT_CLASS (nudge_today_view_parent_class)->constructed (object);

  g_assert (NUDGE_IS_CONTEXT (self->context));
  self->store = g_object_ref (nudge_context_get_store (self->context));
  g_signal_connect_object (self->store, "changes", G_CALLBACK (store_changes_cb), self, 0);
  nudge_today_view_refresh (self);
}

static void
nudge_today_view_dispose (GObject *object)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->narrow_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_TODAY_VIEW);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  for (guint i = 0; i < N_SECTIONS; i++)
    g_clear_pointer (&self->found[i], g_ptr_array_unref);
  g_clear_object (&self->overdue);
  g_clear_object (&self->today);
  g_clear_object (&self->week);
  g_clear_object (&self->nostep);
  g_clear_object (&self->rotting);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (nudge_today_view_parent_class)->dispose (object);
}

static void
nudge_today_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_OVERDUE_COUNT:
      g_value_set_uint (value, self->n_overdue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_today_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_today_view_class_init (NudgeTodayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nudge_today_view_constructed;
  object_class->dispose = nudge_today_view_dispose;
  object_class->get_property = nudge_today_view_get_property;
  object_class->set_property = nudge_today_view_set_property;
  widget_class->root = nudge_today_view_root;

  properties[PROP_CONTEXT] = nudge_context_param_spec ();
  properties[PROP_OVERDUE_COUNT] =
    g_param_spec_uint ("overdue-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-today-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, stack);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, overdue_section);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, today_section);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, week_section);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, nostep_section);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, rotting_section);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, overdue_title);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, today_title);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, week_title);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, nostep_title);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, rotting_title);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, today_list);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, week_list);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, nostep_list);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, rotting_list);

  gtk_widget_class_install_action (widget_class, "today.done", "(xx)", done_action);
  gtk_widget_class_install_action (widget_class, "today.snooze", "(xxi)", snooze_action);
  gtk_widget_class_install_action (widget_class, "today.skip", "(xx)", skip_action);
  gtk_widget_class_install_action (widget_class, "today.plan", "(xx)", plan_action);
  gtk_widget_class_install_action (widget_class, "today.log", "(xxs)", log_action);
  gtk_widget_class_install_action (widget_class, "today.edit", "(xx)", edit_action);
  gtk_widget_class_install_action (widget_class, "today.open", "(ix)", open_action);
  gtk_widget_class_install_action (widget_class, "today.mailto", "s", mailto_action);
  gtk_widget_class_install_action (widget_class, "today.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "today.key", "s", key_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_d, 0, key_binding, "s", "done");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, 0, key_binding, "s", "snooze");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_r, 0, key_binding, "s", "reschedule");

  widget_class->measure = nudge_today_view_measure;
  widget_class->size_allocate = nudge_today_view_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "todayview");
}

static void
nudge_today_view_init (NudgeTodayView *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Under "Next 7 Days": rules keep to a daily pace (nudge-pace.c), and
   * the seller sees the plan rather than a wall of rows. */
  self->queued_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->queued_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->queued_label), TRUE);
  gtk_widget_add_css_class (self->queued_label, "dim-label");
  gtk_widget_add_css_class (self->queued_label, "caption");
  gtk_widget_set_visible (self->queued_label, FALSE);
  gtk_box_insert_child_after (GTK_BOX (self->week_section), self->queued_label, GTK_WIDGET (self->week_title));

  /* Tests and tools may run without the compiled schema. */
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)) &&
      g_settings_schema_has_key (schema, "working-day-start") &&
      g_settings_schema_has_key (schema, "skip-weekends"))
    self->settings = g_settings_new (APPLICATION_ID);

  self->overdue = g_list_store_new (NUDGE_TYPE_OCCURRENCE);
  self->today = g_list_store_new (NUDGE_TYPE_OCCURRENCE);
  self->week = g_list_store_new (NUDGE_TYPE_OCCURRENCE);
  self->nostep = g_list_store_new (NUDGE_TYPE_DEAL);
  self->rotting = g_list_store_new (NUDGE_TYPE_DEAL);
  gtk_list_box_bind_model (self->overdue_list, G_LIST_MODEL (self->overdue), create_occurrence_row, self, NULL);
  gtk_list_box_bind_model (self->today_list, G_LIST_MODEL (self->today), create_occurrence_row, self, NULL);
  gtk_list_box_bind_model (self->week_list, G_LIST_MODEL (self->week), create_occurrence_row, self, NULL);
  gtk_list_box_bind_model (self->nostep_list, G_LIST_MODEL (self->nostep), create_deal_row, self, NULL);
  gtk_list_box_bind_model (self->rotting_list, G_LIST_MODEL (self->rotting), create_rotting_row, self, NULL);
  g_signal_connect (self->overdue_list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect (self->today_list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect (self->week_list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect (self->nostep_list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect (self->rotting_list, "row-activated", G_CALLBACK (row_activated_cb), self);

  self->cancellable = g_cancellable_new ();
  {
    GtkListBox *lists[N_SECTIONS] = { self->overdue_list, self->today_list, self->week_list,
                                      self->nostep_list, self->rotting_list };

    for (guint i = 0; i < N_SECTIONS; i++)
      {
        GtkWidget *button = gtk_button_new ();

        self->shown[i] = FIRST_ROWS;
        gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (button, "pill");
        gtk_widget_set_visible (button, FALSE);
        g_signal_connect (button, "clicked", G_CALLBACK (show_more_cb), self);
        gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (lists[i]))), button);
        self->more_button[i] = button;
      }
  }
}

/* ---- public API ------------------------------------------------------- */

GtkWidget *
nudge_today_view_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_TODAY_VIEW, "context", context, NULL);
}

NudgeContext *
nudge_today_view_get_context (NudgeTodayView *self)
{
  g_return_val_if_fail (NUDGE_IS_TODAY_VIEW (self), NULL);

  return self->context;
}

typedef struct
{
  gint64     now;
  GPtrArray *occurrences;
  GPtrArray *deals;
  GPtrArray *rotting;
  guint      queued;
  guint      queued_days;
} RefreshJob;

static void
refresh_job_free (gpointer data)
{
  RefreshJob *job = data;

  g_clear_pointer (&job->occurrences, g_ptr_array_unref);
  g_clear_pointer (&job->deals, g_ptr_array_unref);
  g_clear_pointer (&job->rotting, g_ptr_array_unref);
  g_free (job);
}

/* On a worker: the queries of a big book take longer than a frame. */
static gboolean
refresh_job (NudgeStore    *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  RefreshJob *job = data;

  job->occurrences = nudge_followups_list_occurrences (store, G_MININT64, local_midnight (job->now, 8),
                                                       FALSE, error);
  if (job->occurrences == NULL)
    return FALSE;
  job->deals = nudge_followups_list_deals_without_next_step (store, NULL);
  job->rotting = nudge_followups_list_rotting_deals (store, NULL);
  if (!nudge_rules_count_queued (store, job->now, &job->queued, &job->queued_days, NULL))
    job->queued = job->queued_days = 0;
  return TRUE;
}

static GListStore *
section_store (NudgeTodayView *self,
               guint           section)
{
  switch (section)
    {
    case SECTION_OVERDUE: return self->overdue;
    case SECTION_TODAY:   return self->today;
    case SECTION_WEEK:    return self->week;
    case SECTION_NOSTEP:  return self->nostep;
    case SECTION_ROTTING: return self->rotting;
    default: g_assert_not_reached ();
    }
}

static void
update_more_button (NudgeTodayView *self,
                    guint           section)
{
  guint total = self->found[section] ? self->found[section]->len : 0;
  guint left = total > self->shown[section] ? total - self->shown[section] : 0;
  guint next = MIN (left, MORE_ROWS);
  g_autofree char *label = NULL;

  gtk_widget_set_visible (self->more_button[section], left > 0);
  if (left == 0)
    return;
  /* TRANSLATORS: a button under a long section of Today */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More", "Show %u More", next), next);
  gtk_button_set_label (GTK_BUTTON (self->more_button[section]), label);
}

#define ROWS_PER_TURN 4

static gboolean
grow_cb (gpointer data)
{
  NudgeTodayView *self = data;
  guint budget = ROWS_PER_TURN;

  for (guint i = 0; i < N_SECTIONS && budget > 0; i++)
    {
      GListStore *store = section_store (self, i);
      GPtrArray *found = self->found[i];
      guint have = g_list_model_get_n_items (G_LIST_MODEL (store));
      guint want = found ? MIN (self->shown[i], found->len) : 0;
      guint add = want > have ? MIN (want - have, budget) : 0;

      if (add > 0)
        {
          g_list_store_splice (store, have, 0, found->pdata + have, add);
          budget -= add;
        }
    }
  if (budget > 0)
    {
      self->grow_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Shows the first rows of a section; rows already on screen stay when
 * they are still there, so a refresh after one change rebuilds little. */
static void
fill_section (NudgeTodayView *self,
              guint           section)
{
  GListStore *store = section_store (self, section);
  GPtrArray *found = self->found[section];
  guint n = MIN (self->shown[section], found->len);
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint same = 0;

  /* Keep the common prefix of identical items. */
  while (same < n && same < old_n)
    {
      g_autoptr(GObject) old = g_list_model_get_item (G_LIST_MODEL (store), same);
      gpointer fresh = g_ptr_array_index (found, same);

      if (section <= SECTION_WEEK)
        {
          NudgeOccurrence *a = NUDGE_OCCURRENCE (old), *b = fresh;
          NudgeFollowup *fa = nudge_occurrence_get_followup (a), *fb = nudge_occurrence_get_followup (b);

          if (nudge_followup_get_id (fa) != nudge_followup_get_id (fb) ||
              nudge_occurrence_get_start (a) != nudge_occurrence_get_start (b) ||
              nudge_occurrence_get_due_at (a) != nudge_occurrence_get_due_at (b) ||
              nudge_occurrence_get_is_overdue (a) != nudge_occurrence_get_is_overdue (b) ||
              nudge_followup_get_updated_at (fa) != nudge_followup_get_updated_at (fb) ||
              g_strcmp0 (nudge_followup_get_title (fa), nudge_followup_get_title (fb)) != 0 ||
              g_strcmp0 (nudge_followup_get_deal_title (fa), nudge_followup_get_deal_title (fb)) != 0 ||
              g_strcmp0 (nudge_followup_get_contact_name (fa), nudge_followup_get_contact_name (fb)) != 0)
            break;
        }
      else
        {
          NudgeDeal *a = NUDGE_DEAL (old), *b = fresh;

          if (nudge_deal_get_id (a) != nudge_deal_get_id (b) ||
              nudge_deal_get_updated_at (a) != nudge_deal_get_updated_at (b) ||
              nudge_deal_get_last_activity_at (a) != nudge_deal_get_last_activity_at (b) ||
              g_strcmp0 (nudge_deal_get_stage_name (a), nudge_deal_get_stage_name (b)) != 0 ||
              g_strcmp0 (nudge_deal_get_company_name (a), nudge_deal_get_company_name (b)) != 0)
            break;
        }
      same++;
    }

  /* Stale rows go at once; new ones come a few per main-loop turn (see
   * grow_cb), so a long refresh never holds a frame. */
  if (same < old_n)
    g_list_store_splice (store, same, old_n - same, NULL, 0);
  update_more_button (self, section);
  if (same < n && self->grow_id == 0)
    self->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_cb, self, NULL);
}

static void
show_more_cb (GtkButton      *button,
              NudgeTodayView *self)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    if (self->more_button[i] == GTK_WIDGET (button))
      {
        self->shown[i] += MORE_ROWS;
        fill_section (self, i);
      }
}

static void
apply_refresh (NudgeTodayView *self,
               RefreshJob     *job)
{
  g_autoptr(GPtrArray) overdue = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) today = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) week = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = nudge_clock_now ();
  gint64 end_of_today = local_midnight (now, 1);
  gint64 next_change = end_of_today;
  guint counts[N_SECTIONS];
  gboolean empty;

  for (guint i = 0; i < job->occurrences->len; i++)
    {
      NudgeOccurrence *o = g_ptr_array_index (job->occurrences, i);
      gint64 due = nudge_occurrence_get_due_at (o);

      if (nudge_occurrence_get_is_overdue (o))
        g_ptr_array_add (overdue, g_object_ref (o));
      else
        {
          if (due < end_of_today)
            g_ptr_array_add (today, g_object_ref (o));
          else
            g_ptr_array_add (week, g_object_ref (o));
          if (!nudge_occurrence_get_all_day (o) && due > now && due < next_change)
            next_change = due;
        }
    }

  for (guint i = 0; i < N_SECTIONS; i++)
    g_clear_pointer (&self->found[i], g_ptr_array_unref);
  self->found[SECTION_OVERDUE] = g_steal_pointer (&overdue);
  self->found[SECTION_TODAY] = g_steal_pointer (&today);
  self->found[SECTION_WEEK] = g_steal_pointer (&week);
  self->found[SECTION_NOSTEP] = job->deals ? g_ptr_array_ref (job->deals)
                                           : g_ptr_array_new_with_free_func (g_object_unref);
  self->found[SECTION_ROTTING] = job->rotting ? g_ptr_array_ref (job->rotting)
                                             : g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      counts[i] = self->found[i]->len;
      fill_section (self, i);
    }

  /* TRANSLATORS: section titles with the number of rows */
  set_section (self->overdue_section, self->overdue_title, counts[SECTION_OVERDUE],
               g_strdup_printf (_("Overdue · %u"), counts[SECTION_OVERDUE]));
  set_section (self->today_section, self->today_title, counts[SECTION_TODAY],
               g_strdup_printf (_("Today · %u"), counts[SECTION_TODAY]));
  set_section (self->week_section, self->week_title, counts[SECTION_WEEK],
               g_strdup_printf (_("Next 7 Days · %u"), counts[SECTION_WEEK]));
  set_section (self->rotting_section, self->rotting_title, counts[SECTION_ROTTING],
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Rotting Deal", "%u Rotting Deals",
                                             counts[SECTION_ROTTING]), counts[SECTION_ROTTING]));
  set_section (self->nostep_section, self->nostep_title, counts[SECTION_NOSTEP],
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Deal With No Next Step",
                                             "%u Deals With No Next Step", counts[SECTION_NOSTEP]),
                                counts[SECTION_NOSTEP]));

  if (job->queued > 0)
    {
      g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "over the next %u day",
                                                            "over the next %u days", job->queued_days),
                                               job->queued_days);
      g_autofree char *text = NULL;

      /* Translators: "12 more follow-ups from rules are planned over the next 3 days" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more follow-up from rules is planned %s, a few a day",
                                           "%u more follow-ups from rules are planned %s, a few a day", job->queued),
                              job->queued, days);
      gtk_label_set_label (GTK_LABEL (self->queued_label), text);
    }
  gtk_widget_set_visible (self->queued_label, job->queued > 0);

  empty = counts[0] + counts[1] + counts[2] + counts[3] + counts[4] == 0;
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");

  if (counts[SECTION_OVERDUE] != self->n_overdue)
    {
      self->n_overdue = counts[SECTION_OVERDUE];
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERDUE_COUNT]);
    }
  update_badge (self);

  /* Wake up when the next row turns overdue or the day ends. */
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (!nudge_clock_is_pinned ())
    self->tick_id = g_timeout_add_seconds ((guint) CLAMP (next_change - now + 1, 1, 24 * 3600), tick_cb, self);
}

static void
refresh_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(NudgeTodayView) self = user_data;
  g_autoptr(GError) error = NULL;

  self->loading = FALSE;
  if (!nudge_worker_run_finish (NUDGE_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list follow-ups: %s", error->message);
    }
  else if (self->store != NULL)
    {
      apply_refresh (self, nudge_worker_get_data (result));
      self->loaded = TRUE;
    }

  if (self->refresh_again && self->store != NULL)
    {
      self->refresh_again = FALSE;
      nudge_today_view_refresh (self);
    }
}

/**
 * nudge_today_view_refresh:
 *
 * Lists what is due again, on a worker thread; the sections change when
 * the answer comes back.
 */
void
nudge_today_view_refresh (NudgeTodayView *self)
{
  RefreshJob *job;

  g_return_if_fail (NUDGE_IS_TODAY_VIEW (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->loading)
    {
      self->refresh_again = TRUE;
      return;
    }

  job = g_new0 (RefreshJob, 1);
  job->now = nudge_clock_now ();
  self->loading = TRUE;
  nudge_worker_run (self->store, refresh_job, job, refresh_job_free, self->cancellable,
                    refresh_done_cb, g_object_ref (self));
}

/* Whether the sections show the answer to the latest refresh. */
gboolean
nudge_today_view_is_loaded (NudgeTodayView *self)
{
  g_return_val_if_fail (NUDGE_IS_TODAY_VIEW (self), FALSE);

  return self->loaded && !self->loading && self->refresh_id == 0 && self->grow_id == 0;
}

/* What the row with the keyboard focus is about: the contact of a
 * follow-up (its deal when it has no contact), or a listed deal. */
gint64
nudge_today_view_get_focused_record (NudgeTodayView *self,
                                     NudgeEntity    *entity)
{
  GtkRoot *root;
  GtkWidget *focus;
  GtkWidget *row;
  NudgeOccurrence *o;
  NudgeDeal *deal;

  g_return_val_if_fail (NUDGE_IS_TODAY_VIEW (self), 0);

  if (!(root = gtk_widget_get_root (GTK_WIDGET (self))) || !(focus = gtk_root_get_focus (root)) ||
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return 0;
  row = GTK_IS_LIST_BOX_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (row == NULL)
    return 0;
  if ((o = g_object_get_data (G_OBJECT (row), "occurrence")))
    {
      NudgeFollowup *f = nudge_occurrence_get_followup (o);

      if (nudge_followup_get_contact_id (f) != 0)
        {
          *entity = NUDGE_ENTITY_CONTACT;
          return nudge_followup_get_contact_id (f);
        }
      *entity = NUDGE_ENTITY_DEAL;
      return nudge_followup_get_deal_id (f);
    }
  if ((deal = g_object_get_data (G_OBJECT (row), "deal")))
    {
      *entity = NUDGE_ENTITY_DEAL;
      return nudge_deal_get_id (deal);
    }
  return 0;
}

guint
nudge_today_view_get_overdue_count (NudgeTodayView *self)
{
  g_return_val_if_fail (NUDGE_IS_TODAY_VIEW (self), 0);
  return self->n_overdue;
}
