#!/usr/bin/env bash
# The end-to-end suite on a machine that is not pristine: runs it twice in a row in this checkout while a second copy
# (another checkout, given as $1) runs it at the same time, with a host process at its open-files limit and an OOM
# line in the kernel log. Needs root. Prints each run's result line; exits non-zero if any run failed.
# Softnet drops are host-global and cannot be induced; the nic-drops playbook tests replay recorded ones instead.
set -uo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
copy="${1:?usage: e2e-concurrent.sh OTHER_CHECKOUT}"
tag="nbr-e2e-concurrent-$$-$RANDOM"
filter="FullyQualifiedName~EndToEnd"
# A process of the host at its limit: 64 fds allowed, every one held.
prlimit --nofile=64:64 /usr/bin/python3 "$here/tests/faults/hold_fds.py" 1800 > "/tmp/$tag-fds.out" &
holder=$!
trap 'kill $holder 2>/dev/null; wait $holder 2>/dev/null' EXIT
sleep 1
echo "holder pid $holder: $(cat "/tmp/$tag-fds.out"), $(ls /proc/$holder/fd | wc -l) fds open"
# An old OOM line in the kernel log (it cannot be removed: it ages out of the playbook's hour like a real one).
# Kernel-shaped (a 15-character name and the kernel's " total-vm:" after it): the pack reads OOM lines only as the kernel prints them.
echo "<3>Out of memory: Killed process 1 (${tag:0:15}) total-vm:0kB, anon-rss:0kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:0kB oom_score_adj:0" > /dev/kmsg
dmesg | grep -c "Out of memory: Killed process" | sed 's/^/OOM lines in the kernel log: /'
# The second copy also runs twice, so it overlaps both runs here.
( cd "$copy" && for run in 1 2; do dotnet test NetBufRules.sln --no-build --filter "$filter" > "/tmp/$tag-copy$run.log" 2>&1; echo "copy exit $?" >> "/tmp/$tag-copy$run.log"; done ) &
second=$!
status=0
for run in 1 2; do
  ( cd "$here" && dotnet test NetBufRules.sln --no-build --filter "$filter" > "/tmp/$tag-run$run.log" 2>&1 ) || status=1
  echo "run $run: $(grep -E 'Passed!|Failed!' "/tmp/$tag-run$run.log")"
  grep -E '^\s+Failed ' "/tmp/$tag-run$run.log"
done
wait $second
for run in 1 2; do
  echo "second copy, run $run: $(grep -E 'Passed!|Failed!' "/tmp/$tag-copy$run.log") ($(tail -1 "/tmp/$tag-copy$run.log"))"
  grep -E '^\s+Failed ' "/tmp/$tag-copy$run.log"
  grep -q "copy exit 0" "/tmp/$tag-copy$run.log" || status=1
done
echo "logs: /tmp/$tag-*.log"
exit $status
