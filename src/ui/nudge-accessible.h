/* nudge-accessible.h — names for screen readers where GTK 4.8 gives none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       nudge_accessible_init      (void);
void       nudge_accessible_set_label (GtkWidget  *widget,
                                       const char *label);
void       nudge_accessible_name_rows (GtkWidget  *group,
                                       const char *label);
GtkWidget *nudge_icon_button_new      (const char *icon_name,
                                       const char *tooltip,
                                       const char *accessible_name);

G_END_DECLS
