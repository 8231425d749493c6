"""The report's output formats: SVG heat map with its text alternative, tables, A4 PDF with page numbers."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from handbook.report_output import (
    Answer, Finding, Matrix, Quote, Report, Table, findings_table, heatmap_svg, html_table, matrix_table, report_pdf,
)

MATRIX = Matrix("Clauses by principle", ("COC 1. Integrity", "COC 2. Care"), ("Integrity", "Honesty"), ((2, 1), (0, 3)))
REPORT = Report(
    title="Alignment",
    summary=("Of 6 clauses, 4 engage a council clause.",),
    appendices=(MATRIX, Table("Coverage", ("Policy", "Clauses"), (("ECC Employee Code <of> Conduct", "4"),))),
    sources=("CIH – Code of Conduct v3",),
    generated="2023-11-14",
    findings=(Finding("The code is <similar>.", "Director", "3 of 4 clauses engage it.", "Largely supported", (Quote("TRA-4.1", "Training Agreement 2.1", "Repay it."),)),),
    answers=(Answer("Is it aligned?", "Answered by statement 1 – largely supported."),),
    recommendations=("Add a clause.",),
    review="Reviewed by HR on 2026-11-22.",
)


def test_heatmap_is_titled_described_and_prints_every_count() -> None:
    svg = heatmap_svg(MATRIX)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 454 140" role="img" aria-labelledby="heatmap-title heatmap-desc"')
    assert '<title id="heatmap-title">Clauses by principle</title>' in svg
    assert [svg.count(f">{n}</text>") for n in (0, 1, 2, 3)] == [1, 1, 1, 1]
    assert 'fill="rgb(26,54,120)"' in svg  # the largest count is the darkest cell


def test_matrix_as_a_table_escapes_text() -> None:
    assert matrix_table(MATRIX).rows == (("COC 1. Integrity", "2", "1"), ("COC 2. Care", "0", "3"))
    table = html_table(REPORT.tables[0])
    # Every row is labelled by a header cell (Lighthouse td-has-header), and the corner header is named.
    assert '<thead><tr><th scope="col">Policy</th><th scope="col">Clauses</th></tr></thead>' in table
    assert '<tr><th scope="row">ECC Employee Code &lt;of&gt; Conduct</th><td>4</td></tr>' in table
    assert matrix_table(MATRIX).headers == ("Section", "Integrity", "Honesty")


def test_findings_table_escapes_and_quotes_the_evidence() -> None:
    assert findings_table(REPORT) == (
        '<table class="handbook-table handbook-findings" data-search-exclude><caption>The statements made to the committee, '
        'tested against the data</caption><thead><tr><th scope="col">Statement</th><th scope="col">What the data shows</th>'
        '<th scope="col">Verdict</th></tr></thead><tbody><tr><th scope="row">1. The code is &lt;similar&gt;.<br><small>Director'
        '</small></th><td>3 of 4 clauses engage it.<blockquote class="handbook-evidence"><p>Repay it.</p><footer>TRA-4.1, '
        "Training Agreement 2.1</footer></blockquote></td><td>Largely supported</td></tr></tbody></table>"
    )


def test_pdf_is_a4_with_page_numbers_and_the_tables(tmp_path: Path) -> None:
    report_pdf(REPORT, tmp_path / "report.pdf")
    reader = PdfReader(tmp_path / "report.pdf")
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = page.extract_text()
    for expected in ("Of 6 clauses, 4 engage a council clause.", "Is it aligned?", "1. Add a clause.", "Alignment – page 1 of 2"):
        assert expected in text
    assert "Coverage" not in text  # the appendices start on a page of their own
    appendix = reader.pages[1].extract_text()
    for expected in ("COC 1. Integrity 2 1", "COC 2. Care 0 3", "ECC Employee Code <of> Conduct 4", "Alignment – page 2 of 2"):
        assert expected in appendix


def test_pdf_sets_rows_too_long_for_a_page_as_paragraphs_and_keeps_every_word(tmp_path: Path) -> None:
    """A 100-fold handbook (or a long statement in committee.yml) makes cells longer than a page: fpdf2 cannot split
    a table row, so those rows are set as paragraphs instead of failing the build."""
    from dataclasses import replace

    long_finding = " ".join(f"Policy{n} v1 (in force from 2010-01-01);" for n in range(400))
    long_cell = " ".join(f"ECC{n}-4.1" for n in range(900))
    report = replace(
        REPORT,
        findings=(Finding("The policies are current.", "Legal", long_finding, "Not tested"), *REPORT.findings),
        appendices=(Table("Gaps", ("Document", "Clauses"), (("Code of Conduct", long_cell), ("Short", "1"))),),
    )
    report_pdf(report, tmp_path / "report.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "report.pdf").pages)
    words = " ".join(text.split())
    for expected in ("Policy0 v1", "Policy399 v1 (in force from 2010-01-01); Verdict: Not tested.", "ECC0-4.1", "ECC899-4.1", "Document: Short; Clauses: 1"):
        assert expected in words


def test_report_page_shows_markdown_and_html_in_its_text_literally() -> None:
    """Titles, labels and notes come from PDFs and council files: on the page they are text, never links or markup."""
    import markdown

    from handbook.report_output import report_markdown

    hostile = "[x](javascript:alert(1)) *emph* <b>b</b> &amp;"
    report = Report(
        title=f"Report {hostile}",
        summary=(f"Summary {hostile}",),
        appendices=(Matrix(f"Matrix {hostile}", (f"Row {hostile}",), (f"Col {hostile}",), ((1,),)), Table(f"Caption {hostile}", ("H",), ((f"Cell {hostile}",),))),
        sources=(f"Source {hostile}",),
        generated="2026-11-25",
        recommendations=(f"Recommend {hostile}",),
        review=f"Review {hostile}",
        notes=(f"Note {hostile}",),
    )
    page = report_markdown(report, "report.pdf").split("---\n", 2)[2]
    rendered = markdown.markdown(page, extensions=["attr_list", "md_in_html", "pymdownx.escapeall", "tables"])
    assert "javascript:" not in rendered.replace("(javascript:alert(1))", "")
    assert "<em>" not in rendered and "<b>" not in rendered
    shown = "[x](javascript:alert(1)) *emph* &lt;b&gt;b&lt;/b&gt; &amp;amp;"
    for label in ("Report", "Summary", "Row", "Col", "Caption", "Cell", "Source", "Recommend", "Review", "Note"):
        assert f"{label} {shown}" in rendered, label
