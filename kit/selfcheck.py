"""Self-check for learners: ``kit.check("grade-id")`` gives kind, useful feedback without the key.

It works offline from the *check record* that ``medialit build`` stores in each question cell of
the exercise (``metadata.medialit.check``): counts and salted slow hashes of the *public part* of
the key only (kit.grading.keysplit), so it can be no oracle for the hidden part. It never needs the
solution notebook. A self-study record also holds the whole key, shown after an attempt. What a
learner can and cannot learn from a copy: docs/ANSWERS.md.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, NamedTuple

from kit.errors import KitError
from kit.grading.keysplit import GRADED_LATER

RECORD_VERSION = 2  # 2: highlight records hold cores, statuses and extent units
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
    """The highlight check, by the same model as grading (docs/SCORING.md): a passage is found when
    its core is marked with its label (one word short is forgiven); only required passages are ever
    "still to find"; marks outside every passage are counted as marks, not words."""
    from kit.grading.scoring import article_words, words_in  # pure helpers, no key inside
    from kit.spans import Span

    spans = [s if isinstance(s, Span) else Span.from_dict(s) for s in (answer or [])]
    if not spans:
        return "Not answered yet: mark some passages in the article first, then check again."
    text = _article_text(record)
    words = article_words(text)
    units: dict[str, list[int]] = record["units"]
    extent_units = set(record.get("extent_units") or units)  # version 1 records: the key words
    salt, rounds = record["salt"], int(record.get("iterations", ITERATIONS))
    passages = record["passages"]
    hits = [0] * len(passages)
    marked: set[tuple[str, int]] = set()
    outside_marks = 0
    for span in spans:
        inside = False
        for i in words_in(words, span.start, span.end):
            if (span.label, i) in marked:
                inside = inside or unit_hash(salt, word_unit(span.label, i), rounds) in extent_units
                continue
            marked.add((span.label, i))
            digest = unit_hash(salt, word_unit(span.label, i), rounds)
            inside = inside or digest in extent_units
            for n in units.get(digest) or []:
                hits[n] += 1
        outside_marks += not inside
    found = [
        h >= max(1, p["words"] - (1 if p["words"] >= 2 else 0)) for h, p in zip(hits, passages, strict=False)
    ]
    required = [n for n, p in enumerate(passages) if p.get("status", "required") == "required"]
    either_found = sum(ok for ok, p in zip(found, passages, strict=False) if p.get("status") == "either")
    n_found = sum(found[n] for n in required)
    tally = _Tally(passages, found, required, n_found, either_found, outside_marks)
    lines = _practice_lines(meta, record, tally) if record.get("hidden") else _full_lines(meta, record, tally)
    if record.get("reveal"):
        lines.append(_reveal_highlight(record["reveal"]))
    return " ".join(line for line in lines if line)


def _missed_line(meta: dict[str, Any], record: dict[str, Any], t: _Tally, practice: bool) -> list[str]:
    """The label most often missed (among the passages the record knows) and its hint."""
    by_label: dict[str, int] = {}
    for n in t.required:
        if not t.found[n]:
            by_label[t.passages[n]["label"]] = by_label.get(t.passages[n]["label"], 0) + 1
    if not by_label:
        return []
    worst = max(sorted(by_label), key=lambda lab: by_label[lab])
    of = record.get("per_label", {}).get(worst, "?")
    what = (
        f"{by_label[worst]} of the {of} practice passages with this label not found yet"
        if practice
        else (f"{by_label[worst]} of {of} still to find")
    )
    lines = [f"The label most often missed is \u201c{worst}\u201d ({what})."]
    hint = (meta.get("hints") or {}).get(worst) or meta.get("hint")
    if hint:
        lines.append(f"Hint: {hint}")
    return lines


class _Tally(NamedTuple):
    """What a highlight check counted: the record's passages, which were found, and stray marks."""

    passages: list[Any]
    found: list[bool]
    required: list[int]
    n_found: int
    either_found: int
    outside_marks: int


def _practice_lines(meta: dict[str, Any], record: dict[str, Any], t: _Tally) -> list[str]:
    """Feedback from a record with a hidden part: only the practice passages are known here, so it never
    says how many passages there are in all, and marks outside them may still count."""
    total = len(t.required)
    lines = [
        f"You found {t.n_found} of the {total} practice passage{'s' * (total != 1)} this copy can check."
    ]
    if t.either_found:
        lines.append(
            f"You also found {t.either_found} debatable practice passage{'s' * (t.either_found != 1)}."
        )
    if t.n_found >= total:
        lines.append("Well done with those.")
    else:
        lines += _missed_line(meta, record, t, True)
    if t.outside_marks:
        lines.append(
            f"{t.outside_marks} of your marks are not in a practice passage. They may still count, "
            "because your teacher's key has more passages: check that each mark fits its label."
        )
    lines.append(f"This copy checks only some of the passages. {GRADED_LATER}")
    if t.n_found < total:
        lines.append(_pointer(meta).strip())
    return lines


def _full_lines(meta: dict[str, Any], record: dict[str, Any], t: _Tally) -> list[str]:
    """Feedback from a record that knows every passage (a self-study copy, or an all-public key)."""
    from kit.grading.scoring import FREE_EXTRAS

    total = len(t.required)
    enough = int(record.get("enough") or total)
    lines = [f"You found {t.n_found} of {total} passages."]
    if enough < total:
        lines[0] = f"You found {t.n_found} of {total} passages; {enough} are enough for full marks."
    if t.either_found:
        lines.append(
            f"You also marked {t.either_found} debatable passage{'s' * (t.either_found != 1)}: "
            "they count, and leaving them would cost nothing."
        )
    if t.n_found >= enough:
        lines.append("Well done: that is all that is needed.")
    else:
        lines += _missed_line(meta, record, t, False)
    if t.outside_marks:
        cost = (
            " The first two cost nothing."
            if t.outside_marks > FREE_EXTRAS
            else " A couple of extra marks cost nothing."
        )
        lines.append(
            f"{t.outside_marks} of your marks are not in any passage of the answer, or have another "
            f"label. Check that each mark fits its label.{cost}"
        )
    if t.n_found < enough:
        lines.append(_pointer(meta).strip())
    return lines


def _reveal_highlight(reveal: list[dict[str, Any]]) -> str:
    """The whole key of a self-study copy, with reasons (shown only after an attempt)."""
    parts = []
    for item in reveal:
        note = "" if item.get("status", "required") == "required" else " (debatable: optional)"
        why = f" Why: {item['why']}" if item.get("why") else ""
        parts.append(f"\u201c{item['text']}\u201d ({item['label']}){note}.{why}")
    return "The full answer: " + " ".join(parts)


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
    if record.get("hidden"):  # no key in this copy: say whether the answer is complete, never if it is right
        return _form_message(meta, record, answer)
    message = _verdict(meta, record, answer)
    reveal = record.get("reveal")
    if isinstance(reveal, dict):
        why = f" Why: {reveal['why']}" if reveal.get("why") else ""
        message += f" The answer: {_plain(reveal.get('answer'))}.{why}"
    return message


def _plain(value: Any) -> str:
    """A key value as a learner reads it (lists and sorts as plain text, not Python)."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(f"\u201c{v}\u201d" for v in value)
    return f"\u201c{value}\u201d" if isinstance(value, str) else str(value)


def _form_message(meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
    """Self-check of a question whose key is hidden: is the answer well-formed and complete?"""
    hint = meta.get("hint")
    tail = (f" Hint: {hint}" if hint else "") + _pointer(meta)
    kind = record.get("kind")
    if record.get("sort"):
        shape = f"You sorted {len(answer)} sentence{'s' * (len(answer) != 1)}."
    elif record.get("multi") and kind != "words":
        picks = answer if isinstance(answer, (list, tuple, set)) else [answer]
        shape = f"You picked {len(set(picks))} option{'s' * (len(set(picks)) != 1)}."
    elif kind == "number" or kind == "number-any":
        if not isinstance(answer, (int, float)) or isinstance(answer, bool):
            return "The answer should be a number, like 3." + tail
        shape = "That is a number: good."
    elif kind == "bool" and not isinstance(answer, bool):
        return "The answer should be True or False." + tail
    else:
        shape = "Your answer is saved."
    unknown = "This copy does not hold the answer, so it cannot say if it is right."
    return f"{shape} {GRADED_LATER} {unknown}{tail}"


def _verdict(meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
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
    from kit.grading.questions import question_type

    try:
        kind = question_type(str(meta.get("type")))
    except KeyError:
        return Feedback("This question's type is unknown to this kit. Ask your teacher for a fresh copy.")
    if not kind.checks_answer:  # free text and code: what to do, not a verdict
        return Feedback(kind.self_check(meta, record, None))
    if answer is None:
        if kind.answer_from_store:
            answer = _stored_answer(grade_id, notebook)
        else:
            answer = _variable_answer(record.get("variable", ""))
    try:
        if answer is None or answer is Ellipsis or answer == [] or answer == "":
            message = "Not answered yet. Give your answer first, then check again."
        else:
            message = kind.self_check(meta, record, answer)
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
