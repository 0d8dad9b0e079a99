#!/usr/bin/env bash
# Attribution of short-lived processes, candidate sources side by side, and their CPU at
# 300 Mbit/s of long flows. Runs the real nethogs under the shaded jar's `top --json` inside two
# network namespaces of its own (veth pair, 10.x addresses, removed on exit; traffic never leaves
# them). For each variant (JVM options selecting the sources) it prints, for the workload
#   40 processes, 0.2 s apart, each connecting, sending 512 KB and exiting (src/test/resources/workload)
# the shares of what the veth's own counters carried: to the right process (pid), to the right
# application (app id "burst.py (python3)"), unattributed, not seen by capture, processes seen;
# then, with --cpu, the CPU of nethogs and of the JVM (and the watcher's own thread) while two
# iperf3 streams carry 300 Mbit/s for 20 s. The load average is printed with every figure: the
# machine may be shared, so compare variants of the same run, not runs of different days.
#
#   .dev/bench-shortlived.sh                    (needs root, nethogs, python3, iperf3, target/hogwatch.jar)
#   .dev/bench-shortlived.sh --runs 3 --cpu
#   .dev/bench-shortlived.sh --variant 'fast=-Dhogwatch.sockets.young.micros=1000'
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
runs=1
cpu=0
variants=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --cpu) cpu=1; shift ;;
    --variant) variants+=("$2"); shift 2 ;;
    *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
if [ "${#variants[@]}" -eq 0 ]; then
  variants=(
    "nethogs-alone=-Dhogwatch.sockets.millis=0"
    "watcher-default="
  )
fi
jar=$PWD/target/hogwatch.jar
# the packaged launcher's JVM options, as a user runs it
base=$(grep -v -e '^#' -e '^[[:space:]]*$' installer/common/jvm.options | tr '\n' ' ')
[ -f "$jar" ] || { echo "no target/hogwatch.jar: run mvn -DskipTests package" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "needs root (network namespaces, nethogs)" >&2; exit 2; }
for t in nethogs python3 ip; do command -v "$t" >/dev/null || { echo "needs $t" >&2; exit 2; }; done
tag=$$
nsA=hwbA$tag
nsB=hwbB$tag
vA=hwb${tag}a
vB=hwb${tag}b
x=$(( (tag % 200) + 20 ))
addrA=10.$x.77.1
addrB=10.$x.77.2
tmp=$(mktemp -d)
cleanup() {
  for ns in "$nsA" "$nsB"; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
ip netns add "$nsA"
ip netns add "$nsB"
ip link add "$vA" netns "$nsA" type veth peer name "$vB" netns "$nsB"
for side in "$nsA $vA $addrA" "$nsB $vB $addrB"; do
  set -- $side
  ip -n "$1" addr add "$3/24" dev "$2"
  ip -n "$1" link set "$2" up
  ip -n "$1" link set lo up
done
cp src/test/resources/workload/*.py "$tmp/"
ip netns exec "$nsB" python3 "$tmp/sink.py" "$addrB" 7000 > "$tmp/sink.log" 2>&1 &
disown $!  # killed with the namespace at the end, without a shell notice
for _ in $(seq 100); do grep -q ready "$tmp/sink.log" && break; sleep 0.1; done
counter() { ip netns exec "$nsA" cat "/sys/class/net/$vA/statistics/$1"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
nethogs_of() { # the nethogs below a JVM (ip netns exec execs java: same pid)
  local j=$1 c p
  for _ in $(seq 200); do
    for c in $(pgrep -x nethogs 2>/dev/null); do
      p=$c
      while [ "$p" -gt 1 ]; do
        p=$(awk '{print $4}' "/proc/$p/stat" 2>/dev/null || echo 1)
        [ "$p" = "$j" ] && { echo "$c"; return; }
      done
    done
    sleep 0.1
  done
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
hz=$(getconf CLK_TCK)

shortlived() { # name opts
  local name=$1 opts=$2 d=$tmp/$1.$3
  mkdir -p "$d"
  # shellcheck disable=SC2086
  ip netns exec "$nsA" java $base $opts -Dhogwatch.sockets.debug=true -jar "$jar" top --json \
    --duration 26s --devices "$vA" --data-dir "$d/data" > "$d/top.json" 2> "$d/top.err" &
  local top=$!
  local nh
  nh=$(nethogs_of "$top")
  [ -n "$nh" ] || { echo "$name: nethogs did not start" >&2; cat "$d/top.err" >&2; exit 1; }
  sleep 2.5
  local tx0 rx0 pids=()
  tx0=$(counter tx_bytes)
  rx0=$(counter rx_bytes)
  for i in $(seq 40); do
    ip netns exec "$nsA" python3 "$tmp/burst.py" "$addrB" 7000 524288 &
    pids+=($!)
    sleep 0.2
  done
  wait "${pids[@]}"
  sleep 1
  local tx1 rx1
  tx1=$(counter tx_bytes)
  rx1=$(counter rx_bytes)
  wait "$top" || { echo "$name: top failed" >&2; cat "$d/top.err" >&2; exit 1; }
  python3 - "$d/top.json" "$((tx1 - tx0 + rx1 - rx0))" "$name" "$(load)" "$(grep -h 'socket watch:' "$d/top.err" || true)" "${pids[@]}" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
kernel, name, load, watch = int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
pids = {int(p) for p in sys.argv[6:]}
right = app = unattributed = other = 0
seen = set()
for p in doc["processes"]:
    b = p["sentBytes"] + p["receivedBytes"]
    if p["pid"] in pids:
        right += b
        seen.add(p["pid"])
        if p["app"]["id"] == "burst.py (python3)":
            app += b
    elif p["pid"] == 0:
        unattributed += b
    else:
        other += b
u = doc["unseen"]["sentBytes"] + doc["unseen"]["receivedBytes"]
pc = lambda v: 100.0 * v / kernel
print(f"{name:24s} right process {pc(right):5.1f} %  right app {pc(app):5.1f} %  other {pc(other):4.1f} %"
      f"  unattributed {pc(unattributed):5.1f} %  unseen {pc(u):4.1f} %  seen {len(seen):2d} of 40"
      f"  | load {load}" + (f"  | {watch}" if watch else ""))
EOF
}

longflows() { # name opts
  local name=$1 opts=$2 d=$tmp/$1.cpu
  command -v iperf3 >/dev/null || { echo "needs iperf3 for --cpu" >&2; exit 2; }
  mkdir -p "$d"
  ip netns exec "$nsB" iperf3 -s -B "$addrB" -p 5301 > "$d/iperf.log" 2>&1 &
  local server=$!
  sleep 0.5
  # shellcheck disable=SC2086
  ip netns exec "$nsA" java $base $opts -Dhogwatch.sockets.debug=true -jar "$jar" top --json \
    --duration 32s --devices "$vA" --data-dir "$d/data" > "$d/top.json" 2> "$d/top.err" &
  local top=$!
  local nh
  nh=$(nethogs_of "$top")
  sleep 4
  local jvm=$top
  local n0 j0 t0 l0
  n0=$(ticks "$nh"); j0=$(ticks "$jvm"); t0=$(date +%s.%N); l0=$(load)
  ip netns exec "$nsA" iperf3 -c "$addrB" -p 5301 -P 2 -b 150M -t 20 > "$d/client.log"
  local n1 j1 t1
  n1=$(ticks "$nh"); j1=$(ticks "$jvm"); t1=$(date +%s.%N)
  wait "$top" || true
  kill "$server" 2>/dev/null || true
  local mbit
  mbit=$(grep -E "sender$" "$d/client.log" | tail -1 | awk '{for(i=1;i<=NF;i++) if ($(i)=="Mbits/sec") print $(i-1)}')
  python3 - "$name" "$n0" "$n1" "$j0" "$j1" "$t0" "$t1" "$hz" "$mbit" "$l0" "$(load)" "$(grep -h 'socket watch:' "$d/top.err" || true)" <<'EOF'
import sys
name, n0, n1, j0, j1, t0, t1, hz, mbit, l0, l1, watch = sys.argv[1:]
secs = float(t1) - float(t0)
core = lambda a, b: 100.0 * (int(b) - int(a)) / int(hz) / secs
print(f"{name:24s} {mbit or '?'} Mbit/s for {secs:.0f} s: nethogs {core(n0, n1):4.1f} % of a core,"
      f" hogwatch JVM {core(j0, j1):4.1f} %  | load {l0} -> {l1}" + (f"  | {watch}" if watch else ""))
EOF
}

echo "short-lived workload: 40 x (connect, send 512 KB, exit), 0.2 s apart; shares of the veth's counters"
for r in $(seq "$runs"); do
  for v in "${variants[@]}"; do
    shortlived "${v%%=*}" "${v#*=}" "$r"
  done
done
if [ "$cpu" -eq 1 ]; then
  echo "long flows: 2 iperf3 streams, 300 Mbit/s, 20 s; CPU as a share of one core"
  for v in "${variants[@]}"; do
    longflows "${v%%=*}" "${v#*=}"
  done
fi
