#!/usr/bin/env bash
# Tray soak (not part of mvn verify): runs the floor (one static Dorkbox icon, see bench-tray.sh)
# and `hogwatch --demo` SIDE BY SIDE for HOURS on one private Xvfb with trayer as the tray host,
# as an ordinary user, and samples both every INTERVAL seconds: resident and private memory (MB),
# CPU over the interval (% of a core), threads, and the icon files in /tmp/HogwatchCache_USER.
# Each sample is a line of OUT (CSV); at the end (and on Ctrl-C) it prints the growth rate of
# resident and private memory in MB per hour (least squares over the samples after the first
# 10 minutes, when the heap and the JIT have settled) for both, so a leak shows as Hogwatch
# growing faster than the floor measured beside it.
#
# Usage (as root, from the repository, after `mvn -B -q package -DskipTests`):
#   .dev/soak-tray.sh [HOURS] [INTERVAL] [OUT]     default 6 h, 60 s, soak.csv
# Environment: JAR (default target/hogwatch.jar), BENCH_USER (default hwsoak, a user of its own
#   that nothing else kills),
#   JAVA (default: java on PATH), HOGWATCH_JAVA_OPTS (JVM options for both).
# Needs Xvfb, trayer, x11-utils (xwininfo), a JDK (javac for the floor).
set -euo pipefail
cd "$(dirname "$0")/.."
HOURS=${1:-6}
INTERVAL=${2:-60}
OUT=$(readlink -f "${3:-soak.csv}")
JAR=${JAR:-target/hogwatch.jar}
USER_NAME=${BENCH_USER:-hwsoak}
JAVA=${JAVA:-$(command -v java)}
OPTS=${HOGWATCH_JAVA_OPTS:-$(grep -v '^#' installer/common/jvm.options | grep -v '^$' | tr '\n' ' ')}
report() {
  # least squares slope (MB per hour) of columns rss and private, per program, after 10 minutes
  awk -F, 'NR > 1 && $1 >= 600 {
      k = $2; n[k]++; x = $1 / 3600; sx[k] += x; sxx[k] += x * x
      sr[k] += $3; sxr[k] += x * $3; sp[k] += $4; sxp[k] += x * $4; h[k] = x }
    END {
      for (k in n) {
        d = n[k] * sxx[k] - sx[k] * sx[k]
        if (n[k] < 3 || d == 0) { printf "%-9s too few samples after 10 minutes\n", k; continue }
        printf "%-9s %d samples over %.2f h: resident %+.2f MB/h, private %+.2f MB/h\n", k, n[k], h[k],
          (n[k] * sxr[k] - sx[k] * sr[k]) / d, (n[k] * sxp[k] - sx[k] * sp[k]) / d
      }
    }' "$OUT"
}
rig_on_exit() { report; }
# shellcheck source=.dev/tray-rig.sh
source .dev/tray-rig.sh
tray_rig soak-tray.sh
# shellcheck disable=SC2086
runuser -u "$USER_NAME" -- "${ENV[@]}" "$JAVA" $OPTS -cp "$work/hogwatch.jar:$work/floor.jar" \
  dev.hogwatch.bench.TrayFloor >"$work/floor.log" 2>&1 &
pids+=($!)
# shellcheck disable=SC2086
runuser -u "$USER_NAME" -- "${ENV[@]}" "$JAVA" $OPTS -jar "$work/hogwatch.jar" --demo \
  >"$work/hog.log" 2>&1 &
pids+=($!)
sleep 5
floor=$(pgrep -u "$USER_NAME" -n -f "TrayFloor")
hog=$(pgrep -u "$USER_NAME" -n -f -- "-jar $work/hogwatch.jar")
[ -n "$floor" ] && [ -n "$hog" ] || { echo "soak-tray.sh: a program did not start:" >&2; tail -5 "$work"/*.log >&2; exit 1; }
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
echo "seconds,program,rss_mb,private_mb,cpu_pct,threads,icon_cache_files" >"$OUT"
echo "soak: floor pid $floor, hogwatch pid $hog, $HOURS h, a sample every $INTERVAL s into $OUT" >&2
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
declare -A c0
for p in floor hog; do c0[$p]=$(ticks "${!p}"); done
t0=$(date +%s)
end=$((t0 + $(awk -v h="$HOURS" 'BEGIN { printf "%d", h * 3600 }')))
while [ "$(date +%s)" -lt "$end" ]; do
  sleep "$INTERVAL"
  now=$(date +%s)
  for p in floor hog; do
    pid=${!p}
    [ -r "/proc/$pid/smaps_rollup" ] || { echo "soak: $p (pid $pid) is gone after $((now - t0)) s" >&2; tail -20 "$work/$p.log" >&2; exit 1; }
    if [ -n "${SOAK_JCMD:-}" ] && [ "$p" = hog ] && [ $(((now - t0) % 600)) -lt "$INTERVAL" ]; then
      # every 10 minutes, where Hogwatch's memory is (SOAK_JCMD=1; NMT needs
      # HOGWATCH_JAVA_OPTS with -XX:NativeMemoryTracking=summary)
      { echo "== $((now - t0)) s"; runuser -u "$USER_NAME" -- "$(dirname "$JAVAC")/jcmd" "$pid" GC.heap_info
        runuser -u "$USER_NAME" -- "$(dirname "$JAVAC")/jcmd" "$pid" VM.native_memory summary; } \
        >>"${OUT%.csv}.jcmd.txt" 2>&1 || true
    fi
    rss=$(awk '/^Rss:/ {printf "%.1f", $2 / 1024}' "/proc/$pid/smaps_rollup")
    priv=$(awk '/^Private_(Clean|Dirty):/ {s += $2} END {printf "%.1f", s / 1024}' "/proc/$pid/smaps_rollup")
    c=$(ticks "$pid")
    cpu=$(awk -v c=$((c - c0[$p])) -v hz="$hz" -v w="$INTERVAL" 'BEGIN { printf "%.3f", 100 * c / hz / w }')
    c0[$p]=$c
    thr=$(ls "/proc/$pid/task" | wc -l)
    # the icon pictures Dorkbox keeps on disk (pruned by Hogwatch every 10 minutes)
    files=$(find "/tmp/HogwatchCache_$USER_NAME" -name '*.cache' 2>/dev/null | wc -l)
    name=$([ "$p" = hog ] && echo hogwatch || echo floor)
    echo "$((now - t0)),$name,$rss,$priv,$cpu,$thr,$files" >>"$OUT"
  done
done
