/* nudge-contact-links.h — a call or e-mail started from Nudge, offered
 * for logging when the user comes back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

/* How long after opening a link coming back still means "I just called". */
#define NUDGE_CONTACT_LINK_MAX_AGE (2 * 60 * 60)

/* Opens a tel: or mailto: @uri for a contact (and the deal it was opened
 * from, or 0) and remembers it on @window; other links just open. When
 * NUDGE_NO_LAUNCH is set, the link is remembered but nothing is launched
 * (tests). */
void     nudge_contact_links_open     (GtkWindow       *window,
                                       AdwToastOverlay *toasts,
                                       NudgeContext    *context,
                                       gint64           contact_id,
                                       gint64           deal_id,
                                       const char      *uri);
/* What opening does before it launches: @window, once it is active
 * again within NUDGE_CONTACT_LINK_MAX_AGE, offers "Log call with …?" or
 * "Log e-mail to …?" in @toasts, once. FALSE for a link that is not
 * tel: or mailto:. */
gboolean nudge_contact_links_remember (GtkWindow       *window,
                                       AdwToastOverlay *toasts,
                                       NudgeContext    *context,
                                       gint64           contact_id,
                                       gint64           deal_id,
                                       const char      *uri);

G_END_DECLS
