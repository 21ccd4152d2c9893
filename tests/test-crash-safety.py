#!/usr/bin/python3
# test-crash-safety.py — kill -9 an import at random points: the book stays
# intact (integrity_check) and holds all of the import or none of it.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import random
import signal
import subprocess
import tempfile
import time

from nudgetest import CLI, check, cli_at, finish

ROWS = 20000
run = cli_at(None)


def env():
    return dict(os.environ, TZ='Europe/Prague', LC_ALL='C.UTF-8')


with tempfile.TemporaryDirectory() as tmp:
    os.environ['XDG_DATA_HOME'] = os.path.join(tmp, 'data')
    db = os.path.join(tmp, 'nudge.db')
    csv = os.path.join(tmp, 'big.csv')
    with open(csv, 'w', encoding='utf-8') as f:
        f.write('Name,E-mail,Phone\n')
        for i in range(ROWS):
            f.write(f'Person {i},p{i}@example.cz,+420 601 {i % 1000:03d} {i % 997:03d}\n')
    run(db, 'contact', 'add', 'Seed Person')

    # How long a whole import takes here, to kill within it.
    start = time.monotonic()
    run(db, 'import', 'contacts', csv)
    full = time.monotonic() - start
    expected = 1 + ROWS

    rng = random.Random(20261203)
    killed = 0
    for attempt in range(8):
        before = len(json.loads(run(db, '--json', 'contact', 'list').stdout))
        p = subprocess.Popen([CLI, '--db', db, 'import', 'contacts', csv], env=env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, full * 1.1))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            killed += 1
        p.wait()
        run(db, 'check')
        after = len(json.loads(run(db, '--json', 'contact', 'list').stdout))
        check(f'kill {attempt}: all or nothing ({before} → {after})', after in (before, before + ROWS),
              f'{before} → {after}')
    check('some imports were killed mid-way', killed > 0, killed)
    check('the book is intact after all', 'intact' in run(db, 'check').stdout)

finish()
