"""Sends UDP with MSG_ZEROCOPY and never reads the completion notifications, until the kernel says ENOBUFS.

Usage: zerocopy_unread.py PORT SECONDS
The datagrams go to 127.0.0.1:PORT, where nothing listens: each send also brings back an ICMP error (IP_RECVERR
is on), which sits between the notifications on the error queue so the kernel cannot merge them. Unread
notifications hold option memory (ss skmem o) until optmem_max is reached and sendmsg fails with ENOBUFS.
Prints "ready sent=N errno=E" and holds the socket, notifications still unread, for SECONDS."""
import socket, sys, time

MSG_ZEROCOPY, SO_ZEROCOPY, IP_RECVERR = 0x4000000, 60, 11
port, seconds = int(sys.argv[1]), float(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, SO_ZEROCOPY, 1)
s.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 1)
sent, err = 0, 0
for _ in range(100000):
    try:
        s.sendto(b"x" * 1000, MSG_ZEROCOPY, ("127.0.0.1", port))
        sent += 1
    except OSError as e:
        if e.errno == 105:  # ENOBUFS; ECONNREFUSED from the ICMP errors is expected and ignored
            err = e.errno
            break
print(f"ready sent={sent} errno={err}", flush=True)
time.sleep(seconds)
