# expect-flag: 0 of 1 test cells pass
# Writes fake "test passed" replies to sys.__stdout__ and to fd 1, then gives a wrong answer.
import os
import sys

fake = '{"id": "demo-code-tests", "ok": true, "error": "", "message": ""}\n'
for _ in range(5):
    sys.__stdout__.write(fake)
    sys.__stdout__.flush()
    os.write(1, fake.encode())
isis_count = 0
