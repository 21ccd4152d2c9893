/* nudge-merge-dialog.c
 *
 * The same person imported twice splits the story in two. The dialog
 * shows only the fields where the two records differ, one choice per
 * field, with the non-empty and the more recently edited value chosen
 * already, so a merge is usually one click. E-mails, phones, deals,
 * activities and follow-ups are not chosen: all of them are kept. Undo
 * in the toast puts both records back as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-dialogs.h"
#include "nudge-format.h"
#include "nudge-merge.h"
#include "nudge-merge-dialog.h"
#include "nudge-view-actions.h"
#include "nudge-window.h"

struct _NudgeMergeDialog
{
  AdwWindow             parent_instance;

  NudgeContext         *context;
  NudgeStore           *store;         /* the context's */
  NudgeEntity           entity;
  gint64                survivor;
  gint64                other;
  GPtrArray            *fields;        /* NudgeMergeField */
  GPtrArray            *other_checks;  /* GtkCheckButton, one per field */
  GtkWindow            *parent;        /* weak: where the toast or error goes */

  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *summary_group;
  GtkLabel             *summary_label;
};

G_DEFINE_FINAL_TYPE (NudgeMergeDialog, nudge_merge_dialog, ADW_TYPE_WINDOW)

static char *
record_name (NudgeStore  *store,
             NudgeEntity  entity,
             gint64       id)
{
  if (entity == NUDGE_ENTITY_CONTACT)
    {
      g_autoptr(NudgeContact) contact = nudge_store_get_contact (store, id, NULL);

      return g_strdup (contact != NULL ? nudge_contact_get_name (contact) : "");
    }
  else
    {
      g_autoptr(NudgeCompany) company = nudge_store_get_company (store, id, NULL);

      return g_strdup (company != NULL ? nudge_company_get_name (company) : "");
    }
}

/* What tells a record from another of the same name, in the order a
 * person knows them by (a contact's e-mail, phone or company; a
 * company's website, e-mail or phone), NULL when it has none; and the
 * day it came into the book, in @created. One read of the record. */
static char *
record_detail (NudgeStore  *store,
               NudgeEntity  entity,
               gint64       id,
               gint64      *created)
{
  g_autoptr(NudgeContact) contact = NULL;
  g_autoptr(NudgeCompany) company = NULL;
  const char *details[3] = { NULL, };

  *created = 0;
  if (entity == NUDGE_ENTITY_CONTACT && (contact = nudge_store_get_contact (store, id, NULL)) != NULL)
    {
      details[0] = nudge_contact_get_email (contact);
      details[1] = nudge_contact_get_phone (contact);
      details[2] = nudge_contact_get_company_name (contact);
      *created = nudge_contact_get_created_at (contact);
    }
  else if (entity == NUDGE_ENTITY_COMPANY && (company = nudge_store_get_company (store, id, NULL)) != NULL)
    {
      details[0] = nudge_company_get_website (company);
      details[1] = nudge_company_get_email (company);
      details[2] = nudge_company_get_phone (company);
      *created = nudge_company_get_created_at (company);
    }
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    if (details[i] != NULL && *details[i] != '\0')
      return g_strdup (details[i]);
  return NULL;
}

/* "added 2. 3. 2026", the day the record came into the book. */
static char *
added_on (gint64 created)
{
  g_autofree char *day = NULL;

  if (created <= 0)
    return NULL;
  day = nudge_format_date (created);
  /* Translators: when a record was added to the book; %s is a date */
  return g_strdup_printf (_("added %s"), day);
}

/* @name followed by @detail in brackets, when there is one. */
static void
add_detail (char       **name,
            const char  *detail)
{
  char *named;

  if (detail == NULL)
    return;
  /* Translators: a record's name, then what tells it from another of
   * the same name: an e-mail, a phone, a website or "added 2. 3. 2026" */
  named = g_strdup_printf (_("%s (%s)"), *name, detail);
  g_free (*name);
  *name = named;
}

/* A duplicate usually has the very name of the record it repeats, and
 * "From “Jan Novák”" under both choices would not say which is which:
 * then each name carries a detail of its own record, or, where those
 * are the same too, when the record was added. */
static void
tell_apart (NudgeMergeDialog  *self,
            char             **mine,
            char             **theirs)
{
  g_autofree char *mine_detail = NULL;
  g_autofree char *theirs_detail = NULL;
  gint64 mine_created, theirs_created;

  if (g_utf8_collate (*mine, *theirs) != 0)
    return;
  mine_detail = record_detail (self->store, self->entity, self->survivor, &mine_created);
  theirs_detail = record_detail (self->store, self->entity, self->other, &theirs_created);
  if (g_strcmp0 (mine_detail, theirs_detail) == 0)
    {
      g_free (mine_detail);
      g_free (theirs_detail);
      mine_detail = added_on (mine_created);
      theirs_detail = added_on (theirs_created);
    }
  add_detail (mine, mine_detail);
  add_detail (theirs, theirs_detail);
}

static GtkWidget *
add_choice (AdwPreferencesGroup *group,
            const char          *value,
            const char          *from,
            GtkCheckButton      *same_group,
            gboolean             active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *escaped = g_markup_escape_text (*value != '\0' ? value : _("(empty)"), -1);
  g_autofree char *escaped_from = g_markup_escape_text (from, -1);
  /* Translators: under a value in the merge dialog: whose it is */
  g_autofree char *subtitle = g_strdup_printf (_("From “%s”"), escaped_from);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (same_group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), same_group);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  *value != '\0' ? value : _("(empty)"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);
  return check;
}

static void
build_choices (NudgeMergeDialog *self)
{
  g_autofree char *mine = record_name (self->store, self->entity, self->survivor);
  g_autofree char *theirs = record_name (self->store, self->entity, self->other);
  g_autofree char *summary = NULL;

  tell_apart (self, &mine, &theirs);

  if (self->entity == NUDGE_ENTITY_CONTACT)
    summary = g_strdup_printf (_("“%s” and “%s” become one contact. Their deals, activities, follow-ups, "
                                 "e-mails, phones and notes are all kept."), mine, theirs);
  else
    summary = g_strdup_printf (_("“%s” and “%s” become one company. Their contacts, deals, activities "
                                 "and notes are all kept."), mine, theirs);
  if (self->fields->len > 0)
    {
      g_autofree char *more = g_strdup_printf ("%s %s", summary, _("Choose the value to keep where they differ."));

      gtk_label_set_text (self->summary_label, more);
    }
  else
    {
      g_autofree char *more = g_strdup_printf ("%s %s", summary, _("Their other details are the same."));

      gtk_label_set_text (self->summary_label, more);
    }

  for (guint i = 0; i < self->fields->len; i++)
    {
      NudgeMergeField *field = g_ptr_array_index (self->fields, i);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      GtkWidget *first;

      adw_preferences_group_set_title (group, field->label);
      first = add_choice (group, field->survivor_text, mine, NULL, !field->take_other);
      g_ptr_array_add (self->other_checks,
                       add_choice (group, field->other_text, theirs, GTK_CHECK_BUTTON (first), field->take_other));
      adw_preferences_page_add (self->page, group);
    }
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  NudgeMergeDialog *self = NUDGE_MERGE_DIALOG (widget);
  g_autoptr(GPtrArray) take = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  NudgeMergeUndo *result;
  AdwToast *toast;

  for (guint i = 0; i < self->fields->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->other_checks, i)))
      g_ptr_array_add (take, (gpointer) ((NudgeMergeField *) g_ptr_array_index (self->fields, i))->column);
  g_ptr_array_add (take, NULL);

  result = nudge_merge_records (self->store, self->entity, self->survivor, self->other,
                                (const char * const *) take->pdata, &error);
  if (result == NULL)
    {
      /* Nothing changed. Why may take sentences (notes too long together,
       * what to do about it): a dialog shows them all, where a toast cuts
       * them to one line. */
      g_debug ("Could not merge: %s", error->message);
      if (self->parent != NULL)
        nudge_error_dialog_present (self->parent, _("Not Merged"), error->message);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* Translators: a toast after two duplicates became one; %s is the name kept */
  message = g_strdup_printf (_("Merged into %s"), nudge_merge_undo_get_name (result));
  toast = adw_toast_new (message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  nudge_toast_set_store_undo (toast, self->store, (NudgeStoreUndoFunc) nudge_merge_undo, result,
                              (GDestroyNotify) nudge_merge_undo_free, "Could not undo the merge");
  if (NUDGE_IS_WINDOW (self->parent))
    nudge_window_add_toast (NUDGE_WINDOW (self->parent), toast);
  else
    g_object_unref (toast);  /* AdwToast is not floating */
  nudge_editor_close_saved (GTK_WINDOW (self));
}

static void
nudge_merge_dialog_dispose (GObject *object)
{
  NudgeMergeDialog *self = NUDGE_MERGE_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->other_checks, g_ptr_array_unref);
  g_clear_weak_pointer (&self->parent);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_MERGE_DIALOG);

  G_OBJECT_CLASS (nudge_merge_dialog_parent_class)->dispose (object);
}

static void
nudge_merge_dialog_class_init (NudgeMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_merge_dialog_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeMergeDialog, context),
                                          G_STRUCT_OFFSET (NudgeMergeDialog, store));

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/nudgecrm/Nudge/ui/nudge-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeMergeDialog, page);
  gtk_widget_class_bind_template_child (widget_class, NudgeMergeDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, NudgeMergeDialog, summary_label);
  gtk_widget_class_install_action (widget_class, "merge.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nudge_merge_dialog_init (NudgeMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->other_checks = g_ptr_array_new ();
}

NudgeMergeDialog *
nudge_merge_dialog_present (GtkWindow    *parent,
                            NudgeContext *context,
                            NudgeEntity   entity,
                            gint64        first_id,
                            gint64        second_id)
{
  g_autoptr(GError) error = NULL;
  NudgeMergeDialog *self;
  GPtrArray *fields;
  gint64 survivor = MIN (first_id, second_id);
  gint64 other = MAX (first_id, second_id);

  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  /* The one created first keeps its id, so links from elsewhere (an
   * exported calendar, a saved search) stay valid more often. */
  fields = nudge_merge_compare (nudge_context_get_store (context), entity, survivor, other, FALSE, &error);
  if (fields == NULL)
    {
      g_warning ("Cannot merge: %s", error->message);
      return NULL;
    }

  self = g_object_new (NUDGE_TYPE_MERGE_DIALOG, "context", context, NULL);
  self->entity = entity;
  self->survivor = survivor;
  self->other = other;
  self->fields = fields;
  if (entity == NUDGE_ENTITY_COMPANY)
    gtk_window_set_title (GTK_WINDOW (self), _("Merge Companies"));
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Merge Contacts"));
  g_set_weak_pointer (&self->parent, parent);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  build_choices (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
