# expect-flag: Blocked
# Tries to read the key through a hard link in its own folder, and send it back in the error message.
import os

os.link("__KEY__", "copy.ipynb")
raise ValueError(open("copy.ipynb").read())
