"""The induction path for new starters: modules, quizzes and the acknowledgement sheet.

Module text and quiz questions are data (`content/induction.yml`) that the
council edits. Quizzes work in the static site: answers are checked in the
browser and progress is kept in the browser's own storage, so nothing about a
new starter leaves their device.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import HandbookError, display_path
from .model import Handbook
from .render import RenderedFile, front_matter, md_paragraphs, md_text, unsearched
from .urls import ACKNOWLEDGEMENT, INDUCTION_INDEX, document_page, href, module_page, rel
from .yamlio import line_of, load_yaml, text_field

WORDS_PER_MINUTE = 200
MODULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Question:
    question: str
    options: tuple[str, ...]
    answer: int  # 1-based
    explain: str


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    documents: tuple[str, ...]
    summary: tuple[str, ...]
    reflect: bool
    quiz: tuple[Question, ...]


@dataclass(frozen=True)
class Acknowledgement:
    """A statement the council asks every new starter to confirm on the sheet."""

    id: str
    text: str


@dataclass(frozen=True)
class Induction:
    modules: tuple[Module, ...]
    acknowledgements: tuple[Acknowledgement, ...] = ()


def load_induction(path: Path) -> Induction:
    data = load_yaml(path, what="induction file")
    shown = display_path(path)
    if not isinstance(data, dict) or not isinstance(data.get("modules"), list):
        raise HandbookError(shown, "no 'modules' list", "list the induction modules under 'modules:'")
    modules = tuple(_module(item, shown) for item in data["modules"])
    items = data.get("acknowledgements") or []
    if not isinstance(items, list):
        raise HandbookError(
            shown, "'acknowledgements' is not a list", "list each statement with an id and a text", line=line_of(data)
        )
    acknowledgements = tuple(_acknowledgement(item, shown) for item in items)
    seen: set[str] = set()
    for item, ack in zip(items, acknowledgements):
        if ack.id in seen:
            raise HandbookError(shown, f"acknowledgement id {ack.id} appears twice", "give each statement its own id", line=line_of(item))
        seen.add(ack.id)
    return Induction(modules, acknowledgements)


def _acknowledgement(item: Any, shown: str) -> Acknowledgement:
    if not isinstance(item, dict) or not str(item.get("id") or "").strip() or not str(item.get("text") or "").strip():
        raise HandbookError(
            shown, "each acknowledgement needs an id and a text", "add 'id:' and 'text:' to it", line=line_of(item)
        )
    ident = str(item["id"]).strip()
    if not ident.replace("-", "").isalnum():
        raise HandbookError(
            shown, f"acknowledgement id {ident!r} is not a simple name", "use letters, digits and hyphens", line=line_of(item)
        )
    return Acknowledgement(ident, text_field(item, "text", shown).strip())


def _module(item: Any, shown: str) -> Module:
    line = line_of(item)
    if not isinstance(item, dict) or not item.get("id") or not item.get("title"):
        raise HandbookError(shown, "each module needs an id and a title", "add them", line=line)
    if not isinstance(item["id"], str) or not MODULE_ID.match(item["id"]):
        raise HandbookError(
            shown,
            f"module id '{item['id']}' may only contain lower-case letters, digits and single hyphens",
            "write it like code-of-conduct; it is the module page's URL",
            line=line,
        )
    for key in ("documents", "summary", "quiz"):
        if not isinstance(item.get(key) or [], list):
            raise HandbookError(shown, f"module {item['id']}: '{key}' must be a list", f"write each item of '{key}' on its own '- ' line", line=line)
    quiz = []
    for q in item.get("quiz") or []:
        if not isinstance(q, dict) or not isinstance(q.get("options") or [], list):
            raise HandbookError(
                shown, f"module {item['id']}: each quiz question needs a question, a list of options and an answer",
                "write it as question:, options: [...], answer: (the option's number)", line=line_of(q) or line,
            )
        options = tuple(text_field({"options": o}, "options", shown) for o in q.get("options") or [])
        answer = q.get("answer")
        if not isinstance(answer, int) or not 1 <= answer <= len(options):
            raise HandbookError(
                shown, f"module {item['id']}: a question's answer must be the number of one of its options", "fix 'answer'", line=line_of(q)
            )
        quiz.append(Question(text_field(q, "question", shown), options, answer, text_field(q, "explain", shown)))
    return Module(
        id=str(item["id"]),
        title=text_field(item, "title", shown),
        documents=tuple(text_field({"documents": d}, "documents", shown) for d in item.get("documents") or ()),
        summary=tuple(text_field({"summary": s}, "summary", shown) for s in item.get("summary") or ()),
        reflect=bool(item.get("reflect", False)),
        quiz=tuple(quiz),
    )


def reading_minutes(module: Module, handbook: Handbook) -> int:
    """Minutes to read the module and what it points to, at 200 words a minute."""
    words = sum(len(s.split()) for s in module.summary)
    for code in module.documents:
        if code in handbook.codes:
            words += sum(len(c.text.split()) for c in handbook.current(code).document.clauses)
        elif code == "council":
            words += sum(len(c.text.split()) for p in handbook.policies for c in p.document.clauses)
        elif code == "nolan":
            words += 150  # the seven one-line descriptions
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def render_induction(induction: Induction, handbook: Handbook, links: dict[str, str]) -> list[RenderedFile]:
    """`links` maps "nolan" and "council" to their pages when the site has them."""
    modules = induction.modules
    files = [RenderedFile(INDUCTION_INDEX, index_markdown(modules, handbook), in_nav=True)]
    for n, module in enumerate(modules):
        following = modules[n + 1] if n + 1 < len(modules) else None
        files.append(RenderedFile(module_page(module.id), module_markdown(module, n + 1, following, handbook, links), in_nav=True))
    files.append(RenderedFile(ACKNOWLEDGEMENT, acknowledgement_markdown(induction, handbook), in_nav=True))
    return files


def index_markdown(modules: tuple[Module, ...], handbook: Handbook) -> str:
    out = [
        *front_matter("Induction path"),
        "# Induction path for new starters",
        "",
        "Work through these modules in order. Each has a plain-English summary, links to what to read and a "
        "short self-check quiz. Your answers are kept only in this browser on this device; nothing is sent anywhere. "
        "When you have finished, print the acknowledgement sheet and sign it with your manager.",
        "",
        '<ol class="handbook-induction-path">',
    ]
    for module in modules:
        out.append(
            f'<li data-module="{html.escape(module.id)}" data-questions="{len(module.quiz)}">'
            f'<a href="{html.escape(href(INDUCTION_INDEX, module_page(module.id)))}">{html.escape(module.title)}</a> '
            f"<span>(about {reading_minutes(module, handbook)} min)</span> "
            f'<span class="handbook-progress" aria-live="polite"></span></li>'
        )
    out += [
        "</ol>",
        "",
        f"Finally: [print the acknowledgement sheet]({rel(INDUCTION_INDEX, ACKNOWLEDGEMENT)}).",
        "",
        '<button type="button" class="md-button handbook-reset-progress">Clear my answers on this device</button>',
    ]
    return "\n".join(out) + "\n"


def module_markdown(module: Module, number: int, following: Module | None, handbook: Handbook, links: dict[str, str]) -> str:
    here = module_page(module.id)
    out = [
        *front_matter(module.title),
        f"# {number}. {md_text(module.title)}",
        "",
        f"*About {reading_minutes(module, handbook)} minutes.*",
        "",
        "## What this means for you",
        "",
        *[md_paragraphs(s) + "\n" for s in module.summary],
        "## Read",
        "",
    ]
    for code in module.documents:
        if code in handbook.codes:
            source = handbook.current(code)
            out.append(
                f"- [{md_text(source.entry.title)} {md_text(source.entry.version)}]({rel(here, document_page(source.entry))}) – "
                f"{len(source.document.clauses)} clauses"
            )
        elif code in links:
            out.append(f"- [{'The Nolan principles' if code == 'nolan' else 'The council policies'}]({rel(here, links[code])})")
    if module.reflect:
        questions = [c for s in handbook.documents for c in s.document.clauses if c.kind == "question" and handbook.current(s.entry.code) is s]
        if questions:
            out += ["", "## Reflect", "", "Take a few minutes with each question. There are no right answers to record here.", ""]
            out += unsearched([f"- {md_text(q.text)}" for q in questions])  # each question has its own clause page
    if module.quiz:
        out += ["", "## Check your understanding", "", quiz_html(module)]
    if following:
        out += ["", f"Next: [{md_text(following.title)}]({rel(here, module_page(following.id))})"]
    else:
        out += ["", f"Next: [print the acknowledgement sheet]({rel(here, ACKNOWLEDGEMENT)})"]
    return "\n".join(out) + "\n"


def quiz_html(module: Module) -> str:
    parts = [f'<form class="handbook-quiz" data-module="{html.escape(module.id)}">']
    for n, q in enumerate(module.quiz, start=1):
        parts.append(
            f'<fieldset data-question="{n}" data-answer="{q.answer}" data-explain="{html.escape(q.explain)}">'
            f"<legend>{n}. {html.escape(q.question)}</legend>"
        )
        for k, option in enumerate(q.options, start=1):
            parts.append(
                f'<label><input type="radio" name="{html.escape(module.id)}-q{n}" value="{k}"> {html.escape(option)}</label>'
            )
        parts.append('<p class="handbook-quiz-feedback" role="status" aria-live="polite"></p></fieldset>')
    parts.append('<p class="handbook-quiz-status" role="status" aria-live="polite"></p>')
    parts.append("</form>")
    return "\n".join(parts)


def acknowledgement_markdown(induction: Induction, handbook: Handbook) -> str:
    """The sheet a new starter and their manager sign.

    Name, role and employee number are typed on the page and, like the quiz
    results, kept only in this browser; the page script fills in each module's
    completion date and first-try score. Printing shows the sheet alone.
    """
    def row(*cells: str) -> str:
        return "<tr>" + "".join(cells) + "</tr>"

    documents = [
        row(
            f'<th scope="row">{html.escape(s.entry.title)}</th>',
            f"<td>{html.escape(s.entry.publisher)}</td>",
            f"<td>{html.escape(s.entry.version)}</td>",
            f"<td>{s.entry.in_force.isoformat()}</td>",
        )
        for s in (*handbook.current_documents, *handbook.policies)
    ]
    modules = [
        f'<tr data-module="{html.escape(m.id)}" data-questions="{len(m.quiz)}">'
        f'<th scope="row">{n}. {html.escape(m.title)}</th>'
        f'<td class="handbook-completed">{"" if m.quiz else "no quiz"}</td>'
        f'<td class="handbook-score">{"" if m.quiz else "–"}</td></tr>'
        for n, m in enumerate(induction.modules, start=1)
    ]
    person = [
        f'<p><label for="handbook-person-{key}">{label}</label> '
        f'<input type="text" id="handbook-person-{key}" data-person="{key}" autocomplete="off"></p>'
        for key, label in (("name", "Name"), ("role", "Role"), ("number", "Employee number"))
    ]
    statements = [
        f'<li><label><input type="checkbox" data-ack="{html.escape(a.id)}"> {html.escape(a.text)}</label></li>'
        for a in induction.acknowledgements
    ]
    out = [
        *front_matter("Acknowledgement sheet"),
        '<div class="handbook-sheet" markdown="0" data-search-exclude>',
        "<h1>Induction acknowledgement</h1>",
        '<h2 id="about-you">About you</h2>',
        '<div class="handbook-person">',
        *person,
        "</div>",
        '<p class="handbook-sheet-note">What you type here and your quiz results stay in this browser on this device; '
        "nothing is sent anywhere.</p>",
        '<h2 id="modules">Modules completed</h2>',
        '<table class="handbook-ack handbook-modules">',
        '<thead><tr><th scope="col">Module</th><th scope="col">Completed on</th><th scope="col">First-try score</th></tr></thead>',
        "<tbody>",
        *modules,
        "</tbody>",
        "</table>",
        '<h2 id="documents">Documents read</h2>',
        "<p>I confirm that I have read the documents below, in the versions listed, as part of my induction, "
        "and that I know where to find them and whom to ask about them.</p>",
        '<table class="handbook-ack">',
        '<thead><tr><th scope="col">Document</th><th scope="col">Publisher</th><th scope="col">Version</th>'
        '<th scope="col">In force from</th></tr></thead>',
        "<tbody>",
        *documents,
        "</tbody>",
        "</table>",
    ]
    if statements:
        out += ['<h2 id="i-understand">I understand that</h2>', '<ul class="handbook-acks">', *statements, "</ul>"]
    out += [
        '<h2 id="signatures">Signatures</h2>',
        '<div class="handbook-signatures">',
        '<p>New starter: <span class="handbook-sign-name" data-person-copy="name"></span> '
        "Signature: ______________________ Date: ____________</p>",
        "<p>Manager – name: ______________________ Signature: ______________________ Date: ____________</p>",
        "</div>",
        "</div>",
        "",
        '<button type="button" class="md-button handbook-print" onclick="window.print()">Print this sheet</button>',
    ]
    return "\n".join(out) + "\n"
