"""The `medialit` command: open the lessons, build exercises, grade submissions.

Each subcommand lives in its own function; heavy modules are imported only when the
subcommand runs, so `medialit --help` stays quick.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from kit.errors import KitError

START_NOTEBOOK = "notebooks/00_start_here.ipynb"


def _free_port(host: str = "127.0.0.1") -> int:
    """Ask the OS for a free port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def lab_command(
    root: Path,
    notebook: str = START_NOTEBOOK,
    port: int | None = None,
    open_browser: bool = True,
    token: str | None = None,
) -> tuple[list[str], str]:
    """The JupyterLab command line the kit uses (loopback only, always a token) and its address.

    The address includes the token: Jupyter hides a token it was given, so we print it ourselves.
    """
    token = token or os.environ.get("MEDIALIT_TOKEN") or secrets.token_hex(24)
    port = port or _free_port()
    # Containers and CI often run as root; Jupyter refuses that unless told, and loopback+token keeps it safe.
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--ServerApp.allow_remote_access=False",
        "--ServerApp.open_browser=" + ("True" if open_browser else "False"),
        f"--LabApp.default_url=/lab/tree/{notebook}",
        *as_root,
    ]
    return cmd, f"http://127.0.0.1:{port}/lab/tree/{notebook}?token={token}"


JUPYTER_CONFIG = Path(__file__).parent / "jupyter_config"


def lab_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for the kit's JupyterLab: the kit's settings (kit/jupyter_config) come first."""
    env = dict(os.environ if base is None else base)
    rest = env.get("JUPYTER_CONFIG_PATH", "")
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(p for p in (str(JUPYTER_CONFIG), rest) if p)
    return env


def _cmd_lab(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    if not (root / args.notebook).is_file():
        raise KitError(
            f"Could not find {args.notebook} under {root}. Run this command from the kit's folder "
            "(the one with README.md), or pass --root to point at it."
        )
    cmd, address = lab_command(root, args.notebook, args.port, open_browser=not args.no_browser)
    print("Starting JupyterLab on 127.0.0.1 (this computer only), protected by a token.")
    print(f"Open this address in your browser if it does not open by itself:\n    {address}")
    print("Stop it with Ctrl+C.", flush=True)
    return subprocess.call(cmd, cwd=root, env=lab_env())


def _cmd_build(args: argparse.Namespace) -> int:
    from kit.grading.build import build

    report = build(args.solutions, args.exercises, check=args.check, self_study=args.self_study)
    for note in report.notes:
        print(f"note: {note}")
    if args.check:
        if report.stale:
            names = ", ".join(str(p) for p in report.stale)
            print(f"Out of date: {names}. Run `medialit build` and commit the result.", file=sys.stderr)
            return 1
        print(f"exercises/ is up to date ({len(report.unchanged)} notebooks).")
        return 0
    for path in report.written:
        print(f"wrote {path}")
    print(f"{len(report.written)} written, {len(report.unchanged)} already up to date.")
    return 0


def _cmd_grade(args: argparse.Namespace) -> int:
    from kit.grading.pipeline import grade_and_report
    from kit.grading.sandbox import Limits

    limits = Limits(
        cell_seconds=args.timeout, memory_bytes=int(args.memory * 1024**2), isolation=args.isolation
    )
    submissions, names, notes, roster = _lms_intake(args)
    try:
        run = grade_and_report(
            submissions,
            args.key,
            args.out,
            roster=args.roster,
            workers=args.workers,
            limits=limits,
            progress=not args.quiet,
            names=names,
            notes=notes,
        )
    except KeyboardInterrupt:
        print(f"Stopped. Run the same command again to go on where it stopped ({args.out}).", file=sys.stderr)
        return 130
    if run.resumed:
        print(f"Resumed: {run.resumed} files were already graded by the run that was stopped.")
    flagged = int((run.grades["flags"].astype(str) != "").sum())
    print(f"Graded {len(run.results)} submissions; {flagged} learners have flags to look at.")
    print(
        f"Wrote {run.out / 'grades.csv'}, feedback/, plots/index.html and manual_grading.ipynb in {run.out}."
    )
    print(f"Per exercise: {run.out}/<exercise>/grades.csv; all exercises: {run.out / 'summary.csv'}.")
    _heatmap_pngs(run)
    if args.export:
        _lms_export(args, run, roster, names)
    return 0


def _heatmap_pngs(run: object) -> None:
    """A PNG beside each class heatmap, for slides and printing (needs chromium; the HTML never does)."""
    from kit.grading.heatmap import heatmap_png, page_height
    from kit.grading.reports import _safe_file
    from kit.pack import PackError

    for name, key in run.keys.items():  # type: ignore[attr-defined]
        html = run.out / _safe_file(name) / "heatmap.html"  # type: ignore[attr-defined]
        if html.is_file():
            try:
                heatmap_png(html, page_height(key))
            except PackError as err:
                print(f"note: no heatmap picture ({err}); {html} is complete without it.")
                return
            print(f"Class heatmap for the debrief: {html} (and {html.with_suffix('.png').name}).")


def _lms_intake(args: argparse.Namespace) -> tuple[list[str], dict[str, str] | None, dict, object]:
    """Unpack LMS archives among the submissions (kit.grading.intake); read a Canvas/Moodle roster."""
    from kit.grading import intake, lms

    roster = lms.read_roster(args.roster) if args.roster else None
    names = dict(zip(roster["learner"], roster["name"], strict=True)) if roster is not None else None
    archives = intake.archives_in(args.submissions)
    if not archives:
        return list(args.submissions), names, {}, roster
    out = Path(args.out)
    got = intake.unpack(args.submissions, out.parent / f"{out.name}_unpacked", roster)
    out.mkdir(parents=True, exist_ok=True)
    got.to_frame().to_csv(out / "intake.csv", index=False)
    skipped = [e for e in got.entries if e.status == "skipped" and not e.reason.startswith("a zip file")]
    print(
        f"Unpacked {len(archives)} archive(s) into {got.folder}: {len(got.kept)} notebooks to grade, "
        f"{sum(e.status == 'set aside' for e in got.entries)} older or duplicate hand-ins set aside, "
        f"{len(skipped)} other files skipped (reasons in {out / 'intake.csv'})."
    )
    rest = [s for s in args.submissions if not intake.is_archive(Path(s))]
    return [*rest, str(got.learners)], {**got.names, **(names or {})}, got.flags(), roster


def _lms_export(args: argparse.Namespace, run: object, roster: object, known: dict[str, str] | None) -> None:
    from kit.grading import lms

    # names from the roster, else from the LMS archive (Moodle's "Bob Smith"), else the learner id
    names = {**{r.learner: r.learner for r in run.results}, **(known or {})}  # type: ignore[attr-defined]
    scores = lms.scores_from_results(run.results, run.keys, names)  # type: ignore[attr-defined]
    path = Path(args.out) / f"{args.export}_import.csv"
    done = lms.export(args.export, scores, roster if roster is not None else lms.read_roster(None), path)
    print(f"Wrote {done.path} ({done.rows} rows) for {args.export.capitalize()}'s gradebook import.")
    for warning in done.warnings:
        print(f"note: {warning}")


def _cmd_new_lesson(args: argparse.Namespace) -> int:
    from kit.newlesson import new_lesson

    draft = new_lesson(args.article, args.name, out=args.out, force=args.force)
    print(f"Drafted four lessons for {args.article} in {draft.folder}:")
    for path in [draft.article, *draft.notebooks, *draft.solutions, draft.review]:
        print(f"  {path}")
    for note in draft.notes:
        print(f"note: {note}")
    print(f"Next: review the draft keys in {draft.review}, then run")
    print(f"  medialit build --solutions {draft.folder}/solutions --exercises {draft.folder}/exercises")
    return 0


def _cmd_release(args: argparse.Namespace) -> int:
    from kit.release import release

    done = release(args.out, root=args.root, self_study=args.self_study)
    print(f"Wrote the learners' copy ({len(done.files)} files, listed in release.json) to {done.out}.")
    print("It has no solutions, tests or saved answers. Push it to its own repository for Binder or a hub;")
    print("keep this repository, with solutions/, private.")
    return 0


def _cmd_pack(args: argparse.Namespace) -> int:
    from kit.pack import build_pack

    pack = build_pack(args.out, args.solutions, args.instructors, pdf=not args.html_only)
    for path in pack.pdfs or pack.html:
        print(f"wrote {path}")
    print(f"The printable pack is in {pack.folder} ({len(pack.pdfs)} PDFs; HTML in {pack.folder / 'html'}).")
    return 0


def _cmd_slides(args: argparse.Namespace) -> int:
    from kit.slides import build_slides

    decks = build_slides(args.out, args.notebooks)
    for deck in decks:
        print(f"wrote {deck}")
    print(f"Open a deck in any browser (no internet needed): reveal.js is copied into {args.out}/reveal.js.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medialit", description="The media-literacy kit: lessons, exercises and grading."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    lab = sub.add_parser("lab", help="open JupyterLab on the start-here notebook")
    lab.add_argument("--root", default=".", help="the kit's folder (default: here)")
    lab.add_argument("--notebook", default=START_NOTEBOOK, help="notebook to open first")
    lab.add_argument("--port", type=int, default=None, help="port (default: a free one)")
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    lab.set_defaults(func=_cmd_lab)

    bld = sub.add_parser("build", help="write exercises/ from solutions/ (keys removed)")
    bld.add_argument("--solutions", default="solutions", help="folder of solution notebooks")
    bld.add_argument("--exercises", default="exercises", help="folder to write the learner copies to")
    bld.add_argument("--check", action="store_true", help="write nothing; fail if exercises/ is out of date")
    bld.add_argument(
        "--self-study",
        action="store_true",
        help="copies for learners without a teacher: self-check shows the whole key after an attempt",
    )
    bld.set_defaults(func=_cmd_build)

    grd = sub.add_parser("grade", help="grade saved notebooks (files and/or folders)")
    grd.add_argument(
        "submissions", nargs="+", help="submitted .ipynb files, folders of them, or Canvas/Moodle .zip files"
    )
    grd.add_argument("--key", default="solutions", help="solution notebook or folder (default: solutions)")
    grd.add_argument("--out", default="grades", help="output folder (default: grades)")
    grd.add_argument(
        "--roster",
        default=None,
        help="CSV with columns learner,name, or a Canvas or Moodle gradebook export",
    )
    grd.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    grd.add_argument("--timeout", type=float, default=10.0, help="seconds per code cell (default 10)")
    grd.add_argument(
        "--memory", type=float, default=2048, help="MB of memory for learner code (default 2048)"
    )
    grd.add_argument("--quiet", action="store_true", help="no progress bar")
    grd.add_argument(
        "--isolation",
        choices=("auto", "bwrap", "docker", "none"),
        default="auto",
        help="sandbox for learner code (default auto: bubblewrap, else docker/podman, else code "
        "questions are not run); 'none' runs learner code without OS isolation: only for code you trust",
    )
    grd.add_argument(
        "--export",
        choices=["canvas", "moodle", "csv"],
        default=None,
        help="also write a file for the LMS gradebook import (see docs/LMS.md)",
    )
    grd.set_defaults(func=_cmd_grade)

    new = sub.add_parser("new-lesson", help="draft all four lessons for your own article (.txt/.md/.html)")
    new.add_argument("article", help="the article file")
    new.add_argument("--name", required=True, help="short name for the lesson folder, like city-budget")
    new.add_argument("--out", default="lessons", help="folder that holds the lessons (default: lessons)")
    new.add_argument("--force", action="store_true", help="replace a lesson folder of the same name")
    new.set_defaults(func=_cmd_new_lesson)

    rel = sub.add_parser("release", help="write exactly what learners get (no solutions, tests or answers)")
    rel.add_argument("out", help="folder for the learners' copy (new, empty, or an earlier release)")
    rel.add_argument("--root", default=".", help="the kit's folder (default: here)")
    rel.add_argument(
        "--self-study",
        action="store_true",
        help="exercises rebuilt for learners without a teacher: self-check shows the key after an attempt",
    )
    rel.set_defaults(func=_cmd_release)

    pck = sub.add_parser("pack", help="write printable PDFs: numbered article, answer and key sheets, plan")
    pck.add_argument("out", help="folder to write the PDFs to")
    pck.add_argument("--solutions", default="solutions", help="folder of solution notebooks (the keys)")
    pck.add_argument("--instructors", default="INSTRUCTORS.md", help="the instructor plan to include")
    pck.add_argument("--html-only", action="store_true", help="write the HTML pages only (no chromium)")
    pck.set_defaults(func=_cmd_pack)

    sld = sub.add_parser("slides", help="write a reveal.js slide deck per guided notebook (works offline)")
    sld.add_argument("out", help="folder to write the decks to")
    sld.add_argument("--notebooks", default="notebooks", help="a guided notebook or a folder of them")
    sld.set_defaults(func=_cmd_slides)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KitError as err:
        print(f"medialit: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
