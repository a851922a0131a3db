"""UDP receivers with large forced buffers (root: SO_RCVBUFFORCE) that never read, and a sender that
keeps them full, so that all UDP sockets together hold more than udp_mem allows."""
import socket, sys, time
port, receivers, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
SO_RCVBUFFORCE = 33
sinks = []
for i in range(receivers):
    r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    r.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 64 * 1024 * 1024)
    r.bind(("127.0.0.1", port + i))
    sinks.append(r)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print("ready", flush=True)
end = time.time() + seconds
while time.time() < end:
    for i in range(receivers):
        for _ in range(50):
            try: s.sendto(b"x" * 8000, ("127.0.0.1", port + i))
            except OSError: pass
    time.sleep(0.005)
