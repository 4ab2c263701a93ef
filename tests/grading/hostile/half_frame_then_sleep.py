# expect-flag: ran longer than
# Writes half a reply frame on every open descriptor, ignores the timer and sleeps, so a parent that
# waits for a whole reply without a deadline would hang.
import os
import signal
import time

signal.signal(signal.SIGALRM, signal.SIG_IGN)
for fd in range(3, 64):
    try:
        os.write(fd, b"\x00\x00\x10")
    except OSError:
        pass
time.sleep(10_000)
