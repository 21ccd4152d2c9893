/* nudge-view-actions.h — what the main views do alike after an action:
 * a toast in the window (with Undo), an error dialog, the parent window,
 * a widget inside another, the app's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-followups.h"
#include "nudge-followups-undo.h"
#include "nudge-store.h"

G_BEGIN_DECLS

GtkWindow *nudge_view_parent_window   (GtkWidget      *widget);
/* Whether @widget is the one sought; @data is the caller's. */
typedef gboolean (*NudgeWidgetMatch) (GtkWidget     *widget,
                                      gconstpointer  data);
GtkWidget *nudge_widget_find          (GtkWidget        *widget,
                                       NudgeWidgetMatch  match,
                                       gconstpointer     data);
void       nudge_view_show_toast      (GtkWidget      *widget,
                                       AdwToast       *toast);
void       nudge_view_show_message    (GtkWidget      *widget,
                                       const char     *message);
void       nudge_view_show_undo_error (GtkWidget      *widget,
                                       const GError   *error);
AdwToast  *nudge_view_nothing_to_undo (GtkWidget      *widget);
AdwToast  *nudge_view_undo_toast_new  (const char     *message,
                                       GCallback       undo_cb,
                                       gpointer        data,
                                       GDestroyNotify  destroy_data);
void       nudge_toast_set_undo       (AdwToast       *toast,
                                       GCallback       undo_cb,
                                       gpointer        data,
                                       GDestroyNotify  destroy_data);
/* Adds @toast (transfer full) to @overlay: let go only once it has slid
 * in (libadwaita 1.2), as every toast nudge_view_show_toast() shows. */
gboolean   nudge_toast_undo_last      (GtkWidget       *widget);
void       nudge_toast_overlay_add    (AdwToastOverlay *overlay,
                                       AdwToast        *toast);
/* A change of more rows than this is written on a worker: deleting or
 * restoring 10,000 rows costs 70-150 ms. */
#define NUDGE_VIEW_BULK_ROWS 500

/* Undoes a change the core made, with its record of the change. */
typedef gboolean (*NudgeStoreUndoFunc) (NudgeStore  *store,
                                        gpointer     undo,
                                        GError     **error);

void       nudge_toast_set_store_undo (AdwToast           *toast,
                                       NudgeStore         *store,
                                       NudgeStoreUndoFunc  func,
                                       gpointer            undo,
                                       GDestroyNotify      undo_free,
                                       const char         *failure);
void       nudge_view_show_store_undo (GtkWidget          *widget,
                                       const char         *message,
                                       NudgeStore         *store,
                                       NudgeStoreUndoFunc  func,
                                       gpointer            undo,
                                       GDestroyNotify      undo_free,
                                       guint               n_rows);
void       nudge_view_show_done_undo  (GtkWidget          *widget,
                                       const char         *title,
                                       NudgeStore         *store,
                                       NudgeStoreUndoFunc  func,
                                       gpointer            undo,
                                       GDestroyNotify      undo_free);
void       nudge_view_show_snoozed_undo (GtkWidget          *widget,
                                         gint64              until,
                                         NudgeStore         *store,
                                         NudgeFollowupsUndo *undo);
void       nudge_toast_set_undo_trash (AdwToast       *toast,
                                       NudgeStore     *store,
                                       NudgeEntity     entity,
                                       const gint64   *ids,
                                       guint           n_ids);
void       nudge_view_show_error      (GtkWidget      *widget,
                                       const char     *heading,
                                       const GError   *error);
GSettings *nudge_view_settings_new    (const char     *first_key,
                                       ...) G_GNUC_NULL_TERMINATED;
gint64     nudge_view_snooze_target   (GSettings         *settings,
                                       NudgeSnoozePreset  preset);

G_END_DECLS
