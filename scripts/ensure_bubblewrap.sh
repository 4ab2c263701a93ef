#!/bin/sh
# Make sure bubblewrap (bwrap) is present: the grader runs learner code only inside its sandbox.
# Installs it when we are root on a Debian-like system; otherwise explains what to do. On CI
# (CI=true) a missing bwrap is an error, because the hostile-submission tests need it.
set -eu
if command -v bwrap >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing bubblewrap for grading learner code safely (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null
  exit 0
fi
echo "Grading code questions safely needs bubblewrap (bwrap)." >&2
echo "On Debian or Ubuntu: sudo apt-get install bubblewrap" >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
echo "Without it, code questions are not run and the sandbox tests are skipped." >&2
