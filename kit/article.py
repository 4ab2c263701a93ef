"""The article model: one cleaned text, cut into title, headings, paragraphs, sentences and words.

Every unit knows its exact place: ``article.text[u.start:u.end] == u.text``. All offsets anywhere in the kit
point into ``article.text`` (the text after site chrome is removed, blocks joined by a blank line).

Use :func:`load_article` for the seed article or a file, and :meth:`Article.from_text` for a string.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.chrome import find_chrome
from kit.errors import ArticleError
from kit.loading import (
    MAX_BYTES,
    SUPPORTED,
    Loaded,
    Piece,
    html_pieces,
    markdown_pieces,
    plain_pieces,
    read_file,
)
from kit.segment import split_sentences, split_words

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MAX_BYTES", "SUPPORTED", "Article", "Block", "Removed", "Sentence", "Word", "load_article"]

SEED = "seeds/isis-iraq-article.txt"
LEVELS = ("sentence", "paragraph", "block", "word")
HEADING_MAX_CHARS = 120
HEADING_MAX_WORDS = 15
_CLOSERS = "\"'”’»)]"
_LIST_ITEM = re.compile(r"^(?:\d{1,3}|[a-zA-Z])[.)]\s|^[-*•–—+]\s")
# Bylines and datelines ("By Jo", "Posted on May 2 by Jo", "Reporting by ...") are not headings.
_BYLINE = re.compile(
    r"^(?:by|posted|published|updated|last updated|written|reporting|editing|photo|photos|image)\b",
    re.IGNORECASE,
)
# Characters a learner may type for each other when searching: straight and curly quotes, hyphens and dashes.
_EQUIVALENT = {
    **dict.fromkeys("'’‘ʼ`´", "['’‘ʼ`´]"),
    **dict.fromkeys('"“”„«»', '["“”„«»]'),
    **dict.fromkeys("-‐‑–—", "[-‐‑–—]"),
}


@dataclass(frozen=True, slots=True)
class Block:
    """A title, heading or paragraph. ``section_id``: the heading it sits under (a heading: itself)."""

    id: str
    start: int
    end: int
    text: str
    kind: str  # "title" | "heading" | "paragraph"
    section_id: str | None


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence; a title or heading block is a single sentence."""

    id: str
    start: int
    end: int
    text: str
    block_id: str
    block_kind: str
    paragraph_id: str | None
    section_id: str | None
    index_in_block: int


@dataclass(frozen=True, slots=True)
class Word:
    """One word (punctuation is not a word; "U.S.", "Al-Anbar" and "Washington’s" are one word each)."""

    id: str
    start: int
    end: int
    text: str
    sentence_id: str
    block_id: str


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of site chrome taken out of the text, so learners can see what was cut and why."""

    text: str
    reason: str
    line: int  # 1-based line in the loaded text or HTML file
    rule: str = ""  # id of the rule in kit/data/site_chrome.json, or the HTML tag


class Article:
    """A cleaned article cut into units with exact offsets. Build it with ``from_text`` or ``load_article``.

    Attributes: text, title, blocks, headings, paragraphs, sentences, words, removed, sha, source, encoding.
    """

    def __init__(
        self,
        text: str,
        title: str | None,
        blocks: Sequence[Block],
        sentences: Sequence[Sentence],
        words: Sequence[Word] | Callable[[], Sequence[Word]],
        removed: Sequence[Removed],
        source: Path | None = None,
        encoding: str | None = None,
    ) -> None:
        self.text = text
        self.title = title
        self.blocks: tuple[Block, ...] = tuple(blocks)
        self.headings: tuple[Block, ...] = tuple(b for b in self.blocks if b.kind == "heading")
        self.paragraphs: tuple[Block, ...] = tuple(b for b in self.blocks if b.kind == "paragraph")
        self.sentences: tuple[Sentence, ...] = tuple(sentences)
        self._words: tuple[Word, ...] | Callable[[], Sequence[Word]] = (
            words if callable(words) else tuple(words)
        )
        self.removed: tuple[Removed, ...] = tuple(removed)
        self.source = source
        self.encoding = encoding
        self.sha = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        self._block_starts = [b.start for b in self.blocks]
        self._sentence_starts = [s.start for s in self.sentences]
        self._by_id = {b.id: b for b in self.blocks}

    @property
    def words(self) -> tuple[Word, ...]:
        """The words, cut on first use: most readers never need them, and a long text has many."""
        if callable(self._words):
            self._words = tuple(self._words())
        return self._words

    # ----- building -------------------------------------------------------------------------------------

    @classmethod
    def from_text(cls, text: str, title: str | None = None) -> Article:
        """Build an article from a string (plain text: blocks separated by blank lines)."""
        if isinstance(text, bytes):
            raise ArticleError("Article.from_text needs text, not bytes. Decode it first: data.decode().")
        if not isinstance(text, str):
            raise ArticleError(f"Article.from_text needs the article as text, not {type(text).__name__}.")
        if not text.strip():
            raise ArticleError("The article text is empty. Put the words of the article between the quotes.")
        return _assemble(plain_pieces(text), title, None, None, "The text")

    def __repr__(self) -> str:
        title = self.title if self.title is None or len(self.title) < 60 else self.title[:57] + "..."
        where = f", source={str(self.source)!r}" if self.source else ""
        return (
            f"<Article title={title!r}: {len(self.headings)} headings, {len(self.paragraphs)} paragraphs, "
            f"{len(self.sentences)} sentences, {len(self.words)} words, {len(self.removed)} removed, "
            f"sha={self.sha}{where}>"
        )

    def _repr_html_(self) -> str:
        parts = ['<div class="medialit-article">']
        for block in self.blocks:
            body = html.escape(block.text).replace("\n", "<br>")
            tag = {"title": "h2", "heading": "h3"}.get(block.kind, "p")
            parts.append(f'<{tag} data-id="{block.id}">{body}</{tag}>')
        if self.removed:
            parts.append(f"<details><summary>Website clutter removed ({len(self.removed)})</summary><ul>")
            for item in self.removed:
                parts.append(f"<li>“{html.escape(item.text)}”: {html.escape(item.reason)}</li>")
            parts.append("</ul></details>")
        parts.append("</div>")
        return "\n".join(parts)

    # ----- looking things up ----------------------------------------------------------------------------

    def block(self, block_id: str) -> Block:
        """The block with this id ("title", "h2", "p5")."""
        try:
            return self._by_id[block_id]
        except KeyError:
            raise ArticleError(f"This article has no part called {block_id!r}.") from None

    def block_at(self, offset: int) -> Block | None:
        """The block that contains character ``offset`` of ``text``, or None (between blocks, outside)."""
        return _unit_at(self.blocks, self._block_starts, offset)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains character ``offset`` of ``text``, or None (between sentences)."""
        return _unit_at(self.sentences, self._sentence_starts, offset)

    def find(self, phrase: str, case: bool = False) -> list[tuple[int, int]]:
        """Every (start, end) where ``phrase`` occurs in ``text``, in order, not overlapping.

        Any run of whitespace in the phrase matches any run of whitespace; straight and curly quotes
        match each other, and so do hyphens and dashes, because learners type straight ones. A phrase that
        starts or ends with a letter or digit matches whole words only ("isis" is not found in "crisis").
        ``case=False`` ignores upper and lower case.
        """
        if not isinstance(phrase, str) or not phrase.strip():
            raise ArticleError("Type some words to look for: the phrase is empty.")
        return [m.span() for m in phrase_pattern(phrase, case).finditer(self.text)]

    def to_frame(self, level: str = "sentence") -> pd.DataFrame:
        """One row per unit at ``level`` ("sentence", "paragraph", "block" or "word").

        Columns, all levels: id, start, end, text.
        block / paragraph: kind, section_id, section (heading text), n_sentences, n_words.
        sentence: block_id, block_kind, paragraph_id, section_id, section, index_in_block, n_words.
        word: sentence_id, block_id.
        """
        import pandas as pd  # heavy: only when a table is asked for

        if level not in LEVELS:
            raise ArticleError(f"Unknown level {level!r}. Use one of: {', '.join(LEVELS)}.")
        section = {b.id: b.text for b in self.headings}
        if level == "word":
            columns = ["id", "start", "end", "text", "sentence_id", "block_id"]
            return pd.DataFrame([asdict(w) for w in self.words], columns=columns)
        words_in_sentence: dict[str, int] = {}
        for word in self.words:
            words_in_sentence[word.sentence_id] = words_in_sentence.get(word.sentence_id, 0) + 1
        if level == "sentence":
            columns = [
                "id", "start", "end", "text", "block_id", "block_kind", "paragraph_id", "section_id",
                "section", "index_in_block", "n_words",
            ]  # fmt: skip
            rows = [
                {
                    **asdict(s),
                    "section": section.get(s.section_id or ""),
                    "n_words": words_in_sentence.get(s.id, 0),
                }
                for s in self.sentences
            ]
            return pd.DataFrame(rows, columns=columns)
        blocks = self.paragraphs if level == "paragraph" else self.blocks
        n_sentences: dict[str, int] = {}
        n_words: dict[str, int] = {}
        for sentence in self.sentences:
            n_sentences[sentence.block_id] = n_sentences.get(sentence.block_id, 0) + 1
            in_sentence = words_in_sentence.get(sentence.id, 0)
            n_words[sentence.block_id] = n_words.get(sentence.block_id, 0) + in_sentence
        columns = ["id", "start", "end", "text", "kind", "section_id", "section", "n_sentences", "n_words"]
        rows = [
            {
                **asdict(b),
                "section": section.get(b.section_id or ""),
                "n_sentences": n_sentences.get(b.id, 0),
                "n_words": n_words.get(b.id, 0),
            }
            for b in blocks
        ]
        return pd.DataFrame(rows, columns=columns)


def phrase_pattern(phrase: str, case: bool = False) -> re.Pattern[str]:
    """The regular expression :meth:`Article.find` uses for ``phrase`` (the one place it is built).

    Whitespace runs match any whitespace, quote and dash variants match each other, and a phrase that
    starts or ends with a letter or digit matches whole words only. Callers that look phrases up in
    bulk (new-lesson's key writer) use it so that they count places exactly as ``find`` does.
    """
    pattern = r"\s+".join(
        "".join(_EQUIVALENT.get(ch, re.escape(ch)) for ch in word) for word in phrase.split()
    )
    if phrase.strip()[0].isalnum():
        pattern = r"(?<!\w)" + pattern  # whole words: "isis" must not match inside "crisis"
    if phrase.strip()[-1].isalnum():
        pattern += r"(?!\w)"
    return re.compile(pattern, 0 if case else re.IGNORECASE)


def _unit_at(units: Sequence[Any], starts: list[int], offset: int) -> Any:
    if not isinstance(offset, int) or isinstance(offset, bool):
        raise ArticleError(f"A place in the text is a whole number, not {offset!r}.")
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset < units[index].end:
        return units[index]
    return None


@cache
def _seed_article() -> Article:
    """The seed article, built once per process: every lesson in a kernel shares one copy (and the
    readers' remembered results for it) instead of holding one per lesson (issue 16)."""
    data = resources.files("kit").joinpath(SEED).read_text(encoding="utf-8")
    return _assemble(plain_pieces(data), None, None, "utf-8", "The seed article")


def load_article(source: str | Path | None = None) -> Article:
    """Load the seed article (no argument) or a .txt, .md, .html or .htm file.

    The seed article is built once per process and shared (one copy per kernel, however many lessons
    load it): treat an Article as read-only.

    Raises ArticleError with a plain message for a missing, empty, binary, too large or unreadable file.
    A file that is not UTF-8 is read as cp1252 or latin-1 with a warning.
    """
    if source is None:
        return _seed_article()
    if not isinstance(source, (str, Path)):
        raise ArticleError(f"load_article needs a file name, not {type(source).__name__}.")
    if isinstance(source, str) and ("\n" in source or len(source) > 300):
        raise ArticleError(
            "load_article needs the name of a file. To use text you pasted, write Article.from_text(text)."
        )
    text, encoding, path = read_file(source)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        loaded = html_pieces(text)
        if not loaded.pieces:
            raise ArticleError(
                f"The web page '{source}' has no text a reader could see. It may be built by a script. "
                "Open it in a browser, copy the article's words into a .txt file and load that."
            )
    elif suffix == ".md":
        loaded = markdown_pieces(text)
    else:
        loaded = plain_pieces(text)
    return _assemble(loaded, None, path, encoding, f"The file '{source}'")


# ----- assembling the units ---------------------------------------------------------------------------


def looks_like_heading(line: str) -> bool:
    """A short single line with a capital letter, no final full stop, not a list item or byline."""
    text = line.strip()
    if not text or "\n" in text or len(text) > HEADING_MAX_CHARS or len(text.split()) > HEADING_MAX_WORDS:
        return False
    last = text.rstrip(_CLOSERS)[-1:] or text[-1]
    if last in ".,;:…" or _LIST_ITEM.match(text) or _BYLINE.search(text):
        return False
    if len(split_sentences(text)) > 1:  # "It failed. Then he left!" is prose, not a heading
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    first = letters[0]
    return first.isupper() or not first.islower()  # scripts with no capitals count as title-ish


def _group_blocks(pieces: list[Piece], cut: set[int]) -> list[tuple[str, str | None, int]]:
    """Join kept pieces into (text, kind, line) blocks; a cut piece also separates blocks."""
    blocks: list[tuple[str, str | None, int]] = []
    lines: list[str] = []
    kind: str | None = None
    group = line = -1
    for index, piece in enumerate(pieces):
        if index in cut:
            if lines:
                blocks.append(("\n".join(lines), kind, line))
            lines, group = [], -1
            continue
        if lines and piece.group == group and piece.kind == kind:
            lines.append(piece.text)
            continue
        if lines:
            blocks.append(("\n".join(lines), kind, line))
        lines, kind, group, line = [piece.text], piece.kind, piece.group, piece.line
    if lines:
        blocks.append(("\n".join(lines), kind, line))
    return blocks


def _decide_kinds(blocks: list[tuple[str, str | None, int]]) -> list[str]:
    """Kinds for plain-text blocks: heading-like lines followed by a paragraph are headings;
    the first of them, if no paragraph comes before it, is the title."""
    kinds = [k or ("heading?" if looks_like_heading(t) else "paragraph") for t, k, _ in blocks]
    last_paragraph = max((i for i, k in enumerate(kinds) if k == "paragraph"), default=-1)
    for i, kind in enumerate(kinds):
        if kind == "heading?":
            kinds[i] = "heading" if i < last_paragraph else "paragraph"
    if "title" not in kinds and any(k is None for _, k, _ in blocks):
        for i, kind in enumerate(kinds):
            if kind == "paragraph":
                break
            if kind == "heading":
                kinds[i] = "title"
                break
    return kinds


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _assemble(
    loaded: Loaded, title: str | None, source: Path | None, encoding: str | None, what: str
) -> Article:
    """Remove chrome, group pieces into blocks, pick title and headings, and cut the units."""
    pieces = loaded.pieces
    removed = [Removed(*entry) for entry in loaded.removed]
    cuts = find_chrome([p.text for p in pieces])
    removed += [Removed(pieces[c.index].text, c.reason, pieces[c.index].line, c.rule) for c in cuts]
    removed.sort(key=lambda r: r.line)
    raw = _group_blocks(pieces, {c.index for c in cuts})
    if not raw:
        raise ArticleError(
            f"{what} holds only website clutter (menus, share buttons, adverts), no article. "
            "Copy the article's own words and try again."
        )
    kinds = _decide_kinds(raw)
    texts = [t for t, _, _ in raw]
    wanted = title if title is not None and title.strip() else loaded.title
    if wanted is not None and wanted.strip():
        wanted = " ".join(wanted.split())
        kinds = ["heading" if k == "title" else k for k in kinds]
        if _same(texts[0], wanted):
            kinds[0] = "title"
        else:
            texts.insert(0, wanted)
            kinds.insert(0, "title")
    return _build(texts, kinds, removed, source, encoding)


def _build(
    texts: list[str], kinds: list[str], removed: list[Removed], source: Path | None, enc: str | None
) -> Article:
    """Lay the blocks out in one text (joined by a blank line) and cut sentences and words."""
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    counters = {"heading": 0, "paragraph": 0}
    section: str | None = None
    offset = 0
    for text, kind in zip(texts, kinds, strict=True):
        if kind == "title":
            block_id = "title"
            kind_section = None
        else:
            counters[kind] += 1
            block_id = f"{'h' if kind == 'heading' else 'p'}{counters[kind]}"
            if kind == "heading":
                section = block_id
            kind_section = section
        block = Block(block_id, offset, offset + len(text), text, kind, kind_section)
        blocks.append(block)
        spans = [(0, len(text))] if kind != "paragraph" else split_sentences(text)
        for index, (s_start, s_end) in enumerate(spans):
            start, end = offset + s_start, offset + s_end
            sentence_id = f"s{len(sentences) + 1}"
            sentences.append(
                Sentence(
                    sentence_id, start, end, text[s_start:s_end], block_id, kind,
                    block_id if kind == "paragraph" else None, kind_section, index,
                )  # fmt: skip
            )
        offset += len(text) + 2
    full = "\n\n".join(texts)
    title = blocks[0].text if blocks and blocks[0].kind == "title" else None
    return Article(full, title, blocks, sentences, lambda: _cut_words(full, sentences), removed, source, enc)


def _cut_words(text: str, sentences: Sequence[Sentence]) -> list[Word]:
    """Every sentence's words, numbered in reading order (the word pattern looks at nothing outside the
    word, so cutting within the whole text gives what cutting within each block gave)."""
    words: list[Word] = []
    for sentence in sentences:
        for start, end in split_words(text, sentence.start, sentence.end):
            word = Word(f"w{len(words) + 1}", start, end, text[start:end], sentence.id, sentence.block_id)
            words.append(word)
    return words
