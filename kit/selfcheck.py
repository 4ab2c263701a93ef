"""Self-check for learners: ``kit.check("grade-id")`` gives kind, useful feedback without the key.

It works offline from the *check record* that ``medialit build`` stores in each question cell of
the exercise (``metadata.medialit.check``): counts per label, hints, and salted slow hashes of the
key's word units. It never needs the solution notebook. Limits (what a coder could brute-force) are
written down in docs/AUTHORING.md.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from kit.errors import KitError

RECORD_VERSION = 1
ITERATIONS = 3000  # PBKDF2 rounds: slows guessing, keeps a check of a few hundred words near a second
HASH_CHARS = 20


def unit_hash(salt: str, unit: str, iterations: int = ITERATIONS) -> str:
    """Salted slow hash of one unit (a labelled word position, an option, a normalised value)."""
    digest = hashlib.pbkdf2_hmac("sha256", unit.encode("utf-8"), salt.encode("utf-8"), iterations)
    return digest.hex()[:HASH_CHARS]


def word_unit(label: str, index: int) -> str:
    """The unit hashed for a highlight: a label and a word position in the article."""
    return f"{label}\x1f{index}"


def value_unit(value: Any) -> str:
    """The unit hashed for a literal or choice value: a normalised, typed text form."""
    if isinstance(value, bool):
        return f"bool:{value}"
    if isinstance(value, (int, float)):
        number = float(value)
        return f"number:{int(number) if number.is_integer() else repr(number)}"
    if isinstance(value, str):
        return f"text:{' '.join(value.split()).lower()}"
    return f"other:{value!r}"


# -- finding the record ---------------------------------------------------------------------------
def _candidate_notebooks(notebook: str | os.PathLike[str] | None) -> list[Path]:
    if notebook:
        return [Path(notebook)]
    found: list[Path] = []
    session = os.environ.get("JPY_SESSION_NAME", "").strip()
    if session:
        for path in (Path(session), Path.cwd() / Path(session).name):
            if path.is_file():
                found.append(path)
    for folder in (Path.cwd(), Path.cwd() / "exercises"):
        if folder.is_dir():
            found.extend(sorted(folder.glob("*.ipynb")))
    return found


def find_record(grade_id: str, notebook: str | os.PathLike[str] | None = None) -> dict[str, Any] | None:
    """The question's medialit metadata (with its check record) from the exercise notebook, or None."""
    for path in _candidate_notebooks(notebook):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue
        for cell in data.get("cells", []) if isinstance(data, dict) else []:
            meta = cell.get("metadata", {}) if isinstance(cell, dict) else {}
            if (meta.get("nbgrader") or {}).get("grade_id") == grade_id and "medialit" in meta:
                return meta["medialit"]
    return None


# -- getting the learner's current answer -----------------------------------------------------------
def _stored_answer(grade_id: str, notebook: str | os.PathLike[str] | None) -> Any:
    from kit.answers import AnswerStore, notebook_key

    payload = AnswerStore().load(notebook_key(str(notebook) if notebook else None), grade_id)
    return None if payload is None else payload.get("value")


def _variable_answer(name: str) -> Any:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the kit
        return None
    shell = get_ipython()
    if shell is None or name not in shell.user_ns:
        return None
    return shell.user_ns[name]


# -- the checks, one per question type ------------------------------------------------------------
def _pointer(meta: dict[str, Any]) -> str:
    lesson = (meta.get("lesson") or "").strip()
    if not lesson:
        return ""
    stop = "" if lesson.endswith((".", "?", "!")) else "."  # "Who is speaking?" needs no extra full stop
    return f" Look again at: {lesson}{stop}"


def _check_highlight(meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
    from kit.grading.scoring import article_words, words_in  # pure helpers, no key inside
    from kit.spans import Span

    spans = [s if isinstance(s, Span) else Span.from_dict(s) for s in (answer or [])]
    if not spans:
        return "Not answered yet: mark some passages in the article first, then check again."
    text = _article_text(record)
    words = article_words(text)
    units: dict[str, list[int]] = record["units"]
    salt, rounds = record["salt"], int(record.get("iterations", ITERATIONS))
    passages = record["passages"]
    hits = [0] * len(passages)
    marked: set[tuple[str, int]] = set()
    for span in spans:
        for i in words_in(words, span.start, span.end):
            marked.add((span.label, i))
    outside = 0
    for label, i in sorted(marked):
        numbers = units.get(unit_hash(salt, word_unit(label, i), rounds))
        if numbers is None:
            outside += 1
        for n in numbers or []:
            hits[n] += 1
    found = [h >= max(1, p["words"] - 1) for h, p in zip(hits, passages, strict=False)]
    missed_by_label: dict[str, int] = {}
    for ok, p in zip(found, passages, strict=False):
        if not ok:
            missed_by_label[p["label"]] = missed_by_label.get(p["label"], 0) + 1
    n_found, total = sum(found), len(passages)
    lines = [f"You found {n_found} of {total} passages."]
    if n_found == total:
        lines.append("Well done: you found them all.")
    if missed_by_label:
        worst = max(sorted(missed_by_label), key=lambda lab: missed_by_label[lab])
        per_label = record.get("per_label", {})
        lines.append(
            f"The label most often missed is \u201c{worst}\u201d "
            f"({missed_by_label[worst]} of {per_label.get(worst, '?')} still to find)."
        )
        hint = (meta.get("hints") or {}).get(worst) or meta.get("hint")
        if hint:
            lines.append(f"Hint: {hint}")
    if outside:
        lines.append(
            f"{outside} of the words you marked are not in any passage of the answer, "
            "or have another label. Check that each mark fits its label."
        )
    if n_found < total:
        lines.append(_pointer(meta).strip())
    return " ".join(line for line in lines if line)


def _article_text(record: dict[str, Any]) -> str:
    import kit

    article = kit.load_article()
    if record.get("article") and record.get("article_sha") not in (None, article.sha):
        article = kit.load_article(record["article"])  # a lesson with its own article (medialit new-lesson)
    if record.get("article_sha") and getattr(article, "sha", None) != record["article_sha"]:
        raise KitError(
            "This exercise was built for another version of the article. "
            "Ask your teacher for a fresh copy of the exercise."
        )
    return article.text


def _check_values(meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
    salt, rounds = record["salt"], int(record.get("iterations", ITERATIONS))
    keys = set(record.get("hashes", []))
    if record.get("kind") == "number-any":
        ok = isinstance(answer, (int, float)) and not isinstance(answer, bool)
        return (
            "That is a number: good. Your teacher will check how close it is."
            if ok
            else "The answer should be a number, like 3."
        ) + _pointer(meta)
    if record.get("multi"):
        picks = answer if isinstance(answer, (list, tuple, set)) else [answer]
        if isinstance(answer, str) and record.get("kind") == "words":
            picks = [w for w in answer.split(",")]
        picks = [p.strip() if isinstance(p, str) else p for p in picks if p not in ("", None)]
        right = sum(unit_hash(salt, value_unit(p), rounds) in keys for p in set(picks))
        wrong = len(set(picks)) - right
        total = int(record.get("right", len(keys)))
        if right == total and wrong == 0:
            return "All right: well done."
        text = f"{right} of your {len(set(picks))} answers are right; there are {total} right ones in all."
        hint = meta.get("hint")
        return text + (f" Hint: {hint}" if hint else "") + _pointer(meta)
    if unit_hash(salt, value_unit(answer), rounds) in keys:
        return "Right: well done."
    hint = meta.get("hint")
    return "Not yet. Think again." + (f" Hint: {hint}" if hint else "") + _pointer(meta)


class Feedback(str):
    """Self-check feedback: plain text that shows without quotes in a notebook."""

    def __repr__(self) -> str:
        return str(self)


def check(grade_id: str, answer: Any = None, *, notebook: str | os.PathLike[str] | None = None) -> Feedback:
    """Check your answer to one question: kind, useful feedback; the key is not revealed.

    ``answer`` is optional: by default the answer is taken from your highlights or choices (saved as
    you work) or, for a written value, from the variable in your cell.
    """
    meta = find_record(grade_id, notebook)
    if meta is None:
        message = (
            f"I could not find a question called '{grade_id}' in this exercise. "
            'Check the spelling of the name in kit.check("...").'
        )
        return Feedback(message)
    record = meta.get("check") or {}
    qtype = meta.get("type")
    if qtype == "text":
        levels = meta.get("rubric") or {}
        parts = [
            f"{name}: {entry.get('means', '')}" for name, entry in levels.items() if isinstance(entry, dict)
        ]
        message = (
            "Your teacher reads this answer. Check it against the levels: "
            + " ".join(parts)
            + (f" Hint: {meta['hint']}" if meta.get("hint") else "")
        )
    elif qtype == "code":
        message = (
            "Run the test cell below your answer: if it shows no error, the visible tests pass. "
            "More tests are run when your work is graded." + _pointer(meta)
        )
    else:
        if answer is None:
            if qtype == "literal":
                answer = _variable_answer(record.get("variable", ""))
            else:
                answer = _stored_answer(grade_id, notebook)
        try:
            if answer is None or answer is Ellipsis or answer == [] or answer == "":
                message = "Not answered yet. Give your answer first, then check again."
            elif qtype == "highlight":
                message = _check_highlight(meta, record, answer)
            elif qtype == "searchlog":
                from kit.grading.searchlog import self_check

                message = self_check(meta, record, answer)
            elif qtype == "sort":
                from kit.grading.scoring import sort_units

                units = sort_units(answer)
                message = (
                    "The answer should give a category for each sentence."
                    if units is None
                    else _check_values(meta, record, units)
                )
            else:
                message = _check_values(meta, record, answer)
        except KitError as err:  # a learner gets a sentence to act on, never a traceback
            message = str(err)
        except (KeyError, TypeError, ValueError):
            message = (
                "This question's check record is damaged. Ask your teacher for a fresh copy of the "
                "exercise. Your answer is safe."
            )
    return Feedback(message)


def check_button(grade_id: str, notebook: str | None = None) -> Any:
    """A "Check my answer" button with an output area, for use beside a highlight question."""
    import ipywidgets as widgets

    button = widgets.Button(
        description="Check my answer",
        icon="check",
        tooltip=f"Check your answer to {grade_id} (the answer is not shown)",
        layout=widgets.Layout(width="auto"),  # the default width cuts the label short
    )
    out = widgets.Output()

    def _on_click(_button: Any) -> None:
        out.clear_output()
        with out:
            try:
                print(check(grade_id, notebook=notebook))
            except KitError as err:
                print(err)

    button.on_click(_on_click)
    return widgets.VBox([button, out])
