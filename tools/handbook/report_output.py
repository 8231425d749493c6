"""Output formats for the committee's alignment report: page, heat map SVG and A4 PDF.

The report's figures are computed elsewhere (`report.py`) into a plain
`Report`; this module only lays it out, the same content three ways, so the
web page, its text alternative and the printed PDF can never disagree.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from .render import front_matter, md_text, unsearched


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Matrix:
    """Counts per row (e.g. CIH document section) and column (e.g. Nolan principle)."""

    title: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Report:
    title: str
    summary: tuple[str, ...]  # paragraphs with the headline figures
    matrix: Matrix
    tables: tuple[Table, ...]
    sources: tuple[str, ...]  # documents and versions it was generated from
    generated: str  # date, from SOURCE_DATE_EPOCH when set
    notes: tuple[str, ...] = field(default=())


def heatmap_svg(matrix: Matrix) -> str:
    """An accessible SVG heat map: titled, described, with every count printed in its cell."""
    cell_w, cell_h, left, top = 92, 30, 260, 70
    width = left + cell_w * len(matrix.columns) + 10
    height = top + cell_h * len(matrix.rows) + 10
    peak = max((c for row in matrix.counts for c in row), default=0) or 1
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="heatmap-title heatmap-desc" class="handbook-heatmap" data-search-exclude>',
        f'<title id="heatmap-title">{html.escape(matrix.title)}</title>',
        '<desc id="heatmap-desc">Darker cells mean more clauses. The same figures are in the table below.</desc>',
    ]
    for j, column in enumerate(matrix.columns):
        x = left + j * cell_w + cell_w / 2
        out.append(f'<text x="{x:.0f}" y="{top - 12}" text-anchor="middle" font-size="13">{html.escape(column)}</text>')
    for i, row in enumerate(matrix.rows):
        y = top + i * cell_h
        out.append(f'<text x="{left - 8}" y="{y + 20}" text-anchor="end" font-size="13">{html.escape(row)}</text>')
        for j, count in enumerate(matrix.counts[i]):
            shade = count / peak
            # From white to a dark blue; text flips to white where the fill gets dark.
            r, g, b = (round(255 - shade * (255 - v)) for v in (26, 54, 120))
            colour = "#ffffff" if shade > 0.5 else "#000000"
            x = left + j * cell_w
            out.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="rgb({r},{g},{b})" stroke="#767676" stroke-width="0.5"/>'
                f'<text x="{x + cell_w / 2 - 1:.0f}" y="{y + 20}" text-anchor="middle" font-size="13" fill="{colour}">{count}</text>'
            )
    out.append("</svg>")
    return "".join(out)


def html_table(table: Table) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    # Rows repeat clause and policy text indexed on their own pages: shown here, not indexed for search.
    return f"<table class=\"handbook-table\" data-search-exclude><caption>{html.escape(table.caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def matrix_table(matrix: Matrix) -> Table:
    return Table(
        caption=f"{matrix.title} (as a table)",
        headers=("", *matrix.columns),
        rows=tuple((row, *(str(c) for c in counts)) for row, counts in zip(matrix.rows, matrix.counts, strict=True)),
    )


def report_markdown(report: Report, pdf_name: str) -> str:
    out = [
        front_matter(title=report.title),
        "",
        f"# {md_text(report.title)}",
        "",
        f'[Download the report as a PDF (A4)]({pdf_name}){{ .md-button }}',
        "",
        *[f"{md_text(p)}\n" for p in report.summary],
        "## Clauses by Nolan principle",
        "",
        # Inside a block element, so Markdown leaves the SVG's labels as they are (escaped once, never links).
        f'<div class="handbook-heatmap-figure">{heatmap_svg(report.matrix)}</div>',
        "",
        html_table(matrix_table(report.matrix)),
        "",
    ]
    for table in report.tables:
        out += [f"## {md_text(table.caption)}", "", html_table(table), ""]
    # Markdown text: md_text, never html.escape, which would leave [x](javascript:…) a live link.
    out += ["## Sources", "", *unsearched([f"- {md_text(s)}" for s in report.sources]), "", f"Generated on {md_text(report.generated)}."]
    out += ["", *[md_text(n) for n in report.notes]]
    return "\n".join(out) + "\n"


def report_pdf(report: Report, path: Path | None = None) -> bytes:
    """The report as an A4 PDF with page numbers, drawn with fpdf2's core fonts."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class _Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, f"{report.title} – page {self.page_no()} of {{nb}}", align="C")

    pdf = _Pdf(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_title(report.title)
    pdf.set_creation_date(_creation_date(report.generated))
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, _safe(report.title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", size=10)
    for paragraph in report.summary:
        pdf.multi_cell(0, 5.5, _safe(paragraph), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    heading = FontFace(emphasis="BOLD", fill_color=(225, 230, 240))
    for table in (matrix_table(report.matrix), *report.tables):
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, _safe(table.caption), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=8.5)
        with pdf.table(headings_style=heading, line_height=4.5, text_align="LEFT") as grid:
            grid.row([_safe(h) for h in table.headers])
            for row in table.rows:
                grid.row([_safe(c) for c in row])
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, "Sources", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    for source in report.sources:
        pdf.multi_cell(0, 5, _safe(f"- {source}"), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, _safe(f"Generated on {report.generated}."), new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return data


def _safe(text: str) -> str:
    """Text the PDF's core fonts can draw (cp1252); anything else becomes '?'."""
    return text.encode("cp1252", errors="replace").decode("cp1252")


def _creation_date(day: str):  # type: ignore[no-untyped-def]
    from datetime import datetime, timezone

    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc)
