/* nudge-view.c — what every main view shares: the context, and a
 * layout that tells the view when its width crosses a narrow threshold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-view"

#include "config.h"

#include "nudge-view.h"
#include "nudge-worker.h"

typedef struct
{
  NudgeContext *context;
  int           narrow_width;  /* 0: never narrow */
  gboolean      narrow;
  guint         narrow_id;
  gint64        selected_deal;
} NudgeViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (NudgeView, nudge_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SELECTED_DEAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
narrow_changed_cb (gpointer data)
{
  NudgeView *self = data;
  NudgeViewPrivate *priv = nudge_view_get_instance_private (self);

  priv->narrow_id = 0;
  if (NUDGE_VIEW_GET_CLASS (self)->narrow_changed != NULL)
    NUDGE_VIEW_GET_CLASS (self)->narrow_changed (self);
  return G_SOURCE_REMOVE;
}

/* As a GtkBinLayout would: the view's own size_allocate sees every width */
static void
nudge_view_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0, child_min_baseline = -1, child_nat_baseline = -1;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat,
                          &child_min_baseline, &child_nat_baseline);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
      if (child_min_baseline > -1)
        *minimum_baseline = MAX (*minimum_baseline, child_min_baseline);
      if (child_nat_baseline > -1)
        *natural_baseline = MAX (*natural_baseline, child_nat_baseline);
    }
}

/* The view changes its rows after the allocation that crossed the
 * threshold, never during it. A menu popped up on the view (a List
 * row's, a Calendar chip's) follows the view's size, and its own. */
static void
nudge_view_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  NudgeView *self = NUDGE_VIEW (widget);
  NudgeViewPrivate *priv = nudge_view_get_instance_private (self);

  if (gtk_widget_get_layout_manager (widget) != NULL)
    GTK_WIDGET_CLASS (nudge_view_parent_class)->size_allocate (widget, width, height, baseline);
  else
    for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
      if (gtk_widget_should_layout (child))
        gtk_widget_allocate (child, width, height, baseline, NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      gtk_popover_present (GTK_POPOVER (child));
  if (priv->narrow_width > 0 && (width < priv->narrow_width) != priv->narrow)
    {
      priv->narrow = width < priv->narrow_width;
      if (priv->narrow_id == 0)
        priv->narrow_id = g_idle_add (narrow_changed_cb, self);
    }
}

static void
nudge_view_dispose (GObject *object)
{
  NudgeViewPrivate *priv = nudge_view_get_instance_private (NUDGE_VIEW (object));

  g_clear_handle_id (&priv->narrow_id, g_source_remove);
  g_clear_object (&priv->context);

  G_OBJECT_CLASS (nudge_view_parent_class)->dispose (object);
}

static void
nudge_view_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NudgeViewPrivate *priv = nudge_view_get_instance_private (NUDGE_VIEW (object));

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;
    case PROP_SELECTED_DEAL:
      g_value_set_int64 (value, priv->selected_deal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_view_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  NudgeViewPrivate *priv = nudge_view_get_instance_private (NUDGE_VIEW (object));

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
nudge_view_real_focus_start (NudgeView *self)
{
  return gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
nudge_view_class_init (NudgeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_view_dispose;
  object_class->get_property = nudge_view_get_property;
  object_class->set_property = nudge_view_set_property;
  widget_class->measure = nudge_view_measure;
  widget_class->size_allocate = nudge_view_size_allocate;
  klass->focus_start = nudge_view_real_focus_start;

  properties[PROP_CONTEXT] = nudge_context_param_spec ();
  /**
   * NudgeView:selected-deal:
   *
   * The id of the deal the view has selected (the Pipeline's card
   * selected last, the List's one selected deal), or 0.
   */
  properties[PROP_SELECTED_DEAL] =
    g_param_spec_int64 ("selected-deal", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nudge_view_init (NudgeView *self)
{
}

NudgeContext *
nudge_view_get_context (NudgeView *self)
{
  NudgeViewPrivate *priv;

  g_return_val_if_fail (NUDGE_IS_VIEW (self), NULL);

  priv = nudge_view_get_instance_private (self);
  return priv->context;
}

NudgeStore *
nudge_view_get_store (NudgeView *self)
{
  NudgeContext *context = nudge_view_get_context (self);

  return context != NULL ? nudge_context_get_store (context) : NULL;
}

/**
 * nudge_view_set_narrow_width:
 * @width: below this width the view is narrow; 0 for never
 *
 * The view's #NudgeViewClass.narrow_changed runs after the allocation
 * that crosses @width. GTK gives a widget with a layout manager of its
 * own no size_allocate call: such a view holds its children in a box.
 */
void
nudge_view_set_narrow_width (NudgeView *self,
                             int        width)
{
  NudgeViewPrivate *priv;

  g_return_if_fail (NUDGE_IS_VIEW (self));

  priv = nudge_view_get_instance_private (self);
  priv->narrow_width = MAX (width, 0);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * nudge_view_focus_start:
 *
 * Puts the keyboard focus where work in the view starts (Today's first
 * row), as when Alt+1…5 switches to it. A view still reading its rows
 * (its #NudgeViewClass.focus_start says %FALSE) holds the keyboard
 * itself meanwhile, so that it is not left in the header bar or in the
 * view switched away from; nudge_view_content_ready() passes it on.
 * Returns: whether the view has the keyboard.
 */
gboolean
nudge_view_focus_start (NudgeView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  g_return_val_if_fail (NUDGE_IS_VIEW (self), FALSE);

  /* Focusable, the view itself would be the first stop */
  gtk_widget_set_focusable (widget, FALSE);
  if (NUDGE_VIEW_GET_CLASS (self)->focus_start (self))
    return TRUE;
  gtk_widget_set_focusable (widget, TRUE);
  if (gtk_widget_grab_focus (widget))
    return TRUE;
  gtk_widget_set_focusable (widget, FALSE);
  return FALSE;
}

/**
 * nudge_view_content_ready:
 *
 * Tells the view that what its #NudgeViewClass.focus_start looks for is
 * there now (the rows are drawn, the metrics are in). If the view has
 * held the keyboard since it was switched to, the content takes it; if
 * the user has moved it meanwhile, it stays where they put it.
 */
void
nudge_view_content_ready (NudgeView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkRoot *root;

  g_return_if_fail (NUDGE_IS_VIEW (self));

  if (!gtk_widget_get_focusable (widget))
    return;
  root = gtk_widget_get_root (widget);
  if (root != NULL && gtk_root_get_focus (root) == widget)
    nudge_view_focus_start (self);
  else
    gtk_widget_set_focusable (widget, FALSE);
}

gboolean
nudge_view_get_narrow (NudgeView *self)
{
  NudgeViewPrivate *priv;

  g_return_val_if_fail (NUDGE_IS_VIEW (self), FALSE);

  priv = nudge_view_get_instance_private (self);
  return priv->narrow;
}

gint64
nudge_view_get_selected_deal (NudgeView *self)
{
  NudgeViewPrivate *priv;

  g_return_val_if_fail (NUDGE_IS_VIEW (self), 0);

  priv = nudge_view_get_instance_private (self);
  return priv->selected_deal;
}

/* For the views that select deals: announced on a real change only. */
void
nudge_view_set_selected_deal (NudgeView *self,
                              gint64     deal_id)
{
  NudgeViewPrivate *priv;

  g_return_if_fail (NUDGE_IS_VIEW (self));

  priv = nudge_view_get_instance_private (self);
  if (priv->selected_deal == deal_id)
    return;
  priv->selected_deal = deal_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_DEAL]);
}

void
nudge_clear_clock_handler (GdkFrameClock **clock,
                           gulong         *handler_id)
{
  g_return_if_fail (clock != NULL && handler_id != NULL);

  if (*clock != NULL && *handler_id != 0 && g_signal_handler_is_connected (*clock, *handler_id))
    g_signal_handler_disconnect (*clock, *handler_id);
  *handler_id = 0;
  g_clear_object (clock);
}

void
nudge_view_load_styles (void)
{
  static const char *const sheets[] = { "nudge-calendar-view.css", "nudge-pipeline-view.css" };
  static gboolean loaded;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
      g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/ui/", sheets[i], NULL);

      gtk_css_provider_load_from_resource (provider, path);
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
  loaded = TRUE;
}
