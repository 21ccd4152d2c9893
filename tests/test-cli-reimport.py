#!/usr/bin/python3
# test-cli-reimport.py — nudge-cli import --dry-run, --map and
# --skip-errors on a real database: the counts printed, the bad lines
# named, nothing written or only the good rows
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sqlite3
import tempfile

from nudgetest import check, cli_at, finish

run = cli_at('2026-03-02T08:00:00+01:00')


def book(db):
    """Every row of the tables an import writes, to compare before and after."""
    c = sqlite3.connect(db)
    try:
        return {t: c.execute(f'SELECT * FROM {t} ORDER BY 1').fetchall()
                for t in ('contact', 'company', 'contact_channel', 'import_change', 'activity')}
    finally:
        c.close()


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, 'nudge.db')
    first = os.path.join(tmp, 'first.csv')
    write(first, 'Name,E-mail,Phone,Company\n'
                 'Jana Nováková,jana@stavby.cz,+420 777 123 456,Stavby Morava\n'
                 'Petr Svoboda,,602 111 222,Škoda Auto\n')
    run(db, 'import', 'contacts', first)

    again = run(db, 'import', 'contacts', first, '--dry-run').stdout
    check('the same file again: all unchanged',
          'Dry run: 0 new, 0 updated, 2 unchanged, 0 errors; nothing was written' in again, again)

    second = os.path.join(tmp, 'second.csv')
    write(second, 'Name,E-mail,Phone,Company,Mobile\n'
                  'Jana Nováková,jana@stavby.cz,777 999 000,,\n'
                  'Petr Svoboda,,602111222,SKODA AUTO,\n'
                  'Eva Malá,eva@mala.cz,,,731 000 111\n'
                  'Bad Row,not-an-address,,,\n'
                  'Worse Row,,call me,,\n')
    before = book(db)
    p = run(db, 'import', 'contacts', second, '--dry-run', expect=1)
    lines = p.stdout.splitlines()
    check('dry run prints the counts',
          lines[0] == 'Dry run: 1 new, 1 updated, 1 unchanged, 2 errors; nothing was written', p.stdout)
    check('dry run names the bad lines',
          len(lines) == 3 and lines[1].startswith('Line 5: ') and 'not-an-address' in lines[1]
          and lines[2].startswith('Line 6: ') and 'call me' in lines[2], p.stdout)
    check('dry run writes nothing', book(db) == before)

    out = json.loads(run(db, '--json', 'import', 'contacts', second, '--dry-run', expect=1).stdout)
    check('dry run --json', out['dry_run'] is True and out['new'] == 1 and out['updated'] == 1
          and out['unchanged'] == 1 and len(out['errors']) == 2, out)

    # A column the header does not name, mapped; the bad rows left out
    third = os.path.join(tmp, 'third.csv')
    write(third, ''.join(open(second, encoding='utf-8').readlines()[:4]))
    out = json.loads(run(db, '--json', 'import', 'contacts', third, '--dry-run',
                         '--map', 'Mobile=phone').stdout)
    check('--map in a dry run', out['new'] == 1 and out['updated'] == 1 and out['errors'] == [], out)
    check('--map dry run writes nothing', book(db) == before)
    bad_map = run(db, 'import', 'contacts', third, '--map', 'Mobile=shoe size', expect=2)
    check('--map with an unknown field is a usage error', 'shoe size' in bad_map.stderr, bad_map.stderr)

    out = json.loads(run(db, '--json', 'import', 'contacts', third, '--map', 'Mobile=phone').stdout)
    check('the import does what the dry run said',
          out['new'] == 1 and out['updated'] == 1 and out['unchanged'] == 1, out)
    c = sqlite3.connect(db)
    phones = dict(c.execute('SELECT name, phone FROM contact').fetchall())
    changes = [r[0] for r in c.execute('SELECT summary FROM import_change')]
    c.close()
    check('the changed phone is kept', phones.get('Jana Nováková') == '777 999 000'
          and phones.get('Eva Malá') == '731 000 111', phones)
    check('and said in the timeline',
          changes == ['Imported: phone +420 777 123 456 → 777 999 000'], changes)

    # Other kinds take --dry-run too
    deals = os.path.join(tmp, 'deals.csv')
    write(deals, 'Deal,Amount\nHotel renovation,250 000\n')
    before = book(db)
    text = run(db, 'import', 'deals', deals, '--dry-run', '--currency', 'CZK').stdout
    check('deals dry run', 'Dry run: 1 new, 0 updated, 0 unchanged, 0 errors' in text, text)
    c = sqlite3.connect(db)
    check('deals dry run writes nothing', c.execute('SELECT COUNT(*) FROM deal').fetchone()[0] == 0)
    c.close()

    # The same deals file twice: its deals are found, not added again
    run(db, 'import', 'deals', deals, '--currency', 'CZK')
    out = json.loads(run(db, '--json', 'import', 'deals', deals, '--currency', 'CZK').stdout)
    check('deals imported again: unchanged', out['new'] == 0 and out['unchanged'] == 1, out)
    write(deals, 'Deal,Amount\nhotel  renovation,300 000\n')
    text = run(db, 'import', 'deals', deals, '--currency', 'CZK').stdout
    check('a deal with another amount: updated, and said so', text.startswith('0 new, 1 updated, 0 unchanged, 0 errors\n'),
          text)
    c = sqlite3.connect(db)
    rows = c.execute('SELECT title, amount_minor FROM deal').fetchall()
    c.close()
    check('one deal, its amount changed', rows == [('hotel  renovation', 30000000)], rows)

    # --skip-errors: the good rows in, each bad line told on stderr
    skip_db = os.path.join(tmp, 'skip.db')
    p = run(skip_db, 'import', 'contacts', second, '--skip-errors')
    told = p.stderr.splitlines()
    check('--skip-errors tells each bad line on stderr',
          len(told) == 2 and told[0].startswith('Line 5: ') and 'not-an-address' in told[0]
          and told[1].startswith('Line 6: ') and 'call me' in told[1], p.stderr)
    check('--skip-errors says what it imported and left out',
          p.stdout.startswith('Imported 3 records') and '; 2 rows with errors left out' in p.stdout, p.stdout)
    c = sqlite3.connect(skip_db)
    names = sorted(r[0] for r in c.execute('SELECT name FROM contact'))
    c.close()
    check('--skip-errors imports the good rows only', names == ['Eva Malá', 'Jana Nováková', 'Petr Svoboda'], names)
    out = json.loads(run(skip_db, '--json', 'import', 'contacts', second, '--skip-errors').stdout)
    check('--skip-errors again --json: unchanged, and skipped',
          out['unchanged'] == 3 and out['new'] == 0 and out['skipped'] == 2, out)
    all_bad = os.path.join(tmp, 'all-bad.csv')
    write(all_bad, 'Name,Phone\nWorse Row,call me\n')
    before = book(skip_db)
    p = run(skip_db, 'import', 'contacts', all_bad, '--skip-errors', expect=1)
    check('--skip-errors with every row bad fails', 'Every row of the file has an error' in p.stderr, p.stderr)
    check('and writes nothing', book(skip_db) == before)
    help_text = run(skip_db, 'import', '--help').stdout
    check('import --help names --skip-errors', '--skip-errors' in help_text, help_text)

finish()
