# expect-flag: Blocked
# Tries to link the teacher's key into the submissions folder.
import os

os.symlink("__KEY__", "__SUBMISSIONS__/key_link.ipynb")
isis_count = 0
