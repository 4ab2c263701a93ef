#!/bin/sh
# Make sure a Debian package the tests need is present: ensure_debian_package.sh PACKAGE COMMAND WHY
# (COMMAND is a program the package provides; WHY says what needs it). Installs the package when we are
# root on a Debian-like system; otherwise explains what to do. On CI (CI=true) a missing one is an error.
set -eu
package=$1 program=$2 why=$3
if command -v "$program" >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing $package for $why (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  exit 0
fi
echo "$why needs $program (Debian package $package)." >&2
echo "On Debian or Ubuntu: sudo apt-get install $package" >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
echo "Without it, those tests are skipped (and code questions are not run without bubblewrap)." >&2
