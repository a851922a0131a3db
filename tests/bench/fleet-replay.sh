#!/usr/bin/env bash
# Benchmark: replay a fleet of N snapshots (the recorded ones in examples/snapshots, copied round robin, each the
# size 'collect' writes) with the compiled tool, as a user runs it. Prints wall time, peak RSS, the JSON-parsing
# floor (every file read and parsed once, nothing evaluated) and hosts per second.
# Targets (issue 14): 10,000 snapshots in at most 5 s and 200 MB on 2 cores; 1,000 and 10,000 within 50 MB.
# usage: tests/bench/fleet-replay.sh [N...]   (default: 1000 10000)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
counts=("${@:-1000 10000}")
[ $# -gt 0 ] || counts=(1000 10000)
"$root/netbufrules" --version >/dev/null   # builds the tool if needed (not timed)
dir="$(mktemp -d)"
# The floor: the same files read and parsed as JSON on every core, nothing evaluated (tests/bench/FleetFloor).
dotnet build "$root/tests/bench/FleetFloor" -c Release -o "$dir/floor" -nologo -v q >/dev/null
floor="$dir/floor/FleetFloor"
trap 'rm -rf "$dir"' EXIT
mapfile -t sources < <(ls "$root"/examples/snapshots/*.json)
for n in "${counts[@]}"; do
  rm -rf "$dir/fleet"; mkdir -p "$dir/fleet"
  for ((i = 0; i < n; i++)); do
    cp "${sources[$((i % ${#sources[@]}))]}" "$(printf '%s/fleet/host-%05d.json' "$dir" "$i")"
  done
  bytes=$(du -sb "$dir/fleet" | cut -f1)
  # Warm the page cache so the figures are about the tool, not the disk.
  cat "$dir"/fleet/*.json > /dev/null
  /usr/bin/time -f '%e %M' -o "$dir/time" "$root/netbufrules" run "$root/playbooks" --from "$dir/fleet" > "$dir/out" || true
  read -r wall rss < <(tail -1 "$dir/time")   # the first line may say the exit status (1: a cause fired)
  read -r pwall _ < <("$floor" "$dir/fleet")
  printf '%6d snapshots (%d MB): %5.2f s wall, %4d MB peak RSS, %6.0f hosts/s; reading and parsing the JSON alone: %5.2f s\n' \
    "$n" $((bytes / 1000000)) "$wall" $((rss / 1024)) "$(echo "$n / $wall" | bc -l)" "$pwall"
done
printf 'on %s cores\n' "$(nproc)"
