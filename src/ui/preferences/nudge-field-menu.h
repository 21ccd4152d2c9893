/* nudge-field-menu.h — Insert Field: a template's fields by name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A menu button offering the fields a template fills in (Contact,
 * Deal, …) by their translated names; the one chosen goes into
 * @target, a GtkEditable or a GtkTextView, at its cursor, in the
 * {contact} form stored. @target_label names @target for screen
 * readers ("Insert Field into Follow-up title"). @with_label shows
 * "Insert Field" beside the icon. Its action is "field.insert", with
 * the field's key. */
GtkWidget *nudge_field_menu_button_new (GtkWidget  *target,
                                        const char *target_label,
                                        gboolean    with_label);

/* The text of @target, a GtkEditable or a GtkTextView, as shown. */
char      *nudge_field_target_dup_text (GtkWidget  *target);
/* Shows @template in @target with its fields by name (‹contact›),
 * unless it has a ‹ or › of its own; _dup_template() gives back the
 * form stored ({contact}): the same when nothing was edited. */
void       nudge_field_target_set_template (GtkWidget  *target,
                                            const char *template);
char      *nudge_field_target_dup_template (GtkWidget  *target);

/* Checks the fields @target names whenever it changes: the first
 * field that is not one marks @target and its row as in error and
 * @error_label says so; @error_label hides again once none is left.
 * @label names @target in the message. */
void       nudge_field_check_on_change (GtkWidget  *target,
                                        GtkWidget  *marked,
                                        const char *label,
                                        GtkWidget  *error_label);
/* That check, now: a field shown (‹contac›) that is none is left as
 * typed by _dup_template(), and the store cannot tell it from text. */
gboolean   nudge_field_target_check    (GtkWidget  *target,
                                        GError    **error);

G_END_DECLS
