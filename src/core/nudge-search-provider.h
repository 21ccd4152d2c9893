/* nudge-search-provider.h — deals, contacts and companies in GNOME
 * Shell's search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_SEARCH_PROVIDER (nudge_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (NudgeSearchProvider, nudge_search_provider, NUDGE, SEARCH_PROVIDER, GObject)

/* The book to search, opened when the Shell first asks (a process started
 * by D-Bus activation has none yet). NULL when it cannot be opened. */
typedef NudgeStore *(*NudgeSearchProviderStoreFunc) (gpointer user_data);

NudgeSearchProvider *nudge_search_provider_new        (NudgeSearchProviderStoreFunc  get_store,
                                                       gpointer                      user_data);
gboolean             nudge_search_provider_register   (NudgeSearchProvider          *self,
                                                       GDBusConnection              *connection,
                                                       const char                   *object_path,
                                                       GError                      **error);
void                 nudge_search_provider_unregister (NudgeSearchProvider          *self);

G_END_DECLS
