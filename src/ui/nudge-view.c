/* nudge-view.c — what every main view shares: the context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-view"

#include "config.h"

#include "nudge-view.h"

typedef struct
{
  NudgeContext *context;
} NudgeViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (NudgeView, nudge_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
nudge_view_dispose (GObject *object)
{
  NudgeViewPrivate *priv = nudge_view_get_instance_private (NUDGE_VIEW (object));

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

static void
nudge_view_class_init (NudgeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nudge_view_dispose;
  object_class->get_property = nudge_view_get_property;
  object_class->set_property = nudge_view_set_property;

  properties[PROP_CONTEXT] = nudge_context_param_spec ();
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
