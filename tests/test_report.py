"""The committee report's figures, computed from mapping links (here a small hand-made set)."""

from __future__ import annotations

import pytest

from conftest import ROOT, without_abbr
from handbook.extract import ExtractionCache
from handbook.pipeline import load_handbook
from handbook.report import ClauseLinks, build_report

PRINCIPLES = ("Selflessness", "Integrity", "Objectivity", "Accountability", "Openness", "Honesty", "Leadership")


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "source_pdfs/manifest.yml", ExtractionCache(None))


def test_figures_follow_the_links(handbook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    links = {
        "COC-1.3": ClauseLinks(("Integrity",), ("GIF-2.1", "ECC-5.2")),
        "COC-1.4": ClauseLinks(("Integrity", "Openness"), ("DOI-2.1",)),
        "COC-3.4": ClauseLinks(("Accountability",), (), gap_note="The council has no duty to tell a professional body."),
    }
    report = build_report(handbook, links, PRINCIPLES)
    assert report.summary[0] == (
        "Of 99 clauses in the current CIH documents, 2 (2%) engage at least one clause of the council's own "
        "policies; 1 (1%) have no council equivalent and 96 are not yet mapped."
    )
    assert report.summary[1] == "Of 158 clauses in the council's 9 policies, 3 (2%) are engaged by at least one CIH clause."
    first_row = report.matrix.rows.index("COC 1. Act with integrity and respect")
    assert report.matrix.counts[first_row] == (0, 2, 0, 0, 1, 0, 0)
    coverage = {row[0]: row[1:] for row in report.tables[0].rows}
    assert coverage["GIF Gifts and Hospitality Policy"] == ("14", "1", "7%")
    assert report.tables[1].rows == (
        ("COC-3.4", next(c.text for c in handbook.current("COC").document.clauses if c.id == "COC-3.4"),
         "The council has no duty to tell a professional body."),
    )
    assert len(report.tables[2].rows) == 158 - 3
    assert report.generated == "2023-11-14"
    assert report.sources[0] == "Chartered Institute of Housing – Code of Conduct v3, in force from 2024-01-01 (sample)"


def test_built_report_page_and_pdf_match_the_sample_mapping(sample_site, handbook) -> None:
    from pypdf import PdfReader

    from handbook.mapping import load_mapping
    from handbook.nolan import load_principles
    from handbook.resolve import report_links

    principles = load_principles()
    links = report_links(load_mapping(ROOT / "mapping/cih-to-council.yml"), principles)
    assert len(links) == 99
    report = build_report(handbook, links, tuple(p.name for p in principles))
    html = without_abbr((sample_site / "report/index.html").read_text(encoding="utf-8"))
    assert report.summary[0].replace("'", "&#x27;") in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "<title id=\"heatmap-title\">" in html
    pdf = PdfReader(sample_site / "report/alignment-report.pdf")
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Coverage of each council policy" in text
    assert "CIH clauses with no council equivalent (policy gaps to consider)" in text
    assert f"page 1 of {len(pdf.pages)}" in text
