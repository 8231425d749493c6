"""Citations HR can rely on: one standard reference per clause, on the page, in JSON and on the clipboard."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import baselines
from handbook.citation import cite
from handbook.model import Clause, Section, SourceEntry

COC_1_4 = (
    'CIH Code of Conduct (v3, in force from 2024-01-01), principle 1 "Act with integrity and respect", '
    "clause COC-1.4, page 2 — https://handbook.example-borough.gov.uk/cih/code-of-conduct/v3/coc-1.4/"
)
COC_1_4_TEXT = (
    "declare any personal, financial or family interest that conflicts, or could appear to conflict, "
    "with their professional duties, and take no part in decisions affected by it"
)


def entry(kind: str = "code", cite_as: str = "") -> SourceEntry:
    return SourceEntry(
        code="PSF", title="Professional Standards Framework", publisher="Chartered Institute of Housing",
        version="v2", in_force=date(2023, 6, 1), path="/x.pdf", kind=kind, cite_as=cite_as,
    )


def test_citation_format_names_section_by_document_kind() -> None:
    clause = Clause(id="PSF-1.2", text="t", kind="behaviour", page=3, sha256="0")
    section = Section(number="1", title="Integrity", intro="", clauses=(clause,), page=3)
    assert cite(entry("framework"), section, clause, "cih/psf/v2/psf-1.2/", "https://h.example/") == (
        'Chartered Institute of Housing Professional Standards Framework (v2, in force from 2023-06-01), '
        'characteristic 1 "Integrity", clause PSF-1.2, page 3 — https://h.example/cih/psf/v2/psf-1.2/'
    )
    question = Section(number="Q", title="Self-evaluation questions", intro="", clauses=(clause,), page=4)
    assert cite(entry(cite_as="CIH Code of Ethics"), question, clause, "q/", "") == (
        'CIH Code of Ethics (v2, in force from 2023-06-01), "Self-evaluation questions", clause PSF-1.2, page 3 — /q/'
    )


def test_clause_page_and_json_carry_the_same_citation(sample_site: Path) -> None:
    html = (sample_site / "cih/code-of-conduct/v3/coc-1.4/index.html").read_text(encoding="utf-8")
    assert f"<code>{COC_1_4}\n“{COC_1_4_TEXT}”\n</code>" in html.replace("&quot;", '"')
    data = json.loads((sample_site / "handbook.json").read_text(encoding="utf-8"))
    (coc,) = [d for d in data["documents"] if (d["code"], d["version"]) == ("COC", "v3")]
    clause = coc["sections"][0]["clauses"][3]
    assert clause["citation"] == COC_1_4


@pytest.mark.browser
def test_copy_button_puts_the_exact_citation_on_the_clipboard(page: Page, site_server: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
    page.goto(f"{site_server}/cih/code-of-conduct/v3/coc-1.4/")
    block = page.locator(".handbook-citation")
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{COC_1_4}\n“{COC_1_4_TEXT}”"


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "cih/code-of-conduct/v3/coc-1.4/",
        "council/declarations-of-interest-policy/1.4/doi-2.1/",  # a council clause with lettered items
    ],
)
def test_printed_clause_page_has_citation_and_print_stamp_without_navigation(page: Page, site_server: str, path: str) -> None:
    page.goto(f"{site_server}/{path}")
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".handbook-citation")).to_be_visible()
    note = page.locator(".handbook-print-note")
    expect(note).to_be_visible()
    stamp = f"Printed on {date.today().isoformat()} from the Professional Standards Handbook: https://handbook.example-borough.gov.uk/{path}"
    expect(note).to_have_text(stamp)
    citation = page.locator(".handbook-citation code").inner_text().splitlines()[0]
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4 in points
    text = "".join(pdf.pages[0].extract_text().split())  # without spaces: a long address wraps at its hyphens
    assert "".join(stamp.split()) in text and "".join(citation.split()) in text
    # The stamp is the page's footer: below every other line, within an inch of the foot of the page.
    runs = baselines(pdf.pages[0])
    foot = next(y for y, run in runs if run.startswith("Printed on"))
    assert foot < 72 and min(y for y, run in runs if abs(y - foot) > 0.5) > foot


@pytest.mark.browser
@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])  # UTC+14, UTC-11: at any hour one is not on UTC's date
def test_the_print_stamp_dates_the_print_in_the_printers_own_time_zone(browser: Browser, site_server: str, zone: str) -> None:
    context = browser.new_context(timezone_id=zone)
    try:
        page = context.new_page()
        page.goto(f"{site_server}/cih/code-of-conduct/v3/coc-1.4/")
        expect(page.locator(".handbook-print-note")).to_contain_text(f"Printed on {datetime.now(ZoneInfo(zone)).date().isoformat()} from ")
    finally:
        context.close()
