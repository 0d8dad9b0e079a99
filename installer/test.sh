#!/usr/bin/env bash
# Runs every test of Hogwatch on a Debian/Ubuntu machine, as root (sudo): installs the packages
# the tests need, starts a virtual display for the in-process Swing tests, runs `mvn verify`
# (unit tests, then the integration tests with the real nethogs in network namespaces, the real
# tray under Xvfb + trayer as an ordinary user, real SQLite files and headless Chromium), then
# builds the .deb, installs it, checks it as an ordinary user and purges it again.
# Tests that need their own X server and tray host start them on a free display themselves, so
# they control whether a tray host is present.
#   --no-deb   skip the package check (faster while developing)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
  echo "installer/test.sh creates network namespaces and test users: run it with sudo" >&2
  exit 1
fi
deb=1
[ "${1:-}" = "--no-deb" ] && deb=0

bash installer/setup-dev.sh

Xvfb :97 -screen 0 1280x800x24 -nolisten tcp -ac >/tmp/hogwatch-test-xvfb.log 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do xdpyinfo -display :97 >/dev/null 2>&1 && break; sleep 0.1; done
export DISPLAY=:97

mvn -B -ntp verify

if [ "$deb" = 1 ]; then
  # the packaged application: build the .deb, install it, check it as an ordinary user, purge it
  bash installer/ci-check-deb.sh
fi
