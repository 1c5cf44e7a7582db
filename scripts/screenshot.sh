#!/usr/bin/env bash
# Writes the README's screenshots of the HTML report of the shipped profiles: the
# page as `gapcheck --format html profiles/` writes it, rendered in headless
# Chromium (Debian's chromium, through internal/browsertest: nothing leaves the
# machine) in a 1280 x 900 window: docs/report.png (the top: the map) and
# docs/report-heatmap.png (the states by recommendations). Fails if the page logs
# an error or makes a request.
# Usage: scripts/screenshot.sh [DIR]   (default: docs)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-docs}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run ./cmd/gapcheck --format html --fail-on never profiles/ > "$tmp/report.html"
go run ./scripts/screenshot -width 1280 -height 900 "$tmp/report.html" "$dir/report.png"
go run ./scripts/screenshot -width 1280 -height 900 -at '#heatmap-section' "$tmp/report.html" "$dir/report-heatmap.png"
ls -l "$dir/report.png" "$dir/report-heatmap.png"
