#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser tests; installs it when running as root.
# Where it cannot, it says so loudly: the browser tests are then skipped, and pytest lists them.
set -u
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    echo "chromium installed."
    exit 0
  fi
fi
cat >&2 <<MSG
==========================================================================================
 WARNING: Chromium not found at $CHROMIUM and it could not be installed here.
 The browser tests (tests/browser, marker 'browser') will be SKIPPED.
 Install it with:  sudo apt-get install chromium   (or set CHROMIUM_PATH)
==========================================================================================
MSG
exit 0
