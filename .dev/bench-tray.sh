#!/usr/bin/env bash
# Tray benchmark against a floor (not part of mvn verify). On one private Xvfb with trayer as the
# tray host, as an ordinary user, it runs one after the other
#   floor     a minimal Java program showing one static Dorkbox icon with one menu entry
#             (src/test/java/dev/hogwatch/bench/TrayFloor.java, compiled here against the jar)
#   hogwatch  `hogwatch --demo` (demo data changing every second)
# with the same java, the same JVM options (installer/common/jvm.options unless
# HOGWATCH_JAVA_OPTS is set) and GDK_GL=disable, and prints them side by side:
#   launch -> icon docked (ms; the same X window check for both), CPU of the JVM over SECONDS after
#   a 10 s settle (% of one core, menu closed), resident and private memory at the end (MB), and
#   the CPU of the tray host (trayer) and of the X server over the same interval (an XEmbed icon
#   is a window of its own: its pictures go to the X server, not through the tray host). Absolute figures move with the load
#   of the machine: read the ratio to the floor, measured in the same run.
#
# Usage (as root, from the repository, after `mvn -B -q package -DskipTests`):
#   .dev/bench-tray.sh [SECONDS] [ROUNDS]     default 60 s, 1 round (floor, hogwatch per round)
# Environment: JAR (default target/hogwatch.jar), BENCH_USER (default hogtest),
#   JAVA (default: java on PATH; e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java),
#   HOGWATCH_JAVA_OPTS (JVM options for both), BENCH_JFR=DIR (record Hogwatch with JDK Flight
#   Recorder into DIR/hogwatch.jfr: `jfr print --events jdk.ExecutionSample DIR/hogwatch.jfr`),
#   BENCH_ONLY=floor|hogwatch (run one of the two), BEFORE_JAR=JAR (also measure an earlier build,
#   row "before"), BENCH_AOT=1 (JDK 25+: each program first runs once for 20 s with
#   -XX:AOTCacheOutput, JEP 483/514/515, and is then measured with that ahead-of-time cache).
# Needs Xvfb, trayer, x11-utils (xwininfo), a JDK (javac for the floor).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_MEASURE=${1:-60}
ROUNDS=${2:-1}
JAR=${JAR:-target/hogwatch.jar}
USER_NAME=${BENCH_USER:-hogtest}
JAVA=${JAVA:-$(command -v java)}
OPTS=${HOGWATCH_JAVA_OPTS:-$(grep -v '^#' installer/common/jvm.options | grep -v '^$' | tr '\n' ' ')}
# shellcheck source=.dev/tray-rig.sh
source .dev/tray-rig.sh
tray_rig bench-tray.sh
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pct() { awk -v c="$1" -v hz="$hz" -v w="$2" 'BEGIN { printf "%.3f", 100 * c / hz / (w / 1e9) }'; }
# threads PID: "name(tid) ticks" for each thread of PID (the name with spaces made _)
threads() {
  for t in /proc/"$1"/task/*; do
    [ -r "$t/stat" ] || continue
    awk '{ o = index($0, "("); c = 0; for (i = length($0); i > 0; i--) if (substr($0, i, 1) == ")") { c = i; break }
      name = substr($0, o + 1, c - o - 1); gsub(/ /, "_", name); split(substr($0, c + 2), f, " ")
      print name "(" $1 ")", f[12] + f[13] }' "$t/stat" 2>/dev/null || true
  done
}
docked() { xwininfo -display "$D" -root -tree 2>/dev/null | grep -q '"Hogwatch"'; }

# train NAME JAVA-ARGS...: a 20 s run that writes the ahead-of-time cache $work/NAME.aot at exit
train() {
  local name=$1
  shift
  # shellcheck disable=SC2086
  runuser -u "$USER_NAME" -- "${ENV[@]}" "$JAVA" $OPTS -XX:AOTCacheOutput="$work/home/$name.aot" "$@" \
    >"$work/$name.train.log" 2>&1 &
  local runner=$! jvm
  pids+=($runner)
  sleep 20
  jvm=$(pgrep -u "$USER_NAME" -n -f "$work/(hogwatch.jar|floor)")
  kill -TERM "$jvm" 2>/dev/null || true
  wait "$runner" 2>/dev/null || true
  [ -s "$work/home/$name.aot" ] || { echo "$name: no AOT cache written" >&2; cat "$work/$name.train.log" >&2; exit 1; }
  echo "$name: AOT cache $(du -h "$work/home/$name.aot" | cut -f1)" >&2
}

# measure NAME JAVA-ARGS...: prints "NAME launch_ms cpu% rss_MB private_MB trayer_cpu% xserver_cpu%"
measure() {
  local name=$1
  shift
  if [ -n "${BENCH_AOT:-}" ]; then
    [ -s "$work/home/$name.aot" ] || train "$name" "$@"
    set -- -XX:AOTCache="$work/home/$name.aot" "$@"
  fi
  local t0 icon_ms= jvm c0 w0 h0 x0 c1 w1 h1 x1 rss priv
  for _ in $(seq 1 100); do docked || break; sleep 0.1; done # the previous icon is gone
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  runuser -u "$USER_NAME" -- "${ENV[@]}" "$JAVA" $OPTS "$@" >"$work/$name.log" 2>&1 &
  local runner=$!
  pids+=($runner)
  for _ in $(seq 1 1000); do
    if docked; then icon_ms=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
    sleep 0.02
  done
  [ -n "$icon_ms" ] || { echo "$name: no tray icon within 20 s" >&2; cat "$work/$name.log" >&2; exit 1; }
  jvm=$(pgrep -u "$USER_NAME" -n -f "$work/(hogwatch.jar|floor)")
  sleep 10 # start-up done (class loading, first layouts) before measuring the steady state
  threads "$jvm" >"$work/$name.threads0"
  c0=$(ticks "$jvm"); h0=$(ticks "$trayer"); x0=$(ticks "$xserver"); w0=$(date +%s%N)
  sleep "$SECONDS_TO_MEASURE"
  c1=$(ticks "$jvm"); h1=$(ticks "$trayer"); x1=$(ticks "$xserver"); w1=$(date +%s%N)
  threads "$jvm" >"$work/$name.threads1"
  # where the CPU went, by thread (GTK's loop, the Swing event thread, GC, the JIT, ...)
  awk -v hz="$hz" -v s="$SECONDS_TO_MEASURE" -v n="$name" 'NR == FNR { a[$1] = $2; next }
    { d = $2 - a[$1]; if (d > 0) printf "  %s thread %-22s %.3f %% of a core\n", n, $1, 100 * d / hz / s }' \
    "$work/$name.threads0" "$work/$name.threads1" | sort -k4 -rn | head -8 >&2
  rss=$(awk '/^Rss:/ {printf "%.1f", $2 / 1024}' "/proc/$jvm/smaps_rollup")
  priv=$(awk '/^Private_(Clean|Dirty):/ {s += $2} END {printf "%.1f", s / 1024}' "/proc/$jvm/smaps_rollup")
  kill "$jvm" 2>/dev/null || true
  wait "$runner" 2>/dev/null || true
  echo "$name $icon_ms $(pct $((c1 - c0)) $((w1 - w0))) $rss $priv $(pct $((h1 - h0)) $((w1 - w0))) $(pct $((x1 - x0)) $((w1 - w0)))"
}

jfr=()
if [ -n "${BENCH_JFR:-}" ]; then
  jfr=("-XX:StartFlightRecording=filename=$work/home/hogwatch.jfr,settings=profile,dumponexit=true")
fi
echo "java:         $JAVA ($("$JAVA" -version 2>&1 | head -1))"
echo "JVM options:  $OPTS"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (CPU figures are noisy under load: compare with the floor)"
results=()
for r in $(seq 1 "$ROUNDS"); do
  if [ "${BENCH_ONLY:-floor}" = floor ]; then
    results+=("$(measure floor -cp "$work/hogwatch.jar:$work/floor.jar" dev.hogwatch.bench.TrayFloor)")
  fi
  if [ "${BENCH_ONLY:-hogwatch}" = hogwatch ]; then
    results+=("$(measure hogwatch "${jfr[@]}" -Dhogwatch.tray.dump="$work/home/menu.txt" \
      -jar "$work/hogwatch.jar" --demo)")
    if [ -f "$work/home/menu.txt" ]; then # written with each menu update
      awk -F'\t' '/^(iconUpdates|iconRenders|ticks)\t/ { v[$1] = $2 }
        END { if (v["ticks"]) printf "hogwatch icon: %d pictures handed to the tray and %d drawn in %d one-second ticks\n",
          v["iconUpdates"], v["iconRenders"], v["ticks"] }' "$work/home/menu.txt" >&2
    fi
  fi
  if [ -n "${BEFORE_JAR:-}" ]; then # an earlier build, for a before/after in the same run
    cp "$BEFORE_JAR" "$work/floor/before.jar"
    chmod 644 "$work/floor/before.jar"
    results+=("$(measure before -jar "$work/floor/before.jar" --demo)")
  fi
  echo "round $r of $ROUNDS done" >&2
done
if [ -n "${BENCH_JFR:-}" ] && [ -f "$work/home/hogwatch.jfr" ]; then
  mkdir -p "$BENCH_JFR" && cp "$work/home/hogwatch.jfr" "$BENCH_JFR/"
  echo "JFR recording: $BENCH_JFR/hogwatch.jfr"
fi
printf '%-9s %10s %12s %9s %12s %13s %10s\n' "" "launch ms" "CPU % core" "RSS MB" "private MB" "trayer CPU %" "X CPU %"
for line in "${results[@]}"; do
  # shellcheck disable=SC2086
  printf '%-9s %10s %12s %9s %12s %13s %10s\n' $line
done
printf '%s\n' "${results[@]}" | awk '
  { n[$1]++; l[$1] += $2; c[$1] += $3; r[$1] += $4; p[$1] += $5; t[$1] += $6 }
  END {
    if (n["floor"] && n["hogwatch"]) {
      f = "floor"; h = "hogwatch"
      printf "hogwatch / floor (means): launch %.2fx, CPU %.1fx, RSS %.2fx, private %.2fx, trayer CPU %.1fx\n",
        (l[h]/n[h]) / (l[f]/n[f]), (c[f] > 0 ? (c[h]/n[h]) / (c[f]/n[f]) : 0),
        (r[h]/n[h]) / (r[f]/n[f]), (p[h]/n[h]) / (p[f]/n[f]),
        (t[f] > 0 ? (t[h]/n[h]) / (t[f]/n[f]) : 0)
    }
  }'
