#!/usr/bin/python3
# test-ics-parsers.py — the exported calendar read back by independent parsers
#
# Builds a book with nudge-cli (a weekly reminder across both DST changes, a
# monthly last-day reminder, skipped and done occurrences, a snooze,
# all-day items, hard text), exports it with `nudge-cli export-ics` and reads
# it with (1) python3-icalendar + recurring_ical_events and (2) a strict
# RFC 5545 line-level reader of our own with python-dateutil's rrule
# expansion. Each must list the same occurrences, in UTC, as
# `nudge-cli followup list --json` for the same range.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime as dt
import json
import os
import re
import sys
import tempfile
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from dateutil import rrule as du_rrule

import nudgetest
from nudgetest import check, cli

NOW = '2026-02-20T08:00:00Z'
FROM = '2026-02-01T00:00:00Z'
TO = '2027-01-01T00:00:00Z'
UTC = dt.timezone.utc


def run(db, *args, expect=0):
    """nudge-cli's output, as written (CRLF kept)."""
    return cli(db, *args, now=NOW, expect=expect, text=False).stdout.decode()


def parse_utc(text):
    return dt.datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=UTC)


def to_utc(value, tzid):
    """A DATE or DATE-TIME from a parser → aware UTC datetime (a DATE is
    local midnight in the item's zone)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=ZoneInfo(tzid))
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(tzid))
    return value.astimezone(UTC)


# ---- (2) a strict RFC 5545 reader ------------------------------------------

CONTENT_LINE = re.compile(r'^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$')


def strict_lines(data):
    errors = []
    if not data.endswith(b'\r\n'):
        errors.append('does not end with CRLF')
    physical = data[:-2].split(b'\r\n') if data.endswith(b'\r\n') else data.split(b'\r\n')
    logical = []
    for n, raw in enumerate(physical, 1):
        if b'\n' in raw or b'\r' in raw:
            errors.append(f'line {n}: bare LF or CR')
        if len(raw) > 75:
            errors.append(f'line {n}: {len(raw)} octets')
        try:
            raw.decode('utf-8')
        except UnicodeDecodeError:
            errors.append(f'line {n}: splits a UTF-8 character')
        if raw[:1] in (b' ', b'\t'):
            if not logical:
                errors.append(f'line {n}: continuation first')
            else:
                logical[-1] += raw[1:]
        else:
            logical.append(raw)
    lines = []
    for raw in logical:
        text = raw.decode('utf-8')
        m = CONTENT_LINE.match(text)
        if not m:
            errors.append(f'not a content line: {text[:40]}')
            continue
        params = {}
        for p in re.findall(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:])*)', m.group(2)):
            params[p[0].upper()] = p[1]
        lines.append((m.group(1).upper(), params, m.group(3)))
    return lines, errors


def unescape(value):
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == '\\':
            nxt = value[i + 1]
            out.append('\n' if nxt in 'nN' else nxt)
            if nxt not in '\\;,nN':
                raise ValueError(f'bad escape \\{nxt}')
            i += 2
            continue
        if c in ',;':
            raise ValueError(f'unescaped {c}')
        out.append(c)
        i += 1
    return ''.join(out)


def strict_time(params, value):
    if params.get('VALUE') == 'DATE':
        d = dt.datetime.strptime(value, '%Y%m%d')
        return d.date(), None
    if value.endswith('Z'):
        return dt.datetime.strptime(value, '%Y%m%dT%H%M%SZ').replace(tzinfo=UTC), 'UTC'
    tzid = params['TZID']
    return dt.datetime.strptime(value, '%Y%m%dT%H%M%S').replace(tzinfo=ZoneInfo(tzid)), tzid


def strict_occurrences(lines, tzid_of_uid):
    """Expands every VEVENT with dateutil; returns {(uid, utc)} and texts."""
    events, stack, cur, tzids_defined = [], [], None, set()
    for name, params, value in lines:
        if name == 'BEGIN':
            stack.append(value)
            if value == 'VEVENT':
                cur = {'props': []}
            continue
        if name == 'END':
            if stack.pop() != value:
                raise ValueError(f'END:{value} does not match')
            if value == 'VEVENT':
                events.append(cur)
                cur = None
            continue
        if stack and stack[-1] == 'VTIMEZONE' and name == 'TZID':
            tzids_defined.add(value)
        if cur is not None and stack[-1] == 'VEVENT':
            cur['props'].append((name, params, value))
    if stack:
        raise ValueError('unclosed components')

    result, overrides, texts = set(), {}, []
    for ev in events:
        props = ev['props']
        get = lambda n: [p for p in props if p[0] == n]
        uid = get('UID')[0][2]
        for n in ('DTSTART', 'EXDATE', 'RECURRENCE-ID'):
            for _, params, _ in get(n):
                if 'TZID' in params and params['TZID'] not in tzids_defined:
                    raise ValueError(f'TZID {params["TZID"]} without VTIMEZONE')
        start, tzid = strict_time(*get('DTSTART')[0][1:])
        local_tz = tzid_of_uid.get(uid.split('@')[0] + '@' + uid.split('@')[1] if '@' in uid else uid, 'UTC')
        for name in ('SUMMARY', 'DESCRIPTION'):
            for _, _, v in get(name):
                texts.append(unescape(v))
        if get('RECURRENCE-ID'):
            rid, _ = strict_time(*get('RECURRENCE-ID')[0][1:])
            overrides[(uid, to_utc(rid, local_tz))] = to_utc(start, local_tz)
            continue
        if not get('RRULE'):
            result.add((uid, to_utc(start, local_tz)))
            continue
        rule = get('RRULE')[0][2]
        parts = dict(p.split('=') for p in rule.split(';'))
        for key in parts:
            if key not in ('FREQ', 'INTERVAL', 'UNTIL', 'COUNT', 'BYDAY', 'BYMONTHDAY', 'WKST'):
                raise ValueError(f'RRULE part {key} is not portable')
        if 'UNTIL' in parts and isinstance(start, dt.datetime) and not parts['UNTIL'].endswith('Z'):
            raise ValueError('UNTIL of a DATE-TIME rule is not UTC')
        # dateutil expands in naive wall-clock time, like RFC 5545 says
        naive = start if not isinstance(start, dt.datetime) else start.replace(tzinfo=None)
        if not isinstance(naive, dt.datetime):
            naive = dt.datetime(naive.year, naive.month, naive.day)
        text = rule
        if 'UNTIL' in parts and parts['UNTIL'].endswith('Z'):
            until = dt.datetime.strptime(parts['UNTIL'], '%Y%m%dT%H%M%SZ').replace(tzinfo=UTC)
            until_local = until.astimezone(ZoneInfo(tzid)).replace(tzinfo=None)
            text = re.sub(r'UNTIL=[^;]*', 'UNTIL=' + until_local.strftime('%Y%m%dT%H%M%S'), rule)
        exdates = set()
        for _, params, value in get('EXDATE'):
            for v in value.split(','):
                t, _ = strict_time(params, v)
                exdates.add(to_utc(t, local_tz))
        for occ in du_rrule.rrulestr(text, dtstart=naive):
            u = to_utc(occ.replace(tzinfo=ZoneInfo(local_tz)) if isinstance(start, dt.datetime)
                       else occ.date(), local_tz)
            if u not in exdates:
                result.add((uid, u))
    for (uid, rid), new in overrides.items():
        result.discard((uid, rid))
        result.add((uid, new))
    return result, texts


def main():
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'book.db')
        hard = ('Okna, dveře; servis\\sklad\nDruhý řádek 😀 — Łódź żółć, Київ ґанок їжак; ' +
                'Příliš žluťoučký kůň úpěl ďábelské ódy')
        long_notes = ('Дзвінок щодо замовлення, ' + 'Zażółć gęślą jaźń; ') * 120
        long_notes = (long_notes + 'x' * 5000)[:5000]
        contact = run(db, 'contact', 'add', 'Jiří Novák', '--email', 'jiri@example.cz',
                      '--phone', '+420 777 123 456').strip()
        deal = run(db, 'deal', 'add', '--title', hard, '--contact', contact).strip()

        weekly = run(db, 'followup', 'add', '--title', 'Weekly check-in, Monday; 09:00',
                     '--deal', deal, '--due', '2026-03-02T09:00', '--tz', 'Europe/Prague',
                     '--rrule', 'FREQ=WEEKLY;BYDAY=MO', '--kind', 'call', '--remind', '15',
                     '--notes', hard).strip()
        run(db, 'followup', 'add', '--title', 'Month end report', '--due', '2026-02-28T16:00',
            '--tz', 'Europe/Warsaw', '--rrule', 'FREQ=MONTHLY;BYMONTHDAY=-1', '--kind', 'task')
        run(db, 'followup', 'add', '--title', 'Kyiv weekly, Tue+Thu', '--due', '2026-03-03T10:30',
            '--tz', 'Europe/Kyiv', '--rrule', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=20')
        run(db, 'followup', 'add', '--title', 'Trade fair', '--due', '2026-04-15', '--all-day',
            '--tz', 'Europe/Prague', '--kind', 'meeting')
        run(db, 'followup', 'add', '--title', 'All-day every 10 days', '--due', '2026-03-01',
            '--all-day', '--rrule', 'FREQ=DAILY;INTERVAL=10;UNTIL=20260601')
        run(db, 'followup', 'add', '--title', 'Long notes 😀', '--due', '2026-03-10T13:15',
            '--notes', long_notes, '--deal', deal, '--kind', 'email')
        run(db, 'followup', 'add', '--title', 'Quarter review (not portable)', '--due', '2026-03-31T11:00',
            '--rrule', 'FREQ=MONTHLY;INTERVAL=3;BYDAY=-1TU')
        # Skips across the DST changes, a done occurrence, a snooze
        run(db, 'followup', 'skip', weekly, '--occurrence', '2026-03-30T07:00:00Z')
        run(db, 'followup', 'skip', weekly, '--occurrence', '2026-11-02T08:00:00Z')
        # A snoozed occurrence of a series becomes an override (RECURRENCE-ID)
        monthly_snoozed = run(db, 'followup', 'add', '--title', 'Snoozed series', '--due', '2026-03-05T08:00',
                              '--tz', 'Europe/Prague', '--rrule', 'FREQ=WEEKLY;BYDAY=TH').strip()
        run(db, 'followup', 'snooze', monthly_snoozed, '--until', '2026-03-05T10:30:00Z')

        listing = json.loads(run(db, 'followup', 'list', '--from', FROM, '--to', TO, '--json'))
        expected = {(o['uid'], parse_utc(o['due'])) for o in listing
                    if o['state'] != 'skipped'}
        tzid_of_uid = {o['uid']: o['tzid'] for o in listing}
        check('the book lists occurrences', len(expected) > 60, len(expected))
        check('the snooze shows in the listing',
              any(o['title'] == 'Snoozed series' and o['due'] == '2026-03-05T10:30:00Z' for o in listing))

        path = os.path.join(tmp, 'out.ics')
        run(db, 'export-ics', '-o', path, '--from', FROM, '--to', TO)
        data = open(path, 'rb').read()

        # (1) python3-icalendar + recurring_ical_events
        cal = icalendar.Calendar.from_ical(data)
        check('icalendar: no VTODO', not list(cal.walk('VTODO')))
        check('icalendar: no ORGANIZER', b'ORGANIZER' not in data)
        for key in ('VERSION', 'PRODID', 'CALSCALE', 'METHOD', 'X-WR-CALNAME'):
            check(f'icalendar: {key}', key in cal)
        tzids = [str(c['TZID']) for c in cal.walk('VTIMEZONE')]
        check('icalendar: one VTIMEZONE per zone, plain IANA names',
              sorted(tzids) == sorted(set(tzids)) and all(re.match(r'^[A-Z][a-z]+/[A-Za-z_]+$', t) for t in tzids),
              tzids)
        got = set()
        for ev in recurring_ical_events.of(cal).between(parse_utc(FROM), parse_utc(TO)):
            uid = str(ev['UID'])
            base = uid if uid in tzid_of_uid else uid.rsplit('-', 1)[0]
            got.add((base, to_utc(ev['DTSTART'].dt, tzid_of_uid.get(base, 'UTC'))))
        check('recurring_ical_events: the same occurrences as followup list',
              got == expected, f'missing {sorted(expected - got)[:5]} extra {sorted(got - expected)[:5]}')
        descriptions = [str(e.get('DESCRIPTION', '')) for e in cal.walk('VEVENT')]
        check('icalendar: hard text survives', any(hard in d for d in descriptions))
        check('icalendar: 5,000-character notes survive', any(long_notes in d for d in descriptions))
        check('icalendar: contact phone and e-mail in the description',
              any('+420 777 123 456' in d and 'jiri@example.cz' in d for d in descriptions))
        alarms = [a for a in cal.walk('VALARM')]
        check('icalendar: a display alarm 15 minutes before',
              any(str(a['ACTION']) == 'DISPLAY' and a['TRIGGER'].dt == -dt.timedelta(minutes=15) for a in alarms))

        # (2) the strict line-level reader + dateutil
        lines, errors = strict_lines(data)
        check('strict: every line ≤ 75 octets, CRLF, whole UTF-8 characters', not errors, errors[:5])
        try:
            occ, texts = strict_occurrences(lines, tzid_of_uid)
            strict_uids = set()
            for uid, t in occ:
                base = uid if uid in tzid_of_uid else uid.rsplit('-', 1)[0]
                strict_uids.add((base, t))
            check('strict + dateutil: the same occurrences as followup list', strict_uids == expected,
                  f'missing {sorted(expected - strict_uids)[:5]} extra {sorted(strict_uids - expected)[:5]}')
            check('strict: escaped text unescapes to the original', any(hard in t for t in texts))
        except ValueError as e:
            check('strict: the file reads', False, str(e))

        # Done items, only on request; tasks instead of events
        run(db, 'followup', 'done', weekly, '--occurrence', '2026-03-02T08:00:00Z')
        listing = json.loads(run(db, 'followup', 'list', '--from', FROM, '--to', TO, '--done', '--json'))
        expected = {(o['uid'], parse_utc(o['due'])) for o in listing if o['state'] != 'skipped'}
        run(db, 'export-ics', '-o', path, '--from', FROM, '--to', TO, '--include-done')
        cal = icalendar.Calendar.from_ical(open(path, 'rb').read())
        got = set()
        for ev in recurring_ical_events.of(cal).between(parse_utc(FROM), parse_utc(TO)):
            uid = str(ev['UID'])
            base = uid if uid in tzid_of_uid else uid.rsplit('-', 1)[0]
            got.add((base, to_utc(ev['DTSTART'].dt, tzid_of_uid.get(base, 'UTC'))))
        check('with done items: the same occurrences as followup list --done', got == expected,
              f'missing {sorted(expected - got)[:5]} extra {sorted(got - expected)[:5]}')

        run(db, 'export-ics', '-o', path, '--from', FROM, '--to', TO, '--vtodo')
        cal = icalendar.Calendar.from_ical(open(path, 'rb').read())
        check('tasks: VTODO only', cal.walk('VTODO') and not cal.walk('VEVENT'))

    return 1 if nudgetest.failures else 0


if __name__ == '__main__':
    sys.exit(main())
