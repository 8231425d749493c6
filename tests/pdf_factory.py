"""Draw tricky PDFs inside tests, byte by byte, with pypdf's low-level objects.

A test states exactly what is on the page (each run of text, its position,
font and size, and any boxes), so every layout difficulty the extractor must
handle is explicit: two columns, running headers, ligature glyphs, bullets
from symbol fonts or private-use code points, sidebar boxes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)


@dataclass(frozen=True)
class Run:
    """One piece of text drawn at (x, y): y is the baseline, from the bottom."""

    text: str
    x: float
    y: float
    size: float = 10.5
    font: str = "body"


@dataclass(frozen=True)
class Box:
    """A grey filled rectangle, such as a sidebar, drawn under the text."""

    x: float
    y: float
    w: float
    h: float
    fill_grey: float = 0.9


_PUA_CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfchar <01> <F0B7> endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end"""


def _font(base: str, encoding: object | None = None) -> DictionaryObject:
    font = DictionaryObject(
        {NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"), NameObject("/BaseFont"): NameObject(base)}
    )
    if encoding is not None:
        font[NameObject("/Encoding")] = encoding  # type: ignore[assignment]
    return font


def _fonts(writer: PdfWriter) -> dict[str, tuple[str, object]]:
    """Font key → (resource name, indirect font object)."""
    lig = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Encoding"),
            NameObject("/BaseEncoding"): NameObject("/WinAnsiEncoding"),
            NameObject("/Differences"): ArrayObject([NumberObject(0x81), NameObject("/fi"), NumberObject(0x8D), NameObject("/fl")]),
        }
    )
    pua = _font("/Helvetica", DictionaryObject({NameObject("/Differences"): ArrayObject([NumberObject(1), NameObject("/bullet")])}))
    cmap = DecodedStreamObject()
    cmap.set_data(_PUA_CMAP)
    pua[NameObject("/ToUnicode")] = writer._add_object(cmap)
    table = {
        "body": _font("/Helvetica", NameObject("/WinAnsiEncoding")),
        "bold": _font("/Helvetica-Bold", NameObject("/WinAnsiEncoding")),
        "lig": _font("/Helvetica", lig),
        "symbol": _font("/Symbol"),
        "dingbats": _font("/ZapfDingbats"),
        "pua": pua,
    }
    return {key: (f"/F{n}", writer._add_object(font)) for n, (key, font) in enumerate(table.items(), start=1)}


# Characters a font draws from a code other than their cp1252 one.
_SPECIAL_CODES = {
    "lig": {"ﬁ": b"\x81", "ﬂ": b"\x8d"},
    "symbol": {"•": b"\xb7"},
    "pua": {"\uf0b7": b"\x01"},
}


def encode(text: str, font: str) -> bytes:
    special = _SPECIAL_CODES.get(font, {})
    return b"".join(special.get(ch) or ch.encode("cp1252") for ch in text)


def _pdf_string(data: bytes) -> bytes:
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(
    pages: list[list[Run | Box]],
    path: Path,
    *,
    page_size: tuple[float, float] = (595.28, 841.89),
    title: str | None = None,
    encrypt_password: str | None = None,
) -> Path:
    writer = PdfWriter()
    fonts = _fonts(writer)
    resources = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject(name): ref for name, ref in fonts.values()})}
    )
    for items in pages:
        page = writer.add_blank_page(width=page_size[0], height=page_size[1])
        ops: list[bytes] = []
        for box in (i for i in items if isinstance(i, Box)):
            ops.append(f"q {box.fill_grey} g {box.x} {box.y} {box.w} {box.h} re f Q".encode())
        for run in (i for i in items if isinstance(i, Run)):
            name = fonts[run.font][0]
            ops.append(
                f"BT {name} {run.size} Tf 1 0 0 1 {run.x} {run.y} Tm ".encode() + _pdf_string(encode(run.text, run.font)) + b" Tj ET"
            )
        stream = DecodedStreamObject()
        stream.set_data(b"\n".join(ops))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = resources
    if title:
        writer.add_metadata({"/Title": title})
    if encrypt_password:
        writer.encrypt(user_password=encrypt_password, owner_password=encrypt_password, algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def make_image_only_pdf(path: Path) -> Path:
    """A page with marks but no text layer, as a scanner produces."""
    return make_pdf([[Box(50, 50, 495, 740, 0.95), Box(80, 700, 300, 12, 0.2), Box(80, 680, 280, 12, 0.2)]], path)


def truncate(path: Path, out: Path, keep_fraction: float = 0.5) -> Path:
    data = path.read_bytes()
    out.write_bytes(data[: int(len(data) * keep_fraction)])
    return out


def wrap_lines(lines: list[str], x: float, y_top: float, leading: float = 13.0, font: str = "body", size: float = 10.5) -> list[Run]:
    return [Run(text, x, y_top - n * leading, size=size, font=font) for n, text in enumerate(lines)]


def bullet_item(
    lines: list[str],
    x_bullet: float,
    x_text: float,
    y_top: float,
    bullet: str = "•",
    bullet_font: str = "body",
    leading: float = 13.0,
) -> list[Run]:
    """A bulleted item: the glyph as its own run, the text hanging at x_text."""
    return [Run(bullet, x_bullet, y_top, font=bullet_font), *wrap_lines(lines, x_text, y_top, leading)]

