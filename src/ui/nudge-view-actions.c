/* nudge-view-actions.c — what the main views do alike after an action:
 * a toast in the window (with Undo), an error dialog, the parent window,
 * the app's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-view"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-clock.h"
#include "nudge-dialogs.h"
#include "nudge-followup-settings.h"
#include "nudge-format.h"
#include "nudge-view-actions.h"
#include "nudge-worker.h"
#include "nudge-window.h"

/* The window a view's dialogs are transient for, if it has one yet. */
GtkWindow *
nudge_view_parent_window (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The first of @widget and the widgets inside it, depth first, that
 * @match takes; NULL when none is. */
GtkWidget *
nudge_widget_find (GtkWidget        *widget,
                   NudgeWidgetMatch  match,
                   gconstpointer     data)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (match != NULL, NULL);

  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = nudge_widget_find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The toast nudge_view_show_toast() showed last, while it lives. */
static AdwToast *last_shown_toast;

static void toast_guard (AdwToast *toast);
static void toast_shown_in (AdwToast *toast,
                            GtkRoot  *root);

/**
 * nudge_view_show_toast:
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the main window, the toast overlay or the Preferences
 * window that holds @widget; outside one the toast is dropped.
 */
void
nudge_view_show_toast (GtkWidget *widget,
                       AdwToast  *toast)
{
  GtkWidget *window;
  GtkWidget *overlay;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_set_weak_pointer (&last_shown_toast, toast);
  toast_guard (toast);
  window = gtk_widget_get_ancestor (widget, NUDGE_TYPE_WINDOW);
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  root = gtk_widget_get_root (widget);
  toast_shown_in (toast, root);
  if (window != NULL)
    nudge_window_add_toast (NUDGE_WINDOW (window), toast);
  else if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
  else
    g_object_unref (toast);  /* AdwToast is not floating */
}

void
nudge_view_show_message (GtkWidget  *widget,
                         const char *message)
{
  nudge_view_show_toast (widget, adw_toast_new (message));
}

/**
 * nudge_view_show_undo_error:
 * @error: why Undo could not be done
 *
 * Says in a toast beside @widget that an Undo failed, and why: the same
 * words wherever the change was made.
 */
void
nudge_view_show_undo_error (GtkWidget    *widget,
                             const GError *error)
{
  g_autofree char *message = NULL;

  g_return_if_fail (error != NULL);

  /* TRANSLATORS: %s says why, e.g. "The follow-up was changed since" */
  message = g_strdup_printf (_("Could not undo: %s"), error->message);
  nudge_view_show_message (widget, message);
}

/**
 * nudge_view_nothing_to_undo:
 *
 * Rings @widget's error bell: Ctrl+Z found no Undo on screen.
 *
 * Returns: (transfer full): a short toast that says so, for the caller's
 * window to show
 */
AdwToast *
nudge_view_nothing_to_undo (GtkWidget *widget)
{
  AdwToast *nothing = adw_toast_new (_("Nothing to undo"));

  adw_toast_set_timeout (nothing, 2);
  gtk_widget_error_bell (widget);
  return nothing;
}

/**
 * nudge_view_undo_toast_new:
 * @message: what was done
 * @undo_cb: called as the toast's "button-clicked" with @data
 * @data: what @undo_cb undoes, freed with @destroy_data with the toast
 *
 * Returns: (transfer floating): a toast with an Undo button that stays
 * ahead of the toasts that follow it
 */
AdwToast *
nudge_view_undo_toast_new (const char     *message,
                           GCallback       undo_cb,
                           gpointer        data,
                           GDestroyNotify  destroy_data)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  nudge_toast_set_undo (toast, undo_cb, data, destroy_data);
  return toast;
}

/* The toast the last nudge_view_show_store_undo() showed, until it is
 * dismissed, and the window it is in (compared, never used). */
static AdwToast *last_store_undo_toast;
static GtkRoot  *last_store_undo_root;

static void
forget_last_store_undo_cb (AdwToast *toast,
                           gpointer  data)
{
  if (last_store_undo_toast == toast)
    g_clear_weak_pointer (&last_store_undo_toast);
}

/* libadwaita 1.2 (Debian 12) slides a toast in over 0.5 s when it takes
 * the place of another, but frees its state when its 0.3 s hide ends:
 * dismissed within 0.2 s of appearing, the end of its slide-in reads
 * freed memory and the app crashes (adw-toast-overlay.c, show_done_cb),
 * or shows the toast it pushed aside again while that is still on its
 * way out (an assertion). A seller whose key repeats makes a toast a
 * change, each in the place of the last; a quick click on a toast's own
 * Undo or close button dismisses it too. So every toast the app shows
 * is let go only once it has slid in: a dismissal before then, whoever
 * asks, waits for it, with no button left to click meanwhile. */
#define TOAST_SLIDE_IN_USEC (700 * G_TIME_SPAN_MILLISECOND)

/* A toast shows when it is added, or, queued behind another or pushed
 * aside by one, when a toast before it goes. */
typedef struct
{
  gint64   shown_at;  /* monotonic µs: when it may have started to show */
  gboolean leaving;   /* dismissed: held until it has slid in, or gone */
  GtkRoot *root;      /* not held: the window it shows in, once added */
} ToastTimes;

static GHashTable *toast_times;  /* AdwToast → ToastTimes */

static void
forget_toast (gpointer  data,
              GObject  *toast)
{
  g_hash_table_remove (toast_times, toast);
}

/* The toast's own handler, the first, forgot its overlay at the held
 * dismissal (adw_toast_dismiss() does nothing now): the signal again. */
static gboolean
dismiss_cb (gpointer data)
{
  g_signal_emit_by_name (data, "dismissed");
  return G_SOURCE_REMOVE;
}

/* Runs before the toast overlay's handler (connected before the toast
 * is added), which it holds back while the toast slides in; so are the
 * handlers connected after it, such as the window's that forgets its
 * Undo toast (a toast with its button gone has no Undo). */
static void
toast_dismissed_early_cb (AdwToast *toast,
                          gpointer  data)
{
  ToastTimes *times = g_hash_table_lookup (toast_times, toast);
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  ToastTimes *other;
  gint64 wait_usec;

  if (times == NULL)
    return;
  times->leaving = TRUE;
  if ((wait_usec = times->shown_at + TOAST_SLIDE_IN_USEC - now) > 0)
    {
      g_signal_stop_emission_by_name (toast, "dismissed");
      /* Until then it says what was done, with no Undo to click twice. */
      adw_toast_set_button_label (toast, NULL);
      /* Rounded up: the timer comes when the slide-in is over. */
      g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) ((wait_usec + 999) / 1000),
                          dismiss_cb, g_object_ref (toast), g_object_unref);
      return;
    }
  /* It goes: a toast waiting behind it may slide in now. */
  g_hash_table_iter_init (&iter, toast_times);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &other))
    if (!other->leaving)
      other->shown_at = MAX (other->shown_at, now);
}

/* Notes that @toast shows from now on (see TOAST_SLIDE_IN_USEC). */
static void
toast_guard (AdwToast *toast)
{
  ToastTimes *times;

  if (toast_times == NULL)
    toast_times = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  if ((times = g_hash_table_lookup (toast_times, toast)) == NULL)
    {
      times = g_new0 (ToastTimes, 1);
      g_hash_table_insert (toast_times, toast, times);
      g_object_weak_ref (G_OBJECT (toast), forget_toast, NULL);
      g_signal_connect (toast, "dismissed", G_CALLBACK (toast_dismissed_early_cb), NULL);
    }
  times->shown_at = g_get_monotonic_time ();
  times->leaving = FALSE;
}

/* Notes the window @toast shows in, for nudge_toast_undo_last(). */
static void
toast_shown_in (AdwToast *toast,
                GtkRoot  *root)
{
  ToastTimes *times = g_hash_table_lookup (toast_times, toast);

  if (times != NULL)
    times->root = root;
}

/**
 * nudge_toast_overlay_add:
 * @toast: (transfer full): the toast
 *
 * Adds @toast to @overlay, to be let go only once it has slid in (see
 * TOAST_SLIDE_IN_USEC): for toasts in an overlay of their own, a record
 * window's, say; nudge_view_show_toast() finds the overlay itself.
 */
void
nudge_toast_overlay_add (AdwToastOverlay *overlay,
                         AdwToast        *toast)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  toast_guard (toast);
  toast_shown_in (toast, gtk_widget_get_root (GTK_WIDGET (overlay)));
  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * nudge_toast_undo_last:
 * @widget: a widget of the window Ctrl+Z was pressed in
 *
 * Takes the Undo of the last toast shown in @widget's window that still
 * offers one (not one on its way out, whose button may still be on
 * screen a moment).
 *
 * Returns: whether there was one
 */
gboolean
nudge_toast_undo_last (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(AdwToast) last = NULL;
  gint64 last_at = G_MININT64;
  GHashTableIter iter;
  gpointer toast;
  ToastTimes *times;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (toast_times == NULL || root == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, toast_times);
  while (g_hash_table_iter_next (&iter, &toast, (gpointer *) &times))
    if (times->root == root && !times->leaving && times->shown_at >= last_at &&
        g_strcmp0 (adw_toast_get_button_label (toast), _("_Undo")) == 0)
      {
        g_set_object (&last, toast);
        last_at = times->shown_at;
      }
  if (last == NULL)
    return FALSE;
  g_signal_emit_by_name (last, "button-clicked");
  adw_toast_dismiss (last);
  return TRUE;
}

/**
 * nudge_toast_set_undo:
 * @undo_cb: called as the toast's "button-clicked" with @data
 * @data: what @undo_cb undoes, freed with @destroy_data with the toast
 *
 * Gives @toast an Undo button.
 */
void
nudge_toast_set_undo (AdwToast       *toast,
                      GCallback       undo_cb,
                      gpointer        data,
                      GDestroyNotify  destroy_data)
{
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", undo_cb,
                         data, (GClosureNotify) (void (*) (void)) destroy_data, 0);
  toast_guard (toast);
}

/* What the Undo of nudge_toast_set_store_undo() holds. */
typedef struct
{
  NudgeStore         *store;
  NudgeStoreUndoFunc  func;
  gpointer            undo;
  GDestroyNotify      undo_free;
  const char         *failure;
  gboolean            on_worker;
  GtkWidget          *widget;     /* weak: where a failure is said */
} StoreUndo;

static void
store_undo_free (gpointer data)
{
  StoreUndo *undo = data;

  g_object_unref (undo->store);
  g_clear_weak_pointer (&undo->widget);
  if (undo->undo != NULL)
    undo->undo_free (undo->undo);
  g_free (undo);
}

static gboolean
store_undo_job (NudgeStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  StoreUndo *undo = data;

  return undo->func (store, undo->undo, error);
}

/* An Undo that cannot be done is said where the change was made, when
 * that is known (another program may have changed the rows since), and
 * logged otherwise. */
static void
store_undo_failed (StoreUndo    *undo,
                   const GError *error)
{
  if (undo->widget == NULL)
    g_warning ("%s: %s", undo->failure, error->message);
  else
    nudge_view_show_undo_error (undo->widget, error);
}

static void
store_undo_job_done (gpointer      owner,
                     gpointer      data,
                     const GError *error)
{
  StoreUndo *undo = data;

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    store_undo_failed (undo, error);
}

static void
store_undo_cb (AdwToast  *toast,
               StoreUndo *undo)
{
  g_autoptr(GError) error = NULL;

  /* A big undo is written on a worker; the rows come back as its
   * change set reaches the window. The toast, and the undo it holds,
   * may be gone by then: the job takes the undo over. */
  if (undo->on_worker && undo->undo != NULL)
    {
      StoreUndo *job = g_memdup2 (undo, sizeof *undo);

      g_object_ref (job->store);
      job->widget = NULL;
      g_set_weak_pointer (&job->widget, undo->widget);
      undo->undo = NULL;
      nudge_worker_run (undo->store, store_undo_job, job, store_undo_free, NULL,
                        store_undo_job_done, NULL);
      return;
    }
  if (undo->undo != NULL && !undo->func (undo->store, undo->undo, &error))
    store_undo_failed (undo, error);
  /* Once: the toast goes, and the record with it. */
  if (undo->undo != NULL)
    g_clear_pointer (&undo->undo, undo->undo_free);
}

/* A toast that gave way to another (or timed out) may still be on
 * screen while it slides away: its Undo no longer does anything. */
static void
store_undo_dismissed_cb (AdwToast  *toast,
                         StoreUndo *undo)
{
  if (undo->undo != NULL)
    g_clear_pointer (&undo->undo, undo->undo_free);
}

static void
set_store_undo (AdwToast           *toast,
                NudgeStore         *store,
                NudgeStoreUndoFunc  func,
                gpointer            undo,
                GDestroyNotify      undo_free,
                const char         *failure,
                gboolean            on_worker,
                GtkWidget          *widget)
{
  StoreUndo *store_undo = g_new0 (StoreUndo, 1);

  g_set_weak_pointer (&store_undo->widget, widget);
  store_undo->store = g_object_ref (store);
  store_undo->func = func;
  store_undo->undo = undo;
  store_undo->undo_free = undo_free;
  store_undo->failure = failure;
  store_undo->on_worker = on_worker;
  nudge_toast_set_undo (toast, G_CALLBACK (store_undo_cb), store_undo, store_undo_free);
  g_signal_connect (toast, "dismissed", G_CALLBACK (store_undo_dismissed_cb), store_undo);
}

/**
 * nudge_toast_set_store_undo:
 * @func: undoes the change with @undo, the core's record of it
 * @undo: (transfer full): freed with @undo_free with the toast
 * @failure: (not nullable): what the log says when @func fails, a static
 *   string
 *
 * Gives @toast an Undo button that calls @func on @store.
 */
void
nudge_toast_set_store_undo (AdwToast           *toast,
                            NudgeStore         *store,
                            NudgeStoreUndoFunc  func,
                            gpointer            undo,
                            GDestroyNotify      undo_free,
                            const char         *failure)
{
  g_return_if_fail (ADW_IS_TOAST (toast));
  g_return_if_fail (NUDGE_IS_STORE (store));

  set_store_undo (toast, store, func, undo, undo_free, failure, FALSE, NULL);
}

/**
 * nudge_view_show_store_undo:
 * @message: what was done
 * @func: undoes the change with @undo, the core's record of it
 * @undo: (transfer full): freed with @undo_free with the toast
 * @n_rows: how many rows Undo writes: more than NUDGE_VIEW_BULK_ROWS are
 *   written on a worker
 *
 * Shows @message in a toast whose Undo calls @func on @store. When that
 * fails (the rows were changed since), a toast beside @widget says why.
 * The last call's toast, while it is shown in the same window, says
 * this change instead (its time starts again, its Undo is this
 * change's): a seller going through a list undoes the last step, and
 * the toasts of twenty steps do not queue up behind it.
 */
void
nudge_view_show_store_undo (GtkWidget          *widget,
                            const char         *message,
                            NudgeStore         *store,
                            NudgeStoreUndoFunc  func,
                            gpointer            undo,
                            GDestroyNotify      undo_free,
                            guint               n_rows)
{
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (NUDGE_IS_STORE (store));

  /* The toast of the last change, still the last one shown in this
   * window, says this one: no toast slides in over another (see
   * TOAST_SLIDE_IN_USEC), and its time starts again. The last
   * change's Undo goes with its text. */
  if (last_store_undo_toast != NULL && last_store_undo_toast == last_shown_toast &&
      last_store_undo_root == gtk_widget_get_root (widget))
    {
      toast = g_object_ref (last_store_undo_toast);
      /* The dismissed handler's data is freed with the other's. */
      g_signal_handlers_disconnect_matched (toast, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, store_undo_dismissed_cb, NULL);
      g_signal_handlers_disconnect_matched (toast, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, store_undo_cb, NULL);
      adw_toast_set_title (toast, message);
    }
  else
    {
      if (last_store_undo_toast != NULL)
        adw_toast_dismiss (last_store_undo_toast);
      toast = adw_toast_new (message);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect (toast, "dismissed", G_CALLBACK (forget_last_store_undo_cb), NULL);
      g_set_weak_pointer (&last_store_undo_toast, toast);
      last_store_undo_root = gtk_widget_get_root (widget);
    }
  set_store_undo (toast, store, func, undo, undo_free, "Could not undo", n_rows > NUDGE_VIEW_BULK_ROWS, widget);
  /* Added again, a toast on show starts its time again. */
  nudge_view_show_toast (widget, toast);
}

/* A title longer than this is cut in a toast: the toast ellipsizes its
 * end, which would cut "done" off instead. */
#define DONE_TITLE_CHARS 40

/**
 * nudge_view_show_done_undo:
 * @title: the title of the follow-up that was done
 *
 * Shows "“@title” done" in a toast whose Undo calls @func on @store, as
 * nudge_view_show_store_undo() does: every place that marks a follow-up
 * done names it the same way, so that the Undo says what it takes back.
 */
void
nudge_view_show_done_undo (GtkWidget          *widget,
                           const char         *title,
                           NudgeStore         *store,
                           NudgeStoreUndoFunc  func,
                           gpointer            undo,
                           GDestroyNotify      undo_free)
{
  g_autofree char *cut = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (title != NULL);

  if (g_utf8_strlen (title, -1) > DONE_TITLE_CHARS)
    {
      g_autofree char *start = g_utf8_substring (title, 0, DONE_TITLE_CHARS - 1);

      cut = g_strconcat (start, "…", NULL);
    }
  /* A toast's title is markup: a title with "&" or "<" is shown as typed. */
  escaped = g_markup_escape_text (cut != NULL ? cut : title, -1);
  /* TRANSLATORS: a toast after a follow-up is marked done; %s is its
   * title ("Send the offer to James Smith"). It has an Undo button. */
  message = g_strdup_printf (_("“%s” done"), escaped);
  nudge_view_show_store_undo (widget, message, store, func, undo, undo_free, 1);
}

/**
 * nudge_view_show_snoozed_undo:
 * @until: when the follow-up is due again
 * @undo: (transfer full): the snooze's record
 *
 * Shows "Snoozed until …" in a toast whose Undo takes the snooze back,
 * as nudge_view_show_store_undo() does: a snooze says the same wherever
 * it was made.
 */
void
nudge_view_show_snoozed_undo (GtkWidget          *widget,
                              gint64              until,
                              NudgeStore         *store,
                              NudgeFollowupsUndo *undo)
{
  g_autofree char *when = nudge_format_until (until, nudge_clock_now ());
  g_autofree char *message = NULL;

  /* TRANSLATORS: %s is "until 14:30", "until tomorrow at 09:00", "until
   * Monday at 09:00" or "until 22.12.2026 09:00", each translated apart */
  message = g_strdup_printf (_("Snoozed %s"), when);
  nudge_view_show_store_undo (widget, message, store, (NudgeStoreUndoFunc) nudge_followups_undo, undo,
                              (GDestroyNotify) nudge_followups_undo_free, 1);
}

/* Records moved to the trash, for the Undo that brings them back. */
typedef struct
{
  NudgeEntity  entity;
  GArray      *ids;
} TrashedRecords;

static void
trashed_records_free (gpointer data)
{
  TrashedRecords *trashed = data;

  g_array_unref (trashed->ids);
  g_free (trashed);
}

static gboolean
restore_trashed (NudgeStore      *store,
                 gpointer         data,
                 GError         **error)
{
  TrashedRecords *trashed = data;

  return nudge_store_restore (store, trashed->entity, (const gint64 *) trashed->ids->data, trashed->ids->len, error);
}

/**
 * nudge_toast_set_undo_trash:
 * @ids: (array length=n_ids): the records of @entity just moved to the trash
 *
 * Gives @toast an Undo button that takes the records out of the trash.
 */
void
nudge_toast_set_undo_trash (AdwToast     *toast,
                            NudgeStore   *store,
                            NudgeEntity   entity,
                            const gint64 *ids,
                            guint         n_ids)
{
  TrashedRecords *trashed;

  g_return_if_fail (ADW_IS_TOAST (toast));
  g_return_if_fail (NUDGE_IS_STORE (store));

  trashed = g_new0 (TrashedRecords, 1);
  trashed->entity = entity;
  trashed->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (trashed->ids, ids, n_ids);
  set_store_undo (toast, store, restore_trashed, trashed, trashed_records_free,
                  "Could not restore deleted records", n_ids > NUDGE_VIEW_BULK_ROWS, NULL);
}

/* An action failed in a way the user should read: a dialog titled
 * @heading over the window, or a warning where there is no window. */
void
nudge_view_show_error (GtkWidget    *widget,
                       const char   *heading,
                       const GError *error)
{
  GtkWindow *window = nudge_view_parent_window (widget);

  if (window == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  nudge_error_dialog_present (window, heading, error->message);
}

/**
 * nudge_view_settings_new:
 * @first_key: a key the view reads, then more, then %NULL
 *
 * Returns: (transfer full) (nullable): the app's settings where its
 * compiled schema has every key; %NULL where a test or a tool runs
 * without it
 */
GSettings *
nudge_view_settings_new (const char *first_key,
                         ...)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  va_list keys;
  gboolean has_keys = TRUE;

  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)))
    return NULL;
  va_start (keys, first_key);
  for (const char *key = first_key; key != NULL && has_keys; key = va_arg (keys, const char *))
    has_keys = g_settings_schema_has_key (schema, key);
  va_end (keys);
  return has_keys ? g_settings_new (APPLICATION_ID) : NULL;
}

/**
 * nudge_view_snooze_target:
 * @settings: (nullable): the app's settings, or %NULL where they are
 *   not installed
 *
 * Returns: where @preset snoozes a follow-up from now: the seller's
 * morning (for Today's rows, the Calendar's and a reminder's alike),
 * whatever zone the follow-up keeps its time in
 */
gint64
nudge_view_snooze_target (GSettings         *settings,
                          NudgeSnoozePreset  preset)
{
  return nudge_followups_snooze_target (preset, nudge_clock_now (), NULL,
                                        nudge_followup_workday_start (settings),
                                        nudge_followup_skip_weekends (settings));
}
