#!/usr/bin/env bash
# Induces the catalogue's per-socket and neighbour-table faults (neighbour-table, multicast-limits,
# socket-option-memory) inside throwaway network namespaces and records a snapshot of each into
# examples/snapshots/. Needs root. Called by record-snapshots.sh; runs on its own too:
#   tests/faults/record-catalogue-snapshots.sh [OUT_DIR]
# NETBUFRULES_TOOL overrides the tool (default: the launcher), e.g. "dotnet .build/bin/netbufrules.dll".
# The neighbour table is the host's: the fault program fills it for well under a second and flushes its
# entries before the snapshot is taken, so the snapshot holds the kernel's overflow line, not a full table.
# Run it when the kernel log has no neighbour overflow of the last 5 minutes, or every snapshot shows one.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/examples/snapshots}"
read -r -a tool <<< "${NETBUFRULES_TOOL:-$root/netbufrules}"
py=/usr/bin/python3
here="$root/tests/faults"
n=nbr-h5-rec
mkdir -p "$out"
cleanup() { ip netns pids "$n" 2>/dev/null | xargs -r kill 2>/dev/null || true; ip netns del "$n" 2>/dev/null || true; }
trap cleanup EXIT
# A namespace with a veth pair (mc0 10.214.0.1/24, peer mc1): multicast needs an interface that has it.
ns() {
  cleanup; ip netns add "$n"; ip netns exec "$n" ip link set lo up
  ip netns exec "$n" ip link add mc0 type veth peer name mc1
  ip netns exec "$n" ip addr add 10.214.0.1/16 dev mc0
  ip netns exec "$n" ip link set mc0 up; ip netns exec "$n" ip link set mc1 up
}
collect() { ip netns exec "$n" "${tool[@]}" collect "$root/playbooks" -o "$out/$1.json" --interval 1; }
# Starts a fault program in the namespace and waits for its "ready" line.
start() {
  local fifo; fifo=$(mktemp -u); mkfifo "$fifo"
  ip netns exec "$n" "$@" > "$fifo" & read -r line < "$fifo"; rm -f "$fifo"; echo "$line"
}

# A socket at igmp_max_memberships (20 joins, the 21st fails).
ns
start $py "$here/multicast_limits.py" groups mc0 10.214.0.1 30
collect netns-multicast-groups

# A socket at igmp_max_msf for one group (10 sources, the 11th fails).
ns
start $py "$here/multicast_limits.py" sources mc0 10.214.0.1 30
collect netns-multicast-sources

# MSG_ZEROCOPY notifications never read: option memory at optmem_max, the next send fails.
ns
start $py "$here/zerocopy_unread.py" 7001 30
collect netns-optmem-zerocopy

# Multicast joins that exhaust optmem_max (lowered to 4096 in the namespace, memberships allowed up to 1000).
ns
ip netns exec "$n" sysctl -qw net.core.optmem_max=4096 net.ipv4.igmp_max_memberships=1000
start $py "$here/multicast_limits.py" groups mc0 10.214.0.1 30
collect netns-optmem-joins

# Neighbour table overflow, last: its kernel-log line makes neighbour-table fire for the next minutes, on every
# namespace of the host (the table is the host's). gc_thresh3 fresh entries on mc0, one send more (ENOBUFS),
# entries flushed.
ns
start $py "$here/neighbour_overflow.py" mc0 10.214 30
collect netns-neighbour-overflow
echo "recorded catalogue faults into $out"
