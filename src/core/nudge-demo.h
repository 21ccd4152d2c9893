/* nudge-demo.h — a realistic sample book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint   contacts;
  guint   companies;
  guint   deals;
  guint   activities;
  guint   followups;
  guint32 seed;
} NudgeDemoOptions;

/* A pleasant book: 60 companies, 150 contacts, 220 deals, 1500
 * activities, 320 follow-ups. */
void     nudge_demo_options_init (NudgeDemoOptions       *options);
/* Adds the book in one transaction (deterministic for a seed, relative
 * to nudge_clock_now()), then emits the store's "reset". */
gboolean nudge_demo_generate     (NudgeStore             *store,
                                  const NudgeDemoOptions *options,
                                  GError                **error);

G_END_DECLS
