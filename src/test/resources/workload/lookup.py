# A short-lived DNS-like client: sends COUNT small UDP queries, each answered with REPLY bytes,
# then exits. usage: lookup.py ADDRESS PORT COUNT REPLY
import socket
import sys

addr, port, count, reply = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
for i in range(count):
    s.sendto(reply.to_bytes(2, "big") + b"q" * 40, (addr, port))
    s.recvfrom(2048)
s.close()
