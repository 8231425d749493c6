"""PDFs built to make the extractor work for hours or hold gigabytes stop at once with one line.

pypdf 7 already limits a stream's inflated size (75 MB), the tokens of one
content stream (2,000,000), the page tree's depth and entries and cyclic page
references. Past those, a small file could still keep a build busy for hours:
pages each drawing a stream of a million operators just under pypdf's limit
(a 23 KB file of 100 such pages ran for more than 5 minutes), or a page tree
of 100,000 pages (83 s and 500 MB before anything was read). The extractor now
refuses a document of more than MAX_PAGES pages (by its declared count, or
when pypdf's walk of the tree passes it), a page whose decoded content is more
than MAX_PAGE_CONTENT_BYTES and a document whose pages' content adds up to more
than MAX_CONTENT_BYTES, each with one line naming the file and page.
"""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from handbook import pdf_layout
from handbook.errors import HandbookError
from handbook.pdf_layout import read_layout

HANDBOOK = str(Path(sys.executable).parent / "handbook")
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 60 780 Td (1. Conduct) Tj 0 -20 Td (- Be honest.) Tj ET"


def stream(data: bytes, compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def write_pdf(path: Path, objects: dict[int, bytes]) -> Path:
    """A PDF of the given objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets.get(n, 0) for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    path.write_bytes(bytes(out))
    return path


def pages_pdf(path: Path, pages: int, content: bytes, *, declared: int | None = None) -> Path:
    """`pages` pages all drawing the one content stream `content`; the tree may declare another count."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: stream(content), 4: FONT}
    kids = b" ".join(b"%d 0 R" % (10 + n) for n in range(pages))
    objects[2] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % (pages if declared is None else declared)
    for n in range(pages):
        objects[10 + n] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>"
    return write_pdf(path, objects)


def extract(path: Path) -> tuple[int, str, str]:
    result = subprocess.run([HANDBOOK, "extract", str(path)], cwd=path.parent, capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout, result.stderr


def test_a_decompression_bomb_is_one_line(tmp_path: Path) -> None:
    squeezed = zlib.compressobj(9)
    data = squeezed.compress(TEXT + b"\n") + b"".join(squeezed.compress(b" " * 1_000_000) for _ in range(100)) + squeezed.flush()
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        5: FONT,
    }
    path = write_pdf(tmp_path / "bomb.pdf", objects)
    assert path.stat().st_size < 200_000  # 100 MB once inflated
    code, out, err = extract(path)
    assert (code, out) == (1, "")
    assert err.startswith("Error: bomb.pdf: page 1: part of the PDF is too large to read safely (")
    assert err.endswith("); export the document again as an ordinary text PDF; if it is one, report it with the file\n")
    assert err.count("\n") == 1


def test_a_page_of_millions_of_operators_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = pages_pdf(tmp_path / "operators.pdf", 1, b"0 0 m 1 1 l S\n" * 200_000 + TEXT)  # 2.8 MB, 1.4 million tokens
    code, out, err = extract(path)
    assert (code, out, err) == (
        1,
        "",
        "Error: operators.pdf: page 1: its drawing instructions take more than 2 MB, far more than a text document has; "
        "export the document again as an ordinary text PDF (not a drawing or a page image turned into shapes)\n",
    )


def test_the_pages_content_has_a_budget_over_the_whole_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten pages under the page limit each, over the document's budget together (the limits made small to be quick)."""
    content = TEXT + b"\n" + b"0 0 m 1 1 l S\n" * 100
    monkeypatch.setattr(pdf_layout, "MAX_CONTENT_BYTES", 5 * len(content) + 10)
    path = pages_pdf(tmp_path / "budget.pdf", 10, content)
    with pytest.raises(HandbookError) as caught:
        read_layout(path)
    assert str(caught.value) == (
        f"{path}: page 6: the pages' drawing instructions add up to more than 0 MB, far more than a text document has; "
        "export the document again as an ordinary text PDF (not a drawing or a page image turned into shapes)"
    )


@pytest.mark.parametrize("declared", [60, 1], ids=["declared", "count-lies"])
def test_a_document_of_too_many_pages_is_refused_before_they_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, declared: int) -> None:
    monkeypatch.setattr(pdf_layout, "MAX_PAGES", 50)
    path = pages_pdf(tmp_path / "pages.pdf", 60, TEXT, declared=declared)
    with pytest.raises(HandbookError) as caught:
        read_layout(path)
    count = "60" if declared == 60 else "more than 50"
    assert str(caught.value) == (
        f"{path}: the PDF has {count} pages, more than the 50 a code or policy may have; "
        "check that this is the document's own PDF, not a compilation or a damaged file"
    )


def test_a_page_tree_declaring_a_trillion_pages_is_refused_at_once(tmp_path: Path) -> None:
    """Forty levels of two kids, each the same node: 2**40 pages from 4 KB."""
    objects = {1: b"<< /Type /Catalog /Pages 10 0 R >>", 4: stream(TEXT), 5: FONT}
    for level in range(40):
        objects[10 + level] = b"<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count %d >>" % (11 + level, 11 + level, 2 ** (40 - level))
    objects[50] = b"<< /Type /Page /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
    code, out, err = extract(write_pdf(tmp_path / "tree.pdf", objects))
    assert (code, out, err) == (
        1,
        "",
        "Error: tree.pdf: the PDF has 1,099,511,627,776 pages, more than the 5,000 a code or policy may have; "
        "check that this is the document's own PDF, not a compilation or a damaged file\n",
    )


def test_a_form_drawn_thousands_of_times_counts_each_time(tmp_path: Path) -> None:
    """A 4 KB page drawing a form of 30,000 text operators 4,000 times (within pypdf's 5,000 form invocations) ran for
    more than two minutes; its content, counted each time it is drawn, is over the page's limit."""
    form = stream(b"BT /F1 12 Tf 60 700 Td (x) Tj ET\n" * 30_000)
    form = form.replace(b"<< /Length", b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Length", 1)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /Fm0 6 0 R >> >> "
        b"/Contents 4 0 R >>",
        4: stream(b"/Fm0 Do\n" * 4_000 + TEXT),
        5: FONT,
        6: form,
    }
    path = write_pdf(tmp_path / "forms.pdf", objects)
    assert path.stat().st_size < 10_000
    code, out, err = extract(path)
    assert (code, out, err) == (
        1,
        "",
        "Error: forms.pdf: page 1: its drawing instructions take more than 2 MB, far more than a text document has; "
        "export the document again as an ordinary text PDF (not a drawing or a page image turned into shapes)\n",
    )
