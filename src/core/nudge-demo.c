/* nudge-demo.c
 *
 * Czech, Polish, Ukrainian and English names and companies, amounts in
 * their currencies, stage histories, two years of calls, e-mails,
 * meetings and web signals, and follow-ups done, overdue and coming. Rows
 * go in through prepared statements in one transaction, so the 100,000
 * contact book takes seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-demo"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-demo.h"
#include "nudge-followups.h"
#include "nudge-pace.h"
#include "nudge-recurrence.h"
#include "nudge-schema-private.h"
#include "nudge-scoring.h"
#include "nudge-store-private.h"

#define DAY (24 * 3600)

typedef enum { CZ, PL, UA, EN, N_COUNTRIES } Country;

static const char *const first_male[N_COUNTRIES][10] = {
  { "Jan", "Petr", "Tomáš", "Jiří", "Martin", "Lukáš", "Ondřej", "Jakub", "Pavel", "Vojtěch" },
  { "Łukasz", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Marcin", "Grzegorz", "Jakub", "Andrzej" },
  { "Олександр", "Андрій", "Дмитро", "Сергій", "Іван", "Максим", "Богдан", "Тарас", "Юрій", "Василь" },
  { "James", "Oliver", "George", "Harry", "Jack", "Thomas", "William", "Daniel", "Samuel", "Henry" },
};
static const char *const first_female[N_COUNTRIES][10] = {
  { "Petra", "Jana", "Lucie", "Tereza", "Kateřina", "Eva", "Markéta", "Veronika", "Zuzana", "Alena" },
  { "Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Magdalena", "Joanna", "Ewa", "Zofia", "Aleksandra", "Marta" },
  { "Олена", "Наталія", "Тетяна", "Ірина", "Оксана", "Юлія", "Марія", "Анна", "Світлана", "Катерина" },
  { "Emma", "Olivia", "Sophie", "Charlotte", "Amelia", "Grace", "Lucy", "Hannah", "Emily", "Chloe" },
};
static const char *const last_male[N_COUNTRIES][10] = {
  { "Novák", "Svoboda", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Horák", "Němec", "Pokorný" },
  { "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak" },
  { "Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Мельник", "Петренко", "Савченко", "Руденко" },
  { "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Evans", "Walker" },
};
/* Czech and Polish surnames have a feminine form; Ukrainian and English
 * ones (no row here) are the same for women. */
static const char *const last_female[N_COUNTRIES][10] = {
  { "Nováková", "Svobodová", "Dvořáková", "Černá", "Procházková", "Kučerová", "Veselá", "Horáková", "Němcová", "Pokorná" },
  { "Nowak", "Kowalska", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamińska", "Lewandowska", "Zielińska", "Szymańska", "Woźniak" },
};
static const char *const company_roots[N_COUNTRIES][12] = {
  { "Strojírny Vysočina", "Pekárna Kolář", "Moravská logistika", "Elektro Beneš", "Kovárna Brno", "Vinařství Mikulov",
    "Tiskárna Horizont", "Stavby Zlín", "Optika Plzeň", "Agro Haná", "Dřevovýroba Šumava", "Lázně Luhačovice" },
  { "Meble Kraków", "Transport Łódź", "Piekarnia Złoty Kłos", "Budimex Gdańsk", "Drukarnia Wisła", "Apteka Zdrowie",
    "Stalprofil Katowice", "Mleczarnia Mazury", "Hotel Sopot", "Okna Poznań", "Agro Lublin", "Szkło Wrocław" },
  { "Світанок", "Київ Логістик", "Карпати Ліс", "Дніпро Агро", "Львівська кава", "Одеса Порт Сервіс",
    "Харків Метал", "Полтава Молоко", "Чернігів Буд", "Вінниця Фарм", "Житомир Текстиль", "Черкаси Скло" },
  { "Northwind Traders", "Blue Harbour", "Greenfield Foods", "Oakridge Systems", "Riverside Print", "Kestrel Logistics",
    "Summit Dental", "Brightwater Hotels", "Ironbridge Tools", "Maple Software", "Harbour Lights", "Redcliffe Labs" },
};
/* Branches make further companies of the same root distinct. */
static const char *const branches[N_COUNTRIES][6] = {
  { "Ostrava", "Olomouc", "Liberec", "Pardubice", "Jihlava", "Tábor" },
  { "Rzeszów", "Toruń", "Opole", "Kielce", "Białystok", "Szczecin" },
  { "Суми", "Рівне", "Луцьк", "Ужгород", "Херсон", "Кропивницький" },
  { "Leeds", "Bristol", "York", "Bath", "Derby", "Exeter" },
};

static const char *const company_suffix[N_COUNTRIES][2] = {
  { "s.r.o.", "a.s." }, { "sp. z o.o.", "S.A." }, { "ТОВ", "ПП" }, { "Ltd", "plc" },
};
static const char *const email_domain_tld[N_COUNTRIES] = { "cz", "pl", "ua", "co.uk" };
static const char *const phone_prefix[N_COUNTRIES] = { "+420", "+48", "+380", "+44" };
static const char *const currency[N_COUNTRIES] = { "CZK", "PLN", "UAH", "EUR" };
/* Typical deal sizes in major units, per currency. */
static const int amount_scale[N_COUNTRIES] = { 25000, 4000, 40000, 1000 };

static const char *const industries[] = {
  NC_("sample", "Manufacturing"), NC_("sample", "Logistics"), NC_("sample", "Retail"), NC_("sample", "Food"),
  NC_("sample", "Construction"), NC_("sample", "Healthcare"), NC_("sample", "Hospitality"),
  NC_("sample", "Software"), NC_("sample", "Agriculture"), NC_("sample", "Printing")
};
static const char *const products[] = {
  NC_("sample", "CRM licences"), NC_("sample", "Fleet tracking"), NC_("sample", "Service contract"),
  NC_("sample", "Website redesign"), NC_("sample", "ERP upgrade"), NC_("sample", "Training"),
  NC_("sample", "Cloud backup"), NC_("sample", "Support package"), NC_("sample", "Hardware refresh"),
  NC_("sample", "Consulting")
};
static const char *const job_titles[] = {
  NC_("sample", "Managing Director"), NC_("sample", "Sales Manager"), NC_("sample", "Purchasing Manager"),
  NC_("sample", "IT Manager"), NC_("sample", "Office Manager"), NC_("sample", "CFO"),
  NC_("sample", "Operations Director"), NC_("sample", "Owner")
};
static const char *const sources[] = {
  NC_("sample", "Website"), NC_("sample", "Referral"), NC_("sample", "Trade fair"), NC_("sample", "Cold call"),
  NC_("sample", "LinkedIn"), NC_("sample", "Newsletter")
};
static const char *const lost_reasons[] = {
  NC_("sample", "Price too high"), NC_("sample", "Chose a competitor"), NC_("sample", "No budget"),
  NC_("sample", "No decision"), NC_("sample", "Bad timing")
};

static const struct {
  const char *kind;
  int weight;
  int inbound_percent;
  const char *summary;
} activity_kinds[] = {
  { "call", 30, 25, NC_("sample", "Call about %s") },
  { "email", 30, 45, NC_("sample", "E-mail about %s") },
  { "meeting", 10, 50, NC_("sample", "Meeting: %s") },
  { "note", 8, 0, NC_("sample", "Note on %s") },
  { "demo", 5, 100, NC_("sample", "Demo request: %s") },
  { "pricing_visit", 9, 100, NC_("sample", "Visited the pricing page (%s)") },
  { "download", 8, 100, NC_("sample", "Downloaded the %s brochure") },
};

static const struct {
  const char *kind;
  const char *title;
} followup_kinds[] = {
  { "call", NC_("sample", "Call %s back") },
  { "email", NC_("sample", "Send the offer to %s") },
  { "meeting", NC_("sample", "Meeting with %s") },
  { "task", NC_("sample", "Prepare a proposal for %s") },
  { "call", NC_("sample", "Check in with %s") },
  { "email", NC_("sample", "Follow up on the quote for %s") },
};

static const char *
pick (GRand             *rand,
      const char *const *items,
      guint              n)
{
  return items[g_rand_int_range (rand, 0, n)];
}

/* The sample book in the user's language: its words are marked
 * NC_("sample", …) and read here. */
static const char *
sample (const char *text)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "sample", text);
}

static char *
ascii_slug (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  if (out->len == 0)
    g_string_append (out, "company");
  return g_string_free (out, FALSE);
}

/* Ukrainian names have no ASCII form through iconv's C locale; a fixed
 * transliteration of the common letters keeps e-mails readable. */
static char *
latin_slug (const char *text)
{
  static const char *const map[][2] = {
    { "а", "a" }, { "б", "b" }, { "в", "v" }, { "г", "h" }, { "ґ", "g" }, { "д", "d" }, { "е", "e" },
    { "є", "ie" }, { "ж", "zh" }, { "з", "z" }, { "и", "y" }, { "і", "i" }, { "ї", "i" }, { "й", "i" },
    { "к", "k" }, { "л", "l" }, { "м", "m" }, { "н", "n" }, { "о", "o" }, { "п", "p" }, { "р", "r" },
    { "с", "s" }, { "т", "t" }, { "у", "u" }, { "ф", "f" }, { "х", "kh" }, { "ц", "ts" }, { "ч", "ch" },
    { "ш", "sh" }, { "щ", "shch" }, { "ь", "" }, { "ю", "iu" }, { "я", "ia" }, { "'", "" },
  };
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gboolean mapped = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (map); i++)
        if (strncmp (p, map[i][0], strlen (map[i][0])) == 0)
          {
            g_string_append (out, map[i][1]);
            mapped = TRUE;
            break;
          }
      if (!mapped)
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return ascii_slug (out->str);
}

static gint64
random_between (GRand  *rand,
                gint64  from,
                gint64  to)
{
  if (to <= from)
    return from;
  return from + (gint64) (g_rand_double (rand) * (double) (to - from));
}

static GDateTime *
local_from_unix (GTimeZone *tz,
                 gint64     at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);

  return g_date_time_to_timezone (utc, tz);
}

/* Moves a time into working hours (08:00–17:59 local), keeping the day.
 * The zone is looked up once by the caller: GLib reads /etc/localtime on
 * every g_time_zone_new_local(), which a 300k-row book would feel. */
static gint64
working_hours (GRand     *rand,
               GTimeZone *tz,
               gint64     at)
{
  g_autoptr(GDateTime) dt = local_from_unix (tz, at);
  g_autoptr(GDateTime) moved = g_date_time_new (tz, g_date_time_get_year (dt), g_date_time_get_month (dt),
                                                g_date_time_get_day_of_month (dt),
                                                g_rand_int_range (rand, 8, 18),
                                                g_rand_int_range (rand, 0, 4) * 15, 0);
  return g_date_time_to_unix (moved);
}

/* A plan for the coming weeks: at working hours of a working day of the
 * seller (nudge_working_hours_get(), as the app's or the command-line
 * tool's settings say), never on a weekend or a public holiday, where
 * nobody would plan a call. */
static gint64
working_day_hours (GRand                   *rand,
                   GTimeZone               *tz,
                   const NudgeWorkingHours *hours,
                   gint64                   at)
{
  g_autoptr(GDateTime) dt = local_from_unix (tz, at);
  g_autoptr(GDateTime) day = nudge_working_hours_first_working_day (hours, dt);

  return working_hours (rand, tz, g_date_time_to_unix (day));
}

/* ---- bulk load --------------------------------------------------------- */

typedef struct
{
  gint64     last_ids[4];   /* company, contact, deal, activity before the load */
  GPtrArray *triggers;      /* CREATE statements of the triggers set aside */
} BulkLoad;

static gint64
max_id (sqlite3    *db,
        const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* Inside the open transaction: remembers where the new rows start and
 * drops the per-row triggers (a rollback brings them back). */
static gboolean
bulk_load_begin (NudgeStore  *store,
                 BulkLoad    *bulk,
                 GError     **error)
{
  sqlite3 *db = nudge_store_get_db (store);

  bulk->last_ids[0] = max_id (db, "SELECT COALESCE(MAX(id), 0) FROM company");
  bulk->last_ids[1] = max_id (db, "SELECT COALESCE(MAX(id), 0) FROM contact");
  bulk->last_ids[2] = max_id (db, "SELECT COALESCE(MAX(id), 0) FROM deal");
  bulk->last_ids[3] = max_id (db, "SELECT COALESCE(MAX(id), 0) FROM activity");
  bulk->triggers = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; nudge_schema_bulk_triggers[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = NULL;
      g_autofree char *drop = NULL;

      if (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                              -1, &stmt, NULL) != SQLITE_OK)
        {
          nudge_store_set_sqlite_error (store, sqlite3_errcode (db), error);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, nudge_schema_bulk_triggers[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (bulk->triggers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);

      drop = g_strdup_printf ("DROP TRIGGER IF EXISTS %s", nudge_schema_bulk_triggers[i]);
      if (!nudge_store_exec (store, drop, error))
        return FALSE;
    }
  return TRUE;
}

/* Indexes the new rows for search, sets "last activity" from the new
 * activities, and puts the triggers back. */
static gboolean
bulk_load_end (NudgeStore  *store,
               BulkLoad    *bulk,
               GError     **error)
{
  g_autofree char *catch_up = nudge_schema_bulk_catch_up_sql (bulk->last_ids[0], bulk->last_ids[1],
                                                              bulk->last_ids[2], bulk->last_ids[3]);

  if (!nudge_store_exec (store, catch_up, error))
    return FALSE;
  for (guint i = 0; i < bulk->triggers->len; i++)
    if (!nudge_store_exec (store, g_ptr_array_index (bulk->triggers, i), error))
      return FALSE;
  return TRUE;
}

void
nudge_demo_options_init (NudgeDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->companies = 60;
  options->contacts = 150;
  options->deals = 220;
  options->activities = 1500;
  options->followups = 320;
  options->seed = 20261122;
}

typedef struct
{
  gint64  id;
  Country country;
  char   *name;
  char   *domain;
} Company;

typedef struct
{
  gint64  id;
  gint64  company_id;
  guint   company_index;
  char   *name;
} Contact;

typedef struct
{
  gint64  id;
  gint64  contact_id;
  guint   contact_index;
  gint64  created_at;
  gint64  end_at;        /* closed, or now */
  char   *title;
  int     status;        /* 0 open, 1 won, 2 lost, 3 on hold */
} Deal;

static gboolean
step (NudgeStore    *store,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  return nudge_store_step_done (store, stmt, error);
}

/* Exchange rates between the sample book's currencies (and the pound,
 * for an English locale), dated the day the book is made, for whichever
 * of them the user's home currency is: the board and Insights show one
 * total from the start, as they would once the user enters rates. */
static gboolean
add_sample_rates (NudgeStore  *store,
                  gint64       now,
                  GError     **error)
{
  static const struct { const char *code; double per_euro; } units[] = {
    { "CZK", 25.20 }, { "PLN", 4.30 }, { "UAH", 45.00 }, { "EUR", 1.00 }, { "USD", 1.08 }, { "GBP", 0.85 },
  };

  for (guint h = 0; h < G_N_ELEMENTS (units); h++)
    for (guint c = 0; c < G_N_ELEMENTS (units); c++)
      {
        sqlite3_stmt *stmt;
        double rate, scale;

        if (h == c)
          continue;
        if (!(stmt = nudge_store_prepare (store,
                                          "INSERT OR IGNORE INTO exchange_rate (currency, home, rate, as_of)"
                                          " VALUES (?1, ?2, ?3, ?4)", error)))
          return FALSE;
        nudge_sql_bind_text (stmt, 1, units[c].code);
        nudge_sql_bind_text (stmt, 2, units[h].code);
        /* Rounded as a user would type them: 5.86, 0.1706, 0.0956 */
        rate = units[h].per_euro / units[c].per_euro;
        scale = pow (10, 3 - floor (log10 (rate)));
        sqlite3_bind_double (stmt, 3, round (rate * scale) / scale);
        sqlite3_bind_int64 (stmt, 4, now);
        if (!nudge_store_step_done (store, stmt, error))
          return FALSE;
      }
  return TRUE;
}

/* What tells two deals of one product apart */
static const char *const title_suffixes[] = {
  NC_("sample", "phase 2"), NC_("sample", "pilot"), NC_("sample", "renewal"),
  NC_("sample", "extension"), NC_("sample", "second site"),
};

/* @title (taken), or a variant of it no other open deal of company
 * @company_id has, noted in @open_titles; the random sequence is left
 * as it was, so a seed makes the same book. */
static char *
unique_open_title (GHashTable *open_titles,
                   gint64      company_id,
                   char       *title)
{
  g_autofree char *base = title;
  char *unique = g_strdup (base);
  char *key;

  for (guint i = 0;
       g_hash_table_contains (open_titles, (key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", company_id, unique)));
       i++)
    {
      g_free (key);
      g_free (unique);
      unique = i < G_N_ELEMENTS (title_suffixes)
               ? g_strdup_printf ("%s, %s", base, sample (title_suffixes[i]))
               : g_strdup_printf ("%s (%u)", base, (guint) (i - G_N_ELEMENTS (title_suffixes) + 2));
    }
  g_hash_table_add (open_titles, key);
  return unique;
}

gboolean
nudge_demo_generate (NudgeStore              *store,
                     const NudgeDemoOptions  *options,
                     GError                 **error)
{
  static const char company_sql[] =
    "INSERT INTO company (name, industry, website, phone, email, notes, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, ?6)";
  static const char contact_sql[] =
    "INSERT INTO contact (company_id, name, email, phone, title, decision_maker, source, tags, notes,"
    " stay_ideal_days, stay_max_days, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', '', ?8, ?9, ?10, ?10)";
  static const char deal_sql[] =
    "INSERT INTO deal (title, company_id, contact_id, stage_id, amount_minor, currency, product, expected_close,"
    " status, lost_reason, labels, notes, created_at, updated_at, stage_entered_at, closed_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, '', '', ?11, ?12, ?12, ?13)";
  static const char stage_change_sql[] =
    "INSERT INTO stage_change (deal_id, from_stage, to_stage, at) VALUES (?1, ?2, ?3, ?4)";
  static const char activity_sql[] =
    "INSERT INTO activity (kind, direction, occurred_at, contact_id, deal_id, company_id, summary, body, origin, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', '', ?3)";
  static const char followup_sql[] =
    "INSERT INTO followup (uid, title, kind, notes, due_at, all_day, tzid, duration_min, remind_before_min, priority,"
    " status, done_at, deal_id, contact_id, rrule, exdates, sequence, origin, next_at, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, '', ?4, 0, ?5, 30, 15, ?6, ?7, ?8, ?9, ?10, ?11, '', 0, 'manual', ?12, ?13, ?13)";
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GArray) companies = g_array_new (FALSE, TRUE, sizeof (Company));
  g_autoptr(GArray) contacts = g_array_new (FALSE, TRUE, sizeof (Contact));
  g_autoptr(GArray) deals = g_array_new (FALSE, TRUE, sizeof (Deal));
  /* the last round of each company root drawn so far */
  int last_round[N_COUNTRIES][12];
  /* company id "/" title of each open deal: a company has one open deal
   * of a name, as a seller keeps it */
  g_autoptr(GHashTable) open_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 now = nudge_clock_now ();
  gint64 two_years = 730 * (gint64) DAY;
  gint64 won_stage = 0, lost_stage = 0;
  g_autoptr(GArray) open_stages = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *tzid = NULL;
  g_autoptr(GTimeZone) tz = nudge_clock_local_zone ();
  NudgeWorkingHours hours;
  BulkLoad bulk = { { 0 }, NULL };
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (options->companies == 0 || options->contacts == 0)
    return nudge_fail_invalid (error, _("The sample book needs at least one company and one contact"));

  db = nudge_store_get_db (store);
  nudge_working_hours_get (&hours);
  rand = g_rand_new_with_seed (options->seed);
  /* The zone a follow-up made in the app gets: the times are the local
   * zone's, and a weekly 09:00 stays 09:00 where the seller is. */
  tzid = nudge_recurrence_default_tzid ();

  if (!(stages = nudge_store_list_stages (store, nudge_store_get_default_pipeline (store), error)))
    return FALSE;
  for (guint i = 0; i < stages->len; i++)
    {
      NudgeStage *s = g_ptr_array_index (stages, i);
      gint64 id = nudge_stage_get_id (s);

      if (g_strcmp0 (nudge_stage_get_kind (s), "won") == 0)
        won_stage = id;
      else if (g_strcmp0 (nudge_stage_get_kind (s), "lost") == 0)
        lost_stage = id;
      else
        g_array_append_val (open_stages, id);
    }
  if (open_stages->len == 0 || won_stage == 0 || lost_stage == 0)
    return nudge_fail_invalid (error, _("The default pipeline needs open, won and lost stages for sample data"));

  /* One big transaction: let it stay in memory instead of spilling pages
   * to the WAL as it grows (256 MiB, restored afterwards). */
  nudge_store_exec (store, "PRAGMA cache_size = -262144", NULL);

  if (!nudge_store_begin (store, error))
    return FALSE;
  if (!bulk_load_begin (store, &bulk, error))
    goto out;

  /* Companies */
  for (guint c = 0; c < N_COUNTRIES; c++)
    for (guint r = 0; r < G_N_ELEMENTS (last_round[c]); r++)
      last_round[c][r] = -1;
  for (guint i = 0; i < options->companies; i++)
    {
      Company c = { 0 };
      const char *root;
      g_autofree char *name = NULL;
      g_autofree char *slug = NULL;
      g_autofree char *website = NULL;
      g_autofree char *phone = NULL;
      g_autofree char *email = NULL;
      int round = i / (N_COUNTRIES * 12);
      int root_index;

      c.country = (Country) g_rand_int_range (rand, 0, N_COUNTRIES);
      root_index = g_rand_int_range (rand, 0, 12);
      root = company_roots[c.country][root_index];
      /* A name and a domain of its own: a root drawn again is a branch */
      round = MAX (round, last_round[c.country][root_index] + 1);
      last_round[c.country][root_index] = round;
      {
        g_autofree char *full = round == 0 ? g_strdup (root)
                              : round <= 6 ? g_strdup_printf ("%s %s", root, branches[c.country][round - 1])
                              : g_strdup_printf ("%s %s %d", root, branches[c.country][round % 6], round);

        if (c.country == UA)
          name = g_strdup_printf ("%s «%s»", company_suffix[UA][g_rand_int_range (rand, 0, 2)], full);
        else
          name = g_strdup_printf ("%s %s", full, company_suffix[c.country][g_rand_int_range (rand, 0, 2)]);
      }
      slug = c.country == UA ? latin_slug (root) : ascii_slug (root);
      c.domain = round ? g_strdup_printf ("%s%d.%s", slug, round + 1, email_domain_tld[c.country])
                       : g_strdup_printf ("%s.%s", slug, email_domain_tld[c.country]);
      website = g_strdup_printf ("https://www.%s", c.domain);
      phone = g_strdup_printf ("%s %03d %03d %03d", phone_prefix[c.country], g_rand_int_range (rand, 200, 999),
                               g_rand_int_range (rand, 100, 999), g_rand_int_range (rand, 100, 999));
      email = g_strdup_printf ("info@%s", c.domain);

      if (!(stmt = nudge_store_prepare (store, company_sql, error)))
        goto out;
      nudge_sql_bind_text (stmt, 1, name);
      nudge_sql_bind_text (stmt, 2, sample (pick (rand, industries, G_N_ELEMENTS (industries))));
      nudge_sql_bind_text (stmt, 3, website);
      nudge_sql_bind_text (stmt, 4, phone);
      nudge_sql_bind_text (stmt, 5, email);
      sqlite3_bind_int64 (stmt, 6, now - two_years - random_between (rand, 0, 365 * (gint64) DAY));
      if (!step (store, stmt, error))
        goto out;
      c.id = sqlite3_last_insert_rowid (db);
      c.name = g_steal_pointer (&name);
      g_array_append_val (companies, c);
    }

  /* Contacts */
  for (guint i = 0; i < options->contacts; i++)
    {
      Contact ct = { 0 };
      guint company_index = i < companies->len ? i : (guint) g_rand_int_range (rand, 0, companies->len);
      Company *co = &g_array_index (companies, Company, company_index);
      gboolean female = g_rand_boolean (rand);
      int fi = g_rand_int_range (rand, 0, 10), li = g_rand_int_range (rand, 0, 10);
      const char *first = female ? first_female[co->country][fi] : first_male[co->country][fi];
      const char *last = female && last_female[co->country][li] ? last_female[co->country][li] : last_male[co->country][li];
      g_autofree char *name = g_strdup_printf ("%s %s", first, last);
      g_autofree char *first_slug = co->country == UA ? latin_slug (first) : ascii_slug (first);
      g_autofree char *last_slug = co->country == UA ? latin_slug (last) : ascii_slug (last);
      g_autofree char *number = i >= companies->len * 4 ? g_strdup_printf ("%u", i) : g_strdup ("");
      /* Some contacts came by phone and have no e-mail yet. */
      g_autofree char *email = i < options->contacts / 2 || i % 7 != 0
        ? g_strdup_printf ("%s.%s%s@%s", first_slug, last_slug, number, co->domain)
        : g_strdup ("");
      g_autofree char *phone = g_strdup_printf ("%s %03d %03d %03d", phone_prefix[co->country],
                                                g_rand_int_range (rand, 600, 799), g_rand_int_range (rand, 100, 999),
                                                g_rand_int_range (rand, 100, 999));
      gboolean stay = g_rand_int_range (rand, 0, 100) < 5;

      if (!(stmt = nudge_store_prepare (store, contact_sql, error)))
        goto out;
      sqlite3_bind_int64 (stmt, 1, co->id);
      nudge_sql_bind_text (stmt, 2, name);
      nudge_sql_bind_text (stmt, 3, email);
      nudge_sql_bind_text (stmt, 4, phone);
      nudge_sql_bind_text (stmt, 5, sample (pick (rand, job_titles, G_N_ELEMENTS (job_titles))));
      sqlite3_bind_int (stmt, 6, g_rand_int_range (rand, 0, 100) < 25);
      nudge_sql_bind_text (stmt, 7, sample (pick (rand, sources, G_N_ELEMENTS (sources))));
      sqlite3_bind_int (stmt, 8, stay ? 30 : 0);
      sqlite3_bind_int (stmt, 9, stay ? 60 : 0);
      sqlite3_bind_int64 (stmt, 10, now - random_between (rand, 30 * DAY, two_years));
      if (!step (store, stmt, error))
        goto out;
      ct.id = sqlite3_last_insert_rowid (db);
      ct.company_id = co->id;
      ct.company_index = company_index;
      ct.name = g_steal_pointer (&name);
      g_array_append_val (contacts, ct);
    }

  /* Deals with their stage histories */
  for (guint i = 0; i < options->deals; i++)
    {
      Deal d = { 0 };
      guint contact_index = g_rand_int_range (rand, 0, contacts->len);
      Contact *ct = &g_array_index (contacts, Contact, contact_index);
      Company *co = &g_array_index (companies, Company, ct->company_index);
      const char *product = sample (pick (rand, products, G_N_ELEMENTS (products)));
      int roll = g_rand_int_range (rand, 0, 100);
      guint reached;
      gint64 at, stage = 0, previous = 0;
      g_autofree char *expected = NULL;
      gint64 amount;


      d.status = roll < 58 ? 0 : roll < 78 ? 1 : roll < 92 ? 2 : 3;
      /* Open deals are younger on average; closed ones spread over two years. */
      d.created_at = working_hours (rand, tz, now - (d.status == 0 ? random_between (rand, DAY, 200 * (gint64) DAY)
                                                               : random_between (rand, 60 * (gint64) DAY, two_years)));
      /* A title names what is sold; the company is shown beside it. */
      d.title = g_rand_int_range (rand, 0, 100) < 70
                ? g_strdup (product)
                : g_strdup_printf ("%s, %s", product,
                                   sample (title_suffixes[g_rand_int_range (rand, 0, G_N_ELEMENTS (title_suffixes))]));
      if (d.status == 0 || d.status == 3)
        d.title = unique_open_title (open_titles, co->id, d.title);
      d.contact_id = ct->id;
      d.contact_index = contact_index;
      amount = (gint64) amount_scale[co->country] * g_rand_int_range (rand, 1, 40) * 100;
      reached = d.status == 1 ? open_stages->len : (guint) g_rand_int_range (rand, 0, open_stages->len);

      /* Walk the stages; each step a few days to a few weeks later. */
      at = d.created_at;
      for (guint s = 0; s <= MIN (reached, open_stages->len - 1); s++)
        {
          stage = g_array_index (open_stages, gint64, s);
          if (s > 0)
            at += random_between (rand, 2 * DAY, 25 * (gint64) DAY);
        }
      if (at > now - DAY)
        at = now - random_between (rand, 0, DAY);
      d.end_at = now;
      if (d.status == 1 || d.status == 2)
        {
          at += random_between (rand, 3 * DAY, 30 * (gint64) DAY);
          if (at > now)
            at = now - random_between (rand, 0, 3 * (gint64) DAY);
          d.end_at = at;
        }
      if (d.status == 0)
        {
          g_autoptr(GDateTime) close = local_from_unix (tz, now + random_between (rand, 5 * DAY, 120 * (gint64) DAY));
          expected = g_date_time_format (close, "%Y-%m-%d");
        }

      if (!(stmt = nudge_store_prepare (store, deal_sql, error)))
        goto out;
      nudge_sql_bind_text (stmt, 1, d.title);
      sqlite3_bind_int64 (stmt, 2, co->id);
      sqlite3_bind_int64 (stmt, 3, ct->id);
      sqlite3_bind_int64 (stmt, 4, d.status == 1 ? won_stage : d.status == 2 ? lost_stage : stage);
      if (reached >= 2 || d.status == 1 || g_rand_int_range (rand, 0, 100) < 60)
        sqlite3_bind_int64 (stmt, 5, amount);
      else
        sqlite3_bind_null (stmt, 5);
      nudge_sql_bind_text (stmt, 6, co->country == EN && g_rand_boolean (rand) ? "USD" : currency[co->country]);
      nudge_sql_bind_text (stmt, 7, product);
      nudge_sql_bind_text (stmt, 8, expected ? expected : "");
      nudge_sql_bind_text (stmt, 9, (const char *[]) { "open", "won", "lost", "on_hold" }[d.status]);
      nudge_sql_bind_text (stmt, 10, d.status == 2 ? sample (pick (rand, lost_reasons, G_N_ELEMENTS (lost_reasons))) : "");
      sqlite3_bind_int64 (stmt, 11, d.created_at);
      sqlite3_bind_int64 (stmt, 12, at);
      nudge_sql_bind_time (stmt, 13, d.status == 1 || d.status == 2 ? at : 0);
      if (!step (store, stmt, error))
        goto out;
      d.id = sqlite3_last_insert_rowid (db);

      /* The history: entered Lead in at creation, then each stage. */
      {
        gint64 t = d.created_at;
        guint last = MIN (reached, open_stages->len - 1);
        gint64 span = (d.status == 1 || d.status == 2 ? d.end_at : at) - d.created_at;

        for (guint s = 0; s <= last; s++)
          {
            gint64 to = g_array_index (open_stages, gint64, s);

            if (s > 0)
              t = d.created_at + span * s / (last + 1);
            if (!(stmt = nudge_store_prepare (store, stage_change_sql, error)))
              goto out;
            sqlite3_bind_int64 (stmt, 1, d.id);
            nudge_sql_bind_id (stmt, 2, previous);
            sqlite3_bind_int64 (stmt, 3, to);
            sqlite3_bind_int64 (stmt, 4, s == last && d.status != 1 && d.status != 2 ? at : t);
            if (!step (store, stmt, error))
              goto out;
            previous = to;
          }
        if (d.status == 1 || d.status == 2)
          {
            if (!(stmt = nudge_store_prepare (store, stage_change_sql, error)))
              goto out;
            sqlite3_bind_int64 (stmt, 1, d.id);
            sqlite3_bind_int64 (stmt, 2, previous);
            sqlite3_bind_int64 (stmt, 3, d.status == 1 ? won_stage : lost_stage);
            sqlite3_bind_int64 (stmt, 4, d.end_at);
            if (!step (store, stmt, error))
              goto out;
          }
      }
      g_array_append_val (deals, d);
    }

  /* Activities: most on deals (and so on their contacts), some on
   * contacts only; the first touch of a deal comes soon after it. */
  {
    int total_weight = 0;

    for (guint k = 0; k < G_N_ELEMENTS (activity_kinds); k++)
      total_weight += activity_kinds[k].weight;

    for (guint i = 0; i < options->activities; i++)
      {
        Deal *d = deals->len > 0 && g_rand_int_range (rand, 0, 100) < 85
                  ? &g_array_index (deals, Deal, g_rand_int_range (rand, 0, deals->len)) : NULL;
        Contact *ct = NULL;
        int r = g_rand_int_range (rand, 0, total_weight);
        guint k = 0;
        gint64 when;
        gboolean inbound;
        g_autofree char *summary = NULL;

        while (r >= activity_kinds[k].weight)
          r -= activity_kinds[k++].weight;
        inbound = g_rand_int_range (rand, 0, 100) < activity_kinds[k].inbound_percent;

        if (d != NULL)
          {
            /* A good share of deals were touched within hours. */
            if (i < deals->len)
              {
                d = &g_array_index (deals, Deal, i);
                k = g_rand_boolean (rand) ? 0 : 1;
                inbound = FALSE;
                when = d->created_at + random_between (rand, 15 * 60, g_rand_int_range (rand, 0, 100) < 70 ? 8 * 3600 : 72 * 3600);
              }
            else
              when = random_between (rand, d->created_at, d->end_at);
            if (when > now)
              when = now - random_between (rand, 60, 3600);
            /* Two deals in five never answer (none of them is won): the
             * reply rate of the sample book is not a formality. */
            if (d->status != 1 && d->id % 5 < 2)
              {
                if (activity_kinds[k].inbound_percent == 100)
                  k = 1;
                inbound = FALSE;
              }
            summary = g_strdup_printf (sample (activity_kinds[k].summary), d->title);
          }
        else
          {
            ct = &g_array_index (contacts, Contact, g_rand_int_range (rand, 0, contacts->len));
            when = working_hours (rand, tz, now - random_between (rand, DAY, two_years));
            summary = g_strdup_printf (sample (activity_kinds[k].summary), ct->name);
          }

        if (!(stmt = nudge_store_prepare (store, activity_sql, error)))
          goto out;
        nudge_sql_bind_text (stmt, 1, activity_kinds[k].kind);
        nudge_sql_bind_text (stmt, 2, inbound ? "in" : "out");
        sqlite3_bind_int64 (stmt, 3, when);
        sqlite3_bind_int64 (stmt, 4, d ? d->contact_id : ct->id);
        nudge_sql_bind_id (stmt, 5, d ? d->id : 0);
        sqlite3_bind_null (stmt, 6);
        nudge_sql_bind_text (stmt, 7, summary);
        if (!step (store, stmt, error))
          goto out;
      }
  }

  guint open_cursor = 0;

  /* Follow-ups: done in the past (mostly on time), a few overdue, today's
   * and the coming weeks', a handful of weekly reminders. Some open deals
   * keep no next step on purpose. */
  for (guint i = 0; i < options->followups && deals->len > 0; i++)
    {
      Deal *d = &g_array_index (deals, Deal, g_rand_int_range (rand, 0, deals->len));
      int roll = g_rand_int_range (rand, 0, 100);
      guint k = g_rand_int_range (rand, 0, G_N_ELEMENTS (followup_kinds));
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *uid = g_strdup_printf ("%s@nudge", uuid);
      g_autofree char *title = NULL;
      const char *contact_name = g_array_index (contacts, Contact, d->contact_index).name;
      gboolean recurring = i < 4;
      gint64 due, done_at = 0;
      const char *status;

      /* Open follow-ups go round the open deals, so most of them have a
       * next step and a few do not. */
      if (roll >= 55 && !recurring)
        {
          for (; open_cursor < deals->len; )
            {
              Deal *candidate = &g_array_index (deals, Deal, open_cursor++);

              /* Every seventh open deal is left without a next step. */
              if (candidate->status == 0 && candidate->id % 7 != 0)
                {
                  d = candidate;
                  contact_name = g_array_index (contacts, Contact, d->contact_index).name;
                  break;
                }
            }
          if (d->status != 0 || open_cursor >= deals->len)
            roll = g_rand_int_range (rand, 0, 55);
        }

      if (recurring)
        {
          /* Weekly Monday check-ins at 09:00, started a few weeks ago. */
          g_autoptr(GDateTime) n = local_from_unix (tz, now - 21 * (gint64) DAY);
          int back = g_date_time_get_day_of_week (n) - 1;
          g_autoptr(GDateTime) monday = g_date_time_add_days (n, -back);
          g_autoptr(GDateTime) nine = g_date_time_new (tz, g_date_time_get_year (monday), g_date_time_get_month (monday),
                                                      g_date_time_get_day_of_month (monday), 9, 0, 0);
          due = g_date_time_to_unix (nine);
          status = "open";
          title = i == 0 ? g_strdup (C_("sample", "Weekly pipeline review"))
                        : g_strdup_printf (C_("sample", "Weekly check-in with %s"), contact_name);
        }
      else if (roll < 55)
        {
          due = working_hours (rand, tz, random_between (rand, MAX (d->created_at, now - two_years), MIN (d->end_at, now - DAY)));
          status = "done";
          /* Four in five on time. */
          done_at = due + (g_rand_int_range (rand, 0, 100) < 80 ? -random_between (rand, 0, 3600)
                                                                 : random_between (rand, DAY, 5 * (gint64) DAY));
          title = g_strdup_printf (sample (followup_kinds[k].title), contact_name);
        }
      else if (roll < 61)
        {
          due = working_hours (rand, tz, now - random_between (rand, DAY, 6 * (gint64) DAY));
          status = "open";
          title = g_strdup_printf (sample (followup_kinds[k].title), contact_name);
        }
      else if (roll < 68)
        {
          g_autoptr(GDateTime) today = nudge_clock_now_local ();
          g_autoptr(GDateTime) slot = g_date_time_new (tz, g_date_time_get_year (today), g_date_time_get_month (today),
                                                      g_date_time_get_day_of_month (today),
                                                      g_rand_int_range (rand, 9, 17), g_rand_int_range (rand, 0, 2) * 30, 0);
          due = g_date_time_to_unix (slot);
          status = "open";
          title = g_strdup_printf (sample (followup_kinds[k].title), contact_name);
        }
      else
        {
          due = working_day_hours (rand, tz, &hours, now + random_between (rand, DAY, 30 * (gint64) DAY));
          status = "open";
          title = g_strdup_printf (sample (followup_kinds[k].title), contact_name);
        }

      if (!(stmt = nudge_store_prepare (store, followup_sql, error)))
        goto out;
      nudge_sql_bind_text (stmt, 1, uid);
      nudge_sql_bind_text (stmt, 2, title);
      nudge_sql_bind_text (stmt, 3, recurring ? "meeting" : followup_kinds[k].kind);
      sqlite3_bind_int64 (stmt, 4, due);
      nudge_sql_bind_text (stmt, 5, tzid);
      sqlite3_bind_int (stmt, 6, g_rand_int_range (rand, 0, 100) < 15 ? 3 : 2);
      nudge_sql_bind_text (stmt, 7, status);
      nudge_sql_bind_time (stmt, 8, done_at);
      nudge_sql_bind_id (stmt, 9, recurring && i == 0 ? 0 : d->id);
      nudge_sql_bind_id (stmt, 10, recurring && i == 0 ? 0 : d->contact_id);
      nudge_sql_bind_text (stmt, 11, recurring ? "FREQ=WEEKLY;BYDAY=MO" : "");
      /* A weekly series is next due on the coming Monday; the follow-up
       * code moves next_at on as occurrences pass. */
      if (g_str_equal (status, "open"))
        {
          gint64 next = due;

          while (recurring && next < now)
            next += 7 * (gint64) DAY;
          sqlite3_bind_int64 (stmt, 12, next);
        }
      else
        sqlite3_bind_null (stmt, 12);
      sqlite3_bind_int64 (stmt, 13, MIN (due, now) - DAY);
      if (!step (store, stmt, error))
        goto out;
      if (recurring && !nudge_followups_refresh_next_at (store, sqlite3_last_insert_rowid (db), error))
        goto out;
    }

  if (!bulk_load_end (store, &bulk, error))
    goto out;
  ok = TRUE;

out:
  g_clear_pointer (&bulk.triggers, g_ptr_array_unref);
  for (guint i = 0; i < companies->len; i++)
    {
      g_free (g_array_index (companies, Company, i).name);
      g_free (g_array_index (companies, Company, i).domain);
    }
  for (guint i = 0; i < contacts->len; i++)
    g_free (g_array_index (contacts, Contact, i).name);
  for (guint i = 0; i < deals->len; i++)
    g_free (g_array_index (deals, Deal, i).title);

  if (ok)
    ok = add_sample_rates (store, now, error);

  /* Engagement scores, so the book opens with its hot leads marked — in
   * the same transaction: a book is never left without them. */
  if (ok)
    {
      g_autoptr(NudgeScoreWeights) weights = nudge_score_weights_new ();

      ok = nudge_score_update_all (store, weights, error);
    }
  if (!ok)
    {
      nudge_store_rollback (store);
      nudge_store_exec (store, "PRAGMA cache_size = -2000", NULL);
      return FALSE;
    }
  ok = nudge_store_commit (store, error);
  nudge_store_exec (store, "PRAGMA cache_size = -2000", NULL);
  if (!ok)
    return FALSE;
  nudge_store_notify_reset (store);
  return TRUE;
}
