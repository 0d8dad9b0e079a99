#!/usr/bin/env bash
# The AppCDS training run, called by installer/build.sh with the app-image launcher whose cfg
# carries -XX:ArchiveClassesAtExit: starts what users start every login, `hogwatch --demo` in tray
# mode, on a private Xvfb with trayer as the tray host, lets it draw a few updates and ends it with
# SIGTERM (the JVM writes the archive on the way out). Without Xvfb/trayer it trains on
# `hogwatch top --demo` instead. Always ends within ~20 s.
#   installer/cds-training.sh target/jpackage/hogwatch/bin/hogwatch
set -uo pipefail
launcher=$1
here=$(dirname "$0")
seconds=${CDS_TRAINING_SECONDS:-8}

help=$("$launcher" --help 2>&1 || true)
args=(--demo)
# the tray refuses to run as root unless told (we build as root in CI)
if [ "$(id -u)" = 0 ] && grep -q -- '--allow-root' <<<"$help"; then args+=(--allow-root); fi

if command -v Xvfb >/dev/null && command -v trayer >/dev/null; then
  # shellcheck source=installer/xsession.sh
  source "$here/xsession.sh"
  xsession_start || exit 1
  trap xsession_stop EXIT
  "$launcher" "${args[@]}" >/dev/null 2>&1 &
  pid=$!
  sleep "$seconds"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
else
  timeout 20 "$launcher" top --demo --duration 3s --json >/dev/null 2>&1
fi
exit 0
