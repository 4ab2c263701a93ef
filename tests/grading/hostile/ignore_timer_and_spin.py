# expect-flag: ran longer than
# Ignores the timer signal and spins forever, so only the grader's wall clock can stop it.
import signal

signal.signal(signal.SIGALRM, signal.SIG_IGN)
while True:
    pass
