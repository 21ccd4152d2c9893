#!/usr/bin/python3
# test-cli-capture.py — nudge-cli add "Call Jan Novák tomorrow at 10" on a
# real database: what it understood, the follow-up it created, ambiguity
# (exit 1 with the candidates), --dry-run leaving the book as it was
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import sqlite3
import tempfile

from nudgetest import check, cli_at, finish

# Wednesday 25 March 2026, 11:00 in Prague; DST starts on Sunday the 29th
NOW = '2026-03-25T11:00:00+01:00'
run = cli_at(NOW)


def followups(db):
    with sqlite3.connect(db) as conn:
        return conn.execute('SELECT title, kind, due_at, contact_id, deal_id, remind_before_min'
                            ' FROM followup ORDER BY id').fetchall()


def book_digest(db):
    with sqlite3.connect(db) as conn:
        rows = conn.execute('SELECT * FROM followup ORDER BY id').fetchall()
        rows += conn.execute('SELECT id, next_followup_at FROM contact ORDER BY id').fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, 'nudge.db')
    jan = int(run(db, 'contact', 'add', 'Jan Novák').stdout.strip())
    nowak = int(run(db, 'contact', 'add', 'Jan Nowak').stdout.strip())
    olena = int(run(db, 'contact', 'add', 'Олена Шевченко').stdout.strip())

    # --dry-run: understood, nothing written
    before = book_digest(db)
    dry = run(db, 'add', '--dry-run', '--json', 'Call jan novak tomorrow at 10')
    understood = json.loads(dry.stdout)
    check('dry run: kind', understood['kind'] == 'call', understood)
    check('dry run: linked to Jan Novák, accents aside',
          understood['linked'] == {'entity': 'contact', 'id': jan, 'name': 'Jan Novák'}, understood)
    check('dry run: tomorrow 10:00 local', understood['due_at'] == '2026-03-26T09:00:00Z', understood)
    check('dry run: title without the when', understood['title'] == 'Call jan novak', understood)
    check('dry run: no id', understood['id'] is None, understood)
    check('dry run leaves the book unchanged', book_digest(db) == before)
    check('dry run saved no follow-up', followups(db) == [])

    # Saved: linked, with the usual reminder
    out = run(db, 'add', 'Zavolat Jan Novák zítra v 10').stdout
    check('prints what it understood',
          'Kind:  Call' in out and 'For:   Jan Novák (contact %d)' % jan in out
          and 'When:  Tomorrow, ' in out and '10:00' in out and 'Title: Zavolat Jan Novák' in out, out)
    check('prints the new id', 'Added follow-up 1' in out, out)
    saved = followups(db)
    check('one follow-up saved', len(saved) == 1, saved)
    title, kind, due_at, contact_id, deal_id, remind = saved[0]
    check('saved as understood', (title, kind, contact_id, deal_id) == ('Zavolat Jan Novák', 'call', jan, None)
          or (title, kind, contact_id, deal_id) == ('Zavolat Jan Novák', 'call', jan, 0), saved[0])
    check('saved at 10:00 Prague', due_at == 1774515600, due_at)
    check('saved with a reminder', remind == 15, remind)

    # Ukrainian, and the day after DST starts: 10:00 local is 08:00 UTC
    uk = json.loads(run(db, 'add', '--json', 'Подзвонити Олена Шевченко в неділю о 10',
                        now='2026-03-28T11:00:00+01:00').stdout)
    check('ukrainian: linked', uk['linked'] and uk['linked']['id'] == olena, uk)
    check('ukrainian: Sunday 10:00 CEST', uk['due_at'] == '2026-03-29T08:00:00Z', uk)
    check('ukrainian: saved', isinstance(uk['id'], int), uk)

    # A bare time already past today means tomorrow
    past = json.loads(run(db, 'add', '--dry-run', '--json', 'Call Jan Novák at 10').stdout)
    check('10 at 11:00 is tomorrow', past['due_at'] == '2026-03-26T09:00:00Z', past)
    ahead = json.loads(run(db, 'add', '--dry-run', '--json', 'Call Jan Novák at 3pm').stdout)
    check('3pm at 11:00 is today', ahead['due_at'] == '2026-03-25T14:00:00Z', ahead)

    # Ambiguous: exit 1, the candidates listed, nothing saved
    count = len(followups(db))
    amb = run(db, 'add', 'Zadzwonić do Jan No jutro o 10', expect=1)
    check('ambiguous lists both', f'contact {jan}\tJan Novák' in amb.stdout
          and f'contact {nowak}\tJan Nowak' in amb.stdout, amb.stdout)
    check('ambiguous says why on one line', 'matches 2 records' in amb.stderr
          and amb.stderr.count('\n') == 1, amb.stderr)
    check('ambiguous saves nothing', len(followups(db)) == count)
    amb_json = json.loads(run(db, 'add', '--json', 'Call Jan No tomorrow', expect=1).stdout)
    check('ambiguous json', sorted(c['id'] for c in amb_json['candidates']) == sorted([jan, nowak])
          and amb_json['linked'] is None and amb_json['id'] is None, amb_json)

    # The user picks: --contact
    picked = json.loads(run(db, 'add', '--json', '--contact', str(nowak), 'Call Jan No tomorrow').stdout)
    check('picked with --contact', picked['linked']['id'] == nowak and isinstance(picked['id'], int), picked)

    # No match: saved unlinked, said so
    plain = run(db, 'add', 'Call the printer service tomorrow at 8').stdout
    check('no match said', 'nothing linked' in plain, plain)
    title, kind, due_at, contact_id, deal_id, remind = followups(db)[-1]
    check('no match saved unlinked', title == 'Call the printer service' and not contact_id and not deal_id,
          followups(db)[-1])

    # Wrong use
    run(db, 'add', expect=2)
    run(db, 'add', '   ', expect=1)

finish()
