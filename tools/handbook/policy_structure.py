"""A council policy (PDF lines; Markdown in policy_markdown.py) to numbered sections and clauses.

Council policies are word-processed documents numbered the usual way: a
section heading ``4  Conduct`` at the left margin, numbered paragraphs
``4.1``, ``4.1.2`` at the same margin with their wording hanging at an indent,
and lettered sub-items ``(a)`` indented further. Every numbered paragraph and
every lettered item is a clause of its own, cited as ``ECC-4.1`` and
``ECC-4.1.a``. Whatever sits on page 1 before section 1 (council name, version,
owner, notices) is the document's front matter; its largest text is the title.

Word, LibreOffice, browsers and Typst vary the look: items may read ``a)``,
``a.`` or roman ``(i)`` (cited ``ECC-4.1.ii``), sit at the margin or wrap back
under their letter; ``4.1.2`` may be indented under 4.1; a contents page, a web
page's small print after the policy and the glyphs of bullet points are left
out; a table set under a clause's wording is part of the clause, row by row.

Nothing is guessed silently: a section without clauses, a clause number used
twice or filed under the wrong section, and any line that belongs nowhere are
reported as a `HandbookError` naming the file, the page and what to do.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import islice, takewhile

from .errors import HandbookError
from .model import Clause, Document, Section
from .pdf_layout import Line, PageLayout
from .lines import SENTENCE_END, Block, add_to_paragraphs, commonest_size, clip, hyphen_lexicon, join_wrapped, rows_by_baseline
from .textnorm import clean_display, text_sha256

SECTION_LINE = re.compile(r"^(\d{1,2})\.?\s+(\S.*)$")
# "1.0 Introduction": a heading numbered as paragraph 0 of its section.
SECTION_ZERO = re.compile(r"^(\d{1,2})\.0\.?\s+(\S.*)$")
# "4.1 Text", "4.1. Text", or "4.1Text" where a tab left no space (the wording then starts with a capital).
CLAUSE_LINE = re.compile(r"^(\d{1,2}(?:\.\d{1,3})+)\.?(?:\s+|(?=[A-Z“‘\"']))(\S.*)$")
# "(a)", "a)", "a." and the roman "(i)", "i)", "i." an item may be labelled with.
ITEM_LINE = re.compile(r"^(?:\(([a-z]{1,4})\)(?=\s|[a-z])|([a-z]{1,4})[.)]\s)\s*(\S.*)$")
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")
LETTERS = "abcdefghijklmnopqrstuvwxyz"
# A contents list's own heading, and an entry with a dot leader ("3 Conduct ........ 4").
CONTENTS_HEADING = re.compile(r"^(?:table of )?contents:?$", re.IGNORECASE)
CONTENTS_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,3}$|…{2,}\s*\d{1,3}$")
CONTENTS_PAGE = re.compile(r"(?:[\s.…]|\t)+\d{1,3}$")
MARGIN_TOLERANCE = 3.0


# ---------------------------------------------------------------------------
# The numbering rules both readers (PDF here, Markdown in policy_markdown.py) share.


@dataclass
class Numbering:
    """The section and clause numbers met so far, with where (a PDF page or a Markdown line): each is used once."""

    source: str
    unit: str  # "page" | "line"
    sections_fix: str
    clauses_fix: str
    sections: dict[str, int] = field(default_factory=dict)
    clauses: dict[str, int] = field(default_factory=dict)

    def section(self, number: str, at: int) -> None:
        self._once(self.sections, number, f"section number {number}", at, self.sections_fix)

    def clause(self, number: str, at: int) -> None:
        self._once(self.clauses, number, f"clause {cited(number)}", at, self.clauses_fix)

    def _once(self, seen: dict[str, int], number: str, what: str, at: int, fix: str) -> None:
        if number in seen:
            line = at if self.unit == "line" else None
            raise HandbookError(self.source, f"{what} appears twice ({self.unit}s {seen[number]} and {at})", fix, line=line)
        seen[number] = at


def cited(number: str) -> str:
    """A clause or item number as a policy cites it: 4.2, 4.2(a), 4.2(ii)."""
    head, _, last = number.rpartition(".")
    return f"{head}({last})" if last.isalpha() else number


def policy_clause(code: str, number: str, text: str, page: int) -> Clause:
    """A numbered paragraph or lettered item as a clause: ECC + 4.2.a → ECC-4.2.a."""
    return Clause(id=f"{code}-{number}", text=text, kind="policy", page=page, sha256=text_sha256(text))


@dataclass
class _Unit:
    """A numbered clause or lettered item being gathered from lines."""

    number: str  # "4.2" or "4.2.a"
    lines: list[Line]
    first_text: str  # the first line's wording, without its number
    text_x: float  # where the wording starts on the first line
    label_x: float  # where the number or letter starts
    is_item: bool = False
    roman: bool = False  # an item numbered (i), (ii) …

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
    intro: list[Block] = field(default_factory=list)
    units: list[_Unit] = field(default_factory=list)
    asides: list[Block] = field(default_factory=list)


# ---------------------------------------------------------------------------
# PDF


def build_policy(pages: list[PageLayout], *, code: str, sha256: str, source: str) -> Document:
    """Sections and clauses of a numbered council policy read from PDF lines."""
    lines = _drop_contents(_merge_labels([ln for page in pages for ln in page.lines]))
    if not any(ln.text for ln in lines):
        raise HandbookError(
            source,
            "the PDF has no text layer (it looks like a scan)",
            "export the policy from Word as PDF, or run it through OCR first",
        )
    body_size = commonest_size([ln for ln in lines if not ln.aside])
    margin = _left_margin([ln for ln in lines if not ln.aside])
    lexicon = hyphen_lexicon(lines)
    pitch = _line_pitch(lines, body_size)

    front: list[Block] = []
    title_lines: list[Line] = []
    drafts: list[_Draft] = []
    numbering = Numbering(
        source, "page", "check the headings' numbering in the policy", "renumber the policy's paragraphs so each number is used once"
    )
    prev: Line | None = None
    prev_aside: Line | None = None
    unit: _Unit | None = None

    def fail_unassigned(line: Line) -> None:
        after = f" (after clause {cited(unit.number)})" if unit is not None else ""
        raise HandbookError(
            source,
            f"text on page {line.page}{after} was not assigned to any clause: “{clip(line.text)}”",
            "number the paragraph (e.g. 4.3) or move the text into the clause it belongs to",
        )

    furniture = _trailing_furniture(lines, pages, body_size)
    in_table: set[int] = set()
    for n, line in enumerate(lines):
        if id(line) in furniture or id(line) in in_table:
            continue
        section = drafts[-1] if drafts else None
        at_margin = abs(line.x - margin) <= MARGIN_TOLERANCE
        table = _table_under(unit, lines, n) if unit is not None and section is not None and line.aside else []
        if unit is not None and table:
            unit.lines.extend(table)  # a boxed table set under the clause, read row by row
            in_table.update(id(ln) for ln in table)
            prev = table[-1]
            continue
        if line.aside and unit is not None and _inside_clause(unit, line):
            # Boxed, but within the clause's wording (a bordered table, or a policy laid out as one):
            # read as the clause's own text, its items and wrapped lines.
            line = replace(line, aside=False)
        if line.aside and section is not None:
            add_to_paragraphs(section.asides, line, prev_aside)
            prev_aside = line
            continue
        clause_match = CLAUSE_LINE.match(line.text) if not line.aside else None
        if clause_match and not at_margin and not _sub_clause(clause_match.group(1), line, margin, numbering, section, unit):
            clause_match = None
        if clause_match and unit is not None and not _ends_a_clause(unit) and not _comes_next(clause_match.group(1), unit):
            clause_match = None  # a wrapped line starting with a reference ("… in paragraph" / "2.1.1 of the Plan")
        heading_place = at_margin or (line.bold and 0 < line.x - margin <= 2 * line.size)
        section_match = SECTION_LINE.match(line.text) if heading_place and not line.aside and not clause_match else None
        zero = SECTION_ZERO.match(line.text) if clause_match and heading_place else None
        if zero and _is_heading(line, zero.group(2), body_size, unit):
            clause_match, section_match = None, zero
        if section_match and _is_heading(line, section_match.group(2), body_size, unit):
            number = section_match.group(1)
            numbering.section(number, line.page)
            draft = _Draft(number=number, title=section_match.group(2), page=line.page, heading=[line])
            draft.title_x = _wording_x(line, line.text[: section_match.start(2)].strip())
            drafts.append(draft)
            unit = None
            prev = line
            continue
        if section is not None and not section.units and not section.intro and not clause_match and _continues_heading(section, line, body_size):
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
            numbering.clause(number, line.page)
            unit = _Unit(number, [line], clause_match.group(2), _wording_x(line, number), line.x)
            section.units.append(unit)
            prev = line
            continue
        item_match = ITEM_LINE.match(line.text) if not line.aside else None
        item = _item_key(item_match, unit) if item_match and unit is not None else None
        if item and section is not None and unit is not None and (line.x > margin + MARGIN_TOLERANCE or _list_opens(unit, at_margin)):
            parent = unit.number.rsplit(".", 1)[0] if unit.is_item else unit.number
            number = f"{parent}.{item[0]}"
            numbering.clause(number, line.page)
            label = line.text[: item_match.start(3)].strip()
            unit = _Unit(
                number, [line], item_match.group(3), _wording_x(line, label), line.x, True, item[1]
            )
            section.units.append(unit)
            prev = line
            continue
        table = _table_under(unit, lines, n) if unit is not None and not lines[n].aside else []
        if unit is not None and table:
            unit.lines.extend(table)  # a table set under the clause's wording, read row by row
            in_table.update(id(ln) for ln in table)
            prev = table[-1]
            continue
        # Text below a table read into the clause is no wrapped line of the table's last cell.
        after_table = unit is not None and id(unit.lines[-1]) in in_table and line.page == unit.lines[-1].page
        if unit is not None and not after_table and _continues(unit, line, pitch):
            unit.lines.append(line)
            prev = line
            continue
        if section is None:
            if not line.aside and line.page == pages[0].number:
                title_lines.append(line)  # the title is the largest text on page 1
            add_to_paragraphs(front, line, prev)
        elif not section.units:
            add_to_paragraphs(section.intro, line, prev)
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
                f"section {draft.number} “{clip(clean_display(draft.title))}” on page {draft.page} has no numbered clauses",
                f"number its paragraphs {draft.number}.1, {draft.number}.2 …",
            )
        sections.append(
            Section(
                number=draft.number,
                title=clean_display(draft.title),
                intro="\n\n".join(_join(b.lines, lexicon) for b in draft.intro),
                clauses=tuple(policy_clause(code, u.number, _unit_text(u, lexicon), u.page) for u in draft.units),
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


def _item_key(match: re.Match[str], unit: _Unit) -> tuple[str, bool] | None:
    """An item's letter or roman numeral (and whether it is roman), if its label carries on the clause's list.

    "(c)" is an item wherever it stands (so a letter used twice is reported); the bare "c)" and "c." only
    as the list's next letter or numeral, as a wrapped line may start with such a word. "(i)" opens a
    roman list, unless it follows "(h)".
    """
    parens, label = match.group(1) is not None, match.group(1) or match.group(2)
    prev = unit.number.rsplit(".", 1)[1] if unit.is_item else None
    if unit.roman and label in ROMAN and (parens or ROMAN.index(label) == ROMAN.index(prev) + 1):
        return label, True
    if prev is None and label == "i":
        return label, True
    if len(label) != 1:
        return None
    after = prev if prev is not None and not unit.roman and len(prev) == 1 else None
    expected = LETTERS[LETTERS.index(after) + 1] if after is not None and after != "z" else "a"
    return (label, False) if parens or label == expected else None


def _trailing_furniture(lines: list[Line], pages: list[PageLayout], body_size: float) -> set[int]:
    """Lines after the policy's last wording that are page furniture, not policy: a web page's small-print
    footer, or a footer in the last page's bottom band that no repetition gave away (a one-page policy)."""
    height = {page.number: page.height for page in pages}
    start = len(lines)
    while start > 0:
        line = lines[start - 1]
        small = line.size <= 0.9 * body_size
        low = line.y < 0.1 * height.get(line.page, 0.0)
        if line.aside or not (small or low) or CLAUSE_LINE.match(line.text) or ITEM_LINE.match(line.text):
            break
        start -= 1
    if start == len(lines) or start == 0:
        return set()
    # Set apart from the wording above it, as a footer is; a wrapped last line of a clause is not.
    top, above = lines[start], lines[start - 1]
    if above.page == top.page and above.y - top.y < 2.2 * max(top.size, above.size):
        return set()
    return {id(line) for line in lines[start:]}


def _list_opens(unit: _Unit, at_margin: bool) -> bool:
    """An item set at the margin (a list without indent): only where the text above ends a clause or an item."""
    return at_margin and _ends_a_clause(unit)


def _comes_next(number: str, unit: _Unit) -> bool:
    """Whether `number` is the one expected after the clause being read: its first sub-clause, or the
    next number at its level or at a level above (4.2.3 → 4.2.3.1, 4.2.4, 4.3)."""
    parts = [int(p) for p in (unit.number.rsplit(".", 1)[0] if unit.is_item else unit.number).split(".")]
    expected = {".".join(map(str, [*parts, 1]))}
    for depth in range(2, len(parts) + 1):
        expected.add(".".join(map(str, [*parts[: depth - 1], parts[depth - 1] + 1])))
    return number in expected


def _ends_a_clause(unit: _Unit) -> bool:
    """The clause or item read so far ends as one does: a full stop, a colon, a semicolon, "; or" …"""
    tail = " ".join(ln.text.strip() for ln in unit.lines[-2:])  # "…; or" may wrap, leaving "or" alone
    return tail.endswith((":", ";", ",", ".", "; and", "; or", ", and", ", or"))


def _sub_clause(
    number: str, line: Line, margin: float, numbering: Numbering, section: _Draft | None, unit: _Unit | None
) -> bool:
    """An indented "4.1.2" under clause 4.1 of this section: a clause of its own (its number says where it belongs).

    Only as the next number under its parent, where the text above ends a clause or an item: a wrapped
    line may start with a reference ("… as paragraph" / "4.1.2 says").
    """
    parent, _, last = number.rpartition(".")
    previous = f"{parent}.{int(last) - 1}" if int(last) > 1 else parent
    return (
        section is not None
        and unit is not None
        and line.x > margin
        and parent in numbering.clauses
        and previous in numbering.clauses
        and number.split(".")[0] == section.number
        and number not in numbering.clauses
        and _ends_a_clause(unit)
    )


def _inside_clause(unit: _Unit, line: Line) -> bool:
    """A boxed line (a table's cell, a note) set just below a clause, within its wording's indent (an item's, its letter's)."""
    last = unit.lines[-1]
    indent = unit.label_x if unit.is_item else unit.text_x
    if line.x < indent - max(MARGIN_TOLERANCE, 0.5 * line.size):
        return False
    if line.page == last.page + 1:
        return True  # the box carried over to the next page, whose text starts with it
    return last.page == line.page and 0 <= last.y - line.y < 2.5 * max(line.size, last.size)


def _table_under(unit: _Unit, lines: list[Line], start: int) -> list[Line]:
    """A table set just below a clause, within its wording's indent, as its rows in reading order.

    The page's lines from `start` on, at or right of the wording, down to the text below the table (a
    line left of the wording or numbered); a table only if some row holds two cells or more. A table
    without borders may be read column by column, even after the heading below it; its rows are put
    back together by their baselines.
    """
    last, first = unit.lines[-1], lines[start]
    indent = unit.text_x - max(MARGIN_TOLERANCE, 0.5 * first.size)
    if first.page != last.page or not 0 < last.y - first.y < 3.5 * first.size:
        return []
    if first.aside or first.x < indent:
        return _grid_under(unit, lines, start)
    page = [ln for ln in takewhile(lambda ln: ln.page == first.page, islice(lines, start, None)) if not ln.aside]
    # The table ends where the text below it starts: the next line left of the wording, or numbered.
    below = [ln for ln in page if ln.x < indent or CLAUSE_LINE.match(ln.text) or ITEM_LINE.match(ln.text)]
    end = max((ln.y for ln in below if ln.y < first.y), default=float("-inf"))
    block = [ln for ln in page if end < ln.y <= first.y + 0.35 * first.size and not any(ln is b for b in below)]
    rows = rows_by_baseline(block)
    if all(len(row) < 2 for row in rows):
        return []
    # Rows follow one another at a line's or a cell's spacing: a table, not text further down the page.
    if any(a[0].y - b[0].y > 3.5 * b[0].size for a, b in zip(rows, rows[1:])):
        return []
    return [ln for row in rows for ln in sorted(row, key=lambda ln: ln.x)]


def _grid_under(unit: _Unit, lines: list[Line], start: int) -> list[Line]:
    """A table set just below a clause as a grid, starting left of its wording (a Word table at the margin)
    or boxed (its cells read as boxes, some or all), as its rows.

    Without the wording's indent to tell it from text that belongs nowhere, a table must look like one:
    a first row of two cells or more, starting at the clause's number or right of it; below it rows at
    a cell's spacing, each cell starting at one of the first row's columns and ending before the next
    column starts, at the first row's size; two rows or more of two cells. Cells are the lines, and
    the runs of a line set apart by more than half its size (a row read as one line). The table ends
    at the first line that breaks the grid (a paragraph across the columns, a numbered line) or at a
    row of one bold line (a heading).
    """
    first = lines[start]
    tolerance = max(MARGIN_TOLERANCE, 0.5 * first.size)
    if first.x < unit.label_x - tolerance:
        return []
    page = list(takewhile(lambda ln: ln.page == first.page, islice(lines, start, None)))
    by_y = sorted((ln for ln in page if ln.y <= first.y + 0.35 * first.size), key=lambda ln: -ln.y)
    header = sorted((ln for ln in by_y if abs(ln.y - first.y) <= 0.35 * first.size), key=lambda ln: ln.x)
    if header[0] is not first:
        return []
    columns = [x for ln in header for x, _ in _cells(ln)]
    if len(columns) < 2:
        return []
    ends = [*columns[1:], float("inf")]

    def in_grid(line: Line) -> bool:
        if abs(line.size - first.size) >= 0.5 or CLAUSE_LINE.match(line.text) or ITEM_LINE.match(line.text):
            return False
        for x, x1 in _cells(line):
            column = next((k for k, c in enumerate(columns) if abs(x - c) <= tolerance), None)
            if column is None or x1 > ends[column] - 0.25 * line.size:
                return False
        return True

    rows: list[list[Line]] = []
    for line in by_y:
        if rows and abs(rows[-1][0].y - line.y) <= 0.35 * line.size:
            rows[-1].append(line)
        elif rows and rows[-1][0].y - line.y > 2.5 * line.size:
            break  # set apart below the table: the text after it
        else:
            rows.append([line])
    table: list[list[Line]] = []
    for row in rows:
        if not all(in_grid(ln) for ln in row) or (table and len(row) == 1 and row[0].bold):
            break
        table.append(row)
    if sum(sum(len(_cells(ln)) for ln in row) >= 2 for row in table) < 2:
        return []
    return [ln for row in table for ln in sorted(row, key=lambda ln: ln.x)]


def _cells(line: Line) -> list[tuple[float, float]]:
    """Where the cells of a table's row start and end on `line`: its runs, those set apart by more than
    half the line's size taken as cells of their own."""
    cells: list[tuple[float, float]] = []
    for run in line.runs:
        if cells and run.x - cells[-1][1] <= 0.5 * line.size:
            cells[-1] = (cells[-1][0], max(cells[-1][1], run.x1))
        else:
            cells.append((run.x, run.x1))
    return cells


def _drop_contents(lines: list[Line]) -> list[Line]:
    """Leave out a contents list: its entries repeat the section headings, with page numbers.

    The list runs from a "Contents" heading to its first entry's heading, met again; an entry with a
    dot leader ("3 Conduct ....... 4") is left out wherever it stands.
    """
    start = next((n for n, ln in enumerate(lines) if CONTENTS_HEADING.match(ln.text.strip())), None)
    if start is not None:
        entry = next(((n, m) for n in range(start + 1, len(lines)) if (m := SECTION_LINE.match(lines[n].text))), None)
        if entry is not None:
            number, titles = entry[1].group(1), {entry[1].group(2).strip(), _without_page_number(entry[1].group(2))}
            again = next(
                (
                    n
                    for n in range(entry[0] + 1, len(lines))
                    if (m := SECTION_LINE.match(lines[n].text)) and m.group(1) == number and m.group(2).strip() in titles
                ),
                None,
            )
            if again is not None:
                lines = lines[:start] + lines[again:]
    return [ln for ln in lines if not (SECTION_LINE.match(ln.text) and CONTENTS_LEADER.search(ln.text))]


def _without_page_number(title: str) -> str:
    return CONTENTS_PAGE.sub("", title).strip()


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


def _continues_heading(draft: _Draft, line: Line, body_size: float) -> bool:
    last = draft.heading[-1]
    return (
        line.page == last.page
        and line.bold == last.bold
        and abs(line.size - last.size) < 0.5
        # wrapped under its wording, or (set apart from the body text) back to its number's margin
        and (
            abs(line.x - draft.title_x) <= max(MARGIN_TOLERANCE, 0.5 * line.size)
            or (abs(line.x - draft.heading[0].x) <= MARGIN_TOLERANCE and (line.bold or line.size >= 1.1 * body_size))
        )
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


def _line_pitch(lines: list[Line], body_size: float) -> float:
    """The commonest distance between a body line and the next (more than the size in a double-spaced policy)."""
    gaps = Counter(
        round(a.y - b.y)
        for a, b in zip(lines, lines[1:])
        if a.page == b.page and abs(a.size - body_size) < 0.5 and abs(b.size - body_size) < 0.5 and 0 < a.y - b.y < 4 * body_size
    )
    return float(gaps.most_common(1)[0][0]) if gaps else 0.0


def _continues(unit: _Unit, line: Line, pitch: float = 0.0) -> bool:
    """A wrapped line of the clause or item above (same page, or carried over)."""
    if line.aside:
        return False
    last = unit.lines[-1]
    # pypdf may report a run a space's width right of where it starts.
    hanging = line.x >= unit.text_x - max(MARGIN_TOLERANCE, 0.5 * line.size)
    # Without a hanging indent a clause or item wraps back to where its number or letter stands.
    flush = abs(line.x - unit.label_x) <= MARGIN_TOLERANCE
    if not (hanging or flush):
        return False
    if not hanging and line.bold and not last.bold:
        return False  # a heading at the margin ("Appendix A"), not the clause's next line
    if last.page == line.page and line.y < last.y:
        return last.y - line.y < max(2.2 * line.size, 1.25 * pitch)
    if last.page == line.page:
        # Not below the line before: the next cell on a table's row, or else a column read after the one
        # holding the clause (a table split into columns) — never the clause's next line.
        return abs(line.y - last.y) <= 0.35 * line.size and line.x > last.x1
    # Carried over to the next page: a wrapped sentence, or the next bullet point of the clause's list.
    return not last.text.rstrip().endswith(SENTENCE_END) or (hanging and line.bullet is not None)


def _unit_text(unit: _Unit, lexicon: set[str]) -> str:
    text = unit.first_text
    for line in unit.lines[1:]:
        text = join_wrapped(text, line.body_text, lexicon)  # a bullet point's glyph is no part of the wording
    return clean_display(text)


def _join(lines: list[Line], lexicon: set[str]) -> str:
    text = ""
    for line in lines:
        text = join_wrapped(text, line.text, lexicon) if text else line.text
    return clean_display(text)


def _front_matter(front: list[Block], candidates: list[Line], lexicon: set[str]) -> tuple[str, str]:
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


