"""A TCP listener that never accepts (or accepts until EMFILE with --accept): the accept queue fills."""
import socket, sys, time
port, backlog, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
accept = "--accept" in sys.argv
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port)); s.listen(backlog)
print("ready", flush=True)
held, end = [], time.time() + seconds
while time.time() < end:
    if accept:
        s.settimeout(0.1)
        try:
            held.append(s.accept()[0])
        except OSError:
            time.sleep(0.05)  # EMFILE (out of fds) or timeout: the queue keeps filling
    else:
        time.sleep(0.1)
