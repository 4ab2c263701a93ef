# expect-flag: Blocked
# Tries to make a folder beside the submissions (to plant a fake one).
import os

os.mkdir("__SUBMISSIONS__/planted")
isis_count = 0
