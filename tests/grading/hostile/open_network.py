# expect-flag: Blocked
# Tries to reach the network (to send the key away, or to fetch an answer).
import socket

socket.create_connection(("1.1.1.1", 80), timeout=3)
isis_count = 0
