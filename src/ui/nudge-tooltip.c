/* nudge-tooltip.c — tooltips that cost nothing until they are shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-tooltip"

#include "config.h"

#include "nudge-tooltip.h"

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  const char *text)
{
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
free_text (gpointer  data,
           GClosure *closure)
{
  g_free (data);
}

gboolean
nudge_tooltip_set (NudgeTooltip *tooltip,
                   GtkWidget    *widget,
                   const char   *text)
{
  g_return_val_if_fail (tooltip != NULL, FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (g_strcmp0 (tooltip->text, text) == 0)
    return FALSE;
  if (tooltip->handler_id != 0)
    g_signal_handler_disconnect (widget, tooltip->handler_id);
  tooltip->handler_id = 0;
  g_free (tooltip->text);
  tooltip->text = g_strdup (text);
  if (text != NULL)
    tooltip->handler_id = g_signal_connect_data (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb),
                                                 g_strdup (text), free_text, 0);
  gtk_widget_set_has_tooltip (widget, text != NULL);
  return TRUE;
}

void
nudge_tooltip_clear (NudgeTooltip *tooltip)
{
  g_return_if_fail (tooltip != NULL);

  /* The widget goes with its owner, and its handlers with it. */
  g_clear_pointer (&tooltip->text, g_free);
  tooltip->handler_id = 0;
}

void
nudge_tooltip_set_static (GtkWidget  *widget,
                          const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_signal_connect_data (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), g_strdup (text), free_text, 0);
  gtk_widget_set_has_tooltip (widget, TRUE);
}

/* The widget a shown popover points from gets its tooltip back. */
static void
popover_hidden_cb (GtkWidget *owner,
                   GtkWidget *popover)
{
  g_signal_handlers_disconnect_by_func (popover, popover_hidden_cb, owner);
  gtk_widget_set_has_tooltip (owner, TRUE);
}

static gboolean
popover_shown_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  if (!GTK_IS_POPOVER (widget))
    return TRUE;
  /* The tooltip is the first one up from the popover: a menu button's,
   * or the row's whose context menu it is. */
  for (GtkWidget *owner = gtk_widget_get_parent (widget);
       owner != NULL && !GTK_IS_NATIVE (owner);
       owner = gtk_widget_get_parent (owner))
    {
      if (!gtk_widget_get_has_tooltip (owner))
        continue;
      gtk_widget_set_has_tooltip (owner, FALSE);
      /* Closed, or taken away open (its menu rebuilt) */
      g_signal_connect_object (widget, "hide", G_CALLBACK (popover_hidden_cb), owner, G_CONNECT_SWAPPED);
      g_signal_connect_object (widget, "unmap", G_CALLBACK (popover_hidden_cb), owner, G_CONNECT_SWAPPED);
      break;
    }
  return TRUE;
}

void
nudge_tooltip_hush_under_popovers (void)
{
  static gsize hooked;

  if (g_once_init_enter (&hooked))
    {
      gpointer klass = g_type_class_ref (GTK_TYPE_POPOVER);

      g_signal_add_emission_hook (g_signal_lookup ("show", GTK_TYPE_WIDGET), 0, popover_shown_hook, NULL, NULL);
      g_type_class_unref (klass);
      g_once_init_leave (&hooked, 1);
    }
}
