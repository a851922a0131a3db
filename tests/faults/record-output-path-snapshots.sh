#!/usr/bin/env bash
# Induces the output-path faults (issue 11) inside throwaway network namespaces and records a snapshot of every
# probe during each into examples/snapshots/ (record-snapshots.sh calls this; it also runs alone). Needs root.
# NBR_TOOL overrides the tool's command line (default: the launcher), e.g. "dotnet engine/.../netbufrules.dll".
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/examples/snapshots}"
read -r -a tool <<< "${NBR_TOOL:-$root/netbufrules}"
py=/usr/bin/python3
here="$root/tests/faults"
a=nbr-h6b-rec; b=nbr-h6b-rec2
mkdir -p "$out"
cleanup() {
  for n in $a $b; do ip netns pids "$n" 2>/dev/null | xargs -r kill 2>/dev/null || true; ip netns del "$n" 2>/dev/null || true; done
  return 0
}
trap cleanup EXIT
# Two namespaces joined by a veth pair: va (10.213.6.1) in $a, vb (10.213.6.2) in $b.
pair() {
  cleanup
  ip netns add $a; ip netns add $b
  ip -n $a link set lo up; ip -n $b link set lo up
  ip -n $a link add va type veth peer name vb netns $b
  ip -n $a addr add 10.213.6.1/24 dev va; ip -n $b addr add 10.213.6.2/24 dev vb
  ip -n $a link set va up; ip -n $b link set vb up
}
collect() { local name=$1; shift; ip netns exec $a "$@" "${tool[@]}" collect "$root/playbooks" -o "$out/$name.json" --interval 1; }
ready() { head -n1 | grep -q ready; }

# xfrm: an outbound policy with XFRM_MAX_DEPTH (6) templates; every datagram it matches fails with ENOBUFS.
pair
tmpl="tmpl src 10.213.6.1 dst 10.213.6.2 proto esp mode tunnel"
ip netns exec $a ip xfrm policy add src 10.213.6.1/32 dst 10.213.6.2/32 proto udp dport 4500 dir out $tmpl $tmpl $tmpl $tmpl $tmpl $tmpl
ip netns exec $a $py "$here/udp_send.py" 10.213.6.2 30 --port 4500 | ready & sleep 0.5
collect netns-xfrm-policy

# tc egress: clsact with a BPF filter that drops everything leaving va; the sender has no IP_RECVERR (silent drops).
pair
mac="$(ip -n $b link show vb | awk '/link\/ether/ {print $2}')"
ip netns exec $a $py "$here/tc_egress_drop.py" va --neigh 10.213.6.2 "$mac"
ip netns exec $a $py "$here/udp_send.py" 10.213.6.2 30 | ready & sleep 0.5
collect netns-tc-egress

# Output-path send failures that no playbook names: a shaped link (tbf, 1 Mbit/s, a queue long enough never to
# drop) keeps a non-blocking sender's send buffer full; its sends fail with EAGAIN and the kernel counts them as
# UdpSndbufErrors and IpOutDiscards, while no qdisc, filter, policy or neighbour drops anything.
pair
ip netns exec $a tc qdisc add dev va root tbf rate 1mbit burst 1600 limit 10000000
ip netns exec $a $py "$here/udp_send.py" 10.213.6.2 30 --nonblock | ready & sleep 0.5
collect netns-output-unexplained

# A UDP datagram of 30000 bytes on a socket whose application set SO_SNDBUF 4096.
pair
ip netns exec $a $py "$here/udp_send.py" 10.213.6.2 30 --size 30000 --sndbuf 4096 | ready & sleep 0.5
collect netns-udp-too-large
echo "recorded the output-path faults into $out"
