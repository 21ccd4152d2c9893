/* nudge-dialogs.h — what the windows, dialogs and editors share
 *
 * The construct-only "context" property of a window that has no other,
 * the frame of an editor window (Cancel, Save, an error line, a page),
 * a question with Cancel and one answer, the callback a dialog answers
 * through, and combo rows that show their choices whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

/* Installs "context" as the only property of @klass (property id 1),
 * kept in the instance's NudgeContext pointer at @context_offset
 * (G_STRUCT_OFFSET) and, unless @store_offset is 0, its store in the
 * NudgeStore pointer there; @klass's dispose still clears both. */
void              nudge_dialogs_install_context_property (GObjectClass          *klass,
                                                          gsize                  context_offset,
                                                          gsize                  store_offset);

/* Adds an entry row titled @title holding @text to @group. */
GtkWidget        *nudge_editor_add_entry_row             (GtkWidget             *group,
                                                          const char            *title,
                                                          const char            *text);
/* An action row titled @title over @subtitle (or none) that passes its
 * activation to @suffix, a control centred at its end. */
GtkWidget        *nudge_suffix_row_new                   (const char            *title,
                                                          const char            *subtitle,
                                                          GtkWidget             *suffix);
/* The same with a spin button from 0 to @max, at @value, returned in
 * @spin. */
GtkWidget        *nudge_spin_row_new                     (const char            *title,
                                                          const char            *subtitle,
                                                          int                    max,
                                                          int                    value,
                                                          GtkWidget            **spin);
/* @row's choices whole, as long as they are in the user's language
 * ("Každý měsíc v tento den", "Automatycznie (Polska)"), on the row and
 * in its popover list, not cut at AdwComboRow's 20 letters; @row's model
 * is a GtkStringList. */
void              nudge_combo_row_show_whole_choices     (AdwComboRow           *row);
/* All the text of @view, to be freed. */
char             *nudge_editor_dup_text_view_text        (GtkTextView           *view);
/* The form stays open with what was typed; the error shows above it. */
void              nudge_editor_show_error                (GtkWidget             *error_label,
                                                          const GError          *error);

/* Closes an editor that has saved: hidden at once, so the next frame of
 * the window it is over shows the change without waiting for its widgets
 * to be torn down (10–50 ms), and destroyed after that frame. */
void              nudge_editor_close_saved               (GtkWindow             *editor);

/* What went wrong, over @parent, with a Close button. */
void              nudge_error_dialog_present             (GtkWindow             *parent,
                                                          const char            *heading,
                                                          const char            *message);

/* Called with the file picked in a chooser of nudge_file_chooser_new(). */
typedef void (*NudgeFileChosen) (gpointer  owner,
                                 GFile    *file);

GtkFileChooser   *nudge_file_chooser_new                 (GtkWindow             *parent,
                                                          const char            *title,
                                                          GtkFileChooserAction   action,
                                                          const char            *accept_label,
                                                          gpointer               owner,
                                                          NudgeFileChosen        chosen);

/* A message dialog on @parent with Cancel (also Escape) and @response
 * labelled @label in @appearance. */
AdwMessageDialog *nudge_question_dialog_new              (GtkWindow             *parent,
                                                          const char            *response,
                                                          const char            *label,
                                                          AdwResponseAppearance  appearance);

/* Whom a dialog answers: the caller's function, its data and how that
 * data is freed once the dialog is gone. */
typedef struct
{
  GCallback      func;
  gpointer       user_data;
  GDestroyNotify destroy;
} NudgeDialogReply;

/* A reply that lives as long as @dialog: when the dialog is gone,
 * @destroy frees @user_data. */
NudgeDialogReply *nudge_dialog_reply_new                 (AdwMessageDialog      *dialog,
                                                          GCallback              func,
                                                          gpointer               user_data,
                                                          GDestroyNotify         destroy);

G_END_DECLS
