#!/usr/bin/env bash
# Benchmark of `hogwatch replay` on a big trace, under the packaged launcher's JVM options
# (installer/common/jvm.options, -Xmx128m): replay streams the file, so memory must not grow with
# it. Generates a -v 2 trace of --mb megabytes (default 1024: 24 h of 10 processes is ~50 MB) in a
# temporary directory, replays it with the shaded jar and prints
#   size     the trace (MB, lines, blocks)
#   time     wall-clock seconds and MB/s over the two passes (detection, then replay)
#   rss      peak resident memory of the JVM (MB, from /usr/bin/time)
# and fails unless the replay exits 0 with the expected totals and no stack trace.
#
#   .dev/bench-replay.sh                 (needs the shaded target/hogwatch.jar: mvn -DskipTests package)
#   .dev/bench-replay.sh --mb 100
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
mb=1024
while [ "$#" -gt 0 ]; do
  case "$1" in
    --mb) mb=$2; shift 2 ;;
    *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
jar=target/hogwatch.jar
[ -f "$jar" ] || { echo "no target/hogwatch.jar (the shaded jar): run mvn -DskipTests package" >&2; exit 2; }
mapfile -t opts < <(grep -v -e '^#' -e '^[[:space:]]*$' installer/common/jvm.options)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trace=$tmp/trace.txt
# 10 processes, totals rising every block; awk writes it at disk speed
awk -v limit=$((mb * 1024 * 1024)) 'BEGIN {
  print "Adding local address: 10.0.0.1"; print "Ethernet link detected"; print "";
  n = 0; b = 0;
  while (n < limit) {
    s = "Refreshing:\n";
    for (p = 0; p < 10; p++)
      s = s sprintf("/usr/bin/program-%d --with arguments/%d/1000\t%d\t%d\n", p, 1000 + p, b * (p + 1), b * (p + 2));
    s = s "\n"; printf "%s", s; n += length(s); b++;
  }
  print b > "/dev/stderr";
}' > "$trace" 2> "$tmp/blocks"
blocks=$(cat "$tmp/blocks")
lines=$(wc -l < "$trace")
size=$(( $(stat -c %s "$trace") / 1024 / 1024 ))
start=$(date +%s.%N)
/usr/bin/time -f '%M' -o "$tmp/rss" java "${opts[@]}" -jar "$jar" replay "$trace" --json \
  > "$tmp/out.json" 2> "$tmp/err.txt" || { cat "$tmp/err.txt" >&2; exit 1; }
end=$(date +%s.%N)
if grep -q -e Exception -e '	at ' "$tmp/err.txt"; then cat "$tmp/err.txt" >&2; exit 1; fi
last=$((blocks - 1))
grep -q "\"sentBytes\":$((last * 10))," "$tmp/out.json" ||
  { echo "program-9 should have sent $((last * 10)) bytes:" >&2; head -c 600 "$tmp/out.json" >&2; exit 1; }
secs=$(echo "$end - $start" | bc -l)
printf 'size  %d MB, %d lines, %d blocks\n' "$size" "$lines" "$blocks"
printf 'time  %.1f s, %.0f MB/s (two passes)\n' "$secs" "$(echo "$size / $secs" | bc -l)"
printf 'rss   %d MB peak, under %s\n' $(( $(cat "$tmp/rss") / 1024 )) "$(printf '%s\n' "${opts[@]}" | grep Xmx)"
