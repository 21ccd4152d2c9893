/* nudge-chart.c
 *
 * Every chart is drawn alike, one row a bar: the label left of the bar
 * and the value after it, each bar as thick as the others whatever the
 * chart shows (months, stages), so the charts read as one set and a
 * label keeps its words in a narrow window. Colours come from the theme
 * (accent and warning), so the chart follows dark mode.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "nudge-chart.h"

#define BAR_THICKNESS 22
#define BAR_GAP 10
#define LABEL_WIDTH 150
#define LABEL_GAP 8
#define VALUE_WIDTH 110

typedef struct
{
  char     *label;
  double    value;
  char     *value_text;
  NudgeBarStyle style;
} Bar;

struct _NudgeChart
{
  GtkWidget       parent_instance;

  GArray         *bars;
  double          max_value;
  double          fixed_max;
  int             label_width;  /* at least; charts shown together share it */
  int             value_width;  /* likewise */
  char           *title;        /* what a screen reader names it by */
  char           *description;  /* what a screen reader says of the bars */
};

static void update_description (NudgeChart *self);

G_DEFINE_FINAL_TYPE (NudgeChart, nudge_chart, GTK_TYPE_WIDGET)

static void
clear_bar (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->value_text);
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *rgba,
              const char *fallback)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);

  /* GTK 4.8 has no public API to read named colours; follow the
   * libadwaita palette for light and dark. */
  if (g_str_equal (name, "accent"))
    gdk_rgba_parse (rgba, dark ? "#78aeed" : "#3584e4");
  else if (g_str_equal (name, "warning"))
    gdk_rgba_parse (rgba, dark ? "#f8e45c" : "#e5a50a");
  else if (g_str_equal (name, "track"))
    gdk_rgba_parse (rgba, dark ? "rgba(255,255,255,0.08)" : "rgba(0,0,0,0.06)");
  else
    gdk_rgba_parse (rgba, fallback);
}

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             int         width,
             gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  if (width > 0)
    {
      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static void
draw_text (GtkSnapshot  *snapshot,
           PangoLayout  *layout,
           float         x,
           float         y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The width the widest label takes, with the gap before its bar: a
 * stage's name in Ukrainian ("Пропозицію надіслано") is longer than the
 * default column */
int
nudge_chart_get_label_width (NudgeChart *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int label_w = LABEL_WIDTH;

  g_return_val_if_fail (NUDGE_IS_CHART (self), 0);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr(PangoLayout) label = make_layout (widget, bar->label, 0, FALSE);
      int lw;

      pango_layout_get_pixel_size (label, &lw, NULL);
      label_w = MAX (label_w, lw + LABEL_GAP);
    }
  return label_w;
}

/* Charts shown one above another give their labels one column too. */
void
nudge_chart_set_label_width (NudgeChart *self,
                             int         width)
{
  g_return_if_fail (NUDGE_IS_CHART (self));

  if (self->label_width == width)
    return;
  self->label_width = width;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* How wide the chart's column of labels is drawn, before a narrow
 * chart cuts it to a third of its width */
int
nudge_chart_get_label_column (NudgeChart *self)
{
  g_return_val_if_fail (NUDGE_IS_CHART (self), 0);

  return MAX (self->label_width, nudge_chart_get_label_width (self));
}

/* The width the widest value text takes */
int
nudge_chart_get_value_width (NudgeChart *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int value_w = VALUE_WIDTH;

  g_return_val_if_fail (NUDGE_IS_CHART (self), 0);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr(PangoLayout) value = make_layout (widget, bar->value_text, 0, bar->style == NUDGE_BAR_HIGHLIGHT);
      int vw;

      pango_layout_get_pixel_size (value, &vw, NULL);
      value_w = MAX (value_w, vw);
    }
  return value_w;
}

/* Charts shown one above another give their values one column, so
 * their bars start and end alike. */
void
nudge_chart_set_value_width (NudgeChart *self,
                             int         width)
{
  g_return_if_fail (NUDGE_IS_CHART (self));

  if (self->value_width == width)
    return;
  self->value_width = width;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* How wide the chart's column of values is drawn, before a narrow
 * chart cuts it to a third of its width */
int
nudge_chart_get_value_column (NudgeChart *self)
{
  g_return_val_if_fail (NUDGE_IS_CHART (self), 0);

  return MAX (self->value_width, nudge_chart_get_value_width (self));
}

static void
nudge_chart_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  NudgeChart *self = NUDGE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  GdkRGBA fg, accent, warning, track;
  double max = self->fixed_max > 0 ? self->fixed_max : (self->max_value > 0 ? self->max_value : 1);
  int label_w = MIN (nudge_chart_get_label_column (self), width / 3);
  int value_w;
  int bar_area;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  lookup_color (widget, "accent", &accent, "#3584e4");
  lookup_color (widget, "warning", &warning, "#e5a50a");
  lookup_color (widget, "track", &track, "rgba(0,0,0,0.06)");

  /* Values as wide as the widest needs ("≈ 4 362 100 Kč + 50 200 $"),
   * or as the charts beside it need, up to a third of the chart */
  value_w = nudge_chart_get_value_column (self);
  value_w = MIN (value_w, MAX (VALUE_WIDTH, width / 3));
  bar_area = MAX (width - label_w - value_w - 12, 10);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      float y = i * (BAR_THICKNESS + BAR_GAP);
      float w = bar->value > 0 ? MAX (2.0, bar_area * bar->value / max) : 0;
      g_autoptr(PangoLayout) label = make_layout (widget, bar->label, label_w - LABEL_GAP, FALSE);
      g_autoptr(PangoLayout) value = make_layout (widget, bar->value_text, value_w, bar->style == NUDGE_BAR_HIGHLIGHT);
      GdkRGBA fill = bar->style == NUDGE_BAR_HIGHLIGHT ? warning : accent;
      GskRoundedRect rect;
      int lh;

      /* What is not over yet reads lighter than what is */
      if (bar->style == NUDGE_BAR_PARTIAL)
        fill.alpha *= 0.45;
      pango_layout_get_pixel_size (label, NULL, &lh);
      draw_text (snapshot, label, 0, y + (BAR_THICKNESS - lh) / 2.0, &fg);

      gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (label_w, y, bar_area, BAR_THICKNESS), 6);
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (label_w, y, bar_area, BAR_THICKNESS));
      gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (label_w, y, w, BAR_THICKNESS));
      gtk_snapshot_pop (snapshot);

      draw_text (snapshot, value, label_w + bar_area + 12, y + (BAR_THICKNESS - lh) / 2.0, &fg);
    }
}

static void
nudge_chart_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  NudgeChart *self = NUDGE_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 480;
    }
  else
    {
      *minimum = self->bars->len * (BAR_THICKNESS + BAR_GAP);
      *natural = *minimum;
    }
}

static void
nudge_chart_finalize (GObject *object)
{
  NudgeChart *self = (NudgeChart *) object;

  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (nudge_chart_parent_class)->finalize (object);
}

static void
nudge_chart_class_init (NudgeChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = nudge_chart_finalize;
  widget_class->snapshot = nudge_chart_snapshot;
  widget_class->measure = nudge_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
nudge_chart_init (NudgeChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, clear_bar);
  /* Let go with the chart: the style manager outlives every view */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  update_description (self);
}

GtkWidget *
nudge_chart_new (void)
{
  return g_object_new (NUDGE_TYPE_CHART, NULL);
}

/* What a screen reader says of the chart: each bar's label and value,
 * the ones not over yet said so, or that there is nothing to draw. */
static void
update_description (NudgeChart *self)
{
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *b = &g_array_index (self->bars, Bar, i);

      if (i > 0)
        g_string_append (description, "; ");
      if (b->style == NUDGE_BAR_PARTIAL)
        /* Translators: a chart's bar of a month not over yet, read by a
         * screen reader: "December 2026 (so far): 4.0 h" */
        g_string_append_printf (description, _("%s (so far): %s"), b->label, b->value_text);
      else if (b->style == NUDGE_BAR_HIGHLIGHT)
        /* Translators: the highlighted bar of a chart, read by a screen
         * reader: "Negotiation (highlighted): 12.0 d" */
        g_string_append_printf (description, _("%s (highlighted): %s"), b->label, b->value_text);
      else
        /* Translators: a chart's bar, read by a screen reader:
         * "Proposal sent: 40% of 12 deals" */
        g_string_append_printf (description, _("%s: %s"), b->label, b->value_text);
    }
  if (self->bars->len == 0)
    g_string_append (description, _("Nothing to show for this period"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->str, -1);
  g_free (self->description);
  self->description = g_string_free (g_steal_pointer (&description), FALSE);
}

void
nudge_chart_clear (NudgeChart *self)
{
  g_return_if_fail (NUDGE_IS_CHART (self));

  g_array_set_size (self->bars, 0);
  self->max_value = 0;
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
nudge_chart_add_bar (NudgeChart    *self,
                     const char    *label,
                     double         value,
                     const char    *value_text,
                     NudgeBarStyle  style)
{
  Bar bar;

  g_return_if_fail (NUDGE_IS_CHART (self));

  bar.label = g_strdup (label);
  bar.value = MAX (value, 0);
  bar.value_text = g_strdup (value_text);
  bar.style = style;
  g_array_append_val (self->bars, bar);
  self->max_value = MAX (self->max_value, bar.value);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
nudge_chart_get_n_bars (NudgeChart *self)
{
  g_return_val_if_fail (NUDGE_IS_CHART (self), 0);

  return self->bars->len;
}

/* What bar @i reads, "December 2026" and "≈ 1 250 000 Kč"; for tests and
 * the accessibility tree. */
const char *
nudge_chart_get_bar_label (NudgeChart *self,
                           guint       i)
{
  g_return_val_if_fail (NUDGE_IS_CHART (self), NULL);
  g_return_val_if_fail (i < self->bars->len, NULL);

  return g_array_index (self->bars, Bar, i).label;
}

const char *
nudge_chart_get_bar_value_text (NudgeChart *self,
                                guint       i)
{
  g_return_val_if_fail (NUDGE_IS_CHART (self), NULL);
  g_return_val_if_fail (i < self->bars->len, NULL);

  return g_array_index (self->bars, Bar, i).value_text;
}

/* A scale that does not follow the data, e.g. 1.0 for rates. */
void
nudge_chart_set_max (NudgeChart *self,
                     double      max)
{
  g_return_if_fail (NUDGE_IS_CHART (self));

  self->fixed_max = max;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

NudgeBarStyle
nudge_chart_get_bar_style (NudgeChart *self,
                           guint       i)
{
  g_return_val_if_fail (NUDGE_IS_CHART (self), NUDGE_BAR_PLAIN);
  g_return_val_if_fail (i < self->bars->len, NUDGE_BAR_PLAIN);

  return g_array_index (self->bars, Bar, i).style;
}

/* The accessible description the chart gave itself, for tests */
const char *
nudge_chart_get_description (NudgeChart *self)
{
  g_return_val_if_fail (NUDGE_IS_CHART (self), NULL);

  return self->description;
}

/* The chart's accessible name: the heading it is shown under */
void
nudge_chart_set_title (NudgeChart *self,
                       const char *title)
{
  g_return_if_fail (NUDGE_IS_CHART (self));
  g_return_if_fail (title != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

const char *
nudge_chart_get_title (NudgeChart *self)
{
  g_return_val_if_fail (NUDGE_IS_CHART (self), NULL);

  return self->title;
}
