"""Allocates memory in a loop until killed."""
chunks = []
while True:
    chunks.append(bytearray(8 * 1024 * 1024))
