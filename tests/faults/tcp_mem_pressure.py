"""Opens many loopback TCP connections with large buffers whose receiver never reads, and keeps
sending, so TCP memory (sockstat mem) climbs above tcp_mem's pressure threshold. Host-wide effect."""
import socket, sys, time
port, count, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port)); srv.listen(count)
pairs, chunk = [], b"x" * 65536
for _ in range(count):
    c = socket.socket()
    c.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    c.connect(("127.0.0.1", port))
    s, _ = srv.accept()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    c.setblocking(False)
    pairs.append((c, s))
print("ready", flush=True)
end = time.time() + seconds
while time.time() < end:
    for c, _ in pairs:
        try: c.send(chunk)
        except (BlockingIOError, OSError): pass
    time.sleep(0.01)
