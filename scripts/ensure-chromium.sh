#!/usr/bin/env bash
# Make Debian's Chromium available for the report's browser test (test/report-browser.test.ts):
# when /usr/bin/chromium (or $CHROMIUM_PATH) is absent, install the `chromium` package with apt-get
# (as root, or through passwordless sudo), bounded to 10 minutes. Never fails the caller: when it
# cannot install, it says so and the browser test skips itself with the same message.
# Run by .ci/run (CI's machine set-up, before npm test), by `npm run setup:browser` (a developer's
# one-time set-up) and by `npm run test:browser`; npm test itself installs nothing.
set -uo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
if [ "${GD_NO_CHROMIUM_INSTALL:-}" = 1 ]; then
  echo "chromium: $CHROMIUM is absent and GD_NO_CHROMIUM_INSTALL=1; the browser test will be skipped"
  exit 0
fi
log=${TMPDIR:-/tmp}/gd-theory-apt.log
echo "chromium: $CHROMIUM is absent; installing Debian's chromium with apt-get (log: $log)"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "chromium: not root and no passwordless sudo; the browser test will be skipped"
    exit 0
  fi
fi
if { timeout 600 $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 600 $SUDO apt-get install -y -qq --no-install-recommends chromium; } >"$log" 2>&1 \
   && [ -x "$CHROMIUM" ]; then
  echo "chromium: installed ($("$CHROMIUM" --version 2>/dev/null | head -1))"
else
  echo "chromium: could not be installed (see $log); the browser test will be skipped"
fi
exit 0
