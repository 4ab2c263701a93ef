"""sort: put sentences into categories (per-sentence credit with a guessing correction)."""

from __future__ import annotations

from typing import Any

from kit.grading.questions import ParseContext, QuestionType, register
from kit.grading.questions.choice import parse_options


class Sort(QuestionType):
    name = "sort"

    def parse(self, ctx: ParseContext) -> None:
        from kit.grading.format import _literal

        options = parse_options(ctx, "categories")
        key = _literal(ctx.path, ctx.grade_id, ctx.block or "", "a dict {sentence_id: category}")
        if (
            not isinstance(key, dict)
            or not key
            or not all(isinstance(k, str) and v in options for k, v in key.items())
        ):
            raise ctx.error(
                f"the key must be a dict {{sentence_id: category}} with categories from {options}."
            )
        accept = ctx.meta.get("accept", {})
        if not isinstance(accept, dict) or not all(
            sid in key and isinstance(cats, list) and all(c in options for c in cats)
            for sid, cats in accept.items()
        ):
            raise ctx.error("medialit.accept must map sentence ids of the key to lists of other categories.")
        ctx.question.key = key

    def check_record(
        self, question: Any, article: Any, salt: str, self_study: bool = False
    ) -> tuple[dict[str, Any], list[str]]:
        """Hashes of the key only when the author made it public (each sentence has only a few
        categories to try); a self-study record also holds the key (kit.grading.keysplit)."""
        from kit.grading.keysplit import reveal_values, value_public
        from kit.grading.scoring import sort_accepted
        from kit.selfcheck import unit_hash, value_unit

        if not (self_study or value_public(question.meta)):
            return {"multi": True, "sort": True, "hidden": True}, []
        accepted = sort_accepted(question.key, question.meta.get("accept"))
        units = sorted(f"{sid}={cat}" for sid, cats in accepted.items() for cat in cats)
        record = {
            "multi": True,
            "sort": True,
            "right": len(accepted),
            "hashes": sorted(unit_hash(salt, value_unit(u)) for u in units),
        }
        if self_study:
            record["reveal"] = reveal_values(dict(question.key), question.meta)
        return record, []

    def self_check(self, meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
        from kit.grading.scoring import sort_units
        from kit.selfcheck import _check_values

        units = sort_units(answer)
        if units is None:
            return "The answer should give a category for each sentence."
        return _check_values(meta, record, units)

    def score(self, question: Any, key: Any, value: Any) -> Any:
        from kit.grading.scoring import score_sort

        meta = question.meta
        return score_sort(value, question.key, question.points, meta.get("options"), meta.get("accept"))

    def key_answer(self, nb: Any, question: Any, key: Any) -> None:
        from kit.grading.testing import _cell, answer_output

        _cell(nb, question.grade_id).outputs = [answer_output(question.grade_id, "sort", dict(question.key))]

    def key_sheet_answer(self, question: Any) -> str:
        """Each sentence's category, as the printed key sheet states them."""
        if not isinstance(question.key, dict):
            return ""
        return "; ".join(f"{sid}: {cat}" for sid, cat in question.key.items())


register(Sort())
