# nudgetest.py — what the Python tests share: numbered checks, nudge-cli
# on a scratch book, waiting for a condition, a desktop session's
# environment with its own bus (for test-launch.py and test-a11y.py).
#
# The test scripts import it from their own folder (Python puts a
# script's folder first on sys.path).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import time

CLI = os.environ.get('NUDGE_CLI', 'nudge-cli')

failures = 0
count = 0


def check(name, condition, detail=''):
    """Prints one numbered result; a failed one is counted. Returns
    whether @condition held."""
    global failures, count
    count += 1
    print(('ok ' if condition else 'not ok ') + f'{count} {name}' + ('' if condition else f' # {detail}'),
          flush=True)
    if not condition:
        failures += 1
    return bool(condition)


def check_that(condition, what):
    """check() with the condition first, as the session tests write it."""
    return check(what, condition)


def finish():
    """Ends the script: the plan, and exit status 1 if a check failed."""
    print(f'1..{count}')
    if failures:
        print(f'# {failures} of {count} checks failed', file=sys.stderr)
    sys.exit(1 if failures else 0)


def cli(db, *args, now=None, expect=0, text=True, **env):
    """Runs nudge-cli on the book @db in Prague's zone and the C.UTF-8
    locale (with NUDGE_NOW=@now if given, and @env's variables, which
    may name another TZ); fails unless it exits with @expect."""
    run_env = dict(os.environ, **{'TZ': 'Europe/Prague', 'LC_ALL': 'C.UTF-8', **env})
    run_env.pop('NUDGE_DB', None)
    if now is not None:
        run_env['NUDGE_NOW'] = now
    p = subprocess.run([CLI, '--db', db, *args], capture_output=True, text=text, env=run_env)
    if p.returncode != expect:
        out, err = (p.stdout, p.stderr) if text else (p.stdout.decode(), p.stderr.decode())
        raise AssertionError(f'{args}: exit {p.returncode}, expected {expect}; '
                             f'stdout: {out[:300]!r} stderr: {err!r}')
    return p


def cli_at(now, **env):
    """nudge-cli as cli(), with the clock at @now unless a call says
    otherwise."""
    def run(db, *args, now=now, expect=0):
        return cli(db, *args, now=now, expect=expect, **env)
    return run


def wait_for(predicate, seconds=20.0, step=0.2):
    """@predicate's result once it holds, or its last one after @seconds."""
    until = time.monotonic() + seconds
    while True:
        result = predicate()
        if result or time.monotonic() > until:
            return result
        time.sleep(step)


def session_env(tmp, **extra):
    """What a desktop session gives a program, in a new home under @tmp,
    and nothing from the test harness; with @extra's variables."""
    home = os.path.join(tmp, 'home')
    os.makedirs(home)
    runtime_dir = os.path.join(tmp, 'run')
    os.makedirs(runtime_dir, mode=0o700)
    env = {
        'PATH': '/usr/local/bin:/usr/bin:/bin',
        'HOME': home,
        'XDG_DATA_HOME': os.path.join(home, '.local', 'share'),
        'XDG_CONFIG_HOME': os.path.join(home, '.config'),
        'XDG_CACHE_HOME': os.path.join(home, '.cache'),
        'XDG_STATE_HOME': os.path.join(home, '.local', 'state'),
        'XDG_RUNTIME_DIR': runtime_dir,
        **extra,
    }
    for name in ('DISPLAY', 'XAUTHORITY', 'WAYLAND_DISPLAY'):
        if os.environ.get(name):
            env[name] = os.environ[name]
    if 'DISPLAY' not in env and 'WAYLAND_DISPLAY' not in env:
        raise SystemExit('no display: run the tests under xvfb-run')
    return env


def start_session_bus(tmp, env):
    """A private session bus writing to @tmp/bus.log; its address goes
    into @env. Returns the bus process and its log's path."""
    bus_log = os.path.join(tmp, 'bus.log')
    address_file = os.path.join(tmp, 'bus.address')
    with open(bus_log, 'w') as log, open(address_file, 'w') as address_out:
        bus = subprocess.Popen(['dbus-daemon', '--session', '--nofork', '--print-address=1'],
                               env=env, stdout=address_out, stderr=log)
    address = wait_for(lambda: open(address_file).read().strip(), 10)
    if not address:
        raise SystemExit('the session bus did not start')
    env['DBUS_SESSION_BUS_ADDRESS'] = address
    pin_a11y_bus(env)
    return bus, bus_log


def pin_a11y_bus(env):
    """Starts the accessibility bus of @env's session bus and names it in
    @env and in the bus's activation environment. GTK and libatspi look
    for it on the X root window before the session bus: a property left by
    another session on the same display (a run of the app by hand, or an
    earlier test whose launcher did not clean up) would send the app and
    this process to a bus that is gone, or to different buses."""
    r = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.a11y.Bus', '--object-path', '/org/a11y/bus',
                        '--method', 'org.a11y.Bus.GetAddress'], env=env, capture_output=True, text=True)
    m = re.match(r"\('(.+)',\)", r.stdout.strip())
    if r.returncode != 0 or not m:
        raise SystemExit('the accessibility bus did not start: %s' % r.stderr.strip())
    env['AT_SPI_BUS_ADDRESS'] = m.group(1)
    r = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus',
                        '--object-path', '/org/freedesktop/DBus',
                        '--method', 'org.freedesktop.DBus.UpdateActivationEnvironment',
                        "{'AT_SPI_BUS_ADDRESS': '%s'}" % m.group(1)], env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit('could not name the accessibility bus to the session bus: %s' % r.stderr.strip())


def gdbus(env, *args):
    """gdbus call on @env's session bus."""
    return subprocess.run(['gdbus', 'call', '--session', *args], env=env, capture_output=True, text=True)


def stop(processes):
    """Ends @processes, the last started first."""
    for p in reversed(processes):
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


def print_tail(path, name=None):
    """The end of the log at @path, for a failed run."""
    if os.path.exists(path):
        print('--- %s' % (name or os.path.basename(path)))
        sys.stdout.write(open(path, errors='replace').read()[-4000:])
