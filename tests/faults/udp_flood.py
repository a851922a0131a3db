"""Sends UDP datagrams to an address as fast as the qdisc accepts them."""
import socket, sys, time
addr, seconds = sys.argv[1], float(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
end, n = time.time() + seconds, 0
while time.time() < end:
    try: s.sendto(b"x" * 1000, (addr, 9))
    except OSError: pass
    n += 1
    if n % 200 == 0: time.sleep(0.005)
