"""Site chrome removal: drop menu labels, share buttons, ad-blocker pleas, cookie banners and footers.

Pure text analysis (no I/O beyond the package's own rule file). Rules live in ``kit/data/site_chrome.json``;
each one matches a *whole* line after trimming, so a sentence that merely mentions "share" or "cookies"
is never removed.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

WHERE = ("leading", "trailing", "anywhere")
CUT_REST_FROM = 2 / 3  # a "Related articles" line only ends the article in its last third


@dataclass(frozen=True)
class ChromeRule:
    """One chrome pattern with the plain reason a learner sees when a line is cut."""

    id: str
    regex: re.Pattern[str]
    where: str
    reason: str
    provenance: str
    max_chars: int = 80
    cuts_rest: bool = False

    def matches(self, line: str) -> bool:
        return self.matches_normal(_normal(line))

    def matches_normal(self, text: str) -> bool:
        """``matches`` for a line already through ``_normal`` (match() normalises once for all rules)."""
        return len(text) <= self.max_chars and self.regex.fullmatch(text) is not None


@dataclass(frozen=True)
class Cut:
    """An item (line or HTML block) chosen for removal, with the reason."""

    index: int
    reason: str
    rule: str


def _normal(line: str) -> str:
    """Trim, fold curly apostrophes and collapse spaces so rules can stay simple."""
    return " ".join(line.replace("\u2019", "'").replace("\u2018", "'").split())


@lru_cache(maxsize=1)
def load_rules() -> tuple[ChromeRule, ...]:
    """Read and compile the packaged chrome rules (cached)."""
    raw = json.loads(resources.files("kit").joinpath("data/site_chrome.json").read_text(encoding="utf-8"))
    rules = []
    for entry in raw["rules"]:
        if entry["where"] not in WHERE:
            raise ValueError(f"site_chrome.json rule {entry['id']!r}: 'where' must be one of {WHERE}")
        rules.append(
            ChromeRule(
                id=entry["id"],
                regex=re.compile(entry["pattern"], re.IGNORECASE),
                where=entry["where"],
                reason=entry["reason"],
                provenance=entry["provenance"],
                max_chars=int(entry.get("max_chars", 80)),
                cuts_rest=bool(entry.get("cuts_rest", False)),
            )
        )
    return tuple(rules)


def match(line: str, places: Sequence[str], rules: Sequence[ChromeRule] | None = None) -> ChromeRule | None:
    """Return the first rule allowed in one of ``places`` that matches the whole line, else None."""
    return _match_normal(_normal(line), places, load_rules() if rules is None else rules)


def _match_normal(text: str, places: Sequence[str], rules: Sequence[ChromeRule]) -> ChromeRule | None:
    """``match`` for a line already through ``_normal``."""
    for rule in rules:
        if rule.where in places and rule.matches_normal(text):
            return rule
    return None


class _Lines:
    """The items of one text, each normalised once, for the several passes of find_chrome.

    Every rule has a length limit (``max_chars``, 80 by default) and most items are paragraphs longer
    than most limits: an item is only tried against the rules whose limit it fits, found with one
    look-up by its length instead of one test per rule (the rules keep their order).
    """

    def __init__(self, items: Sequence[str], rules: Sequence[ChromeRule]) -> None:
        self.normal = [_normal(item) for item in items]
        self.limits = sorted({rule.max_chars for rule in rules})
        # for each limit: the rules that allow an item of that length, in the rules' order
        self.fitting = [tuple(r for r in rules if r.max_chars >= limit) for limit in self.limits]

    def match(self, index: int, places: Sequence[str]) -> ChromeRule | None:
        """The first rule allowed in ``places`` that matches item ``index``, else None."""
        text = self.normal[index]
        at = bisect.bisect_left(self.limits, len(text))  # the smallest limit the item fits
        if at == len(self.limits):
            return None  # longer than every rule allows
        return _match_normal(text, places, self.fitting[at])


def find_chrome(items: Sequence[str], rules: Sequence[ChromeRule] | None = None) -> list[Cut]:
    """Decide which items (non-blank lines or HTML blocks, in reading order) are site chrome.

    Returns the cuts sorted by index. Order of work: a "related articles" line in the last third
    cuts everything after it; then leading chrome, trailing chrome, and chrome lines anywhere.
    """
    rules = load_rules() if rules is None else rules
    lines = _Lines(items, rules)
    cuts: dict[int, Cut] = {}
    total = sum(len(item) for item in items) or 1
    seen = 0
    end = len(items)
    for index, item in enumerate(items):
        rule = lines.match(index, WHERE)
        if rule is not None and rule.cuts_rest and seen / total >= CUT_REST_FROM:
            cuts[index] = Cut(index, rule.reason, rule.id)
            label = lines.normal[index]
            for later in range(index + 1, len(items)):
                own = lines.match(later, WHERE)
                if own is not None:
                    cuts[later] = Cut(later, own.reason, own.id)
                else:
                    cuts[later] = Cut(later, f"Part of the list of other stories under “{label}”.", rule.id)
            end = index
            break
        seen += len(item)

    first = 0
    while first < end:
        rule = lines.match(first, ("leading", "anywhere"))
        if rule is None:
            break
        cuts[first] = Cut(first, rule.reason, rule.id)
        first += 1
    last = end - 1
    while last >= first:
        rule = lines.match(last, ("trailing", "anywhere"))
        if rule is None:
            break
        cuts[last] = Cut(last, rule.reason, rule.id)
        last -= 1
    for index in range(first, last + 1):
        rule = lines.match(index, ("anywhere",))
        if rule is not None:
            cuts[index] = Cut(index, rule.reason, rule.id)
    return [cuts[i] for i in sorted(cuts)]
