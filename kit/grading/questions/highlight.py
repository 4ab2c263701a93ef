"""highlight: the learner marks passages of the article with labels (scored per passage)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kit.grading.questions import ParseContext, QuestionType, register


class Highlight(QuestionType):
    name = "highlight"
    check_button = True

    def parse(self, ctx: ParseContext) -> None:
        from kit.grading.format import _highlight_key

        labels = ctx.meta.get("labels")
        if not isinstance(labels, list) or not labels or not all(isinstance(x, str) for x in labels):
            raise ctx.error("medialit.labels must list the highlight labels.")
        ctx.question.key = _highlight_key(ctx.path, ctx.grade_id, ctx.block or "", labels)
        enough = ctx.meta.get("enough")
        whole = isinstance(enough, int) and not isinstance(enough, bool)
        if enough is not None and not (whole and enough >= 1):
            raise ctx.error("medialit.enough must be a whole number ≥ 1 (passages for full marks).")

    def check_record(self, question: Any, article: Any, salt: str) -> tuple[dict[str, Any], list[str]]:
        from kit.grading.format import resolve_highlight_key
        from kit.grading.scoring import article_words, words_in
        from kit.selfcheck import unit_hash, word_unit

        spans, notes = resolve_highlight_key(question, article)
        words = article_words(article.text)
        units: dict[str, list[int]] = {}
        extent_units: set[str] = set()
        passages = []
        for number, span in enumerate(spans):
            core = words_in(words, *span.core())
            passages.append({"label": span.label, "words": len(core), "status": span.status})
            for index in core:
                units.setdefault(unit_hash(salt, word_unit(span.label, index)), []).append(number)
            for index in words_in(words, span.start, span.end):
                extent_units.add(unit_hash(salt, word_unit(span.label, index)))
        required = [s for s in spans if s.status == "required"]
        record: dict[str, Any] = {
            "article_sha": article.sha,
            "passages": passages,
            "units": units,
            "extent_units": sorted(extent_units),
            "per_label": dict(sorted(Counter(s.label for s in required).items())),
        }
        if question.meta.get("enough"):
            record["enough"] = int(question.meta["enough"])
        return record, notes

    def self_check(self, meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
        from kit.selfcheck import _check_highlight

        return _check_highlight(meta, record, answer)

    def score(self, question: Any, key: Any, value: Any) -> Any:
        from kit.grading.scoring import score_highlight
        from kit.spans import Span

        if value is None:
            spans: list[Span] = []
        elif not isinstance(value, list):
            from kit.errors import KitError

            raise KitError("the highlights are not a list")
        else:
            spans = [Span.from_dict(v) for v in value]
        gid = question.grade_id
        return score_highlight(
            key.article_text, spans, key.spans[gid], question.points, question.meta.get("enough")
        )

    def key_answer(self, nb: Any, question: Any, key: Any) -> None:
        from kit.grading.testing import set_highlights
        from kit.spans import Span

        gid = question.grade_id
        marks = [Span(s.start, s.end, s.label) for s in key.spans[gid] if s.status != "accept"]
        set_highlights(nb, gid, marks, key.article_sha, question.meta.get("labels"))

    def answer_text(self, value: Any) -> str:
        return ""  # the passages table in the feedback says what was marked


register(Highlight())
