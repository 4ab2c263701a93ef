"""Read article files (.txt, .md, .html) into plain lines or blocks, with plain-language errors.

This is the only module of the article model that touches the file system. It decodes bytes, refuses
files a learner could not mean to load (missing, folders, binary, huge, empty), and turns HTML into a list
of readable blocks with BeautifulSoup.
"""

from __future__ import annotations

import codecs
import json
import re
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.errors import ArticleError

MAX_BYTES = 2_000_000  # about 300,000 words: far more than any news article
SUPPORTED = (".txt", ".md", ".html", ".htm")
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1")

# Tags whose contents never reach the article text.
HIDDEN_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head")
# Page parts that hold site chrome; their text is shown in article.removed with these reasons.
CHROME_TAGS = {
    "nav": "The website's menu.",
    "footer": "The footer at the bottom of the web page.",
    "aside": "A side box next to the article.",
    "form": "A form on the web page (search, sign-up or comments).",
}
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Tags that start a new block of text; anything else (a, em, span ...) stays inside the current block.
BLOCK_TAGS = frozenset(
    """p li blockquote h1 h2 h3 h4 h5 h6 div section article main header ul ol dl dt dd table thead tbody
    tr td th figure figcaption pre address hr body html caption details summary""".split()
)
_TITLE_SPLIT = re.compile(r"\s+[|–—]\s+|\s+-\s+(?=[^-]*$)")


class NotUtf8Warning(UserWarning):
    """A file was not UTF-8 and was read with another encoding."""


@dataclass
class Piece:
    """A line of plain text or a block of HTML text, before chrome removal."""

    text: str
    line: int  # 1-based line in the loaded file
    group: int  # pieces in one group form one block unless something is cut between them
    kind: str | None = None  # "title" | "heading" | "paragraph" | None (decide from the text)


@dataclass
class Loaded:
    """What a source file or string turned into."""

    pieces: list[Piece]
    title: str | None = None  # a title that is not itself a piece (HTML <title>)
    removed: list[tuple[str, str, int, str]] = field(default_factory=list)  # (text, reason, line, rule)
    encoding: str | None = None
    kind: str = "text"  # "text" | "markdown" | "html"


def read_file(path: str | Path) -> tuple[str, str, Path]:
    """Read ``path`` as text; return (text, encoding, path). Raise ArticleError with a plain message."""
    file = Path(path).expanduser()
    name = str(path)
    if re.match(r"^(https?://|www\.)", name.strip(), flags=re.I):
        raise ArticleError(
            f"'{name}' is a web address. The kit does not download pages: download the page first "
            "(open it in your browser and use File > Save Page As, or copy its words into a .txt file), "
            "then load that file."
        )
    if not file.exists():
        raise ArticleError(
            f"Could not find the file '{name}'. Check the name and the folder. "
            "Tip: the file must be in the same folder as this notebook, or give its full path."
        )
    if file.is_dir():
        raise ArticleError(f"'{name}' is a folder, not a file. Give the name of one article file inside it.")
    if not stat.S_ISREG(file.stat().st_mode):
        raise ArticleError(
            f"'{name}' is not an ordinary file (it is a named pipe or a device), so reading it might never "
            "end. Save the article in a .txt file and load that."
        )
    suffix = file.suffix.lower()
    if suffix == ".ipynb":
        raise ArticleError(_notebook_message(file, name))
    if suffix not in SUPPORTED:
        raise ArticleError(
            f"Cannot read '{name}': the kit reads only {', '.join(SUPPORTED)} files. "
            "Save the article as plain text (.txt) and try again."
        )
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise ArticleError(
            f"The file '{name}' is too big ({size:,} bytes). The limit is {MAX_BYTES:,} bytes "
            "(about 300,000 words). Use one article, not a whole website or book."
        )
    try:
        data = file.read_bytes()
    except OSError as err:
        raise ArticleError(f"Could not open '{name}' ({err.strerror}). Check that you may read it.") from None
    text, encoding = decode(data, name)
    if not text.strip():
        raise ArticleError(f"The file '{name}' is empty. Put the article text in it and save it first.")
    return text, encoding, file


def _notebook_message(file: Path, name: str) -> str:
    try:
        version = json.loads(file.read_bytes()).get("nbformat")
    except (OSError, ValueError, AttributeError):
        version = None
    if isinstance(version, int) and version < 4:
        return (
            f"'{name}' is a Jupyter notebook in the old format {version}, and a notebook is not an article. "
            "To use it, open and save it in Jupyter (that updates it), then copy the article's words into a "
            ".txt file and load that."
        )
    return f"'{name}' is a Jupyter notebook, not an article. Copy the article's words into a .txt file."


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as UTF-8, else cp1252, else latin-1 (warning which one was used)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:65536]:
        raise ArticleError(
            f"'{name}' is not a text file (it looks like a picture, a program or a zip file). "
            "Open the article, copy its words into a .txt file and load that."
        )
    for encoding in ENCODINGS:
        if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8):
            continue  # let utf-8-sig drop the byte-order mark
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding in ("cp1252", "latin-1") and (_mojibake(text) or _looks_binary(text)):
            detected = _detect(data)
            if detected is None:
                raise ArticleError(
                    f"'{name}' is saved in an old text encoding the kit cannot recognise (not UTF-8, and "
                    "read as Western European text it is nonsense). Open it in a text editor, save it as "
                    "UTF-8, and load it again."
                )
            text, encoding = detected
        if encoding not in ("utf-8", "utf-8-sig"):
            warnings.warn(
                f"'{name}' is not saved as UTF-8, so the kit read it as {encoding}. "
                "If some letters look wrong, save the file as UTF-8 and load it again.",
                NotUtf8Warning,
                stacklevel=4,  # decode <- read_file <- load_article <- the learner's cell
            )
        if _looks_binary(text):
            raise ArticleError(
                f"'{name}' does not look like text: most of it is not letters or words. "
                "Open the article, copy its words into a .txt file and load that."
            )
        return text, encoding
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _mojibake(text: str) -> bool:
    """True when most words are made of Latin-1 accented letters: another script read as cp1252."""
    words = re.findall(r"[^\W\d_]{2,}", text[:20000])
    odd = sum(1 for w in words if sum(0x80 <= ord(c) <= 0xFF for c in w) * 2 > len(w))
    return len(words) >= 3 and odd > 0.3 * len(words)


def _detect(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) from charset-normalizer's best guess, when that guess reads as real words."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return None if _mojibake(text) or _looks_binary(text) else (text, best.encoding)


def _looks_binary(text: str) -> bool:
    """True when more than a tenth of the first 4,000 characters are control characters."""
    sample = text[:4000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f" or 0x7F <= ord(ch) < 0xA0)
    return control > len(sample) / 10


def normalise_newlines(text: str) -> str:
    """Turn Windows and old Mac line ends into "\\n"."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def plain_pieces(text: str) -> Loaded:
    """Split plain text into non-blank lines; blank lines separate blocks.

    A text with no blank lines at all but long lines (one paragraph per line, as many copy-pastes are)
    gets one block per line.
    """
    lines = normalise_newlines(text).split("\n")
    one_per_line = all(line.strip() for line in lines) and any(len(line) > 150 for line in lines)
    pieces: list[Piece] = []
    group = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            group += 1
            continue
        pieces.append(Piece(line.strip(), number, group))
        if one_per_line:
            group += 1
    return Loaded(pieces)


_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
# Inline Markdown a reader never sees: images and links keep their words, emphasis and code marks go.
_MD_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)


def markdown_inline(text: str) -> str:
    """Drop inline Markdown marks (links, emphasis, code) so the cleaned text reads as the page does."""
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    return text


def markdown_pieces(text: str) -> Loaded:
    """Split Markdown: ``#`` lines are headings (markers stripped), other lines as in plain text,
    with inline marks (links, emphasis, code) removed.

    The first level-1 heading that comes before any paragraph is the title.
    """
    pieces: list[Piece] = []
    group = 0
    seen_paragraph = False
    have_title = False
    for number, line in enumerate(normalise_newlines(text).split("\n"), start=1):
        heading = _MD_HEADING.match(line)
        if heading and heading.group(2).strip():
            kind = "heading"
            if heading.group(1) == "#" and not seen_paragraph and not have_title:
                kind, have_title = "title", True
            group += 1
            words = markdown_inline(heading.group(2)).strip() or heading.group(2).strip()
            pieces.append(Piece(words, number, group, kind))
            group += 1
        elif not line.strip() or heading:
            group += 1
        else:
            seen_paragraph = True
            pieces.append(Piece(markdown_inline(line).strip() or line.strip(), number, group, "paragraph"))
    return Loaded(pieces, kind="markdown")


def html_pieces(markup: str) -> Loaded:
    """Turn an HTML page into readable blocks: title, headings (h2-h6) and paragraphs.

    script/style/noscript/template contents are dropped; nav/footer/aside/form text goes to ``removed``.
    The title is the first <h1>, else the page's <title>.
    """
    from bs4 import BeautifulSoup, Comment, NavigableString, Tag  # slow to import: only when needed

    soup = BeautifulSoup(markup, "html.parser")
    page_title = None
    if soup.title is not None and soup.title.get_text(strip=True):
        page_title = _TITLE_SPLIT.split(" ".join(soup.title.get_text().split()))[0]
    for tag in soup.find_all(HIDDEN_TAGS):
        tag.decompose()
    removed: list[tuple[str, str, int, str]] = []
    for name, reason in CHROME_TAGS.items():
        for tag in soup.find_all(name):
            if tag.decomposed:
                continue
            words = " ".join(tag.get_text(" ").split())
            if words:
                removed.append((words, reason, tag.sourceline or 1, f"<{name}>"))
            tag.decompose()
    mains = soup.find_all("main") or soup.find_all("article")
    root: Tag = mains[0] if len(mains) == 1 else (soup.body or soup)

    pieces: list[Piece] = []
    buffer: list[str] = []
    state: dict[str, Any] = {"line": 1, "kind": "paragraph", "group": 0, "title_seen": False}

    def flush() -> None:
        lines = [" ".join(part.split()) for part in "".join(buffer).split("\n")]
        text = "\n".join(line for line in lines if line)
        buffer.clear()
        if text:
            state["group"] += 1
            pieces.append(Piece(text, state["line"], state["group"], state["kind"]))

    def kind_of(tag: Tag, outer: str) -> str:
        if tag.name == "h1" and not state["title_seen"]:
            state["title_seen"] = True
            return "title"  # the first <h1> is the headline; later ones are ordinary headings
        return "heading" if tag.name in HEADING_TAGS else outer

    # an explicit stack, not recursion: a page of 5,000 unclosed <div>s is as deep as it is long
    stack: list[tuple[Any, Tag, str, bool]] = [(iter(root.children), root, "paragraph", False)]
    while stack:
        children, node, kind, block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if block:
                flush()
            continue
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            if not buffer:
                state["line"] = node.sourceline or state["line"]
                state["kind"] = kind
            buffer.append(str(child))
        elif isinstance(child, Tag):
            if child.name == "br":
                buffer.append("\n")
            elif child.name in BLOCK_TAGS:
                flush()
                stack.append((iter(child.children), child, kind_of(child, kind), True))
            else:
                stack.append((iter(child.children), child, kind, False))
    flush()
    titles = [i for i, piece in enumerate(pieces) if piece.kind == "title"]
    if titles:
        for piece in pieces[titles[0] + 1 :]:
            if piece.kind == "title":
                piece.kind = "heading"  # an <h1> split by inline blocks: keep only the first part as title
        for piece in pieces[: titles[0]]:
            reason = "Text above the headline: the website's name or menu."
            removed.append((piece.text, reason, piece.line, "above-headline"))
        pieces = pieces[titles[0] :]
        page_title = None
    return Loaded(pieces, title=page_title, removed=removed, kind="html")
