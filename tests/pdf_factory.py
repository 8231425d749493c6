"""Draw tricky PDFs inside tests, byte by byte, with pypdf's low-level objects.

A test states exactly what is on the page -- each run of text, its position,
font and size, and any grey boxes -- so every layout difficulty the extractor
must handle is explicit: two columns, running headers, ligature glyphs,
bullets from symbol fonts or private-use code points, sidebar boxes.  The PDF
is built the way pypdf's own tests build one: a ``/Font`` dictionary per font
in the page ``/Resources`` and a hand-written content stream.  No fpdf2 or
reportlab, so nothing re-encodes, subsets, kerns or reorders the text.

API
---
``make_pdf(pages, path, *, page_size, title, encrypt_password, encrypt_algorithm)``
    ``pages`` is a list of pages, each a list of :class:`Run` and :class:`Box`.
    On every page all boxes are drawn first, then the runs in list order (the
    content-stream order, which is the order pypdf reports text in).
``Marker``, ``TJRun``, ``Inline``, ``SoftHyphen``, ``PenText``, ``CairoText``
    A bullet drawn as a vector path (disc/circle with Bézier curves, square,
    dash); a line written as one ``TJ`` array with kerning offsets; one line
    of several fonts in one ``BT`` with ``Tf`` switches and no new position
    (an inline bold word); a word with soft hyphens drawn as Chromium does
    (a zero-width glyph marked ``/ActualText`` U+00AD); lines drawn as cairo
    draws them (one array per line, label and wording in it, ``Td`` between
    lines, ligatures in a font of their own).
``make_image_only_pdf(path)``
    One page with a grey image XObject and rectangles and no text at all, as a
    scanner produces.
``truncate(path, out, keep_fraction=0.5)``
    A copy cut short (no ``%%EOF``, no xref), as a failed download leaves.
``wrap_lines`` / ``bullet_item``
    Runs for a block of lines, and for a bullet with a hanging indent.
``encode(text, font)``
    The bytes a run's text is written as (see FONTS).

Fonts (``Run.font``; all Type1 standard-14, nothing embedded)
-------------------------------------------------------------
=========  =========================  ==========================================
key        /BaseFont, /Encoding       how text is written
=========  =========================  ==========================================
body       Helvetica, WinAnsi         cp1252 (so "•" is 0x95, "–" 0x96, "€" 0x80)
bold       Helvetica-Bold, WinAnsi    cp1252
lig        Helvetica, WinAnsi +       "ﬁ" (U+FB01) as 0x81 and "ﬂ" (U+FB02) as
           /Differences [129 /fi      0x8D, codes WinAnsi leaves unused; the rest
           141 /fl]                   cp1252.  pypdf gives back U+FB01 / U+FB02.
symbol     Symbol, built-in           SYMBOL_CODES: "•" as 0xB7, "→" 0xAE, ...
                                      plus space, digits and the punctuation
                                      Symbol shares with ASCII.
dingbats   ZapfDingbats, built-in     the caller's ASCII letter as is ("n" is a
                                      black square, "l" a black circle, "4" a
                                      tick); "■", "●", "✔" are accepted too.
weighted   SerifDisplayO, WinAnsi,    cp1252; Helvetica-Bold's widths. A bold
           /Widths, /FontDescriptor   face whose name does not say so.
           with /FontWeight 700
outlined   Type 3, FontName           printable ASCII, each glyph a box as wide as
           AAAAAA+SerifText-Regular   Helvetica's; /FontWeight 400.
thickened  Type 3, FontName           the same glyphs, every box 16/1000 em
           BAAAAA+SerifText-Regular   further out on each side, /FontWeight 400:
                                      how Chromium embeds a face it made bold.
twin       Type 3, FontName           like "outlined", under the name of the
           CAAAAA+SansText-Light      "light" face, in a glyph space of 1/2048
                                      em (as Chromium writes a TrueType face's).
light      Type1 DAAAAA+SansText-     ASCII; Helvetica's widths and a descriptor
           Light, /Widths             (/FontWeight 300): a face embedded as it is.
coded      Helvetica, codes 1…n with  like a subset font (Chromium, Typst,
           /Differences to glyph      LibreOffice): every character its own
           names, /Widths per code    small code (CODED_CHARS), so widths are
           + /ToUnicode               keyed by code, not by the text.
pua        Helvetica, WinAnsi +       "\\uf0b7" as 0x01 (/Differences [1
           /Differences [1 /bullet]   /bullet]), with a /ToUnicode CMap mapping
           + /ToUnicode <01>→<F0B7>   <01> to U+F0B7, the private-use bullet
                                      Word's Symbol bullets come out as; the
                                      rest cp1252 (not in the CMap, so pypdf
                                      falls back to WinAnsi for them).
=========  =========================  ==========================================

A character a font cannot write raises ``ValueError`` naming it, and so does a
line break inside a run (one run is one line; use ``wrap_lines``).

What pypdf 7.1.0 gives back (checked in tests/test_pdf_factory.py)
-----------------------------------------------------------------
``page.extract_text()`` returns exactly the text: body/bold/lig/pua text
round-trips, "ﬁ"/"ﬂ" stay ligature characters (U+FB01/U+FB02, not "fi"/"fl"),
Symbol 0xB7 comes back as "•" (U+2022), ZapfDingbats "n"/"l"/"4" come back as
"■" (U+25A0), "●" (U+25CF), "✔" (U+2714), and the pua byte as "\\uf0b7".

``page.extract_text(visitor_text=visit)`` calls
``visit(text, cm, tm, font_dict, font_size)`` with, for these PDFs (each run is
its own ``BT /Fn size Tf 1 0 0 1 x y Tm (...) Tj ET``):

* ``cm`` and ``tm`` are plain ``list[float]`` of 6; ``cm`` is always the
  identity here.  ``tm[4], tm[5]`` are the run's ``x`` and baseline ``y``
  exactly as given (``tm`` is the matrix of the run's ``Tm``; pypdf does not
  advance it by the glyph widths, so no end position is reported).
* ``font_dict`` is the resolved ``DictionaryObject`` of the font (not an
  ``IndirectObject``): ``font_dict["/BaseFont"]`` is a ``NameObject`` such as
  ``"/Helvetica"``, ``"/Helvetica-Bold"``, ``"/Symbol"``, ``"/ZapfDingbats"``
  ("body", "lig" and "pua" are all ``/Helvetica``: tell them apart by
  ``/Encoding``, a name or a dictionary, and ``/ToUnicode``).
  ``font_size`` is the ``Tf`` size as a float (the matrix is unscaled).
* Per run the calls are, in content-stream order (never sorted by position):

  1. ``""`` from ``BT`` -- an empty flush carrying the *previous* run's tm,
     font and size.  On the first run of every page it carries
     ``font_dict=None``, ``font_size=12.0`` and an identity tm, so guard
     ``font_dict is not None`` before ``font_dict["/BaseFont"]``.
  2. ``"\\n"`` when the baseline moved (up or down) by more than 0.8 x the
     smaller font size since the previous run, and the text so far does not
     already end in a line break.  This call carries the *new* run's font and
     size but an identity ``tm`` (``tm[4] == tm[5] == 0``): never read a
     position from it.
  3. the run's text from ``ET``, with the run's own tm, font and size.  When
     the previous run was on the same baseline (within 0.8 x font size) and
     the new x is at least half a space width past where the previous run
     ended, pypdf puts a synthetic ``" "`` at the start of this text (e.g.
     ``" right col"``); if x went backwards, or the runs touch, nothing is
     added (``"right"`` then ``"left"`` on one baseline extract as
     ``"rightleft"``).  A ``Run("")`` gives ``""`` here.

  Boxes (``q g re f Q``, no ``cm``) make no calls.  On the image-only page
  the ``cm`` and the ``Do`` of the /Image each make an empty ``""`` call
  (font None, size 12.0; the ``Do`` one carries the image's matrix as ``cm``);
  after text, a ``Do`` also adds a ``"\\n"`` call.

  So: skip calls whose text is ``""`` or ``"\\n"`` (or, in other PDFs, drop
  a trailing ``"\\n"``: when several text operators share one ``BT`` pypdf
  can report ``"text\\n"`` in one call), drop one leading space when the
  previous call was on the same baseline (a drawn run that itself starts
  with a space can't be told apart), and read positions from ``tm`` of the
  calls that remain.  The baseline test compares against all baselines of
  the current line, so a superscript a few points up stays on the line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    FloatObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
)

A4 = (595.28, 841.89)


@dataclass(frozen=True)
class Run:
    """One piece of text drawn at (x, y), in points; y is the baseline, from the bottom."""

    text: str
    x: float
    y: float
    size: float = 10.5
    font: str = "body"
    # The text rendering mode (Tr): 2 fills and strokes the glyphs, as LibreOffice and Word draw a face
    # with no bold made bold; set inside q … Q, so the runs after it are drawn as usual.
    render: int = 0
    # Degrees anticlockwise the text is turned about (x, y), as a watermark is set across a page.
    angle: float = 0.0


@dataclass(frozen=True)
class Marker:
    """A list bullet drawn as a path, centred at (x, y): ``disc`` (filled circle,
    four Bézier ``c`` curves), ``circle`` (stroked), ``square`` (``re f``),
    ``dash`` (a thin filled bar ``size`` wide) or ``triangle`` (filled, pointing down)."""

    x: float
    y: float
    size: float = 3.5
    kind: str = "disc"


@dataclass(frozen=True)
class TJRun:
    """One line written as a single ``TJ`` array: strings and kerning offsets
    (thousandths of an em; a negative offset moves the next glyph right)."""

    parts: tuple[str | float, ...]
    x: float
    y: float
    size: float = 10.5
    font: str = "body"


@dataclass(frozen=True)
class Inline:
    """One line of several fonts in one ``BT``: ``Tf`` switches, one position."""

    parts: tuple[tuple[str, str], ...]  # (font, text)
    x: float
    y: float
    size: float = 10.5


@dataclass(frozen=True)
class SoftHyphen:
    """A word drawn glyph-run by glyph-run, with a zero-width soft-hyphen glyph
    (a space glyph inside ``/Span <</ActualText <FEFF00AD>>> BDC … EMC``)
    between its pieces, as Chromium prints ``integ&shy;rity``."""

    pieces: tuple[str, ...]
    x: float
    y: float
    size: float = 10.5


@dataclass(frozen=True)
class PenText:
    """Text drawn piece by piece from the pen, with no position between the pieces (one ``Tj`` each),
    as Chromium draws a word with a ligature inside it; a piece with ``actual`` is wrapped in
    ``/Span <</ActualText (…)>> BDC … EMC`` (the ligature glyph and the letters it stands for)."""

    pieces: tuple[tuple[str, str | None], ...]  # (glyphs drawn, ActualText or None)
    x: float
    y: float
    size: float = 10.5


@dataclass(frozen=True)
class Ligature:
    """A ligature glyph inside a :class:`CairoText` line (``glyph`` "ﬁ" or "ﬂ"), drawn in a font of its
    own (one with widths: cairo embeds every font) inside ``/Span <</ActualText …>> BDC … EMC`` saying
    the letters it stands for."""

    glyph: str
    actual: str
    font: str = "coded"
    gap: float = 0.0  # an offset before the glyph, in the span's array (a tab's gap before a ligature starting an item)


@dataclass(frozen=True)
class Glyphs:
    """Text inside a :class:`CairoText` line drawn from the pen in another font (a bullet from a symbol
    font): the array before it ends, the line's font is selected again after it."""

    text: str
    font: str = "coded"


@dataclass(frozen=True)
class CairoText:
    """Lines drawn as cairo's PDF backend draws them (Firefox on Linux, Evince and Okular printing to a
    file, ``pdftocairo -pdf``): one ``BT``, the font selected at size 1 and scaled by the text matrix,
    each line one ``TJ`` array of strings and offsets (thousandths of an em; a label, a tab's gap and
    the wording in one array) placed by a ``Td`` from the line before. A :class:`Ligature` part ends
    the array, as :class:`Glyphs` in another font do; the font is selected again after them and the
    line goes on from the pen."""

    lines: tuple[tuple[float, tuple[str | float | Ligature | Glyphs, ...]], ...]  # (x, parts) of each line
    y: float  # the first line's baseline
    size: float = 10.5
    leading: float = 14.0
    font: str = "coded"  # a font with widths of its own, as every font cairo embeds


@dataclass(frozen=True)
class Box:
    """A grey filled rectangle (a sidebar, a table cell), drawn under the page's text.

    ``fill_grey`` is 0 (black) to 1 (white); ``stroke`` adds a black outline.
    """

    x: float
    y: float
    w: float
    h: float
    fill_grey: float = 0.9
    stroke: bool = False


# Unicode → code in the Symbol font's built-in encoding, for the glyphs that
# differ from ASCII.  Space, digits and the punctuation below are the same
# code in Symbol as in ASCII; letters are not (Symbol "a" is alpha).
SYMBOL_CODES: dict[str, int] = {
    "•": 0xB7,  # bullet
    "→": 0xAE,  # arrowright
    "≥": 0xB3,  # greaterequal
    "≤": 0xA3,  # lessequal
    "×": 0xB4,  # multiply
    "±": 0xB1,  # plusminus
    "°": 0xB0,  # degree
    "♦": 0xA8,  # diamond (suit)
    "◊": 0xE0,  # lozenge
    "−": 0x2D,  # minus (Symbol has no hyphen)
}
_SYMBOL_ASCII = set(" 0123456789!#%&()+,./:;<=>?[]_{|}")

# ZapfDingbats: the caller normally passes the ASCII letter; these glyphs are
# accepted as a convenience and written as their letter.
DINGBAT_LETTERS: dict[str, str] = {"■": "n", "●": "l", "✔": "4"}

# WinAnsi codes the "lig" font's /Differences takes over, and the code the
# "pua" font draws its bullet with.
LIGATURE_CODES: dict[str, int] = {"ﬁ": 0x81, "ﬂ": 0x8D}
PUA_BULLET = "\uf0b7"
PUA_CODE = 0x01

FONTS: tuple[str, ...] = (
    "body", "bold", "lig", "symbol", "dingbats", "pua", "coded", "weighted", "outlined", "thickened", "twin", "light",
)
_ASCII_FONTS = ("outlined", "thickened", "twin", "light")

# The "coded" font's characters, written as codes 1, 2, 3, … (glyph names in
# its /Differences; Unicode in its /ToUnicode map).
CODED_CHARS: dict[str, str] = {
    **{c: c for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"},
    " ": "space", ".": "period", ",": "comma", ":": "colon", ";": "semicolon", "-": "hyphen", "?": "question",
    "’": "quoteright", "“": "quotedblleft", "”": "quotedblright", "–": "endash", "(": "parenleft", ")": "parenright",
    "ﬁ": "fi", "ﬂ": "fl", "★": "star",
}
_CODED = {ch: n for n, ch in enumerate(CODED_CHARS, start=1)}


def _glyph_name(ch: str, name: str) -> str:
    return ch if len(name) == 1 and name.isalpha() else ({"0": "zero", "1": "one", "2": "two", "3": "three", "4": "four",
            "5": "five", "6": "six", "7": "seven", "8": "eight", "9": "nine"}.get(ch, name))


def _coded_cmap() -> bytes:
    lines = [f"<{code:02X}> <{''.join(f'{ord(c):04X}' for c in ch)}>" for ch, code in _CODED.items()]
    body = "\n".join(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar" for chunk in (lines[i:i + 90] for i in range(0, len(lines), 90)))
    return (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Coded-UCS def\n/CMapType 2 def\n"
            b"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n" + body.encode() + b"\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")

_PUA_CMAP = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 beginbfchar
<01> <F0B7>
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end"""


def _stream(data: bytes, **entries: PdfObject) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in entries.items():
        stream[NameObject(f"/{key}")] = value
    return stream


def _type1(base_font: str, encoding: PdfObject | None = None) -> DictionaryObject:
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(base_font),
        }
    )
    if encoding is not None:
        font[NameObject("/Encoding")] = encoding
    return font


def _differences(codes: dict[int, str]) -> DictionaryObject:
    """A WinAnsi-based /Encoding dictionary with single-code /Differences."""
    differences = ArrayObject()
    for code, glyph in codes.items():
        differences.extend([NumberObject(code), NameObject(glyph)])
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Encoding"),
            NameObject("/BaseEncoding"): NameObject("/WinAnsiEncoding"),
            NameObject("/Differences"): differences,
        }
    )


def _ascii_glyph_names() -> dict[int, str]:
    from pypdf._codecs.adobe_glyphs import adobe_glyphs

    by_char = {char: name for name, char in adobe_glyphs.items()}
    return {code: by_char[chr(code)] for code in range(32, 127)}


def _descriptor(writer: PdfWriter, name: str, weight: int) -> IndirectObject:
    return writer._add_object(
        DictionaryObject({NameObject("/Type"): NameObject("/FontDescriptor"), NameObject("/FontName"): NameObject(name),
                          NameObject("/FontWeight"): NumberObject(weight), NameObject("/Flags"): NumberObject(32),
                          NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in (-20, -220, 1000, 920)),
                          NameObject("/ItalicAngle"): NumberObject(0), NameObject("/Ascent"): NumberObject(900),
                          NameObject("/Descent"): NumberObject(-220), NameObject("/CapHeight"): NumberObject(700),
                          NameObject("/StemV"): NumberObject(80)})
    )


def _type3(writer: PdfWriter, name: str, outset: int, units: int = 1000) -> DictionaryObject:
    """A Type 3 font of printable ASCII, each glyph a filled box as wide as Helvetica's glyph; `outset`
    draws every box that much further out on each side, advances unchanged. Its glyph space (widths,
    boxes, `outset`) is in 1/`units` em (/FontMatrix)."""
    names = _ascii_glyph_names()
    procs = DictionaryObject()
    differences = ArrayObject([NumberObject(32)])
    for code, glyph in names.items():
        advance = round(text_width(chr(code), units))
        if code == 32:
            data = f"{advance} 0 0 0 0 0 d1"
        else:
            x0, y0, x1, y1 = 40 - outset, -outset, advance - 40 + outset, 700 + outset
            data = f"{advance} 0 {x0} {y0} {x1} {y1} d1 {x0} {y0} {x1 - x0} {y1 - y0} re f"
        procs[NameObject(glyph)] = writer._add_object(_stream(data.encode()))
        differences.append(NameObject(glyph))
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type3"),
        NameObject("/FontMatrix"): ArrayObject(FloatObject(v) for v in (1 / units, 0, 0, 1 / units, 0, 0)),
        NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in (-20, -20, 1020, 720)),
        NameObject("/CharProcs"): procs, NameObject("/Resources"): DictionaryObject(),
        NameObject("/Encoding"): DictionaryObject({NameObject("/Type"): NameObject("/Encoding"), NameObject("/Differences"): differences}),
        NameObject("/FirstChar"): NumberObject(32), NameObject("/LastChar"): NumberObject(126),
        NameObject("/Widths"): ArrayObject(NumberObject(round(text_width(chr(c), units))) for c in range(32, 127)),
    })
    font[NameObject("/FontDescriptor")] = _descriptor(writer, name, 400)
    return font


def _add_fonts(writer: PdfWriter) -> dict[str, tuple[str, IndirectObject]]:
    """Add the fonts of FONTS to the writer: font key → (resource name, reference)."""
    winansi = NameObject("/WinAnsiEncoding")
    pua = _type1("/Helvetica", _differences({PUA_CODE: "/bullet"}))
    pua[NameObject("/ToUnicode")] = writer._add_object(_stream(_PUA_CMAP))
    coded = _type1("/Helvetica", _differences({code: f"/{_glyph_name(ch, CODED_CHARS[ch])}" for ch, code in _CODED.items()}))
    coded[NameObject("/ToUnicode")] = writer._add_object(_stream(_coded_cmap()))
    # Its own /Widths per code, as every embedded subset font carries.
    coded[NameObject("/FirstChar")] = NumberObject(1)
    coded[NameObject("/LastChar")] = NumberObject(len(_CODED))
    coded[NameObject("/Widths")] = ArrayObject(NumberObject(round(text_width(ch, 1000))) for ch in _CODED)
    # A bold face whose name says nothing of its weight; only its descriptor's /FontWeight does.
    weighted = _type1("/SerifDisplayO", winansi)
    weighted[NameObject("/FirstChar")] = NumberObject(32)
    weighted[NameObject("/LastChar")] = NumberObject(255)
    weighted[NameObject("/Widths")] = ArrayObject(
        NumberObject(round(text_width(bytes([c]).decode("cp1252", "replace"), 1000, "bold"))) for c in range(32, 256)
    )
    weighted[NameObject("/FontDescriptor")] = writer._add_object(
        DictionaryObject({NameObject("/Type"): NameObject("/FontDescriptor"), NameObject("/FontName"): NameObject("/SerifDisplayO"),
                          NameObject("/FontWeight"): NumberObject(700), NameObject("/Flags"): NumberObject(32)})
    )
    # A face embedded as it is (not as outlines of its own), under the name the "twin" Type 3 font has.
    light = _type1("/DAAAAA+SansText-Light", winansi)
    light[NameObject("/FirstChar")] = NumberObject(32)
    light[NameObject("/LastChar")] = NumberObject(126)
    light[NameObject("/Widths")] = ArrayObject(NumberObject(round(text_width(chr(c), 1000))) for c in range(32, 127))
    light[NameObject("/FontDescriptor")] = _descriptor(writer, "/DAAAAA+SansText-Light", 300)
    table = {
        "body": _type1("/Helvetica", winansi),
        "bold": _type1("/Helvetica-Bold", winansi),
        "lig": _type1("/Helvetica", _differences({LIGATURE_CODES["ﬁ"]: "/fi", LIGATURE_CODES["ﬂ"]: "/fl"})),
        "symbol": _type1("/Symbol"),
        "dingbats": _type1("/ZapfDingbats"),
        "pua": pua,
        "coded": coded,
        "weighted": weighted,
        "outlined": _type3(writer, "/AAAAAA+SerifText-Regular", 0),
        "thickened": _type3(writer, "/BAAAAA+SerifText-Regular", 16),
        "twin": _type3(writer, "/CAAAAA+SansText-Light", 0, units=2048),
        "light": light,
    }
    assert tuple(table) == FONTS
    return {key: (f"/F{n}", writer._add_object(font)) for n, (key, font) in enumerate(table.items(), start=1)}


def _cp1252(ch: str, font: str) -> bytes:
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        raise ValueError(f"font {font!r} cannot write {ch!r} (U+{ord(ch):04X}): not in WinAnsiEncoding") from None


def encode(text: str, font: str) -> bytes:
    """The bytes ``text`` is written as in ``font`` (one of FONTS); ValueError if it can't be."""
    if font not in FONTS:
        raise ValueError(f"unknown font {font!r}; use one of {', '.join(FONTS)}")
    if "\n" in text or "\r" in text:
        raise ValueError(f"a Run is one line, but {text!r} has a line break; use wrap_lines")
    out = bytearray()
    for ch in text:
        if font in ("body", "bold", "weighted"):
            out += _cp1252(ch, font)
        elif font in _ASCII_FONTS:
            if not (ch.isascii() and ch.isprintable()):
                raise ValueError(f"font {font!r} writes printable ASCII only, not {ch!r}")
            out += ch.encode("ascii")
        elif font == "lig":
            out += bytes([LIGATURE_CODES[ch]]) if ch in LIGATURE_CODES else _cp1252(ch, font)
        elif font == "pua":
            out += bytes([PUA_CODE]) if ch == PUA_BULLET else _cp1252(ch, font)
        elif font == "coded":
            if ch not in _CODED:
                raise ValueError(f"font 'coded' cannot write {ch!r}; it knows {''.join(CODED_CHARS)}")
            out.append(_CODED[ch])
        elif font == "symbol":
            if ch in SYMBOL_CODES:
                out.append(SYMBOL_CODES[ch])
            elif ch in _SYMBOL_ASCII:
                out += ch.encode("ascii")
            else:
                raise ValueError(f"font 'symbol' cannot write {ch!r}; it knows {''.join(SYMBOL_CODES)}, space, digits")
        else:  # dingbats
            letter = DINGBAT_LETTERS.get(ch, ch)
            if not (letter.isascii() and letter.isprintable()):
                raise ValueError(f"font 'dingbats' takes ASCII letters (e.g. 'n', 'l'), not {ch!r}")
            out += letter.encode("ascii")
    return bytes(out)


def pdf_string(data: bytes) -> bytes:
    """A PDF literal string for ``data``: ( ) and \\ escaped, every other byte as is."""
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _num(value: float) -> str:
    """A PDF number: plain decimal, never 1e-05 or nan."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _box_ops(box: Box) -> bytes:
    rect = f"{_num(box.x)} {_num(box.y)} {_num(box.w)} {_num(box.h)} re"
    if box.stroke:
        return f"q {_num(box.fill_grey)} g 0 G 0.5 w {rect} B Q".encode()
    return f"q {_num(box.fill_grey)} g {rect} f Q".encode()


def _run_ops(run: Run, fonts: dict[str, tuple[str, IndirectObject]]) -> bytes:
    data = encode(run.text, run.font)  # checks the font key first
    turn = math.radians(run.angle)
    cos, sin = math.cos(turn), math.sin(turn)
    matrix = f"{_num(cos)} {_num(sin)} {_num(-sin)} {_num(cos)}" if run.angle else "1 0 0 1"
    head = f"BT {fonts[run.font][0]} {_num(run.size)} Tf {matrix} {_num(run.x)} {_num(run.y)} Tm ".encode()
    if run.render:
        return f"q {run.render} Tr 0.4 w ".encode() + head + pdf_string(data) + b" Tj ET Q"
    return head + pdf_string(data) + b" Tj ET"


def _marker_ops(m: Marker) -> bytes:
    r = m.size / 2
    if m.kind in ("disc", "circle"):
        k = 0.5523 * r  # control-point distance for a circle from four Bézier curves
        x, y = m.x, m.y
        path = (
            f"{_num(x + r)} {_num(y)} m "
            f"{_num(x + r)} {_num(y + k)} {_num(x + k)} {_num(y + r)} {_num(x)} {_num(y + r)} c "
            f"{_num(x - k)} {_num(y + r)} {_num(x - r)} {_num(y + k)} {_num(x - r)} {_num(y)} c "
            f"{_num(x - r)} {_num(y - k)} {_num(x - k)} {_num(y - r)} {_num(x)} {_num(y - r)} c "
            f"{_num(x + k)} {_num(y - r)} {_num(x + r)} {_num(y - k)} {_num(x + r)} {_num(y)} c h"
        )
        return f"q 0 g 0 G 0.6 w {path} {'f' if m.kind == 'disc' else 'S'} Q".encode()
    if m.kind == "square":
        return f"q 0 g {_num(m.x - r)} {_num(m.y - r)} {_num(m.size)} {_num(m.size)} re f Q".encode()
    if m.kind == "dash":
        return f"q 0 g {_num(m.x - r)} {_num(m.y - 0.4)} {_num(m.size)} 0.8 re f Q".encode()
    if m.kind == "triangle":  # pointing down, as a browser draws an open <details>'s marker
        path = f"{_num(m.x - r)} {_num(m.y + r)} m {_num(m.x + r)} {_num(m.y + r)} l {_num(m.x)} {_num(m.y - r)} l h"
        return f"q 0 g {path} f Q".encode()
    raise ValueError(f"unknown marker kind {m.kind!r}")


def _tj_ops(run: TJRun, fonts: dict[str, tuple[str, IndirectObject]]) -> bytes:
    items = b" ".join(pdf_string(encode(p, run.font)) if isinstance(p, str) else _num(p).encode() for p in run.parts)
    head = f"BT {fonts[run.font][0]} {_num(run.size)} Tf 1 0 0 1 {_num(run.x)} {_num(run.y)} Tm ".encode()
    return head + b"[" + items + b"] TJ ET"


def _inline_ops(run: Inline, fonts: dict[str, tuple[str, IndirectObject]]) -> bytes:
    out = f"BT 1 0 0 1 {_num(run.x)} {_num(run.y)} Tm ".encode()
    for font, text in run.parts:
        out += f"{fonts[font][0]} {_num(run.size)} Tf ".encode() + pdf_string(encode(text, font)) + b" Tj "
    return out + b"ET"


def _soft_hyphen_ops(run: SoftHyphen, fonts: dict[str, tuple[str, IndirectObject]]) -> bytes:
    out = f"BT {fonts['body'][0]} {_num(run.size)} Tf 1 0 0 1 {_num(run.x)} {_num(run.y)} Tm ".encode()
    for n, piece in enumerate(run.pieces):
        if n:
            # The soft hyphen: a space glyph whose advance the next Td takes back.
            out += b"/Span <</ActualText <FEFF00AD>>> BDC ( ) Tj EMC 0 0 Td "
        for ch in piece:
            out += pdf_string(encode(ch, "body")) + b" Tj "
            out += f"{_num(text_width(ch, run.size))} 0 Td ".encode()
    return out + b"ET"


def _pen_text_ops(run: PenText, fonts: dict[str, tuple[str, IndirectObject]]) -> bytes:
    # The "coded" font: an embedded-style font with its own /Widths, as a browser's subset font has.
    out = f"BT {fonts['coded'][0]} {_num(run.size)} Tf 1 0 0 1 {_num(run.x)} {_num(run.y)} Tm ".encode()
    for glyphs, actual in run.pieces:
        shown = pdf_string(encode(glyphs, "coded")) + b" Tj "
        out += b"/Span <</ActualText " + pdf_string(actual.encode("latin-1")) + b">> BDC " + shown + b"EMC " if actual else shown
    return out + b"ET"


def _cairo_ops(block: CairoText, fonts: dict[str, tuple[str, IndirectObject]]) -> bytes:
    name = fonts[block.font][0]
    first_x = block.lines[0][0]
    out = f"BT {_num(block.size)} 0 0 {_num(block.size)} {_num(first_x)} {_num(block.y)} Tm {name} 1 Tf\n".encode()
    x = first_x
    for n, (line_x, parts) in enumerate(block.lines):
        if n:
            out += f"{_num((line_x - x) / block.size)} {_num(-block.leading / block.size)} Td\n".encode()
        x = line_x
        items: list[bytes] = []
        for part in parts:
            if isinstance(part, Glyphs):
                if items:
                    out += b"[" + b" ".join(items) + b"]TJ\n"
                    items = []
                out += f"{fonts[part.font][0]} 1 Tf\n".encode() + pdf_string(encode(part.text, part.font)) + f"Tj\n{name} 1 Tf\n".encode()
            elif isinstance(part, Ligature):
                if items:
                    out += b"[" + b" ".join(items) + b"]TJ\n"
                    items = []
                actual = "".join(f"{b:02x}" for b in ("\ufeff" + part.actual).encode("utf-16-be"))
                out += f"/Span << /ActualText <{actual}> >> BDC\n{fonts[part.font][0]} 1 Tf\n".encode()
                glyph = pdf_string(encode(part.glyph, part.font))
                out += (b"[" + _num(part.gap).encode() + b" " + glyph + b"]TJ" if part.gap else glyph + b"Tj")
                out += f"\nEMC\n{name} 1 Tf\n".encode()
            else:
                items.append(pdf_string(encode(part, block.font)) if isinstance(part, str) else _num(part).encode())
        if items:
            out += b"[" + b" ".join(items) + b"]TJ\n"
    return out + b"ET"


# Helvetica's advance widths (1/1000 em) for what the core metrics lack.
_EXTRA_WIDTHS = {"ﬁ": 500, "ﬂ": 500, "’": 222, "‘": 222, "“": 333, "”": 333, "–": 556, "•": 350}


def text_width(text: str, size: float, font: str = "body") -> float:
    """Where a run of Helvetica (Helvetica-Bold for "bold") ends: for placing the next run right after it."""
    from pypdf.generic._font import Font

    widths = Font.from_core_font_name("Helvetica-Bold" if font in ("bold", "weighted") else "Helvetica").character_widths
    return sum(widths.get(ch, _EXTRA_WIDTHS.get(ch, 556)) for ch in text) * size / 1000


def make_pdf(
    pages: list[list[Run | Box | Marker | TJRun | Inline | SoftHyphen | PenText | CairoText]],
    path: Path,
    *,
    page_size: tuple[float, float] = A4,
    title: str | None = None,
    encrypt_password: str | None = None,
    encrypt_algorithm: str = "RC4-128",
) -> Path:
    """Write a PDF with one page per item of ``pages`` and return ``path``.

    On each page the boxes are drawn first, then the runs in list order, each
    in its own ``BT … ET``.  Every page's /Resources holds all the fonts of FONTS as
    /F1, /F2, … (in FONTS order).  ``title`` goes into the document info.

    ``encrypt_password`` sets the user password (the owner password is
    ``"owner-" + encrypt_password``); without it, ``PdfReader`` opens the file
    with ``is_encrypted`` True, and ``reader.pages`` / ``extract_text()`` raise
    ``pypdf.errors.FileNotDecryptedError``.  The default algorithm is RC4-128
    because pypdf writes it on its own; "AES-128" and "AES-256" need the
    ``cryptography`` package (not a dependency of this project: without it
    pypdf raises ``DependencyError`` when writing).
    """
    writer = PdfWriter()
    fonts = _add_fonts(writer)
    for items in pages:
        page = writer.add_blank_page(width=page_size[0], height=page_size[1])
        ops = [_box_ops(i) for i in items if isinstance(i, Box)]
        ops += [_marker_ops(i) for i in items if isinstance(i, Marker)]
        for i in items:
            if isinstance(i, Run):
                ops.append(_run_ops(i, fonts))
            elif isinstance(i, TJRun):
                ops.append(_tj_ops(i, fonts))
            elif isinstance(i, Inline):
                ops.append(_inline_ops(i, fonts))
            elif isinstance(i, SoftHyphen):
                ops.append(_soft_hyphen_ops(i, fonts))
            elif isinstance(i, PenText):
                ops.append(_pen_text_ops(i, fonts))
            elif isinstance(i, CairoText):
                ops.append(_cairo_ops(i, fonts))
        page[NameObject("/Contents")] = writer._add_object(_stream(b"\n".join(ops)))
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject(name): ref for name, ref in fonts.values()})}
        )
    if title is not None:
        writer.add_metadata({"/Title": title})
    if encrypt_password is not None:
        writer.encrypt(user_password=encrypt_password, owner_password=f"owner-{encrypt_password}", algorithm=encrypt_algorithm)
    with Path(path).open("wb") as handle:
        writer.write(handle)
    return Path(path)


def make_image_only_pdf(path: Path, *, page_size: tuple[float, float] = A4) -> Path:
    """One A4 page with marks but no text layer, as a scanner produces.

    The page draws a 32×32 greyscale image XObject (a striped "scan") across
    most of the page and two dark bars where text lines would be.  It has no
    /Font resource and no text operators, so ``extract_text()`` returns "".
    """
    width, height = page_size
    side = 32
    pixels = bytes(0xF0 if (row // 4) % 2 else 0xC8 for row in range(side) for _ in range(side))
    image = _stream(
        pixels,
        Type=NameObject("/XObject"),
        Subtype=NameObject("/Image"),
        Width=NumberObject(side),
        Height=NumberObject(side),
        ColorSpace=NameObject("/DeviceGray"),
        BitsPerComponent=NumberObject(8),
    )
    writer = PdfWriter()
    page = writer.add_blank_page(width=width, height=height)
    ops = [
        f"q {_num(width - 100)} 0 0 {_num(height - 100)} 50 50 cm /Im1 Do Q".encode(),
        _box_ops(Box(80, height - 140, 300, 12, 0.2)),
        _box_ops(Box(80, height - 160, 280, 12, 0.2)),
    ]
    page[NameObject("/Contents")] = writer._add_object(_stream(b"\n".join(ops)))
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): writer._add_object(image)})}
    )
    with Path(path).open("wb") as handle:
        writer.write(handle)
    return Path(path)


def truncate(path: Path, out: Path, keep_fraction: float = 0.5) -> Path:
    """Write the first ``keep_fraction`` (0 < f < 1) of ``path``'s bytes to ``out``."""
    if not 0 < keep_fraction < 1:
        raise ValueError(f"keep_fraction must be between 0 and 1, not {keep_fraction!r}")
    data = Path(path).read_bytes()
    Path(out).write_bytes(data[: int(len(data) * keep_fraction)])
    return Path(out)


def wrap_lines(
    lines: list[str], x: float, y_top: float, leading: float = 13.0, font: str = "body", size: float = 10.5
) -> list[Run]:
    """One run per line, all at ``x``: the first baseline at ``y_top``, each next ``leading`` lower."""
    return [Run(text, x, y_top - n * leading, size=size, font=font) for n, text in enumerate(lines)]


def bullet_item(
    lines: list[str],
    x_bullet: float,
    x_text: float,
    y_top: float,
    bullet: str = "•",
    bullet_font: str = "body",
    leading: float = 13.0,
    *,
    font: str = "body",
    size: float = 10.5,
) -> list[Run]:
    """A bulleted item with a hanging indent.

    The bullet glyph is its own run at ``x_bullet`` on the first baseline; the
    text lines are runs at ``x_text`` (bullet first, then the lines, in
    content-stream order).  Pass ``bullet_font="symbol"`` for a Symbol "•",
    ``bullet="n", bullet_font="dingbats"`` for a square, or
    ``bullet="\\uf0b7", bullet_font="pua"`` for a Word private-use bullet.
    """
    return [Run(bullet, x_bullet, y_top, size=size, font=bullet_font), *wrap_lines(lines, x_text, y_top, leading, font, size)]
