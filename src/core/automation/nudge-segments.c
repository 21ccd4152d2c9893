/* nudge-segments.c — built-in and saved segments of deals, contacts and
 * companies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-segments"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "nudge-automation-private.h"
#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-pace.h"
#include "nudge-scoring.h"

#define DAY NUDGE_DAY

/* ---- segments --------------------------------------------------------- */

static const NudgeSegmentInfo segments[] = {
  { "dormant", N_("Dormant (no activity for 6+ months)"), NUDGE_ENTITY_DEAL },
  { "on_hold", N_("On hold / postponed"), NUDGE_ENTITY_DEAL },
  { "at_risk", N_("At risk (idle past the stage limit)"), NUDGE_ENTITY_DEAL },
  { "lost_customers", N_("Lost customers (bought before, nothing for 6 months)"), NUDGE_ENTITY_COMPANY },
  { "regular", N_("Regular customers (3+ won deals in 12 months)"), NUDGE_ENTITY_COMPANY },
};

const NudgeSegmentInfo *
nudge_segment_builtins (guint *n_segments)
{
  *n_segments = G_N_ELEMENTS (segments);
  return segments;
}

static GArray *
collect_ids (NudgeStore  *store,
             const char  *sql,
             gint64       p1,
             const char  *text2,
             GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, p1);
  if (text2 != NULL)
    nudge_sql_bind_text (stmt, 2, text2);
  if (!nudge_store_append_ids (store, stmt, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

GArray *
nudge_segment_members (NudgeStore   *store,
                       const char   *name,
                       NudgeEntity  *out_entity,
                       GError      **error)
{
  static const char dormant_sql[] =
    "SELECT id FROM deal WHERE trashed_at IS NULL AND status IN ('open','on_hold')"
    " AND MAX(COALESCE(last_activity_at, 0), stage_entered_at) <= ?1 ORDER BY id";
  /* A label says "postponed" or "on hold" in the seller's language:
   * Czech "odloženo", "pozastaveno", Polish "odłożone", "wstrzymane",
   * Ukrainian "відкладено", "призупинено" (LIKE ignores the case of
   * ASCII letters only: the Cyrillic words are matched without their
   * first letter). A deal won since is no longer waiting. */
  static const char on_hold_sql[] =
    "SELECT id FROM deal WHERE trashed_at IS NULL AND ?1 = ?1 AND (status = 'on_hold'"
    " OR (status <> 'won' AND (labels LIKE '%postpone%' OR labels LIKE '%on hold%'"
    "     OR labels LIKE '%odlo%' OR labels LIKE '%pozastav%' OR labels LIKE '%odłoż%'"
    "     OR labels LIKE '%wstrzym%' OR labels LIKE '%ідклад%' OR labels LIKE '%ризупин%'))) ORDER BY id";
  static const char at_risk_sql[] =
    "SELECT d.id FROM deal d JOIN stage s ON s.id = d.stage_id WHERE d.trashed_at IS NULL"
    " AND d.status = 'open' AND s.rotting_days > 0"
    " AND MAX(COALESCE(d.last_activity_at, 0), d.stage_entered_at) + s.rotting_days * 86400 < ?1 ORDER BY d.id";
  static const char lost_sql[] =
    "SELECT co.id FROM company co WHERE co.trashed_at IS NULL"
    " AND EXISTS (SELECT 1 FROM deal d WHERE d.company_id = co.id AND d.trashed_at IS NULL AND d.status = 'won')"
    " AND NOT EXISTS (SELECT 1 FROM deal d WHERE d.company_id = co.id AND d.trashed_at IS NULL"
    "   AND (d.status = 'open' OR COALESCE(d.last_activity_at, 0) > ?1 OR COALESCE(d.closed_at, 0) > ?1))"
    " AND NOT EXISTS (SELECT 1 FROM contact c WHERE c.company_id = co.id AND COALESCE(c.last_activity_at, 0) > ?1)"
    " ORDER BY co.id";
  static const char regular_sql[] =
    "SELECT company_id FROM deal WHERE trashed_at IS NULL AND status = 'won' AND closed_at >= ?1"
    " AND company_id IS NOT NULL GROUP BY company_id HAVING COUNT(*) >= 3 ORDER BY company_id";
  static const char product_sql[] =
    "SELECT id FROM deal WHERE trashed_at IS NULL AND ?1 = ?1 AND product = ?2 COLLATE NOCASE ORDER BY id";
  static const char industry_sql[] =
    "SELECT id FROM company WHERE trashed_at IS NULL AND ?1 = ?1 AND industry = ?2 COLLATE NOCASE ORDER BY id";
  static const char saved_sql[] = "SELECT entity, query FROM saved_filter WHERE name = ?";
  gint64 now = nudge_clock_now ();
  g_autoptr(GDateTime) n = nudge_clock_local_from_unix (now);
  g_autoptr(GDateTime) six_months = g_date_time_add_months (n, -6);
  g_autoptr(GDateTime) year = g_date_time_add_months (n, -12);
  NudgeEntity entity = NUDGE_ENTITY_DEAL;
  GArray *ids = NULL;

  if (g_str_equal (name, "dormant"))
    ids = collect_ids (store, dormant_sql, g_date_time_to_unix (six_months), NULL, error);
  else if (g_str_equal (name, "on_hold"))
    ids = collect_ids (store, on_hold_sql, 0, NULL, error);
  else if (g_str_equal (name, "at_risk"))
    ids = collect_ids (store, at_risk_sql, now, NULL, error);
  else if (g_str_equal (name, "lost_customers"))
    {
      entity = NUDGE_ENTITY_COMPANY;
      ids = collect_ids (store, lost_sql, g_date_time_to_unix (six_months), NULL, error);
    }
  else if (g_str_equal (name, "regular"))
    {
      entity = NUDGE_ENTITY_COMPANY;
      ids = collect_ids (store, regular_sql, g_date_time_to_unix (year), NULL, error);
    }
  else if (g_str_has_prefix (name, "product:"))
    ids = collect_ids (store, product_sql, 0, name + strlen ("product:"), error);
  else if (g_str_has_prefix (name, "industry:"))
    {
      entity = NUDGE_ENTITY_COMPANY;
      ids = collect_ids (store, industry_sql, 0, name + strlen ("industry:"), error);
    }
  else
    {
      sqlite3_stmt *stmt = nudge_store_prepare (store, saved_sql, error);
      g_autofree char *query = NULL;
      g_autofree char *entity_name = NULL;

      if (stmt == NULL)
        return NULL;
      nudge_sql_bind_text (stmt, 1, name);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          entity_name = nudge_sql_dup_text (stmt, 0);
          query = nudge_sql_dup_text (stmt, 1);
        }
      sqlite3_reset (stmt);
      if (query == NULL)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND,
                       _("There is no segment “%s”"), name);
          return NULL;
        }
      entity = g_str_equal (entity_name, "contact") ? NUDGE_ENTITY_CONTACT
             : g_str_equal (entity_name, "company") ? NUDGE_ENTITY_COMPANY : NUDGE_ENTITY_DEAL;
      ids = nudge_store_search (store, entity, query, 0, error);
    }

  if (ids != NULL && out_entity != NULL)
    *out_entity = entity;
  return ids;
}

gboolean
nudge_segment_save_filter (NudgeStore   *store,
                           const char   *name,
                           NudgeEntity   entity,
                           const char   *query,
                           GError      **error)
{
  static const char sql[] =
    "INSERT INTO saved_filter (name, entity, query) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (name) DO UPDATE SET entity = ?2, query = ?3";
  sqlite3_stmt *stmt;

  if (!nudge_check_text (_("Name"), name, NUDGE_MAX_NAME_CHARS, TRUE, error) ||
      !nudge_check_text (_("Search"), query, NUDGE_MAX_SHORT_CHARS, TRUE, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    if (g_str_equal (segments[i].name, name))
      return nudge_fail_invalid (error, _("“%s” is the name of a built-in segment"), name);
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  nudge_sql_bind_text (stmt, 1, name);
  nudge_sql_bind_text (stmt, 2, entity == NUDGE_ENTITY_CONTACT ? "contact"
                                : entity == NUDGE_ENTITY_COMPANY ? "company" : "deal");
  nudge_sql_bind_text (stmt, 3, query);
  return nudge_store_step_done (store, stmt, error);
}

GStrv
nudge_segment_list_saved (NudgeStore *store)
{
  static const char sql[] = "SELECT name FROM saved_filter ORDER BY name";

  return nudge_store_list_texts (store, sql);
}

GStrv
nudge_segment_list_values (NudgeStore *store,
                           const char *kind)
{
  static const char product_sql[] =
    "SELECT product FROM deal WHERE trashed_at IS NULL AND product <> ''"
    " GROUP BY product ORDER BY COUNT(*) DESC, product LIMIT 12";
  static const char industry_sql[] =
    "SELECT industry FROM company WHERE trashed_at IS NULL AND industry <> ''"
    " GROUP BY industry ORDER BY COUNT(*) DESC, industry LIMIT 12";

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  return nudge_store_list_texts (store, g_str_equal (kind, "industry") ? industry_sql : product_sql);
}
