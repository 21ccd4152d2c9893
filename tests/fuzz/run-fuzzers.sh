#!/usr/bin/env bash
# Builds the fuzz targets with clang (libFuzzer, ASan, UBSan) in _build-fuzz
# and runs each for ${FUZZ_SECONDS:-30} seconds from its seed corpus.
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

status=0
for t in csv rrule money-date search vcard eml; do
  work="_build-fuzz/tests/fuzz/corpus-$t"
  mkdir -p "$work"
  echo "fuzz-$t: ${FUZZ_SECONDS:-30} s"
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=0 \
    "_build-fuzz/tests/fuzz/fuzz-$t" -max_total_time="${FUZZ_SECONDS:-30}" -timeout=10 \
      -artifact_prefix="_build-fuzz/tests/fuzz/crash-$t-" "$work" "tests/fuzz/corpus/$t" \
      >"_build-fuzz/tests/fuzz/fuzz-$t.log" 2>&1 || { echo "fuzz-$t crashed: see _build-fuzz/tests/fuzz/fuzz-$t.log"; status=1; }
done
exit $status
