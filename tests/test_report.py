"""The reading report (kit.report) and the three-layer overview (kit.overview), on real articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import kit
from kit.overview import LAYERS, SUMMARY_COLUMNS, kit_layers, layer_spans, paragraph_summary
from kit.report import ReportError, reading_report, report_html
from kit.spans import Span

# Written for this test: a short council story the readers were never built from.
COUNCIL = (
    "Council votes to close two libraries\n\n"
    "The city council voted 7-2 on Tuesday to close two branch libraries, according to the meeting record. "
    "Mayor Dana Ortiz said the savings would pay for longer hours at the main library.\n\n"
    "Critics say the so-called savings are a disgraceful attack on poor families. "
    "Everyone knows the council secretly wants to sell the buildings.\n\n"
    "Some residents <script>alert('x')</script> & others plan to protest on Friday."
)


@pytest.fixture(scope="module")
def article() -> kit.Article:
    return kit.Article.from_text(COUNCIL)


def test_layers_have_exact_offsets_and_known_labels(article: kit.Article) -> None:
    layers = kit_layers(article)
    assert list(layers.columns) == ["start", "end", "label", "text", "block_id", "why"]
    assert set(layers["label"]) == set(LAYERS)  # this passage has all three
    for row in layers.itertuples():
        assert article.text[row.start : row.end] == row.text
        assert row.why.strip()
        assert article.block(row.block_id).start <= row.start


def test_summary_counts_agree_with_layers(article: kit.Article) -> None:
    layers = kit_layers(article)
    summary = paragraph_summary(article, layers)
    assert list(summary.columns) == SUMMARY_COLUMNS
    assert list(summary["block_id"]) == [b.id for b in article.blocks]  # every part, in reading order
    for label in LAYERS:
        assert summary[label].sum() == (layers["label"] == label).sum()
    assert (summary["total"] == summary[list(LAYERS)].sum(axis=1)).all()
    # learner spans are counted the same way; unknown labels are ignored
    start = article.text.index("disgraceful")
    mine = [Span(start, start + len("disgraceful"), "loaded"), Span(start, start + 5, "other")]
    counted = paragraph_summary(article, mine)
    assert counted["loaded"].sum() == 1 and counted["total"].sum() == 1
    assert counted.loc[counted["block_id"] == article.block_at(start).id, "loaded"].item() == 1


def test_report_escapes_and_keeps_every_word(article: kit.Article, tmp_path: Path) -> None:
    spans = layer_spans(kit_layers(article))
    # an overlapping learner mark with a note that looks like HTML
    start = article.text.index("so-called savings")
    spans.append(Span(start, start + len("so-called savings are"), "loaded", note="<i>sneer</i>"))
    answers = {"My overall judgement": "One-sided. <b>Not</b> a news report & it shows.", "Empty one": ""}
    path = reading_report(
        article,
        answers,
        highlights=spans,
        learner="Sam <the> learner",
        summary=paragraph_summary(article),
        path=tmp_path / "report.html",
    )
    page = path.read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>Not</b>" not in page and "<i>sneer</i>" not in page
    soup = BeautifulSoup(page, "html.parser")
    assert "<b>Not</b> a news report & it shows." in soup.get_text()
    assert "Sam <the> learner" in soup.get_text()
    assert "Not answered yet." in soup.get_text()
    # the article, tags stripped, is the article: nothing lost, nothing added but the label tags
    body = soup.select_one(".article")
    for tag in body.select(".tag"):
        tag.decompose()
    assert [p.get_text() for p in body.find_all("p")] == [b.text for b in article.blocks]
    # one label tag per highlight, and each passage listed in the table
    assert len(BeautifulSoup(page, "html.parser").select(".article .tag")) == len(spans)
    table_text = soup.find_all("table")[0].get_text()
    for span in spans:
        assert article.text[span.start : span.end] in table_text


def test_report_is_self_contained_and_printable(article: kit.Article) -> None:
    page = report_html(article, {"Q": "A"}, highlights=[])
    assert re.search(r"<style>.*@media print", page, flags=re.S)
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # no outside files or links
    assert "<link" not in page
    assert "No highlights yet." in page


def test_report_labels_do_not_rely_on_colour(article: kit.Article) -> None:
    start = article.text.index("disgraceful")
    page = report_html(article, highlights=[Span(start, start + 11, "loaded")])
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one(".article .tag").get_text() == "[loaded]"
    assert "dashed underline" in soup.select_one(".legend").get_text()


def test_report_accepts_a_highlighter(article: kit.Article, tmp_path: Path) -> None:
    mine = kit.Highlighter(
        article, ["source", "loaded", "unverifiable"], question_id="t-report", store=tmp_path / "answers"
    )
    start = article.text.index("Everyone knows")
    mine.add(start, start + len("Everyone knows"), "unverifiable", note="who is everyone?")
    page = report_html(article, highlights=mine)
    assert "[unverifiable: who is everyone?]" in page


def test_bad_paths_and_spans_give_plain_errors(article: kit.Article, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"\.html"):
        reading_report(article, path=tmp_path / "report.txt")
    with pytest.raises(ReportError, match="does not exist"):
        reading_report(article, path=tmp_path / "no" / "such" / "report.html")
    (tmp_path / "folder.html").mkdir()
    with pytest.raises(ReportError, match="is a folder"):
        reading_report(article, path=tmp_path / "folder.html")
    with pytest.raises(ReportError, match="outside this article"):
        reading_report(
            article, highlights=[Span(0, len(article.text) + 5, "loaded")], path=tmp_path / "r.html"
        )
    assert not (tmp_path / "r.html").exists()


def test_a_failed_save_keeps_the_old_report(article: kit.Article, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    reading_report(article, {"Q": "first"}, path=target)
    with pytest.raises(ReportError):
        reading_report(article, {"Q": "second"}, highlights=[Span(-1, 3, "x")], path=target)
    assert "first" in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]  # no temporary files left behind


def test_seed_report_round_trip(tmp_path: Path) -> None:
    seed = kit.load_article()
    layers = kit_layers(seed)
    page = reading_report(seed, highlights=layer_spans(layers), path=tmp_path / "seed.html").read_text()
    assert page.count('class="tag"') >= len(layers)  # legend tags come on top of the article's
    assert seed.sha in page
