#!/usr/bin/env bash
# Installs what the test suite uses beyond a Rust toolchain, from Debian's packages:
# - Chromium for the browser test of the HTML report (tests/report_browser.rs), and a CJK font so
#   that its screenshot and PDF show Chinese text. Without them that test says so and passes.
# - z3, the SMT solver behind `jidi diff --witness` and `jidi check --analyze` (tests/witness.rs,
#   tests/analyze.rs, tests/coverage.rs). On CI those tests fail without it.
# Run as root (CI is); `.ci/run` calls it when CI is set.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-zenhei)
command -v z3 >/dev/null || missing+=(z3)
if [ ${#missing[@]} -eq 0 ]; then
  echo "ci-setup: chromium, a CJK font and z3 are installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "${missing[@]}"
