#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through Playwright (browser
# downloads do not work here). Install it when it is missing.
set -euo pipefail
command -v chromium >/dev/null && exit 0
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "error: the browser tests need Chromium: run 'sudo apt-get install chromium'" >&2
  exit 1
fi
