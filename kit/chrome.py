"""Site chrome removal: drop menu labels, share buttons, ad-blocker pleas, cookie banners and footers.

Pure text analysis (no I/O beyond the package's own rule file). Rules live in ``kit/data/site_chrome.json``;
each one matches a *whole* line after trimming, so a sentence that merely mentions "share" or "cookies"
is never removed.
"""

from __future__ import annotations

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
    text = _normal(line)
    for rule in load_rules() if rules is None else rules:
        if rule.where in places and rule.matches_normal(text):
            return rule
    return None


def find_chrome(items: Sequence[str], rules: Sequence[ChromeRule] | None = None) -> list[Cut]:
    """Decide which items (non-blank lines or HTML blocks, in reading order) are site chrome.

    Returns the cuts sorted by index. Order of work: a "related articles" line in the last third
    cuts everything after it; then leading chrome, trailing chrome, and chrome lines anywhere.
    """
    rules = load_rules() if rules is None else rules
    cuts: dict[int, Cut] = {}
    total = sum(len(item) for item in items) or 1
    seen = 0
    end = len(items)
    for index, item in enumerate(items):
        rule = match(item, WHERE, rules)
        if rule is not None and rule.cuts_rest and seen / total >= CUT_REST_FROM:
            cuts[index] = Cut(index, rule.reason, rule.id)
            label = _normal(item)
            for later in range(index + 1, len(items)):
                own = match(items[later], WHERE, rules)
                if own is not None:
                    cuts[later] = Cut(later, own.reason, own.id)
                else:
                    cuts[later] = Cut(later, f"Part of the list of other stories under “{label}”.", rule.id)
            end = index
            break
        seen += len(item)

    first = 0
    while first < end:
        rule = match(items[first], ("leading", "anywhere"), rules)
        if rule is None:
            break
        cuts[first] = Cut(first, rule.reason, rule.id)
        first += 1
    last = end - 1
    while last >= first:
        rule = match(items[last], ("trailing", "anywhere"), rules)
        if rule is None:
            break
        cuts[last] = Cut(last, rule.reason, rule.id)
        last -= 1
    for index in range(first, last + 1):
        rule = match(items[index], ("anywhere",), rules)
        if rule is not None:
            cuts[index] = Cut(index, rule.reason, rule.id)
    return [cuts[i] for i in sorted(cuts)]
