"""Renames itself (prctl PR_SET_NAME, as any user may) to the hex-encoded name argv[1], optionally opens sockets
until EMFILE (argv[3] == "--fill") or fills the accept queue of a listener on 127.0.0.1:PORT (argv[3] == "--listen",
argv[4] == PORT), says "ready" and sleeps argv[2] seconds: a hostile process name for the tests."""
import ctypes, os, socket, sys, time
PR_SET_NAME = 15
name = bytes.fromhex(sys.argv[1])
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(PR_SET_NAME, ctypes.c_char_p(name), 0, 0, 0) != 0:
    raise OSError(ctypes.get_errno(), "prctl(PR_SET_NAME) failed")
with open("/proc/self/comm", "rb") as f:
    assert f.read().rstrip(b"\n") == name[:15], "the kernel kept another name"
held = []
if len(sys.argv) > 3 and sys.argv[3] == "--fill":
    try:
        while True: held.append(socket.socket())
    except OSError:
        pass
if len(sys.argv) > 4 and sys.argv[3] == "--listen":
    listener = socket.socket()
    listener.bind(("127.0.0.1", int(sys.argv[4])))
    listener.listen(1)
    for _ in range(4):
        client = socket.socket()
        client.setblocking(False)
        try: client.connect(("127.0.0.1", int(sys.argv[4])))
        except BlockingIOError: pass
        held.append(client)
    held.append(listener)
    time.sleep(0.3)
print("ready", len(held), os.getpid(), flush=True)
time.sleep(float(sys.argv[2]))
