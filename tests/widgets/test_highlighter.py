"""Highlighter state on the Python side: spans, checks, overlap rules, undo, browser edits, restore."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.answers import AnswerStore, AnswerStoreWarning
from kit.errors import AnswerError
from kit.spans import Span
from kit.widgets.highlighter import FRAME_COLUMNS, Highlighter
from kit.widgets.span_rules import snap_to_words

# A passage written for these tests (never seen by the kit's authors of rules or keys).
PASSAGE = (
    "Town Council Delays the Bridge Vote\n\n"
    "Officials say the repairs are urgent. Critics call the plan a reckless waste of money.\n\n"
    "What happens next\n\n"
    "The mayor, Ana Ruiz, said a new vote will be held in May. Some residents believe it will fail."
)
LABELS = ["named source", "vague source", "loaded"]


@pytest.fixture
def article() -> kit.Article:
    return kit.Article.from_text(PASSAGE)


@pytest.fixture
def store(tmp_path: Path) -> AnswerStore:
    return AnswerStore(tmp_path / "answers")


def where(article: kit.Article, phrase: str) -> tuple[int, int]:
    start = article.text.index(phrase)
    return start, start + len(phrase)


def make(article, store, **kw) -> Highlighter:
    return Highlighter(article, labels=LABELS, question_id="q1", notebook="nb", store=store, **kw)


def test_add_gives_exact_offsets_and_a_frame(article, store) -> None:
    h = make(article, store)
    s, e = where(article, "reckless waste")
    span = h.add(s, e, "loaded", note="charged word")
    assert article.text[span.start : span.end] == "reckless waste"
    frame = h.to_frame()
    assert list(frame.columns) == FRAME_COLUMNS
    row = frame.iloc[0]
    assert (row.start, row.end, row.label, row.note, row.text) == (
        s,
        e,
        "loaded",
        "charged word",
        "reckless waste",
    )
    assert row.block_id == article.block_at(s).id
    assert pd.api.types.is_integer_dtype(frame["start"])


def test_same_span_same_label_is_kept_once_but_other_labels_may_overlap(article, store) -> None:
    h = make(article, store)
    s, e = where(article, "Critics call the plan")
    h.add(s, e, "vague source")
    h.add(s, e, "vague source", note="who are they?")
    h.add(s, s + len("Critics"), "loaded")
    assert len(h.spans) == 2
    assert Span(s, e, "vague source", "who are they?") in h.spans


@pytest.mark.parametrize(
    ("start_end", "label", "words"),
    [
        ((-1, 4), "loaded", "outside"),
        ((5, 3), "loaded", "before it starts"),
        ((5, 5), "loaded", "empty"),
        ((0, 4), "opinion", "not one of"),
        ((0, 10**6), "loaded", "outside"),
    ],
)
def test_bad_spans_are_refused_in_plain_words(article, store, start_end, label, words) -> None:
    h = make(article, store)
    with pytest.raises(AnswerError, match=words):
        h.add(*start_end, label)
    assert h.spans == []


def test_gap_between_blocks_and_crossing_blocks_are_refused(article, store) -> None:
    h = make(article, store)
    title = article.blocks[0]
    with pytest.raises(AnswerError, match="blank space"):
        h.add(title.end, title.end + 2, "loaded")
    with pytest.raises(AnswerError, match="one paragraph or heading"):
        h.add(title.end - 4, title.end + 6, "loaded")


def test_undo_and_redo_walk_the_history(article, store) -> None:
    h = make(article, store)
    a = where(article, "Officials say")
    b = where(article, "Ana Ruiz")
    h.add(*a, "vague source")
    h.add(*b, "named source")
    h.remove(*a)
    assert [s.label for s in h.spans] == ["named source"]
    assert h.undo() and len(h.spans) == 2
    assert h.undo() and [s.label for s in h.spans] == ["vague source"]
    assert h.redo() and len(h.spans) == 2
    h.clear()
    assert h.spans == [] and h.can_undo and not h.can_redo
    assert h.undo() and len(h.spans) == 2


def test_observe_sees_changes_and_setting_spans_from_python_is_checked(article, store) -> None:
    h = make(article, store)
    seen = []
    h.observe(lambda change: seen.append(change["new"]), names="spans")
    s, e = where(article, "reckless")
    h.spans = [Span(s, e, "loaded"), Span(s, e, "loaded")]
    assert seen == [[Span(s, e, "loaded")]]
    with pytest.raises(AnswerError):
        h.spans = [Span(s, e, "unknown label")]
    assert h.spans == [Span(s, e, "loaded")]


def send(h: Highlighter, **content) -> None:
    """Deliver an edit the way the view does: a custom widget message to the same handler."""
    h._on_browser_msg(h, {"type": "medialit-edit", **content}, [])


def test_browser_edits_are_checked_and_a_bad_one_loses_nothing(article, store) -> None:
    h = make(article, store)
    s, e = where(article, "Some residents")
    send(h, kind="add", seq=1, span={"start": s, "end": e, "label": "vague source"})
    assert h.spans == [Span(s, e, "vague source")] and h.message == "" and h.handled_seq == 1
    title = article.blocks[0]
    bad = [
        {"start": e, "end": s, "label": "loaded"},
        {"start": 0, "end": 5, "label": "gossip"},
        {"start": title.end, "end": title.end + 2, "label": "loaded"},
        {"start": 0, "end": len(article.text) + 9, "label": "loaded"},
        {"start": "0", "end": 5, "label": "loaded"},
    ]
    for i, span in enumerate(bad, start=2):
        send(h, kind="add", seq=i, span=span)
        assert h.message.startswith("That change was not kept"), span
        assert h.spans == [Span(s, e, "vague source")]
    send(h, kind="relabel", seq=10, span={"start": s, "end": e, "label": "vague source"}, label="loaded")
    assert h.spans == [Span(s, e, "loaded")] and h.message == ""
    send(h, kind="note", seq=11, span={"start": s, "end": e, "label": "loaded"}, note="  who?  ")
    assert h.spans[0].note == "who?"
    send(h, kind="undo", seq=12)
    assert h.spans[0].note == ""
    send(h, kind="remove", seq=13, span={"start": s, "end": e, "label": "loaded"})
    assert h.spans == [] and h.handled_seq == 13


def test_each_browser_edit_gets_one_reply_with_spans_and_handled_seq(article, store, monkeypatch) -> None:
    """The view draws an edit before Python answers and drops it when handled_seq reaches it; so
    the new spans and handled_seq must arrive in the same update, or it would draw a mark twice or
    take back a mark Python kept for a moment."""
    h = make(article, store)
    sent: list[dict] = []
    monkeypatch.setattr(h.comm, "send", lambda data=None, metadata=None, buffers=None: sent.append(data))
    s, e = where(article, "Some residents")
    send(h, kind="add", seq=1, span={"start": s, "end": e, "label": "vague source"})
    assert [m["method"] for m in sent] == ["update"]
    assert sent[0]["state"]["handled_seq"] == 1
    assert sent[0]["state"]["spans"] == [{"start": s, "end": e, "label": "vague source", "note": ""}]
    sent.clear()
    send(h, kind="add", seq=2, span={"start": 0, "end": 5, "label": "gossip"})  # refused
    assert len(sent) == 1 and sent[0]["state"]["handled_seq"] == 2
    assert sent[0]["state"]["message"].startswith("That change was not kept")
    assert "spans" not in sent[0]["state"]


def test_every_change_is_saved_and_a_new_widget_restores_it(article, store) -> None:
    h = make(article, store)
    s, e = where(article, "Ana Ruiz")
    h.add(s, e, "named source")
    saved = json.loads(store.path("nb", "q1").read_text())
    assert saved["value"] == [{"start": s, "end": e, "label": "named source", "note": ""}]
    assert saved["article_sha"] == article.sha and saved["kind"] == "highlight"
    again = make(article, store)
    assert again.spans == [Span(s, e, "named source")]
    assert not again.can_undo  # restoring is not an edit


def test_answers_for_another_article_are_kept_aside_not_restored(article, store) -> None:
    h = make(article, store)
    h.add(*where(article, "Ana Ruiz"), "named source")
    other = kit.Article.from_text(PASSAGE.replace("May", "June"))
    with pytest.warns(AnswerStoreWarning, match="different article"):
        fresh = make(other, store)
    assert fresh.spans == []
    kept = list(store.path("nb", "q1").parent.glob("q1.old-*.json"))
    assert len(kept) == 1 and "Ana Ruiz" not in kept[0].name


def test_a_damaged_store_file_is_moved_aside_with_a_warning(article, store) -> None:
    path = store.path("nb", "q1")
    path.parent.mkdir(parents=True)
    path.write_text('{"schema": 1, "question_id": "q1", "value": [')
    with pytest.warns(AnswerStoreWarning, match="not valid JSON"):
        h = make(article, store)
    assert h.spans == []
    assert list(path.parent.glob("q1.damaged-*.json"))
    h.add(*where(article, "Officials"), "vague source")  # and saving works again
    assert json.loads(path.read_text())["value"][0]["label"] == "vague source"


def test_stored_spans_that_no_longer_fit_are_left_out_with_a_message(article, store) -> None:
    h = make(article, store)
    h.add(*where(article, "Officials"), "vague source")
    payload = json.loads(store.path("nb", "q1").read_text())
    payload["value"].append({"start": 1, "end": 3, "label": "gone label", "note": ""})
    store.save("nb", "q1", payload)
    again = make(article, store)
    assert len(again.spans) == 1 and "1 saved highlight" in again.message


def test_readonly_view_cannot_change_and_saves_nothing(article, store) -> None:
    s, e = where(article, "Critics")
    h = make(article, store, readonly=True, spans=[Span(s, e, "vague source")])
    with pytest.raises(AnswerError, match="read-only"):
        h.add(s, e, "loaded")
    send(h, kind="remove", span={"start": s, "end": e, "label": "vague source"})
    assert h.spans == [Span(s, e, "vague source")] and "read-only" in h.message
    assert not store.root.exists() and h.payload is None


def test_labels_are_checked(article, store) -> None:
    for bad in ([], ["a", "a"], [""], [str(i) for i in range(10)], "loaded"):
        with pytest.raises(AnswerError):
            Highlighter(article, labels=bad, question_id="q", store=store)


def test_a_failed_write_warns_and_keeps_the_spans(article, tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    h = Highlighter(article, labels=LABELS, question_id="q", notebook="nb", store=blocker)
    with pytest.warns(AnswerStoreWarning, match="Could not save"):
        h.add(*where(article, "Officials"), "vague source")
    assert len(h.spans) == 1 and "Could not save" in h.message
    assert h.payload["value"][0]["label"] == "vague source"


def test_snap_to_words_grows_parts_of_words_and_trims_blanks() -> None:
    text = "The so-called plan is Iraq’s best hope."
    assert text[slice(*snap_to_words(text, 6, 10))] == "so-called"
    assert text[slice(*snap_to_words(text, 3, 18))] == "so-called plan"
    assert text[slice(*snap_to_words(text, 22, 25))] == "Iraq’s"


def test_unicode_beyond_the_basic_plane_keeps_offsets_exact(store) -> None:
    art = kit.Article.from_text("Fans 🎉 cheered the so-called victory.")
    h = Highlighter(art, labels=["loaded"], question_id="emoji", notebook="nb", store=store)
    s = art.text.index("so-called")
    h.add(s, s + 9, "loaded")
    assert art.text[h.spans[0].start : h.spans[0].end] == "so-called"


def test_display_shows_the_widget_and_the_answer_output(article, store) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    h = make(article, store)
    shown = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        original = shell.display_pub.publish
        shell.display_pub.publish = lambda data, metadata=None, **kw: shown.append((data, kw))
        try:
            h._ipython_display_()
        finally:
            shell.display_pub.publish = original
            InteractiveShell.clear_instance()  # later tests in this process run outside IPython again
    kinds = [set(data) for data, _ in shown]
    assert any("application/vnd.jupyter.widget-view+json" in k for k in kinds)
    answer = [(d, kw) for d, kw in shown if "application/vnd.medialit.answer+json" in d]
    assert answer and answer[0][0]["application/vnd.medialit.answer+json"]["question_id"] == "q1"
    assert "text/plain" in answer[0][0]


def test_messages_a_learner_sees_are_plain(article, store) -> None:
    """Error messages from bad marks read at grade 10 or below (Flesch-Kincaid)."""
    from kit.offline import ensure_cmudict

    ensure_cmudict()
    import textstat

    h = make(article, store)
    title = article.blocks[0]
    messages = []
    for span in (
        (5, 3, "loaded"),
        (5, 5, "loaded"),
        (0, 4, "gossip"),
        (title.end - 4, title.end + 6, "loaded"),
    ):
        with pytest.raises(AnswerError) as info:
            h.add(*span)
        messages.append(str(info.value))
    for message in messages:
        assert textstat.flesch_kincaid_grade(message) <= 10, message


def test_widget_words_are_the_graders_words(article, store):
    """One tokenizer: the widget gets the article's word offsets from Python, the same ones the grader,
    the span rules and the article model use ("U.S." and "3.5" are one word each)."""
    from kit.grading.scoring import word_offsets
    from kit.widgets import span_rules

    text = "The U.S. spent 3.5 billion on Al-Anbar’s so-called “reforms”, officials said."
    odd = kit.Article.from_text(text)
    widget = Highlighter(odd, LABELS, question_id="words", store=store)
    offsets = [tuple(w) for w in widget.words]
    assert offsets == word_offsets(odd.text) == [(w.start, w.end) for w in odd.words]
    assert [odd.text[a:b] for a, b in offsets][:5] == ["The", "U.S.", "spent", "3.5", "billion"]
    assert span_rules.words_in(odd.text, 0, len(odd.text)) == set(offsets)

