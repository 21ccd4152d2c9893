#!/usr/bin/python3
# test-launch.py — Nudge installed the way the README installs it, then
# started the way GNOME starts it.
#
# Builds this tree into a throwaway home (meson setup --prefix=HOME/.local,
# meson install), with XDG_DATA_HOME and XDG_CONFIG_HOME in that home and
# no GSETTINGS_SCHEMA_DIR, so the app finds its schema, translations, icon,
# desktop file and D-Bus service only where the install put them. Then, on
# a private session bus and the display xvfb-run gives, in Czech:
#  - the installed program starts, its window maps, and the empty book's
#    welcome is on screen in Czech (read through the accessibility tree);
#  - each action of the desktop file, activated over D-Bus in a service
#    the bus starts from the installed .service file
#    (org.freedesktop.Application.ActivateAction), shows its view or its
#    dialog; an unknown action is refused;
#  - a book too damaged to open is said to be so, and its latest backup,
#    restored from that dialog, brings the book back;
#  - nothing prints a CRITICAL or a WARNING.
#
# /usr/bin/python3 on purpose: it is the one that sees Debian's python3-gi
# and gir1.2-atspi-2.0.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile

import nudgetest
from nudgetest import check_that as check, wait_for

SOURCE = os.environ["NUDGE_SOURCE_DIR"]
PROFILE = os.environ.get("NUDGE_PROFILE", "default")
APP_ID = os.environ.get("NUDGE_APP_ID", "io.github.nudgecrm.Nudge")
BINARY = os.environ.get("NUDGE_BINARY_NAME", "nudge")
OBJECT_PATH = "/" + APP_ID.replace(".", "/")
# Action name: the title of its view (msgid), selected in the view switcher.
VIEWS = {
    "today": "Today",
    "pipeline": "Pipeline",
    "list": "List",
    "calendar": "Calendar",
    "insights": "Insights",
}
DIALOGS = {"new-deal": "New Deal", "new-followup": "New Follow-up"}

def czech(msgid):
    """The Czech translation of @msgid (no context) from po/cs.po."""
    text = open(os.path.join(SOURCE, "po", "cs.po"), encoding="utf-8").read()
    for block in text.split("\n\n"):
        if "\nmsgctxt " in "\n" + block:
            continue
        fields = {}
        key = None
        for line in block.splitlines():
            m = re.match(r'^(msgid|msgstr) (".*")$', line)
            if m:
                key = m.group(1)
                fields[key] = eval(m.group(2))
            elif line.startswith('"') and key:
                fields[key] += eval(line)
        if fields.get("msgid") == msgid and fields.get("msgstr"):
            return fields["msgstr"]
    raise SystemExit("po/cs.po has no translation of %r" % msgid)


def run(argv, env, log):
    with open(log, "a") as out:
        r = subprocess.run(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        sys.stdout.write(open(log).read()[-6000:])
        raise SystemExit("failed: %s" % " ".join(argv))


tmp = tempfile.mkdtemp(prefix="nudge-launch-")
build_log = os.path.join(tmp, "build.log")

# What a desktop session gives a program, and nothing from the test harness
# (no GSETTINGS_SCHEMA_DIR, GSETTINGS_BACKEND, NO_AT_BRIDGE or GTK_A11Y).
session_env = nudgetest.session_env(tmp)
home = session_env["HOME"]
prefix = os.path.join(home, ".local")

# The user's language: cs_CZ.UTF-8 as the system has it, or as the build
# tree made it (tests/make-locales.sh) on a machine that never ran
# locale-gen; failing both, C.UTF-8 with LANGUAGE=cs still selects the
# Czech catalog (unlike plain C).
locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower().split()
test_locpath = os.environ.get("NUDGE_TEST_LOCPATH", "")
if "cs_cz.utf8" in locales:
    session_env.update(LANGUAGE="cs", LANG="cs_CZ.UTF-8")
elif test_locpath and os.path.exists(os.path.join(test_locpath, "cs_CZ.UTF-8", "LC_CTYPE")):
    session_env.update(LANGUAGE="cs", LANG="cs_CZ.UTF-8", LOCPATH=test_locpath)
else:
    print("# cs_CZ.UTF-8 is not generated; using LANG=C.UTF-8 LANGUAGE=cs")
    session_env.update(LANGUAGE="cs", LANG="C.UTF-8")

# 1. The README's install: configure with the home's prefix, build, install.
build_env = {k: v for k, v in os.environ.items()
             if not k.startswith(("GSETTINGS_", "NUDGE_", "MESON_", "XDG_"))}
build_env.update(HOME=home)
build_dir = os.path.join(tmp, "build")
run(["meson", "setup", "--prefix", prefix, "-Dprofile=" + PROFILE, build_dir, SOURCE], build_env, build_log)
run(["meson", "install", "-C", build_dir], build_env, build_log)

share = os.path.join(prefix, "share")
for path in (os.path.join(prefix, "bin", BINARY),
             os.path.join(share, "applications", APP_ID + ".desktop"),
             os.path.join(share, "dbus-1", "services", APP_ID + ".service"),
             os.path.join(share, "icons", "hicolor", "scalable", "apps", APP_ID + ".svg"),
             os.path.join(share, "metainfo", APP_ID + ".metainfo.xml"),
             os.path.join(share, "glib-2.0", "schemas", "gschemas.compiled"),
             os.path.join(share, "gnome-shell", "search-providers", APP_ID + ".search-provider.ini"),
             os.path.join(share, "locale", "cs", "LC_MESSAGES", "nudge.mo")):
    check(os.path.exists(path), "installed " + os.path.relpath(path, home))

# 2. A private session bus that, like a login session's, looks for
#    services under $XDG_DATA_HOME/dbus-1/services. Services it starts
#    (Nudge, the accessibility bus, dconf) write to its log.
bus, bus_log = nudgetest.start_session_bus(tmp, session_env)
app_log = os.path.join(tmp, "app.log")
processes = [bus]

# This process reads the accessibility tree on that bus, and the desktop
# file from that home.
os.environ.update(session_env)
for name in ("NO_AT_BRIDGE", "GTK_A11Y", "GSETTINGS_SCHEMA_DIR"):
    os.environ.pop(name, None)

import gi  # noqa: E402

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402
import nudgeatspi  # noqa: E402
from nudgeatspi import Atspi, on_screen  # noqa: E402


def gdbus(*args):
    return nudgetest.gdbus(session_env, *args)


def activate_action(name):
    return gdbus("--dest", APP_ID, "--object-path", OBJECT_PATH,
                 "--method", "org.freedesktop.Application.ActivateAction", name, "[]", "{}")


def app_running():
    r = gdbus("--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
              "--method", "org.freedesktop.DBus.NameHasOwner", APP_ID)
    return "true" in r.stdout


def provider_pid():
    r = gdbus("--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
              "--method", "org.freedesktop.DBus.GetConnectionUnixProcessID", APP_ID)
    m = re.search(r"uint32 ([0-9]+)", r.stdout)
    return int(m.group(1)) if m else None


def quit_app():
    activate_action("quit")
    if not wait_for(lambda: not app_running(), 15):
        check(False, "the app quits on app.quit")


def find_all(accessible, predicate, found, depth=0):
    """Accessibles in @accessible's tree for which @predicate holds."""
    try:
        if predicate(accessible):
            found.append(accessible)
        count = accessible.get_child_count()
    except GLib.Error:
        return found
    for i in range(count if depth < 60 else 0):
        try:
            child = accessible.get_child_at_index(i)
        except GLib.Error:
            continue
        if child is not None:
            find_all(child, predicate, found, depth + 1)
    return found


def windows(state=Atspi.StateType.VISIBLE):
    """Titles of Nudge's top-level windows in @state (shown, by default;
    libatspi may hold a window's later states from its cache)."""
    app = nudgeatspi.nudge_app(BINARY)
    if app is None:
        return []
    titles = []
    for i in range(app.get_child_count()):
        window = app.get_child_at_index(i)
        try:
            if window.get_state_set().contains(state):
                titles.append(window.get_name())
        except GLib.Error:
            continue
    return titles


def shown_view():
    """The view whose tab the view switchers show selected, if they agree."""
    app = nudgeatspi.nudge_app(BINARY)
    if app is None:
        return None
    switchers = find_all(app, lambda a: a.get_role() == Atspi.Role.PAGE_TAB_LIST
                         and a.get_name() == "AdwViewSwitcher", [])
    selected = set()
    for switcher in switchers:
        for i in range(switcher.get_child_count()):
            tab = switcher.get_child_at_index(i)
            if tab.get_state_set().contains(Atspi.StateType.SELECTED):
                selected.add(tab.get_name())
    for view, msgid in VIEWS.items():
        if switchers and selected == {czech(msgid)}:
            # The views, not the empty book's welcome over them.
            return None if label_on_screen(czech("No Deals Yet")) else view
    return None


def label_on_screen(text):
    """A label reading @text, inside a window and with a size."""
    app = nudgeatspi.nudge_app(BINARY)
    if app is None:
        return False
    return any(on_screen(a) for a in find_all(app, lambda a: a.get_name() == text, []))


try:
    # 3. The desktop file GNOME finds, and its actions.
    info = Gio.DesktopAppInfo.new(APP_ID + ".desktop")
    if check(info is not None, "the desktop file is found in $XDG_DATA_HOME/applications"):
        check(info.get_boolean("DBusActivatable"), "the desktop file is D-Bus activatable")
        check(sorted(info.list_actions()) == sorted(list(VIEWS) + list(DIALOGS)),
              "its actions are the views and the New… dialogs: %s" % info.list_actions())
        check(info.get_executable() == os.path.join(prefix, "bin", BINARY),
              "it runs the installed program by its full path")
        check(info.get_string("Icon") == APP_ID, "its icon is the app id")

    # 4. As the README starts it: the installed program, in Czech.
    with open(app_log, "a") as log:
        app_process = subprocess.Popen([os.path.join(prefix, "bin", BINARY)], env=session_env,
                                       stdout=log, stderr=subprocess.STDOUT)
    processes.append(app_process)
    welcome = czech("No Deals Yet")
    check(welcome != "No Deals Yet", "the welcome has a Czech translation")
    check(bool(wait_for(lambda: czech("Nudge") in windows(Atspi.StateType.SHOWING), 30)), "the window maps")
    check(bool(wait_for(lambda: label_on_screen(welcome), 20)),
          "the empty book's welcome is on screen in Czech: “%s”" % welcome)
    check(app_process.poll() is None, "the app keeps running (exit status %s)" % app_process.returncode)
    quit_app()
    check(app_process.wait(10) == 0, "the app exits with status 0")

    # A book with a deal, so the views show instead of the welcome.
    run([os.path.join(prefix, "bin", "nudge-cli"), "deal", "add", "--title", "Licence CRM",
         "--amount", "12500", "--currency", "CZK"], session_env, build_log)

    # 5. Each action in a service the bus starts for it, as from the
    #    jump list with Nudge not running.
    for action in VIEWS:
        r = activate_action(action)
        check(r.returncode == 0, "ActivateAction %s starts Nudge over D-Bus %s" % (action, r.stderr.strip()))
        check(bool(wait_for(lambda: shown_view() == action, 25)), "app.%s shows the %s view" % (action, action))
        quit_app()

    for action, msgid in DIALOGS.items():
        title = czech(msgid)
        r = activate_action(action)
        check(r.returncode == 0, "ActivateAction %s starts Nudge over D-Bus %s" % (action, r.stderr.strip()))
        check(bool(wait_for(lambda: title in windows(), 25)), "app.%s opens “%s”" % (action, title))
        check(czech("Nudge") in windows(), "and the main window with it")
        quit_app()

    # 6. In the running app: one view after another, and a wrong name.
    r = activate_action("calendar")
    check(r.returncode == 0 and bool(wait_for(lambda: shown_view() == "calendar", 25)),
          "app.calendar starts Nudge on the calendar")
    for action in ("today", "insights", "list", "pipeline"):
        r = activate_action(action)
        check(r.returncode == 0 and bool(wait_for(lambda: shown_view() == action, 15)),
              "app.%s in the running app shows the %s view" % (action, action))
    r = activate_action("no-such-action")
    check(r.returncode != 0 and "Unknown action" in r.stderr,
          "an unknown action is refused (%s)" % r.stderr.strip())
    r = activate_action("new-deal")
    check(r.returncode == 0 and bool(wait_for(lambda: czech("New Deal") in windows(), 15)),
          "app.new-deal in the running app opens the form")
    quit_app()

    # 7. A book too damaged to open: the app says so and offers the latest
    #    backup, which takes the book's place; the deal is back.
    cli = os.path.join(prefix, "bin", "nudge-cli")
    run([cli, "backup"], session_env, build_log)
    book = os.path.join(session_env["XDG_DATA_HOME"], "nudge", "nudge.db")
    check(os.path.exists(book), "the book is at %s" % os.path.relpath(book, home))
    with open(book, "r+b") as f:
        f.write(b"\xde\xad" * 2048)
    with open(app_log, "a") as log:
        app_process = subprocess.Popen([os.path.join(prefix, "bin", BINARY)], env=session_env,
                                       stdout=log, stderr=subprocess.STDOUT)
    processes.append(app_process)
    cannot_open = czech("Cannot Open the Database")
    check(bool(wait_for(lambda: cannot_open in windows(), 25)), "a damaged book says “%s”" % cannot_open)
    restore = czech("_Restore Latest Backup").replace("_", "")
    app = nudgeatspi.nudge_app(BINARY)
    # libadwaita 1.2 names a response button by its label twice, once
    # with the mnemonic's underscore; the dialog holds a wide and a narrow
    # row of them, one shown.
    buttons = find_all(app, lambda a: a.get_role() == Atspi.Role.PUSH_BUTTON and on_screen(a)
                       and restore in a.get_name(), []) if app else []
    if check(len(buttons) == 1, "it offers “%s”" % restore):
        buttons[0].do_action(0)
        check(bool(wait_for(lambda: shown_view() is not None, 25)), "after the restore the views show")
        deals = subprocess.run([cli, "deal", "list"], env=session_env, capture_output=True, text=True)
        check("Licence CRM" in deals.stdout, "the restored book has the deal back")
    quit_app()
    check(app_process.wait(10) == 0, "the app exits with status 0")

    # 8. GNOME Shell's search with Nudge not running: the bus starts it
    #    from its .service file and the provider answers.
    check(not app_running(), "Nudge is not running before the Shell searches")
    r = gdbus("--dest", APP_ID, "--object-path", OBJECT_PATH + "/SearchProvider",
              "--method", "org.gnome.Shell.SearchProvider2.GetInitialResultSet", '["licence"]')
    check(r.returncode == 0 and "'deal:" in r.stdout,
          "the Shell's search starts Nudge and finds the deal (%s%s)" % (r.stdout.strip(), r.stderr.strip()))
    ids = re.findall(r"'([a-z]+:[0-9]+)'", r.stdout)
    # The Shell asks for the results' names a moment later: the process
    # that answered is still there for it, not on its way out.
    pid = provider_pid()
    check(pid is not None, "Nudge stays on the bus after the first answer, for the Shell's next call")
    if ids:
        r = gdbus("--dest", APP_ID, "--object-path", OBJECT_PATH + "/SearchProvider",
                  "--method", "org.gnome.Shell.SearchProvider2.GetResultMetas", str(ids).replace("'", '"'))
        check(r.returncode == 0 and "Licence CRM" in r.stdout, "its result reads “Licence CRM” (%s)" % r.stdout.strip())
        check(provider_pid() == pid, "the same process answers the next call")
    quit_app()

    # 9. Nothing complained.
    for log in (app_log, bus_log):
        for line in open(log, errors="replace"):
            if ("WARNING" in line or "CRITICAL" in line) and not line.startswith("dbus-daemon["):
                check(False, "printed: " + line.strip())
finally:
    nudgetest.stop(processes)
    if nudgetest.failures:
        for log in (app_log, bus_log):
            nudgetest.print_tail(log)
    shutil.rmtree(tmp, ignore_errors=True)

nudgetest.finish()
