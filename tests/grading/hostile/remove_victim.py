# expect-flag: Blocked
# Tries to delete a classmate's submission.
import os

os.remove("__VICTIM__")
isis_count = 0
