# expect-flag: Blocked
# Tries to rewrite the grader: os.replace a file of the installed kit with its own.
import os

with open("evil.py", "w") as handle:
    handle.write("raise SystemExit\n")
os.replace("evil.py", "__KIT_FILE__")
isis_count = 0
