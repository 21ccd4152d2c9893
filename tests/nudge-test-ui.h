/* nudge-test-ui.h — what the UI tests share: letting the main loop run,
 * finding widgets in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*NudgeTestBusyFunc) (gpointer data);

void        nudge_test_spin        (guint      ms);
void        nudge_test_set_busy_check (NudgeTestBusyFunc func,
                                       gpointer          data);
GtkWidget  *nudge_test_find_widget (GtkWidget *widget,
                                    GType      type);

G_END_DECLS
