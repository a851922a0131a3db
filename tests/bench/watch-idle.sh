#!/usr/bin/env bash
# Benchmark: the idle cost of `netbufrules watch` as a user runs it (the launcher's build, the built-in
# pack, one window per interval). Samples the process every 10 s and prints its CPU % (user+system time
# over wall time, of one core) and RSS (mean and peak). The issue asks for ten minutes at --interval 1.
# The first call builds the tool if needed (not measured). Run as root for the full probe set.
# usage: tests/bench/watch-idle.sh [seconds=600] [interval=1]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-600}"
interval="${2:-1}"
"$root/netbufrules" --version >/dev/null
ticks=$(getconf CLK_TCK)
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$root/netbufrules" watch --interval "$interval" --for "${seconds}s" >"$out" 2>&1 &
pid=$!
cpu() { awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null || echo 0; }
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0; }
# Start-up (JIT or native start, the first window) is not idle cost: measure from 10 s in.
sleep 10
start_cpu=$(cpu); start=$(date +%s.%N); samples=0; sum_rss=0; max_rss=0
while kill -0 "$pid" 2>/dev/null; do
  r=$(rss); c=$(cpu); now=$(date +%s.%N)
  if [ "$r" -gt 0 ]; then
    samples=$((samples + 1)); sum_rss=$((sum_rss + r)); [ "$r" -gt "$max_rss" ] && max_rss=$r
    last_cpu=$c; last=$now
  fi
  sleep 10
done
wait "$pid" || true
build=$(cat "$root/.build/bin/.built" 2>/dev/null || echo unknown)
awk -v c0="$start_cpu" -v c1="${last_cpu:-$start_cpu}" -v t0="$start" -v t1="${last:-$start}" -v hz="$ticks" \
    -v n="$samples" -v sum="$sum_rss" -v max="$max_rss" -v build="$build" -v iv="$interval" -v s="$seconds" -v cores="$(nproc)" 'BEGIN {
  wall = t1 - t0; cpu = (c1 - c0) / hz
  printf "watch --interval %s for %s s (%s build, %d cores): measured over %.0f s after start-up\n", iv, s, build, cores, wall
  printf "CPU: %.2f s of CPU time, %.2f%% of one core\n", cpu, (wall > 0 ? 100 * cpu / wall : 0)
  printf "RSS: mean %.1f MiB, peak %.1f MiB (%d samples)\n", (n > 0 ? sum / n / 1024 : 0), max / 1024, n
}'
grep -c " fired: " "$out" | xargs printf "transitions fired during the run: %s\n"
