"""The four guided lesson notebooks for a new article (the learner's side of new-lesson).

Each notebook teaches one skill on the teacher's article: the idea in plain words, the learner's own
highlighting first, then the kit's reading, a chart of where the finds are (with alt text), the comparison
and a reflection. Nothing is written here; kit.newlesson.new_lesson saves the notebooks.
"""

from __future__ import annotations

from typing import Any

from nbformat.v4 import new_code_cell, new_markdown_cell

from kit.newlesson.cells import notebook
from kit.spans import Span

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
        "Checkable is not the same as true, and unverifiable is not the same as false. A **hedge** is a "
        'word like "may", "seems" or "perhaps": it tells you the writer is guessing.'
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


def guided(slug: str, article: Any, article_rel: str, readings: dict[str, Any], name: str) -> Any:
    """The guided lesson notebook ``slug`` (a key of LESSONS) for ``article``."""
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
    return notebook(cells)
