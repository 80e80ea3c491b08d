#!/usr/bin/env bash
# Installs what the test suite uses beyond a Rust toolchain, from Debian's packages:
# Chromium for the browser test of the HTML report (tests/report_browser.rs), and a CJK font so
# that its screenshot and PDF show Chinese text. Without them that test says so and passes.
# Run as root (CI is); `.ci/run` calls it when CI is set.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "ci-setup: chromium and a CJK font are installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y chromium fonts-wqy-zenhei
