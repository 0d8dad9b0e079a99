#!/usr/bin/env bash
# The AppCDS training run, called by installer/build.sh: starts what users start every login,
# `hogwatch --demo` in tray mode, on a private Xvfb with trayer as the tray host and its own
# session bus, lets it draw a few updates and ends it with SIGTERM. The app image's cfg carries
# -XX:DumpLoadedClassList=OUTDIR/hogwatch.classlist, so the JVM writes the list of every class the
# start-up loaded there. Without Xvfb/trayer it trains on `hogwatch top --demo` instead. Always ends
# within ~20 s.
#   installer/cds-training.sh target/jpackage/hogwatch OUTDIR
#
# It trains as an ordinary user, never as root: Dorkbox SystemTray switches to its Swing tray type
# when it runs as root, and a list recorded that way held ~1,800 classes (Swing's tray and menus)
# that a user's GTK tray never loads: the archive was 10 MB larger and so was resident memory.
# As root (CI, package builds) it copies the app image into OUTDIR and runs the copy as `nobody`
# with a throw-away HOME; the list names classes, not paths, so it serves the original.
set -uo pipefail
appdir=$(cd "$1" && pwd)
out=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
seconds=${CDS_TRAINING_SECONDS:-8}

run=()
user=$(id -un)
launcher=$appdir/bin/hogwatch
if [ "$(id -u)" = 0 ]; then
  user=nobody
  id "$user" >/dev/null 2>&1 || { echo "cds-training.sh: no user '$user' to train as" >&2; exit 1; }
  cp -a "$appdir" "$out/app"
  launcher=$out/app/bin/hogwatch
  mkdir -p "$out/home"
  chown -R "$user" "$out"
  run=(runuser -u "$user" -- env -i HOME="$out/home" USER="$user" PATH=/usr/bin:/bin LANG=C.UTF-8)
fi

status=0
if command -v Xvfb >/dev/null && command -v trayer >/dev/null; then
  # shellcheck source=installer/xsession.sh
  source "$here/xsession.sh"
  xsession_start "$([ "$user" != "$(id -un)" ] && echo "$user")" || exit 1
  bus=()
  command -v dbus-run-session >/dev/null && bus=(dbus-run-session --)
  "${run[@]}" DISPLAY="$DISPLAY" "${bus[@]}" sh -c 'echo $$ >"$0"; exec "$1" --demo' \
    "$out/pid" "$launcher" >"$out/training.log" 2>&1 &
  job=$!
  sleep "$seconds"
  pid=$(cat "$out/pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  else
    echo "cds-training.sh: hogwatch --demo ended early:" >&2
    tail -n 20 "$out/training.log" >&2
    status=1
  fi
  wait "$job" 2>/dev/null
  xsession_stop
else
  "${run[@]}" timeout 20 "$launcher" top --demo --duration 3s --json >/dev/null 2>&1
fi
# Dorkbox's per-user icon cache
[ "$user" != "$(id -un)" ] && rm -rf "/tmp/HogwatchCache_$user"
rm -rf "$out/app" "$out/home" "$out/pid"
exit "$status"
