#!/usr/bin/env bash
# Puts THIS HOST under TCP memory pressure for a minute and shows that tcp-memory fires.
# Not part of the test suite: tcp_mem is host-global (it does not exist in a network namespace),
# so the whole machine's TCP stack feels it. Run it as root on a spare machine only.
#
#   sudo tests/faults/tcp-memory-pressure.sh [connections]
#
# It lowers nothing and changes no setting; it only fills buffers: 200 loopback connections with
# 4 MiB buffers whose receivers never read. Expect "TCP uses N pages ..., above the pressure threshold".
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
count="${1:-200}"
/usr/bin/python3 "$root/tests/faults/tcp_mem_pressure.py" 9700 "$count" 60 & pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
sleep 8
grep '^TCP:' /proc/net/sockstat
echo "tcp_mem: $(cat /proc/sys/net/ipv4/tcp_mem)"
"$root/netbufrules" run "$root/playbooks" --interval 2 | sed -n '/tcp-memory:/,/^$/p'
