"""A UDP receiver with a tiny SO_RCVBUF that never reads, and a sender that keeps sending to it."""
import socket, sys, time
port, seconds = int(sys.argv[1]), float(sys.argv[2])
r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
r.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096); r.bind(("127.0.0.1", port))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
end = time.time() + seconds
while time.time() < end:
    for _ in range(100): s.sendto(b"x" * 1000, ("127.0.0.1", port))
    time.sleep(0.01)
