/* nudge-search-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-search-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-dialogs.h"
#include "nudge-followup-editor.h"
#include "nudge-format.h"
#include "nudge-item-row.h"
#include "nudge-live-search.h"
#include "nudge-record-window.h"
#include "nudge-search-popover.h"
#include "nudge-search.h"
#include "nudge-tooltip.h"
#include "nudge-view-actions.h"

/* Results per kind: the popover finds a record, the List browses. */
#define RESULTS_PER_KIND 5
/* How long typing pauses before the results list fits them again. */
#define SETTLE_MS 600

/* One result: the record and what its row says. */
#define NUDGE_TYPE_SEARCH_HIT (nudge_search_hit_get_type ())
G_DECLARE_FINAL_TYPE (NudgeSearchHit, nudge_search_hit, NUDGE, SEARCH_HIT, GObject)

struct _NudgeSearchHit
{
  GObject        parent_instance;

  GObject       *item;
  NudgeFollowup *next_step;     /* a deal's next open follow-up */
  char          *title;
  char          *description;
  char          *accessible;
};

G_DEFINE_FINAL_TYPE (NudgeSearchHit, nudge_search_hit, G_TYPE_OBJECT)

struct _NudgeSearchPopover
{
  GtkPopover      parent_instance;

  NudgeContext   *context;
  NudgeStore     *store;          /* the context's */

  GtkWidget      *entry;
  GtkWidget      *scroller;
  GtkWidget      *list;
  GtkWidget      *status;
  GListStore     *hits;
  GArray         *rows;           /* ResultRow, one a row of list, in order */
  NudgeLiveSearch search;
  guint           settle_id;      /* lets the list's held height go */
  gboolean        searching;
  gboolean        open_when_done;
};

/* The parts of a result row that change with the result it shows */
typedef struct
{
  GtkWidget    *row;
  GtkWidget    *icon;
  GtkWidget    *title;
  GtkWidget    *description;
  NudgeTooltip  tooltip;
} ResultRow;

G_DEFINE_FINAL_TYPE (NudgeSearchPopover, nudge_search_popover, GTK_TYPE_POPOVER)

/* ---- results ----------------------------------------------------------- */

static void
nudge_search_hit_finalize (GObject *object)
{
  NudgeSearchHit *self = NUDGE_SEARCH_HIT (object);

  g_clear_object (&self->item);
  g_clear_object (&self->next_step);
  g_free (self->title);
  g_free (self->description);
  g_free (self->accessible);
  G_OBJECT_CLASS (nudge_search_hit_parent_class)->finalize (object);
}

static void
nudge_search_hit_class_init (NudgeSearchHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nudge_search_hit_finalize;
}

static void
nudge_search_hit_init (NudgeSearchHit *self)
{
}

typedef enum
{
  KIND_DEAL,
  KIND_CONTACT,
  KIND_COMPANY,
  KIND_FOLLOWUP,
} HitKind;

static HitKind
hit_kind (NudgeSearchHit *hit)
{
  if (NUDGE_IS_DEAL (hit->item))
    return KIND_DEAL;
  if (NUDGE_IS_CONTACT (hit->item))
    return KIND_CONTACT;
  if (NUDGE_IS_COMPANY (hit->item))
    return KIND_COMPANY;
  return KIND_FOLLOWUP;
}

static const char *
kind_heading (HitKind kind)
{
  switch (kind)
    {
    case KIND_DEAL:
      return _("Deals");
    case KIND_CONTACT:
      return _("Contacts");
    case KIND_COMPANY:
      return _("Companies");
    case KIND_FOLLOWUP:
    default:
      return _("Follow-ups");
    }
}

static const char *
kind_icon (HitKind kind)
{
  switch (kind)
    {
    case KIND_DEAL:
      return "emblem-documents-symbolic";
    case KIND_CONTACT:
      return "avatar-default-symbolic";
    case KIND_COMPANY:
      return "x-office-address-book-symbolic";
    case KIND_FOLLOWUP:
    default:
      return "alarm-symbolic";
    }
}

/* ---- the search ---------------------------------------------------------- */

static void
update_status (NudgeSearchPopover *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->hits));

  gtk_widget_set_visible (self->scroller, n > 0);
  if (*text == '\0')
    gtk_label_set_label (GTK_LABEL (self->status), _("Find deals, contacts, companies and follow-ups"));
  else if (n == 0 && !self->searching)
    gtk_label_set_label (GTK_LABEL (self->status), _("Nothing matches"));
  gtk_widget_set_visible (self->status, n == 0 && (*text == '\0' || !self->searching));
}

static NudgeSearchHit *
get_hit (NudgeSearchPopover *self,
         guint               position)
{
  NudgeSearchHit *hit;

  if (self->hits == NULL)
    return NULL;
  hit = g_list_model_get_item (G_LIST_MODEL (self->hits), position);
  if (hit != NULL)
    g_object_unref (hit); /* the store keeps it */
  return hit;
}

static void
open_hit (NudgeSearchPopover *self,
          NudgeSearchHit     *hit)
{
  g_autoptr(NudgeSearchHit) keep = g_object_ref (hit);
  GtkWindow *parent = nudge_view_parent_window (GTK_WIDGET (self));

  gtk_popover_popdown (GTK_POPOVER (self));
  switch (hit_kind (hit))
    {
    case KIND_DEAL:
      nudge_record_window_present (parent, self->context, NUDGE_ENTITY_DEAL,
                                   nudge_deal_get_id (NUDGE_DEAL (hit->item)));
      break;
    case KIND_CONTACT:
      nudge_record_window_present (parent, self->context, NUDGE_ENTITY_CONTACT,
                                   nudge_contact_get_id (NUDGE_CONTACT (hit->item)));
      break;
    case KIND_COMPANY:
      nudge_record_window_present (parent, self->context, NUDGE_ENTITY_COMPANY,
                                   nudge_company_get_id (NUDGE_COMPANY (hit->item)));
      break;
    case KIND_FOLLOWUP:
    default:
      nudge_followup_editor_present (parent, self->context, NUDGE_FOLLOWUP (hit->item), 0, 0, 0);
      break;
    }
}

static void show_hits (NudgeSearchPopover *self);

/* @found: NudgeSearchResult, each described for its row. */
static void
search_done (gpointer   owner,
             GPtrArray *found)
{
  NudgeSearchPopover *self = owner;
  g_autoptr(GPtrArray) hits = NULL;
  GtkListBoxRow *first;

  if (found == NULL)
    {
      self->searching = FALSE;
      self->open_when_done = FALSE;
      update_status (self);
      return;
    }

  hits = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < found->len; i++)
    {
      NudgeSearchHit *hit = g_object_new (NUDGE_TYPE_SEARCH_HIT, NULL);
      NudgeSearchResult *result = g_ptr_array_index (found, i);

      hit->item = g_object_ref (result->item);
      g_set_object (&hit->next_step, result->next_step);
      hit->title = g_strdup (result->title);
      hit->description = g_strdup (result->description);
      hit->accessible = g_strdup (result->accessible);
      g_ptr_array_add (hits, hit);
    }
  self->searching = FALSE;
  g_list_store_splice (self->hits, 0, g_list_model_get_n_items (G_LIST_MODEL (self->hits)),
                       hits->pdata, hits->len);
  show_hits (self);
  update_status (self);

  /* Enter was pressed before the results came: the first one. */
  if (self->open_when_done)
    {
      self->open_when_done = FALSE;
      if (hits->len > 0)
        {
          open_hit (self, g_ptr_array_index (hits, 0));
          return;
        }
    }
  if ((first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0)) != NULL)
    gtk_list_box_select_row (GTK_LIST_BOX (self->list), first);
}

/* Every change searches at once: the index answers within a frame, and
 * the previous query, now stale, is cancelled. */
static void
entry_changed_cb (NudgeSearchPopover *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  self->open_when_done = FALSE;
  if (self->store == NULL || *stripped == '\0')
    {
      nudge_live_search_stop (&self->search);
      self->searching = FALSE;
      g_list_store_remove_all (self->hits);
      show_hits (self);
      update_status (self);
      return;
    }
  self->searching = TRUE;
  nudge_live_search_start (&self->search, self->store, text, G_OBJECT (self));
  update_status (self);
}

/* Enter: the selected result, else the first, else (still searching)
 * the first once it arrives. */
static void
activate_cb (NudgeSearchPopover *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));

  if (self->searching)
    {
      self->open_when_done = TRUE;
      return;
    }
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0);
  if (row != NULL)
    nudge_search_popover_open_result (self, (guint) gtk_list_box_row_get_index (row));
}

/* As wide as reads well, but never wider than a narrow window. */
static void
fit_to_window (NudgeSearchPopover *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int width = root != NULL ? gtk_widget_get_width (GTK_WIDGET (root)) : 0;

  gtk_widget_set_size_request (gtk_popover_get_child (GTK_POPOVER (self)),
                               width > 0 ? CLAMP (width - 72, 240, 480) : 480, -1);
}

static void
visible_cb (NudgeSearchPopover *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      fit_to_window (self);
      gtk_widget_grab_focus (self->entry);
    }
  else
    gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->scroller), -1);
}

static void
stop_search_cb (NudgeSearchPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
row_activated_cb (NudgeSearchPopover *self,
                  GtkListBoxRow      *row)
{
  nudge_search_popover_open_result (self, (guint) gtk_list_box_row_get_index (row));
}

static void
scroll_to_row (NudgeSearchPopover *self,
               GtkListBoxRow      *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  graphene_rect_t bounds;
  GtkWidget *header = gtk_list_box_row_get_header (row);

  if (!gtk_widget_compute_bounds (GTK_WIDGET (row), self->list, &bounds))
    return;
  /* The group's heading comes into view with its first row. */
  if (header != NULL && gtk_widget_get_visible (header))
    {
      int height = gtk_widget_get_height (header);

      bounds.origin.y -= height;
      bounds.size.height += height;
    }
  gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
}

/* Up and Down move through the results while the typing stays in the
 * entry. */
static gboolean
key_pressed_cb (NudgeSearchPopover    *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkListBox *list = GTK_LIST_BOX (self->list);
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (list);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->hits));
  int index = selected != NULL ? gtk_list_box_row_get_index (selected) : -1;
  GtkListBoxRow *row;

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      index = MIN (index + 1, (int) n - 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      index = MAX (index - 1, 0);
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      index = MIN (index + RESULTS_PER_KIND, (int) n - 1);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      index = MAX (index - RESULTS_PER_KIND, 0);
      break;
    default:
      return FALSE;
    }
  if ((row = gtk_list_box_get_row_at_index (list, index)) != NULL)
    {
      gtk_list_box_select_row (list, row);
      scroll_to_row (self, row);
    }
  return TRUE;
}

/* The focus stays in the entry: screen readers follow the selected
 * result as the entry's active descendant. */
static void
row_selected_cb (NudgeSearchPopover *self,
                 GtkListBoxRow      *row)
{
  if (row != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                    GTK_ACCESSIBLE_RELATION_ACTIVE_DESCENDANT, row, -1);
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_RELATION_ACTIVE_DESCENDANT);
}

static void
add_row (NudgeSearchPopover *self)
{
  ResultRow parts = { 0 };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = nudge_two_lines_new (NULL, NULL, &parts.title, &parts.description);

  parts.row = gtk_list_box_row_new ();
  parts.icon = gtk_image_new ();
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (parts.icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), parts.icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_add_css_class (box, "search-result");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (parts.row), box);
  gtk_list_box_append (GTK_LIST_BOX (self->list), parts.row);
  g_array_append_val (self->rows, parts);
}

static void
show_hit (ResultRow      *parts,
          NudgeSearchHit *hit)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (parts->icon), kind_icon (hit_kind (hit)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (parts->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind_heading (hit_kind (hit)), -1);
  gtk_label_set_text (GTK_LABEL (parts->title), hit->title);
  gtk_label_set_text (GTK_LABEL (parts->description), hit->description);
  nudge_tooltip_set (&parts->tooltip, parts->description, hit->description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (parts->row), GTK_ACCESSIBLE_PROPERTY_LABEL, hit->accessible, -1);
}

/* Typing has paused: the popup fits the results it shows, once. */
static gboolean
settle_cb (gpointer data)
{
  NudgeSearchPopover *self = data;

  self->settle_id = 0;
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->scroller), -1);
  return G_SOURCE_REMOVE;
}

/* The rows show self->hits. An answer to the next keystroke mostly has
 * about as many results as the last one: rows are kept (hidden when
 * there are fewer results) and given the new texts, and the list keeps
 * the height it had while one types on. New rows and headings, and a
 * popup that changes size (placed and drawn again whole), cost a frame
 * a keystroke. When the typing pauses, the list lets that height go:
 * fewer results leave no empty space under them. */
static void
show_hits (NudgeSearchPopover *self)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (self->scroller);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->hits));
  int height = gtk_widget_get_visible (self->scroller) ? gtk_widget_get_height (self->scroller) : 0;

  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (n == 0)
    gtk_scrolled_window_set_min_content_height (scroller, -1);
  else
    {
      if (height > gtk_scrolled_window_get_min_content_height (scroller))
        gtk_scrolled_window_set_min_content_height (scroller, height);
      self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
    }
  for (guint i = 0; i < MAX (n, self->rows->len); i++)
    {
      if (i == self->rows->len)
        add_row (self);
      if (i < n)
        show_hit (&g_array_index (self->rows, ResultRow, i), get_hit (self, i));
      gtk_widget_set_visible (g_array_index (self->rows, ResultRow, i).row, i < n);
    }
  gtk_list_box_invalidate_headers (GTK_LIST_BOX (self->list));
}

static void
result_row_clear (gpointer data)
{
  nudge_tooltip_clear (&((ResultRow *) data)->tooltip);
}

/* A heading above the first row of each kind. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  NudgeSearchPopover *self = user_data;
  NudgeSearchHit *hit = get_hit (self, (guint) gtk_list_box_row_get_index (row));
  NudgeSearchHit *previous = before ? get_hit (self, (guint) gtk_list_box_row_get_index (before)) : NULL;
  GtkWidget *header;

  if (hit == NULL || (previous != NULL && hit_kind (previous) == hit_kind (hit)))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  /* The row's heading from the last answer, when it still fits */
  header = gtk_list_box_row_get_header (row);
  if (header != NULL && g_strcmp0 (gtk_label_get_label (GTK_LABEL (header)), kind_heading (hit_kind (hit))) == 0)
    {
      gtk_widget_set_margin_top (header, before != NULL ? 12 : 6);
      return;
    }
  header = gtk_label_new (kind_heading (hit_kind (hit)));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "search-heading");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, before != NULL ? 12 : 6);
  gtk_widget_set_margin_bottom (header, 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_list_box_row_set_header (row, header);
}

/* ---- GObject --------------------------------------------------------------- */

static void
nudge_search_popover_dispose (GObject *object)
{
  NudgeSearchPopover *self = NUDGE_SEARCH_POPOVER (object);

  nudge_live_search_stop (&self->search);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->list != NULL)
    {
      gtk_list_box_set_header_func (GTK_LIST_BOX (self->list), NULL, NULL, NULL);
      /* Its rows go after the entry, with a last row-selected */
      g_signal_handlers_disconnect_by_data (self->list, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_SEARCH_POPOVER);
  g_clear_object (&self->hits);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (nudge_search_popover_parent_class)->dispose (object);
}

static void
nudge_search_popover_class_init (NudgeSearchPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_search_popover_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeSearchPopover, context),
                                          G_STRUCT_OFFSET (NudgeSearchPopover, store));

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/nudgecrm/Nudge/ui/nudge-search-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeSearchPopover, entry);
  gtk_widget_class_bind_template_child (widget_class, NudgeSearchPopover, scroller);
  gtk_widget_class_bind_template_child (widget_class, NudgeSearchPopover, list);
  gtk_widget_class_bind_template_child (widget_class, NudgeSearchPopover, status);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_cb);
}

static void
nudge_search_popover_init (NudgeSearchPopover *self)
{
  self->search.kinds = NUDGE_SEARCH_ALL;
  self->search.per_kind = RESULTS_PER_KIND;
  self->search.describe = TRUE;
  self->search.done = search_done;

  self->hits = g_list_store_new (NUDGE_TYPE_SEARCH_HIT);
  self->rows = g_array_new (FALSE, TRUE, sizeof (ResultRow));
  g_array_set_clear_func (self->rows, result_row_clear);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (GTK_LIST_BOX (self->list), update_header, self, NULL);
  update_status (self);
}

/* ---- public API ------------------------------------------------------------ */

GtkWidget *
nudge_search_popover_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_SEARCH_POPOVER, "context", context, NULL);
}

void
nudge_search_popover_start (NudgeSearchPopover *self,
                            const char         *text)
{
  g_return_if_fail (NUDGE_IS_SEARCH_POPOVER (self));

  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (self->entry);
  if (text != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
      gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
    }
  else
    gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

GtkEditable *
nudge_search_popover_get_entry (NudgeSearchPopover *self)
{
  g_return_val_if_fail (NUDGE_IS_SEARCH_POPOVER (self), NULL);

  return GTK_EDITABLE (self->entry);
}

guint
nudge_search_popover_get_n_results (NudgeSearchPopover *self)
{
  g_return_val_if_fail (NUDGE_IS_SEARCH_POPOVER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->hits));
}

GObject *
nudge_search_popover_get_result (NudgeSearchPopover *self,
                                 guint               position)
{
  NudgeSearchHit *hit;

  g_return_val_if_fail (NUDGE_IS_SEARCH_POPOVER (self), NULL);

  hit = get_hit (self, position);
  return hit != NULL ? hit->item : NULL;
}

const char *
nudge_search_popover_get_description (NudgeSearchPopover *self,
                                      guint               position)
{
  NudgeSearchHit *hit;

  g_return_val_if_fail (NUDGE_IS_SEARCH_POPOVER (self), NULL);

  hit = get_hit (self, position);
  return hit != NULL ? hit->description : NULL;
}

const char *
nudge_search_popover_get_accessible_name (NudgeSearchPopover *self,
                                          guint               position)
{
  NudgeSearchHit *hit;

  g_return_val_if_fail (NUDGE_IS_SEARCH_POPOVER (self), NULL);

  hit = get_hit (self, position);
  return hit != NULL ? hit->accessible : NULL;
}

gboolean
nudge_search_popover_is_busy (NudgeSearchPopover *self)
{
  g_return_val_if_fail (NUDGE_IS_SEARCH_POPOVER (self), FALSE);

  return self->searching;
}

void
nudge_search_popover_open_result (NudgeSearchPopover *self,
                                  guint               position)
{
  NudgeSearchHit *hit;

  g_return_if_fail (NUDGE_IS_SEARCH_POPOVER (self));

  if ((hit = get_hit (self, position)) != NULL)
    open_hit (self, hit);
}
