"""Render a sample CIH-style document (YAML data) as a designed A4 brochure PDF.

The PDFs stand in for the Chartered Institute of Housing's Code of Conduct,
Code of Ethics and Professional Standards Framework. They are laid out the way
a designer would lay out the real thing, so that the extractor meets the same
difficulties:

* a title page without running header or footer, then a running header, a
  footer ("Page N of M") and thin rules on every other page;
* a different heading style per document: ``1. Title`` (COC),
  ``Principle 1 – Title`` (COE) and ``1 Title`` (PSF);
* bullets drawn as a cell of their own, apart from the text, in a different
  glyph per document (Helvetica "•", ZapfDingbats square "n", en dash "–"),
  with wrapped lines hanging at the text, not the bullet;
* two columns for the Professional Standards Framework.

Only the PDF core fonts are used (Helvetica and ZapfDingbats), so all text
must be encodable in cp1252. Output is byte-for-byte deterministic: the
creation date comes from the document's ``in_force`` date and the file ID is
fpdf2's hash of the content.

Data schema (one YAML file per document, see ``samples/cih/``)::

    code, title, publisher, version, in_force, sample_notice,
    intro: [paragraph, ...],
    sections: [{number, title, intro, clauses: [text, ...]}, ...],
    questions: {title, intro, items: [text, ...]}     # optional
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from .common import in_force, long_date

__all__ = ["STYLES", "BrochureStyle", "render_brochure", "validate"]

# ---------------------------------------------------------------------------
# Page geometry (millimetres). The running header and footer sit inside the
# top and bottom tenth of the page; the body stays clear of both.

PAGE_W = 210.0
PAGE_H = 297.0
BODY_TOP = 31.0
BODY_BOTTOM = 265.0
HEADER_Y = 12.0
HEADER_RULE_Y = 17.0
FOOTER_RULE_Y = 279.0
FOOTER_Y = 281.5

BODY_PT = 10.5
BODY_LH = 5.2  # line height of body text
HEADING_PT = 15.0
HEADING_LH = 7.5
HEADING_SPACE_BEFORE = 6.0
HEADING_SPACE_AFTER = 2.5
PARA_SPACE_AFTER = 2.6
ITEM_SPACE_AFTER = 1.6
BULLET_OFFSET = 1.2  # bullet's distance from the frame edge
BULLET_INDENT = 6.5  # text's distance from the frame edge (hanging indent)

INK = (38, 38, 38)
GREY = (112, 112, 112)
RULE = (190, 190, 190)
NOTICE_FILL = (255, 244, 214)
NOTICE_EDGE = (196, 128, 0)
NOTICE_INK = (120, 72, 0)


@dataclass(frozen=True)
class BrochureStyle:
    """How one document looks."""

    accent: tuple[int, int, int]
    heading: str  # format string with {number} and {title}
    bullet_font: str  # a core font family
    bullet_glyph: str
    bullet_pt: float
    margin: float  # left and right page margin, mm
    columns: int = 1
    gutter: float = 0.0


STYLES: dict[str, BrochureStyle] = {
    "COC": BrochureStyle(
        accent=(0, 98, 114),
        heading="{number}. {title}",
        bullet_font="helvetica",
        bullet_glyph="\u2022",  # • (cp1252 0x95)
        bullet_pt=BODY_PT,
        margin=22.0,
    ),
    "COE": BrochureStyle(
        accent=(104, 44, 128),
        heading="Principle {number} \u2013 {title}",
        bullet_font="zapfdingbats",
        bullet_glyph="n",  # ZapfDingbats: a filled square
        bullet_pt=6.5,
        margin=22.0,
    ),
    "PSF": BrochureStyle(
        accent=(27, 77, 140),
        heading="{number} {title}",
        bullet_font="helvetica",
        bullet_glyph="\u2013",  # – en dash
        bullet_pt=BODY_PT,
        margin=15.0,
        columns=2,
        gutter=10.0,  # two columns of 85 mm
    ),
}

REQUIRED = ("code", "title", "publisher", "version", "in_force", "sample_notice", "intro", "sections")

# A wrapped line must not look like the start of something else: a numbered
# heading or list item, or a bullet.
_BAD_LINE_START = re.compile(r"^(?:\d+[.\s]|[\u2022\u2013\u2014\-*\u25aa\u25a0])")


# ---------------------------------------------------------------------------
# Validation


def validate(data: dict[str, Any]) -> None:
    """Raise ValueError if the data does not follow the sample schema."""
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise ValueError(f"missing field(s): {', '.join(missing)}")
    code = data["code"]
    if code not in STYLES:
        raise ValueError(f"code {code!r} has no style; expected one of {', '.join(STYLES)}")
    if not isinstance(data["intro"], list) or not data["intro"]:
        raise ValueError("intro must be a list of paragraphs")
    if not isinstance(data["sections"], list) or not data["sections"]:
        raise ValueError("sections must be a non-empty list")

    def check_text(where: str, text: Any) -> None:
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{where}: expected a non-empty string")
        try:
            text.encode("cp1252")
        except UnicodeEncodeError as exc:
            raise ValueError(f"{where}: {text[exc.start]!r} is outside cp1252, which the core fonts need") from None
        if text != " ".join(text.split()):
            raise ValueError(f"{where}: has leading, trailing or repeated white space")

    for key in ("title", "publisher", "version", "sample_notice"):
        check_text(key, str(data[key]))
    in_force(data)
    for n, para in enumerate(data["intro"], 1):
        check_text(f"intro[{n}]", para)
    numbers = []
    for section in data["sections"]:
        number = str(section.get("number", ""))
        where = f"section {number or '?'}"
        if not number.isdigit():
            raise ValueError(f"{where}: number must be digits")
        numbers.append(number)
        check_text(f"{where} title", section.get("title"))
        check_text(f"{where} intro", section.get("intro"))
        clauses = section.get("clauses")
        if not isinstance(clauses, list) or not clauses:
            raise ValueError(f"{where}: clauses must be a non-empty list")
        for k, clause in enumerate(clauses, 1):
            check_text(f"{where} clause {k}", clause)
            if _BAD_LINE_START.match(clause):
                raise ValueError(f"{where} clause {k}: must not start with a number or a bullet character")
            if clause.endswith((":", "?")):
                raise ValueError(f"{where} clause {k}: a clause must not end with ':' or '?'")
    if len(set(numbers)) != len(numbers):
        raise ValueError("section numbers must be unique")
    questions = data.get("questions")
    if questions is not None:
        check_text("questions title", questions.get("title"))
        check_text("questions intro", questions.get("intro"))
        items = questions.get("items")
        if not isinstance(items, list) or not items:
            raise ValueError("questions: items must be a non-empty list")
        for k, item in enumerate(items, 1):
            check_text(f"question {k}", item)
            if not item.endswith("?"):
                raise ValueError(f"question {k}: must end with '?'")




# ---------------------------------------------------------------------------
# The PDF


class _BrochurePDF(FPDF):
    """FPDF with the running header and footer (none on the title page)."""

    def __init__(self, data: dict[str, Any], style: BrochureStyle, total_pages: int) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.data = data
        self.style = style
        self.total_pages = total_pages
        self.set_auto_page_break(False)
        self.set_margins(style.margin, BODY_TOP, style.margin)
        self.c_margin = 0  # cells start exactly where we put them
        # The core fonts are declared /WinAnsiEncoding: encode text as cp1252
        # (fpdf2's default, latin-1, has no en dash, curly quotes or bullet).
        self.core_fonts_encoding = "windows-1252"
        self.running_title = f"{data['title']} \u00b7 {data['version']} \u00b7 SAMPLE stand-in"

    def header(self) -> None:
        if self.page_no() == 1:
            return
        left, right = self.style.margin, PAGE_W - self.style.margin
        self.set_font("helvetica", "", 8)
        self.set_text_color(*GREY)
        self.set_xy(left, HEADER_Y - 2)
        self.cell(right - left, 4, self.running_title, align="L")
        self._rule(left, right, HEADER_RULE_Y)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        left, right = self.style.margin, PAGE_W - self.style.margin
        self._rule(left, right, FOOTER_RULE_Y)
        self.set_font("helvetica", "", 8)
        self.set_text_color(*GREY)
        self.set_xy(left, FOOTER_Y)
        self.cell(80, 4, "SAMPLE \u2013 not CIH text", align="L")
        self.set_xy(right - 50, FOOTER_Y)
        self.cell(50, 4, f"Page {self.page_no()} of {self.total_pages}", align="R")

    def _rule(self, x0: float, x1: float, y: float, colour: tuple[int, int, int] = RULE, width: float = 0.2) -> None:
        self.set_draw_color(*colour)
        self.set_line_width(width)
        self.line(x0, y, x1, y)


class _Flow:
    """Places blocks down the columns of successive pages."""

    def __init__(self, pdf: _BrochurePDF, style: BrochureStyle) -> None:
        self.pdf = pdf
        self.style = style
        self.column = 0
        self.column_top = BODY_TOP
        self.full_width = True  # before the columns start (page 2 introduction)
        usable = PAGE_W - 2 * style.margin
        self.column_w = (usable - (style.columns - 1) * style.gutter) / style.columns

    # -- frames -------------------------------------------------------------

    @property
    def x(self) -> float:
        if self.full_width:
            return self.style.margin
        return self.style.margin + self.column * (self.column_w + self.style.gutter)

    @property
    def w(self) -> float:
        if self.full_width:
            return PAGE_W - 2 * self.style.margin
        return self.column_w

    @property
    def y(self) -> float:
        return self.pdf.get_y()

    def new_page(self) -> None:
        self.pdf.add_page()
        self.column = 0
        self.column_top = BODY_TOP
        self.pdf.set_y(BODY_TOP)
        self._column_rule()

    def start_columns(self, gap: float) -> None:
        """End the full-width part of the page; columns begin below it."""
        self.full_width = False
        if self.style.columns > 1:
            self.column_top = self.y + gap
            self.pdf.set_y(self.column_top)
            self._column_rule()
        else:
            self.column_top = BODY_TOP

    def _column_rule(self) -> None:
        if self.full_width or self.style.columns < 2:
            return
        for n in range(1, self.style.columns):
            x = self.style.margin + n * self.column_w + (n - 0.5) * self.style.gutter
            self.pdf.set_draw_color(*RULE)
            self.pdf.set_line_width(0.2)
            self.pdf.line(x, self.column_top, x, BODY_BOTTOM)

    def at_top(self) -> bool:
        return self.y <= self.column_top + 0.01

    def next_frame(self) -> None:
        if not self.full_width and self.column + 1 < self.style.columns:
            self.column += 1
            self.pdf.set_y(self.column_top)
        else:
            self.new_page()

    def ensure(self, height: float, what: str) -> None:
        """Move to the next column or page unless `height` fits here."""
        if self.y + height <= BODY_BOTTOM + 0.01:
            return
        self.next_frame()
        if self.y + height > BODY_BOTTOM + 0.01:
            raise ValueError(f"{what} is too tall for one page ({height:.0f} mm)")

    # -- measuring ------------------------------------------------------------

    def body_font(self) -> None:
        self.pdf.set_font("helvetica", "", BODY_PT)
        self.pdf.set_text_color(*INK)

    def heading_font(self) -> None:
        self.pdf.set_font("helvetica", "B", HEADING_PT)
        self.pdf.set_text_color(*self.style.accent)

    def wrap(self, text: str, width: float) -> list[str]:
        """The lines fpdf2's word wrap makes of `text` in the current font."""
        lines = self.pdf.multi_cell(width, BODY_LH, text, dry_run=True, output=MethodReturnValue.LINES)
        # fpdf2 returns the lines as encoded for the core font (cp1252 bytes as
        # latin-1 characters); decode them back to check what they say.
        lines = [line.encode("latin-1").decode("cp1252") for line in lines]
        if " ".join(line.strip() for line in lines) != text:
            raise ValueError(f"{text[:50]!r}…: a word is too long for the column and was split; reword the text")
        for line in lines[:-1]:
            if line.rstrip().endswith("-"):
                raise ValueError(f"{text[:50]!r}…: a line ends in a hyphen ({line[-20:]!r}); reword the text")
        for line in lines[1:]:
            if _BAD_LINE_START.match(line):
                raise ValueError(
                    f"{text[:50]!r}…: a wrapped line starts with {line[:12]!r}, which reads as a number or "
                    "bullet; reword the text"
                )
        return lines

    def heading_height(self, text: str) -> float:
        self.heading_font()
        lines = self.pdf.multi_cell(self.w, HEADING_LH, text, dry_run=True, output=MethodReturnValue.LINES)
        before = 0.0 if self.at_top() else HEADING_SPACE_BEFORE
        return before + len(lines) * HEADING_LH + HEADING_SPACE_AFTER + 1.2

    def paragraph_height(self, text: str) -> float:
        self.body_font()
        return len(self.wrap(text, self.w)) * BODY_LH + PARA_SPACE_AFTER

    def item_height(self, text: str) -> float:
        self.body_font()
        return len(self.wrap(text, self.w - BULLET_INDENT)) * BODY_LH + ITEM_SPACE_AFTER

    # -- drawing ------------------------------------------------------------

    def heading(self, text: str) -> None:
        if not self.at_top():
            self.pdf.set_y(self.y + HEADING_SPACE_BEFORE)
        self.heading_font()
        self.pdf.set_x(self.x)
        self.pdf.multi_cell(self.w, HEADING_LH, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        rule_y = self.y + 0.8
        self.pdf._rule(self.x, self.x + min(self.w, 40.0), rule_y, self.style.accent, 0.6)
        self.pdf.set_y(rule_y + 0.4 + HEADING_SPACE_AFTER)

    def paragraph(self, text: str) -> None:
        self.body_font()
        self.wrap(text, self.w)
        self.pdf.set_x(self.x)
        self.pdf.multi_cell(self.w, BODY_LH, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.pdf.set_y(self.y + PARA_SPACE_AFTER)

    def item(self, text: str) -> None:
        top = self.y
        # The bullet: a cell of its own, apart from the text.
        self.pdf.set_font(self.style.bullet_font, "", self.style.bullet_pt)
        self.pdf.set_text_color(*self.style.accent)
        self.pdf.set_xy(self.x + BULLET_OFFSET, top)
        self.pdf.cell(BULLET_INDENT - BULLET_OFFSET - 1.0, BODY_LH, self.style.bullet_glyph, align="L")
        # The text, every line hanging at the same indent.
        self.body_font()
        self.wrap(text, self.w - BULLET_INDENT)
        self.pdf.set_xy(self.x + BULLET_INDENT, top)
        self.pdf.multi_cell(self.w - BULLET_INDENT, BODY_LH, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.pdf.set_y(self.y + ITEM_SPACE_AFTER)

    def section(self, heading: str, intro: str, items: Sequence[str], keep_together: bool = False) -> None:
        """A heading, its lead-in and bullets; the heading never ends a page.

        With `keep_together` the whole section moves to the next column or
        page unless it fits where it is (for a short checklist).
        """
        # Keep the heading with its lead-in and first item (or all items).
        kept = items if keep_together else items[:1]
        needed = (
            self.heading_height(heading)
            + self.paragraph_height(intro)
            + sum(self.item_height(text) for text in kept)
        )
        if self.y + needed > BODY_BOTTOM + 0.01:
            self.next_frame()
        self.heading(heading)
        self.paragraph(intro)
        for text in items:
            self.ensure(self.item_height(text), f"item {text[:40]!r}")
            self.item(text)


def _title_page(pdf: _BrochurePDF, data: dict[str, Any], style: BrochureStyle) -> None:
    pdf.add_page()
    accent = style.accent
    margin = 22.0
    width = PAGE_W - 2 * margin
    # Decorative bands (no text inside them).
    pdf.set_fill_color(*accent)
    pdf.rect(0, 0, PAGE_W, 16, style="F")
    pdf.set_fill_color(*(min(255, c + (255 - c) * 2 // 3) for c in accent))
    pdf.rect(0, 16, PAGE_W, 4, style="F")
    pdf.set_fill_color(*accent)
    pdf.rect(0, PAGE_H - 10, PAGE_W, 10, style="F")

    pdf.set_xy(margin, 62)
    pdf.set_font("helvetica", "B", 11)
    pdf.set_text_color(*accent)
    pdf.cell(width, 6, str(data["publisher"]).upper(), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_y(pdf.get_y() + 6)
    pdf.set_x(margin)
    pdf.set_font("helvetica", "B", 32)
    pdf.set_text_color(*INK)
    pdf.multi_cell(width, 13, f"CIH {data['title']}", align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_y(pdf.get_y() + 4)
    pdf.set_x(margin)
    pdf.set_font("helvetica", "", 14)
    pdf.set_text_color(*GREY)
    version = str(data["version"]).lstrip("vV")
    pdf.cell(width, 7, f"Version {version} \u00b7 in force from {long_date(in_force(data))}",
             new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf._rule(margin, margin + 60, pdf.get_y() + 6, accent, 1.2)

    # The sample notice, boxed.
    box_y = 150.0
    pad = 7.0
    notice = str(data["sample_notice"])
    detail = (
        "This stand-in has the structure of the Chartered Institute of Housing\u2019s document so that the "
        "handbook can be built and tested without redistributing copyrighted material. Do not rely on it: "
        "use the current document published by CIH."
    )
    pdf.set_font("helvetica", "B", 12)
    notice_lines = pdf.multi_cell(width - 2 * pad, 6, notice, dry_run=True, output=MethodReturnValue.LINES)
    pdf.set_font("helvetica", "", 10)
    detail_lines = pdf.multi_cell(width - 2 * pad, 5, detail, dry_run=True, output=MethodReturnValue.LINES)
    box_h = pad + 8 + len(notice_lines) * 6 + 3 + len(detail_lines) * 5 + pad
    pdf.set_fill_color(*NOTICE_FILL)
    pdf.set_draw_color(*NOTICE_EDGE)
    pdf.set_line_width(0.8)
    pdf.rect(margin, box_y, width, box_h, style="DF")
    pdf.set_xy(margin + pad, box_y + pad)
    pdf.set_font("helvetica", "B", 16)
    pdf.set_text_color(*NOTICE_INK)
    pdf.cell(width - 2 * pad, 8, "SAMPLE DOCUMENT", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("helvetica", "B", 12)
    pdf.multi_cell(width - 2 * pad, 6, notice, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_y(pdf.get_y() + 3)
    pdf.set_x(margin + pad)
    pdf.set_font("helvetica", "", 10)
    pdf.set_text_color(*INK)
    pdf.multi_cell(width - 2 * pad, 5, detail, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)

    pdf.set_xy(margin, 262)
    pdf.set_font("helvetica", "", 9)
    pdf.set_text_color(*GREY)
    pdf.cell(width, 5, f"Original publisher: {data['publisher']}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.cell(width, 5, "Stand-in produced for the Professional Standards Handbook", new_x=XPos.LEFT,
             new_y=YPos.NEXT)


def _layout(data: dict[str, Any], total_pages: int) -> _BrochurePDF:
    style = STYLES[data["code"]]
    pdf = _BrochurePDF(data, style, total_pages)
    created = dt.datetime.combine(in_force(data), dt.time(0, 0), tzinfo=dt.timezone.utc)
    pdf.set_creation_date(created)
    pdf.set_title(f"CIH {data['title']} {data['version']} (SAMPLE stand-in)")
    pdf.set_author(f"Professional Standards Handbook (sample; not {data['publisher']})")
    pdf.set_subject(str(data["sample_notice"]))
    pdf.set_creator("tools/make_samples.py")
    pdf.set_lang("en-GB")

    _title_page(pdf, data, style)

    flow = _Flow(pdf, style)
    flow.new_page()
    flow.heading("Introduction")
    for para in data["intro"]:
        flow.ensure(flow.paragraph_height(para), "an introduction paragraph")
        flow.paragraph(para)
    flow.start_columns(gap=4.0)
    for section in data["sections"]:
        heading = style.heading.format(number=section["number"], title=section["title"])
        flow.section(heading, section["intro"], section["clauses"])
    questions = data.get("questions")
    if questions:
        flow.section(questions["title"], questions["intro"], questions["items"], keep_together=True)
    return pdf


def render_brochure(data: dict[str, Any], out_path: Path) -> None:
    """Write the document described by `data` to `out_path` as a PDF."""
    validate(data)
    # First pass counts the pages for "Page N of M"; the layout does not
    # depend on the count, so the second pass places everything identically.
    pages = _layout(data, 0).pages_count
    pdf = _layout(data, pages)
    if pdf.pages_count != pages:
        raise RuntimeError("page count changed between layout passes")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(bytes(pdf.output()))
