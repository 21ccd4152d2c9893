#!/usr/bin/python3
# test-cli-pipeline.py — nudge-cli pipeline and stage commands, required
# fields on deal move, deal list --rotting, on a real database
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sqlite3
import tempfile

from nudgetest import check, cli_at, finish

run = cli_at('2026-03-02T08:00:00+01:00')

with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, 'nudge.db')

    pipelines = run(db, 'pipeline', 'list').stdout.strip().split('\n')
    check('one default pipeline', len(pipelines) == 1 and pipelines[0].split('\t')[1] == 'Sales', pipelines)

    stages = json.loads(run(db, '--json', 'stage', 'list').stdout)
    names = [s['name'] for s in stages]
    check('default stages in order', names[:2] == ['Lead in', 'Contact made'] and names[-2:] == ['Won', 'Lost'], names)
    proposal = next(s for s in stages if s['name'] == 'Proposal sent')
    check('Proposal sent requires an amount', proposal['required_fields'] == 'amount', proposal)

    new_id = run(db, 'stage', 'add', 'Demo', '--position', '1').stdout.strip()
    check('stage add prints an id', new_id.isdigit(), new_id)
    names = [s['name'] for s in json.loads(run(db, '--json', 'stage', 'list').stdout)]
    check('stage added at its position', names[1] == 'Demo', names)

    run(db, 'stage', 'set', 'Demo', '--probability', '30', '--rotting-days', '5', '--require', 'contact,amount')
    demo = next(s for s in json.loads(run(db, '--json', 'stage', 'list').stdout) if s['name'] == 'Demo')
    check('stage set stores the settings', (demo['probability'], demo['rotting_days'], demo['required_fields'])
          == (30, 5, 'amount,contact'), demo)
    bad = run(db, 'stage', 'set', 'Demo', '--require', 'budget', expect=1)
    check('unknown required field refused on one line', 'budget' in bad.stderr and bad.stderr.count('\n') == 1,
          bad.stderr)
    run(db, 'stage', 'set', 'Demo', '--kind', 'maybe', expect=1)
    for opt, value in (('--rotting-days', '-1'), ('--probability', '101'), ('--probability', '-5')):
        p = run(db, 'stage', 'set', 'Demo', opt, value, expect=1)
        check(f'stage set {opt} {value} refused naming the option', opt in p.stderr, p.stderr)
    demo = next(s for s in json.loads(run(db, '--json', 'stage', 'list').stdout) if s['name'] == 'Demo')
    check('refused settings change nothing', (demo['probability'], demo['rotting_days']) == (30, 5), demo)

    deal = run(db, 'deal', 'add', '--title', 'Hotel Praha', '--currency', 'CZK').stdout.strip()
    refused = run(db, 'deal', 'move', deal, 'Proposal sent', expect=1)
    check('move refused, naming the missing field', 'amount' in refused.stderr, refused.stderr)
    shown = json.loads(run(db, '--json', 'deal', 'show', deal).stdout)
    check('refused move leaves the deal', 'Lead in' in json.dumps(shown), shown)

    run(db, 'deal', 'move', deal, 'Proposal sent', '--amount', '1500')
    listed = run(db, 'deal', 'list').stdout
    check('move with --amount stores amount and stage', 'Proposal sent' in listed and '1500' in listed.replace(',', '').replace('\u00a0', '').replace(' ', ''), listed)

    contact_missing = run(db, 'deal', 'move', deal, 'Demo', expect=1)
    check('Demo needs a contact', 'contact' in contact_missing.stderr, contact_missing.stderr)

    # Proposal sent rots after 7 idle days.
    fresh = run(db, 'deal', 'list', '--rotting', now='2026-03-08T08:00:00+01:00').stdout
    check('not rotting within the limit', fresh.strip() == '', fresh)
    rotting = run(db, 'deal', 'list', '--rotting', now='2026-03-12T08:00:00+01:00').stdout
    check('rotting after the limit', 'Hotel Praha' in rotting, rotting)

    # One total in the home currency, at the user's rates, with their dates.
    run(db, 'currency', 'home', 'czk')
    check('home currency set', run(db, 'currency', 'home').stdout.strip() == 'CZK')
    run(db, 'deal', 'add', '--title', 'Hotel Wien', '--currency', 'EUR', '--amount', '1000')
    run(db, 'deal', 'add', '--title', 'Hotel Kyiv', '--currency', 'UAH', '--amount', '40000')
    totals = json.loads(run(db, '--json', 'pipeline', 'list').stdout)[0]
    check('no rate: the euros are counted apart', totals['home_currency'] == 'CZK' and
          totals['total_home_minor'] == 150000 and totals['deals_without_rate'] == 2 and not totals['converted'],
          totals)
    run(db, 'currency', 'rate', 'EUR', '25,20', '--date', '2026-03-01')
    run(db, 'currency', 'rate', 'uah', '0.55')
    totals = json.loads(run(db, '--json', 'pipeline', 'list').stdout)[0]
    check('with rates: one total, marked converted', totals['total_home_minor'] == 150000 + 2520000 + 2200000 and
          totals['deals_without_rate'] == 0 and totals['converted'], totals)
    text = run(db, 'pipeline', 'list').stdout
    check('pipeline list shows the converted total', '\u2248' in text and 'CZK' not in text.split('\t')[1], text)
    rates = json.loads(run(db, 'currency', 'list', '--json').stdout)
    check('currency list --json', rates == {'home': 'CZK', 'rates': [
        {'currency': 'EUR', 'rate': 25.2, 'date': '2026-03-01'},
        {'currency': 'UAH', 'rate': 0.55, 'date': '2026-03-02'}]}, rates)
    for args in (('currency', 'rate', 'CZK', '1'), ('currency', 'rate', 'PLN', '0'),
                 ('currency', 'rate', 'PLN', 'abc'), ('currency', 'home', 'Kč')):
        bad = run(db, *args, expect=1)
        check(f'{" ".join(args)} refused on one line', bad.stderr.count('\n') == 1, bad.stderr)
    # Insights' forecast in the home currency: 10 000 € in Proposal sent
    # (60 %) closing in April is 6 000 € = 151 200 Kč; 10 000 ₴ apart.
    wien = run(db, 'deal', 'add', '--title', 'Wien fleet', '--currency', 'EUR', '--amount', '10000').stdout.strip()
    run(db, 'deal', 'move', wien, 'Proposal sent', '--expected-close', '2026-04-10')
    insights = json.loads(run(db, '--json', 'insights').stdout)
    april = [m for m in insights['weighted_forecast_home'] if m['month'] == '2026-04']
    check('insights --json: the forecast in the home currency', insights['home_currency'] == 'CZK' and
          len(april) == 1 and april[0]['weighted_home_minor'] == 15120000 and april[0]['converted'] and
          april[0]['deals_without_rate'] == 0, insights.get('weighted_forecast_home'))
    kyiv = run(db, 'deal', 'add', '--title', 'Kyiv fleet', '--currency', 'UAH', '--amount', '10000').stdout.strip()
    run(db, 'deal', 'move', kyiv, 'Proposal sent', '--expected-close', '2026-04-20')
    run(db, 'currency', 'remove', 'UAH')
    insights = json.loads(run(db, '--json', 'insights').stdout)
    april = [m for m in insights['weighted_forecast_home'] if m['month'] == '2026-04']
    check('insights --json: a currency without a rate is counted apart', len(april) == 1 and
          april[0]['weighted_home_minor'] == 15120000 and april[0]['deals_without_rate'] == 1, april)
    text = run(db, 'insights').stdout
    check('insights shows the month in the home currency', 'Weighted forecast in CZK' in text and
          '\u2248' in text and '\u20b4' in text, text)
    totals = json.loads(run(db, '--json', 'pipeline', 'list').stdout)[0]
    check('a removed rate counts apart again', totals['deals_without_rate'] == 2, totals)

    # Closing a deal stops its reminders, unless --keep-followups.
    def open_followups(deal_id):
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT COUNT(*) FROM followup WHERE deal_id = ? AND status = 'open'",
                                (int(deal_id),)).fetchone()[0]

    def add_followups(deal_id):
        for title in ('Send the proposal', 'Call back'):
            run(db, 'followup', 'add', '--title', title, '--deal', deal_id, '--due', '2026-03-05T09:00')
        check(f'deal {deal_id} has two open follow-ups', open_followups(deal_id) == 2, open_followups(deal_id))

    usage = run(db, 'deal', 'move', '--help').stdout + run(db, 'deal', 'set-status', '--help').stdout
    check('--help says closing cancels the open follow-ups',
          usage.count('--keep-followups') == 2 and 'cancelled otherwise' in usage, usage)
    lost = run(db, 'deal', 'add', '--title', 'Okna Brno').stdout.strip()
    add_followups(lost)
    run(db, 'deal', 'move', lost, 'Lost')
    check('deal move to Lost cancels the open follow-ups', open_followups(lost) == 0, open_followups(lost))
    won = run(db, 'deal', 'add', '--title', 'Dveře Zlín').stdout.strip()
    add_followups(won)
    run(db, 'deal', 'set-status', won, 'won')
    check('deal set-status won cancels the open follow-ups', open_followups(won) == 0, open_followups(won))
    kept = run(db, 'deal', 'add', '--title', 'Střechy Olomouc').stdout.strip()
    add_followups(kept)
    run(db, 'deal', 'set-status', kept, 'lost', '--keep-followups')
    check('--keep-followups leaves them open', open_followups(kept) == 2, open_followups(kept))
    moved = run(db, 'deal', 'add', '--title', 'Fasády Ostrava').stdout.strip()
    add_followups(moved)
    run(db, 'deal', 'move', moved, 'Contact made')
    run(db, 'deal', 'set-status', moved, 'on_hold')
    check('a move to an open stage and a hold leave them open', open_followups(moved) == 2, open_followups(moved))

    # Rules at a human pace: the preview is the plan, run keeps to it.
    book = os.path.join(tmp, 'sample.db')
    now = '2026-12-03T10:00:00+01:00'
    run(book, 'demo', now=now)
    preview = json.loads(run(book, 'rules', 'preview', 'Reactivation e-mail', '--json', now=now).stdout)
    days = {}
    for f in preview['followups']:
        days[f['due'][:10]] = days.get(f['due'][:10], 0) + 1
    check('rules preview keeps to 5 a day', preview['daily_limit'] == 5 and days and max(days.values()) <= 5, preview)
    text = run(book, 'rules', 'preview', 'Reactivation e-mail', now=now).stdout
    check('rules preview says the plan in words', 'a day until' in text or len(preview['followups']) <= 5, text)
    ran = json.loads(run(book, '--json', 'rules', 'run', now=now).stdout)
    check('rules run creates what the preview showed (and the other rules theirs)',
          ran['actions'] >= len(preview['followups']), (ran, len(preview['followups'])))
    again = json.loads(run(book, 'rules', 'preview', 'Reactivation e-mail', '--json', now=now).stdout)
    check('after the run nothing is left to plan', again['followups'] == [], again)
    check('a second run does nothing', json.loads(run(book, '--json', 'rules', 'run', now=now).stdout)['actions'] == 0)

finish()
