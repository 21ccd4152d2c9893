#!/usr/bin/python3
# test-potfiles.py — every source file with a string to translate is in
# po/POTFILES.in, so that its words reach the translations.
#
# Two files once missing from it showed the List's delete toast and the
# damaged-book error in English in a Czech desktop. xgettext reads only
# the files listed; nothing else would say that one is missing.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re

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
nudgetest.finish()
