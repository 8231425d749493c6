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
class Quote:
    """A council clause quoted verbatim as evidence."""

    clause: str
    source: str  # policy title and version
    text: str


@dataclass(frozen=True)
class Finding:
    """One statement made to the committee, tested against the data."""

    statement: str
    said_by: str
    finding: str
    verdict: str
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Answer:
    concern: str
    answer: str


@dataclass(frozen=True)
class Report:
    title: str
    summary: tuple[str, ...]  # paragraphs with the headline figures
    appendices: tuple[Table | Matrix, ...]
    sources: tuple[str, ...]  # documents and versions it was generated from
    generated: str  # date, from SOURCE_DATE_EPOCH when set
    subtitle: str = ""  # the meeting it answers
    findings: tuple[Finding, ...] = ()
    answers: tuple[Answer, ...] = ()
    recommendations: tuple[str, ...] = ()
    review: str = ""  # who reviewed the mapping, and when
    notes: tuple[str, ...] = field(default=())

    @property
    def matrix(self) -> Matrix:
        return next(a for a in self.appendices if isinstance(a, Matrix))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(a for a in self.appendices if isinstance(a, Table))


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


def html_table(table: Table, matrix: bool = False) -> str:
    """A table whose first column labels its rows (header cells both ways, as screen readers expect);
    a matrix's (counts under short column headings) may set its headings sideways on a phone."""
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in table.headers)
    body = "".join(
        "<tr>"
        + "".join(f'<th scope="row">{html.escape(c)}</th>' if n == 0 else f"<td>{html.escape(c)}</td>" for n, c in enumerate(row))
        + "</tr>"
        for row in table.rows
    )
    # Rows repeat clause and policy text indexed on their own pages: shown here, not indexed for search.
    classes = "handbook-table handbook-matrix" if matrix else "handbook-table"
    return f"<table class=\"{classes}\" data-search-exclude><caption>{html.escape(table.caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def matrix_table(matrix: Matrix) -> Table:
    return Table(
        caption=f"{matrix.title} (as a table)",
        headers=("Section", *matrix.columns),
        rows=tuple((row, *(str(c) for c in counts)) for row, counts in zip(matrix.rows, matrix.counts, strict=True)),
    )


def findings_table(report: Report) -> str:
    rows = []
    for n, f in enumerate(report.findings, start=1):
        quotes = "".join(
            f'<blockquote class="handbook-evidence"><p>{html.escape(q.text)}</p>'
            f"<footer>{html.escape(q.clause)}, {html.escape(q.source)}</footer></blockquote>"
            for q in f.quotes
        )
        said = f"<br><small>{html.escape(f.said_by)}</small>" if f.said_by else ""
        rows.append(
            f'<tr><th scope="row">{n}. {html.escape(f.statement)}{said}</th>'
            f"<td>{html.escape(f.finding)}{quotes}</td><td>{html.escape(f.verdict)}</td></tr>"
        )
    return (
        '<table class="handbook-table handbook-findings" data-search-exclude><caption>The statements made to the committee, '
        'tested against the data</caption><thead><tr><th scope="col">Statement</th><th scope="col">What the data shows</th>'
        f'<th scope="col">Verdict</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def report_markdown(report: Report, pdf_name: str) -> str:
    out = [
        *front_matter(report.title),
        f"# {md_text(report.title)}",
        "",
    ]
    if report.subtitle:
        out += [f"<p class=\"handbook-report-subtitle\">Report to: {html.escape(report.subtitle)}</p>", ""]
    out += [
        f'[Download the report as a PDF (A4)]({pdf_name}){{ .md-button }}',
        "",
        "## Summary",
        "",
        # Markdown text goes through md_text, never html.escape, which leaves [x](javascript:…) a live link.
        *[f"{md_text(p)}\n" for p in report.summary],
    ]
    if report.findings:
        out += [findings_table(report), ""]
    if report.answers:
        out += ["### The committee's concerns", "", '<dl class="handbook-concerns">']
        out += [f"<dt>{html.escape(a.concern)}</dt><dd>{html.escape(a.answer)}</dd>" for a in report.answers]
        out += ["</dl>", ""]
    if report.recommendations:
        out += ["### Recommendations", "", *[f"{n}. {md_text(r)}" for n, r in enumerate(report.recommendations, start=1)], ""]
    if report.review:
        out += ["### Review of the mapping", "", md_text(report.review), ""]
    out += [*[md_text(n) + "\n" for n in report.notes]]
    out += ["## Appendices", ""]
    for item in report.appendices:
        if isinstance(item, Matrix):
            out += [
                f"### {md_text(item.title)}",
                "",
                '<p class="handbook-narrow-note">On a narrow screen the table below gives the same figures as the heat map.</p>',
                "",
                # Inside a block element, so Markdown leaves the SVG's labels alone (escaped once, never links).
                f'<div class="handbook-heatmap-figure">{heatmap_svg(item)}</div>',
                "",
                html_table(matrix_table(item), matrix=True),
                "",
            ]
        else:
            out += [f"### {md_text(item.caption)}", "", html_table(item), ""]
    out += ["## Sources", "", *unsearched([f"- {md_text(s)}" for s in report.sources]), "", f"Generated on {report.generated}."]
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
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, _safe(report.title), new_x="LMARGIN", new_y="NEXT")
    if report.subtitle:
        pdf.set_font("Helvetica", "I", 9.5)
        pdf.multi_cell(0, 5, _safe(f"Report to: {report.subtitle}"), new_x="LMARGIN", new_y="NEXT")
    heading = FontFace(emphasis="BOLD", fill_color=(225, 230, 240))

    def title(text: str, size: float = 11) -> None:
        pdf.ln(1.5)
        pdf.set_font("Helvetica", "B", size)
        pdf.multi_cell(0, 6, _safe(text), new_x="LMARGIN", new_y="NEXT")

    # Page 1: the summary a committee member reads first.
    pdf.set_font("Helvetica", size=8.5)
    for paragraph in report.summary:
        pdf.multi_cell(0, 4.2, _safe(paragraph), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    if report.findings:
        title("The statements made to the committee, tested against the data")
        pdf.set_font("Helvetica", size=7.5)
        rows = [
            (f"{n}. {f.statement} ({f.said_by})", f.finding + "".join(f" [{q.clause}: \"{q.text}\"]" for q in f.quotes), f.verdict)
            for n, f in enumerate(report.findings, start=1)
        ]
        if max(len(cell) for row in rows for cell in row) <= _LONGEST_CELL:
            with pdf.table(headings_style=heading, line_height=3.5, text_align="LEFT", col_widths=(34, 52, 14)) as grid:
                grid.row(["Statement", "What the data shows", "Verdict"])
                for row in rows:
                    grid.row([_safe(c) for c in row])
        else:
            # A table row must fit on one page: findings too long for that are set as paragraphs.
            for statement, finding, verdict in rows:
                pdf.set_font("Helvetica", "B", 7.5)
                pdf.multi_cell(0, 3.5, _safe(statement), new_x="LMARGIN", new_y="NEXT")
                pdf.set_font("Helvetica", size=7.5)
                pdf.multi_cell(0, 3.5, _safe(f"{finding} Verdict: {verdict}."), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(0.6)
    if report.answers:
        title("The committee's concerns")
        pdf.set_font("Helvetica", size=7.5)
        for a in report.answers:
            pdf.set_font("Helvetica", "B", 7.5)
            pdf.multi_cell(0, 3.5, _safe(a.concern), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", size=7.5)
            pdf.multi_cell(0, 3.5, _safe(a.answer), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.6)
    if report.recommendations:
        title("Recommendations")
        pdf.set_font("Helvetica", size=7.5)
        for n, r in enumerate(report.recommendations, start=1):
            pdf.multi_cell(0, 3.5, _safe(f"{n}. {r}"), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.6)
    if report.review or report.notes:
        pdf.ln(1)
        pdf.set_font("Helvetica", "I", 7.5)
        for line in (report.review, *report.notes):
            if line:
                pdf.multi_cell(0, 3.5, _safe(line), new_x="LMARGIN", new_y="NEXT")
    # The appendices start on a page of their own.
    pdf.add_page()
    for item in report.appendices:
        table = matrix_table(item) if isinstance(item, Matrix) else item
        title(table.caption.replace(" (as a table)", ""), 12)
        pdf.set_font("Helvetica", size=8)
        if all(len(c) <= _LONGEST_CELL // len(table.headers) for row in table.rows for c in row):
            with pdf.table(headings_style=heading, line_height=4.2, text_align="LEFT") as grid:
                grid.row([_safe(h) for h in table.headers])
                for row in table.rows:
                    grid.row([_safe(c) for c in row])
        else:
            for row in table.rows:  # a row too long for one page: each as a paragraph of "header: value"
                pdf.multi_cell(0, 4.2, _safe("; ".join(f"{h}: {c}" for h, c in zip(table.headers, row))), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(0.6)
        pdf.ln(3)
    title("Sources", 12)
    pdf.set_font("Helvetica", size=9)
    for source in report.sources:
        pdf.multi_cell(0, 5, _safe(f"- {source}"), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, _safe(f"Generated on {report.generated}."), new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return data


# Characters a table cell may hold and still fit a page (a narrow column of 7.5 pt text holds about 2,500).
_LONGEST_CELL = 1500


def _safe(text: str) -> str:
    """Text the PDF's core fonts can draw (cp1252); anything else becomes '?'."""
    return text.encode("cp1252", errors="replace").decode("cp1252")


def _creation_date(day: str):  # type: ignore[no-untyped-def]
    from datetime import datetime, timezone

    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc)
