/* nudge-test-notify.h — counting a property's change notifications
 *
 * A property with G_PARAM_EXPLICIT_NOTIFY must be announced once per real
 * change; the UI tests count the "notify" emissions to check that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

static inline void
nudge_test_count_notify_cb (guint      *count,
                            GParamSpec *pspec,
                            gpointer    object)
{
  (*count)++;
}

/* Adds one to *@count each time @object announces @property. */
static inline void
nudge_test_count_notify (gpointer    object,
                         const char *property,
                         guint      *count)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  g_signal_connect_swapped (object, signal, G_CALLBACK (nudge_test_count_notify_cb), count);
}
