"""Glossary and fact cards: every line and every fact has a source and the date it was checked,
every name the seed article uses is explained, and the lookups people type work."""

from __future__ import annotations

import re

import pytest

import kit
from kit import context
from kit.errors import KitError

# Groups, people, places and terms the seed article names (issue #13 lists these and more).
NAMED_IN_SEED = [
    "ISIS",
    "PMF",
    "Popular Mobilization Forces",
    "Badr Organization",
    "Fatah",
    "Al-Mayadeen",
    "Qassem Soleimani",
    "al-Muhandis",
    "al-Kadhimi",
    "Barham Saleh",
    "Qusai al-Anbari",
    "Mohanad Najim Aleqabi",
    "Saad al-Saadi",
    "C-RAM",
    "Patriot",
    "Ein Al-Asad",
    "Harir",
    "Erbil",
    "Al-Anbar",
    "Abu Kamal",
    "Rabiya",
    "Rukban",
    "Axis of Resistance",
    "West Asia",
    "PM-designate",
]


def test_every_fact_card_has_a_source_and_a_checked_date() -> None:
    cards = context.load_fact_cards()
    assert {c["topic"] for c in cards} == {"publisher", "people", "claims"}
    for card in cards:
        assert card["facts"], card["id"]
        for fact in card["facts"]:
            assert fact["source"].strip(), (card["id"], fact["text"][:40])
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fact["checked"]), card["id"]
    claims = [c for c in cards if c["topic"] == "claims"]
    assert len(claims) >= 2 and all(c["proves"] and c["does_not_prove"] for c in claims)


def test_every_glossary_line_is_sourced_or_says_it_is_not_verified() -> None:
    for entry in context.load_glossary():
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["checked"]), entry["term"]
        if entry["verified"]:
            assert entry["source"].startswith("http"), entry["term"]
        else:
            assert "find out" in entry["line"].lower() or "search" in entry["line"].lower(), entry["term"]


@pytest.mark.parametrize("name", NAMED_IN_SEED)
def test_every_name_in_the_seed_is_in_the_article_and_the_glossary(name: str) -> None:
    assert kit.load_article().find(name), f"{name!r} is not in the seed: fix the list"
    line = kit.glossary(name)
    assert "Source:" in line and "checked 2026-12-01" in line, line


def test_lookup_ignores_case_and_hyphens_and_says_when_a_name_is_missing() -> None:
    assert kit.glossary("popular mobilization forces").startswith("PMF:")
    assert kit.glossary("Abu Mahdi al Muhandis").startswith("al-Muhandis:")
    assert "not in the kit's glossary" in kit.glossary("Atlantis")
    assert list(kit.glossary().columns) == context.GLOSSARY_COLUMNS


def test_a_card_without_a_source_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = {
        "cards": [
            {
                "id": "x",
                "topic": "claims",
                "title": "t",
                "facts": [{"text": "a fact", "checked": "2026-12-01"}],
            }
        ]
    }
    monkeypatch.setattr(context, "_read", lambda _name: bad)
    context.load_fact_cards.cache_clear()
    try:
        with pytest.raises(KitError, match="source"):
            context.load_fact_cards()
    finally:
        context.load_fact_cards.cache_clear()


def test_page_evidence_keeps_the_site_label_visible() -> None:
    frame = kit.page_evidence(kit.load_article())
    assert frame.loc[0, "text"] == "Articles" and frame.loc[0, "line"] == 1
    assert "Articles" not in kit.load_article().text.split("\n")[0]


def test_show_card_gives_sources_and_limits() -> None:
    text = kit.show_card("claim-bases").data
    assert "Source:" in text and "What it does not show" in text
    with pytest.raises(KitError, match="claim-bases"):
        kit.show_card("nope")
