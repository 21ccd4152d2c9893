/* nudge-followup-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-followup-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-accessible.h"
#include "nudge-clock.h"
#include "nudge-date-time-entry.h"
#include "nudge-dialogs.h"
#include "nudge-followup-editor.h"
#include "nudge-repeat-rows.h"
#include "nudge-followup-settings.h"
#include "nudge-followups.h"
#include "nudge-pace.h"
#include "nudge-format.h"
#include "nudge-record-picker.h"
#include "nudge-record-window.h"
#include "nudge-recurrence.h"
#include "nudge-view-actions.h"

struct _NudgeFollowupEditor
{
  AdwWindow       parent_instance;

  NudgeContext   *context;
  NudgeStore     *store;          /* the context's */
  NudgeFollowup  *followup;
  gint64          occurrence;
  gint64          deal_id;
  gint64          contact_id;

  NudgeRecordPicker *for_picker;
  GtkLabel       *for_hint;
  GtkLabel       *error_label;
  GtkWidget      *save_button;
  GtkLabel       *title_reason;
  GtkLabel       *when_reason;
  AdwPreferencesGroup *what_group;
  AdwPreferencesGroup *notes_group;
  AdwEntryRow    *title_row;
  AdwComboRow    *kind_row;
  AdwComboRow    *priority_row;
  AdwPreferencesRow *date_row;
  NudgeDateTimeEntry *when_entry;
  GtkSwitch      *all_day_switch;
  AdwComboRow    *remind_row;
  AdwComboRow    *repeat_row;
  AdwComboRow    *end_row;
  GtkWidget      *every_row;
  GtkSpinButton  *interval_spin;
  GtkDropDown    *unit_dropdown;
  GtkWidget      *days_row;
  GtkFlowBox     *days_box;
  NudgeRepeatRows custom;
  GtkWidget      *until_row;
  NudgeDateTimeEntry *until_entry;
  GtkWidget      *count_row;
  GtkSpinButton  *count_spin;
  AdwActionRow   *summary_row;
  AdwExpanderRow *advanced_row;
  AdwEntryRow    *rrule_row;
  AdwComboRow    *scope_row;
  AdwEntryRow    *notes_row;
};

G_DEFINE_FINAL_TYPE (NudgeFollowupEditor, nudge_followup_editor, ADW_TYPE_WINDOW)

static const char *const kinds[] = { "call", "email", "meeting", "task" };
static const int remind_minutes[] = { 0, 5, 15, 30, 60, 24 * 60 };

enum {
  REPEAT_NONE,
  REPEAT_DAILY,
  REPEAT_WEEKDAYS,
  REPEAT_WEEKLY,
  REPEAT_MONTHLY,
  REPEAT_MONTHLY_LAST,
  REPEAT_YEARLY,
  REPEAT_CUSTOM,    /* by clicking (nudge-repeat-rows.c) */
  REPEAT_RULE,      /* an RRULE typed by hand */
};

enum {
  END_NEVER,
  END_ON_DATE,
  END_AFTER_COUNT,
};

enum {
  SCOPE_THIS,
  SCOPE_FOLLOWING,
  SCOPE_ALL,
};

static const char *const weekday_codes[] = { "", "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/* The rule of a preset for a series starting on @day, without its end. */
static char *
preset_rule (guint      repeat,
             GDateTime *day)
{
  switch (repeat)
    {
    case REPEAT_DAILY:
      return g_strdup ("FREQ=DAILY");
    case REPEAT_WEEKDAYS:
      return g_strdup ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
    case REPEAT_WEEKLY:
      return g_strdup_printf ("FREQ=WEEKLY;BYDAY=%s", weekday_codes[g_date_time_get_day_of_week (day)]);
    case REPEAT_MONTHLY:
      return g_strdup_printf ("FREQ=MONTHLY;BYMONTHDAY=%d", g_date_time_get_day_of_month (day));
    case REPEAT_MONTHLY_LAST:
      return g_strdup ("FREQ=MONTHLY;BYMONTHDAY=-1");
    case REPEAT_YEARLY:
      return g_strdup ("FREQ=YEARLY");
    case REPEAT_NONE:
    case REPEAT_CUSTOM:
    case REPEAT_RULE:
    default:
      return NULL;
    }
}

/* The follow-up's zone, in which the editor reads its times. */
static char *
dup_tzid (NudgeFollowupEditor *self)
{
  if (self->followup != NULL && *nudge_followup_get_tzid (self->followup) != '\0')
    return g_strdup (nudge_followup_get_tzid (self->followup));
  return nudge_recurrence_default_tzid ();
}

/* The end of the last day of the series, in @tzid; 0 when not set. */
static gint64
until_time (NudgeFollowupEditor *self,
            const char          *tzid)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tzid);
  int year, month, day;

  if (!nudge_date_time_entry_get_date (self->until_entry, &year, &month, &day))
    return 0;
  return nudge_clock_local_to_unix (tz, year, month, day, 23, 59, 59);
}

/* The rule the form describes: a preset or the custom rows with its end
 * (never, a last date, a number of times — at least one), or the rule
 * as typed. */
static char *
repeat_rule (NudgeFollowupEditor *self,
             GDateTime           *day)
{
  guint repeat = adw_combo_row_get_selected (self->repeat_row);
  g_autofree char *base = NULL;
  g_autofree char *tzid = NULL;
  gint64 until;

  if (repeat == REPEAT_NONE)
    return NULL;
  if (repeat == REPEAT_RULE)
    return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rrule_row))));
  base = repeat == REPEAT_CUSTOM ? nudge_repeat_rows_get_rule (&self->custom, day) : preset_rule (repeat, day);
  switch (adw_combo_row_get_selected (self->end_row))
    {
    case END_AFTER_COUNT:
      return g_strdup_printf ("%s;COUNT=%d", base, MAX (1, gtk_spin_button_get_value_as_int (self->count_spin)));
    case END_ON_DATE:
      tzid = dup_tzid (self);
      until = until_time (self, tzid);
      if (until != 0)
        return nudge_recurrence_set_until (base, until, tzid, gtk_switch_get_active (self->all_day_switch));
      return g_steal_pointer (&base);
    case END_NEVER:
    default:
      return g_steal_pointer (&base);
    }
}

/* The day the series starts, as the form has it (now when not valid). */
static GDateTime *
form_start_day (NudgeFollowupEditor *self)
{
  g_autofree char *tzid = dup_tzid (self);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tzid);
  gint64 at = nudge_date_time_entry_get_valid (self->when_entry)
              ? nudge_date_time_entry_get_unix (self->when_entry) : nudge_clock_now ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);

  if (tz == NULL)
    tz = nudge_clock_local_zone ();
  return g_date_time_to_timezone (utc, tz);
}

/* The rule in words under the choices: "Every day, 5 times". */
static void
update_summary (NudgeFollowupEditor *self)
{
  guint repeat = adw_combo_row_get_selected (self->repeat_row);
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *words = NULL;

  if (repeat == REPEAT_NONE)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->summary_row), FALSE);
      return;
    }
  day = form_start_day (self);
  rule = repeat_rule (self, day);
  if (rule == NULL || *rule == '\0')
    words = g_strdup (_("Type the rule under Advanced"));
  else
    words = nudge_recurrence_describe (rule);
  adw_action_row_set_subtitle (self->summary_row, words);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_row), TRUE);
}

static void
update_visibility (NudgeFollowupEditor *self)
{
  guint repeat = adw_combo_row_get_selected (self->repeat_row);

  gboolean all_day = gtk_switch_get_active (self->all_day_switch);
  guint end = adw_combo_row_get_selected (self->end_row);
  gboolean preset = repeat != REPEAT_NONE && repeat != REPEAT_RULE;

  nudge_date_time_entry_set_show_time (self->when_entry, !all_day);
  adw_preferences_row_set_title (self->date_row, all_day ? _("Date") : _("Date and time"));
  /* The rule as iCalendar writes it only behind Advanced, and only for a
   * custom one; opened at once when there is nothing typed yet. */
  gtk_widget_set_visible (GTK_WIDGET (self->advanced_row), repeat == REPEAT_RULE);
  if (repeat == REPEAT_RULE && *gtk_editable_get_text (GTK_EDITABLE (self->rrule_row)) == '\0')
    adw_expander_row_set_expanded (self->advanced_row, TRUE);
  gtk_widget_set_visible (self->every_row, repeat == REPEAT_CUSTOM);
  {
    g_autoptr(GDateTime) start = form_start_day (self);

    nudge_repeat_rows_update (&self->custom, repeat == REPEAT_CUSTOM, start);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->end_row), preset);
  gtk_widget_set_visible (self->until_row, preset && end == END_ON_DATE);
  if (preset && end == END_ON_DATE && !nudge_date_time_entry_get_date (self->until_entry, NULL, NULL, NULL))
    {
      /* A month after the start to begin with. */
      g_autoptr(GDateTime) start = form_start_day (self);
      g_autoptr(GDateTime) last = g_date_time_add_months (start, 1);

      nudge_date_time_entry_set_date (self->until_entry, g_date_time_get_year (last),
                                      g_date_time_get_month (last), g_date_time_get_day_of_month (last));
    }
  gtk_widget_set_visible (self->count_row, preset && end == END_AFTER_COUNT);
  update_summary (self);
}

static void
show_error (NudgeFollowupEditor *self,
            const char          *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
show_reason (GtkLabel   *label,
             const char *reason,
             gboolean    wrong)
{
  gtk_label_set_label (label, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (label), reason != NULL);
  /* Something missing is said quietly, something wrong as an error. */
  if (wrong)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
    }
}

/* Add/Save stays insensitive, and Enter does nothing, until the form can
 * be saved; the reason shows under the field that holds it up. */
static void
validate (NudgeFollowupEditor *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  gboolean custom = adw_combo_row_get_selected (self->repeat_row) == REPEAT_RULE;
  const char *rule = gtk_editable_get_text (GTK_EDITABLE (self->rrule_row));
  gboolean when_ok = nudge_date_time_entry_get_valid (self->when_entry);
  gboolean title_ok = *title != '\0';
  gboolean rule_ok = !custom || *rule != '\0';
  gboolean until_ok = adw_combo_row_get_selected (self->repeat_row) == REPEAT_NONE || custom ||
                      adw_combo_row_get_selected (self->end_row) != END_ON_DATE ||
                      nudge_date_time_entry_get_date (self->until_entry, NULL, NULL, NULL);

  show_reason (self->title_reason, title_ok ? NULL : _("A follow-up needs a title"), FALSE);
  if (!when_ok)
    show_reason (self->when_reason, nudge_date_time_entry_get_reason (self->when_entry), TRUE);
  else if (!rule_ok)
    show_reason (self->when_reason, _("Type a repeat rule, or choose how often it repeats"), FALSE);
  else if (!until_ok)
    show_reason (self->when_reason, _("Choose the last date it repeats on, or when else it ends"), FALSE);
  else
    show_reason (self->when_reason, NULL, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", title_ok && when_ok && rule_ok && until_ok);
}

/* ---- the "For" row and the confirmation -------------------------------- */

static void
update_for_hint (NudgeFollowupEditor *self)
{
  gint64 id = nudge_record_picker_get_record (self->for_picker, NULL);
  const char *text = nudge_record_picker_get_text (self->for_picker);

  gtk_widget_set_visible (GTK_WIDGET (self->for_hint), id == 0);
  if (*text != '\0')
    gtk_label_set_label (self->for_hint, _("Choose a deal or contact from the list, or clear the field"));
  else
    gtk_label_set_label (self->for_hint, _("Not linked to a deal or contact: it will show in Today only"));
}

/* The deal and contact the follow-up is for, from the "For" row. A deal
 * chosen there brings its contact along (the one the caller gave for it,
 * or the deal's own). FALSE when a name was typed but never chosen. */
static gboolean
linked_records (NudgeFollowupEditor *self,
                gint64              *deal_id,
                gint64              *contact_id)
{
  NudgeEntity entity = 0;
  gint64 id = nudge_record_picker_get_record (self->for_picker, &entity);

  *deal_id = 0;
  *contact_id = 0;
  if (id == 0)
    return *nudge_record_picker_get_text (self->for_picker) == '\0';
  if (entity == NUDGE_ENTITY_CONTACT)
    *contact_id = id;
  else
    {
      *deal_id = id;
      if (id == self->deal_id)
        *contact_id = self->contact_id;
      else
        {
          g_autoptr(NudgeDeal) deal = nudge_store_get_deal (self->store, id, NULL);

          *contact_id = deal != NULL ? nudge_deal_get_contact_id (deal) : 0;
        }
    }
  return TRUE;
}

static gboolean
is_toast_overlay (GtkWidget     *widget,
                  gconstpointer  data)
{
  return ADW_IS_TOAST_OVERLAY (widget);
}

/* The window the toast is in holds the toast: a weak reference back. */
typedef struct
{
  GWeakRef      parent;
  NudgeContext *context;
  NudgeEntity   entity;
  gint64        id;
} OpenTarget;

static void
open_target_free (gpointer data)
{
  OpenTarget *target = data;

  g_weak_ref_clear (&target->parent);
  g_clear_object (&target->context);
  g_free (target);
}

static void
toast_open_cb (AdwToast   *toast,
               OpenTarget *target)
{
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&target->parent);

  nudge_record_window_present (parent, target->context, target->entity, target->id);
}

/* "Follow-up added" in the window the editor came from, with a way to
 * the record it is for (or to Today, where one for nothing shows). */
static void
announce_added (NudgeFollowupEditor *self,
                gint64               deal_id,
                gint64               contact_id)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkWidget *overlay = parent != NULL ? nudge_widget_find (GTK_WIDGET (parent), is_toast_overlay, NULL) : NULL;
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (_("Follow-up added"));
  if (deal_id != 0 || contact_id != 0)
    {
      OpenTarget *target = g_new0 (OpenTarget, 1);

      g_weak_ref_init (&target->parent, parent);
      target->context = g_object_ref (self->context);
      target->entity = deal_id != 0 ? NUDGE_ENTITY_DEAL : NUDGE_ENTITY_CONTACT;
      target->id = deal_id != 0 ? deal_id : contact_id;
      adw_toast_set_button_label (toast, C_("action", "Open"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (toast_open_cb), target,
                             (GClosureNotify) open_target_free, 0);
    }
  else
    {
      adw_toast_set_button_label (toast, _("Show in Today"));
      adw_toast_set_action_name (toast, "app.today");
    }
  nudge_toast_overlay_add (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  NudgeFollowupEditor *self = NUDGE_FOLLOWUP_EDITOR (widget);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rrule = NULL;
  g_autofree char *tzid = NULL;
  NudgeFollowupSpec spec;
  gboolean all_day = gtk_switch_get_active (self->all_day_switch);
  gint64 deal_id, contact_id;
  gboolean ok;

  if (!nudge_date_time_entry_get_valid (self->when_entry))
    return;
  if (!linked_records (self, &deal_id, &contact_id))
    {
      show_error (self, _("Choose a deal or contact from the list, or clear the field"));
      gtk_widget_grab_focus (GTK_WIDGET (self->for_picker));
      return;
    }
  nudge_followup_spec_init (&spec);
  if (self->followup != NULL)
    nudge_followup_spec_from_followup (&spec, self->followup);
  spec.deal_id = deal_id;
  spec.contact_id = contact_id;

  /* The field reads the time in the follow-up's zone (see load()). */
  tzid = dup_tzid (self);
  tz = g_time_zone_new_identifier (tzid);
  if (tz == NULL)
    tz = nudge_clock_local_zone ();
  utc = g_date_time_new_from_unix_utc (nudge_date_time_entry_get_unix (self->when_entry));
  when = g_date_time_to_timezone (utc, tz);
  rrule = repeat_rule (self, when);

  spec.title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  spec.kind = kinds[MIN (adw_combo_row_get_selected (self->kind_row), G_N_ELEMENTS (kinds) - 1)];
  spec.priority = (int) adw_combo_row_get_selected (self->priority_row);
  spec.notes = gtk_editable_get_text (GTK_EDITABLE (self->notes_row));
  spec.all_day = all_day;
  spec.tzid = tzid;
  spec.due_at = g_date_time_to_unix (when);
  spec.remind_before_min = remind_minutes[MIN (adw_combo_row_get_selected (self->remind_row),
                                               G_N_ELEMENTS (remind_minutes) - 1)];
  if (all_day && spec.duration_min < 24 * 60)
    spec.duration_min = 24 * 60;
  else if (!all_day && spec.duration_min >= 24 * 60)
    spec.duration_min = 30;
  spec.rrule = rrule;

  if (self->followup == NULL)
    ok = nudge_followups_create (self->store, &spec, &error) != 0;
  else if (gtk_widget_get_visible (GTK_WIDGET (self->scope_row)) &&
           adw_combo_row_get_selected (self->scope_row) == SCOPE_THIS)
    ok = nudge_followups_edit_this (self->store, nudge_followup_get_id (self->followup),
                                    self->occurrence, &spec, &error) != 0;
  else if (gtk_widget_get_visible (GTK_WIDGET (self->scope_row)) &&
           adw_combo_row_get_selected (self->scope_row) == SCOPE_FOLLOWING)
    ok = nudge_followups_edit_following (self->store, nudge_followup_get_id (self->followup),
                                         self->occurrence, &spec, &error) != 0;
  else
    {
      /* Opened from one occurrence, "all occurrences" moves the whole
       * series by as much as this occurrence moved. */
      if (self->occurrence != 0 && *nudge_followup_get_rrule (self->followup) != '\0')
        spec.due_at = nudge_followup_get_due_at (self->followup) + (spec.due_at - self->occurrence);
      ok = nudge_followups_update (self->store, nudge_followup_get_id (self->followup), &spec, &error);
    }

  if (!ok)
    {
      show_error (self, error->message);
      return;
    }
  if (self->followup == NULL)
    announce_added (self, deal_id, contact_id);
  nudge_editor_close_saved (GTK_WINDOW (self));
}

static void
select_remind (NudgeFollowupEditor *self,
               int                  minutes)
{
  guint best = 0;

  /* The closest preset at or below the wanted lead time. */
  for (guint i = 0; i < G_N_ELEMENTS (remind_minutes); i++)
    if (remind_minutes[i] <= minutes)
      best = i;
  adw_combo_row_set_selected (self->remind_row, best);
}

/* A stored rule that one of the choices writes shows as that choice with
 * its end, one the custom rows can show as Custom; anything else as the
 * rule typed by hand, in words, the rule under Advanced. */
static void
select_preset (NudgeFollowupEditor *self,
               const char          *rrule,
               const char          *tzid)
{
  g_auto(GStrv) parts = g_strsplit (rrule, ";", -1);
  g_autoptr(GString) base = g_string_new (NULL);
  g_autoptr(GDateTime) day = form_start_day (self);
  int count = nudge_recurrence_get_count (rrule);
  gint64 until = nudge_recurrence_get_until_utc (rrule, tzid);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0' || g_str_has_prefix (parts[i], "COUNT=") || g_str_has_prefix (parts[i], "UNTIL="))
        continue;
      if (base->len > 0)
        g_string_append_c (base, ';');
      g_string_append (base, parts[i]);
    }

  adw_combo_row_set_selected (self->repeat_row, REPEAT_RULE);
  for (guint repeat = REPEAT_DAILY; repeat <= REPEAT_CUSTOM; repeat++)
    {
      g_autofree char *rule = preset_rule (repeat, day);

      if (repeat == REPEAT_CUSTOM ? !nudge_repeat_rows_set_rule (&self->custom, base->str)
                                  : g_strcmp0 (rule, base->str) != 0)
        continue;
      adw_combo_row_set_selected (self->repeat_row, repeat);
      if (count > 0)
        {
          adw_combo_row_set_selected (self->end_row, END_AFTER_COUNT);
          gtk_spin_button_set_value (self->count_spin, count);
        }
      else if (until != 0)
        {
          nudge_date_time_entry_set_time_zone (self->until_entry, tzid);
          nudge_date_time_entry_set_unix (self->until_entry, until);
          adw_combo_row_set_selected (self->end_row, END_ON_DATE);
        }
      break;
    }
}

static void
load (NudgeFollowupEditor *self)
{
  NudgeFollowup *f = self->followup;
  gint64 at;

  if (f == NULL)
    {
      /* A new follow-up: tomorrow at 09:00, the usual first touch, or
       * the next working day's 09:00 after a Friday or before a public
       * holiday. */
      g_autoptr(GDateTime) now = nudge_clock_local_from_unix (nudge_clock_now ());
      g_autoptr(GDateTime) next_day = g_date_time_add_days (now, 1);
      g_autoptr(GDateTime) tomorrow = NULL;
      NudgeWorkingHours hours;

      nudge_working_hours_get (&hours);
      tomorrow = nudge_working_hours_first_working_day (&hours, next_day);

      nudge_date_time_entry_set_unix (self->when_entry,
                                      nudge_clock_local_to_unix (NULL, g_date_time_get_year (tomorrow),
                                                                 g_date_time_get_month (tomorrow),
                                                                 g_date_time_get_day_of_month (tomorrow), 9, 0, 0));
      adw_combo_row_set_selected (self->kind_row, 0);
      adw_combo_row_set_selected (self->priority_row, 2);
      select_remind (self, nudge_followup_default_remind_minutes (nudge_context_get_settings (self->context)));
      update_visibility (self);
      validate (self);
      return;
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Follow-up"));
  nudge_accessible_name_rows (GTK_WIDGET (self->what_group), _("Edit Follow-up"));
  gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), nudge_followup_get_title (f));
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), nudge_followup_get_notes (f));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i], nudge_followup_get_kind (f)) == 0)
      adw_combo_row_set_selected (self->kind_row, i);
  adw_combo_row_set_selected (self->priority_row, CLAMP (nudge_followup_get_priority (f), 0, 3));
  select_remind (self, nudge_followup_get_remind_before_min (f));

  /* One instant, two clocks: Today, the calendar and the record card show
   * every follow-up on the desktop's clock; the editor shows and reads it
   * on the clock of the follow-up's own zone, where its wall-clock time
   * matters (a weekly 09:00 in Prague stays 09:00 there across DST), and
   * then names that zone and the desktop's time of the same instant
   * under the field ("Europe/Prague · 15:00 your time"). So a Prague
   * follow-up on a UTC desktop is 15:00 in Today and "16:00,
   * Europe/Prague · 15:00 your time" here — never a bare second time. */
  at = self->occurrence != 0 ? self->occurrence : nudge_followup_get_due_at (f);
  gtk_switch_set_active (self->all_day_switch, nudge_followup_get_all_day (f));
  nudge_date_time_entry_set_time_zone (self->when_entry, nudge_followup_get_tzid (f));
  nudge_date_time_entry_set_unix (self->when_entry, at);

  if (*nudge_followup_get_rrule (f) != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->rrule_row), nudge_followup_get_rrule (f));
      select_preset (self, nudge_followup_get_rrule (f), nudge_followup_get_tzid (f));
      if (self->occurrence != 0)
        {
          gtk_widget_set_visible (GTK_WIDGET (self->scope_row), TRUE);
          adw_combo_row_set_selected (self->scope_row, SCOPE_THIS);
        }
    }
  update_visibility (self);
  validate (self);
}

static void
nudge_followup_editor_dispose (GObject *object)
{
  NudgeFollowupEditor *self = NUDGE_FOLLOWUP_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->followup);
  G_OBJECT_CLASS (nudge_followup_editor_parent_class)->dispose (object);
}

static void
nudge_followup_editor_class_init (NudgeFollowupEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_followup_editor_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeFollowupEditor, context),
                                          G_STRUCT_OFFSET (NudgeFollowupEditor, store));

  g_type_ensure (NUDGE_TYPE_RECORD_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-followup-editor.ui");
  g_type_ensure (NUDGE_TYPE_DATE_TIME_ENTRY);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, for_picker);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, for_hint);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, when_reason);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, what_group);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, notes_group);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, priority_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, when_entry);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, all_day_switch);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, remind_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, every_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, days_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, days_box);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, until_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, until_entry);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, count_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, count_spin);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, summary_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, rrule_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, scope_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeFollowupEditor, notes_row);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
nudge_followup_editor_init (NudgeFollowupEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Under the title, in the group the title is in. */
  self->title_reason = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->title_reason), "title-reason");
  gtk_label_set_wrap (self->title_reason, TRUE);
  gtk_label_set_xalign (self->title_reason, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->title_reason), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->title_reason), FALSE);
  adw_preferences_group_add (self->what_group, GTK_WIDGET (self->title_reason));
  nudge_accessible_name_rows (GTK_WIDGET (self->what_group), gtk_window_get_title (GTK_WINDOW (self)));
  nudge_accessible_name_rows (GTK_WIDGET (self->notes_group), _("Notes"));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);

  g_signal_connect_swapped (self->for_picker, "notify::record-id", G_CALLBACK (update_for_hint), self);
  g_signal_connect_swapped (self->for_picker, "notify::text", G_CALLBACK (update_for_hint), self);

  g_signal_connect_swapped (self->all_day_switch, "notify::active", G_CALLBACK (update_visibility), self);
  g_signal_connect_swapped (self->repeat_row, "notify::selected", G_CALLBACK (update_visibility), self);
  g_signal_connect_swapped (self->repeat_row, "notify::selected", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->rrule_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->rrule_row, "changed", G_CALLBACK (update_summary), self);
  nudge_combo_row_show_whole_choices (self->repeat_row);
  nudge_combo_row_show_whole_choices (self->end_row);
  nudge_repeat_rows_init (&self->custom, self->interval_spin, self->unit_dropdown, self->days_row, self->days_box,
                          G_CALLBACK (update_visibility), self);
  g_signal_connect_swapped (self->end_row, "notify::selected", G_CALLBACK (update_visibility), self);
  g_signal_connect_swapped (self->end_row, "notify::selected", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->count_spin, "value-changed", G_CALLBACK (update_summary), self);
  g_signal_connect_swapped (self->until_entry, "notify::unix", G_CALLBACK (update_summary), self);
  g_signal_connect_swapped (self->until_entry, "notify::valid", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->when_entry, "notify::unix", G_CALLBACK (update_summary), self);
  g_signal_connect_swapped (self->when_entry, "notify::valid", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->when_entry, "notify::reason", G_CALLBACK (validate), self);
}

NudgeFollowupEditor *
nudge_followup_editor_present (GtkWindow     *parent,
                               NudgeContext  *context,
                               NudgeFollowup *followup,
                               gint64         occurrence,
                               gint64         deal_id,
                               gint64         contact_id)
{
  NudgeFollowupEditor *self;

  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  self = g_object_new (NUDGE_TYPE_FOLLOWUP_EDITOR, "transient-for", parent, "context", context, NULL);
  self->followup = followup ? g_object_ref (followup) : NULL;
  self->occurrence = occurrence;
  self->deal_id = deal_id;
  self->contact_id = contact_id;

  if (followup != NULL)
    {
      self->deal_id = nudge_followup_get_deal_id (followup);
      self->contact_id = nudge_followup_get_contact_id (followup);
    }
  /* The "For" row starts at the record the editor was opened for. */
  nudge_record_picker_set_context (self->for_picker, self->context);
  if (self->deal_id > 0)
    nudge_record_picker_set_record (self->for_picker, NUDGE_ENTITY_DEAL, self->deal_id);
  else if (self->contact_id > 0)
    nudge_record_picker_set_record (self->for_picker, NUDGE_ENTITY_CONTACT, self->contact_id);
  update_for_hint (self);

  load (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return self;
}

/* Moves a new follow-up to another day, keeping its time of day. */
void
nudge_followup_editor_set_day (NudgeFollowupEditor *self,
                               int                  year,
                               int                  month,
                               int                  day)
{
  g_return_if_fail (NUDGE_IS_FOLLOWUP_EDITOR (self));

  nudge_date_time_entry_set_date (self->when_entry, year, month, day);
}

/* The editor's date-and-time field, for tests and callers that fill it. */
NudgeDateTimeEntry *
nudge_followup_editor_get_when_entry (NudgeFollowupEditor *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP_EDITOR (self), NULL);

  return self->when_entry;
}
