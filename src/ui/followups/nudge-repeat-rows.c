/* nudge-repeat-rows.c — a custom repeat, by clicking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-followups"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "nudge-repeat-rows.h"

enum {
  UNIT_DAYS,
  UNIT_WEEKS,
  UNIT_MONTHS,
  UNIT_YEARS,
  N_UNITS
};

static const char *const frequencies[N_UNITS] = { "DAILY", "WEEKLY", "MONTHLY", "YEARLY" };
static const char *const day_codes[7] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

static void
fill_units (NudgeRepeatRows *rows)
{
  int n = gtk_spin_button_get_value_as_int (rows->interval);
  const char *const names[N_UNITS + 1] = {
    /* Translators: after "Every 2": the unit of a repeat */
    g_dngettext (GETTEXT_PACKAGE, "day", "days", n),
    g_dngettext (GETTEXT_PACKAGE, "week", "weeks", n),
    g_dngettext (GETTEXT_PACKAGE, "month", "months", n),
    g_dngettext (GETTEXT_PACKAGE, "year", "years", n),
    NULL,
  };
  GListModel *model = gtk_drop_down_get_model (rows->unit);
  guint selected = gtk_drop_down_get_selected (rows->unit);

  /* Only when the number's plural form changes: a new list resets the
   * choice and tells so, which runs this again. */
  if (model != NULL)
    {
      gboolean same = TRUE;

      for (guint u = 0; same && u < N_UNITS; u++)
        same = g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), u), names[u]) == 0;
      if (same)
        return;
    }
  if (model == NULL)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (names);

      gtk_drop_down_set_model (rows->unit, G_LIST_MODEL (list));
      selected = UNIT_WEEKS;
    }
  else
    gtk_string_list_splice (GTK_STRING_LIST (model), 0, N_UNITS, names);
  gtk_drop_down_set_selected (rows->unit, selected);
}

void
nudge_repeat_rows_init (NudgeRepeatRows *rows,
                        GtkSpinButton   *interval,
                        GtkDropDown     *unit,
                        GtkWidget       *days_row,
                        GtkFlowBox      *days_box,
                        GCallback        changed,
                        gpointer         data)
{
  /* 1 January 2024 was a Monday */
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);

  rows->interval = interval;
  rows->unit = unit;
  rows->days_row = days_row;
  gtk_accessible_update_property (GTK_ACCESSIBLE (interval), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Repeat interval"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (unit), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Repeat unit"), -1);
  fill_units (rows);
  for (guint d = 0; d < 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, d);
      g_autofree char *short_name = g_date_time_format (day, "%a");
      g_autofree char *name = g_date_time_format (day, "%A");

      g_autofree char *widget_name = g_strconcat ("repeat-day-", day_codes[d], NULL);

      rows->days[d] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (short_name));
      gtk_widget_set_name (GTK_WIDGET (rows->days[d]), widget_name);
      gtk_widget_add_css_class (GTK_WIDGET (rows->days[d]), "circular");
      gtk_widget_set_tooltip_text (GTK_WIDGET (rows->days[d]), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (rows->days[d]), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_flow_box_append (days_box, GTK_WIDGET (rows->days[d]));
      g_signal_connect_swapped (rows->days[d], "toggled", changed, data);
    }
  g_signal_connect_swapped (interval, "value-changed", changed, data);
  g_signal_connect_swapped (unit, "notify::selected", changed, data);
}

void
nudge_repeat_rows_update (NudgeRepeatRows *rows,
                          gboolean         shown,
                          GDateTime       *start)
{
  gboolean weeks = shown && gtk_drop_down_get_selected (rows->unit) == UNIT_WEEKS;
  gboolean any = FALSE;

  fill_units (rows);
  gtk_widget_set_visible (rows->days_row, weeks);
  /* By the week on the start's day until other days are chosen: shown
   * pressed, as it is meant. */
  for (guint d = 0; d < 7; d++)
    any |= gtk_toggle_button_get_active (rows->days[d]);
  if (weeks && !any && start != NULL)
    gtk_toggle_button_set_active (rows->days[g_date_time_get_day_of_week (start) - 1], TRUE);
}

char *
nudge_repeat_rows_get_rule (NudgeRepeatRows *rows,
                            GDateTime       *start)
{
  guint unit = MIN (gtk_drop_down_get_selected (rows->unit), N_UNITS - 1);
  int interval = gtk_spin_button_get_value_as_int (rows->interval);
  GString *rule = g_string_new ("FREQ=");

  g_string_append (rule, frequencies[unit]);
  if (interval > 1)
    g_string_append_printf (rule, ";INTERVAL=%d", interval);
  if (unit == UNIT_WEEKS)
    {
      gboolean any = FALSE;

      g_string_append (rule, ";BYDAY=");
      for (guint d = 0; d < 7; d++)
        if (gtk_toggle_button_get_active (rows->days[d]))
          {
            g_string_append_printf (rule, "%s%s", any ? "," : "", day_codes[d]);
            any = TRUE;
          }
      if (!any)
        g_string_append (rule, day_codes[g_date_time_get_day_of_week (start) - 1]);
    }
  return g_string_free (rule, FALSE);
}

gboolean
nudge_repeat_rows_set_rule (NudgeRepeatRows *rows,
                            const char      *rule)
{
  g_auto(GStrv) parts = g_strsplit (rule, ";", -1);
  int unit = -1, interval = 1;
  gboolean days[7] = { FALSE };

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];

      if (*part == '\0')
        continue;
      if (g_str_has_prefix (part, "FREQ="))
        {
          for (guint u = 0; u < N_UNITS; u++)
            if (g_str_equal (part + 5, frequencies[u]))
              unit = u;
        }
      else if (g_str_has_prefix (part, "INTERVAL="))
        {
          interval = atoi (part + 9);
          if (interval < 1 || interval > 99)
            return FALSE;
        }
      else if (g_str_has_prefix (part, "BYDAY="))
        {
          g_auto(GStrv) codes = g_strsplit (part + 6, ",", -1);

          for (guint c = 0; codes[c] != NULL; c++)
            {
              gboolean known = FALSE;

              for (guint d = 0; d < 7; d++)
                if (g_str_equal (codes[c], day_codes[d]))
                  known = days[d] = TRUE;
              /* "2TU", "-1FR": not a plain day of the week */
              if (!known)
                return FALSE;
            }
        }
      else if (!g_str_has_prefix (part, "WKST="))
        return FALSE;
    }
  if (unit < 0 || (unit != UNIT_WEEKS && (days[0] || days[1] || days[2] || days[3] || days[4] || days[5] || days[6])))
    return FALSE;

  gtk_spin_button_set_value (rows->interval, interval);
  fill_units (rows);
  gtk_drop_down_set_selected (rows->unit, unit);
  for (guint d = 0; d < 7; d++)
    gtk_toggle_button_set_active (rows->days[d], days[d]);
  return TRUE;
}
