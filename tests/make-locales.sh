#!/bin/sh
# The locales the format, currency and date tests run in, compiled from
# Debian's `locales` sources into the build tree (tests run with LOCPATH
# pointing there), so a fresh machine needs no locale-gen and no root.
# A locale that cannot be made here is left out: its tests say so.
# Usage: make-locales.sh OUTDIR STAMP LOCALE...
set -u
outdir=$1
stamp=$2
shift 2
mkdir -p "$outdir"
for l in "$@"; do
  [ -f "$outdir/$l.UTF-8/LC_CTYPE" ] && continue
  # localedef exits 1 for warnings (-c writes the locale anyway).
  localedef -c -i "$l" -f UTF-8 "$outdir/$l.UTF-8" >/dev/null 2>&1
  [ -f "$outdir/$l.UTF-8/LC_CTYPE" ] || echo "make-locales.sh: could not make $l.UTF-8 (is the locales package installed?)" >&2
done
touch "$stamp"
