#!/usr/bin/env python3
# The Flatpak manifest cannot be built here (no GNOME runtime to download);
# this checks what can be checked: it is valid JSON, names the app id and
# command that meson builds, uses only the finish-args the app needs, and
# builds this tree with meson.
import json
import os
import sys

source = os.environ.get("NUDGE_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
manifest_path = os.path.join(source, "flatpak", "io.github.nudgecrm.Nudge.json")
with open(manifest_path, encoding="utf-8") as f:
    manifest = json.load(f)

meson_build = open(os.path.join(source, "meson.build"), encoding="utf-8").read()
problems = []
if "base_id = '%s'" % manifest["id"] not in meson_build:
    problems.append("app id %s is not meson's base_id" % manifest["id"])
# The default profile's program is `nudge` (the development one's is nudge-devel).
if manifest["command"] != "nudge" or "nudge_binary = 'nudge'\n" not in meson_build or \
   "executable(nudge_binary," not in open(os.path.join(source, "src", "meson.build")).read():
    problems.append("command is not the 'nudge' executable")
if manifest["runtime"] != "org.gnome.Platform" or manifest["sdk"] != "org.gnome.Sdk":
    problems.append("not the GNOME runtime")
for arg in manifest["finish-args"]:
    if arg.startswith("--filesystem=host") or arg == "--socket=session-bus":
        problems.append("too broad a permission: " + arg)
if "--talk-name=org.freedesktop.Notifications" not in manifest["finish-args"]:
    problems.append("libnotify needs org.freedesktop.Notifications")
last = manifest["modules"][-1]
if last.get("name") != "nudge" or last.get("buildsystem") != "meson":
    problems.append("the last module must build this tree with meson")
for module in manifest["modules"]:
    for src in module.get("sources", []):
        if src.get("type") in ("archive", "file") and "sha256" not in src:
            problems.append("%s: an archive without sha256" % module["name"])

if problems:
    for p in problems:
        print("not ok:", p)
    sys.exit(1)
print("ok: manifest", manifest["id"], "with", len(manifest["modules"]), "modules")
