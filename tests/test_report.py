"""The committee report's figures, computed from mapping links (here a small hand-made set)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import ROOT, without_abbr
from handbook.extract import ExtractionCache
from handbook.model import Source
from handbook.pipeline import Handbook, load_handbook
from handbook.report import build_report
from handbook.resolve import ClauseLinks

PRINCIPLES = ("Selflessness", "Integrity", "Objectivity", "Accountability", "Openness", "Honesty", "Leadership")


PROCEDURES = ("DIS", "TRA")


@pytest.fixture(scope="module")
def handbook():
    """The sample handbook, with the Disciplinary Procedure and Training Agreement marked as procedures."""
    loaded = load_handbook(ROOT / "source_pdfs/manifest.yml", ExtractionCache(None))
    policies = tuple(
        Source(dataclasses.replace(p.entry, kind="procedure") if p.entry.code in PROCEDURES else p.entry, p.document)
        for p in loaded.policies
    )
    return Handbook(loaded.manifest, loaded.documents, policies)


def test_figures_follow_the_links(handbook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    links = {
        "COC-1.3": ClauseLinks(("Integrity",), ("GIF-2.1", "ECC-5.2")),
        "COC-1.4": ClauseLinks(("Integrity", "Openness"), ("DOI-2.1",)),
        "COC-3.4": ClauseLinks(("Accountability",), (), gap_note="The council has no duty to tell a professional body."),
        "COC-3.5": ClauseLinks(("Accountability",), ("DIS-5.1",)),  # a procedure only: still a gap
    }
    report = build_report(handbook, links, PRINCIPLES)
    assert report.summary[0] == (
        "Of 99 clauses in the current CIH documents, 2 (2%) engage at least one clause of the council's own "
        "policies; 2 (2%) have no council equivalent and 95 are not yet mapped."
    )
    policy_clauses = sum(len(p.document.clauses) for p in handbook.policies if p.entry.code not in PROCEDURES)
    assert report.summary[1] == (
        f"Of {policy_clauses} clauses in the council's 7 policies, 3 (3%) are engaged by at least one CIH clause. "
        "Procedures (Disciplinary Procedure, Training Agreement) are not counted: they say how the council acts, "
        "not how staff must behave."
    )
    first_row = report.matrix.rows.index("COC 1. Act with integrity and respect")
    assert report.matrix.counts[first_row] == (0, 2, 0, 0, 1, 0, 0)
    principles, coverage, gaps, unreached = report.tables
    assert principles.rows[1] == ("Integrity", "2", "0", "0", "2", "2")
    assert principles.rows[3] == ("Accountability", "2", "0", "0", "2", "2")
    by_policy = {row[0]: row[1:] for row in coverage.rows}
    assert by_policy["GIF Gifts and Hospitality Policy"] == ("2.2", "14", "1", "7%")
    assert not any(row[0].startswith(PROCEDURES) for row in coverage.rows)
    text = {c.id: c.text for c in handbook.current("COC").document.clauses}
    assert gaps.rows == (
        ("COC-3.4", text["COC-3.4"], "The council has no duty to tell a professional body."),
        ("COC-3.5", text["COC-3.5"], ""),
    )
    assert len(unreached.rows) == policy_clauses - 3
    assert not any(row[0].startswith(PROCEDURES) for row in unreached.rows)
    assert report.generated == "2023-11-14"
    assert report.sources[0] == "Chartered Institute of Housing – Code of Conduct v3, in force from 2024-01-01 (sample)"


def _raw_entries() -> dict:
    """The sample mapping read as plain YAML, independently of the mapping module."""
    import yaml

    data = yaml.safe_load((ROOT / "mapping/cih-to-council.yml").read_text(encoding="utf-8"))
    entries = data.get("entries") or [{"clause": k, **v} for k, v in data["clauses"].items()]
    return {e["clause"]: e for e in entries}


def test_the_directors_statements_are_tested_against_the_sample(handbook, monkeypatch: pytest.MonkeyPatch) -> None:
    from handbook.committee import load_committee
    from handbook.mapping import current_entries, load_mapping
    from handbook.nolan import load_principles
    from handbook.resolve import report_links

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")  # 2025-11-25
    principles = load_principles()
    links = report_links(current_entries(load_mapping(ROOT / "mapping/cih-to-council.yml"), handbook), principles)
    committee = load_committee(ROOT / "content/committee.yml")
    report = build_report(handbook, links, tuple(p.name for p in principles), committee)
    # Count the sample's figures straight from the YAML, not through the report's code.
    raw = _raw_entries()
    coc = [c.id for c in handbook.current("COC").document.clauses]
    engaging = [cid for cid in coc if any(link["clause"].split("-")[0] not in PROCEDURES for link in raw[cid].get("policies") or [])]
    with_ecc = [cid for cid in coc if any(link["clause"].startswith("ECC-") for link in raw[cid].get("policies") or [])]
    assert (len(coc), len(engaging), len(with_ecc)) == (23, 18, 17)
    nolan, similar, breach, membership, agreement, legislation = report.findings
    assert (nolan.verdict, similar.verdict, breach.verdict) == ("Supported", "Partly supported", "Largely supported")
    assert nolan.finding == (
        "99 of 99 clauses of the current CIH documents (100%) are mapped, after review, to at least one of the seven "
        "principles. Every principle is the primary one for at least 5 clauses (fewest: Openness)."
    )
    assert similar.finding == (
        "17 of 23 clauses of the Code of Conduct (74%) engage a clause of the council's Employee Code of Conduct, 3 of them "
        "as equivalent; 1 more engages other council policies only, and 5 engage none."
    )
    missing = [cid for cid in coc if cid not in engaging]
    assert breach.finding == (
        "A breach of 18 of the 23 clauses of the Code of Conduct (78%) would engage a council policy, and so could be taken "
        f"forward under the Disciplinary Procedure. For the other 5 ({', '.join(missing)}) no council policy applies: they are gaps."
    )
    clauses = handbook.policy_clauses
    assert [(q.clause, q.text) for q in agreement.quotes] == [(cid, clauses[cid][1].text) for cid in ("TRA-3.3", "TRA-4.1", "TRA-4.3")]
    assert agreement.verdict == "Supported" and membership.verdict == "Partly supported"
    assert legislation.verdict == "Not tested by the data"
    assert legislation.finding.endswith("all 9 have had a new version within the last 3 years.")
    answers = {a.concern.split()[0]: a.answer for a in report.answers}
    assert report.answers[2].answer == "Answered by statement 1 – supported; statement 2 – partly supported; statement 3 – largely supported."
    assert report.answers[0].answer.startswith("The handbook holds no cost or outcome data.")
    assert report.recommendations[0].startswith("No council policy clause requires staff who are CIH members to follow the CIH codes.")
    assert report.review == (
        "The mapping behind these figures was reviewed by Sample reviewer (HR Policy) on 2026-11-22: 99 of 99 current CIH "
        "clauses have a reviewed entry."
    )
    assert answers


def test_a_council_clause_naming_the_cih_codes_removes_the_recommendation(handbook) -> None:
    from handbook.model import Clause, Document, Section

    extra = Clause("ECC-9.1", "Employees who are members of the CIH must follow its Code of Conduct.", "policy", 1, "0" * 64)
    ecc = next(p for p in handbook.policies if p.entry.code == "ECC")
    doc = ecc.document
    widened = Source(ecc.entry, Document(doc.title, doc.sha256, doc.pages, doc.intro, (*doc.sections, Section("9", "CIH", "", (extra,), 1))))
    other = Handbook(handbook.manifest, handbook.documents, tuple(widened if p is ecc else p for p in handbook.policies))
    links = {"COC-1.4": ClauseLinks(("Integrity",), ("DOI-2.1",))}
    assert not any("requires staff who are CIH members" in r for r in build_report(other, links, PRINCIPLES).recommendations)
    assert any("requires staff who are CIH members" in r for r in build_report(handbook, links, PRINCIPLES).recommendations)


def test_committee_file_errors(tmp_path: Path, handbook) -> None:
    from handbook.committee import load_committee
    from handbook.errors import HandbookError
    from handbook.report import committee_problems

    head = "meeting: M\nconcerns:\n  - id: c\n    text: C?\n    answered_by: [s]\nstatements:\n"
    cases = {
        "  - id: s\n    text: S\n    test: guess\n": "7: statement s: test must be one of nolan, similar, breach, evidence, currency; set 'test:'",
        "  - id: s\n    text: S\n    test: similar\n    document: COC\n": "7: statement s: a 'similar' test needs 'policy'; add 'policy:'",
        "  - id: t\n    text: S\n    test: nolan\n": "3: concern c is answered by s, which is not a statement; name a statement id",
        "  - id: s\n    text: S\n    test: evidence\n    evidence: [X-1]\n    finding: F\n    verdict: Maybe\n": (
            "7: statement s: verdict must be one of Supported, Largely supported, Partly supported, Not supported by the data, "
            "Not tested by the data; set 'verdict:'"
        ),
    }
    for n, (tail, message) in enumerate(cases.items()):
        bad = tmp_path / f"committee{n}.yml"
        bad.write_text(head + tail)
        with pytest.raises(HandbookError) as err:
            load_committee(bad)
        assert str(err.value) == f"{bad}:{message}"
    unknown = tmp_path / "unknown.yml"
    unknown.write_text(head + "  - id: s\n    text: S\n    test: evidence\n    evidence: [TRA-9.9]\n    finding: F\n    verdict: Supported\n")
    assert [str(p) for p in committee_problems(load_committee(unknown), handbook)] == [
        f"{unknown}:7: statement s names council clause TRA-9.9, which the handbook does not hold; correct it or add the council clause to the manifest"
    ]


def test_built_report_page_and_pdf_match_the_sample_mapping(sample_site) -> None:
    sample_handbook = load_handbook(ROOT / "source_pdfs/manifest.yml", ExtractionCache(None))
    from pypdf import PdfReader

    from handbook.mapping import current_entries, load_mapping
    from handbook.nolan import load_principles
    from handbook.resolve import report_links

    principles = load_principles()
    links = report_links(current_entries(load_mapping(ROOT / "mapping/cih-to-council.yml"), sample_handbook), principles)
    assert len(links) == 99
    report = build_report(sample_handbook, links, tuple(p.name for p in principles))
    html = without_abbr((sample_site / "report/index.html").read_text(encoding="utf-8"))
    assert report.summary[0] in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "<title id=\"heatmap-title\">" in html
    pdf = PdfReader(sample_site / "report/alignment-report.pdf")
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Appendix C: Coverage of each council policy" in text
    assert "Appendix D: CIH clauses with no council policy equivalent (gaps to consider)" in text
    assert "The statements made to the committee, tested against the data" in pdf.pages[0].extract_text()
    assert "Appendix A:" not in pdf.pages[0].extract_text()
    assert f"page 1 of {len(pdf.pages)}" in text


@pytest.mark.browser
def test_report_on_a_phone_shows_the_table_and_every_cell_has_a_header(page, site_server: str) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site_server}/report/")
    expect(page.locator("svg.handbook-heatmap")).to_be_hidden()
    expect(page.locator(".handbook-narrow-note")).to_be_visible()
    expect(page.get_by_role("table", name="Appendix B: CIH clauses by section and Nolan principle (as a table)")).to_be_visible()
    # Lighthouse td-has-header: every data cell of every table sits in a row with a row header.
    orphans = page.evaluate(
        "() => [...document.querySelectorAll('article table td')].filter(td => !td.parentElement.querySelector('th')).length"
    )
    assert orphans == 0
    assert page.locator("article table").count() >= 6
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.locator("svg.handbook-heatmap")).to_be_visible()


def test_a_large_library_gets_totals_per_principle_and_a_pdf(handbook) -> None:
    """With more CIH documents than fit across A4, Appendix A keeps the totals only (fpdf2 refuses a row too high)."""
    from handbook.report_output import report_pdf

    documents = tuple(
        Source(dataclasses.replace(s.entry, code=f"{s.entry.code}{n}"), s.document) for n in range(3) for s in handbook.documents
    )
    large = Handbook(handbook.manifest, documents, handbook.policies, handbook.policy_history)
    report = build_report(large, {}, PRINCIPLES)
    assert report.tables[0].headers == ("Principle", "All", "As primary principle")
    assert report_pdf(report).startswith(b"%PDF-")
    assert build_report(handbook, {}, PRINCIPLES).tables[0].headers == (
        "Principle", "COC", "COE", "PSF", "All", "As primary principle"
    )


def test_a_finding_lists_a_dozen_items_and_counts_the_rest() -> None:
    """A handbook of 900 policies must not print all 900 in one finding (nor make a PDF row taller than a page)."""
    from handbook.report import listed

    assert listed(["a", "b"], "; ") == "a; b"
    assert listed([f"P{n}" for n in range(30)], "; ") == "; ".join(f"P{n}" for n in range(12)) + " and 18 more"
