"""code: the learner writes Python; visible and hidden test cells decide (run in the sandbox)."""

from __future__ import annotations

from typing import Any

from kit.grading.questions import ParseContext, QuestionType, register


class Code(QuestionType):
    name = "code"
    answer_from_store = False
    learner_code = True
    points_from_tests = True
    checks_answer = False

    def parse(self, ctx: ParseContext) -> None:
        tests = ctx.meta.get("tests")
        if not isinstance(tests, list) or not tests or not all(isinstance(t, str) for t in tests):
            raise ctx.error("medialit.tests must list the grade_ids of the test cells.")
        ctx.question.key, ctx.question.tests = ctx.block, list(tests)

    def strip(self, source: str, question: Any) -> str:
        from kit.grading.build import CODE_PLACEHOLDER
        from kit.grading.format import BEGIN_SOLUTION, END_SOLUTION, remove_block

        return remove_block(
            source, BEGIN_SOLUTION, END_SOLUTION, question.meta.get("placeholder") or CODE_PLACEHOLDER
        )

    def self_check(self, meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
        from kit.selfcheck import _pointer

        return (
            "Run the test cell below your answer: if it shows no error, the visible tests pass. "
            "More tests are run when your work is graded." + _pointer(meta)
        )

    def key_answer(self, nb: Any, question: Any, key: Any) -> None:
        from kit.grading.format import BEGIN_SOLUTION, END_SOLUTION, split_block
        from kit.grading.testing import set_source

        original = key.solution.cell(question.grade_id).source
        parts = split_block(original, BEGIN_SOLUTION, END_SOLUTION)
        set_source(nb, question.grade_id, (parts[0] + parts[1] + parts[2]) if parts else original)


register(Code())
