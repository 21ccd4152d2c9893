/* nudge-test-ui.h — what the UI tests share: letting the main loop run,
 * finding widgets in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "nudge-context.h"

G_BEGIN_DECLS

typedef gboolean (*NudgeTestBusyFunc) (gpointer data);

void        nudge_test_spin        (guint      ms);
void        nudge_test_set_busy_check (NudgeTestBusyFunc func,
                                       gpointer          data);
GtkWidget  *nudge_test_find_widget (GtkWidget *widget,
                                    GType      type);
/* A context for @store (and @settings, or NULL) without services, to
 * hand straight to a view or window: its own reference is dropped when
 * the main loop next runs, so it lives as long as what took it. */
NudgeContext *nudge_test_context   (NudgeStore *store,
                                    GSettings  *settings);

G_END_DECLS
