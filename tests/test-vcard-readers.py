#!/usr/bin/python3
# test-vcard-readers.py — vCard in and out through nudge-cli, the export
# read back by an independent parser (python3-vobject)
#
# Imports the sample cards of tests/data/vcard with `nudge-cli import
# contacts`, exports them with `nudge-cli export-vcard` (all, and a saved
# segment), reads the export with vobject and checks every field against
# the samples; then imports the export into an empty book and compares the
# two books.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import stat
import sys
import tempfile

try:
    import vobject
except ImportError:
    print('1..0 # SKIP python3-vobject is not installed')
    sys.exit(77)

from nudgetest import check, cli, finish  # noqa: E402

DATA = os.path.join(os.environ.get('NUDGE_SOURCE_DIR', '.'), 'tests', 'data', 'vcard')


def run(db, *args, expect=0):
    """nudge-cli's output and messages, as written (CRLF kept)."""
    p = cli(db, *args, expect=expect, text=False, LANGUAGE='C')
    return p.stdout.decode(), p.stderr.decode()


def book(db):
    """Every contact of a book with its details, by name"""
    out, _ = run(db, '--json', 'contact', 'list')
    contacts = {}
    for c in json.loads(out):
        shown, _ = run(db, '--json', 'contact', 'show', str(c['id']))
        detail = json.loads(shown)
        for key in ('id', 'created_at', 'updated_at', 'company_id', 'score', 'history', 'timeline'):
            detail.pop(key, None)
        contacts[c['name']] = detail
    return contacts


def types(prop):
    return sorted(t.lower() for t in prop.params.get('TYPE', []))


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, 'nudge.db')
    for sample in ('contacts-3.0.vcf', 'contacts-4.0.vcf', 'quoted-printable.vcf'):
        out, _ = run(db, 'import', 'contacts', os.path.join(DATA, sample))
        check(f'{sample} is read as vCard', out.startswith('Read as vCard\n'), out)

    # A malformed file: refused naming its line, nothing added
    before = book(db)
    _, err = run(db, 'import', 'contacts', os.path.join(DATA, 'malformed.vcf'), expect=1)
    check('a malformed card is refused naming its line', 'Line 9 ' in err, err)
    check('a refused file adds nothing', book(db) == before)

    export = os.path.join(tmp, 'contacts.vcf')
    run(db, 'export-vcard', '-o', export)
    check('the export is private', stat.S_IMODE(os.stat(export).st_mode) == 0o600)
    raw = open(export, 'rb').read()
    check('every line ends with CRLF', raw.count(b'\n') == raw.count(b'\r\n'))
    check('no line is longer than 75 octets', all(len(line) <= 75 for line in raw.split(b'\r\n')))

    cards = {c.fn.value: c for c in vobject.readComponents(raw.decode('utf-8'))}
    check('vobject reads every card', sorted(cards) ==
          sorted(['Jan Novák', 'Agnieszka Nowak', 'Олена Шевченко', 'Petra Dvořáková']), sorted(cards))
    for card in cards.values():
        check(f'{card.fn.value}: version 4.0', card.version.value == '4.0')

    jan = cards['Jan Novák']
    check('N', (jan.n.value.family, jan.n.value.given) == ('Novák', 'Jan'), repr(jan.n.value))
    check('ORG', jan.org.value == ['Stavby Novák s.r.o.'], jan.org.value)
    check('TITLE', jan.title.value == 'Obchodní ředitel')
    emails = [(e.value, types(e)) for e in jan.contents['email']]
    check('every e-mail with its type', emails ==
          [('jan.novak@stavby.cz', ['work']), ('jan@novak.cz', ['home'])], emails)
    tels = [(t.value, types(t)) for t in jan.contents['tel']]
    check('every phone with its type', tels ==
          [('+420 222 333 444', ['work']), ('+420 777 888 999', ['cell'])], tels)
    check('NOTE with escaped characters and a line break', jan.note.value ==
          'Zajímá se o střešní krytiny, hlavně tašky; volat po 10:00.\n'
          'Druhý řádek poznámky, který je dost dlouhý na zalomení do více řádků.', repr(jan.note.value))
    check('ADR', jan.adr.value.street == 'Vinohradská 12, Praha, 120 00, Česko', repr(jan.adr.value))
    check('BDAY', jan.bday.value == '19800502', jan.bday.value)
    check('URL', jan.url.value == 'https://stavby.cz')
    check('BDAY without a year', cards['Agnieszka Nowak'].bday.value == '--0415')
    olena = cards['Олена Шевченко']
    check('Ukrainian ORG', olena.org.value == ['ТОВ «Будівельник»'], olena.org.value)
    check('Ukrainian address with a comma', olena.adr.value.street ==
          'вул. Хрещатик, 1, Київ, 01001, Україна', repr(olena.adr.value))
    petra = cards['Petra Dvořáková']
    check('quoted-printable note decoded', petra.note.value ==
          'Poznámka: přijde v úterý, potvrdit termín schůzky v Brně u zákazníka.', repr(petra.note.value))

    # Round trip into an empty book: every field kept
    copy = os.path.join(tmp, 'copy.db')
    out, _ = run(copy, 'import', 'contacts', export)
    check('the export is read as vCard', out.startswith('Read as vCard\n'), out)
    first, second = book(db), book(copy)
    check('the round trip keeps every field', first == second,
          json.dumps([first, second], ensure_ascii=False, indent=1))

    # A segment: only its contacts
    run(db, 'segment', 'save', 'Ukraine', 'budivelnyk', '--entity', 'contact')
    segment_file = os.path.join(tmp, 'segment.vcf')
    run(db, 'export-vcard', '-o', segment_file, '--segment', 'Ukraine')
    names = [c.fn.value for c in vobject.readComponents(open(segment_file, encoding='utf-8').read())]
    check('a segment exports only its contacts', names == ['Олена Шевченко'], names)

finish()
