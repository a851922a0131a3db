#!/usr/bin/env bash
# Benchmark: the cost of the drop_reasons probe on a host that drops packets fast. A sender floods 1-byte UDP
# datagrams as fast as it can into a receiver with a 4 KiB SO_RCVBUF that never reads, inside a throwaway
# namespace, for a bounded time. Measured three ways over the same window length:
#   1. the flood alone (no tool running),
#   2. the flood while the tool runs a counter-only playbook (the tool's baseline CPU),
#   3. the flood while the tool runs the drop-reasons example (tracepoint enabled, trace_pipe read and counted).
# Prints, per case, the packets the sender sent and the kernel dropped per second, and the tool's CPU time
# (user+sys, from /usr/bin/time); then the kernel's cost per dropped packet from the lost sender throughput.
# Needs root. usage: tests/bench/drop-reasons-cost.sh [window-seconds] [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
window="${1:-3}"
runs="${2:-3}"
tool="$root/netbufrules"
ns="nbr-h6a-bench-$$-$RANDOM"
dir="$(mktemp -d)"
cleanup() {
  ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] || { echo "needs root (tracefs and a network namespace)" >&2; exit 1; }
"$tool" --help >/dev/null # build once, not timed
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up

cat > "$dir/baseline.yaml" <<'YAML'
apiVersion: netbufrules/v1
id: baseline
title: Counters only
summary: the same window with one counter probe and no drop reasons
why: baseline for the drop_reasons cost
probes:
  udp:
    counter: true
    file: /proc/net/snmp
    extract: { snmp: Udp.RcvbufErrors }
when:
  - rate(udp) > 0
YAML

cat > "$dir/flood.py" <<'PY'
import socket, sys, time
seconds = float(sys.argv[1])
r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
r.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096); r.bind(("127.0.0.1", 9999))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
def drops():
    lines = [l.split() for l in open("/proc/net/snmp") if l.startswith("Udp:")]
    return int(lines[1][lines[0].index("RcvbufErrors")])
sent, d0, start = 0, drops(), time.monotonic()
end = start + seconds
while time.monotonic() < end:
    for _ in range(1000): s.sendto(b"x", ("127.0.0.1", 9999))
    sent += 1000
took = time.monotonic() - start
print(f"{sent / took:.0f} {(drops() - d0) / took:.0f}")
PY

# One measurement: the flood for the window (plus the tool's start-up, so the tool's whole window is covered).
measure() { # $1: none | playbook path
  local flood_for
  flood_for=$(echo "$window + 1.5" | bc)
  if [ "$1" = none ]; then
    ip netns exec "$ns" python3 "$dir/flood.py" "$window" > "$dir/flood.out"
    echo "$(cat "$dir/flood.out") -"
    return
  fi
  ip netns exec "$ns" python3 "$dir/flood.py" "$flood_for" > "$dir/flood.out" &
  local pid=$!
  sleep 0.5
  /usr/bin/time -f "%U %S" -o "$dir/time.out" "$tool" run "$1" --interval "$window" --format json > "$dir/report.json" || true
  wait "$pid"
  echo "$(cat "$dir/flood.out") $(awk '{printf "%.2f", $1 + $2}' "$dir/time.out")"
}

printf '%-14s %12s %12s %10s\n' case "sent/s" "dropped/s" "tool cpu s"
declare -A sent
for case in none baseline drop-reasons; do
  total=0
  for _ in $(seq "$runs"); do
    case "$case" in
      none) line=$(measure none) ;;
      baseline) line=$(measure "$dir/baseline.yaml") ;;
      drop-reasons) line=$(measure "$root/examples/playbooks/drop-reasons.yaml")
        grep -o '"note": "[^"]*host-wide[^"]*"' "$dir/report.json" | head -1 >&2 || true ;;
    esac
    read -r s d c <<< "$line"
    printf '%-14s %12s %12s %10s\n' "$case" "$s" "$d" "$c"
    total=$((total + s))
  done
  sent[$case]=$((total / runs))
done
echo "window ${window}s, ${runs} runs each, $(nproc) cores, kernel $(uname -r)"
printf 'mean sent/s: none %s, baseline %s, drop-reasons %s\n' "${sent[none]}" "${sent[baseline]}" "${sent[drop-reasons]}"
# The sender drops every packet itself (softirq in its own context), so the tracepoint's cost shows as lost throughput.
echo "kernel cost per dropped packet with the probe: $(echo "scale=2; 1000000 / ${sent[drop-reasons]} - 1000000 / ${sent[baseline]}" | bc) us"
