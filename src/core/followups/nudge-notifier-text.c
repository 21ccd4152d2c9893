/* nudge-notifier-text.c — what a reminder says: its deal, contact,
 * phone, the last interaction, and when it is due in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-notifier"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nudge-clock.h"
#include "nudge-format.h"
#include "nudge-notifier-private.h"

char *
nudge_notifier_format_due (gint64   due,
                           gboolean all_day,
                           gint64   now)
{
  /* Days from the due day to today: 1 = it was due yesterday. */
  int days = nudge_days_between (due, now);
  g_autofree char *time = nudge_format_time (due);
  g_autofree char *date = nudge_format_date (due);
  gint64 minutes;

  if (all_day)
    {
      if (days == 0)
        return g_strdup (_("Due today"));
      if (days == -1)
        return g_strdup (_("Due tomorrow"));
      if (days < 0)
        /* Translators: a date, e.g. "Due on 28.11.2026" */
        return g_strdup_printf (_("Due on %s"), date);
      if (days == 1)
        return g_strdup (_("Overdue since yesterday"));
      /* Translators: a date, e.g. "Overdue since 28.11.2026" */
      return g_strdup_printf (_("Overdue since %s"), date);
    }

  if (due < now - 60)
    {
      if (days == 0)
        /* Translators: a time today, e.g. "Overdue since 09:00" */
        return g_strdup_printf (_("Overdue since %s"), time);
      if (days == 1)
        /* Translators: a time, e.g. "Overdue since yesterday 16:00" */
        return g_strdup_printf (_("Overdue since yesterday %s"), time);
      return g_strdup_printf (_("Overdue since %s"), date);
    }
  if (due < now + 60)
    return g_strdup (_("Due now"));

  /* Whole minutes, rounded up: 9 min 20 s away is "in 10 minutes". */
  minutes = (due - now + 59) / 60;
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %d minute", "Due in %d minutes", (gulong) minutes),
                            (int) minutes);
  if (days == 0)
    /* Translators: e.g. "Due at 14:30" */
    return g_strdup_printf (_("Due at %s"), time);
  if (days == -1)
    /* Translators: e.g. "Due tomorrow at 14:30" */
    return g_strdup_printf (_("Due tomorrow at %s"), time);
  /* Translators: a date and a time, e.g. "Due on 28.11.2026 at 14:30" */
  return g_strdup_printf (_("Due on %s at %s"), date, time);
}

char *
nudge_notifier_dup_body (NudgeNotifier   *self,
                         NudgeOccurrence *occ)
{
  NudgeStore *store = _nudge_notifier_get_store (self);
  NudgeFollowup *followup = nudge_occurrence_get_followup (occ);
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeContact) contact = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  GString *body = g_string_new (NULL);
  gint64 deal_id = nudge_followup_get_deal_id (followup);
  gint64 contact_id = nudge_followup_get_contact_id (followup);
  gint64 now = nudge_clock_now ();
  g_autofree char *when = NULL;

  if (deal_id > 0)
    deal = nudge_store_get_deal (store, deal_id, NULL);
  if (contact_id <= 0 && deal != NULL)
    contact_id = nudge_deal_get_contact_id (deal);
  if (contact_id > 0)
    contact = nudge_store_get_contact (store, contact_id, NULL);

  if (deal != NULL)
    g_string_append (body, nudge_deal_get_title (deal));
  if (contact != NULL)
    {
      const char *phone = nudge_contact_get_phone (contact);

      if (body->len > 0)
        g_string_append (body, " · ");
      g_string_append (body, nudge_contact_get_name (contact));
      if (phone != NULL && *phone != '\0')
        g_string_append_printf (body, ", %s", phone);
    }

  if (deal != NULL)
    activities = nudge_store_list_activities (store, NUDGE_ENTITY_DEAL, deal_id, NULL);
  else if (contact != NULL)
    activities = nudge_store_list_activities (store, NUDGE_ENTITY_CONTACT, contact_id, NULL);
  if (activities != NULL && activities->len > 0)
    {
      NudgeActivity *last = g_ptr_array_index (activities, 0);
      g_autofree char *ago = nudge_format_relative_day_in_sentence (nudge_activity_get_occurred_at (last), now);

      if (body->len > 0)
        g_string_append_c (body, '\n');
      /* Translators: the last interaction, e.g. "Last: Demo request, 3 days ago" */
      g_string_append_printf (body, _("Last: %s, %s"), nudge_activity_get_summary (last), ago);
    }

  /* From its start: a snoozed one that comes back is overdue since then. */
  when = nudge_notifier_format_due (nudge_occurrence_get_start (occ), nudge_occurrence_get_all_day (occ), now);
  if (body->len > 0)
    g_string_append_c (body, '\n');
  g_string_append (body, when);

  return g_string_free (body, FALSE);
}
