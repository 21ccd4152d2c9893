/* nudge-cell-label.h — one line of text in a table's cell
 *
 * GTK 4.8's column view measures every cell of a column again whenever
 * one of its cells comes or goes: with GtkLabel, that is a Pango layout
 * built and shaped again for each of the two hundred rows a table keeps,
 * each time a few new rows come. A cell label measures its text once,
 * when the text or the font changes, and says the same afterwards.
 *
 * It draws its text on one line, ellipsized at the end when the column
 * is too narrow, and then shows the whole text as its tooltip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NUDGE_TYPE_CELL_LABEL (nudge_cell_label_get_type ())

G_DECLARE_FINAL_TYPE (NudgeCellLabel, nudge_cell_label, NUDGE, CELL_LABEL, GtkWidget)

GtkWidget  *nudge_cell_label_new            (void);
void        nudge_cell_label_set_text       (NudgeCellLabel *self,
                                             const char     *text);
const char *nudge_cell_label_get_text       (NudgeCellLabel *self);
/* Right-aligned, with figures of one width: amounts and counts. */
void        nudge_cell_label_set_numeric    (NudgeCellLabel *self,
                                             gboolean        numeric);
/* The one style class that marks the cell ("overdue", "dim-label"…), or
 * NULL for none. */
void        nudge_cell_label_set_style_class (NudgeCellLabel *self,
                                              const char     *style_class);
gboolean    nudge_cell_label_is_ellipsized  (NudgeCellLabel *self);

G_END_DECLS
