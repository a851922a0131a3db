#!/usr/bin/env bash
# Puts THIS HOST over its UDP memory limit for a minute and shows that socket-buffers fires.
# Not part of the test suite: udp_mem is host-global (it does not exist in a network namespace).
# Run it as root on a spare machine only.
#
#   sudo tests/faults/udp-memory-pressure.sh [min_pages]
#
# The default udp_mem is gigabytes, so the script LOWERS udp_mem to "min 2*min 4*min" pages (default
# min 1024, 4 MiB) for the duration and restores the old value on exit, even on failure. Receivers
# with 64 MiB forced buffers never read while a sender keeps them full. Seen on kernel 6.18: the
# sockets drop datagrams (ss d) while UdpRcvbufErrors, UdpMemErrors and UdpInErrors stay still.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
min="${1:-1024}"
old="$(cat /proc/sys/net/ipv4/udp_mem)"
restore() { kill "${pid:-0}" 2>/dev/null || true; echo "$old" > /proc/sys/net/ipv4/udp_mem; echo "udp_mem restored: $(cat /proc/sys/net/ipv4/udp_mem)"; }
trap restore EXIT
"$root/netbufrules" --version >/dev/null   # build before the limit is lowered
echo "$min $((min * 2)) $((min * 4))" > /proc/sys/net/ipv4/udp_mem
/usr/bin/python3 "$root/tests/faults/udp_mem_fill.py" 9800 8 60 & pid=$!
sleep 3
grep '^UDP:' /proc/net/sockstat
echo "udp_mem: $(cat /proc/sys/net/ipv4/udp_mem)"
nstat -asz | grep -E '^Udp(RcvbufErrors|MemErrors|InErrors) ' || true
"$root/netbufrules" run "$root/playbooks" --interval 2 | sed -n '/socket-buffers:/,/^$/p'
