"""The sandbox's mounts: a kit or venv that lives under /tmp (a clone there, as on CI) stays visible."""

from __future__ import annotations

from kit.grading.isolation import _python_roots, bwrap_command


def test_fresh_tmp_is_mounted_before_the_python_folders_bound_on_top_of_it():
    cmd = bwrap_command(["python", "-c", "pass"])
    tmpfs = cmd.index("--tmpfs")
    assert cmd[tmpfs + 1] == "/tmp"
    bound = [cmd[i + 1] for i, arg in enumerate(cmd) if arg == "--ro-bind"]
    roots = [str(r) for r in _python_roots() if not r.is_relative_to("/usr")]
    assert roots and all(r in bound for r in roots)
    for root in roots:  # each Python folder is bound after /tmp is made, so /tmp never hides it
        at = max(i for i, arg in enumerate(cmd) if arg == root)
        assert at > tmpfs, root
