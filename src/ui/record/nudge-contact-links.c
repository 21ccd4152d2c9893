/* nudge-contact-links.c
 *
 * A salesperson clicks a phone number, talks, and comes back to Nudge
 * with the call already half forgotten. So a tel: or mailto: link opened
 * from a card is remembered, and when the window is active again the
 * toast asks "Log call with Jan Novák?": one click logs it (with Undo)
 * and asks for the next step, as Log Activity does. Each link is offered
 * once, and only if the user is back within two hours; after that the
 * call is better logged by hand with its real time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-contact-links"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-activity-log.h"
#include "nudge-clock.h"
#include "nudge-contact-links.h"
#include "nudge-followups.h"
#include "nudge-next-step-dialog.h"
#include "nudge-view-actions.h"


typedef struct
{
  NudgeContext    *context;
  NudgeStore      *store;     /* the context's */
  GtkWindow       *window;    /* weak */
  AdwToastOverlay *toasts;    /* weak */
  gint64           contact_id;
  gint64           deal_id;
  char            *kind;      /* "call" or "email" */
  char            *name;
  gint64           opened_at;
} PendingLink;

static void
pending_link_free (gpointer data)
{
  PendingLink *link = data;

  if (link == NULL)
    return;
  g_clear_object (&link->context);
  g_clear_weak_pointer (&link->window);
  g_clear_weak_pointer (&link->toasts);
  g_free (link->kind);
  g_free (link->name);
  g_free (link);
}

/* The link each watched window opened last (NULL once offered), until
 * the window is gone. */
static GHashTable *pending_links;

static void
window_gone (gpointer  data,
             GObject  *window)
{
  g_hash_table_remove (pending_links, window);
}

static void
log_clicked_cb (AdwToast    *toast,
                PendingLink *link)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  NudgeActivityLog *log;
  AdwToast *done;
  gboolean call = g_str_equal (link->kind, "call");

  /* Translators: the summary of a call or e-mail logged from the toast, e.g. "Call with Jan Novák" */
  summary = g_strdup_printf (call ? _("Call with %s") : _("E-mail to %s"), link->name);
  log = nudge_activity_log_add (link->store, link->deal_id, link->contact_id, link->kind, FALSE,
                                nudge_clock_now (), summary, &error);
  if (log == NULL)
    {
      g_warning ("Could not log the %s: %s", link->kind, error->message);
      if (link->toasts != NULL)
        nudge_toast_overlay_add (link->toasts, adw_toast_new (error->message));
      return;
    }

  done = adw_toast_new (call ? _("Call logged") : _("E-mail logged"));
  nudge_toast_set_store_undo (done, link->store, (NudgeStoreUndoFunc) nudge_activity_log_undo, log,
                              (GDestroyNotify) nudge_activity_log_free, "Could not undo the logged activity");
  if (link->toasts != NULL)
    nudge_toast_overlay_add (link->toasts, done);
  else
    g_object_unref (g_object_ref_sink (done));

  if (nudge_followups_needs_next_step (link->store, link->deal_id, link->deal_id > 0 ? 0 : link->contact_id))
    {
      nudge_next_step_dialog_present_for_record (link->window, link->context, link->deal_id, link->contact_id);
    }
}

/* Back in the window: the link opened last, if recent, is offered once. */
static void
window_active_cb (GtkWindow  *window,
                  GParamSpec *pspec,
                  gpointer    data)
{
  PendingLink *link;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!gtk_window_is_active (window) ||
      !g_hash_table_steal_extended (pending_links, window, NULL, (gpointer *) &link) || link == NULL)
    return;
  g_hash_table_insert (pending_links, window, NULL);
  if (link->toasts == NULL || nudge_clock_now () - link->opened_at > NUDGE_CONTACT_LINK_MAX_AGE)
    {
      pending_link_free (link);
      return;
    }

  title = g_strdup_printf (g_str_equal (link->kind, "call") ? _("Log call with %s?") : _("Log e-mail to %s?"),
                           link->name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Log"));
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (log_clicked_cb), link,
                         (GClosureNotify) (void (*) (void)) pending_link_free, 0);
  nudge_toast_overlay_add (link->toasts, toast);
}

gboolean
nudge_contact_links_remember (GtkWindow       *window,
                              AdwToastOverlay *toasts,
                              NudgeContext    *context,
                              gint64           contact_id,
                              gint64           deal_id,
                              const char      *uri)
{
  g_autoptr(NudgeContact) contact = NULL;
  PendingLink *link;
  const char *kind;

  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), FALSE);

  if (g_str_has_prefix (uri, "tel:"))
    kind = "call";
  else if (g_str_has_prefix (uri, "mailto:"))
    kind = "email";
  else
    return FALSE;
  if (contact_id <= 0 || !(contact = nudge_store_get_contact (nudge_context_get_store (context), contact_id, NULL)))
    return FALSE;

  link = g_new0 (PendingLink, 1);
  link->context = g_object_ref (context);
  link->store = nudge_context_get_store (context);
  g_set_weak_pointer (&link->window, window);
  g_set_weak_pointer (&link->toasts, toasts);
  link->contact_id = contact_id;
  link->deal_id = deal_id;
  link->kind = g_strdup (kind);
  link->name = g_strdup (nudge_contact_get_name (contact));
  link->opened_at = nudge_clock_now ();
  if (pending_links == NULL)
    pending_links = g_hash_table_new_full (NULL, NULL, NULL, pending_link_free);
  if (!g_hash_table_contains (pending_links, window))
    {
      g_signal_connect (window, "notify::is-active", G_CALLBACK (window_active_cb), NULL);
      g_object_weak_ref (G_OBJECT (window), window_gone, NULL);
    }
  /* A newer link replaces an older one: one question on return. */
  g_hash_table_insert (pending_links, window, link);
  return TRUE;
}

void
nudge_contact_links_open (GtkWindow       *window,
                          AdwToastOverlay *toasts,
                          NudgeContext    *context,
                          gint64           contact_id,
                          gint64           deal_id,
                          const char      *uri)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  nudge_contact_links_remember (window, toasts, context, contact_id, deal_id, uri);
  if (g_getenv ("NUDGE_NO_LAUNCH") == NULL)
    gtk_show_uri (window, uri, GDK_CURRENT_TIME);
}
