# expect-flag: interfered
# Looks for the reply pipe among its open file descriptors and writes a forged frame on each.
import json
import os
import struct

body = json.dumps({"id": "demo-code-tests", "ok": True, "error": "", "message": "", "run": "guess"}).encode()
for fd in range(3, 64):
    try:
        os.write(fd, struct.pack(">I", len(body)) + body)
    except OSError:
        pass
isis_count = 0
