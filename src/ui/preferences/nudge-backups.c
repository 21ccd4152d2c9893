/* nudge-backups.c — the book's health and backups in the running app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-backups"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-accessible.h"
#include "nudge-backup.h"
#include "nudge-backups.h"
#include "nudge-dialogs.h"
#include "nudge-format.h"
#include "nudge-view-actions.h"
#include "nudge-worker.h"

typedef struct
{
  NudgeStore *store;
  char       *damage;        /* set when quick_check found a problem */
  char       *latest;        /* then: the latest backup that is whole */
} CheckData;

static void
check_data_free (gpointer data)
{
  CheckData *d = data;

  g_object_unref (d->store);
  g_free (d->damage);
  g_free (d->latest);
  g_free (d);
}

char *
nudge_backups_latest_good (const char *book_path)
{
  g_autoptr(GPtrArray) list = nudge_backup_list (book_path);

  /* Newest first; a copy that is itself damaged is no help. */
  for (guint i = 0; i < list->len; i++)
    {
      NudgeBackupInfo *info = g_ptr_array_index (list, i);

      if (nudge_backup_check_file (info->path, NULL))
        return g_strdup (info->path);
    }
  return NULL;
}

/* Runs on the worker, with its own connection. */
static gboolean
check_and_back_up (NudgeStore    *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  CheckData *d = data;
  g_autoptr(GError) local = NULL;

  if (!nudge_backup_check_store (store, TRUE, &local))
    {
      /* Busy (nudge-cli writing a long while): checked next time. */
      if (g_error_matches (local, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_LOCKED))
        g_message ("%s", local->message);
      else
        {
          d->damage = g_strdup (local->message);
          d->latest = nudge_backups_latest_good (nudge_store_get_path (store));
        }
      return TRUE;
    }
  if (!nudge_backup_daily (store, NULL, &local))
    g_warning ("Daily backup: %s", local->message);
  return TRUE;
}

/* A restore checks the copy (PRAGMA integrity_check), keeps the book it
 * replaces and copies: on a thread, as it takes seconds on a big book.
 * The task's data is the backup, or NULL for the latest that is whole;
 * its result the backup of the replaced book. */
static void
restore_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *book = nudge_store_get_path (source_object);
  const char *file = task_data;
  g_autofree char *latest = NULL;
  char *previous = NULL;
  GError *error = NULL;

  if (file == NULL && (file = latest = nudge_backups_latest_good (book)) == NULL)
    g_task_return_new_error (task, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND, "%s",
                             _("There is no backup of this book that can be read."));
  else if (!nudge_backup_restore (book, file, &previous, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, previous, g_free);
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) outer = data;
  NudgeStore *store = NUDGE_STORE (source);
  GError *error = NULL;
  char *previous = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  /* The book the store reads is another now: writable, and every view
   * reads it anew. */
  nudge_store_set_read_only (store, FALSE);
  nudge_store_notify_reset (store);
  g_task_return_pointer (outer, previous, g_free);
}

/**
 * nudge_backups_restore_async:
 * @store: the book's store
 * @file: (nullable): the backup to put in place of the book, or NULL for
 *   the latest one that is whole
 *
 * Puts @file in place of @store's book on a thread; the book it replaces
 * is kept as a backup. When it is done the store is writable again and
 * told to read everything anew, before @callback runs.
 */
void
nudge_backups_restore_async (NudgeStore          *store,
                             const char          *file,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *outer, *inner;

  g_return_if_fail (NUDGE_IS_STORE (store));

  outer = g_task_new (store, NULL, callback, user_data);
  g_task_set_source_tag (outer, nudge_backups_restore_async);
  inner = g_task_new (store, NULL, restored_cb, outer);
  g_task_set_task_data (inner, g_strdup (file), g_free);
  g_task_run_in_thread (inner, restore_in_thread);
  g_object_unref (inner);
}

/* Returns: whether the book was restored; @out_previous the path of the
 * backup of the book it replaced. */
gboolean
nudge_backups_restore_finish (NudgeStore    *store,
                              GAsyncResult  *result,
                              char         **out_previous,
                              GError       **error)
{
  g_autofree char *previous = NULL;
  GError *local = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  previous = g_task_propagate_pointer (G_TASK (result), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (out_previous != NULL)
    *out_previous = g_steal_pointer (&previous);
  return TRUE;
}

/* Whom a restore of the latest backup tells how it went. */
typedef struct
{
  GtkWindow *parent;
  GtkWidget *button;
} RestoreLatest;

static void
restore_latest_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  RestoreLatest *latest = data;
  g_autoptr(GError) error = NULL;

  if (latest->button != NULL)
    gtk_widget_set_sensitive (latest->button, TRUE);
  if (!nudge_backups_restore_finish (NUDGE_STORE (source), result, NULL, &error))
    nudge_error_dialog_present (latest->parent, _("The Backup Could Not Be Restored"), error->message);
  else if (latest->parent != NULL)
    nudge_view_show_toast (GTK_WIDGET (latest->parent), adw_toast_new (_("Backup restored")));
  g_clear_object (&latest->parent);
  g_clear_object (&latest->button);
  g_free (latest);
}

/**
 * nudge_backups_restore_latest:
 * @parent: (nullable): the window told the outcome: a toast, or a dialog
 *   saying why not
 * @store: the damaged book
 * @button: (nullable): what started it, insensitive until it is done
 *
 * Puts the latest backup that is whole in place of @store's book (the
 * damaged one is kept as a backup too) and lets it be written again.
 */
void
nudge_backups_restore_latest (GtkWindow  *parent,
                              NudgeStore *store,
                              GtkWidget  *button)
{
  RestoreLatest *latest;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (NUDGE_IS_STORE (store));

  latest = g_new0 (RestoreLatest, 1);
  g_set_object (&latest->parent, parent);
  g_set_object (&latest->button, button);
  if (button != NULL)
    gtk_widget_set_sensitive (button, FALSE);
  nudge_backups_restore_async (store, NULL, restore_latest_cb, latest);
}

static void
damaged_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     NudgeStore       *store)
{
  if (g_str_equal (response, "restore"))
    nudge_backups_restore_latest (gtk_window_get_transient_for (GTK_WINDOW (dialog)), store, NULL);
}

/* What SQLite found, for whoever is asked to help: under Details. */
static GtkWidget *
damage_details_new (const char *damage)
{
  GtkWidget *expander = gtk_expander_new_with_mnemonic (_("_Details"));
  GtkWidget *label = gtk_label_new (damage);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_expander_set_child (GTK_EXPANDER (expander), label);
  return expander;
}

static void
check_done (gpointer      owner,
            gpointer      data,
            const GError *error)
{
  GtkApplication *app = owner;
  CheckData *d = data;
  NudgeStore *store = d->store;
  const char *latest = d->latest;
  GtkWidget *dialog;

  if (error != NULL)
    {
      g_warning ("Checking the book: %s", error->message);
      return;
    }
  if (d->damage == NULL)
    return;

  /* Nothing more is written into a damaged book. */
  nudge_store_set_read_only (store, TRUE);
  dialog = adw_message_dialog_new (gtk_application_get_active_window (app), _("The Book Is Damaged"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s %s",
                                  _("Part of the book cannot be read."),
                                  latest != NULL
                                    ? _("Changes are not saved. Restore the latest backup to go on working; "
                                        "the damaged book is kept as a backup too.")
                                    : _("Changes are not saved, and there is no backup to restore."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), damage_details_new (d->damage));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (latest != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "restore", _("_Restore Latest Backup"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
    }
  gtk_window_set_application (GTK_WINDOW (dialog), app);
  g_signal_connect_object (dialog, "response", G_CALLBACK (damaged_response_cb), store, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
nudge_backups_start_check (GtkApplication *app,
                           NudgeStore     *store)
{
  CheckData *d;

  g_return_if_fail (GTK_IS_APPLICATION (app));
  g_return_if_fail (NUDGE_IS_STORE (store));

  d = g_new0 (CheckData, 1);
  d->store = g_object_ref (store);
  nudge_worker_run (store, check_and_back_up, d, check_data_free, NULL, check_done, app);
}

/* Preferences → Backups */

#define NUDGE_TYPE_BACKUPS_GROUP (nudge_backups_group_get_type ())
G_DECLARE_FINAL_TYPE (NudgeBackupsGroup, nudge_backups_group, NUDGE, BACKUPS_GROUP, AdwPreferencesGroup)

struct _NudgeBackupsGroup
{
  AdwPreferencesGroup  parent_instance;

  NudgeContext        *context;
  NudgeStore          *store;       /* the context's */
  GPtrArray           *rows;        /* one a backup, in list */

  GtkListBox          *list;
  GtkWidget           *empty_row;
};

G_DEFINE_FINAL_TYPE (NudgeBackupsGroup, nudge_backups_group, ADW_TYPE_PREFERENCES_GROUP)

static void fill (NudgeBackupsGroup *b);

static const char *
reason_label (const char *reason)
{
  if (g_str_equal (reason, "daily"))
    return _("Daily");
  if (g_str_equal (reason, "import"))
    return _("Before an import");
  if (g_str_equal (reason, "restore"))
    return _("Before a restore");
  return _("Made by hand");
}

/* What Undo restores: the book as it was before. */
typedef struct
{
  NudgeBackupsGroup *group;
  char              *previous;
} UndoRestore;

static void
undo_restore_free (gpointer data)
{
  UndoRestore *undo = data;

  g_object_unref (undo->group);
  g_free (undo->previous);
  g_free (undo);
}

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(NudgeBackupsGroup) b = data;
  g_autoptr(GError) error = NULL;

  if (!nudge_backups_restore_finish (NUDGE_STORE (source), result, NULL, &error))
    nudge_view_show_message (GTK_WIDGET (b), error->message);
  fill (b);
}

static void
undo_clicked_cb (AdwToast    *toast,
                 UndoRestore *undo)
{
  nudge_backups_restore_async (undo->group->store, undo->previous, undone_cb, g_object_ref (undo->group));
}

static void
restored_from_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(NudgeBackupsGroup) b = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  AdwToast *toast;

  gtk_widget_set_sensitive (GTK_WIDGET (b->list), TRUE);
  if (!nudge_backups_restore_finish (NUDGE_STORE (source), result, &previous, &error))
    {
      nudge_view_show_message (GTK_WIDGET (b), error->message);
      return;
    }
  toast = adw_toast_new (_("Backup restored"));
  if (previous != NULL)
    {
      UndoRestore *undo = g_new0 (UndoRestore, 1);

      undo->group = g_object_ref (b);
      undo->previous = g_steal_pointer (&previous);
      nudge_toast_set_undo (toast, G_CALLBACK (undo_clicked_cb), undo, undo_restore_free);
    }
  nudge_view_show_toast (GTK_WIDGET (b), toast);
  fill (b);
}

/* backups.restore, whose parameter is the backup's path. */
static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NudgeBackupsGroup *b = NUDGE_BACKUPS_GROUP (widget);

  /* One restore at a time. */
  gtk_widget_set_sensitive (GTK_WIDGET (b->list), FALSE);
  nudge_backups_restore_async (b->store, g_variant_get_string (parameter, NULL), restored_from_cb, g_object_ref (b));
}

static void
fill (NudgeBackupsGroup *b)
{
  g_autoptr(GPtrArray) list = nudge_backup_list (nudge_store_get_path (b->store));

  for (guint i = 0; i < b->rows->len; i++)
    gtk_list_box_remove (b->list, g_ptr_array_index (b->rows, i));
  g_ptr_array_set_size (b->rows, 0);

  gtk_widget_set_visible (b->empty_row, list->len == 0);
  for (guint i = 0; i < list->len; i++)
    {
      NudgeBackupInfo *info = g_ptr_array_index (list, i);
      g_autofree char *when = nudge_format_datetime (info->time);
      g_autofree char *size = g_format_size ((guint64) info->size);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", reason_label (info->reason), size);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));
      /* Translators: accessible name of a backup's Restore button, e.g. "Restore the backup of 3. 12. 2026 10:00" */
      g_autofree char *label = g_strdup_printf (_("Restore the backup of %s"), when);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      nudge_accessible_set_label (button, label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "backups.restore");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", info->path);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (b->list, row);
      g_ptr_array_add (b->rows, row);
    }
}

static void
nudge_backups_group_dispose (GObject *object)
{
  NudgeBackupsGroup *self = NUDGE_BACKUPS_GROUP (object);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_BACKUPS_GROUP);

  G_OBJECT_CLASS (nudge_backups_group_parent_class)->dispose (object);
}

static void
nudge_backups_group_constructed (GObject *object)
{
  NudgeBackupsGroup *self = NUDGE_BACKUPS_GROUP (object);

  G_OBJECT_CLASS (nudge_backups_group_parent_class)->constructed (object);

  g_assert (NUDGE_IS_CONTEXT (self->context));
  fill (self);
}

static void
nudge_backups_group_class_init (NudgeBackupsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nudge_backups_group_constructed;
  object_class->dispose = nudge_backups_group_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeBackupsGroup, context),
                                          G_STRUCT_OFFSET (NudgeBackupsGroup, store));

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-backups-group.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeBackupsGroup, list);
  gtk_widget_class_bind_template_child (widget_class, NudgeBackupsGroup, empty_row);

  gtk_widget_class_install_action (widget_class, "backups.restore", "s", restore_action);
}

static void
nudge_backups_group_init (NudgeBackupsGroup *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
nudge_backups_preferences_group_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_BACKUPS_GROUP, "context", context, NULL);
}
