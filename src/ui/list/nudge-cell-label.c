/* nudge-cell-label.c — one line of text in a table's cell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-cell-label"

#include "config.h"

#include "nudge-cell-label.h"

struct _NudgeCellLabel
{
  GtkWidget    parent_instance;

  char        *text;
  gboolean     numeric;
  GQuark       style_class;
  PangoLayout *layout;

  /* The text's size on one line, in pixels, for the font of the Pango
   * context's serial @measured_serial; 0 when not measured yet. */
  guint        measured_serial;
  int          text_width;
  int          text_height;
};

G_DEFINE_FINAL_TYPE (NudgeCellLabel, nudge_cell_label, GTK_TYPE_WIDGET)

static void
clear_measure (NudgeCellLabel *self)
{
  self->measured_serial = 0;
}

static PangoLayout *
ensure_layout (NudgeCellLabel *self)
{
  if (self->layout == NULL)
    {
      self->layout = pango_layout_new (gtk_widget_get_pango_context (GTK_WIDGET (self)));
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      pango_layout_set_text (self->layout, self->text != NULL ? self->text : "", -1);
      if (self->numeric)
        {
          g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
          pango_layout_set_attributes (self->layout, attrs);
        }
    }
  return self->layout;
}

/* The text's size, measured again only after the text or the font
 * changed (GTK updates the widget's Pango context in place when its CSS
 * font changes, which changes the context's serial, and queues a
 * resize). */
static void
ensure_measured (NudgeCellLabel *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  guint serial = pango_context_get_serial (context);
  PangoLayout *layout;

  if (self->measured_serial == serial && serial != 0)
    return;
  layout = ensure_layout (self);
  pango_layout_set_width (layout, -1);
  pango_layout_get_pixel_size (layout, &self->text_width, &self->text_height);
  self->measured_serial = serial;
}

static void
nudge_cell_label_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  NudgeCellLabel *self = NUDGE_CELL_LABEL (widget);

  ensure_measured (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Ellipsized down to nothing in a narrow column */
      *minimum = 0;
      *natural = self->text_width;
    }
  else
    *minimum = *natural = self->text_height;
}

static void
nudge_cell_label_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  NudgeCellLabel *self = NUDGE_CELL_LABEL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoLayout *layout;
  double xalign = self->numeric ? 1.0 : 0.0;
  GdkRGBA color;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;
  ensure_measured (self);
  layout = ensure_layout (self);
  /* A text that fits keeps the layout it was measured with. */
  pango_layout_set_width (layout, self->text_width > width ? width * PANGO_SCALE : -1);
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1.0 - xalign;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (floor ((width - MIN (self->text_width, width)) * xalign),
                                                floor ((height - self->text_height) / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static gboolean
nudge_cell_label_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip)
{
  NudgeCellLabel *self = NUDGE_CELL_LABEL (widget);

  if (!nudge_cell_label_is_ellipsized (self))
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->text);
  return TRUE;
}

static void
nudge_cell_label_finalize (GObject *object)
{
  NudgeCellLabel *self = NUDGE_CELL_LABEL (object);

  g_clear_object (&self->layout);
  g_free (self->text);
  G_OBJECT_CLASS (nudge_cell_label_parent_class)->finalize (object);
}

static void
nudge_cell_label_class_init (NudgeCellLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = nudge_cell_label_finalize;
  widget_class->measure = nudge_cell_label_measure;
  widget_class->snapshot = nudge_cell_label_snapshot;
  widget_class->query_tooltip = nudge_cell_label_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
nudge_cell_label_init (NudgeCellLabel *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
nudge_cell_label_new (void)
{
  return g_object_new (NUDGE_TYPE_CELL_LABEL, NULL);
}

void
nudge_cell_label_set_text (NudgeCellLabel *self,
                           const char     *text)
{
  g_return_if_fail (NUDGE_IS_CELL_LABEL (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text, -1);
  clear_measure (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
nudge_cell_label_get_text (NudgeCellLabel *self)
{
  g_return_val_if_fail (NUDGE_IS_CELL_LABEL (self), NULL);

  return self->text != NULL ? self->text : "";
}

void
nudge_cell_label_set_numeric (NudgeCellLabel *self,
                              gboolean        numeric)
{
  g_return_if_fail (NUDGE_IS_CELL_LABEL (self));

  numeric = !!numeric;
  if (self->numeric == numeric)
    return;
  self->numeric = numeric;
  if (numeric)
    gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "numeric");
  g_clear_object (&self->layout);
  clear_measure (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Only a change of class restyles the cell: a bind that sets the classes
 * it already has (gtk_widget_set_css_classes()) restyled every cell of
 * every row bound, a good part of each frame while a table's rows
 * change. */
void
nudge_cell_label_set_style_class (NudgeCellLabel *self,
                                  const char     *style_class)
{
  GQuark quark;

  g_return_if_fail (NUDGE_IS_CELL_LABEL (self));

  quark = style_class != NULL ? g_quark_from_string (style_class) : 0;
  if (quark == self->style_class)
    return;
  if (self->style_class != 0)
    gtk_widget_remove_css_class (GTK_WIDGET (self), g_quark_to_string (self->style_class));
  self->style_class = quark;
  if (quark != 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), style_class);
}

gboolean
nudge_cell_label_is_ellipsized (NudgeCellLabel *self)
{
  g_return_val_if_fail (NUDGE_IS_CELL_LABEL (self), FALSE);

  if (self->text == NULL || *self->text == '\0')
    return FALSE;
  ensure_measured (self);
  return self->text_width > gtk_widget_get_width (GTK_WIDGET (self));
}
