#!/usr/bin/python3
# test-cli-pipeline.py — nudge-cli pipeline and stage commands, required
# fields on deal move, deal list --rotting, on a real database
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import tempfile

CLI = os.environ.get('NUDGE_CLI', 'nudge-cli')
failures = 0


def run(db, *args, now='2026-03-02T08:00:00+01:00', expect=0):
    env = dict(os.environ, NUDGE_NOW=now, TZ='Europe/Prague', LC_ALL='C.UTF-8')
    p = subprocess.run([CLI, '--db', db, *args], capture_output=True, text=True, env=env)
    if p.returncode != expect:
        raise AssertionError(f'{args}: exit {p.returncode}, expected {expect}; stderr: {p.stderr}')
    return p


def check(name, condition, detail=''):
    global failures
    print(('ok ' if condition else 'not ok ') + name + ('' if condition else f' # {detail}'))
    if not condition:
        failures += 1


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, 'nudge.db')

    pipelines = run(db, 'pipeline', 'list').stdout.strip().split('\n')
    check('one default pipeline', len(pipelines) == 1 and pipelines[0].endswith('\tSales'), pipelines)

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

sys.exit(1 if failures else 0)
