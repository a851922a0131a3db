"""Connects to a listener one connection at a time until its accept queue is full (ss: Recv-Q above Send-Q) without
overflowing it, prints 'full', and holds the connections: the next connection overflows."""
import socket, subprocess, sys, time
port, seconds = int(sys.argv[1]), float(sys.argv[2])
held, end = [], time.time() + seconds

def queue():
    out = subprocess.run(["ss", "-Hltn", "sport", "=", f":{port}"], capture_output=True, text=True).stdout.split()
    return int(out[1]), int(out[2])

while True:
    waiting, backlog = queue()
    if waiting > backlog:
        break
    c = socket.socket(); c.setblocking(False)
    try: c.connect(("127.0.0.1", port))
    except BlockingIOError: pass
    held.append(c)
    time.sleep(0.2)
print("full", len(held), flush=True)
time.sleep(max(0, end - time.time()))
