#!/usr/bin/env bash
# Debian's chromium for the browser tests (tests/test_browser.py): Playwright drives it by path
# and never downloads a browser of its own. Does nothing when /usr/bin/chromium is there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
/usr/bin/chromium --version
