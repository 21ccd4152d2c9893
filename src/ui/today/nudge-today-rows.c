/* nudge-today-rows.c — the rows of Today: a follow-up with Done, Snooze,
 * Reschedule and More, a deal without a next step, a rotting deal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-today-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <stdio.h>

#include "nudge-accessible.h"
#include "nudge-capture.h"
#include "nudge-clock.h"
#include "nudge-date-time-entry.h"
#include "nudge-followup-editor.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-next-step-dialog.h"
#include "nudge-scoring.h"
#include "nudge-automation.h"
#include "nudge-today-view-private.h"
#include "nudge-window.h"
#include "nudge-worker.h"
#include "nudge-item-row.h"
#include "nudge-tooltip.h"

/* ---- rows ------------------------------------------------------------- */

static gboolean
is_today (gint64 due,
          gint64 now)
{
  return due >= _nudge_today_local_midnight (now, 0) && due < _nudge_today_local_midnight (now, 1);
}

/* Whether @o falls when it does because it was snoozed until then. */
static gboolean
is_snoozed (NudgeOccurrence *o)
{
  gint64 until = nudge_followup_get_snoozed_until (nudge_occurrence_get_followup (o));

  return until > 0 && nudge_occurrence_get_due_at (o) == until;
}

/* Appends the deal, company and contact @f is about, each after
 * @separator: the row's subtitle and its screen reader's words end so. */
static void
append_about (GString       *text,
              NudgeFollowup *f,
              const char    *separator)
{
  const char *about[] = {
    nudge_followup_get_deal_title (f),
    nudge_followup_get_company_name (f),
    nudge_followup_get_contact_name (f),
  };

  for (guint i = 0; i < G_N_ELEMENTS (about); i++)
    if (about[i] != NULL && *about[i] != '\0')
      g_string_append_printf (text, "%s%s", separator, about[i]);
}

static char *
occurrence_subtitle (NudgeOccurrence *o,
                     gint64           now)
{
  gint64 due = nudge_occurrence_get_local_due_at (o);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *day = nudge_format_relative_day (due, now);

  if (nudge_occurrence_get_all_day (o))
    g_string_append (text, day);
  else
    {
      g_autofree char *time = _nudge_today_format_time_of_day (due);

      if (is_today (due, now))
        g_string_append (text, time);
      else
        /* As the search results say it: "Yesterday 09:00", in Czech "Včera v 09:00" */
        g_string_append_printf (text, C_("day and time", "%s %s"), day, time);
    }
  if (is_snoozed (o))
    g_string_append_printf (text, " (%s)", _("snoozed"));
  append_about (text, nudge_occurrence_get_followup (o), " · ");
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
  gint64 due = nudge_occurrence_get_local_due_at (o);
  gboolean all_day = nudge_occurrence_get_all_day (o);
  gboolean today = is_today (due, now);
  const char *title = nudge_followup_get_title (f);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *when = NULL;

  if (today)
    when = all_day ? NULL : nudge_format_time (due);
  else if (nudge_occurrence_get_is_overdue (o))
    when = all_day ? nudge_format_date (due) : nudge_format_datetime (due);
  else
    {
      g_autofree char *day = nudge_format_relative_day_in_sentence (due, now);
      g_autofree char *time = all_day ? NULL : nudge_format_time (due);

      when = time != NULL ? g_strdup_printf (C_("day and time", "%s %s"), day, time) : g_steal_pointer (&day);
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
    /* TRANSLATORS: a row of Today, e.g. "Call Jan Novák, due tomorrow 09:00" */
    g_string_printf (text, _("%s, due %s"), title, when);

  if (is_snoozed (o))
    g_string_append_printf (text, ", %s", _("snoozed"));
  if (nudge_followup_get_priority (f) >= 3)
    g_string_append_printf (text, ", %s", _("high priority"));
  {
    const char *temperature = nudge_score_temperature_label (
      nudge_score_temperature_shown (nudge_followup_get_deal_temperature (f), nudge_followup_get_deal_score (f)));

    if (temperature != NULL)
      g_string_append_printf (text, ", %s", temperature);
  }
  if (nudge_occurrence_get_recurring (o))
    g_string_append_printf (text, ", %s", _("repeats"));
  append_about (text, f, ", ");
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
    { N_("Log a _Call and Mark Done"), "call" },
    { N_("Log an E-_mail and Mark Done"), "email" },
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
  NudgeOccurrence *o = nudge_item_row_lookup (row, NUDGE_TYPE_OCCURRENCE);
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  g_autofree char *message = NULL;
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  NudgeFollowupsUndo *undo;
  gint64 id, start, moved;

  if (self == NULL || o == NULL)
    return;
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  id = nudge_followup_get_id (nudge_occurrence_get_followup (o));
  start = nudge_occurrence_get_start (o);
  if (!(undo = _nudge_today_begin_undoable (self, id)))
    return;
  moved = nudge_followups_reschedule_to_day (self->store, id, start, g_date_time_get_year (date),
                                             g_date_time_get_month (date),
                                             g_date_time_get_day_of_month (date), &error);
  if (moved != 0)
    nudge_followups_undo_add_created (undo, moved);
  day = nudge_format_date (g_date_time_to_unix (date));
  /* TRANSLATORS: %s is a date, "16.12.2026" */
  message = g_strdup_printf (_("Moved to %s"), day);
  _nudge_today_end_undoable (self, undo, id, start, moved != 0, &error, message);
}

static void
reschedule_popover_show_cb (GtkPopover *popover,
                            GtkCalendar *calendar)
{
  NudgeOccurrence *o = nudge_item_row_lookup (GTK_WIDGET (popover), NUDGE_TYPE_OCCURRENCE);
  g_autoptr(GDateTime) date = NULL;

  if (o == NULL)
    return;
  date = nudge_clock_local_from_unix (nudge_occurrence_get_start (o));
  g_signal_handlers_block_matched (calendar, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                   reschedule_day_selected_cb, NULL);
  gtk_calendar_select_day (calendar, date);
  g_signal_handlers_unblock_matched (calendar, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                     reschedule_day_selected_cb, NULL);
}

/* Menus and the reschedule calendar are built when first opened: a row
 * is cheap to make, so a long Today opens at once. */
/* @user_data is the function that builds the row's menu. */
static void
create_menu_popup_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  GMenuModel *(*build_menu) (NudgeOccurrence *) = user_data;
  NudgeOccurrence *o = nudge_item_row_lookup (GTK_WIDGET (button), NUDGE_TYPE_OCCURRENCE);
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
  nudge_date_time_entry_name_calendar_arrows (GTK_CALENDAR (calendar));
  nudge_date_time_entry_steer_calendar (GTK_CALENDAR (calendar));
  /* TRANSLATORS: what screen readers say for the calendar of a Today
   * row's Reschedule button */
  nudge_accessible_set_label (calendar, _("Move to day"));
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (button, popover);
  g_signal_connect (popover, "show", G_CALLBACK (reschedule_popover_show_cb), calendar);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (reschedule_day_selected_cb), row);
}

/* An icon after the title that says something of the follow-up */
static void
add_badge (GtkWidget  *row,
           const char *icon_name,
           const char *label,
           const char *css_class)
{
  GtkWidget *badge = gtk_image_new_from_icon_name (icon_name);

  nudge_tooltip_set_static (badge, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (badge, css_class);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
}

/* A flat icon button of a row; @name is what the row's keys look for. */
static void
setup_row_button (GtkWidget  *button,
                  const char *name,
                  const char *tooltip,
                  const char *label)
{
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  nudge_tooltip_set_static (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  if (name != NULL)
    gtk_widget_set_name (button, name);
}

GtkWidget *
_nudge_today_create_occurrence_row (gpointer item,
                                    gpointer user_data)
{
  NudgeTodayView *self = user_data;
  NudgeOccurrence *o = item;
  NudgeFollowup *f = nudge_occurrence_get_followup (o);
  GtkWidget *row = nudge_item_row_new (o);
  GtkWidget *icon = gtk_image_new_from_icon_name (nudge_capture_kind_icon (nudge_followup_get_kind (f)));
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

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  nudge_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* The row's name says it all; not also its title label after it. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  nudge_tooltip_set_static (icon, nudge_capture_kind_label (nudge_followup_get_kind (f)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  nudge_capture_kind_label (nudge_followup_get_kind (f)), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (nudge_occurrence_get_is_overdue (o))
    gtk_widget_add_css_class (icon, "error");

  /* Suffixes, not prefixes: titles stay aligned down the list. A hot
   * lead stands out in a long list, as on its card. */
  {
    const char *temperature = nudge_score_temperature_shown (nudge_followup_get_deal_temperature (f),
                                                             nudge_followup_get_deal_score (f));
    const char *shown = nudge_score_temperature_label (temperature);

    if (shown != NULL)
      {
        GtkWidget *pill = gtk_label_new (shown);

        gtk_widget_add_css_class (pill, "temperature");
        gtk_widget_add_css_class (pill, temperature);
        gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);
      }
  }
  if (nudge_followup_get_priority (f) >= 3)
    add_badge (row, "emblem-important-symbolic", _("High priority"), "warning");
  if (nudge_occurrence_get_recurring (o))
    add_badge (row, "media-playlist-repeat-symbolic", _("Repeats"), "dim-label");

  setup_row_button (done, NULL, _("Done (D)"), done_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "today.done");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (done),
                                          g_variant_new ("(xx)", nudge_followup_get_id (f),
                                                         nudge_occurrence_get_start (o)));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (snooze), "alarm-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (snooze), create_menu_popup_cb, (gpointer) snooze_menu, NULL);
  setup_row_button (snooze, "snooze", _("Snooze (S)"), snooze_label);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (reschedule), "x-office-calendar-symbolic");
  setup_row_button (reschedule, "reschedule", _("Reschedule (R)"), reschedule_label);
  gtk_widget_add_css_class (snooze, "secondary-action");
  gtk_widget_add_css_class (reschedule, "secondary-action");
  gtk_widget_set_visible (snooze, !nudge_view_get_narrow (NUDGE_VIEW (self)));
  gtk_widget_set_visible (reschedule, !nudge_view_get_narrow (NUDGE_VIEW (self)));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (reschedule), create_reschedule_popup_cb, NULL, NULL);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (more), create_menu_popup_cb, (gpointer) more_menu, NULL);
  setup_row_button (more, "more", _("More (Menu)"), more_label);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), snooze);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), reschedule);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), more);
  return row;
}

/* A deal's row: its title, @subtitle and a warning icon; activating it
 * opens the deal. */
static GtkWidget *
create_deal_row (NudgeDeal  *deal,
                 const char *icon_name,
                 const char *subtitle)
{
  GtkWidget *row = nudge_item_row_new (deal);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  g_autofree char *title = g_markup_escape_text (nudge_deal_get_title (deal), -1);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  nudge_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

GtkWidget *
_nudge_today_create_rotting_row (gpointer item,
                                 gpointer user_data)
{
  NudgeDeal *deal = item;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  gint64 idle_since = MAX (nudge_deal_get_last_activity_at (deal), nudge_deal_get_stage_entered_at (deal));
  int days = nudge_days_between (idle_since, nudge_clock_now ());
  GtkWidget *row;

  g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "Idle for %d day", "Idle for %d days", days), days);
  if (*nudge_deal_get_stage_name (deal) != '\0')
    g_string_append_printf (subtitle, " · %s", nudge_deal_get_stage_name (deal));
  if (*nudge_deal_get_company_name (deal) != '\0')
    g_string_append_printf (subtitle, " · %s", nudge_deal_get_company_name (deal));

  row = create_deal_row (deal, "preferences-system-time-symbolic", subtitle->str);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

GtkWidget *
_nudge_today_create_deal_row (gpointer item,
                              gpointer user_data)
{
  NudgeDeal *deal = item;
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Plan Next Step"));
  g_autoptr(GString) subtitle = g_string_new (nudge_deal_get_company_name (deal));
  GtkWidget *row;

  if (*nudge_deal_get_stage_name (deal) != '\0')
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", nudge_deal_get_stage_name (deal));
  if (nudge_deal_get_last_activity_at (deal) > 0)
    {
      int days = nudge_days_between (nudge_deal_get_last_activity_at (deal), nudge_clock_now ());

      g_string_append (subtitle, subtitle->len ? " · " : "");
      /* Today, or an activity logged ahead of its time (a meeting set for
       * tomorrow): no "0 days ago", no "-1 days ago". */
      if (days <= 0)
        g_string_append (subtitle, _("last touch today"));
      else
        g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "last touch %d day ago",
                                                       "last touch %d days ago", days), days);
    }

  row = create_deal_row (deal, "dialog-warning-symbolic", subtitle->str);
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
