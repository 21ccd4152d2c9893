/* nudge-test-ui.c — what the UI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nudge-test-ui.h"

/* Runs the main loop for @ms milliseconds: long enough for idle
 * callbacks, timeouts and the frame clock of a real window. */
void
nudge_test_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* The first widget of @type in @widget's tree, @widget included. */
GtkWidget *
nudge_test_find_widget (GtkWidget *widget,
                        GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = nudge_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}
