"""A forged nstat "daemon": listens on the abstract unix socket @nstat0 and answers every connection with counters one
million higher than the last (argv[1] seconds, then exits). nstat, even with -a -s, reads such a daemon instead of /proc
when the peer's uid is 0 or its own: run as nobody, it forged every counter of probes that ran as nobody."""
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind("\0nstat0")
s.listen(16)
s.settimeout(float(sys.argv[1]))
print("ready", flush=True)
n = 0
while True:
    try:
        c, _ = s.accept()
    except socket.timeout:
        break
    n += 1
    v = 1000000 * n
    c.sendall(("#kernel\nTcpExtListenOverflows %d 0.0\nTcpExtListenDrops %d 0.0\n" % (v, v)).encode())
    c.close()
