/* nudge-list-columns.c — the List view's columns: what a cell shows,
 * which columns show (the hidden-list-columns setting), their
 * widths, and the two-line rows of a narrow window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-automation.h"
#include "nudge-backup.h"
#include "nudge-cell-label.h"
#include "nudge-clock.h"
#include "nudge-currency.h"
#include "nudge-file.h"
#include "nudge-format.h"
#include "nudge-import.h"
#include "nudge-item-row.h"
#include "nudge-list-view-private.h"
#include "nudge-pace.h"
#include "nudge-next-step-dialog.h"
#include "nudge-record.h"
#include "nudge-record-list.h"
#include "nudge-scoring.h"
#include "nudge-timeline.h"
#include "nudge-window.h"
#include "nudge-worker.h"

/* Room for a header's sort arrow, and a cell's padding on both sides */
#define COLUMN_SORT_ARROW 18
#define COLUMN_PADDING    16

static char *
format_expected_close (const char *iso)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;
  if (sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (iso);
  dt = nudge_clock_local_new (y, m, d, 12, 0, 0);
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

/* Whether a column shows a record's own text (nudge-list-sort.c sorts
 * those by collation keys) */
gboolean
_nudge_list_column_is_text (ColumnId column)
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

/* What a record holds for a text column (the expected close as stored) */
const char *
_nudge_list_column_field (ColumnId  column,
                          gpointer  item)
{
  switch (column)
    {
    case COL_DEAL_TITLE:
      return nudge_deal_get_title (item);
    case COL_DEAL_COMPANY:
      return nudge_deal_get_company_name (item);
    case COL_DEAL_CONTACT:
      return nudge_deal_get_contact_name (item);
    case COL_DEAL_CLOSE:
      return nudge_deal_get_expected_close (item);
    case COL_CONTACT_NAME:
      return nudge_contact_get_name (item);
    case COL_CONTACT_COMPANY:
      return nudge_contact_get_company_name (item);
    case COL_CONTACT_EMAIL:
      return nudge_contact_get_email (item);
    case COL_CONTACT_PHONE:
      return nudge_contact_get_phone (item);
    case COL_COMPANY_NAME:
      return nudge_company_get_name (item);
    case COL_COMPANY_INDUSTRY:
      return nudge_company_get_industry (item);
    default:
      g_assert_not_reached ();
    }
}

/* The text of one cell, and the style class that colours it. */
char *
_nudge_list_column_text (ColumnId      column,
                         gpointer      item,
                         const char  **css_class)
{
  if (column != COL_DEAL_CLOSE && _nudge_list_column_is_text (column))
    return g_strdup (_nudge_list_column_field (column, item));
  switch (column)
    {
    case COL_DEAL_STAGE:
      return g_strdup (nudge_deal_get_stage_name (item));
    case COL_DEAL_AMOUNT:
      if (!nudge_deal_get_has_amount (item))
        return NULL;
      return nudge_format_money_brief (nudge_deal_get_amount_minor (item), nudge_deal_get_currency (item));
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


/* A cut cell shows its whole text on hover. Asked for on hover rather
 * than set on every bind: setting a tooltip asks the X server where the
 * pointer is, a round trip per cell each time rows change. */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  const ColumnInfo *info = data;
  GtkWidget *label = nudge_cell_label_new ();

  /* Its text is measured once, not each time the column view measures
   * its cells again (nudge-cell-label.h). */
  nudge_cell_label_set_numeric (NUDGE_CELL_LABEL (label), info->numeric);
  gtk_list_item_set_child (list_item, label);
  /* A cell fills its row's height: a right click anywhere on the row
   * lands on one (nudge-list-actions.c). */
  _nudge_list_cell_set_item (label, list_item);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  const ColumnInfo *info = data;
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *css_class = NULL;
  g_autofree char *text = _nudge_list_column_text (info->id, nudge_slot_list_item_get_item (list_item), &css_class);

  nudge_cell_label_set_text (NUDGE_CELL_LABEL (label), text);
  nudge_cell_label_set_style_class (NUDGE_CELL_LABEL (label), css_class);

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

/* A column's Show toggle: which column of which table, and its name in
 * the hidden-list-columns setting */
typedef struct
{
  Table               *table;
  GtkColumnViewColumn *column;
  char                *setting_name;
} ColumnToggle;

static void
column_toggle_free (gpointer data)
{
  ColumnToggle *toggle = data;

  g_object_unref (toggle->column);
  g_free (toggle->setting_name);
  g_free (toggle);
}

static void
column_visible_changed_cb (GSimpleAction *action,
                           GVariant      *state,
                           ColumnToggle  *toggle)
{
  Table *table = toggle->table;
  GtkColumnViewColumn *column = toggle->column;
  const char *setting_name = toggle->setting_name;
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
  ColumnToggle *toggle = g_new0 (ColumnToggle, 1);

  toggle->table = table;
  toggle->column = g_object_ref (column);
  toggle->setting_name = g_steal_pointer (&setting_name);
  action = g_simple_action_new_stateful (action_name, NULL, g_variant_new_boolean (visible));
  g_signal_connect_data (action, "change-state", G_CALLBACK (column_visible_changed_cb),
                         toggle, (GClosureNotify) (void (*) (void)) column_toggle_free, 0);
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

/* A date at its widest: two-digit day and month */
static int
measure_wide_date (GtkWidget *widget,
                   int        width)
{
  g_autoptr(GDateTime) wide = nudge_clock_local_new (2030, 12, 28, 12, 0, 0);
  g_autofree char *text = nudge_format_date (g_date_time_to_unix (wide));

  return measure_text (widget, text, width);
}

static int
measure_column (Table            *table,
                const ColumnInfo *info)
{
  GtkWidget *widget = GTK_WIDGET (table->column_view);
  gint64 now = nudge_clock_now ();
  /* The words a date column shows besides dates: "Yesterday" to
   * "Tomorrow", each weekday, and "N days ago" in each plural form with
   * one and two digits (Czech, Polish and Ukrainian have three) */
  static const int days[] = { -28, -25, -22, -21, -5, -2, -1, 0, 1, 2, 3, 4, 5, 6 };
  /* Headers are set in bold: a tenth wider than the text measured */
  int width = measure_text (widget, g_dgettext (GETTEXT_PACKAGE, info->title), 0) * 11 / 10 + COLUMN_SORT_ARROW;

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
      width = measure_wide_date (widget, width);
      break;
    case COL_DEAL_LAST_ACTIVITY:
    case COL_DEAL_NEXT_FOLLOWUP:
    case COL_CONTACT_LAST_ACTIVITY:
    case COL_CONTACT_NEXT_FOLLOWUP:
    case COL_COMPANY_LAST_ACTIVITY:
      /* Each with the words it can show: "Brak następnego kroku" made
       * the Polish activity columns as wide as the follow-up ones. */
      if (info->id == COL_DEAL_NEXT_FOLLOWUP || info->id == COL_CONTACT_NEXT_FOLLOWUP)
        width = measure_text (widget, _("No next step"), width);
      else
        width = measure_text (widget, _("Never"), width);
      width = measure_wide_date (widget, width);
      for (guint i = 0; i < G_N_ELEMENTS (days); i++)
        {
          g_autofree char *text = nudge_format_relative_day (now + days[i] * G_TIME_SPAN_DAY / G_USEC_PER_SEC, now);

          width = measure_text (widget, text, width);
        }
      break;
    default:
      /* "Otevřené obchody" does not fit where "Open Deals" does. */
      return MAX (info->width, width + COLUMN_PADDING);
    }
  return width + COLUMN_PADDING;
}

/* What @column of @table shows */
const ColumnInfo *
_nudge_list_column_info (Table               *table,
                         GtkColumnViewColumn *column)
{
  guint index;

  if (!g_ptr_array_find (table->all_columns, column, &index))
    g_assert_not_reached ();
  return &table->column_infos[index];
}

void
_nudge_list_add_columns (Table            *table,
                         const ColumnInfo *columns,
                         guint             n_columns)
{
  g_autoptr(GMenu) header_menu = g_menu_new ();

  table->columns_menu = g_menu_new ();
  table->all_columns = g_ptr_array_new_with_free_func (g_object_unref);
  table->column_infos = columns;
  g_menu_append_section (header_menu, _("Columns"), G_MENU_MODEL (table->columns_menu));

  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) &columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (g_dgettext (GETTEXT_PACKAGE, columns[i].title), factory);
      sorter = _nudge_list_column_sorter_new (table, columns[i].id);
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
  _nudge_list_add_sort_actions (table, columns, n_columns);
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
  GtkWidget *title, *subtitle;
  GtkWidget *box = nudge_two_lines_new (NULL, NULL, &title, &subtitle);

  gtk_widget_add_css_class (box, "list-narrow-row");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
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
  gpointer item = nudge_slot_list_item_get_item (list_item);
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

  name = _nudge_list_column_text (first, item, &css_class);
  gtk_label_set_text (GTK_LABEL (title), name != NULL ? name : "");
  for (guint i = 0; i < n_secondary; i++)
    {
      g_autofree char *text = _nudge_list_column_text (secondary[i], item, &css_class);

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

/* The table, or the two-line list of a narrow window. Only the one shown
 * has the rows, once they are sorted (end_first_fill): GTK 4.8 builds up
 * to 200 rows of a list view whether it is on screen or not. */
void
_nudge_list_show_table_mode (Table    *table,
                             gboolean  narrow)
{
  GtkSelectionModel *model = narrow && !table->first_fill ? GTK_SELECTION_MODEL (table->slots) : NULL;

  if (table->modes == NULL)
    return;
  if (gtk_list_view_get_model (table->narrow_list) != model)
    gtk_list_view_set_model (table->narrow_list, model);
  gtk_stack_set_visible_child_name (table->modes, narrow ? "narrow" : "table");
}

void
_nudge_list_show_mode (NudgeView *view)
{
  NudgeListView *self = NUDGE_LIST_VIEW (view);

  for (guint i = 0; i < N_TABLES; i++)
    _nudge_list_show_table_mode (&self->tables[i], nudge_view_get_narrow (view));
}

GtkWidget *
_nudge_list_create_narrow_list (Table *table)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (narrow_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (narrow_bind_cb), table);
  /* Its model comes when a narrow window shows it. */
  table->narrow_list = GTK_LIST_VIEW (gtk_list_view_new (NULL, factory));
  /* A tap opens the record: a phone has no double click */
  gtk_list_view_set_single_click_activate (table->narrow_list, TRUE);
  g_signal_connect (table->narrow_list, "activate", G_CALLBACK (_nudge_list_row_activated_cb), table);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (table->narrow_list));
  table->narrow_vadjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
  return scrolled;
}
