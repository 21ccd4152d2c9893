#!/usr/bin/env python3
# The Flatpak manifests cannot be built here (no GNOME runtime to download);
# this checks what a Flathub reviewer checks by reading them:
#  - both are valid JSON on a supported GNOME runtime;
#  - the release manifest and the development one (-Dprofile=development)
#    name the app id and command that meson builds for that profile, and
#    the desktop file, metainfo, D-Bus service and icon follow that id;
#  - no finish-arg from the deny list (the notification server, which the
#    notification portal replaces; home or host files; the whole session
#    bus or wildcard bus names), and the one file-system permission is
#    explained in the metainfo;
#  - every fetched source is pinned by a commit or a checksum; only this
#    tree, the last module, is built from the local directory (the copy
#    submitted to Flathub names the release archive and its sha256 there,
#    which this check then holds to the same rule).
import json
import os
import re
import sys

source = os.environ.get("NUDGE_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
base_id = "io.github.nudgecrm.Nudge"
# GNOME 51 (September 2026) is the stable runtime and 50 the old stable
# one; older branches no longer get security updates.
OLDEST_SUPPORTED_RUNTIME = 50
# What the app needs: a display, GPU, and the folder of the subscribed
# calendar file. Notifications, the file chooser and the background
# permission go through portals and need nothing here.
ALLOWED_FINISH_ARGS = {
    "--share=ipc",
    "--socket=fallback-x11",
    "--socket=wayland",
    "--device=dri",
    "--filesystem=xdg-documents/Calendars:create",
}
DENIED_FINISH_ARGS = [
    (re.compile(r"^--talk-name=org\.freedesktop\.Notifications$"),
     "the notification server: libnotify and GNotification use the notification portal in the sandbox"),
    (re.compile(r"^--filesystem=(home|~|host|host-os|host-etc)(/.*)?(:(rw|ro|create))?$"),
     "the home folder or the host's files"),
    (re.compile(r"^--socket=(session-bus|system-bus)$"), "a whole message bus"),
    (re.compile(r"^--(talk|own|system-talk|system-own)-name=.*\*"), "a wildcard bus name"),
    (re.compile(r"^--device=all$"), "all devices"),
]

problems = []


def read(*parts):
    with open(os.path.join(source, *parts), encoding="utf-8") as f:
        return f.read()


def load(name):
    try:
        with open(os.path.join(source, "flatpak", name), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        problems.append("%s: not a readable JSON manifest: %s" % (name, e))
        return None


meson_build = read("meson.build")
src_meson = read("src", "meson.build")
desktop_in = read("data", "io.github.nudgecrm.Nudge.desktop.in.in")
metainfo_in = read("data", "io.github.nudgecrm.Nudge.metainfo.xml.in.in")
service_in = read("data", "io.github.nudgecrm.Nudge.service.in")
data_meson = read("data", "meson.build")

# What meson builds per profile (meson.build's profile switch).
if "base_id = '%s'" % base_id not in meson_build:
    problems.append("meson's base_id is not %s" % base_id)
profiles = {
    "default": (base_id, "nudge"),
    "development": (base_id + ".Devel", "nudge-devel"),
}
if "application_id = base_id + '.Devel'" not in meson_build or \
   "nudge_binary = 'nudge-devel'" not in meson_build or \
   "nudge_binary = 'nudge'\n" not in meson_build or \
   "executable(nudge_binary," not in src_meson:
    problems.append("meson.build no longer names the app id and program per profile as this check expects")

# The data files take the profile's id, never a fixed one.
if "<id>@app-id@</id>" not in metainfo_in or \
   "<launchable type=\"desktop-id\">@app-id@.desktop</launchable>" not in metainfo_in:
    problems.append("the metainfo's <id> and launchable do not follow the app id")
if not re.search(r"^Name=@app-id@$", service_in, re.M) or \
   not re.search(r"^Exec=.*--gapplication-service$", service_in, re.M):
    problems.append("the D-Bus service is not named after the app id or does not start the service")
# Notification actions and the jump list reach the app by D-Bus activation.
if not re.search(r"^DBusActivatable=true$", desktop_in, re.M) or \
   not re.search(r"^Icon=@icon@$", desktop_in, re.M):
    problems.append("the desktop file is not D-Bus activatable or its icon is not the app id")
for output in ("application_id + '.desktop'", "application_id + '.metainfo.xml'",
               "application_id + '.service'", "application_id + '.gschema.xml'"):
    if output not in data_meson:
        problems.append("data/meson.build does not install %s" % output)

# The permission to write the subscribed calendar file is said in the
# metainfo, where people read what they install.
if "Documents/Calendars" not in metainfo_in:
    problems.append("the metainfo does not say why Nudge writes to Documents/Calendars")

for name, profile in (("io.github.nudgecrm.Nudge.json", "default"),
                      ("io.github.nudgecrm.Nudge.Devel.json", "development")):
    manifest = load(name)
    if manifest is None:
        continue
    app_id, command = profiles[profile]
    if manifest.get("id") != app_id:
        problems.append("%s: id %s is not the %s profile's %s" % (name, manifest.get("id"), profile, app_id))
    if manifest.get("id") + ".json" != name:
        problems.append("%s: the file is not named after its id" % name)
    if manifest.get("command") != command:
        problems.append("%s: command is not the %s profile's %s" % (name, profile, command))
    if not os.path.exists(os.path.join(source, "data", "icons", "hicolor", "scalable", "apps", app_id + ".svg")):
        problems.append("%s: no icon %s.svg" % (name, app_id))
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        problems.append("%s: not the GNOME runtime" % name)
    version = str(manifest.get("runtime-version", ""))
    if not version.isdigit() or int(version) < OLDEST_SUPPORTED_RUNTIME:
        problems.append("%s: runtime-version %s is out of support (oldest supported: %d)"
                        % (name, version, OLDEST_SUPPORTED_RUNTIME))

    for arg in manifest.get("finish-args", []):
        for pattern, why in DENIED_FINISH_ARGS:
            if pattern.search(arg):
                problems.append("%s: denied finish-arg %s (%s)" % (name, arg, why))
        if arg not in ALLOWED_FINISH_ARGS:
            problems.append("%s: finish-arg %s is not one the app is known to need" % (name, arg))

    modules = manifest.get("modules", [])
    last = modules[-1] if modules else {}
    if last.get("name") != "nudge" or last.get("buildsystem") != "meson":
        problems.append("%s: the last module must build this tree with meson" % name)
    if "-Dprofile=%s" % profile not in last.get("config-opts", []):
        problems.append("%s: the nudge module is not built with -Dprofile=%s" % (name, profile))
    for module in modules:
        for src in module.get("sources", []):
            kind = src.get("type")
            where = "%s: module %s" % (name, module.get("name"))
            if kind in ("archive", "file") and "url" in src and not ("sha256" in src or "sha512" in src):
                problems.append("%s: an archive without sha256" % where)
            elif kind == "git" and not re.fullmatch(r"[0-9a-f]{40}", src.get("commit", "")):
                problems.append("%s: a git source not pinned by a full commit hash" % where)
            elif kind == "git" and "branch" in src:
                problems.append("%s: a git source that follows a branch" % where)
            elif kind == "dir" and module is not last:
                problems.append("%s: only this tree may be built from a local directory" % where)
            elif kind not in ("archive", "file", "git", "dir", "patch", "shell"):
                problems.append("%s: a %s source this check does not know to be pinned" % (where, kind))

# The two manifests differ only in the profile: the same runtime, the
# same libraries, the same permissions.
try:
    release = json.loads(read("flatpak", "io.github.nudgecrm.Nudge.json"))
    devel = json.loads(read("flatpak", "io.github.nudgecrm.Nudge.Devel.json"))
    for key in ("runtime-version", "finish-args", "cleanup"):
        if release.get(key) != devel.get(key):
            problems.append("the development manifest's %s differs from the release one" % key)
    if release.get("modules", [])[:-1] != devel.get("modules", [])[:-1]:
        problems.append("the development manifest builds other libraries than the release one")
except (OSError, ValueError):
    pass

if problems:
    for p in problems:
        print("not ok:", p)
    sys.exit(1)
print("ok: manifests %s and %s.Devel on GNOME %s" % (base_id, base_id, release["runtime-version"]))
