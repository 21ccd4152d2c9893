/* nudge-import-undo.c — the Undo of an import: the records it added and
 * the companies it created go to the trash (activities and follow-ups,
 * which have none, go), and the deals, contacts and companies it
 * updated are put back as they were
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A deal's update is kept as a move is (nudge-deal-move.c). A contact's
 * or company's row is copied whole (SELECT *) before a row of the file
 * updates it and after, and so are a contact's e-mail addresses and
 * phone numbers (contact_channel), to which an import only adds. Undo
 * checks that the columns the import wrote and the contact's channels
 * are as the import left them, then writes the old values back and
 * removes the channels the import added and the lines it wrote into the
 * record's timeline (import_change). Something changed since (another
 * window, nudge-cli, a second import) makes it refuse rather than lose
 * that change.
 */

#define G_LOG_DOMAIN "nudge-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nudge-deal-move.h"
#include "nudge-import-private.h"
#include "nudge-store-private.h"
#include "nudge-transaction.h"

struct _NudgeImportUpdate
{
  NudgeEntity     entity;            /* a contact or a company */
  gint64          id;
  GStrv           columns;           /* of its table, as SELECT * gave them */
  guint           n_columns;
  sqlite3_value **before;
  sqlite3_value **after;
  GStrv           channel_columns;   /* of contact_channel */
  guint           n_channel_columns;
  GPtrArray      *channels;          /* sqlite3_value **: the contact's channels as the import left them */
  gint64          last_channel;      /* the newest channel of the book before the update */
  gint64          last_change;       /* the newest import_change row before the update */
  GArray         *changes;           /* gint64: the timeline lines the update wrote */
};

struct _NudgeImportUndo
{
  NudgeEntity  entity;
  GArray      *record_ids;
  GArray      *company_ids;
  GPtrArray   *updated_deals;
  GPtrArray   *updated_records;
  NudgeFollowupsUndo *followups;   /* or NULL */
  guint        n_followups;
};

/* ---- an update of a contact or a company --------------------------------- */

static const char *
table_of (NudgeImportUpdate *update)
{
  return update->entity == NUDGE_ENTITY_CONTACT ? "contact" : "company";
}

/* What reads the record's row */
static char *
record_sql (NudgeImportUpdate *update)
{
  return g_strdup_printf ("SELECT * FROM %s WHERE id = ? AND trashed_at IS NULL", table_of (update));
}

/* The record's row as it is now; NULL when it is not there (or in the
 * trash). */
static sqlite3_value **
read_record (NudgeStore         *store,
             NudgeImportUpdate  *update,
             GError            **error)
{
  g_autofree char *sql = record_sql (update);

  return nudge_sql_row_copy (store, sql, update->id, update->entity, &update->columns, &update->n_columns, error);
}

static void
channel_row_free (gpointer data,
                  gpointer user_data)
{
  NudgeImportUpdate *update = user_data;

  nudge_sql_values_free (data, update->n_channel_columns);
}

static void
free_channels (NudgeImportUpdate *update,
               GPtrArray         *channels)
{
  if (channels == NULL)
    return;
  g_ptr_array_foreach (channels, channel_row_free, update);
  g_ptr_array_unref (channels);
}

/* The contact's e-mail and phone rows as they are now, oldest first */
static GPtrArray *
read_channels (NudgeStore         *store,
               NudgeImportUpdate  *update,
               GError            **error)
{
  sqlite3_stmt *stmt = nudge_store_prepare (store, "SELECT * FROM contact_channel WHERE contact_id = ? ORDER BY id",
                                            error);
  GPtrArray *channels;
  int rc;

  if (stmt == NULL)
    return NULL;
  channels = g_ptr_array_new ();
  sqlite3_bind_int64 (stmt, 1, update->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (channels, nudge_sql_row_dup (stmt, &update->channel_columns, &update->n_channel_columns));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      free_channels (update, channels);
      return NULL;
    }
  return channels;
}

void
nudge_import_update_free (NudgeImportUpdate *update)
{
  if (update == NULL)
    return;
  nudge_sql_values_free (update->before, update->n_columns);
  nudge_sql_values_free (update->after, update->n_columns);
  free_channels (update, update->channels);
  g_strfreev (update->columns);
  g_strfreev (update->channel_columns);
  g_clear_pointer (&update->changes, g_array_unref);
  g_free (update);
}

/**
 * nudge_import_update_begin:
 * @out_update: (out): the record's row as it is before the row of the
 *   file updates it, or NULL when nothing is kept (a dry run)
 *
 * Keeps contact or company @id as it is, for the import's Undo.
 */
gboolean
nudge_import_update_begin (NudgeImportMatch   *match,
                           NudgeEntity         entity,
                           gint64              id,
                           NudgeImportUpdate **out_update,
                           GError            **error)
{
  g_autoptr(NudgeImportUpdate) update = NULL;

  g_assert (entity == NUDGE_ENTITY_CONTACT || entity == NUDGE_ENTITY_COMPANY);

  *out_update = NULL;
  if (match->dry_run || match->virtual_rows)
    return TRUE;
  update = g_new0 (NudgeImportUpdate, 1);
  update->entity = entity;
  update->id = id;
  update->changes = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!(update->before = read_record (match->store, update, error)) ||
      !nudge_store_lookup_checked (match->store, "SELECT MAX(id) FROM contact_channel", 0, NULL,
                                   &update->last_channel, error) ||
      !nudge_store_lookup_checked (match->store, "SELECT MAX(id) FROM import_change", 0, NULL,
                                   &update->last_change, error))
    return FALSE;
  *out_update = g_steal_pointer (&update);
  return TRUE;
}

/**
 * nudge_import_update_end:
 * @update: (transfer full) (nullable): from nudge_import_update_begin()
 *
 * Keeps the record as the row left it, with the timeline lines the row
 * wrote, in the result's updates for Undo, when the row changed it.
 */
gboolean
nudge_import_update_end (NudgeImportMatch   *match,
                         NudgeImportUpdate  *update,
                         GError            **error)
{
  g_autoptr(NudgeImportUpdate) kept = update;
  sqlite3_stmt *stmt;

  if (kept == NULL || match->state != NUDGE_IMPORT_ROW_UPDATED)
    return TRUE;
  if (!(kept->after = read_record (match->store, kept, error)) ||
      (kept->entity == NUDGE_ENTITY_CONTACT && !(kept->channels = read_channels (match->store, kept, error))) ||
      !(stmt = nudge_store_prepare (match->store,
                                    kept->entity == NUDGE_ENTITY_CONTACT
                                      ? "SELECT id FROM import_change WHERE contact_id = ?1 AND id > ?2"
                                      : "SELECT id FROM import_change WHERE company_id = ?1 AND id > ?2", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kept->id);
  sqlite3_bind_int64 (stmt, 2, kept->last_change);
  if (!nudge_store_append_ids (match->store, stmt, kept->changes, error))
    return FALSE;
  g_ptr_array_add (match->result->updated_records, g_steal_pointer (&kept));
  return TRUE;
}

/* Why Undo refuses when the record was changed since */
static const char *
changed_message (NudgeImportUpdate *update)
{
  if (update->entity == NUDGE_ENTITY_CONTACT)
    return _("The contact was changed since; undoing would lose that change");
  return _("The company was changed since; undoing would lose that change");
}

/* Nothing wrote since what the import wrote: neither the columns it
 * wrote nor the contact's channels. */
static gboolean
check_unchanged (NudgeStore         *store,
                 NudgeImportUpdate  *update,
                 GError            **error)
{
  g_autofree char *sql = record_sql (update);
  GPtrArray *channels;
  gboolean same;

  if (!nudge_sql_check_written (store, sql, update->id, update->entity, update->columns, update->n_columns,
                                update->before, update->after, changed_message (update), error))
    return FALSE;
  if (update->entity != NUDGE_ENTITY_CONTACT)
    return TRUE;
  if (!(channels = read_channels (store, update, error)))
    return FALSE;
  same = channels->len == update->channels->len;
  for (guint i = 0; same && i < channels->len; i++)
    same = nudge_sql_rows_equal (g_ptr_array_index (channels, i), g_ptr_array_index (update->channels, i),
                                 update->n_channel_columns);
  free_channels (update, channels);
  if (!same)
    g_set_error_literal (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED, changed_message (update));
  return same;
}

static gboolean
take_back_update (NudgeStore         *store,
                  NudgeImportUpdate  *update,
                  GError            **error)
{
  gint64 company_before = 0, company_after = 0;

  if (!check_unchanged (store, update, error) ||
      !nudge_sql_write_back (store, table_of (update), update->columns, update->before, update->after, NULL,
                             update->id, error) ||
      (update->entity == NUDGE_ENTITY_CONTACT &&
       !nudge_store_exec_ids (store, "DELETE FROM contact_channel WHERE contact_id = ?1 AND id > ?2",
                              update->id, update->last_channel, error)))
    return FALSE;
  for (guint i = 0; i < update->changes->len; i++)
    if (!nudge_store_exec_ids (store, "DELETE FROM import_change WHERE id = ?1",
                               g_array_index (update->changes, gint64, i), 0, error))
      return FALSE;

  nudge_store_queue_change (store, update->entity, update->id, NUDGE_CHANGE_UPDATED);
  /* A company's page lists its people. */
  if (update->entity == NUDGE_ENTITY_CONTACT)
    {
      company_before = nudge_sql_row_int (update->columns, update->before, "company_id");
      company_after = nudge_sql_row_int (update->columns, update->after, "company_id");
    }
  if (company_before > 0 && company_before != company_after)
    nudge_store_queue_change (store, NUDGE_ENTITY_COMPANY, company_before, NUDGE_CHANGE_UPDATED);
  if (company_after > 0 && company_after != company_before)
    nudge_store_queue_change (store, NUDGE_ENTITY_COMPANY, company_after, NUDGE_CHANGE_UPDATED);
  return TRUE;
}

/* ---- follow-ups an activities file added ---------------------------------- */

gboolean
nudge_import_keep_followups (NudgeStore         *store,
                             NudgeImportResult  *result,
                             GError            **error)
{
  g_autoptr(NudgeFollowupsUndo) followups = nudge_followups_undo_copy (store, NULL, 0, error);

  if (followups == NULL)
    return FALSE;
  for (guint i = 0; i < result->followup_ids->len; i++)
    nudge_followups_undo_add_created (followups, g_array_index (result->followup_ids, gint64, i));
  if (!nudge_followups_undo_seal (store, followups, error))
    return FALSE;
  g_clear_pointer (&result->followups_undo, nudge_followups_undo_free);
  result->followups_undo = g_steal_pointer (&followups);
  return TRUE;
}

/* Activities have no trash: those the import added leave the history,
 * and the last activity of their deals, contacts and companies goes
 * back with them. */
static gboolean
remove_activities (NudgeStore       *store,
                   NudgeImportUndo  *undo,
                   GError          **error)
{
  for (guint i = 0; i < undo->record_ids->len; i++)
    if (!nudge_store_remove_activity (store, g_array_index (undo->record_ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

/* ---- the import's Undo ------------------------------------------------------ */

/**
 * nudge_import_undo_new:
 *
 * What Undo of the import @result tells takes back: the records of
 * @entity it added, the companies it created, the deals, contacts and
 * companies it updated.
 */
NudgeImportUndo *
nudge_import_undo_new (NudgeEntity              entity,
                       const NudgeImportResult *result)
{
  NudgeImportUndo *undo;

  g_return_val_if_fail (result != NULL, NULL);

  undo = g_new0 (NudgeImportUndo, 1);
  undo->entity = entity;
  undo->record_ids = g_array_ref (result->record_ids);
  undo->company_ids = g_array_ref (result->company_ids);
  undo->updated_deals = result->updated_deals != NULL ? g_ptr_array_ref (result->updated_deals)
                                                      : g_ptr_array_new ();
  undo->updated_records = result->updated_records != NULL ? g_ptr_array_ref (result->updated_records)
                                                          : g_ptr_array_new ();
  if (result->followups_undo != NULL)
    {
      undo->followups = nudge_followups_undo_ref (result->followups_undo);
      undo->n_followups = result->followup_ids->len;
    }
  return undo;
}

void
nudge_import_undo_free (NudgeImportUndo *undo)
{
  if (undo == NULL)
    return;
  g_array_unref (undo->record_ids);
  g_array_unref (undo->company_ids);
  g_ptr_array_unref (undo->updated_deals);
  g_ptr_array_unref (undo->updated_records);
  g_clear_pointer (&undo->followups, nudge_followups_undo_free);
  g_free (undo);
}

/* How many rows Undo writes */
guint
nudge_import_undo_get_size (NudgeImportUndo *undo)
{
  g_return_val_if_fail (undo != NULL, 0);

  return undo->record_ids->len + undo->company_ids->len + undo->updated_deals->len + undo->updated_records->len +
         undo->n_followups;
}

/* The deal as it was, and the timeline line the update wrote: the
 * deal's newest, as the deal is unchanged since (else nothing is taken
 * back) and an import that changes nothing writes none. */
static gboolean
take_back_deal (NudgeStore     *store,
                NudgeDealMove  *move,
                GError        **error)
{
  gint64 id = nudge_deal_move_get_deal_id (move);

  return nudge_deal_move_take_back (store, move, error) &&
         nudge_store_exec_ids (store, "DELETE FROM import_change WHERE id ="
                               " (SELECT MAX(id) FROM import_change WHERE deal_id = ?1)", id, 0, error);
}

static gboolean
take_back_import (NudgeStore  *store,
                  gpointer     data,
                  GError     **error)
{
  NudgeImportUndo *undo = data;

  /* The last update first: a file may name a record twice. */
  for (guint i = undo->updated_deals->len; i > 0; i--)
    if (!take_back_deal (store, g_ptr_array_index (undo->updated_deals, i - 1), error))
      return FALSE;
  for (guint i = undo->updated_records->len; i > 0; i--)
    if (!take_back_update (store, g_ptr_array_index (undo->updated_records, i - 1), error))
      return FALSE;
  if (undo->followups != NULL && !nudge_followups_undo_write (store, undo->followups, error))
    return FALSE;
  if (undo->entity == NUDGE_ENTITY_ACTIVITY)
    return remove_activities (store, undo, error);
  return (undo->record_ids->len == 0 ||
          nudge_store_trash (store, undo->entity, (const gint64 *) undo->record_ids->data,
                             undo->record_ids->len, error)) &&
         (undo->company_ids->len == 0 ||
          nudge_store_trash (store, NUDGE_ENTITY_COMPANY, (const gint64 *) undo->company_ids->data,
                             undo->company_ids->len, error));
}

/**
 * nudge_import_undo:
 *
 * Takes the import back in one transaction (a NudgeStoreUndoFunc): the
 * deals, contacts and companies it updated as they were, the records it
 * added and the companies it created to the trash. Refuses, changing
 * nothing, when one of those it updated was changed since
 * (NUDGE_STORE_ERROR_CHANGED).
 */
gboolean
nudge_import_undo (NudgeStore       *store,
                   NudgeImportUndo  *undo,
                   GError          **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  return nudge_transaction_run (store, take_back_import, undo, error);
}
