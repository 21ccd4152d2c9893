#!/usr/bin/python3
# test-potfiles.py — every source file with a string to translate is in
# po/POTFILES.in, so that its words reach the translations.
#
# Two files once missing from it showed the List's delete toast and the
# damaged-book error in English in a Czech desktop. xgettext reads only
# the files listed; nothing else would say that one is missing.
#
# And every message of the template is translated, not fuzzy, in each
# language the project ships: a new string left out showed English in
# the middle of a Czech, Polish or Ukrainian window.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import tempfile

import nudgetest
from nudgetest import check_that as check

SOURCE = os.environ["NUDGE_SOURCE_DIR"]
MARKS = re.compile(r'\b(?:_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)\s*\(')
UI_MARK = 'translatable="yes"'

listed = set()
with open(os.path.join(SOURCE, "po", "POTFILES.in"), encoding="utf-8") as potfiles:
    for line in potfiles:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

wanted = set()
for top in ("src", "ui", "data"):
    for folder, _, names in os.walk(os.path.join(SOURCE, top)):
        for name in names:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, SOURCE)
            if name.endswith(".c"):
                text = open(path, encoding="utf-8").read()
                # A comment's "_(" is not a string to translate
                text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
                if MARKS.search(text):
                    wanted.add(relative)
            elif name.endswith(".ui") or name.endswith(".in"):
                if UI_MARK in open(path, encoding="utf-8").read() or name.endswith(".desktop.in.in"):
                    wanted.add(relative)

for path in sorted(wanted - listed):
    check(False, "%s has strings to translate and is listed in po/POTFILES.in" % path)
for path in sorted(listed):
    check(os.path.exists(os.path.join(SOURCE, path)), "po/POTFILES.in lists %s, which exists" % path)
check(len(wanted) > 50, "%d files with strings to translate were found" % len(wanted))

# The template as meson's glib preset makes it (po/meson.build)
KEYWORDS = ("_", "N_", "C_:1c,2", "NC_:1c,2", "g_dcgettext:2", "g_dngettext:2,3", "g_dpgettext2:2c,3")
with tempfile.TemporaryDirectory() as scratch:
    template = os.path.join(scratch, "nudge.pot")
    made = subprocess.run(["xgettext", "--package-name=nudge", "--from-code=UTF-8", "--directory=" + SOURCE,
                           "--files-from=" + os.path.join(SOURCE, "po", "POTFILES.in"), "--output=" + template]
                          + ["--keyword=" + k for k in KEYWORDS], capture_output=True, text=True)
    check(made.returncode == 0, "xgettext makes the template (%s)" % made.stderr.strip()[-300:])
    for language in open(os.path.join(SOURCE, "po", "LINGUAS"), encoding="utf-8").read().split():
        merged = os.path.join(scratch, language + ".po")
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "--output-file=" + merged,
                        os.path.join(SOURCE, "po", language + ".po"), template], check=True)
        for kind in ("--untranslated", "--only-fuzzy"):
            left = subprocess.run(["msgattrib", kind, "--no-obsolete", "--no-wrap", merged],
                                  capture_output=True, text=True, check=True).stdout
            ids = [m for m in re.findall(r'^msgid "(.+)"$', left, flags=re.M)]
            check(not ids, "po/%s.po has no %s message: %s" % (language, kind.strip("-").replace("only-", ""),
                                                             "; ".join(ids[:5])))
nudgetest.finish()
