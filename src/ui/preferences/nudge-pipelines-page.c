/* nudge-pipelines-page.c — preferences: pipelines, stages, lost reasons
 *
 * Create, rename, reorder and delete pipelines and stages (name,
 * probability, rotting limit, required fields, kind) and edit the list of
 * lost reasons. Deleting a stage that holds deals asks where they go.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-pipelines-page"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-accessible.h"
#include "nudge-dialogs.h"
#include "nudge-format.h"
#include "nudge-pipeline.h"
#include "nudge-pipelines-page.h"
#include "nudge-stage-undo.h"
#include "nudge-view-actions.h"
#include "nudge-worker.h"

struct _NudgePipelinesPage
{
  AdwPreferencesPage  parent_instance;

  NudgeContext       *context;
  NudgeStore         *store;      /* the context's */
  GPtrArray          *groups;     /* the stage groups shown now */
  GHashTable         *stage_rows; /* stage id → StageRow, as shown now */
  guint               rebuild_id;

  GtkWidget          *pipelines_list;
  GtkWidget          *new_pipeline_row;
  GtkWidget          *reasons_group;
  GtkWidget          *reasons_list;
  GtkWidget          *new_reason_row;
};

G_DEFINE_FINAL_TYPE (NudgePipelinesPage, nudge_pipelines_page, ADW_TYPE_PREFERENCES_PAGE)

/* A stage's row and its move buttons, to find again what had the focus
 * and which rows were open once the page is built anew. */
typedef struct
{
  GtkWidget *expander;
  GtkWidget *up;
  GtkWidget *down;
} StageRow;

typedef enum
{
  STAGE_FOCUS_NONE,
  STAGE_FOCUS_ROW,
  STAGE_FOCUS_UP,
  STAGE_FOCUS_DOWN,
} StageFocus;

static const struct
{
  NudgeRequiredFields  flag;
  const char          *label;
} required_checks[] = {
  { NUDGE_REQUIRED_AMOUNT,         N_("Amount") },
  { NUDGE_REQUIRED_EXPECTED_CLOSE, N_("Expected close date") },
  { NUDGE_REQUIRED_CONTACT,        N_("Contact") },
};

static const char *const kinds[] = { "open", "won", "lost" };

static void rebuild (NudgePipelinesPage *self);

static void
report (NudgePipelinesPage *self,
        const GError       *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (error == NULL)
    return;
  if (ADW_IS_PREFERENCES_WINDOW (root))
    nudge_view_show_message (GTK_WIDGET (self), error->message);
  else
    g_warning ("%s", error->message);
}

static gboolean
rebuild_cb (gpointer data)
{
  NudgePipelinesPage *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (NudgePipelinesPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
}

static NudgePipelinesPage *
row_page (GtkWidget *widget)
{
  return NUDGE_PIPELINES_PAGE (gtk_widget_get_ancestor (widget, NUDGE_TYPE_PIPELINES_PAGE));
}

static void
save_stage (GtkWidget  *widget,
            NudgeStage *stage)
{
  NudgePipelinesPage *self = row_page (widget);
  g_autoptr(GError) error = NULL;

  if (self && !nudge_stage_update (self->store, stage, &error))
    report (self, error);
}

/* The stages of @pipeline_id before a change is written, for its Undo;
 * NULL (said) when they cannot be read. */
static NudgeStageUndo *
stages_before (NudgePipelinesPage *self,
               gint64              pipeline_id)
{
  g_autoptr(GError) error = NULL;
  NudgeStageUndo *undo = nudge_stage_undo_new (self->store, pipeline_id, &error);

  report (self, error);
  return undo;
}

/* Once a change to the stages is written: @message in a toast whose
 * Undo puts them back as @undo (transfer full) holds them. */
static void
offer_stages_undo (NudgePipelinesPage *self,
                   NudgeStageUndo     *undo,
                   const char         *message)
{
  g_autoptr(NudgeStageUndo) owned = undo;
  g_autoptr(GError) error = NULL;
  guint n_rows;

  if (owned == NULL)
    return;
  if (!nudge_stage_undo_record_after (owned, self->store, &error))
    {
      report (self, error);
      return;
    }
  /* Many deals taken back are written on a worker: counted before the
   * undo is handed over. */
  n_rows = MAX (1, nudge_stage_undo_get_n_deals (owned));
  nudge_view_show_store_undo (GTK_WIDGET (self), message, self->store, nudge_stage_undo,
                              g_steal_pointer (&owned), (GDestroyNotify) nudge_stage_undo_free, n_rows);
}

/* ---- stage rows ------------------------------------------------------- */

static void
stage_name_apply_cb (AdwEntryRow *row,
                     NudgeStage  *stage)
{
  NudgePipelinesPage *self = row_page (GTK_WIDGET (row));
  g_autoptr(NudgeStageUndo) undo = stages_before (self, nudge_stage_get_pipeline_id (stage));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (row));

  g_object_set (stage, "name", name, NULL);
  if (!nudge_stage_update (self->store, stage, &error))
    {
      report (self, error);
      return;
    }
  /* Translators: %s is a stage's new name */
  message = g_strdup_printf (_("Stage renamed to “%s”"), name);
  offer_stages_undo (self, g_steal_pointer (&undo), message);
}

static void
set_stage_number (GtkSpinButton *spin,
                  NudgeStage    *stage,
                  const char    *property)
{
  g_object_set (stage, property, gtk_spin_button_get_value_as_int (spin), NULL);
  save_stage (GTK_WIDGET (spin), stage);
}

static void
stage_probability_cb (GtkSpinButton *spin,
                      NudgeStage    *stage)
{
  set_stage_number (spin, stage, "probability");
}

static void
stage_rotting_days_cb (GtkSpinButton *spin,
                       NudgeStage    *stage)
{
  set_stage_number (spin, stage, "rotting-days");
}

static void
stage_required_cb (GtkCheckButton *check,
                   NudgeStage     *stage)
{
  /* The checks stand side by side in the order of required_checks. */
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (check));
  GtkWidget *child = gtk_widget_get_first_child (box);
  NudgeRequiredFields fields = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; child != NULL && i < G_N_ELEMENTS (required_checks); i++, child = gtk_widget_get_next_sibling (child))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      fields |= required_checks[i].flag;
  text = nudge_required_fields_to_string (fields);
  g_object_set (stage, "required-fields", text, NULL);
  save_stage (GTK_WIDGET (check), stage);
}

static void
stage_kind_cb (AdwComboRow *row,
               GParamSpec  *pspec,
               NudgeStage  *stage)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected >= G_N_ELEMENTS (kinds) || g_strcmp0 (kinds[selected], nudge_stage_get_kind (stage)) == 0)
    return;
  g_object_set (stage, "kind", kinds[selected], NULL);
  save_stage (GTK_WIDGET (row), stage);
}

static void
move_stage (GtkButton  *button,
            NudgeStage *stage,
            int         direction)
{
  NudgePipelinesPage *self = row_page (GTK_WIDGET (button));
  g_autoptr(NudgeStageUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int position = nudge_stage_get_position (stage) + direction;

  if (position < 0)
    return;
  undo = stages_before (self, nudge_stage_get_pipeline_id (stage));
  if (!nudge_stage_reorder (self->store, nudge_stage_get_id (stage), position, &error))
    {
      report (self, error);
      return;
    }
  /* Translators: %s is a stage's name */
  message = g_strdup_printf (direction < 0 ? _("Stage “%s” moved up") : _("Stage “%s” moved down"),
                             nudge_stage_get_name (stage));
  offer_stages_undo (self, g_steal_pointer (&undo), message);
}

static void
stage_move_up_cb (GtkButton  *button,
                  NudgeStage *stage)
{
  move_stage (button, stage, -1);
}

static void
stage_move_down_cb (GtkButton  *button,
                    NudgeStage *stage)
{
  move_stage (button, stage, 1);
}

typedef struct
{
  NudgePipelinesPage *page;
  gint64              stage_id;
  char               *name;
  GArray             *targets;
  GtkWidget          *dropdown;
} DeleteRequest;

static void
delete_request_free (gpointer data)
{
  DeleteRequest *request = data;

  g_clear_object (&request->page);
  g_free (request->name);
  g_array_unref (request->targets);
  g_free (request);
}

static void
delete_request_closure_free (gpointer  data,
                             GClosure *closure)
{
  delete_request_free (data);
}

/* A stage deleted on a worker: a stage of a big book holds thousands of
 * deals, each moved and kept for Undo (a second on the main loop). */
typedef struct
{
  gint64          stage_id;
  gint64          target;
  char           *name;
  NudgeStageUndo *undo;
} StageDelete;

static void
stage_delete_free (gpointer data)
{
  StageDelete *d = data;

  g_clear_pointer (&d->undo, nudge_stage_undo_free);
  g_free (d->name);
  g_free (d);
}

static gboolean
stage_delete_job (NudgeStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  StageDelete *d = data;

  d->undo = nudge_stage_undo_delete_stage (store, d->stage_id, d->target, error);
  return d->undo != NULL;
}

static void
stage_delete_done (gpointer      owner,
                   gpointer      data,
                   const GError *error)
{
  NudgePipelinesPage *self = owner;
  StageDelete *d = data;
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      report (self, error);
      return;
    }
  /* Translators: %s is a stage's name */
  message = g_strdup_printf (_("Stage “%s” deleted"), d->name);
  offer_stages_undo (self, g_steal_pointer (&d->undo), message);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DeleteRequest    *request)
{
  StageDelete *d;
  gint64 target = 0;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (request->dropdown)
    {
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (request->dropdown));

      if (selected < request->targets->len)
        target = g_array_index (request->targets, gint64, selected);
    }
  /* Asked first, as its deals move; still taken back with Undo. */
  d = g_new0 (StageDelete, 1);
  d->stage_id = request->stage_id;
  d->target = target;
  d->name = g_strdup (request->name);
  nudge_worker_run (request->page->store, stage_delete_job, d, stage_delete_free, NULL,
                    stage_delete_done, G_OBJECT (request->page));
}

static void
stage_delete_cb (GtkButton  *button,
                 NudgeStage *stage)
{
  NudgePipelinesPage *self = row_page (GTK_WIDGET (button));
  DeleteRequest *request = g_new0 (DeleteRequest, 1);
  g_autoptr(GPtrArray) stages = nudge_store_list_stages (self->store, nudge_stage_get_pipeline_id (stage), NULL);
  guint deals = nudge_stage_count_deals (self->store, nudge_stage_get_id (stage));
  AdwMessageDialog *dialog = nudge_question_dialog_new (nudge_view_parent_window (GTK_WIDGET (self)), "delete", _("_Delete"),
                                                        ADW_RESPONSE_DESTRUCTIVE);

  request->page = g_object_ref (self);
  request->stage_id = nudge_stage_get_id (stage);
  request->name = g_strdup (nudge_stage_get_name (stage));
  request->targets = g_array_new (FALSE, FALSE, sizeof (gint64));

  adw_message_dialog_format_heading (dialog, _("Delete “%s”?"), nudge_stage_get_name (stage));
  if (deals > 0)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      for (guint i = 0; stages && i < stages->len; i++)
        {
          NudgeStage *other = g_ptr_array_index (stages, i);
          gint64 id = nudge_stage_get_id (other);

          if (id == request->stage_id)
            continue;
          g_array_append_val (request->targets, id);
          gtk_string_list_append (names, nudge_stage_get_name (other));
        }
      adw_message_dialog_format_body (dialog,
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   "It holds %u deal. Move it to:",
                                                   "It holds %u deals. Move them to:", deals),
                                      deals);
      request->dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      nudge_accessible_set_label (request->dropdown, _("Move deals to"));
      adw_message_dialog_set_extra_child (dialog, request->dropdown);
    }
  else
    adw_message_dialog_set_body (dialog, _("The stage holds no deals."));
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb), request,
                         delete_request_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
spin_row (const char *title,
          const char *subtitle,
          int         value,
          int         max,
          GCallback   changed,
          NudgeStage *stage)
{
  GtkWidget *spin;
  GtkWidget *row = nudge_spin_row_new (title, subtitle, max, value, &spin);

  g_signal_connect_object (spin, "value-changed", changed, stage, 0);
  return row;
}

/* A flat button named by its tooltip; @destroy frees @data with it. */
static GtkWidget *
icon_button (const char     *icon,
             const char     *tooltip,
             GCallback       callback,
             gpointer        data,
             GClosureNotify  destroy)
{
  GtkWidget *button = nudge_icon_button_new (icon, tooltip, NULL);

  g_signal_connect_data (button, "clicked", callback, data, destroy, 0);
  return button;
}

/* A stage's button: the tooltip says what it does, a screen reader to
 * which stage (@spoken, with the stage's name), since every stage has one. */
static GtkWidget *
stage_button (const char *icon,
              const char *tooltip,
              const char *spoken,
              NudgeStage *stage,
              GCallback   callback)
{
  GtkWidget *button = icon_button (icon, tooltip, callback, g_object_ref (stage), (GClosureNotify) g_object_unref);
  g_autofree char *says = g_strdup_printf (spoken, nudge_stage_get_name (stage));

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, says, -1);
  return button;
}

/* @first and @last: the pipeline's first stage cannot move up, nor its
 * last down, and their buttons say so by being greyed out. */
static GtkWidget *
stage_row (NudgePipelinesPage *self,
           NudgeStage         *stage,
           gboolean            first,
           gboolean            last)
{
  StageRow *shown = g_new0 (StageRow, 1);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *up;
  GtkWidget *down;
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *required = adw_action_row_new ();
  GtkWidget *checks_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *kind = adw_combo_row_new ();
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *percent = NULL;
  NudgeRequiredFields fields = 0;

  nudge_required_fields_parse (nudge_stage_get_required_fields (stage), &fields, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), nudge_stage_get_name (stage));
  percent = nudge_format_percent (nudge_stage_get_probability (stage));
  if (nudge_stage_get_rotting_days (stage) > 0)
    /* Translators: a stage's win probability ("60%"), then its rotting time */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · rots after %d idle day",
                                             "%s · rots after %d idle days", nudge_stage_get_rotting_days (stage)),
                                percent, nudge_stage_get_rotting_days (stage));
  else
    /* Translators: a stage's win probability ("60%") */
    subtitle = g_strdup_printf (_("%s · never rots"), percent);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  /* Actions are prepended: added right to left. */
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                               /* Translators: %s is a stage's name */
                               stage_button ("user-trash-symbolic", _("Delete stage"), _("Delete stage “%s”"), stage,
                                             G_CALLBACK (stage_delete_cb)));
  /* Translators: %s is a stage's name */
  down = stage_button ("go-down-symbolic", _("Move down"), _("Move stage “%s” down"), stage,
                       G_CALLBACK (stage_move_down_cb));
  gtk_widget_set_sensitive (down, !last);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), down);
  /* Translators: %s is a stage's name */
  up = stage_button ("go-up-symbolic", _("Move up"), _("Move stage “%s” up"), stage,
                     G_CALLBACK (stage_move_up_cb));
  gtk_widget_set_sensitive (up, !first);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), up);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (name), nudge_stage_get_name (stage));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name), TRUE);
  g_signal_connect_object (name, "apply", G_CALLBACK (stage_name_apply_cb), stage, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), name);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            spin_row (_("Probability"), _("Percent chance of winning from this stage"),
                                      nudge_stage_get_probability (stage), 100,
                                      G_CALLBACK (stage_probability_cb), stage));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            spin_row (_("Rotting limit"), _("Idle days before a deal is marked (0: never)"),
                                      nudge_stage_get_rotting_days (stage), 365,
                                      G_CALLBACK (stage_rotting_days_cb), stage));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (required), _("Required fields"));
  for (guint i = 0; i < G_N_ELEMENTS (required_checks); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (_(required_checks[i].label));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (fields & required_checks[i].flag) != 0);
      g_signal_connect_object (check, "toggled", G_CALLBACK (stage_required_cb), stage, 0);
      gtk_box_append (GTK_BOX (checks_box), check);
    }
  gtk_widget_set_valign (checks_box, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (required), checks_box);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), required);

  gtk_string_list_append (kind_names, C_("stage kind", "Open"));
  gtk_string_list_append (kind_names, C_("stage kind", "Won"));
  gtk_string_list_append (kind_names, C_("stage kind", "Lost"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kind_names));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i], nudge_stage_get_kind (stage)) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (kind), i);
  g_signal_connect_object (kind, "notify::selected", G_CALLBACK (stage_kind_cb), stage, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), kind);

  shown->expander = expander;
  shown->up = up;
  shown->down = down;
  g_hash_table_insert (self->stage_rows, g_memdup2 (&(gint64) { nudge_stage_get_id (stage) }, sizeof (gint64)), shown);
  return expander;
}

/* ---- pipelines -------------------------------------------------------- */

static void
pipeline_rename_cb (AdwEntryRow *row,
                    gpointer     pipeline_id)
{
  NudgePipelinesPage *self = row_page (GTK_WIDGET (row));
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (pipeline_id);

  if (!nudge_pipeline_rename (self->store, id, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    report (self, error);
}

static void
pipeline_delete_cb (GtkButton *button,
                    gpointer   pipeline_id)
{
  NudgePipelinesPage *self = row_page (GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 id = GPOINTER_TO_SIZE (pipeline_id);
  NudgeStageUndo *undo;

  if (!(undo = nudge_stage_undo_delete_pipeline (self->store, id, &error)))
    {
      report (self, error);
      return;
    }
  /* Translators: %s is a pipeline's name */
  message = g_strdup_printf (_("Pipeline “%s” deleted"), nudge_stage_undo_get_pipeline_name (undo));
  offer_stages_undo (self, undo, message);
}

static void
pipeline_add_cb (NudgePipelinesPage *self,
                 AdwEntryRow        *row)
{
  g_autoptr(GError) error = NULL;

  if (!nudge_pipeline_create (self->store, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    report (self, error);
}

static void
stage_add_cb (AdwEntryRow *row,
              gpointer     pipeline_id)
{
  NudgePipelinesPage *self = row_page (GTK_WIDGET (row));
  gint64 id = GPOINTER_TO_SIZE (pipeline_id);
  g_autoptr(NudgeStageUndo) undo = stages_before (self, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!nudge_stage_create (self->store, id, name, -1, &error))
    {
      report (self, error);
      return;
    }
  /* Translators: %s is the new stage's name */
  message = g_strdup_printf (_("Stage “%s” added"), name);
  offer_stages_undo (self, g_steal_pointer (&undo), message);
}

static void
reason_add_cb (NudgePipelinesPage *self,
               AdwEntryRow        *row)
{
  g_autoptr(GError) error = NULL;

  if (!nudge_lost_reason_add (self->store, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    report (self, error);
  queue_rebuild (self);
}

static void
reason_remove_cb (GtkButton  *button,
                  const char *reason)
{
  NudgePipelinesPage *self = row_page (GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;

  if (!nudge_lost_reason_remove (self->store, reason, &error))
    report (self, error);
  queue_rebuild (self);
}

/* An entry row whose Apply calls @callback with @pipeline_id */
static GtkWidget *
apply_row (const char *title,
           GCallback   callback,
           gint64      pipeline_id)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", callback, GSIZE_TO_POINTER ((gsize) pipeline_id));
  return row;
}

/* Takes out the rows made from the book, which stand before @keep. */
static void
clear_rows (GtkWidget *list,
            GtkWidget *keep)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (list)) != keep)
    gtk_list_box_remove (GTK_LIST_BOX (list), row);
}

static GtkWidget *
pipeline_row (NudgeStage *pipeline)
{
  gsize id = nudge_stage_get_id (pipeline);
  GtkWidget *row = apply_row (_("Name"), G_CALLBACK (pipeline_rename_cb), id);

  gtk_editable_set_text (GTK_EDITABLE (row), nudge_stage_get_name (pipeline));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                            icon_button ("user-trash-symbolic", _("Delete pipeline"),
                                         G_CALLBACK (pipeline_delete_cb), GSIZE_TO_POINTER (id), NULL));
  return row;
}

static GtkWidget *
reason_row (const char *reason)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("user-trash-symbolic", _("Remove reason"), G_CALLBACK (reason_remove_cb),
                                          g_strdup (reason), (GClosureNotify) g_free));
  return row;
}

static GtkWidget *
stages_group (NudgePipelinesPage *self,
              NudgeStage         *pipeline)
{
  g_autoptr(GPtrArray) stages = nudge_store_list_stages (self->store, nudge_stage_get_id (pipeline), NULL);
  g_autofree char *title = g_strdup_printf (_("Stages of %s"), nudge_stage_get_name (pipeline));
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (guint j = 0; stages && j < stages->len; j++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               stage_row (self, g_ptr_array_index (stages, j), j == 0, j + 1 == stages->len));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             apply_row (_("New stage"), G_CALLBACK (stage_add_cb), nudge_stage_get_id (pipeline)));
  return group;
}

/* Which stage row (@out_focus: or which of its move buttons) has the
 * keyboard focus, and the ids of the rows open now. */
static gint64
stage_rows_state (NudgePipelinesPage *self,
                  StageFocus         *out_focus,
                  GArray             *expanded)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 focused = 0;

  *out_focus = STAGE_FOCUS_NONE;
  g_hash_table_iter_init (&iter, self->stage_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      StageRow *shown = value;

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (shown->expander)))
        g_array_append_val (expanded, *(gint64 *) key);
      if (focus == NULL || (focus != shown->expander && !gtk_widget_is_ancestor (focus, shown->expander)))
        continue;
      focused = *(gint64 *) key;
      *out_focus = focus == shown->up ? STAGE_FOCUS_UP : focus == shown->down ? STAGE_FOCUS_DOWN : STAGE_FOCUS_ROW;
    }
  return focused;
}

/* A stage moved, renamed or changed builds the page anew: its row stays
 * open, and the focus stays where it was (on the move button pressed,
 * or on the other one once the stage cannot go further that way), so a
 * keyboard can move a stage down three places with three presses. */
static void
restore_stage_rows (NudgePipelinesPage *self,
                    gint64              focused,
                    StageFocus          focus,
                    GArray             *expanded)
{
  StageRow *shown;

  for (guint i = 0; i < expanded->len; i++)
    if ((shown = g_hash_table_lookup (self->stage_rows, &g_array_index (expanded, gint64, i))))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (shown->expander), TRUE);
  if (focus == STAGE_FOCUS_NONE || !(shown = g_hash_table_lookup (self->stage_rows, &focused)))
    return;
  if (focus == STAGE_FOCUS_ROW)
    gtk_widget_grab_focus (shown->expander);
  else if ((focus == STAGE_FOCUS_UP && gtk_widget_get_sensitive (shown->up)) || !gtk_widget_get_sensitive (shown->down))
    gtk_widget_grab_focus (shown->up);
  else
    gtk_widget_grab_focus (shown->down);
}

static void
rebuild (NudgePipelinesPage *self)
{
  g_autoptr(GPtrArray) pipelines = nudge_store_list_pipelines (self->store, NULL);
  g_auto(GStrv) reasons = nudge_store_list_lost_reasons (self->store);
  g_autoptr(GtkWidget) reasons_group = g_object_ref (self->reasons_group);
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (gint64));
  StageFocus focus;
  gint64 focused = stage_rows_state (self, &focus, expanded);

  clear_rows (self->pipelines_list, self->new_pipeline_row);
  clear_rows (self->reasons_list, self->new_reason_row);
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  g_hash_table_remove_all (self->stage_rows);
  /* The stage groups come before Lost Reasons */
  adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (reasons_group));

  gtk_editable_set_text (GTK_EDITABLE (self->new_pipeline_row), "");
  for (guint i = 0; pipelines && i < pipelines->len; i++)
    {
      NudgeStage *pipeline = g_ptr_array_index (pipelines, i);
      GtkWidget *group = stages_group (self, pipeline);

      gtk_list_box_insert (GTK_LIST_BOX (self->pipelines_list), pipeline_row (pipeline), i);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->groups, group);
    }

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (reasons_group));
  gtk_editable_set_text (GTK_EDITABLE (self->new_reason_row), "");
  for (guint i = 0; reasons && reasons[i]; i++)
    gtk_list_box_insert (GTK_LIST_BOX (self->reasons_list), reason_row (reasons[i]), i);
  restore_stage_rows (self, focused, focus, expanded);
}

static void
store_changes_cb (NudgePipelinesPage *self,
                  NudgeChangeSet     *changes,
                  NudgeStore         *store)
{
  if (nudge_change_set_touches_any (changes, NUDGE_ENTITY_BIT (NUDGE_ENTITY_STAGE) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_PIPELINE)))
    queue_rebuild (self);
}

static void
nudge_pipelines_page_dispose (GObject *object)
{
  NudgePipelinesPage *self = (NudgePipelinesPage *) object;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->stage_rows, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_PIPELINES_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (nudge_pipelines_page_parent_class)->dispose (object);
}

static void
nudge_pipelines_page_constructed (GObject *object)
{
  NudgePipelinesPage *self = (NudgePipelinesPage *) object;

  G_OBJECT_CLASS (nudge_pipelines_page_parent_class)->constructed (object);

  g_assert (NUDGE_IS_CONTEXT (self->context));
  g_signal_connect_object (self->store, "changes", G_CALLBACK (store_changes_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
nudge_pipelines_page_class_init (NudgePipelinesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nudge_pipelines_page_constructed;
  object_class->dispose = nudge_pipelines_page_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgePipelinesPage, context),
                                          G_STRUCT_OFFSET (NudgePipelinesPage, store));

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-pipelines-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgePipelinesPage, pipelines_list);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelinesPage, new_pipeline_row);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelinesPage, reasons_group);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelinesPage, reasons_list);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelinesPage, new_reason_row);
  gtk_widget_class_bind_template_callback (widget_class, pipeline_add_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_add_cb);
}

static void
nudge_pipelines_page_init (NudgePipelinesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
  self->stage_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

GtkWidget *
nudge_pipelines_page_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_PIPELINES_PAGE, "context", context, NULL);
}
