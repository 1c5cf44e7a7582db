#!/usr/bin/env bash
# Reproducible benchmark of gapcheck. Prints the machine, then:
#  1. Go benchmarks of the library (one profile, thousands of generated profiles,
#     profile loading, policy compilation), -count runs each, for benchstat;
#  2. the CLI end to end, built once, timed over 20 runs each on the shipped
#     profiles: one state, the EU-wide view, one state's timeline, the EU timeline
#     and a 20-year monthly trend, with the timelines' ratio to the single-date run.
# Usage: scripts/bench.sh [COUNT]   (COUNT Go benchmark repetitions, default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-5}"

echo "== machine"
echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
echo "memory: $(free -h 2>/dev/null | awk '/^Mem:/ {print $2}')"
echo "go:     $(go version)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

echo
echo "== Go benchmarks (go test ./checker -run '^\$' -bench . -benchmem -count $count)"
go test ./checker -run '^$' -bench . -benchmem -count "$count"

echo
echo "== CLI end to end"
bin="$(mktemp -d)/gapcheck"
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/gapcheck
runs=20
# mean_ms ARGS...: the mean wall time of gapcheck ARGS over $runs runs, in ms.
mean_ms() {
  local start end
  "$bin" "$@" >/dev/null || true # warm the page cache
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$bin" "$@" >/dev/null || true; done
  end=$(date +%s%N)
  echo $(( (end - start) / runs / 1000000 ))
}
single=0
while IFS= read -r args; do
  # shellcheck disable=SC2086 # the arguments are words
  ms=$(mean_ms $args)
  echo "gapcheck $args: $ms ms per run (mean of $runs)"
  [ "$args" = "--fail-on never profiles/" ] && single=$ms
  case "$args" in
    timeline*) [ "$single" -gt 0 ] && echo "  ratio to the single-date run of profiles/: $(awk "BEGIN {printf \"%.2f\", $ms / $single}")x" ;;
  esac
done <<'CASES'
--fail-on never profiles/belgium.yaml
--fail-on never profiles/
timeline profiles/denmark.yaml
timeline profiles/
timeline --trend --every 1m --from 2005-06-30 profiles/
CASES
