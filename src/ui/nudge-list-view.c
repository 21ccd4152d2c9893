/* nudge-list-view.c — every deal, contact and company in sortable tables
 *
 * Each table is a GtkColumnView over the store's live NudgeRecordList,
 * filtered by the chosen segment and the search (ids from the store's
 * full-text index) and sorted by the column headers. Rows are never
 * packed by hand, so thirty thousand deals scroll as smoothly as thirty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-automation.h"
#include "nudge-clock.h"
#include "nudge-format.h"
#include "nudge-list-view.h"
#include "nudge-record-list.h"
#include "nudge-scoring.h"
#include "nudge-timeline.h"
#include "nudge-window.h"

#define IDLE_DAYS 90
#define N_TABLES  3

typedef enum
{
  COL_DEAL_TITLE,
  COL_DEAL_COMPANY,
  COL_DEAL_CONTACT,
  COL_DEAL_STAGE,
  COL_DEAL_AMOUNT,
  COL_DEAL_CLOSE,
  COL_DEAL_LAST_ACTIVITY,
  COL_DEAL_NEXT_FOLLOWUP,
  COL_DEAL_STATUS,
  COL_CONTACT_NAME,
  COL_CONTACT_COMPANY,
  COL_CONTACT_EMAIL,
  COL_CONTACT_PHONE,
  COL_CONTACT_LAST_ACTIVITY,
  COL_CONTACT_NEXT_FOLLOWUP,
  COL_COMPANY_NAME,
  COL_COMPANY_INDUSTRY,
  COL_COMPANY_CONTACTS,
  COL_COMPANY_OPEN_DEALS,
  COL_COMPANY_LAST_ACTIVITY,
  COL_DEAL_SCORE,
  COL_CONTACT_SCORE,
} ColumnId;

typedef struct
{
  ColumnId    id;
  const char *title;
  gboolean    numeric;
  gboolean    expand;
  int         width;
} ColumnInfo;

typedef struct _NudgeListView NudgeListView;

typedef struct
{
  NudgeListView      *view;
  NudgeEntity         entity;
  const char         *name;
  NudgeRecordList    *records;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkMultiSelection  *selection;
  GtkColumnView      *column_view;
  GtkAdjustment      *vadjustment;
  guint               keep_top_id;
  GHashTable         *matches;   /* ids from the search, NULL = no search */
  gboolean            loaded;
  NudgeSegment        segment;
  char               *named_segment;  /* a core or saved segment, or NULL */
  GHashTable         *named_ids;      /* its members */
} Table;

/* A sidebar row for a segment computed by the core (built-in or a saved
 * search), filtered by the member ids the core returns. */
typedef struct
{
  char        *name;
  NudgeEntity  entity;
  gboolean     saved;
  GtkWidget   *row;
  GtkLabel    *count;
} NamedRow;

struct _NudgeListView
{
  GtkWidget       parent_instance;

  NudgeStore     *store;
  Table           tables[N_TABLES];
  char           *search_text;
  GtkWidget      *segment_rows[NUDGE_N_SEGMENTS];
  GtkLabel       *segment_counts[NUDGE_N_SEGMENTS];
  guint           counts_id;
  guint           research_id;
  GPtrArray      *named_rows;   /* NamedRow */
  guint           named_id;

  AdwLeaflet     *leaflet;
  GtkListBox     *segment_list;
  GtkWidget      *content;
  GtkButton      *back_button;
  GtkButton      *new_button;
  GtkMenuButton  *cadence_button;
  GtkSearchEntry *search_entry;
  GtkStack       *entity_stack;
};

G_DEFINE_FINAL_TYPE (NudgeListView, nudge_list_view, GTK_TYPE_WIDGET)

static const ColumnInfo deal_columns[] = {
  { COL_DEAL_TITLE, N_("Deal"), FALSE, TRUE, 125 },
  { COL_DEAL_COMPANY, N_("Company"), FALSE, TRUE, 110 },
  { COL_DEAL_CONTACT, N_("Contact"), FALSE, FALSE, 100 },
  { COL_DEAL_STAGE, N_("Stage"), FALSE, FALSE, 90 },
  { COL_DEAL_AMOUNT, N_("Amount"), TRUE, FALSE, 120 },
  { COL_DEAL_CLOSE, N_("Expected Close"), FALSE, FALSE, 110 },
  { COL_DEAL_LAST_ACTIVITY, N_("Last Activity"), FALSE, FALSE, 95 },
  { COL_DEAL_NEXT_FOLLOWUP, N_("Next Follow-up"), FALSE, FALSE, 110 },
  { COL_DEAL_SCORE, N_("Score"), TRUE, FALSE, 60 },
  { COL_DEAL_STATUS, N_("Status"), FALSE, FALSE, 60 },
};

static const ColumnInfo contact_columns[] = {
  { COL_CONTACT_NAME, N_("Name"), FALSE, TRUE, 170 },
  { COL_CONTACT_COMPANY, N_("Company"), FALSE, TRUE, 150 },
  { COL_CONTACT_EMAIL, N_("E-mail"), FALSE, TRUE, 190 },
  { COL_CONTACT_PHONE, N_("Phone"), FALSE, FALSE, 150 },
  { COL_CONTACT_LAST_ACTIVITY, N_("Last Activity"), FALSE, FALSE, 110 },
  { COL_CONTACT_NEXT_FOLLOWUP, N_("Next Follow-up"), FALSE, FALSE, 120 },
  { COL_CONTACT_SCORE, N_("Score"), TRUE, FALSE, 80 },
};

static const ColumnInfo company_columns[] = {
  { COL_COMPANY_NAME, N_("Name"), FALSE, TRUE, 220 },
  { COL_COMPANY_INDUSTRY, N_("Industry"), FALSE, TRUE, 170 },
  { COL_COMPANY_CONTACTS, N_("Contacts"), TRUE, FALSE, 90 },
  { COL_COMPANY_OPEN_DEALS, N_("Open Deals"), TRUE, FALSE, 100 },
  { COL_COMPANY_LAST_ACTIVITY, N_("Last Activity"), FALSE, FALSE, 120 },
};

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

/* Which segments make sense for which table. */
static gboolean
segment_applies (NudgeSegment segment,
                 NudgeEntity  entity)
{
  switch (segment)
    {
    case NUDGE_SEGMENT_ALL:
    case NUDGE_SEGMENT_IDLE:
      return TRUE;
    case NUDGE_SEGMENT_OPEN:
    case NUDGE_SEGMENT_WON:
    case NUDGE_SEGMENT_LOST:
    case NUDGE_SEGMENT_ON_HOLD:
      return entity == NUDGE_ENTITY_DEAL;
    case NUDGE_SEGMENT_WITH_OPEN_DEALS:
      return entity == NUDGE_ENTITY_COMPANY;
    case NUDGE_SEGMENT_NO_NEXT_STEP:
      return entity == NUDGE_ENTITY_DEAL || entity == NUDGE_ENTITY_CONTACT;
    case NUDGE_N_SEGMENTS:
    default:
      return FALSE;
    }
}

static gint64
record_id (gpointer item)
{
  if (NUDGE_IS_DEAL (item))
    return nudge_deal_get_id (item);
  if (NUDGE_IS_CONTACT (item))
    return nudge_contact_get_id (item);
  if (NUDGE_IS_COMPANY (item))
    return nudge_company_get_id (item);
  g_assert_not_reached ();
}

static gint64
last_touch (gpointer item)
{
  gint64 last = 0, created = 0;

  if (NUDGE_IS_DEAL (item))
    last = nudge_deal_get_last_activity_at (item), created = nudge_deal_get_created_at (item);
  else if (NUDGE_IS_CONTACT (item))
    last = nudge_contact_get_last_activity_at (item), created = nudge_contact_get_created_at (item);
  else if (NUDGE_IS_COMPANY (item))
    last = nudge_company_get_last_activity_at (item), created = nudge_company_get_created_at (item);
  return last > 0 ? last : created;
}

static gboolean
item_in_segment (gpointer     item,
                 NudgeSegment segment,
                 gint64       now)
{
  switch (segment)
    {
    case NUDGE_SEGMENT_ALL:
      return TRUE;
    case NUDGE_SEGMENT_OPEN:
      return nudge_deal_get_status (item) == NUDGE_DEAL_OPEN;
    case NUDGE_SEGMENT_WON:
      return nudge_deal_get_status (item) == NUDGE_DEAL_WON;
    case NUDGE_SEGMENT_LOST:
      return nudge_deal_get_status (item) == NUDGE_DEAL_LOST;
    case NUDGE_SEGMENT_ON_HOLD:
      return nudge_deal_get_status (item) == NUDGE_DEAL_ON_HOLD;
    case NUDGE_SEGMENT_WITH_OPEN_DEALS:
      return nudge_company_get_n_open_deals (item) > 0;
    case NUDGE_SEGMENT_NO_NEXT_STEP:
      if (NUDGE_IS_DEAL (item))
        return nudge_deal_get_status (item) == NUDGE_DEAL_OPEN && nudge_deal_get_next_followup_at (item) == 0;
      return nudge_contact_get_next_followup_at (item) == 0;
    case NUDGE_SEGMENT_IDLE:
      /* Closed deals are meant to be quiet. */
      if (NUDGE_IS_DEAL (item) &&
          (nudge_deal_get_status (item) == NUDGE_DEAL_WON || nudge_deal_get_status (item) == NUDGE_DEAL_LOST))
        return FALSE;
      return last_touch (item) <= now - (gint64) IDLE_DAYS * 24 * 3600;
    case NUDGE_N_SEGMENTS:
    default:
      return FALSE;
    }
}

static gboolean
filter_func (gpointer item,
             gpointer data)
{
  Table *table = data;
  gint64 id;

  id = record_id (item);
  if (table->named_segment != NULL)
    {
      if (table->named_ids == NULL || !g_hash_table_contains (table->named_ids, &id))
        return FALSE;
    }
  else if (!item_in_segment (item, table->segment, nudge_clock_now ()))
    return FALSE;
  if (table->matches == NULL)
    return TRUE;
  return g_hash_table_contains (table->matches, &id);
}

static char *
format_expected_close (const char *iso)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;
  if (sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (iso);
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (dt == NULL)
    return g_strdup (iso);
  return nudge_format_date (g_date_time_to_unix (dt));
}

static char *
format_last_activity (gint64 at)
{
  if (at <= 0)
    return g_strdup (_("Never"));
  return nudge_format_relative_day (at, nudge_clock_now ());
}

static char *
format_next_followup (gint64       at,
                      gboolean     expects_one,
                      const char **css_class)
{
  gint64 now = nudge_clock_now ();

  if (at <= 0)
    {
      if (!expects_one)
        return NULL;
      *css_class = "no-next-step";
      return g_strdup (_("No next step"));
    }
  if (at < now)
    *css_class = "overdue";
  return nudge_format_relative_day (at, now);
}

/* The text of one cell, and the style class that colours it. */
static char *
column_text (ColumnId      column,
             gpointer      item,
             const char  **css_class)
{
  switch (column)
    {
    case COL_DEAL_TITLE:
      return g_strdup (nudge_deal_get_title (item));
    case COL_DEAL_COMPANY:
      return g_strdup (nudge_deal_get_company_name (item));
    case COL_DEAL_CONTACT:
      return g_strdup (nudge_deal_get_contact_name (item));
    case COL_DEAL_STAGE:
      return g_strdup (nudge_deal_get_stage_name (item));
    case COL_DEAL_AMOUNT:
      if (!nudge_deal_get_has_amount (item))
        return NULL;
      return nudge_format_money (nudge_deal_get_amount_minor (item), nudge_deal_get_currency (item));
    case COL_DEAL_CLOSE:
      return format_expected_close (nudge_deal_get_expected_close (item));
    case COL_DEAL_LAST_ACTIVITY:
      return format_last_activity (nudge_deal_get_last_activity_at (item));
    case COL_DEAL_NEXT_FOLLOWUP:
      return format_next_followup (nudge_deal_get_next_followup_at (item),
                                   nudge_deal_get_status (item) == NUDGE_DEAL_OPEN,
                                   css_class);
    case COL_DEAL_STATUS:
      switch (nudge_deal_get_status (item))
        {
        case NUDGE_DEAL_WON:
          *css_class = "success";
          break;
        case NUDGE_DEAL_LOST:
          *css_class = "dim-label";
          break;
        default:
          break;
        }
      return g_strdup (nudge_deal_status_label (nudge_deal_get_status (item)));
    case COL_CONTACT_NAME:
      return g_strdup (nudge_contact_get_name (item));
    case COL_CONTACT_COMPANY:
      return g_strdup (nudge_contact_get_company_name (item));
    case COL_CONTACT_EMAIL:
      return g_strdup (nudge_contact_get_email (item));
    case COL_CONTACT_PHONE:
      return g_strdup (nudge_contact_get_phone (item));
    case COL_CONTACT_LAST_ACTIVITY:
      /* "Stay in touch": amber past the ideal interval, red past the maximum. */
      switch (nudge_contact_stay_state (item, nudge_clock_now ()))
        {
        case NUDGE_STAY_OVERDUE: *css_class = "overdue"; break;
        case NUDGE_STAY_DUE:     *css_class = "no-next-step"; break;
        default: break;
        }
      return format_last_activity (nudge_contact_get_last_activity_at (item));
    case COL_CONTACT_NEXT_FOLLOWUP:
      return format_next_followup (nudge_contact_get_next_followup_at (item), FALSE, css_class);
    case COL_DEAL_SCORE:
    case COL_CONTACT_SCORE:
      {
        double score = NUDGE_IS_DEAL (item) ? nudge_deal_get_score (item) : nudge_contact_get_score (item);
        const char *temperature = nudge_score_temperature (score);
        g_autofree char *number = NULL;

        if (score < 0.5)
          return NULL;
        number = nudge_format_number (score, 0);
        /* The temperature is the colour: red hot, amber warm, grey cold. */
        if (g_str_equal (temperature, "hot"))
          *css_class = "overdue";
        else if (g_str_equal (temperature, "warm"))
          *css_class = "no-next-step";
        else
          *css_class = "dim-label";
        return g_steal_pointer (&number);
      }
    case COL_COMPANY_NAME:
      return g_strdup (nudge_company_get_name (item));
    case COL_COMPANY_INDUSTRY:
      return g_strdup (nudge_company_get_industry (item));
    case COL_COMPANY_CONTACTS:
      return nudge_format_number (nudge_company_get_n_contacts (item), 0);
    case COL_COMPANY_OPEN_DEALS:
      return nudge_format_number (nudge_company_get_n_open_deals (item), 0);
    case COL_COMPANY_LAST_ACTIVITY:
      return format_last_activity (nudge_company_get_last_activity_at (item));
    default:
      g_assert_not_reached ();
    }
}

/* Sort keys: the sorters compute them once per row (collation keys for
 * text), so re-sorting thirty thousand deals stays quick. */
static gboolean
column_is_text (ColumnId column)
{
  switch (column)
    {
    case COL_DEAL_TITLE:
    case COL_DEAL_COMPANY:
    case COL_DEAL_CONTACT:
    case COL_DEAL_CLOSE:
    case COL_CONTACT_NAME:
    case COL_CONTACT_COMPANY:
    case COL_CONTACT_EMAIL:
    case COL_CONTACT_PHONE:
    case COL_COMPANY_NAME:
    case COL_COMPANY_INDUSTRY:
      return TRUE;
    default:
      return FALSE;
    }
}

static char *
column_sort_text (gpointer item,
                  gpointer data)
{
  switch ((ColumnId) GPOINTER_TO_INT (data))
    {
    case COL_DEAL_TITLE:
      return g_strdup (nudge_deal_get_title (item));
    case COL_DEAL_COMPANY:
      return g_strdup (nudge_deal_get_company_name (item));
    case COL_DEAL_CONTACT:
      return g_strdup (nudge_deal_get_contact_name (item));
    case COL_DEAL_CLOSE:
      return g_strdup (nudge_deal_get_expected_close (item));
    case COL_CONTACT_NAME:
      return g_strdup (nudge_contact_get_name (item));
    case COL_CONTACT_COMPANY:
      return g_strdup (nudge_contact_get_company_name (item));
    case COL_CONTACT_EMAIL:
      return g_strdup (nudge_contact_get_email (item));
    case COL_CONTACT_PHONE:
      return g_strdup (nudge_contact_get_phone (item));
    case COL_COMPANY_NAME:
      return g_strdup (nudge_company_get_name (item));
    case COL_COMPANY_INDUSTRY:
      return g_strdup (nudge_company_get_industry (item));
    default:
      g_assert_not_reached ();
    }
}

/* A missing time sorts after every real one. */
static gint64
time_key (gint64 at)
{
  return at > 0 ? at : G_MAXINT64;
}

static gint64
column_sort_number (gpointer item,
                    gpointer data)
{
  switch ((ColumnId) GPOINTER_TO_INT (data))
    {
    case COL_DEAL_STAGE:
      return nudge_deal_get_stage_probability (item);
    case COL_DEAL_AMOUNT:
      return nudge_deal_get_has_amount (item) ? nudge_deal_get_amount_minor (item) : G_MININT64;
    case COL_DEAL_LAST_ACTIVITY:
      return time_key (nudge_deal_get_last_activity_at (item));
    case COL_DEAL_NEXT_FOLLOWUP:
      return time_key (nudge_deal_get_next_followup_at (item));
    case COL_DEAL_STATUS:
      return nudge_deal_get_status (item);
    case COL_CONTACT_LAST_ACTIVITY:
      return time_key (nudge_contact_get_last_activity_at (item));
    case COL_CONTACT_NEXT_FOLLOWUP:
      return time_key (nudge_contact_get_next_followup_at (item));
    case COL_COMPANY_CONTACTS:
      return nudge_company_get_n_contacts (item);
    case COL_COMPANY_OPEN_DEALS:
      return nudge_company_get_n_open_deals (item);
    case COL_COMPANY_LAST_ACTIVITY:
      return time_key (nudge_company_get_last_activity_at (item));
    case COL_DEAL_SCORE:
      return (gint64) (nudge_deal_get_score (item) * 10);
    case COL_CONTACT_SCORE:
      return (gint64) (nudge_contact_get_score (item) * 10);
    default:
      g_assert_not_reached ();
    }
}

static GtkSorter *
column_sorter_new (ColumnId column)
{
  GtkExpression *expression;

  if (column_is_text (column))
    {
      expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                G_CALLBACK (column_sort_text),
                                                GINT_TO_POINTER (column), NULL);
      return GTK_SORTER (gtk_string_sorter_new (expression));
    }
  expression = gtk_cclosure_expression_new (G_TYPE_INT64, NULL, 0, NULL,
                                            G_CALLBACK (column_sort_number),
                                            GINT_TO_POINTER (column), NULL);
  return GTK_SORTER (gtk_numeric_sorter_new (expression));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  const ColumnInfo *info = data;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), info->numeric ? 1.0 : 0.0);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  const ColumnInfo *info = data;
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *css_class = NULL;
  g_autofree char *text = column_text (info->id, gtk_list_item_get_item (list_item), &css_class);
  const char *classes[3] = { NULL, };
  guint n = 0;

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, text);
  if (info->numeric)
    classes[n++] = "numeric";
  if (css_class != NULL)
    classes[n++] = css_class;
  gtk_widget_set_css_classes (label, classes);
}

/* Tables load when first shown: a big book opens on its deals without
 * waiting for a hundred thousand contacts. */
static void
ensure_loaded (Table *table)
{
  g_autoptr(GError) error = NULL;

  if (table->loaded || table->records == NULL)
    return;
  table->loaded = TRUE;
  if (!nudge_record_list_load (table->records, &error))
    g_warning ("Could not load the list: %s", error->message);
}

static Table *
current_table (NudgeListView *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->entity_stack);

  for (guint i = 0; i < N_TABLES; i++)
    if (g_strcmp0 (self->tables[i].name, name) == 0)
      return &self->tables[i];
  return &self->tables[0];
}

static Table *
table_for_entity (NudgeListView *self,
                  NudgeEntity    entity)
{
  for (guint i = 0; i < N_TABLES; i++)
    if (self->tables[i].entity == entity)
      return &self->tables[i];
  g_return_val_if_reached (NULL);
}

static gboolean
update_counts_cb (gpointer data)
{
  NudgeListView *self = data;
  Table *table = current_table (self);
  GListModel *model = G_LIST_MODEL (table->records);
  guint counts[NUDGE_N_SEGMENTS] = { 0, };
  guint n_items = g_list_model_get_n_items (model);
  gint64 now = nudge_clock_now ();

  self->counts_id = 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      for (guint s = 0; s < NUDGE_N_SEGMENTS; s++)
        if (segment_applies (s, table->entity) && item_in_segment (item, s, now))
          counts[s]++;
    }

  for (guint s = 0; s < NUDGE_N_SEGMENTS; s++)
    {
      g_autofree char *text = nudge_format_number (counts[s], 0);

      gtk_label_set_text (self->segment_counts[s], text);
      gtk_widget_set_visible (self->segment_rows[s], segment_applies (s, table->entity));
    }

  return G_SOURCE_REMOVE;
}

static void
queue_update_counts (NudgeListView *self)
{
  if (self->counts_id == 0)
    self->counts_id = g_timeout_add (200, update_counts_cb, self);
}

static void
update_matches (NudgeListView *self,
                Table         *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_clear_pointer (&table->matches, g_hash_table_unref);
  if (self->search_text == NULL)
    return;

  table->matches = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ids = nudge_store_search (self->store, table->entity, self->search_text, 0, &error);
  if (ids == NULL)
    {
      g_debug ("Search failed: %s", error->message);
      return;
    }
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (table->matches, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
}

/* Records added or renamed during a search are matched again. */
static gboolean
research_cb (gpointer data)
{
  NudgeListView *self = data;

  self->research_id = 0;
  if (self->search_text == NULL)
    return G_SOURCE_REMOVE;
  for (guint i = 0; i < N_TABLES; i++)
    {
      update_matches (self, &self->tables[i]);
      gtk_filter_changed (GTK_FILTER (self->tables[i].filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
keep_top_cb (gpointer data)
{
  Table *table = data;

  table->keep_top_id = 0;
  gtk_adjustment_set_value (table->vadjustment, 0);
  return G_SOURCE_REMOVE;
}

static void
records_changed_cb (GListModel    *model,
                    guint          position,
                    guint          removed,
                    guint          added,
                    NudgeListView *self)
{
  queue_update_counts (self);

  /* A table looked at from its top stays there while rows change
   * underneath (scores and follow-ups update in the background). */
  for (guint i = 0; i < N_TABLES; i++)
    {
      Table *table = &self->tables[i];

      if (G_LIST_MODEL (table->records) == model && table->vadjustment != NULL &&
          gtk_adjustment_get_value (table->vadjustment) == 0 && table->keep_top_id == 0)
        table->keep_top_id = g_idle_add (keep_top_cb, table);
    }

  if (self->search_text != NULL && added > 0 && self->research_id == 0)
    self->research_id = g_timeout_add (150, research_cb, self);
}

static void
update_new_button (NudgeListView *self)
{
  Table *table = current_table (self);

  switch (table->entity)
    {
    case NUDGE_ENTITY_DEAL:
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button), _("New Deal"));
      break;
    case NUDGE_ENTITY_CONTACT:
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button), _("New Contact"));
      break;
    case NUDGE_ENTITY_COMPANY:
    default:
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button), _("New Company"));
      break;
    }
}

static void
select_segment_row (NudgeListView *self,
                    NudgeSegment   segment)
{
  GtkListBoxRow *row = GTK_LIST_BOX_ROW (self->segment_rows[segment]);

  if (gtk_list_box_get_selected_row (self->segment_list) != row)
    gtk_list_box_select_row (self->segment_list, row);
}

static void
entity_changed_cb (NudgeListView *self)
{
  Table *table = current_table (self);

  ensure_loaded (table);
  update_counts_cb (self);
  select_segment_row (self, table->segment);
  update_new_button (self);
}

static void
segment_selected_cb (NudgeListView *self,
                     GtkListBoxRow *row)
{
  if (row == NULL)
    return;
  nudge_list_view_set_segment (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "segment")));
}

static void
segment_activated_cb (NudgeListView *self,
                      GtkListBoxRow *row)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
back_clicked_cb (NudgeListView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_changed_cb (NudgeListView *self)
{
  nudge_list_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (NudgeListView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
row_activated_cb (GtkColumnView *column_view,
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
    nudge_window_open_record (NUDGE_WINDOW (window), table->entity, record_id (item));
}

typedef struct
{
  NudgeStore  *store;
  NudgeEntity  entity;
  GArray      *ids;
} TrashedRecords;

static void
trashed_records_free (gpointer data)
{
  TrashedRecords *trashed = data;

  g_object_unref (trashed->store);
  g_array_unref (trashed->ids);
  g_free (trashed);
}

static void
undo_delete_cb (AdwToast       *toast,
                TrashedRecords *trashed)
{
  g_autoptr(GError) error = NULL;

  if (!nudge_store_restore (trashed->store, trashed->entity,
                            (const gint64 *) trashed->ids->data, trashed->ids->len, &error))
    g_warning ("Could not restore deleted records: %s", error->message);
}

static char *
deleted_message (NudgeEntity entity,
                 guint       n)
{
  switch (entity)
    {
    case NUDGE_ENTITY_DEAL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal deleted", "%u deals deleted", n), n);
    case NUDGE_ENTITY_CONTACT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact deleted", "%u contacts deleted", n), n);
    case NUDGE_ENTITY_COMPANY:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u company deleted", "%u companies deleted", n), n);
    }
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  Table *table = current_table (self);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  TrashedRecords *trashed;
  GtkBitsetIter iter;
  GtkWidget *window;
  AdwToast *toast;
  guint position;

  if (gtk_bitset_is_empty (selected))
    return;

  trashed = g_new0 (TrashedRecords, 1);
  trashed->store = g_object_ref (self->store);
  trashed->entity = table->entity;
  trashed->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (table->selection), position);
      gint64 id = record_id (item);

      g_array_append_val (trashed->ids, id);
    }

  if (!nudge_store_trash (self->store, trashed->entity,
                          (const gint64 *) trashed->ids->data, trashed->ids->len, &error))
    {
      g_warning ("Could not delete records: %s", error->message);
      trashed_records_free (trashed);
      return;
    }

  window = gtk_widget_get_ancestor (widget, NUDGE_TYPE_WINDOW);
  message = deleted_message (trashed->entity, trashed->ids->len);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete_cb),
                         trashed, (GClosureNotify) (void (*) (void)) trashed_records_free, 0);
  if (window != NULL)
    nudge_window_add_toast (NUDGE_WINDOW (window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  Table *table = current_table (self);
  const char *names[] = { "app.new-company", "app.new-contact", "app.new-deal" };

  if (table->entity <= NUDGE_ENTITY_DEAL)
    gtk_widget_activate_action (widget, names[table->entity], NULL);
}

static void
selection_changed_cb (NudgeListView *self)
{
  Table *table = current_table (self);
  g_autoptr(GtkBitset) selected = NULL;

  if (table->selection == NULL)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.delete", !gtk_bitset_is_empty (selected));
}

static void
add_columns (Table            *table,
             const ColumnInfo *columns,
             guint             n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) &columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (g_dgettext (GETTEXT_PACKAGE, columns[i].title), factory);
      sorter = column_sorter_new (columns[i].id);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_append_column (table->column_view, column);
    }
}

static void
setup_table (NudgeListView    *self,
             Table            *table,
             NudgeEntity       entity,
             const char       *name,
             const char       *title,
             const ColumnInfo *columns,
             guint             n_columns)
{
  GtkWidget *scrolled;
  GtkColumnViewColumn *first;

  table->view = self;
  table->entity = entity;
  table->name = name;
  table->segment = entity == NUDGE_ENTITY_DEAL ? NUDGE_SEGMENT_OPEN : NUDGE_SEGMENT_ALL;
  table->records = nudge_record_list_new (self->store, entity);
  g_signal_connect_object (table->records, "items-changed", G_CALLBACK (records_changed_cb), self, 0);

  table->filter = gtk_custom_filter_new (filter_func, table, NULL);
  table->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (table->records)),
                                               GTK_FILTER (g_object_ref (table->filter)));
  table->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (table->column_view, FALSE);
  add_columns (table, columns, n_columns);

  /* Sorted by the first column until the user picks another; sorted
   * before the view sees the rows, so it opens at the top. */
  first = g_list_model_get_item (gtk_column_view_get_columns (table->column_view), 0);
  gtk_column_view_sort_by_column (table->column_view, first, GTK_SORT_ASCENDING);
  g_object_unref (first);

  table->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (table->filtered)),
                                           g_object_ref (gtk_column_view_get_sorter (table->column_view)));
  table->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (table->sorted)));
  gtk_column_view_set_model (table->column_view, GTK_SELECTION_MODEL (table->selection));
  g_signal_connect (table->column_view, "activate", G_CALLBACK (row_activated_cb), table);
  g_signal_connect_object (table->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (table->selection, "items-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);


  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (table->column_view));
  table->vadjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
  gtk_stack_add_titled (self->entity_stack, scrolled, name, title);
}

static void
clear_table (Table *table)
{
  g_clear_handle_id (&table->keep_top_id, g_source_remove);
  g_clear_object (&table->vadjustment);
  g_clear_pointer (&table->matches, g_hash_table_unref);
  g_clear_object (&table->selection);
  g_clear_object (&table->sorted);
  g_clear_object (&table->filtered);
  g_clear_object (&table->filter);
  g_clear_object (&table->records);
}

static void
setup_segments (NudgeListView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name (segments[i].icon_name);
      GtkWidget *label = gtk_label_new (g_dgettext (GETTEXT_PACKAGE, segments[i].title));
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
      g_object_set_data (G_OBJECT (row), "segment", GINT_TO_POINTER (segments[i].segment));
      gtk_list_box_append (self->segment_list, row);

      self->segment_rows[segments[i].segment] = row;
      self->segment_counts[segments[i].segment] = GTK_LABEL (count);
    }
}

static void
nudge_list_view_dispose (GObject *object)
{
  NudgeListView *self = (NudgeListView *) object;

  g_clear_handle_id (&self->counts_id, g_source_remove);
  g_clear_handle_id (&self->research_id, g_source_remove);
  for (guint i = 0; i < N_TABLES; i++)
    {
      if (self->tables[i].selection != NULL)
        g_signal_handlers_disconnect_by_data (self->tables[i].selection, self);
      if (self->tables[i].records != NULL)
        g_signal_handlers_disconnect_by_data (self->tables[i].records, self);
    }
  if (self->entity_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->entity_stack, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_LIST_VIEW);
  for (guint i = 0; i < N_TABLES; i++)
    clear_table (&self->tables[i]);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nudge_list_view_parent_class)->dispose (object);
}

static void
nudge_list_view_class_init (NudgeListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_list_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, segment_list);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, content);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, back_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, new_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, entity_stack);

  gtk_widget_class_install_action (widget_class, "list.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "list.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "list.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "list.delete", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
nudge_list_view_init (NudgeListView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_segments (self);

  g_signal_connect_swapped (self->segment_list, "row-selected", G_CALLBACK (segment_selected_cb), self);
  g_signal_connect_swapped (self->segment_list, "row-activated", G_CALLBACK (segment_activated_cb), self);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.delete", FALSE);
}

GtkWidget *
nudge_list_view_new (NudgeStore *store)
{
  NudgeListView *self;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  self = g_object_new (NUDGE_TYPE_LIST_VIEW, NULL);
  self->store = g_object_ref (store);

  setup_table (self, &self->tables[0], NUDGE_ENTITY_DEAL, "deals", _("Deals"),
               deal_columns, G_N_ELEMENTS (deal_columns));
  setup_table (self, &self->tables[1], NUDGE_ENTITY_CONTACT, "contacts", _("Contacts"),
               contact_columns, G_N_ELEMENTS (contact_columns));
  setup_table (self, &self->tables[2], NUDGE_ENTITY_COMPANY, "companies", _("Companies"),
               company_columns, G_N_ELEMENTS (company_columns));

  g_signal_connect_object (self->entity_stack, "notify::visible-child-name",
                           G_CALLBACK (entity_changed_cb), self, G_CONNECT_SWAPPED);
  entity_changed_cb (self);

  return GTK_WIDGET (self);
}

void
nudge_list_view_set_entity (NudgeListView *self,
                            NudgeEntity    entity)
{
  Table *table;

  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));

  table = table_for_entity (self, entity);
  if (table != NULL)
    gtk_stack_set_visible_child_name (self->entity_stack, table->name);
}

NudgeEntity
nudge_list_view_get_entity (NudgeListView *self)
{
  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), NUDGE_ENTITY_DEAL);

  return current_table (self)->entity;
}

void
nudge_list_view_set_segment (NudgeListView *self,
                             NudgeSegment   segment)
{
  Table *table;
  NudgeSegment old;

  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));
  g_return_if_fail (segment < NUDGE_N_SEGMENTS);

  table = current_table (self);
  if (!segment_applies (segment, table->entity))
    return;

  old = table->segment;
  table->segment = segment;
  select_segment_row (self, segment);
  if (old == segment)
    return;
  /* "All" holds every other segment. */
  if (old == NUDGE_SEGMENT_ALL)
    gtk_filter_changed (GTK_FILTER (table->filter), GTK_FILTER_CHANGE_MORE_STRICT);
  else if (segment == NUDGE_SEGMENT_ALL)
    gtk_filter_changed (GTK_FILTER (table->filter), GTK_FILTER_CHANGE_LESS_STRICT);
  else
    gtk_filter_changed (GTK_FILTER (table->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
nudge_list_view_set_search (NudgeListView *self,
                            const char    *text)
{
  g_autofree char *stripped = NULL;
  GtkFilterChange change;

  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (g_strcmp0 (stripped, self->search_text != NULL ? self->search_text : "") == 0)
    return;

  /* Prefix matching: typing more can only narrow the matches. */
  if (self->search_text == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (*stripped == '\0')
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (g_str_has_prefix (stripped, self->search_text))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (g_str_has_prefix (self->search_text, stripped))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_clear_pointer (&self->search_text, g_free);
  if (*stripped != '\0')
    self->search_text = g_strdup (stripped);

  for (guint i = 0; i < N_TABLES; i++)
    {
      Table *table = &self->tables[i];

      update_matches (self, table);
      gtk_filter_changed (GTK_FILTER (table->filter), change);
    }
}

GListModel *
nudge_list_view_get_model (NudgeListView *self,
                           NudgeEntity    entity)
{
  Table *table;

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), NULL);

  table = table_for_entity (self, entity);
  if (table == NULL)
    return NULL;
  ensure_loaded (table);
  return G_LIST_MODEL (table->sorted);
}

GtkSelectionModel *
nudge_list_view_get_selection (NudgeListView *self,
                               NudgeEntity    entity)
{
  Table *table;

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), NULL);

  table = table_for_entity (self, entity);
  return table != NULL ? GTK_SELECTION_MODEL (table->selection) : NULL;
}

void
nudge_list_view_focus_search (NudgeListView *self)
{
  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
