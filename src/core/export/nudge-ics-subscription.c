/* nudge-ics-subscription.c — a calendar file kept up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-ics"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-ics.h"
#include "nudge-ics-subscription.h"
#include "nudge-worker.h"

struct _NudgeIcsSubscription
{
  GObject     parent_instance;

  NudgeStore *store;
  char       *path;
  guint       delay_ms;
  guint       timeout_id;
  gulong      changed_id;
  gboolean    writing;
  gboolean    again;
  gboolean    stopped;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (NudgeIcsSubscription, nudge_ics_subscription, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PATH,
  PROP_DELAY_MS,
  N_PROPS
};

enum {
  WRITTEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_rewrite (NudgeIcsSubscription *self);

/* The export of a big book takes a second: a worker writes the file. */
static gboolean
write_job (NudgeStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  NudgeIcsOptions options;

  /* Stopped while the job waited for a worker thread. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  nudge_ics_options_init (&options);
  return nudge_ics_export_to_file (store, &options, data, error);
}

static void
write_done (gpointer      owner,
            gpointer      data,
            const GError *error)
{
  NudgeIcsSubscription *self = owner;
  const char *path = data;

  self->writing = FALSE;
  /* Stopped: the book may be gone, and a failure is no news. */
  if (self->stopped)
    return;
  if (error == NULL && g_strcmp0 (path, self->path) == 0)
    g_signal_emit (self, signals[WRITTEN], 0, path);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not update the calendar file %s: %s", path, error->message);

  if (self->again)
    {
      self->again = FALSE;
      schedule_rewrite (self);
    }
}

static gboolean
rewrite_cb (gpointer user_data)
{
  NudgeIcsSubscription *self = user_data;

  self->timeout_id = 0;
  if (self->path == NULL || self->store == NULL || self->stopped)
    return G_SOURCE_REMOVE;
  if (self->writing)
    {
      self->again = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->writing = TRUE;
  nudge_worker_run (self->store, write_job, g_strdup (self->path), g_free, self->cancellable,
                    write_done, self);
  return G_SOURCE_REMOVE;
}

static void
schedule_rewrite (NudgeIcsSubscription *self)
{
  if (self->path == NULL || self->timeout_id != 0 || self->stopped)
    return;
  self->timeout_id = g_timeout_add (self->delay_ms, rewrite_cb, self);
  g_source_set_name_by_id (self->timeout_id, "[nudge] rewrite calendar file");
}

static void
store_changes_cb (NudgeStore     *store,
                  NudgeChangeSet *changes,
                  gpointer        user_data)
{
  /* The calendar shows follow-ups with their deal's and contact's names. */
  if (nudge_change_set_touches_any (changes, NUDGE_ENTITY_BIT (NUDGE_ENTITY_FOLLOWUP) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_DEAL) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_CONTACT) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_COMPANY)))
    schedule_rewrite (user_data);
}

static void
nudge_ics_subscription_dispose (GObject *object)
{
  NudgeIcsSubscription *self = NUDGE_ICS_SUBSCRIPTION (object);

  nudge_ics_subscription_stop (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nudge_ics_subscription_parent_class)->dispose (object);
}

static void
nudge_ics_subscription_finalize (GObject *object)
{
  NudgeIcsSubscription *self = NUDGE_ICS_SUBSCRIPTION (object);

  g_free (self->path);

  G_OBJECT_CLASS (nudge_ics_subscription_parent_class)->finalize (object);
}

static void
nudge_ics_subscription_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  NudgeIcsSubscription *self = NUDGE_ICS_SUBSCRIPTION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_DELAY_MS:
      g_value_set_uint (value, self->delay_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_ics_subscription_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  NudgeIcsSubscription *self = NUDGE_ICS_SUBSCRIPTION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      self->changed_id = g_signal_connect (self->store, "changes", G_CALLBACK (store_changes_cb), self);
      break;
    case PROP_PATH:
      nudge_ics_subscription_set_path (self, g_value_get_string (value));
      break;
    case PROP_DELAY_MS:
      nudge_ics_subscription_set_delay_ms (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_ics_subscription_class_init (NudgeIcsSubscriptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nudge_ics_subscription_dispose;
  object_class->finalize = nudge_ics_subscription_finalize;
  object_class->get_property = nudge_ics_subscription_get_property;
  object_class->set_property = nudge_ics_subscription_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, NUDGE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELAY_MS] =
    g_param_spec_uint ("delay-ms", NULL, NULL, 0, G_MAXUINT, NUDGE_ICS_SUBSCRIPTION_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[WRITTEN] =
    g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
nudge_ics_subscription_init (NudgeIcsSubscription *self)
{
  self->delay_ms = NUDGE_ICS_SUBSCRIPTION_DELAY_MS;
  self->cancellable = g_cancellable_new ();
}

NudgeIcsSubscription *
nudge_ics_subscription_new (NudgeStore *store,
                            const char *path)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  return g_object_new (NUDGE_TYPE_ICS_SUBSCRIPTION, "store", store, "path", path, NULL);
}

const char *
nudge_ics_subscription_get_path (NudgeIcsSubscription *self)
{
  g_return_val_if_fail (NUDGE_IS_ICS_SUBSCRIPTION (self), NULL);

  return self->path;
}

void
nudge_ics_subscription_set_path (NudgeIcsSubscription *self,
                                 const char           *path)
{

  g_return_if_fail (NUDGE_IS_ICS_SUBSCRIPTION (self));

  if (path != NULL && *path == '\0')
    path = NULL;
  if (g_strcmp0 (path, self->path) == 0)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  /* Written at once, by the worker. */
  if (self->path && self->store)
    rewrite_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

void
nudge_ics_subscription_set_delay_ms (NudgeIcsSubscription *self,
                                     guint                 delay_ms)
{
  g_return_if_fail (NUDGE_IS_ICS_SUBSCRIPTION (self));

  if (self->delay_ms == delay_ms)
    return;
  self->delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY_MS]);
}

gboolean
nudge_ics_subscription_write_now (NudgeIcsSubscription  *self,
                                  GError               **error)
{
  NudgeIcsOptions options;

  g_return_val_if_fail (NUDGE_IS_ICS_SUBSCRIPTION (self), FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->path == NULL)
    return TRUE;

  nudge_ics_options_init (&options);
  if (!nudge_ics_export_to_file (self->store, &options, self->path, error))
    return FALSE;
  g_signal_emit (self, signals[WRITTEN], 0, self->path);
  return TRUE;
}

gboolean
nudge_ics_subscription_is_pending (NudgeIcsSubscription *self)
{
  g_return_val_if_fail (NUDGE_IS_ICS_SUBSCRIPTION (self), FALSE);

  return self->timeout_id != 0 || self->writing;
}

/* A write under way holds the subscription (the worker keeps its owner
 * until it is done): dropping the last other reference does not end it.
 * Whoever closes the book calls this first. */
void
nudge_ics_subscription_stop (NudgeIcsSubscription *self)
{
  g_return_if_fail (NUDGE_IS_ICS_SUBSCRIPTION (self));

  self->stopped = TRUE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
}
