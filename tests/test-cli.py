#!/usr/bin/python3
# test-cli.py — nudge-cli record, search, insights and demo commands on a real database
#
# Exit codes: 0 done, 1 bad input (one line on stderr), 2 usage.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import tempfile
import traceback

from nudgetest import CLI, check, cli_at, finish

NOW = '2026-03-02T09:00:00+01:00'
NOW_UTC = '2026-03-02T08:00:00Z'
run = cli_at(NOW)


def run_json(db, *args, **kwargs):
    out = run(db, *args, '--json', **kwargs).stdout
    try:
        return json.loads(out)
    except ValueError as e:
        raise AssertionError(f'{args}: output is not JSON ({e}): {out[:300]!r}')


def bad_input(db, name, *args, message=None):
    """Bad input: exit 1 and exactly one line on stderr."""
    p = run(db, *args, expect=1)
    one_line = p.stderr.count('\n') == 1 and p.stderr.startswith('nudge-cli: ')
    check(f'{name}: exit 1 with one line', one_line, repr(p.stderr))
    if message is not None:
        check(f'{name}: says “{message}”', message in p.stderr, repr(p.stderr))
    return p


def usage(db, name, *args):
    p = run(db, *args, expect=2)
    check(f'{name}: exit 2 with a usage message', p.stderr.startswith('nudge-cli: '), repr(p.stderr))
    return p


def section(title, func, *args):
    print(f'# {title}')
    try:
        func(*args)
    except Exception:
        check(f'{title} raised', False)
        for line in traceback.format_exc().splitlines():
            print('# ' + line)


def test_records(tmp):
    db = os.path.join(tmp, 'records.db')

    company = run(db, 'company', 'add', 'Dvořák Strojírny s.r.o.', '--industry', 'Machinery',
                  '--email', 'obchod@dvorak.example.cz', '--phone', '+420 601 234 567').stdout.strip()
    check('company add prints an id', company.isdigit(), company)
    lodz = run(db, 'company', 'add', 'Transport Łódź sp. z o.o.').stdout.strip()

    companies = run_json(db, 'company', 'list')
    check('company list --json is a list of both', isinstance(companies, list) and len(companies) == 2,
          companies)
    first = companies[0]
    check('company json fields', first['id'] == int(company) and first['name'] == 'Dvořák Strojírny s.r.o.'
          and first['industry'] == 'Machinery' and first['created_at'] == NOW_UTC
          and first['next_followup_at'] is None, first)
    check('company list text has the name', 'Dvořák Strojírny s.r.o.' in run(db, 'company', 'list').stdout)

    contact = run(db, 'contact', 'add', 'Jan Novák', '--company', 'Dvořák Strojírny s.r.o.',
                  '--email', 'jan.novak@dvorak.example.cz', '--title', 'Nákupčí',
                  '--decision-maker').stdout.strip()
    check('contact add (company by name) prints an id', contact.isdigit(), contact)
    shown = run_json(db, 'contact', 'show', contact)
    check('contact show --json', shown['name'] == 'Jan Novák' and shown['company_id'] == int(company)
          and shown['company_name'] == 'Dvořák Strojírny s.r.o.' and shown['decision_maker'] is True,
          shown)
    contacts = run_json(db, 'contact', 'list')
    check('contact list --json', [c['id'] for c in contacts] == [int(contact)], contacts)
    check('contact list text', 'Jan Novák' in run(db, 'contact', 'list').stdout)

    deal = run(db, 'deal', 'add', '--title', 'Lis 200 t', '--company', company, '--contact', contact,
               '--amount', '1 250 000,50', '--currency', 'CZK', '--product', 'Lisy',
               '--expected-close', '2026-04-30').stdout.strip()
    check('deal add prints an id', deal.isdigit(), deal)
    shown = run_json(db, 'deal', 'show', deal)
    check('deal amount parsed from "1 250 000,50"', shown['amount_minor'] == 125000050
          and shown['has_amount'] is True and shown['currency'] == 'CZK', shown)
    check('deal status is a word', shown['status'] == 'open', shown.get('status'))
    check('deal starts in the first stage', shown['stage_name'] == 'Lead in', shown.get('stage_name'))
    check('deal times pinned by NUDGE_NOW', shown['created_at'] == NOW_UTC
          and shown['stage_entered_at'] == NOW_UTC, shown)
    check('deal show has history lists', shown['activities'] == [] and shown['followups'] == [], shown)

    other = run(db, 'deal', 'add', '--title', 'Ciężarówki', '--company', lodz, '--amount', '4999',
                '--currency', 'PLN', '--stage', 'Proposal sent').stdout.strip()
    shown = run_json(db, 'deal', 'show', other)
    check('deal add --stage', shown['stage_name'] == 'Proposal sent', shown.get('stage_name'))

    deals = run_json(db, 'deal', 'list')
    check('deal list --json', sorted(d['id'] for d in deals) == sorted([int(deal), int(other)]), deals)
    text = run(db, 'deal', 'list').stdout
    check('deal list text has one line per deal', len(text.strip().splitlines()) == 2, text)
    only = run_json(db, 'deal', 'list', '--stage', 'Proposal sent')
    check('deal list --stage', [d['id'] for d in only] == [int(other)], only)

    later = '2026-03-03T10:00:00+01:00'
    run(db, 'deal', 'move', deal, 'Negotiation', now=later)
    shown = run_json(db, 'deal', 'show', deal)
    check('deal move', shown['stage_name'] == 'Negotiation'
          and shown['stage_entered_at'] == '2026-03-03T09:00:00Z', shown)

    run(db, 'deal', 'set-status', deal, 'won')
    shown = run_json(db, 'deal', 'show', deal)
    check('deal set-status won moves to Won', shown['status'] == 'won' and shown['stage_name'] == 'Won'
          and shown['closed_at'] == NOW_UTC, shown)
    run(db, 'deal', 'set-status', other, 'lost', '--reason', 'Price too high')
    lost = run_json(db, 'deal', 'list', '--status', 'lost')
    check('deal set-status lost with a reason', len(lost) == 1 and lost[0]['id'] == int(other)
          and lost[0]['status'] == 'lost' and lost[0]['lost_reason'] == 'Price too high', lost)
    run(db, 'deal', 'set-status', other, 'on_hold')
    held = run_json(db, 'deal', 'list', '--status', 'on_hold')
    check('deal set-status on_hold', [d['status'] for d in held] == ['on_hold'], held)

    activity = run(db, 'activity', 'add', '--deal', deal, '--kind', 'call', '--direction', 'in',
                   '--at', '2026-03-01T14:30', '--summary', 'Ptal se na cenu').stdout.strip()
    check('activity add prints an id', activity.isdigit(), activity)
    shown = run_json(db, 'deal', 'show', deal)
    acts = shown['activities']
    check('activity in the deal history', len(acts) == 1 and acts[0]['kind'] == 'call'
          and acts[0]['summary'] == 'Ptal se na cenu', acts)
    check('activity direction is a word', acts and acts[0]['direction'] == 'in', acts)
    check('activity time in Prague time', acts and acts[0]['occurred_at'] == '2026-03-01T13:30:00Z', acts)
    check('deal last activity moved', shown['last_activity_at'] == '2026-03-01T13:30:00Z', shown)
    run(db, 'activity', 'add', '--contact', contact, '--kind', 'email', '--direction', 'out')
    shown = run_json(db, 'contact', 'show', contact)
    check('contact history has both', sorted(a['direction'] for a in shown['activities']) == ['in', 'out'],
          shown.get('activities'))
    shown = run_json(db, 'company', 'show', company)
    check('company show --json', shown['name'] == 'Dvořák Strojírny s.r.o.' and shown['n_contacts'] == 1
          and isinstance(shown['activities'], list), shown)
    check('company show text', 'Dvořák' in run(db, 'company', 'show', company).stdout)
    check('deal show text', 'Lis 200 t' in run(db, 'deal', 'show', deal).stdout)

    found = run_json(db, 'search', 'novak')
    kinds = sorted((f['type'], f['id']) for f in found)
    check('search without diacritics finds the contact and its deal',
          ('contact', int(contact)) in kinds and ('deal', int(deal)) in kinds, found)
    found = run_json(db, 'search', 'lodz')
    check('search "lodz" finds Łódź', ('company', int(lodz)) in [(f['type'], f['id']) for f in found], found)
    text = run(db, 'search', 'dvor').stdout
    check('search text', 'Dvořák Strojírny s.r.o.' in text, text)
    check('search with no hit prints nothing', run_json(db, 'search', 'zzzz') == [])

    # Bad input: exit 1, one line.
    bad_input(db, 'company show of a missing id', 'company', 'show', '99999', message='99999')
    bad_input(db, 'empty company name', 'company', 'add', '', message='required')
    bad_input(db, 'bad e-mail', 'company', 'add', 'Firma', '--email', 'nobody@', message='e-mail')
    bad_input(db, 'unknown company', 'contact', 'add', 'Eva', '--company', 'Nope Ltd', message='Nope Ltd')
    bad_input(db, 'bad amount', 'deal', 'add', '--title', 'T', '--amount', '12 Kč')
    bad_input(db, 'bad currency', 'deal', 'add', '--title', 'T', '--currency', 'czk')
    bad_input(db, 'unknown stage', 'deal', 'add', '--title', 'T', '--stage', 'Nope', message='Nope')
    bad_input(db, 'move to an unknown stage', 'deal', 'move', deal, 'Nope')
    bad_input(db, 'bad activity time', 'activity', 'add', '--deal', deal, '--kind', 'call',
              '--direction', 'in', '--at', 'yesterday')
    bad_input(db, 'activity of a missing deal', 'activity', 'add', '--deal', '99999', '--kind', 'call',
              '--direction', 'in')
    bad_input(db, 'too long notes', 'contact', 'add', 'Eva', '--notes', 'x' * 100001, message='too long')
    bad_input(db, 'too long name', 'company', 'add', 'x' * 201, message='too long')
    check('nothing written by refused commands', len(run_json(db, 'contact', 'list')) == 1
          and len(run_json(db, 'company', 'list')) == 2 and len(run_json(db, 'deal', 'list')) == 2)

    # Usage errors: exit 2.
    usage(db, 'no command')
    usage(db, 'unknown command', 'bogus')
    usage(db, 'unknown subcommand', 'deal', 'bogus')
    usage(db, 'unknown option', 'deal', 'list', '--bogus')
    usage(db, 'company add without a name', 'company', 'add')
    usage(db, 'show with a non-numeric id', 'company', 'show', 'abc')
    usage(db, 'deal add without a title', 'deal', 'add')
    usage(db, 'deal move without a stage', 'deal', 'move', deal)
    usage(db, 'unknown status', 'deal', 'set-status', deal, 'bogus')
    usage(db, 'unknown direction', 'activity', 'add', '--deal', deal, '--kind', 'call',
          '--direction', 'sideways')
    usage(db, 'activity of nobody', 'activity', 'add', '--kind', 'call', '--direction', 'in')
    usage(db, 'search without text', 'search')

    help_text = subprocess.run([CLI, '--help'], capture_output=True, text=True)
    check('--help lists the commands', help_text.returncode == 0 and 'deal add' in help_text.stdout
          and 'segment show' in help_text.stdout and 'demo' in help_text.stdout, help_text.stdout[:200])


def test_bad_files(tmp):
    text_file = os.path.join(tmp, 'notes.txt')
    content = b'Shopping list\nmilk\nbread\n' * 100
    with open(text_file, 'wb') as f:
        f.write(content)
    bad_input(text_file, 'a text file is refused', 'deal', 'list', message='not a Nudge database')
    with open(text_file, 'rb') as f:
        check('the refused file is left byte-identical', f.read() == content)
    check('no journal left beside it', not os.path.exists(text_file + '-wal'))

    future = os.path.join(tmp, 'future.db')
    run(future, 'deal', 'list')
    subprocess.run(['/usr/bin/python3', '-c',
                    'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); '
                    'c.execute("PRAGMA user_version = 999"); c.commit(); c.close()', future], check=True)
    bad_input(future, 'a newer database is refused', 'deal', 'list', message='newer version')

    folder = os.path.join(tmp, 'folder.db')
    os.mkdir(folder)
    bad_input(folder, 'a folder is named as such', 'deal', 'list', message='is a folder')

    # Reads never wait for another program's write lock.
    import sqlite3
    import time
    book = os.path.join(tmp, 'busy.db')
    run(book, 'deal', 'add', '--title', 'Busy deal')
    holder = sqlite3.connect(book, isolation_level=None)
    holder.execute('BEGIN IMMEDIATE')
    try:
        start = time.monotonic()
        deals = run_json(book, 'deal', 'list')
        elapsed = time.monotonic() - start
        slow = []
        for cmd in (['rules', 'list'], ['cadence', 'list'], ['followup', 'list'], ['due'],
                    ['search', 'Busy'], ['insights'], ['stage', 'list'], ['check']):
            t = time.monotonic()
            run(book, *cmd)
            if time.monotonic() - t > 2:
                slow.append(cmd)
    finally:
        holder.execute('ROLLBACK')
        holder.close()
    check('deal list while another program writes: no wait', elapsed < 2 and len(deals) == 1,
          f'{elapsed:.1f} s, {deals!r}')
    check('other reads while another program writes: no wait', not slow, slow)


def test_demo(tmp):
    db = os.path.join(tmp, 'demo.db')
    p = run(db, 'demo', '--seed', '7')
    check('demo prints a one-line summary', p.stdout.count('\n') == 1 and '220 deals' in p.stdout, p.stdout)
    deals = run_json(db, 'deal', 'list')
    check('demo has the default 220 deals', len(deals) == 220, len(deals))
    statuses = {d['status'] for d in deals}
    check('demo deals are open, won, lost and on hold', statuses == {'open', 'won', 'lost', 'on_hold'},
          statuses)
    check('demo spans the stages', len({d['stage_name'] for d in deals}) == 7)
    companies = run_json(db, 'company', 'list')
    check('demo has 150 contacts and 60 companies', len(run_json(db, 'contact', 'list')) == 150
          and len(companies) == 60)
    check('demo companies have names and websites of their own',
          len({c['name'] for c in companies}) == 60 and len({c['website'] for c in companies}) == 60,
          sorted(c['name'] for c in companies))
    check('demo deals have no last activity in the future',
          all(d['last_activity_at'] is None or d['last_activity_at'] <= NOW_UTC for d in deals))
    open_keys = [(d['company_id'], d['title']) for d in deals if d['status'] in ('open', 'on_hold')]
    check('a company has one open demo deal of a title (a deals file imported again finds it)',
          len(open_keys) == len(set(open_keys)), len(open_keys) - len(set(open_keys)))

    bad_input(db, 'demo refuses a book with data', 'demo', message='--force')
    check('the refused demo added nothing', len(run_json(db, 'deal', 'list')) == 220)

    small = os.path.join(tmp, 'small.db')
    run(small, 'demo', '--companies', '3', '--contacts', '5', '--deals', '8', '--activities', '20',
        '--followups', '4', '--seed', '1')
    check('demo counts honoured', len(run_json(small, 'deal', 'list')) == 8
          and len(run_json(small, 'contact', 'list')) == 5)
    run(small, 'demo', '--companies', '3', '--contacts', '5', '--deals', '8', '--activities', '20',
        '--followups', '4', '--seed', '2', '--force')
    check('demo --force adds to a book', len(run_json(small, 'deal', 'list')) == 16)

    again = os.path.join(tmp, 'again.db')
    run(again, 'demo', '--seed', '7')
    check('the same seed gives the same book',
          json.dumps(run_json(again, 'deal', 'list')) == json.dumps(deals))
    usage(db, 'demo with negative counts', 'demo', '--contacts', '-5', '--force')
    usage(db, 'demo with a bad option', 'demo', '--bogus')


def test_insights(tmp):
    db = os.path.join(tmp, 'insights.db')
    run(db, 'demo', '--seed', '7')

    data = run_json(db, 'insights')
    for key in ('from', 'to', 'lead_response_median_hours', 'lead_response_deals', 'lead_response_trend',
                'first_touch_reply_rate', 'touches_per_won_deal', 'touches_per_lost_deal',
                'followup_interval_mean_days', 'followup_on_time_rate', 'followups_done',
                'stage_conversion', 'stage_time_mean_days', 'bottleneck_stage', 'weighted_forecast'):
        check(f'insights --json has {key}', key in data, sorted(data))
    check('insights period ends now', data.get('to', '').startswith('2026-03-02'), data.get('to'))
    check('insights rates are fractions', 0 <= data['first_touch_reply_rate'] <= 1
          and 0 <= data['followup_on_time_rate'] <= 1, data)
    check('insights counts deals', data['lead_response_deals'] > 0, data['lead_response_deals'])
    check('insights text', 'Lead response' in run(db, 'insights').stdout)
    narrow = run_json(db, 'insights', '--from', '2026-02-01', '--to', '2026-03-01')
    check('insights --from/--to', narrow['from'].startswith('2026-01-31') or narrow['from'].startswith('2026-02-01'),
          narrow.get('from'))
    bad_input(db, 'insights with a bad date', 'insights', '--from', 'soon')

    deals = run_json(db, 'deal', 'list', '--status', 'open')
    deal = deals[0]['id']
    score = run_json(db, 'score', str(deal))
    check('score --json', score['deal_id'] == deal and score['score'] >= 0
          and score['temperature'] in ('hot', 'warm', 'cold') and isinstance(score['explanation'], list),
          score)
    run(db, 'activity', 'add', '--deal', str(deal), '--kind', 'meeting', '--direction', 'in',
        '--summary', 'Site visit')
    warmer = run_json(db, 'score', str(deal))
    check('a meeting today raises the score and is explained', warmer['score'] > score['score']
          and len(warmer['explanation']) > len(score['explanation']), (score, warmer))
    contact = run_json(db, 'contact', 'list')[0]['id']
    cscore = run_json(db, 'score', str(contact), '--kind', 'contact')
    check('score of a contact', cscore['contact_id'] == contact and cscore['score'] >= 0
          and cscore['temperature'] in ('hot', 'warm', 'cold'), cscore)
    check('score text', run(db, 'score', str(deal)).stdout.strip() != '')
    bad_input(db, 'score of a missing deal', 'score', '99999')
    usage(db, 'score without an id', 'score')
    usage(db, 'score with a bad kind', 'score', str(deal), '--kind', 'bogus')

    segments = run_json(db, 'segment', 'list')
    names = [s['name'] for s in segments]
    check('segment list has the built-in segments',
          {'dormant', 'on_hold', 'at_risk', 'lost_customers', 'regular'} <= set(names), names)
    on_hold = next(s for s in segments if s['name'] == 'on_hold')
    members = run_json(db, 'segment', 'show', 'on_hold')
    check('segment show matches its count', len(members) == on_hold['count'], (len(members), on_hold))
    check('on-hold segment holds on-hold deals', all(m['status'] == 'on_hold' for m in members), members[:2])
    check('segment list text', 'at_risk' in run(db, 'segment', 'list').stdout)

    run(db, 'segment', 'save', 'Novák deals', 'novak')
    saved = run_json(db, 'segment', 'show', 'Novák deals')
    found = [f['id'] for f in run_json(db, 'search', 'novak') if f['type'] == 'deal']
    check('a saved segment lists what the search finds', sorted(m['id'] for m in saved) == sorted(found),
          (saved[:2], found))
    check('a saved segment is listed', 'Novák deals' in [s['name'] for s in run_json(db, 'segment', 'list')])
    bad_input(db, 'unknown segment', 'segment', 'show', 'nope')
    bad_input(db, 'segment with an empty query', 'segment', 'save', 'X', '')
    usage(db, 'segment save without a query', 'segment', 'save')

    cadences = run_json(db, 'cadence', 'list')
    check('cadence list --json', len(cadences) >= 1 and all('steps' in c and 'name' in c for c in cadences),
          cadences)
    cadence = cadences[0]
    before = len(run_json(db, 'deal', 'show', str(deal))['followups'])
    run(db, 'cadence', 'apply', cadence['name'], '--deal', str(deal))
    after = run_json(db, 'deal', 'show', str(deal))['followups']
    check('cadence apply adds one follow-up per step', len(after) == before + len(cadence['steps']),
          (before, len(after), len(cadence['steps'])))
    check('cadence list text', cadence['name'] in run(db, 'cadence', 'list').stdout)
    bad_input(db, 'unknown cadence', 'cadence', 'apply', 'Nope', '--deal', str(deal))
    usage(db, 'cadence apply without a target', 'cadence', 'apply', cadence['name'])

    rules = run_json(db, 'rules', 'list')
    check('rules list --json', len(rules) >= 1 and all(k in rules[0] for k in ('name', 'trigger', 'action',
                                                                               'enabled')), rules[:1])
    check('rules list text', rules[0]['name'] in run(db, 'rules', 'list').stdout)
    first = run(db, 'rules', 'run').stdout
    second = run(db, 'rules', 'run').stdout
    check('rules run acts once', first.split()[0].isdigit() and int(first.split()[0]) > 0, first)
    check('rules run again at the same time does nothing', second.split()[0] == '0', second)
    later = run(db, 'rules', 'run', now='2026-03-20T09:00:00+01:00').stdout
    check('rules run later (NUDGE_NOW) finds more', later.split()[0].isdigit(), later)


def test_import(tmp):
    db = os.path.join(tmp, 'import.db')
    contacts = os.path.join(tmp, 'contacts.csv')
    with open(contacts, 'w', encoding='utf-8', newline='') as f:
        f.write('\ufeffName;E-mail;Company;Město\r\n'
                'Jana Nováková;jana@hotelpraha.cz;Hotel Praha a.s.;Praha\r\n'
                '"Kowalski; Jan";jan@lodz.pl;Transport Łódź;Łódź\r\n')
    out = run_json(db, 'import', 'contacts', contacts)
    check('import contacts --json', out['imported'] == 2 and out['companies_added'] == 2
          and out['ignored_columns'] == ['Město'] and len(out['ids']) == 2, out)
    names = sorted(c['name'] for c in run_json(db, 'contact', 'list'))
    check('imported contacts are listed', names == ['Jana Nováková', 'Kowalski; Jan'], names)

    deals = os.path.join(tmp, 'deals.csv')
    with open(deals, 'w', encoding='utf-8') as f:
        f.write('Deal,Amount,Contact,Expected close\nHotel renovation,"250 000",Jana Nováková,2026-09-30\n')
    text = run(db, 'import', 'deals', deals, '--currency', 'CZK').stdout
    check('import deals text', text.startswith('Imported 1 record'), text)
    deal = run_json(db, 'deal', 'list')[0]
    check('imported deal', deal['amount_minor'] == 25000000 and deal['currency'] == 'CZK'
          and deal['expected_close'] == '2026-09-30', deal)

    check('a plain file names no format', out['format'] is None and out['created'] == [], out)

    # Exports of other programs say what they were read as
    samples = os.path.join(os.environ['NUDGE_SOURCE_DIR'], 'tests', 'data', 'import')
    text = run(db, 'import', 'contacts', os.path.join(samples, 'google-contacts.csv')).stdout
    check('import a Google export', text.startswith('Read as a Google Contacts export\nImported 3 records'), text)
    out = run_json(db, 'import', 'contacts', os.path.join(samples, 'pipedrive-people.csv'))
    # The same three people as the Google export: found by e-mail or phone, updated
    check('import Pipedrive people --json', out['format'] == 'Pipedrive people export'
          and out['imported'] == 0 and out['updated'] == 3 and out['new'] == 0
          and out['ignored_columns'] == ['Person - Owner'], out)
    text = run(db, 'import', 'deals', os.path.join(samples, 'pipedrive-deals.csv')).stdout
    check('import Pipedrive deals reports the stages it created',
          'Read as a Pipedrive deals export\n' in text
          and 'Created: pipeline “Partners”, stage “Negotiation” in “Partners”, stage “Site visit” in “Sales”' in text, text)
    out = run_json(db, 'import', 'activities', os.path.join(samples, 'pipedrive-activities.csv'))
    check('import Pipedrive activities --json', out['format'] == 'Pipedrive activities export'
          and out['imported'] == 3 and len(out['ids']) == 2 and out['followups_added'] == 1, out)

    bad = os.path.join(tmp, 'bad.csv')
    with open(bad, 'w', encoding='utf-8') as f:
        f.write('Name,Phone\nGood Person,123\nBad Person,call me\n')
    bad_input(db, 'a bad row', 'import', 'contacts', bad, message='Line 3: ')
    check('a bad row adds nothing', len(run_json(db, 'contact', 'list')) == 5)
    bad_input(db, 'a missing file', 'import', 'contacts', os.path.join(tmp, 'missing.csv'))
    # Endless or huge input stops at the size limit while reading
    bad_input(db, 'import /dev/zero', 'import', 'contacts', '/dev/zero', message='64 MB')
    huge = os.path.join(tmp, 'huge.csv')
    with open(huge, 'wb') as f:
        f.write(b'Name\n')
        f.truncate(64 * 1024 * 1024 + 1)
    bad_input(db, 'a 64 MB + 1 byte file', 'import', 'contacts', huge, message='64 MB')
    os.unlink(huge)
    fifo = os.path.join(tmp, 'endless.fifo')
    os.mkfifo(fifo)
    writer = subprocess.Popen(['sh', '-c', f'exec yes Name,Notes > {fifo}'],
                              stderr=subprocess.DEVNULL)
    bad_input(db, 'an endless FIFO', 'import', 'contacts', fifo, message='64 MB')
    writer.wait(timeout=30)
    os.unlink(fifo)
    check('refused files add nothing', len(run_json(db, 'contact', 'list')) == 5)
    usage(db, 'import what?', 'import', 'widgets', bad)
    usage(db, 'import without a file', 'import', 'contacts')


def test_backups(tmp):
    env_home = os.path.join(tmp, 'data-home')
    saved_home = os.environ.get('XDG_DATA_HOME')
    os.environ['XDG_DATA_HOME'] = env_home
    db = os.path.join(tmp, 'backed-up.db')
    run(db, 'deal', 'add', '--title', 'Before the backup')
    out = run(db, 'check').stdout
    check('check says intact', 'intact' in out, out)

    copy = os.path.join(tmp, 'copy.db')
    printed = run(db, 'backup', '-o', copy).stdout.strip()
    check('backup -o writes the copy', printed == copy and os.path.exists(copy), printed)
    check('the copy is private', (os.stat(copy).st_mode & 0o777) == 0o600, oct(os.stat(copy).st_mode))
    auto = run(db, 'backup').stdout.strip()
    check('backup goes to the backup folder',
          auto.startswith(os.path.join(env_home, 'nudge', 'backups')) and os.path.exists(auto), auto)
    listed = run_json(db, 'backup', 'list')
    check('backup list', [b['path'] for b in listed] == [auto] and listed[0]['reason'] == 'manual', listed)

    run(db, 'deal', 'add', '--title', 'After the backup')
    out = run(db, 'restore', copy).stdout
    titles = [d['title'] for d in run_json(db, 'deal', 'list')]
    check('restore brings the copy back', titles == ['Before the backup'], titles)
    listed = run_json(db, 'backup', 'list')
    kept = [b for b in listed if b['reason'] == 'restore']
    check('the replaced book is kept', len(kept) == 1 and kept[0]['path'] in out, (out, listed))
    run(db, 'restore', kept[0]['path'])
    titles = sorted(d['title'] for d in run_json(db, 'deal', 'list'))
    check('the restore can be undone', titles == ['After the backup', 'Before the backup'], titles)

    notes = os.path.join(tmp, 'notes.txt')
    with open(notes, 'w') as f:
        f.write('milk\n')
    bad_input(db, 'restore refuses a file that is not a book', 'restore', notes)

    # An import keeps a copy first.
    contacts = os.path.join(tmp, 'backup-contacts.csv')
    with open(contacts, 'w', encoding='utf-8') as f:
        f.write('Name\nJana Nováková\n')
    run(db, 'import', 'contacts', contacts)
    check('an import keeps a copy first', any(b['reason'] == 'import' for b in run_json(db, 'backup', 'list')))

    # A damaged page: check exits 1 naming it.
    big = os.path.join(tmp, 'damaged.db')
    run(big, 'demo', '--companies', '20', '--contacts', '200', '--deals', '100', '--activities', '300',
        '--followups', '50')
    run(big, 'check')
    with open(big, 'r+b') as f:
        size = f.seek(0, 2)
        f.seek(size // 2)
        f.write(b'\x5a' * 3000)
    p = run(big, 'check', expect=1)
    check('check names the damage on one line', 'damaged' in p.stderr and p.stderr.count('\n') == 1, p.stderr)
    if saved_home is None:
        del os.environ['XDG_DATA_HOME']
    else:
        os.environ['XDG_DATA_HOME'] = saved_home


def test_eml(tmp):
    db = os.path.join(tmp, 'eml.db')
    samples = os.path.join(os.environ['NUDGE_SOURCE_DIR'], 'tests', 'data', 'eml')
    jan = run(db, 'contact', 'add', 'Jan Novák', '--email', 'jan@firma.cz').stdout.strip()
    files = [os.path.join(samples, n) for n in ('multipart-alternative.eml', 'czech-windows-1250.eml', 'three.mbox')]
    out = run_json(db, 'import', 'eml', *files, '--own', 'petra@mojefirma.cz')
    check('import eml logs the messages on Jan',
          out == {'logged': 4, 'duplicates': 0, 'unmatched': 1, 'contacts_added': 0}, out)
    out = run_json(db, 'import', 'eml', files[0], '--own', 'petra@mojefirma.cz')
    check('import eml skips a message logged before',
          out == {'logged': 0, 'duplicates': 1, 'unmatched': 0, 'contacts_added': 0}, out)
    out = run_json(db, 'import', 'eml', files[2], '--own', 'petra@mojefirma.cz', '--add-contacts')
    check('import eml --add-contacts adds the stranger and logs the message',
          out == {'logged': 1, 'duplicates': 2, 'unmatched': 0, 'contacts_added': 1}, out)
    contacts = run_json(db, 'contact', 'list')
    check('import eml --add-contacts: the contact has the address',
          any(c.get('email') == 'stranger@example.org' for c in contacts), contacts)
    activities = run_json(db, 'contact', 'show', jan)['activities']
    check('import eml: direction from the own address',
          sorted((a['summary'], a['direction']) for a in activities)
          == [('First', 'in'), ('Re: Nabídka na servis lisů – termín', 'in'), ('Second', 'out'),
              ('Žluťoučký kůň – smlouva k podpisu', 'out')], activities)
    empty = os.path.join(tmp, 'empty.eml')
    open(empty, 'w').close()
    bad_input(db, 'import eml of an empty file', 'import', 'eml', empty, message='empty.eml')
    usage(db, 'import eml without files', 'import', 'eml')


def test_merge(tmp):
    db = os.path.join(tmp, 'merge.db')
    keep = run(db, 'contact', 'add', 'Jan Novák', '--email', 'jan@firma.cz').stdout.strip()
    dup = run(db, 'contact', 'add', 'Jan Novak', '--email', 'jan.novak@gmail.com', '--title', 'Nákupčí',
              '--phone', '+420 601 111 222').stdout.strip()
    deal = run(db, 'deal', 'add', '--title', 'Licence', '--contact', dup).stdout.strip()
    run(db, 'activity', 'add', '--contact', dup, '--kind', 'call', '--direction', 'out')
    out = run_json(db, 'merge', 'contact', keep, dup)
    check('merge says the survivor', out['id'] == int(keep) and out['name'] == 'Jan Novák', out)
    check('merge fills only empty fields', sorted(out['filled']) == ['title'], out)
    shown = run_json(db, 'contact', 'show', keep)
    check('merged: title and phone filled, name and e-mail kept',
          (shown['title'], shown['phone'], shown['name'], shown['email'])
          == ('Nákupčí', '+420 601 111 222', 'Jan Novák', 'jan@firma.cz'), shown)
    check('merged: the activity moved', len(shown['activities']) == 1, shown)
    check('merged: the deal moved', run_json(db, 'deal', 'show', deal)['contact_id'] == int(keep))
    bad_input(db, 'merge into the trashed duplicate', 'merge', 'contact', dup, keep)
    usage(db, 'merge with one id', 'merge', 'contact', keep)
    a = run(db, 'company', 'add', 'Pekárna Novák').stdout.strip()
    b = run(db, 'company', 'add', 'Pekárna Novák s.r.o.', '--industry', 'Food').stdout.strip()
    run(db, 'contact', 'add', 'Eva Malá', '--company', b)
    out = run_json(db, 'merge', 'company', a, b)
    check('company merge moves its contacts', run_json(db, 'company', 'show', a).get('industry') == 'Food'
          and 'Eva Malá' in run(db, 'contact', 'list').stdout, out)


with tempfile.TemporaryDirectory() as tmp:
    section('import', test_import, tmp)
    section('records', test_records, tmp)
    section('files', test_bad_files, tmp)
    section('demo', test_demo, tmp)
    section('insights', test_insights, tmp)
    section('backups', test_backups, tmp)
    section('merge', test_merge, tmp)
    section('eml', test_eml, tmp)

finish()
