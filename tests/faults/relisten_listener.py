"""A TCP listener that never accepts, like a service whose supervisor restarts it when its
configuration changes: when net.core.somaxconn changes it listens again, so its backlog becomes
min(requested, new somaxconn). Prints 'ready' once listening, 'relistened N' after each change."""
import socket, sys, time
port, backlog, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])

def somaxconn():
    with open("/proc/sys/net/core/somaxconn") as f:
        return f.read().strip()

def listen():
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port)); s.listen(backlog)
    return s

s, seen, end = listen(), somaxconn(), time.time() + seconds
print("ready", flush=True)
while time.time() < end:
    time.sleep(0.1)
    now = somaxconn()
    if now != seen:
        s.close(); s, seen = listen(), now
        print("relistened", now, flush=True)
