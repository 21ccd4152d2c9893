/* nudge-segment-sidebar.c — the List view's sidebar of segments: the
 * built-in ones, those the core computes and saved searches, with their
 * member counts read on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-automation.h"
#include "nudge-backup.h"
#include "nudge-clock.h"
#include "nudge-file.h"
#include "nudge-format.h"
#include "nudge-import.h"
#include "nudge-list-view-private.h"
#include "nudge-pace.h"
#include "nudge-next-step-dialog.h"
#include "nudge-record-list.h"
#include "nudge-scoring.h"
#include "nudge-timeline.h"
#include "nudge-window.h"
#include "nudge-worker.h"
#include "nudge-tooltip.h"

static const struct
{
  NudgeSegment  segment;
  const char   *title;
  const char   *icon_name;
} segments[] = {
  { NUDGE_SEGMENT_ALL, N_("All"), "view-list-symbolic" },
  { NUDGE_SEGMENT_OPEN, N_("Open"), "folder-open-symbolic" },
  { NUDGE_SEGMENT_WON, N_("Won"), "emblem-ok-symbolic" },
  { NUDGE_SEGMENT_LOST, N_("Lost"), "window-close-symbolic" },
  { NUDGE_SEGMENT_ON_HOLD, N_("On hold"), "media-playback-pause-symbolic" },
  { NUDGE_SEGMENT_WITH_OPEN_DEALS, N_("With open deals"), "folder-open-symbolic" },
  { NUDGE_SEGMENT_NO_NEXT_STEP, N_("No next step"), "dialog-warning-symbolic" },
  { NUDGE_SEGMENT_IDLE, N_("No activity for 90+ days"), "document-open-recent-symbolic" },
};

/* ---- segments computed by the core: built-ins and saved searches ---- */

static const struct
{
  const char *name;
  const char *title;
  const char *icon_name;
} named_builtins[] = {
  { "dormant", N_("Dormant 6+ months"), "weather-clear-night-symbolic" },
  { "at_risk", N_("At risk"), "emblem-important-symbolic" },
  { "lost_customers", N_("Lost customers"), "non-starred-symbolic" },
  { "regular", N_("Regular customers"), "starred-symbolic" },
};

void
_nudge_list_named_row_free (gpointer data)
{
  NamedRow *named = data;

  g_free (named->name);
  g_free (named);
}

/* The computed or saved segment of a sidebar row; NULL for a plain one */
static NamedRow *
named_row_for (NudgeListView *self,
               GtkListBoxRow *row)
{
  for (guint i = 0; i < self->named_rows->len; i++)
    {
      NamedRow *named = g_ptr_array_index (self->named_rows, i);

      if (named->row == GTK_WIDGET (row))
        return named;
    }
  return NULL;
}

/* 0 for the plain segments, then the core's, the saved searches, and
 * the products and industries */
static int
row_group (NudgeListView *self,
           GtkListBoxRow *row)
{
  NamedRow *named = named_row_for (self, row);

  return named != NULL ? named->group : 0;
}

static GHashTable *
id_set_new (GArray *ids)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_hash_table_add (set, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
  return set;
}

static GtkWidget *
segment_row_new (const char  *icon_name,
                 const char  *title,
                 GtkLabel   **count_out)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* A screen reader says the segment and how many are in it. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, count, NULL, -1);
  *count_out = GTK_LABEL (count);
  return row;
}

static NamedRow *
add_named_row (NudgeListView *self,
               const char    *name,
               const char    *title,
               const char    *tooltip,
               const char    *icon_name,
               NudgeEntity    entity,
               gboolean       saved)
{
  NamedRow *named = g_new0 (NamedRow, 1);

  named->name = g_strdup (name);
  named->entity = entity;
  named->saved = saved;
  named->n_members = -1;
  named->row = segment_row_new (icon_name, title, &named->count);
  nudge_tooltip_set_static (named->row, tooltip);
  named->group = saved ? 2 : 1;
  gtk_widget_set_visible (named->row, FALSE);
  gtk_list_box_append (self->segment_list, named->row);
  g_ptr_array_add (self->named_rows, named);
  return named;
}

NamedRow *
_nudge_list_find_named_row (NudgeListView *self,
                            const char    *name,
                            NudgeEntity    entity)
{
  for (guint i = 0; i < self->named_rows->len; i++)
    {
      NamedRow *named = g_ptr_array_index (self->named_rows, i);

      if (named->entity == entity && g_str_equal (named->name, name))
        return named;
    }
  return NULL;
}

/* Counts of the rows that apply to the table on screen. */
static void
update_named_counts (NudgeListView *self)
{
  Table *table = _nudge_list_current_table (self);

  for (guint i = 0; i < self->named_rows->len; i++)
    {
      NamedRow *named = g_ptr_array_index (self->named_rows, i);
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      gtk_widget_set_visible (named->row, named->entity == table->entity);
      if (named->entity != table->entity)
        continue;
      /* Counted by a worker (see refresh_named_cb). */
      text = named->n_members >= 0 ? nudge_format_number (named->n_members, 0) : NULL;
      gtk_label_set_text (named->count, text != NULL ? text : "");
    }
  gtk_list_box_invalidate_headers (self->segment_list);
}

gboolean
_nudge_list_load_named_ids (NudgeListView *self,
                            Table         *table)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GArray *counted;

  g_clear_pointer (&table->named_ids, g_hash_table_unref);
  if (table->named_segment == NULL)
    return TRUE;
  /* The members were counted on a worker after the last change (a
   * segment of a big book is a query of 10-60 ms): a click shows them. */
  if (self->segment_members != NULL &&
      (counted = g_hash_table_lookup (self->segment_members, table->named_segment)) != NULL)
    {
      table->named_ids = id_set_new (counted);
      return TRUE;
    }
  ids = nudge_segment_members (self->store, table->named_segment, NULL, &error);
  if (ids == NULL)
    {
      g_warning ("Could not list segment %s: %s", table->named_segment, error->message);
      return FALSE;
    }
  table->named_ids = id_set_new (ids);
  return TRUE;
}

/* ---- segment members, counted on a worker ---------------------------- */

typedef struct
{
  gboolean    rebuild;      /* list saved searches, products and industries */
  GPtrArray  *names;        /* in: the segments to count */
  GStrv       saved;        /* out, when rebuilding */
  GArray     *saved_entities;
  GStrv       products;
  GStrv       industries;
  GHashTable *members;      /* out: name → GArray of ids */
} SegmentsJob;

static void
segments_job_free (gpointer data)
{
  SegmentsJob *job = data;

  g_clear_pointer (&job->names, g_ptr_array_unref);
  g_clear_pointer (&job->saved, g_strfreev);
  g_clear_pointer (&job->saved_entities, g_array_unref);
  g_clear_pointer (&job->products, g_strfreev);
  g_clear_pointer (&job->industries, g_strfreev);
  g_clear_pointer (&job->members, g_hash_table_unref);
  g_free (job);
}

static void
count_members (NudgeStore  *store,
               SegmentsJob *job,
               const char  *name,
               NudgeEntity *entity)
{
  g_autoptr(GError) error = NULL;
  GArray *ids;

  if (g_hash_table_contains (job->members, name))
    return;
  ids = nudge_segment_members (store, name, entity, &error);
  if (ids == NULL)
    {
      g_debug ("Could not count segment %s: %s", name, error->message);
      return;
    }
  g_hash_table_insert (job->members, g_strdup (name), ids);
}

static gboolean
segments_job (NudgeStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  SegmentsJob *job = data;

  if (job->rebuild)
    {
      job->saved = nudge_segment_list_saved (store);
      job->saved_entities = g_array_new (FALSE, FALSE, sizeof (NudgeEntity));
      for (guint i = 0; job->saved != NULL && job->saved[i] != NULL; i++)
        {
          NudgeEntity entity = NUDGE_ENTITY_DEAL;

          count_members (store, job, job->saved[i], &entity);
          g_array_append_val (job->saved_entities, entity);
        }
      job->products = nudge_segment_list_values (store, "product");
      job->industries = nudge_segment_list_values (store, "industry");
      for (guint i = 0; job->products != NULL && job->products[i] != NULL; i++)
        {
          g_autofree char *key = g_strconcat ("product:", job->products[i], NULL);
          count_members (store, job, key, NULL);
        }
      for (guint i = 0; job->industries != NULL && job->industries[i] != NULL; i++)
        {
          g_autofree char *key = g_strconcat ("industry:", job->industries[i], NULL);
          count_members (store, job, key, NULL);
        }
    }
  for (guint i = 0; i < job->names->len && !g_cancellable_is_cancelled (cancellable); i++)
    count_members (store, job, g_ptr_array_index (job->names, i), NULL);
  return TRUE;
}

/* What the worker counted, into the rows of the named segments */
static void
take_member_counts (NudgeListView *self,
                    SegmentsJob   *job)
{
  for (guint i = 0; i < self->named_rows->len; i++)
    {
      NamedRow *named = g_ptr_array_index (self->named_rows, i);
      GArray *ids = g_hash_table_lookup (job->members, named->name);

      if (ids != NULL)
        named->n_members = ids->len;
    }
}

static void rebuild_saved_rows (NudgeListView *self,
                                SegmentsJob   *job);
static void start_segments_job (NudgeListView *self,
                                gboolean       rebuild);

static void
segments_done (gpointer      owner,
               gpointer      data,
               const GError *error)
{
  NudgeListView *self = owner;
  SegmentsJob *job = data;

  self->segments_loading = FALSE;
  if (error != NULL || self->store == NULL)
    return;

  if (job->rebuild)
    rebuild_saved_rows (self, job);
  take_member_counts (self, job);
  g_clear_pointer (&self->segment_members, g_hash_table_unref);
  self->segment_members = g_hash_table_ref (job->members);
  for (guint i = 0; i < N_TABLES; i++)
    {
      Table *table = &self->tables[i];
      GArray *ids;

      if (table->named_segment == NULL ||
          !(ids = g_hash_table_lookup (job->members, table->named_segment)))
        continue;
      g_clear_pointer (&table->named_ids, g_hash_table_unref);
      table->named_ids = id_set_new (ids);
      gtk_filter_changed (GTK_FILTER (table->filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
  update_named_counts (self);
  _nudge_list_select_current_row (self);

  if (self->segments_again)
    {
      gboolean rebuild = self->segments_again_rebuild;

      self->segments_again = self->segments_again_rebuild = FALSE;
      start_segments_job (self, rebuild);
    }
}

/* Membership depends on activities, stages and dates, not only on the
 * rows a table holds, so it is asked again after every change — on a
 * worker: a segment of a big book is a query of its own. */
static void
start_segments_job (NudgeListView *self,
                    gboolean       rebuild)
{
  SegmentsJob *job;

  if (self->segments_loading)
    {
      self->segments_again = TRUE;
      self->segments_again_rebuild |= rebuild;
      return;
    }
  job = g_new0 (SegmentsJob, 1);
  job->rebuild = rebuild;
  job->names = g_ptr_array_new_with_free_func (g_free);
  job->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < self->named_rows->len; i++)
    g_ptr_array_add (job->names, g_strdup (((NamedRow *) g_ptr_array_index (self->named_rows, i))->name));
  for (guint i = 0; i < N_TABLES; i++)
    if (self->tables[i].named_segment != NULL)
      g_ptr_array_add (job->names, g_strdup (self->tables[i].named_segment));
  self->segments_loading = TRUE;
  nudge_worker_run (self->store, segments_job, job, segments_job_free, self->segments_cancellable,
                    segments_done, self);
}

static gboolean
refresh_named_cb (gpointer data)
{
  NudgeListView *self = data;

  self->named_id = 0;
  start_segments_job (self, self->named_rebuild);
  self->named_rebuild = FALSE;
  return G_SOURCE_REMOVE;
}

void
_nudge_list_store_changes_cb (NudgeListView  *self,
                              NudgeChangeSet *changes)
{
  /* An import or the sample data may bring saved searches, products and
   * industries of their own. */
  if (nudge_change_set_is_all (changes, NUDGE_ENTITY_DEAL) ||
      nudge_change_set_touches (changes, NUDGE_ENTITY_COMPANY))
    self->named_rebuild = TRUE;
  if (self->named_id == 0)
    self->named_id = g_timeout_add (300, refresh_named_cb, self);
}


void
_nudge_list_select_current_row (NudgeListView *self)
{
  Table *table = _nudge_list_current_table (self);
  NamedRow *named = NULL;

  if (table->named_segment != NULL)
    named = _nudge_list_find_named_row (self, table->named_segment, table->entity);
  if (named != NULL)
    {
      if (gtk_list_box_get_selected_row (self->segment_list) != GTK_LIST_BOX_ROW (named->row))
        gtk_list_box_select_row (self->segment_list, GTK_LIST_BOX_ROW (named->row));
    }
  else
    _nudge_list_select_segment_row (self, table->segment);
}

static void
remove_saved_rows (NudgeListView *self)
{
  for (guint i = self->named_rows->len; i > 0; i--)
    {
      NamedRow *named = g_ptr_array_index (self->named_rows, i - 1);

      if (!named->saved)
        continue;
      gtk_list_box_remove (self->segment_list, named->row);
      g_ptr_array_remove_index (self->named_rows, i - 1);
    }
}

/* The saved searches, products and industries a worker listed. */
static void
rebuild_saved_rows (NudgeListView *self,
                    SegmentsJob   *job)
{
  remove_saved_rows (self);
  for (guint i = 0; job->saved != NULL && job->saved[i] != NULL; i++)
    {
      if (!g_hash_table_contains (job->members, job->saved[i]))
        continue;
      add_named_row (self, job->saved[i], job->saved[i], _("Saved search"), "edit-find-symbolic",
                     g_array_index (job->saved_entities, NudgeEntity, i), TRUE);
    }

  /* Segments by product (deals) and by industry (companies), from what
   * the book holds. */
  for (guint i = 0; job->products != NULL && job->products[i] != NULL; i++)
    {
      g_autofree char *key = g_strconcat ("product:", job->products[i], NULL);
      NamedRow *named = add_named_row (self, key, job->products[i], _("Deals for this product"),
                                       "emblem-documents-symbolic", NUDGE_ENTITY_DEAL, TRUE);

      named->group = 3;
    }
  for (guint i = 0; job->industries != NULL && job->industries[i] != NULL; i++)
    {
      g_autofree char *key = g_strconcat ("industry:", job->industries[i], NULL);
      NamedRow *named = add_named_row (self, key, job->industries[i], _("Companies in this industry"),
                                       "nudge-list-symbolic", NUDGE_ENTITY_COMPANY, TRUE);

      named->group = 3;
    }
}

/* At once, for a search the user just saved: it is shown right away. */
void
_nudge_list_reload_saved_segments (NudgeListView *self)
{
  SegmentsJob *job = g_new0 (SegmentsJob, 1);

  job->rebuild = TRUE;
  job->names = g_ptr_array_new_with_free_func (g_free);
  job->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  segments_job (self->store, job, NULL, NULL);
  rebuild_saved_rows (self, job);
  take_member_counts (self, job);
  segments_job_free (job);
  update_named_counts (self);
  _nudge_list_select_current_row (self);
}

void
_nudge_list_setup_named_segments (NudgeListView *self)
{
  guint n_core = 0;
  const NudgeSegmentInfo *core = nudge_segment_builtins (&n_core);

  for (guint i = 0; i < G_N_ELEMENTS (named_builtins); i++)
    for (guint c = 0; c < n_core; c++)
      if (g_str_equal (core[c].name, named_builtins[i].name))
        add_named_row (self, core[c].name,
                       g_dgettext (GETTEXT_PACKAGE, named_builtins[i].title),
                       g_dgettext (GETTEXT_PACKAGE, core[c].label),
                       named_builtins[i].icon_name, core[c].entity, FALSE);
  /* Saved searches, products, industries and every count: on a worker. */
  start_segments_job (self, TRUE);
}

/* A thin line between the plain segments, the computed ones and the
 * saved searches. */
void
_nudge_list_segment_header_func (GtkListBoxRow *row,
                                 GtkListBoxRow *before,
                                 gpointer       data)
{
  NudgeListView *self = data;
  int group = row_group (self, row);
  int before_group = before != NULL ? row_group (self, before) : group;

  if (group != before_group)
    {
      if (gtk_list_box_row_get_header (row) == NULL)
        gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

/* Bulk actions work on the selected rows; a cadence only on deals and
 * contacts. */
void
_nudge_list_update_bulk_actions (NudgeListView *self)
{
  Table *table = _nudge_list_current_table (self);
  gboolean takes_cadence = table->entity == NUDGE_ENTITY_DEAL || table->entity == NUDGE_ENTITY_CONTACT;
  gboolean any = FALSE, two = FALSE;
  guint64 n = 0;

  if (table->selection != NULL)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));

      n = gtk_bitset_get_size (selected);
      any = n > 0;
      two = n == 2;
    }
  /* What Delete, a cadence or Export acts on, counted */
  if (n > 1)
    {
      g_autofree char *count = nudge_format_number ((double) n, 0);
      /* Translators: %s is a number of selected rows in the List */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s selected", "%s selected", n), count);

      gtk_label_set_label (GTK_LABEL (self->selection_label), text);
    }
  gtk_widget_set_visible (self->selection_label, n > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->cadence_button), takes_cadence);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cadence_button), takes_cadence && any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.apply-cadence", takes_cadence && any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.export-csv", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.save-search", self->search_text != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.merge", table->entity != NUDGE_ENTITY_DEAL && two);
}

/* The view's menu names the columns of the table on show, and sorts by
 * them, in a section of its own after the template's two (import and
 * export, merge): they are settings of the view. The section and its
 * two submenus stay, the same GMenus, and only what the submenus hold
 * is replaced when another table shows: a submenu in a section removed
 * would leave its page in GTK 4.8's popover, under the name the next
 * one takes. */
static void
copy_menu_items (GMenu      *menu,
                 GMenuModel *from)
{
  g_menu_remove_all (menu);
  for (int i = 0; i < g_menu_model_get_n_items (from); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new_from_model (from, i);

      g_menu_append_item (menu, item);
    }
}

static void
update_more_menu (NudgeListView *self)
{
  Table *table = _nudge_list_current_table (self);

  if (self->more_menu == NULL || table->columns_menu == NULL)
    return;
  if (self->view_columns_menu == NULL)
    {
      g_autoptr(GMenu) section = g_menu_new ();

      self->view_columns_menu = g_menu_new ();
      self->view_sort_menu = g_menu_new ();
      g_menu_append_submenu (section, _("Columns"), G_MENU_MODEL (self->view_columns_menu));
      g_menu_append_submenu (section, _("Sort By"), G_MENU_MODEL (self->view_sort_menu));
      g_menu_append_section (self->more_menu, NULL, G_MENU_MODEL (section));
    }
  copy_menu_items (self->view_columns_menu, G_MENU_MODEL (table->columns_menu));
  copy_menu_items (self->view_sort_menu, G_MENU_MODEL (table->sort_menu));
}

void
_nudge_list_entity_changed_cb (NudgeListView *self)
{
  Table *table = _nudge_list_current_table (self);

  _nudge_list_ensure_loaded (table);
  /* Counted now: a count queued by the load would outlive its source id. */
  g_clear_handle_id (&self->counts_id, g_source_remove);
  _nudge_list_update_counts_cb (self);
  update_named_counts (self);
  _nudge_list_select_current_row (self);
  _nudge_list_update_new_button (self);
  _nudge_list_update_bulk_actions (self);
  update_more_menu (self);
}

void
_nudge_list_segment_selected_cb (NudgeListView *self,
                                 GtkListBoxRow *row)
{
  NamedRow *named;

  if (row == NULL)
    return;
  named = named_row_for (self, row);
  if (named != NULL)
    {
      nudge_list_view_set_named_segment (self, named->name);
      return;
    }
  for (guint s = 0; s < NUDGE_N_SEGMENTS; s++)
    if (self->segment_rows[s] == GTK_WIDGET (row))
      {
        nudge_list_view_set_segment (self, s);
        return;
      }
}

void
_nudge_list_segment_activated_cb (NudgeListView *self,
                                  GtkListBoxRow *row)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

void
_nudge_list_back_clicked_cb (NudgeListView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
_nudge_list_search_changed_cb (NudgeListView *self)
{
  nudge_list_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

void
_nudge_list_stop_search_cb (NudgeListView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

void
_nudge_list_row_activated_cb (GtkColumnView *column_view,
                              guint          position,
                              gpointer       data)
{
  Table *table = data;
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (table->selection), position);
  GtkWidget *window;

  if (item == NULL)
    return;
  window = gtk_widget_get_ancestor (GTK_WIDGET (table->view), NUDGE_TYPE_WINDOW);
  if (window != NULL)
    nudge_window_open_record (NUDGE_WINDOW (window), table->entity, nudge_record_get_id (item));
}

void
_nudge_list_setup_segments (NudgeListView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    {
      GtkLabel *count;
      GtkWidget *row = segment_row_new (segments[i].icon_name,
                                        g_dgettext (GETTEXT_PACKAGE, segments[i].title), &count);

      gtk_list_box_append (self->segment_list, row);

      self->segment_rows[segments[i].segment] = row;
      self->segment_counts[segments[i].segment] = count;
    }
}
