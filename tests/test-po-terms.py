#!/usr/bin/python3
# test-po-terms.py — each view has one name per language: the header's
# view switcher, the shortcuts window and the messages that speak of it.
#
# The Czech view switcher said "Pipeline" while the shortcuts window
# called the same view "Obchodní případy" (deals), and so did the error
# when deleting a pipeline that still holds deals ("the deals still hold
# 3 deals"). A salesperson looking for the board by the name the
# shortcuts window gave it found no such tab.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re

import nudgetest
from nudgetest import check

SOURCE = os.environ["NUDGE_SOURCE_DIR"]
LANGUAGES = ("cs", "pl", "uk")
VIEWS = ("Today", "Pipeline", "List", "Calendar", "Insights")
# What every message about a view says, inflected: the stem of the name
# the view switcher gives it.
STEMS = {
    "Pipeline": {"cs": "pipelin", "pl": "lej", "uk": "ворон"},
    "Insights": {"cs": "přehled", "pl": "analiz", "uk": "аналіт"},
}


def read_po(path):
    """(msgctxt, msgid) → list of msgstr, the plural forms in order."""
    entries = {}
    fields = {}
    last = None

    def flush():
        if "msgid" in fields:
            forms = [fields[k] for k in sorted(k for k in fields if k.startswith("msgstr"))]
            entries[(fields.get("msgctxt"), fields["msgid"])] = forms

    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line:
            flush()
            fields, last = {}, None
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?)\s+"(.*)"$', line)
        if match:
            last = match.group(1)
            fields[last] = match.group(2)
        elif line.startswith('"') and last:
            fields[last] += line[1:-1]
    flush()
    return entries


for language in LANGUAGES:
    po = read_po(os.path.join(SOURCE, "po", language + ".po"))
    names = [po[(None, view)][0] for view in VIEWS]

    listed = po[("shortcut window", ", ".join(VIEWS))][0]
    check("%s: the shortcuts window lists the views as the switcher names them" % language,
          listed == ", ".join(names), "%s, not %s" % (", ".join(names), listed))
    for view in VIEWS:
        if ("shortcut window", view) in po:
            title = po[("shortcut window", view)][0]
            check("%s: the shortcuts window's group for %s has the switcher's name" % (language, view),
                  title == po[(None, view)][0], "%s, not %s" % (po[(None, view)][0], title))

    for view, stems in STEMS.items():
        stem = stems[language]
        # The command line's own words ("pipeline list") stay English
        others = ["“%s” → “%s”" % (msgid, form)
                  for (context, msgid), forms in po.items() if view.lower() in msgid.lower()
                  for form in forms if stem not in form.lower() and view.lower() not in form]
        check("%s: every message names the %s view as the switcher does (%s…)" % (language, view, stem),
              not others, "; ".join(others))

nudgetest.finish()
