#!/usr/bin/env bash
# Runs every Go fuzz target of the module for a bounded time each, for CI.
# Usage: scripts/fuzz.sh [TIME]   (TIME per target, as go test -fuzztime takes it; default 20s)
# A failure leaves the failing input in the package's testdata/fuzz/<FuzzName>/:
# fix the bug and commit the input, so that go test ./... replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${1:-20s}"

targets=0
for pkg in $(go list ./...); do
  list=$(go test -list '^Fuzz' "$pkg") # a package that does not build stops the script
  for name in $(printf '%s\n' "$list" | grep '^Fuzz' || true); do
    echo "== $pkg $name ($fuzztime)"
    go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime 10s
    targets=$((targets + 1))
  done
done
if [ "$targets" -eq 0 ]; then
  echo "no fuzz targets found" >&2
  exit 1
fi
echo "== $targets fuzz target(s), $fuzztime each: no failure"
