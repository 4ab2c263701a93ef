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

    def check_record(
        self, question: Any, article: Any, salt: str, self_study: bool = False
    ) -> tuple[dict[str, Any], list[str]]:
        """Hashes of the public passages only (kit.grading.keysplit); a self-study record hashes all of
        them and adds the key in plain form (``reveal``), shown after an attempt."""
        from kit.grading.format import resolve_highlight_key
        from kit.grading.keysplit import public_passages
        from kit.grading.scoring import article_words, words_in
        from kit.selfcheck import unit_hash, word_unit

        spans, notes = resolve_highlight_key(question, article)
        shown = [True] * len(spans) if self_study else public_passages(list(question.key))
        words = article_words(article.text)
        units: dict[str, list[int]] = {}
        extent_units: set[str] = set()
        passages: list[dict[str, Any]] = []
        for span, public in zip(spans, shown, strict=True):
            if not public:
                continue  # hidden: never hashed, never counted in the learner's copy
            number = len(passages)
            core = words_in(words, *span.core())
            passages.append({"label": span.label, "words": len(core), "status": span.status})
            for index in core:
                units.setdefault(unit_hash(salt, word_unit(span.label, index)), []).append(number)
            for index in words_in(words, span.start, span.end):
                extent_units.add(unit_hash(salt, word_unit(span.label, index)))
        required = [s for s, public in zip(spans, shown, strict=True) if public and s.status == "required"]
        record: dict[str, Any] = {
            "article_sha": article.sha,
            "passages": passages,
            "units": units,
            "extent_units": sorted(extent_units),
            "per_label": dict(sorted(Counter(s.label for s in required).items())),
        }
        if not all(shown):
            record["hidden"] = True  # the teacher's key has more; how many is not said
        elif question.meta.get("enough"):
            record["enough"] = int(question.meta["enough"])
        if self_study:
            record["reveal"] = [
                {"text": article.text[s.start : s.end], "label": s.label, "status": s.status, "why": s.why}
                for s in spans
                if s.status != "accept"
            ]
        return record, notes

    def self_check(self, meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
        from kit.selfcheck import _check_highlight

        return _check_highlight(meta, record, answer)

    def grade(self, question: Any, key: Any, got: Any) -> Any:
        """Highlights made on another version of the article cannot be compared with the key."""
        from kit.grading.questions import Graded
        from kit.grading.scoring import Score

        if got.payload is not None and got.payload.get("article_sha") not in (None, got.article_sha):
            score = Score(0.0, question.points, "invalid", "These highlights were made on another article.")
            flag = f"'{question.grade_id}': the highlights are for another article version."
            return Graded(score, self.answer_text(got.payload.get("value")), [flag])
        return super().grade(question, key, got)

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
