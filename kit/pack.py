"""The printable pack: ``medialit pack OUT`` writes PDFs a teacher can print for a room without laptops.

- ``01_article.pdf``: the article with numbered paragraphs (p1..) and sentences (s1..), the ids of the
  article model, so paper answers, lessons and keys name the same places (plus the glossary if the kit
  has one);
- ``02_answer_sheet_<exercise>.pdf``: a paper answer sheet for each exercise;
- ``03_key_sheet_<exercise>.pdf``: the key-discussion sheet for each lesson (each key passage, where it
  is, its status such as "either" when the key gives one, and why);
- ``04_instructor_plan.pdf``: INSTRUCTORS.md.

HTML comes from Jinja2 templates (kit/templates/pack/) and is printed by Debian's chromium
(``--print-to-pdf``), the browser the tests already drive; the HTML files stay beside the PDFs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.errors import KitError

CHROMIUM = "/usr/bin/chromium"
# the team's chromium flags (GUIDE.md), for Playwright and for chromium's own headless printing
BROWSER_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHROMIUM_FLAGS = ["--headless", *BROWSER_FLAGS, "--no-pdf-header-footer"]
TEMPLATES = Path(__file__).parent / "templates" / "pack"
FOOTER = "Made with medialit-kit (medialit pack). Sentence and paragraph numbers match the lessons."


class PackError(KitError):
    """The pack could not be made (chromium missing, a file not readable)."""


def _env() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True, keep_trailing_newline=True
    )


def _markdown(text: str) -> str:
    import mistune

    # escape=True: text from notebooks and INSTRUCTORS.md is shown, never run as HTML
    return str(mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])(text))


def chromium() -> str:
    found = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if not found:
        raise PackError(
            "The pack needs chromium to print PDFs. On Debian or Ubuntu: apt-get install chromium"
        )
    return found


def print_pdf(html: Path, pdf: Path, timeout: float = 120) -> Path:
    """Print one HTML file to PDF with headless chromium (its own throw-away profile, no network use)."""
    with tempfile.TemporaryDirectory(prefix="medialit-chromium-") as profile:
        cmd = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}"]
        try:
            done = subprocess.run(
                [*cmd, html.resolve().as_uri()], capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            raise PackError(f"chromium took more than {timeout:.0f} s to print {html.name}.") from None
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise PackError(f"chromium could not print {html.name}: {done.stderr.strip()[-300:]}")
    return pdf


# -- what goes on each page --------------------------------------------------------------------------------
def article_context(article: Any) -> dict[str, Any]:
    blocks = []
    for block in article.blocks:
        sentences = [s for s in article.sentences if s.block_id == block.id]
        blocks.append({"id": block.id, "kind": block.kind, "sentences": sentences})
    return {
        "title": "The article, numbered",
        "article_title": article.title or "The article",
        "blocks": blocks,
        "glossary": _glossary(),
        "footer": FOOTER,
    }


def _glossary() -> list[dict[str, Any]]:
    """The kit's glossary (kit.context, the same lines the lessons show with kit.glossary)."""
    from kit.context import load_glossary

    return [dict(e) for e in load_glossary()]


def _prompts(exercise: Any) -> dict[str, str]:
    """Question id -> the Markdown cell just before its question cell (the question as learners see it)."""
    from kit.grading.format import grade_id_of

    prompts: dict[str, str] = {}
    last = ""
    for cell in exercise.cells:
        gid = grade_id_of(cell)
        if cell.cell_type == "markdown" and not (
            gid and cell.get("metadata", {}).get("medialit", {}).get("type")
        ):
            last = cell.source
        elif gid:
            prompts.setdefault(gid, last)
    return prompts


def _heading(prompt: str, fallback: str) -> tuple[str, str]:
    lines = prompt.strip().splitlines()
    if lines and lines[0].startswith("#"):
        title = re.sub(r"^(?:\d+[.:]\s*)?(?:Question\s+\d+[.:]\s*)?", "", lines[0].lstrip("#").strip())
        title = re.sub(r"\s*\(\d+(?:\.\d+)?\s+points?\)\s*$", "", title)  # the sheet prints the points
        return title, "\n".join(lines[1:])
    return fallback, prompt


def answer_sheet_context(key: Any) -> dict[str, Any]:
    prompts = _prompts(key.exercise)
    questions = []
    for gid, q in key.solution.questions.items():
        heading, body = _heading(prompts.get(gid, ""), gid)
        meta = q.meta
        questions.append(
            {
                "grade_id": gid,
                "type": q.type,
                "points": f"{q.points:g}",
                "heading": heading,
                "prompt_html": _markdown(body),
                "labels": meta.get("labels") or [],
                "options": meta.get("options") or [],
                "multiple": bool(meta.get("multiple")),
                "categories": meta.get("categories") or [],
                "rows": 10 if q.type in ("highlight", "sort") else 6,
            }
        )
    return {"title": f"Answer sheet: {key.name}", "questions": questions, "footer": FOOTER}


def _reader_whys(article: Any) -> Any:
    from kit.overview import kit_layers

    return kit_layers(article)


def _layer_for(label: str) -> str | None:
    label = label.lower()
    for word, layer in (("source", "source"), ("loaded", "loaded"), ("unverif", "unverifiable")):
        if word in label:
            return layer
    return None


def key_sheet_context(key: Any, article: Any) -> dict[str, Any]:
    """The key sheet's questions: highlight passages with where, label, status and why; every other
    type's answer as the type itself states it (QuestionType.key_sheet_answer)."""
    from kit.grading.questions import question_type

    layers = _reader_whys(article)
    questions = []
    for gid, q in key.solution.questions.items():
        fb = q.meta.get("feedback") or {}
        entry: dict[str, Any] = {
            "grade_id": gid,
            "type": q.type,
            "points": f"{q.points:g}",
            "heading": str(q.meta.get("lesson") or gid),
            "rubric": q.meta.get("rubric") if isinstance(q.meta.get("rubric"), str) else "",
            "right": fb.get("right", "") if isinstance(fb, dict) else "",
            "discuss": q.meta.get("discuss", "") if isinstance(q.meta.get("discuss"), str) else "",
            "passages": [],
            "has_status": False,
            "answer": "",
        }
        if q.type == "highlight":
            for item, span in zip(q.key, key.spans.get(gid, []), strict=False):
                # another part of the kit may give key items a status (required / either / accept) and a why
                status = str(getattr(item, "status", "") or getattr(span, "status", "") or "")
                why = str(getattr(item, "why", "") or getattr(span, "why", "") or "")
                if not why:
                    layer = _layer_for(span.label)
                    near = layers[(layers["start"] < span.end) & (layers["end"] > span.start)]
                    near = near[near["label"] == layer] if layer else near
                    why = f"The kit's reader: {near.iloc[0]['why']}" if len(near) else ""
                sentence = article.sentence_at(span.start)
                block = article.block_at(span.start)
                where = " ".join(x for x in (block.id if block else "", sentence.id if sentence else "") if x)
                entry["passages"].append(
                    {
                        "where": where,
                        "text": article.text[span.start : span.end],
                        "label": span.label,
                        "status": status,
                        "why": why,
                    }
                )
                entry["has_status"] = entry["has_status"] or bool(status)
        else:
            entry["answer"] = question_type(q.type).key_sheet_answer(q)
        questions.append(entry)
    return {"title": f"Key discussion: {key.name}", "questions": questions, "footer": FOOTER}


# -- the whole pack ----------------------------------------------------------------------------------------
@dataclass
class Pack:
    folder: Path
    pdfs: list[Path]
    html: list[Path]


def build_pack(
    out: str | Path,
    solutions: str | Path = "solutions",
    instructors: str | Path | None = "INSTRUCTORS.md",
    *,
    pdf: bool = True,
) -> Pack:
    """Write the pack's HTML pages and (with ``pdf``) their PDFs into ``out``."""
    import kit
    from kit.grading.running import load_keys

    out = Path(out)
    (out / "html").mkdir(parents=True, exist_ok=True)
    keys = load_keys(solutions)
    article = kit.load_article()
    env = _env()
    pages: list[tuple[str, str, dict[str, Any]]] = [
        ("01_article", "article.html.j2", article_context(article))
    ]
    for name, key in keys.items():
        pages.append((f"02_answer_sheet_{name}", "answer_sheet.html.j2", answer_sheet_context(key)))
    for name, key in keys.items():
        own = kit.load_article() if key.article_sha == article.sha else _own_article(key)
        pages.append((f"03_key_sheet_{name}", "key_sheet.html.j2", key_sheet_context(key, own)))
    if instructors and Path(instructors).is_file():
        text = Path(instructors).read_text(encoding="utf-8")
        body = _markdown(text)
        pages.append(("04_instructor_plan", "plan.html.j2", {"title": "Instructor plan", "body_html": body}))
    html_files, pdfs = [], []
    for stem, template, context in pages:
        context.setdefault("footer", FOOTER)
        path = out / "html" / f"{stem}.html"
        path.write_text(env.get_template(template).render(**context), encoding="utf-8")
        html_files.append(path)
        if pdf:
            pdfs.append(print_pdf(path, out / f"{stem}.pdf"))
    return Pack(out, pdfs, html_files)


def _own_article(key: Any) -> Any:
    """A lesson made by `medialit new-lesson` keys its own article: print its key against that text."""
    import kit

    return kit.Article.from_text(key.article_text) if hasattr(kit, "Article") else kit.load_article()
