/* nudge-transaction.c — a write to the book that is all or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-transaction"

#include "config.h"

#include "nudge-transaction.h"
#include "nudge-store-private.h"

/**
 * nudge_transaction_run:
 * @write: makes the change, queueing what it touched
 * @data: passed to @write
 *
 * Runs @write in a transaction of its own (a savepoint inside one begun
 * already): all it wrote is committed, and announced as one change set,
 * or nothing when it or the commit fails.
 */
gboolean
nudge_transaction_run (NudgeStore      *store,
                       NudgeWriteFunc   write,
                       gpointer         data,
                       GError         **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (write != NULL, FALSE);

  if (!nudge_store_begin (store, error))
    return FALSE;
  return nudge_store_end (store, write (store, data, error), error);
}
