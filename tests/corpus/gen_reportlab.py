"""reportlab canvas drawing of the corpus, laid out by hand as a designer would.

Hazards: bullet glyphs drawn as separate strings well apart from the text; a
“•” shown in standard-14 Helvetica with no /Encoding as byte 0x7F (the code
Windows-ANSI fonts print as a bullet, which text extraction reads as \\x7f);
ZapfDingbats bullets; an en dash “–” marker; a shaded sidebar beside the main
column; the ethics number in its own filled box; a contents page listing the
sections with page numbers; two columns; running header and footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import DOCUMENTS, ExpectedSection, expected, load, rotated

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.2756, 841.8898


@dataclass(frozen=True)
class Look:
    font: str
    bold: str
    size: float
    margin: float  # mm
    bullet: str  # "nofont7f" | "zapf" | "dash" | "times"
    columns: int = 1
    sidebar: float = 0.0  # mm reserved on the right for the sidebar
    contents: bool = True
    heading: str = "{number}. {title}"


LOOKS = {
    "code-of-conduct": Look("Times-Roman", "Times-Bold", 11.0, 22, "nofont7f", sidebar=48, heading="Principle {number} \u2013 {title}"),
    "code-of-ethics": Look("Helvetica", "Helvetica-Bold", 10.0, 26, "dash"),
    "framework": Look("Helvetica", "Helvetica-Bold", 8.8, 14, "zapf", columns=2),
    "earlier-edition": Look("Times-Roman", "Times-Bold", 12.0, 30, "times", contents=False),
    "long-document": Look("Helvetica", "Helvetica-Bold", 9.0, 20, "zapf"),
}


# The third look: TrueType fonts (embedded subsets), bullets drawn as shapes or set in a TrueType
# font (►, ✓, —), "Section 3 — Title" headings, the framework in three columns.
THIRD_LOOKS = {
    "code-of-conduct": Look("DejaVuSerif", "DejaVuSerif-Bold", 9.5, 18, "drawn-disc", sidebar=52,
                            heading="Section {number} \u2014 {title}"),
    "code-of-ethics": Look("LiberationSans", "LiberationSans-Bold", 10.5, 24, "arrow"),
    "framework": Look("LiberationSans", "LiberationSans-Bold", 8.0, 12, "drawn-square", columns=3),
    "earlier-edition": Look("DejaVuSerif", "DejaVuSerif-Bold", 12.0, 32, "check", contents=False),
    "long-document": Look("LiberationSans", "LiberationSans-Bold", 9.0, 18, "emdash"),
}
TTF = {
    "DejaVuSerif": "dejavu/DejaVuSerif.ttf", "DejaVuSerif-Bold": "dejavu/DejaVuSerif-Bold.ttf",
    "DejaVuSans": "dejavu/DejaVuSans.ttf", "LiberationSans": "liberation/LiberationSans-Regular.ttf", "LiberationSans-Bold": "liberation/LiberationSans-Bold.ttf",
}


class Layout:
    """Places lines down the columns of successive pages, recording where each section starts."""

    def __init__(self, canvas: Any, look: Look, title: str) -> None:
        self.c = canvas
        self.look = look
        self.title = title
        self.page = 0
        self.section_pages: dict[str, int] = {}
        self.gutter = 8 * MM
        self.left = look.margin * MM
        self.right = PAGE_W - look.margin * MM - look.sidebar * MM
        self.col = 0
        self.y = 0.0

    @property
    def col_w(self) -> float:
        return (self.right - self.left - (self.look.columns - 1) * self.gutter) / self.look.columns

    @property
    def x(self) -> float:
        return self.left + self.col * (self.col_w + self.gutter)

    def new_page(self) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        self.col = 0
        self.y = PAGE_H - self.look.margin * MM - 10
        c = self.c
        c.setFont("Helvetica", 7)
        c.setFillGray(0.35)
        c.drawRightString(PAGE_W - self.look.margin * MM, PAGE_H - 12 * MM, f"SAMPLE \u00b7 {self.title}")
        c.drawCentredString(PAGE_W / 2, 10 * MM, f"{self.page}")
        c.setFillGray(0)

    def need(self, height: float) -> None:
        if self.y - height < self.look.margin * MM + 6:
            if self.col + 1 < self.look.columns:
                self.col += 1
                self.y = PAGE_H - self.look.margin * MM - 10
            else:
                self.new_page()

    def wrap(self, text: str, font: str, size: float, width: float) -> list[str]:
        from reportlab.lib.utils import simpleSplit

        return simpleSplit(text, font, size, width)

    def text(self, text: str, *, font: str | None = None, size: float | None = None, indent: float = 0, gap: float = 4) -> None:
        font = font or self.look.font
        size = size or self.look.size
        lead = size * 1.3
        for line in self.wrap(text, font, size, self.col_w - indent):
            self.need(lead)
            self.y -= lead
            self.c.setFont(font, size)
            self.c.drawString(self.x + indent, self.y, line)
        self.y -= gap

    def bullet(self, text: str, marker: str) -> None:
        size = self.look.size
        lead = size * 1.3
        indent = 15
        lines = self.wrap(text, self.look.font, size, self.col_w - indent)
        self.need(lead * min(len(lines), 2))
        first = True
        for line in lines:
            self.need(lead)
            self.y -= lead
            if first:
                self._marker(marker, self.x + 2, self.y)
                first = False
            self.c.setFont(self.look.font, size)
            self.c.drawString(self.x + indent, self.y, line)
        self.y -= 3

    def _marker(self, marker: str, x: float, y: float) -> None:
        c = self.c
        if marker == "nofont7f":
            # byte 0x7F in Helvetica registered without an /Encoding
            c.setFont("HelvNoEncoding", self.look.size)  # makes the font a page resource
            name = c._doc.getInternalFontName("HelvNoEncoding")
            c._code.append(f"BT {name} {self.look.size:g} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm (\\177) Tj ET")
        elif marker == "zapf":
            c.setFont("ZapfDingbats", self.look.size * 0.6)
            c.drawString(x, y + 1, "l")
        elif marker == "dash":
            c.setFont(self.look.font, self.look.size)
            c.drawString(x, y, "\u2013")
        elif marker == "drawn-disc":
            c.circle(x + 2, y + self.look.size * 0.32, self.look.size * 0.17, stroke=0, fill=1)
        elif marker == "drawn-square":
            side = self.look.size * 0.38
            c.rect(x, y + self.look.size * 0.32 - side / 2, side, side, stroke=0, fill=1)
        elif marker in ("arrow", "check", "emdash"):
            # The check mark from another font that has it, as a designer picks a glyph.
            c.setFont("DejaVuSans" if marker == "check" else self.look.font, self.look.size * (0.8 if marker == "arrow" else 1))
            c.drawString(x, y, {"arrow": "\u25ba", "check": "\u2713", "emdash": "\u2014"}[marker])
        else:
            c.setFont(self.look.font, self.look.size)
            c.drawString(x, y, "\u2022")

    def heading(self, number: str | None, title: str, *, boxed: bool = False, key: str = "") -> None:
        size = self.look.size + 4
        self.need(size * 1.6 + self.look.size * 4)
        self.y -= size * 1.6
        if key:
            self.section_pages[key] = self.page
        c = self.c
        if boxed and number:
            c.setFillColorRGB(0.30, 0.16, 0.40)
            c.rect(self.x, self.y - 4, size * 1.5, size * 1.5, stroke=0, fill=1)
            c.setFillGray(1)
            c.setFont(self.look.bold, size)
            c.drawCentredString(self.x + size * 0.75, self.y, number)
            c.setFillGray(0)
            c.drawString(self.x + size * 2.1, self.y, title)
        else:
            c.setFont(self.look.bold, size)
            c.drawString(self.x, self.y, self.look.heading.format(number=number, title=title) if number else title)
        self.y -= 5

    def sidebar(self, text: str) -> None:
        """A shaded box in the right-hand margin, level with the current position."""
        c = self.c
        x = self.right + 6 * MM
        w = PAGE_W - self.look.margin * MM - x
        size = self.look.size - 1.5
        lines = self.wrap(text, "Helvetica", size, w - 12)
        h = len(lines) * size * 1.3 + 14
        top = self.y - 10
        c.setFillColorRGB(0.89, 0.93, 0.95)
        c.rect(x, top - h, w, h, stroke=0, fill=1)
        c.setFillGray(0.1)
        c.setFont("Helvetica", size)
        yy = top - 7
        for line in lines:
            yy -= size * 1.3
            c.drawString(x + 6, yy, line)
        c.setFillGray(0)


def _look(name: str, variant: int) -> Look:
    """The second look takes another document's fonts, size, margin and bullet; layout features stay."""
    if variant == 2:
        return THIRD_LOOKS[name]
    own, other = LOOKS[name], LOOKS[rotated(name, variant)]
    return Look(other.font, other.bold, other.size, other.margin, other.bullet, own.columns, own.sidebar, own.contents,
                own.heading)


def _render(name: str, data: dict[str, Any], path: Path, section_pages: dict[str, int], variant: int = 0) -> dict[str, int]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    from reportlab.pdfbase.ttfonts import TTFont

    registered = pdfmetrics.getRegisteredFontNames()
    if "HelvNoEncoding" not in registered:
        pdfmetrics.registerFont(pdfmetrics.Font("HelvNoEncoding", "Helvetica", "StandardEncoding"))
    for font, file in TTF.items():
        if font not in registered:
            pdfmetrics.registerFont(TTFont(font, f"/usr/share/fonts/truetype/{file}"))
    look = _look(name, variant)
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    c.setTitle(data["title"])
    lay = Layout(c, look, data["title"])
    lay.new_page()
    c.setFont(look.bold, 28)
    c.drawString(lay.left, PAGE_H - 90 * MM, data["title"])
    c.setFont(look.font, 11)
    c.drawString(lay.left, PAGE_H - 100 * MM, data["publisher"])
    lay.y = PAGE_H - 115 * MM
    lay.text(data["sample_notice"], font=look.bold)
    if look.contents:
        lay.new_page()
        c.setFont(look.bold, look.size + 6)
        lay.y -= 20
        c.drawString(lay.left, lay.y, "Contents")
        lay.y -= 10
        entries = [(s["number"], s["title"]) for s in data.get("sections", [])]
        if "questions" in data:
            entries.append(("", data["questions"]["title"]))
        for number, title in entries:
            lay.need(look.size * 1.4)
            lay.y -= look.size * 1.4
            c.setFont(look.font, look.size)
            c.drawString(lay.x, lay.y, f"{number}  {title}" if number else title)
            c.drawRightString(lay.x + lay.col_w, lay.y, str(section_pages.get(number or "Q", 0)))
    lay.new_page()
    for p in data["intro"]:
        lay.text(p, gap=6)
    marker = look.bullet
    if name == "earlier-edition":
        lay.text(data["lead_in"], font=look.bold)
        for item in data["clauses"]:
            lay.bullet(item, marker)
    for s in data.get("sections", []):
        lay.heading(s["number"], s["title"], boxed=name == "code-of-ethics", key=s["number"])
        if "aside" in s:
            lay.sidebar(s["aside"])
        for p in s.get("narrative", []):
            lay.text(p, gap=5)
        lay.text(s["intro"], font=look.bold if name != "framework" else ("Helvetica-Oblique" if variant < 2 else look.font))
        for item in s["clauses"]:
            lay.bullet(item, marker)
    if "questions" in data:
        q = data["questions"]
        lay.heading(None, q["title"], key="Q")
        lay.text(q["intro"])
        for item in q["items"]:
            lay.bullet(item, marker)
    c.showPage()
    c.save()
    return lay.section_pages


def generate(out_dir: Path, variant: int = 0) -> dict[str, tuple[Path, list[ExpectedSection]]]:
    out: dict[str, tuple[Path, list[ExpectedSection]]] = {}
    for name in DOCUMENTS:
        data = load(name, "reportlab", variant)
        path = out_dir / f"reportlab{'-b' * variant}-{name}.pdf"
        pages = _render(name, data, path, {}, variant)  # first pass: where each section starts
        _render(name, data, path, pages, variant)  # second pass: the contents page shows those pages
        out[name] = (path, expected(data))
    return out
