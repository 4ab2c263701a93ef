# expect-flag: Blocked
# Tries to destroy a classmate's work: os.truncate on another submission in the same folder.
import os

os.truncate("__VICTIM__", 0)
isis_count = 0
