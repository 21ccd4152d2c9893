/* fuzz-csv.c — the CSV import: any bytes, any entity, all or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "nudge-import.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  NudgeStore *store = fuzz_store ();
  NudgeImportResult result = { 0 };
  NudgeEntity entity;

  if (size == 0 || size > 64 * 1024)
    return 0;
  /* The first byte picks what is imported. */
  entity = (NudgeEntity[]) { NUDGE_ENTITY_COMPANY, NUDGE_ENTITY_CONTACT, NUDGE_ENTITY_DEAL }[data[0] % 3];
  nudge_import_csv (store, entity, (const char *) data + 1, size - 1, "CZK", &result, NULL);
  nudge_import_result_clear (&result);
  return 0;
}
