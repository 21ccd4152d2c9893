/* nudge-application-actions.c — the application's jump-list actions
 *
 * app.today, app.pipeline, app.list, app.calendar and app.insights raise
 * the main window on that view; app.new-deal, app.new-contact and
 * app.new-company open the empty form, app.new-followup one for the
 * record the user is on (see nudge_window_get_selected_record()). GNOME
 * activates them from the desktop file's actions over D-Bus, possibly in
 * a process it has just started with --gapplication-service, which has
 * neither a store nor a window yet: each action opens what it needs.
 *
 * app.followup-done, app.followup-snooze and app.open-followup are the
 * buttons of reminder notifications, app.next-step and app.next-step-pick
 * those of the question that follows Done (nudge-notifier.c); nudge-reminders.c
 * installs them once the store is open. Until then the ones here stand in
 * for them, so a button clicked after the app quit still reaches it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-application"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-application-private.h"
#include "nudge-followup-editor.h"
#include "nudge-record-editor.h"
#include "nudge-record-window.h"
#include "nudge-window.h"

/* A window for a New… form to belong to. From a shortcut it is the window
 * the user is in; from the jump list, with no window open, the main
 * window. Activation opens the store (or shows why it cannot) and the main
 * window, as a launch does. */
static GtkWindow *
ensure_window (NudgeApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (nudge_application_get_store (self) != NULL && window != NULL)
    return window;
  g_application_activate (G_APPLICATION (self));
  if (nudge_application_get_store (self) == NULL)
    return NULL;
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
view_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  NudgeApplication *self = user_data;

  if (nudge_application_get_store (self) == NULL)
    g_application_activate (G_APPLICATION (self));
  if (nudge_application_get_store (self) != NULL)
    nudge_application_present_main_window (self, g_action_get_name (G_ACTION (action)));
}

static void
new_record_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  NudgeApplication *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  GtkWindow *window = ensure_window (self);
  NudgeEntity entity;

  if (window == NULL)
    return;
  if (g_str_equal (name, "new-deal"))
    entity = NUDGE_ENTITY_DEAL;
  else if (g_str_equal (name, "new-contact"))
    entity = NUDGE_ENTITY_CONTACT;
  else
    entity = NUDGE_ENTITY_COMPANY;
  nudge_record_editor_present (window, nudge_application_get_context (self), entity, 0);
}

static void
new_followup_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  NudgeApplication *self = user_data;
  GtkWindow *window = ensure_window (self);
  NudgeEntity entity = 0;
  gint64 id = 0;

  if (window == NULL)
    return;
  /* For the record the user is on: the open record window, or what is
   * selected in the main window's view. */
  if (NUDGE_IS_RECORD_WINDOW (window))
    id = nudge_record_window_get_record (NUDGE_RECORD_WINDOW (window), &entity);
  else if (NUDGE_IS_WINDOW (window))
    id = nudge_window_get_selected_record (NUDGE_WINDOW (window), &entity);
  nudge_followup_editor_present (window, nudge_application_get_context (self), NULL, 0,
                                 entity == NUDGE_ENTITY_DEAL ? id : 0,
                                 entity == NUDGE_ENTITY_CONTACT ? id : 0);
}

/* Opens the store, which installs the reminder actions in place of these
 * stand-ins, and passes the activation on. Done and Snooze open no
 * window; a book that cannot be opened shows why, as a launch does. */
static void
reminder_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  NudgeApplication *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  g_autoptr(GError) error = NULL;
  GAction *installed;

  if (!_nudge_application_ensure_store (self, &error))
    {
      g_application_activate (G_APPLICATION (self));
      return;
    }
  installed = g_action_map_lookup_action (G_ACTION_MAP (self), name);
  if (installed != NULL && installed != G_ACTION (action))
    g_action_activate (installed, parameter);
}

static const GActionEntry reminder_actions[] = {
  { "followup-done", reminder_action, "x" },
  { "followup-snooze", reminder_action, "(xi)" },
  { "open-followup", reminder_action, "x" },
  { "next-step", reminder_action, "(xi)" },
  { "next-step-pick", reminder_action, "x" },
};

static const GActionEntry jump_list_actions[] = {
  { "today", view_action },
  { "pipeline", view_action },
  { "list", view_action },
  { "calendar", view_action },
  { "insights", view_action },
  { "new-deal", new_record_action },
  { "new-contact", new_record_action },
  { "new-company", new_record_action },
  { "new-followup", new_followup_action },
};

void
_nudge_application_actions_init (NudgeApplication *self)
{
  static const char *new_deal_accels[] = { "<Control>n", NULL };
  static const char *new_followup_accels[] = { "<Control><Shift>n", NULL };

  g_assert (NUDGE_IS_APPLICATION (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), jump_list_actions,
                                   G_N_ELEMENTS (jump_list_actions), self);
  g_action_map_add_action_entries (G_ACTION_MAP (self), reminder_actions,
                                   G_N_ELEMENTS (reminder_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-deal", new_deal_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-followup", new_followup_accels);
}
