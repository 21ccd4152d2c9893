/* nudge-date-time-entry.c
 *
 * One field for a date and a time, the same in every dialog: the date as
 * the locale writes it (or ISO 8601) with a calendar in a popover, the
 * time on the desktop's 12- or 24-hour clock. A time is always read in
 * the field's own zone; when that is not the desktop's, the field says
 * which zone it is and what the same instant is on the desktop's clock,
 * so a Prague follow-up shown on a UTC desktop reads "16:00" with
 * "Europe/Prague · 15:00 your time" under it, never a bare second time.
 *
 * The field never refuses what was typed: it says whether it is valid
 * and, if not, why ("reason"), and the dialog decides what to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-date-time-entry"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-date-time-entry.h"
#include "nudge-format.h"

struct _NudgeDateTimeEntry
{
  GtkWidget       parent_instance;

  GtkWidget      *fields_box;
  GtkEntry       *date_entry;
  GtkMenuButton  *calendar_button;
  GtkPopover     *calendar_popover;
  GtkCalendar    *calendar;
  GtkEntry       *time_entry;
  GtkLabel       *info_label;

  gint64          instant;
  char           *time_zone;      /* NULL: the desktop's */
  GTimeZone      *tz;
  char           *reason;
  int             year, month, day, hour, minute;
  guint           show_time : 1;
  guint           optional : 1;
  guint           valid : 1;
  guint           has_date : 1;
  guint           updating : 1;   /* the texts are being set, not typed */
};

G_DEFINE_FINAL_TYPE (NudgeDateTimeEntry, nudge_date_time_entry, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_UNIX,
  PROP_TIME_ZONE,
  PROP_SHOW_TIME,
  PROP_OPTIONAL,
  PROP_VALID,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- helpers ------------------------------------------------------------ */

static GDateTime *
wall_time (NudgeDateTimeEntry *self,
           int                 hour,
           int                 minute)
{
  return g_date_time_new (self->tz, self->year, self->month, self->day, hour, minute, 0);
}

static char *
format_date_text (NudgeDateTimeEntry *self,
                  int                 year,
                  int                 month,
                  int                 day)
{
  g_autoptr(GDateTime) noon = g_date_time_new (self->tz, year, month, day, 12, 0, 0);

  /* As nudge_format_date(): 3.12.2026 in cs, 12/03/2026 in en_US. */
  return nudge_format_date_of (noon);
}

static char *
format_time_text (int hour,
                  int minute)
{
  g_autoptr(GDateTime) t = g_date_time_new_utc (2000, 1, 1, hour, minute, 0);
  g_autofree char *text = g_date_time_format (t, nudge_format_time_pattern ());

  return g_strdup (g_strstrip (text));
}

static gboolean
zone_is_local (NudgeDateTimeEntry *self)
{
  g_autoptr(GTimeZone) local = nudge_clock_local_zone ();
  gint64 at = self->has_date ? self->instant : nudge_clock_now ();

  if (g_strcmp0 (g_time_zone_get_identifier (local), g_time_zone_get_identifier (self->tz)) == 0)
    return TRUE;
  /* A zone with the desktop's rules under another name (Europe/Bratislava
   * on a Prague desktop, Etc/UTC and UTC) shows the same times: no label.
   * Sampled over the year around the instant. */
  for (int i = -6; i <= 6; i++)
    {
      gint64 t = at + (gint64) i * 30 * 86400;
      int a = g_time_zone_find_interval (local, G_TIME_TYPE_UNIVERSAL, t);
      int b = g_time_zone_find_interval (self->tz, G_TIME_TYPE_UNIVERSAL, t);

      if (a < 0 || b < 0 || g_time_zone_get_offset (local, a) != g_time_zone_get_offset (self->tz, b))
        return FALSE;
    }
  return TRUE;
}

static const char *
zone_name (NudgeDateTimeEntry *self)
{
  return self->time_zone != NULL ? self->time_zone : g_time_zone_get_identifier (self->tz);
}

/* Under the fields: the day in words and, for another zone, the zone and
 * the same instant on the desktop's clock. */
static void
update_info (NudgeDateTimeEntry *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean foreign = !zone_is_local (self);
  g_autofree char *description = NULL;

  if (self->valid && self->has_date)
    {
      g_autoptr(GDateTime) now_utc = g_date_time_new_from_unix_utc (nudge_clock_now ());
      g_autoptr(GDateTime) now = g_date_time_to_timezone (now_utc, self->tz);
      g_autoptr(GDateTime) noon = wall_time (self, 12, 0);
      GDate today, date;
      int days;

      g_date_clear (&today, 1);
      g_date_clear (&date, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      g_date_set_dmy (&date, self->day, self->month, self->year);
      days = g_date_days_between (&today, &date);
      if (days == 0)
        g_string_append (text, _("Today"));
      else if (days == 1)
        g_string_append (text, _("Tomorrow"));
      else if (days == -1)
        g_string_append (text, _("Yesterday"));
      else if (noon != NULL)
        {
          g_autofree char *weekday = g_date_time_format (noon, "%A");
          /* Beside "Today" and "Tomorrow": "Pondělí", not glibc's
           * "pondělí" (cs, pl, uk) */
          g_autofree char *capitalized = nudge_format_capitalize (weekday);

          g_string_append (text, capitalized);
        }
    }

  if (foreign && self->show_time)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      if (self->valid && self->has_date)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (self->instant);
          g_autoptr(GDateTime) here = nudge_clock_to_local (utc);
          g_autoptr(GDateTime) there = g_date_time_to_timezone (utc, self->tz);
          gboolean same_day = g_date_time_get_day_of_month (here) == g_date_time_get_day_of_month (there);
          g_autofree char *local = same_day ? nudge_format_time (self->instant) : nudge_format_datetime (self->instant);

          /* TRANSLATORS: the zone a time is typed in, then the same
           * instant on this computer's clock: "Europe/Prague · 15:00 your time" */
          g_string_append_printf (text, _("%s · %s your time"), zone_name (self), local);
        }
      else
        g_string_append (text, zone_name (self));
      description = g_strdup_printf (_("Time in %s"), zone_name (self));
    }

  gtk_label_set_label (self->info_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->info_label), text->len > 0);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->time_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
mark_entry (GtkEntry *entry,
            gboolean  bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               bad ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

static void
set_state (NudgeDateTimeEntry *self,
           gboolean            valid,
           const char         *reason,
           GtkEntry           *bad)
{
  mark_entry (self->date_entry, bad == self->date_entry);
  mark_entry (self->time_entry, bad == self->time_entry);
  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
  if (g_strcmp0 (self->reason, reason) != 0)
    {
      g_free (self->reason);
      self->reason = g_strdup (reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }
}

static void
store_unix (NudgeDateTimeEntry *self,
            gint64              unix_seconds)
{
  if (self->instant == unix_seconds)
    return;
  self->instant = unix_seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIX]);
}

static char *
date_reason (NudgeDateTimeEntry *self,
             const char         *text)
{
  g_autoptr(GDateTime) now = nudge_clock_now_local ();
  g_autofree char *example = nudge_format_date_of (now);
  g_autofree char *iso = g_date_time_format (now, "%Y-%m-%d");

  if (*text == '\0')
    return g_strdup_printf (_("Type a date, e.g. %s"), example);
  /* TRANSLATORS: what was typed, then two examples of dates */
  return g_strdup_printf (_("“%s” is not a date: type e.g. %s or %s"), text, example, iso);
}

static char *
time_reason (const char *text)
{
  g_autofree char *morning = format_time_text (9, 0);
  g_autofree char *afternoon = format_time_text (14, 30);

  if (*text == '\0')
    return g_strdup_printf (_("Type a time, e.g. %s"), morning);
  /* TRANSLATORS: what was typed, then two examples of times */
  return g_strdup_printf (_("“%s” is not a time: type e.g. %s or %s"), text, morning, afternoon);
}

/* Reads what the fields say now. */
static void
reparse (NudgeDateTimeEntry *self)
{
  g_autofree char *date_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_entry))));
  g_autofree char *time_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->time_entry))));
  int y, mo, d, h = 0, mi = 0;

  if (*date_text == '\0' && self->optional)
    {
      self->has_date = FALSE;
      store_unix (self, 0);
      set_state (self, TRUE, NULL, NULL);
    }
  else if (!nudge_parse_date (date_text, &y, &mo, &d))
    {
      g_autofree char *reason = date_reason (self, date_text);

      set_state (self, FALSE, reason, self->date_entry);
    }
  else if (self->show_time && !nudge_parse_time (time_text, &h, &mi))
    {
      g_autofree char *reason = time_reason (time_text);

      set_state (self, FALSE, reason, self->time_entry);
    }
  else
    {
      self->year = y;
      self->month = mo;
      self->day = d;
      if (self->show_time)
        {
          self->hour = h;
          self->minute = mi;
        }
      self->has_date = TRUE;
      /* RFC 5545 at DST changes, like every other local time in Nudge. */
      store_unix (self, nudge_clock_local_to_unix (self->tz, y, mo, d, self->show_time ? h : 0,
                                                   self->show_time ? mi : 0, 0));
      set_state (self, TRUE, NULL, NULL);
    }
  update_info (self);
}

static void
set_texts (NudgeDateTimeEntry *self,
           const char         *date_text,
           const char         *time_text)
{
  self->updating = TRUE;
  if (date_text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date_text);
  if (time_text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time_text);
  self->updating = FALSE;
}

/* Writes the parsed fields back in the usual form: "9" becomes "9:00 AM". */
static void
normalize (NudgeDateTimeEntry *self)
{
  g_autofree char *date_text = NULL;
  g_autofree char *time_text = NULL;

  if (!self->valid || !self->has_date)
    return;
  date_text = format_date_text (self, self->year, self->month, self->day);
  if (self->show_time)
    time_text = format_time_text (self->hour, self->minute);
  set_texts (self, date_text, time_text);
}

static void
show_instant (NudgeDateTimeEntry *self,
              gint64              unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) there = utc ? g_date_time_to_timezone (utc, self->tz) : NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *time_text = NULL;

  if (there == NULL)
    return;
  date_text = format_date_text (self, g_date_time_get_year (there), g_date_time_get_month (there),
                                g_date_time_get_day_of_month (there));
  time_text = format_time_text (g_date_time_get_hour (there), g_date_time_get_minute (there));
  set_texts (self, date_text, time_text);
  reparse (self);
  /* Kept as given when the time shows: the second 02:30 of a fall-back
   * night is not moved to the first by being displayed. */
  if (self->show_time && self->valid)
    {
      store_unix (self, unix_seconds);
      update_info (self);
    }
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        g_ptr_array_add (buttons, child);
      else
        collect_buttons (child, buttons);
    }
}

/* GtkCalendar's arrows are icons without a name on GTK 4.8; a screen
 * reader would read "button". In the header's order: month, then year. */
void
nudge_date_time_entry_name_calendar_arrows (GtkCalendar *calendar)
{
  const char *names[] = { N_("Previous month"), N_("Next month"), N_("Previous year"), N_("Next year") };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  g_return_if_fail (GTK_IS_CALENDAR (calendar));

  collect_buttons (GTK_WIDGET (calendar), buttons);
  if (buttons->len != G_N_ELEMENTS (names))
    return;
  for (guint i = 0; i < buttons->len; i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (buttons, i)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _(names[i]), -1);
}

/* GtkCalendar 4.8 at the keyboard: its arrow keys move a focus of its
 * own, which starts at the top-left day of the grid (one of the month
 * before) whatever day is picked, and Enter picks nothing. Here the arrow
 * keys move the picked day itself, a day or a week from the one shown,
 * without "day-selected"; Enter or Space then picks it, as a click does.
 * Ctrl with an arrow still turns the month or the year. */
static gboolean
steered_calendar_key_pressed_cb (GtkEventControllerKey *controller,
                                 guint                  keyval,
                                 guint                  keycode,
                                 GdkModifierType        state,
                                 GtkCalendar           *calendar)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (calendar)) == GTK_TEXT_DIR_RTL;
  guint day_selected = g_signal_lookup ("day-selected", GTK_TYPE_CALENDAR);
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) moved = NULL;
  g_autoptr(GArray) blocked = NULL;
  gulong handler;
  int days;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      days = rtl ? 1 : -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      days = rtl ? -1 : 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      days = -7;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      days = 7;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      g_signal_emit (calendar, day_selected, 0);
      /* In a popover the day picked is the answer; in a dialog Enter
       * goes on to its default button. */
      return gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER) != NULL;
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      g_signal_emit (calendar, day_selected, 0);
      return TRUE;
    default:
      return FALSE;
    }
  shown = gtk_calendar_get_date (calendar);
  moved = g_date_time_add_days (shown, days);
  blocked = g_array_new (FALSE, FALSE, sizeof (gulong));
  /* Quietly: g_signal_handlers_block_matched() blocks nothing by the
   * signal alone. */
  while ((handler = g_signal_handler_find (calendar, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_UNBLOCKED,
                                           day_selected, 0, NULL, NULL, NULL)) != 0)
    {
      g_signal_handler_block (calendar, handler);
      g_array_append_val (blocked, handler);
    }
  gtk_calendar_select_day (calendar, moved);
  for (guint i = 0; i < blocked->len; i++)
    g_signal_handler_unblock (calendar, g_array_index (blocked, gulong, i));
  return TRUE;
}

/* ---- signal callbacks ----------------------------------------------------- */

static void
entry_changed_cb (NudgeDateTimeEntry *self)
{
  if (!self->updating)
    reparse (self);
}

static void
entry_focus_leave_cb (NudgeDateTimeEntry *self)
{
  normalize (self);
}

static void
calendar_popover_show_cb (NudgeDateTimeEntry *self)
{
  g_autoptr(GDateTime) day = NULL;

  if (self->has_date && self->valid)
    day = nudge_clock_local_new (self->year, self->month, self->day, 12, 0, 0);
  else
    day = nudge_clock_now_local ();
  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, day);
  self->updating = FALSE;
}

static void
calendar_day_selected_cb (NudgeDateTimeEntry *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *text = NULL;

  if (self->updating)
    return;
  day = gtk_calendar_get_date (self->calendar);
  text = format_date_text (self, g_date_time_get_year (day), g_date_time_get_month (day),
                           g_date_time_get_day_of_month (day));
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), text);
  /* A click picks the day, and so does Enter after the arrow keys
   * (nudge_date_time_entry_steer_calendar()). */
  gtk_popover_popdown (self->calendar_popover);
}

/* ---- overrides -------------------------------------------------------------- */

static void
nudge_date_time_entry_dispose (GObject *object)
{
  NudgeDateTimeEntry *self = NUDGE_DATE_TIME_ENTRY (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_DATE_TIME_ENTRY);
  G_OBJECT_CLASS (nudge_date_time_entry_parent_class)->dispose (object);
}

static void
nudge_date_time_entry_finalize (GObject *object)
{
  NudgeDateTimeEntry *self = NUDGE_DATE_TIME_ENTRY (object);

  g_clear_pointer (&self->time_zone, g_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->reason, g_free);
  G_OBJECT_CLASS (nudge_date_time_entry_parent_class)->finalize (object);
}

static gboolean
nudge_date_time_entry_grab_focus (GtkWidget *widget)
{
  NudgeDateTimeEntry *self = NUDGE_DATE_TIME_ENTRY (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
}

static void
nudge_date_time_entry_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  NudgeDateTimeEntry *self = NUDGE_DATE_TIME_ENTRY (object);

  switch (prop_id)
    {
    case PROP_UNIX:
      g_value_set_int64 (value, self->instant);
      break;
    case PROP_TIME_ZONE:
      g_value_set_string (value, self->time_zone);
      break;
    case PROP_SHOW_TIME:
      g_value_set_boolean (value, self->show_time);
      break;
    case PROP_OPTIONAL:
      g_value_set_boolean (value, self->optional);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_date_time_entry_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  NudgeDateTimeEntry *self = NUDGE_DATE_TIME_ENTRY (object);

  switch (prop_id)
    {
    case PROP_UNIX:
      nudge_date_time_entry_set_unix (self, g_value_get_int64 (value));
      break;
    case PROP_TIME_ZONE:
      nudge_date_time_entry_set_time_zone (self, g_value_get_string (value));
      break;
    case PROP_SHOW_TIME:
      nudge_date_time_entry_set_show_time (self, g_value_get_boolean (value));
      break;
    case PROP_OPTIONAL:
      nudge_date_time_entry_set_optional (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_date_time_entry_class_init (NudgeDateTimeEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_date_time_entry_dispose;
  object_class->finalize = nudge_date_time_entry_finalize;
  object_class->get_property = nudge_date_time_entry_get_property;
  object_class->set_property = nudge_date_time_entry_set_property;
  widget_class->grab_focus = nudge_date_time_entry_grab_focus;

  /* The instant shown. With show-time off, the start of the day in the
   * zone; 0 when an optional field is empty. */
  properties[PROP_UNIX] =
    g_param_spec_int64 ("unix", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A zone identifier such as "Europe/Prague"; NULL or "" for the
   * desktop's. Changing it keeps the instant and shows it in the zone. */
  properties[PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_TIME] =
    g_param_spec_boolean ("show-time", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An empty date is valid (an expected close date nobody knows yet). */
  properties[PROP_OPTIONAL] =
    g_param_spec_boolean ("optional", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Why the field is not valid, in words for the person typing. */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-date-time-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeDateTimeEntry, fields_box);
  gtk_widget_class_bind_template_child (widget_class, NudgeDateTimeEntry, date_entry);
  gtk_widget_class_bind_template_child (widget_class, NudgeDateTimeEntry, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeDateTimeEntry, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, NudgeDateTimeEntry, calendar);
  gtk_widget_class_bind_template_child (widget_class, NudgeDateTimeEntry, time_entry);
  gtk_widget_class_bind_template_child (widget_class, NudgeDateTimeEntry, info_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "nudge-date-time-entry");
}

static void
nudge_date_time_entry_init (NudgeDateTimeEntry *self)
{
  GtkLayoutManager *layout;
  GtkEventController *controller;
  GtkEntry *entries[2];

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 3);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);

  self->tz = nudge_clock_local_zone ();
  self->show_time = TRUE;

  entries[0] = self->date_entry;
  entries[1] = self->time_entry;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (entry_changed_cb), self);
      controller = gtk_event_controller_focus_new ();
      g_signal_connect_swapped (controller, "leave", G_CALLBACK (entry_focus_leave_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (entries[i]), controller);
    }

  g_signal_connect_swapped (self->calendar_popover, "show", G_CALLBACK (calendar_popover_show_cb), self);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), self);
  nudge_date_time_entry_steer_calendar (self->calendar);
  nudge_date_time_entry_name_calendar_arrows (self->calendar);
  /* On GTK 4.8 the menu button's own toggle is what a screen reader
   * reaches: it gets the name too. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->calendar_button)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      {
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a date"), -1);
        /* The name alone, not followed by the text it is labelled by. */
        gtk_accessible_reset_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      }

  /* Until told otherwise: now, on the desktop's clock. */
  show_instant (self, nudge_clock_now ());
}

/* ---- public API ------------------------------------------------------------- */

GtkWidget *
nudge_date_time_entry_new (void)
{
  return g_object_new (NUDGE_TYPE_DATE_TIME_ENTRY, NULL);
}

gint64
nudge_date_time_entry_get_unix (NudgeDateTimeEntry *self)
{
  g_return_val_if_fail (NUDGE_IS_DATE_TIME_ENTRY (self), 0);

  return self->instant;
}

void
nudge_date_time_entry_set_unix (NudgeDateTimeEntry *self,
                                gint64              unix_seconds)
{
  g_return_if_fail (NUDGE_IS_DATE_TIME_ENTRY (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (unix_seconds == 0 && self->optional)
    {
      set_texts (self, "", NULL);
      reparse (self);
    }
  else
    show_instant (self, unix_seconds);
  g_object_thaw_notify (G_OBJECT (self));
}

void
nudge_date_time_entry_set_time_zone (NudgeDateTimeEntry *self,
                                     const char         *time_zone)
{
  GTimeZone *tz = NULL;
  gboolean keep;
  gint64 at;

  g_return_if_fail (NUDGE_IS_DATE_TIME_ENTRY (self));

  if (time_zone != NULL && *time_zone == '\0')
    time_zone = NULL;
  if (g_strcmp0 (self->time_zone, time_zone) == 0)
    return;

  if (time_zone != NULL && (tz = g_time_zone_new_identifier (time_zone)) == NULL)
    {
      g_debug ("Unknown time zone “%s”, using the desktop's", time_zone);
      time_zone = NULL;
    }
  if (tz == NULL)
    tz = nudge_clock_local_zone ();

  keep = self->valid && self->has_date;
  at = self->instant;
  g_object_freeze_notify (G_OBJECT (self));
  g_free (self->time_zone);
  self->time_zone = g_strdup (time_zone);
  g_time_zone_unref (self->tz);
  self->tz = tz;
  if (keep)
    show_instant (self, at);
  else
    reparse (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
nudge_date_time_entry_get_show_time (NudgeDateTimeEntry *self)
{
  g_return_val_if_fail (NUDGE_IS_DATE_TIME_ENTRY (self), FALSE);

  return self->show_time;
}

void
nudge_date_time_entry_set_show_time (NudgeDateTimeEntry *self,
                                     gboolean            show_time)
{
  g_return_if_fail (NUDGE_IS_DATE_TIME_ENTRY (self));

  show_time = !!show_time;
  if (self->show_time == show_time)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->show_time = show_time;
  gtk_widget_set_visible (GTK_WIDGET (self->time_entry), show_time);
  reparse (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TIME]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
nudge_date_time_entry_set_optional (NudgeDateTimeEntry *self,
                                    gboolean            optional)
{
  g_return_if_fail (NUDGE_IS_DATE_TIME_ENTRY (self));

  optional = !!optional;
  if (self->optional == optional)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->optional = optional;
  reparse (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONAL]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
nudge_date_time_entry_get_valid (NudgeDateTimeEntry *self)
{
  g_return_val_if_fail (NUDGE_IS_DATE_TIME_ENTRY (self), FALSE);

  return self->valid;
}

const char *
nudge_date_time_entry_get_reason (NudgeDateTimeEntry *self)
{
  g_return_val_if_fail (NUDGE_IS_DATE_TIME_ENTRY (self), NULL);

  return self->reason;
}

gboolean
nudge_date_time_entry_get_date (NudgeDateTimeEntry *self,
                                int                *year,
                                int                *month,
                                int                *day)
{
  g_return_val_if_fail (NUDGE_IS_DATE_TIME_ENTRY (self), FALSE);

  if (!self->valid || !self->has_date)
    return FALSE;
  if (year != NULL)
    *year = self->year;
  if (month != NULL)
    *month = self->month;
  if (day != NULL)
    *day = self->day;
  return TRUE;
}

char *
nudge_date_time_entry_dup_iso_date (NudgeDateTimeEntry *self)
{
  g_return_val_if_fail (NUDGE_IS_DATE_TIME_ENTRY (self), NULL);

  if (!self->valid)
    return NULL;
  if (!self->has_date)
    return g_strdup ("");
  return g_strdup_printf ("%04d-%02d-%02d", self->year, self->month, self->day);
}

void
nudge_date_time_entry_set_date (NudgeDateTimeEntry *self,
                                int                 year,
                                int                 month,
                                int                 day)
{
  g_autofree char *text = NULL;

  g_return_if_fail (NUDGE_IS_DATE_TIME_ENTRY (self));
  g_return_if_fail (g_date_valid_dmy (day, month, year));

  text = format_date_text (self, year, month, day);
  set_texts (self, text, NULL);
  reparse (self);
}

void
nudge_date_time_entry_set_text (NudgeDateTimeEntry *self,
                                const char         *date_text,
                                const char         *time_text)
{
  g_return_if_fail (NUDGE_IS_DATE_TIME_ENTRY (self));

  /* Read as typed, once: replacing a text passes through "" on the way,
   * which is not worth a notification. */
  g_object_freeze_notify (G_OBJECT (self));
  set_texts (self, date_text, time_text);
  reparse (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The arrow keys move @calendar's picked day from the one it shows, and
 * Enter or Space picks it ("day-selected"); outside a popover Enter then
 * goes on to the window's default button (steered_calendar_key_pressed_cb()). */
void
nudge_date_time_entry_steer_calendar (GtkCalendar *calendar)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_CALENDAR (calendar));

  controller = gtk_event_controller_key_new ();
  /* Before the calendar's own keys. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (steered_calendar_key_pressed_cb), calendar);
  gtk_widget_add_controller (GTK_WIDGET (calendar), controller);
}
