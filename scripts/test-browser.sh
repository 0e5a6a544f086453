#!/usr/bin/env bash
# npm run test:browser — the report page (a full quick-budget `gd-theory check`) in a real headless
# Chromium: Debian's package at /usr/bin/chromium, installed with apt-get when absent. If it cannot
# be installed, the test is skipped with a message (exit 0); `npm test` runs a smaller page the same
# way whenever Chromium is present, and skips at once when it is not.
set -uo pipefail
cd "$(dirname "$0")/.."
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  echo "test:browser: $CHROMIUM is absent; installing Debian's chromium with apt-get (log: /tmp/gd-theory-apt.log)"
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo -n"; fi
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium; } >/tmp/gd-theory-apt.log 2>&1 \
     || [ ! -x "$CHROMIUM" ]; then
    echo "test:browser SKIPPED: chromium could not be installed (see /tmp/gd-theory-apt.log)"
    exit 0
  fi
fi
out=report/browser
npx tsx src/cli.ts check --budget quick --out "$out/claims.json"
status=$?
# 1 = some claim is not as expected: the page is written all the same and is what we test.
if [ "$status" -gt 1 ]; then echo "test:browser: gd-theory check failed ($status)"; exit "$status"; fi
REPORT_JSON="$out/claims.json" REPORT_HTML="$out/index.html" CHROMIUM_PATH="$CHROMIUM" \
  npx vitest run test/report-browser.test.ts
