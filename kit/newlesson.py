"""Bring your own article: ``medialit new-lesson ARTICLE --name NAME`` drafts all four lessons for it.

An instructor gives any article file (.txt, .md, .html). This module writes, under ``lessons/NAME/``:

- ``article.<ext>``: a byte copy of the file (every notebook reads it as ``../article.<ext>``);
- ``notebooks/01..04_*.ipynb``: guided notebooks on that article (the kit's readings, the learner's own
  highlighting, the comparison, reflection);
- ``solutions/01..04_*.ipynb``: graded exercises in the docs/AUTHORING.md format, whose keys are the
  kit's readings (a **draft** key: the readers are often wrong, so the instructor must review it);
- ``review_key.ipynb``: one editable highlighter per highlight question, showing the draft key;
  :func:`save_key` writes the corrected marks back into the solution's key.

``medialit build --solutions lessons/NAME/solutions --exercises lessons/NAME/exercises`` then makes the
learner copies, and ``medialit grade ... --key lessons/NAME/solutions`` grades them (the solutions name
their article in ``metadata.medialit.article``, so build and grading use it instead of the seed).
"""

from __future__ import annotations

import bisect
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kit.errors import KitError
from kit.spans import Span

NAME_RULE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
SUFFIXES = (".txt", ".md", ".html", ".htm")
KINDS_OF_TEXT = ["news report", "opinion", "advertising", "publicity", "propaganda"]
SOURCE_CHOICES = [
    "Yes, every source is named",
    "No, some sources are vague or anonymous",
    "There are no sources at all",
]
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class NewLessonError(KitError):
    """A lesson could not be drafted from the article (bad file, bad name, folder already there)."""


@dataclass
class LessonDraft:
    """What :func:`new_lesson` wrote: the lesson folder and its files, plus notes for the instructor."""

    folder: Path
    article: Path
    notebooks: list[Path] = field(default_factory=list)
    solutions: list[Path] = field(default_factory=list)
    review: Path | None = None
    notes: list[str] = field(default_factory=list)


# -- keys --------------------------------------------------------------------------------------------
class _Occurrences:
    """Occurrence numbers exactly as ``article.find`` counts them, without one whole-text scan per span.

    ``article.find(phrase)`` reads the whole text, so calling it once per span made new-lesson quadratic
    in article size. Here every word's positions are indexed once; a phrase is only tried where its
    rarest word sits. The pattern is built as ``Article.find`` builds it (kept in step by a test that
    compares the two on whole articles).
    """

    _WORD = re.compile(r"\w+")

    def __init__(self, article: Any) -> None:
        self.text: str = article.text
        self.starts: list[int] = []
        self.index: dict[str, list[int]] = {}
        for number, m in enumerate(self._WORD.finditer(self.text)):
            self.starts.append(m.start())
            self.index.setdefault(m.group().lower(), []).append(number)
        self.cache: dict[str, list[int]] = {}

    @staticmethod
    def regex(phrase: str) -> re.Pattern[str]:
        from kit.article import _EQUIVALENT

        pattern = r"\s+".join("".join(_EQUIVALENT.get(ch, re.escape(ch)) for ch in w) for w in phrase.split())
        if phrase.strip()[0].isalnum():
            pattern = r"(?<!\w)" + pattern
        if phrase.strip()[-1].isalnum():
            pattern += r"(?!\w)"
        return re.compile(pattern, re.IGNORECASE)

    def places(self, phrase: str) -> list[int]:
        """Start offsets of the non-overlapping matches of ``phrase``, in order (as ``article.find``)."""
        if phrase in self.cache:
            return self.cache[phrase]
        regex = self.regex(phrase)
        words = [w.lower() for w in self._WORD.findall(phrase)]
        # only ASCII words are looked up: their lower case is what IGNORECASE matches
        usable = [i for i, w in enumerate(words) if w.isascii()]
        spans: list[tuple[int, int]] = []
        if not usable:  # punctuation only, or no plain word: rare, scan the text
            spans = [m.span() for m in regex.finditer(self.text)]
        else:
            j = min(usable, key=lambda i: len(self.index.get(words[i], ())))
            first_word = self._WORD.search(phrase)
            lead = 4 * (first_word.start() if first_word else 0) + 2  # room for quotes and spaces before it
            for number in self.index.get(words[j], ()):
                first = number - j
                if first < 0:
                    continue
                at = self.starts[first]
                for start in range(max(0, at - lead), at + 1):
                    m = regex.match(self.text, start)
                    if m:
                        spans.append(m.span())
                        break
        result, end = [], -1
        for s, e in sorted(set(spans)):
            if s >= end:  # non-overlapping, leftmost first, as re.finditer
                result.append(s)
                end = e if e > s else s + 1
        self.cache[phrase] = result
        return result


def spans_to_key(article: Any, spans: list[Span]) -> list[tuple[str, str, int]]:
    """Turn exact spans into a highlight key: ``(phrase, label, occurrence)`` as docs/AUTHORING.md wants.

    The occurrence is counted the way ``medialit build`` finds phrases (``article.find``), so the key
    resolves back to the same place. A span that ``find`` cannot reach is left out.
    """
    key: list[tuple[str, str, int]] = []
    seen: set[tuple[int, int, str]] = set()
    occurrences = _Occurrences(article)
    for span in sorted(spans, key=lambda s: (s.start, s.end, s.label)):
        phrase = article.text[span.start : span.end].strip()
        if not phrase or (span.start, span.end, span.label) in seen:
            continue
        seen.add((span.start, span.end, span.label))
        places = occurrences.places(phrase)
        lead = len(article.text[span.start : span.end]) - len(article.text[span.start : span.end].lstrip())
        at = bisect.bisect_left(places, span.start + lead)
        if at < len(places) and places[at] == span.start + lead:
            key.append((phrase, span.label, at + 1))
    return key


def _key_block(key: list[tuple[str, str, int]]) -> str:
    lines = ["["] + [f"    ({phrase!r}, {label!r}, {n})," for phrase, label, n in key] + ["]"]
    return "\n".join(lines)


# -- cells -------------------------------------------------------------------------------------------
def _nbg(gid: str, *, solution: bool = False, grade: bool = False, locked: bool = True, points: float = 0):
    meta: dict[str, Any] = {
        "grade_id": gid,
        "solution": solution,
        "grade": grade,
        "locked": locked,
        "schema_version": 3,
    }
    if grade:
        meta["points"] = points
    return meta


def _locked_md(gid: str, text: str) -> Any:
    return new_markdown_cell(text, metadata={"nbgrader": _nbg(gid)})


def _teacher(text: str) -> Any:
    return new_markdown_cell(text, metadata={"tags": ["teacher-only"]})


def _setup(gid: str, article_rel: str) -> Any:
    source = f"import kit\nimport kit.widgets\n\narticle = kit.load_article({article_rel!r})"
    return new_code_cell(source, metadata={"nbgrader": _nbg(gid)})


def _highlight_q(
    gid: str, labels: list[str], key: list[tuple[str, str, int]], points: float, lesson: str, hint: str
) -> Any:
    source = (
        "### BEGIN SOLUTION\n" + _key_block(key) + "\n### END SOLUTION\n"
        f"kit.Highlighter(article, {labels!r}, question_id={gid!r})"
    )
    meta = {
        "nbgrader": _nbg(gid, solution=True, grade=True, locked=False, points=points),
        "medialit": {
            "type": "highlight",
            "labels": labels,
            "lesson": lesson,
            "hint": hint,
            "rubric": "Marked by overlap with the key, word by word. One word more or less still counts.",
            "feedback": {
                "right": "You found them all, with the right labels.",
                "partly": "Good start. Some passages are still unmarked, or have another label.",
                "wrong": "Go back to the lesson notebook and read the article again, slowly.",
            },
        },
    }
    return new_code_cell(source, metadata=meta)


def _choice_q(gid: str, options: list[str], key: str, lesson: str, hint: str) -> Any:
    source = (
        f"### BEGIN SOLUTION\n{key!r}\n### END SOLUTION\n"
        f"kit.widgets.Choice({gid!r}, {options!r}, multiple=False)"
    )
    meta = {
        "nbgrader": _nbg(gid, solution=True, grade=True, locked=False, points=1),
        "medialit": {
            "type": "choice",
            "options": options,
            "multiple": False,
            "lesson": lesson,
            "hint": hint,
            "rubric": "One point for the right option.",
            "feedback": {"right": "Yes.", "partly": "", "wrong": "Look again at the article and the hint."},
        },
    }
    return new_code_cell(source, metadata=meta)


def _text_q(gid: str, sample: str, rubric: dict[str, dict[str, Any]], lesson: str, hint: str) -> Any:
    meta = {
        "nbgrader": _nbg(gid, solution=True, grade=True, locked=False, points=3),
        "medialit": {
            "type": "text",
            "lesson": lesson,
            "hint": hint,
            "rubric": rubric,
            "feedback": {
                "right": "Clear judgement and good evidence.",
                "partly": "Good start. Quote the article to back up what you say.",
                "wrong": "Read the article again and say what you see, with examples.",
            },
        },
    }
    return new_markdown_cell(f"### BEGIN SOLUTION\n{sample}\n### END SOLUTION", metadata=meta)


def _rubric(proficient: str, emergent: str, basic: str) -> dict[str, dict[str, Any]]:
    return {
        "Proficient": {
            "points": 3,
            "means": "Right judgement, with reasons and examples from the text.",
            "sample": proficient,
        },
        "Emergent": {
            "points": 2,
            "means": "Right judgement, reasons or examples incomplete.",
            "sample": emergent,
        },
        "Basic": {"points": 0, "means": "Wrong judgement or no clear reasons.", "sample": basic},
    }


# -- the kit's readings ------------------------------------------------------------------------------
def _readings(article: Any) -> dict[str, Any]:
    import kit
    from kit.overview import kit_layers, layer_spans

    sources = kit.find_sources(article)
    loaded = kit.find_loaded_language(article)
    claims = kit.find_claims(article)
    layers = kit_layers(article)
    unverifiable = claims[claims["kind"] == "unverifiable"]
    return {
        "sources": sources,
        "loaded": loaded,
        "claims": claims,
        "layers": layers,
        "spans": {
            "source": [Span(int(r.start), int(r.end), "source") for r in sources.itertuples()],
            "loaded": [Span(int(r.start), int(r.end), "loaded") for r in loaded.itertuples()],
            "unverifiable": [
                Span(int(r.start), int(r.end), "unverifiable") for r in unverifiable.itertuples()
            ],
            "all": layer_spans(layers),
        },
    }


def _kind_guess(article: Any, readings: dict[str, Any]) -> str:
    """A rough first guess at the kind of text, for the draft key only (the instructor decides)."""
    words = max(1, len(article.words))
    loaded_rate = 100 * len(readings["loaded"]) / words
    claims = readings["claims"]
    opinionated = (claims["kind"].isin(["unverifiable", "opinion"])).mean() if len(claims) else 0.0
    return "opinion" if loaded_rate >= 1.0 or opinionated >= 0.4 else "news report"


def _sources_guess(sources: Any) -> str:
    if sources.empty:
        return SOURCE_CHOICES[2]
    return SOURCE_CHOICES[1] if sources["kind"].isin(["vague", "anonymous"]).any() else SOURCE_CHOICES[0]


# -- notebooks ---------------------------------------------------------------------------------------
LESSONS = {
    "01_sourcing": ("Lesson 1: Who is speaking?", "source", "sourcing"),
    "02_loaded_language": ("Lesson 2: Words that push the reader", "loaded", "loaded language"),
    "03_unverifiable_claims": ("Lesson 3: What could anyone check?", "unverifiable", "unverifiable claims"),
    "04_putting_it_together": ("Lesson 4: Putting it all together", None, "all three skills"),
}

IDEAS = {
    "source": (
        "A **source** is a person, group or document the writer relies on. A *named* source can be "
        "looked up. "
        'A *vague* source, like "experts say", cannot. Ask: who is speaking? Who is missing?'
    ),
    "loaded": (
        "**Loaded language** means words that do more than inform. They try to make you feel something "
        "or take a side. Ask: what does this word do? What would a plain word be?"
    ),
    "unverifiable": (
        "A claim is **checkable** if a record, a document or a witness could settle it. It is "
        "**unverifiable** "
        'if nothing could: what someone secretly wants, a guess, a sweeping "everyone knows". '
        "Checkable is not the same as true, and unverifiable is not the same as false."
    ),
}

READER_CODE = {
    "source": 'found = kit.find_sources(article)\nfound[["text", "kind_plain", "why"]]',
    "loaded": 'found = kit.find_loaded_language(article)\nfound[["text", "category_name", "neutral", "why"]]',
    "unverifiable": (
        'claims = kit.find_claims(article)\nprint(claims["kind"].value_counts().to_string())\n'
        'found = claims[claims["kind"] == "unverifiable"]\nfound[["sentence_id", "text", "why"]]'
    ),
}


def _alt_counts(article: Any, spans: list[Span]) -> str:
    counts: dict[str, int] = {}
    for span in spans:
        block = article.block_at(span.start)
        if block is not None:
            counts[block.id] = counts.get(block.id, 0) + 1
    if not counts:
        return "All bars are empty: the computer found nothing in this article."
    top = max(counts.items(), key=lambda kv: kv[1])
    empty = len(article.blocks) - len(counts)
    return (
        f"The longest bar is {top[0]}, with {top[1]}. {empty} of the {len(article.blocks)} parts "
        "have nothing found."
    )


def _guided(slug: str, article: Any, article_rel: str, readings: dict[str, Any], name: str) -> Any:
    title, label, skill = LESSONS[slug]
    cells = [
        new_markdown_cell(
            f"# {title}\n\nThis lesson uses an article your teacher chose: "
            f"*{article.title or 'untitled'}*.\n\n"
            f"**By the end you will be able to** use the skill of {skill} on this article, check the "
            "computer's "
            "reading, and say where it is wrong.\n\n"
            "**Time.** Teaching and reading together: about 25 minutes. Your own work: about 25 minutes. "
            "Real classes often take longer. That is fine."
        )
    ]
    cells.append(
        new_code_cell(
            f"import kit\nkit.friendly.install()\narticle = kit.load_article({article_rel!r})\n"
            'print("The article is called:", article.title)'
        )
    )
    labels = [label] if label else ["source", "loaded", "unverifiable"]
    spans = readings["spans"][label or "all"]
    if label:
        cells.append(new_markdown_cell(f"## Part 1: The idea in plain words\n\n{IDEAS[label]}"))
    else:
        cells.append(
            new_markdown_cell(
                "## Part 1: Three skills at once\n\n"
                + "\n\n".join(f"- {IDEAS[k]}" for k in IDEAS)
                + "\n\nFact-checkers also **leave the page** and search about the source (lateral reading)."
            )
        )
    cells.append(
        new_markdown_cell(
            "## Part 2: Your turn first\n\nRead the article. Mark what you notice with the label(s) "
            f"{', '.join(labels)}. "
            "Do this before you look at the computer's reading."
        )
    )
    cells.append(
        new_code_cell(
            f"mine = kit.Highlighter(article, {labels!r}, question_id={name + '-practice-' + slug!r})\nmine"
        )
    )
    cells.append(
        new_markdown_cell(
            "## Part 3: What the computer finds\n\nThe table has one row for each thing the computer found, "
            "with the reason in plain words."
        )
    )
    if label:
        cells.append(new_code_cell(READER_CODE[label]))
        cells.append(
            new_code_cell(f"kit_spans = [kit.Span(r.start, r.end, {label!r}) for r in found.itertuples()]")
        )
    else:
        cells.append(
            new_code_cell(
                "from kit.overview import kit_layers, layer_spans, paragraph_summary\n\n"
                "layers = kit_layers(article)\nkit_spans = layer_spans(layers)\n"
                'layers[["label", "text", "block_id", "why"]]'
            )
        )
        cells.append(
            new_code_cell(
                'kit.Highlighter(article, ["source", "loaded", "unverifiable"], readonly=True, '
                "spans=kit_spans)"
            )
        )
        cells.append(new_code_cell("summary = paragraph_summary(article, layers)\nsummary"))
    cells.append(
        new_markdown_cell(
            "### Where are they?\n\n**Chart description (alt text).** A bar chart with one bar for "
            "each part of the "
            "article, in reading order from the top. The bar length is how many things the computer "
            "found there, "
            "and the number is printed at the end of each bar, so you do not need colour to read it. "
            + _alt_counts(article, spans)
        )
    )
    cells.append(
        new_code_cell(
            "import matplotlib.pyplot as plt\n\n"
            "order = [b.id for b in article.blocks]\n"
            "per_part = {b: 0 for b in order}\n"
            "for span in kit_spans:\n"
            "    block = article.block_at(span.start)\n"
            "    if block is not None:\n"
            "        per_part[block.id] += 1\n"
            "fig, ax = plt.subplots(figsize=(8, max(3, 0.35 * len(order))))\n"
            'ax.barh(order[::-1], [per_part[b] for b in order[::-1]], color="0.5", hatch="//", '
            'edgecolor="black")\n'
            "for y, b in enumerate(order[::-1]):\n"
            '    ax.text(per_part[b] + 0.05, y, str(per_part[b]), va="center")\n'
            'ax.set_xlabel("how many the computer found")\n'
            'ax.set_title("What the computer found, part by part")\n'
            "plt.tight_layout()\nplt.show()"
        )
    )
    cells.append(
        new_markdown_cell(
            "## Part 4: Your reading and the computer's\n\nWhere you disagree, do not assume the "
            "computer is right. "
            "Read the words again and decide."
        )
    )
    cells.append(new_code_cell("kit.compare(article, mine.spans, kit_spans)"))
    cells.append(
        new_markdown_cell(
            "## Part 5: Where the computer is wrong\n\nThe computer follows word lists and patterns. "
            "It does not "
            "understand. Pick one row in the table that you think is wrong, and one thing it missed. "
            "Explain why."
        )
    )
    if not label:
        cells.append(
            new_markdown_cell(
                "## Part 6: Your overall judgement and report\n\nWhat kind of text is it? What is "
                "your evidence? "
                "What would you check next? Write your answers, then make your one-page report."
            )
        )
        cells.append(
            new_code_cell(
                "answers = "
                '{\n    "What kind of text is it?": "",\n    "My overall judgement and evidence": "",\n'
                '    "What I would check next": "",\n}\n'
                "report = kit.report.reading_report(article, answers, highlights=mine, "
                'summary=paragraph_summary(article, mine.spans), path="my_reading_report.html")\n'
                "kit.report.report_link(report)"
            )
        )
    cells.append(
        new_markdown_cell(
            "## Think about it\n\n1. Which find surprised you most? Why?\n"
            "2. *(Not graded, just for you.)* Have you seen the same moves in a source you like?\n\n"
            "*Write your thoughts here (double-click to edit).*"
        )
    )
    cells.append(
        new_markdown_cell(
            "## Remember\n\nThis skill applies to every side of every dispute, including the sides you like. "
            "Ask the same questions each time: who is behind it, what is the evidence, what do other "
            "sources say?"
        )
    )
    return _notebook(cells)


def _solution(
    slug: str, article: Any, article_rel: str, readings: dict[str, Any], name: str, notes: list[str]
) -> Any:
    title, label, skill = LESSONS[slug]
    n = slug[:2].lstrip("0")
    gid = f"{name}-l{n}"
    lesson = f"{title} (the lesson notebook {slug})"
    cells = [
        _locked_md(
            f"{gid}-intro",
            f"# Exercise: {title}\n\nThis exercise uses the article "
            f"*{article.title or 'chosen by your teacher'}*. Run the cells from top to bottom, "
            "then answer each question. Save the notebook when you are done.",
        ),
        _teacher(
            "**Teacher note. This key is a draft made by the kit's readers.** They miss things and "
            "flag things "
            "that are fine. Review every highlight key in `review_key.ipynb` (it writes your corrections "
            "back here), and check the choice keys below by hand, before you grade with this notebook."
        ),
        _setup(f"{gid}-setup", article_rel),
    ]
    if label:
        spans = readings["spans"][label]
        labels = [label]
        hint = IDEAS[label].split(". Ask")[0] + "."
    else:
        spans = readings["spans"]["all"]
        labels = ["source", "loaded", "unverifiable"]
        hint = "Use all three labels. Read slowly, one paragraph at a time."
    key = spans_to_key(article, spans)
    if key:
        cells.append(
            _locked_md(
                f"{gid}-marks-q",
                f"## 1. Mark the article\n\nMark every passage with the label(s) {', '.join(labels)}.",
            )
        )
        cells.append(_highlight_q(f"{gid}-marks", labels, key, 6 if not label else 4, lesson, hint))
    else:
        notes.append(
            f"{slug}: the kit found nothing to mark, so there is no highlight question; add one by hand."
        )
    if label == "source":
        cells.append(_locked_md(f"{gid}-named-q", "## 2. Are all the sources named?"))
        cells.append(
            _choice_q(
                f"{gid}-named",
                SOURCE_CHOICES,
                _sources_guess(readings["sources"]),
                lesson,
                "A named source has a name you could look up.",
            )
        )
        question = "## 3. Whose voice is missing?\n\nWho else should the writer have asked? Say why."
        sample = "The people the article is about are never asked. A fair report would quote them too."
    elif label == "loaded":
        question = (
            "## 2. Say it neutrally\n\nPick one sentence with loaded words. Rewrite it in plain words. "
            "Keep the facts and drop the judging."
        )
        sample = "A rewrite that keeps every fact and replaces each loaded word with a plain one."
    elif label == "unverifiable":
        question = (
            "## 2. How would you check it?\n\nPick one checkable claim. Where could you check it? "
            "Then pick one unverifiable claim and say why nobody could check it."
        )
        sample = "The date of the vote is in the public record. What the mayor secretly wants is not."
    else:
        cells.append(_locked_md(f"{gid}-kind-q", "## 2. What kind of text is this?"))
        cells.append(
            _teacher(
                f"**Teacher note.** The key below is only the kit's guess "
                f"({_kind_guess(article, readings)!r}). Change it if you disagree."
            )
        )
        cells.append(
            _choice_q(
                f"{gid}-kind",
                KINDS_OF_TEXT,
                _kind_guess(article, readings),
                lesson,
                "Does the writer only report what happened, or also tell you what to think?",
            )
        )
        question = (
            "## 3. Your overall judgement\n\nWould you trust this article on its own? Give evidence "
            "from at least two skills (sources, loaded words, unverifiable claims), and say what you "
            "would check next."
        )
        sample = (
            "Not on its own. Quote a source problem, a loaded word and an unverifiable claim from the "
            "article, then say what you would search for."
        )
    cells.append(_locked_md(f"{gid}-text-q", question))
    cells.append(
        _text_q(
            f"{gid}-text",
            sample,
            _rubric(
                sample, "A right judgement with no example from the article.", "No judgement, or no reasons."
            ),
            lesson,
            "Use the words of the article as your evidence.",
        )
    )
    nb = _notebook(cells)
    nb.metadata["medialit"] = {"article": article_rel, "draft": True}
    return nb


def _review(solutions: list[Path], folder: Path) -> Any:
    cells = [
        new_markdown_cell(
            "# Review the draft keys\n\nEach highlighter below shows the kit's draft key for one question. "
            "Add what it missed, remove what is wrong, then run the `save_key` cell under it: your marks "
            "become the key in the solution notebook. Finally run, in the kit's folder:\n\n"
            f"```\nmedialit build --solutions {folder.as_posix()}/solutions "
            f"--exercises {folder.as_posix()}/exercises\n```"
        ),
        new_code_cell("import kit\nfrom kit.newlesson import key_editor, save_key"),
    ]
    from kit.grading.format import load_solution

    number = 0
    for path in solutions:
        for gid, question in load_solution(path).questions.items():
            if question.type != "highlight":
                continue
            number += 1
            rel = f"solutions/{path.name}"
            cells.append(new_markdown_cell(f"## {path.stem}: `{gid}`"))
            cells.append(new_code_cell(f"editor_{number} = key_editor({rel!r}, {gid!r})\neditor_{number}"))
            cells.append(new_code_cell(f"save_key(editor_{number})"))
    return _notebook(cells)


def _notebook(cells: list[Any]) -> Any:
    nb = new_notebook(cells=cells)
    nb.metadata = {"kernelspec": dict(KERNEL), "language_info": {"name": "python"}}
    return nb


# -- the command -------------------------------------------------------------------------------------
def new_lesson(
    article_file: str | os.PathLike[str],
    name: str,
    *,
    out: str | os.PathLike[str] = "lessons",
    force: bool = False,
) -> LessonDraft:
    """Draft all four lessons for ``article_file`` in ``out/name`` (see the module docstring).

    Raises NewLessonError (plain words) for a missing or unsupported file, a bad name, or a folder that
    already exists without ``force``; nothing is written or changed then.
    """
    import kit

    source = Path(article_file)
    if not source.is_file():
        raise NewLessonError(f"Could not find the article file {source}. Check the name and the folder.")
    if source.suffix.lower() not in SUFFIXES:
        raise NewLessonError(
            f"{source.name} is not a file the kit can read. Save the article as .txt, .md or .html first."
        )
    if not NAME_RULE.match(name or ""):
        raise NewLessonError(
            f"The lesson name {name!r} should use only lowercase letters, digits and '-', like 'city-budget'."
        )
    folder = Path(out) / name
    if folder.exists() and not force:
        raise NewLessonError(
            f"{folder} already exists. Pick another --name, or add --force to replace it "
            "(that deletes any review you did there)."
        )
    article = kit.load_article(source)  # ArticleError (plain words) for an empty or unreadable file
    if not article.paragraphs:
        raise NewLessonError(f"{source.name} has no paragraphs of text after cleaning. Is it the right file?")
    readings = _readings(article)
    Path(out).mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=out))
    try:
        article_name = "article" + source.suffix.lower()
        shutil.copyfile(source, staging / article_name)
        rel = f"../{article_name}"
        draft = LessonDraft(folder=folder, article=folder / article_name)
        (staging / "notebooks").mkdir()
        (staging / "solutions").mkdir()
        for slug in LESSONS:
            nbformat.write(
                _guided(slug, article, rel, readings, name), staging / "notebooks" / f"{slug}.ipynb"
            )
            nbformat.write(
                _solution(slug, article, rel, readings, name, draft.notes),
                staging / "solutions" / f"{slug}.ipynb",
            )
            draft.notebooks.append(folder / "notebooks" / f"{slug}.ipynb")
            draft.solutions.append(folder / "solutions" / f"{slug}.ipynb")
        nbformat.write(
            _review(sorted((staging / "solutions").glob("*.ipynb")), folder), staging / "review_key.ipynb"
        )
        draft.review = folder / "review_key.ipynb"
        if folder.exists():
            shutil.rmtree(folder)
        staging.replace(folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return draft


# -- instructor mode: review and save a key -----------------------------------------------------------
def key_editor(solution: str | os.PathLike[str], grade_id: str) -> Any:
    """An editable Highlighter showing the key of one highlight question; save it with :func:`save_key`."""
    from kit.grading.build import solution_article
    from kit.grading.format import load_solution, resolve_highlight_key
    from kit.widgets.highlighter import Highlighter

    sol = load_solution(solution)
    question = sol.questions.get(grade_id)
    if question is None or question.type != "highlight":
        raise NewLessonError(f"{Path(solution).name} has no highlight question called {grade_id!r}.")
    import kit

    article = solution_article(sol) or kit.load_article()
    spans, _notes = resolve_highlight_key(question, article)
    editor = Highlighter(
        article, list(question.meta["labels"]), question_id=f"review-{grade_id}", spans=spans
    )
    editor.key_source = (Path(solution), grade_id)
    return editor


def save_key(editor: Any, solution: str | os.PathLike[str] | None = None, grade_id: str | None = None) -> int:
    """Write the editor's marks into the solution's key (between the SOLUTION markers). Returns how many.

    The new solution is checked (it must still load and every phrase must be found) before it replaces
    the old file, so a failed save loses nothing.
    """
    from kit.grading.build import solution_article
    from kit.grading.format import BEGIN_SOLUTION, END_SOLUTION, grade_id_of, load_solution, split_block

    if solution is None or grade_id is None:
        solution, grade_id = getattr(editor, "key_source", (solution, grade_id))
    if solution is None or grade_id is None:
        raise NewLessonError("save_key needs an editor made by key_editor, or a solution and a grade_id.")
    path = Path(solution)
    spans = list(getattr(editor, "spans", editor))
    sol = load_solution(path)
    import kit

    article = solution_article(sol) or kit.load_article()
    key = spans_to_key(article, spans)
    if not key:
        raise NewLessonError(f"The key for {grade_id!r} would be empty. Mark at least one passage first.")
    nb = nbformat.read(path, as_version=4)
    cell = next((c for c in nb.cells if grade_id_of(c) == grade_id), None)
    parts = split_block(cell.source, BEGIN_SOLUTION, END_SOLUTION) if cell is not None else None
    if parts is None:
        raise NewLessonError(f"{path.name} has no key block for {grade_id!r}.")
    before, _old, after = parts
    cell.source = f"{before}{BEGIN_SOLUTION}\n{_key_block(key)}\n{END_SOLUTION}" + (
        f"\n{after}" if after else ""
    )
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".ipynb", dir=path.parent)
    os.close(fd)
    try:
        nbformat.write(nb, tmp)
        from kit.grading.format import resolve_highlight_key

        resolve_highlight_key(load_solution(tmp).questions[grade_id], article)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return len(key)
