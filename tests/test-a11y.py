#!/usr/bin/python3
# test-a11y.py — every button Nudge puts on screen has a human name.
#
# Starts the built app on a sample book (nudge-cli demo), on a private
# session bus with the accessibility bus on, and reads its accessibility
# tree the way Orca does (AT-SPI through python3-gi and gir1.2-atspi-2.0,
# as test-launch.py does). It shows every view in turn (app.today …
# app.insights over org.freedesktop.Application.ActivateAction), then opens
# a deal's record window, the follow-up editor, the new deal and new
# contact forms and the preferences, and after each step walks what shows.
# Between the views and those, it imports a small CSV file of deals the
# way a person does — the List's menu, Import from CSV…, the file's path
# typed into the file chooser — and reads the import preview: each
# column's drop-down named after its column, its buttons by their text.
#
# It fails on every push button, toggle button, menu button, check box
# (switches), combo box, radio button or link whose name is empty or only
# a GTK class name ("GtkButton", "GtkMenuButton"…): GTK 4.8 names such a
# control after its class when nothing gave it a label, which is what a
# screen reader then reads. Also on a name said twice ("Edit Edit") or
# with its mnemonic mark ("_Edit Edit"). In the main window, unnamed text
# fields fail too ("GtkSearchEntry"). Each offender is printed with its
# path (the roles and names of its ancestors) so it can be found in the
# code.
#
# It also checks that Today's rows and the Pipeline's cards (and the
# board rows holding them) read as what they are, and that toggles read
# as pressed or not.
#
# /usr/bin/python3 on purpose: it is the one that sees Debian's python3-gi
# and gir1.2-atspi-2.0.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import tempfile
import time

import nudgetest
from nudgetest import check_that as check, wait_for

BUILD = os.environ["NUDGE_BUILD_DIR"]
APP_ID = os.environ.get("NUDGE_APP_ID", "io.github.nudgecrm.Nudge")
BINARY = os.environ.get("NUDGE_BINARY_NAME", "nudge")
APP = os.environ.get("NUDGE_APP", os.path.join(BUILD, "src", BINARY))
CLI = os.environ.get("NUDGE_CLI", os.path.join(BUILD, "src", "cli", "nudge-cli"))
OBJECT_PATH = "/" + APP_ID.replace(".", "/")
VIEWS = ["today", "pipeline", "list", "calendar", "insights"]

tmp = tempfile.mkdtemp(prefix="nudge-a11y-")
book = os.path.join(tmp, "book.db")
# Deals to import: one new, one with an amount that is not one (so the
# preview shows its errors, their Save button and "Import and Skip"); the
# last column has no name in the first row, as spreadsheets leave it.
csv_file = os.path.join(tmp, "deals.csv")
CSV_COLUMNS = ["Title", "Company", "Amount", "Stage"]
with open(csv_file, "w") as out:
    out.write(",".join(CSV_COLUMNS) + ",\n"
              "Northwind renewal,Northwind,12000,Negotiation,call back\n"
              "Broken row,Acme,lots,Negotiation,\n")

# A session's environment, without the test harness's NO_AT_BRIDGE and
# GTK_A11Y=none, in English so the names below are the msgids.
session_env = nudgetest.session_env(tmp, **{
    "GSETTINGS_BACKEND": "memory",
    "GSETTINGS_SCHEMA_DIR": os.path.join(BUILD, "data"),
    "NUDGE_DB": book,
    "LANG": "C.UTF-8",
    "LANGUAGE": "C",
    "TZ": os.environ.get("TZ", "Europe/Prague"),
})

# The sample book: deals in every stage, contacts, follow-ups overdue,
# today and later.
r = subprocess.run([CLI, "demo", "--contacts", "60", "--companies", "15", "--deals", "40",
                    "--activities", "120", "--followups", "60"],
                   env=session_env, capture_output=True, text=True)
if r.returncode != 0:
    raise SystemExit("nudge-cli demo failed: " + r.stdout + r.stderr)
# An overdue call whatever the day and hour the test runs at (the
# sample's own overdue ones are random, and its weekly series are not
# overdue on a Monday morning).
yesterday = time.strftime("%Y-%m-%dT10:00:00", time.localtime(time.time() - 86400))
r = subprocess.run([CLI, "followup", "add", "--title", "Call back about the quote", "--kind", "call",
                    "--due", yesterday], env=session_env, capture_output=True, text=True)
if r.returncode != 0:
    raise SystemExit("nudge-cli followup add failed: " + r.stdout + r.stderr)

# A follow-up of a deal: app.open-followup opens that deal's record window.
r = subprocess.run([CLI, "followup", "list"], env=session_env, capture_output=True, text=True)
deal_followup = next((int(line.split("\t")[0]) for line in r.stdout.splitlines() if " — " in line), 0)
if deal_followup == 0:
    raise SystemExit("the sample book has no follow-up of a deal:\n" + r.stdout)

bus, bus_log = nudgetest.start_session_bus(tmp, session_env)
processes = [bus]
app_log = os.path.join(tmp, "app.log")

os.environ.update(session_env)
for name in ("NO_AT_BRIDGE", "GTK_A11Y"):
    os.environ.pop(name, None)

import nudgeatspi  # noqa: E402
from nudgeatspi import Atspi, GLib, on_screen  # noqa: E402

# Controls a screen reader user activates: they need a name of their own.
CONTROL_ROLES = {
    Atspi.Role.PUSH_BUTTON,
    Atspi.Role.COMBO_BOX,
    Atspi.Role.TOGGLE_BUTTON,
    Atspi.Role.CHECK_BOX,
    Atspi.Role.RADIO_BUTTON,
    Atspi.Role.LINK,
}
# GtkMenuButton's own role differs between GTK versions (button, toggle
# button, or a group around its toggle button); take whatever it has.
CLASS_NAME = re.compile(r"^(Gtk|Adw)[A-Z]\w*$")


def activate_action(name, parameter="[]"):
    r = nudgetest.gdbus(session_env, "--dest", APP_ID, "--object-path", OBJECT_PATH,
              "--method", "org.freedesktop.Application.ActivateAction", name, parameter, "{}")
    check(r.returncode == 0, "app.%s is activated %s" % (name, r.stderr.strip()))


def windows():
    """Nudge's shown top-level windows, by title."""
    app = nudgeatspi.nudge_app(BINARY)
    if app is None:
        return {}
    found = {}
    for i in range(app.get_child_count()):
        try:
            window = app.get_child_at_index(i)
            if window.get_state_set().contains(Atspi.StateType.VISIBLE):
                found[window.get_name()] = window
        except GLib.Error:
            continue
    return found


def describe(accessible):
    try:
        return "%s “%s”" % (accessible.get_role_name(), accessible.get_name())
    except GLib.Error:
        return "?"


def walk(accessible, visit, path, depth=0, index=0, prune=None):
    """Calls @visit on every visible accessible under @accessible, with its
    path; does not go into those for which @prune holds."""
    try:
        states = accessible.get_state_set()
        if not states.contains(Atspi.StateType.VISIBLE) and depth > 0:
            return
        # The index among its siblings: the path names one control.
        here = path + [describe(accessible) + (" [%d]" % index if depth > 0 else "")]
        visit(accessible, here)
        if depth > 0 and prune is not None and prune(accessible):
            return
        count = accessible.get_child_count()
    except GLib.Error:
        return
    for i in range(count if depth < 80 else 0):
        try:
            child = accessible.get_child_at_index(i)
        except GLib.Error:
            continue
        if child is not None:
            walk(child, visit, here, depth + 1, i, prune)


# The views' own widgets (NudgeTodayView…): each is read when it is shown,
# the window around them once.
VIEW_NAME = re.compile(r"^Nudge\w+View$")


def is_view(accessible):
    try:
        return bool(VIEW_NAME.match(accessible.get_name() or ""))
    except GLib.Error:
        return False


offenders = {}
seen_controls = 0
# A name that still holds its mnemonic mark: "_Edit Edit" (GTK 4.8 reads
# a button's raw label and then its label widget).
MNEMONIC = re.compile(r"(^|\s)_\w")
# A name given twice, as a label and again by the row's title: "Come back
# Come back".
DOUBLED = re.compile(r"^(.+) \1$")


# In the main window, text fields too (a search field read as
# "GtkSearchEntry").
FIELD_ROLES = {Atspi.Role.ENTRY, Atspi.Role.SPIN_BUTTON, Atspi.Role.PASSWORD_TEXT}


def check_names(where, accessible, prune=None, roles=CONTROL_ROLES):
    global seen_controls
    before = len(offenders)
    count = [0]

    def visit(node, path):
        try:
            role = node.get_role()
            name = (node.get_name() or "").strip()
        except GLib.Error:
            return
        if role not in roles:
            return
        count[0] += 1
        if not name or CLASS_NAME.match(name):
            offenders.setdefault(" > ".join(path), where)
        elif DOUBLED.match(name):
            offenders.setdefault(" > ".join(path) + " (says its name twice)", where)
        elif MNEMONIC.search(name) and on_screen(node):
            # Nudge drops the mark when a button is shown (GTK 4.8 keeps
            # it): one in a page not shown yet does not count.
            offenders.setdefault(" > ".join(path) + " (reads the mnemonic mark)", where)

    start = time.monotonic()
    walk(accessible, visit, [], prune=prune)
    if os.environ.get("NUDGE_A11Y_DUMP"):
        # The whole tree as read, to find where a control comes from.
        with open(os.environ["NUDGE_A11Y_DUMP"], "a") as out:
            out.write("== %s\n" % where)
            walk(accessible, lambda node, path: out.write("  " * len(path) + path[-1] + "\n"), [], prune=prune)
    seen_controls += count[0]
    print("# %s: %d controls, %d without a human name (%.1f s)"
          % (where, count[0], len(offenders) - before, time.monotonic() - start), flush=True)
    return count[0]


def find(accessible, predicate, prune=None):
    found = []

    def visit(node, path):
        try:
            if predicate(node):
                found.append(node)
        except GLib.Error:
            pass

    walk(accessible, visit, [], prune=prune)
    return found


def main_window():
    return windows().get("Nudge")


TAB_TITLES = {"today": "Today", "pipeline": "Pipeline", "list": "List",
              "calendar": "Calendar", "insights": "Insights"}
tabs = []


def shown_view(view):
    """The view's widget once the view switcher shows its tab selected."""
    global tabs
    window = main_window()
    if window is None:
        return None
    if not tabs:
        tabs = find(window, lambda a: a.get_role() == Atspi.Role.PAGE_TAB, prune=is_view)
    try:
        selected = {t.get_name() for t in tabs if t.get_state_set().contains(Atspi.StateType.SELECTED)}
    except GLib.Error:
        tabs = []
        return None
    if TAB_TITLES[view] not in selected:
        return None
    widget = "Nudge%sView" % TAB_TITLES[view]
    views = find(window, lambda a: a.get_name() == widget, prune=is_view)
    return views[0] if views else None


def states(accessible):
    try:
        return {s.value_nick for s in accessible.get_state_set().get_states()}
    except GLib.Error:
        return set()


def takes_focus(accessible):
    """A control, or the button inside it (a GtkMenuButton's), is focusable."""
    if "focusable" in states(accessible):
        return True
    try:
        children = [accessible.get_child_at_index(i) for i in range(accessible.get_child_count())]
    except GLib.Error:
        return False
    return any(c is not None and c.get_role() in CONTROL_ROLES and "focusable" in states(c) for c in children)


def click(accessible):
    """Activates a button or menu item as a screen reader does."""
    try:
        return accessible.do_action(0)
    except GLib.Error:
        return False


def n_actions(accessible):
    try:
        return accessible.get_n_actions()
    except GLib.Error:
        return 0


def open_import_preview():
    """The List's menu → Import from CSV… → @csv_file typed into the file
    chooser → Import: the preview window, or None."""
    activate_action("list")
    widget = wait_for(lambda: shown_view("list"), 15)
    if not check(widget is not None, "the list view is shown for the import"):
        return None
    menus = find(widget, lambda a: a.get_role() in (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON)
                 and a.get_name() == "More Actions" and n_actions(a) > 0)
    if not check(len(menus) > 0 and click(menus[0]), "the List's menu opens"):
        return None
    items = wait_for(lambda: [a for a in find(nudgeatspi.nudge_app(BINARY), lambda a: a.get_role() == Atspi.Role.MENU_ITEM
                                               and a.get_name() == "Import from CSV…")], 10)
    if not check(bool(items) and click(items[0]), "its Import from CSV… is chosen"):
        return None
    chooser = wait_for(lambda: windows().get("Import from CSV"), 15)
    if not check(chooser is not None, "Import from CSV… opens the file chooser"):
        return None
    # Typed as a person types it: the chooser's location field opens on
    # the first character.
    settle(0.5)
    Atspi.generate_keyboard_event(0, csv_file, Atspi.KeySynthType.STRING)
    settle(0.5)
    accept = [a for a in find(chooser, lambda a: a.get_role() == Atspi.Role.PUSH_BUTTON and a.get_name() == "Import")]
    if not check(len(accept) == 1 and click(accept[0]), "the file chooser's Import is pressed"):
        return None
    return wait_for(lambda: windows().get("Import Deals"), 15)


def settle(seconds=1.5):
    """Lets the view fill from its workers and draw."""
    time.sleep(seconds)


# What the book holds, to compare the names with.
followups = subprocess.run([CLI, "followup", "list"], env=session_env, capture_output=True, text=True).stdout
overdue_titles = [line.split("\t")[3].split(" — ")[0].rstrip(" ↻") for line in followups.splitlines()
                  if line.count("\t") >= 3 and line.split("\t")[2] == "overdue"]
deals = subprocess.run([CLI, "deal", "list"], env=session_env, capture_output=True, text=True).stdout
deal_fields = [line.split("\t")[1:4] for line in deals.splitlines() if line.count("\t") >= 5]


try:
    start = time.monotonic()
    with open(app_log, "w") as log:
        app_process = subprocess.Popen([APP], env=session_env, stdout=log, stderr=subprocess.STDOUT)
    processes.append(app_process)
    check(bool(wait_for(lambda: main_window() is not None, 30)), "the main window maps")

    window = main_window()
    if window is not None:
        check_names("header bar", window, prune=is_view, roles=CONTROL_ROLES | FIELD_ROLES)

    for view in VIEWS:
        activate_action(view)
        widget = wait_for(lambda: shown_view(view), 15)
        if not check(widget is not None, "the %s view is shown" % view):
            continue
        settle()
        widget = shown_view(view) or widget
        check(check_names(view, widget, roles=CONTROL_ROLES | FIELD_ROLES) > 0,
              "the %s view has controls to read" % view)
        if view == "today":
            rows = [a.get_name() for a in find(widget, lambda a: a.get_role() == Atspi.Role.LIST_ITEM)]
            check(any(r.startswith(t + ", overdue since ") and r.count(t) == 1 for r in rows for t in overdue_titles),
                  "an overdue row in Today reads “<title>, overdue since <time>”: %s" % rows[:3])
            # The keyboard reaches every row action the mouse does.
            actions = find(widget, lambda a: a.get_role() == Atspi.Role.PUSH_BUTTON
                           and re.match(r"^(Mark .* as done|Snooze |Reschedule |More actions for )", a.get_name()))
            check(len(actions) >= 4 and all(takes_focus(a) for a in actions),
                  "Today's %d row actions take the keyboard focus" % len(actions))
            plans = [a.get_name() for a in find(widget, lambda a: a.get_role() == Atspi.Role.PUSH_BUTTON
                                                 and "lan" in a.get_name() and "ext step" in a.get_name())]
            check(len(plans) > 0 and all(p.startswith("Plan next step for ") for p in plans),
                  "a deal without a next step offers “Plan next step for <deal>”: %s" % plans[:2])
        if view == "pipeline":
            cards = [a.get_name() for a in find(widget, lambda a: a.get_role() == Atspi.Role.PANEL
                                                 and a.get_name().count(", ") >= 2)]
            check(any(c.startswith(", ".join(f) + ", ") for c in cards for f in deal_fields),
                  "a deal card reads “<title>, <company>, <stage>, …”: %s" % cards[:3])
            menus = find(widget, lambda a: a.get_role() == Atspi.Role.PUSH_BUTTON
                         and a.get_name().startswith("More actions for "))
            check(len(menus) > 0 and all(takes_focus(a) for a in menus),
                  "the cards' %d menu buttons take the keyboard focus" % len(menus))
            items = [a.get_name() for a in find(widget, lambda a: a.get_role() == Atspi.Role.LIST_ITEM)]
            check(len(items) > 0 and all(n in cards for n in items),
                  "the board's rows, which take the focus, read as their cards: %s" % items[:3])
            toggles = {a.get_name(): a for a in find(widget, lambda a: a.get_role() in
                                                      (Atspi.Role.TOGGLE_BUTTON, Atspi.Role.PUSH_BUTTON))}
            if check("Rotting" in toggles, "the Rotting filter is a named button"):
                check(not ({"pressed", "checked"} & states(toggles["Rotting"])),
                      "the Rotting filter reads as not pressed: %s" % sorted(states(toggles["Rotting"])))
        if view == "list":
            # The rows of the tables' lists, not their header rows.
            rows = [a.get_name() for a in find(widget, lambda a: a.get_role() == Atspi.Role.TABLE_ROW
                                                and a.get_parent().get_role() == Atspi.Role.LIST)]
            titles = {f[0] for f in deal_fields}
            check(len(rows) > 0 and all(r in titles for r in rows),
                  "the deals table's %d rows read as their deals' titles, e.g. %s; not: %s"
                  % (len(rows), rows[:2], [r for r in rows if r not in titles][:5]))
            segments = [a.get_name() or "" for a in find(widget, lambda a: a.get_role() == Atspi.Role.LIST_ITEM)]
            check(any(re.match(r"^Open \d", s) for s in segments),
                  "the segment sidebar's rows read as their segment and its count (\"Open 12\"): %s" % segments[:4])
            cells = [a.get_name() for a in find(widget, lambda a: a.get_role() == Atspi.Role.TABLE_CELL)]
            check(len(cells) > 0 and not any(CLASS_NAME.match(c) for c in cells),
                  "its %d cells read as their text, e.g. %s; not: %s"
                  % (len(cells), cells[:3], [c for c in cells if CLASS_NAME.match(c)][:5]))
        if view == "calendar":
            buttons = {a.get_name(): a for a in find(widget, lambda a: a.get_role() in
                                                      (Atspi.Role.TOGGLE_BUTTON, Atspi.Role.PUSH_BUTTON))}
            if check("Month" in buttons and "Week agenda" in buttons, "the calendar's mode buttons are named"):
                check(bool({"pressed", "checked"} & states(buttons["Month"])),
                      "Month reads as pressed: %s" % sorted(states(buttons["Month"])))
                check(not ({"pressed", "checked"} & states(buttons["Week agenda"])),
                      "Week agenda reads as not pressed: %s" % sorted(states(buttons["Week agenda"])))
            check("Previous Month" in buttons and "Next Month" in buttons,
                  "the calendar's arrows say where they go")

    # The import preview, once it has counted the file: its Import says
    # it leaves the wrong row out.
    preview = open_import_preview()
    if check(preview is not None, "the import preview opens on %s" % csv_file):
        counted = wait_for(lambda: [a for a in find(preview, lambda a: a.get_role() == Atspi.Role.PUSH_BUTTON
                                                     and a.get_name() == "Import and Skip 1 Row")], 20)
        check(bool(counted), "the preview counts the file: its Import reads “Import and Skip 1 Row”")
        check_names("the import preview", preview, roles=CONTROL_ROLES | FIELD_ROLES)
        combos = [a.get_name() for a in find(preview, lambda a: a.get_role() == Atspi.Role.COMBO_BOX)]
        check(combos == CSV_COLUMNS + ["Column 5"],
              "each column's drop-down reads as the file's column, once, or as its place: %s" % combos)
        # Its counts are said with what they count, not as a bare title.
        rows = [a.get_name() for a in find(preview, lambda a: a.get_role() == Atspi.Role.LIST_ITEM)]
        check({"New: 1", "Updated: 0", "Unchanged: 0", "Errors: 1"} <= set(rows),
              "the preview's counts read as “New: 1”, “Errors: 1”: %s" % rows[:6])
        buttons = {a.get_name() for a in find(preview, lambda a: a.get_role() == Atspi.Role.PUSH_BUTTON)}
        check({"Cancel", "Save Rows with Errors…"} <= buttons,
              "the preview's buttons read as their text: %s" % sorted(buttons))
        cancel = [a for a in find(preview, lambda a: a.get_role() == Atspi.Role.PUSH_BUTTON and a.get_name() == "Cancel")]
        check(bool(cancel) and click(cancel[0]) and bool(wait_for(lambda: "Import Deals" not in windows(), 10)),
              "Cancel closes the preview")

    # Dialogs and windows, one after another; each is read once it shows.
    dialogs = [
        ("open-followup", "[<int64 %d>]" % deal_followup, "a deal's record window"),
        ("new-followup", "[]", "the follow-up editor"),
        ("new-deal", "[]", "the new deal form"),
        ("new-contact", "[]", "the new contact form"),
        ("preferences", "[]", "the preferences"),
    ]
    read = {"Nudge"}
    for action, parameter, what in dialogs:
        activate_action(action, parameter)
        new = wait_for(lambda: [w for t, w in windows().items() if t not in read], 15)
        if not check(bool(new), "app.%s opens %s" % (action, what)):
            continue
        settle(1.0)
        for window in new:
            title = window.get_name()
            read.add(title)
            # The preferences' spin buttons too: named once, by their row.
            check_names("%s (%s)" % (what, title), window,
                        roles=CONTROL_ROLES | {Atspi.Role.SPIN_BUTTON} if action == "preferences" else CONTROL_ROLES)

    check(seen_controls > 100, "the walk read %d controls" % seen_controls)
    for path, where in sorted(offenders.items(), key=lambda kv: kv[1]):
        check(False, "unnamed in %s: %s" % (where, path))
    print("# %d controls without a name, %.0f s" % (len(offenders), time.monotonic() - start))
    check(app_process.poll() is None, "the app keeps running (exit status %s)" % app_process.returncode)
finally:
    nudgetest.stop(processes)
    for line in open(app_log, errors="replace") if os.path.exists(app_log) else []:
        if "CRITICAL" in line:
            check(False, "the app printed: " + line.strip())
    if nudgetest.failures:
        nudgetest.print_tail(app_log)
    shutil.rmtree(tmp, ignore_errors=True)

nudgetest.finish()
