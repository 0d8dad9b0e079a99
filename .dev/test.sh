#!/usr/bin/env bash
# Runs every test of Hogwatch on a Debian/Ubuntu machine, as root (sudo): installs the packages
# the tests need, starts a virtual display for the in-process Swing tests, runs `mvn verify`
# (unit tests, then the integration tests with the real nethogs in network namespaces, the real
# tray under Xvfb + trayer as an ordinary user, real SQLite files and headless Chromium), then
# builds the .deb, installs it, checks it as an ordinary user and purges it again.
# Tests that need their own X server and tray host start them on a free display themselves, so
# they control whether a tray host is present. Here no test may be skipped: one that misses
# something it needs fails the run, and so does a display that does not start.
#   --no-deb   skip the package check (faster while developing)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
  echo ".dev/test.sh creates network namespaces and test users: run it with sudo" >&2
  exit 1
fi
deb=1
[ "${1:-}" = "--no-deb" ] && deb=0

bash .dev/setup-dev.sh

# the in-process Swing tests' display: Xvfb picks a free number itself (-displayfd), so a display
# left over by someone else cannot make it fail; a display that does not start stops the run here
xvfb_log="$(mktemp /tmp/hogwatch-test-xvfb.XXXXXX)"
display_file="$(mktemp /tmp/hogwatch-test-display.XXXXXX)"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -ac 3>"$display_file" >"$xvfb_log" 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true; rm -f "$display_file" "$xvfb_log"' EXIT
for _ in $(seq 100); do [ -s "$display_file" ] && break; sleep 0.1; done
display=":$(head -n1 "$display_file" | tr -dc 0-9)"
if [ "$display" = ":" ] || ! xdpyinfo -display "$display" >/dev/null 2>&1; then
  echo ".dev/test.sh: the virtual display (Xvfb) did not start, so the window tests cannot" >&2
  echo "run. Its log ($xvfb_log):" >&2
  cat "$xvfb_log" >&2
  exit 1
fi
export DISPLAY="$display"

# strict: a test that would be skipped because something it needs is missing fails instead
# (src/test/java/dev/hogwatch/testing/HonestTests.java)
export HOGWATCH_TEST_STRICT=1
mvn -B -ntp verify

# and, in case a skip slipped past that: the reports must list no skipped test at all
skipped="$(grep -l '<skipped' target/surefire-reports/TEST-*.xml target/failsafe-reports/TEST-*.xml 2>/dev/null || true)"
if [ -n "$skipped" ]; then
  echo ".dev/test.sh: tests were skipped (every test must run here):" >&2
  grep -h -B1 '<skipped' $skipped | grep -o 'name="[^"]*" classname="[^"]*"' >&2 || true
  exit 1
fi
# tests write only in their own temporary folders: the HOME that surefire and failsafe give them
# (target/test-home) holds nothing afterwards but the caches of libraries the tests load (JNA's
# native library, the JDK's font list, GTK's dconf cache, Chromium's crash-report folder)
strays="$(find target/test-home -mindepth 1 \
  -not -path 'target/test-home/.cache' -not -path 'target/test-home/.cache/JNA*' \
  -not -path 'target/test-home/.java' -not -path 'target/test-home/.java/fonts*' \
  -not -path 'target/test-home/.cache/dconf*' -not -path 'target/test-home/.config' \
  -not -path 'target/test-home/.config/chromium*' \
  2>/dev/null || true)"
if [ -n "$strays" ]; then
  echo ".dev/test.sh: tests wrote outside their own folders (into HOME):" >&2
  echo "$strays" >&2
  exit 1
fi

if [ "$deb" = 1 ]; then
  # the packaged application: build the .deb, install it, check it as an ordinary user, purge it
  bash .dev/ci-check-deb.sh
fi
