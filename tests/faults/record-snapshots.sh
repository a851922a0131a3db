#!/usr/bin/env bash
# Induces each fault for real inside throwaway network namespaces and records a snapshot
# of every probe (netbufrules collect) into examples/snapshots/. Needs root.
# The recorded files are the fixtures of the playbook tests; re-run this to refresh them.
# memory-pressure counts kernel-log OOM lines of the last hour as a symptom, so on a scratch
# machine clear the ring buffer first (dmesg --clear) or every snapshot shows the previous OOM.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/examples/snapshots}"
tool="$root/netbufrules"
py=/usr/bin/python3
here="$root/tests/faults"
mkdir -p "$out"
"$tool" --help >/dev/null # build once
ns() { ip netns add "$1"; ip netns exec "$1" ip link set lo up; }
cleanup() {
  for n in nbr-rec nbr-rec2; do ip netns pids "$n" 2>/dev/null | xargs -r kill 2>/dev/null || true; ip netns del "$n" 2>/dev/null || true; done
  rmdir /sys/fs/cgroup/memory/nbr-rec 2>/dev/null || true
}
trap cleanup EXIT
collect() { local name=$1; shift; "$@" "$tool" collect "$root/playbooks" -o "$out/$name.json" --interval 1; }

# This machine, as root, and as an ordinary user.
collect host-root
setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp DOTNET_CLI_HOME=/tmp \
  "$tool" collect "$root/playbooks" -o /tmp/nbr-host-user.json --interval 1
mv /tmp/nbr-host-user.json "$out/host-user.json"

# A healthy namespace.
cleanup; ns nbr-rec
collect netns-healthy ip netns exec nbr-rec

# Accept-queue overflow: listen(2), never accept, 50 connects and one more every 50 ms.
cleanup; ns nbr-rec
ip netns exec nbr-rec $py "$here/listener.py" 9000 2 30 & sleep 0.5
ip netns exec nbr-rec $py "$here/connect_flood.py" 9000 50 30 --keep & sleep 1
collect netns-backlog ip netns exec nbr-rec

# UDP receive-buffer overflow: SO_RCVBUF 4096, never read, datagrams keep coming.
cleanup; ns nbr-rec
ip netns exec nbr-rec $py "$here/udp_overflow.py" 9999 30 & sleep 0.5
collect netns-udp-rcvbuf ip netns exec nbr-rec

# A process at its open-files limit.
cleanup; ns nbr-rec
ip netns exec nbr-rec prlimit --nofile=64:64 $py "$here/hold_fds.py" 30 & sleep 0.5
collect netns-fd-limit ip netns exec nbr-rec

# An fd-starved listener: 16 fds, listen(8), accepts until EMFILE while clients keep coming.
cleanup; ns nbr-rec
ip netns exec nbr-rec prlimit --nofile=16:16 $py "$here/listener.py" 9001 8 30 --accept & sleep 0.5
ip netns exec nbr-rec $py "$here/connect_flood.py" 9001 60 30 & sleep 1
collect netns-fd-starved ip netns exec nbr-rec

# Qdisc drops: a veth pair to a second namespace with a tiny tbf, flooded with UDP.
cleanup; ns nbr-rec; ns nbr-rec2
ip netns exec nbr-rec ip link add va type veth peer name vb netns nbr-rec2
ip netns exec nbr-rec ip addr add 10.213.0.1/24 dev va; ip netns exec nbr-rec2 ip addr add 10.213.0.2/24 dev vb
ip netns exec nbr-rec ip link set va up; ip netns exec nbr-rec2 ip link set vb up
ip netns exec nbr-rec tc qdisc add dev va root tbf rate 1mbit burst 1600 limit 3000
ip netns exec nbr-rec $py "$here/udp_flood.py" 10.213.0.2 30 & sleep 0.5
collect netns-qdisc ip netns exec nbr-rec

# Netlink drops: a route listener with a 4 KB buffer that never reads, while addresses come and go.
cleanup; ns nbr-rec
ip netns exec nbr-rec $py "$here/netlink_overflow.py" 30 & sleep 1
collect netns-netlink ip netns exec nbr-rec

# A memory-cgroup OOM (cgroup v1 memory controller here), then a snapshot of the host.
cleanup
if [ -d /sys/fs/cgroup/memory ]; then
  mkdir -p /sys/fs/cgroup/memory/nbr-rec
  echo $((64 * 1024 * 1024)) > /sys/fs/cgroup/memory/nbr-rec/memory.limit_in_bytes
  (echo $BASHPID > /sys/fs/cgroup/memory/nbr-rec/cgroup.procs; exec $py "$here/eat_memory.py") || true
  collect host-oom
fi
# The drop_reasons example (examples/playbooks/drop-reasons.yaml), in a folder of its own so the pack's fleet replay
# of this folder is unchanged: a UDP receive-buffer overflow as root, and the same probe as an ordinary user.
cleanup; ns nbr-rec
mkdir -p "$out/drop-reasons"
ip netns exec nbr-rec $py "$here/udp_overflow.py" 9999 30 & sleep 1
ip netns exec nbr-rec "$tool" collect "$root/examples/playbooks/drop-reasons.yaml" -o "$out/drop-reasons/netns-udp-rcvbuf.json" --interval 1
setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp DOTNET_CLI_HOME=/tmp \
  "$tool" collect "$root/examples/playbooks/drop-reasons.yaml" -o /tmp/nbr-drop-reasons-user.json --interval 1
mv /tmp/nbr-drop-reasons-user.json "$out/drop-reasons/host-user.json"
# The catalogue's faults (neighbour table, multicast limits, option memory), last: see that script.
cleanup
NETBUFRULES_TOOL="$tool" "$here/record-catalogue-snapshots.sh" "$out"
echo "recorded into $out"
# The output-path faults (xfrm policy, tc egress filter, datagram larger than SO_SNDBUF, unexplained drops).
NBR_TOOL="$tool" "$here/record-output-path-snapshots.sh" "$out"
