#!/usr/bin/env bash
# Renders the benchmark report in headless Chromium and checks that its charts really drew:
# the page's own script sets <body data-charts-drawn="N">, which must equal data-charts-expected
# (> 0), and every chart must contain an SVG path with data. Optionally writes a screenshot.
#
#   simulations/scripts/check-report.sh [report.html] [screenshot.png]
#   (default report: simulations/target/benchmark/report.html)
#   INSTALL_CHROMIUM=1 ... installs Debian's chromium first when it is missing (needs root).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
report="${1:-$here/../target/benchmark/report.html}"
screenshot="${2:-}"
chromium_bin="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"

if [[ -z "$chromium_bin" ]]; then
  if [[ "${INSTALL_CHROMIUM:-0}" == "1" ]]; then
    apt-get update -q && apt-get install -y -q chromium
    chromium_bin="$(command -v chromium)"
  else
    echo "check-report: chromium not found (set INSTALL_CHROMIUM=1 to apt-get install it)" >&2
    exit 2
  fi
fi
if [[ ! -f "$report" ]]; then
  echo "check-report: no report at $report (run a simulation first)" >&2
  exit 2
fi
report="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"

if grep -Eq 'https?://' "$report"; then
  echo "check-report: FAIL $report references the network (http:// or https://)" >&2
  exit 1
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --no-first-run --disable-dev-shm-usage --user-data-dir="$profile")

dom="$(timeout 60 "$chromium_bin" "${flags[@]}" --virtual-time-budget=5000 --dump-dom "file://$report" 2>/dev/null)"

expected="$(grep -o 'data-charts-expected="[0-9]*"' <<<"$dom" | head -1 | grep -o '[0-9]*' || true)"
drawn="$(grep -o 'data-charts-drawn="[0-9]*"' <<<"$dom" | head -1 | grep -o '[0-9]*' || true)"
paths="$(grep -o '<path class="series"[^>]* d="M[0-9][^"]*"' <<<"$dom" | wc -l)"
failed="$(grep -c 'class="chart chart-error"' <<<"$dom" || true)"

echo "check-report: expected=$expected drawn=$drawn series-paths=$paths failed=$failed ($report)"
if [[ -z "$expected" || "$expected" -lt 1 ]]; then
  echo "check-report: FAIL the report declares no charts" >&2
  exit 1
fi
if [[ "$drawn" != "$expected" || "$paths" -lt "$expected" || "$failed" != "0" ]]; then
  echo "check-report: FAIL charts did not all draw" >&2
  exit 1
fi

if [[ -n "$screenshot" ]]; then
  timeout 60 "$chromium_bin" "${flags[@]}" --virtual-time-budget=5000 --window-size=1400,2600 \
    --screenshot="$screenshot" "file://$report" >/dev/null 2>&1
  [[ -s "$screenshot" ]] || { echo "check-report: FAIL no screenshot written" >&2; exit 1; }
  echo "check-report: screenshot $screenshot"
fi
echo "check-report: OK"
