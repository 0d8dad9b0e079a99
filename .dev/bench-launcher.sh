#!/usr/bin/env bash
# Benchmark of the packaged launcher in tray mode, as a user starts it at login: `hogwatch --demo`
# on a private Xvfb with trayer as the tray host, run by an ordinary user. Prints
#   startup  launch -> icon docked in the tray (ms; median of --runs launches) and the CPU time the
#            JVM used until then
#   rss      resident memory after start-up and its peak over the minute (VmRSS, MB; PSS too)
#   cpu      CPU time over --seconds (default 60) after a 10 s settle, as % of one core
# and checks them against the budget (icon within 2 s, RSS <= 100 MB, CPU <= 1 %). --every N also
# prints resident memory every N seconds of the measured interval.
#
#   .dev/bench-launcher.sh                                  (installed /usr/bin/hogwatch, else
#                                                                 target/jpackage/hogwatch/bin/hogwatch)
#   .dev/bench-launcher.sh --launcher target/jpackage/hogwatch/bin/hogwatch --runs 5
#   .dev/bench-launcher.sh --java-options "-Xmx64m -XX:+UseSerialGC" --seconds 20
#   .dev/bench-launcher.sh --runs 1 --seconds 3600 --every 600   (a long run: RSS every 10 min)
# --java-options runs a copy of the app image whose launcher has exactly these JVM options (an
# AppCDS archive is made for the copy when they name -XX:SharedArchiveFile=$APPDIR/hogwatch.jsa):
# that is how the options in installer/common/jvm.options were chosen. Needs Xvfb, trayer,
# x11-utils.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."

launcher=
runs=3
seconds=60
options=
have_options=0
every=0
while [ "$#" -gt 0 ]; do
  case "$1" in
    --launcher) launcher=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --java-options) options=$2; have_options=1; shift 2 ;;
    --every) every=$2; shift 2 ;;
    *) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
if [ -z "$launcher" ]; then
  if [ -x /usr/bin/hogwatch ]; then launcher=/usr/bin/hogwatch; else launcher=target/jpackage/hogwatch/bin/hogwatch; fi
fi
[ -x "$launcher" ] || { echo "bench-launcher.sh: no launcher at $launcher (installer/build.sh app-image)" >&2; exit 1; }
launcher=$(readlink -f "$launcher")

tmp=$(mktemp -d /tmp/hwbench.XXXXXX)
chmod 755 "$tmp"
user=
made_user=0
pid=
# shellcheck source=installer/xsession.sh
source installer/xsession.sh
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
  xsession_stop 2>/dev/null || true
  if [ "$made_user" = 1 ]; then xsession_remove_user "$user"; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if [ "$have_options" = 1 ]; then
  appdir=$(dirname "$(dirname "$launcher")")
  cp -a "$appdir" "$tmp/app"
  cfg=$tmp/app/lib/app/hogwatch.cfg
  awk -v opts="$options" '
    /^java-options=/ && !/jpackage\.app-version/ { next }
    { print }
    /^\[JavaOptions\]/ { n = split(opts, o, " "); for (i = 1; i <= n; i++) print "java-options=" o[i] }' \
    "$cfg" >"$cfg.new" && mv "$cfg.new" "$cfg"
  rm -f "$tmp/app/lib/app/hogwatch.jsa"
  case "$options" in *SharedArchiveFile*) "$tmp/app/lib/hogwatch-make-cds" ;; esac
  launcher=$tmp/app/bin/hogwatch
fi

if [ "$(id -u)" = 0 ]; then
  user=hwbench$$
  useradd -m "$user"
  made_user=1
  mkdir -p "$tmp/run"
  chown "$user" "$tmp/run"
else
  user=$(id -un)
  mkdir -p "$tmp/run"
fi
as_user() {
  if [ "$made_user" = 1 ]; then
    runuser -u "$user" -- env -i HOME="/home/$user" USER="$user" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"
  else
    env "$@"
  fi
}

echo "launcher: $launcher"
# without its class data sharing archive the launcher starts with twice the CPU and ~12 MB more
# RSS (a .deb build leaves the app image without one: the package's postinst makes it)
if [ ! -f "$(dirname "$(dirname "$launcher")")/lib/app/hogwatch.jsa" ]; then
  echo "  warning: no lib/app/hogwatch.jsa (AppCDS archive) beside this launcher: figures are without it"
fi
grep '^java-options=' "$(dirname "$(dirname "$launcher")")/lib/app/hogwatch.cfg" | sed 's/^java-options=/  /' | paste -sd' '
xsession_start "$([ "$made_user" = 1 ] && echo "$user")"

clk=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$clk" '{ print int(($14 + $15) * 1000 / t) }' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
pss_kb() { awk '/^Pss:/ { print $2 }' "/proc/$1/smaps_rollup"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

start_ms=()
start_cpu=()
for run in $(seq "$runs"); do
  rm -f "$tmp/run/pid"
  t0=$(now_ms)
  # its own session bus, as in a desktop session (and GTK does not autolaunch one that outlives it)
  as_user DISPLAY="$DISPLAY" dbus-run-session -- sh -c 'echo $$ >"$0"; exec "$1" --demo' \
    "$tmp/run/pid" "$launcher" >"$tmp/run/app.log" 2>&1 &
  job=$!
  icon=
  while [ -z "$icon" ] && [ $(($(now_ms) - t0)) -lt 20000 ]; do
    icon=$(xsession_tray_icons)
    [ -n "$icon" ] || sleep 0.01
  done
  t1=$(now_ms)
  pid=$(cat "$tmp/run/pid" 2>/dev/null || true)
  [ -n "$icon" ] && [ -n "$pid" ] || { cat "$tmp/run/app.log"; echo "bench-launcher.sh: no tray icon within 20 s" >&2; exit 1; }
  start_ms+=($((t1 - t0)))
  start_cpu+=("$(cpu_ms "$pid")")
  echo "run $run: icon $icon after $((t1 - t0)) ms (JVM CPU time so far ${start_cpu[-1]} ms)"
  if [ "$run" -lt "$runs" ]; then
    kill "$pid"
    wait "$job" 2>/dev/null || true
    for _ in $(seq 50); do [ -z "$(xsession_tray_icons)" ] && break; sleep 0.1; done
  fi
done

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
sleep 10
rss_start=$(rss_kb "$pid")
pss_start=$(pss_kb "$pid")
c0=$(cpu_ms "$pid")
peak=$rss_start
for t in $(seq "$seconds"); do
  sleep 1
  r=$(rss_kb "$pid")
  [ "$r" -gt "$peak" ] && peak=$r
  if [ "$every" -gt 0 ] && [ $((t % every)) = 0 ]; then
    echo "after $t s: rss $(awk -v k="$r" 'BEGIN { printf "%.1f", k / 1024 }') MB, CPU so far $(($(cpu_ms "$pid") - c0)) ms"
  fi
done
c1=$(cpu_ms "$pid")
rss_end=$(rss_kb "$pid")
pss_end=$(pss_kb "$pid")
kill -0 "$pid" 2>/dev/null || { cat "$tmp/run/app.log"; echo "bench-launcher.sh: hogwatch died" >&2; exit 1; }

startup=$(median "${start_ms[@]}")
cpu_pct=$(awk -v d=$((c1 - c0)) -v s="$seconds" 'BEGIN { printf "%.2f", d / 10 / s }')
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
echo
echo "startup  median $startup ms over $runs launches (all: ${start_ms[*]} ms; JVM CPU until icon: ${start_cpu[*]} ms)"
echo "rss      $(mb "$rss_start") MB after start-up, $(mb "$rss_end") MB after ${seconds} s, peak $(mb "$peak") MB (PSS $(mb "$pss_start") -> $(mb "$pss_end") MB)"
echo "cpu      $cpu_pct % of one core over ${seconds} s ($((c1 - c0)) ms CPU)"
verdict() { if awk "BEGIN { exit !($2) }"; then echo "  ok    $1"; else echo "  OVER  $1"; fi; }
echo "budget:"
verdict "icon within 2 s ($startup ms)" "$startup <= 2000"
verdict "resident memory <= 100 MB (peak $(mb "$peak") MB)" "$peak <= 102400"
verdict "CPU <= 1 % of one core ($cpu_pct %)" "$cpu_pct <= 1.0"
