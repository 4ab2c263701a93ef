"""text: free writing in a markdown cell, graded by hand with rubric levels (points for every level)."""

from __future__ import annotations

from typing import Any

from kit.grading.questions import ParseContext, QuestionType, register


class Text(QuestionType):
    name = "text"
    auto = False
    needs_key_block = False
    answer_from_store = False
    checks_answer = False

    def parse(self, ctx: ParseContext) -> None:
        from kit.grading.format import LEVELS

        if ctx.cell.get("cell_type") != "markdown":
            raise ctx.error("a text question is a markdown cell.")
        rubric = ctx.meta.get("rubric")
        if not isinstance(rubric, dict) or any(level not in rubric for level in LEVELS):
            raise ctx.error(f"medialit.rubric must give the levels {', '.join(LEVELS)}.")
        for level in LEVELS:
            entry = rubric[level]
            if not isinstance(entry, dict) or not isinstance(entry.get("points"), (int, float)):
                raise ctx.error(f"rubric level {level} needs points, means and sample.")
        points = ctx.question.points
        level_points = [float(rubric[level]["points"]) for level in LEVELS]
        if not points >= level_points[0] >= level_points[1] >= level_points[2] >= 0:
            raise ctx.error(
                f"rubric points must go down from {LEVELS[0]} (at most the question's {points:g} points) "
                f"to {LEVELS[-1]} (at least 0); now {level_points}."
            )
        ctx.question.key = ctx.block if ctx.block is not None else ctx.cell.get("source", "")

    def public_meta(self, meta: dict[str, Any]) -> dict[str, Any]:
        """Learners see each level's meaning and points, never the teacher's sample answer."""
        if isinstance(meta.get("rubric"), dict):
            meta["rubric"] = {
                level: {k: v for k, v in entry.items() if k != "sample"} if isinstance(entry, dict) else entry
                for level, entry in meta["rubric"].items()
            }
        return meta

    def strip(self, source: str, question: Any) -> str:
        from kit.grading.format import BEGIN_SOLUTION, END_SOLUTION, TEXT_PLACEHOLDER, remove_block

        if BEGIN_SOLUTION in source:
            return remove_block(source, BEGIN_SOLUTION, END_SOLUTION, TEXT_PLACEHOLDER)
        return TEXT_PLACEHOLDER

    def self_check(self, meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
        levels = meta.get("rubric") or {}
        parts = [
            f"{name}: {entry.get('means', '')}" for name, entry in levels.items() if isinstance(entry, dict)
        ]
        return (
            "Your teacher reads this answer. Check it against the levels: "
            + " ".join(parts)
            + (f" Hint: {meta['hint']}" if meta.get("hint") else "")
        )

    def grade(self, question: Any, key: Any, got: Any) -> Any:
        """Hand grading: the teacher's level (and comment) from manual.csv, pending until there is one;
        flagged when the answer changed after it was graded."""
        from kit.grading.format import TEXT_PLACEHOLDER
        from kit.grading.questions import Graded
        from kit.grading.running import answer_sha
        from kit.grading.scoring import Score, score_rubric

        text = "" if got.cell is None else got.cell.source.strip()
        if not text or text == TEXT_PLACEHOLDER:
            return Graded(Score(0.0, question.points, "not answered", "No answer written."), "")
        entry, flags = got.manual or {}, []
        if entry.get("answer_sha") and entry["answer_sha"] != answer_sha(text):
            flags.append(
                f"'{question.grade_id}': the answer changed after it was graded by hand; please re-grade."
            )
        score = score_rubric(entry.get("level"), entry.get("points"), question.points)
        if entry.get("comment"):
            score = Score(score.points, score.max_points, score.status, str(entry["comment"]), score.details)
        return Graded(score, text, flags)

    def key_answer(self, nb: Any, question: Any, key: Any) -> None:
        from kit.grading.testing import set_source

        set_source(nb, question.grade_id, str(question.key).strip())

    def key_sheet_answer(self, question: Any) -> str:
        """The sample answer, as the printed key sheet states it."""
        return f"A sample answer: {question.key}" if question.key else ""


register(Text())
