"""literal: the learner writes `name = <value>` (a number, a word list, True/False or a short string)."""

from __future__ import annotations

from typing import Any

from kit.grading.questions import ParseContext, QuestionType, register


class Literal(QuestionType):
    name = "literal"
    answer_from_store = False
    learner_code = True

    def parse(self, ctx: ParseContext) -> None:
        from kit.grading.format import LITERAL_KINDS, literal_assignment

        kind = ctx.meta.get("answer_kind")
        if kind not in LITERAL_KINDS:
            raise ctx.error(f"medialit.answer_kind must be one of {', '.join(LITERAL_KINDS)}.")
        name, value, problem = literal_assignment(ctx.block or "")
        if problem or name is None:
            raise ctx.error("the SOLUTION block must hold one line `name = <plain value>`.")
        ctx.question.variable, ctx.question.key = name, value

    def strip(self, source: str, question: Any) -> str:
        from kit.grading.format import BEGIN_SOLUTION, END_SOLUTION, remove_block

        stub = question.meta.get("placeholder") or f"{question.variable} = ...  # your answer here"
        return remove_block(source, BEGIN_SOLUTION, END_SOLUTION, stub)

    def check_record(
        self, question: Any, article: Any, salt: str, self_study: bool = False
    ) -> tuple[dict[str, Any], list[str]]:
        """Hashes of the key only when the author made it public (a count or True/False is easy to try);
        a self-study record also holds the key (kit.grading.keysplit)."""
        from kit.grading.keysplit import reveal_values, value_public
        from kit.grading.scoring import normalize_words
        from kit.selfcheck import unit_hash, value_unit

        kind = question.meta["answer_kind"]
        record: dict[str, Any] = {"kind": kind, "variable": question.variable}
        if self_study:
            record["reveal"] = reveal_values(question.key, question.meta)
        if not (self_study or value_public(question.meta)):
            record["hidden"] = True
            record["multi"] = kind == "words"
        elif kind == "number" and float(question.meta.get("tolerance") or 0) > 0:
            record["kind"] = "number-any"
        elif kind == "words":
            words_key = normalize_words(question.key) or []
            record.update(
                multi=True,
                right=len(words_key),
                hashes=sorted(unit_hash(salt, value_unit(w)) for w in words_key),
            )
        else:
            record["hashes"] = [unit_hash(salt, value_unit(question.key))]
        return record, []

    def self_check(self, meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
        from kit.selfcheck import _check_values

        return _check_values(meta, record, answer)

    def score(self, question: Any, key: Any, value: Any) -> Any:
        """``value`` is the answer cell's source (None when the cell was deleted)."""
        from kit.grading.format import literal_assignment
        from kit.grading.scoring import Score, score_literal

        if value is None:
            return Score(0.0, question.points, "not answered", "The answer cell was deleted.")
        name, parsed, problem = literal_assignment(value)
        if problem or name is None:
            return Score(0.0, question.points, "invalid" if "..." not in value else "not answered", problem)
        if name != question.variable:
            return Score(
                0.0, question.points, "invalid", f"Write your answer as `{question.variable} = ...`."
            )
        tolerance = float(question.meta.get("tolerance") or 0)
        score = score_literal(parsed, question.key, question.meta["answer_kind"], question.points, tolerance)
        answer = "" if parsed is Ellipsis or parsed is None else repr(parsed)
        return Score(
            score.points, score.max_points, score.status, score.message, {**score.details, "answer": answer}
        )

    def grade(self, question: Any, key: Any, got: Any) -> Any:
        """The answer is the cell's own source, read as a literal (never run for its score)."""
        from kit.grading.questions import Graded

        score = self.score(question, key, None if got.cell is None else got.cell.source)
        return Graded(score, str(score.details.get("answer", "")))

    def key_answer(self, nb: Any, question: Any, key: Any) -> None:
        from kit.grading.testing import set_source

        set_source(nb, question.grade_id, f"{question.variable} = {question.key!r}")

    def answer_line(self, answer: str) -> str:
        return f"Your answer: {answer}" if answer else ""

    def key_sheet_answer(self, question: Any) -> str:
        """The right option(s), as the printed key sheet states them."""
        return ", ".join(question.key) if isinstance(question.key, list) else str(question.key)


register(Literal())
