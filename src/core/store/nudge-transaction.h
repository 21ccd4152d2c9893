/* nudge-transaction.h — a write to the book that is all or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

/* Makes a change inside the transaction; FALSE with @error set when it
 * cannot. */
typedef gboolean (*NudgeWriteFunc) (NudgeStore  *store,
                                    gpointer     data,
                                    GError     **error);

gboolean  nudge_transaction_run  (NudgeStore      *store,
                                  NudgeWriteFunc   write,
                                  gpointer         data,
                                  GError         **error);

G_END_DECLS
