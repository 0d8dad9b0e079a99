#!/usr/bin/env bash
# Capture cost at a steady RATE of real traffic (not part of mvn verify). Two private network
# namespaces joined by a veth pair; iperf3 sends RATE from A to B for the whole run; in A, one
# after the other on the same traffic:
#   nethogs   the bare `nethogs -t -v 2 -d 1 VETH` (the peer: what any nethogs front end pays)
#   hogwatch  `hogwatch top --duration` on VETH: the JVM (trace parser, model, history) and the
#             nethogs it starts, each measured on its own
# Each is measured over SECONDS after a 10 s settle (% of one core, from /proc/PID/stat), with the
# load average, because these machines are shared: read the ratio to the bare nethogs.
#
# Usage (as root, from the repository, after `mvn -B -q package -DskipTests`):
#   .dev/bench-nethogs.sh [RATE] [SECONDS]     default 300M, 30 s
# Environment: JAR (default target/hogwatch.jar), JAVA (default: java on PATH),
#   HOGWATCH_JAVA_OPTS (default installer/common/jvm.options).
# Needs ip (iproute2), iperf3, nethogs. Removes its namespaces on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-300M}
SECONDS_TO_MEASURE=${2:-30}
JAR=$(readlink -f "${JAR:-target/hogwatch.jar}")
JAVA=${JAVA:-$(command -v java)}
OPTS=${HOGWATCH_JAVA_OPTS:-$(grep -v '^#' installer/common/jvm.options | grep -v '^$' | tr '\n' ' ')}
[ "$(id -u)" = 0 ] || { echo "bench-nethogs.sh: run as root (it creates network namespaces)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "bench-nethogs.sh: $JAR missing: mvn -B -q package -DskipTests" >&2; exit 1; }
for t in ip iperf3 nethogs; do
  command -v "$t" >/dev/null || { echo "bench-nethogs.sh: $t missing (.dev/setup-dev.sh installs it)" >&2; exit 1; }
done

tag=$$
a=hwbn${tag}a b=hwbn${tag}b va=hwbv${tag}a vb=hwbv${tag}b
x=$((200 + tag % 50)) y=$((tag / 50 % 250))
addr_a=10.$x.$y.1 addr_b=10.$x.$y.2
work=$(mktemp -d /tmp/bench-nethogs.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for ns in "$a" "$b"; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$a"
ip netns add "$b"
ip link add "$va" netns "$a" type veth peer name "$vb" netns "$b"
for side in "$a $va $addr_a" "$b $vb $addr_b"; do
  read -r ns dev addr <<<"$side"
  ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1
  ip -n "$ns" addr add "$addr/24" dev "$dev"
  ip -n "$ns" link set "$dev" up
  ip -n "$ns" link set lo up
done
ip netns exec "$b" iperf3 -s -B "$addr_b" >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do ip netns exec "$a" bash -c "exec 3<>/dev/tcp/$addr_b/5201" 2>/dev/null && break; sleep 0.1; done
total=$((SECONDS_TO_MEASURE * 2 + 60))
ip netns exec "$a" iperf3 -c "$addr_b" -b "$RATE" -t "$total" >"$work/client.log" 2>&1 &
pids+=($!)

hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pct() { awk -v c="$1" -v hz="$hz" -v s="$SECONDS_TO_MEASURE" 'BEGIN { printf "%.2f", 100 * c / hz / s }'; }
rx() { ip netns exec "$b" cat "/sys/class/net/$vb/statistics/rx_bytes"; }
# measure LABEL PID...: the CPU of each PID over SECONDS, and the rate the link carried meanwhile
measure() {
  local label=$1 p c0=() c1=() r0 r1 out=""
  shift
  for p in "$@"; do c0+=("$(ticks "$p")"); done
  r0=$(rx)
  sleep "$SECONDS_TO_MEASURE"
  r1=$(rx)
  local i=0
  for p in "$@"; do
    c1=$(ticks "$p")
    out="$out $(pct $((c1 - c0[i])))"
    i=$((i + 1))
  done
  echo "$label $(awk -v b=$((r1 - r0)) -v s="$SECONDS_TO_MEASURE" 'BEGIN { printf "%.0f", 8 * b / s / 1e6 }')$out"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (CPU figures move with the load: compare the rows)"
ip netns exec "$a" nethogs -t -v 2 -d 1 "$va" >"$work/nethogs.out" 2>&1 &
pids+=($!)
nh=$!
sleep 10
peer=$(measure nethogs "$nh")
kill "$nh"

mkdir -p "$work/data"
# shellcheck disable=SC2086
ip netns exec "$a" "$JAVA" $OPTS -jar "$JAR" top --json --duration "$((SECONDS_TO_MEASURE + 20))s" \
  --devices "$va" --data-dir "$work/data" >"$work/top.json" 2>"$work/top.err" &
pids+=($!)
jvm=$!
child=
for _ in $(seq 1 100); do
  child=$(pgrep -P "$jvm" -x nethogs || true)
  [ -n "$child" ] && break
  sleep 0.1
done
[ -n "$child" ] || { echo "bench-nethogs.sh: hogwatch started no nethogs:" >&2; cat "$work/top.err" >&2; exit 1; }
sleep 10
ours=$(measure hogwatch "$jvm" "$child")
printf '%-9s %11s %17s %19s\n' "" "link Mbit/s" "nethogs % core" "hogwatch JVM % core"
read -r l m n <<<"$peer"
printf '%-9s %11s %17s %19s\n' "$l" "$m" "$n" "-"
read -r l m j n <<<"$ours"
printf '%-9s %11s %17s %19s\n' "$l" "$m" "$n" "$j"
