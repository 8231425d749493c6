"""Lines in reading order to sections and clauses.

Designed documents signal structure through type rather than markup: headings
are larger or bold and usually numbered ("1.", "1 ", "Principle 1 –"); each
requirement is a bulleted item whose wrapped lines hang at the text indent; a
lead-in such as "Members must:" sits between a heading and its bullets. This
module reads those signals, rejoins what line breaks split, and accounts for
every line: a line that fits nowhere is reported rather than silently lost.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .errors import HandbookError
from .lines import (
    SENTENCE_END, Block, Lexicon, add_to_paragraphs, commonest_size, clip, hyphen_lexicon, join_lines, join_wrapped,
    paragraphs_text, rows_by_baseline,
)
from .model import Clause, Document, Section
from .pdf_layout import DASH_BULLETS, SECTION_LABEL, SECTION_WORDS, Line, PageLayout, Run
from .textnorm import clean_display, text_sha256

# A mark a page prints before or after a heading: a web page's anchor link ("#", "¶", "🔗"), "§", or an
# icon (a symbol, arrow, dingbat or emoji; an icon font's private-use glyph). No part of its number or title.
_MARK = "[#¶§\u2190-\u2bff\U0001F300-\U0001FAFF\ue000-\uf8ff]\ufe0f?"
HEADING_NUMBER = re.compile(
    rf"^(?:{_MARK}\s*)?(?:(?:{SECTION_WORDS})\s+)?"
    r"(\d{1,3})(?![\d,])(?:\.(?=\s))?\s*(?:[:.–—-]\s*)?(?=\S)(.+)$",
    re.IGNORECASE,
)
_HEADING_MARKS = re.compile(rf"^{_MARK}\s*|\s+{_MARK}$")


@dataclass
class _SectionDraft:
    number: str | None
    title: str
    page: int
    intro: list[Block] = field(default_factory=list)
    clauses: list[Block] = field(default_factory=list)
    asides: list[Block] = field(default_factory=list)
    heading: list[Line] = field(default_factory=list)


def build_document(
    pages: list[PageLayout], *, code: str, kind: str, sha256: str, source: str, title_hint: str = ""
) -> Document:
    """Sections and clauses of a CIH-style document (bulleted clauses under headings)."""
    lines = [ln for page in pages for ln in page.lines]
    if not any(ln.text for ln in lines):
        raise HandbookError(
            source,
            "the PDF has no text layer (it looks like a scan)",
            "use the digital original from the publisher, or run it through OCR first",
        )
    lines = _drop_contents_pages(pages, lines)
    lines = _drop_heading_copies(lines)
    lines, footnotes = _footnotes(pages, lines)
    lines = _dash_lists_as_bullets(lines)
    lines, numbered = _labelled_lists_as_bullets(lines)
    lines = _hung_numbers_first(lines)
    body_size = commonest_size(lines)
    title_lines = _title_lines(pages, body_size)
    if title_lines and len(pages) == 1:
        # A one-page document gives no repeats to find its running header by: above its title there is only that.
        # Above the title's top edge, not only its baseline: a column set beside the title may start
        # higher than the title's baseline, though not above its letters.
        head = max(title_lines, key=lambda ln: ln.y)
        top, page = head.y + 0.7 * head.size, head.page
        small = commonest_size(lines) * 1.05
        lines = [ln for ln in lines if not (ln.page == page and ln.y > top + 1 and ln.size <= small)]
    lexicon = hyphen_lexicon(lines)
    title = title_hint or _joined(title_lines, lexicon)
    pitch = _line_pitch(lines)

    front: list[Block] = []
    front_asides: list[Block] = []
    drafts: list[_SectionDraft] = []
    dropped: list[Line] = []
    boxed: list[Line] = []
    current_clause: Block | None = None
    pending_heading: list[Line] = []

    def flush_heading() -> None:
        nonlocal current_clause
        if not pending_heading:
            return
        text = _HEADING_MARKS.sub("", _joined(pending_heading, lexicon))  # without a mark set before it
        match = HEADING_NUMBER.match(text)
        number, heading = (match.group(1), match.group(2).strip()) if match else (None, text)
        drafts.append(
            _SectionDraft(number=number, title=clean_display(heading), page=pending_heading[0].page, heading=list(pending_heading))
        )
        pending_heading.clear()
        current_clause = None

    prev: Line | None = None
    prev_aside: Line | None = None
    in_title = {id(ln) for ln in title_lines}
    # A bold "Principle 2" set smaller than the text (a label in a pill) right above an unnumbered heading numbers it.
    above_heading = {
        id(a)
        for a, b in zip(lines, lines[1:])
        if a.bold and not a.aside and _BARE_NUMBER.match(a.text) and not a.text[:1].isdigit()
        and _is_heading(b, body_size) and not HEADING_NUMBER.match(b.text) and _continues_heading(a, b)
    }
    tabled: set[int] = set()  # lines of a table set in a section, read as the section's aside
    for n, line in enumerate(lines):
        if id(line) in in_title:
            prev = line
            continue
        if id(line) in footnotes:  # a footnote, read whole as an aside where it stands
            (drafts[-1].asides if drafts else front_asides).append(Block(footnotes[id(line)]))
            tabled.update(id(ln) for ln in footnotes[id(line)])
        if drafts and not line.aside and id(line) not in tabled:
            table = _table_at(lines, n, body_size)
            if table:  # read row by row as one aside of the section: neither clauses nor a heading
                tabled.update(id(ln) for ln in table)
                drafts[-1].asides.append(Block(table))
                boxed.extend(table)
        if id(line) in tabled:
            continue
        if line.aside:
            boxed.append(line)
            # Sidebar lines interleave with the main text in reading order,
            # so they continue the previous sidebar line, not the previous line.
            target = drafts[-1].asides if drafts else front_asides
            add_to_paragraphs(target, line, prev_aside)
            prev_aside = line
            continue
        if (
            _is_heading(line, body_size)
            or (_BARE_NUMBER.match(line.text) and line.bold and line.size >= body_size)
            or id(line) in above_heading
            or (pending_heading and line.bold and _BARE_NUMBER.match(pending_heading[-1].text) and _continues_heading(pending_heading[-1], line))
            or _unnumbered_heading_after_list(line, drafts, current_clause)
            or _labels_heading(line, lines[n + 1] if n + 1 < len(lines) else None, body_size, current_clause)
        ):
            if pending_heading and _continues_heading(pending_heading[-1], line):
                pending_heading.append(line)
            else:
                flush_heading()
                pending_heading.append(line)
            prev = line
            continue
        flush_heading()
        section = drafts[-1] if drafts else None
        if line.bullet and not _dash_inside_clause(line, current_clause):
            current_clause = Block([line])
            if section is None:
                front.append(current_clause)
            else:
                section.clauses.append(current_clause)
        elif current_clause and _continues_clause(current_clause, line, pitch):
            current_clause.lines.append(line)
        elif section is None:
            if current_clause is not None and front and front[-1] is current_clause:
                # Not part of the item above (it does not go on from it): a paragraph after the list.
                front.append(Block([line]))
                current_clause = None
            else:
                add_to_paragraphs(front, line, prev)
        elif not section.clauses:
            add_to_paragraphs(section.intro, line, prev)
        else:
            dropped.append(line)
        prev = line
    flush_heading()

    implicit = _implicit_section(drafts, front, title=clean_display(title))
    if implicit is not None:
        drafts = implicit
    front_text, sections = _finish_sections(
        drafts, front, code=code, kind=kind, lexicon=lexicon, source=source, numbered=numbered
    )
    _boxed_headings_found(boxed, sections, body_size, source)
    if dropped:
        first = dropped[0]
        more = f" and {len(dropped) - 1} more line(s)" if len(dropped) > 1 else ""
        raise HandbookError(
            source,
            f"text on page {first.page} was not assigned to any clause: “{clip(first.text)}”{more}",
            "check the PDF's layout (text after a list that is not a bullet) or report it with the file",
        )
    if not sections:
        raise HandbookError(
            source,
            f"no numbered sections and no bulleted list of clauses found in {len(pages)} page(s)",
            "check that this is the code's PDF (headings such as “1. Title” with bulleted clauses), or report the layout with the file",
        )
    _check_numbering(sections, source)
    intro_parts = [t for t in (front_text, paragraphs_text(front_asides, lexicon)) if t]
    return Document(
        title=clean_display(title),
        sha256=sha256,
        pages=len(pages),
        intro="\n\n".join(intro_parts),
        sections=tuple(sections),
    )


def _joined(lines: list[Line], lexicon: Lexicon) -> str:
    """A heading's or title's lines as one text, a hyphen at a line's end undone as in running text."""
    text = ""
    for ln in lines:
        text = join_wrapped(text, ln.body_text, lexicon) if text else ln.body_text
    return text


def _finish_sections(
    drafts: list[_SectionDraft], front: list[Block], *, code: str, kind: str, lexicon: Lexicon, source: str,
    numbered: dict[int, str] | None = None,
) -> tuple[str, list[Section]]:
    """Turn drafts into sections; leading unnumbered sections with no clauses are front matter.

    An item the document numbers itself ("2.3", `numbered`: by the first line's id) must be the clause its
    place gives it: a sub-item taken for an item, or an item missed, would shift every ID after it."""
    front_parts = [paragraphs_text(front, lexicon)] if front else []
    while drafts and drafts[0].number is None and not drafts[0].clauses:
        head = drafts.pop(0)
        front_parts.append("\n\n".join(p for p in (head.title, paragraphs_text(head.intro, lexicon)) if p))
    sections: list[Section] = []
    seen: dict[str, int] = {}
    position = 0
    for draft in drafts:
        position += 1
        # A bullet glyph with no words after it is decoration, not a clause.
        joined = [(join_lines(b.lines, lexicon), b) for b in draft.clauses]
        draft.clauses = [b for text, b in joined if text]
        if not draft.clauses:
            raise HandbookError(
                source,
                f"section “{clip(draft.title)}” on page {draft.page} yields no clauses",
                "check that its requirements are a bulleted list, or report the layout with the file",
            )
        texts = [text for text, _ in joined if text]
        is_questions = all(t.rstrip().endswith("?") for t in texts)
        number = "Q" if is_questions and draft.number is None else (draft.number if draft.number is not None else str(position))
        if number in seen:
            raise HandbookError(
                source,
                f"section number {number} appears twice (pages {seen[number]} and {draft.page})",
                "check the headings' numbering in the PDF",
            )
        seen[number] = draft.page
        for i, block in enumerate(draft.clauses, start=1):
            label = (numbered or {}).get(id(block.lines[0]))
            if label is not None and label != f"{number}.{i}":
                raise HandbookError(
                    source,
                    f"page {block.page}: the item numbered {label} would be clause {i} of section {number}",
                    "its number and its place disagree (a sub-item read as an item, or an item missed): "
                    "check that page, or report the layout with the file",
                )
        clause_kind = "question" if is_questions else ("behaviour" if kind == "framework" else "requirement")
        clauses = tuple(
            Clause(
                id=f"{code}-Q{i}" if number == "Q" else (f"{code}-{i}" if number == "" else f"{code}-{number}.{i}"),
                text=text,
                kind=clause_kind,
                page=block.page,
                sha256=text_sha256(text),
            )
            for i, (text, block) in enumerate(zip(texts, draft.clauses, strict=True), start=1)
        )
        sections.append(
            Section(
                number=number,
                title=draft.title,
                intro=paragraphs_text(draft.intro, lexicon),
                clauses=clauses,
                page=draft.page,
                asides=tuple(join_lines(b.lines, lexicon) for b in draft.asides),
            )
        )
    return "\n\n".join(p for p in front_parts if p), sections


# ---------------------------------------------------------------------------
# Line classification.


def _title_lines(pages: list[PageLayout], body_size: float) -> list[Line]:
    """The largest text on the first page, when it is larger than the text and than anything later;
    also when it is set in a box (a coloured band across the cover)."""
    first = pages[0].lines if pages else []
    if not first:
        return []
    biggest = max(ln.size for ln in first)
    later = max((ln.size for p in pages[1:] for ln in p.lines), default=0)
    if biggest <= later and len(pages) > 1:
        return []
    title = [ln for ln in first if ln.size >= biggest - 0.5]
    if biggest < body_size * 1.18 or (len(title) > 3 and title[0].bold):
        # Nothing set larger than the text (a one-page document set flat): the title is the bold lines
        # it starts with, if it starts with any.
        title = title[: next((n for n, ln in enumerate(title) if not ln.bold), len(title))]
    # A numbered heading is the first section, not the document's title.
    return [] if any(HEADING_NUMBER.match(ln.text) for ln in title) else title


def _is_heading(line: Line, body_size: float) -> bool:
    if len(line.text) > 120:
        return False
    if line.bullet:
        return _marked_heading(line, body_size)
    if line.size >= body_size * 1.18:
        return True
    return (line.bold or _bold_after_number(line)) and bool(HEADING_NUMBER.match(line.text)) and not line.text.rstrip().endswith((".", ";"))


_NUMBER_ALONE = re.compile(r"^\d{1,3}\.?$")


def _bold_after_number(line: Line) -> bool:
    """A section number set apart in the text's own weight, the title after it bold: a list's number
    (Word's or Typst's numbered list of sections, "1." then a bold title) heading a section."""
    runs = line.runs
    return len(runs) > 1 and bool(_NUMBER_ALONE.match(runs[0].text.strip())) and all(r.bold for r in runs[1:])


def _marked_heading(line: Line, body_size: float) -> bool:
    """A mark before a heading (the disclosure triangle of an open `<details>`, an icon) does not make it a
    list item: set larger than the text, it is a heading when numbered like one, or bold, short and not a sentence."""
    if line.size < body_size * 1.18:
        return False
    text = line.body_text
    return bool(HEADING_NUMBER.match(text)) or (line.bold and len(text) <= 80 and not text.rstrip().endswith(SENTENCE_END))


_CAPTION = re.compile(r"^(?:table|figure)\s+\d{1,3}\b", re.IGNORECASE)


def _table_at(lines: list[Line], start: int, body_size: float) -> list[Line]:
    """A table starting at `lines[start]` (its header row, or a "Table 1: …" caption above it), with its
    caption: rows of cells at the text's size, read row by row.

    Body text in reading order never sets two lines side by side, so a table is what does, as a grid.
    Its lines are those read next, in any order (the layout may read a table's columns apart, even with
    the next heading between them), down the page from the first at a line's or a cell's spacing, none
    a bullet or at a heading's size; put
    in rows by their baselines they make a first row of two cells or more (the lines and the runs of a
    line set more than an em apart), then rows each of whose cells stands in one of the first row's
    columns, clear of its neighbours' cells, two rows or more of two cells. It ends at the first
    row that crosses a column, breaks the spacing or is one bold line alone (a heading). A caption
    ("Table 1: …", "Figure 2 …") right above or below it is its own. Gives [] when there is no table.
    """
    caption = []
    if _CAPTION.match(lines[start].text) and start + 1 < len(lines):
        caption, start = [lines[start]], start + 1
    first = lines[start]
    block: list[Line] = []
    lowest = first.y
    for line in lines[start : start + 80]:
        if line.page != first.page or line.y > first.y + 0.35 * first.size:
            break  # another page, or back up the page: another column
        if lowest - line.y > 2.5 * line.size:
            continue  # below the table (a heading read between its columns)
        if line.bullet or line.size > body_size * 1.1:
            break
        block.append(line)
        lowest = min(lowest, line.y)
    if len(block) < 2:
        return []
    rows = rows_by_baseline(block)
    cells = _row_cells(rows[0])
    if len(cells) < 2 or not any(ln is first for ln in rows[0]):
        return []
    table = [rows[0]]
    for row in rows[1:]:
        if table[-1][0].y - row[0].y > 2.5 * row[0].size or (len(row) == 1 and row[0].bold):
            break
        columns = [_column_of(cell, cells) for cell in _row_cells(row)]
        if None in columns or len(set(columns)) < len(columns):
            break
        table.append(row)
    if sum(len(_row_cells(row)) >= 2 for row in table) < 2:
        return []
    out = caption + [ln for row in table for ln in sorted(row, key=lambda ln: ln.x)]
    last = table[-1][0]
    taken = {id(ln) for ln in out}
    after = next((ln for ln in lines[start:] if id(ln) not in taken), None)
    if not caption and after is not None and _CAPTION.match(after.text):
        if after.page == last.page and 0 < last.y - after.y <= 2.5 * after.size:
            out.append(after)
    return out


def _column_of(cell: tuple[float, float], header: list[tuple[float, float]]) -> int | None:
    """The column of the header's cells (left to right) `cell` stands in: the one it overlaps most, or
    whose centre is nearest, provided it stays clear of the header cells either side of that one (cells
    may be set left-aligned or centred in their columns); None for a cell across two columns."""
    x, x1 = cell
    overlap = [min(x1, b) - max(x, a) for a, b in header]
    k = max(range(len(header)), key=lambda j: (overlap[j], -abs((x + x1) / 2 - sum(header[j]) / 2)))
    if k > 0 and x < header[k - 1][1] - 1 or k + 1 < len(header) and x1 > header[k + 1][0] + 1:
        return None
    return k


def _row_cells(row: list[Line]) -> list[tuple[float, float]]:
    """Where the cells of a table's row start and end: its lines, split where their runs stand more than an em apart."""
    cells: list[tuple[float, float]] = []
    for line in sorted(row, key=lambda ln: ln.x):
        for run in line.runs:
            if cells and run.x - cells[-1][1] <= line.size:
                cells[-1] = (cells[-1][0], max(cells[-1][1], run.x1))
            else:
                cells.append((run.x, run.x1))
    return cells


def _unnumbered_heading_after_list(line: Line, drafts: list[_SectionDraft], clause: Block | None) -> bool:
    """A short bold line after a section's list, set at the text's own size, not a sentence and not
    going on with the last item, heads what follows (headings set run-in size: "Before you decide")."""
    return (
        bool(drafts and drafts[-1].clauses)
        and line.bold
        and not line.bullet
        and len(line.text) <= 80
        and not line.text.rstrip().endswith(SENTENCE_END)
        and not (clause is not None and _continues_clause(clause, line))
    )


def _labels_heading(line: Line, after: Line | None, body_size: float, clause: Block | None) -> bool:
    """A label such as "SECTION 2" on a line of its own, in any weight and size, over a heading that
    starts where it does: it gives that heading its number, also at the top of a page or column after
    an unfinished clause (a line of wording that happens to read "Part 2" goes on with the clause just
    above it)."""
    going_on = clause is not None and clause.lines[-1].page == line.page and clause.lines[-1].y > line.y
    return (
        after is not None
        and bool(SECTION_LABEL.match(line.text))
        and not line.bullet
        and _is_heading(after, body_size)
        and abs(after.x - line.x) <= 2
        and _continues_heading(line, after)
        and not (going_on and clause is not None and _continues_clause(clause, line))
    )


def _continues_heading(prev: Line, line: Line) -> bool:
    if prev.page != line.page:
        return False
    if _BARE_NUMBER.match(prev.text):
        # A section number set on its own (in a badge, in the margin, or above the title) heads the
        # title beside or below it (a larger figure beside it sits a little lower).
        return -0.6 * max(prev.size, line.size) <= prev.y - line.y < 2.5 * max(prev.size, line.size)
    return abs(prev.size - line.size) < 0.5 and 0 < prev.y - line.y < 1.6 * line.size


_BARE_NUMBER = re.compile(rf"^(?:(?:{SECTION_WORDS})\s+)?\d{{1,3}}\.?$", re.IGNORECASE)


def _dash_inside_clause(line: Line, clause: Block | None) -> bool:
    """A dash at the text indent of the clause above is wording, not a new bullet."""
    if clause is None or line.bullet not in DASH_BULLETS:
        return False
    return abs(line.x - clause.lines[0].text_x) < 3


def _continues_clause(clause: Block, line: Line, pitch: float = 0.0) -> bool:
    """Whether `line` goes on with `clause`: a wrapped line, or the clause carried into the next column
    or page. Lines further apart than 2.2 times their size (or, in text set with wide line spacing,
    than 1.15 times the document's `pitch`, the distance its lines most often keep) are not."""
    last = clause.lines[-1]
    first = clause.lines[0]
    indent = first.text_x
    if last.page == line.page and line.y < last.y:
        if last.y - line.y >= max(2.2 * line.size, 1.15 * pitch):
            return False
        if abs(line.x - indent) < 3 or first.x + 1 < line.x < indent:
            return True  # at the wording's indent, or hanging anywhere between bullet and wording
        if len(clause.lines) > 1 and abs(line.x - last.x) < 1.5 and not _sentence_ended(last.text):
            return True  # under the clause's last wrapped line, which went on in the next column at that column's indent
        # Wrapped back under the bullet itself (a CSS ::before marker, a list
        # with no hanging indent): only while the sentence is unfinished and
        # the line follows at the clause's own line spacing.
        pitch = clause.lines[-2].y - last.y if len(clause.lines) > 1 else 1.5 * line.size
        return (
            abs(line.x - first.x) < 2
            and not _sentence_ended(last.text)
            and (line.text[:1].islower() or last.y - line.y <= pitch + 0.5)
        )
    # A clause carried over to the next column or page: its first line there
    # continues the sentence the clause had not finished.
    return not _sentence_ended(last.text)


def _line_pitch(lines: list[Line]) -> float:
    """The distance the document's lines most often keep from the next line below them (its line spacing)."""
    steps: Counter[int] = Counter()
    for a, b in zip(lines, lines[1:]):
        if a.page == b.page and abs(a.size - b.size) < 0.5 and 0 < a.y - b.y < 3 * a.size and a.x < b.x1 and b.x < a.x1:
            steps[round(a.y - b.y)] += 1
    return float(steps.most_common(1)[0][0]) if steps else 0.0


def _sentence_ended(text: str) -> bool:
    """A line ending its sentence: a full stop, question mark, colon… maybe inside a closing quotation
    mark; a quotation closed mid-sentence (the app’s “report a hazard” button) ends nothing."""
    text = text.rstrip()
    if text.endswith(("”", '"')):
        return text[:-1].rstrip().endswith(SENTENCE_END)
    return text.endswith(SENTENCE_END)


def _implicit_section(drafts: list[_SectionDraft], front: list[Block], *, title: str) -> list[_SectionDraft] | None:
    """One bulleted list under a lead-in, in a document with no numbered sections: one section of clauses.

    Older editions (ten bullets under "Members must:") have no headings to
    number; their bullets become clauses COC-1, COC-2, … in the order printed.
    An unnumbered heading above the lead-in (a cover's subtitle or publisher
    line set larger than the text, a heading over the list) does not make the
    list a section of its own: with no numbered heading anywhere, the
    document is still one list, and that heading is front matter. A list of
    nothing but questions under an unnumbered heading stays a question section.
    Gives the new drafts (front matter first), or None.
    """
    if any(d.number is not None for d in drafts):
        return None
    listed = [d for d in drafts if d.clauses]
    if listed:
        last = drafts[-1]
        if len(listed) != 1 or listed[0] is not last or any(b.lines[0].bullet for b in front):
            return None
        if all(b.lines[-1].text.rstrip().endswith("?") for b in last.clauses):
            return None
        implicit = _SectionDraft(number="", title=title, page=last.clauses[0].page, clauses=last.clauses, asides=last.asides)
        if last.intro:  # the heading, and any paragraphs before the lead-in, become front matter
            implicit.intro = [last.intro[-1]]
            return [*drafts[:-1], replace(last, intro=last.intro[:-1], clauses=[], asides=[]), implicit]
        if last.heading:  # the lead-in itself set as large as a heading
            implicit.intro = [Block(list(last.heading))]
            return [*drafts[:-1], implicit]
        return None
    bullets = [n for n, b in enumerate(front) if b.lines[0].bullet]
    if not bullets or bullets != list(range(bullets[0], bullets[-1] + 1)) or bullets[0] == 0:
        return None
    if front[bullets[-1] + 1 :]:
        return None  # text after the list: not one list under a lead-in
    lead_in = front[bullets[0] - 1]
    draft = _SectionDraft(number="", title=title, page=front[bullets[0]].page, intro=[lead_in])
    draft.clauses = [front[n] for n in bullets]
    del front[bullets[0] - 1 :]
    return [draft]


def _boxed_headings_found(boxed: list[Line], sections: list[Section], body_size: float, source: str) -> None:
    """A numbered heading read inside a box (as a sidebar) must head a section found elsewhere (a boxed
    list of contents); a section boxed with its clauses (a web page's "card") is not read, and stops here
    rather than leaving its clauses among the asides."""
    found = {s.number for s in sections}
    for line in boxed:
        match = HEADING_NUMBER.match(line.text) if line.bold or line.size >= body_size * 1.18 else None
        if match and match.group(1) not in found:
            raise HandbookError(
                source,
                f"page {line.page}: the heading “{clip(line.text)}” is inside a box, read as a sidebar, and no section {match.group(1)} was found",
                "a document whose sections are each set in a box is not read: export it without the boxes, or report the layout with the file",
            )


def _check_numbering(sections: list[Section], source: str) -> None:
    """Numbered sections run on without a gap (1, 2, 3 …); a gap means a section was not found."""
    numbered = [s for s in sections if s.number.isdigit()]
    for before, section in zip(numbered, numbered[1:]):
        expected = int(before.number) + 1
        number = int(section.number)
        if number == expected:
            continue
        if number > expected:
            missing = f"section {expected}" if number == expected + 1 else f"sections {expected} to {number - 1}"
            problem = f"page {section.page}: section {number} follows section {before.number}, so {missing} was not found"
        else:
            problem = f"page {section.page}: section {number} follows section {before.number} (numbering out of order)"
        raise HandbookError(
            source,
            problem,
            "check that heading in the PDF (is it styled like the other headings?), or report the layout with the file",
        )


_CONTENTS_ENTRY = re.compile(r"^(\S.*?[^\s.·…])(\s*[.·…][\s.·…]*\s*|\s+)(\d{1,3})$")
_CONTENTS_TITLE = re.compile(r"^(?:table of )?contents$", re.IGNORECASE)


def _drop_contents_pages(pages: list[PageLayout], lines: list[Line]) -> list[Line]:
    """A contents page lists headings with page numbers; it is navigation, not sections or clauses.

    A page is one when it is titled "Contents", or when three or more numbered
    headings end in dot leaders and a page number, or when nearly all its
    lines are numbered headings ending in page numbers that never go down.
    """
    drop: set[int] = set()
    for page in pages:
        body = [ln for ln in page.lines if not ln.aside]
        entries = []
        for ln in body:
            match = _CONTENTS_ENTRY.match(ln.text) if ln.text[-1:].isdigit() else None
            if match and HEADING_NUMBER.match(ln.text):
                entries.append((ln, match))
        titled = any(_CONTENTS_TITLE.match(ln.text.strip()) for ln in body)
        if titled:
            # Page numbers may stand apart from their headings, in a column of their own.
            listed = [ln for ln in body if HEADING_NUMBER.match(ln.text) or _BARE_NUMBER.match(ln.text)]
            if len(listed) >= 3:
                drop.update(id(ln) for ln in listed)
                drop.update(id(ln) for ln in body if _CONTENTS_TITLE.match(ln.text.strip()))
                continue
        if len(entries) < 3:
            continue
        leaders = sum(1 for _, m in entries if m.group(2).count(".") + m.group(2).count("…") + m.group(2).count("·") >= 3)
        numbers = [int(m.group(3)) for _, m in entries]
        listing = len(entries) * 5 >= len(body) * 4 and numbers == sorted(numbers)
        if titled or leaders >= 3 or listing:
            drop.update(id(ln) for ln, _ in entries)
            drop.update(id(ln) for ln in body if _CONTENTS_TITLE.match(ln.text.strip()))
    return [ln for ln in lines if id(ln) not in drop] if drop else lines


def _drop_heading_copies(lines: list[Line]) -> list[Line]:
    """An on-page list of contents with no page numbers (a web page's "On this page" sidebar) repeats the
    numbered headings in smaller type, one entry per heading, some wrapped over two or three lines: such
    entries are navigation, not items or text. Three or more entries must repeat a heading's text exactly."""
    body = commonest_size(lines)
    headings: dict[str, float] = {}
    for ln in lines:
        if (ln.bold or ln.size >= 1.18 * body) and HEADING_NUMBER.match(ln.text):
            headings[" ".join(ln.text.split())] = ln.size
    if len(headings) < 3:
        return lines
    drop: set[int] = set()
    entries = 0
    for n, ln in enumerate(lines):
        if id(ln) in drop or not HEADING_NUMBER.match(ln.text):
            continue
        text, entry = "", []
        for other in lines[n : n + 3]:
            if entry and not (other.page == ln.page and abs(other.x - ln.x) < 2 and abs(other.size - ln.size) < 0.5):
                break
            text, entry = f"{text} {other.text}".strip(), [*entry, other]
            size = headings.get(" ".join(text.split()))
            if size is not None and ln.size < size - 0.5:
                drop.update(id(e) for e in entry)
                entries += 1
                break
    return [ln for ln in lines if id(ln) not in drop] if entries >= 3 else lines


_NOTE_MARK = re.compile(r"^(?:\d{1,2}|[*†‡])$")


def _footnotes(pages: list[PageLayout], lines: list[Line]) -> tuple[list[Line], dict[int, list[Line]]]:
    """Footnotes are notes, not clauses: each is read as an aside, and its reference mark is no wording.

    A footnote starts low on its page (its lower third) with a mark ("1", "*", "†") before wording set
    smaller than the text, and the same page sets that mark small and raised (a superscript) after a
    word of its text: as a line of its own just above a line's baseline, or as a run raised within the
    line. Its wrapped lines below it, as small, are its own. The raised mark is dropped; a mark with no
    note at the page's foot (or a note with no mark) is left as it is. Gives the lines without the marks,
    and each footnote's lines by the id of its first line.
    """
    body = commonest_size(lines)
    height = {page.number: page.height for page in pages}
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    notes: dict[int, int] = {}  # id(line) -> id of its footnote's first line
    marks: set[int] = set()
    runs_out: dict[int, int] = {}  # id(line) -> index of the raised mark's run to take out of it
    for number, page in by_page.items():
        for n, line in enumerate(page):
            mark = _note_mark(line, body)
            if mark is None or line.y > 0.33 * height.get(number, 0.0) or id(line) in notes:
                continue
            found = _raised_mark(page, line, mark, body)
            if found is None:
                continue
            where, run = found
            if run is None:
                marks.add(id(where))
            else:
                runs_out[id(where)] = run
            notes[id(line)] = id(line)
            for below, above in zip(page[n + 1 :], page[n:]):
                if _note_mark(below, body) is not None or not _small(below.runs, body) or not 0 < above.y - below.y < 1.6 * below.size:
                    break
                notes[id(below)] = id(line)
    if not notes:
        return lines, {}
    out = []
    grouped: dict[int, list[Line]] = {}
    for line in lines:
        if id(line) in marks:
            continue
        if id(line) in runs_out:
            k = runs_out[id(line)]
            line = replace(line, runs=line.runs[:k] + line.runs[k + 1 :])
        out.append(line)
        if id(line) in notes:
            grouped.setdefault(notes[id(line)], []).append(line)
    return out, {id(group[0]): group for group in grouped.values()}


def _small(runs: tuple[Run, ...], body: float) -> bool:
    return bool(runs) and all(r.size <= 0.9 * body for r in runs if r.text.strip())


def _note_mark(line: Line, body: float) -> str | None:
    """The mark a footnote starts with ("1", "*"), in a run of its own or first in its run, before wording set small."""
    first = line.runs[0]
    if _NOTE_MARK.match(first.text.strip()) and len(line.runs) > 1 and _small(line.runs[1:], body):
        return first.text.strip()
    head, _, rest = first.text.strip().partition(" ")
    if _NOTE_MARK.match(head) and rest and _small(line.runs, body):
        return head
    return None


def _raised_mark(page: list[Line], note: Line, mark: str, body: float) -> tuple[Line, int | None] | None:
    """Where `mark` stands raised after a word above `note` on its page: (a line of its own, None), or
    (the line, the index of the run) when it is a run of a line; None when it stands nowhere."""
    for line in page:
        if line is note or line.y <= note.y:
            continue
        if line.text.strip() == mark and line.size <= 0.8 * body:
            beside = any(
                other is not line and 0.1 * other.size < line.y - other.y < 0.8 * other.size
                and other.x - 2 <= line.x <= other.x1 + other.size
                for other in page
            )
            if beside:
                return line, None
        for k, run in enumerate(line.runs[1:], start=1):
            if run.text.strip() == mark and run.size <= 0.8 * body and 0.1 * line.size < run.y - line.y < 0.8 * line.size:
                return line, k
    return None


_INLINE_DASH = re.compile(r"^([–—-])\s+(?=\S)")


def _dash_lists_as_bullets(lines: list[Line]) -> list[Line]:
    """Lines starting "– " at one indent, two or more on a page, are a dash-marked list.

    A single line starting with a dash may be a wrapped parenthesis; a column
    of them is a list (reflective questions, requirements).
    """
    starts: Counter[tuple[int, int, str]] = Counter()
    for ln in lines:
        match = _INLINE_DASH.match(ln.text) if ln.text[:1] in "–—-" else None
        if match and ln.bullet is None:
            starts[(ln.page, round(ln.x), match.group(1))] += 1
    if not any(count >= 2 for count in starts.values()):
        return lines
    out = []
    for ln in lines:
        match = _INLINE_DASH.match(ln.text) if ln.text[:1] in "–—-" else None
        if match and ln.bullet is None and max(starts[(ln.page, round(ln.x) + d, match.group(1))] for d in (-1, 0, 1)) >= 2:
            out.append(_split_dash(ln, match.group(1)))
        else:
            out.append(ln)
    return out


def _split_dash(line: Line, dash: str) -> Line:
    """The line with its leading dash as a run of its own, so it reads as a bullet."""
    first = line.runs[0]
    rest = first.text.lstrip()[1:].lstrip()
    return _mark_split(line, dash, rest, (len(first.text) - len(rest)) / max(len(first.text), 1))


def _mark_split(line: Line, mark: str, rest: str, share: float) -> Line:
    """The line with its first run split in two: `mark` (a bullet) in the first `share` of its width,
    then the wording `rest`, if any, in the remainder."""
    first = line.runs[0]
    bullet = Run(mark, first.x, first.y, first.size, first.font, first.width * share * 0.5)
    if not rest:
        return replace(line, runs=(bullet, *line.runs[1:]))
    wording = first._replace(text=rest, x=first.x + first.width * share, width=first.width * (1 - share), gap=-1)
    return replace(line, runs=(bullet, wording, *line.runs[1:]))




_LABEL = re.compile(
    r"^(?:\(([a-z]{1,4}|[A-Z]{1,4}|\d{1,3})\)|([a-z]{1,4}|[A-Z]{1,4}|\d{1,3})[.)]|(\d{1,3}\.\d{1,2})[.)]?)(?:\s+(?=\S)|$)"
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11, "xii": 12}


def _label_value(label: str) -> list[tuple[str, int]]:
    """The (kind, value) a list label can stand for: "b" is letter 2, "ii" roman 2, "i" letter 9 or roman 1,
    "3.2" the second item numbered under 3 (3.1, 3.2, … count on only under one number); capitals as
    small letters ("B" letter 2, "IV" roman 4), a list in one case or the other."""
    out = []
    if label.isupper():
        return [(f"{kind} capitals", value) for kind, value in _label_value(label.lower())]
    if "." in label:
        major, minor = label.split(".")
        out.append(("numbered under", int(major) * 100 + int(minor)))
    elif label.isdigit():
        out.append(("number", int(label)))
    elif len(label) == 1:
        out.append(("letter", ord(label) - ord("a") + 1))
    if label in _ROMAN:
        out.append(("roman", _ROMAN[label]))
    return out


def _labelled_lists_as_bullets(lines: list[Line]) -> tuple[list[Line], dict[int, str]]:
    """Items labelled a., b., c. (or (a), i., ii., 1), 2)…) in sequence at one indent are a list: each label is its item's bullet.

    A label alone counts only in a run of two or more that count on from the first (a, b, c; i, ii,
    iii; 1, 2, 3; 2.1, 2.2, 2.3), each label at the x of the one before (set left or right aligned),
    and only on a line that is not a heading (bold "1. Title" lines are sections, not items). Items are clauses
    like bulleted ones; the label, like a bullet, is not part of the wording. Also gives the labels
    numbered under a section ("2.3") by the id of the line that now starts the item.
    """
    body = commonest_size(lines)
    candidates: list[tuple[int, str, Line]] = []
    for n, ln in enumerate(lines):
        if ln.bullet or ln.aside or ln.bold or _bold_after_number(ln) or _wording_size(ln) > body * 1.1 or not ln.text[:1].isalnum() and ln.text[:1] != "(":
            continue
        # A label in a run of its own may touch its text ("10." set wider than "9."); else it is followed by a space.
        match = _LABEL.fullmatch(ln.runs[0].text.strip()) if len(ln.runs) > 1 else None
        match = match or _LABEL.match(ln.text)
        if match and match.end() < len(ln.text):
            candidates.append((n, match.group(1) or match.group(2) or match.group(3), ln))
    listed: dict[int, str] = {}
    single: list[tuple[int, str, Line]] = []
    for kind in ("letter", "roman", "letter capitals", "roman capitals", "number", "numbered under"):
        run: list[tuple[int, str, Line]] = []
        for n, label, ln in [*candidates, (-1, "", lines[0])]:  # a last entry that ends the last run
            value = dict(_label_value(label)).get(kind)
            if value is None and n >= 0:
                continue
            if run and value == dict(_label_value(run[-1][1]))[kind] + 1 and _same_indent(run[-1][2], ln):
                run.append((n, label, ln))
                continue
            if _is_list(run):
                listed.update((m, lab) for m, lab, _ in run)
            elif run:
                single.append(run[0])
            run = [(n, label, ln)] if value is not None and value % 100 == 1 else []  # a first label: 1, a, i, 3.1
    if not listed:
        return lines, {}
    # A one-item list ("1." alone under a heading) at the indent where the document's other lists stand.
    for n, label, ln in single:
        if any(_same_place(lines[m], ln) for m in listed):
            listed[n] = label
    out = [_as_bullet(ln) if n in listed else ln for n, ln in enumerate(lines)]
    return out, {id(out[n]): label for n, label in listed.items() if "." in label}


def _wording_size(line: Line) -> float:
    """The size of a line's wording: a label set apart in a run of its own (maybe larger) is not wording."""
    if len(line.runs) > 1 and _LABEL.fullmatch(line.runs[0].text.strip()):
        return max(r.size for r in line.runs[1:])
    return line.size


def _is_list(run: list[tuple[int, str, Line]]) -> bool:
    """Two labels or more in sequence; or one "a." or "i." set apart from its text as a bullet is (a one-item list)."""
    if len(run) >= 2:
        return True
    if len(run) == 1:
        _, label, line = run[0]
        return not label.isdigit() and len(line.runs) > 1 and _LABEL.match(line.runs[0].text.strip()) is not None and (
            line.runs[1].x - line.runs[0].x1 > 0.25 * line.size
        )
    return False


def _same_place(a: Line, b: Line) -> bool:
    """Labels at one place: the same left edge, the same right edge (set right-aligned), or, set apart
    from their wording, the wording starting at one x (a right edge measured without the font's kerning
    may be off: "V." is narrower than "V" and "." apart)."""
    if abs(a.x - b.x) < 2.5 or abs(a.runs[0].x1 - b.runs[0].x1) < 1.5:
        return True
    return (
        len(a.runs) > 1 and len(b.runs) > 1 and abs(a.runs[1].x - b.runs[1].x) < 1.5 and abs(a.x - b.x) < 3 * a.size
        and all(_LABEL.fullmatch(ln.runs[0].text.strip()) for ln in (a, b))
    )


def _same_indent(a: Line, b: Line) -> bool:
    """Labels at one indent: the same left edge, or the same right edge (labels set right-aligned);
    or the list went on in the next column or on the next page."""
    return _same_place(a, b) or b.page != a.page or b.y > a.y


def _as_bullet(line: Line) -> Line:
    """The line with its label as a bullet run of its own. The label may be drawn in pieces, each a run
    ("1", ".", "1" from a CSS counter), and may end inside the run that goes on with the wording."""
    first = line.runs[0]
    # Runs that together are the label and nothing more ("1.1" then "."; "1" "." "1"): the longest such start.
    whole, joined = 0, ""
    for n, run in enumerate(line.runs[:-1]):
        joined += "".join(run.text.split())
        if _LABEL.fullmatch(joined):
            whole = n + 1
        elif len(joined) > 8:
            break
    if whole:
        bullet = first._replace(text="•", width=line.runs[whole - 1].x1 - first.x)
        return replace(line, runs=(bullet, *line.runs[whole:]))
    label = _LABEL.match(line.text)
    # Visible characters of the label that the first run does not hold (the label ends inside a later run).
    need = len("".join(label.group(0).split())) - len("".join(first.text.split())) if label else 0
    for k, run in enumerate(line.runs[1:], start=1):
        if need <= 0:
            break
        visible = len("".join(run.text.split()))
        if visible >= need:
            # The label ends in this run: after its first `need` visible characters.
            end = next(i for i, n in enumerate(_visible_counts(run.text), 1) if n == need)
            share = end / max(len(run.text), 1)
            bullet = Run("•", first.x, first.y, first.size, first.font, run.x + run.width * share - first.x)
            rest = run.text[end:].lstrip()
            if not rest:
                return replace(line, runs=(bullet, *line.runs[k + 1 :]))
            wording = run._replace(text=rest, x=run.x + run.width * share, width=run.width * (1 - share), gap=-1)
            return replace(line, runs=(bullet, wording, *line.runs[k + 1 :]))
        need -= visible
    share = len(label.group(0)) / max(len(first.text), 1) if label else 0.0
    rest = first.text.lstrip()[len(label.group(0)) :] if label else first.text
    return _mark_split(line, "•", rest, share)


def _visible_counts(text: str) -> list[int]:
    """For each character of `text`, how many non-space characters there are up to and including it."""
    counts, n = [], 0
    for ch in text:
        n += not ch.isspace()
        counts.append(n)
    return counts


def _hung_numbers_first(lines: list[Line]) -> list[Line]:
    """A bold section number standing left of a line and level with it (in the margin, or in a badge
    whose baseline is a little lower than the title's) is read before that line, as it is printed."""
    out = list(lines)
    for n in range(1, len(out)):
        title, number = out[n - 1], out[n]
        if (
            number.bold
            and _BARE_NUMBER.match(number.text)
            and not _BARE_NUMBER.match(title.text)
            and title.page == number.page
            and number.x1 < title.x
            and 0 <= title.y - number.y < 0.6 * max(title.size, number.size)
        ):
            out[n - 1], out[n] = number, title
    return out
