/* nudge-item-row.h — a list row that knows the item it shows
 *
 * Today's follow-ups and deals and the Calendar's agenda build their rows
 * from models; the row keeps its item (a NudgeOccurrence, a NudgeDeal)
 * for the actions and keys that act on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NUDGE_TYPE_ITEM_ROW (nudge_item_row_get_type ())

G_DECLARE_FINAL_TYPE (NudgeItemRow, nudge_item_row, NUDGE, ITEM_ROW, AdwActionRow)

GtkWidget *nudge_item_row_new      (gpointer      item);
void       nudge_row_set_subtitle      (AdwActionRow *row,
                                        const char   *markup);
gpointer   nudge_item_row_lookup   (GtkWidget    *row,
                                    GType         type);
GtkWidget *nudge_two_lines_new     (const char   *title,
                                    const char   *subtitle,
                                    GtkWidget   **title_label,
                                    GtkWidget   **subtitle_label);
char      *nudge_text_excerpt      (const char   *text,
                                    guint         max_chars,
                                    guint         max_lines);

G_END_DECLS
