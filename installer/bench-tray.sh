#!/usr/bin/env bash
# Tray budget benchmark (not part of mvn verify): starts `hogwatch --demo` as an ordinary user on
# a private Xvfb with trayer as the tray host, with the JVM options the packaged launcher uses, and
# prints: launch -> icon docked (budget 2 s), CPU of the tray-mode JVM averaged over a minute of
# 1 s updates (budget 1 % of one core), resident memory (budget 100 MB), and whether FlatLaf or
# XChart were loaded (they must not be in tray mode).
#
# Usage (as root, from the repository, after `mvn -B -q package -DskipTests`):
#   installer/bench-tray.sh [SECONDS]        default 60
# Environment: JAR (default target/hogwatch.jar), BENCH_USER (default hogtest),
#   HOGWATCH_JAVA_OPTS (default: the launcher options below).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_MEASURE=${1:-60}
JAR=${JAR:-target/hogwatch.jar}
USER_NAME=${BENCH_USER:-hogtest}
# The packaged launcher's JVM options (keep in sync with README "Performance"):
OPTS=${HOGWATCH_JAVA_OPTS:-"-Xms8m -Xmx64m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m -Xshare:auto"}

[ "$(id -u)" = 0 ] || { echo "bench-tray.sh: run as root (it creates $USER_NAME and an X server)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "bench-tray.sh: $JAR missing: mvn -B -q package -DskipTests" >&2; exit 1; }
id "$USER_NAME" >/dev/null 2>&1 || useradd -m -s /bin/sh "$USER_NAME"

work=$(mktemp -d /tmp/bench-tray.XXXXXX)
chmod 755 "$work"
cp "$JAR" "$work/hogwatch.jar"
chmod 644 "$work/hogwatch.jar"
mkdir -p "$work/rt" "$work/home"
chown "$USER_NAME:" "$work/rt" "$work/home"
chmod 700 "$work/rt"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

exec 3<> <(:)
Xvfb -displayfd 3 -screen 0 1024x600x24 -nolisten tcp -ac >"$work/xvfb.log" 2>&1 &
pids+=($!)
read -r -t 10 -u 3 num || { echo "Xvfb did not start" >&2; exit 1; }
D=":$num"
ENV=(env -i DISPLAY="$D" HOME="$work/home" USER="$USER_NAME" PATH=/usr/bin:/bin LANG=C.UTF-8
  XDG_RUNTIME_DIR="$work/rt" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
  ${BENCH_EXTRA_ENV:-})
runuser -u "$USER_NAME" -- "${ENV[@]}" trayer --edge top --align right --widthtype request \
  --height 24 --transparent false --SetDockType true >"$work/trayer.log" 2>&1 &
pids+=($!)
sleep 1

t0=$(date +%s%N)
# shellcheck disable=SC2086
runuser -u "$USER_NAME" -- "${ENV[@]}" /usr/bin/env java $OPTS \
  -Xlog:class+load=info:file="$work/home/classes.log" -jar "$work/hogwatch.jar" --demo \
  >"$work/app.log" 2>&1 &
runner=$!
pids+=($runner)
icon_ms=
for _ in $(seq 1 300); do
  if xwininfo -display "$D" -root -tree 2>/dev/null | grep -q '"Hogwatch"'; then
    icon_ms=$(( ($(date +%s%N) - t0) / 1000000 )); break
  fi
  sleep 0.02
done
[ -n "$icon_ms" ] || { echo "no tray icon within 6 s"; cat "$work/app.log"; exit 1; }
jvm=$(pgrep -u "$USER_NAME" -f "$work/hogwatch.jar" | head -1)
pids+=("$jvm")

ticks() { awk '{print $14 + $15}' "/proc/$jvm/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$jvm/status"; }
hz=$(getconf CLK_TCK)
sleep 10 # start-up done (class loading, first layouts) before measuring the steady state
c0=$(ticks); w0=$(date +%s%N); max_rss=0
for _ in $(seq 1 "$SECONDS_TO_MEASURE"); do
  sleep 1
  r=$(rss_kb); [ "$r" -gt "$max_rss" ] && max_rss=$r
done
c1=$(ticks); w1=$(date +%s%N)
if [ -n "${BENCH_MAPS:-}" ]; then # where the resident memory is: biggest mappings
  awk '/^[0-9a-f]+-[0-9a-f]+ / { name = $6 } /^Rss:/ { rss[name] += $2 } END { for (n in rss) print rss[n], n }' \
    "/proc/$jvm/smaps" | sort -rn | head -15
fi
cpu=$(awk -v c=$((c1 - c0)) -v hz="$hz" -v w=$((w1 - w0)) 'BEGIN { printf "%.2f", 100 * c / hz / (w / 1e9) }')
flatlaf=$(grep -c 'com.formdev.flatlaf' "$work/home/classes.log" || true)
xchart=$(grep -c 'org.knowm.xchart' "$work/home/classes.log" || true)
classes=$(grep -c 'source:' "$work/home/classes.log" || true)

echo "JVM options:        $OPTS"
echo "launch -> icon:     ${icon_ms} ms   (budget 2000 ms)"
echo "CPU over ${SECONDS_TO_MEASURE} s:      ${cpu} % of one core   (budget 1 %)"
echo "RSS max:            $((max_rss / 1024)) MB   (budget 100 MB; at the end: $(grep -E '^Rss(Anon|File)' /proc/$jvm/status | tr -s ' \n' ' '))"
echo "classes loaded:     $classes (FlatLaf: $flatlaf, XChart: $xchart; both must be 0)"
