"""Context for the seed article (module kit.context; `kit.glossary` is its lookup function, so the module
cannot share that name): the glossary (one neutral, sourced line per name or term) and the
offline research pack of fact cards used by Lesson 5.

Both live in ``kit/data/`` (glossary.json, factcards.json) and are checked on load by one small
schema (``_check``): every line and every fact must carry a source and the date it was checked, so a
lesson can never show an unsourced fact. Pure data: no network, no widgets.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from kit.errors import KitError

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
GLOSSARY_COLUMNS = ["term", "kind", "line", "source_name", "source", "checked", "verified"]
CARD_COLUMNS = ["card", "title", "fact", "source", "checked"]


def _read(name: str) -> dict[str, Any]:
    return json.loads(resources.files("kit").joinpath(f"data/{name}").read_text(encoding="utf-8"))


def _check(where: str, item: dict[str, Any], text_key: str, *, source_may_be_empty: bool = False) -> None:
    """One sourced statement: text, source (or a plain 'not found' when unverified), a checked date."""
    if not str(item.get(text_key, "")).strip():
        raise KitError(f"{where}: the {text_key!r} is empty.")
    if not DATE.match(str(item.get("checked", ""))):
        raise KitError(f"{where}: 'checked' must be the date the fact was checked, as YYYY-MM-DD.")
    if not str(item.get("source", "")).strip() and not source_may_be_empty:
        raise KitError(f"{where}: every fact needs its public source.")


@lru_cache(maxsize=1)
def load_glossary() -> tuple[dict[str, Any], ...]:
    """The glossary entries, checked (an entry without a source must say it is unverified)."""
    entries = _read("glossary.json")["entries"]
    for entry in entries:
        unverified = entry.get("verified") is False
        _check(f"glossary.json, {entry.get('term')!r}", entry, "line", source_may_be_empty=unverified)
    return tuple(entries)


@lru_cache(maxsize=1)
def load_fact_cards() -> tuple[dict[str, Any], ...]:
    """The fact cards, checked: every fact has a source and a date."""
    cards = _read("factcards.json")["cards"]
    for card in cards:
        if not card.get("facts"):
            raise KitError(f"factcards.json, card {card.get('id')!r}: a card needs at least one fact.")
        for number, fact in enumerate(card["facts"], 1):
            _check(f"factcards.json, card {card.get('id')!r}, fact {number}", fact, "text")
    return tuple(cards)


def _norm(name: str) -> str:
    return " ".join(str(name).lower().replace("’", "'").replace("-", " ").split())


def lookup(name: str) -> dict[str, Any] | None:
    """The glossary entry whose term or alias is ``name`` (case, hyphens and spaces ignored)."""
    wanted = _norm(name)
    for entry in load_glossary():
        if wanted in {_norm(entry["term"]), *(_norm(a) for a in entry.get("aliases", []))}:
            return entry
    return None


class GlossaryLine(str):
    """A glossary line that shows without quotes in a notebook."""

    def __repr__(self) -> str:
        return str(self)


def glossary(name: str | None = None) -> Any:
    """``kit.glossary("PMF")``: one neutral line with its source. With no name: the whole glossary
    as a DataFrame (columns GLOSSARY_COLUMNS)."""
    if name is None:
        return pd.DataFrame(list(load_glossary()), columns=GLOSSARY_COLUMNS)
    entry = lookup(name)
    if entry is None:
        return GlossaryLine(
            f"'{name}' is not in the kit's glossary. Look it up yourself, and note where you found it."
        )
    source = entry["source"] or "no source found"
    flag = "" if entry.get("verified", True) else " (not verified: find out more)"
    return GlossaryLine(
        f"{entry['term']}: {entry['line']}{flag} Source: {entry['source_name']}, {source} "
        f"(checked {entry['checked']})."
    )


def fact_cards(topic: str | None = None) -> pd.DataFrame:
    """The research pack as a table, one row per fact (columns CARD_COLUMNS); ``topic`` is
    "publisher", "people" or "claims"."""
    rows = [
        {
            "card": c["id"],
            "title": c["title"],
            "fact": f["text"],
            "source": f["source"],
            "checked": f["checked"],
        }
        for c in load_fact_cards()
        if topic is None or c["topic"] == topic
        for f in c["facts"]
    ]
    return pd.DataFrame(rows, columns=CARD_COLUMNS)


def card(card_id: str) -> dict[str, Any]:
    """One fact card by id (e.g. "claim-bases"), as a dict."""
    for c in load_fact_cards():
        if c["id"] == card_id:
            return dict(c)
    raise KitError(
        f"There is no fact card called {card_id!r}. Try one of: "
        + ", ".join(c["id"] for c in load_fact_cards())
        + "."
    )


def show_card(card_id: str) -> Any:
    """Display one fact card as readable Markdown: facts with sources, what it proves and what not."""
    from IPython.display import Markdown

    c = card(card_id)
    lines = [f"**{c['title']}**", ""]
    lines += [f"- {f['text']} *(Source: {f['source']}; checked {f['checked']}.)*" for f in c["facts"]]
    if c.get("proves"):
        lines += ["", f"**What this shows:** {c['proves']}"]
    if c.get("does_not_prove"):
        lines += ["", f"**What it does not show:** {c['does_not_prove']}"]
    for item in c.get("not_verified", []):
        lines += ["", f"**Not verified by the team (find out):** {item}"]
    return Markdown("\n".join(lines))


def page_evidence(article: Any) -> pd.DataFrame:
    """What the web page wrapped around the article, kept as evidence for lateral reading.

    The article model takes site chrome out of ``article.text`` (so offsets stay clean) but keeps it
    in ``article.removed``; this shows it as a table: line (in the page as collected), text, and what
    kind of page text it is. A section label such as "Articles" is a clue to how the site files the text.
    """
    rows = [{"line": r.line, "text": r.text, "what it is": r.reason} for r in article.removed]
    return pd.DataFrame(rows, columns=["line", "text", "what it is"])
