"""Opens sockets until EMFILE, then holds them: a process at its open-files limit."""
import socket, sys, time
held = []
try:
    while True: held.append(socket.socket())
except OSError:
    pass
print("holding", len(held), flush=True)
time.sleep(float(sys.argv[1]))
