"""Loading article files: .txt, .md, .html, and every kind of bad input, written for real into tmp_path."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from kit import Article, ArticleError, load_article
from kit.loading import MAX_BYTES, NotUtf8Warning

BODY = "The river rose two metres overnight. Officials said the bridge would stay shut.\n"


def exact(article) -> None:
    for unit in (*article.blocks, *article.sentences, *article.words):
        assert article.text[unit.start : unit.end] == unit.text


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


# ----- good files ---------------------------------------------------------------------------------------


def test_txt_file_with_crlf_and_source(tmp_path):
    path = write(tmp_path, "flood.txt", "River Floods Town\r\n\r\n" + BODY.replace("\n", "\r\n"))
    art = load_article(path)
    assert art.title == "River Floods Town" and art.source == path and "\r" not in art.text
    assert len(art.sentences) == 3
    assert load_article(str(path)).sha == art.sha
    exact(art)


def test_utf8_bom_is_dropped(tmp_path):
    path = write(tmp_path, "bom.txt", "\ufeffRiver Floods Town\n\n" + BODY)
    art = load_article(path)
    assert art.title == "River Floods Town" and art.encoding == "utf-8-sig"


def test_utf16_file_loads(tmp_path):
    path = write(tmp_path, "wide.txt", ("River Floods Town\n\n" + BODY).encode("utf-16"))
    assert load_article(path).title == "River Floods Town"


def test_cp1252_curly_quotes_load_with_a_warning(tmp_path):
    text = (
        "Mayor’s “Promise” Questioned\n\nThe mayor’s office said “all is well”. Critics disagree – loudly.\n"
    )
    path = write(tmp_path, "old.txt", text.encode("cp1252"))
    with pytest.warns(NotUtf8Warning, match="cp1252") as caught:
        art = load_article(path)
    assert "old.txt" in str(caught[0].message)
    assert art.title == "Mayor’s “Promise” Questioned"
    assert "“all is well”" in art.text and "–" in art.text and art.encoding == "cp1252"


def test_latin1_fallback_when_cp1252_cannot_decode(tmp_path):
    data = "Caf\xe9 Owners Protest\n\nThe caf\xe9 closed.".encode("latin-1") + b" \x81 Done.\n"
    path = write(tmp_path, "latin.txt", data)
    with pytest.warns(NotUtf8Warning, match="latin-1"):
        art = load_article(path)
    assert "café closed" in art.text


def test_utf8_file_gives_no_warning(tmp_path):
    path = write(tmp_path, "ok.txt", "Déjà vu in Zürich\n\n" + BODY)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_article(path)


def test_markdown_headings(tmp_path):
    md = (
        "# Water Prices Rise Again\n\nBills went up by 8% this year. The company blamed costs.\n\n"
        "## What the company says\nThe firm said pipes are old.\n\n"
        "### Not a heading: #hashtag\n\n#nospace is text\n\nAnother line ## here.\n"
    )
    art = load_article(write(tmp_path, "water.md", md))
    assert art.title == "Water Prices Rise Again"
    assert [h.text for h in art.headings] == ["What the company says", "Not a heading: #hashtag"]
    assert "#" not in art.text.replace("#hashtag", "").replace("#nospace", "").replace("## here", "")
    assert art.text.startswith("Water Prices Rise Again\n\n")
    section = next(p for p in art.paragraphs if p.text.startswith("The firm"))
    assert section.section_id == "h1"
    exact(art)


def test_markdown_inline_marks_are_removed(tmp_path):
    md = "# The **Real** Cost\n\nA [new report](https://example.org/r_1) says *costs* rose. Use `pip`.\n"
    art = load_article(write(tmp_path, "cost.md", md))
    assert art.title == "The Real Cost"
    assert art.paragraphs[0].text == "A new report says costs rose. Use pip."
    exact(art)


PAGE = """<!DOCTYPE html>
<html><head><title>Bridge closed after storm | Valley Times</title>
<style>p { color: red; } .secret-style-text {}</style>
<script>var secretScriptText = "do not show"; document.write("<p>hidden</p>");</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<header><div class="site">Valley Times</div></header>
<main>
<article>
<h1>Bridge <em>closed</em> after storm</h1>
<p class="byline">By Ana Lima</p>
<p>The old bridge was shut on Monday. Engineers found cracks in two pillars.</p>
<noscript>Please enable JavaScript noscript-text</noscript>
<template><p>template-text</p></template>
<h2>What happens next</h2>
<p>The council will vote on repairs. <a href="#">Residents</a> are angry &amp; tired.</p>
<ul><li>Buses will run every hour.</li><li>Cyclists may still cross.</li></ul>
<blockquote><p>“We waited too long,” said one driver.</p></blockquote>
<div class="share">Share this:</div>
<form><label>Email</label><input name="e"><button>Subscribe</button></form>
</article>
</main>
<aside>Most read: Cat wins election</aside>
<footer>© 2026 Valley Times. All rights reserved.</footer>
<script>console.log("footer-script-text")</script>
</body></html>
"""


def test_html_page(tmp_path):
    art = load_article(write(tmp_path, "bridge.html", PAGE))
    assert art.title == "Bridge closed after storm"
    assert [h.text for h in art.headings] == ["What happens next"]
    paragraphs = [p.text for p in art.paragraphs]
    assert paragraphs == [
        "By Ana Lima",
        "The old bridge was shut on Monday. Engineers found cracks in two pillars.",
        "The council will vote on repairs. Residents are angry & tired.",
        "Buses will run every hour.",
        "Cyclists may still cross.",
        "“We waited too long,” said one driver.",
    ]
    for hidden in ("secret", "hidden", "noscript-text", "template-text", "footer-script-text", "color: red",
                   "Cat wins", "©", "Subscribe", "Share this"):  # fmt: skip
        assert hidden not in art.text
    removed = " ".join(r.text for r in art.removed)
    assert "Cat wins election" in removed and "Share this:" in removed and "© 2026" in removed
    assert all(r.line >= 1 for r in art.removed)
    assert {r.rule for r in art.removed} >= {"<nav>", "<aside>", "<footer>", "<form>", "share-buttons"}
    exact(art)


def test_html_title_from_title_tag_when_no_h1(tmp_path):
    page = "<html><head><title>Rain Returns – The Daily</title></head><body><p>It rained all day.</p></body>"
    art = load_article(write(tmp_path, "rain.htm", page))
    assert art.title == "Rain Returns" and art.text == "Rain Returns\n\nIt rained all day."


def test_html_full_of_scripts_keeps_only_text(tmp_path):
    scripts = "".join(
        f"<script>var a{i} = 'SCRIPT{i}';</script><style>.s{i}{{x:1}}</style>" for i in range(500)
    )
    page = f"<html><body>{scripts}<p>Only this sentence is real.</p>{scripts}</body></html>"
    art = load_article(write(tmp_path, "heavy.html", page))
    assert art.text == "Only this sentence is real."


def test_html_with_no_readable_text(tmp_path):
    page = (
        "<html><head><title></title><script>render()</script></head><body><div id='app'></div></body></html>"
    )
    with pytest.raises(ArticleError, match="no text a reader could see") as err:
        load_article(write(tmp_path, "app.html", page))
    assert "app.html" in str(err.value)


# ----- bad input ----------------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(ArticleError, match="Could not find the file") as err:
        load_article(tmp_path / "nope.txt")
    assert "nope.txt" in str(err.value)


def test_directory(tmp_path):
    with pytest.raises(ArticleError, match="is a folder"):
        load_article(tmp_path)


@pytest.mark.parametrize("content", ["", "   \n\n\t  \r\n"])
def test_empty_file(tmp_path, content):
    with pytest.raises(ArticleError, match="empty") as err:
        load_article(write(tmp_path, "blank.txt", content))
    assert "blank.txt" in str(err.value)


def test_png_like_binary(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    with pytest.raises(ArticleError, match="not a text file") as err:
        load_article(write(tmp_path, "photo.txt", png))
    assert "photo.txt" in str(err.value)


def test_mostly_control_characters(tmp_path):
    junk = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 200 + b"some words"
    with pytest.raises(ArticleError, match="does not look like text"):
        load_article(write(tmp_path, "junk.txt", junk))


def test_huge_file(tmp_path):
    path = write(tmp_path, "huge.txt", ("Word " * 100 + "\n\n") * (MAX_BYTES // 500 + 10))
    assert path.stat().st_size > MAX_BYTES
    with pytest.raises(ArticleError, match="too big") as err:
        load_article(path)
    assert f"{MAX_BYTES:,}" in str(err.value) and "huge.txt" in str(err.value)


def test_unsupported_extension(tmp_path):
    with pytest.raises(ArticleError, match=r"\.txt, \.md, \.html, \.htm") as err:
        load_article(write(tmp_path, "story.docx", "Hello"))
    assert "story.docx" in str(err.value)


def test_only_chrome_file(tmp_path):
    path = write(tmp_path, "chrome.txt", "Home\n\nNews\n\nShare\n\nTweet\n\nAdvertisement\n\nBack to top\n")
    with pytest.raises(ArticleError, match="only website clutter") as err:
        load_article(path)
    assert "chrome.txt" in str(err.value)


def test_pasted_text_instead_of_a_path():
    with pytest.raises(ArticleError, match="from_text"):
        load_article("The mayor said yes.\nThe council said no.")
    with pytest.raises(ArticleError, match="file name"):
        load_article(42)  # type: ignore[arg-type]


def test_bad_input_leaves_the_file_untouched(tmp_path):
    data = b"\x89PNG\r\n\x1a\n\x00\x00binary"
    path = write(tmp_path, "keep.txt", data)
    with pytest.raises(ArticleError):
        load_article(path)
    assert path.read_bytes() == data


def test_error_messages_are_plain(tmp_path):
    from textstat import flesch_kincaid_grade

    from kit.offline import ensure_cmudict

    ensure_cmudict()
    messages = []
    for make in (
        lambda: load_article(tmp_path / "a.txt"),
        lambda: load_article(tmp_path),
        lambda: load_article(write(tmp_path, "b.txt", "")),
        lambda: load_article(write(tmp_path, "c.txt", b"\x00\x01")),
        lambda: load_article(write(tmp_path, "d.pdf", "x")),
        lambda: load_article(write(tmp_path, "e.txt", "Home\n\nShare\n")),
        lambda: load_article(write(tmp_path, "f.html", "<html><script>x()</script></html>")),
        lambda: load_article(write(tmp_path, "g.txt", bytes(range(1, 9)) * 100)),
        lambda: load_article(write(tmp_path, "h.txt", "x" * (MAX_BYTES + 1))),
        lambda: load_article("pasted text\nmore text"),
        lambda: Article.from_text("  "),
    ):
        with pytest.raises(ArticleError) as err:
            make()
        messages.append(str(err.value))
    with pytest.warns(NotUtf8Warning) as caught:
        load_article(write(tmp_path, "i.txt", "Caf\xe9 \u201cnews\u201d.".encode("cp1252")))
    messages.append(str(caught[0].message))
    for message in messages:
        assert flesch_kincaid_grade(message) <= 10, message


# ----- hostile and odd article files (issue 12) -----------------------------------------------------------


@pytest.mark.parametrize("opening", ["<div>", "<div><span>", "<blockquote><em>"])
def test_deeply_nested_or_unclosed_html_loads_without_recursion_error(tmp_path, opening):
    words = "<p>The mayor said the bridge would stay shut.</p>"
    page = "<html><body><h1>Deep Page</h1>" + opening * 5000 + words
    art = load_article(write(tmp_path, "deep.html", page))
    assert art.title == "Deep Page" and "the bridge would stay shut" in art.text
    exact(art)


def test_new_lesson_survives_500_unclosed_divs(tmp_path):
    from kit.newlesson import new_lesson

    body = " ".join(f"The mayor said the bridge number {i} would stay shut for a week." for i in range(12))
    page = "<html><body><h1>Bridge Closures</h1>" + "<div>" * 500 + f"<p>{body}</p>"
    draft = new_lesson(write(tmp_path, "deep.html", page), "deep", out=tmp_path / "lessons")
    assert draft.folder.is_dir()


def test_named_pipe_is_refused_not_read_forever(tmp_path):
    import os

    pipe = tmp_path / "article.txt"
    os.mkfifo(pipe)
    with pytest.raises(ArticleError, match="named pipe or a device"):
        load_article(pipe)


def test_device_is_refused():
    with pytest.raises(ArticleError, match="not an ordinary file"):
        load_article("/dev/zero")


@pytest.mark.parametrize("url", ["https://example.org/news/story.html", "www.example.org/story", "HTTP://x.y"])
def test_a_web_address_says_download_the_page_first(url):
    with pytest.raises(ArticleError, match="download the page first"):
        load_article(url)


def test_an_old_notebook_says_open_and_save_it_in_jupyter(tmp_path):
    old = '{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": []}]}'
    with pytest.raises(ArticleError, match="old format 3.*open and save it in Jupyter"):
        load_article(write(tmp_path, "old.ipynb", old))
    new = '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}'
    with pytest.raises(ArticleError, match="is a Jupyter notebook, not an article"):
        load_article(write(tmp_path, "new.ipynb", new))


def test_cyrillic_in_cp1251_is_detected_not_read_as_cp1252(tmp_path):
    text = "Мэр города заявил, что мост останется закрытым. Критики не согласны с этим решением.\n"
    path = write(tmp_path, "ru.txt", ("Мост закрыт\n\n" + text * 3).encode("cp1251"))
    with pytest.warns(NotUtf8Warning, match="cp1251"):
        art = load_article(path)
    assert "мост останется закрытым" in art.text and art.encoding == "cp1251"


def test_japanese_in_shift_jis_is_detected(tmp_path):
    text = "市長は橋が閉鎖されたままになると述べた。批評家は反対している。\n"
    path = write(tmp_path, "ja.txt", ("橋の閉鎖\n\n" + text * 3).encode("shift_jis"))
    with pytest.warns(NotUtf8Warning):
        art = load_article(path)
    assert "批評家は反対している" in art.text
