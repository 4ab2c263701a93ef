"""The graded exercises of a new lesson (docs/AUTHORING.md format) with their draft keys, and the
notebook in which the teacher reviews those keys.

The highlight keys come from kit.newlesson.draftkey: the readers' findings ranked by confidence, the
clearest ones required, the next ones debatable, each with a core and an extent as in the hand keys.
The rest of what the readers found is listed, ranked, in a teacher-only table under each question.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from nbformat.v4 import new_code_cell, new_markdown_cell

from kit.newlesson import cells as c
from kit.newlesson.draftkey import DRAFT_FROM, EITHER_FROM, candidates, draft
from kit.newlesson.guided import IDEAS, LESSONS
from kit.phrases import index_for

KINDS_OF_TEXT = ["news report", "opinion", "advertising", "publicity", "propaganda"]
SOURCE_CHOICES = [
    "Yes, every source is named",
    "No, some sources are vague or anonymous",
    "There are no sources at all",
]
ALL_LABELS = ["source", "loaded", "unverifiable"]
HEDGE_HINT = "A hedge is a word like 'may', 'seems' or 'perhaps'. It marks a guess, not a fact."
# How many required passages are enough for full marks once a key has many (docs/AUTHORING.md `enough`)
ENOUGH = {"one skill": (20, 15), "all": (12, 12)}  # (more required than this, then this many are enough)
SHOWN_BELOW_CUT = 15  # ranked findings left out of the key, listed for the teacher

RUBRICS = {
    "source": c.rubric({
        "Proficient": ("Names two voices that the article leaves out and explains how each one would help a "
                       "reader judge the claims.",
                       "The people the article blames are never asked to answer. An expert who is on no "
                       "side could also say whether the claims fit the facts."),
        "Emergent": ("Names voices that are missing from the article but does not explain why they matter.",
                     "The other side, and an expert."),
        "Basic": ("Names voices that are already in the article, or names no one at all.",
                  "The people who are quoted should say more."),
    }),
    "loaded": c.rubric({
        "Proficient": ("Keeps every fact of the original sentence and replaces each loaded word with a "
                       "plain one.",
                       "One sentence from the article with the same facts, where each loaded word is "
                       "swapped for a plain one, like 'said' for 'revealed'."),
        "Emergent": ("Replaces some of the loaded words but keeps others, or drops one of the facts.",
                     "The same sentence with one loaded word changed and one left in."),
        "Basic": ("Copies the sentence without real changes, or changes what it says happened.",
                  "The sentence copied as it is."),
    }),
    "unverifiable": c.rubric({
        "Proficient": ("Names a real place to check the checkable claim, and says why nobody could "
                       "check the other one.",
                       "The date of the vote is in the public record. What the mayor secretly wants "
                       "is not: only the mayor knows it."),
        "Emergent": ("Picks two fitting claims, but the place to check or the reason nobody could "
                     "check it is vague.",
                     "The vote could be looked up. The other claim is just what the writer thinks."),
        "Basic": ("Mixes up checkable and unverifiable claims, or gives no reasons.",
                  "Nothing in the article can be checked."),
    }),
    "all": c.rubric({
        "Proficient": ("Gives a clear judgement, supports it with evidence from at least two of the "
                       "skills, and says what to check next.",
                       "Not on its own. Quote a source problem, a loaded word and an unverifiable claim "
                       "from the article, then say what you would search for."),
        "Emergent": ("Gives a fair judgement, but the evidence is thin or comes from only one of the skills.",
                     "Not really, the article feels like it takes one side."),
        "Basic": ("Gives no judgement, or gives reasons that do not come from the article itself.",
                  "I trust it because it is long and sounds sure."),
    }),
}  # fmt: skip


def kind_guess(article: Any, readings: dict[str, Any]) -> str:
    """A rough first guess at the kind of text, for the draft key only (the instructor decides)."""
    words = max(1, len(article.words))
    loaded_rate = 100 * len(readings["loaded"]) / words
    claims = readings["claims"]
    opinionated = (claims["kind"].isin(["unverifiable", "opinion"])).mean() if len(claims) else 0.0
    return "opinion" if loaded_rate >= 1.0 or opinionated >= 0.4 else "news report"


def sources_guess(sources: Any) -> str:
    if sources.empty:
        return SOURCE_CHOICES[2]
    return SOURCE_CHOICES[1] if sources["kind"].isin(["vague", "anonymous"]).any() else SOURCE_CHOICES[0]


def key_items(article: Any, rows: pd.DataFrame) -> list[dict[str, Any]]:
    """Draft rows as key dicts (mark, core, label, status, occurrence, why), in reading order, with the
    confidence as a comment. A row whose words build could not find again is left out."""
    index = index_for(article)
    text = article.text
    items = []
    for r in rows.itertuples():
        start, end, core_start, core_end = int(r.start), int(r.end), int(r.core_start), int(r.core_end)
        raw = text[core_start:core_end]
        core, core_at = raw.strip(), core_start + len(raw) - len(raw.lstrip())
        # build takes the core's first place inside the mark: start the mark at the core if that is not it
        if text[start:end].lower().find(core.lower()) != core_at - start:
            start = core_at
        named = index.occurrence(start, end)
        if named is None or not core:
            continue
        phrase, n = named
        item: dict[str, Any] = {"mark": phrase}
        if core != phrase:
            item["core"] = core
        item["label"] = str(r.label)
        if r.status != "required":
            item["status"] = str(r.status)
        if n > 1 or len(index.places(phrase)) > 1:
            item["occurrence"] = n
        item["why"] = str(r.why)
        item["#"] = f"confidence {r.confidence:.2f} ({r.finding})"
        items.append(item)
    return items


def _ranked_note(found: pd.DataFrame, drafted: pd.DataFrame, text: str) -> str:
    left = found[~found.set_index(["start", "end", "label"]).index.isin(
        drafted.set_index(["start", "end", "label"]).index)]  # fmt: skip
    lines = [
        "**Teacher note: the draft key.** The kit's readers ranked what they found by how clear it is "
        f"(confidence from 0 to 1). Passages at {DRAFT_FROM} or more are required; from {EITHER_FROM} to "
        f"{DRAFT_FROM} they are debatable (credit if marked, nothing lost if not). Each key line ends with "
        "its confidence. Review the key in `review_key.ipynb` before you grade.",
    ]
    if len(left):
        lines.append(
            f"\n\nLess clear, not in the key ({len(left)}; the best {min(len(left), SHOWN_BELOW_CUT)} "
            "shown). Add any you agree with when you review:\n\n| confidence | label | words | finding |\n"
            "|---|---|---|---|"
        )
        for r in left.head(SHOWN_BELOW_CUT).itertuples():
            words = " ".join(text[int(r.start) : int(r.end)].split())[:80].replace("|", "/")
            lines.append(f"| {r.confidence:.2f} | {r.label} | {words} | {r.finding} |")
    return "\n".join(lines)


def _highlight(
    cells: list[Any],
    gid: str,
    number: int,
    labels: list[str],
    article: Any,
    readings: dict[str, Any],
    points: float,
    lesson: str,
    hint: str,
    enough_rule: tuple[int, int],
    notes: list[str],
    slug: str,
) -> str | None:
    """Append one highlight question with its draft key; returns its grade_id, or None if nothing found."""
    found = candidates(article.text, readings, tuple(labels))
    rows = draft(found)
    items = key_items(article, rows)
    if not any(i.get("status", "required") == "required" for i in items):
        notes.append(f"{slug}: the kit found nothing to mark for {', '.join(labels)}, so there is no "
                     "highlight question for it; add one by hand.")  # fmt: skip
        return None
    required = sum(i.get("status", "required") == "required" for i in items)
    enough = enough_rule[1] if required > enough_rule[0] else None
    what = f"the clearest {enough}" if enough else "every passage"
    cells.append(c.locked_md(
        f"{gid}-q", f"## {number}. Mark the article\n\nMark {what} with the label(s) {', '.join(labels)}."
    ))  # fmt: skip
    cells.append(c.teacher(_ranked_note(found, rows, article.text)))
    cells.append(c.highlight_q(gid, labels, items, points, lesson, hint, enough))
    return gid


def solution(
    slug: str, article: Any, article_rel: str, readings: dict[str, Any], name: str, notes: list[str]
) -> tuple[Any, list[str]]:
    """The exercise notebook ``slug`` with its draft keys, and the grade_ids of its highlight questions."""
    title, label, _skill = LESSONS[slug]
    gid = f"{name}-l{slug[:2].lstrip('0')}"
    lesson = f"{title} (the lesson notebook {slug})"
    cells = [
        c.locked_md(
            f"{gid}-intro",
            f"# Exercise: {title}\n\nThis exercise uses the article "
            f"*{article.title or 'chosen by your teacher'}*. Run the cells from top to bottom, "
            "then answer each question. Save the notebook when you are done.",
        ),
        c.teacher(
            "**Teacher note. This key is a draft made by the kit's readers.** They miss things and flag "
            "things that are fine. Review every highlight key in `review_key.ipynb` (it writes your "
            "corrections back here), and check the choice keys below by hand, before you grade."
        ),
        c.setup(f"{gid}-setup", article_rel),
    ]
    marked: list[str | None] = []
    if label:
        hint = IDEAS[label].split(". Ask")[0] + "."
        marked.append(_highlight(cells, f"{gid}-marks", 1, [label], article, readings, 4, lesson, hint,
                                 ENOUGH["one skill"], notes, slug))  # fmt: skip
    else:
        hint = "Use all three labels. Read slowly, one paragraph at a time."
        marked.append(_highlight(cells, f"{gid}-marks", 1, ALL_LABELS, article, readings, 6, lesson, hint,
                                 ENOUGH["all"], notes, slug))  # fmt: skip
    number = 2
    if label == "unverifiable":
        marked.append(_highlight(cells, f"{gid}-hedges", 2, ["hedge"], article, readings, 2, lesson,
                                 HEDGE_HINT, ENOUGH["one skill"], notes, slug))  # fmt: skip
        number = 3
    if label == "source":
        cells.append(c.locked_md(f"{gid}-named-q", f"## {number}. Are all the sources named?"))
        cells.append(c.choice_q(f"{gid}-named", SOURCE_CHOICES, sources_guess(readings["sources"]), lesson,
                                "A named source has a name you could look up."))  # fmt: skip
        number += 1
        question = "Whose voice is missing?\n\nWho else should the writer have asked? Say why."
    elif label == "loaded":
        question = ("Say it neutrally\n\nPick one sentence with loaded words. Rewrite it in plain words. "
                    "Keep the facts and drop the judging.")  # fmt: skip
    elif label == "unverifiable":
        question = ("How would you check it?\n\nPick one checkable claim. Where could you check it? "
                    "Then pick one unverifiable claim and say why nobody could check it.")  # fmt: skip
    else:
        guess = kind_guess(article, readings)
        cells.append(c.locked_md(f"{gid}-kind-q", f"## {number}. What kind of text is this?"))
        cells.append(c.teacher(f"**Teacher note.** The key below is only the kit's guess ({guess!r}). "
                               "Change it if you disagree."))  # fmt: skip
        cells.append(
            c.choice_q(
                f"{gid}-kind",
                KINDS_OF_TEXT,
                guess,
                lesson,
                "Does the writer only report what happened, or also tell you what to think?",
            )
        )
        number += 1
        question = ("Your overall judgement\n\nWould you trust this article on its own? Give evidence "
                    "from at least two skills (sources, loaded words, unverifiable claims), and say what "
                    "you would check next.")  # fmt: skip
    cells.append(c.locked_md(f"{gid}-text-q", f"## {number}. {question}"))
    cells.append(c.text_q(f"{gid}-text", RUBRICS[label or "all"], lesson,
                          "Use the words of the article as your evidence."))  # fmt: skip
    nb = c.notebook(cells)
    nb.metadata["medialit"] = {"article": article_rel, "draft": True}
    return nb, [g for g in marked if g]


def review(questions: list[tuple[str, str]], folder: Path) -> Any:
    """The key-review notebook: one editable highlighter per (solution file name, grade_id)."""
    cells = [
        new_markdown_cell(
            "# Review the draft keys\n\nEach highlighter below shows the kit's draft key for one question. "
            "Add what it missed, remove what is wrong, then run the `save_key` cell under it: your marks "
            "become the key in the solution notebook. Passages you leave as they are keep their core, "
            "status and reason. Finally run, in the kit's folder:\n\n"
            f"```\nmedialit build --solutions {folder.as_posix()}/solutions "
            f"--exercises {folder.as_posix()}/exercises\n```"
        ),
        new_code_cell("import kit\nfrom kit.newlesson import key_editor, save_key"),
    ]
    for number, (file, gid) in enumerate(questions, 1):
        rel = f"solutions/{file}"
        cells.append(new_markdown_cell(f"## {Path(file).stem}: `{gid}`"))
        cells.append(new_code_cell(f"editor_{number} = key_editor({rel!r}, {gid!r})\neditor_{number}"))
        cells.append(new_code_cell(f"save_key(editor_{number})"))
    return c.notebook(cells)
