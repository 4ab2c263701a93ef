"""SearchLog: entries the browser proposes are cleaned, saved at once, restored, and kept in the output."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.answers import AnswerStore
from kit.errors import AnswerError
from kit.widgets.searchlog import SearchLog, summarize

ENTRY = {
    "query": "Badr Organization",
    "source": "Wikipedia: Badr Organization",
    "who": "Wikipedia volunteers",
    "says": "An Iraqi party with an armed wing.",
    "trust": "somewhat",
    "side": "independent",
}


def _browser(log: SearchLog, kind: str, seq: int, **extra: object) -> None:
    """What the view sends (model.send) when a learner presses a button."""
    log._on_browser_msg(log, {"type": "medialit-log", "kind": kind, "seq": seq, **extra}, [])


def test_added_entry_is_saved_and_restored_after_a_restart(tmp_path: Path) -> None:
    log = SearchLog("lateral", notebook="nb", store=tmp_path)
    _browser(log, "add", 1, entry=ENTRY)
    assert log.entries == [ENTRY] and log.handled_seq == 1
    assert AnswerStore(tmp_path).load("nb", "lateral")["value"] == [ENTRY]
    again = SearchLog("lateral", notebook="nb", store=tmp_path)  # a new kernel builds a new widget
    assert again.entries == [ENTRY]
    assert again.payload["kind"] == "searchlog"


def test_update_and_remove_change_only_their_entry(tmp_path: Path) -> None:
    log = SearchLog("lateral", notebook="nb", store=tmp_path)
    log.add(**ENTRY)
    log.add(**{**ENTRY, "query": "Al-Mayadeen"})
    _browser(log, "update", 1, index=0, entry={**ENTRY, "trust": "a lot"})
    assert [e["trust"] for e in log.entries] == ["a lot", "somewhat"]
    _browser(log, "remove", 2, index=0)
    assert [e["query"] for e in log.entries] == ["Al-Mayadeen"]
    assert AnswerStore(tmp_path).load("nb", "lateral")["value"] == log.entries


def test_bad_proposals_change_nothing_and_say_why(tmp_path: Path) -> None:
    log = SearchLog("lateral", notebook="nb", store=tmp_path)
    log.add(**ENTRY)
    _browser(log, "remove", 1, index=7)
    assert len(log.entries) == 1 and "no search number 7" in log.message
    _browser(log, "explode", 2)
    assert len(log.entries) == 1 and "not understood" in log.message
    # unknown fields are dropped, an unknown trust level is blanked, long text is cut
    _browser(log, "add", 3, entry={**ENTRY, "trust": "100%", "evil": "x", "says": "y" * 5000})
    last = log.entries[-1]
    assert last["trust"] == "" and "evil" not in last and len(last["says"]) == 600


def test_readonly_example_saves_nothing(tmp_path: Path) -> None:
    log = SearchLog("example", entries=[ENTRY], readonly=True, notebook="nb", store=tmp_path)
    assert log.entries == [ENTRY] and log.payload is None
    with pytest.raises(AnswerError):
        log.add(**ENTRY)
    assert AnswerStore(tmp_path).load("nb", "example") is None


def test_summary_line_and_table() -> None:
    assert "no searches" in summarize({"question_id": "q", "value": []})
    assert "2 searches logged" in summarize({"question_id": "q", "value": [ENTRY, ENTRY]})
    log = SearchLog("q", entries=[ENTRY], readonly=True)
    assert list(log.to_frame().columns) == ["query", "source", "who", "says", "trust", "side"]
