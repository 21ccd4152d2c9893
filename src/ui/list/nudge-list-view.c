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
#include "nudge-backup.h"
#include "nudge-clock.h"
#include "nudge-file.h"
#include "nudge-format.h"
#include "nudge-import.h"
#include "nudge-list-view.h"
#include "nudge-pace.h"
#include "nudge-next-step-dialog.h"
#include "nudge-record-list.h"
#include "nudge-scoring.h"
#include "nudge-timeline.h"
#include "nudge-window.h"
#include "nudge-worker.h"

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
  const char *key;       /* stable name in the hidden-list-columns setting */
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
  GtkListView        *narrow_list;    /* two lines a record, on a narrow window */
  GtkStack           *modes;          /* "table" or "narrow" */
  GtkAdjustment      *vadjustment;
  guint               keep_top_id;
  GHashTable         *matches;   /* ids from the search, NULL = no search */
  gboolean            loaded;
  NudgeSegment        segment;
  char               *named_segment;  /* a core or saved segment, or NULL */
  GHashTable         *named_ids;      /* its members */
  GMenu              *columns_menu;   /* which columns show */
  GPtrArray          *all_columns;    /* shown or not, in their order */
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
  int          n_members;   /* −1 until a worker counted them */
} NamedRow;

typedef struct _ImportJob ImportJob;

static void cancel_import_cb (struct _NudgeListView *self);

struct _NudgeListView
{
  GtkWidget       parent_instance;

  NudgeContext    *context;

  NudgeStore     *store;
  Table           tables[N_TABLES];
  char           *search_text;
  GtkWidget      *segment_rows[NUDGE_N_SEGMENTS];
  GtkLabel       *segment_counts[NUDGE_N_SEGMENTS];
  guint           counts_id;
  guint           research_id;
  GPtrArray      *named_rows;   /* NamedRow */
  guint           named_id;
  gboolean        named_rebuild;
  gboolean        segments_loading;
  gboolean        segments_again;
  gboolean        segments_again_rebuild;
  GCancellable   *segments_cancellable;

  AdwLeaflet     *leaflet;
  GtkListBox     *segment_list;
  GtkWidget      *content;
  GtkWidget      *import_bar;
  GtkWidget      *import_label;
  GtkWidget      *import_progress;
  ImportJob      *import_job;     /* the import under way */
  GCancellable   *import_cancellable;
  guint           import_pulse_id;
  NudgeListViewImportDone import_done_hook;
  gpointer        import_done_data;
  GtkButton      *back_button;
  GtkButton      *new_button;
  GtkMenuButton  *cadence_button;
  GtkSearchEntry *search_entry;
  GtkWidget      *entity_switcher;
  GtkStack       *entity_stack;
  GMenu          *more_menu;
  GtkWidget      *row_menu;       /* a row's context menu, made on first use */

  GSettings      *settings;      /* NULL when the schema is not installed */
  GSimpleActionGroup *column_actions;

  gboolean        narrow;        /* a list of records instead of the tables */
  guint           narrow_id;
};

G_DEFINE_FINAL_TYPE (NudgeListView, nudge_list_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Below this width the tables give way to a list of two lines a record */
#define NARROW_WIDTH 600

/* Room for a header's sort arrow, and a cell's padding on both sides */
#define COLUMN_SORT_ARROW 18
#define COLUMN_PADDING    16

static const ColumnInfo deal_columns[] = {
  { COL_DEAL_TITLE, N_("Deal"), FALSE, TRUE, 160, "title" },
  { COL_DEAL_COMPANY, N_("Company"), FALSE, TRUE, 120, "company" },
  { COL_DEAL_CONTACT, N_("Contact"), FALSE, TRUE, 110, "contact" },
  { COL_DEAL_STAGE, N_("Stage"), FALSE, FALSE, 90, "stage" },
  { COL_DEAL_AMOUNT, N_("Amount"), TRUE, FALSE, 120, "amount" },
  { COL_DEAL_CLOSE, N_("Expected Close"), FALSE, FALSE, 110, "expected-close" },
  { COL_DEAL_LAST_ACTIVITY, N_("Last Activity"), FALSE, FALSE, 110, "last-activity" },
  { COL_DEAL_NEXT_FOLLOWUP, N_("Next Follow-up"), FALSE, FALSE, 110, "next-followup" },
  { COL_DEAL_SCORE, N_("Score"), TRUE, FALSE, 60, "score" },
  { COL_DEAL_STATUS, N_("Status"), FALSE, FALSE, 80, "status" },
};

static const ColumnInfo contact_columns[] = {
  { COL_CONTACT_NAME, N_("Name"), FALSE, TRUE, 170, "name" },
  { COL_CONTACT_COMPANY, N_("Company"), FALSE, TRUE, 150, "company" },
  { COL_CONTACT_EMAIL, N_("E-mail"), FALSE, TRUE, 190, "email" },
  { COL_CONTACT_PHONE, N_("Phone"), FALSE, FALSE, 150, "phone" },
  { COL_CONTACT_LAST_ACTIVITY, N_("Last Activity"), FALSE, FALSE, 110, "last-activity" },
  { COL_CONTACT_NEXT_FOLLOWUP, N_("Next Follow-up"), FALSE, FALSE, 120, "next-followup" },
  { COL_CONTACT_SCORE, N_("Score"), TRUE, FALSE, 80, "score" },
};

static const ColumnInfo company_columns[] = {
  { COL_COMPANY_NAME, N_("Name"), FALSE, TRUE, 220, "name" },
  { COL_COMPANY_INDUSTRY, N_("Industry"), FALSE, TRUE, 170, "industry" },
  { COL_COMPANY_CONTACTS, N_("Contacts"), TRUE, FALSE, 90, "contacts" },
  { COL_COMPANY_OPEN_DEALS, N_("Open Deals"), TRUE, FALSE, 100, "open-deals" },
  { COL_COMPANY_LAST_ACTIVITY, N_("Last Activity"), FALSE, FALSE, 120, "last-activity" },
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

/* A cut cell shows its whole text on hover. Asked for on hover rather
 * than set on every bind: setting a tooltip asks the X server where the
 * pointer is, a round trip per cell each time rows change. */
static gboolean
query_cell_tooltip_cb (GtkWidget  *label,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || *text == '\0' ||
      !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void cell_pressed_cb      (GtkGestureClick     *gesture,
                                  int                  n_press,
                                  double               x,
                                  double               y,
                                  GtkListItem         *list_item);
static void cell_long_pressed_cb (GtkGestureLongPress *gesture,
                                  double               x,
                                  double               y,
                                  GtkListItem         *list_item);

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  const ColumnInfo *info = data;
  GtkWidget *label = gtk_label_new (NULL);
  GtkGesture *click, *long_press;

  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_cell_tooltip_cb), NULL);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), info->numeric ? 1.0 : 0.0);
  gtk_list_item_set_child (list_item, label);

  /* A cell fills its row's height: a right click anywhere on the row
   * lands on one. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (cell_pressed_cb), list_item);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));
  /* A touchscreen's right click. */
  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (cell_long_pressed_cb), list_item);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (long_press));
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
  if (info->numeric)
    classes[n++] = "numeric";
  if (css_class != NULL)
    classes[n++] = css_class;
  gtk_widget_set_css_classes (label, classes);

  /* GTK 4.8 names a table's cells and rows after their class: a cell
   * reads as its text, a row (which takes the focus) as its first
   * column, the deal's title or the name. */
  if (gtk_widget_get_parent (label) != NULL)
    {
      GtkWidget *cell = gtk_widget_get_parent (label);

      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      text != NULL ? text : "", -1);
      if ((info->id == COL_DEAL_TITLE || info->id == COL_CONTACT_NAME || info->id == COL_COMPANY_NAME)
          && gtk_widget_get_parent (cell) != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (cell)),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, text != NULL ? text : "", -1);
    }
}

/* Tables load when first shown: a big book opens on its deals without
 * waiting for a hundred thousand contacts. */
static void
ensure_loaded (Table *table)
{
  if (table->loaded || table->records == NULL)
    return;
  table->loaded = TRUE;
  /* Read by a worker: a 100,000-row table never holds the window. */
  nudge_record_list_load_async (table->records);
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
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("New Deal"), -1);
      break;
    case NUDGE_ENTITY_CONTACT:
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button), _("New Contact"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("New Contact"), -1);
      break;
    case NUDGE_ENTITY_COMPANY:
    default:
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button), _("New Company"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("New Company"), -1);
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

static void
named_row_free (gpointer data)
{
  NamedRow *named = data;

  g_free (named->name);
  g_free (named);
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
  gtk_widget_set_tooltip_text (named->row, tooltip);
  g_object_set_data (G_OBJECT (named->row), "named-segment", named);
  g_object_set_data (G_OBJECT (named->row), "group", GINT_TO_POINTER (saved ? 2 : 1));
  gtk_widget_set_visible (named->row, FALSE);
  gtk_list_box_append (self->segment_list, named->row);
  g_ptr_array_add (self->named_rows, named);
  return named;
}

static NamedRow *
find_named_row (NudgeListView *self,
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
  Table *table = current_table (self);

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

static gboolean
load_named_ids (NudgeListView *self,
                Table         *table)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&table->named_ids, g_hash_table_unref);
  if (table->named_segment == NULL)
    return TRUE;
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

static void rebuild_saved_rows (NudgeListView *self,
                                SegmentsJob   *job);
static void select_current_row (NudgeListView *self);
static void start_segments_job (NudgeListView *self,
                                gboolean       rebuild);

static void
segments_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(NudgeListView) self = user_data;
  g_autoptr(GError) error = NULL;
  SegmentsJob *job = nudge_worker_get_data (result);

  self->segments_loading = FALSE;
  if (!nudge_worker_run_finish (NUDGE_STORE (source), result, &error) || self->store == NULL)
    return;

  if (job->rebuild)
    rebuild_saved_rows (self, job);
  for (guint i = 0; i < self->named_rows->len; i++)
    {
      NamedRow *named = g_ptr_array_index (self->named_rows, i);
      GArray *ids = g_hash_table_lookup (job->members, named->name);

      if (ids != NULL)
        named->n_members = ids->len;
    }
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
  select_current_row (self);

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
                    segments_done_cb, g_object_ref (self));
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

static void
store_changes_cb (NudgeListView  *self,
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


static void
select_current_row (NudgeListView *self)
{
  Table *table = current_table (self);
  NamedRow *named = NULL;

  if (table->named_segment != NULL)
    named = find_named_row (self, table->named_segment, table->entity);
  if (named != NULL)
    {
      if (gtk_list_box_get_selected_row (self->segment_list) != GTK_LIST_BOX_ROW (named->row))
        gtk_list_box_select_row (self->segment_list, GTK_LIST_BOX_ROW (named->row));
    }
  else
    select_segment_row (self, table->segment);
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

      g_object_set_data (G_OBJECT (named->row), "group", GINT_TO_POINTER (3));
    }
  for (guint i = 0; job->industries != NULL && job->industries[i] != NULL; i++)
    {
      g_autofree char *key = g_strconcat ("industry:", job->industries[i], NULL);
      NamedRow *named = add_named_row (self, key, job->industries[i], _("Companies in this industry"),
                                       "nudge-list-symbolic", NUDGE_ENTITY_COMPANY, TRUE);

      g_object_set_data (G_OBJECT (named->row), "group", GINT_TO_POINTER (3));
    }
}

/* At once, for a search the user just saved: it is shown right away. */
static void
reload_saved_segments (NudgeListView *self)
{
  SegmentsJob *job = g_new0 (SegmentsJob, 1);

  job->rebuild = TRUE;
  job->names = g_ptr_array_new_with_free_func (g_free);
  job->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  segments_job (self->store, job, NULL, NULL);
  rebuild_saved_rows (self, job);
  for (guint i = 0; i < self->named_rows->len; i++)
    {
      NamedRow *named = g_ptr_array_index (self->named_rows, i);
      GArray *ids = g_hash_table_lookup (job->members, named->name);

      if (ids != NULL)
        named->n_members = ids->len;
    }
  segments_job_free (job);
  update_named_counts (self);
  select_current_row (self);
}

static void
setup_named_segments (NudgeListView *self)
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
static void
segment_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       data)
{
  int group = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "group"));
  int before_group = before != NULL ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (before), "group")) : group;

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
static void
update_bulk_actions (NudgeListView *self)
{
  Table *table = current_table (self);
  gboolean takes_cadence = table->entity == NUDGE_ENTITY_DEAL || table->entity == NUDGE_ENTITY_CONTACT;
  gboolean any = FALSE;

  if (table->selection != NULL)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));

      any = !gtk_bitset_is_empty (selected);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->cadence_button), takes_cadence);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cadence_button), takes_cadence && any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.apply-cadence", takes_cadence && any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.export-csv", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.save-search", self->search_text != NULL);
}

/* The view's menu names the columns of the table on show. */
static void
update_more_menu (NudgeListView *self)
{
  Table *table = current_table (self);

  if (self->more_menu == NULL || table->columns_menu == NULL)
    return;
  while (g_menu_model_get_n_items (G_MENU_MODEL (self->more_menu)) > 1)
    g_menu_remove (self->more_menu, 1);
  g_menu_append_submenu (self->more_menu, _("Columns"), G_MENU_MODEL (table->columns_menu));
}

static void
entity_changed_cb (NudgeListView *self)
{
  Table *table = current_table (self);

  ensure_loaded (table);
  /* Counted now: a count queued by the load would outlive its source id. */
  g_clear_handle_id (&self->counts_id, g_source_remove);
  update_counts_cb (self);
  update_named_counts (self);
  select_current_row (self);
  update_new_button (self);
  update_bulk_actions (self);
  update_more_menu (self);
}

static void
segment_selected_cb (NudgeListView *self,
                     GtkListBoxRow *row)
{
  NamedRow *named;

  if (row == NULL)
    return;
  named = g_object_get_data (G_OBJECT (row), "named-segment");
  if (named != NULL)
    nudge_list_view_set_named_segment (self, named->name);
  else
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

/* ---- a row's context menu -------------------------------------------- */

static GMenuModel *
build_row_menu (gpointer item)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open"), NULL);

  if ((NUDGE_IS_DEAL (item) && nudge_deal_get_status (item) == NUDGE_DEAL_OPEN) || NUDGE_IS_CONTACT (item))
    {
      g_autoptr(GMenuItem) plan = g_menu_item_new (_("Plan _Next Step…"), NULL);
      gint64 deal_id = NUDGE_IS_DEAL (item) ? nudge_deal_get_id (item) : 0;
      gint64 contact_id = NUDGE_IS_DEAL (item) ? nudge_deal_get_contact_id (item) : nudge_contact_get_id (item);

      g_menu_item_set_action_and_target_value (plan, "list.plan-next-step",
                                               g_variant_new ("(xx)", deal_id, contact_id));
      g_menu_append_item (menu, plan);
    }
  g_menu_item_set_action_and_target_value (open, "list.open-record", g_variant_new_int64 (record_id (item)));
  g_menu_append_item (menu, open);
  return G_MENU_MODEL (menu);
}

/* The menu of the row at @position of @table, pointing at (@x, @y) in
 * the view; the row joins the selection first, as in Files. */
static void
popup_row_menu (NudgeListView *self,
                Table         *table,
                guint          position,
                double         x,
                double         y)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (table->selection), position);
  g_autoptr(GMenuModel) menu = NULL;

  if (item == NULL)
    return;
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (table->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (table->selection), position, TRUE);
  menu = build_row_menu (item);
  if (self->row_menu == NULL)
    {
      self->row_menu = gtk_popover_menu_new_from_model (menu);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
      gtk_widget_set_halign (self->row_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->row_menu, GTK_WIDGET (self));
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->row_menu), menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
  gtk_popover_present (GTK_POPOVER (self->row_menu));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
popup_row_menu_at_cell (GtkGesture  *gesture,
                        double       x,
                        double       y,
                        GtkListItem *list_item)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *view = gtk_widget_get_ancestor (cell, NUDGE_TYPE_LIST_VIEW);
  NudgeListView *self;
  double view_x, view_y;

  if (view == NULL || gtk_list_item_get_item (list_item) == NULL)
    return;
  self = NUDGE_LIST_VIEW (view);
  for (guint i = 0; i < N_TABLES; i++)
    if (self->tables[i].column_view != NULL &&
        gtk_widget_is_ancestor (cell, GTK_WIDGET (self->tables[i].column_view)))
      {
        if (!gtk_widget_translate_coordinates (cell, view, x, y, &view_x, &view_y))
          view_x = view_y = 0;
        gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
        popup_row_menu (self, &self->tables[i], gtk_list_item_get_position (list_item), view_x, view_y);
        return;
      }
}

static void
cell_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *list_item)
{
  popup_row_menu_at_cell (GTK_GESTURE (gesture), x, y, list_item);
}

static void
cell_long_pressed_cb (GtkGestureLongPress *gesture,
                      double               x,
                      double               y,
                      GtkListItem         *list_item)
{
  popup_row_menu_at_cell (GTK_GESTURE (gesture), x, y, list_item);
}

/* Menu or Shift+F10: the menu of the first selected row, at the focus. */
static void
row_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  Table *table = current_table (self);
  g_autoptr(GtkBitset) selected = NULL;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);

  if (table->selection == NULL)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));
  if (gtk_bitset_is_empty (selected))
    return;
  /* At the focused row; else at the top of the table. */
  if ((focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (table->column_view)) ||
       !gtk_widget_compute_bounds (focus, widget, &bounds)) &&
      !gtk_widget_compute_bounds (GTK_WIDGET (table->column_view), widget, &bounds))
    bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  bounds.size.height = MIN (bounds.size.height, 48);
  popup_row_menu (self, table, gtk_bitset_get_minimum (selected),
                  bounds.origin.x + 12, bounds.origin.y + bounds.size.height / 2);
}

static void
plan_next_step_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  gint64 deal_id, contact_id;

  g_variant_get (param, "(xx)", &deal_id, &contact_id);
  nudge_next_step_dialog_present_for_record (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                             self->store, deal_id, contact_id);
}

static void
open_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  GtkWidget *window = gtk_widget_get_ancestor (widget, NUDGE_TYPE_WINDOW);

  if (window != NULL)
    nudge_window_open_record (NUDGE_WINDOW (window), current_table (self)->entity, g_variant_get_int64 (param));
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

static GArray *
selected_ids (Table *table)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (table->selection), position);
      gint64 id = record_id (item);

      g_array_append_val (ids, id);
    }
  return ids;
}

static void
show_toast (NudgeListView *self,
            const char    *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), NUDGE_TYPE_WINDOW);
  AdwToast *toast = adw_toast_new (message);

  if (window != NULL)
    nudge_window_add_toast (NUDGE_WINDOW (window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* The cadences are listed afresh each time the menu opens: they are
 * edited in the automation settings. */
static void
cadence_popup_cb (GtkMenuButton *button,
                  gpointer       data)
{
  NudgeListView *self = data;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GPtrArray) cadences = NULL;
  g_autoptr(GError) error = NULL;

  cadences = nudge_cadence_list (self->store, &error);
  if (cadences == NULL)
    g_warning ("Could not list cadences: %s", error->message);
  for (guint i = 0; cadences != NULL && i < cadences->len; i++)
    {
      NudgeCadence *cadence = g_ptr_array_index (cadences, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (cadence->name, NULL);

      g_menu_item_set_action_and_target (item, "list.apply-cadence", "s", cadence->name);
      g_menu_append_item (section, item);
    }
  if (cadences == NULL || cadences->len == 0)
    g_menu_append (section, _("No cadences"), "list.no-cadence");
  /* TRANSLATORS: the title of the menu that applies a cadence to the selected rows */
  g_menu_append_section (menu, _("Apply Cadence"), G_MENU_MODEL (section));
  {
    g_autoptr(GMenu) plan = g_menu_new ();
    static const struct { const char *label; const char *kind; int days; } presets[] = {
      { N_("Call Tomorrow"), "call", 1 },
      { N_("E-mail in 3 Days"), "email", 3 },
      { N_("Call Next Week"), "call", 7 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (_(presets[i].label), NULL);

        g_menu_item_set_action_and_target (item, "list.plan-followup", "(si)", presets[i].kind, presets[i].days);
        g_menu_append_item (plan, item);
      }
    /* TRANSLATORS: the title of the menu that adds one follow-up to each selected row */
    g_menu_append_section (menu, _("Plan a Follow-up for Each"), G_MENU_MODEL (plan));
  }
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
apply_cadence_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int n;

  n = nudge_list_view_apply_cadence (self, g_variant_get_string (parameter, NULL), &error);
  if (n < 0)
    {
      /* TRANSLATORS: %s is the reason, e.g. a database error */
      message = g_strdup_printf (_("Could not apply the cadence: %s"), error->message);
      show_toast (self, message);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d follow-up created", "%d follow-ups created", n), n);
  show_toast (self, message);
}

static void
plan_followup_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *kind;
  int days;
  int n;

  g_variant_get (parameter, "(&si)", &kind, &days);
  n = nudge_list_view_plan_followups (self, kind, days, &error);
  if (n < 0)
    message = g_strdup_printf (_("Could not plan the follow-ups: %s"), error->message);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d follow-up created", "%d follow-ups created", n), n);
  show_toast (self, message);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    NudgeListView   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    {
      NudgeEntity entity = current_table (self)->entity;

      if (!nudge_list_view_export_selection (self, entity, file, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Could not export: %s"), error->message);

          show_toast (self, message);
        }
      else
        show_toast (self, _("Selection exported"));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *file_names[] = { N_("companies.csv"), N_("contacts.csv"), N_("deals.csv") };
  NudgeEntity entity = current_table (self)->entity;

  dialog = gtk_file_chooser_native_new (_("Export Selection"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (entity <= NUDGE_ENTITY_DEAL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), g_dgettext (GETTEXT_PACKAGE, file_names[entity]));
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- import ------------------------------------------------------------ */

typedef struct
{
  NudgeStore  *store;
  NudgeEntity  entity;
  GArray      *ids;
  GArray      *company_ids;
} ImportedRecords;

static void
imported_records_free (gpointer data)
{
  ImportedRecords *imported = data;

  g_object_unref (imported->store);
  g_array_unref (imported->ids);
  g_array_unref (imported->company_ids);
  g_free (imported);
}

/* Undo takes the imported rows, and the companies they brought, to the
 * trash. */
static void
undo_import_cb (AdwToast        *toast,
                ImportedRecords *imported)
{
  g_autoptr(GError) error = NULL;

  if (!nudge_store_trash (imported->store, imported->entity,
                          (const gint64 *) imported->ids->data, imported->ids->len, &error) ||
      (imported->company_ids->len > 0 &&
       !nudge_store_trash (imported->store, NUDGE_ENTITY_COMPANY,
                           (const gint64 *) imported->company_ids->data, imported->company_ids->len, &error)))
    g_warning ("Could not undo the import: %s", error->message);
}

static char *
imported_message (NudgeEntity entity,
                  guint       n)
{
  switch (entity)
    {
    case NUDGE_ENTITY_DEAL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal imported", "%u deals imported", n), n);
    case NUDGE_ENTITY_CONTACT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact imported", "%u contacts imported", n), n);
    case NUDGE_ENTITY_COMPANY:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u company imported", "%u companies imported", n), n);
    }
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    NudgeListView   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    nudge_list_view_import_file_async (self, current_table (self)->entity, file);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Import from CSV"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("CSV and vCard files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  /* Contacts also come as vCard, recognised by their content */
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_filter_add_mime_type (filter, "text/x-vcard");
  gtk_file_filter_add_suffix (filter, "vcf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_search_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         NudgeListView    *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "save") &&
      !nudge_list_view_save_search (self, gtk_editable_get_text (entry), &error))
    show_toast (self, error->message);
}

static void
save_entry_changed_cb (GtkEditable      *entry,
                       AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

static void
save_search_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->search_text == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Save Search as Segment"), NULL);
  /* TRANSLATORS: %s is the search text */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The segment lists everything matching “%s”, kept up to date."),
                                  self->search_text);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Segment name"));
  gtk_editable_set_text (GTK_EDITABLE (entry), self->search_text);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (save_entry_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_search_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* RFC 4180, and no formulas for spreadsheets (nudge-format.h). */
static void
append_csv_field (GString    *out,
                  const char *text)
{
  nudge_format_append_csv_field (out, text);
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
  update_bulk_actions (self);
}

/* ---- visible columns ---------------------------------------------------- */

static char *
column_setting_name (Table            *table,
                     const ColumnInfo *info)
{
  return g_strdup_printf ("%s:%s", table->name, info->key);
}

static gboolean
column_hidden (NudgeListView *self,
               const char    *setting_name)
{
  g_auto(GStrv) hidden = NULL;

  if (self->settings == NULL)
    return FALSE;
  hidden = g_settings_get_strv (self->settings, "hidden-list-columns");
  return g_strv_contains ((const char * const *) hidden, setting_name);
}

/* A hidden column is taken out of the view rather than made invisible:
 * GTK 4.8 keeps the width of an invisible column, and the expanding
 * columns would not take its place. */
static void
show_column (Table               *table,
             GtkColumnViewColumn *column,
             gboolean             visible)
{
  GListModel *shown = gtk_column_view_get_columns (table->column_view);
  guint position = 0;
  gboolean is_shown = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GtkColumnViewColumn) other = g_list_model_get_item (shown, i);

      if (other == column)
        is_shown = TRUE;
    }
  if (is_shown == visible)
    return;
  if (!visible)
    {
      gtk_column_view_remove_column (table->column_view, column);
      return;
    }
  /* After every shown column that comes before it. */
  for (guint i = 0; i < table->all_columns->len; i++)
    {
      GtkColumnViewColumn *other = g_ptr_array_index (table->all_columns, i);

      if (other == column)
        break;
      if (gtk_column_view_column_get_column_view (other) != NULL)
        position++;
    }
  gtk_column_view_insert_column (table->column_view, position, column);
}

static void
column_visible_changed_cb (GSimpleAction *action,
                           GVariant      *state,
                           gpointer       data)
{
  GtkColumnViewColumn *column = data;
  Table *table = g_object_get_data (G_OBJECT (column), "table");
  const char *setting_name = g_object_get_data (G_OBJECT (column), "setting-name");
  gboolean visible = g_variant_get_boolean (state);
  NudgeListView *self = table->view;

  g_simple_action_set_state (action, state);
  show_column (table, column, visible);

  if (self->settings != NULL && column_hidden (self, setting_name) == visible)
    {
      g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-list-columns");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) updated = NULL;

      for (guint i = 0; hidden[i] != NULL; i++)
        if (!g_str_equal (hidden[i], setting_name))
          g_strv_builder_add (builder, hidden[i]);
      if (!visible)
        g_strv_builder_add (builder, setting_name);
      updated = g_strv_builder_end (builder);
      g_settings_set_strv (self->settings, "hidden-list-columns", (const char * const *) updated);
    }
}

/* Every column but the first (the record's name) can be hidden, from the
 * menu of any column header and from the view's menu; the choice is kept
 * in GSettings. Its action is "columns.<table>-<key>". */
static void
add_column_toggle (Table               *table,
                   GtkColumnViewColumn *column,
                   const ColumnInfo    *info)
{
  NudgeListView *self = table->view;
  g_autofree char *setting_name = column_setting_name (table, info);
  g_autofree char *action_name = g_strdup_printf ("%s-%s", table->name, info->key);
  g_autofree char *detailed = g_strdup_printf ("columns.%s", action_name);
  gboolean visible = !column_hidden (self, setting_name);
  g_autoptr(GSimpleAction) action = NULL;

  g_object_set_data_full (G_OBJECT (column), "setting-name", g_steal_pointer (&setting_name), g_free);
  g_object_set_data (G_OBJECT (column), "table", table);

  action = g_simple_action_new_stateful (action_name, NULL, g_variant_new_boolean (visible));
  g_signal_connect_object (action, "change-state", G_CALLBACK (column_visible_changed_cb), column, 0);
  g_action_map_add_action (G_ACTION_MAP (self->column_actions), G_ACTION (action));
  g_menu_append (table->columns_menu, g_dgettext (GETTEXT_PACKAGE, info->title), detailed);
  show_column (table, column, visible);
}

/* What a column of fixed width must show whole: its header (with room for
 * the sort arrow) and the longest of the texts its cells can hold, in the
 * language the app runs in. */
static int
measure_text (GtkWidget  *widget,
              const char *text,
              int         width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int text_width;

  pango_layout_get_pixel_size (layout, &text_width, NULL);
  return MAX (width, text_width);
}

static int
measure_column (Table            *table,
                const ColumnInfo *info)
{
  GtkWidget *widget = GTK_WIDGET (table->column_view);
  gint64 now = nudge_clock_now ();
  static const int days[] = { -800, -400, -45, -6, -1, 0, 1, 6, 45, 400 };
  int width = measure_text (widget, g_dgettext (GETTEXT_PACKAGE, info->title), 0) + COLUMN_SORT_ARROW;

  switch (info->id)
    {
    case COL_DEAL_STAGE:
      {
        g_autoptr(GPtrArray) stages = nudge_store_list_stages (table->view->store,
                                                               nudge_store_get_default_pipeline (table->view->store),
                                                               NULL);

        for (guint i = 0; stages != NULL && i < stages->len; i++)
          width = measure_text (widget, nudge_stage_get_name (g_ptr_array_index (stages, i)), width);
      }
      break;
    case COL_DEAL_STATUS:
      for (NudgeDealStatus status = NUDGE_DEAL_OPEN; status <= NUDGE_DEAL_ON_HOLD; status++)
        width = measure_text (widget, nudge_deal_status_label (status), width);
      break;
    case COL_DEAL_CLOSE:
      for (guint i = 0; i < G_N_ELEMENTS (days); i++)
        {
          g_autofree char *text = nudge_format_date (now + days[i] * G_TIME_SPAN_DAY / G_USEC_PER_SEC);

          width = measure_text (widget, text, width);
        }
      break;
    case COL_DEAL_LAST_ACTIVITY:
    case COL_DEAL_NEXT_FOLLOWUP:
    case COL_CONTACT_LAST_ACTIVITY:
    case COL_CONTACT_NEXT_FOLLOWUP:
    case COL_COMPANY_LAST_ACTIVITY:
      width = measure_text (widget, _("Never"), width);
      width = measure_text (widget, _("No next step"), width);
      for (guint i = 0; i < G_N_ELEMENTS (days); i++)
        {
          g_autofree char *text = nudge_format_relative_day (now + days[i] * G_TIME_SPAN_DAY / G_USEC_PER_SEC, now);

          width = measure_text (widget, text, width);
        }
      break;
    default:
      return info->width;
    }
  return width + COLUMN_PADDING;
}

static void
add_columns (Table            *table,
             const ColumnInfo *columns,
             guint             n_columns)
{
  g_autoptr(GMenu) header_menu = g_menu_new ();

  table->columns_menu = g_menu_new ();
  table->all_columns = g_ptr_array_new_with_free_func (g_object_unref);
  g_menu_append_section (header_menu, _("Columns"), G_MENU_MODEL (table->columns_menu));

  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) &columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (g_dgettext (GETTEXT_PACKAGE, columns[i].title), factory);
      g_object_set_data (G_OBJECT (column), "column-info", (gpointer) &columns[i]);
      sorter = column_sorter_new (columns[i].id);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_fixed_width (column, columns[i].expand ? columns[i].width
                                                                         : measure_column (table, &columns[i]));
      gtk_column_view_column_set_header_menu (column, G_MENU_MODEL (header_menu));
      gtk_column_view_append_column (table->column_view, column);
      g_ptr_array_add (table->all_columns, g_object_ref (column));
      if (i > 0)
        add_column_toggle (table, column, &columns[i]);
    }
}

/* ---- the narrow list --------------------------------------------------- */

/* What a record's second line says, after its name */
static const ColumnId deal_secondary[] = { COL_DEAL_COMPANY, COL_DEAL_STAGE, COL_DEAL_AMOUNT, COL_DEAL_NEXT_FOLLOWUP };
static const ColumnId contact_secondary[] = { COL_CONTACT_COMPANY, COL_CONTACT_EMAIL, COL_CONTACT_PHONE };
static const ColumnId company_secondary[] = { COL_COMPANY_INDUSTRY, COL_COMPANY_LAST_ACTIVITY };

static void
narrow_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "list-narrow-row");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (list_item, box);
}

static void
narrow_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                Table                    *table)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  gpointer item = gtk_list_item_get_item (list_item);
  const ColumnId *secondary;
  guint n_secondary;
  ColumnId first;
  g_autofree char *name = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  const char *css_class = NULL;

  switch (table->entity)
    {
    case NUDGE_ENTITY_DEAL:
      first = COL_DEAL_TITLE;
      secondary = deal_secondary;
      n_secondary = G_N_ELEMENTS (deal_secondary);
      break;
    case NUDGE_ENTITY_CONTACT:
      first = COL_CONTACT_NAME;
      secondary = contact_secondary;
      n_secondary = G_N_ELEMENTS (contact_secondary);
      break;
    default:
      first = COL_COMPANY_NAME;
      secondary = company_secondary;
      n_secondary = G_N_ELEMENTS (company_secondary);
      break;
    }

  name = column_text (first, item, &css_class);
  gtk_label_set_text (GTK_LABEL (title), name != NULL ? name : "");
  for (guint i = 0; i < n_secondary; i++)
    {
      g_autofree char *text = column_text (secondary[i], item, &css_class);

      if (text == NULL || *text == '\0')
        continue;
      if (line->len > 0)
        /* Translators: between the facts on a record's second line in the
         * narrow list ("Okna Poznań · Proposal sent · 31,000 €") */
        g_string_append (line, _(" · "));
      g_string_append (line, text);
    }
  gtk_label_set_text (GTK_LABEL (subtitle), line->str);
  gtk_widget_set_visible (subtitle, line->len > 0);

  /* The row takes the focus: it reads as the record's name */
  if (gtk_widget_get_parent (box) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name != NULL ? name : "", -1);
}

static void
show_mode (NudgeListView *self)
{
  for (guint i = 0; i < N_TABLES; i++)
    if (self->tables[i].modes != NULL)
      gtk_stack_set_visible_child_name (self->tables[i].modes, self->narrow ? "narrow" : "table");
}

static gboolean
show_mode_cb (gpointer data)
{
  NudgeListView *self = data;

  self->narrow_id = 0;
  show_mode (self);
  return G_SOURCE_REMOVE;
}

static GtkWidget *
create_narrow_list (Table *table)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (narrow_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (narrow_bind_cb), table);
  table->narrow_list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (table->selection)),
                                                         factory));
  /* A tap opens the record: a phone has no double click */
  gtk_list_view_set_single_click_activate (table->narrow_list, TRUE);
  g_signal_connect (table->narrow_list, "activate", G_CALLBACK (row_activated_cb), table);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (table->narrow_list));
  return scrolled;
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
  /* Sorting a whole book is spread over several frames. */
  gtk_sort_list_model_set_incremental (table->sorted, TRUE);
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
  table->modes = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (table->modes, scrolled, "table");
  gtk_stack_add_named (table->modes, create_narrow_list (table), "narrow");
  gtk_stack_set_visible_child_name (table->modes, self->narrow ? "narrow" : "table");
  gtk_stack_add_titled (self->entity_stack, GTK_WIDGET (table->modes), name, title);
}

static void
clear_table (Table *table)
{
  g_clear_handle_id (&table->keep_top_id, g_source_remove);
  g_clear_object (&table->vadjustment);
  g_clear_pointer (&table->matches, g_hash_table_unref);
  g_clear_pointer (&table->named_segment, g_free);
  g_clear_pointer (&table->named_ids, g_hash_table_unref);
  g_clear_object (&table->columns_menu);
  g_clear_pointer (&table->all_columns, g_ptr_array_unref);
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
      GtkLabel *count;
      GtkWidget *row = segment_row_new (segments[i].icon_name,
                                        g_dgettext (GETTEXT_PACKAGE, segments[i].title), &count);

      g_object_set_data (G_OBJECT (row), "segment", GINT_TO_POINTER (segments[i].segment));
      gtk_list_box_append (self->segment_list, row);

      self->segment_rows[segments[i].segment] = row;
      self->segment_counts[segments[i].segment] = count;
    }
}

static void
nudge_list_view_dispose (GObject *object)
{
  NudgeListView *self = (NudgeListView *) object;

  g_clear_handle_id (&self->counts_id, g_source_remove);
  g_clear_handle_id (&self->narrow_id, g_source_remove);
  g_clear_handle_id (&self->research_id, g_source_remove);
  g_clear_handle_id (&self->import_pulse_id, g_source_remove);
  g_cancellable_cancel (self->segments_cancellable);
  g_clear_object (&self->segments_cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_handle_id (&self->named_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->segment_list != NULL)
    g_signal_handlers_disconnect_by_data (self->segment_list, self);
  for (guint i = 0; i < N_TABLES; i++)
    {
      if (self->tables[i].selection != NULL)
        g_signal_handlers_disconnect_by_data (self->tables[i].selection, self);
      if (self->tables[i].records != NULL)
        g_signal_handlers_disconnect_by_data (self->tables[i].records, self);
    }
  if (self->entity_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->entity_stack, self);
  g_clear_pointer (&self->row_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_LIST_VIEW);
  for (guint i = 0; i < N_TABLES; i++)
    clear_table (&self->tables[i]);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->named_rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->column_actions);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (nudge_list_view_parent_class)->dispose (object);
}

/* As a GtkBinLayout would: its own size_allocate sees every width */
static void
nudge_list_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
nudge_list_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, baseline, NULL);
  /* Too narrow for a table: two lines a record (switched after this
   * allocation, which must not change what it allocates) */
  if ((width < NARROW_WIDTH) != self->narrow)
    {
      self->narrow = width < NARROW_WIDTH;
      if (self->narrow_id == 0)
        self->narrow_id = g_idle_add (show_mode_cb, self);
    }
  if (self->row_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->row_menu));
}

static void
nudge_list_view_constructed (GObject *object)
{
  NudgeListView *self = (NudgeListView *) object;

  G_OBJECT_CLASS (nudge_list_view_parent_class)->constructed (object);

  g_assert (NUDGE_IS_CONTEXT (self->context));
  self->store = g_object_ref (nudge_context_get_store (self->context));

  /* Hidden columns are remembered where the schema is installed (not in
   * a test that builds the view alone without one). */
  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr(GSettingsSchema) schema = NULL;

    if (source != NULL)
      schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
    if (schema != NULL && g_settings_schema_has_key (schema, "hidden-list-columns"))
      self->settings = g_settings_new (APPLICATION_ID);
  }
  self->column_actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (self->column_actions));

  setup_table (self, &self->tables[0], NUDGE_ENTITY_DEAL, "deals", _("Deals"),
               deal_columns, G_N_ELEMENTS (deal_columns));
  setup_table (self, &self->tables[1], NUDGE_ENTITY_CONTACT, "contacts", _("Contacts"),
               contact_columns, G_N_ELEMENTS (contact_columns));
  setup_table (self, &self->tables[2], NUDGE_ENTITY_COMPANY, "companies", _("Companies"),
               company_columns, G_N_ELEMENTS (company_columns));

  setup_named_segments (self);
  g_signal_connect_object (self->store, "changes", G_CALLBACK (store_changes_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->entity_stack, "notify::visible-child-name",
                           G_CALLBACK (entity_changed_cb), self, G_CONNECT_SWAPPED);
  entity_changed_cb (self);

}

static void
nudge_list_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NudgeListView *self = NUDGE_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_list_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  NudgeListView *self = NUDGE_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_list_view_class_init (NudgeListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nudge_list_view_constructed;
  object_class->dispose = nudge_list_view_dispose;
  object_class->get_property = nudge_list_view_get_property;
  object_class->set_property = nudge_list_view_set_property;

  properties[PROP_CONTEXT] = nudge_context_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->size_allocate = nudge_list_view_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, segment_list);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, content);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, import_bar);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, import_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, import_progress);
  gtk_widget_class_bind_template_callback (widget_class, cancel_import_cb);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, back_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, new_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, cadence_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, entity_switcher);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, entity_stack);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, more_menu);

  gtk_widget_class_install_action (widget_class, "list.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "list.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "list.apply-cadence", "s", apply_cadence_action);
  gtk_widget_class_install_action (widget_class, "list.plan-followup", "(si)", plan_followup_action);
  gtk_widget_class_install_action (widget_class, "list.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "list.save-search", NULL, save_search_action);
  gtk_widget_class_install_action (widget_class, "list.import-csv", NULL, import_csv_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "list.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "list.delete", NULL);
  gtk_widget_class_install_action (widget_class, "list.row-menu", NULL, row_menu_action);
  gtk_widget_class_install_action (widget_class, "list.plan-next-step", "(xx)", plan_next_step_action);
  gtk_widget_class_install_action (widget_class, "list.open-record", "x", open_record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "list.row-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "list.row-menu", NULL);

  widget_class->measure = nudge_list_view_measure;
}

static void
nudge_list_view_init (NudgeListView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->segments_cancellable = g_cancellable_new ();
  /* Each tab as wide as its name: three tabs as wide as "Companies" (or
   * a longer translation) would not fit a phone. */
  if (GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (self->entity_switcher)))
    gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (self->entity_switcher)), FALSE);
  self->named_rows = g_ptr_array_new_with_free_func (named_row_free);
  setup_segments (self);
  gtk_list_box_set_header_func (self->segment_list, segment_header_func, NULL, NULL);
  gtk_menu_button_set_create_popup_func (self->cadence_button, cadence_popup_cb, self, NULL);

  g_signal_connect_swapped (self->segment_list, "row-selected", G_CALLBACK (segment_selected_cb), self);
  g_signal_connect_swapped (self->segment_list, "row-activated", G_CALLBACK (segment_activated_cb), self);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.delete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.apply-cadence", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.export-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.save-search", FALSE);
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
  if (table->named_segment != NULL)
    {
      g_clear_pointer (&table->named_segment, g_free);
      g_clear_pointer (&table->named_ids, g_hash_table_unref);
      select_segment_row (self, segment);
      gtk_filter_changed (GTK_FILTER (table->filter), GTK_FILTER_CHANGE_DIFFERENT);
      return;
    }
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
  update_bulk_actions (self);
}

/* Whether a table is still reading, filtering or sorting its rows. */
gboolean
nudge_list_view_is_busy (NudgeListView *self)
{
  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), FALSE);

  for (guint i = 0; i < N_TABLES; i++)
    {
      Table *table = &self->tables[i];

      if (table->records == NULL)
        continue;
      if (self->segments_loading || self->named_id != 0 ||
          nudge_record_list_is_loading (table->records) ||
          gtk_filter_list_model_get_pending (table->filtered) > 0 ||
          gtk_sort_list_model_get_pending (table->sorted) > 0)
        return TRUE;
    }
  return FALSE;
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
  /* Asked for by name: the rows are read now. */
  if (!table->loaded && table->records != NULL)
    {
      g_autoptr(GError) error = NULL;

      table->loaded = TRUE;
      if (!nudge_record_list_load (table->records, &error))
        g_warning ("Could not load the list: %s", error->message);
    }
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

/**
 * nudge_list_view_set_named_segment:
 * @name: a segment of the core ("dormant", "regular", …) or a saved search
 *
 * Shows the members of @name in the table on screen. Returns %FALSE when
 * the segment does not list records of that table.
 */
gboolean
nudge_list_view_set_named_segment (NudgeListView *self,
                                   const char    *name)
{
  Table *table;
  NamedRow *named;
  g_autofree char *old = NULL;

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  table = current_table (self);
  named = find_named_row (self, name, table->entity);
  if (named == NULL)
    return FALSE;
  if (g_strcmp0 (table->named_segment, name) != 0)
    {
      old = g_steal_pointer (&table->named_segment);
      table->named_segment = g_strdup (name);
      if (!load_named_ids (self, table))
        {
          g_free (table->named_segment);
          table->named_segment = g_steal_pointer (&old);
          load_named_ids (self, table);
          select_current_row (self);
          return FALSE;
        }
      gtk_filter_changed (GTK_FILTER (table->filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
  select_current_row (self);
  return TRUE;
}

/**
 * nudge_list_view_save_search:
 * @name: the name of the new segment
 *
 * Saves the current search of the table on screen as a segment, lists it
 * in the sidebar and shows it.
 */
gboolean
nudge_list_view_save_search (NudgeListView  *self,
                             const char     *name,
                             GError        **error)
{
  g_autofree char *stripped = NULL;
  Table *table;

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), FALSE);
  g_return_val_if_fail (self->search_text != NULL, FALSE);

  table = current_table (self);
  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (!nudge_segment_save_filter (self->store, stripped, table->entity, self->search_text, error))
    return FALSE;
  reload_saved_segments (self);
  /* The segment holds the search now; the search entry is free again. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  nudge_list_view_set_search (self, NULL);
  nudge_list_view_set_named_segment (self, stripped);
  return TRUE;
}

/**
 * nudge_list_view_apply_cadence:
 * @cadence: the name of a cadence
 *
 * Applies @cadence to every selected deal or contact of the table on
 * screen, all in one transaction, a few of them starting each working
 * day (nudge_cadence_apply_many()). Returns how many follow-ups it created,
 * or -1 with @error set (and nothing created).
 */
int
nudge_list_view_apply_cadence (NudgeListView  *self,
                               const char     *cadence,
                               GError        **error)
{
  Table *table;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), -1);
  g_return_val_if_fail (cadence != NULL, -1);

  table = current_table (self);
  if (table->entity != NUDGE_ENTITY_DEAL && table->entity != NUDGE_ENTITY_CONTACT)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("A cadence applies to deals or contacts"));
      return -1;
    }
  ids = selected_ids (table);
  if (ids->len == 0)
    return 0;

  /* A whole segment becomes a plan: a few of them start each working day. */
  return nudge_cadence_apply_many (self->store, cadence, table->entity, ids, NUDGE_PACE_DEFAULT_DAILY_LIMIT, error);
}

/**
 * nudge_list_view_plan_followups:
 * @kind: "call", "email", "meeting" or "task"
 * @days: due that many days from today, at 09:00 local time
 *
 * Adds one follow-up to every selected deal or contact of the table on
 * screen, in one transaction. Returns how many, or -1 with @error set
 * (and nothing created).
 */
int
nudge_list_view_plan_followups (NudgeListView  *self,
                                const char     *kind,
                                int             days,
                                GError        **error)
{
  Table *table;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GDateTime) now = nudge_clock_now_local ();
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *tzid = g_getenv ("TZ") && g_getenv ("TZ")[0] != ':' && g_getenv ("TZ")[0] != '\0'
                     ? g_getenv ("TZ") : g_time_zone_get_identifier (local);

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), -1);

  table = current_table (self);
  if (table->entity != NUDGE_ENTITY_DEAL && table->entity != NUDGE_ENTITY_CONTACT)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("Follow-ups belong to deals or contacts"));
      return -1;
    }
  ids = selected_ids (table);
  if (ids->len == 0)
    return 0;

  day = g_date_time_add_days (now, MAX (days, 0));
  due = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                               g_date_time_get_day_of_month (day), 9, 0, 0);

  if (!nudge_store_begin (self->store, error))
    return -1;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(NudgeFollowup) followup = nudge_followup_new ();
      gpointer record = nudge_record_list_lookup (table->records, id);
      const char *name = record == NULL ? "" : table->entity == NUDGE_ENTITY_DEAL
                         ? nudge_deal_get_title (record) : nudge_contact_get_name (record);
      g_autofree char *title = g_str_equal (kind, "email")
                               ? g_strdup_printf (_("E-mail about %s"), name)
                               : g_strdup_printf (_("Call about %s"), name);

      g_object_set (followup, "title", title, "kind", kind, "due-at", g_date_time_to_unix (due),
                    "tzid", tzid, "priority", 2, "duration-min", 30,
                    table->entity == NUDGE_ENTITY_DEAL ? "deal-id" : "contact-id", id, NULL);
      if (!nudge_store_save_followup (self->store, followup, error))
        {
          nudge_store_rollback (self->store);
          return -1;
        }
    }
  if (!nudge_store_commit (self->store, error))
    return -1;
  return ids->len;
}

/**
 * nudge_list_view_export_selection:
 * @entity: the table
 * @file: where to write
 *
 * Writes the selected rows of a table, in the order shown and with the
 * columns shown, as CSV (RFC 4180, UTF-8, a header line).
 */
gboolean
nudge_list_view_export_selection (NudgeListView  *self,
                                  NudgeEntity     entity,
                                  GFile          *file,
                                  GError        **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *all_columns;
  GtkBitsetIter iter;
  Table *table;
  guint position;

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  table = table_for_entity (self, entity);
  g_return_val_if_fail (table != NULL, FALSE);

  all_columns = gtk_column_view_get_columns (table->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (all_columns); i++)
    {
      GtkColumnViewColumn *column = g_list_model_get_item (all_columns, i);

      if (gtk_column_view_column_get_visible (column))
        g_ptr_array_add (columns, column);
      else
        g_object_unref (column);
    }

  for (guint c = 0; c < columns->len; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_csv_field (out, gtk_column_view_column_get_title (g_ptr_array_index (columns, c)));
    }
  g_string_append (out, "\r\n");

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (table->selection), position);

      for (guint c = 0; c < columns->len; c++)
        {
          const ColumnInfo *info = g_object_get_data (g_ptr_array_index (columns, c), "column-info");
          const char *css_class = NULL;
          g_autofree char *text = column_text (info->id, item, &css_class);

          if (c > 0)
            g_string_append_c (out, ',');
          append_csv_field (out, text);
        }
      g_string_append (out, "\r\n");
    }

  /* A local file keeps its permissions and gets no temp file left behind. */
  if (g_file_is_native (file))
    {
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        return nudge_file_write_private (path, out->str, out->len, error);
    }
  return g_file_replace_contents (file, out->str, out->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION | G_FILE_CREATE_PRIVATE,
                                  NULL, NULL, error);
}

/* Says what an import added, in a toast with Undo. */
static void
announce_import (NudgeListView     *self,
                 NudgeEntity        entity,
                 NudgeImportResult *result)
{
  g_autoptr(GString) message = NULL;
  ImportedRecords *imported;
  GtkWidget *window;
  AdwToast *toast;

  {
    g_autofree char *count = imported_message (entity, result->n_records);

    message = g_string_new (count);
  }
  if (result->n_companies_added > 0)
    g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, ", %u new company", ", %u new companies",
                                                  result->n_companies_added),
                            result->n_companies_added);

  if (result->format_message != NULL)
    g_string_append_printf (message, " · %s", result->format_message);
  if (result->created->len > 0)
    {
      g_autoptr(GString) created = g_string_new (NULL);

      for (guint i = 0; i < result->created->len; i++)
        g_string_append_printf (created, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (result->created, i));
      /* Translators: after "12 deals imported", the stages the rows needed, e.g. stage “Demo” in “Sales” */
      g_string_append_printf (message, _(" · created: %s"), created->str);
    }
  if (result->ignored_columns->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < result->ignored_columns->len; i++)
        g_string_append_printf (names, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (result->ignored_columns, i));
      /* Translators: after "12 contacts imported", the columns Nudge has no field for, e.g. "City, Region" */
      g_string_append_printf (message, _(" · left out: %s"), names->str);
    }
  if (result->converted_from != NULL)
    /* Translators: after "12 contacts imported", the file's encoding, e.g. WINDOWS-1250 */
    g_string_append_printf (message, _(" (read as %s)"), result->converted_from);

  imported = g_new0 (ImportedRecords, 1);
  imported->store = g_object_ref (self->store);
  imported->entity = entity;
  imported->ids = g_array_ref (result->record_ids);
  imported->company_ids = g_array_ref (result->company_ids);

  toast = adw_toast_new (message->str);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_import_cb),
                         imported, (GClosureNotify) (void (*) (void)) imported_records_free, 0);
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), NUDGE_TYPE_WINDOW);
  if (window != NULL)
    nudge_window_add_toast (NUDGE_WINDOW (window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* ---- importing on a worker -------------------------------------------- */

struct _ImportJob
{
  NudgeEntity        entity;
  GFile             *file;
  char              *currency;
  NudgeImportResult  result;
  gint               permille;     /* progress, written by the worker */
};

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  nudge_import_result_clear (&job->result);
  g_clear_object (&job->file);
  g_free (job->currency);
  g_free (job);
}

static void
import_progress_cb (double   fraction,
                    gpointer data)
{
  ImportJob *job = data;

  g_atomic_int_set (&job->permille, (gint) (CLAMP (fraction, 0, 1) * 1000));
}

static gboolean
backup_before_import (NudgeStore  *store,
                      GFile       *file,
                      GError     **error)
{
  g_autofree char *copy = NULL;

  if (!g_file_query_exists (file, NULL) || nudge_store_is_empty (store))
    return TRUE;
  copy = nudge_backup_create (store, NULL, "import", error);
  return copy != NULL;
}

static gboolean
import_job (NudgeStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportJob *job = data;

  /* A copy first (Preferences → Backups), for more than Undo can reach. */
  if (!backup_before_import (store, job->file, error))
    return FALSE;
  return nudge_import_csv_file_full (store, job->entity, job->file, job->currency,
                                     import_progress_cb, job, cancellable, &job->result, error);
}

static gboolean
import_pulse_cb (gpointer data)
{
  NudgeListView *self = data;
  gint permille = self->import_job != NULL ? g_atomic_int_get (&self->import_job->permille) : 0;

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->import_progress), permille / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
finish_import_ui (NudgeListView *self)
{
  g_clear_handle_id (&self->import_pulse_id, g_source_remove);
  g_clear_object (&self->import_cancellable);
  self->import_job = NULL;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->import_bar), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.import-csv", TRUE);
}

static void
show_import_error (NudgeListView *self,
                   const GError  *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *alert = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                             _("Could Not Import the File"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (alert));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(NudgeListView) self = user_data;
  g_autoptr(GError) error = NULL;
  ImportJob *job = nudge_worker_get_data (result);
  gboolean ok = nudge_worker_run_finish (NUDGE_STORE (source), result, &error);

  finish_import_ui (self);
  if (ok)
    announce_import (self, job->entity, &job->result);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), NUDGE_TYPE_WINDOW);

      if (window != NULL)
        nudge_window_add_toast (NUDGE_WINDOW (window), adw_toast_new (_("Import cancelled; nothing was added")));
    }
  else if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    show_import_error (self, error);
  if (self->import_done_hook != NULL)
    self->import_done_hook (self, ok, error, self->import_done_data);
}

static void
cancel_import_cb (NudgeListView *self)
{
  g_cancellable_cancel (self->import_cancellable);
}

/**
 * nudge_list_view_import_file_async:
 *
 * Imports @file on a worker thread, with a progress bar and Cancel above
 * the table; a toast with Undo says what was added, a dialog why not.
 */
void
nudge_list_view_import_file_async (NudgeListView *self,
                                   NudgeEntity    entity,
                                   GFile         *file)
{
  ImportJob *job;

  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->import_job != NULL)
    return;

  job = g_new0 (ImportJob, 1);
  job->entity = entity;
  job->file = g_object_ref (file);
  job->currency = self->settings ? g_settings_get_string (self->settings, "default-currency") : g_strdup ("EUR");
  self->import_job = job;
  self->import_cancellable = g_cancellable_new ();

  {
    g_autofree char *name = g_file_get_basename (file);
    /* Translators: shown above the table while a file is imported */
    g_autofree char *text = g_strdup_printf (_("Importing %s…"), name);

    gtk_label_set_label (GTK_LABEL (self->import_label), text);
  }
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->import_progress), 0);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->import_bar), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.import-csv", FALSE);
  self->import_pulse_id = g_timeout_add (100, import_pulse_cb, self);

  nudge_worker_run (self->store, import_job, job, import_job_free, self->import_cancellable,
                    import_done_cb, g_object_ref (self));
}

/* For tests and tools: called when an import started from the view ends. */
void
nudge_list_view_set_import_done_hook (NudgeListView         *self,
                                      NudgeListViewImportDone hook,
                                      gpointer               data)
{
  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));

  self->import_done_hook = hook;
  self->import_done_data = data;
}

void
nudge_list_view_cancel_import (NudgeListView *self)
{
  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

/**
 * nudge_list_view_import_file:
 *
 * Adds the rows of a CSV @file as records of @entity, all or nothing, and
 * says so in a toast with Undo. On error nothing is added. Waits for the
 * import: for tools; the view itself imports on a worker.
 */
gboolean
nudge_list_view_import_file (NudgeListView  *self,
                             NudgeEntity     entity,
                             GFile          *file,
                             GError        **error)
{
  g_autofree char *currency = NULL;
  NudgeImportResult result = { 0 };

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  currency = self->settings ? g_settings_get_string (self->settings, "default-currency") : g_strdup ("EUR");
  if (!backup_before_import (self->store, file, error))
    return FALSE;
  if (!nudge_import_csv_file (self->store, entity, file, currency, NULL, &result, error))
    {
      nudge_import_result_clear (&result);
      return FALSE;
    }
  announce_import (self, entity, &result);
  nudge_import_result_clear (&result);
  return TRUE;
}

GtkWidget *
nudge_list_view_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_LIST_VIEW, "context", context, NULL);
}

NudgeContext *
nudge_list_view_get_context (NudgeListView *self)
{
  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), NULL);

  return self->context;
}
