"""choice: pick one option, or several (scored with the share of right minus the share of wrong ticks)."""

from __future__ import annotations

from typing import Any

from kit.grading.questions import ParseContext, QuestionType, register


def parse_options(ctx: ParseContext, what: str) -> list[str]:
    """``medialit.options``: at least two texts (choice options or sort categories)."""
    options = ctx.meta.get("options")
    if not isinstance(options, list) or len(options) < 2 or not all(isinstance(o, str) for o in options):
        raise ctx.error(f"medialit.options must list at least two {what} (text).")
    return options


class Choice(QuestionType):
    name = "choice"

    def parse(self, ctx: ParseContext) -> None:
        from kit.grading.format import _literal

        options = parse_options(ctx, "options")
        key = _literal(ctx.path, ctx.grade_id, ctx.block or "", "an option, or a list of options")
        keys = [key] if isinstance(key, str) else key
        if not isinstance(keys, list) or not keys or any(k not in options for k in keys):
            raise ctx.error(f"the key {key!r} must be one of the options {options} (or a list of them).")
        if not ctx.meta.get("multiple") and not isinstance(key, str):
            raise ctx.error("a single-choice key is one option; set medialit.multiple = true for several.")
        ctx.question.key = key

    def check_record(
        self, question: Any, article: Any, salt: str, self_study: bool = False
    ) -> tuple[dict[str, Any], list[str]]:
        """Hashes of the key only when the author made it public (a handful of options is easy to try
        one by one); a self-study record also holds the key (kit.grading.keysplit)."""
        from kit.grading.keysplit import reveal_values, value_public
        from kit.selfcheck import unit_hash, value_unit

        multi = bool(question.meta.get("multiple"))
        if not (self_study or value_public(question.meta)):
            return {"multi": multi, "hidden": True}, []
        keys = [question.key] if isinstance(question.key, str) else list(question.key)
        record = {
            "multi": multi,
            "right": len(keys),
            "hashes": sorted(unit_hash(salt, value_unit(k)) for k in keys),
        }
        if self_study:
            record["reveal"] = reveal_values(question.key, question.meta)
        return record, []

    def self_check(self, meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
        from kit.selfcheck import _check_values

        return _check_values(meta, record, answer)

    def score(self, question: Any, key: Any, value: Any) -> Any:
        from kit.grading.scoring import score_choice

        multiple = bool(question.meta.get("multiple"))
        return score_choice(value, question.key, question.points, multiple, question.meta.get("options"))

    def key_answer(self, nb: Any, question: Any, key: Any) -> None:
        from kit.grading.testing import set_choice

        set_choice(nb, question.grade_id, question.key)

    def answer_line(self, answer: str) -> str:
        return f"Your answer: {answer}" if answer else ""

    def key_sheet_answer(self, question: Any) -> str:
        """The right option(s), as the printed key sheet states them."""
        return ", ".join(question.key) if isinstance(question.key, list) else str(question.key)


register(Choice())
