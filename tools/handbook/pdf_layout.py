"""PDF pages to lines of text in reading order.

pypdf's plain `extract_text()` returns text in content-stream order, which for
designed documents interleaves columns, running headers, sidebars and page
numbers. Here we ask pypdf for every text run with its position, font and
size (`visitor_text`) and every filled rectangle (`visitor_operand_before`),
then rebuild the page the way a reader sees it:

1. runs on one baseline become a `Line` (a bullet drawn apart from its text
   stays a separate run, so the line still knows it starts with a bullet);
2. lines in the top and bottom bands that repeat from page to page, or are
   bare page numbers, are running headers and footers and are dropped;
3. text inside a boxed rectangle is marked as an aside (a sidebar);
4. a page with two columns is read left column first, with full-width lines
   (titles, introductions spanning both columns) kept in their place.

Nothing here knows about clauses; `structure` does that with the lines.
"""

from __future__ import annotations

import gc
import logging
import math
import re
import warnings
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import repeat
from io import BytesIO
from pathlib import Path
from typing import Any, NamedTuple

from pypdf import PdfReader, apply_configuration
from pypdf.generic import DecodedStreamObject, IndirectObject, NameObject
from pypdf.generic._font import Font
from pypdf.errors import DependencyError, EmptyFileError, FileNotDecryptedError, LimitReachedError, PdfReadError, PyPdfError

from .errors import HandbookError, display_path
from .textnorm import collapse_spaces

# Characters drawn as list bullets across common typesetting tools. Private-use
# code points are added by `is_bullet_glyph` (Word's Symbol/Wingdings bullets).
BULLET_CHARS = set("•●○◦▪▫■□◆◇►▶▸‣⁃∙·✓✔➢➤❖–—-*")
# A bullet written in a standard-14 font at a code its encoding leaves
# unassigned (WinAnsi draws every unused code as a bullet): pypdf returns the
# raw code, \x7f or \x95.
BULLET_CHARS |= {"\x7f", "\x95"}
DASH_BULLETS = set("–—-")
BOLD_HINTS = ("bold", "black", "heavy", "semibold", "demi")
SYMBOL_FONT_HINTS = ("symbol", "dingbat", "wingding", "webding")


class Run(NamedTuple):
    """One piece of text as pypdf drew it (a tuple: pages have thousands)."""

    text: str
    x: float
    y: float
    size: float
    font: str
    width: float  # estimated from the font's glyph widths
    # How pypdf joined this run to the run drawn just before it (seq - 1) on
    # the same baseline: 0 touching, 1 a word gap, -1 unknown. pypdf measures
    # with the glyphs' real advances (kerning, TJ offsets, ligature glyphs), so
    # this beats any estimate from positions.
    gap: int = -1
    seq: int = -1

    @property
    def x1(self) -> float:
        return self.x + self.width

    @property
    def bold(self) -> bool:
        return _bold_font(self.font)

    @property
    def symbolic(self) -> bool:
        return _symbol_font(self.font)


# A document uses a handful of fonts and has a hundred thousand runs: each name is judged once.
@lru_cache(maxsize=1024)
def _bold_font(name: str) -> bool:
    name = name.lower()
    return any(w in name for w in BOLD_HINTS)


@lru_cache(maxsize=1024)
def _symbol_font(name: str) -> bool:
    name = name.lower()
    return any(h in name for h in SYMBOL_FONT_HINTS)


def _measure() -> Any:
    """A value a `Line` works out from its runs when it is made: not an argument, not compared or shown."""
    return field(init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Line:
    """Runs sharing a baseline, in left-to-right order.

    Its position, size, weight, bullet and text are worked out from its runs once, when it is made
    (every line's are read, most of them many times), and kept in slots of its own: plain attributes,
    no instance dictionary (lines are made by the ten thousand). A copy with other runs (`replace`)
    works them out afresh.
    """

    runs: tuple[Run, ...]
    page: int
    aside: bool = False
    x: float = _measure()
    x1: float = _measure()
    y: float = _measure()
    # The size of the line's wording, not of its bullet glyph (smaller, or set large as a design feature).
    size: float = _measure()
    bold: bool = _measure()
    text: str = _measure()
    bullet: str | None = _measure()  # the bullet glyph starting this line, if it starts with one
    body_text: str = _measure()  # the line's wording without its bullet
    _bullet_is_separate_run: bool = _measure()

    def __post_init__(self) -> None:
        runs = self.runs
        first = runs[0]
        glyph = first.text.strip()
        separate = len(runs) > 1 and len(glyph) == 1 and (is_bullet_glyph(glyph) or first.symbolic)
        body = runs[1:] if separate else runs
        text = join_runs(runs)
        bullet = _line_bullet(runs, text, separate)
        if separate:
            body_text = join_runs(runs[1:])
        elif bullet:
            body_text = _INLINE_BULLET.sub("", text, count=1)
        else:
            body_text = text
        put = object.__setattr__  # the class is frozen: its own values are set past that
        put(self, "x", first.x)
        put(self, "x1", first.x1 if len(runs) == 1 else max(r.x1 for r in runs))  # most lines are one run
        put(self, "y", first.y)
        put(self, "size", max(r.size for r in (body or runs)))
        put(self, "bold", bool(body) and all(r.bold for r in body))
        put(self, "text", text)
        put(self, "bullet", bullet)
        put(self, "body_text", body_text)
        put(self, "_bullet_is_separate_run", separate)

    @property
    def body_runs(self) -> tuple[Run, ...]:
        return self.runs[1:] if self._bullet_is_separate_run else self.runs

    @property
    def text_x(self) -> float:
        """Where the wording starts, after any bullet: wrapped lines align here."""
        if self._bullet_is_separate_run:
            return self.runs[1].x
        if self.bullet:
            # Bullet and text share a run: estimate the wording's start.
            first = self.runs[0]
            lead = len(first.text) - len(first.text.lstrip()[1:].lstrip())
            return first.x + first.width * lead / max(len(first.text), 1)
        return self.x


def _line_bullet(runs: tuple[Run, ...], text: str, separate: bool) -> str | None:
    """The bullet glyph starting a line (its runs, its text), if it starts with one."""
    first = runs[0]
    if separate:
        return first.text.strip()
    match = _INLINE_BULLET.match(text)
    if match and match.group(1) not in DASH_BULLETS | {"*"}:
        return match.group(1)
    if match and len(runs) > 1 and runs[1].x - first.x > first.size:
        return match.group(1)  # a dash set apart from its text, e.g. "–    text"
    return None


_SHOWN_SOFT_HYPHEN = re.compile("\u00ad(?=\\S)")
_INLINE_BULLET = re.compile(r"^\s*([•●○◦▪▫■□◆◇►▶▸‣⁃∙·✓✔➢➤❖–—*\-\x7f\x95\ue000-\uf8ff])\s+")


def is_bullet_glyph(char: str) -> bool:
    return char in BULLET_CHARS or "\ue000" <= char <= "\uf8ff"


def join_runs(runs: tuple[Run, ...] | list[Run]) -> str:
    """Join runs on a line, adding a space only where the PDF left a gap.

    Runs drawn one after the other are joined as pypdf measured them; runs
    drawn apart (a bullet, a kerned glyph in another font drawn later) by
    their positions.
    """
    if len(runs) == 1:
        text = runs[0].text
        collapsed = collapse_spaces(text)
        return text if collapsed == text else collapsed  # the run's own string: one copy held, not two
    parts: list[str] = []
    prev: Run | None = None
    for run in runs:
        if prev is None or run.text.startswith("\u00ad"):
            pass  # a soft hyphen ends the word before it, however far justification drew it
        elif run.gap >= 0 and run.seq == prev.seq + 1:
            if run.gap:
                parts.append(" ")
        elif run.x - prev.x1 > 0.18 * min(run.size, prev.size):
            parts.append(" ")
        parts.append(run.text)
        prev = run
    return collapse_spaces("".join(parts))


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Opening PDFs: every failure becomes one line that says what to do.


def open_pdf(path: Path) -> PdfReader:
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise HandbookError(shown, "file not found", "check the file name in source_pdfs/manifest.yml") from None
    except OSError as exc:
        raise HandbookError(shown, f"cannot be read ({exc.strerror})", "check the file's permissions") from None
    if not data:
        raise HandbookError(shown, "the file is empty", "copy the PDF again from its source")
    if not data[:1024].lstrip()[:5].startswith(b"%PDF-"):
        raise HandbookError(shown, "not a PDF file (it does not start with %PDF-)", "export or download the document as PDF")
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except (NotImplementedError, PyPdfError, DependencyError):
                ok = 0
            if not ok:
                raise HandbookError(
                    shown,
                    "the PDF is encrypted and needs a password",
                    "save an unprotected copy (print to PDF, or remove the password in a PDF editor)",
                )
        declared = reader.trailer.get("/Root", {}).get("/Pages", {}).get("/Count")
        if isinstance(declared, int) and declared > MAX_PAGES:  # refused before pypdf walks the tree
            raise too_many_pages(path, declared)
        pages = len(reader.pages)
    except HandbookError:
        raise
    except FileNotDecryptedError:
        raise HandbookError(shown, "the PDF is encrypted and needs a password", "save an unprotected copy") from None
    except EmptyFileError:
        raise HandbookError(shown, "the file is empty", "copy the PDF again from its source") from None
    except LimitReachedError as exc:
        if "page tree entry" in str(exc).lower():  # pypdf stopped walking a page tree of more than page_tree_nodes()
            raise too_many_pages(path, MAX_PAGES + 1, at_least=True) from None
        raise damaged(path, exc) from None
    except Exception as exc:  # noqa: BLE001 - any failure inside pypdf is a damaged file
        raise damaged(path, exc) from None
    if pages == 0:
        raise HandbookError(shown, "the PDF has no pages", "download or export the PDF again")
    if pages > MAX_PAGES:
        raise too_many_pages(path, pages)
    return reader


def page_tree_nodes() -> int:
    """The nodes pypdf may visit in a page tree: the pages and the /Pages nodes above them. Any tree of
    MAX_PAGES pages whose /Pages nodes hold two or more kids each has fewer. (pypdf's other page-tree limit,
    page_tree_maximum_page_entries, counts the keys copied into every page dictionary, not pages.)"""
    return 2 * MAX_PAGES + 1


def too_many_pages(path: Path, pages: int, *, at_least: bool = False) -> HandbookError:
    return HandbookError(
        display_path(path), f"the PDF has {'more than ' if at_least else ''}{pages - at_least:,} pages, more than the {MAX_PAGES:,} a code or policy may have",
        "check that this is the document's own PDF, not a compilation or a damaged file",
    )


# Limits on what one PDF may make the extractor do, past pypdf's own (75 MB a stream inflates to,
# 2,000,000 tokens a content stream, 5,000 form invocations a page): without them a small file of
# many pages, each drawing a stream of a million operators, keeps the build busy for hours.
MAX_PAGES = 5_000
MAX_CONTENT_BYTES = 20_000_000  # decoded page content over the whole document; a text page takes a few KB
MAX_PAGE_CONTENT_BYTES = 2_000_000  # of one page


_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")


def content_bytes(reader: PdfReader, index: int) -> int:
    """The length of a page's decoded content streams (pypdf keeps the decoded data for the read that follows),
    with each form XObject's content counted each time the page draws it (a 4 KB file can draw a form
    of a million operators thousands of times). Counting stops once past MAX_PAGE_CONTENT_BYTES."""
    page = reader.pages[index]
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    data = b"\n".join(stream.get_object().get_data() for stream in streams)
    return _drawn_bytes(data, page.get("/Resources"), {}, 0)


def _drawn_bytes(data: bytes, resources: Any, forms: dict[int, int], depth: int) -> int:
    total = len(data)
    names = _DO.findall(data) if b"Do" in data else []
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if not names or xobjects is None or depth > 30:
        return total
    xobjects = xobjects.get_object()
    for name in names:
        ref = xobjects.get("/" + name.decode("latin-1"))
        form = ref.get_object() if ref is not None else None
        if form is None or form.get("/Subtype") != "/Form":
            continue
        if id(form) not in forms:
            forms[id(form)] = 0  # a form that draws itself counts once
            forms[id(form)] = _drawn_bytes(form.get_data(), form.get("/Resources", resources), forms, depth + 1)
        total += forms[id(form)]
        if total > MAX_PAGE_CONTENT_BYTES:
            break
    return total


def too_much_content(path: Path, page: int, *, one_page: bool = False) -> HandbookError:
    what = f"its drawing instructions take more than {MAX_PAGE_CONTENT_BYTES // 1_000_000} MB" if one_page else (
        f"the pages' drawing instructions add up to more than {MAX_CONTENT_BYTES // 1_000_000} MB"
    )
    return HandbookError(
        display_path(path),
        f"page {page}: {what}, far more than a text document has",
        "export the document again as an ordinary text PDF (not a drawing or a page image turned into shapes)",
    )


def damaged(path: Path, exc: BaseException, page: int | None = None) -> HandbookError:
    """The one error every failure inside pypdf becomes: bad MediaBox, unknown filter, broken xref, …"""
    where = f"page {page}: " if page else ""
    if isinstance(exc, LimitReachedError):  # one of pypdf's limits: a decompression bomb, a stream of millions of operators
        return HandbookError(
            display_path(path), f"{where}part of the PDF is too large to read safely ({_short(exc)})",
            "export the document again as an ordinary text PDF; if it is one, report it with the file",
        )
    return HandbookError(
        display_path(path), f"the PDF is damaged or truncated ({where}{_short(exc)})", "download or export the PDF again"
    )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


# ---------------------------------------------------------------------------
# Reading runs and rectangles from one page.


class FontTable:
    """Name and glyph widths of each font, worked out once per document.

    pypdf hands the visitor the font's dictionary with every run; pages share
    font resources, so the widths are keyed on what defines them.
    """

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, ...], tuple[str, dict[str, float], float]] = {}
        self._by_object: dict[int, tuple[Any, tuple[str, dict[str, float], float]]] = {}
        self._maps: dict[int, tuple[Any, dict[Any, Any]]] = {}
        self._codes: dict[int, tuple[Any, dict[int, float], float, bool]] = {}
        # Every font seen (by id, held so the id stays its own), each face's fonts, and the fonts found
        # to be a face emboldened by the program that made the PDF (`note_faces`).
        self._seen: dict[int, Any] = {}
        self._faces: dict[str, tuple[list[Any], list[Any]]] = {}  # face -> its ordinary fonts, its Type 3 ones
        self._emboldened: dict[int, Any] = {}
        self._boxes: dict[tuple[int, str], Any] = {}  # (font id, glyph name) -> its d1 box, for comparing faces
        self._spaces: dict[int, tuple[Any, float]] = {}
        # Fonts (by name) that draw their U+00AD glyph inside lines, words going on after it: their hyphen.
        self.shown_hyphens: set[str] = set()

    def code_widths(self, font_dict: Any, raw: bytes) -> float:
        """The widths (1/1000 em) of the character codes in `raw` added up: 2-byte CIDs for a Type0 font, else bytes."""
        key = id(font_dict)
        held = self._codes.get(key)
        if held is None or held[0] is not font_dict:
            held = self._codes[key] = (font_dict, *_code_table(font_dict))
        _, table, default, two_bytes = held
        if two_bytes:
            return sum(table.get(int.from_bytes(raw[i : i + 2], "big"), default) for i in range(0, len(raw) - 1, 2))
        return sum(table.get(c, default) for c in raw)

    def character_map(self, font_dict: Any) -> dict[Any, Any]:
        """Character code (as a one-character string) to text, for the few lookups the span watcher makes."""
        key = id(font_dict)
        held = self._maps.get(key)
        if held is None or held[0] is not font_dict:
            from pypdf.generic._font import Font

            try:
                mapping = Font.from_font_resource(font_dict).character_map
            except Exception:  # noqa: BLE001 - undecodable font: no map
                mapping = {}
            held = self._maps[key] = (font_dict, mapping)
        return held[1]

    def space_width(self, font_dict: Any) -> float:
        """A space's width (1/1000 em) as pypdf takes it: it reads a pen move of half of it as a word gap."""
        key = id(font_dict)
        held = self._spaces.get(key)
        if held is None or held[0] is not font_dict:
            try:
                width = float(Font.from_font_resource(font_dict).space_width)
            except Exception:  # noqa: BLE001 - undecodable font: an average space
                width = 250.0
            held = self._spaces[key] = (font_dict, width)
        return held[1]

    def measures(self, font_dict: Any) -> bool:
        """Whether the font gives its character codes widths (/Widths, /W): a standard font written
        without them has none here."""
        self.code_widths(font_dict, b"")
        return bool(self._codes[id(font_dict)][1])

    def is_space(self, font_dict: Any, raw: bytes, first: bool) -> bool:
        """Whether the first (else the last) character code of `raw` draws a space."""
        size = 2 if font_dict.get("/Subtype") == "/Type0" else 1
        piece = raw[:size] if first else raw[-size:]
        code = chr(int.from_bytes(piece, "big"))
        return self.character_map(font_dict).get(code, code) == " "

    def get(self, font_dict: Any) -> tuple[str, dict[str, float], float]:
        """(name, widths per character in 1/1000 em, default width)."""
        held = self._by_object.get(id(font_dict))
        if held is not None and held[0] is font_dict:
            return held[1]
        if not font_dict:
            return ("", {}, 500.0)
        emboldened = id(font_dict) in self._emboldened
        key = (*(str(font_dict.get(k)) for k in ("/BaseFont", "/Subtype", "/Encoding", "/FirstChar", "/Widths")), str(emboldened))
        font = self._by_key.get(key)
        if font is None:
            standard = _standard_font_key(font_dict)
            widths = _standard_font_widths(*standard) if standard else _font_widths(font_dict)
            font = self._by_key[key] = (_font_name(font_dict) + (",Bold" if emboldened else ""), *widths)
        # Holding the dictionary keeps its id from being reused by another object.
        self._by_object[id(font_dict)] = (font_dict, font)
        return font

    def note_faces(self, font_resources: Any) -> None:
        """Find the fonts of a page that are a face made bold by the program that wrote the PDF.

        A browser asked for bold in a face that has no bold (EB Garamond, DejaVu Sans Light) draws
        the regular face's outlines thickened, and embeds them as a Type 3 font of their own
        under the face's own name, with its weight unchanged: nothing in its name or descriptor
        says bold. It shows beside the face as drawn plainly: a Type 3 font whose every glyph's
        box reaches further on all four sides than the same glyph's in a Type 3 font of the same
        name, or any Type 3 font of a face the document also embeds as an ordinary font (a face
        embedded as it is needs no outlines of its own). Called before a page's text is read, so
        its runs carry the face's weight.
        """
        try:
            fonts = [ref.get_object() for ref in font_resources.values()]
        except Exception:  # noqa: BLE001 - unreadable resources: nothing to compare
            return
        for font in fonts:
            if id(font) in self._seen or not hasattr(font, "get"):
                continue
            self._seen[id(font)] = font
            try:
                face = _font_name(font)
            except Exception:  # noqa: BLE001 - an odd font: not compared
                continue
            if face.endswith(",Bold") or not face:
                continue
            plain, outlined = self._faces.setdefault(face, ([], []))
            if font.get("/Subtype") != "/Type3":
                thick = list(outlined)  # the face is also embedded as it is: its outlined fonts are thickened
                plain.append(font)
            else:
                boxes = self._boxes
                thick = [font] if plain or any(_reaches_further(font, o, boxes) for o in outlined) else []
                thick += [o for o in outlined if _reaches_further(o, font, boxes)]
                outlined.append(font)
            for bold in thick:
                if id(bold) not in self._emboldened:
                    self._emboldened[id(bold)] = bold
                    self._by_object.pop(id(bold), None)


def _reaches_further(a: Any, b: Any, boxes: dict[tuple[int, str], Any]) -> bool:
    """Whether Type 3 font `a` draws the glyphs of `b` thickened: each glyph both draw has the same
    advance and a box (its `d1`) reaching at least 0.3% of an em further out on all four sides."""
    try:
        if list(a.get("/FontMatrix", [])) != list(b.get("/FontMatrix", [])):
            return False
        scale = abs(float(a["/FontMatrix"][0])) or 0.001
        procs_a, procs_b = a["/CharProcs"].get_object(), b["/CharProcs"].get_object()
        common = [name for name in procs_a if name in procs_b][:24]
        margin = 0.003 / scale
        compared = 0
        for name in common:
            box_a, box_b = _glyph_box(a, procs_a, name, boxes), _glyph_box(b, procs_b, name, boxes)
            if box_a is None or box_b is None:
                continue
            if box_a[0] != box_b[0]:
                return False  # another advance: another glyph
            (_, ax0, ay0, ax1, ay1), (_, bx0, by0, bx1, by1) = box_a, box_b
            if min(bx0 - ax0, by0 - ay0, ax1 - bx1, ay1 - by1) < margin:
                return False
            compared += 1
        return compared > 0
    except Exception:  # noqa: BLE001 - an odd font: not thickened
        return False


_D1 = re.compile(rb"^\s*(-?[0-9.]+)\s+-?[0-9.]+\s+(-?[0-9.]+)\s+(-?[0-9.]+)\s+(-?[0-9.]+)\s+(-?[0-9.]+)\s+d1")


def _glyph_box(font: Any, procs: Any, name: str, boxes: dict[tuple[int, str], Any]) -> tuple[float, float, float, float, float] | None:
    """A Type 3 glyph's advance and box (x0, y0, x1, y1, lowest first) from its `d1`; None for an
    empty or coloured glyph. Kept in `boxes`: a font is compared with each other font of its face."""
    key = (id(font), name)
    if key in boxes:
        return boxes[key]
    match = _D1.match(procs[name].get_object().get_data()[:120])
    box = None
    if match is not None:
        wx, x0, y0, x1, y1 = (float(v) for v in match.groups())
        if x0 != x1 and y0 != y1:
            box = wx, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
    boxes[key] = box
    return box


def _standard_font_key(font_dict: Any) -> tuple[str, str] | None:
    """(name, encoding) of one of the PDF's standard 14 fonts used as is, else None.

    Such a font carries no metrics of its own: its widths are fixed by its name
    and encoding, so they are the same in every document.
    """
    encoding = font_dict.get("/Encoding", "")
    if (
        font_dict.get("/Subtype") != "/Type1"
        or any(k in font_dict for k in ("/Widths", "/FontDescriptor", "/ToUnicode", "/DescendantFonts"))
        or not isinstance(encoding, str)
    ):
        return None
    return str(font_dict.get("/BaseFont", "")), str(encoding)


@lru_cache(maxsize=64)
def _standard_font_widths(name: str, encoding: str) -> tuple[dict[str, float], float]:
    from pypdf.generic import DictionaryObject, NameObject

    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject(name)})
    if encoding:
        font[NameObject("/Encoding")] = NameObject(encoding)
    return _font_widths(font)


def _font_widths(font_dict: Any) -> tuple[dict[str, float], float]:
    try:
        from pypdf.generic._font import Font

        font = Font.from_font_resource(font_dict)
        widths = font.character_widths
        default = float(widths.get("default", 500))
        if font.character_map and ("/Widths" in font_dict or "/DescendantFonts" in font_dict):
            # Widths are keyed by character code; text comes back as the
            # Unicode the font's ToUnicode map gives, so key them by that.
            by_text: dict[str, float] = {}
            for code, width in widths.items():
                text = font.character_map.get(code)
                if isinstance(text, str) and text and code != "default":
                    for char in text:
                        by_text.setdefault(char, width / len(text))
            widths = {**widths, **by_text}
        scale = _glyph_space(font_dict)
        if scale != 1.0:
            widths = {k: v * scale for k, v in widths.items() if isinstance(v, (int, float))}
            default *= scale
        return widths, default
    except Exception:  # noqa: BLE001 - widths are an estimate; fall back to an average
        return {}, 500.0


def _glyph_space(font_dict: Any) -> float:
    """Thousandths of an em per unit of a font's widths: 1, but for a Type 3 font whose /FontMatrix
    sets another glyph space (Chromium's are in 1/2048 em for a TrueType face)."""
    if font_dict.get("/Subtype") != "/Type3":
        return 1.0
    try:
        return abs(float(font_dict["/FontMatrix"][0])) * 1000 or 1.0
    except (KeyError, IndexError, TypeError, ValueError):
        return 1.0


def text_width(widths: dict[str, float], default: float, text: str, size: float) -> float:
    return sum(map(widths.get, text, repeat(default))) * size / 1000.0


class Shape(NamedTuple):
    """A painted path's bounding box in page space."""

    x0: float
    y0: float
    x1: float
    y1: float
    filled: bool
    curved: bool  # drawn with Bézier curves (a circle), not only straight edges
    rect: bool  # one rectangle (`re`), nothing else


# Path construction: how many coordinates each operator takes (pairs are points).
_PATH_POINTS = {b"m": 2, b"l": 2, b"c": 6, b"v": 4, b"y": 4}
_FILL_OPS = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}
_STROKE_OPS = {b"S", b"s"}


def read_page(
    reader: PdfReader, index: int, path: Path, fonts: FontTable | None = None
) -> tuple[PageLayout, list[Shape]]:
    try:
        try:
            layout, shapes = _read_page(reader, index, fonts or FontTable())
        finally:
            _forget_contents(reader, index)
    except HandbookError:
        raise
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - any failure inside pypdf is a damaged file
        raise damaged(path, exc, index + 1) from None
    over = drawn_over(layout.lines)
    if over is not None:
        raise HandbookError(
            display_path(path),
            f"page {index + 1}: text is drawn over other text (“{_clip(over[0].text)}” and “{_clip(over[1].text)}”)",
            "a table or box may overflow its column: make it fit and export the PDF again, or report the layout with the file",
        )
    return layout, shapes


def drawn_over(lines: list[Line]) -> tuple[Run, Run] | None:
    """Two pieces of text on one baseline drawn over each other (by more than 2pt and a third of the
    type size), not one right after the other: text of two things laid on top of each other, such as
    a table's cell reaching over the next column's text, which no reading order can untangle. They
    are two runs of one line, or two lines (lines sorted top to bottom)."""
    for n, line in enumerate(lines):
        runs = line.runs
        for a, b in zip(runs, runs[1:]):
            if a.x1 - b.x > 2.0 and _laid_over(a, b):
                return a, b
        for m in range(n + 1, len(lines)):
            other = lines[m]
            if line.y - other.y > 0.35 * max(line.size, other.size):
                break
            if other.x < line.x1 and line.x < other.x1:
                a = max(line.runs, key=lambda r: min(r.x1, other.x1) - max(r.x, other.x))
                b = max(other.runs, key=lambda r: min(r.x1, a.x1) - max(r.x, a.x))
                if _laid_over(*sorted((a, b), key=lambda r: r.x)):
                    return a, b
    return None


def _laid_over(a: Run, b: Run) -> bool:
    """`b` (starting right of `a`'s start) is drawn over `a`, not on from it or as its second coat."""
    if a.seq < 0 or b.seq < 0 or abs(a.seq - b.seq) == 1 or a.text == b.text:
        return False
    return min(a.x1, b.x1) - max(a.x, b.x) > max(2.0, 0.3 * min(a.size, b.size))


def _clip(text: str, limit: int = 40) -> str:
    """Text for a one-line message: no soft hyphens, no control characters (a damaged file's text
    may hold line breaks of any kind), at most `limit` characters."""
    text = "".join(ch for ch in text if ch.isprintable() and ch != "\u00ad")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _forget_contents(reader: PdfReader, index: int) -> None:
    """Let pypdf drop a read page's content streams (raw and decoded): a long document need not hold them all.

    Only the page's own /Contents objects are dropped from pypdf's cache of
    resolved objects; pypdf reads them again from the file if ever asked.
    """
    try:
        page = reader.pages[index]
        original = page.pop("/_handbook_contents", None)
        if original is not None:
            page[NameObject("/Contents")] = original  # undo the in-memory ActualText rewrite
        contents = dict.get(page, "/Contents")
        refs = [contents]
        if isinstance(contents, IndirectObject):
            resolved = reader.resolved_objects.get((contents.generation, contents.idnum))
            if isinstance(resolved, list):
                refs += list(resolved)
        elif isinstance(contents, list):
            refs = list(contents)
        for ref in refs:
            if isinstance(ref, IndirectObject):
                reader.resolved_objects.pop((ref.generation, ref.idnum), None)
    except Exception:  # noqa: BLE001 - only a cache: keeping it is always safe
        return


def _read_page(reader: PdfReader, index: int, fonts: FontTable) -> tuple[PageLayout, list[Shape]]:
    page = reader.pages[index]
    box = page.cropbox
    width, height = float(box.width), float(box.height)
    if not (math.isfinite(width) and math.isfinite(height)) or width <= 0 or height <= 0:
        raise PdfReadError(f"page size {width} x {height}")
    # The page as shown: turned by its /Rotate when its text is drawn turned to suit (decided at its
    # first text: text level in the page's own space is read as it stands, the page only turned in view).
    view: list[Any] = [_display_matrix(page, box), _display_matrix(page, box, turned=False)]
    pending = view[0] is not None and view[0] != view[1]
    if view[0] is not None and view[0][1]:  # a quarter turn: the page is shown the other way round
        width, height = height, width
    layout = PageLayout(number=index + 1, width=abs(width), height=abs(height))

    def decide(cm: list[float], tm: list[float]) -> None:
        nonlocal pending
        pending = False
        ta, tb = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
        if ta > 0 and abs(tb) <= 0.02 * ta:
            if view[0][1]:
                layout.width, layout.height = layout.height, layout.width
            view[0] = view[1]
    runs: list[Run] = []
    shapes: list[Shape] = []
    # What pypdf reported just before the next run: was there a line break,
    # or a word gap it emitted as a lone space? Closure variables, not a dict:
    # this runs for every piece of text on every page.
    broken, space_before, last_origin, pen_end = True, False, None, 0.0
    after_span: tuple[float, float, bool] | None = None
    last_font: list[Any] = [None, ("", {}, 500.0)]  # the font dictionary seen last, and its table entry
    rounded: dict[float, float] = {}

    def round2(value: float) -> float:
        """round(value, 2), remembered: a page repeats a few sizes, margins and baselines, and round() to
        a number of digits takes several times as long as a dictionary look-up. A zero is rounded each
        time (0.0 and -0.0 are one key)."""
        held = rounded.get(value)
        if held is None or not value:
            held = rounded[value] = round(value, 2)
        return held

    def on_text(text: str, cm: list[float], tm: list[float], font_dict: Any, font_size: float) -> None:
        nonlocal broken, space_before, last_origin, pen_end, after_span
        if not text:
            return
        if text.isspace():
            if "\n" in text:
                broken = True
            else:
                space_before = True
            return
        if font_dict is last_font[0] and font_dict is not None:
            name, widths, default = last_font[1]
        else:
            entry = fonts.get(font_dict)
            last_font[0], last_font[1] = font_dict, entry
            name, widths, default = entry
        if rendering[-1] in _FILL_AND_STROKE and not any(w in name.lower() for w in BOLD_HINTS):
            name += ",Bold"  # filled and outlined too: a regular face made bold (LibreOffice, Word)
        # The run's origin (tm's translation) in page space, and the font size
        # scaled by both matrices' vertical scale.
        if pending:
            decide(cm, tm)
        if view[0] is not None:
            cm = _times(cm, view[0])
        a, b, c, d, e, f = cm
        # Text set at a slant (neither level nor upright: a "DRAFT" watermark across the page) is no part
        # of the wording; text turned a quarter or a half turn (a rotated page) is read as it stands.
        ta, tb = tm[0] * a + tm[1] * c, tm[0] * b + tm[1] * d
        if abs(ta) > 0.02 * abs(tb) and abs(tb) > 0.02 * abs(ta):
            return
        x = a * tm[4] + c * tm[5] + e
        y = b * tm[4] + d * tm[5] + f
        size = round2(float(font_size) * (math.hypot(tm[2] * a + tm[3] * c, tm[2] * b + tm[3] * d) or 1.0))
        space = (widths.get(" ", default) if widths else 500.0) * size / 1000.0
        # pypdf reports a run's start, not where the pen is: text shown after
        # a font change with no new position (an inline bold word) comes with
        # the same origin as the run before it; it starts where that run ended.
        # The very same text again is that text drawn twice at one place (a shadow).
        origin = (x, y)
        if origin == last_origin and runs and not broken and runs[-1].text != text.strip():
            x = pen_end
        last_origin = origin
        for n, part in enumerate(text.split("\n")) if "\n" in text else ((0, text),):
            body = part.strip()
            if not body:
                if n:
                    broken = True
                continue
            # pypdf pads a run with spaces where it saw a gap; keep the
            # position of the first visible character.
            lead = len(part) - len(part.lstrip())
            width = text_width(widths, default, body, size) if widths else 0.5 * size * len(body)
            if "\u00ad" in body[:-1] and widths.get("\u00ad", default) > 0:
                # A soft hyphen drawn with a width of its own, words going on after it on the line: the
                # font's hyphen shown in the wording ("well-being"), which the font maps to U+00AD because
                # the PDF it was printed from marked its hyphenation hyphens so (pdftocairo of Typst).
                body = _SHOWN_SOFT_HYPHEN.sub("-", body)
                fonts.shown_hyphens.add(name)
            ry = round2(y - n * size * 1.2)
            gap = -1
            if n == 0 and after_span is not None and abs(after_span[1] - ry) <= 0.35 * size:
                # Text right after an ActualText span: pypdf measured its gap
                # without the span's glyphs; the pen position is known exactly.
                x, lead = after_span[0] + (space if after_span[2] else 0.0), 0
                gap = 1 if after_span[2] else 0
                broken = False
            elif n == 0 and runs and not broken:
                last = runs[-1]
                if abs(last.y - ry) <= 0.35 * max(size, last.size):
                    gap = 1 if (lead or space_before) else 0
            runs.append(Run(body, round2(x + space * lead), ry, size, name, width, gap, len(runs)))
            ends_in_space = part.endswith(" ")
            pen_end = x + space * lead + width + (space if ends_in_space else 0.0)
            broken = False
            after_span = None
            space_before = ends_in_space
        if text.endswith("\n"):
            broken = True

    path_box: list[float] = []  # x0, y0, x1, y1 of the path being built
    rendering = [0]  # the text rendering mode (Tr), saved and restored with the graphics state (q, Q)
    # Marked content: for each open BDC/BMC, its /ActualText (None when it has
    # none, or once it has been written out as a run).
    spans: list[str | None] = []
    pen: dict[str, Any] = {"size": 0.0, "font": None, "pending": -1, "at": None, "end": 0.0}  # Tf; a written-out run whose width is not yet known
    try:
        font_resources = page["/Resources"]["/Font"].get_object()
    except Exception:  # noqa: BLE001 - no fonts: nothing to decode
        font_resources = {}
    fonts.note_faces(font_resources)

    def _on_marked_content(op: bytes, args: list[Any], cm: list[float], tm: list[float]) -> None:
        nonlocal broken, after_span, space_before
        if op == b"Tf":
            try:
                pen["size"] = float(args[1])
                pen["font"] = args[0]
            except (IndexError, TypeError, ValueError):
                pass
            return
        if op == b"BDC":
            props = args[1] if len(args) == 2 else None
            actual = props.get("/ActualText") if isinstance(props, dict) else None
            spans.append(_text_string(actual) if actual is not None else None)
            return
        if op == b"BMC":
            spans.append(None)
            return
        if op == b"EMC":
            if spans:
                spans.pop()
            return
        # A text-showing operator. pypdf reads nothing from inside an ActualText
        # span (its glyphs were blanked); the span's text becomes a run here, at the pen.
        if pending:
            decide(cm, tm)
        if view[0] is not None:
            cm = _times(cm, view[0])
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        # pypdf does not move the text matrix by the glyphs shown: text drawn on from the pen, with no new
        # position in between, starts where the text before it ended (by its glyphs' widths).
        at = (x, y)
        if pen["at"] == at:
            x = pen["end"]
        font_dict = font_resources.get(pen["font"]) if pen["font"] is not None else None
        scale = math.hypot(tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]) or 1.0
        advance = _operand_advance(args, font_dict.get_object(), fonts) if font_dict is not None else 0.0
        pen["at"], pen["end"] = at, x + advance * pen["size"] * scale / 1000.0
        if pen["pending"] >= 0:
            # The first glyph after a written-out span: that span ended here.
            held = runs[pen["pending"]]
            if abs(held.y - y) <= 0.35 * held.size and x > held.x:
                runs[pen["pending"]] = held._replace(width=round(x - held.x, 2))
                after_span = (x, y, _shows_space_first(args, font_resources.get(pen["font"]), fonts))
            pen["pending"] = -1
        actual = next((t for t in reversed(spans) if t is not None), None)
        if actual is None or _only_moves(args):
            # No span; or the move before a span's text (`_blank_span`): a gap pypdf reads as a word space.
            if actual is not None and font_dict is not None and advance >= 0.5 * fonts.space_width(font_dict.get_object()):
                space_before = True
            return
        for n in range(len(spans) - 1, -1, -1):
            if spans[n] is not None:
                spans[n] = None  # written once, however many glyphs the span draws
                break
        size = round(pen["size"] * (math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]) or 1.0), 2)
        if not actual.strip() or not size:
            return
        if not actual.strip("\u00ad"):
            # A soft hyphen: it ends the text before it (at a line end it says the word goes on).
            if runs and abs(runs[-1].y - y) <= 0.35 * size and not runs[-1].text.endswith("\u00ad"):
                runs[-1] = runs[-1]._replace(text=runs[-1].text + "\u00ad")
            return
        font = runs[-1].font if runs else ""
        # Glued to the text just before it on the line, unless that text ended in a space.
        gap = -1
        if runs and not broken and abs(runs[-1].y - y) <= 0.35 * size:
            gap = 1 if space_before else 0
            if not gap and x > runs[-1].x:
                # The text before it ends where the span starts: its width from its glyphs alone misses
                # the room justification added between its words.
                runs[-1] = runs[-1]._replace(width=round(x - runs[-1].x, 2))
        runs.append(Run(actual, round(x, 2), round(y, 2), size, font, 0.0, gap, len(runs)))
        pen["pending"] = len(runs) - 1
        broken = True  # pypdf measured the next run's gap without the span: judge it by position
    path_kind = {"curved": False, "rect": 0, "other": 0}

    def extend(cm: list[float], px: float, py: float) -> None:  # in the page's own space until its end
        x = cm[0] * px + cm[2] * py + cm[4]
        y = cm[1] * px + cm[3] * py + cm[5]
        if path_box:
            path_box[0] = min(path_box[0], x)
            path_box[1] = min(path_box[1], y)
            path_box[2] = max(path_box[2], x)
            path_box[3] = max(path_box[3], y)
        else:
            path_box.extend((x, y, x, y))

    def on_operator(op: bytes, args: list[Any], cm: list[float], tm: list[float]) -> None:
        count = _PATH_POINTS.get(op)
        if count is not None:
            if len(args) != count:
                return
            try:
                values = [float(v) for v in args]
            except (TypeError, ValueError):
                return
            for i in range(0, count, 2):
                extend(cm, values[i], values[i + 1])
            if count > 2:
                path_kind["curved"] = True
            elif op == b"l":
                path_kind["other"] += 1
            return
        if op == b"re":
            if len(args) != 4:
                return
            try:
                x, y, w, h = (float(v) for v in args)
            except (TypeError, ValueError):
                return
            extend(cm, x, y)
            extend(cm, x + w, y + h)
            extend(cm, x, y + h)
            extend(cm, x + w, y)
            path_kind["rect"] += 1
            return
        if op in _MARKED_OPS:
            _on_marked_content(op, args, cm, tm)
            return
        if op in _RENDER_STATE_OPS:
            if op == b"q":
                rendering.append(rendering[-1])
            elif op == b"Q":
                if len(rendering) > 1:
                    rendering.pop()
            elif args and isinstance(args[0], (int, float)):
                rendering[-1] = int(args[0])  # Tr: the text rendering mode, kept with the graphics state
            return
        filled = op in _FILL_OPS
        if filled or op in _STROKE_OPS or op == b"n":
            if path_box and op != b"n":
                rect = path_kind["rect"] == 1 and not path_kind["other"] and not path_kind["curved"]
                shapes.append(Shape(*path_box, filled, path_kind["curved"], rect))
            path_box.clear()
            path_kind.update(curved=False, rect=0, other=0)

    watch = _prepare_page(page, fonts)
    page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator if watch else None)
    if view[0] is not None and shapes:
        shapes = [_shown(shape, view[0]) for shape in shapes]
    layout.lines = group_lines(runs, layout.number, layout.width)
    if any(run.text == "\u00ad" for run in runs):
        layout.lines = [_with_shown_hyphens(line, fonts.shown_hyphens) for line in layout.lines]
    if shapes:
        layout.lines = attach_drawn_bullets(layout.lines, shapes)
    return layout, shapes


def _with_shown_hyphens(line: Line, shown: set[str]) -> Line:
    """The line with each soft hyphen drawn as a glyph of its own, with a width, that the line's words go
    on right after, made a hyphen: a hyphen of the wording ("out-of-hours"), drawn with the font's hyphen
    glyph, which the font maps to U+00AD (pdftocairo of a PDF that marked hyphenation so). The font is
    noted in `shown`: its soft hyphens ending lines are hyphens too (`_hyphens_at_line_ends`)."""
    runs = line.runs
    if len(runs) < 2 or not any(run.text == "\u00ad" for run in runs[:-1]):
        return line
    drawn = list(runs)
    for n, (run, after) in enumerate(zip(runs, runs[1:])):
        if run.text == "\u00ad" and run.width > 0.1 * run.size and run.x < after.x <= run.x1 + 0.3 * run.size:
            drawn[n] = run._replace(text="-")
            shown.add(run.font)
    return replace(line, runs=tuple(drawn)) if drawn != list(runs) else line


def _hyphens_at_line_ends(line: Line, shown: set[str]) -> Line:
    """The line with a soft hyphen ending it made a hyphen when its font draws U+00AD inside lines too:
    there it is the font's hyphen, the document's hyphenation and its compounds' hyphens alike (cairo
    maps one glyph to one character), so the line-end rules for a drawn hyphen decide (`lines.join_wrapped`)."""
    last = line.runs[-1]
    if not last.text.endswith("\u00ad") or last.font not in shown:
        return line
    return replace(line, runs=(*line.runs[:-1], last._replace(text=last.text[:-1] + "-")))


def _shown(shape: Shape, m: tuple[float, ...]) -> Shape:
    """A shape's box in the page's own space, as shown through the matrix m."""
    xs, ys = [], []
    for px, py in ((shape.x0, shape.y0), (shape.x1, shape.y1), (shape.x0, shape.y1), (shape.x1, shape.y0)):
        xs.append(m[0] * px + m[2] * py + m[4])
        ys.append(m[1] * px + m[3] * py + m[5])
    return shape._replace(x0=min(xs), y0=min(ys), x1=max(xs), y1=max(ys))


def _display_matrix(page: Any, box: Any, turned: bool = True) -> tuple[float, ...] | None:
    """The matrix from the page's own space to the page as shown: its visible box's corner at the origin,
    turned by the page's /Rotate (a landscape page stored on its side, content drawn turned to suit;
    a page whose boxes sit away from the origin). None when the two are the same (nearly every page)."""
    try:
        turn = int(page.get("/Rotate", 0) or 0) % 360 if turned else 0
    except (TypeError, ValueError):
        turn = 0
    x0, y0 = float(box.left), float(box.bottom)
    w, h = float(box.width), float(box.height)
    if turn == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, w + x0)
    if turn == 180:
        return (-1.0, 0.0, 0.0, -1.0, w + x0, h + y0)
    if turn == 270:
        return (0.0, 1.0, -1.0, 0.0, h + y0, -x0)
    if x0 or y0:
        return (1.0, 0.0, 0.0, 1.0, -x0, -y0)
    return None


def _times(m: list[float], n: tuple[float, ...]) -> list[float]:
    """The matrix m then n (PDF's row-vector convention: a point goes through m first)."""
    a, b, c, d, e, f = m
    return [
        a * n[0] + b * n[2], a * n[1] + b * n[3],
        c * n[0] + d * n[2], c * n[1] + d * n[3],
        e * n[0] + f * n[2] + n[4], e * n[1] + f * n[3] + n[5],
    ]


# A number, then a path-construction operator: "x y w h re", "x y m", "... c".
_PATH_OP = re.compile(rb"[0-9.]\s+(?:re|[mlcvy])(?![^\s\[\]()<>{}/%])")


def _prepare_page(page: Any, table: FontTable) -> bool:
    """Undo drawn soft hyphens; say whether the page may draw paths (else pypdf need not report every operator).

    Watching operators costs a Python call for each one; a page drawing no
    shape (sidebar box, drawn bullet) need not be watched. Form XObjects may
    draw them too, so pages using them are watched.
    """
    try:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else None
        if contents is None:
            return True
        # The raw streams (pypdf keeps their decoded data), not page.get_contents(), which parses them.
        data = (
            b"\n".join(part.get_object().get_data() for part in contents)
            if isinstance(contents, list)
            else contents.get_data()
        )
    except Exception:  # noqa: BLE001 - when in doubt, watch; extract_text reports real damage
        return True
    spans = b"ActualText" in data
    gaps = _WIDE_TJ_GAP.search(data) is not None
    if spans or gaps:
        fonts = resources.get("/Font") if hasattr(resources, "get") else None
        fonts = fonts.get_object() if fonts is not None else {}
        cleaned = _ACTUAL_TEXT_SPAN.sub(lambda span: _blank_span(span, fonts, table), data) if spans else data
        if gaps:
            cleaned = _split_wide_gaps(cleaned, fonts, table)
        if cleaned != data:
            stream = DecodedStreamObject()
            stream.set_data(cleaned)
            page[NameObject("/_handbook_contents")] = dict.get(page, "/Contents")
            page[NameObject("/Contents")] = stream  # in memory only: the file is never written
            if spans:
                return True  # watch the spans: their text is written out as runs
    return "/XObject" in resources or bool(_PATH_OP.search(data)) or (b"Tr" in data and bool(_FILL_AND_STROKE_TEXT.search(data)))


# Marked content with /ActualText says what its glyphs stand for: Chromium
# marks ligatures ("Th", "f\u00adf") and soft hyphens (a zero-width glyph),
# Typst the hyphen of a hyphenated word (U+00AD). pypdf ignores ActualText,
# so the span's glyphs are blanked here (their positioning kept, and the font
# re-selected around the span so pypdf ends its text there) and the
# ActualText is written out as a run by the operator watcher.
_ACTUAL_TEXT_SPAN = re.compile(rb"/ActualText\s*(?:<[0-9A-Fa-f\s]*>|\((?:[^()\\]|\\.)*\))\s*>>\s*BDC(.*?)EMC", re.S)
_SHOWN_TEXT = re.compile(rb"(?:<[0-9A-Fa-f\s]*>|\((?:[^()\\]|\\.)*\))(\s*(?:Tj|'|\"))|\[(?:[^\]()]|\((?:[^()\\]|\\.)*\))*\](\s*TJ)")
_FONT_OP = re.compile(rb"(/[^\s/\[\]()<>{}%]+\s+[-0-9.]+\s+Tf)")
_NUMBER = re.compile(rb"-?[0-9]*\.?[0-9]+")
_LEADING_OFFSETS = re.compile(rb"\[(?:\s*(?:<\s*>|\(\))?\s*-?[0-9]*\.?[0-9]+)+(?:\s*(?:<\s*>|\(\)))?\s*(?=[<(])")
_FONT_OPS_AHEAD = re.compile(rb"^(?:\s*/[^\s/\[\]()<>{}%]+\s+[-0-9.]+\s+Tf)*\s*")
_MARKED_OPS = {b"BDC", b"BMC", b"EMC", b"Tf", b"Tj", b"TJ", b"'", b'"'}
_RENDER_STATE_OPS = {b"Tr", b"q", b"Q"}
# Text rendering modes that fill the glyphs and stroke their outlines too: a face drawn bolder than it is.
_FILL_AND_STROKE = (2, 6)
_FILL_AND_STROKE_TEXT = re.compile(rb"(?<![0-9.])[26]\s+Tr(?![^\s\[\]()<>{}/%])")


def _shows_space_first(args: list[Any], font: Any, fonts: FontTable) -> bool:
    """Whether a text-showing operator's first glyph is a space (in its font's own encoding)."""
    try:
        operand = args[-1]
        if isinstance(operand, list):
            operand = next((o for o in operand if isinstance(o, (str, bytes)) and o), b"")  # the first glyph, past any empty string
        raw = operand.original_bytes if hasattr(operand, "original_bytes") else (
            operand if isinstance(operand, bytes) else str(operand).encode("latin-1"))
        font = font.get_object() if font is not None else None
        if not raw or font is None:
            return False
        code = int.from_bytes(raw[:2], "big") if font.get("/Subtype") == "/Type0" else raw[0]
        return fonts.character_map(font).get(chr(code), chr(code)) == " "
    except Exception:  # noqa: BLE001 - a guess either way; positions decide the rest
        return False


def _only_moves(args: list[Any]) -> bool:
    """Whether a TJ's array is an empty string then offsets only: a move `_blank_span` wrote before a span's text."""
    operand = args[-1] if args else None
    return (
        isinstance(operand, list) and len(operand) > 1 and isinstance(operand[0], (str, bytes)) and not operand[0]
        and all(isinstance(part, (int, float)) for part in operand[1:])
    )


def _text_string(value: Any) -> str:
    """A PDF text string as written: UTF-16 with a byte-order mark, else PDFDocEncoding (ASCII-compatible)."""
    raw = getattr(value, "original_bytes", None)
    if raw is None:
        return str(value)
    if raw[:2] == b"\xfe\xff":
        return raw[2:].decode("utf-16-be", "replace")
    if raw[:3] == b"\xef\xbb\xbf":
        return raw[3:].decode("utf-8", "replace")
    return raw.decode("latin-1")


def _blank_span(span: re.Match[bytes], fonts: Any, table: FontTable) -> bytes:
    """The span with its glyphs' text removed but their advance kept (a TJ move), so text drawn
    right after it, from the pen and not from a new position, stays where it is drawn."""
    text = span.string
    before = _last_font(text, span.start())
    after = _last_font(text, span.end()) or before
    # The advance matters only when the text after the span is drawn from the pen, with no new position
    # (a ligature inside a word); kept elsewhere, pypdf would read the move as a word space.
    # A font selected again right after the span (cairo selects the font of the text that goes on) is no new position.
    from_pen = _FONT_OPS_AHEAD.sub(b"", text[span.end() : span.end() + 200], count=1)[:1] in (b"<", b"(", b"[")
    inside = span.group(1)

    def blank(m: re.Match[bytes]) -> bytes:
        # The glyphs' font: the one selected last before them, inside the span (cairo draws a ligature
        # glyph from a font of its own) or before it.
        selected = _last_font(inside, m.start()) or before
        # A gap before the glyphs (cairo: a bullet, a tab's gap, then a ligature starting the item) moves
        # the pen before the span's text starts: kept as a move of its own, marked by an empty string.
        lead = _LEADING_OFFSETS.match(m.group(0))
        shown = m.group(0) if lead is None else b"[" + m.group(0)[lead.end() :]
        moved = b"" if lead is None else b"[<> %s] TJ " % _pdf_number(sum(map(float, _NUMBER.findall(lead.group(0)))))
        font = _font_resource(fonts, selected) if from_pen else None
        if font is None:
            return moved + (b"<>" + m.group(1) if m.group(1) is not None else b"[]" + m.group(2))
        advance = _shown_advance(shown, font, table)
        return moved + (b"[%s] TJ" % _pdf_number(-advance) if advance else b"<> Tj")

    inner = _SHOWN_TEXT.sub(blank, inside)
    if before is None:
        return span.group(0)[: span.start(1) - span.start(0)] + inner + b"EMC"
    return span.group(0)[: span.start(1) - span.start(0)] + b" " + before + b" " + inner + b" " + after + b" EMC"


# A TJ array moving the pen on by a hundred thousandths of an em or more: maybe a gap set between
# words that drew no space glyph (cairo: Firefox, Evince and pdftocairo write one array per baseline
# and font, a list label and its wording, a bullet and its text, in one).
_WIDE_TJ_GAP = re.compile(rb"\[[^\]]*?(?<![0-9.])-(?:[1-9][0-9]{2,}|[0-9]*\.?[0-9]*[1-9][0-9]{2})")
_TEXT_TOKEN = re.compile(
    rb"(?P<array>\[(?:[^\]()]|\((?:[^()\\]|\\.)*\))*\])(?P<tj>\s*TJ)?"
    rb"|(?P<string>\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>)(?P<show>\s*Tj)?"
    rb"|(?P<font>/[^\s/\[\]()<>{}%]+\s+(?P<size>[-+0-9.]+)\s+)Tf(?![^\s\[\]()<>{}/%])"
    rb"|(?P<tx>[-+0-9.]+)(?P<ty>\s+[-+0-9.]+\s+)T[dD](?![^\s\[\]()<>{}/%])"
    rb"|(?P<value>[-+0-9.]+)\s+(?P<state>T[cwz])(?![^\s\[\]()<>{}/%])"
    rb"|(?<![^\s\]>)])(?P<op>BT|ET|Tm|T\*|q|Q|BI|'|\")(?![^\s\[\]()<>{}/%])"
)


def _split_wide_gaps(data: bytes, fonts: Any, table: FontTable) -> bytes:
    """Each TJ array split where it moves the pen on by more than half a space (as pypdf measures a
    space: the gap it reads as a word space) between glyphs, neither of them a space: the text after
    the gap is drawn from its own position (a Td to where the pen stands there, then the font selected
    again, so pypdf reports it as a run of its own), and the line's next move is made shorter by as
    much, so every later glyph stays where it was drawn.

    Text is positioned this way by programs that draw no space glyphs (Firefox) or merge the glyphs
    of a baseline in one font into one array (cairo, through which Firefox, Evince, Okular and
    pdftocairo print): "1.1", a tab's gap, then the clause; "–" then its item. pypdf reports such an
    array as one run starting at its first glyph; split, the label's wording and the bullet's text
    start where the PDF draws them, as they do from programs that position them apart. The text
    reads the same: pypdf still reads each gap as a word space.

    Left as drawn: text in a font not known or with character or word spacing set, and a whole page
    with an inline image, or with text shown by ' or " after a split (their bytes are not parsed here).
    """
    out: list[bytes] = []
    done = 0
    state: list[Any] = [None, b"", 1.0, 0.0, 0.0, 100.0]  # font, its selection, size, Tc, Tw, Tz
    saved: list[list[Any]] = []
    # In text space from the line's start as the stream sets it: where the pen is (NaN: not known),
    # and how far the Tds added have moved the line's start.
    pen, shift = 0.0, 0.0
    for token in _TEXT_TOKEN.finditer(data):
        op = token.group("op")
        if op is not None:
            if op == b"BI" or (op in (b"'", b'"') and shift):
                return data
            if op in (b"BT", b"ET", b"Tm"):
                pen, shift = 0.0, 0.0
            elif op == b"T*":
                if shift:
                    out.append(data[done : token.start()] + _pdf_number(-shift) + b" 0 Td ")
                    done = token.start()
                pen, shift = 0.0, 0.0
            elif op in (b"'", b'"'):
                pen = math.nan
            elif op == b"q":
                saved.append(list(state))
            elif op == b"Q" and saved:
                state = saved.pop()
            continue
        if token.group("font") is not None:
            try:
                state[2] = float(token.group("size"))
            except ValueError:
                state[2] = math.nan
            state[0] = _font_resource(fonts, token.group("font"))
            state[1] = token.group(0)
            continue
        if token.group("state") is not None:
            try:
                state[3 + b"cwz".index(token.group("state")[1:])] = float(token.group("value"))
            except ValueError:
                state[3] = math.nan
            continue
        if token.group("tx") is not None:
            if shift:
                try:
                    moved = float(token.group("tx")) - shift
                except ValueError:
                    return data
                out.append(data[done : token.start()] + _pdf_number(moved) + token.group("ty") + token.group(0)[-2:])
                done = token.end()
            pen, shift = 0.0, 0.0
            continue
        shown = token.group("tj") if token.group("array") is not None else token.group("show")
        if shown is None:
            continue
        font, selection, size, tc, tw, tz = state
        if font is None or tc or tw or math.isnan(size) or math.isnan(tc) or not table.measures(font):
            pen = math.nan  # how far the text moves the pen is not known
            continue
        scale = size * tz / 100_000.0  # thousandths of an em to text space
        if token.group("string") is not None:
            raw = _literal_bytes(token.group("string")[1:-1]) if token.group("string")[:1] == b"(" else _hex_bytes(token.group("string")[1:-1])
            pen += table.code_widths(font, raw) * scale
            continue
        parts = _split_array(token.group("array"), font, table) if not math.isnan(pen) else None
        if parts is None:
            pen += _shown_advance(token.group(0), font, table) * scale
            continue
        pieces = []
        start = pen
        for n, (part, move) in enumerate(parts):
            if n:
                start += move * scale
                pieces.append(b"%s 0 Td %s " % (_pdf_number(start - shift), selection))
                shift = start
            if part:
                pieces.append(b"[" + part + b"]TJ\n")
        out.append(data[done : token.start()] + b"".join(pieces))
        done = token.end()
        pen += _shown_advance(token.group(0), font, table) * scale
    if not out:
        return data
    out.append(data[done:])
    return b"".join(out)


def _split_array(array: bytes, font: Any, table: FontTable) -> list[tuple[bytes, float]] | None:
    """A TJ array (its bytes, brackets included) cut at its wide gaps: each part's contents, with how far
    the pen moves (thousandths of an em) from the start of the part before it to its own start (0 for
    the first part; the first part is empty when the array starts with a wide gap). None when it has no
    wide gap: 0.1 em or more, or 0.6 of a space as pypdf measures one (it reads half of one as a word
    gap), neither glyph beside it a space. A label set at a tight tab stop ("b)" an eighth of an em
    before its wording) is apart from its wording too, though no word space is read there."""
    wide = min(0.6 * table.space_width(font), 100.0)
    parts: list[tuple[bytes, float]] = []
    start, move = 1, 0.0  # where the current part starts in `array`, how far its start is from the last part's
    pen = 0.0  # the pen's move from the current part's start
    gap, gap_at = 0.0, -1  # the numbers since the last glyphs: their move, where they start
    after_space = False  # the glyph before is a space
    first = True  # no glyph yet
    for part in _STRING_PART.finditer(array, 1, len(array) - 1):
        hexa, literal, number = part.groups()
        if number:
            gap_at = part.start() if gap_at < 0 else gap_at
            gap -= float(number)
            pen -= float(number)
            continue
        raw = _literal_bytes(literal) if part.group(0)[:1] == b"(" else _hex_bytes(hexa)
        if not raw:
            continue
        if gap >= wide and (first or not after_space and not table.is_space(font, raw, first=True)):
            # A wide gap between glyphs; or before the first (a tab after a label or bullet drawn in another font).
            parts.append((b"" if first else array[start:gap_at], move))
            start, move, pen = part.start(), pen, 0.0
        first = False
        after_space = table.is_space(font, raw, first=False)
        pen += table.code_widths(font, raw)
        gap, gap_at = 0.0, -1
    if not parts:
        return None
    parts.append((array[start : len(array) - 1], move))
    return parts


def _hex_bytes(hexa: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", hexa)
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def _pdf_number(value: float) -> bytes:
    return (b"%.3f" % value).rstrip(b"0").rstrip(b".") or b"0"


def _font_resource(fonts: Any, selection: bytes | None) -> Any:
    """The font dictionary a `/Name size Tf` selects, or None."""
    if not selection or not fonts:
        return None
    try:
        font = fonts.get(selection.split()[0].decode("latin-1"))
        return font.get_object() if font is not None else None
    except Exception:  # noqa: BLE001 - unknown font: its advance stays unknown
        return None


_LITERAL_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_STRING_PART = re.compile(rb"<([0-9A-Fa-f\s]*)>|\(((?:[^()\\]|\\.)*)\)|(-?[0-9]*\.?[0-9]+)", re.S)


def _shown_advance(shown: bytes, font: Any, table: FontTable) -> float:
    """How far a text-showing operation moves the pen, in thousandths of the font size:
    its glyphs' widths less the TJ adjustments."""
    total = 0.0
    for hexa, literal, number in _STRING_PART.findall(shown.rsplit(b"T", 1)[0]):
        if number:
            total -= float(number)
            continue
        if literal or not hexa:
            raw = _literal_bytes(literal) if literal else b""
        else:
            digits = re.sub(rb"\s", b"", hexa)
            raw = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
        total += table.code_widths(font, raw)
    return total


def _operand_advance(args: list[Any], font: Any, table: FontTable) -> float:
    """How far a parsed Tj / TJ / ' / " moves the pen, in thousandths of the font size."""
    if not args:
        return 0.0
    operand = args[-1]
    total = 0.0
    for part in operand if isinstance(operand, list) else (operand,):
        if isinstance(part, (int, float)):
            total -= float(part)
        elif isinstance(part, (str, bytes)):
            raw = getattr(part, "original_bytes", None)
            if raw is None:
                raw = part if isinstance(part, bytes) else part.encode("latin-1", "replace")
            total += table.code_widths(font, raw)
    return total


def _literal_bytes(literal: bytes) -> bytes:
    """A PDF literal string's bytes: backslash escapes (named, octal, or the character itself) resolved."""
    out = bytearray()
    i = 0
    while i < len(literal):
        if literal[i] == 0x5C and i + 1 < len(literal):  # a backslash
            octal = re.match(rb"[0-7]{1,3}", literal[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(0), 8) & 0xFF)
                i += 1 + len(octal.group(0))
                continue
            nxt = literal[i + 1 : i + 2]
            out += _LITERAL_ESCAPES.get(nxt, nxt)
            i += 2
            continue
        out.append(literal[i])
        i += 1
    return bytes(out)


def _code_table(font: Any) -> tuple[dict[int, float], float, bool]:
    """A font's width per character code, its default width and whether its codes are two bytes (Type0)."""
    try:
        if font.get("/Subtype") == "/Type0":
            descendant = font["/DescendantFonts"][0].get_object()
            return _cid_widths(descendant), float(descendant.get("/DW", 1000)), True
        first = int(font.get("/FirstChar", 0))
        scale = _glyph_space(font)
        widths = {first + n: float(w) * scale for n, w in enumerate(font.get("/Widths", []))}
        descriptor = font.get("/FontDescriptor")
        missing = float(descriptor.get_object().get("/MissingWidth", 0)) if descriptor is not None else 0.0
        return widths, missing * scale, False
    except Exception:  # noqa: BLE001 - an odd font: no advance known
        return {}, 0.0, False


def _cid_widths(descendant: Any) -> dict[int, float]:
    """A CID font's /W array as CID -> width."""
    out: dict[int, float] = {}
    w = list(descendant.get("/W", []))
    i = 0
    while i + 1 < len(w):
        first = int(w[i])
        if isinstance(w[i + 1], list) or hasattr(w[i + 1], "__iter__"):
            for k, width in enumerate(w[i + 1]):
                out[first + k] = float(width)
            i += 2
        elif i + 2 < len(w):
            for cid in range(first, int(w[i + 1]) + 1):
                out[cid] = float(w[i + 2])
            i += 3
        else:
            break
    return out


def _last_font(data: bytes, end: int) -> bytes | None:
    """The last `/Name size Tf` before `end` (the font in use there), looking back a little."""
    window = data[max(0, end - 4000) : end]
    found = _FONT_OP.findall(window)
    return found[-1] if found else None


def _apply(tm: list[float], cm: list[float], x: float, y: float) -> tuple[float, float]:
    # Point (x, y) in text space → user space → page space.
    ux = tm[0] * x + tm[2] * y + tm[4]
    uy = tm[1] * x + tm[3] * y + tm[5]
    return cm[0] * ux + cm[2] * uy + cm[4], cm[1] * ux + cm[3] * uy + cm[5]


def _font_name(font_dict: Any) -> str:
    """The font's name, subset prefix dropped; ",Bold" added when only its descriptor says it is bold.

    A Type 3 font (how Chromium embeds some OpenType fonts) has no /BaseFont:
    its name is in the descriptor. A weight of 600 or more there is bold
    whatever the name ("LinLibertineOB").
    """
    if not font_dict:
        return ""
    try:
        descriptor = font_dict.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        name = str(font_dict.get("/BaseFont") or descriptor.get("/FontName", ""))
        weight = float(descriptor.get("/FontWeight", 0) or 0)
    except Exception:  # noqa: BLE001 - an odd descriptor: the name alone
        name, weight = str(font_dict.get("/BaseFont", "")), 0.0
    name = name.lstrip("/").split("+")[-1]  # drop a subset prefix such as ABCDEF+
    if weight >= 600 and not any(w in name.lower() for w in BOLD_HINTS):
        name += ",Bold"
    return name


def group_lines(runs: list[Run], page: int, width: float = 0.0) -> list[Line]:
    """Runs on (nearly) one baseline become one line, left to right.

    On a page with two columns, a line of the left column and one of the right
    column can share a baseline with only the gutter between them, a gap no
    wider than a bullet's from its text; there the gutter is a barrier: runs
    on either side of it are never one line (`_split_by_gutter`).
    """
    out = [Line(runs=tuple(sorted(line, key=lambda r: r.x)), page=page) for line in _group(runs, ())]
    if width:
        gutters = _page_gutters(out, width)
        if any(_across_gutter(ln.runs, gutter) for gutter in gutters for ln in out):
            out = [Line(runs=tuple(sorted(line, key=lambda r: r.x)), page=page) for line in _group(runs, gutters)]
    return sorted(out, key=lambda ln: (-ln.y, ln.x))


def _page_gutters(lines: list[Line], width: float, depth: int = 0) -> tuple[float, ...]:
    """Every column gutter of a page: the one `_page_gutter` finds, then those on either side of it
    (three or more columns); the part left of it is searched as a page as wide as that part."""
    gutter = _page_gutter(lines, width) if depth < 3 else None
    if gutter is None or gutter >= width:
        return ()
    left = _page_gutters([ln for ln in lines if ln.x < gutter - 2], gutter, depth + 1)
    right = _page_gutters([ln for ln in lines if ln.x >= gutter - 2], width, depth + 1)
    return (*left, gutter, *(g for g in right if g > gutter + 20))


def _group(runs: list[Run], gutters: tuple[float, ...]) -> list[list[Run]]:
    lines: list[list[Run]] = []
    reach = 0.35 * max((r.size for r in runs), default=0.0)
    first_open = 0  # lines above this index are too far up for any run still to come
    for run in sorted(runs, key=lambda r: (-r.y, r.x)):
        while first_open < len(lines) and lines[first_open][0].y - run.y > reach:
            first_open += 1
        if not run.text.strip("\u00ad"):
            # A hyphenation point drawn as a glyph of its own (Typst maps its hyphen to U+00AD): it ends
            # the word before it, however far a justified line's spacing has carried it from the
            # width its glyphs add up to. It joins the nearest line ending left of it on its baseline.
            host = _line_ending_before(lines[first_open:], run)
            if host is not None:
                host.append(run)
                continue
        for line in lines[first_open:]:
            ref = line[0]
            if abs(ref.y - run.y) > 0.35 * max(ref.size, run.size):
                continue
            twin = _drawn_again(line, run)
            if twin >= 0:
                # The same text drawn again: one run. A hair to the right, it is a regular face made
                # bold so; at the very same place (a shadow, an overprint) it is the same text again.
                held = line[twin]
                if not held.bold and abs(held.x - run.x) > 0.01 * run.size and abs(held.y - run.y) <= 0.01 * run.size:
                    line[twin] = held._replace(font=held.font + ",Bold")
                break
            if not _overlaps(line, run) and _near(line, run) and not any(_split_by_gutter(line, run, gutter) for gutter in gutters):
                line.append(run)
                break
        else:
            lines.append([run])
    return lines


def _drawn_again(line: list[Run], run: Run) -> int:
    """The index of the run in `line` that `run` draws again, within a tenth of its size of it, or -1."""
    near = 0.1 * run.size
    for n, held in enumerate(line):
        if abs(held.x - run.x) <= near and abs(held.y - run.y) <= near and held.text == run.text:
            return n
    return -1


def _line_ending_before(lines: list[list[Run]], run: Run) -> list[Run] | None:
    """Of the lines on `run`'s baseline, the one whose text ends nearest before it."""
    best: list[Run] | None = None
    best_end = -math.inf
    for line in lines:
        ref = line[0]
        if abs(ref.y - run.y) > 0.35 * max(ref.size, run.size):
            continue
        end = max(r.x1 for r in line)
        if best_end < end <= run.x + 0.5 * run.size:
            best, best_end = line, end
    return best


# A second column starts right of this share of the page's width: the middle column of a three-column
# grid starts at about a third of it, even on a page that fills only the first two.
COLUMN_START = 0.3


def _page_gutter(lines: list[Line], width: float) -> float | None:
    """Where a page's right column starts, from the lines grouped so far (some across the gutter).

    Lines of the right column standing alone show it (`column_gutter`); so do
    lines merged across the gutter: three or more that start in the left
    part of the page and, after a gap wider than a word space between runs
    not drawn one after the other, go on at one x right of `COLUMN_START` of
    the page's width (once the column's edge is known, lines starting anywhere
    left of it: in the middle column of three). That is all there is to see
    when the columns share a baseline grid and their text is justified; and
    it places the right column's
    bullets and headings, which stand left of its text (up to 24pt).
    """
    breaks: list[float] = []
    start = width * COLUMN_START
    edge = column_gutter(lines, width)
    # With the column's edge known, a line merged across it may start in a column left of it (the middle one of three).
    first_before = start if edge is None else max(start, edge - 24)
    for line in lines:
        runs = line.runs
        if len(runs) < 2 or runs[0].x >= first_before:
            continue
        for a, b in zip(runs, runs[1:]):
            # A hyphen drawn as a glyph of its own (U+00AD) ends a word: it starts no column.
            if b.x > start and _gap_is_gutter(a, b, b.x) and b.text.strip("\u00ad"):
                breaks.append(b.x)
                break
    if edge is not None:
        return min([edge, *(x for x in breaks if edge - 24 <= x <= edge)])
    if len(breaks) < 3:
        return None
    common, count = Counter(round(x / 4) * 4 for x in breaks).most_common(1)[0]
    if count < 3:
        return None
    return min(x for x in breaks if common - 24 <= x <= common + 6)


def _split_by_gutter(line: list[Run], run: Run, gutter: float) -> bool:
    """Whether `run` and its nearest run in `line` lie on the two sides of the gutter before a right column starting at x `gutter`.

    Only a gap wider than a word space counts, so a line spanning both
    columns (a title, an introduction) whose words happen to meet the column
    edges stays whole.
    """
    nearest = min(line, key=lambda r: min(abs(run.x - r.x1), abs(r.x - run.x1)))
    return _gap_is_gutter(*((nearest, run) if nearest.x < run.x else (run, nearest)), gutter)


def _gap_is_gutter(a: Run, b: Run, right_start: float) -> bool:
    """`a` starts left of the right column and stops short of it, `b` starts in it, a gap wider than a
    word space apart, and they were not drawn one right after the other (a line spanning both columns
    is drawn in one go; two columns are drawn one after the other)."""
    return (
        a.x < right_start - 2
        and a.x1 <= right_start
        and b.x >= right_start - 2
        and b.x - a.x1 > 0.5 * min(a.size, b.size)
        and (a.seq < 0 or b.seq < 0 or abs(a.seq - b.seq) != 1)
    )


def _across_gutter(runs: tuple[Run, ...], gutter: float) -> bool:
    """Whether a grouped line (runs left to right) joins text ending left of the gutter to text starting at the column beyond it."""
    return len(runs) > 1 and any(_gap_is_gutter(a, b, gutter) for a, b in zip(runs, runs[1:]))


def _near(line: list[Run], run: Run) -> bool:
    # Runs level with each other across a column gutter are different lines.
    gap = min(min(abs(run.x - r.x1), abs(r.x - run.x1)) for r in line)
    size = max(run.size, max(r.size for r in line))
    if gap <= 2 * size:
        return True
    # Justified text in a narrow column stretches a word gap further: text drawn right after the
    # line's last run, a little further on, goes on with it.
    return run.seq > 0 and gap <= 4 * size and any(r.seq == run.seq - 1 and r.x1 <= run.x for r in line)


def _overlaps(line: list[Run], run: Run) -> bool:
    # Two runs drawn at the same place are separate things (e.g. overprint).
    return any(abs(r.x - run.x) < 0.5 and r.text != run.text for r in line)


def attach_drawn_bullets(lines: list[Line], shapes: list[Shape]) -> list[Line]:
    """A small painted shape just left of a line's first word is that line's bullet.

    Browsers draw CSS list markers (disc, circle, square), and some layout
    programs their bullets, as vector paths rather than characters. Such a
    shape becomes a bullet run ("•", "◦", "▪", "▫" or "–") at its place.
    """
    marks = _apart_from_chains([s for s in shapes if _bullet_like(s)])
    if not marks:
        return lines
    out = []
    taken: set[int] = set()
    for line in lines:
        first = line.runs[0]
        size = line.size
        best = None
        for n, mark in enumerate(marks):
            if n in taken or not (size * 0.05 <= mark.x1 - mark.x0 <= size * 1.2 and mark.y1 - mark.y0 <= size * 0.8):
                continue
            middle = (mark.y0 + mark.y1) / 2
            gap = first.x - mark.x1
            if -0.5 <= gap <= 3 * size and line.y - 0.1 * size <= middle <= line.y + 0.75 * size:
                if best is None or gap < first.x - marks[best].x1:
                    best = n
        if best is None or line.bullet:
            out.append(line)
            continue
        taken.add(best)
        mark = marks[best]
        glyph = _bullet_glyph(mark)
        bullet = Run(glyph, round(mark.x0, 2), first.y, first.size, "", round(mark.x1 - mark.x0, 2))
        out.append(replace(line, runs=(bullet, *line.runs)))
    return out


def _apart_from_chains(marks: list[Shape]) -> list[Shape]:
    """The marks that are not dots of a dotted line (see `_dot_chains`)."""
    chained = {n for chain in _dot_chains(marks) for n in chain}
    return [m for n, m in enumerate(marks) if n not in chained] if chained else marks


def dotted_outlines(shapes: list[Shape]) -> list[Shape]:
    """Boxes drawn as dotted lines (a CSS `border: dotted`): each connected set of dotted lines as the
    box it outlines (a single dotted rule is a box too thin to hold a line)."""
    marks = [s for s in shapes if _bullet_like(s)]
    boxes = []
    for chain in _dot_chains(marks):
        dots = [marks[n] for n in chain]
        boxes.append(Shape(min(d.x0 for d in dots), min(d.y0 for d in dots), max(d.x1 for d in dots),
                           max(d.y1 for d in dots), False, False, True))
    return boxes


def _dot_chains(marks: list[Shape]) -> list[list[int]]:
    """Dots of dotted lines, connected: a dotted border or rule draws a row or column of like dots, each
    within two and a half of its own sizes of the next (bullets of a list stand at least a line apart).
    Rows and columns sharing a dot (a box's corner) are one set."""
    if len(marks) < 3:
        return []
    parent = list(range(len(marks)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    chained: set[int] = set()
    for axis in (0, 1):  # dots one above another (a column), then side by side (a row)
        keyed = sorted(
            range(len(marks)),
            key=lambda n: (
                round((marks[n].x0 + marks[n].x1) if axis == 0 else (marks[n].y0 + marks[n].y1)),
                marks[n].y0 if axis == 0 else marks[n].x0,
            ),
        )
        for a, b in zip(keyed, keyed[1:]):
            m, n = marks[a], marks[b]
            reach = 2.5 * max(m.x1 - m.x0, m.y1 - m.y0)
            if axis == 0:
                aligned = abs((m.x0 + m.x1) - (n.x0 + n.x1)) < 1 and abs(n.y0 - m.y0) <= reach
            else:
                aligned = abs((m.y0 + m.y1) - (n.y0 + n.y1)) < 1 and abs(n.x0 - m.x0) <= reach
            if aligned and abs((m.x1 - m.x0) - (n.x1 - n.x0)) < 0.3 and abs((m.y1 - m.y0) - (n.y1 - n.y0)) < 0.3:
                chained.update((a, b))
                parent[root(a)] = root(b)
    sets: dict[int, list[int]] = {}
    for n in sorted(chained):
        sets.setdefault(root(n), []).append(n)
    return list(sets.values())


def _bullet_like(shape: Shape) -> bool:
    w, h = shape.x1 - shape.x0, shape.y1 - shape.y0
    if w <= 0.3 or h <= 0.3 and not shape.filled:
        return False
    if w > 2.5 * h:
        return shape.filled and w <= 14  # a dash
    return w <= 9 and h <= 9 and 0.5 <= w / max(h, 0.01) <= 2


def _bullet_glyph(shape: Shape) -> str:
    w, h = shape.x1 - shape.x0, shape.y1 - shape.y0
    if w > 2.5 * h:
        return "–"
    if shape.curved:
        return "•" if shape.filled else "◦"
    return "▪" if shape.filled else "▫"


# ---------------------------------------------------------------------------
# Whole-document passes.


def read_layout(path: Path, progress: Callable[[int, int], None] | None = None) -> tuple[PdfReader, list[PageLayout]]:
    """Every page's body lines in reading order, headers and footers removed."""
    pages: list[PageLayout] = []
    fonts = FontTable()
    with _pypdf_quiet(path), young_collections_only() as collect_young, apply_configuration(page_tree_maximum_entries=page_tree_nodes()):
        reader = open_pdf(path)
        content = 0
        for index in range(len(reader.pages)):
            try:
                page_content = content_bytes(reader, index)
            except Exception as exc:  # noqa: BLE001 - any failure inside pypdf is a damaged file
                raise damaged(path, exc, index + 1) from None
            content += page_content
            if page_content > MAX_PAGE_CONTENT_BYTES or content > MAX_CONTENT_BYTES:
                raise too_much_content(path, index + 1, one_page=page_content > MAX_PAGE_CONTENT_BYTES)
            layout, shapes = read_page(reader, index, path, fonts)
            layout.lines = mark_asides(layout, shapes + dotted_outlines(shapes) if shapes else shapes)
            pages.append(layout)
            collect_young()
            if progress:
                progress(index + 1, len(reader.pages))
    if fonts.shown_hyphens:
        for layout in pages:
            layout.lines = [_hyphens_at_line_ends(line, fonts.shown_hyphens) for line in layout.lines]
    drop_running_text(pages)
    before: tuple[float, float] | None = None  # (page width, column split) of the page before
    for layout in pages:
        split = _page_split(layout, before)
        layout.lines = _read_columns(sorted(layout.lines, key=lambda ln: (-ln.y, ln.x)), layout.width, split=split)
        before = (layout.width, split) if split is not None else None
    return reader, pages


class young_collections_only:
    """While pages are read, the cycle collector sweeps only what is new since the last page.

    Every page read leaves its lines behind, and a long document's lines are
    most of what the process holds. The automatic collector would rescan all
    of them, and everything else the process holds, each time they have grown
    by a quarter (at 1,500 pages a tenth of the reading time went on it); here
    it is paused and, after each page, only the two young generations are
    collected (the function `with` gives): that page's garbage goes, as it
    would have, and what stays (the lines) is not looked at again while the
    pause lasts. Nothing is frozen; when the outermost pause ends the
    collector runs as usual. A pause inside another keeps collecting the
    young generations and leaves the ending to the outer one (extraction
    holds it until the lines have become a document and been let go); a
    collector the caller had turned off stays off and is not run.
    """

    _open = 0  # pauses of ours now open

    def __enter__(self) -> Callable[[], object]:
        self.counted = False
        if young_collections_only._open == 0 and not gc.isenabled():
            return lambda: None  # the caller turned it off
        if young_collections_only._open == 0:
            gc.disable()
        young_collections_only._open += 1
        self.counted = True
        return lambda: gc.collect(1)

    def __exit__(self, *exc: object) -> None:
        if not self.counted:
            return
        young_collections_only._open -= 1
        if young_collections_only._open == 0:
            gc.enable()


class _pypdf_quiet:
    """pypdf logs (and warns about) what it recovers from, naming no file; log it at debug, naming the PDF.

    A damaged file then gives exactly one line: our error.
    """

    def __init__(self, path: Path) -> None:
        self.path = display_path(path)
        self.handler = _Relog(self.path)
        self.logger = logging.getLogger("pypdf")
        self.warnings = warnings.catch_warnings()

    def __enter__(self) -> None:
        self.logger.addHandler(self.handler)
        self._propagate = self.logger.propagate
        self.logger.propagate = False
        self.warnings.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc: object) -> None:
        self.warnings.__exit__(*exc)
        self.logger.removeHandler(self.handler)
        self.logger.propagate = self._propagate


class _Relog(logging.Handler):
    def __init__(self, shown: str) -> None:
        super().__init__(logging.DEBUG)
        self.shown = shown

    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger("handbook").debug("%s: pypdf: %s", self.shown, record.getMessage())


def rounded_weights(weights: Counter[float], digits: int) -> Counter[float]:
    """Weights summed by value rounded to `digits`, in the order the rounded values first occur.

    The same as counting `round(value, digits)` line by line, with one round() per distinct value.
    """
    out: Counter[float] = Counter()
    for value, weight in weights.items():
        out[round(value, digits)] += weight
    return out


_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_SECTION_NUMBER = re.compile(r"^\d{1,3}\.?$")


def drop_running_text(pages: list[PageLayout]) -> None:
    """Remove running headers, footers and page numbers from every page."""
    # One pass over each page's lines: those in the outer tenth of its height
    # (with the words they say, digits aside), those in the outer fifth, and
    # the type sizes of the rest, weighted by characters.
    exact: Counter[float] = Counter()
    bands: list[tuple[list[tuple[Line, tuple[str, str]]], list[Line]]] = []
    for layout in pages:
        top, bottom = layout.height * 0.9, layout.height * 0.1
        deep_top, deep_bottom = layout.height * 0.8, layout.height * 0.2
        band: list[tuple[Line, tuple[str, str]]] = []
        deep: list[Line] = []
        for ln in layout.lines:
            y = ln.y
            if y > deep_top or y < deep_bottom:
                deep.append(ln)
            if y > top or y < bottom:
                # Keyed by its band too: words at the foot of one page and the head of the next (a table's
                # cell either side of a page break) are no running header or footer.
                band.append((ln, ("top" if y > top else "foot", _DIGITS.sub("#", ln.text.lower()))))
            elif bottom <= y <= top:
                exact[ln.size] += len(ln.text)
        bands.append((band, deep))
    sizes = rounded_weights(exact, 1)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    seen = Counter(k for band, _ in bands for k in {key for _, key in band})
    repeat_at = max(2, math.ceil(len(pages) * 0.4))

    def is_running(line: Line, key: tuple[str, str], layout: PageLayout) -> bool:
        if line.size > body * 1.05:
            return False  # headings at the top of a page are content
        if (line.bold and _SECTION_NUMBER.match(line.text) or SECTION_LABEL.match(line.text)) and any(
            heads(line, o, layout.lines) for o in layout.lines
        ):
            return False  # a section number over or beside its title, however often numbers stand there
        return seen[key] >= repeat_at or bool(_PAGE_NUMBER.match(line.text)) or line.size <= body * 0.85

    def heads(number: Line, line: Line, lines: list[Line]) -> bool:
        """Whether bold `number` heads `line`: a heading (bold, or larger than the text) level with it
        to its right, or the next line below it starting where it does, whose words are not running
        text (repeated on many pages, a page number)."""
        if line is number or not (line.bold or line.size > body * 1.05) or _PAGE_NUMBER.match(line.text):
            return False
        reach = max(number.size, line.size)
        drop = number.y - line.y
        if abs(drop) <= 0.6 * reach:
            placed = number.x1 <= line.x <= number.x1 + 6 * number.size
        else:
            placed = (
                0 < drop < 2.5 * reach
                and abs(line.x - number.x) <= 2
                and not any(line.y < o.y < number.y and o.x <= number.x1 and o.x1 >= number.x for o in lines)
            )
        words = _DIGITS.sub("#", line.text.lower())
        return placed and seen["top", words] < repeat_at and seen["foot", words] < repeat_at

    # A header set lower (or a footer higher) than the bands: the very same
    # words at the same height on most pages, in the top or bottom fifth.
    same = Counter(k for _, deep in bands for k in {(ln.text, round(ln.y)) for ln in deep})

    for layout, (band, deep) in zip(pages, bands):
        running = {id(ln) for ln, key in band if is_running(ln, key, layout)}
        if len(pages) > 1:
            running.update(
                id(ln) for ln in deep if ln.size <= body * 1.05 and same[(ln.text, round(ln.y))] >= repeat_at
            )
        if running:
            layout.lines = [ln for ln in layout.lines if id(ln) not in running]


_DIGITS = re.compile(r"\d+")


def mark_asides(layout: PageLayout, shapes: list[Shape]) -> list[Line]:
    """Lines drawn inside a painted box (square or rounded) smaller than the page are asides (sidebars, callouts, shaded cells).

    A box holding nothing but a few characters (a section number set in a
    coloured badge) is decoration, not an aside.
    """
    page_area = layout.width * layout.height
    boxes = [
        (r.x0, r.y0, r.x1, r.y1)
        for r in shapes
        if (r.x1 - r.x0) * (r.y1 - r.y0) < 0.5 * page_area and r.y1 - r.y0 > 8 and r.x1 - r.x0 > 8
    ]
    inside: dict[int, list[Line]] = {}
    for line in layout.lines:
        # A line's end is measured by its glyphs' own widths: justified text whose word gaps were
        # narrowed to fit ends short of that, so the end may overhang the box by a little.
        overhang = 1 + 0.04 * (line.x1 - line.x)
        for n, b in enumerate(boxes):
            if b[0] - 1 <= line.x and line.x1 <= b[2] + overhang and b[1] <= line.y <= b[3]:
                inside.setdefault(n, []).append(line)
    for bar in _bars(shapes):
        held = _beside_bar(layout.lines, bar)
        if held:
            inside[len(boxes)] = held
            boxes.append(bar)
    if not inside:
        return layout.lines
    body = _page_text_size(layout.lines)
    aside = {
        id(ln)
        for held in inside.values()
        if sum(len(ln.text) for ln in held) > 4 and not _heading_band(held, body)
        for ln in held
    }
    if aside:
        aside -= _flowing_through(layout.lines, aside)
    return [replace(line, aside=True) if id(line) in aside else line for line in layout.lines]


def _page_text_size(lines: list[Line]) -> float:
    """The size most of the page's text is set in (weighted by characters)."""
    weights: Counter[float] = Counter()
    for ln in lines:
        weights[round(ln.size, 1)] += len(ln.text)
    return weights.most_common(1)[0][0] if weights else 0.0


# Words that may stand before a section's number ("Principle 2"); structure's headings use them too.
SECTION_WORDS = "principle|section|part|standard|characteristic|chapter"
# A section's number named, set on a line of its own over its title ("SECTION 2", "Principle 3").
SECTION_LABEL = re.compile(rf"^(?:{SECTION_WORDS})\s+\d{{1,3}}\.?$", re.IGNORECASE)
_NUMBERED = re.compile(rf"^(?:(?:{SECTION_WORDS})\s+)?\d", re.IGNORECASE)


def _heading_band(held: list[Line], body: float) -> bool:
    """A box holding one line set larger than the page's text, or one bold numbered line ("2. Respect",
    "Principle 2" in a pill): a heading set on a coloured band, not a sidebar."""
    if len(held) != 1:
        return False
    line = held[0]
    return line.size >= 1.15 * body or (line.bold and bool(_NUMBERED.match(line.text)) and len(line.text) <= 80)


def _bars(shapes: list[Shape]) -> list[tuple[float, float, float, float]]:
    """Thin upright rules at least a line high: the left border of a quotation or callout, a column rule, a change bar."""
    return [(s.x0, s.y0, s.x1, s.y1) for s in shapes if s.x1 - s.x0 <= 6 and s.y1 - s.y0 >= 8 and s.y1 - s.y0 >= 2.5 * (s.x1 - s.x0)]


def _beside_bar(lines: list[Line], bar: tuple[float, float, float, float]) -> list[Line]:
    """The lines a quotation's or callout's left border marks off (a blockquote, "border-left" callout).

    They start just right of the rule, within its height, set no larger than the text around them and
    not all bold (a heading with an accent bar is a heading). The text just above or below the rule
    starts at it (or a little left of it) and reaches across it: the rule stands inside a column's
    text. A rule between columns, or a change bar in the margin, has no such text and marks nothing.
    """
    x0, y0, x1, y1 = bar
    held = [ln for ln in lines if 0 < ln.x - x1 <= 3 * ln.size and y0 - 2 <= ln.y <= y1 + 2]
    if not held:
        return []
    near = [
        ln for ln in lines
        if not y0 - 2 <= ln.y <= y1 + 2 and min(abs(ln.y - y0), abs(ln.y - y1)) <= 3 * ln.size
        and x0 - 4 * ln.size <= ln.x <= x0 + 2 and ln.x1 > x1 + 3 * ln.size
    ]
    if not near:
        return []
    size = max(ln.size for ln in near)
    if any(ln.size > size + 0.5 for ln in held) or all(ln.bold for ln in held):
        return []
    return held


def _flowing_through(lines: list[Line], aside: set[int]) -> set[int]:
    """Lines inside a box that go on from text outside it: the page's own text, which a box drawn
    over or under it (a table overflowing its column into the next) does not make a sidebar.

    A box's own text is set in from its edges (its padding) and spaced from the text around it. A
    line inside a box that stands at the indent of a line just outside it (the same start, or a
    bullet's wording and its wrapped line), no further from it than a line's spacing (or than
    lines at one indent outside the boxes are from the next, as list items spaced apart are),
    continues that text, and so does a line going on from it in turn.
    """
    free = [ln for ln in lines if id(ln) not in aside]
    held = [ln for ln in lines if id(ln) in aside]
    spacings: list[float] | None = None
    freed: set[int] = set()
    changed = True
    while changed and held:
        changed = False
        for line in held:
            for other in free:
                step = abs(other.y - line.y)
                if not step or not _aligned(other, line):
                    continue
                if step > 1.8 * max(other.size, line.size):
                    if other.y < line.y:
                        continue  # text goes on from above: a line further below than a line's spacing leads nowhere back
                    if _item_like(other) and not _item_like(line):
                        continue  # an item's spacing below an item leads to the next item, not to other text
                    if spacings is None:
                        spacings = _spacings(free)
                    if not any(abs(s - step) <= 1 for s in spacings):
                        continue
                if not (_item_like(other) and _item_like(line)) and _wording_between(free, other, line):
                    continue  # the next item of a list, or the next line of its wording, is not so far on: the box's own text
                freed.add(id(line))
                free.append(line)
                changed = True
                break
        held = [ln for ln in held if id(ln) not in freed]
    return freed


_ITEM_LABEL = re.compile(r"^(?:\(?[a-z]{1,4}[.)]|\(?\d{1,3}(?:\.\d{1,3})*[.)]?)\s")


def _item_like(line: Line) -> bool:
    """A list item's first line: a bullet, or a label such as "c)", "(iv)", "2.", "3.1"."""
    return line.bullet is not None or bool(_ITEM_LABEL.match(line.text))


def _wording_between(lines: list[Line], a: Line, b: Line) -> bool:
    """A line that is no list item's first line (wording, an item's wrapped line) stands between `a`
    and `b`, above one and below the other, across `b`'s width: `b` does not go on from `a`."""
    low, high = min(a.y, b.y), max(a.y, b.y)
    return any(low < ln.y < high and ln.x < b.x1 and ln.x1 > b.x and not _item_like(ln) for ln in lines)


def _spacings(lines: list[Line]) -> list[float]:
    """How far each line is from the next one below it at its indent and size, up to four times its size
    (a heading's distance from the label over it is no spacing of the text)."""
    out = []
    for line in lines:
        below = [
            line.y - o.y
            for o in lines
            if 0 < line.y - o.y <= 4 * line.size and abs(o.size - line.size) < 0.5 and _aligned(line, o)
        ]
        if below:
            out.append(min(below))
    return out


def _aligned(a: Line, b: Line) -> bool:
    """At one indent: the same start, or one's wording where the other starts (a bullet and its wrapped line)."""
    return min(abs(a.x - b.x), abs(a.text_x - b.x), abs(a.x - b.text_x)) <= 1.5


def reading_order(layout: PageLayout) -> list[Line]:
    """Order a page's lines as a reader reads them, column by column."""
    return _read_columns(sorted(layout.lines, key=lambda ln: (-ln.y, ln.x)), layout.width)


def _page_split(layout: PageLayout, before: tuple[float, float] | None) -> float | None:
    """Where the page's second column starts (less 20pt), found on the page, or else carried from the
    page before when this page's lines keep to its columns: a page holding only a column's last lines
    beside the next column has too few lines level with each other to show its columns by itself."""
    lines = layout.lines
    split = find_column_split(lines, layout.width)
    if split is not None or before is None or before[0] != layout.width:
        return split
    split = before[1]
    left = [ln for ln in lines if ln.x < split]
    right = [ln for ln in lines if ln.x >= split]
    if not left or not right or any(ln.x1 > split + 18 for ln in left):
        return None  # a line crosses the gutter: not the page before's columns
    heights = sorted(ln.y for ln in left)
    level = any(bisect_right(heights, ln.y + 0.5 * ln.size) > bisect_left(heights, ln.y - 0.5 * ln.size) for ln in right)
    return split if level else None


def _read_columns(lines: list[Line], width: float, depth: int = 0, split: float | None = None) -> list[Line]:
    """Lines (top to bottom) in reading order: split into a left and a right column; each side may
    hold columns of its own (three or more columns), the left one found as a page as wide as it."""
    if split is None:
        split = find_column_split(lines, width) if depth < 4 else None
    if split is None or all(ln.x >= split for ln in lines) or all(ln.x < split for ln in lines):
        return lines
    ordered: list[Line] = []
    band: list[Line] = []
    text_size = _page_text_size(lines)
    for line in lines:
        # Reaching well into the right column (split is 20pt left of it): a line spanning both.
        if line.x < split and line.x1 > split + 40 and not _right_neighbour(lines, line, split):
            ordered.extend(_columns(band, split, width, depth))
            band = []
            ordered.append(line)
        elif line.x < split and line.size >= 1.15 * text_size and _ends_nested_columns(band, line, lines, split, text_size):
            ordered.extend(_columns(band, split, width, depth))
            band = [line]
        else:
            band.append(line)
    ordered.extend(_columns(band, split, width, depth))
    return ordered


def _ends_nested_columns(band: list[Line], line: Line, lines: list[Line], split: float, size: float) -> bool:
    """A heading with nothing beside it, after columns nested under the heading above (a list set in two
    columns under each heading of a one-column page), ends them: columns whose right one starts level
    with an item of the left one, below lines of the left read with them (the heading, the lead-in), or
    whose last lines above it stand on one baseline (a list balanced over two columns) when the list
    under it starts in both columns again. Columns of the page itself start level with each other, and
    the right one goes on beside a heading of the left one, or after a gap there with text of its own."""
    right = [ln.y for ln in band if ln.x >= split]
    left = [ln for ln in band if ln.x < split]
    if not right or not left or _right_neighbour(lines, line, split):
        return False
    top = max(right)
    # The right column's first line level with an item of the left's, under lines of the left above it.
    if top < left[0].y - 1.5 * size and any(ln.bullet and abs(ln.y - top) < 0.35 * size for ln in left):
        return True
    if abs(min(right) - min(ln.y for ln in left)) < 0.35 * size:
        # Both ended on one baseline, and below the heading the next list starts in both again: the
        # right column's next line an item level with an item of the left's (a page's own right column
        # goes on after a gap beside a heading with a heading or a paragraph of its own). At the page's
        # foot, the heading and its lead-in are all that follow.
        below = [ln for ln in lines if ln.y < line.y]
        after = max((ln for ln in below if ln.x >= split), key=lambda ln: ln.y, default=None)
        if after is None:
            return not any(ln.bullet for ln in below)
        return bool(after.bullet) and any(ln.bullet and ln.x < split and abs(ln.y - after.y) < 0.35 * size for ln in below)
    return False


def _columns(band: list[Line], split: float, width: float, depth: int) -> list[Line]:
    left = [ln for ln in band if ln.x < split]
    right = [ln for ln in band if ln.x >= split]
    return _read_columns(left, split + 20, depth + 1) + _read_columns(right, width, depth + 1)


def _right_neighbour(lines: list[Line], line: Line, split: float) -> bool:
    return any(o.x >= split and abs(o.y - line.y) < 0.6 * line.size for o in lines)


def find_column_split(lines: list[Line], width: float) -> float | None:
    """The x where a second column starts (less 20pt, for reading order), if the page has two columns."""
    found = _second_column(lines, width)
    if found is None:
        return None
    x, body = found
    # Column lines start at x, bullets a little left of their text; headings may stand further left
    # (a bullet list indented under its column's headings): the column's edge (`column_gutter`).
    return min(min(ln.x for ln in body if abs(ln.x - x) <= 6), _column_edge(x, body)) - 20


def column_gutter(lines: list[Line], width: float) -> float | None:
    """Where the right column's lines start at the least (right of every left-column line level with them), if two columns."""
    found = _second_column(lines, width)
    if found is None:
        return None
    return _column_edge(*found)


def _column_edge(x: float, body: list[Line]) -> float:
    """The leftmost x at which two or more lines of the column starting near `x` start, right of the left column."""
    # The furthest a left-column line level with a right-column line reaches (lines sorted by height).
    left = sorted((o for o in body if o.x < x - 20 and o.x1 < x), key=lambda o: o.y)
    heights = [o.y for o in left]
    left_end = 0.0
    for ln in body:
        if abs(ln.x - x) <= 6:
            for o in left[bisect_left(heights, ln.y - ln.size) : bisect_right(heights, ln.y + ln.size)]:
                left_end = max(left_end, o.x1)
    # The right column's edge: the leftmost x at which two or more of its lines start (headings and
    # bullets may stand left of the commonest start); a lone stray glyph is no edge.
    edges = Counter(round(ln.x) for ln in body if left_end < ln.x <= x + 6)
    return min((e for e, n in edges.items() if n >= 2), default=x)


HANGING_INDENT = 18  # pt: how far right of its bullet a wrapped bullet's text may start


def _second_column(lines: list[Line], width: float) -> tuple[float, list[Line]] | None:
    """(a common start x of the second column, the page's body lines), if the page has two columns.

    A second column shows as several lines starting right of `COLUMN_START` of the width
    that sit level with lines of a left column ending before them.
    """
    body = [ln for ln in lines if not ln.aside]
    if len(body) < 6:
        return None
    # A column's lines start at its bullets' x or at its text's, a hanging indent further right: each
    # start counts the lines starting there or up to HANGING_INDENT right of it, so that two bullets
    # that wrap make a column too.
    xs = [round(ln.x / 4) * 4 for ln in body if ln.x > width * COLUMN_START]
    near = {x: sum(1 for v in xs if -8 <= v - x <= HANGING_INDENT) for x in set(xs)}
    for x in sorted(near, key=lambda x: (-near[x], x)):
        if near[x] < 3:
            break
        level = [
            ln
            for ln in body
            if -6 <= ln.x - x <= HANGING_INDENT
            and any(o.x < x - 20 and o.x1 < x and abs(o.y - ln.y) < ln.size for o in body)
        ]
        if len(level) >= 3:
            return x, body
    return None
