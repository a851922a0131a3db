#!/usr/bin/env bash
# Benchmark: the cost of the drop_reasons probe on a host that drops ~100k packets/s. A sender (C, built here with
# gcc) floods 1-byte UDP datagrams into a receiver with a 4 KiB SO_RCVBUF that never reads, inside a throwaway
# namespace, for a bounded time; on loopback every drop happens in the sender's own system call, so the kernel's
# tracing cost lands in the sender's CPU time. Three cases, each over the same window:
#   none          the flood alone (no tool running),
#   baseline      the flood while the tool runs a counter-only playbook (the tool's own start-up and sampling),
#   drop-reasons  the flood while the tool runs examples/playbooks/drop-reasons.yaml (skb:kfree_skb enabled,
#                 trace_pipe read and counted).
# Two modes: "paced" sends 100k packets/s and shows the extra CPU per dropped packet (sender's kernel time and
# the tool's); "flat-out" sends as fast as one core can and shows the throughput lost with the probe on.
# Needs root and gcc. usage: tests/bench/drop-reasons-cost.sh [window-seconds] [runs] [paced-rate]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
window="${1:-3}"
runs="${2:-3}"
pace="${3:-100000}"
tool="$root/netbufrules"
ns="nbr-h6a-bench-$$-$RANDOM"
dir="$(mktemp -d)"
cleanup() {
  ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] || { echo "needs root (tracefs and a network namespace)" >&2; exit 1; }
"$tool" --help >/dev/null # build once, not timed
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up

cat > "$dir/baseline.yaml" <<'YAML'
apiVersion: netbufrules/v1
id: baseline
title: Counters only
summary: the same window with one counter probe and no drop reasons
why: baseline for the drop_reasons cost
probes:
  udp:
    counter: true
    file: /proc/net/snmp
    extract: { snmp: Udp.RcvbufErrors }
when:
  - rate(udp) > 0
YAML

# flood SECONDS RATE (0 = flat out): prints sent/s, dropped/s (this namespace's RcvbufErrors) and the sender's
# CPU microseconds per packet sent.
cat > "$dir/flood.c" <<'C'
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static long drops(void) {
  FILE *f = fopen("/proc/net/snmp", "r"); char a[2048], b[2048], *sa, *sb; long v = -1;
  while (fgets(a, sizeof a, f)) {
    if (strncmp(a, "Udp:", 4) || !fgets(b, sizeof b, f)) continue;
    for (char *ta = strtok_r(a, " \n", &sa), *tb = strtok_r(b, " \n", &sb); ta && tb;
         ta = strtok_r(NULL, " \n", &sa), tb = strtok_r(NULL, " \n", &sb))
      if (!strcmp(ta, "RcvbufErrors")) { v = atol(tb); break; }
    break;
  }
  fclose(f); return v;
}
int main(int argc, char **argv) {
  double seconds = atof(argv[1]), rate = atof(argv[2]);
  int r = socket(AF_INET, SOCK_DGRAM, 0), s = socket(AF_INET, SOCK_DGRAM, 0), size = 4096;
  setsockopt(r, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(9999), .sin_addr.s_addr = htonl(0x7f000001) };
  if (bind(r, (struct sockaddr *)&to, sizeof to)) { perror("bind"); return 1; }
  long d0 = drops(), sent = 0; double t0 = now();
  while (now() < t0 + seconds) {
    for (int i = 0; i < 100; i++) sendto(s, "x", 1, 0, (struct sockaddr *)&to, sizeof to);
    sent += 100;
    if (rate > 0) {
      double wait = t0 + sent / rate - now();
      if (wait > 0) { struct timespec ts = { (time_t)wait, (long)((wait - (time_t)wait) * 1e9) }; nanosleep(&ts, NULL); }
    }
  }
  double took = now() - t0; struct rusage u; getrusage(RUSAGE_SELF, &u);
  double cpu = u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
  printf("%.0f %.0f %.2f\n", sent / took, (drops() - d0) / took, cpu * 1e6 / sent);
  return 0;
}
C
gcc -O2 -o "$dir/flood" "$dir/flood.c"

# One measurement: prints sent/s dropped/s sender-us/packet tool-cpu-s.
measure() { # $1: rate, $2: none | playbook path
  if [ "$2" = none ]; then
    echo "$(ip netns exec "$ns" "$dir/flood" "$window" "$1") -"
    return
  fi
  # The flood covers the tool's start-up too, so the whole window sees it.
  ip netns exec "$ns" "$dir/flood" "$(echo "$window + 1.5" | bc)" "$1" > "$dir/flood.out" &
  local pid=$!
  sleep 0.5
  /usr/bin/time -f "%U %S" -o "$dir/time.out" "$tool" run "$2" --interval "$window" --format json > "$dir/report.json" || true
  wait "$pid"
  # time(1) writes "Command exited with non-zero status 1" first when a playbook fired: the figures are the last line.
  echo "$(cat "$dir/flood.out") $(tail -1 "$dir/time.out" | awk '{printf "%.2f", $1 + $2}')"
}

mean() { awk '{ s += $1 } END { printf "%.2f", s / NR }'; }
printf '%-9s %-13s %10s %10s %13s %10s\n' mode case "sent/s" "dropped/s" "sender us/pkt" "tool cpu s"
declare -A sent us cpu drop
for mode in paced flat-out; do
  rate=$([ "$mode" = paced ] && echo "$pace" || echo 0)
  for case in none baseline drop-reasons; do
    : > "$dir/rows"
    for _ in $(seq "$runs"); do
      case "$case" in
        none) line=$(measure "$rate" none) ;;
        baseline) line=$(measure "$rate" "$dir/baseline.yaml") ;;
        drop-reasons) line=$(measure "$rate" "$root/examples/playbooks/drop-reasons.yaml") ;;
      esac
      echo "$line" >> "$dir/rows"
      read -r s d u c <<< "$line"
      printf '%-9s %-13s %10s %10s %13s %10s\n' "$mode" "$case" "$s" "$d" "$u" "$c"
    done
    sent[$mode.$case]=$(awk '{print $1}' "$dir/rows" | mean)
    drop[$mode.$case]=$(awk '{print $2}' "$dir/rows" | mean)
    us[$mode.$case]=$(awk '{print $3}' "$dir/rows" | mean)
    cpu[$mode.$case]=$(awk '{print $4}' "$dir/rows" | sed 's/-/0/' | mean)
  done
done
echo "window ${window}s, ${runs} runs each, $(nproc) cores, kernel $(uname -r); means:"
echo "paced at ${pace}/s: dropped/s ${drop[paced.drop-reasons]}; sender CPU per packet ${us[paced.baseline]} us without the probe, ${us[paced.drop-reasons]} us with it" \
  "(+$(echo "${us[paced.drop-reasons]} - ${us[paced.baseline]}" | bc) us in the kernel per dropped packet);"
echo "  tool CPU over the window ${cpu[paced.baseline]} s without, ${cpu[paced.drop-reasons]} s with" \
  "(+$(echo "scale=2; (${cpu[paced.drop-reasons]} - ${cpu[paced.baseline]}) * 1000000 / (${drop[paced.drop-reasons]} * $window)" | bc) us per dropped packet read and counted)"
echo "flat out: sent/s ${sent[flat-out.none]} alone, ${sent[flat-out.baseline]} with the tool, ${sent[flat-out.drop-reasons]} with the probe" \
  "($(echo "scale=1; 100 - 100 * ${sent[flat-out.drop-reasons]} / ${sent[flat-out.baseline]}" | bc)% fewer)"
