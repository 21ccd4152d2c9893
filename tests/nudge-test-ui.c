/* nudge-test-ui.c — what the UI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nudge-test-ui.h"

static NudgeTestBusyFunc busy_func;
static gpointer          busy_data;

/* What nudge_test_spin() also waits for: work on worker threads and
 * models that fill over several frames. */
void
nudge_test_set_busy_check (NudgeTestBusyFunc func,
                           gpointer          data)
{
  busy_func = func;
  busy_data = data;
}

/* Runs the main loop for @ms milliseconds: long enough for idle
 * callbacks, timeouts and the frame clock of a real window; then on
 * until the busy check (if any) says the views have settled. */
void
nudge_test_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  gint64 deadline = until + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until ||
         (busy_func != NULL && busy_func (busy_data) && g_get_monotonic_time () < deadline))
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

static gboolean
drop_context_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

NudgeContext *
nudge_test_context (NudgeStore *store,
                    GSettings  *settings)
{
  NudgeContext *context = nudge_context_new (store, settings);

  g_idle_add_full (G_PRIORITY_HIGH, drop_context_cb, context, NULL);
  return context;
}
