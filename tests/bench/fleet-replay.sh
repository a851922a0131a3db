#!/usr/bin/env bash
# Benchmark: replay a fleet of N snapshots (the recorded ones in examples/snapshots, copied round robin, each the
# size 'collect' writes) with the compiled tool, as a user runs it. Prints wall time, CPU time, peak RSS, the
# JSON-parsing floor (every file read and parsed once, nothing evaluated) and hosts per second, each run 3 times.
# First ("collect") copies of a snapshot 'collect' writes on this host now, the issue's workload; then ("col-unq") the
# same with every output given a number of its own per host, so no two hosts share anything.
# Then the same fleet with a kernel log of its own on every host ("unique"): copies print identical outputs, which the
# replay shares (decoded once, evaluated once: SnapshotStrings, VerdictMemo); real hosts share only some. Then ("all unique") every other output too gets a number of its
# own on every host, so nothing extracted on one host is shared with another: the cost of hosts that share nothing.
# Targets (issue 14): 10,000 snapshots in at most 5 s and 200 MB on 2 cores; 1,000 and 10,000 within 50 MB.
# usage: tests/bench/fleet-replay.sh [N...]   (default: 1000 10000); RUNS=3 by default
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
counts=("${@:-1000 10000}")
[ $# -gt 0 ] || counts=(1000 10000)
runs="${RUNS:-3}"
"$root/netbufrules" --version >/dev/null   # builds the tool if needed (not timed)
dir="$(mktemp -d)"
# The floor: the same files read and parsed as JSON on every core, nothing evaluated (tests/bench/FleetFloor).
dotnet build "$root/tests/bench/FleetFloor" -c Release -o "$dir/floor" -nologo -v q >/dev/null || { echo "fleet-replay: tests/bench/FleetFloor does not build" >&2; exit 1; }
floor="$dir/floor/FleetFloor"
trap 'rm -rf "$dir"' EXIT
mapfile -t sources < <(ls "$root"/examples/snapshots/*.json)
measure() {   # $1 label, $2 n, $3 fleet folder
  local bytes wall user sys rss pwall
  bytes=$(du -sb "$3" | cut -f1)
  for ((r = 0; r < runs; r++)); do
    # Warm the page cache so the figures are about the tool, not the disk.
    cat "$3"/*.json > /dev/null
    /usr/bin/time -f '%e %U %S %M' -o "$dir/time" "$root/netbufrules" run "$root/playbooks" --from "$3" > "$dir/out" || true
    read -r wall user sys rss < <(tail -1 "$dir/time")   # the first line may say the exit status (1: a cause fired)
    read -r pwall _ < <("$floor" "$3")
    printf '%6d snapshots %-7s (%d MB): %5.2f s wall, %5.2f s CPU, %4d MB peak RSS, %6.0f hosts/s; reading and parsing the JSON alone: %5.2f s; load %s\n' \
      "$2" "$1" $((bytes / 1000000)) "$wall" "$(echo "$user + $sys" | bc -l)" $((rss / 1024)) "$(echo "$2 / $wall" | bc -l)" "$pwall" "$(cut -d' ' -f1 /proc/loadavg)"
  done
}
# The issue's own workload: snapshots of the size 'collect' writes today, i.e. this host collected now (its kernel log
# included), copied to every host of the fleet.
"$root/netbufrules" collect "$root/playbooks" --interval 1 -o "$dir/collected.json" >/dev/null 2>&1 || true
for n in "${counts[@]}"; do
  if [ -s "$dir/collected.json" ]; then
    rm -rf "$dir/fleet"; mkdir -p "$dir/fleet"
    for ((i = 0; i < n; i++)); do cp "$dir/collected.json" "$(printf '%s/fleet/host-%05d.json' "$dir" "$i")"; done
    measure collect "$n" "$dir/fleet"
    # The same real outputs with a number of their own on every host (counters, tables and kernel logs differ from host
    # to host in a real fleet; sysctls mostly do not): the cost of a real fleet, at worst.
    "$floor" vary-all "$dir/fleet"
    measure "col-unq" "$n" "$dir/fleet"
  fi
  rm -rf "$dir/fleet"; mkdir -p "$dir/fleet"
  for ((i = 0; i < n; i++)); do
    cp "${sources[$((i % ${#sources[@]}))]}" "$(printf '%s/fleet/host-%05d.json' "$dir" "$i")"
  done
  measure copies "$n" "$dir/fleet"
  "$floor" vary "$dir/fleet"
  measure unique "$n" "$dir/fleet"
  "$floor" vary-all "$dir/fleet"
  measure "all-unq" "$n" "$dir/fleet"
done
printf 'on %s cores\n' "$(nproc)"
