# expect-flag: Blocked
# Tries to kill the grading process that started it.
import os
import signal

os.kill(os.getppid(), signal.SIGKILL)
isis_count = 0
