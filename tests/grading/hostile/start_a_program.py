# expect-flag: Blocked
# Tries to start a shell.
import subprocess

subprocess.run(["sh", "-c", "echo hacked > /tmp/hacked"])
isis_count = 0
