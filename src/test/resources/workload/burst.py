# A short-lived client: connects, sends N bytes, closes and exits (what curl, git or a package
# manager does to a nearby server). usage: burst.py ADDRESS PORT BYTES
import socket
import sys

s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=10)
s.sendall(b"\0" * int(sys.argv[3]))
s.close()
