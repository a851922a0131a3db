"""Fills the host's IPv4 neighbour table from inside a namespace, sends to one more peer, and empties it again.

Usage: neighbour_overflow.py DEV PREFIX16 SECONDS
The table is host-wide (every namespace shares it and gc_thresh3): the entries live for well under a second.
Adds gc_thresh3 entries (fresh, so the kernel cannot evict them) on DEV in PREFIX16.0.0/16, then sends one UDP
datagram with IP_RECVERR to an address that has no entry: the kernel cannot create one, logs
"neighbour: arp_cache: neighbor table overflow!" and the send fails with ENOBUFS. Then it flushes its entries,
prints "ready errno=N" and waits SECONDS (so the test can look while the process lives)."""
import os, socket, subprocess, sys, time

dev, prefix, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
env = dict(os.environ, LC_ALL="C")


def thresh3():
    try:
        with open("/proc/sys/net/ipv4/neigh/default/gc_thresh3") as f:
            return int(f.read())
    except OSError:
        return 1024  # inside a namespace the sysctl is absent; the default


def flush():
    subprocess.run(["ip", "neigh", "flush", "dev", dev], env=env, check=False)


n = thresh3()
lines = "".join(f"neigh replace {prefix}.{1 + i // 250}.{1 + i % 250} lladdr 02:00:00:{i >> 16 & 255:02x}:{i >> 8 & 255:02x}:{i & 255:02x} dev {dev} nud reachable\n" for i in range(n))
err = 0
try:
    subprocess.run(["ip", "-force", "-batch", "-"], input=lines, text=True, env=env, capture_output=True, check=False)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, 11, 1)  # IP_RECVERR: report the failure to this sender
    for attempt in range(5):
        try:
            s.sendto(b"x", (f"{prefix}.250.{attempt + 1}", 9))
        except OSError as e:
            err = e.errno
            break
finally:
    flush()
print(f"ready errno={err}", flush=True)
time.sleep(seconds)
