/* nudge-notifier.c — reminders as desktop notifications (libnotify)
 *
 * Inside a sandbox (Flatpak) notifications go through the notification
 * portal. libnotify 0.8 can talk to it, but it names the buttons after its
 * own keys ("done") with no target, and the portal hands such a button
 * back only as an ActionInvoked signal to a process that still runs —
 * GNOME Shell drops every button that is not an app.* action. There the
 * notifier sends GNotifications instead: app.followup-done,
 * app.followup-snooze and app.open-followup with the follow-up id as
 * target, which the desktop activates over D-Bus
 * (org.freedesktop.Application.ActivateAction), starting the app with
 * --gapplication-service when it is not running, with no window needed.
 *
 * Done with the window closed leaves a question: "What is the next step
 * for …?", answered with Tomorrow, In 3 days or In a week — the words of
 * the app's own prompt — (app.next-step, no window) or, on the
 * notification itself, Pick a date… (app.next-step-pick,
 * which opens the app with the prompt). Three buttons and the default
 * action: GNOME Shell shows no more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-notifier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libnotify/notify.h>

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-notifier-private.h"

#define SUMMARY_ID 0

struct _NudgeNotifier
{
  GObject         parent_instance;

  NudgeStore     *store;
  NudgeScheduler *scheduler;
  GActionGroup   *actions;     /* weak */
  /* follow-up id (gint64 *) → NotifyNotification, or GNotification
   * through the portal */
  GHashTable     *shown;
  GHashTable     *pending;     /* fire key → NudgeOccurrence not shown yet */
  /* done follow-up id (gint64 *) → the "What is the next step?"
   * question, a NotifyNotification or a GNotification */
  GHashTable     *asked;
  guint           watch_id;    /* org.freedesktop.Notifications on the bus */
  gulong          fire_id;
  gulong          changed_id;
};

G_DEFINE_FINAL_TYPE (NudgeNotifier, nudge_notifier, G_TYPE_OBJECT)

typedef struct
{
  NudgeNotifier *self;
  gint64         id;
} ActionData;

/* libnotify's own test of whether it runs confined, with its override
 * variables (NOTIFY_IGNORE_PORTAL, NOTIFY_FORCE_PORTAL), so both agree on
 * the path the notifications take. The portal path needs the application
 * itself, registered on the bus, as @actions. */
static gboolean
uses_portal (NudgeNotifier *self)
{
  if (self->actions == NULL || !G_IS_APPLICATION (self->actions) ||
      !g_application_get_is_registered (G_APPLICATION (self->actions)))
    return FALSE;
  if (g_getenv ("NOTIFY_IGNORE_PORTAL") != NULL)
    return FALSE;
  return g_getenv ("NOTIFY_FORCE_PORTAL") != NULL ||
         g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/* The GNotification id: one per follow-up, so a re-fired reminder
 * replaces its notification. */
static char *
dup_portal_id (gint64 id)
{
  if (id == SUMMARY_ID)
    return g_strdup ("summary");
  return g_strdup_printf ("followup-%" G_GINT64_FORMAT, id);
}

static void
activate (NudgeNotifier *self,
          const char    *name,
          GVariant      *parameter)
{
  g_autoptr(GVariant) param = g_variant_ref_sink (parameter);

  if (self->actions != NULL && g_action_group_has_action (self->actions, name))
    g_action_group_activate_action (self->actions, name, param);
}

/* What a notification shown (a NotifyNotification, or a GNotification
 * for the portal) is about: its follow-up, the occurrence it shows and
 * the reminders it stands for. libnotify's and GIO's objects have no
 * room of their own: it rides on them. */
typedef struct
{
  gint64     followup_id;
  gint64     due;
  gboolean   has_due;
  GPtrArray *fire_keys;
} Notice;

static void
notice_free (gpointer data)
{
  Notice *notice = data;

  g_clear_pointer (&notice->fire_keys, g_ptr_array_unref);
  g_free (notice);
}

static Notice *
notice_of (gpointer n)
{
  Notice *notice = g_object_get_data (G_OBJECT (n), "nudge-notice");

  if (notice == NULL)
    {
      notice = g_new0 (Notice, 1);
      g_object_set_data_full (G_OBJECT (n), "nudge-notice", notice, notice_free);
    }
  return notice;
}

/* The occurrence @n shows: close_if_handled() closes it once the
 * follow-up has moved past it. */
static void
set_due (gpointer n,
         gint64   due)
{
  Notice *notice = notice_of (n);

  notice->due = due;
  notice->has_due = TRUE;
}

/* FALSE when @n was never given one */
static gboolean
get_due (gpointer  n,
         gint64   *out_due)
{
  Notice *notice = notice_of (n);

  if (!notice->has_due)
    return FALSE;
  *out_due = notice->due;
  return TRUE;
}

/* Remembers that @n shows the reminder of @occ: once the user closes
 * it or clicks it, that reminder is seen (mark_seen()). */
static void
add_fire_key (NotifyNotification *n,
              NudgeOccurrence    *occ)
{
  Notice *notice = notice_of (n);

  if (notice->fire_keys == NULL)
    notice->fire_keys = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (notice->fire_keys, nudge_scheduler_dup_fire_key (occ));
}

/* The user dismissed @n or clicked it (or it was closed as its
 * follow-up was handled): what it showed is not shown again at the next
 * start. Left unmarked (the app quit, GNOME Shell dropped it with the
 * app), it is. */
static void
mark_seen (NudgeNotifier      *self,
           NotifyNotification *n)
{
  g_autoptr(GPtrArray) keys = g_steal_pointer (&notice_of (n)->fire_keys);
  g_autoptr(GError) error = NULL;

  if (keys != NULL && self->scheduler != NULL && !nudge_scheduler_mark_seen (self->scheduler, keys, &error))
    g_warning ("Reminders: %s", error->message);
}

static void
action_cb (NotifyNotification *notification,
           char               *action,
           gpointer            user_data)
{
  ActionData *data = user_data;
  NudgeNotifier *self = data->self;
  gint64 id = data->id;

  mark_seen (self, notification);
  if (g_str_equal (action, "done"))
    activate (self, "followup-done", g_variant_new_int64 (id));
  else if (g_str_equal (action, "snooze-60"))
    activate (self, "followup-snooze", g_variant_new ("(xi)", id, 60));
  else if (g_str_equal (action, "snooze-tomorrow"))
    activate (self, "followup-snooze", g_variant_new ("(xi)", id, -1));
  else
    activate (self, "open-followup", g_variant_new_int64 (id));
}

static gboolean
unref_idle_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* A notification of follow-up @id, which @table holds until the server
 * closes it; @closed then lets it go (forget_closed()). */
static NotifyNotification *
add_notification (NudgeNotifier *self,
                  GHashTable    *table,
                  gint64         id,
                  const char    *category,
                  GCallback      closed)
{
  NotifyNotification *n = notify_notification_new ("", NULL, NULL);

  notice_of (n)->followup_id = id;
  notify_notification_set_app_name (n, _("Nudge"));
  notify_notification_set_hint_string (n, "desktop-entry", APPLICATION_ID);
  notify_notification_set_category (n, category);
  g_signal_connect_object (n, "closed", closed, self, 0);
  g_hash_table_insert (table, g_memdup2 (&id, sizeof id), n);
  return n;
}

/* @notification out of @table, unless a newer one of its follow-up took
 * its place there. */
static void
forget_closed (GHashTable         *table,
               NotifyNotification *notification)
{
  gint64 id = notice_of (notification)->followup_id;

  /* Dropped after the signal: the emitter still uses it. */
  if (g_hash_table_lookup (table, &id) == notification)
    {
      gpointer key = NULL;

      g_hash_table_steal_extended (table, &id, &key, NULL);
      g_free (key);
      g_idle_add_full (G_PRIORITY_DEFAULT, unref_idle_cb, notification, NULL);
    }
}

static void
closed_cb (NotifyNotification *notification,
           gpointer            user_data)
{
  NudgeNotifier *self = user_data;

  mark_seen (self, notification);
  forget_closed (self->shown, notification);
}

static NotifyNotification *
notification_for (NudgeNotifier *self,
                  gint64         id)
{
  NotifyNotification *n = g_hash_table_lookup (self->shown, &id);

  if (n != NULL)
    {
      notify_notification_clear_actions (n);
      return n;
    }
  return add_notification (self, self->shown, id, "x-nudge.reminder", G_CALLBACK (closed_cb));
}

static void
add_action (NudgeNotifier      *self,
            NotifyNotification *n,
            const char         *action,
            const char         *label,
            gint64              id)
{
  ActionData *data = g_new0 (ActionData, 1);

  data->self = self;
  data->id = id;
  notify_notification_add_action (n, action, label, action_cb, data, g_free);
}

static void
send_to_portal (NudgeNotifier *self,
                gint64         id,
                GNotification *notification)
{
  g_autofree char *portal_id = dup_portal_id (id);

  g_application_send_notification (G_APPLICATION (self->actions), portal_id, notification);
  g_hash_table_replace (self->shown, g_memdup2 (&id, sizeof id), g_object_ref (notification));
}

/* Open, Done, Snooze 1 hour and Tomorrow morning of follow-up @id. */
static void
add_portal_buttons (GNotification *n,
                    gint64         id)
{
  g_notification_set_default_action_and_target (n, "app.open-followup", "x", id);
  g_notification_add_button_with_target (n, _("Done"), "app.followup-done", "x", id);
  g_notification_add_button_with_target (n, nudge_followups_snooze_label (NUDGE_SNOOZE_1_HOUR),
                                         "app.followup-snooze", "(xi)", id, 60);
  g_notification_add_button_with_target (n, nudge_followups_snooze_label (NUDGE_SNOOZE_TOMORROW),
                                         "app.followup-snooze", "(xi)", id, -1);
}

static void
add_reminder_actions (NudgeNotifier      *self,
                      NotifyNotification *n,
                      gint64              id)
{
  add_action (self, n, "default", C_("action", "Open"), id);
  add_action (self, n, "done", _("Done"), id);
  add_action (self, n, "snooze-60", nudge_followups_snooze_label (NUDGE_SNOOZE_1_HOUR), id);
  add_action (self, n, "snooze-tomorrow", nudge_followups_snooze_label (NUDGE_SNOOZE_TOMORROW), id);
}

static void
show_one_in_portal (NudgeNotifier   *self,
                    NudgeOccurrence *occ)
{
  NudgeFollowup *followup = nudge_occurrence_get_followup (occ);
  gint64 id = nudge_followup_get_id (followup);
  g_autoptr(GNotification) n = g_notification_new (nudge_followup_get_title (followup));
  g_autofree char *body = nudge_notifier_dup_body (self, occ);
  int priority = nudge_followup_get_priority (followup);

  set_due (n, nudge_occurrence_get_due_at (occ));
  g_notification_set_body (n, body);
  g_notification_set_priority (n, priority >= 3 ? G_NOTIFICATION_PRIORITY_URGENT
                                  : priority == 1 ? G_NOTIFICATION_PRIORITY_LOW : G_NOTIFICATION_PRIORITY_NORMAL);
  add_portal_buttons (n, id);
  send_to_portal (self, id, n);
}

static gboolean
show_one (NudgeNotifier   *self,
          NudgeOccurrence *occ)
{
  NudgeFollowup *followup = nudge_occurrence_get_followup (occ);
  gint64 id = nudge_followup_get_id (followup);
  NotifyNotification *n = notification_for (self, id);
  g_autofree char *text = nudge_notifier_dup_body (self, occ);
  /* Servers read the body as markup: a "<b>" in a name stays text. */
  g_autofree char *body = g_markup_escape_text (text, -1);
  g_autoptr(GError) error = NULL;
  int priority = nudge_followup_get_priority (followup);

  set_due (n, nudge_occurrence_get_due_at (occ));
  notify_notification_update (n, nudge_followup_get_title (followup), body, APPLICATION_ID);
  notify_notification_set_urgency (n, priority >= 3 ? NOTIFY_URGENCY_CRITICAL
                                      : priority == 1 ? NOTIFY_URGENCY_LOW : NOTIFY_URGENCY_NORMAL);
  add_reminder_actions (self, n, id);
  if (!notify_notification_show (n, &error))
    {
      g_debug ("Reminders: cannot show a notification yet: %s", error->message);
      return FALSE;
    }
  add_fire_key (n, occ);
  return TRUE;
}

static gboolean
show_summary (NudgeNotifier *self,
              GPtrArray     *occs)
{
  NotifyNotification *n;
  g_autofree char *summary = NULL;
  GString *body = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GError) error = NULL;
  int hint = nudge_scheduler_get_overdue_hint (self->scheduler);
  guint n_overdue = hint >= 0 ? (guint) hint : nudge_followups_count_overdue (self->store);
  guint n_soon = 0;

  /* The number Today's Overdue section and the badge show (the reminders
   * in @occs leave out what was reminded of before and add what is due
   * within its lead time); the rest is due soon. */
  for (guint i = 0; i < occs->len; i++)
    n_soon += !nudge_occurrence_get_is_overdue (g_ptr_array_index (occs, i));
  if (n_overdue > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u follow-up is overdue",
                                            "%'u follow-ups are overdue", n_overdue),
                               n_overdue);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u follow-up is due soon",
                                            "%'u follow-ups are due soon", occs->len),
                               occs->len);
  for (guint i = 0; i < occs->len && i < 3; i++)
    {
      NudgeOccurrence *occ = g_ptr_array_index (occs, i);
      if (i > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, nudge_followup_get_title (nudge_occurrence_get_followup (occ)));
    }
  if (occs->len > 3)
    g_string_append (body, "\n…");
  if (n_overdue > 0 && n_soon > 0)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%'u more is due soon",
                                                 "%'u more are due soon", n_soon),
                              n_soon);
    }
  /* After a long absence: what the seller planned, and what rules did. */
  {
    guint n_rules = 0;

    for (guint i = 0; i < occs->len; i++)
      n_rules += g_strcmp0 (nudge_followup_get_origin (nudge_occurrence_get_followup (g_ptr_array_index (occs, i))),
                            "rule") == 0;
    if (n_rules > 0 && occs->len > 1)
      {
        g_autofree char *from_rules = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u from rules",
                                                                    "%'u from rules", n_rules), n_rules);
        g_autofree char *planned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u you planned",
                                                                 "%'u you planned", occs->len - n_rules),
                                                    occs->len - n_rules);

        g_string_append_c (body, '\n');
        /* Translators: "3 from rules, 5 you planned" */
        g_string_append_printf (body, _("%s, %s"), from_rules, planned);
      }
  }
  text = g_string_free (body, FALSE);
  escaped = g_markup_escape_text (text, -1);

  if (uses_portal (self))
    {
      g_autoptr(GNotification) portal_n = g_notification_new (summary);

      /* A GNotification body is plain text. */
      g_notification_set_body (portal_n, text);
      g_notification_set_default_action_and_target (portal_n, "app.open-followup", "x", (gint64) SUMMARY_ID);
      send_to_portal (self, SUMMARY_ID, portal_n);
      return TRUE;
    }

  n = notification_for (self, SUMMARY_ID);
  notify_notification_update (n, summary, escaped, APPLICATION_ID);
  notify_notification_set_urgency (n, NOTIFY_URGENCY_NORMAL);
  add_action (self, n, "default", _("Open Today"), SUMMARY_ID);
  if (!notify_notification_show (n, &error))
    {
      g_debug ("Reminders: cannot show a notification yet: %s", error->message);
      return FALSE;
    }
  for (guint i = 0; i < occs->len; i++)
    add_fire_key (n, g_ptr_array_index (occs, i));
  return TRUE;
}

static void
keep_pending (NudgeNotifier   *self,
              NudgeOccurrence *occ)
{
  g_hash_table_replace (self->pending, nudge_scheduler_dup_fire_key (occ), g_object_ref (occ));
}

static void
mark_delivered (NudgeNotifier *self,
                GPtrArray     *shown,
                gboolean       on_screen)
{
  g_autoptr(GError) error = NULL;

  if (shown->len == 0)
    return;
  for (guint i = 0; i < shown->len; i++)
    {
      g_autofree char *key = nudge_scheduler_dup_fire_key (g_ptr_array_index (shown, i));
      g_hash_table_remove (self->pending, key);
    }
  /* Not marked (the book is busy): shown again later, replacing the
   * notification already on screen. */
  if (!nudge_scheduler_mark_delivered (self->scheduler, shown, on_screen, &error))
    g_warning ("Reminders: %s", error->message);
}

/* Shows @occs and marks what the notification server accepted as
 * delivered; the rest waits for the server (see name_appeared_cb). */
static void
deliver (NudgeNotifier *self,
         GPtrArray     *occs,
         gboolean       summary)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean portal = uses_portal (self);

  /* The portal takes a notification without an answer (and runs with
   * the session): what is handed to it counts as shown, and stays on
   * screen after the app quits. A libnotify one goes with the app (GNOME
   * Shell drops a notification whose sender left): seen only once the
   * user closes it or clicks it (mark_seen()). */
  if (portal)
    {
      if (summary)
        show_summary (self, occs);
      else
        for (guint i = 0; i < occs->len; i++)
          show_one_in_portal (self, g_ptr_array_index (occs, i));
      for (guint i = 0; i < occs->len; i++)
        g_ptr_array_add (shown, g_object_ref (g_ptr_array_index (occs, i)));
      mark_delivered (self, shown, FALSE);
      return;
    }

  if (!notify_is_initted () && !notify_init (APPLICATION_ID))
    {
      for (guint i = 0; i < occs->len; i++)
        keep_pending (self, g_ptr_array_index (occs, i));
      return;
    }

  if (summary)
    {
      gboolean ok = show_summary (self, occs);

      for (guint i = 0; i < occs->len; i++)
        {
          NudgeOccurrence *occ = g_ptr_array_index (occs, i);

          if (ok)
            g_ptr_array_add (shown, g_object_ref (occ));
          else
            keep_pending (self, occ);
        }
    }
  else
    for (guint i = 0; i < occs->len; i++)
      {
        NudgeOccurrence *occ = g_ptr_array_index (occs, i);

        if (show_one (self, occ))
          g_ptr_array_add (shown, g_object_ref (occ));
        else
          keep_pending (self, occ);
      }
  mark_delivered (self, shown, TRUE);
}

static void
fire_cb (NudgeScheduler *scheduler,
         GPtrArray      *occs,
         gboolean        summary,
         NudgeNotifier  *self)
{
  deliver (self, occs, summary);
}

/* Done, snoozed, moved or deleted since it came due: nothing to remind of. */
static gboolean
occurrence_handled (NudgeNotifier   *self,
                    NudgeOccurrence *occ)
{
  gint64 id = nudge_followup_get_id (nudge_occurrence_get_followup (occ));
  g_autoptr(NudgeFollowup) followup = nudge_store_get_followup (self->store, id, NULL);
  gint64 due = nudge_occurrence_get_due_at (occ);
  const char *rrule = followup ? nudge_followup_get_rrule (followup) : NULL;

  return followup == NULL ||
         !g_str_equal (nudge_followup_get_status (followup), "open") ||
         nudge_followup_get_snoozed_until (followup) > MAX (due, nudge_clock_now ()) ||
         ((rrule == NULL || *rrule == '\0') && nudge_followup_get_next_at (followup) > due) ||
         nudge_scheduler_is_delivered (self->scheduler, occ);
}

/* A notification server (again) on the bus: what it missed is shown now,
 * once. */
static void
name_appeared_cb (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  NudgeNotifier *self = user_data;
  g_autoptr(GPtrArray) occs = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (!occurrence_handled (self, value))
        g_ptr_array_add (occs, g_object_ref (value));
      g_hash_table_iter_remove (&iter);
    }
  if (occs->len > 0)
    deliver (self, occs, occs->len > NUDGE_SCHEDULER_SUMMARY_THRESHOLD);
}

static void
close_if_handled (NudgeNotifier *self,
                  NudgeStore    *store,
                  gint64         id,
                  NudgeChange    change)
{
  GObject *n = g_hash_table_lookup (self->shown, &id);
  g_autoptr(NudgeFollowup) followup = NULL;
  gboolean handled;
  gint64 due = 0;

  if (n == NULL)
    return;
  followup = change == NUDGE_CHANGE_REMOVED ? NULL : nudge_store_get_followup (store, id, NULL);
  handled = followup == NULL ||
            !g_str_equal (nudge_followup_get_status (followup), "open") ||
            nudge_followup_get_snoozed_until (followup) > nudge_clock_now () ||
            (get_due (n, &due) && nudge_followup_get_next_at (followup) > due);
  if (handled)
    {
      g_object_ref (n);
      g_hash_table_remove (self->shown, &id);
      if (NOTIFY_IS_NOTIFICATION (n))
        notify_notification_close (NOTIFY_NOTIFICATION (n), NULL);
      else if (self->actions != NULL && G_IS_APPLICATION (self->actions))
        {
          g_autofree char *portal_id = dup_portal_id (id);

          g_application_withdraw_notification (G_APPLICATION (self->actions), portal_id);
        }
      g_object_unref (n);
    }
}

/* A question of the next step goes away once the deal (or contact) has
 * one, planned in the window, by nudge-cli or a rule. */
static void
withdraw_answered_questions (NudgeNotifier *self)
{
  g_autoptr(GArray) answered = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->asked);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!nudge_followups_needs_next_step_after (self->store, *(gint64 *) key))
      g_array_append_val (answered, *(gint64 *) key);
  for (guint i = 0; i < answered->len; i++)
    nudge_notifier_withdraw_next_step (self, g_array_index (answered, gint64, i));
}

/* A shown notification goes away once its follow-up is done, snoozed,
 * moved or deleted, here or elsewhere. Only the few shown ones are
 * looked at, however big the change. */
static void
store_changes_cb (NudgeStore     *store,
                  NudgeChangeSet *changes,
                  NudgeNotifier  *self)
{
  g_autoptr(GArray) ids = NULL;
  GHashTableIter iter;
  gpointer key;

  if (!nudge_change_set_touches (changes, NUDGE_ENTITY_FOLLOWUP))
    return;
  if (g_hash_table_size (self->asked) > 0)
    withdraw_answered_questions (self);
  if (g_hash_table_size (self->shown) == 0)
    return;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      NudgeChange change = NUDGE_CHANGE_UPDATED;

      if (id == SUMMARY_ID)
        continue;
      if (!nudge_change_set_is_all (changes, NUDGE_ENTITY_FOLLOWUP) &&
          !nudge_change_set_lookup (changes, NUDGE_ENTITY_FOLLOWUP, id, &change))
        continue;
      close_if_handled (self, store, id, change);
    }
}

/* With no window to say it in: the click's notification is gone, the
 * follow-up is still open and its reminder counts as delivered. It comes
 * back saying why, with its buttons, to try again. */
gboolean
nudge_notifier_show_failure (NudgeNotifier *self,
                             gint64         id,
                             const char    *summary,
                             const char    *message)
{
  g_autoptr(NudgeFollowup) followup = NULL;
  g_autofree char *escaped = NULL;
  NotifyNotification *n;
  gint64 next_at;

  g_return_val_if_fail (NUDGE_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (summary != NULL && message != NULL, FALSE);

  /* Closed by close_if_handled() once it is done, snoozed or moved. */
  followup = nudge_store_get_followup (self->store, id, NULL);
  next_at = followup != NULL ? nudge_followup_get_next_at (followup) : 0;

  if (uses_portal (self))
    {
      g_autoptr(GNotification) portal_n = g_notification_new (summary);

      set_due (portal_n, next_at);
      g_notification_set_body (portal_n, message);
      g_notification_set_priority (portal_n, G_NOTIFICATION_PRIORITY_HIGH);
      add_portal_buttons (portal_n, id);
      send_to_portal (self, id, portal_n);
      return TRUE;
    }

  if (!notify_is_initted () && !notify_init (APPLICATION_ID))
    return FALSE;
  n = notification_for (self, id);
  set_due (n, next_at);
  escaped = g_markup_escape_text (message, -1);
  notify_notification_update (n, summary, escaped, APPLICATION_ID);
  notify_notification_set_urgency (n, NOTIFY_URGENCY_CRITICAL);
  add_reminder_actions (self, n, id);
  return notify_notification_show (n, NULL);
}

/* ---- "What is the next step?" ----------------------------------------- */

static const struct
{
  const char *key;
  const char *label;
  int         days;
} next_step_buttons[] = {
  { "next-1", N_("Tomorrow"), 1 },
  { "next-3", N_("In 3 days"), 3 },
  { "next-7", N_("In a week"), 7 },
};

static char *
dup_next_step_portal_id (gint64 done_id)
{
  return g_strdup_printf ("next-step-%" G_GINT64_FORMAT, done_id);
}

static void
next_step_action_cb (NotifyNotification *notification,
                     char               *action,
                     gpointer            user_data)
{
  ActionData *data = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (next_step_buttons); i++)
    if (g_str_equal (action, next_step_buttons[i].key))
      {
        activate (data->self, "next-step", g_variant_new ("(xi)", data->id, next_step_buttons[i].days));
        return;
      }
  activate (data->self, "next-step-pick", g_variant_new_int64 (data->id));
}

static void
next_step_closed_cb (NotifyNotification *notification,
                     gpointer            user_data)
{
  NudgeNotifier *self = user_data;

  forget_closed (self->asked, notification);
}

/**
 * nudge_notifier_ask_next_step:
 * @self: the notifier
 * @done: the follow-up just completed from a notification
 *
 * With no window to ask in, asks "What is the next step for …?" in a
 * notification whose buttons plan it (app.next-step, (xi): @done's id and
 * 1, 3 or 7 days) and whose default action opens the prompt
 * (app.next-step-pick, x).
 *
 * Returns: whether the question was handed to the notification server
 */
gboolean
nudge_notifier_ask_next_step (NudgeNotifier *self,
                              NudgeFollowup *done)
{
  return nudge_notifier_ask_next_step_again (self, done, NULL);
}

/* The answer clicked (the question went away with it) was not saved:
 * the deal would be left without a next step. */
gboolean
nudge_notifier_ask_next_step_again (NudgeNotifier *self,
                                    NudgeFollowup *done,
                                    const char    *problem)
{
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeContact) contact = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  const char *context;
  NotifyNotification *n;

  g_return_val_if_fail (NUDGE_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (done), FALSE);

  id = nudge_followup_get_id (done);
  if (nudge_followup_get_deal_id (done) > 0)
    deal = nudge_store_get_deal (self->store, nudge_followup_get_deal_id (done), NULL);
  if (deal == NULL && nudge_followup_get_contact_id (done) > 0)
    contact = nudge_store_get_contact (self->store, nudge_followup_get_contact_id (done), NULL);
  context = deal != NULL ? nudge_deal_get_title (deal)
            : contact != NULL ? nudge_contact_get_name (contact) : nudge_followup_get_title (done);
  if (problem != NULL)
    /* Translators: %s is a deal or a contact */
    summary = g_strdup_printf (_("The next step for %s is not planned"), context);
  else
    /* Translators: %s is a deal or a contact */
    summary = g_strdup_printf (_("What is the next step for %s?"), context);
  /* Translators: %s is the follow-up just done */
  body = problem != NULL ? g_strdup (problem)
                         : g_strdup_printf (_("“%s” is done. Plan the next follow-up so it does not go cold."),
                                            nudge_followup_get_title (done));

  if (uses_portal (self))
    {
      g_autoptr(GNotification) portal_n = g_notification_new (summary);
      g_autofree char *portal_id = dup_next_step_portal_id (id);

      g_notification_set_body (portal_n, body);
      g_notification_set_default_action_and_target (portal_n, "app.next-step-pick", "x", id);
      for (guint i = 0; i < G_N_ELEMENTS (next_step_buttons); i++)
        g_notification_add_button_with_target (portal_n, _(next_step_buttons[i].label), "app.next-step",
                                               "(xi)", id, next_step_buttons[i].days);
      g_application_send_notification (G_APPLICATION (self->actions), portal_id, portal_n);
      g_hash_table_replace (self->asked, g_memdup2 (&id, sizeof id), g_object_ref (portal_n));
      return TRUE;
    }

  if (!notify_is_initted () && !notify_init (APPLICATION_ID))
    return FALSE;
  n = g_hash_table_lookup (self->asked, &id);
  if (n == NULL)
    n = add_notification (self, self->asked, id, "x-nudge.next-step", G_CALLBACK (next_step_closed_cb));
  else
    notify_notification_clear_actions (n);

  escaped = g_markup_escape_text (body, -1);
  notify_notification_update (n, summary, escaped, APPLICATION_ID);
  notify_notification_set_urgency (n, NOTIFY_URGENCY_NORMAL);
  {
    ActionData *data = g_new0 (ActionData, 1);

    data->self = self;
    data->id = id;
    notify_notification_add_action (n, "default", _("Pick a date…"), next_step_action_cb, data, g_free);
  }
  for (guint i = 0; i < G_N_ELEMENTS (next_step_buttons); i++)
    {
      ActionData *data = g_new0 (ActionData, 1);

      data->self = self;
      data->id = id;
      notify_notification_add_action (n, next_step_buttons[i].key, _(next_step_buttons[i].label),
                                      next_step_action_cb, data, g_free);
    }
  if (!notify_notification_show (n, &error))
    {
      g_debug ("Reminders: cannot ask for the next step: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * nudge_notifier_withdraw_next_step:
 * @self: the notifier
 * @done_id: the follow-up the question was about
 *
 * Takes the question away once it is answered, wherever.
 */
void
nudge_notifier_withdraw_next_step (NudgeNotifier *self,
                                   gint64         done_id)
{
  g_autoptr(GObject) n = NULL;
  gpointer key = NULL, value = NULL;

  g_return_if_fail (NUDGE_IS_NOTIFIER (self));

  if (!g_hash_table_steal_extended (self->asked, &done_id, &key, &value))
    return;
  g_free (key);
  n = value;
  if (NOTIFY_IS_NOTIFICATION (n))
    notify_notification_close (NOTIFY_NOTIFICATION (n), NULL);
  else if (self->actions != NULL && G_IS_APPLICATION (self->actions))
    {
      g_autofree char *portal_id = dup_next_step_portal_id (done_id);

      g_application_withdraw_notification (G_APPLICATION (self->actions), portal_id);
    }
}

guint
nudge_notifier_get_n_shown (NudgeNotifier *self)
{
  g_return_val_if_fail (NUDGE_IS_NOTIFIER (self), 0);
  return g_hash_table_size (self->shown);
}

NudgeStore *
_nudge_notifier_get_store (NudgeNotifier *self)
{
  return self->store;
}

static void
nudge_notifier_dispose (GObject *object)
{
  NudgeNotifier *self = NUDGE_NOTIFIER (object);

  if (self->scheduler != NULL)
    g_clear_signal_handler (&self->fire_id, self->scheduler);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->actions);
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->asked, g_hash_table_unref);

  G_OBJECT_CLASS (nudge_notifier_parent_class)->dispose (object);
}

static void
nudge_notifier_class_init (NudgeNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nudge_notifier_dispose;
}

static void
nudge_notifier_init (NudgeNotifier *self)
{
  self->shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->asked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

NudgeNotifier *
nudge_notifier_new (NudgeStore     *store,
                    NudgeScheduler *scheduler,
                    GActionGroup   *actions)
{
  NudgeNotifier *self;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (NUDGE_IS_SCHEDULER (scheduler), NULL);

  self = g_object_new (NUDGE_TYPE_NOTIFIER, NULL);
  self->store = g_object_ref (store);
  self->scheduler = g_object_ref (scheduler);
  g_set_weak_pointer (&self->actions, actions);
  nudge_scheduler_set_confirm_delivery (scheduler, TRUE);
  self->fire_id = g_signal_connect (scheduler, "fire", G_CALLBACK (fire_cb), self);
  self->watch_id = g_bus_watch_name (G_BUS_TYPE_SESSION, "org.freedesktop.Notifications",
                                     G_BUS_NAME_WATCHER_FLAGS_NONE,
                                     name_appeared_cb, NULL, self, NULL);
  self->changed_id = g_signal_connect (store, "changes", G_CALLBACK (store_changes_cb), self);
  return self;
}
