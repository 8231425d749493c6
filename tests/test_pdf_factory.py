"""The PDF factory draws what tests say, and pypdf 7.1.0 reads it back as documented.

These test the helper in tests/pdf_factory.py, not the handbook.  They pin
down what pypdf gives for each font, and what ``visitor_text`` reports, which
the clause extractor relies on.  What pypdf returns, checked below:

* body/bold: the text as drawn (cp1252 text, including "•" 0x95, "–", "€").
* lig: "ﬁ" U+FB01 and "ﬂ" U+FB02 themselves; pypdf does not expand them.
* symbol: byte 0xB7 gives "•" U+2022, the same character as the body font's
  bullet; so do the other SYMBOL_CODES (→ ≥ ≤ × ± ° ♦ ◊ −).
* dingbats: "n" gives "■" U+25A0, "l" gives "●" U+25CF, "4" gives "✔" U+2714.
* pua: byte 0x01 gives "\\uf0b7" through the /ToUnicode CMap; the other
  bytes, not in the CMap, fall back to WinAnsi.
* visitor_text: see the module docstring of pdf_factory for the calls, the
  empty and "\\n" ones included; ``test_visitor_calls_in_order`` pins them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError
from pypdf.generic import DictionaryObject, NameObject

from pdf_factory import (
    DINGBAT_LETTERS,
    FONTS,
    SYMBOL_CODES,
    Box,
    Run,
    bullet_item,
    encode,
    make_image_only_pdf,
    make_pdf,
    pdf_string,
    truncate,
    wrap_lines,
)

Call = tuple[str, float, float, str | None, float]


def text_of(path: Path, page: int = 0) -> str:
    return PdfReader(path).pages[page].extract_text()


def visit(path: Path, page: int = 0) -> list[Call]:
    """(text, tm x, tm y, /BaseFont or None, font size) for every visitor_text call."""
    calls: list[Call] = []

    def visitor(text: str, cm: list[float], tm: list[float], font_dict: DictionaryObject | None, size: float) -> None:
        assert cm == [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        assert len(tm) == 6 and tm[:4] == [1.0, 0.0, 0.0, 1.0]
        base = None if font_dict is None else font_dict["/BaseFont"]
        calls.append((text, tm[4], tm[5], base, size))

    PdfReader(path).pages[page].extract_text(visitor_text=visitor)
    return calls


def text_calls(path: Path) -> list[Call]:
    """The visitor calls that carry text of a run (no "" or "\\n" ones)."""
    return [c for c in visit(path) if c[0].strip()]


@pytest.mark.parametrize(
    ("font", "drawn", "extracted"),
    [
        ("body", "Café (a) \\ b – ‘x’ • €5", "Café (a) \\ b – ‘x’ • €5"),
        ("bold", "1. Act with integrity", "1. Act with integrity"),
        ("lig", "ﬁnancial beneﬁt, ﬂattery", "ﬁnancial beneﬁt, ﬂattery"),
        ("symbol", "•", "•"),
        ("symbol", "→ ≥ ≤ × ± ° ♦ ◊ − 12 (3)", "→ ≥ ≤ × ± ° ♦ ◊ − 12 (3)"),
        ("dingbats", "n", "■"),
        ("dingbats", "l", "●"),
        ("dingbats", "4", "✔"),
        ("dingbats", "■●✔", "■●✔"),
        ("pua", "\uf0b7", "\uf0b7"),
        ("pua", "\uf0b7 é (x)", "\uf0b7 é (x)"),
    ],
)
def test_each_font_extracts_exactly(tmp_path: Path, font: str, drawn: str, extracted: str) -> None:
    path = make_pdf([[Run(drawn, 72, 700, font=font)]], tmp_path / "one.pdf")
    assert text_of(path) == extracted


def test_ligatures_are_the_differences_codes(tmp_path: Path) -> None:
    assert encode("ﬁﬂ", "lig") == b"\x81\x8d"
    path = make_pdf([[Run("ﬁ", 72, 700, font="lig"), Run("ﬂ", 72, 680, font="lig")]], tmp_path / "lig.pdf")
    text = text_of(path)
    assert "\ufb01" in text and "\ufb02" in text and "fi" not in text and "fl" not in text
    font = PdfReader(path).pages[0]["/Resources"]["/Font"]["/F3"]
    assert font["/Encoding"]["/Differences"] == [0x81, "/fi", 0x8D, "/fl"]
    assert font["/Encoding"]["/BaseEncoding"] == "/WinAnsiEncoding"


def test_symbol_bullet_is_byte_b7_and_comes_back_as_u2022(tmp_path: Path) -> None:
    assert encode("•", "symbol") == b"\xb7"
    assert encode("•", "body") == b"\x95"
    path = make_pdf([[Run("•", 60, 700, font="symbol"), Run("•", 60, 680, font="body")]], tmp_path / "bullets.pdf")
    assert text_of(path) == "•\n•"
    for ch, code in SYMBOL_CODES.items():
        assert encode(ch, "symbol") == bytes([code])


def test_dingbats_are_written_as_the_letters(tmp_path: Path) -> None:
    assert encode("nl", "dingbats") == b"nl"
    assert {ch: encode(ch, "dingbats") for ch in DINGBAT_LETTERS} == {"■": b"n", "●": b"l", "✔": b"4"}


def test_pua_bullet_goes_through_to_unicode(tmp_path: Path) -> None:
    assert encode("\uf0b7", "pua") == b"\x01"
    path = make_pdf([[Run("\uf0b7", 60, 700, font="pua")]], tmp_path / "pua.pdf")
    font = PdfReader(path).pages[0]["/Resources"]["/Font"]["/F6"]
    assert b"<01> <F0B7>" in font["/ToUnicode"].get_data()
    assert text_of(path) == "\uf0b7"


def test_unwritable_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="U\\+FB01"):
        encode("ﬁ", "body")
    with pytest.raises(ValueError, match="symbol"):
        encode("a", "symbol")
    with pytest.raises(ValueError, match="dingbats"):
        encode("é", "dingbats")
    with pytest.raises(ValueError, match="line break"):
        make_pdf([[Run("two\nlines", 72, 700)]], tmp_path / "x.pdf")
    with pytest.raises(ValueError, match="unknown font"):
        make_pdf([[Run("x", 72, 700, font="italic")]], tmp_path / "x.pdf")


def test_string_escaping() -> None:
    assert pdf_string(b"a(b)c\\d") == b"(a\\(b\\)c\\\\d)"
    assert pdf_string(b"\x81\x01") == b"(\x81\x01)"


def test_every_page_has_all_fonts_and_its_content(tmp_path: Path) -> None:
    pages: list[list[Run | Box]] = [[Run("page one", 72, 700)], [Box(50, 50, 100, 100), Run("page two", 72, 700, font="bold")]]
    path = make_pdf(pages, tmp_path / "two.pdf", title="Two pages", page_size=(612, 792))
    reader = PdfReader(path)
    assert [p.extract_text() for p in reader.pages] == ["page one", "page two"]
    assert reader.metadata is not None and reader.metadata.title == "Two pages"
    assert [float(v) for v in reader.pages[0].mediabox] == [0, 0, 612, 792]
    fonts = reader.pages[1]["/Resources"]["/Font"]
    assert sorted(fonts, key=lambda f: int(f[2:])) == [f"/F{n}" for n in range(1, len(FONTS) + 1)]
    assert {fonts[f"/F{n}"]["/BaseFont"] for n in range(1, 7)} == {"/Helvetica", "/Helvetica-Bold", "/Symbol", "/ZapfDingbats"}
    content = reader.pages[1].get_contents().get_data()
    assert content.index(b" re f Q") < content.index(b"(page two) Tj")


def test_boxes_can_be_stroked(tmp_path: Path) -> None:
    path = make_pdf([[Box(10, 20, 30.5, 40, 0.8, stroke=True), Run("in a box", 15, 30)]], tmp_path / "box.pdf")
    content = PdfReader(path).pages[0].get_contents().get_data()
    assert b"q 0.8 g 0 G 0.5 w 10 20 30.5 40 re B Q" in content
    assert text_of(path) == "in a box"


def test_encrypted_pdf_needs_the_password(tmp_path: Path) -> None:
    path = make_pdf([[Run("secret", 72, 700)]], tmp_path / "locked.pdf", encrypt_password="pw")
    reader = PdfReader(path)
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    with pytest.raises(FileNotDecryptedError):
        len(reader.pages)
    assert not reader.decrypt("wrong")
    assert reader.decrypt("pw")
    assert reader.pages[0].extract_text() == "secret"


def test_aes_encryption_when_cryptography_is_installed(tmp_path: Path) -> None:
    pytest.importorskip("cryptography", reason="pypdf writes AES only with the cryptography package")
    path = make_pdf([[Run("secret", 72, 700)]], tmp_path / "aes.pdf", encrypt_password="pw", encrypt_algorithm="AES-128")
    reader = PdfReader(path)
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()


def test_image_only_pdf_has_no_text(tmp_path: Path) -> None:
    path = make_image_only_pdf(tmp_path / "scan.pdf")
    page = PdfReader(path).pages[0]
    assert page.extract_text().strip() == ""
    assert "/Font" not in page["/Resources"]
    assert len(page.images) == 1
    calls: list[tuple[str, list[float]]] = []
    page.extract_text(visitor_text=lambda text, cm, tm, font_dict, size: calls.append((text, cm)))
    # Only empty flushes: one from ``cm`` (identity), one from ``Do`` (the image's matrix).
    assert calls == [("", [1, 0, 0, 1, 0, 0]), ("", [495.28, 0, 0, 741.89, 50, 50])]


def test_truncated_copy_is_unreadable(tmp_path: Path) -> None:
    whole = make_pdf([[Run("whole", 72, 700)]], tmp_path / "whole.pdf")
    cut = truncate(whole, tmp_path / "cut.pdf", keep_fraction=0.5)
    assert cut.stat().st_size == whole.stat().st_size // 2
    assert whole.read_bytes().startswith(cut.read_bytes())
    with pytest.raises(PdfReadError):
        PdfReader(cut).pages[0].extract_text()
    with pytest.raises(ValueError):
        truncate(whole, tmp_path / "none.pdf", keep_fraction=1)


def test_layout_helpers() -> None:
    assert wrap_lines(["a", "b"], 72, 700, leading=12, font="bold", size=9) == [
        Run("a", 72, 700, 9, "bold"),
        Run("b", 72, 688, 9, "bold"),
    ]
    assert bullet_item(["act with", "honesty"], 60, 72, 700, bullet="n", bullet_font="dingbats") == [
        Run("n", 60, 700, font="dingbats"),
        Run("act with", 72, 700),
        Run("honesty", 72, 687),
    ]


def test_visitor_reports_each_runs_position_font_and_size(tmp_path: Path) -> None:
    runs = [
        Run("Heading", 56, 780, size=15, font="bold"),
        *bullet_item(["first line", "second line"], 60, 72, 700, bullet_font="symbol"),
        Run("ﬁne", 300.5, 650.25, size=9, font="lig"),
        Run("n", 60, 600, font="dingbats"),
        Run("\uf0b7", 60, 580, font="pua"),
    ]
    path = make_pdf([[Box(40, 560, 200, 240), *runs]], tmp_path / "runs.pdf")
    expected = {
        "bold": "/Helvetica-Bold",
        "symbol": "/Symbol",
        "body": "/Helvetica",
        "lig": "/Helvetica",
        "dingbats": "/ZapfDingbats",
        "pua": "/Helvetica",
    }
    extracted = {"•": "•", "n": "■"}
    got = text_calls(path)
    assert [(t.strip(), x, y, base, size) for t, x, y, base, size in got] == [
        (extracted.get(r.text, r.text), r.x, r.y, expected[r.font], r.size) for r in runs
    ]


def test_visitor_calls_in_order(tmp_path: Path) -> None:
    """Every call, the empty and line-break ones included, for a small page."""
    runs = [
        Run("Title", 56, 780, size=15, font="bold"),
        Run("left", 56, 700),
        Run("right", 300, 700),
        Run("•", 60, 680),
        Run("item", 72, 680),
        Run("", 72, 650),
        Run("after", 72, 640),
    ]
    path = make_pdf([runs], tmp_path / "calls.pdf")
    h, hb = "/Helvetica", "/Helvetica-Bold"
    assert visit(path) == [
        ("", 0, 0, None, 12.0),  # first BT on the page: nothing set yet
        ("Title", 56, 780, hb, 15.0),
        ("", 56, 780, hb, 15.0),  # BT: previous run's state
        ("\n", 0, 0, h, 10.5),  # baseline moved: new font, identity tm
        ("left", 56, 700, h, 10.5),
        ("", 56, 700, h, 10.5),
        (" right", 300, 700, h, 10.5),  # same baseline, gap: synthetic space
        ("", 300, 700, h, 10.5),
        ("\n", 0, 0, h, 10.5),
        ("•", 60, 680, h, 10.5),
        ("", 60, 680, h, 10.5),
        (" item", 72, 680, h, 10.5),
        ("", 72, 680, h, 10.5),
        ("\n", 0, 0, h, 10.5),
        ("", 72, 650, h, 10.5),  # Run("")
        ("", 72, 650, h, 10.5),
        ("after", 72, 640, h, 10.5),  # no "\n": the text already ends in one
    ]
    assert text_of(path) == "Title\nleft right\n• item\nafter"


def test_visitor_text_follows_stream_order_not_position(tmp_path: Path) -> None:
    path = make_pdf([[Run("right", 300, 700), Run("left", 56, 700), Run("top", 56, 800)]], tmp_path / "order.pdf")
    assert [(t, x, y) for t, x, y, _, _ in text_calls(path)] == [("right", 300, 700), ("left", 56, 700), ("top", 56, 800)]
    assert text_of(path) == "rightleft\ntop"
