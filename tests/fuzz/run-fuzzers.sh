#!/usr/bin/env bash
# Builds the fuzz targets with clang (libFuzzer, ASan, UBSan) in _build-fuzz
# and runs each from its seed corpus.
#
# By default each runs a fixed number of inputs from a fixed seed (about
# 30 s apiece), so that the same tree finds the same thing on any machine:
# the gate CI runs. FUZZ_SECONDS=N runs each for N seconds from a random
# seed instead, to explore; add what it finds to tests/fuzz/corpus/<target>
# once fixed.
# A leak counts as a crash (LeakSanitizer).
# Exits 1 when a target crashed; the input is left in _build-fuzz.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v clang >/dev/null; then
  echo "clang is not installed: fuzzing skipped"
  exit 0
fi

if [ ! -d _build-fuzz ]; then
  CC=clang meson setup _build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C _build-fuzz tests/fuzz/fuzz-csv tests/fuzz/fuzz-rrule tests/fuzz/fuzz-money-date tests/fuzz/fuzz-search tests/fuzz/fuzz-vcard tests/fuzz/fuzz-eml >/dev/null

# Inputs per target for about 30 s on one core of a small machine.
declare -A runs=([csv]=60000 [rrule]=80000 [money-date]=1500000 [search]=150000 [vcard]=40000 [eml]=15000)

status=0
for t in csv rrule money-date search vcard eml; do
  # A fresh work corpus: what a run finds depends on the tree alone.
  work="_build-fuzz/tests/fuzz/corpus-$t"
  rm -rf "$work"
  mkdir -p "$work"
  if [ -n "${FUZZ_SECONDS:-}" ]; then
    echo "fuzz-$t: $FUZZ_SECONDS s"
    budget=(-max_total_time="$FUZZ_SECONDS")
  else
    echo "fuzz-$t: ${runs[$t]} inputs"
    budget=(-seed=1 -runs="${runs[$t]}")
  fi
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
    "_build-fuzz/tests/fuzz/fuzz-$t" "${budget[@]}" -timeout=10 \
      -artifact_prefix="_build-fuzz/tests/fuzz/crash-$t-" "$work" "tests/fuzz/corpus/$t" \
      >"_build-fuzz/tests/fuzz/fuzz-$t.log" 2>&1 || {
        echo "fuzz-$t crashed: see _build-fuzz/tests/fuzz/fuzz-$t.log"
        grep -v -E '^#[0-9]+' "_build-fuzz/tests/fuzz/fuzz-$t.log" | tail -n 40
        status=1
      }
done
exit $status
