"""Joins multicast groups or sources on one socket until the kernel says ENOBUFS, then holds them.

Usage: multicast_limits.py MODE IFACE LOCAL_ADDR SECONDS [MAX]
MODE groups:   IP_ADD_MEMBERSHIP to 239.1.x.y (the limit is net.ipv4.igmp_max_memberships, or optmem_max when that
               is raised high and optmem_max lowered);
MODE sources:  IP_ADD_SOURCE_MEMBERSHIP to 232.1.1.1 from 10.9.x.y (net.ipv4.igmp_max_msf);
MODE sources6: MCAST_JOIN_SOURCE_GROUP to ff3e::1234 from 2001:db8::x on IFACE (net.ipv6.mld_max_msf).
Prints "ready joined=N errno=E" (E is 0 when MAX joins all succeeded) and holds the socket for SECONDS."""
import socket, struct, sys, time

mode, iface, local, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
limit = int(sys.argv[5]) if len(sys.argv) > 5 else 5000
IP_ADD_SOURCE_MEMBERSHIP, MCAST_JOIN_SOURCE_GROUP = 39, 46


def sockaddr_in6(addr):
    # struct sockaddr_in6 padded to sockaddr_storage (128 bytes)
    return struct.pack("=HHI16sI", socket.AF_INET6, 0, 0, socket.inet_pton(socket.AF_INET6, addr), 0).ljust(128, b"\0")


if mode == "sources6":
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
else:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a second run beside the first
s.bind(("::", 5001) if mode == "sources6" else ("0.0.0.0", 5000))
joined, err = 0, 0
for i in range(1, limit + 1):
    try:
        if mode == "groups":
            s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                         socket.inet_aton(f"239.1.{i // 250}.{1 + i % 250}") + socket.inet_aton(local))
        elif mode == "sources":
            # struct ip_mreq_source: group, interface, source
            s.setsockopt(socket.IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP, socket.inet_aton("232.1.1.1")
                         + socket.inet_aton(local) + socket.inet_aton(f"10.9.{i // 250}.{1 + i % 250}"))
        else:
            # struct group_source_req: interface (padded to 8), group, source
            s.setsockopt(socket.IPPROTO_IPV6, MCAST_JOIN_SOURCE_GROUP, struct.pack("=I4x", socket.if_nametoindex(iface))
                         + sockaddr_in6("ff3e::1234") + sockaddr_in6(f"2001:db8::{i:x}"))
        joined += 1
    except OSError as e:
        err = e.errno
        break
print(f"ready joined={joined} errno={err}", flush=True)
time.sleep(seconds)
