/* nudge-types.h — forward declarations shared by the core and the UI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _NudgeStore        NudgeStore;
typedef struct _NudgeCompany      NudgeCompany;
typedef struct _NudgeContact      NudgeContact;
typedef struct _NudgeDeal         NudgeDeal;
typedef struct _NudgeStage        NudgeStage;
typedef struct _NudgeActivity     NudgeActivity;
typedef struct _NudgeFollowup     NudgeFollowup;
typedef struct _NudgeRecordList   NudgeRecordList;

typedef enum
{
  NUDGE_ENTITY_COMPANY,
  NUDGE_ENTITY_CONTACT,
  NUDGE_ENTITY_DEAL,
  NUDGE_ENTITY_ACTIVITY,
  NUDGE_ENTITY_FOLLOWUP,
  NUDGE_ENTITY_STAGE,
  NUDGE_ENTITY_PIPELINE,
  NUDGE_ENTITY_CADENCE,
  NUDGE_ENTITY_RULE,
  NUDGE_ENTITY_CURRENCY,   /* the home currency and the exchange rates (always id 1) */
  NUDGE_N_ENTITIES
} NudgeEntity;

typedef enum
{
  NUDGE_CHANGE_ADDED,
  NUDGE_CHANGE_UPDATED,
  NUDGE_CHANGE_REMOVED,
} NudgeChange;

typedef enum
{
  NUDGE_DEAL_OPEN,
  NUDGE_DEAL_WON,
  NUDGE_DEAL_LOST,
  NUDGE_DEAL_ON_HOLD,
} NudgeDealStatus;

typedef enum
{
  NUDGE_DIRECTION_OUT,
  NUDGE_DIRECTION_IN,
} NudgeDirection;

#define NUDGE_STORE_ERROR (nudge_store_error_quark ())

typedef enum
{
  NUDGE_STORE_ERROR_FAILED,
  NUDGE_STORE_ERROR_NOT_A_DATABASE,
  NUDGE_STORE_ERROR_TOO_NEW,
  NUDGE_STORE_ERROR_LOCKED,
  NUDGE_STORE_ERROR_INVALID,
  NUDGE_STORE_ERROR_TOO_LONG,
  NUDGE_STORE_ERROR_NOT_FOUND,
  NUDGE_STORE_ERROR_CONSTRAINT,
  NUDGE_STORE_ERROR_READ_ONLY,
  NUDGE_STORE_ERROR_CHANGED,    /* written since by someone else */
} NudgeStoreError;

GQuark       nudge_store_error_quark     (void);
const char  *nudge_deal_status_to_string (NudgeDealStatus status);
gboolean     nudge_deal_status_from_string (const char      *text,
                                            NudgeDealStatus *status);
const char  *nudge_deal_status_label     (NudgeDealStatus status);

G_END_DECLS
