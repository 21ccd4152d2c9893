#!/usr/bin/python3
# test-cli-followup.py — nudge-cli followup commands on a real database
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import tempfile

from nudgetest import check, cli, cli_at, finish

run = cli_at('2026-03-02T08:00:00+01:00')

with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, 'nudge.db')
    deal = run(db, 'deal', 'add', '--title', 'Hotel Praha').stdout.strip()

    weekly = run(db, 'followup', 'add', '--title', 'Weekly check-in', '--deal', deal,
                 '--due', '2026-03-02T09:00', '--tz', 'Europe/Prague',
                 '--rrule', 'FREQ=WEEKLY;BYDAY=MO', '--kind', 'call').stdout.strip()
    check('add prints an id', weekly.isdigit(), weekly)

    bad = run(db, 'followup', 'add', '--title', 'Hourly', '--due', '2026-03-02T09:00',
              '--rrule', 'FREQ=HOURLY', expect=1)
    check('invalid rule refused with a clear message',
          'FREQ=HOURLY is not supported' in bad.stderr and bad.stderr.count('\n') == 1, bad.stderr)
    both = run(db, 'followup', 'add', '--title', 'Both', '--due', '2026-03-02T09:00',
               '--rrule', 'FREQ=DAILY;COUNT=2;UNTIL=20260310', expect=1)
    check('COUNT with UNTIL refused', 'COUNT and UNTIL cannot both be set' in both.stderr, both.stderr)

    listed = json.loads(run(db, 'followup', 'list', '--from', '2026-03-01', '--to', '2026-04-07',
                            '--json').stdout)
    starts = [o['start'] for o in listed if o['id'] == int(weekly)]
    check('occurrences expanded across DST',
          starts == ['2026-03-02T08:00:00Z', '2026-03-09T08:00:00Z', '2026-03-16T08:00:00Z',
                     '2026-03-23T08:00:00Z', '2026-03-30T07:00:00Z', '2026-04-06T07:00:00Z'], starts)
    first = listed[0]
    for key in ('id', 'uid', 'title', 'start', 'end', 'all_day', 'tzid', 'state', 'deal_id',
                'contact_id', 'recurring'):
        check(f'json has {key}', key in first, first)
    check('json values', first['tzid'] == 'Europe/Prague' and first['recurring'] is True
          and first['deal_id'] == int(deal) and first['state'] == 'open', first)

    run(db, 'followup', 'done', weekly, now='2026-03-02T09:10:00+01:00')
    run(db, 'followup', 'skip', weekly, '--occurrence', '2026-03-09T09:00')
    run(db, 'followup', 'skip', weekly, '--occurrence', '2026-03-10T09:00', expect=1)
    listed = json.loads(run(db, 'followup', 'list', '--from', '2026-03-01', '--to', '2026-03-17',
                            '--done', '--json').stdout)
    states = [(o['start'], o['state']) for o in listed]
    check('done and skipped occurrences', states == [('2026-03-02T08:00:00Z', 'done'),
                                                     ('2026-03-09T08:00:00Z', 'skipped'),
                                                     ('2026-03-16T08:00:00Z', 'open')], states)

    show = json.loads(run(db, 'deal', 'show', deal, '--json').stdout)
    check('deal next follow-up advanced',
          json.dumps(show).find('2026-03-16T08:00:00Z') >= 0, show)

    call = run(db, 'followup', 'add', '--title', 'Call back', '--deal', deal,
               '--due', '2026-03-02T07:30', '--tz', 'Europe/Prague').stdout.strip()
    due = json.loads(run(db, 'due', '--json', now='2026-03-02T10:00:00+01:00').stdout)
    check('due lists the overdue call', [o['id'] for o in due] == [int(call)] and due[0]['overdue'], due)
    run(db, 'followup', 'snooze', call, '--for', '60', now='2026-03-02T10:00:00+01:00')
    due = json.loads(run(db, 'due', '--json', now='2026-03-02T10:00:00+01:00').stdout)
    check('snoozed call is not overdue', due and due[0]['due'] == '2026-03-02T10:00:00Z'
          and not due[0]['overdue'], due)
    run(db, 'followup', 'snooze', call, expect=2)

    # Numbers: refused when nonsense, naming the option.
    for opt, value in (('--duration', '-50'), ('--duration', '0'), ('--remind', '-5')):
        p = run(db, 'followup', 'add', '--title', 'Bad', '--deal', deal, '--due', '2026-03-03T09:00',
                opt, value, expect=1)
        check(f'{opt} {value} refused naming the option', opt in p.stderr and p.stderr.count('\n') == 1, p.stderr)
    p = run(db, 'followup', 'add', '--title', 'Bad', '--due', '2026-03-03T09:00', '--duration', '3x', expect=2)
    check('a malformed number is a usage error naming the option', '--duration' in p.stderr, p.stderr)
    p = run(db, 'followup', 'snooze', call, '--for', '-100', expect=1)
    check('snooze --for -100 refused naming --for', '--for' in p.stderr and 'needs' not in p.stderr, p.stderr)
    p = run(db, 'followup', 'snooze', call, '--for', '99999999999', expect=2)
    check('an out-of-range number is refused', '--for' in p.stderr, p.stderr)
    # ISO 8601 with or without seconds, Z or an offset alike.
    forms = ('2026-03-04T09:00Z', '2026-03-04T09:00:00Z', '2026-03-04T10:00+01:00',
             '2026-03-04T10:00:00+0100', '2026-03-04 10:00', '2026-03-04T10:00:00.250')
    for due in forms:
        run(db, 'followup', 'add', '--title', 'Same time', '--deal', deal, '--due', due, '--tz', 'Europe/Prague')
    listed = json.loads(run(db, 'followup', 'list', '--from', '2026-03-04', '--to', '2026-03-05',
                            '--json').stdout)
    at = [o['start'] for o in listed if o['title'] == 'Same time']
    check('ISO 8601 forms name the same instant', at == ['2026-03-04T09:00:00Z'] * len(forms), at)
    run(db, 'followup', 'done', call)
    run(db, 'followup', 'done', call, expect=1)
    run(db, 'followup', 'done', '999', expect=1)

# Snooze All: every overdue follow-up to tomorrow morning, in one go.
with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, 'nudge.db')
    deal = run(db, 'deal', 'add', '--title', 'Hotel Praha').stdout.strip()
    for title, due in (('Call back', '2026-02-27T16:00'), ('Send the offer', '2026-03-02T07:30'),
                       ('Demo', '2026-03-03T11:00')):
        run(db, 'followup', 'add', '--title', title, '--deal', deal, '--due', due, '--tz', 'Europe/Prague')
    at_ten = '2026-03-02T10:00:00+01:00'
    p = run(db, 'followup', 'snooze-overdue', '--tomorrow', '--next-week', expect=2, now=at_ten)
    check('snooze-overdue takes one of --tomorrow and --next-week', '--tomorrow' in p.stderr, p.stderr)
    p = run(db, 'followup', 'snooze-overdue', '--tomorrow', now=at_ten)
    check('snooze-overdue prints how many', p.stdout.strip() == '2', p.stdout)
    due = json.loads(run(db, 'due', '--json', now=at_ten).stdout)
    check('nothing is overdue or due today after', due == [], due)
    listed = json.loads(run(db, 'followup', 'list', '--from', '2026-03-03', '--to', '2026-03-04',
                            '--json', now=at_ten).stdout)
    check('both are due tomorrow at the working day start, the demo as it was',
          sorted((o['title'], o['due']) for o in listed)
          == [('Call back', '2026-03-03T08:00:00Z'), ('Demo', '2026-03-03T10:00:00Z'),
              ('Send the offer', '2026-03-03T08:00:00Z')], listed)
    p = run(db, 'followup', 'snooze-overdue', '--next-week', now=at_ten)
    check('nothing left to snooze', p.stdout.strip() == '0', p.stdout)

# An all-day follow-up is on its own day, wherever the computer is: in
# New York, its start (midnight in Prague) is still the day before.
with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, 'nudge.db')
    run(db, 'followup', 'add', '--title', 'Trade fair', '--due', '2026-03-04', '--all-day',
        '--tz', 'Europe/Prague')
    for zone in ('Europe/Prague', 'America/New_York', 'UTC'):
        text = cli(db, 'followup', 'list', '--from', '2026-03-01', '--to', '2026-03-08',
                   now='2026-03-02T08:00:00+01:00', TZ=zone).stdout
        check(f'all-day follow-up on its own day in {zone}', '\t03/04/2026\topen\tTrade fair' in text, text)

finish()
