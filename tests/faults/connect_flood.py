"""Opens N non-blocking connections to a port and holds them; with --keep, goes on opening
one every 50 ms, so the accept queue keeps overflowing during any sampling window."""
import socket, sys, time
port, n, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
keep = "--keep" in sys.argv
held, end = [], time.time() + seconds

def connect():
    c = socket.socket(); c.setblocking(False)
    try: c.connect(("127.0.0.1", port))
    except BlockingIOError: pass
    held.append(c)

for _ in range(n): connect()
while time.time() < end:
    time.sleep(0.05)
    if keep:
        try: connect()
        except OSError: keep = False  # out of fds: hold what we have
