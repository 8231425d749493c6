"""The report's output formats: SVG heat map with its text alternative, tables, A4 PDF with page numbers."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from handbook.report_output import Matrix, Report, Table, heatmap_svg, html_table, matrix_table, report_pdf

MATRIX = Matrix("Clauses by principle", ("COC 1. Integrity", "COC 2. Care"), ("Integrity", "Honesty"), ((2, 1), (0, 3)))
REPORT = Report(
    title="Alignment",
    summary=("Of 6 clauses, 4 engage a council clause.",),
    matrix=MATRIX,
    tables=(Table("Coverage", ("Policy", "Clauses"), (("ECC Employee Code <of> Conduct", "4"),)),),
    sources=("CIH – Code of Conduct v3",),
    generated="2023-11-14",
)


def test_heatmap_is_titled_described_and_prints_every_count() -> None:
    svg = heatmap_svg(MATRIX)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 454 140" role="img" aria-labelledby="heatmap-title heatmap-desc"')
    assert '<title id="heatmap-title">Clauses by principle</title>' in svg
    assert [svg.count(f">{n}</text>") for n in (0, 1, 2, 3)] == [1, 1, 1, 1]
    assert 'fill="rgb(26,54,120)"' in svg  # the largest count is the darkest cell


def test_matrix_as_a_table_escapes_text() -> None:
    assert matrix_table(MATRIX).rows == (("COC 1. Integrity", "2", "1"), ("COC 2. Care", "0", "3"))
    assert "<td>ECC Employee Code &lt;of&gt; Conduct</td>" in html_table(REPORT.tables[0])


def test_pdf_is_a4_with_page_numbers_and_the_tables(tmp_path: Path) -> None:
    report_pdf(REPORT, tmp_path / "report.pdf")
    reader = PdfReader(tmp_path / "report.pdf")
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = page.extract_text()
    for expected in ("COC 1. Integrity 2 1", "COC 2. Care 0 3", "ECC Employee Code <of> Conduct 4", "Alignment – page 1 of 1"):
        assert expected in text
