"""HR's flows in real headless Chromium on the sample site: council policy versions and clause pages,
what changed between them, council clauses in full on CIH clause pages, and a clause printed on one A4 page."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from conftest import baselines, build_site, copy_project, serve

pytestmark = pytest.mark.browser

DOI = "/council/declarations-of-interest-policy"
DOI_21_OLD = "An interest must be declared where a reasonable person could think that it might affect the employee’s judgement. This includes:"
DOI_21_NEW = (
    "An interest must be declared where a reasonable person, knowing the facts, could think that it might influence "
    "the employee’s judgement. This includes:"
)


def heading(page: Page) -> str:
    """The page's h1 without its ¶ permalink."""
    return page.locator("h1").evaluate("h => h.innerText.replace('¶', '').trim()")


def test_superseded_council_clause_page_has_its_text_items_notice_and_citation(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}{DOI}/1.3/doi-2.1/")
    expect(page).to_have_title("DOI-2.1 — Declarations of Interest Policy version 1.3 - Professional Standards Handbook")
    assert heading(page) == "DOI-2.1 — Declarations of Interest Policy version 1.3"
    notice = page.locator(".admonition.warning").first
    expect(notice).to_contain_text(
        "This is version 1.3, in force from 2019-04-01 until 2023-07-01. It has been superseded by version 1.4, in force from 2023-07-01."
    )
    expect(notice).to_contain_text("In version 1.4 it continues as DOI-2.1, reworded.")
    expect(page.locator(".handbook-clause-text")).to_have_text(DOI_21_OLD)
    expect(page.locator(".handbook-clause-items li")).to_have_text(
        [
            "a financial interest in a business that has a contract with the council;",
            "a close personal relationship with anyone whose housing case the employee deals with; and",
            "membership of a body that has dealings with the council.",
        ]
    )
    citation = page.locator(".handbook-citation code").inner_text().rstrip("\n")
    assert citation == (
        'Example Borough Council Declarations of Interest Policy (1.3, in force from 2019-04-01), section 2 "What must be declared", '
        "clause DOI-2.1, page 1 — https://handbook.example-borough.gov.uk/council/declarations-of-interest-policy/1.3/doi-2.1/\n"
        f"“{DOI_21_OLD} (a) a financial interest in a business that has a contract with the council; (b) a close personal "
        "relationship with anyone whose housing case the employee deals with; and (c) membership of a body that has dealings "
        "with the council.”"
    )
    # The notice leads on to the current wording.
    notice.get_by_role("link", name="DOI-2.1").click()
    expect(page).to_have_url(f"{site_server}{DOI}/1.4/doi-2.1/")
    expect(page.locator(".handbook-clause-text")).to_have_text(DOI_21_NEW)
    expect(page.locator(".handbook-clause-items li")).to_have_count(4)
    expect(page.locator(".admonition.warning", has_text="Superseded version")).to_have_count(0)
    expect(page.get_by_role("cell", name="1.4, in force from 2023-07-01 (current)")).to_be_visible()


def test_policy_page_keeps_its_anchors_and_leads_to_versions_and_changes(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}{DOI}/#doi-2-1")
    anchor = page.locator("#doi-2-1")
    expect(anchor).to_contain_text("DOI-2.1 " + DOI_21_NEW)
    anchor.get_by_role("link", name="permalink").click()
    expect(page).to_have_url(f"{site_server}{DOI}/1.4/doi-2.1/")
    page.goto(f"{site_server}{DOI}/")
    page.get_by_role("link", name="1.3", exact=True).click()
    expect(page).to_have_url(f"{site_server}{DOI}/1.3/")
    assert heading(page) == "Declarations of Interest Policy version 1.3"
    expect(page.locator(".admonition.warning").first).to_contain_text("It has been superseded by version 1.4")
    page.get_by_role("link", name="What changed between versions").click()
    expect(page).to_have_url(f"{site_server}{DOI}/changes/")
    expect(page.locator("h2", has_text="1.3 → 1.4")).to_be_visible()
    expect(page.get_by_text("1.4 took effect on 2023-07-01: 1 added, 0 removed, 5 reworded, 7 unchanged.")).to_be_visible()
    reworded = page.locator("li", has=page.get_by_role("link", name="DOI-2.1 (1.3)"))
    expect(reworded.locator("del")).to_have_text(["person ", "affect "])
    expect(reworded.locator("ins")).to_have_text(["person, knowing the facts, ", "influence "])


def test_cih_clause_page_shows_council_clauses_in_full_with_their_version(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}/cih/code-of-conduct/v3/coc-1.4/")
    expect(page).to_have_title("COC-1.4 — CIH Code of Conduct v3 - Professional Standards Handbook")
    assert heading(page) == "COC-1.4 — CIH Code of Conduct v3"
    doi = page.locator(".handbook-clause-details li", has=page.get_by_role("link", name="DOI-2.1", exact=True))
    expect(doi.first).to_contain_text(f"DOI-2.1 Declarations of Interest Policy version 1.4 (in force from 2023-07-01): {DOI_21_NEW}")
    items = doi.first.locator("li")
    expect(items).to_have_text(
        [
            "(a) a financial interest in a company, contractor or landlord that deals with the council;",
            "(b) a close personal relationship with a tenant, applicant, colleague or supplier whose case or contract the employee deals with;",
            "(c) membership of an organisation, such as a residents’ group or housing association board, that has dealings with the council; and",
            "(d) any land or property the employee owns or rents in the borough.",
            re.compile(r"^This clause is overlapping with it \(same meaning\)\."),
        ]
    )
    doi.first.get_by_role("link", name="DOI-2.1", exact=True).click()
    expect(page).to_have_url(f"{site_server}{DOI}/1.4/doi-2.1/")


@pytest.fixture(scope="module")
def edition_site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample handbook with Code of Conduct v3 relabelled "Edition 4", served locally."""
    project = copy_project(tmp_path_factory.mktemp("edition"), with_mapping=False)
    manifest = project / "source_pdfs/manifest.yml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("      - version: v3\n        in_force: 2024-01-01\n        file: cih-code-of-conduct-v3", "      - version: Edition 4\n        in_force: 2024-01-01\n        file: cih-code-of-conduct-v3", 1), encoding="utf-8")
    assert "Edition 4" in manifest.read_text(encoding="utf-8")
    site = project / "site"
    build_site(project, site, cache_dir=tmp_path_factory.mktemp("edition-cache"))
    yield from serve(site)


def test_version_with_a_space_gets_a_slug(page: Page, edition_site_server: str) -> None:
    page.goto(f"{edition_site_server}/cih/code-of-conduct/edition-4/coc-1.4/")
    assert heading(page) == "COC-1.4 — CIH Code of Conduct Edition 4"
    citation = page.locator(".handbook-citation code").inner_text().rstrip("\n")
    reference, _, link = citation.splitlines()[0].rpartition(" — ")
    assert reference.startswith("CIH Code of Conduct (Edition 4, in force from 2024-01-01)")
    assert link == "https://handbook.example-borough.gov.uk/cih/code-of-conduct/edition-4/coc-1.4/"
    assert " " not in link
    page.goto(f"{edition_site_server}/cih/code-of-conduct/v2/coc-1.4/")
    page.locator(".admonition.warning").get_by_role("link", name="COC-1.4").click()
    expect(page).to_have_url(f"{edition_site_server}/cih/code-of-conduct/edition-4/coc-1.4/")


def printed(page: Page) -> PdfReader:
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    return PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))


@pytest.mark.parametrize(
    "path",
    [
        "/cih/code-of-conduct/v3/coc-1.4/",
        "/cih/code-of-conduct/v2/coc-1.4/",  # superseded: the notice too
        f"{DOI}/1.3/doi-2.1/",  # superseded council clause with items
        "/council/disciplinary-procedure/4.0/dis-5.2/",  # the longest clause: seven items
    ],
)
def test_a_printed_clause_is_one_a4_page_with_the_stamp_in_the_footer(page: Page, site_server: str, path: str) -> None:
    page.goto(f"{site_server}{path}")
    pdf = printed(page)
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert re.search(r"Printed on \d{4}-\d{2}-\d{2} from the Professional Standards Handbook: https://handbook\.example-borough\.gov\.uk/", text)
    assert "Sample" in text  # the sample notice is on the same page
    assert "How this applies at the council" not in text  # the mapping is the case sheet's job
    runs = baselines(pdf.pages[0])  # on paper the stamp is the last line, at the foot of the page
    foot = next(y for y, run in runs if run.startswith("Printed on"))
    assert foot < 72 and min(y for y, run in runs if abs(y - foot) > 0.5) > foot
    # The stamp is fixed to the foot of the page, below everything else.
    note = page.locator(".handbook-print-note")
    assert note.evaluate("n => getComputedStyle(n).position") == "fixed"
    box = note.bounding_box()
    assert box is not None and abs(box["y"] + box["height"] - page.viewport_size["height"]) < 1
    content_bottom = page.locator(".handbook-citation").bounding_box()
    assert content_bottom is not None and content_bottom["y"] + content_bottom["height"] <= box["y"]


def test_breach_route_is_the_reviewed_one_and_never_a_sanction(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}/cih/code-of-conduct/v3/coc-1.4/")
    details = page.locator(".handbook-clause-details")
    expect(details).to_contain_text("A breach would engage the council's Employee Code of Conduct, Declarations of Interest Policy.")
    expect(details).to_contain_text("Examples in the Disciplinary Procedure version 4.0 that apply, as reviewed:")
    route = details.locator("ul").last.locator("xpath=preceding-sibling::ul[1]")
    expect(route.locator("> li")).to_have_text(
        [
            "DIS-5.1.a misconduct example: failure to declare an interest as the Declarations of Interest Policy requires;",
            "DIS-5.2.d gross misconduct example: deliberately concealing an interest, or soliciting or accepting a bribe;",
        ]
    )
    steps = details.locator("ul").last.locator("> li")
    expect(steps).to_have_count(4)
    expect(steps.first).to_contain_text("DIS-2.1 Where a concern is too serious for informal action")
    expect(details).not_to_contain_text("DIS-4.1.a")  # a first written warning is a sanction, never an example
    expect(details).not_to_contain_text("share words")
    route.get_by_role("link", name="DIS-5.2.d").click()
    expect(page).to_have_url(f"{site_server}/council/disciplinary-procedure/4.0/dis-5.2.d/")
    expect(page.locator(".handbook-clause-lead")).to_contain_text("Item (d) of DIS-5.2: Gross misconduct is behaviour so serious")


def test_where_no_route_was_reviewed_the_page_says_so(page: Page, site_server: str) -> None:
    # PSF-2.3 engages no council clause; COE-Q1 is a question: reviewed, and no disciplinary route named.
    page.goto(f"{site_server}/cih/code-of-ethics/v3/coe-q1/")
    expect(page.locator(".handbook-clause-details")).to_contain_text("The council reviewed this wording and names no disciplinary route for it.")


def test_superseded_clause_pages_show_the_mapping_of_their_wording_or_say_none(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}/cih/code-of-conduct/v2/coc-1.4/")  # same wording as v3: the same reviewed entry
    details = page.locator(".handbook-clause-details")
    expect(details.locator("h2")).to_contain_text("How this applied at the council")
    expect(details).to_contain_text("Mapping reviewed for this wording by Sample reviewer (HR Policy) on 2026-11-22.")
    note = details.locator(".admonition.note", has_text="Council wording while v2 was in force")
    expect(note).to_contain_text("from 2019-09-01 until 2024-01-01")
    expect(note.locator("li").first).to_have_text(
        f"DOI-2.1 Declarations of Interest Policy version 1.3 (in force from 2019-04-01): {DOI_21_OLD} (a) a financial interest in "
        "a business that has a contract with the council; (b) a close personal relationship with anyone whose housing case "
        "the employee deals with; and (c) membership of a body that has dealings with the council."
    )
    note.get_by_role("link", name="DOI-2.1").click()
    expect(page).to_have_url(f"{site_server}{DOI}/1.3/doi-2.1/")
    page.goto(f"{site_server}/cih/code-of-conduct/v2/coc-1.2/")  # reworded in v3: no entry for this wording
    details = page.locator(".handbook-clause-details")
    expect(details).to_contain_text("No mapping was reviewed for this wording of the clause.")
    expect(details).not_to_contain_text("Nolan principles")
    expect(details).not_to_contain_text("If this standard is breached")
