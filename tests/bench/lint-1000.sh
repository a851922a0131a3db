#!/usr/bin/env bash
# Benchmark: lint 1,000 generated playbooks (the shipped pack copied under new ids) with the
# compiled tool, as a user runs it. Prints the wall time of each run and the median.
# Target (issue 4): under 2 s on a 2-core machine. The first call builds the tool if needed (not timed).
# usage: tests/bench/lint-1000.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-5}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
i=0
while [ $i -lt 1000 ]; do
  for f in "$root"/playbooks/*.yaml; do
    case "$f" in *.test.yaml) continue ;; esac
    [ $i -lt 1000 ] || break
    id="$(basename "$f" .yaml)"
    sed -e "s/^id: $id\$/id: $id-$i/" -e "s/^see_also: .*//" "$f" > "$dir/$id-$i.yaml"
    i=$((i + 1))
  done
done
"$root/netbufrules" lint "$dir" >/dev/null 2>&1 || { "$root/netbufrules" lint "$dir" | tail -3; exit 1; }
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$root/netbufrules" lint "$dir" > /dev/null
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc)")
done
printf 'lint of %d playbooks, %d runs (s): %s\n' "$(ls "$dir" | wc -l)" "$runs" "${times[*]}"
printf 'median: %s s on %s cores\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" "$(nproc)"
