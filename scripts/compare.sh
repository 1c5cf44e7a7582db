#!/usr/bin/env bash
# Side-by-side benchmark of gapcheck against stock OPA (opa exec) and conftest, on
# the same policies, the same profiles and the same machine, interleaved; plus the
# parse floor (reading and YAML-parsing the files, nothing else) and validate.
#
# For each N it generates N synthetic profiles with 20 dated changes each
# (scripts/genprofiles) and their input documents, builds the policies as a stock
# OPA bundle (gapcheck bundle), and times REPS rounds of:
#   gapcheck     gapcheck --format json --fail-on never DIR        (YAML in, loads, validates, evaluates)
#   opa exec     opa exec --decision gapcheck/main/findings --bundle B INPUTS/*.json
#   conftest     conftest test -p WRAPPER -p B --data DATA INPUTS   (a wrapper rule over the same entrypoint)
#   validate     gapcheck validate DIR
#   parse floor  go run-built scripts/parsefloor DIR
# and first, for one profile in a new process each time (10 rounds, interleaved,
# of 10 processes each, so that the clock's 10 ms ticks do not round the figures):
#   gapcheck     gapcheck --format json --fail-on never PROFILE
#   opa eval     opa eval --bundle B --input INPUT data.gapcheck.main.findings
#                (the bundle holds no test files)
#   conftest     conftest test -p WRAPPER -p B --data DATA INPUT
# opa and conftest read the input documents gapcheck computes (the profile at its
# as_of), so they are spared the loading and the time model: their figures are a
# floor for what they would cost on the profiles themselves.
# It prints the machine, then per N and tool the median CPU (user+sys), wall and
# peak RSS, and the ratios. It installs opa v1.22.2 and conftest v0.71.1 with go
# install if they are missing, and needs GNU time (/usr/bin/time, Debian's "time").
# Usage: scripts/compare.sh [REPS] [N...]   (defaults: 3 rounds, N = 1000 10000;
# N = 0 runs only the one-profile rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-3}"
shift || true
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(1000 10000)

gobin="$(go env GOPATH)/bin"
opa="$gobin/opa"
conftest="$gobin/conftest"
"$opa" version 2>/dev/null | grep -q '^Version: 1.22.2$' || go install github.com/open-policy-agent/opa@v1.22.2
[ -x "$conftest" ] || go install github.com/open-policy-agent/conftest@v0.71.1
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  else
    echo "compare.sh needs GNU time at /usr/bin/time (Debian package time)" >&2
    exit 1
  fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
go build -o "$work/gapcheck" ./cmd/gapcheck
go build -o "$work/parsefloor" ./scripts/parsefloor
"$work/gapcheck" bundle -o "$work/bundle.tar.gz" >/dev/null
mkdir -p "$work/bundle" "$work/wrapper"
tar -xzf "$work/bundle.tar.gz" -C "$work/bundle" 2>/dev/null
cat >"$work/wrapper/wrapper.rego" <<'REGO'
package main

import data.gapcheck.main

warn contains msg if {
	some area, name
	f := main.findings[area][name]
	f.status != "met"
	msg := sprintf("%s.%s: %s", [area, name, f.status])
}
REGO

echo "== machine"
echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
echo "memory: $(free -h 2>/dev/null | awk '/^Mem:/ {print $2}')"
echo "go:     $(go version)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "opa:    $("$opa" version | head -1)"
echo "conftest: $("$conftest" --version | head -1) (v0.71.1)"

# measure NAME CMD...: one run; appends "cpu wall rss" (s, s, KB) to $work/NAME.
measure() {
  local name="$1"; shift
  /usr/bin/time -f "%U %S %e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || {
    case "$name" in
      conftest) ;; # conftest exits 1 on warnings with --fail-on-warn only; any other failure shows below
      *) echo "$name failed:" >&2; cat "$work/err" >&2; exit 1 ;;
    esac
  }
  awk '{printf "%.3f %.3f %d\n", $1 + $2, $3, $4}' "$work/t" >>"$work/m-$name"
}

# median FILE COLUMN
median() { sort -n -k"$2" "$1" | awk -v c="$2" '{a[NR] = $c} END {print a[int((NR + 1) / 2)]}'; }

rm -rf "$work/p" "$work/i" "$work"/m-*
go run ./scripts/genprofiles -n 1 -changes 20 -inputs "$work/i" "$work/p"
one_p="$(ls "$work/p"/*.yaml)"
one_i="$(ls "$work/i"/*.json)"
# ten CMD...: CMD run ten times over, one after the other.
ten() { for _ in 1 2 3 4 5 6 7 8 9 10; do "$@" >/dev/null || true; done; }
export -f ten
for _ in $(seq 10); do
  measure gapcheck bash -c 'ten "$@"' - "$work/gapcheck" --format json --fail-on never "$one_p"
  measure opa bash -c 'ten "$@"' - "$opa" eval --bundle "$work/bundle.tar.gz" --input "$one_i" data.gapcheck.main.findings
  measure conftest bash -c 'ten "$@"' - "$conftest" test --no-color -p "$work/wrapper" -p "$work/bundle/gapcheck" --data "$work/bundle/data.json" "$one_i"
done
echo
echo "== 1 profile, a new process each: per process, median of 10 interleaved rounds of 10"
printf "%-12s %10s %10s %12s\n" TOOL "CPU ms" "WALL ms" "PEAK RSS MB"
for t in gapcheck opa conftest; do
  printf "%-12s %10.1f %10.1f %12d\n" "$t" "$(median "$work/m-$t" 1)e2" "$(median "$work/m-$t" 2)e2" "$(( $(median "$work/m-$t" 3) / 1024 ))"
done
awk -v g="$(median "$work/m-gapcheck" 1)" -v o="$(median "$work/m-opa" 1)" -v c="$(median "$work/m-conftest" 1)" 'BEGIN {
  printf "CPU ratios: gapcheck/opa eval %.2f, gapcheck/conftest %.2f\n", g/o, g/c }'

for n in "${sizes[@]}"; do
  [ "$n" -gt 0 ] || continue
  rm -rf "$work/p" "$work/i" "$work"/m-*
  go run ./scripts/genprofiles -n "$n" -changes 20 -inputs "$work/i" "$work/p"
  for _ in $(seq "$reps"); do
    measure gapcheck "$work/gapcheck" --format json --fail-on never "$work/p"
    measure opa "$opa" exec --decision gapcheck/main/findings --bundle "$work/bundle.tar.gz" "$work/i"
    measure conftest "$conftest" test --no-color -p "$work/wrapper" -p "$work/bundle/gapcheck" --data "$work/bundle/data.json" "$work/i"
    measure validate "$work/gapcheck" validate "$work/p"
    measure floor "$work/parsefloor" "$work/p"
  done
  echo
  echo "== $n profiles, median of $reps interleaved rounds"
  printf "%-12s %10s %10s %12s\n" TOOL "CPU s" "WALL s" "PEAK RSS MB"
  for t in gapcheck opa conftest validate floor; do
    printf "%-12s %10s %10s %12d\n" "$t" "$(median "$work/m-$t" 1)" "$(median "$work/m-$t" 2)" "$(( $(median "$work/m-$t" 3) / 1024 ))"
  done
  g=$(median "$work/m-gapcheck" 1); o=$(median "$work/m-opa" 1); c=$(median "$work/m-conftest" 1)
  v=$(median "$work/m-validate" 1); f=$(median "$work/m-floor" 1)
  awk -v g="$g" -v o="$o" -v c="$c" -v v="$v" -v f="$f" 'BEGIN {
    printf "CPU ratios: gapcheck/opa exec %.2f, gapcheck/conftest %.2f, check/parse floor %.1f, validate/parse floor %.1f\n", g/o, g/c, g/f, v/f }'
done
