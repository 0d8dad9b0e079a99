# Test workload server (runs inside a test's network namespace): accepts TCP connections and
# reads them to the end; answers every UDP datagram with a reply of the size it asks for.
# usage: sink.py ADDRESS PORT
import socket
import sys
import threading

addr, port = sys.argv[1], int(sys.argv[2])


def drain(conn):
    with conn:
        while conn.recv(65536):
            pass


def tcp():
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(128)
    while True:
        c, _ = s.accept()
        threading.Thread(target=drain, args=(c,), daemon=True).start()


def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, port))
    while True:
        data, peer = s.recvfrom(2048)
        # the query's first two bytes ask for the reply size, like a resolver's answer size
        size = int.from_bytes(data[:2], "big") if len(data) >= 2 else 0
        s.sendto(b"\x01" * min(size, 1400), peer)


threading.Thread(target=udp, daemon=True).start()
print("ready", flush=True)
tcp()
