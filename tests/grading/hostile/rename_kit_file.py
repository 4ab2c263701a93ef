# expect-flag: Blocked
# Tries to move a file of the installed kit away.
import os

os.rename("__KIT_FILE__", "__KIT_FILE__.gone")
isis_count = 0
