#!/bin/sh
# Make sure Debian's chromium is present for the browser tests. Installs it when we are root on a
# Debian-like system; otherwise explains what to do. On CI (CI=true) a missing browser is an error.
set -eu
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing chromium for the browser tests (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need chromium at /usr/bin/chromium." >&2
echo "On Debian or Ubuntu: sudo apt-get install chromium" >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
echo "Without it, the browser tests are skipped." >&2
