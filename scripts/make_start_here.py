"""Write notebooks/00_start_here.ipynb from the cells below.

The notebook is committed; this script is how it was made and how to remake it after an edit here
(`python scripts/make_start_here.py`). Keeping the text in one Python file makes reviews readable.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = Path(__file__).resolve().parents[1] / "notebooks" / "00_start_here.ipynb"

CELLS: list[tuple[str, str]] = [
    (
        "md",
        """# Start here: reading the news with care

Welcome! This kit helps you read news and opinion pieces with care.
You will work with one real article. You will look at it the way a fact-checker does.

**Who is this for?** Anyone from about age 15 up. You can use it in a class or on your own.

**How long does it take?** About 20 minutes of reading and 5 minutes of trying things.

**By the end of this notebook you will be able to:**
- run a cell and save your work;
- name the three skills this kit teaches;
- say what we know, and do not know, about who wrote the article;
- explain what a "reading level" score can and cannot tell you.""",
    ),
    (
        "md",
        """## How to use a notebook

A notebook is made of **cells**. Some cells hold text, like this one. Others hold code.

- To run a code cell, click on it and press **Shift + Enter**. Its result shows up below it.
- Run the cells in order, from top to bottom.
- To save, press **Ctrl + S** (or **Cmd + S** on a Mac). The kit also saves your answers on its own,
  every time you change them.
- If something looks stuck, use the menu **Kernel → Restart Kernel**, then run the cells again.
  Your answers come back.

Try it now. Click on the cell below and press Shift + Enter.""",
    ),
    (
        "code",
        """import kit

kit.friendly.install()  # if something goes wrong, show a plain message instead of a long error
article = kit.load_article()
print("The article is called:", article.title)""",
    ),
    (
        "md",
        """## Three skills

Good readers ask three kinds of questions. The lessons take them one at a time.

1. **Sourcing: who is speaking?** Who is quoted or named in the piece? Do we know who they are and
   what they want? What proof do they give? Whose voice is missing?
2. **Loaded language: how do the words push me?** Some words carry strong feelings or judgements.
   "Regime" and "government" can point at the same thing. They make you feel different things.
3. **Claims: what could anyone check?** Some claims can be checked against records, data or named
   witnesses. Others are guesses about what people secretly want. Nobody can check those.
   Careful: a claim you *can* check is not always *true*. You still have to check it.

These skills work on every kind of writing, from every side. Use them on articles you agree with too.
That is the hardest part, and the most useful.""",
    ),
    (
        "md",
        """## The article, as a reader sees it

Here is the article. It was copied from a web page. We show the title, the section headings and the
paragraphs. Read it once, all the way through, before you judge it.""",
    ),
    ("code", """article"""),
    (
        "md",
        """### What we cut out

Web pages carry extra bits that are not part of the article: menus, buttons and ads.
We call this **site chrome**. The kit removes it by following rules, such as "a short line that says
*Back to top* is a button, not news". Here is what it cut, and why. Check that nothing real was lost.""",
    ),
    (
        "code",
        """for piece in article.removed:
    print(f"line {piece.line}: {piece.text!r}  <- {piece.reason}")""",
    ),
    (
        "md",
        """## A first look: who is behind this?

Fact-checkers start with one question: **who is behind this information?**
Before you judge *what* an article says, find out *who* says it.

Most news articles tell you three things up front:
- a **byline**: the name of the writer;
- an **outlet**: the paper, site or channel that published it;
- a **date**: when it came out.

Run the next cell. It lists what the kit knows about this article.""",
    ),
    (
        "code",
        """import json
from pathlib import Path

meta = json.loads(Path("../seeds/isis-iraq-article.meta.json").read_text(encoding="utf-8"))
for field in ["byline", "outlet", "date"]:
    print(f"{field:>8}: {meta[field] or 'not known'}")
print("known only:", ", ".join(meta["known"]))""",
    ),
    (
        "md",
        """This article has **no byline, no outlet and no date**. We only know its title and text.
Its events suggest spring 2020.

That does not make it false. But it means we cannot yet answer "who is behind this?".
So we must read with extra care, and look for other sources.

**Think about it (no wrong answers):** why might a page leave out who wrote it?
Write one or two ideas in the cell below. Nobody grades this.""",
    ),
    (
        "md",
        """*Your ideas here (double-click to edit this cell):*

- """,
    ),
    (
        "md",
        """## How hard is it to read?

A **readability score** guesses how hard a text is. It counts how long the sentences are and how many
syllables the words have. Long sentences and long words give a higher score.

The *grade level* is a school year in the United States. Grade 8 means "a typical 13 or 14 year old
can read it". Run the next cell to score the article.""",
    ),
    (
        "code",
        """scores = kit.readability(article.text)
scores""",
    ),
    (
        "md",
        """**What the score cannot tell you.** It only counts words and sentences. It knows nothing about
truth, fairness or sources. A calm, well-sourced report can score high. A misleading post can be easy to read.
Use the score to compare how a text is written, not to decide if you can trust it.""",
    ),
    (
        "md",
        """## What comes next

- **Lesson 1, sourcing** (`01_sourcing.ipynb`): who is quoted, and whose voice is missing.
- **Lesson 2, loaded language** (`02_loaded_language.ipynb`): words that push the reader.
- **Lesson 3, claims** (`03_unverifiable_claims.ipynb`): what could anyone check?

In each lesson you will mark passages in the article with a highlighter. Then you compare your marks
with the kit's own reading. The kit makes mistakes too. Spotting them is part of the lesson.

Your teacher may also give you exercises from the `exercises/` folder.""",
    ),
]


def build() -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for kind, text in CELLS:
        nb.cells.append(new_markdown_cell(text) if kind == "md" else new_code_cell(text))
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"start-{index:02d}"
    return nb


if __name__ == "__main__":
    OUT.parent.mkdir(exist_ok=True)
    nbformat.write(build(), OUT)
    print(f"wrote {OUT}")
