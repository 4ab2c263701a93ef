#!/bin/sh
# The printable-pack tests turn PDF pages into images and text with poppler-utils (pdftoppm, pdftotext).
# Installs it when we are root on a Debian-like system; otherwise explains what to do. On CI it must exist.
set -eu
if command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing poppler-utils for the printable-pack tests (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  exit 0
fi
echo "The printable-pack tests need pdftoppm and pdftotext (Debian package poppler-utils)." >&2
echo "On Debian or Ubuntu: sudo apt-get install poppler-utils" >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
echo "Without them, those tests are skipped." >&2
