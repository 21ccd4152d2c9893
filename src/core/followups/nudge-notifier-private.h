/* nudge-notifier-private.h — what the notifier's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-notifier.h"

G_BEGIN_DECLS

NudgeStore *_nudge_notifier_get_store (NudgeNotifier *self);

G_END_DECLS
