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

    def key_answer(self, nb: Any, question: Any, key: Any) -> None:
        from kit.grading.testing import set_source

        set_source(nb, question.grade_id, str(question.key).strip())


register(Text())
