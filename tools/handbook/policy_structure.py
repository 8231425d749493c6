"""A council policy (PDF lines or Markdown) to numbered sections and clauses.

Council policies are word-processed documents numbered the usual way: a
section heading ``4  Conduct`` at the left margin, numbered paragraphs
``4.1``, ``4.1.2`` at the same margin with their wording hanging at an indent,
and lettered sub-items ``(a)`` indented further. Every numbered paragraph and
every lettered item is a clause of its own, cited as ``ECC-4.1`` and
``ECC-4.1.a``. Whatever sits on page 1 before section 1 (council name, version,
owner, notices) is the document's front matter; its largest text is the title.

Nothing is guessed silently: a section without clauses, a clause number used
twice or filed under the wrong section, and any line that belongs nowhere are
reported as a `HandbookError` naming the file, the page and what to do.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import HandbookError, display_path
from .model import Clause, Document, Section
from .pdf_layout import Line, PageLayout
from .structure import SENTENCE_END, _add_to_paragraphs, _Block, _body_size, _clip, _hyphen_lexicon, join_wrapped
from .textnorm import clean_display, text_sha256

SECTION_LINE = re.compile(r"^(\d{1,2})\.?\s+(\S.*)$")
CLAUSE_LINE = re.compile(r"^(\d{1,2}(?:\.\d{1,3})+)\.?\s+(\S.*)$")
ITEM_LINE = re.compile(r"^\(([a-z])\)\s+(\S.*)$")
MARGIN_TOLERANCE = 3.0


@dataclass
class _Unit:
    """A numbered clause or lettered item being gathered from lines."""

    number: str  # "4.2" or "4.2.a"
    lines: list[Line]
    first_text: str  # the first line's wording, without its number
    text_x: float  # where the wording starts on the first line
    label_x: float  # where the number or letter starts
    is_item: bool = False

    @property
    def page(self) -> int:
        return self.lines[0].page


@dataclass
class _Draft:
    number: str
    title: str
    page: int
    heading: list[Line] = field(default_factory=list)
    title_x: float = 0.0
    intro: list[_Block] = field(default_factory=list)
    units: list[_Unit] = field(default_factory=list)
    asides: list[_Block] = field(default_factory=list)


# ---------------------------------------------------------------------------
# PDF


def build_policy(pages: list[PageLayout], *, code: str, sha256: str, source: str) -> Document:
    """Sections and clauses of a numbered council policy read from PDF lines."""
    lines = _merge_labels([ln for page in pages for ln in page.lines])
    if not any(ln.text for ln in lines):
        raise HandbookError(
            source,
            "the PDF has no text layer (it looks like a scan)",
            "export the policy from Word as PDF, or run it through OCR first",
        )
    body_size = _body_size([ln for ln in lines if not ln.aside])
    margin = _left_margin([ln for ln in lines if not ln.aside])
    lexicon = _hyphen_lexicon(lines)

    front: list[_Block] = []
    title_lines: list[Line] = []
    drafts: list[_Draft] = []
    seen_clauses: dict[str, int] = {}
    seen_sections: dict[str, int] = {}
    prev: Line | None = None
    prev_aside: Line | None = None
    unit: _Unit | None = None

    def fail_unassigned(line: Line) -> None:
        raise HandbookError(
            source,
            f"text on page {line.page} was not assigned to any clause: “{_clip(line.text)}”",
            "number the paragraph (e.g. 4.3) or move the text into the clause it belongs to",
        )

    for line in lines:
        section = drafts[-1] if drafts else None
        at_margin = abs(line.x - margin) <= MARGIN_TOLERANCE
        if line.aside and section is not None:
            _add_to_paragraphs(section.asides, line, prev_aside)
            prev_aside = line
            continue
        clause_match = CLAUSE_LINE.match(line.text) if at_margin and not line.aside else None
        section_match = SECTION_LINE.match(line.text) if at_margin and not line.aside and not clause_match else None
        if section_match and _is_heading(line, section_match.group(2), body_size, unit):
            number = section_match.group(1)
            if number in seen_sections:
                raise HandbookError(
                    source,
                    f"section number {number} appears twice (pages {seen_sections[number]} and {line.page})",
                    "check the headings' numbering in the policy",
                )
            seen_sections[number] = line.page
            draft = _Draft(number=number, title=section_match.group(2), page=line.page, heading=[line])
            draft.title_x = _wording_x(line, section_match.group(1))
            drafts.append(draft)
            unit = None
            prev = line
            continue
        if section is not None and not section.units and not section.intro and _continues_heading(section, line):
            section.heading.append(line)
            section.title = join_wrapped(section.title, line.text, lexicon)
            prev = line
            continue
        if clause_match:
            number = clause_match.group(1)
            if section is None or number.split(".")[0] != section.number:
                where = f"section {section.number}" if section is not None else "the title block, before any section"
                raise HandbookError(
                    source,
                    f"clause {number} on page {line.page} is numbered under the wrong section (it sits in {where})",
                    "check the clause numbering in the policy",
                )
            _check_new(number, line.page, seen_clauses, source)
            unit = _Unit(number, [line], clause_match.group(2), _wording_x(line, number), line.x)
            section.units.append(unit)
            prev = line
            continue
        item_match = ITEM_LINE.match(line.text) if not line.aside else None
        if item_match and section is not None and unit is not None and line.x > margin + MARGIN_TOLERANCE:
            parent = unit.number.rsplit(".", 1)[0] if unit.is_item else unit.number
            number = f"{parent}.{item_match.group(1)}"
            _check_new(number, line.page, seen_clauses, source)
            unit = _Unit(number, [line], item_match.group(2), _wording_x(line, f"({item_match.group(1)})"), line.x, True)
            section.units.append(unit)
            prev = line
            continue
        if unit is not None and _continues(unit, line):
            unit.lines.append(line)
            prev = line
            continue
        if section is None:
            if not line.aside and line.page == pages[0].number:
                title_lines.append(line)  # the title is the largest text on page 1
            _add_to_paragraphs(front, line, prev)
        elif not section.units:
            _add_to_paragraphs(section.intro, line, prev)
        else:
            fail_unassigned(line)
        prev = line

    if not drafts:
        raise HandbookError(
            source,
            "no numbered section headings found (such as “1 Purpose and scope”)",
            "number the policy's headings 1, 2, 3 … and its paragraphs 1.1, 1.2 …",
        )
    title, intro = _front_matter(front, title_lines, lexicon)
    sections = []
    for draft in drafts:
        if not draft.units:
            raise HandbookError(
                source,
                f"section {draft.number} “{_clip(clean_display(draft.title))}” on page {draft.page} has no numbered clauses",
                f"number its paragraphs {draft.number}.1, {draft.number}.2 …",
            )
        sections.append(
            Section(
                number=draft.number,
                title=clean_display(draft.title),
                intro="\n\n".join(_join(b.lines, lexicon) for b in draft.intro),
                clauses=tuple(_clause(code, u.number, _unit_text(u, lexicon), u.page) for u in draft.units),
                page=draft.page,
                asides=tuple(_join(b.lines, lexicon) for b in draft.asides),
            )
        )
    return Document(title=title, sha256=sha256, pages=len(pages), intro=intro, sections=tuple(sections))


_BARE_LABEL = re.compile(r"^(?:\d{1,2}(?:\.\d{1,3})*\.?|\([a-z]\))$")


def _merge_labels(lines: list[Line]) -> list[Line]:
    """Put a number or letter set apart by a tab back on the line with its wording.

    A wide tab stop (Word's hanging indent) can leave more space between
    "1" and "Purpose and scope" than `pdf_layout` bridges within a line.
    """
    out: list[Line] = []
    for line in lines:
        label = out[-1] if out else None
        if (
            label is not None
            and label.page == line.page
            and label.aside == line.aside
            and _BARE_LABEL.match(label.text)
            and line.x > label.x1
            and abs(label.y - line.y) <= 0.35 * max(label.size, line.size)
        ):
            out[-1] = replace(label, runs=label.runs + line.runs)
        else:
            out.append(line)
    return out


def _left_margin(lines: list[Line]) -> float:
    """Where numbered paragraphs start: the commonest x of lines that look numbered."""
    numbered = Counter(round(ln.x) for ln in lines if CLAUSE_LINE.match(ln.text))
    if numbered:
        return float(numbered.most_common(1)[0][0])
    return min((ln.x for ln in lines), default=0.0)


def _is_heading(line: Line, title: str, body_size: float, unit: _Unit | None) -> bool:
    if len(line.text) > 120 or title.rstrip().endswith(SENTENCE_END + (",",)):
        return False
    if line.bold or line.size >= body_size * 1.1:
        return True
    # A plain "N Title" line: a heading unless it carries on an unfinished sentence.
    return unit is None or unit.lines[-1].text.rstrip().endswith(SENTENCE_END)


def _continues_heading(draft: _Draft, line: Line) -> bool:
    last = draft.heading[-1]
    return (
        line.page == last.page
        and line.bold == last.bold
        and abs(line.size - last.size) < 0.5
        and abs(line.x - draft.title_x) <= max(MARGIN_TOLERANCE, 0.5 * line.size)
        and 0 < last.y - line.y < 1.6 * line.size
    )


def _wording_x(line: Line, label: str) -> float:
    """Where the wording after a number or letter starts on its line."""
    first = line.runs[0]
    if first.text.strip() == label and len(line.runs) > 1:
        return line.runs[1].x
    # Label and wording in one run: estimate from the share of characters.
    lead = len(label) + 1
    return first.x + first.width * lead / max(len(first.text), 1)


def _continues(unit: _Unit, line: Line) -> bool:
    """A wrapped line of the clause or item above (same page, or carried over)."""
    if line.aside:
        return False
    last = unit.lines[-1]
    # pypdf may report a run a space's width right of where it starts.
    hanging = line.x >= unit.text_x - max(MARGIN_TOLERANCE, 0.5 * line.size)
    # Without a hanging indent a clause wraps back to its number's margin.
    flush = not unit.is_item and abs(line.x - unit.label_x) <= MARGIN_TOLERANCE
    if not (hanging or flush):
        return False
    if last.page == line.page and line.y < last.y:
        return last.y - line.y < 2.2 * line.size
    return not last.text.rstrip().endswith(SENTENCE_END)


def _check_new(number: str, page: int, seen: dict[str, int], source: str) -> None:
    if number in seen:
        shown = number if not number[-1].isalpha() else f"{number.rsplit('.', 1)[0]}({number[-1]})"
        raise HandbookError(
            source,
            f"clause {shown} appears twice (pages {seen[number]} and {page})",
            "renumber the policy's paragraphs so each number is used once",
        )
    seen[number] = page


def _unit_text(unit: _Unit, lexicon: set[str]) -> str:
    text = unit.first_text
    for line in unit.lines[1:]:
        text = join_wrapped(text, line.text, lexicon)
    return clean_display(text)


def _join(lines: list[Line], lexicon: set[str]) -> str:
    text = ""
    for line in lines:
        text = join_wrapped(text, line.text, lexicon) if text else line.text
    return clean_display(text)


def _front_matter(front: list[_Block], candidates: list[Line], lexicon: set[str]) -> tuple[str, str]:
    """The title (largest text in the title block) and the rest of the block as paragraphs."""
    if not candidates:
        return "", "\n\n".join(_join(b.lines, lexicon) for b in front)
    biggest = max(ln.size for ln in candidates)
    title_lines = [ln for ln in candidates if ln.size >= biggest - 0.5]
    title = _join(title_lines, lexicon)
    parts = []
    for block in front:
        rest = [ln for ln in block.lines if not any(ln is t for t in title_lines)]
        if rest:
            parts.append(_join(rest, lexicon))
    return title, "\n\n".join(parts)


def _clause(code: str, number: str, text: str, page: int) -> Clause:
    return Clause(id=f"{code}-{number}", text=text, kind="policy", page=page, sha256=text_sha256(text))


# ---------------------------------------------------------------------------
# Markdown

MD_TITLE = re.compile(r"^#\s+(\S.*?)\s*#*\s*$")
MD_SECTION = re.compile(r"^##\s+(.*?)\s*#*\s*$")
MD_SECTION_NUMBER = re.compile(r"^(\d{1,2})\.?\s+(\S.*)$")
MD_ITEM = re.compile(r"^(?:[-*+]\s+)?\(([a-z])\)\s+(\S.*)$")


def read_markdown_policy(path: Path, *, code: str, sha256: str) -> Document:
    """Sections and clauses of a council policy written in Markdown.

    ``# Title``, optional front text, ``## 4 Heading``, paragraphs starting
    ``4.1 `` and lettered items ``- (a) `` or ``(a) `` give the same clause IDs
    as the PDF form. Markdown clauses are all on page 1.
    """
    shown = display_path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise HandbookError(shown, "file not found", "check the file name in source_pdfs/manifest.yml") from None
    except UnicodeDecodeError:
        raise HandbookError(shown, "the file is not UTF-8 text", "save the Markdown file as UTF-8") from None
    if not raw.strip():
        raise HandbookError(shown, "the file has no text", "write the policy in it, starting with a '# Title' line")

    title = ""
    front: list[str] = []
    drafts: list[tuple[str, str, int, list[str], list[tuple[str, list[str], int]]]] = []
    seen_clauses: dict[str, int] = {}
    seen_sections: dict[str, int] = {}
    current: list[str] | None = None  # the paragraph or clause lines being gathered
    last_clause: str | None = None

    def fail(line_no: int, problem: str, fix: str) -> None:
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
                fail(line_no, f"section heading “{_clip(match.group(1))}” has no number", "write it as '## 4 Heading'")
            number = heading.group(1)
            if number in seen_sections:
                fail(line_no, f"section number {number} appears twice (lines {seen_sections[number]} and {line_no})", "check the headings' numbering")
            seen_sections[number] = line_no
            drafts.append((number, heading.group(2), line_no, [], []))
            current, last_clause = None, None
            continue
        section = drafts[-1] if drafts else None
        if match := CLAUSE_LINE.match(text):
            number = match.group(1)
            if section is None or number.split(".")[0] != section[0]:
                where = f"section {section[0]}" if section else "the front matter, before any section"
                fail(line_no, f"clause {number} is numbered under the wrong section (it sits in {where})", "check the clause numbering")
            _check_new_md(number, line_no, seen_clauses, shown)
            current, last_clause = [match.group(2)], number
            section[4].append((number, current, line_no))
            continue
        if (match := MD_ITEM.match(text)) and section is not None and last_clause is not None:
            number = f"{last_clause}.{match.group(1)}"
            _check_new_md(number, line_no, seen_clauses, shown)
            current = [match.group(2)]
            section[4].append((number, current, line_no))
            continue
        if current is not None:
            current.append(text)  # a wrapped line of the paragraph above
            continue
        if section is None:
            current = [text]
            front.append(current)
        elif not section[4]:
            current = [text]
            section[3].append(current)
        else:
            fail(line_no, f"text not assigned to any clause: “{_clip(text)}”", "number the paragraph (e.g. 4.3) or join it to the clause above")

    if not title:
        raise HandbookError(shown, "no '# Title' line", "start the file with '# <policy title>'")
    if not drafts:
        raise HandbookError(shown, "no numbered sections ('## 1 Heading')", "number the policy's headings '## 1 Purpose', '## 2 …'")
    sections = []
    for number, heading_text, line_no, intro, units in drafts:
        if not units:
            fail(line_no, f"section {number} “{_clip(heading_text)}” has no numbered clauses", f"number its paragraphs {number}.1, {number}.2 …")
        sections.append(
            Section(
                number=number,
                title=clean_display(heading_text),
                intro="\n\n".join(_md_join(p) for p in intro),
                clauses=tuple(_clause(code, n, _md_join(lines), 1) for n, lines, _ in units),
                page=1,
            )
        )
    return Document(
        title=clean_display(title),
        sha256=sha256,
        pages=1,
        intro="\n\n".join(_md_join(p) for p in front),
        sections=tuple(sections),
    )


def _md_join(lines: list[str]) -> str:
    return clean_display(" ".join(lines))


def _check_new_md(number: str, line_no: int, seen: dict[str, int], shown: str) -> None:
    if number in seen:
        label = number if not number[-1].isalpha() else f"{number.rsplit('.', 1)[0]}({number[-1]})"
        raise HandbookError(
            shown,
            f"clause {label} appears twice (lines {seen[number]} and {line_no})",
            "renumber the paragraphs so each number is used once",
            line=line_no,
        )
    seen[number] = line_no
