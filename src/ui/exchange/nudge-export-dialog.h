/* nudge-export-dialog.h — Export Calendar… and the subscribed calendar file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_EXPORT_DIALOG (nudge_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NudgeExportDialog, nudge_export_dialog, NUDGE, EXPORT_DIALOG, AdwWindow)

NudgeExportDialog *nudge_export_dialog_present          (GtkWindow      *parent,
                                                         NudgeContext   *context);
/* Chosen options → export to @path (what the Export button does after the
 * file chooser); for tests. */
gboolean           nudge_export_dialog_export_to        (NudgeExportDialog *self,
                                                         const char        *path,
                                                         GError           **error);

/* Adds app.export-ics (for a NudgeApplication's context). */
void               nudge_export_dialog_add_app_action   (GtkApplication *app);
/* A preferences group: the subscribed calendar file, with a file chooser. */
GtkWidget         *nudge_export_subscription_group_new  (void);

G_END_DECLS
