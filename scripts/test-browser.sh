#!/usr/bin/env bash
# npm run test:browser — the report page (a full quick-budget `gd-theory check`) in a real headless
# Chromium: Debian's package at /usr/bin/chromium, installed with apt-get when absent
# (scripts/ensure-chromium.sh, also `npm run setup:browser`). If it cannot be installed, the test is
# skipped with a message (exit 0). `npm test` installs nothing: it runs the same test on a smaller
# page when chromium is there, and skips it with one line naming it otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
bash scripts/ensure-chromium.sh
if [ ! -x "$CHROMIUM" ]; then
  echo "test:browser SKIPPED: chromium is not available (see above)"
  exit 0
fi
out=report/browser
npx tsx src/cli.ts check --budget quick --out "$out/claims.json"
status=$?
# 1 = some claim is not as expected: the page is written all the same and is what we test.
if [ "$status" -gt 1 ]; then echo "test:browser: gd-theory check failed ($status)"; exit "$status"; fi
REPORT_JSON="$out/claims.json" REPORT_HTML="$out/index.html" CHROMIUM_PATH="$CHROMIUM" \
  npx vitest run test/report-browser.test.ts
