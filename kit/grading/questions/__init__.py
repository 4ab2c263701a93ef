"""One module per question type: everything the kit does with a type lives in that type's module.

Each module defines a :class:`QuestionType` and registers it in :data:`REGISTRY`. Build, grading,
self-check, testing and reports ask the registry instead of branching on the type, so adding a type
touches one file (plus its line in ``_MODULES``). See docs/AUTHORING.md for the cell format and
docs/SCORING.md for how each type is scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kit.grading.format import Question
    from kit.grading.running import Key
    from kit.grading.scoring import Score


@dataclass
class ParseContext:
    """What a type's parser gets: where the cell is, its metadata and its SOLUTION block."""

    path: Path
    grade_id: str
    meta: dict[str, Any]
    block: str | None  # the text between the SOLUTION markers, or None
    cell: Any
    question: Question

    def error(self, what: str) -> Exception:
        from kit.grading.format import _error

        return _error(self.path, self.grade_id, what)


@dataclass
class Submitted:
    """What the grader found for one question in one hand-in."""

    learner: str
    cell: Any  # the learner's cell with the question's grade id, or None when it was deleted
    payload: dict[str, Any] | None  # the widget's saved answer payload, or None when none was saved
    manual: dict[str, Any] | None  # the teacher's hand-grading entry from manual.csv, if any
    article_sha: str  # the key's article, to notice answers made on another one


@dataclass
class Graded:
    """One question's score, the answer as the gradebook quotes it, and flags for the teacher."""

    score: Score
    answer: str = ""
    flags: list[str] = field(default_factory=list)


class QuestionType:
    """The default behaviour; each type module overrides what differs."""

    name = ""
    auto = True  # scored by `medialit grade` without a person
    needs_key_block = True  # the cell must have a SOLUTION block
    answer_from_store = True  # the learner's answer is a widget payload (else: the cell's source)
    check_button = False  # build adds a "Check my answer" button cell after it
    checks_answer = True  # self-check judges the answer (text and code say what to do instead)
    learner_code = False  # the answer cell holds learner code that grading runs (literal, code)
    points_from_tests = False  # points are the sum of its test cells' points (code), not the cell's own

    def parse(self, ctx: ParseContext) -> None:
        """Read the key (and type-specific metadata) into ``ctx.question``, or raise ctx.error(...)."""

    def strip(self, source: str, question: Question) -> str:
        """The cell source learners get: the SOLUTION block removed or replaced by a placeholder."""
        from kit.grading.format import BEGIN_SOLUTION, END_SOLUTION, remove_block

        return remove_block(source, BEGIN_SOLUTION, END_SOLUTION)

    def check_record(
        self, question: Question, article: Any, salt: str, self_study: bool = False
    ) -> tuple[dict[str, Any], list[str]]:
        """Fields added to the self-check record and author notes. A normal record holds hashes and counts
        of the key's public part only (kit.grading.keysplit); a ``self_study`` one may hold the key."""
        return {}, []

    def self_check(self, meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
        """The learner's self-check message for ``answer`` (already known to be given)."""
        raise NotImplementedError

    def score(self, question: Question, key: Key, value: Any) -> Score:
        """Score a learner's answer value (a widget payload's value, or the cell's source)."""
        raise NotImplementedError

    def grade(self, question: Question, key: Key, got: Submitted) -> Graded:
        """Score what the learner handed in for this question (a widget type by default: the payload's
        value; a damaged value scores 0 as invalid, never stops the batch). Code questions are graded
        apart, in the sandbox (kit.grading.verdict), so ``code`` does not use this."""
        from kit.errors import KitError
        from kit.grading.scoring import Score

        value = None if got.payload is None else got.payload.get("value")
        try:
            score = self.score(question, key, value)
        except KitError as err:
            score = Score(0.0, question.points, "invalid", f"The answer could not be read ({err}).")
        return Graded(score, self.answer_text(value))

    def key_answer(self, nb: Any, question: Question, key: Key) -> None:
        """Fill ``nb`` (an exercise copy) with the key's answer to this question (for tests)."""
        raise NotImplementedError

    def public_meta(self, meta: dict[str, Any]) -> dict[str, Any]:
        """The question's metadata as learners get it (PRIVATE_KEYS are already gone)."""
        return meta

    def answer_text(self, value: Any) -> str:
        """The answer as the gradebook and feedback quote it ("" for nothing worth quoting)."""
        return "" if value is None else str(value)

    def answer_line(self, answer: str) -> str:
        """A feedback line quoting the learner's answer, or "" when the feedback says enough already."""
        return ""

    def key_sheet_answer(self, question: Question) -> str:
        """The key's answer as the teacher's printed key sheet states it (kit.pack); "" for none.
        Highlight keys are printed passage by passage from the article instead."""
        return ""


_MODULES = ("highlight", "choice", "sort", "literal", "text", "code", "searchlog")
REGISTRY: dict[str, QuestionType] = {}


def question_type(name: str) -> QuestionType:
    """The registered type called ``name`` (KeyError if there is none)."""
    if len(REGISTRY) < len(_MODULES):  # a type module imported on its own registers only itself
        for module in _MODULES:
            import_module(f"kit.grading.questions.{module}")
    return REGISTRY[name]


def register(qtype: QuestionType) -> QuestionType:
    REGISTRY[qtype.name] = qtype
    return qtype


def types() -> tuple[str, ...]:
    """The names of all question types, in the order docs/AUTHORING.md lists them."""
    return _MODULES
