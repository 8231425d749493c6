"""A council policy written in Markdown to numbered sections and clauses.

``# Title``, optional front text, ``## 4 Heading``, paragraphs starting
``4.1 `` and lettered items ``- (a) `` or ``(a) `` give the same clause IDs as
the PDF form (policy_structure.py), under the same numbering rules. Markdown
clauses are all on page 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from .errors import HandbookError, display_path
from .model import Document, Section
from .policy_structure import CLAUSE_LINE, Numbering, policy_clause
from .lines import clip
from .textnorm import clean_display

MD_TITLE = re.compile(r"^#\s+(\S.*?)\s*#*\s*$")
MD_SECTION = re.compile(r"^##\s+(.*?)\s*#*\s*$")
MD_SECTION_NUMBER = re.compile(r"^(\d{1,2})\.?\s+(\S.*)$")
# Characters a text file never holds (tab, line feed and carriage return aside): a NUL, bell or escape.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MD_ITEM = re.compile(r"^(?:[-*+]\s+)?\(([a-z])\)\s+(\S.*)$")


@dataclass
class _Paragraph:
    """A clause, an item or a paragraph of text being gathered, line by line."""

    lines: list[str]
    number: str = ""  # "4.2" or "4.2.a" for a clause


@dataclass
class _SectionDraft:
    number: str
    title: str
    line: int  # of its heading
    intro: list[_Paragraph] = field(default_factory=list)
    clauses: list[_Paragraph] = field(default_factory=list)


def read_markdown_policy(path: Path, *, code: str, sha256: str) -> Document:
    """Sections and clauses of a council policy written in Markdown."""
    shown = display_path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise HandbookError(shown, "file not found", "check the file name in source_pdfs/manifest.yml") from None
    except UnicodeDecodeError:
        raise HandbookError(shown, "the file is not UTF-8 text", "save the Markdown file as UTF-8") from None
    if not raw.strip():
        raise HandbookError(shown, "the file has no text", "write the policy in it, starting with a '# Title' line")
    if control := CONTROL.search(raw):
        raise HandbookError(
            shown, f"holds a control character (U+{ord(control.group()):04X}), which no text should",
            "save the file again as UTF-8 text (a NUL after every letter means it was saved as UTF-16)",
            line=raw.count("\n", 0, control.start()) + 1,
        )

    title = ""
    front: list[_Paragraph] = []
    drafts: list[_SectionDraft] = []
    numbering = Numbering(shown, "line", "check the headings' numbering", "renumber the paragraphs so each number is used once")
    current: _Paragraph | None = None  # the paragraph or clause being gathered
    last_clause: str | None = None

    def fail(line_no: int, problem: str, fix: str) -> NoReturn:
        raise HandbookError(shown, problem, fix, line=line_no)

    for line_no, raw_line in enumerate(raw.splitlines(), 1):
        text = raw_line.strip()
        if not text:
            current = None
            continue
        if match := MD_TITLE.match(text):
            if title or drafts:
                fail(line_no, "a second '# ' title line", "use '## N Heading' for sections")
            title = match.group(1)
            current = None
            continue
        if match := MD_SECTION.match(text):
            heading = MD_SECTION_NUMBER.match(match.group(1))
            if not heading:
                fail(line_no, f"section heading “{clip(match.group(1))}” has no number", "write it as '## 4 Heading'")
            numbering.section(heading.group(1), line_no)
            drafts.append(_SectionDraft(heading.group(1), heading.group(2), line_no))
            current, last_clause = None, None
            continue
        section = drafts[-1] if drafts else None
        if match := CLAUSE_LINE.match(text):
            number = match.group(1)
            if section is None or number.split(".")[0] != section.number:
                where = f"section {section.number}" if section else "the front matter, before any section"
                fail(line_no, f"clause {number} is numbered under the wrong section (it sits in {where})", "check the clause numbering")
            numbering.clause(number, line_no)
            current, last_clause = _Paragraph([match.group(2)], number), number
            section.clauses.append(current)
            continue
        if (match := MD_ITEM.match(text)) and section is not None and last_clause is not None:
            number = f"{last_clause}.{match.group(1)}"
            numbering.clause(number, line_no)
            current = _Paragraph([match.group(2)], number)
            section.clauses.append(current)
            continue
        if current is not None:
            current.lines.append(text)  # a wrapped line of the paragraph above
            continue
        if section is None:
            current = _Paragraph([text])
            front.append(current)
        elif not section.clauses:
            current = _Paragraph([text])
            section.intro.append(current)
        else:
            fail(line_no, f"text not assigned to any clause: “{clip(text)}”", "number the paragraph (e.g. 4.3) or join it to the clause above")

    if not title:
        raise HandbookError(shown, "no '# Title' line", "start the file with '# <policy title>'")
    if not drafts:
        raise HandbookError(shown, "no numbered sections ('## 1 Heading')", "number the policy's headings '## 1 Purpose', '## 2 …'")
    sections = []
    for draft in drafts:
        if not draft.clauses:
            fail(draft.line, f"section {draft.number} “{clip(draft.title)}” has no numbered clauses", f"number its paragraphs {draft.number}.1, {draft.number}.2 …")
        sections.append(
            Section(
                number=draft.number,
                title=clean_display(draft.title),
                intro="\n\n".join(_joined(p) for p in draft.intro),
                clauses=tuple(policy_clause(code, c.number, _joined(c), 1) for c in draft.clauses),
                page=1,
            )
        )
    return Document(
        title=clean_display(title),
        sha256=sha256,
        pages=1,
        intro="\n\n".join(_joined(p) for p in front),
        sections=tuple(sections),
    )


def _joined(paragraph: _Paragraph) -> str:
    return clean_display(" ".join(paragraph.lines))
