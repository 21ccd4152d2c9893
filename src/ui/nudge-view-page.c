/* nudge-view-page.c — a page of the window's view stack that builds its
 * view the first time it is needed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-view-page"

#include "config.h"

#include "nudge-view-page.h"

struct _NudgeViewPage
{
  AdwBin        parent_instance;

  GType         view_type;
  NudgeContext *context;
  /* Asked for before the context was bound. */
  guint         wanted : 1;
};

G_DEFINE_FINAL_TYPE (NudgeViewPage, nudge_view_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VIEW_TYPE,
  PROP_CONTEXT,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
nudge_view_page_dispose (GObject *object)
{
  NudgeViewPage *self = NUDGE_VIEW_PAGE (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (nudge_view_page_parent_class)->dispose (object);
}

static void
nudge_view_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NudgeViewPage *self = NUDGE_VIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW_TYPE:
      g_value_set_gtype (value, self->view_type);
      break;
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_VIEW:
      g_value_set_object (value, nudge_view_page_get_view (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_view_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  NudgeViewPage *self = NUDGE_VIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW_TYPE:
      self->view_type = g_value_get_gtype (value);
      break;
    case PROP_CONTEXT:
      nudge_view_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_view_page_class_init (NudgeViewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nudge_view_page_dispose;
  object_class->get_property = nudge_view_page_get_property;
  object_class->set_property = nudge_view_page_set_property;

  /* A widget type with a construct-only "context" property. */
  properties[PROP_VIEW_TYPE] =
    g_param_spec_gtype ("view-type", NULL, NULL, GTK_TYPE_WIDGET,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Set once, by a binding to the window's context in nudge-window.ui. */
  properties[PROP_CONTEXT] = nudge_context_settable_param_spec ();
  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nudge_view_page_init (NudgeViewPage *self)
{
}

GType
nudge_view_page_get_view_type (NudgeViewPage *self)
{
  g_return_val_if_fail (NUDGE_IS_VIEW_PAGE (self), G_TYPE_INVALID);

  return self->view_type;
}

NudgeContext *
nudge_view_page_get_context (NudgeViewPage *self)
{
  g_return_val_if_fail (NUDGE_IS_VIEW_PAGE (self), NULL);

  return self->context;
}

/* The view, once built, keeps the context it was built with. */
void
nudge_view_page_set_context (NudgeViewPage *self,
                             NudgeContext  *context)
{
  g_return_if_fail (NUDGE_IS_VIEW_PAGE (self));
  g_return_if_fail (context == NULL || NUDGE_IS_CONTEXT (context));

  if (context == NULL || self->context == context)
    return;
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
  if (self->wanted)
    nudge_view_page_ensure_view (self);
}

/* The view, or NULL while it has not been needed. */
GtkWidget *
nudge_view_page_get_view (NudgeViewPage *self)
{
  g_return_val_if_fail (NUDGE_IS_VIEW_PAGE (self), NULL);

  return adw_bin_get_child (ADW_BIN (self));
}

/* The view, built now if it was not yet. The window asks for its first
 * views while it is being constructed, before its construct-only context
 * reaches the pages through their bindings: those are built as soon as
 * it does, and NULL is returned. */
GtkWidget *
nudge_view_page_ensure_view (NudgeViewPage *self)
{
  GtkWidget *view;

  g_return_val_if_fail (NUDGE_IS_VIEW_PAGE (self), NULL);
  g_return_val_if_fail (g_type_is_a (self->view_type, GTK_TYPE_WIDGET), NULL);

  if ((view = adw_bin_get_child (ADW_BIN (self))) != NULL)
    return view;
  if (self->context == NULL)
    {
      self->wanted = TRUE;
      return NULL;
    }

  view = g_object_new (self->view_type, "context", self->context, NULL);
  adw_bin_set_child (ADW_BIN (self), view);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
  return view;
}
