"""searchlog: the lateral-reading log, in one place: parse the key, strip it, score, self-check, feedback.

A search-log answer (kind ``"searchlog"``, made by :class:`kit.widgets.searchlog.SearchLog`) is a list
of entries, one per search a learner did while reading laterally::

    {"query": "...", "source": "...", "who": "...", "says": "...", "trust": "...", "side": "..."}

The key (between the SOLUTION markers of the question cell) is a plain Python dict, never run:

    {"article_side": ["badr", "iran press", ...],  # names (1-4 words) of sources on the article's side
     "sample": [ {entry}, {entry}, ... ]}    # a model log: what key_as_submission hands in

Automatic checks, each worth the points in ``metadata.medialit.checks`` (a teacher reads the reasoning
through the rubric of the written question that follows the log):

* ``complete``: at least ``min_entries`` entries (default 3) with every field filled in;
* ``outside``: at least one source outside the article (a source that is not the article itself);
* ``independent``: at least one source the learner marks as independent of the article's side whose
  source and owner name no one on the article's side (names matched as whole word runs).

Self-check records hold salted hashes of the article-side names only, never the names themselves.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kit.grading.questions import ParseContext, QuestionType, register
from kit.grading.scoring import Score, _round, _status

FIELDS = ("query", "source", "who", "says", "trust", "side")
FIELD_LABELS = {
    "query": "What I searched for",
    "source": "Source I found (name or web address)",
    "who": "Who runs it",
    "says": "What it says",
    "trust": "How far I trust it",
    "side": "Is it independent of the article's side?",
}
TRUST_OPTIONS = ("a lot", "somewhat", "a little", "not at all", "cannot tell yet")
SIDE_OPTIONS = ("independent", "same side as the article", "not sure")
CHECKS = ("complete", "outside", "independent")
DEFAULT_CHECKS = {"complete": 1.0, "outside": 1.0, "independent": 1.0}
ARTICLE_ITSELF = ("the article", "this article", "the same article", "the page itself", "the seed")
_WORD = re.compile(r"[a-z0-9]+")
MAX_ENTRIES = 40
MAX_CHARS = 600
MAX_PHRASE = 4  # longest article-side name, in words ("kataib hezbollah", "iran press")


def words(text: str) -> list[str]:
    """Lowercase words of a field, with apostrophes and hyphens splitting words ("al-Mayadeen")."""
    return _WORD.findall(str(text).lower().replace("’", "'"))


def phrases_in(text: str) -> set[str]:
    """Every run of 1 to MAX_PHRASE words in ``text``, so "Iran Press" matches as a name but "Associated
    Press" never matches "iran press" word by word."""
    ws = words(text)
    return {" ".join(ws[i : i + n]) for n in range(1, MAX_PHRASE + 1) for i in range(len(ws) - n + 1)}


def clean_entry(raw: Any) -> dict[str, str] | None:
    """One entry with exactly the known fields as trimmed text, or None if it is not a dict."""
    if not isinstance(raw, dict):
        return None
    entry = {f: " ".join(str(raw.get(f) or "").split())[:MAX_CHARS] for f in FIELDS}
    if entry["trust"] and entry["trust"] not in TRUST_OPTIONS:
        entry["trust"] = ""
    if entry["side"] and entry["side"] not in SIDE_OPTIONS:
        entry["side"] = ""
    return entry


def clean_log(value: Any) -> list[dict[str, str]] | None:
    """A saved log as a list of clean entries (empty entries dropped), or None if it is not a list."""
    if not isinstance(value, list):
        return None
    out = [e for e in (clean_entry(v) for v in value[:MAX_ENTRIES]) if e and any(e.values())]
    return out


# -- parse ------------------------------------------------------------------------------------------
def parse_key(path: Path, gid: str, key: Any, meta: dict[str, Any]) -> dict[str, Any]:
    """Check a searchlog key (already read with ast.literal_eval) and its metadata; raise on problems."""
    from kit.grading.format import ExerciseFormatError

    def bad(what: str) -> ExerciseFormatError:
        return ExerciseFormatError(f"{path.name}, cell '{gid}': {what} See docs/AUTHORING.md.")

    if not isinstance(key, dict) or set(key) - {"article_side", "sample"}:
        raise bad("the key must be a dict with 'article_side' (a list of names) and 'sample' (a log).")
    side = key.get("article_side")
    if not isinstance(side, list) or not side or not all(isinstance(w, str) and w.strip() for w in side):
        raise bad("'article_side' must list the names of sources on the article's side.")
    sample = clean_log(key.get("sample"))
    if not sample:
        raise bad("'sample' must be a non-empty list of log entries (dicts with the log's fields).")
    checks = meta.get("checks", DEFAULT_CHECKS)
    if (
        not isinstance(checks, dict)
        or not checks
        or any(c not in CHECKS or not isinstance(p, (int, float)) or p <= 0 for c, p in checks.items())
    ):
        raise bad(f"medialit.checks must give points above 0 for some of {', '.join(CHECKS)}.")
    phrases = sorted({" ".join(words(phrase)) for phrase in side} - {""})
    if any(len(p.split()) > MAX_PHRASE for p in phrases):
        raise bad(f"each 'article_side' name must be at most {MAX_PHRASE} words long.")
    parsed = {"article_side": phrases, "sample": sample}
    result = evaluate(sample, parsed, _min_entries(meta))
    failed = [c for c in checks if not result[c]]
    if failed:
        raise bad(f"the sample log fails its own checks ({', '.join(failed)}); fix the sample.")
    return parsed


def _min_entries(meta: dict[str, Any]) -> int:
    value = meta.get("min_entries", 3)
    return int(value) if isinstance(value, int) and value >= 1 else 3


def points_of(meta: dict[str, Any]) -> dict[str, float]:
    """Points per automatic check, from metadata.medialit.checks."""
    checks = meta.get("checks", DEFAULT_CHECKS)
    return {c: float(p) for c, p in checks.items()}


# -- score ------------------------------------------------------------------------------------------
def _is_article_itself(entry: dict[str, str]) -> bool:
    source = entry["source"].lower().strip(" .")
    return not source or source in ARTICLE_ITSELF


def evaluate(
    log: list[dict[str, str]], key: dict[str, Any], min_entries: int, side_match: Any = None
) -> dict[str, bool]:
    """Which checks the log passes. ``side_match(phrase)`` says if a run of words names the article's
    side (default: membership in the key's ``article_side`` names; self-check passes a hash test)."""
    side_phrases = set(key.get("article_side", []))
    match = side_match or (lambda phrase: phrase in side_phrases)
    complete = [e for e in log if all(e[f] for f in FIELDS)]
    outside = [e for e in log if not _is_article_itself(e)]
    independent = [
        e
        for e in outside
        if e["side"] == "independent" and not any(match(p) for p in phrases_in(e["source"] + " " + e["who"]))
    ]
    return {
        "complete": len(complete) >= min_entries,
        "outside": bool(outside),
        "independent": bool(independent),
    }


MESSAGES = {
    "complete": (
        "Every search has all its boxes filled in.",
        "Fill in every box for at least {n} searches: query, source, who runs it, what it says, trust, side.",
    ),
    "outside": (
        "You found sources outside the article.",
        "Leave the article: log at least one source you found somewhere else.",
    ),
    "independent": (
        "At least one source is independent of the article's side.",
        "Find one source that is not on the article's side (not the groups it quotes, not outlets close "
        "to them), and mark it 'independent'.",
    ),
}


def feedback_lines(passed: dict[str, bool], checks: dict[str, float], min_entries: int) -> list[str]:
    """One plain sentence per check, in the order of the checks."""
    return [MESSAGES[c][0 if passed[c] else 1].format(n=min_entries) for c in checks]


def score(value: Any, key: dict[str, Any], meta: dict[str, Any], points: float) -> Score:
    """Score a saved log: each passed check earns its points (scaled so the total is ``points``)."""
    checks = points_of(meta)
    total = sum(checks.values())
    log = clean_log(value)
    if value is None or log == []:
        return Score(0.0, float(points), "not answered", "No searches logged yet.")
    if log is None:
        return Score(0.0, float(points), "invalid", "The search log could not be read (it is not a list).")
    passed = evaluate(log, key, _min_entries(meta))
    got = _round(float(points) * sum(p for c, p in checks.items() if passed[c]) / total)
    message = " ".join(feedback_lines(passed, checks, _min_entries(meta)))
    return Score(got, float(points), _status(got, points), message, {"passed": passed, "entries": len(log)})


def answer_text(value: Any) -> str:
    """A short readable form of a log for gradebooks and feedback."""
    log = clean_log(value) or []
    return "; ".join(f"{e['query'] or '?'} -> {e['source'] or '?'} ({e['trust'] or '?'})" for e in log)


# -- self-check record (no key text) ------------------------------------------------------------------
def check_record(
    key: dict[str, Any], meta: dict[str, Any], salt: str, self_study: bool = False
) -> dict[str, Any]:
    """What kit.check needs: salted hashes of the article-side names, the checks and the minimum.

    A class copy hashes only the first name (the public share, kit.grading.keysplit): names of a public
    article are easy to hash one by one. A self-study copy hashes all and lists them (``reveal``)."""
    from kit.selfcheck import unit_hash, value_unit

    names = list(key["article_side"]) if self_study else list(key["article_side"])[:1]
    record: dict[str, Any] = {
        "side_hashes": sorted(unit_hash(salt, value_unit(p)) for p in names),
        "checks": points_of(meta),
        "min_entries": _min_entries(meta),
    }
    if self_study:
        record["reveal"] = list(key["article_side"])
    elif len(key["article_side"]) > 1:
        record["hidden"] = True
    return record


def self_check(meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
    """Feedback for a learner's log without the key: the same checks as grading, by hash."""
    from kit.selfcheck import ITERATIONS, unit_hash, value_unit

    log = clean_log(answer)
    if not log:
        return "Not answered yet. Log your first search, then check again."
    salt, rounds = record["salt"], int(record.get("iterations", ITERATIONS))
    hashes = set(record.get("side_hashes", []))
    checks = {c: float(p) for c, p in (record.get("checks") or DEFAULT_CHECKS).items()}
    n = int(record.get("min_entries", 3))
    seen: dict[str, bool] = {}  # one slow hash per distinct phrase

    def side_match(phrase: str) -> bool:
        if phrase not in seen:
            seen[phrase] = unit_hash(salt, value_unit(phrase), rounds) in hashes
        return seen[phrase]

    passed = evaluate(log, {}, n, side_match=side_match)
    lines = feedback_lines(passed, checks, n)
    if record.get("hidden") and passed.get("independent") and "independent" in checks:
        at = list(checks).index("independent")  # this copy knows only some of the side's names
        lines[at] = (
            "You marked at least one source 'independent'. "
            "Your teacher checks that it is really not on the article's side."
        )
    if record.get("reveal"):
        lines.append("The article's side (not independent): " + ", ".join(record["reveal"]) + ".")
    hint = meta.get("hint")
    if all(passed[c] for c in checks):
        return (
            (
                "The checks this copy can make pass. "
                if record.get("hidden")
                else "All the automatic checks pass. "
            )
            + " ".join(lines)
            + " Your teacher reads how you judged each source."
        )
    return " ".join(lines) + (f" Hint: {hint}" if hint else "")


class SearchLogType(QuestionType):
    """The registry's face of the functions above (kit.grading.questions)."""

    name = "searchlog"
    check_button = True

    def parse(self, ctx: ParseContext) -> None:
        from kit.grading.format import _literal

        raw = _literal(ctx.path, ctx.grade_id, ctx.block or "", "a dict with 'article_side' and 'sample'")
        ctx.question.key = parse_key(ctx.path, ctx.grade_id, raw, ctx.meta)

    def check_record(
        self, question: Any, article: Any, salt: str, self_study: bool = False
    ) -> tuple[dict[str, Any], list[str]]:
        return check_record(question.key, question.meta, salt, self_study), []

    def self_check(self, meta: dict[str, Any], record: dict[str, Any], answer: Any) -> str:
        return self_check(meta, record, answer)

    def score(self, question: Any, key: Any, value: Any) -> Score:
        return score(value, question.key, question.meta, question.points)

    def key_answer(self, nb: Any, question: Any, key: Any) -> None:
        from kit.grading.testing import _cell, answer_output

        sample = list(question.key["sample"])
        _cell(nb, question.grade_id).outputs = [answer_output(question.grade_id, "searchlog", sample)]

    def answer_text(self, value: Any) -> str:
        return answer_text(value)


register(SearchLogType())
