/* nudge-schema.c — the schema, as an ordered list of migrations
 *
 * Migration N brings a database from user_version N-1 to N. Each runs in
 * the same transaction as the user_version bump, so a failed migration
 * leaves the file as it was. Never edit a shipped migration: add one.
 *
 * Times are Unix seconds (UTC). Where a wall-clock time matters
 * (follow-ups, recurring reminders) the IANA zone is stored beside it.
 * Money is integer minor units plus an ISO 4217 code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-schema"

#include "config.h"

#include "nudge-schema-private.h"

static const char migration_1[] =
  "CREATE TABLE company ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  industry TEXT NOT NULL DEFAULT '',"
  "  website TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  trashed_at INTEGER"
  ");"
  "CREATE TABLE contact ("
  "  id INTEGER PRIMARY KEY,"
  "  company_id INTEGER REFERENCES company(id) ON DELETE SET NULL,"
  "  name TEXT NOT NULL,"
  "  email TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  title TEXT NOT NULL DEFAULT '',"
  "  decision_maker INTEGER NOT NULL DEFAULT 0,"
  "  source TEXT NOT NULL DEFAULT '',"
  "  tags TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  temperature TEXT NOT NULL DEFAULT '',"
  "  stay_ideal_days INTEGER NOT NULL DEFAULT 0,"
  "  stay_max_days INTEGER NOT NULL DEFAULT 0,"
  "  score REAL NOT NULL DEFAULT 0,"
  "  last_activity_at INTEGER,"
  "  next_followup_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  trashed_at INTEGER"
  ");"
  "CREATE INDEX contact_company ON contact(company_id);"
  "CREATE TABLE pipeline ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE stage ("
  "  id INTEGER PRIMARY KEY,"
  "  pipeline_id INTEGER NOT NULL REFERENCES pipeline(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  probability INTEGER NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),"
  "  rotting_days INTEGER NOT NULL DEFAULT 0,"
  "  required_fields TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT 'open' CHECK (kind IN ('open','won','lost')),"
  "  UNIQUE (pipeline_id, name)"
  ");"
  "CREATE TABLE deal ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL,"
  "  company_id INTEGER REFERENCES company(id) ON DELETE SET NULL,"
  "  contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,"
  "  stage_id INTEGER NOT NULL REFERENCES stage(id) ON DELETE RESTRICT,"
  "  amount_minor INTEGER,"
  "  currency TEXT NOT NULL DEFAULT 'EUR',"
  "  product TEXT NOT NULL DEFAULT '',"
  "  expected_close TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','won','lost','on_hold')),"
  "  lost_reason TEXT NOT NULL DEFAULT '',"
  "  labels TEXT NOT NULL DEFAULT '',"
  "  temperature TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  score REAL NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  stage_entered_at INTEGER NOT NULL,"
  "  closed_at INTEGER,"
  "  last_activity_at INTEGER,"
  "  next_followup_at INTEGER,"
  "  trashed_at INTEGER"
  ");"
  "CREATE INDEX deal_stage ON deal(stage_id);"
  "CREATE INDEX deal_company ON deal(company_id);"
  "CREATE INDEX deal_contact ON deal(contact_id);"
  "CREATE TABLE stage_change ("
  "  id INTEGER PRIMARY KEY,"
  "  deal_id INTEGER NOT NULL REFERENCES deal(id) ON DELETE CASCADE,"
  "  from_stage INTEGER REFERENCES stage(id) ON DELETE SET NULL,"
  "  to_stage INTEGER REFERENCES stage(id) ON DELETE SET NULL,"
  "  at INTEGER NOT NULL"
  ");"
  "CREATE INDEX stage_change_deal ON stage_change(deal_id, at);"
  "CREATE TABLE activity ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  direction TEXT NOT NULL DEFAULT 'out' CHECK (direction IN ('in','out')),"
  "  occurred_at INTEGER NOT NULL,"
  "  contact_id INTEGER REFERENCES contact(id) ON DELETE CASCADE,"
  "  deal_id INTEGER REFERENCES deal(id) ON DELETE CASCADE,"
  "  company_id INTEGER REFERENCES company(id) ON DELETE CASCADE,"
  "  summary TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  origin TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX activity_deal ON activity(deal_id, occurred_at);"
  "CREATE INDEX activity_contact ON activity(contact_id, occurred_at);"
  "CREATE INDEX activity_company ON activity(company_id, occurred_at);"
  "CREATE TABLE followup ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  kind TEXT NOT NULL DEFAULT 'task',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  due_at INTEGER NOT NULL,"
  "  all_day INTEGER NOT NULL DEFAULT 0,"
  "  tzid TEXT NOT NULL DEFAULT '',"
  "  duration_min INTEGER NOT NULL DEFAULT 30,"
  "  remind_before_min INTEGER NOT NULL DEFAULT 0,"
  "  priority INTEGER NOT NULL DEFAULT 0,"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled')),"
  "  done_at INTEGER,"
  "  snoozed_until INTEGER,"
  "  deal_id INTEGER REFERENCES deal(id) ON DELETE CASCADE,"
  "  contact_id INTEGER REFERENCES contact(id) ON DELETE CASCADE,"
  "  rrule TEXT NOT NULL DEFAULT '',"
  "  exdates TEXT NOT NULL DEFAULT '',"
  "  sequence INTEGER NOT NULL DEFAULT 0,"
  "  origin TEXT NOT NULL DEFAULT 'manual',"
  "  rule_id INTEGER,"
  "  cadence_id INTEGER,"
  "  next_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX followup_next ON followup(status, next_at);"
  "CREATE INDEX followup_deal ON followup(deal_id, status, next_at);"
  "CREATE INDEX followup_contact ON followup(contact_id, status, next_at);"
  /* One row per completed occurrence of a recurring follow-up. */
  "CREATE TABLE followup_occurrence ("
  "  followup_id INTEGER NOT NULL REFERENCES followup(id) ON DELETE CASCADE,"
  "  occurrence_at INTEGER NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'done' CHECK (status IN ('done','cancelled')),"
  "  done_at INTEGER NOT NULL,"
  "  PRIMARY KEY (followup_id, occurrence_at)"
  ") WITHOUT ROWID;"
  "CREATE TABLE cadence ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  working_days INTEGER NOT NULL DEFAULT 1,"
  "  builtin INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE cadence_step ("
  "  id INTEGER PRIMARY KEY,"
  "  cadence_id INTEGER NOT NULL REFERENCES cadence(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  offset_days INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  title TEXT NOT NULL"
  ");"
  "CREATE TABLE rule ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  trigger TEXT NOT NULL,"
  "  trigger_params TEXT NOT NULL DEFAULT '{}',"
  "  action TEXT NOT NULL,"
  "  action_params TEXT NOT NULL DEFAULT '{}',"
  "  enabled INTEGER NOT NULL DEFAULT 1,"
  "  builtin INTEGER NOT NULL DEFAULT 0"
  ");"
  /* A rule fires at most once per subject per episode. */
  "CREATE TABLE rule_fired ("
  "  rule_id INTEGER NOT NULL REFERENCES rule(id) ON DELETE CASCADE,"
  "  subject TEXT NOT NULL,"
  "  episode TEXT NOT NULL,"
  "  fired_at INTEGER NOT NULL,"
  "  PRIMARY KEY (rule_id, subject, episode)"
  ") WITHOUT ROWID;"
  "CREATE TABLE reminder_fired ("
  "  occurrence_key TEXT PRIMARY KEY,"
  "  fired_at INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE lost_reason ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE saved_filter ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  entity TEXT NOT NULL,"
  "  query TEXT NOT NULL"
  ");"
  /* Denormalised "last activity" and "next follow-up", kept by triggers so
   * the lists never run a correlated subquery per row. */
  "CREATE TRIGGER activity_ai AFTER INSERT ON activity BEGIN"
  "  UPDATE deal SET last_activity_at = MAX(COALESCE(last_activity_at, 0), NEW.occurred_at) WHERE id = NEW.deal_id;"
  "  UPDATE contact SET last_activity_at = MAX(COALESCE(last_activity_at, 0), NEW.occurred_at) WHERE id = NEW.contact_id;"
  "END;"
  "CREATE TRIGGER activity_ad AFTER DELETE ON activity BEGIN"
  "  UPDATE deal SET last_activity_at = (SELECT MAX(occurred_at) FROM activity WHERE deal_id = OLD.deal_id) WHERE id = OLD.deal_id;"
  "  UPDATE contact SET last_activity_at = (SELECT MAX(occurred_at) FROM activity WHERE contact_id = OLD.contact_id) WHERE id = OLD.contact_id;"
  "END;"
  "CREATE TRIGGER followup_next_ai AFTER INSERT ON followup BEGIN"
  "  UPDATE deal SET next_followup_at = (SELECT MIN(next_at) FROM followup WHERE deal_id = NEW.deal_id AND status = 'open') WHERE id = NEW.deal_id;"
  "  UPDATE contact SET next_followup_at = (SELECT MIN(next_at) FROM followup WHERE contact_id = NEW.contact_id AND status = 'open') WHERE id = NEW.contact_id;"
  "END;"
  "CREATE TRIGGER followup_next_au AFTER UPDATE OF next_at, status, deal_id, contact_id ON followup BEGIN"
  "  UPDATE deal SET next_followup_at = (SELECT MIN(next_at) FROM followup WHERE deal_id = NEW.deal_id AND status = 'open') WHERE id = NEW.deal_id;"
  "  UPDATE deal SET next_followup_at = (SELECT MIN(next_at) FROM followup WHERE deal_id = OLD.deal_id AND status = 'open') WHERE id = OLD.deal_id AND OLD.deal_id IS NOT NEW.deal_id;"
  "  UPDATE contact SET next_followup_at = (SELECT MIN(next_at) FROM followup WHERE contact_id = NEW.contact_id AND status = 'open') WHERE id = NEW.contact_id;"
  "  UPDATE contact SET next_followup_at = (SELECT MIN(next_at) FROM followup WHERE contact_id = OLD.contact_id AND status = 'open') WHERE id = OLD.contact_id AND OLD.contact_id IS NOT NEW.contact_id;"
  "END;"
  "CREATE TRIGGER followup_next_ad AFTER DELETE ON followup BEGIN"
  "  UPDATE deal SET next_followup_at = (SELECT MIN(next_at) FROM followup WHERE deal_id = OLD.deal_id AND status = 'open') WHERE id = OLD.deal_id;"
  "  UPDATE contact SET next_followup_at = (SELECT MIN(next_at) FROM followup WHERE contact_id = OLD.contact_id AND status = 'open') WHERE id = OLD.contact_id;"
  "END;";

/* Full-text search: one FTS5 table per searchable entity, rowid = the
 * entity's id, kept in sync by triggers (including names pulled in from
 * the company and the contact). remove_diacritics lets "novak" find
 * "Novák" and "lodz" find "Łódź". */
#define DEAL_ROW(d) \
  "  INSERT INTO deal_fts(rowid, body) SELECT " d ".id, " d ".title || ' ' || " d ".product || ' ' || " d ".labels || ' ' || " d ".notes" \
  "    || ' ' || COALESCE((SELECT name FROM company WHERE id = " d ".company_id), '')" \
  "    || ' ' || COALESCE((SELECT name || ' ' || email || ' ' || phone FROM contact WHERE id = " d ".contact_id), '')"
#define DEAL_TEXT(d) DEAL_ROW (d) ";"
#define CONTACT_ROW(c) \
  "  INSERT INTO contact_fts(rowid, body) SELECT " c ".id, " c ".name || ' ' || " c ".email || ' ' || " c ".phone || ' ' || " c ".title" \
  "    || ' ' || " c ".tags || ' ' || " c ".notes || ' ' || COALESCE((SELECT name FROM company WHERE id = " c ".company_id), '')"
#define CONTACT_TEXT(c) CONTACT_ROW (c) ";"
#define COMPANY_BODY(c) \
  c ".name || ' ' || " c ".industry || ' ' || " c ".website || ' ' || " c ".phone" \
  "    || ' ' || " c ".email || ' ' || " c ".notes"
#define COMPANY_TEXT(c) \
  "  INSERT INTO company_fts(rowid, body) VALUES (" c ".id, " COMPANY_BODY (c) ");"

static const char migration_2[] =
  "CREATE VIRTUAL TABLE deal_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');"
  "CREATE VIRTUAL TABLE contact_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');"
  "CREATE VIRTUAL TABLE company_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');"
  "INSERT INTO company_fts(rowid, body) SELECT id, name || ' ' || industry || ' ' || website || ' ' || phone || ' ' || email || ' ' || notes FROM company;"
  "INSERT INTO contact_fts(rowid, body) SELECT c.id, c.name || ' ' || c.email || ' ' || c.phone || ' ' || c.title || ' ' || c.tags || ' ' || c.notes"
  "  || ' ' || COALESCE((SELECT name FROM company WHERE id = c.company_id), '') FROM contact c;"
  "INSERT INTO deal_fts(rowid, body) SELECT d.id, d.title || ' ' || d.product || ' ' || d.labels || ' ' || d.notes"
  "  || ' ' || COALESCE((SELECT name FROM company WHERE id = d.company_id), '')"
  "  || ' ' || COALESCE((SELECT name || ' ' || email || ' ' || phone FROM contact WHERE id = d.contact_id), '') FROM deal d;"
  "CREATE TRIGGER company_fts_ai AFTER INSERT ON company BEGIN" COMPANY_TEXT ("NEW") " END;"
  "CREATE TRIGGER company_fts_ad AFTER DELETE ON company BEGIN DELETE FROM company_fts WHERE rowid = OLD.id; END;"
  "CREATE TRIGGER company_fts_au AFTER UPDATE OF name, industry, website, phone, email, notes ON company BEGIN"
  "  DELETE FROM company_fts WHERE rowid = OLD.id;" COMPANY_TEXT ("NEW")
  "  DELETE FROM contact_fts WHERE rowid IN (SELECT id FROM contact WHERE company_id = NEW.id);"
  "  INSERT INTO contact_fts(rowid, body) SELECT c.id, c.name || ' ' || c.email || ' ' || c.phone || ' ' || c.title || ' ' || c.tags || ' ' || c.notes || ' ' || NEW.name"
  "    FROM contact c WHERE c.company_id = NEW.id;"
  "  DELETE FROM deal_fts WHERE rowid IN (SELECT id FROM deal WHERE company_id = NEW.id);"
  "  INSERT INTO deal_fts(rowid, body) SELECT d.id, d.title || ' ' || d.product || ' ' || d.labels || ' ' || d.notes || ' ' || NEW.name"
  "    || ' ' || COALESCE((SELECT name || ' ' || email || ' ' || phone FROM contact WHERE id = d.contact_id), '') FROM deal d WHERE d.company_id = NEW.id;"
  "END;"
  "CREATE TRIGGER contact_fts_ai AFTER INSERT ON contact BEGIN" CONTACT_TEXT ("NEW") " END;"
  "CREATE TRIGGER contact_fts_ad AFTER DELETE ON contact BEGIN DELETE FROM contact_fts WHERE rowid = OLD.id; END;"
  "CREATE TRIGGER contact_fts_au AFTER UPDATE OF name, email, phone, title, tags, notes, company_id ON contact BEGIN"
  "  DELETE FROM contact_fts WHERE rowid = OLD.id;" CONTACT_TEXT ("NEW")
  "  DELETE FROM deal_fts WHERE rowid IN (SELECT id FROM deal WHERE contact_id = NEW.id);"
  "  INSERT INTO deal_fts(rowid, body) SELECT d.id, d.title || ' ' || d.product || ' ' || d.labels || ' ' || d.notes"
  "    || ' ' || COALESCE((SELECT name FROM company WHERE id = d.company_id), '')"
  "    || ' ' || NEW.name || ' ' || NEW.email || ' ' || NEW.phone FROM deal d WHERE d.contact_id = NEW.id;"
  "END;"
  "CREATE TRIGGER deal_fts_ai AFTER INSERT ON deal BEGIN" DEAL_TEXT ("NEW") " END;"
  "CREATE TRIGGER deal_fts_ad AFTER DELETE ON deal BEGIN DELETE FROM deal_fts WHERE rowid = OLD.id; END;"
  "CREATE TRIGGER deal_fts_au AFTER UPDATE OF title, product, labels, notes, company_id, contact_id ON deal BEGIN"
  "  DELETE FROM deal_fts WHERE rowid = OLD.id;" DEAL_TEXT ("NEW")
  "END;";

/* Rule actions are recorded in the timeline as activities of kind "rule";
 * they are not the seller's or the prospect's doing, so they must not move
 * "last activity" (or a rule would reset the idle time it measures). */
static const char migration_3[] =
  "DROP TRIGGER activity_ai;"
  "CREATE TRIGGER activity_ai AFTER INSERT ON activity WHEN NEW.kind <> 'rule' BEGIN"
  "  UPDATE deal SET last_activity_at = MAX(COALESCE(last_activity_at, 0), NEW.occurred_at) WHERE id = NEW.deal_id;"
  "  UPDATE contact SET last_activity_at = MAX(COALESCE(last_activity_at, 0), NEW.occurred_at) WHERE id = NEW.contact_id;"
  "END;"
  "DROP TRIGGER activity_ad;"
  "CREATE TRIGGER activity_ad AFTER DELETE ON activity WHEN OLD.kind <> 'rule' BEGIN"
  "  UPDATE deal SET last_activity_at = (SELECT MAX(occurred_at) FROM activity WHERE deal_id = OLD.deal_id AND kind <> 'rule') WHERE id = OLD.deal_id;"
  "  UPDATE contact SET last_activity_at = (SELECT MAX(occurred_at) FROM activity WHERE contact_id = OLD.contact_id AND kind <> 'rule') WHERE id = OLD.contact_id;"
  "END;"
  "CREATE UNIQUE INDEX rule_name ON rule(name);";

/* Touches of a deal by direction and time, with the kind in the index:
 * lead response, reply rate and follow-up intervals read only the index. */
static const char migration_4[] =
  "CREATE INDEX activity_touch ON activity(deal_id, direction, occurred_at, kind);";

/* The reminder scheduler reads open series (the few) without a scan. */
static const char migration_5[] =
  "CREATE INDEX followup_series ON followup(status) WHERE rrule <> '';";

/* The scheduler's longest lead time (MAX over open follow-ups) and Today's
 * counts read an index, not the table, after every change. */
static const char migration_6[] =
  "CREATE INDEX followup_lead ON followup(status, remind_before_min);";

/* One total in the home currency: the book's settings (the home currency)
 * and the exchange rates the user enters, each with its date. A rate
 * belongs to the home currency it was entered for. */
static const char migration_7[] =
  "CREATE TABLE book_setting ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE exchange_rate ("
  "  currency TEXT NOT NULL,"
  "  home     TEXT NOT NULL,"
  "  rate     REAL NOT NULL CHECK (rate > 0),"
  "  as_of    INTEGER NOT NULL,"
  "  PRIMARY KEY (currency, home)"
  ") WITHOUT ROWID;";

/* A contact keeps every e-mail address and phone number an address book
 * gave it, each with its label (work, mobile, home…); contact.email and
 * contact.phone stay the primary ones, so the lists and cards read one
 * column. Search finds a contact by any of them. Birthday (ISO date,
 * "--MM-DD" without a year), postal address and web page come with the
 * exports of Google Contacts, Outlook, Thunderbird and LinkedIn. */
#define CONTACT_CHANNELS(c) \
  "    || ' ' || COALESCE((SELECT group_concat(value, ' ') FROM contact_channel WHERE contact_id = " c ".id), '')"
#define CONTACT_ROW_8(c) CONTACT_ROW (c) CONTACT_CHANNELS (c)
#define CONTACT_TEXT_8(c) CONTACT_ROW_8 (c) ";"

static const char migration_8[] =
  "ALTER TABLE contact ADD COLUMN birthday TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE contact ADD COLUMN address TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE contact ADD COLUMN website TEXT NOT NULL DEFAULT '';"
  "CREATE TABLE contact_channel ("
  "  id INTEGER PRIMARY KEY,"
  "  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('email','phone')),"
  "  label TEXT NOT NULL DEFAULT '',"
  "  value TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX contact_channel_contact ON contact_channel(contact_id, kind, position);"
  "CREATE TRIGGER contact_channel_fts_ai AFTER INSERT ON contact_channel BEGIN"
  "  DELETE FROM contact_fts WHERE rowid = NEW.contact_id;"
  CONTACT_ROW_8 ("c") " FROM contact c WHERE c.id = NEW.contact_id;"
  "END;"
  "CREATE TRIGGER contact_channel_fts_ad AFTER DELETE ON contact_channel BEGIN"
  "  DELETE FROM contact_fts WHERE rowid = OLD.contact_id;"
  CONTACT_ROW_8 ("c") " FROM contact c WHERE c.id = OLD.contact_id;"
  "END;"
  "DROP TRIGGER contact_fts_au;"
  "CREATE TRIGGER contact_fts_au AFTER UPDATE OF name, email, phone, title, tags, notes, company_id ON contact BEGIN"
  "  DELETE FROM contact_fts WHERE rowid = OLD.id;" CONTACT_TEXT_8 ("NEW")
  "  DELETE FROM deal_fts WHERE rowid IN (SELECT id FROM deal WHERE contact_id = NEW.id);"
  "  INSERT INTO deal_fts(rowid, body) SELECT d.id, d.title || ' ' || d.product || ' ' || d.labels || ' ' || d.notes"
  "    || ' ' || COALESCE((SELECT name FROM company WHERE id = d.company_id), '')"
  "    || ' ' || NEW.name || ' ' || NEW.email || ' ' || NEW.phone FROM deal d WHERE d.contact_id = NEW.id;"
  "END;"
  "DROP TRIGGER company_fts_au;"
  "CREATE TRIGGER company_fts_au AFTER UPDATE OF name, industry, website, phone, email, notes ON company BEGIN"
  "  DELETE FROM company_fts WHERE rowid = OLD.id;" COMPANY_TEXT ("NEW")
  "  DELETE FROM contact_fts WHERE rowid IN (SELECT id FROM contact WHERE company_id = NEW.id);"
  "  INSERT INTO contact_fts(rowid, body) SELECT c.id, c.name || ' ' || c.email || ' ' || c.phone || ' ' || c.title || ' ' || c.tags || ' ' || c.notes || ' ' || NEW.name"
  "    " CONTACT_CHANNELS ("c") " FROM contact c WHERE c.company_id = NEW.id;"
  "  DELETE FROM deal_fts WHERE rowid IN (SELECT id FROM deal WHERE company_id = NEW.id);"
  "  INSERT INTO deal_fts(rowid, body) SELECT d.id, d.title || ' ' || d.product || ' ' || d.labels || ' ' || d.notes || ' ' || NEW.name"
  "    || ' ' || COALESCE((SELECT name || ' ' || email || ' ' || phone FROM contact WHERE id = d.contact_id), '') FROM deal d WHERE d.company_id = NEW.id;"
  "END;";

/* Today's "planned by rules" line reads only the queued rule follow-ups,
 * not every follow-up, after every change. */
static const char migration_9[] =
  "CREATE INDEX followup_rule_queue ON followup(due_at) WHERE origin = 'rule' AND status = 'open';";

/* Re-importing a file updates the records it matches; what changed is
 * a line of the record's timeline. Not an activity: an import is no
 * touch, so "last activity", scores and cadences do not move. */
static const char migration_10[] =
  "CREATE TABLE import_change ("
  "  id INTEGER PRIMARY KEY,"
  "  contact_id INTEGER REFERENCES contact(id) ON DELETE CASCADE,"
  "  company_id INTEGER REFERENCES company(id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  summary TEXT NOT NULL"
  ");"
  "CREATE INDEX import_change_contact ON import_change(contact_id, at) WHERE contact_id IS NOT NULL;"
  "CREATE INDEX import_change_company ON import_change(company_id, at) WHERE company_id IS NOT NULL;";

/* E-mails dropped in or imported are activities with their Message-ID,
 * so the same message dropped twice is logged once. */
static const char migration_11[] =
  "ALTER TABLE activity ADD COLUMN message_id TEXT;"
  "CREATE INDEX activity_message ON activity(message_id) WHERE message_id IS NOT NULL;";

/* The first write of a session purges trash older than 30 days: without
 * an index that is a scan of every deal, contact and company (about 30 ms
 * on the main loop for a 100,000-contact book). The trash is small, so
 * these indexes are too. */
static const char migration_12[] =
  "CREATE INDEX deal_trashed ON deal(trashed_at) WHERE trashed_at IS NOT NULL;"
  "CREATE INDEX contact_trashed ON contact(trashed_at) WHERE trashed_at IS NOT NULL;"
  "CREATE INDEX company_trashed ON company(trashed_at) WHERE trashed_at IS NOT NULL;";

/* The header bar's search matched follow-up titles by reading every open
 * follow-up (40-60 ms on a worker for a 50,000 follow-up book, at every
 * keystroke of a text that matches few). Their titles are indexed like
 * the records, with the same tokenizer. */
static const char migration_13[] =
  "CREATE VIRTUAL TABLE followup_fts USING fts5(title, tokenize = 'unicode61 remove_diacritics 2');"
  "INSERT INTO followup_fts(rowid, title) SELECT id, title FROM followup;"
  "CREATE TRIGGER followup_fts_ai AFTER INSERT ON followup BEGIN"
  "  INSERT INTO followup_fts(rowid, title) VALUES (NEW.id, NEW.title);"
  "END;"
  "CREATE TRIGGER followup_fts_ad AFTER DELETE ON followup BEGIN"
  "  DELETE FROM followup_fts WHERE rowid = OLD.id;"
  "END;"
  "CREATE TRIGGER followup_fts_au AFTER UPDATE OF title ON followup BEGIN"
  "  DELETE FROM followup_fts WHERE rowid = OLD.id;"
  "  INSERT INTO followup_fts(rowid, title) VALUES (NEW.id, NEW.title);"
  "END;";

/* The first one or two letters typed into a search match the tokens of
 * a good part of the book, and FTS5 merges the lists of every such token
 * before it answers: 10-20 ms for "s" on the 100k book, and a word
 * followed by one letter ("Moravská l") 15-25 ms, at each keystroke.
 * Indexes of every token's first one and two letters make those one
 * list each (2-5 ms). FTS5 takes the option only when a table is
 * created: each table is built again from a copy of its text (about
 * 3 s once for a 100k book; the file grows by about a fifth). */
#define REBUILD_FTS(table, column) \
  "INSERT INTO fts_copy(id, text) SELECT rowid, " column " FROM " table ";" \
  "DROP TABLE " table ";" \
  "CREATE VIRTUAL TABLE " table " USING fts5(" column ", tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2');" \
  "INSERT INTO " table "(rowid, " column ") SELECT id, text FROM fts_copy;" \
  "DELETE FROM fts_copy;"

static const char migration_14[] =
  "CREATE TEMP TABLE fts_copy (id INTEGER PRIMARY KEY, text TEXT);"
  REBUILD_FTS ("deal_fts", "body")
  REBUILD_FTS ("contact_fts", "body")
  REBUILD_FTS ("company_fts", "body")
  REBUILD_FTS ("followup_fts", "title")
  "DROP TABLE fts_copy;";

/* FTS5 merges its index segments in the write that fills a level
 * ("automerge"), and merges a whole level in the write that brings it
 * to 16 segments ("crisismerge"), big ones built in bulk among them:
 * every sixtieth save or so took 15-50 ms more, and the thirteenth save
 * after opening a book built in bulk 30-60 ms, on the main loop when
 * the window saved. Writes now only add segments, and a worker merges
 * them a little at a time after each burst of changes
 * (nudge_store_merge_search_index()); a crisis merge waits for 64, well
 * beyond what a person saves between two of those. */
#define NO_AUTOMERGE(table) \
  "INSERT INTO " table "(" table ", rank) VALUES ('automerge', 0);" \
  "INSERT INTO " table "(" table ", rank) VALUES ('crisismerge', 64);"

static const char migration_15[] =
  NO_AUTOMERGE ("deal_fts")
  NO_AUTOMERGE ("contact_fts")
  NO_AUTOMERGE ("company_fts")
  NO_AUTOMERGE ("followup_fts");

/* A reminder shown by libnotify may be on screen only while the app
 * runs: GNOME Shell removes a notification whose sender left the bus.
 * on_screen = 1 until the user closed it or acted on it; what is left so
 * when the app starts again was never seen through, and is shown again
 * (nudge-scheduler.c). The portal keeps its notifications: 0 from the
 * start. */
static const char migration_16[] =
  "ALTER TABLE reminder_fired ADD COLUMN on_screen INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX reminder_fired_on_screen ON reminder_fired (occurrence_key) WHERE on_screen = 1;";

/* A re-import's changes to a deal are a line of its timeline too, as a
 * contact's and a company's are (migration 10). */
static const char migration_17[] =
  "ALTER TABLE import_change ADD COLUMN deal_id INTEGER REFERENCES deal(id) ON DELETE CASCADE;"
  "CREATE INDEX import_change_deal ON import_change(deal_id, at) WHERE deal_id IS NOT NULL;";

static const char *const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
  migration_10,
  migration_11,
  migration_12,
  migration_13,
  migration_14,
  migration_15,
  migration_16,
  migration_17,
};

/* A bulk load (the sample book) sets aside the per-row triggers that keep
 * search and "last activity" current, and catches up once at the end with
 * the same expressions: one statement over 300,000 rows instead of
 * 300,000 trigger runs. */
const char * const nudge_schema_bulk_triggers[] = {
  "activity_ai", "company_fts_ai", "contact_fts_ai", "deal_fts_ai", NULL
};

char *
nudge_schema_bulk_catch_up_sql (gint64 last_company,
                                gint64 last_contact,
                                gint64 last_deal,
                                gint64 last_activity)
{
  return g_strdup_printf (
    "INSERT INTO company_fts(rowid, body) SELECT c.id, " COMPANY_BODY ("c") " FROM company c WHERE c.id > %" G_GINT64_FORMAT ";"
    CONTACT_ROW_8 ("c") " FROM contact c WHERE c.id > %" G_GINT64_FORMAT ";"
    DEAL_ROW ("d") " FROM deal d WHERE d.id > %" G_GINT64_FORMAT ";"
    "UPDATE deal SET last_activity_at = a.latest"
    "  FROM (SELECT deal_id, MAX(occurred_at) AS latest FROM activity"
    "        WHERE id > %" G_GINT64_FORMAT " AND kind <> 'rule' AND deal_id IS NOT NULL GROUP BY deal_id) AS a"
    "  WHERE deal.id = a.deal_id AND (deal.last_activity_at IS NULL OR deal.last_activity_at < a.latest);"
    "UPDATE contact SET last_activity_at = a.latest"
    "  FROM (SELECT contact_id, MAX(occurred_at) AS latest FROM activity"
    "        WHERE id > %" G_GINT64_FORMAT " AND kind <> 'rule' AND contact_id IS NOT NULL GROUP BY contact_id) AS a"
    "  WHERE contact.id = a.contact_id AND (contact.last_activity_at IS NULL OR contact.last_activity_at < a.latest);",
    last_company, last_contact, last_deal, last_activity, last_activity);
}

guint
nudge_schema_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

const char *
nudge_schema_migration (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (migrations), NULL);

  return migrations[version - 1];
}
