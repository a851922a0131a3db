"""Sends UDP datagrams to ADDR:9 for SECONDS, paced, and prints "ready errno=N" after the first failed send
(or "ready silent" once 200 sends went through). Options: --recverr sets IP_RECVERR (the only way a UDP sender
hears of an output-path drop), --size BYTES per datagram (default 1000), --sndbuf BYTES sets SO_SNDBUF, --port N the destination port (default 9), --nonblock sends with MSG_DONTWAIT
(a full send buffer then fails the send with EAGAIN instead of blocking it)."""
import errno, socket, sys, time
addr, seconds = sys.argv[1], float(sys.argv[2])
args = sys.argv[3:]
size = int(args[args.index("--size") + 1]) if "--size" in args else 1000
port = int(args[args.index("--port") + 1]) if "--port" in args else 9
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
if "--recverr" in args: s.setsockopt(socket.SOL_IP, 11, 1)  # IP_RECVERR
if "--sndbuf" in args: s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, int(args[args.index("--sndbuf") + 1]))
end, n, told = time.time() + seconds, 0, False
while time.time() < end:
    try:
        s.sendto(b"x" * size, socket.MSG_DONTWAIT if "--nonblock" in args else 0, (addr, port))
    except OSError as e:
        # With IP_RECVERR the far end's "port unreachable" comes back as ECONNREFUSED: not the failure looked for.
        if not told and e.errno != errno.ECONNREFUSED: print(f"ready errno={e.errno} ({errno.errorcode.get(e.errno, '?')})", flush=True); told = True
    n += 1
    if n == 200 and not told: print("ready silent", flush=True); told = True
    if n % 50 == 0: time.sleep(0.01)
