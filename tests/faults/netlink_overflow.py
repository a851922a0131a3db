"""A route-netlink listener with a tiny receive buffer that never reads, while addresses come and go on lo.

Each address change is a message to the listener; once its buffer is full the kernel drops the rest
(/proc/net/netlink Drops) and its next recv() would fail with ENOBUFS. Run inside a network namespace.
"""
import socket, subprocess, sys, time
seconds = float(sys.argv[1])
RTMGRP_LINK, RTMGRP_IPV4_IFADDR = 0x1, 0x10
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.bind((0, RTMGRP_LINK | RTMGRP_IPV4_IFADDR))
print("ready", s.getsockname()[0], flush=True)
end, i = time.time() + seconds, 0
while time.time() < end:
    address = f"10.77.{i // 250 % 250}.{i % 250 + 1}/32"
    subprocess.run(["ip", "addr", "add", address, "dev", "lo"], check=False)
    subprocess.run(["ip", "addr", "del", address, "dev", "lo"], check=False)
    i += 1
    time.sleep(0.02)
