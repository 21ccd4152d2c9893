/* nudge-ics-subscription.h — a calendar file kept up to date
 *
 * Calendar apps subscribe to a local .ics file; this object rewrites it
 * (atomically: temporary file + rename) shortly after every change in the
 * store, so a burst of edits costs one write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_ICS_SUBSCRIPTION_DELAY_MS 2000

#define NUDGE_TYPE_ICS_SUBSCRIPTION (nudge_ics_subscription_get_type ())

G_DECLARE_FINAL_TYPE (NudgeIcsSubscription, nudge_ics_subscription, NUDGE, ICS_SUBSCRIPTION, GObject)

/* Properties: "store" (construct-only), "path" (NULL or "" = off),
 * "delay-ms". Signal "written" (path) after each rewrite. */
NudgeIcsSubscription *nudge_ics_subscription_new      (NudgeStore           *store,
                                                       const char           *path);
const char           *nudge_ics_subscription_get_path (NudgeIcsSubscription *self);
/* Setting a path writes the file at once. */
void                  nudge_ics_subscription_set_path (NudgeIcsSubscription *self,
                                                       const char           *path);
void                  nudge_ics_subscription_set_delay_ms (NudgeIcsSubscription *self,
                                                       guint                 delay_ms);
/* Writes now (cancels a pending rewrite); FALSE with @error on failure. */
gboolean              nudge_ics_subscription_write_now (NudgeIcsSubscription *self,
                                                       GError              **error);
gboolean              nudge_ics_subscription_is_pending (NudgeIcsSubscription *self);
/* No more writes: a pending one is dropped, one under way cancelled.
 * For when the book closes; the object may live on a moment after. */
void                  nudge_ics_subscription_stop (NudgeIcsSubscription *self);

G_END_DECLS
