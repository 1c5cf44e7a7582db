#!/usr/bin/env bash
# Reproducible benchmark of gapcheck. Prints the machine, then:
#  1. Go benchmarks of the library (one profile, thousands of generated profiles,
#     profile loading, policy compilation), -count runs each, for benchstat;
#  2. the CLI end to end, built once, timed over repeated runs on the shipped
#     profiles (hyperfine when installed, else a bash loop).
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
for args in "profiles/belgium.yaml" "profiles/"; do
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 2 --runs "$runs" -i --style basic "$bin --fail-on never $args >/dev/null"
  else
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do "$bin" --fail-on never $args >/dev/null; done
    end=$(date +%s%N)
    echo "gapcheck $args: $(( (end - start) / runs / 1000000 )) ms per run (mean of $runs, bash loop)"
  fi
done
