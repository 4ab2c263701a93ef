# expect-flag: 0 of 1 test cells pass
# Follows kit.__file__ to the repository's solutions/ and tests/, and sends what it finds back in an
# error message.
from pathlib import Path

import kit

repo = Path(kit.__file__).resolve().parent.parent
found = []
for folder in ("solutions", "tests"):
    try:
        for path in (repo / folder).rglob("*"):
            found.append(path.read_text(errors="replace")[:2000])
    except OSError as exc:
        found.append(str(exc))
raise ValueError("LEAK " + " ".join(found))
