/* nudge-eml-drop.h — e-mails dropped on the window or a card are logged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-store.h"

G_BEGIN_DECLS

/* Files dropped on @overlay (.eml, mbox) are logged on a worker as
 * e-mail activities, on @deal_id and/or @contact_id when not 0, else on
 * the contacts their addresses belong to; a toast in @overlay says how
 * many. */
void        nudge_eml_drop_attach              (AdwToastOverlay  *overlay,
                                                NudgeStore       *store,
                                                gint64            deal_id,
                                                gint64            contact_id);
/* What a drop does, for tests: @done (may be NULL) runs when the toast
 * is up. */
void        nudge_eml_drop_files               (AdwToastOverlay  *overlay,
                                                NudgeStore       *store,
                                                GFile           **files,
                                                guint             n_files,
                                                gint64            deal_id,
                                                gint64            contact_id,
                                                GCallback         done,
                                                gpointer          done_data);
/* "Your e-mail addresses", for Preferences (the own-addresses key). */
GtkWidget  *nudge_eml_preferences_group_new    (GSettings        *settings);

G_END_DECLS
