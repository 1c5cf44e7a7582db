#!/usr/bin/env bash
# Prints the EU-wide evidence share of the shipped profiles (the share of the
# findings that apply and are due that rests on a sourced fact, not unknown), per
# date and per recommendation, with the default evidence ages. The dates are the
# targets of issue #12: March 2016 and the year ends of 2018, 2020 and 2023.
# Usage: scripts/evidence-share.sh [DATES]   (comma-separated, YYYY-MM-DD)
set -euo pipefail
cd "$(dirname "$0")/.."
dates="${1:-2016-03-01,2018-12-31,2020-12-31,2023-12-31}"
go run ./cmd/gapcheck timeline --format json --trend --dates "$dates" profiles/ | go run ./scripts/evidenceshare
