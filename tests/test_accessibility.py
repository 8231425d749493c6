"""Accessibility: axe-core (WCAG 2.2 AA) on every page type, and the handbook used by keyboard alone.

Runs in Debian's headless Chromium (see conftest.py).  The statement that
describes these checks is docs/accessibility.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}

# One page of every type the site generates; add each new page type here.
PAGE_TYPES = {
    "home": "/",
    "standards": "/cih/",
    "document": "/cih/code-of-conduct/v3/",
    "clause": "/cih/code-of-conduct/v3/coc-1.4/",
    "framework document": "/cih/professional-standards-framework/v2/",
    "framework clause": "/cih/professional-standards-framework/v2/psf-1.1/",
    "superseded clause": "/cih/code-of-conduct/v2/coc-1.3/",
    "what changed": "/cih/code-of-conduct/changes/",
    "in force on a date": "/cih/in-force/",
    "how to cite": "/how-to-cite/",
    "induction": "/induction/",
    "induction module with quiz": "/induction/code-of-ethics/",
    "acknowledgement sheet": "/induction/acknowledgement/",
    "glossary": "/glossary/",
    "tenants": "/tenants/",
    "accessibility statement": "/accessibility/",
    "council policies": "/council/",
    "council policy": "/council/disciplinary-procedure/",
    "council policy version (superseded)": "/council/declarations-of-interest-policy/1.3/",
    "council clause with items (superseded)": "/council/declarations-of-interest-policy/1.3/doi-2.1/",
    "council policy what changed": "/council/declarations-of-interest-policy/changes/",
    "nolan principles": "/nolan/",
    "nolan principle": "/nolan/integrity/",
    "alignment report": "/report/",
    "case sheet": "/case/?clause=COC-1.4&date=2020-06-01",
}


def page_exists(site: Path, path: str) -> bool:
    path = path.split("?")[0]
    return (site / path.strip("/") / "index.html").exists() if path != "/" else (site / "index.html").exists()


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_wcag_22_aa_violations(page: Page, sample_site: Path, site_server: str, path: str) -> None:
    assert page_exists(sample_site, path), f"{path} is missing from the built site"
    page.goto(site_server + path)
    page.wait_for_load_state("load")
    violations = Axe().run(page, options=WCAG_AA).response["violations"]
    assert violations == [], f"axe found {len(violations)} WCAG violation(s) on {path}:\n{describe(violations)}"


def test_no_violations_with_search_open(page: Page, site_server: str) -> None:
    """The search panel with filters and results showing (a superseded one among them) is a page state of its own."""
    page.goto(site_server + "/")
    page.locator("#hb-search-input").click()
    page.locator("#hb-search-input").press_sequentially("bankrupt", delay=10)
    expect(page.locator(".hb-search__result").first).to_be_visible()
    expect(page.locator(".hb-search__badge").first).to_have_text("superseded")
    violations = Axe().run(page, options=WCAG_AA).response["violations"]
    assert violations == [], describe(violations)


def focused_text(page: Page) -> str:
    return (page.evaluate("document.activeElement && document.activeElement.textContent") or "").strip()


def test_skip_link_is_first_and_moves_focus_to_content(page: Page, site_server: str) -> None:
    page.goto(site_server + "/cih/code-of-conduct/v3/coc-1.4/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    expect(page.locator(":focus")).to_be_visible()  # it appears when focused
    page.keyboard.press("Enter")
    assert "#" in page.url  # jumped to the content anchor


def test_keyboard_only_navigation_and_search(page: Page, site_server: str) -> None:
    page.goto(site_server + "/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    # Tab on through the header and navigation until the Code of Conduct link has focus.
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused_text(page) == "Code of Conduct" and page.evaluate("document.activeElement.tagName") == "A":
            break
    else:
        pytest.fail("the navigation link to the Code of Conduct was never reached with Tab")
    expect(page.locator(":focus")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_server + "/cih/code-of-conduct/v3/")
    # "/" jumps to the search box, as on Material sites, once the page's script has set the box up
    # (the address changes before the new page's scripts have run; a loaded machine shows the gap).
    expect(page.locator("#hb-search-input")).to_be_attached()
    page.keyboard.press("/")
    expect(page.locator("#hb-search-input")).to_be_focused()
    page.keyboard.type("COC-1.4", delay=20)
    first = page.locator(".hb-search__result").first
    expect(first).to_be_visible()
    expect(first).to_contain_text("COC-1.4")
    page.keyboard.press("ArrowDown")
    expect(page.locator(".hb-search__result a").first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".hb-search__result a").nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator("#hb-search-input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#hb-search-panel")).to_be_hidden()
    page.keyboard.press("ArrowDown")  # results again, first one focused
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_server}/cih/code-of-conduct/v3/coc-1.4/")
    expect(page.locator("h1")).to_contain_text("COC-1.4")
