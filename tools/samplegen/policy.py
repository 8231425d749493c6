"""Render a sample council policy (YAML data) as a PDF that looks exported from Word.

The council's policies are ordinary word-processed documents, so the sample
PDFs look like one: A4, Helvetica throughout, a title block on page 1 (council
name, title, version, in-force date, owner and a shaded sample notice), bold
numbered headings ``1   Purpose and scope``, numbered paragraphs ``1.1   text``
with a hanging indent, lettered sub-items ``(a)   text`` indented further with
their own hanging indent, and a footer on every page:
``Example Borough Council – <title> v<version> – SAMPLE`` on the left and
``Page N of M`` on the right.

A paragraph never breaks across pages (its lines stay together) and a heading
never ends a page. Only the PDF core fonts are used, so all text must be
encodable in cp1252. Output is byte-for-byte deterministic: the creation date
is midnight UTC of the policy's ``in_force`` date.

Data schema (one YAML file per policy, see ``samples/council/``)::

    code, title, publisher, version, in_force, owner, sample_notice,
    sections: [{number, title, intro?, clauses: [{number, text, items?: [text, ...]}, ...]}, ...]
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from .common import in_force, long_date

__all__ = ["render_policy", "validate"]

PAGE_W = 210.0
PAGE_H = 297.0
MARGIN_L = 25.0
MARGIN_R = 20.0
BODY_TOP = 25.0
BODY_BOTTOM = 262.0
FOOTER_Y = 282.0

BODY_PT = 11.0
BODY_LH = 5.5
HEADING_PT = 13.0
HEADING_LH = 6.5
NUMBER_W = 12.0  # hanging indent of a numbered paragraph
ITEM_W = 10.0  # further hanging indent of a lettered item
PARA_AFTER = 3.0
ITEM_AFTER = 1.5
HEADING_BEFORE = 5.0
HEADING_AFTER = 3.0

INK = (0, 0, 0)
GREY = (90, 90, 90)
SHADE = (230, 230, 230)

REQUIRED = ("code", "title", "publisher", "version", "in_force", "owner", "sample_notice", "sections")
CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
LETTERS = "abcdefghijklmnopqrstuvwxyz"

# A wrapped line must not read as the start of something else: a number
# (heading or clause), a lettered item or a bullet.
_BAD_LINE_START = re.compile(r"^(?:\d|\([a-z]\)|[\u2022\u2013\u2014\-*])")


# ---------------------------------------------------------------------------
# Validation


def validate(data: dict[str, Any]) -> None:
    """Raise ValueError if the data does not follow the policy schema."""
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise ValueError(f"missing field(s): {', '.join(missing)}")
    if not CODE.match(str(data["code"])):
        raise ValueError(f"code {data['code']!r} must be 2-8 capitals or digits, starting with a letter")

    def check_text(where: str, text: Any) -> None:
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{where}: expected a non-empty string")
        try:
            text.encode("cp1252")
        except UnicodeEncodeError as exc:
            raise ValueError(f"{where}: {text[exc.start]!r} is outside cp1252, which the core fonts need") from None
        if text != " ".join(text.split()):
            raise ValueError(f"{where}: has leading, trailing or repeated white space")

    for key in ("title", "publisher", "version", "owner", "sample_notice"):
        check_text(key, str(data[key]))
    in_force(data)
    sections = data["sections"]
    if not isinstance(sections, list) or not sections:
        raise ValueError("sections must be a non-empty list")
    for position, section in enumerate(sections, 1):
        number = str(section.get("number", ""))
        where = f"section {number or '?'}"
        if number != str(position):
            raise ValueError(f"{where}: sections must be numbered 1, 2, 3 ... in order (expected {position})")
        check_text(f"{where} title", section.get("title"))
        if section["title"].rstrip().endswith((".", ";", ":", "?", "!")):
            raise ValueError(f"{where} title: must not end with punctuation")
        if section.get("intro") is not None:
            check_text(f"{where} intro", section["intro"])
            if _BAD_LINE_START.match(section["intro"]):
                raise ValueError(f"{where} intro: must not start with a number, letter item or bullet")
        clauses = section.get("clauses")
        if not isinstance(clauses, list) or not clauses:
            raise ValueError(f"{where}: clauses must be a non-empty list")
        for k, clause in enumerate(clauses, 1):
            expected = f"{number}.{k}"
            if str(clause.get("number", "")) != expected:
                raise ValueError(f"{where} clause {k}: number must be {expected!r}")
            check_text(f"clause {expected}", clause.get("text"))
            items = clause.get("items")
            if items is not None:
                if not isinstance(items, list) or not items or len(items) > len(LETTERS):
                    raise ValueError(f"clause {expected}: items must be a non-empty list of at most 26")
                for i, item in enumerate(items):
                    check_text(f"clause {expected} item ({LETTERS[i]})", item)




# ---------------------------------------------------------------------------
# The PDF


class _PolicyPDF(FPDF):
    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.data = data
        self.set_auto_page_break(False)
        self.set_margins(MARGIN_L, BODY_TOP, MARGIN_R)
        self.c_margin = 0
        # The core fonts are declared /WinAnsiEncoding: write text as cp1252.
        self.core_fonts_encoding = "windows-1252"
        self.footer_text = f"{data['publisher']} \u2013 {data['title']} v{data['version']} \u2013 SAMPLE"

    def footer(self) -> None:
        self.set_font("helvetica", "", 8)
        self.set_text_color(*GREY)
        self.set_xy(MARGIN_L, FOOTER_Y)
        self.cell(130, 4, self.footer_text, align="L")
        self.set_xy(PAGE_W - MARGIN_R - 35, FOOTER_Y)
        self.cell(35, 4, f"Page {self.page_no()} of {{nb}}", align="R")


class _Flow:
    def __init__(self, pdf: _PolicyPDF) -> None:
        self.pdf = pdf
        self.width = PAGE_W - MARGIN_L - MARGIN_R

    @property
    def y(self) -> float:
        return self.pdf.get_y()

    def at_top(self) -> bool:
        return self.y <= BODY_TOP + 0.01

    def new_page(self) -> None:
        self.pdf.add_page()
        self.pdf.set_y(BODY_TOP)

    def fits(self, height: float) -> bool:
        return self.y + height <= BODY_BOTTOM + 0.01

    def body_font(self, bold: bool = False) -> None:
        self.pdf.set_font("helvetica", "B" if bold else "", BODY_PT)
        self.pdf.set_text_color(*INK)

    def wrap(self, text: str, width: float, line_height: float = BODY_LH) -> list[str]:
        """The lines fpdf2's word wrap makes of `text`, checked for misleading breaks."""
        lines = self.pdf.multi_cell(width, line_height, text, dry_run=True, output=MethodReturnValue.LINES)
        lines = [line.encode("latin-1").decode("cp1252") for line in lines]
        if " ".join(line.strip() for line in lines) != text:
            raise ValueError(f"{text[:50]!r}...: a word is too long for the line and was split; reword the text")
        for line in lines[:-1]:
            if line.rstrip().endswith(("-", "\u2010")):
                raise ValueError(f"{text[:50]!r}...: a line ends in a hyphen ({line[-20:]!r}); reword the text")
        for line in lines[1:]:
            if _BAD_LINE_START.match(line):
                raise ValueError(
                    f"{text[:50]!r}...: a wrapped line starts with {line[:12]!r}, which reads as a number, "
                    "lettered item or bullet; reword the text"
                )
        return lines

    # -- measuring ----------------------------------------------------------

    def heading_height(self, title: str) -> float:
        self.pdf.set_font("helvetica", "B", HEADING_PT)
        lines = self.wrap(title, self.width - NUMBER_W, HEADING_LH)
        before = 0.0 if self.at_top() else HEADING_BEFORE
        return before + len(lines) * HEADING_LH + HEADING_AFTER

    def text_height(self, text: str, width: float, after: float) -> float:
        self.body_font()
        return len(self.wrap(text, width)) * BODY_LH + after

    def clause_height(self, text: str) -> float:
        return self.text_height(text, self.width - NUMBER_W, PARA_AFTER)

    def item_height(self, text: str) -> float:
        return self.text_height(text, self.width - NUMBER_W - ITEM_W, ITEM_AFTER)

    # -- drawing ------------------------------------------------------------

    def heading(self, number: str, title: str) -> None:
        if not self.at_top():
            self.pdf.set_y(self.y + HEADING_BEFORE)
        top = self.y
        self.pdf.set_font("helvetica", "B", HEADING_PT)
        self.pdf.set_text_color(*INK)
        self.pdf.set_xy(MARGIN_L, top)
        self.pdf.cell(NUMBER_W, HEADING_LH, number, align="L")
        self.pdf.set_xy(MARGIN_L + NUMBER_W, top)
        self.pdf.multi_cell(self.width - NUMBER_W, HEADING_LH, title, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.pdf.set_y(self.y + HEADING_AFTER)

    def hanging(self, x: float, label: str, label_w: float, text: str, after: float) -> None:
        """`label` in a cell of its own, `text` beside it, wrapped lines hanging under the text."""
        top = self.y
        self.body_font()
        self.pdf.set_xy(x, top)
        self.pdf.cell(label_w, BODY_LH, label, align="L")
        self.pdf.set_xy(x + label_w, top)
        width = PAGE_W - MARGIN_R - x - label_w
        self.wrap(text, width)
        self.pdf.multi_cell(width, BODY_LH, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.pdf.set_y(self.y + after)

    def plain(self, text: str) -> None:
        self.body_font()
        self.wrap(text, self.width - NUMBER_W)
        self.pdf.set_xy(MARGIN_L + NUMBER_W, self.y)
        self.pdf.multi_cell(self.width - NUMBER_W, BODY_LH, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.pdf.set_y(self.y + PARA_AFTER)

    def section(self, section: dict[str, Any]) -> None:
        number, title = str(section["number"]), section["title"]
        intro = section.get("intro")
        first = section["clauses"][0]
        # A heading never ends a page: keep it with its introduction and first paragraph.
        needed = self.heading_height(title) + self.clause_height(first["text"])
        if intro:
            needed += self.clause_height(intro)
        if not self.fits(needed):
            self.new_page()
        self.heading(number, title)
        if intro:
            self.plain(intro)
        for clause in section["clauses"]:
            items = clause.get("items") or []
            height = self.clause_height(clause["text"])
            # A lead-in ending in a colon stays with its first item.
            keep = height + (self.item_height(items[0]) if items else 0.0)
            if not self.fits(keep):
                self.new_page()
            self.hanging(MARGIN_L, str(clause["number"]), NUMBER_W, clause["text"], ITEM_AFTER if items else PARA_AFTER)
            for n, item in enumerate(items):
                height = self.item_height(item)
                if not self.fits(height):
                    self.new_page()
                last = n == len(items) - 1
                self.hanging(MARGIN_L + NUMBER_W, f"({LETTERS[n]})", ITEM_W, item, PARA_AFTER if last else ITEM_AFTER)


def _title_block(pdf: _PolicyPDF, data: dict[str, Any]) -> None:
    width = PAGE_W - MARGIN_L - MARGIN_R
    pdf.set_xy(MARGIN_L, 32)
    pdf.set_font("helvetica", "B", 12)
    pdf.set_text_color(*INK)
    pdf.cell(width, 6, str(data["publisher"]), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_y(pdf.get_y() + 6)
    pdf.set_x(MARGIN_L)
    pdf.set_font("helvetica", "B", 20)
    pdf.multi_cell(width, 9, str(data["title"]), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_y(pdf.get_y() + 4)
    # One row per fact; rows 7 mm apart so each reads as a line of its own.
    pdf.set_font("helvetica", "", 10)
    rows = (
        f"Version: {data['version']}",
        f"In force from: {long_date(in_force(data))}",
        f"Policy owner: {data['owner']}",
    )
    for row in rows:
        pdf.set_x(MARGIN_L)
        pdf.cell(width, 7, row, new_x=XPos.LEFT, new_y=YPos.NEXT)
    # The sample notice, in a shaded box.
    pdf.set_y(pdf.get_y() + 4)
    pad = 4.0
    pdf.set_font("helvetica", "B", 10)
    lines = pdf.multi_cell(width - 2 * pad, 5, str(data["sample_notice"]), dry_run=True, output=MethodReturnValue.LINES)
    top = pdf.get_y()
    height = 2 * pad + len(lines) * 5
    pdf.set_fill_color(*SHADE)
    pdf.set_draw_color(150, 150, 150)
    pdf.set_line_width(0.3)
    pdf.rect(MARGIN_L, top, width, height, style="DF")
    pdf.set_xy(MARGIN_L + pad, top + pad)
    pdf.multi_cell(width - 2 * pad, 5, str(data["sample_notice"]), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_y(top + height + 8)


def render_policy(data: dict[str, Any], out_path: Path) -> None:
    """Write the policy described by `data` to `out_path` as a PDF."""
    validate(data)
    pdf = _PolicyPDF(data)
    pdf.set_creation_date(dt.datetime.combine(in_force(data), dt.time(0, 0), tzinfo=dt.timezone.utc))
    pdf.set_title(f"{data['title']} v{data['version']} (SAMPLE)")
    pdf.set_author(f"{data['publisher']} (sample)")
    pdf.set_subject(str(data["sample_notice"]))
    pdf.set_creator("tools/make_samples.py")
    pdf.set_lang("en-GB")
    pdf.add_page()
    _title_block(pdf, data)
    flow = _Flow(pdf)
    for section in data["sections"]:
        flow.section(section)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(bytes(pdf.output()))
