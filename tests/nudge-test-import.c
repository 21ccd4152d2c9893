/* nudge-test-import.c — what the import tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nudge-test-core.h"
#include "nudge-test-import.h"
#include "nudge-timeline.h"

char *
nudge_test_import_snapshot (NudgeStore *store)
{
  return nudge_test_store_text (store,
    "SELECT (SELECT COUNT(*) FROM contact) || '|' || (SELECT COUNT(*) FROM company) || '|' ||"
    " (SELECT COUNT(*) FROM import_change) || '|' || (SELECT COUNT(*) FROM contact_channel) || '|' ||"
    " COALESCE((SELECT group_concat(name || email || phone || title || tags || notes || COALESCE(company_id, 0)"
    "   || birthday || address || website, ';') FROM contact), '') || '|' ||"
    " COALESCE((SELECT group_concat(name || industry || website || phone || email || notes, ';') FROM company), '')");
}

gboolean
nudge_test_import_text (NudgeStore         *store,
                        NudgeEntity         entity,
                        const char         *text,
                        gboolean            dry_run,
                        GHashTable         *mapping,
                        NudgeImportResult  *result,
                        GError            **error)
{
  NudgeImportOptions options = { dry_run, mapping, 5 };

  return nudge_import_csv_with_options (store, entity, text, strlen (text), "CZK", &options,
                                        NULL, result, error);
}

void
nudge_test_assert_import_counts (const NudgeImportResult *result,
                                 guint                    n_new,
                                 guint                    n_updated,
                                 guint                    n_unchanged,
                                 guint                    n_errors)
{
  g_assert_cmpuint (result->n_new, ==, n_new);
  g_assert_cmpuint (result->n_updated, ==, n_updated);
  g_assert_cmpuint (result->n_unchanged, ==, n_unchanged);
  g_assert_cmpuint (result->n_errors, ==, n_errors);
}

void
nudge_test_import_checked (NudgeStore  *store,
                           gboolean     dry_run,
                           NudgeEntity  entity,
                           const char  *text,
                           guint        n_new,
                           guint        n_updated,
                           guint        n_unchanged)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = nudge_test_import_snapshot (store);
  g_autofree char *after = NULL;
  NudgeImportResult result = { 0 };

  g_assert_true (nudge_test_import_text (store, entity, text, dry_run, NULL, &result, &error));
  g_assert_no_error (error);
  nudge_test_assert_import_counts (&result, n_new, n_updated, n_unchanged, 0);
  g_assert_cmpuint (result.record_ids->len, ==, dry_run ? 0 : n_new);
  if (dry_run)
    {
      after = nudge_test_import_snapshot (store);
      g_assert_cmpstr (before, ==, after);
    }
  nudge_import_result_clear (&result);
}

NudgeImportUndo *
nudge_test_import_for_undo (NudgeStore        *store,
                            NudgeEntity        entity,
                            const char        *text,
                            NudgeImportResult *result)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nudge_test_import_text (store, entity, text, FALSE, NULL, result, &error));
  g_assert_no_error (error);
  return nudge_import_undo_new (entity, result);
}

void
nudge_test_assert_import_undo (NudgeStore            *store,
                               NudgeImportUndo       *undo,
                               int                    code,
                               NudgeTestSnapshotFunc  snapshot,
                               const char            *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (nudge_import_undo (store, undo, &error) == (code == 0));
  if (code == 0)
    g_assert_no_error (error);
  else
    g_assert_error (error, NUDGE_STORE_ERROR, code);
  after = snapshot (store);
  g_assert_cmpstr (expected, ==, after);
}

const char *
nudge_test_import_line (NudgeStore  *store,
                        NudgeEntity  entity,
                        gint64       id)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  const char *line = NULL;

  items = nudge_timeline_list (store, entity, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      NudgeActivity *a = g_ptr_array_index (items, i);

      if (g_str_equal (nudge_activity_get_kind (a), "import"))
        {
          g_assert_null (line);
          line = g_intern_string (nudge_activity_get_summary (a));
        }
    }
  return line;
}
