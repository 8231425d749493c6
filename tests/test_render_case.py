"""The case sheet (/case/): a clause as it stood on the date of the conduct, built in the browser from handbook.json."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from conftest import baselines, build_site, copy_project, serve

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}

V2 = "https://handbook.example-borough.gov.uk/cih/code-of-conduct/v2/"
V3 = "https://handbook.example-borough.gov.uk/cih/code-of-conduct/v3/"
DOI = "https://handbook.example-borough.gov.uk/council/declarations-of-interest-policy/"
ECC = "https://handbook.example-borough.gov.uk/council/employee-code-of-conduct/"
COC_1_4 = (
    "declare any personal, financial or family interest that conflicts, or could appear to conflict, "
    "with their professional duties, and take no part in decisions affected by it"
)
DOI_2_1_V13 = [
    "DOI-2.1 — Declarations of Interest Policy version 1.3 (in force from 2019-04-01 until 2023-07-01)",
    "An interest must be declared where a reasonable person could think that it might affect the employee’s judgement. "
    "This includes:",
    "(a) a financial interest in a business that has a contract with the council;",
    "(b) a close personal relationship with anyone whose housing case the employee deals with; and",
    "(c) membership of a body that has dealings with the council.",
    'Cite: Example Borough Council Declarations of Interest Policy (1.3, in force from 2019-04-01), section 2 '
    f'"What must be declared", clause DOI-2.1, page 1 — {DOI}1.3/doi-2.1/',
]


def sheet_lines(page: Page, site_server: str, query: str) -> list[str]:
    page.goto(f"{site_server}/case/?{query}")
    expect(page.locator(".handbook-case-title")).to_be_visible()
    return [line.strip() for line in page.locator("#handbook-case-sheet").inner_text().splitlines() if line.strip()]


def test_coc_1_4_on_2020_06_01(page: Page, site_server: str) -> None:
    lines = sheet_lines(page, site_server, "clause=COC-1.4&date=2020-06-01")
    assert lines[:8] == [
        "Case sheet: COC-1.4 on 2020-06-01",
        "Print this sheet",
        "The standard on 2020-06-01",
        "In force on 2020-06-01: Code of Conduct v2 (Chartered Institute of Housing), in force from 2019-09-01 until 2024-01-01.",
        f"COC-1.4: {COC_1_4}",
        'Cite: CIH Code of Conduct (v2, in force from 2019-09-01), principle 1 "Act with integrity and respect", '
        f"clause COC-1.4, page 2 — {V2}coc-1.4/",
        "The mapping as reviewed",
        # v2's wording of COC-1.4 is the v3 wording the entry was reviewed against (same SHA-256)
        "Reviewed against exactly this wording (recorded at COC-1.4, v3) by Sample reviewer (HR Policy) on 2026-11-22.",
    ]
    assert lines[8:12] == ["Nolan principles", "Integrity (primary)", "Objectivity", "Council policy clauses engaged, as they stood on 2020-06-01"]
    # The Employee Code of Conduct held dates from 2024: the sheet says its wording post-dates the conduct.
    assert lines[12:14] == [
        "ECC-5.1 — Employee Code of Conduct",
        "No version of the Employee Code of Conduct was in force on 2020-06-01: the earliest held, version 3.1, took effect "
        "on 2024-04-01. The wording shown below is from version 3.1 (in force from 2024-04-01) and post-dates the conduct.",
    ]
    at = lines.index(DOI_2_1_V13[0])
    assert lines[at : at + 7] == [
        *DOI_2_1_V13,
        "Relation: intersects-with (same meaning). Both use the test of an interest that could appear to influence the employee's judgement.",
    ]
    assert "(d) any land or property the employee owns or rents in the borough." not in lines  # DOI 1.4's item
    # The sample's reviewed route names Disciplinary Procedure clauses; the procedure held (4.0) dates from 2023.
    at = lines.index("If this standard is breached")
    assert lines[at + 1 : at + 4] == [
        "Misconduct, as reviewed",
        "DIS-5.1.a — Disciplinary Procedure",
        "No version of the Disciplinary Procedure was in force on 2020-06-01: the earliest held, version 4.0, took effect on "
        "2023-10-01. The wording shown below is from version 4.0 (in force from 2023-10-01) and post-dates the conduct.",
    ]
    assert lines[-1] == "The council has not recorded a general position on breaches."
    # The form shows what was asked.
    expect(page.locator("#handbook-case-clause")).to_have_value("COC-1.4")
    expect(page.locator("#handbook-case-date")).to_have_value("2020-06-01")
    violations = Axe().run(page, options=WCAG_AA).response["violations"]
    assert [v["id"] for v in violations] == []


def test_coc_1_4_today(page: Page, site_server: str) -> None:
    today = date.today().isoformat()
    lines = sheet_lines(page, site_server, "clause=COC-1.4")
    assert lines[0] == f"Case sheet: COC-1.4 on {today}"
    assert lines[3] == f"In force on {today}: Code of Conduct v3 (Chartered Institute of Housing), in force from 2024-01-01."
    assert lines[5].endswith(f"clause COC-1.4, page 2 — {V3}coc-1.4/")
    at = lines.index("DOI-2.1 — Declarations of Interest Policy version 1.4 (in force from 2023-07-01)")
    assert lines[at + 5] == "(d) any land or property the employee owns or rents in the borough."
    assert lines[at + 6].endswith(f"clause DOI-2.1, page 1 — {DOI}1.4/doi-2.1/")
    assert "ECC-5.1 — Employee Code of Conduct version 3.1 (in force from 2024-04-01)" in lines
    assert not any("1.3" in line and "DOI-2.1" in line for line in lines)


def test_reviewed_against_a_later_wording_is_said_plainly(page: Page, site_server: str, sample_site: Path) -> None:
    data = json.loads((sample_site / "handbook.json").read_text(encoding="utf-8"))
    reviewed = {e["text_sha256"] for e in data["mapping"]["entries"] if e["status"] == "reviewed"}
    v2 = next(d for d in data["documents"] if d["code"] == "COC" and d["version"] == "v2")
    coc_1_3 = next(c for s in v2["sections"] for c in s["clauses"] if c["id"] == "COC-1.3")
    assert coc_1_3["sha256"] not in reviewed and coc_1_3["successor"] == {"version": "v3", "id": "COC-1.3"}
    lines = sheet_lines(page, site_server, "clause=COC-1.3&date=2020-06-01")
    at = lines.index("The mapping as reviewed")
    assert lines[at + 1] == (
        "The mapping below was reviewed against the wording of COC-1.3 in v3 (in force from 2024-01-01), "
        "not the wording in force on 2020-06-01."
    )
    assert lines[at + 2].startswith("That wording: refuse gifts, hospitality or other benefits")
    assert lines[at + 3].endswith(f"clause COC-1.3, page 2 — {V3}coc-1.3/")
    assert lines[at - 2] == f"COC-1.3: {coc_1_3['text']}"


def test_council_clause_in_the_version_then_in_force(page: Page, site_server: str) -> None:
    lines = sheet_lines(page, site_server, "clause=doi-2.1&date=2020-06-01")
    assert lines[:9] == ["Case sheet: DOI-2.1 on 2020-06-01", "Print this sheet", "The council clause on 2020-06-01", *DOI_2_1_V13]
    assert lines[9] == "CIH clauses that engage it, as reviewed"
    assert lines[10] == (
        "COC-1.4 (wording reviewed in v3): intersects-with, same meaning. "
        "Both use the test of an interest that could appear to influence the employee's judgement."
    )


def test_a_date_before_any_version(page: Page, site_server: str) -> None:
    assert sheet_lines(page, site_server, "clause=COC-1.4&date=2010-01-01") == [
        "Case sheet: COC-1.4 on 2010-01-01",
        "Print this sheet",
        "The standard on 2010-01-01",
        "No version of the Code of Conduct held was in force on 2010-01-01: the earliest, v2, took effect on 2019-09-01. "
        "This sheet cannot show the standard as it stood then.",
    ]


def test_a_hostile_clause_id_is_shown_as_text(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}/case/")
    page.locator("#handbook-case-clause").fill('<img src=x onerror="window.pwned=1">')
    page.locator("#handbook-case-date").fill("2020-06-01")
    page.locator("#handbook-case-date").press("Enter")  # the form submits by keyboard
    expect(page.locator(".handbook-case-title")).to_have_text('Case sheet: <img src=x onerror="window.pwned=1"> on 2020-06-01')
    expect(page.locator(".handbook-case-problem")).to_have_text(
        'No CIH document or council policy held has a clause “<img src=x onerror="window.pwned=1">”. Check the clause ID.'
    )
    assert page.locator("#handbook-case-sheet img").count() == 0
    assert page.evaluate("window.pwned") is None


def test_form_lists_every_clause_id(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}/case/")
    ids = page.locator("#handbook-case-ids option").evaluate_all("os => os.map(o => o.value)")
    assert {"COC-1.4", "COE-1.8", "DOI-2.1", "DOI-2.1.d", "DIS-5.1"} <= set(ids) and len(ids) == len(set(ids))
    expect(page.get_by_label("Clause ID")).to_be_visible()
    expect(page.get_by_label("Date of the conduct")).to_have_value(date.today().isoformat())
    assert page.locator("#handbook-case-sheet").inner_text().strip() == ""


def squeezed(text: str) -> str:
    """Text without its spaces and line breaks (a long address in a PDF wraps at its hyphens)."""
    return "".join(text.split())


@pytest.mark.parametrize(
    "query",
    [
        "clause=COC-1.4&date=2020-06-01",  # a superseded wording; council policies not yet in force then
        "clause=COC-1.4",  # today
        "clause=COC-1.3&date=2020-06-01",  # the mapping was reviewed against a later wording
        "clause=COC-1.2&date=2020-06-01",  # the longest sheet of the sample: both wordings, three policies, six routes
        "clause=DOI-2.1&date=2020-06-01",  # a council clause in a superseded policy version
        "clause=DOI-2.1",
    ],
)
def test_the_sheet_prints_on_one_a4_page_with_the_stamp_in_the_footer(page: Page, site_server: str, query: str) -> None:
    lines = sheet_lines(page, site_server, query)
    clause, _, day = lines[0].removeprefix("Case sheet: ").partition(" on ")
    page.emulate_media(media="print")
    expect(page.locator("#handbook-case-form")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".handbook-case-print")).to_be_hidden()
    expect(page.locator(".handbook-case-title")).to_be_visible()
    # On paper nothing below the sheet takes room: the theme's screen spacing (a bottom margin, a full-height body)
    # once pushed a nearly full sheet on to a second, empty page.
    below = "document.body.getBoundingClientRect().bottom - document.querySelector('.handbook-case').getBoundingClientRect().bottom"
    assert page.evaluate(below) < 2  # a pixel of rounding, never the theme's 1.2rem (19 px) bottom margin
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4 in points
    text = squeezed(pdf.pages[0].extract_text())
    # The whole sheet is on the page, from its title to its last line.
    assert squeezed(lines[0]) in text and squeezed(lines[-1]) in text
    stamp = (
        f"Printed on {date.today().isoformat()} from the Professional Standards Handbook: "
        f"https://handbook.example-borough.gov.uk/case/?clause={clause}&date={day}"
    )
    assert squeezed(stamp) in text
    # The stamp is the foot of the page: below every line of the sheet, within the bottom margin's reach.
    runs = baselines(pdf.pages[0])
    foot = next(y for y, run in runs if run.startswith("Printed on"))
    sheet = [y for y, run in runs if abs(y - foot) > 0.5]
    assert sheet and min(sheet) > foot
    assert foot < 72  # within an inch of the page's foot (the @page margin is 18 mm)


def test_a_long_sheet_is_scaled_to_the_page_and_a_short_one_is_not(page: Page, site_server: str) -> None:
    zoom = "getComputedStyle(document.getElementById('handbook-case-sheet')).getPropertyValue('--handbook-case-zoom')"
    sheet_lines(page, site_server, "clause=COC-1.2&date=2020-06-01")
    assert 0.6 <= float(page.evaluate(zoom)) < 1
    sheet_lines(page, site_server, "clause=DOI-2.1&date=2020-06-01")
    assert float(page.evaluate(zoom)) == 1
    assert page.locator(".handbook-case-measure").count() == 0  # the measuring copy is gone


BREACH = """    breach:
      misconduct: [DIS-5.1.a, DIS-5.2.d]
      procedure: [DIS-2.1]
"""
POSITION = """breach_position:
  statement: "A breach of a CIH standard is dealt with under the Disciplinary Procedure. (SAMPLE)"
  adopted_on: 2026-11-20
  adopted_by: Housing Committee
"""


@pytest.fixture(scope="module")
def breach_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample handbook with a reviewed breach route for COC-1.4 and the council's position."""
    project = copy_project(tmp_path_factory.mktemp("breach"))
    mapping = project / "mapping" / "cih-to-council.yml"
    text = mapping.read_text(encoding="utf-8")
    # The sample already reviews a route for COC-1.4: replace it with a shorter one, and add the council's position.
    start = text.index("  - clause: COC-1.4\n")
    end = text.index("\n  - clause:", start + 1)
    entry = re.sub(r"    breach:\n(?:      .*\n)+", BREACH, text[start:end] + "\n", count=1)
    assert BREACH in entry and text.count("\nentries:\n") == 1
    text = text[:start] + entry[:-1] + text[end:]
    text = text.replace("\nentries:\n", "\n" + POSITION + "entries:\n")
    mapping.write_text(text, encoding="utf-8")
    site = tmp_path_factory.mktemp("breach-site") / "site"
    build_site(project, site)
    yield from serve(site)


def test_breach_route_in_the_procedure_version_in_force(page: Page, breach_site: str) -> None:
    today = date.today().isoformat()
    lines = sheet_lines(page, breach_site, "clause=COC-1.4")
    at = lines.index("If this standard is breached")
    dis = "https://handbook.example-borough.gov.uk/council/disciplinary-procedure/4.0/"
    assert lines[at + 1] == "Misconduct, as reviewed"
    assert lines[at + 2] == "DIS-5.1.a — Disciplinary Procedure version 4.0 (in force from 2023-10-01)"
    assert lines[at + 3] == "failure to declare an interest as the Declarations of Interest Policy requires;"
    assert re.fullmatch(
        r'Cite: Example Borough Council Disciplinary Procedure \(4\.0, in force from 2023-10-01\), section 5 "[^"]+", '
        rf"clause DIS-5\.1\.a, page \d — {re.escape(dis)}dis-5\.1\.a/",
        lines[at + 4],
    ), lines[at + 4]
    assert lines[at + 5] == "DIS-5.2.d — Disciplinary Procedure version 4.0 (in force from 2023-10-01)"
    assert lines[at + 6] == "deliberately concealing an interest, or soliciting or accepting a bribe;"
    assert lines[at + 8] == "Procedure"
    assert lines[at + 9] == "DIS-2.1 — Disciplinary Procedure version 4.0 (in force from 2023-10-01)"
    assert lines[-1] == (
        "The council’s position (adopted by Housing Committee on 2026-11-20): "
        "A breach of a CIH standard is dealt with under the Disciplinary Procedure. (SAMPLE)"
    )
    assert not any("DIS-4.1" in line for line in lines)  # sanctions are never examples
    assert lines[0] == f"Case sheet: COC-1.4 on {today}"
    # In 2020 the procedure held (4.0, from 2023) was not yet in force: the sheet says the wording post-dates the conduct.
    lines = sheet_lines(page, breach_site, "clause=COC-1.4&date=2020-06-01")
    at = lines.index("If this standard is breached")
    assert lines[at + 2 : at + 4] == [
        "DIS-5.1.a — Disciplinary Procedure",
        "No version of the Disciplinary Procedure was in force on 2020-06-01: the earliest held, version 4.0, took effect on "
        "2023-10-01. The wording shown below is from version 4.0 (in force from 2023-10-01) and post-dates the conduct.",
    ]
